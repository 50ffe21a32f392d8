"""Benchmark cpptool against the tool users would otherwise run, and time the date arithmetic.

    python bench/run.py [--plans N] [--repeat R] [--keep] [--seed S]

Generates N synthetic plans (bench/generate.py), then times as whole processes, wall clock:

  (a) cpptool check --format json --as-of 2026-11-23 FOLDER
  (b) check-jsonschema --schemafile schemas/plan.schema.json FILE...

and reports the ratio (a)/(b), target <= 1.0. It also times 100,000 working-day additions in
process (target < 1 s) and, once `cpptool render` exists, rendering one plan (target < 1.5 s).
It is a report: the exit code is 0 even when a target is missed, and 2 only when it cannot run.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = "schemas/plan.schema.json"  # relative to ROOT, where the commands run
AS_OF = "2026-11-23"
CALENDAR_CALLS = 100_000

TARGET_RATIO = 1.0
TARGET_CALENDAR_S = 1.0
TARGET_RENDER_S = 1.5


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _exe(name: str) -> Path | None:
    for candidate in (BIN / name, BIN / f"{name}.exe"):
        if candidate.exists():
            return candidate
    return None


def _shown(cmd: list[str], files: list[Path] | None = None) -> str:
    """The command line as a shell would take it; a long file list is shortened for printing."""
    if not files or len(files) <= 3:
        return shlex.join(cmd)
    head = cmd[: len(cmd) - len(files)]
    return f"{shlex.join(head + [str(f) for f in files[:2]])} ... {shlex.quote(str(files[-1]))}  ({len(files)} files)"


def _run_once(cmd: list[str], stdout_file: Path) -> tuple[float, int, str]:
    with stdout_file.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
    return elapsed, proc.returncode, proc.stderr.decode("utf-8", "replace")


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def time_calendar() -> tuple[str, float | None, str]:
    """100,000 additions of 10 working days on the england-and-wales Calendar, in process."""
    try:
        from cpptool.core.calendar import load_calendar
    except ImportError as err:
        print(f"calendar: not available ({err})")
        return "calendar: not available", None, "n/a"
    rng = random.Random(7)
    first, last = dt.date(2015, 1, 1).toordinal(), dt.date(2028, 12, 31).toordinal()
    dates = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(CALENDAR_CALLS)]
    try:
        start = time.perf_counter()
        calendar = load_calendar("england-and-wales")
        first_load = time.perf_counter() - start
        # The engine loads a calendar once per plan and then adds to it: time the additions.
        start = time.perf_counter()
        for d in dates:
            calendar.add(d, 10)
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        for _d in dates:
            load_calendar("england-and-wales")
        lookup_only = time.perf_counter() - start
    except Exception as err:  # a report, not a test: say what went wrong and carry on
        print(f"calendar: failed: {type(err).__name__}: {err}")
        return "calendar: failed", None, "FAIL"
    ok = elapsed < TARGET_CALENDAR_S
    print(f"calendar: {CALENDAR_CALLS:,} x Calendar.add(d, 10) on england-and-wales, d in 2015-2028: "
          f"{_fmt_s(elapsed)} ({elapsed / CALENDAR_CALLS * 1e6:.2f} us/call; first load {first_load * 1000:.0f} ms); "
          f"target < {TARGET_CALENDAR_S:.1f} s: {_verdict(ok)}")
    print(f"  for comparison, {CALENDAR_CALLS:,} cached load_calendar() lookups alone take {_fmt_s(lookup_only)} "
          "(each checks the user's bank-holiday file for changes; the engine does one per plan)")
    return f"{elapsed:.3f} s", elapsed, _verdict(ok)


def time_render(cpptool: list[str], plan: Path, work: Path, repeat: int) -> tuple[str, str]:
    """Render one plan as a whole process, once `cpptool render` exists."""
    probe = subprocess.run(cpptool + ["render", "--help"], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    if probe.returncode != 0:
        print("render: not available yet")
        return "not available yet", "n/a"
    out = work / "render-one.docx"
    cmd = cpptool + ["render", str(plan), "-o", str(out), "--force"]
    print(f"render command: {shlex.join(cmd)}")
    times = []
    for _ in range(repeat):
        elapsed, code, err = _run_once(cmd, work / "render.out")
        if code != 0:
            print(f"render: exit code {code}: {err.strip().splitlines()[-1] if err.strip() else ''}")
            return f"exit {code}", "FAIL"
        times.append(elapsed)
    best, median = min(times), statistics.median(times)
    ok = median < TARGET_RENDER_S
    print(f"render: one plan as a whole process: median {_fmt_s(median)}, best {_fmt_s(best)}; "
          f"target < {TARGET_RENDER_S:.1f} s: {_verdict(ok)}")
    return f"{median:.3f} s", _verdict(ok)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="how many plans to generate (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each command (default 3)")
    parser.add_argument("--keep", action="store_true",
                        help="write the plans to bench/out/plans and keep them, with the reports")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    args = parser.parse_args(argv)
    if args.plans < 1 or args.repeat < 1:
        parser.error("--plans and --repeat must be at least 1")

    cjs = _exe("check-jsonschema")
    if cjs is None:
        print(f"check-jsonschema is not installed next to {sys.executable}: run `make bench`, which installs it")
        return 2
    cpptool_exe = _exe("cpptool")
    cpptool = [str(cpptool_exe)] if cpptool_exe else [sys.executable, "-m", "cpptool"]

    if args.keep:
        work = ROOT / "bench" / "out"
        folder = work / "plans"
        shutil.rmtree(folder, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="cpptool-bench-"))
        folder = work / "plans"
    try:
        return _bench(args, cpptool, cjs, work, folder)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, cpptool: list[str], cjs: Path, work: Path, folder: Path) -> int:
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    print(f"cpptool benchmark: {args.plans} plans, {args.repeat} timed runs each, Python "
          f"{sys.version.split()[0]}, cpptool {ver('cpptool')}, check-jsonschema {ver('check-jsonschema')}, "
          f"{os.cpu_count()} CPUs")

    generator = _load_generator()
    start = time.perf_counter()
    files = sorted(generator.generate(folder, n=args.plans, seed=args.seed))
    gen_s = time.perf_counter() - start
    sizes = [f.stat().st_size for f in files]
    stages = sum(1 for f in files if f.name.endswith("-outline.yaml"))
    print(f"generated {len(files)} plans in {gen_s:.2f} s into {folder}: {stages} outline, "
          f"{len(files) - stages} detailed; mean {statistics.mean(sizes) / 1024:.1f} KiB "
          f"(min {min(sizes) / 1024:.1f}, max {max(sizes) / 1024:.1f}), {sum(sizes) / 1024 / 1024:.1f} MiB in all")

    cmd_a = cpptool + ["check", "--format", "json", "--as-of", AS_OF, str(folder)]
    cmd_b = [str(cjs), "--schemafile", SCHEMA] + [str(f) for f in files]
    print()
    print(f"(a) in {ROOT}: {_shown(cmd_a)}")
    print(f"(b) in {ROOT}: {_shown(cmd_b, files)}")

    # Warm up (imports into the page cache) on one file each; not timed.
    subprocess.run(cpptool + ["check", "--format", "json", "--as-of", AS_OF, str(files[0])], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(cjs), "--schemafile", SCHEMA, str(files[0])], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    times_a: list[float] = []
    times_b: list[float] = []
    for i in range(args.repeat):  # interleaved, so drift in machine load hits both alike
        ta, code_a, err_a = _run_once(cmd_a, work / "cpptool-check.json")
        if code_a not in (0, 1):
            print(f"(a) cpptool check failed with exit code {code_a}: {err_a.strip()[-500:]}")
            return 2
        tb, code_b, err_b = _run_once(cmd_b, work / "check-jsonschema.out")
        if code_b not in (0, 1):
            print(f"(b) check-jsonschema failed with exit code {code_b}: {err_b.strip()[-500:]}")
            return 2
        times_a.append(ta)
        times_b.append(tb)
        print(f"  run {i + 1}/{args.repeat}: (a) {_fmt_s(ta)} exit {code_a}   (b) {_fmt_s(tb)} exit {code_b}")

    # Sanity: both tools really looked at every plan.
    try:
        report = json.loads((work / "cpptool-check.json").read_text(encoding="utf-8"))
        s = report.get("summary", {})
        print(f"(a) checked {s.get('files')} files: {s.get('error')} errors, {s.get('warning')} warnings, "
              f"{s.get('info')} info, {s.get('waived')} waived")
        if s.get("files") != len(files):
            print(f"(a) WARNING: cpptool checked {s.get('files')} files, expected {len(files)}")
    except (OSError, ValueError) as err:
        print(f"(a) WARNING: could not read cpptool's JSON report: {err}")
    last_b = (work / "check-jsonschema.out").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    print(f"(b) exit {code_b}: {last_b[-1] if last_b else '(no output)'}")

    med_a, med_b = statistics.median(times_a), statistics.median(times_b)
    best_a, best_b = min(times_a), min(times_b)
    n = len(files)
    ratio = med_a / med_b
    ratio_ok = ratio <= TARGET_RATIO
    print()
    print(f"(a) cpptool check:    median {_fmt_s(med_a)}, best {_fmt_s(best_a)}  = {med_a / n * 1000:.2f} ms/file")
    print(f"(b) check-jsonschema: median {_fmt_s(med_b)}, best {_fmt_s(best_b)}  = {med_b / n * 1000:.2f} ms/file")
    print(f"ratio cpptool/check-jsonschema = {ratio:.2f} (medians; best/best {best_a / best_b:.2f}); "
          f"target ratio <= {TARGET_RATIO:.1f}: {_verdict(ratio_ok)}")
    print()

    cal_text, _cal_s, cal_verdict = time_calendar()
    render_text, render_verdict = time_render(cpptool, files[0], work, args.repeat)

    rows = [
        ("measurement", "result", "target", "verdict"),
        (f"cpptool check, {n} plans", f"{med_a:.3f} s ({med_a / n * 1000:.2f} ms/file)", "", ""),
        (f"check-jsonschema, {n} plans", f"{med_b:.3f} s ({med_b / n * 1000:.2f} ms/file)", "", ""),
        ("ratio cpptool/check-jsonschema", f"{ratio:.2f}", f"ratio <= {TARGET_RATIO:.1f}", _verdict(ratio_ok)),
        (f"calendar add x {CALENDAR_CALLS:,}", cal_text, f"< {TARGET_CALENDAR_S:.1f} s", cal_verdict),
        ("render one plan (process)", render_text, f"< {TARGET_RENDER_S:.1f} s", render_verdict),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    print("summary")
    for j, r in enumerate(rows):
        print("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip())
        if j == 0:
            print("  " + "  ".join("-" * w for w in widths))
    if args.keep:
        print(f"\nkept the plans and reports in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
