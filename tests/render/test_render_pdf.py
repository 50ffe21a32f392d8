"""A Word-compatible office suite opens the .docx: LibreOffice converts it to PDF.

Skipped when LibreOffice is not installed; the rest of the suite never needs it.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import COMPLETE

NO_LIBREOFFICE = shutil.which("soffice") is None and shutil.which("libreoffice") is None
pytestmark = pytest.mark.skipif(NO_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")


def test_docx_converts_to_pdf(cli, tmp_path):
    out = tmp_path / "agreement.pdf"
    code, _, err = cli("render", "--as-of", "2026-11-23", COMPLETE, "-o", out)
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/Type /Page" in data or b"/Type/Page" in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.pdf"]  # no .docx or temp files left


def test_child_copy_converts_too(cli, tmp_path):
    out = tmp_path / "child.pdf"
    code, _, err = cli("render", "--as-of", "2026-11-23", COMPLETE, "--audience", "child", "--to", "pdf",
                       "-o", out)
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")


NO_PDFTOTEXT = shutil.which("pdftotext") is None
LIFECYCLE = COMPLETE.parent.parent / "profiles" / "jersey-complete.yaml"  # plan format 2, in full


def _pdf_pages(pdf) -> list[str]:
    """Each page's words in reading order, each cell's together, spaces and line breaks made one.
    A narrow table cell wraps ("18 November / 2026") where LibreOffice lacks the document's font
    (Arial) and falls back to a wider one: the words are the same, so they are what is compared."""
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def _pdf_text(pdf) -> str:
    return " ".join(_pdf_pages(pdf))


@pytest.mark.skipif(NO_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_shows_the_distribution_list_and_the_date_agreed(cli, tmp_path):
    out = tmp_path / "agreement.pdf"
    code, _, err = cli("render", "--as-of", "2026-11-23", LIFECYCLE, "-o", out)
    assert code == 0, err
    text = _pdf_text(out)
    assert "Distribution list" in text
    listed = text.split("Distribution list", 1)[1]
    for name in ("Sam Example", "Jo Fictional", "Alex Sample", "Pat Sample", "Lee Example", "Conference chair"):
        assert name in listed
    assert listed.count("18 November 2026") >= 6
    assert "Agreed: 16 November 2026 (version 1)" in text
    assert "Signed in person" in text and "DRAFT" not in text


@pytest.mark.skipif(NO_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")
def test_the_family_pdf_shows_contacts_and_who_was_sent_it(cli, tmp_path):
    out = tmp_path / "family.pdf"
    code, _, err = cli("render", "--as-of", "2026-11-23", "--audience", "family", LIFECYCLE, "-o", out)
    assert code == 0, err
    text = _pdf_text(out)
    assert "Who has been sent this plan" in text
    assert "Out-of-hours phone number: 01534 612612" in text
    assert "01534 960002" in text and "How to complain" in text


@pytest.mark.skipif(NO_PDFTOTEXT, reason="pdftotext (poppler-utils) is not installed")
def test_every_page_of_a_draft_pdf_says_draft(cli, tmp_path):
    plan = tmp_path / "cp-2026-0412.yaml"
    code, _, err = cli("new", plan, "--stage", "detailed", "--as-of", "2026-11-23", "--set", "child_name=Riley Fictional",
                       "--set", "conference_date=2026-11-02")
    assert code == 0, err
    out = tmp_path / "draft.pdf"
    code, _, err = cli("render", "--as-of", "2026-11-23", plan, "-o", out)
    assert code == 0 and "marked DRAFT on every page" in err
    pages = _pdf_pages(out)
    assert len(pages) >= 2
    assert all("DRAFT: not ready to sign" in page for page in pages)
    assert "Distribution list" in "".join(pages) and "Not yet sent" in "".join(pages)
