"""Benchmark cpptool against the tools users would otherwise run, and time the date arithmetic.

    python bench/run.py [--plans N] [--repeat R] [--sizes A,B,C] [--keep] [--seed S]
    CPPTOOL_BENCH_SCALE=0.1 python bench/run.py     # every size a tenth: a quick run

Generates synthetic plans (bench/generate.py), then times whole processes, wall clock, each
comparison alternating the two tools run by run so that a change in machine load hits both:

  1. cold check of N plans (default 1,000; an empty cache), default text report, against
     check-jsonschema validating the same files against cpptool's schema: target <= 0.5x;
  2. warm re-run, nothing changed (the cache holds every result): target <= 0.1x;
     then `due` and `report` over the same plans, cold and warm, taking turns with check: each
     against check (cold to cold, warm to warm), target <= 1.2x, and `due` on a cache `check` filled;
  3. one plan, against yamllint on the same file: target <= 1.0x (cold, --no-cache; edited, a
     changed copy with the cache otherwise filled, as pre-commit sees a plan just edited; and warm;
     the floor, `cpptool --version`, is Python start-up and the command-line library);
  4. scaling: a cold check of 1,000 / 5,000 / 20,000 plans, time per plan within 20% of each other
     (net of the fixed cost of a one-plan run: start-up weighs most on the smallest), with the
     peak memory of cpptool and its worker processes (target < 300 MB);
  5. rendering the example agreement (target < 1.5 s) and 100,000 working-day additions in
     process (target < 1 s).

It is a report: the exit code is 0 even when a target is missed, and 2 only when it cannot run.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
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
EXAMPLE = ROOT / "examples" / "plans" / "detailed-complete.yaml"
AS_OF = "2026-11-23"
CALENDAR_CALLS = 100_000
SCALE_ENV = "CPPTOOL_BENCH_SCALE"

TARGET_COLD = 0.5
TARGET_WARM = 0.1
TARGET_CASELOAD = 1.2  # due and report / check, cold to cold and warm to warm
TARGET_ONE = 1.0
TARGET_SPREAD = 1.2  # slowest time per plan / fastest, across sizes
TARGET_MEMORY_MB = 300
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


class Run:
    """One timed process: wall time, exit code, peak memory (of it and the workers it waited for)."""

    def __init__(self, cmd: list[str], out: Path, env: dict[str, str] | None = None) -> None:
        with out.open("wb") as sink:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE, env=env)
            err = proc.stderr.read() if proc.stderr else b""
            _, status, usage = os.wait4(proc.pid, 0)
            self.seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        self.code = proc.returncode
        self.peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
        self.err = err.decode("utf-8", "replace")

    def ok(self) -> bool:
        return self.code in (0, 1)


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _env(cache: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CPPTOOL_NO_CACHE", None)
    env.pop("CI", None)
    if cache is not None:
        env["CPPTOOL_CACHE_DIR"] = str(cache)
    return env


def _fail(what: str, run: Run) -> int:
    print(f"{what} failed with exit code {run.code}: {run.err.strip()[-500:]}")
    return 2


def _settle() -> None:
    """Flush what earlier sections wrote (tens of thousands of plans and cache entries) before
    timing, so that the disk writing it back does not slow the commands that write in this one."""
    if hasattr(os, "sync"):
        os.sync()


def _alternate(commands: dict[str, tuple[list[str], dict | None]], repeat: int, work: Path,
               before: dict | None = None) -> dict[str, list[Run]] | None:
    """Run each command `repeat` times, taking turns; `before[name]()` runs untimed before each."""
    _settle()
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for i in range(repeat):
        line = []
        for name, (cmd, env) in commands.items():
            if before and name in before:
                before[name]()
            run = Run(cmd, work / f"{name}.out", env)
            if not run.ok():
                _fail(name, run)
                return None
            runs[name].append(run)
            line.append(f"{name} {_fmt_s(run.seconds)}")
        print(f"  run {i + 1}/{repeat}: " + "   ".join(line))
    return runs


def _median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


# ---------------------------------------------------------------------------------------------
# 1 and 2: many plans, cold and warm, against check-jsonschema


def bench_many(cpptool: list[str], cjs: Path, folder: Path, files: list[Path], work: Path, repeat: int) -> list | None:
    n = len(files)
    cold_cache, warm_cache = work / "cache-cold", work / "cache-warm"
    check = cpptool + ["check", "--as-of", AS_OF, str(folder)]
    cmd_b = [str(cjs), "--schemafile", SCHEMA] + [str(f) for f in files]
    print(f"(a) cold, an empty cache each run: CPPTOOL_CACHE_DIR=<empty> {_shown(check)}")
    print(f"(w) warm, nothing changed:          CPPTOOL_CACHE_DIR=<filled> {_shown(check)}")
    print(f"(b) {_shown(cmd_b, files)}")
    Run(check, work / "warm-up.out", _env(warm_cache))  # fills the warm cache; imports into the page cache
    Run(cmd_b[:3] + [str(files[0])], work / "warm-up-b.out")
    runs = _alternate({"(a) cold": (check, _env(cold_cache)), "(w) warm": (check, _env(warm_cache)),
                       "(b) check-jsonschema": (cmd_b, None)}, repeat, work,
                      before={"(a) cold": lambda: shutil.rmtree(cold_cache, ignore_errors=True)})
    if runs is None:
        return None
    cold, warm, ref = (_median(runs[k]) for k in ("(a) cold", "(w) warm", "(b) check-jsonschema"))
    if (work / "(a) cold.out").read_bytes() != (work / "(w) warm.out").read_bytes():
        print("WARNING: the warm report differs from the cold one")
    tail = (work / "(a) cold.out").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    print(f"(a) {tail[-1] if tail else '(no output)'}")
    print(f"(a) cold check:       median {_fmt_s(cold)} = {cold / n * 1000:.2f} ms/plan")
    print(f"(w) warm check:       median {_fmt_s(warm)} = {warm / n * 1000:.2f} ms/plan")
    print(f"(b) check-jsonschema: median {_fmt_s(ref)} = {ref / n * 1000:.2f} ms/plan")
    print(f"cold/check-jsonschema = {cold / ref:.2f} (target <= {TARGET_COLD}); "
          f"warm/check-jsonschema = {warm / ref:.3f} (target <= {TARGET_WARM})")
    return [
        (f"cpptool check, {n} plans, cold", f"{cold:.3f} s ({cold / n * 1000:.2f} ms/plan)", "", ""),
        (f"cpptool check, {n} plans, warm", f"{warm:.3f} s ({warm / n * 1000:.2f} ms/plan)", "", ""),
        (f"check-jsonschema, {n} plans", f"{ref:.3f} s ({ref / n * 1000:.2f} ms/plan)", "", ""),
        ("cold / check-jsonschema", f"{cold / ref:.2f}", f"<= {TARGET_COLD}", _verdict(cold / ref <= TARGET_COLD)),
        ("warm / check-jsonschema", f"{warm / ref:.3f}", f"<= {TARGET_WARM}", _verdict(warm / ref <= TARGET_WARM)),
    ]


def bench_caseload(cpptool: list[str], folder: Path, n: int, work: Path, repeat: int) -> list | None:
    """`due` and `report` over the plans of (1) and (2), each cold (an empty cache) and warm, taking
    turns with check; and `due` and `report` on a cache that only `check` has filled."""
    base = ["--as-of", AS_OF, str(folder)]
    cmds = {"check": cpptool + ["check", *base], "due": cpptool + ["due", *base],
            "report": cpptool + ["report", *base, "--force", "-o"]}
    commands: dict[str, tuple[list[str], dict | None]] = {}
    before = {}
    for name, cmd in cmds.items():
        for state in ("cold", "warm"):
            cache = work / f"cache-{name}-{state}"
            full = cmd + [str(work / f"report-{state}.html")] if name == "report" else cmd
            commands[f"{name} {state}"] = (full, _env(cache))
            if state == "cold":
                before[f"{name} {state}"] = lambda c=cache: shutil.rmtree(c, ignore_errors=True)
            else:
                Run(full, work / "warm-up.out", _env(cache))  # fills the warm cache
    by_check = work / "cache-by-check"
    Run(cmds["check"], work / "warm-up.out", _env(by_check))
    commands["due after check"] = (cmds["due"], _env(by_check))
    # report keeps the plans' sections it makes in the cache: each run starts from check's cache again.
    report_cache = work / "cache-report-after-check"
    commands["report after check"] = (cmds["report"] + [str(work / "report-after-check.html")], _env(report_cache))
    before["report after check"] = lambda: (shutil.rmtree(report_cache, ignore_errors=True),
                                            shutil.copytree(by_check, report_cache))
    print(f"caseload: {_shown(cmds['due'])} and {_shown(cmds['report'] + ['report.html'])}, cold and warm, "
          "taking turns with check")
    runs = _alternate(commands, repeat, work, before=before)
    if runs is None:
        return None
    for a, b in (("due cold.out", "due warm.out"), ("report-cold.html", "report-warm.html"),
                 ("due cold.out", "due after check.out"), ("report-cold.html", "report-after-check.html")):
        if (work / a).read_bytes() != (work / b).read_bytes():
            print(f"WARNING: {b} differs from {a}")
    t = {name: _median(r) for name, r in runs.items()}
    rows = []
    for name in ("due", "report"):
        for state in ("cold", "warm"):
            ratio = t[f"{name} {state}"] / t[f"check {state}"]
            print(f"{name} {state}: median {_fmt_s(t[f'{name} {state}'])}; / check {state} "
                  f"({_fmt_s(t[f'check {state}'])}) = {ratio:.2f} (target <= {TARGET_CASELOAD})")
            rows.append((f"cpptool {name}, {n} plans, {state} / check {state}",
                         f"{ratio:.2f} ({t[f'{name} {state}']:.3f} s / {t[f'check {state}']:.3f} s)",
                         f"<= {TARGET_CASELOAD}", _verdict(ratio <= TARGET_CASELOAD)))
    after = t["due after check"]
    print(f"due on the cache check filled: median {_fmt_s(after)} ({after / t['check warm']:.2f} x warm check)")
    rows.append((f"cpptool due after check, {n} plans", f"{after:.3f} s ({after / t['check warm']:.2f} x warm check)",
                 "", ""))
    after = t["report after check"]
    print(f"report on the cache check filled: median {_fmt_s(after)} ({after / t['check warm']:.2f} x warm check)")
    rows.append((f"cpptool report after check, {n} plans",
                 f"{after:.3f} s ({after / t['check warm']:.2f} x warm check)", "", ""))
    return rows


# ---------------------------------------------------------------------------------------------
# 3: one plan, against yamllint


def bench_one(cpptool: list[str], yamllint: Path | None, work: Path, repeat: int) -> list:
    if yamllint is None:
        print("one plan: yamllint is not installed (run `make bench`, which installs it)")
        return [("one plan / yamllint", "not available", "", "n/a")]
    cache = work / "cache-one"
    check = cpptool + ["check", "--as-of", AS_OF, str(EXAMPLE)]
    uncached = cpptool + ["check", "--no-cache", "--as-of", AS_OF, str(EXAMPLE)]
    # What pre-commit runs on a plan just edited: its result is not cached, the rest of the cache is.
    edited = work / "edited" / EXAMPLE.name
    edited.parent.mkdir(exist_ok=True)
    edits = [0]

    def edit() -> None:
        edits[0] += 1
        edited.write_text(EXAMPLE.read_text(encoding="utf-8") + f"# edit {edits[0]}\n", encoding="utf-8")

    commands = {"cold": (uncached, _env(None)), "warm": (check, _env(cache)),
                "edited": (check[:-1] + [str(edited)], _env(cache)),
                "yamllint": ([str(yamllint), str(EXAMPLE)], None), "--version": (cpptool + ["--version"], None)}
    print(f"one plan: {_shown(check)} (cold: --no-cache; warm: cached; edited: a changed copy, the cache "
          f"otherwise filled) and {yamllint.name} {EXAMPLE.name}")
    Run(check, work / "one-warm-up.out", _env(cache))
    runs = _alternate(commands, max(repeat, 5), work, before={"edited": edit})
    if runs is None:
        return [("one plan / yamllint", "failed", "", "FAIL")]
    cold, warm, changed, lint, floor = (_median(runs[k]) for k in ("cold", "warm", "edited", "yamllint", "--version"))
    print(f"one plan: cold {_fmt_s(cold)}, warm {_fmt_s(warm)}, edited {_fmt_s(changed)}, yamllint {_fmt_s(lint)}; "
          f"`cpptool --version` alone {_fmt_s(floor)}")
    return [
        ("one plan, cold / yamllint", f"{cold / lint:.2f} ({cold * 1000:.0f} / {lint * 1000:.0f} ms)",
         f"<= {TARGET_ONE}", _verdict(cold / lint <= TARGET_ONE)),
        ("one plan, edited / yamllint", f"{changed / lint:.2f} ({changed * 1000:.0f} ms)", f"<= {TARGET_ONE}",
         _verdict(changed / lint <= TARGET_ONE)),
        ("one plan, warm / yamllint", f"{warm / lint:.2f} ({warm * 1000:.0f} ms)", f"<= {TARGET_ONE}",
         _verdict(warm / lint <= TARGET_ONE)),
        ("cpptool --version (start-up floor)", f"{floor * 1000:.0f} ms", "", ""),
    ]


# ---------------------------------------------------------------------------------------------
# 4: scaling


def bench_scaling(cpptool: list[str], generator, sizes: list[int], work: Path, seed: int) -> list:
    """Cold checks of growing folders. A fixed cost (start-up, the first plan) weighs on every run
    alike, so the time per plan is also given net of it: a cold check of one plan."""
    every = sorted(generator.generate(work / "scaling-all", n=max(sizes), seed=seed))
    one = [Run(cpptool + ["check", "--no-cache", "--as-of", AS_OF, str(every[0])], work / "scaling.out").seconds
           for _ in range(3)]
    fixed = statistics.median(one)
    print(f"scaling: a cold check of one plan (the fixed cost) takes {_fmt_s(fixed)}")
    raw, net, rows = [], [], []
    for size in sizes:
        run = _scaling_run(cpptool, every[:size], work / f"scaling-{size}")
        if run is None:
            return [("scaling", "failed", "", "FAIL")]
        raw.append(run.seconds / size * 1000)
        net.append(max(run.seconds - fixed, 1e-9) / size * 1000)
        print(f"scaling: {size:>6} plans, cold: {_fmt_s(run.seconds)} = {raw[-1]:.2f} ms/plan "
              f"({net[-1]:.2f} ms/plan net of the fixed cost), peak memory {run.peak_mb:.0f} MB")
        rows.append((f"scaling, {size} plans (cold)", f"{raw[-1]:.2f} ms/plan ({net[-1]:.2f} net), {run.peak_mb:.0f} MB",
                     f"< {TARGET_MEMORY_MB} MB", _verdict(run.peak_mb < TARGET_MEMORY_MB)))
    spread_raw, spread_net = max(raw) / min(raw), max(net) / min(net)
    print(f"scaling: slowest / fastest time per plan = {spread_raw:.2f}, net of the fixed cost {spread_net:.2f} "
          f"(target <= {TARGET_SPREAD})")
    rows.append(("scaling, time per plan spread", f"{spread_raw:.2f} ({spread_net:.2f} net)", f"<= {TARGET_SPREAD} net",
                 _verdict(spread_net <= TARGET_SPREAD)))
    return rows


def _scaling_run(cpptool: list[str], files: list[Path], folder: Path) -> Run | None:
    folder.mkdir()
    for file in files:
        try:
            os.link(file, folder / file.name)
        except OSError:
            shutil.copy(file, folder / file.name)
    cache = folder.with_name(folder.name + "-cache")
    _settle()
    run = Run(cpptool + ["check", "--as-of", AS_OF, str(folder)], folder.with_name("scaling.out"), _env(cache))
    shutil.rmtree(folder)
    shutil.rmtree(cache, ignore_errors=True)
    if not run.ok():
        _fail(f"scaling {len(files)}", run)
        return None
    return run


# ---------------------------------------------------------------------------------------------
# 5: calendar and render


def time_calendar() -> tuple[str, str]:
    """100,000 additions of 10 working days on the england-and-wales Calendar, in process."""
    from cpptool.core.calendar import load_calendar

    rng = random.Random(7)
    first, last = dt.date(2015, 1, 1).toordinal(), dt.date(2028, 12, 31).toordinal()
    dates = [dt.date.fromordinal(rng.randint(first, last)) for _ in range(CALENDAR_CALLS)]
    start = time.perf_counter()
    calendar = load_calendar("england-and-wales")
    first_load = time.perf_counter() - start
    start = time.perf_counter()
    for d in dates:
        calendar.add(d, 10)
    elapsed = time.perf_counter() - start
    ok = elapsed < TARGET_CALENDAR_S
    print(f"calendar: {CALENDAR_CALLS:,} x Calendar.add(d, 10) on england-and-wales, d in 2015-2028: "
          f"{_fmt_s(elapsed)} ({elapsed / CALENDAR_CALLS * 1e6:.2f} us/call; first load {first_load * 1000:.0f} ms); "
          f"target < {TARGET_CALENDAR_S:.1f} s: {_verdict(ok)}")
    return f"{elapsed:.3f} s", _verdict(ok)


def time_render(cpptool: list[str], work: Path, repeat: int) -> tuple[str, str]:
    """Render the example agreement to Word as a whole process."""
    out = work / "render-one.docx"
    cmd = cpptool + ["render", "--as-of", AS_OF, str(EXAMPLE), "-o", str(out), "--force"]
    print(f"render command: {shlex.join(cmd)}")
    times = []
    for _ in range(repeat):
        run = Run(cmd, work / "render.out")
        if run.code != 0:
            print(f"render: exit code {run.code}: {run.err.strip().splitlines()[-1] if run.err.strip() else ''}")
            return f"exit {run.code}", "FAIL"
        times.append(run.seconds)
    median = statistics.median(times)
    ok = median < TARGET_RENDER_S
    print(f"render: the example agreement as a whole process: median {_fmt_s(median)}, best {_fmt_s(min(times))}; "
          f"target < {TARGET_RENDER_S:.1f} s: {_verdict(ok)}")
    return f"{median:.3f} s", _verdict(ok)


# ---------------------------------------------------------------------------------------------


def _scaled(n: int, scale: float) -> int:
    return max(10, round(n * scale))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    scale = float(os.environ.get(SCALE_ENV, "1") or 1)
    parser.add_argument("--plans", type=int, default=_scaled(1000, scale),
                        help=f"plans for the comparisons (default 1000 x ${SCALE_ENV})")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each command (default 5)")
    parser.add_argument("--sizes", default=",".join(str(_scaled(n, scale)) for n in (1000, 5000, 20000)),
                        help=f"plan counts for the scaling runs (default 1000,5000,20000 x ${SCALE_ENV}; '' skips)")
    parser.add_argument("--keep", action="store_true", help="write into bench/out and keep it")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.plans < 1 or args.repeat < 1 or any(s < 1 for s in sizes):
        parser.error("--plans, --repeat and --sizes must be at least 1")
    cjs = _exe("check-jsonschema")
    if cjs is None:
        print(f"check-jsonschema is not installed next to {sys.executable}: run `make bench`, which installs it")
        return 2
    cpptool_exe = _exe("cpptool")
    cpptool = [str(cpptool_exe)] if cpptool_exe else [sys.executable, "-m", "cpptool"]
    _compile_bytecode()
    if args.keep:
        work = ROOT / "bench" / "out"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="cpptool-bench-"))
    try:
        return _bench(args, sizes, cpptool, cjs, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _compile_bytecode() -> None:
    """yamllint and check-jsonschema run from bytecode pip compiled when it installed them; an
    editable cpptool runs from its checkout, where PYTHONDONTWRITEBYTECODE=1 (set on some CI
    machines) would make every run compile cpptool again. Compile it once, as pip would."""
    import compileall

    compileall.compile_dir(str(ROOT / "cpptool"), quiet=1)


def _bench(args: argparse.Namespace, sizes: list[int], cpptool: list[str], cjs: Path, work: Path) -> int:
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    print(f"cpptool benchmark: {args.plans} plans, {args.repeat} timed runs each, scaling {sizes}; Python "
          f"{sys.version.split()[0]}, cpptool {ver('cpptool')}, check-jsonschema {ver('check-jsonschema')}, "
          f"yamllint {ver('yamllint')}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    generator = _load_generator()
    folder = work / "plans"
    start = time.perf_counter()
    files = sorted(generator.generate(folder, n=args.plans, seed=args.seed))
    sizes_kib = [f.stat().st_size / 1024 for f in files]
    print(f"generated {len(files)} plans in {time.perf_counter() - start:.2f} s: mean {statistics.mean(sizes_kib):.1f} "
          f"KiB (min {min(sizes_kib):.1f}, max {max(sizes_kib):.1f})")
    print()
    rows = bench_many(cpptool, cjs, folder, files, work, args.repeat)
    if rows is None:
        return 2
    print()
    caseload_rows = bench_caseload(cpptool, folder, len(files), work, args.repeat)
    if caseload_rows is None:
        return 2
    rows += caseload_rows
    print()
    rows += bench_one(cpptool, _exe("yamllint"), work, args.repeat)
    if sizes:
        print()
        rows += bench_scaling(cpptool, generator, sizes, work, args.seed)
    print()
    cal_text, cal_verdict = time_calendar()
    render_text, render_verdict = time_render(cpptool, work, args.repeat)
    rows += [(f"calendar add x {CALENDAR_CALLS:,}", cal_text, f"< {TARGET_CALENDAR_S:.1f} s", cal_verdict),
             ("render the example agreement", render_text, f"< {TARGET_RENDER_S:.1f} s", render_verdict)]
    _summary(rows)
    if args.keep:
        print(f"\nkept the plans and reports in {work}")
    return 0


def _summary(rows: list[tuple[str, str, str, str]]) -> None:
    rows = [("measurement", "result", "target", "verdict")] + rows
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print()
    print("summary")
    for j, r in enumerate(rows):
        print("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip())
        if j == 0:
            print("  " + "  ".join("-" * w for w in widths))


if __name__ == "__main__":
    sys.exit(main())
