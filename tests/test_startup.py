"""Start-up stays lean: checking one plan imports only what it uses (pre-commit runs it on every commit)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import COMPLETE, ROOT

# The command line builds only the command being run; a valid plan is read without pydantic's
# validators (cpptool/core/plan_objects.py), which take longer to build than the rest of the check.
# Nor does it make classes with dataclasses (cpptool/core/records.py says why) or import the
# machine formats' reporters.
NEVER = ("docx", "jinja2", "holidays", "multiprocessing", "concurrent.futures", "xml.etree", "cpptool.cli.render",
         "cpptool.cli.new", "cpptool.cli.due", "pydantic", "pydantic_core", "cpptool.core.plan", "dataclasses",
         "cpptool.reporters.json_report", "cpptool.reporters.sarif_report", "cpptool.reporters.gitlab_report")
# With the result in the cache, the plan is neither parsed nor checked again, and nothing validates
# with pydantic (Typer 0.29 would import it to read every option: see pyproject.toml).
NOT_WHEN_CACHED = ("ruamel.yaml", "_ruamel_yaml", "cpptool.rules", "cpptool.core.plan_objects")

PROBE = """
import sys
from cpptool.cli import main
code = main(['check', '--as-of', '2026-11-23', {plan!r}])
print(' '.join(m for m in {modules!r} if m in sys.modules))
sys.exit(code)
"""


def _imported(tmp_path, modules) -> str:
    env = dict(os.environ, CPPTOOL_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", PROBE.format(plan=str(COMPLETE), modules=modules)],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].strip()


def test_checking_one_plan_imports_nothing_it_does_not_use(tmp_path):
    assert _imported(tmp_path, NEVER) == ""  # cold: the plan is read and checked
    assert _imported(tmp_path / "again", ("cpptool.rules", "cpptool.core.plan_objects")) != ""  # the probe sees imports
    assert _imported(tmp_path, NEVER + NOT_WHEN_CACHED) == ""  # warm: the result comes from the cache


def test_importtime_of_a_cached_check_has_no_parser_or_rules(tmp_path):
    env = dict(os.environ, CPPTOOL_CACHE_DIR=str(tmp_path / "cache"))
    args = [sys.executable, "-X", "importtime", "-m", "cpptool", "check", "--as-of", "2026-11-23", str(COMPLETE)]
    subprocess.run(args, capture_output=True, cwd=ROOT, env=env)
    warm = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    imported = {line.rsplit("|", 1)[-1].strip() for line in warm.stderr.splitlines() if line.startswith("import time:")}
    assert "cpptool.core.engine" in imported
    assert not imported & set(NEVER + NOT_WHEN_CACHED)


def test_working_day_arithmetic_loads_no_rules_and_no_plan_model(tmp_path):
    probe = ("import sys\nfrom cpptool.cli import main\n"
             "code = main(['dates', 'add', '2023-04-28', '10', '--calendar', 'england-and-wales'])\n"
             "print(' '.join(m for m in ('cpptool.rules', 'cpptool.core.plan', 'pydantic', "
             "'cpptool.cli.check') if m in sys.modules))\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "2023-05-16" and lines[-1].strip() == ""
