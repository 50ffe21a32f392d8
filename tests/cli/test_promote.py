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
    assert new["stage"] == "detailed" and new["format"] == 2  # promote writes the current plan format
    for path, value in _leaves(old):
        if path in (("stage",), ("format",)):
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
    assert "# D14 (should): HM Government, the child's wishes and feelings\n" in text


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


def test_promote_keeps_crlf_line_endings(cli, tmp_path):
    outline = tmp_path / "cp-2026-0412-outline.yaml"
    outline.write_bytes(OUTLINE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    code, _, err = cli("promote", outline, "--as-of", "2026-11-23")
    assert code == 0, err
    data = (tmp_path / "cp-2026-0412-detailed.yaml").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 100  # every line, the added ones too
    assert load_yaml(tmp_path / "cp-2026-0412-detailed.yaml")["stage"] == "detailed"


def test_promote_keeps_lf_line_endings(cli, tmp_path):
    outline = _outline(tmp_path)
    assert cli("promote", outline)[0] == 0
    assert b"\r\n" not in (tmp_path / "casey-detailed.yaml").read_bytes()


def test_promote_drops_the_outline_header_and_template_stamp_of_a_new_plan(cli, tmp_path):
    outline = tmp_path / "cp-2026-0412.yaml"
    code, _, err = cli("new", outline, "--as-of", "2026-11-02", "--set", "categories=NEG",
                       "--set", "conference_date=2026-11-02")
    assert code == 0, err
    assert "(outline) started with `cpptool new`" in outline.read_text()
    assert "template" in load_yaml(outline)
    code, _, err = cli("promote", outline, "--as-of", "2026-11-23")
    assert code == 0, err
    text = (tmp_path / "cp-2026-0412-detailed.yaml").read_text()
    assert "(outline)" not in text and "template:" not in text
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'Replace every "TO DO" placeholder' in text
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", tmp_path / "cp-2026-0412-detailed.yaml")
    import json

    assert not {f["code"] for f in json.loads(out)["files"][0]["findings"]} & {"CPP-S001", "CPP-S003"}


def test_promote_adds_the_child_version_and_each_outcome_term_as_placeholders(cli, tmp_path):
    outline = _outline(tmp_path)
    code, _, err = cli("promote", outline)
    assert code == 0, err
    data = load_yaml(tmp_path / "casey-detailed.yaml")
    assert data["child_version"]["why_we_are_worried"].startswith("TO DO")
    assert data["child_version"]["what_will_happen"].startswith("TO DO")
    assert all(o["term"].startswith("TO DO") for o in data["outcomes"])
    assert data["core_group"][0].get("phone", "").startswith("TO DO")  # the lead's number, for the family
    assert "added outcomes[0].term" in err and "added child_version" in err


def test_promote_never_records_a_core_group_still_to_come(cli, tmp_path):
    outline = _outline(tmp_path)
    first = load_yaml(outline)["meetings"]["first_core_group"]
    code, _, err = cli("promote", outline, "--as-of", str(first.replace(day=first.day - 1)))
    assert code == 0, err
    assert load_yaml(tmp_path / "casey-detailed.yaml")["record"]["meetings"] == []
    assert "still to come" in err


def test_promote_to_another_folder_points_the_schema_line_there(cli, tmp_path):
    assert cli("init", tmp_path / "repo")[0] == 0
    outline = tmp_path / "repo" / "plans" / "cp-2026-0412.yaml"
    outline.write_text(OUTLINE.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "repo" / "plans" / "detailed" / "cp-2026-0412.yaml"
    assert cli("promote", outline, "-o", target)[0] == 0
    assert target.read_text().splitlines()[0] == "# yaml-language-server: $schema=../../schemas/plan.schema.json"


def test_promote_keeps_the_format_2_guidance_at_the_end(cli, tmp_path):
    outline = tmp_path / "cp-2026-0412.yaml"
    code, _, err = cli("new", outline, "--as-of", "2026-11-23", "--set", "child_name=Riley Fictional",
                       "--set", "conference_date=2026-11-02")
    assert code == 0, err
    code, _, err = cli("promote", outline, "--as-of", "2026-11-23")
    assert code == 0, err
    text = (tmp_path / "cp-2026-0412-detailed.yaml").read_text()
    assert text.count("# Plan format 2: record the plan's life here") == 1
    assert text.index("\nrecord:") < text.index("# Plan format 2:") < text.index("\nwaivers:")


def test_a_format_1_outline_gets_the_format_2_guidance_once(cli, tmp_path):
    """Promoting writes plan format 2, so every format 2 field needs its guidance comment, even when
    the outline was written before format 2."""
    from tests.conftest import OUTLINE

    assert "Plan format 2:" not in OUTLINE.read_text(encoding="utf-8")
    target = tmp_path / "detailed.yaml"
    code, _, err = cli("promote", "--as-of", "2026-11-23", str(OUTLINE), "-o", str(target))
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.count("# Plan format 2: record the plan's life") == 1
    assert text.index("# Plan format 2: record the plan's life") < text.index("\nwaivers:")
    assert "added the plan format 2 guidance comments" in err
