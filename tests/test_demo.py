"""`make demo` runs the main jobs on the bundled examples: check, dates, new (a scaffold) and render."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT


@pytest.mark.skipif(shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "cpptool").exists(),
                    reason="needs make and the .venv that `make test` creates")
def test_make_demo_scaffolds_checks_and_renders():
    proc = subprocess.run(["make", "--no-print-directory", "demo"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "2 plans checked" not in out  # each check step names one plan
    assert "1 plan checked: no findings" in out  # the complete example
    assert "2023-05-16" in out  # the dates step
    assert "created build/demo-new-plan.yaml (outline plan, profile north-yorkshire)" in out
    assert "first_core_group: 2026-12-07" in out  # 10 working days after Mon 23 Nov 2026
    scaffold_check = (ROOT / "build" / "demo-new-check.txt").read_text()
    codes = {line.split()[2] for line in scaffold_check.splitlines() if line.startswith("  build/")}
    assert codes == {"CPP-Q008"}  # a new plan reports only its placeholders
    assert "wrote build/demo-agreement.docx" in out
    assert (ROOT / "build" / "demo-agreement.docx").stat().st_size > 5000
