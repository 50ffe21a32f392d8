"""`cpptool render` on the command line: options, refusals, safe writing, Markdown, exit codes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import COMPLETE, EXAMPLES, ROOT
from render_helpers import headings, open_docx, variant

AS_OF = "2026-11-23"
FLAWED = EXAMPLES / "flawed" / "detailed-flawed.yaml"
STRUCTURE_FLAWED = EXAMPLES / "flawed" / "structure-flawed.yaml"


def one_error_line(err: str) -> bool:
    return err.startswith("cpptool: error: ") and err.count("\n") == 1


def test_writes_a_docx_and_says_so(cli, tmp_path):
    out = tmp_path / "agreement.docx"
    code, stdout, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out)
    assert code == 0, err
    assert stdout == ""
    assert err == f"wrote {out} (docx, professional copy, 4 signatories)\n"
    assert out.read_bytes()[:2] == b"PK"


def test_refuses_to_overwrite_without_force(cli, tmp_path):
    out = tmp_path / "agreement.docx"
    out.write_bytes(b"old agreement")
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out)
    assert code == 2 and one_error_line(err)
    assert "already exists; use --force" in err
    assert out.read_bytes() == b"old agreement"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.docx"]


def test_force_replaces_and_leaves_no_temporary_files(cli, tmp_path):
    out = tmp_path / "agreement.docx"
    out.write_bytes(b"old agreement")
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out, "--force")
    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.docx"]


def test_a_failure_while_building_leaves_no_partial_file(cli, tmp_path, monkeypatch):
    import cpptool.core.render.docx as render_docx

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(render_docx, "to_docx", broken)
    out = tmp_path / "agreement.docx"
    out.write_bytes(b"old agreement")
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out, "--force")
    assert code == 2 and "internal error" in err
    assert out.read_bytes() == b"old agreement"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.docx"]


def test_a_failed_write_leaves_no_temporary_file(cli, tmp_path, monkeypatch):
    import os

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    out = tmp_path / "agreement.docx"
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out)
    assert code == 2 and one_error_line(err) and "No space left" in err
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_write_over_the_plan(cli, tmp_path):
    plan = variant(tmp_path, name="plan.md")
    before = plan.read_bytes()
    code, _, err = cli("render", "--as-of", AS_OF, plan, "-o", plan, "--force")
    assert code == 2 and "is the plan itself" in err
    assert plan.read_bytes() == before


def test_missing_plan(cli, tmp_path):
    code, _, err = cli("render", tmp_path / "nope.yaml", "-o", tmp_path / "out.docx")
    assert code == 2 and one_error_line(err) and "no such file" in err


def test_missing_output_folders_are_made(cli, tmp_path):
    out = tmp_path / "out" / "area-north" / "cp-2026-0412.docx"
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out)
    assert code == 0, err
    assert out.read_bytes()[:2] == b"PK"


def test_output_under_a_file_is_refused(cli, tmp_path):
    (tmp_path / "out").write_text("a file")
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", tmp_path / "out" / "a.docx")
    assert code == 2 and one_error_line(err) and "is a file, not a folder" in err


def test_docx_needs_an_output_file(cli):
    code, out, err = cli("render", "--as-of", AS_OF, COMPLETE)
    assert code == 2 and one_error_line(err) and "-o FILE" in err
    assert out == ""


def test_invalid_plan_is_refused_with_a_pointer_to_check(cli, tmp_path):
    out = tmp_path / "out.docx"
    code, _, err = cli("render", STRUCTURE_FLAWED, "-o", out)
    assert code == 2 and one_error_line(err)
    assert "is not a valid plan" in err and "cpptool check" in err
    assert not out.exists()


def test_error_findings_warn_without_quoting_the_plan(cli, tmp_path):
    out = tmp_path / "out.docx"
    code, _, err = cli("render", "--as-of", AS_OF, FLAWED, "-o", out)
    assert code == 0, err
    warning = [line for line in err.splitlines() if line.startswith("cpptool: warning: ")]
    assert len(warning) == 1
    assert re.search(r"the plan has \d+ error findings? \(CPP-[A-Z]\d{3}", warning[0])
    assert "cpptool check" in warning[0]
    for value in ("Riley", "Fictional", "Sam Example", "Mum"):
        assert value not in err
    assert out.exists()


def test_strict_refuses_a_plan_with_error_findings(cli, tmp_path):
    out = tmp_path / "out.docx"
    code, _, err = cli("render", "--as-of", AS_OF, "--strict", FLAWED, "-o", out)
    assert code == 1 and one_error_line(err)
    assert re.search(r"refusing to render: \d+ error findings? \(CPP-", err)
    assert "(run cpptool check" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_strict_renders_a_clean_plan(cli, tmp_path):
    code, _, err = cli("render", "--as-of", AS_OF, "--strict", COMPLETE, "-o", tmp_path / "out.docx")
    assert code == 0, err
    assert "warning" not in err


def test_markdown_file_has_the_same_content_order(cli, tmp_path):
    md, docx = tmp_path / "agreement.md", tmp_path / "agreement.docx"
    assert cli("render", "--as-of", AS_OF, COMPLETE, "-o", md)[0] == 0
    assert cli("render", "--as-of", AS_OF, COMPLETE, "-o", docx)[0] == 0
    text = md.read_text(encoding="utf-8")
    assert text.startswith("**OFFICIAL-SENSITIVE**\n\n# Child protection plan for Riley\n")
    md_heads = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    assert md_heads == [t for _, t in headings(open_docx(docx))]
    assert "| What | Who | By when | How we will know |" in text
    assert ("| Sam Example | Lead social worker, Exampleshire Children's Services | Signed in person | "
            "16 November 2026 |") in text
    assert "## Important information" in text


def test_markdown_to_stdout_and_literal_plan_text(cli, tmp_path):
    plan = variant(tmp_path, lambda d: d["strengths"].__setitem__(0, "Mum *really* tries {{ 7*7 }} | # 1"))
    code, out, err = cli("render", "--as-of", AS_OF, plan, "--to", "md")
    assert code == 0, err
    assert err == ""
    assert "- Mum \\*really\\* tries {{ 7\\*7 }} \\| # 1" in out
    assert "49" not in out


def test_to_and_suffix_must_agree(cli, tmp_path):
    code, _, err = cli("render", COMPLETE, "--to", "pdf", "-o", tmp_path / "out.docx")
    assert code == 2 and one_error_line(err) and "does not match" in err


def test_unknown_format_and_audience(cli, tmp_path):
    code, _, err = cli("render", COMPLETE, "--to", "odt", "-o", tmp_path / "out.odt")
    assert code == 2 and "unknown output format" in err
    code, _, err = cli("render", COMPLETE, "--audience", "judge", "-o", tmp_path / "out.docx")
    assert code == 2 and "unknown audience" in err


def test_an_output_name_that_promises_another_program_is_refused(cli, tmp_path):
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", tmp_path / "agreement.odt")
    assert code == 2 and one_error_line(err) and "not .odt" in err and "--to" in err
    assert not (tmp_path / "agreement.odt").exists()
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "--to", "docx", "-o", tmp_path / "agreement.v2")
    assert code == 0, err  # --to says which: the name is the user's choice
    assert (tmp_path / "agreement.v2").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("name", ["other-plan.yaml", "other-plan.YML", "other-plan.yaml.", "other-plan.yml ",
                                  "agreement.docx -> other-plan.yaml"])
def test_a_document_never_replaces_a_yaml_file_even_with_force(cli, tmp_path, name):
    # Windows drops trailing dots and spaces: "other-plan.yaml." would be other-plan.yaml there.
    # A write follows a symbolic link, so a link to a plan is refused like the plan.
    name, _, target = name.partition(" -> ")
    plan = tmp_path / (target or name)
    plan.write_text("format: 2\nstage: outline\n", encoding="utf-8")
    if target:
        (tmp_path / name).symlink_to(plan)
    for extra in ([], ["--to", "md"]):
        code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", tmp_path / name, "--force", *extra)
        assert code == 2 and one_error_line(err) and "never writes a document over one" in err
    assert plan.read_text(encoding="utf-8") == "format: 2\nstage: outline\n"


def test_bad_as_of(cli, tmp_path):
    code, _, err = cli("render", COMPLETE, "--as-of", "2026-02-30", "-o", tmp_path / "out.docx")
    assert code == 2 and one_error_line(err)


def test_pdf_without_libreoffice_is_a_clear_error(cli, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    out = tmp_path / "agreement.pdf"
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "-o", out)
    assert code == 2 and one_error_line(err) and "LibreOffice" in err
    assert list(tmp_path.iterdir()) == []


def test_profile_option(cli, tmp_path):
    out = tmp_path / "out.docx"
    code, _, err = cli("render", "--as-of", AS_OF, COMPLETE, "--profile", "wales", "-o", out)
    assert code == 0, err
    assert headings(open_docx(out))[0] == ("Title", "Care and support protection plan for Riley")


def test_help_lists_the_options(cli):
    code, out, _ = cli("render", "--help")
    assert code == 0
    for option in ("--output", "--to", "--audience", "--force", "--marking", "--reference-doc", "--strict",
                   "--as-of", "--profile", "--config"):
        assert option in out


def test_start_up_and_check_do_not_import_docx_or_jinja2():
    code = (
        "import sys\n"
        "from cpptool.cli import main\n"
        "assert 'docx' not in sys.modules and 'jinja2' not in sys.modules\n"
        f"main(['check', '--as-of', '2026-11-23', {str(COMPLETE)!r}])\n"
        "assert 'docx' not in sys.modules and 'jinja2' not in sys.modules, 'heavy import'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("audience", ["professional", "family", "child"])
def test_every_audience_renders_markdown_with_the_marking(cli, audience):
    code, out, err = cli("render", "--as-of", AS_OF, COMPLETE, "--to", "md", "--audience", audience,
                         "--marking", "OFFICIAL")
    assert code == 0, err
    assert out.startswith("**OFFICIAL**\n") and out.rstrip().endswith("**OFFICIAL**")


def test_render_reads_and_checks_the_plan_once(tmp_path, monkeypatch):
    """The findings that decide --strict and the plan that fills the document come from one read."""
    from cpptool.core import engine
    from cpptool.core.render import RenderOptions, render_file
    from tests.conftest import AS_OF, COMPLETE

    reads = []
    real = engine.load_plan

    def counting(*args, **kwargs):
        reads.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "load_plan", counting)
    render_file(COMPLETE, RenderOptions(output=tmp_path / "a.md", as_of=AS_OF), warn=lambda _: None)
    assert reads == [COMPLETE]
    assert "# Child protection plan for" in (tmp_path / "a.md").read_text(encoding="utf-8")


def _new_plan(cli, tmp_path):
    plan = tmp_path / "cp-2026-0412.yaml"
    code, _, err = cli("new", plan, "--stage", "detailed", "--as-of", AS_OF, "--set", "categories=NEG")
    assert code == 0, err
    return plan


def test_a_plan_with_placeholders_is_a_draft_on_every_page(cli, tmp_path):
    from docx.enum.section import WD_HEADER_FOOTER  # noqa: F401 - python-docx is installed

    plan, out = _new_plan(cli, tmp_path), tmp_path / "a.docx"
    code, _, err = cli("render", "--as-of", AS_OF, plan, "-o", out)
    assert code == 0, err
    warning = [ln for ln in err.splitlines() if ln.startswith("cpptool: warning: ")]
    assert len(warning) == 1 and "marked DRAFT on every page" in warning[0]
    assert re.search(r"\d+ TO DO placeholders \(CPP-Q008\)", warning[0])
    document = open_docx(out)
    for section in document.sections:
        for part in (section.header, section.footer):
            assert any(p.text.startswith("DRAFT: not ready to sign") for p in part.paragraphs)
    code, md, _ = cli("render", "--as-of", AS_OF, plan, "--to", "md")
    assert md.splitlines()[2].startswith("**DRAFT: not ready to sign")


def test_a_plan_with_error_findings_is_a_draft(cli, tmp_path):
    code, md, err = cli("render", "--as-of", AS_OF, FLAWED, "--to", "md")
    assert code == 0 and "**DRAFT: not ready to sign" in md
    assert "marked DRAFT" in err and "error finding" in err


def test_a_clean_plan_is_not_a_draft(cli, tmp_path):
    out = tmp_path / "a.docx"
    code, _, err = cli("render", "--as-of", AS_OF, "--final", COMPLETE, "-o", out)
    assert code == 0 and "warning" not in err
    document = open_docx(out)
    assert not any("DRAFT" in p.text for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs)
    assert "DRAFT" not in cli("render", "--as-of", AS_OF, COMPLETE, "--to", "md")[1]


@pytest.mark.parametrize("which", ["placeholders", "errors"])
def test_final_refuses_a_draft(cli, tmp_path, which):
    plan = _new_plan(cli, tmp_path) if which == "placeholders" else FLAWED
    out = tmp_path / "final.docx"
    code, _, err = cli("render", "--as-of", AS_OF, "--final", plan, "-o", out)
    assert code == 1 and one_error_line(err)
    assert "refusing to render a final copy" in err and "cpptool check" in err
    assert not out.exists()
