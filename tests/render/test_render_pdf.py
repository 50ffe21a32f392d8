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
