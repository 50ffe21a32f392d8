"""`cpptool promote`: outline → detailed, keeping every value and comment; the outline is untouched."""

from __future__ import annotations

from conftest import OUTLINE, load_yaml


def _outline(tmp_path, name="casey-outline.yaml"):
    path = tmp_path / name
    text = OUTLINE.read_text().replace("core_group:\n", "core_group:  # who is in the core group\n", 1)
    path.write_text(text)
    return path


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, path + (i,))
    else:
        yield path, value


def test_promote_keeps_values_and_comments_and_leaves_the_outline(cli, tmp_path):
    outline = _outline(tmp_path)
    before = outline.read_text()
    code, out, err = cli("promote", outline)
    assert code == 0, err
    detailed = tmp_path / "casey-detailed.yaml"
    assert f"wrote the detailed plan to {detailed}" in out
    assert outline.read_text() == before
    old, new = load_yaml(outline), load_yaml(detailed)
    assert new["stage"] == "detailed"
    for path, value in _leaves(old):
        if path == ("stage",):
            continue
        node = new
        for key in path:
            node = node[key]
        assert node == value, path
    text = detailed.read_text()
    for comment in ("# yaml-language-server: $schema=", "# who is in the core group",
                    "# A complete outline plan, as agreed at an initial conference"):
        assert comment in text
    # The outline's list style is kept, so the diff is only what promote added.
    assert "\n  - id: sw\n" in text


def test_promote_adds_the_detailed_sections_with_guidance(cli, tmp_path):
    outline = _outline(tmp_path)
    cli("promote", outline)
    data = load_yaml(tmp_path / "casey-detailed.yaml")
    for section in ("needs", "parenting", "views", "agreement", "record"):
        assert section in data, section
    assert [v["member"] for v in data["views"]["parents"]] == ["mum", "dad"]
    assert [s["member"] for s in data["agreement"]["signatures"]] == ["sw", "mum", "dad", "nursery", "police"]
    assert data["record"]["meetings"] == [{"type": "core-group", "date": data["meetings"]["first_core_group"]}]
    assert data["core_group"][1]["responsibilities"].startswith("TO DO")
    text = (tmp_path / "casey-detailed.yaml").read_text()
    assert "# D14 (should): The child's wishes and feelings (WT)\n" in text


def test_promoted_plan_is_valid_and_reports_what_the_core_group_must_add(cli, tmp_path):
    cli("promote", _outline(tmp_path))
    code, out, _ = cli("check", "--as-of", "2026-11-24", "--format", "json", tmp_path / "casey-detailed.yaml")
    import json

    doc = json.loads(out)
    codes = {f["code"] for f in doc["files"][0]["findings"]}
    assert doc["files"][0]["content_checked"] is True
    assert "CPP-Q008" in codes  # the placeholders
    assert not {c for c in codes if c.startswith(("CPP-E", "CPP-S"))}


def test_in_place_and_output_and_refusals(cli, tmp_path):
    outline = _outline(tmp_path)
    target = tmp_path / "other.yaml"
    target.write_text("keep me\n")
    code, _, err = cli("promote", outline, "-o", target)
    assert code == 2 and "already exists" in err and target.read_text() == "keep me\n"
    assert cli("promote", outline, "-o", target, "--force")[0] == 0
    assert load_yaml(target)["stage"] == "detailed"
    code, _, err = cli("promote", target)
    assert code == 2 and "already a detailed plan" in err
    assert cli("promote", outline, "--in-place")[0] == 0
    assert load_yaml(outline)["stage"] == "detailed"
    code, _, err = cli("promote", outline, "--in-place", "-o", target)
    assert code == 2 and "either --in-place or -o" in err


def test_promote_refuses_invalid_or_missing_files(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nstage: [outline\n")
    code, _, err = cli("promote", bad)
    assert code == 2 and "is not a valid plan (CPP-E001 at line 3" in err
    assert f"run `cpptool check {bad}` and fix it before promoting" in err
    code, _, err = cli("promote", tmp_path / "missing.yaml")
    assert code == 2 and "no such file" in err


def test_dry_run_writes_nothing(cli, tmp_path):
    outline = _outline(tmp_path)
    code, out, _ = cli("promote", outline, "--dry-run")
    assert code == 0 and "stage: detailed" in out
    assert not (tmp_path / "casey-detailed.yaml").exists()


def test_promote_notes_never_quote_member_ids(cli, tmp_path):
    """Ids are chosen by people and may be names; notes name list positions instead."""
    from tests.conftest import OUTLINE

    text = OUTLINE.read_text(encoding="utf-8").replace("id: mum", "id: jonotreal").replace(
        "owner: mum", "owner: jonotreal").replace("[mum", "[jonotreal").replace("mum]", "jonotreal]")
    (tmp_path / "outline.yaml").write_text(text, encoding="utf-8")
    code, _, err = cli("promote", str(tmp_path / "outline.yaml"), "-o", str(tmp_path / "detailed.yaml"))
    assert code == 0, err
    assert "added core_group[" in err
    assert "jonotreal" not in err
