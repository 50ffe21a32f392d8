"""The engine: load each plan, run the rules its profile turns on, apply waivers, return findings.

It never prints and never exits; the command line picks a reporter and the exit code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from cpptool.core import workers
from cpptool.core.config import find_config
from cpptool.core.errors import CpptoolError
from cpptool.core.findings import FileResult, Finding
from cpptool.core.loader import load_plan, read_plan_bytes
from cpptool.core.patterns import LazyPattern
from cpptool.core.records import field, record, replace
from cpptool.core.resolve import reset_caches, resolve
from cpptool.core.yamlpath import format_path

if TYPE_CHECKING:  # a result from the cache needs none of these: they load with the first plan checked
    from cpptool.core import cache  # and a run with --no-cache does without the cache (and hashlib)
    from cpptool.core.loader import LoadedPlan
    from cpptool.core.profiles import Profile
    from cpptool.core.registry import Hit, Rule
    from cpptool.core.resolve import RuleUse, Setup

PLAN_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".github", ".gitlab", ".tox"}
NOT_PLANS = {"cpptool.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".gitlab-ci.yml"}
# In a folder, a YAML file is taken for a plan when it has one of the plan's top-level keys.
_PLAN_HINT = LazyPattern(rb"^(format|stage|child|conference|core_group|actions):", re.M)
# A plan written in YAML flow style: {format: 1, stage: outline, ...}
_FLOW_PLAN_HINT = LazyPattern(rb"^\s*\{\s*[\"']?(format|stage|child|conference|core_group|actions)[\"']?\s*:", re.M)


@record
class CheckOptions:
    config_file: Path | None = None
    profile: str | None = None
    as_of: dt.date | None = None
    plans_only: bool = False  # skip named files that are not plans (pre-commit passes every YAML file)
    fail_level: str | None = None  # --fail-level; otherwise each plan's cpptool.yaml decides
    jobs: int | None = None  # processes for check_paths (None: the processors, for many plans)
    cache: bool = False  # use the check cache (cpptool check does, unless --no-cache)


@record
class Context:
    """What a rule sees: the plan, where its values are, the profile, calendar and today's date."""

    loaded: LoadedPlan
    setup: Setup
    as_of: dt.date
    options: dict[str, Any] = field(default_factory=dict)  # the running rule's options
    shared: dict[str, Any] = field(default_factory=dict)  # what several rules work out once per plan

    @property
    def plan(self) -> Any:
        return self.loaded.plan

    @property
    def texts(self) -> list[tuple[tuple, str]]:
        """Every text value in the plan with its YAML path, found in one pass shared by the rules."""
        if "texts" not in self.shared:
            found: list[tuple[tuple, str]] = []
            _collect_texts(self.loaded.data, (), found)
            self.shared["texts"] = found
        return self.shared["texts"]

    @property
    def profile(self) -> Profile:
        return self.setup.profile

    @property
    def calendar(self) -> Any:
        return self.setup.calendar


def _collect_texts(value: Any, path: tuple, out: list) -> None:
    if isinstance(value, str):
        out.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_texts(item, path + (key,), out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect_texts(item, path + (i,), out)


def discover(paths: Iterable[str | Path], *, plans_only: bool = False) -> list[tuple[Path, str]]:
    """Expand files and folders into the plan files to check, as (path, name to show).

    Files named directly are checked whatever they hold, unless `plans_only`; in folders, YAML
    files that look like plans are, and so are YAML files that cannot be read as text (empty,
    UTF-16, not UTF-8), so that a broken plan is reported rather than passed over."""
    found: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            raise CpptoolError(f"no such file or folder: {raw}")
        if path.is_dir():
            candidates = _walk(path)
        else:
            candidates = [path] if not plans_only or _looks_like_plan(path) else []
        for file in candidates:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.append((file, str(file)))
    return found


def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(PLAN_SUFFIXES) and name not in NOT_PLANS:
                file = Path(root) / name
                if _looks_like_plan(file):
                    out.append(file)
    return out


def _looks_like_plan(file: Path) -> bool:
    try:
        st = os.stat(file)
    except OSError:
        return True  # e.g. a link loop: check_file reports why it cannot be read
    if not stat.S_ISREG(st.st_mode):
        return False  # a pipe or device is never read while searching (it could block forever)
    try:
        with file.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return True
    if not head.strip() or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # empty or UTF-16: reported as such
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:  # not just a character cut at the end of the sample
            return True
    return bool(_PLAN_HINT.search(head) or _FLOW_PLAN_HINT.search(head))


def check_paths(paths: Iterable[str | Path], opts: CheckOptions | None = None,
                progress: Callable[[int], Callable[[], None] | None] | None = None,
                warn: Callable[[str], None] | None = None) -> list[FileResult]:
    """Check every plan under `paths`, in the order found. `progress(total)` may return a function
    called after each plan, so a caller can show progress, and `warn` is given notes for the user
    (such as a cache folder that cannot be used); the engine itself never prints.

    With `opts.cache`, results come from the check cache where nothing they depend on has
    changed. With more than one job (`opts.jobs`, by default the machine's processors when there
    are more than workers.PARALLEL_MIN_FILES plans), the plans are checked in worker processes, in chunks."""
    opts = opts or CheckOptions()
    start_run()
    files = discover(paths, plans_only=opts.plans_only)
    opts = replace(opts, as_of=opts.as_of or dt.date.today())  # one date for the whole run
    store = open_store(opts, files, warn)
    known = (lambda item: _cached(*item, opts, store)) if store is not None else None
    results = map_plans(files, _check_one, (opts, store), jobs=opts.jobs, progress=progress, known=known)
    if store is not None:
        from cpptool.core import cache

        cache.prune(store)
    return results


def start_run() -> None:
    """Forget what an earlier run in this process read, so that files edited since are seen."""
    reset_caches()
    cache = sys.modules.get("cpptool.core.cache")  # it holds digests only once a run has loaded it
    if cache is not None:
        cache.forget()
    _configs.clear()


def open_store(opts: CheckOptions, files: list[tuple[Path, str]],
               warn: Callable[[str], None] | None) -> cache.Store | None:
    """The check cache for a run over `files`, or None (`opts.cache` off, CPPTOOL_NO_CACHE, or a
    cache folder that cannot be used, which `warn` is told)."""
    if not opts.cache or not files:
        return None
    from cpptool.core import cache

    if cache.switched_off():
        return None
    store, why_not = cache.open_store(file for file, _ in files)
    if why_not and warn:
        warn(why_not)
    return store


def _check_one(item: tuple[Path, str], opts: CheckOptions, store: cache.Store | None) -> FileResult:
    return _check_cached(*item, opts, store)


def _check_cached(file: Path, shown: str, opts: CheckOptions, store: cache.Store | None) -> FileResult:
    """One plan's result: from the cache when nothing it depends on has changed, else checked
    (from the very bytes the key was made of) and stored."""
    if store is None:
        return check_file(file, shown, opts)
    raw, key = cache_key(file, shown, opts, store)
    if key is None:  # over the size limit: reported without being read
        return check_file(file, shown, opts)
    found = store.get(key)
    if found is not None:
        return found
    checked = check_plan(file, shown, opts, raw=raw)
    _store(store, key, checked, opts)
    return checked.result


def _store(store: cache.Store, key: str, checked: Checked, opts: CheckOptions) -> None:
    """Keep a checked plan's result in the cache, with what due and report need of it, so that
    they need not read the plan again."""
    from cpptool.core import cache
    from cpptool.core.plan_dates import plan_dates

    try:
        dates = plan_dates(checked, opts.as_of or dt.date.today())
    except Exception:  # never fail a check for them: due and report work them out again and say why
        dates = None  # stored without dates
    else:
        dates = cache.UNREADABLE if dates is None else dates
    store.put(key, checked.result, cache.setup_files(checked.setup), dates=dates)


def cache_key(file: Path, shown: str, opts: CheckOptions, store: cache.Store) -> tuple[bytes | None, str | None]:
    """The plan's bytes and its key in the cache, or (None, None) for a plan over the size limit."""
    raw, _ = _read(file, shown)
    if raw is None:
        return None, None
    config = opts.config_file.resolve() if opts.config_file else _config_of(file)
    return raw, store.key(shown, raw, (config, opts.profile, opts.as_of, opts.fail_level))


_configs: dict[str, Path | None] = {}  # folder -> its cpptool.yaml, for the plans of one run


def _config_of(file: Path) -> Path | None:
    """find_config(file), once per folder (a linked plan file is looked up on its own)."""
    if os.path.islink(file):
        return find_config(file)
    folder = os.path.dirname(file)
    if folder not in _configs:
        _configs[folder] = find_config(file)
    return _configs[folder]


def _cached(file: Path, shown: str, opts: CheckOptions, store: cache.Store) -> FileResult | None:
    """The cached result, or None (a plan that cannot be read is left to the check to report)."""
    try:
        _, key = cache_key(file, shown, opts, store)
    except CpptoolError:
        return None
    return store.get(key) if key is not None else None


# ---------------------------------------------------------------------------------------------
# Many plans in parallel

def _jobs(jobs: int | None, files: int) -> int:
    if jobs is None:
        jobs = workers.processors() if files > workers.PARALLEL_MIN_FILES else 1
    return max(1, min(jobs, files))


def map_plans(files: list[tuple[Path, str]], work: Callable[..., Any], args: tuple = (), *,
              jobs: int | None = None, progress: Callable[[int], Callable[[], None] | None] | None = None,
              known: Callable[[tuple[Path, str]], Any] | None = None) -> list:
    """[work((file, shown), *args) for each plan in `files`], in the order given, as check_paths
    checks: in worker processes, in chunks, when there is more than one job (`jobs`, by default
    the machine's processors for more than workers.PARALLEL_MIN_FILES plans), and the error a
    one-process run would stop at is the one raised. `work` is a module-level function; its
    arguments and results must pickle (keep them small: not parsed plans). `known(item)` may
    answer a plan in this process first, from a cache; `progress` as for check_paths."""
    return workers.map_in_order(files, work, args, jobs=_jobs(jobs, len(files)), progress=progress, known=known,
                                prepare=_load_rules)


def _load_rules() -> None:
    from cpptool.core.registry import load_rules

    load_rules()  # imported once here, so forked workers share it


@record
class Checked:
    """One plan read and checked: what render needs besides the findings."""

    loaded: LoadedPlan
    setup: Setup
    result: FileResult


def check_file(file: Path, shown: str | None = None, opts: CheckOptions | None = None) -> FileResult:
    return check_plan(file, shown, opts).result


def check_plan(file: Path, shown: str | None = None, opts: CheckOptions | None = None, *,
               raw: bytes | None = None) -> Checked:
    """Read one plan (or take its bytes, `raw`), work out what applies to it, and run the rules."""
    opts = opts or CheckOptions()
    shown = shown or str(file)
    loaded = read_plan(file, shown, raw=raw)
    plan_profile = loaded.plan.profile if loaded.plan is not None else _raw_profile(loaded)
    line, col = loaded.positions.locate(("profile",))
    setup = resolve(file, config_file=opts.config_file, profile=opts.profile, plan_profile=plan_profile,
                    plan_profile_at=f"{shown}:{line}:{col}", fail_level=opts.fail_level)
    ctx = Context(loaded=loaded, setup=setup, as_of=opts.as_of or dt.date.today())
    result = FileResult(file=shown, profile=setup.profile.id, content_checked=loaded.plan is not None,
                        fail_level=setup.fail_level)
    findings = list(_run_rules(ctx))
    result.findings = sorted(_apply_waivers(ctx, findings), key=Finding.sort_key)
    if loaded.plan is not None:
        from cpptool.core.deadlines import next_due

        result.next_due = next_due(loaded.plan, setup.profile, setup.calendar, ctx.as_of)
    return Checked(loaded, setup, result)


def read_plan(file: Path, shown: str, *, raw: bytes | None = None) -> LoadedPlan:
    return _reading(shown, lambda: load_plan(file, display=shown, raw=raw))


def _read(file: Path, shown: str) -> tuple[bytes | None, int]:
    return _reading(shown, lambda: read_plan_bytes(file))


def _reading(shown: str, read: Callable[[], Any]) -> Any:
    try:
        return read()
    except FileNotFoundError:
        raise CpptoolError(f"no such file: {shown}") from None
    except IsADirectoryError:
        raise CpptoolError(f"expected a plan file but found a folder: {shown}") from None
    except OSError as err:
        raise CpptoolError(f"cannot read {shown}: {err.strerror or type(err).__name__}") from None


def _raw_profile(loaded: LoadedPlan) -> str | None:
    value = loaded.data.get("profile") if isinstance(loaded.data, dict) else None
    return value if isinstance(value, str) else None


def _run_rules(ctx: Context) -> Iterable[Finding]:
    stage = ctx.plan.stage if ctx.plan is not None else None
    from cpptool.core.registry import load_rules

    for rule in load_rules().values():
        use = ctx.setup.use(rule, stage) if not rule.raised_by_engine else None
        if use is None:
            continue
        ctx.options = use.options
        for hit in rule.run(ctx):
            yield _finding(ctx, rule, use, hit)


def _finding(ctx: Context, rule: Rule, use: RuleUse, hit: Hit) -> Finding:
    line, col = hit.at if hit.at is not None else ctx.loaded.positions.locate(hit.path)
    return Finding(
        code=rule.code, name=rule.name, level=use.level, message=hit.message, file=ctx.loaded.file,
        line=line, col=col, path=format_path(hit.path), requirements=use.requirements,
        sources=use.sources, fix=rule.fix, detail=hit.detail,
    )


def _apply_waivers(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """Mark the findings each waiver silences; report waivers with no reason or nothing to waive."""
    if ctx.plan is None or not ctx.plan.waivers:
        return findings
    from cpptool.core.registry import find_rule

    out = list(findings)
    for i, waiver in enumerate(ctx.plan.waivers):
        path = ("waivers", i)
        target = find_rule(waiver.rule)
        if not waiver.reason or not waiver.reason.strip():
            out += _engine_finding(ctx, "CPP-X001", path + ("reason",),
                                   f"waivers[{i}] has no reason; a waiver must say why the rule does not apply")
            continue
        if target is None:
            out += _engine_finding(ctx, "CPP-X002", path + ("rule",),
                                   f"waivers[{i}] names a rule code that does not exist")
            continue
        used = False
        for j, f in enumerate(out):
            if f.code == target.code and not f.waived and (waiver.path is None or f.path == waiver.path):
                out[j] = replace(f, waived_by=waiver.reason)
                used = True
        if not used:
            out += _engine_finding(ctx, "CPP-X002", path, f"waivers[{i}] ({target.code}) matches no finding; remove it")
    return out


def _engine_finding(ctx: Context, code: str, path: tuple, message: str) -> list[Finding]:
    """A waiver rule's finding, or none when the configuration switches the rule off."""
    from cpptool.core.registry import Hit, load_rules

    rule = load_rules()[code]
    use = ctx.setup.use(rule, ctx.plan.stage)
    return [_finding(ctx, rule, use, Hit(path, message))] if use is not None else []
