"""`cpptool dates` and `check` take the calendar and closure days from cpptool.yaml."""

from __future__ import annotations

from conftest import COMPLETE, load_yaml, yaml_text


def test_dates_uses_the_configured_profile_calendar_and_closures(cli, tmp_path, monkeypatch):
    (tmp_path / "cpptool.yaml").write_text("profile: scotland\nclosures: closures.yaml\n")
    (tmp_path / "closures.yaml").write_text("closures:\n  - date: 2026-06-16\n    reason: Office move\n")
    sub = tmp_path / "plans"
    sub.mkdir()
    monkeypatch.chdir(sub)
    code, out, _ = cli("dates", "add", "2026-06-12", "1", "--explain")
    assert code == 0
    assert out.splitlines()[0] == "2026-06-17"  # skips Scotland's 15 June and the 16 June closure
    assert "Office move (local closure)" in out
    # An explicit --calendar still wins, and the closures still apply.
    code, out, _ = cli("dates", "add", "2026-06-12", "1", "--calendar", "england-and-wales")
    assert out.splitlines()[0] == "2026-06-15"


def test_dates_default_without_config(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("dates", "add", "2026-06-12", "1")
    assert code == 0 and out.splitlines()[0] == "2026-06-15"


def test_check_counts_configured_closures(cli, tmp_path):
    # Conference Mon 2 Nov 2026: 10 working days is Mon 16 Nov, or Tue 17 Nov with one closure day.
    data = load_yaml(COMPLETE)
    data["meetings"]["first_core_group"] = "2026-11-17"
    data["record"]["meetings"][1]["date"] = "2026-11-17"
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml_text(data))
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", plan)
    assert "CPP-T001" in out
    (tmp_path / "cpptool.yaml").write_text("closures: closures.yaml\n")
    (tmp_path / "closures.yaml").write_text("closures:\n  - date: 2026-11-10\n    reason: Training day\n")
    code, out, _ = cli("check", "--as-of", "2026-11-23", "--format", "json", plan)
    assert "CPP-T001" not in out
