"""The engine: load each plan, run the rules its profile turns on, apply waivers, return findings.

It never prints and never exits; the command line picks a reporter and the exit code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

from cpptool.core.config import Config, RuleSetting, effective_profile, find_config, load_config, rule_settings
from cpptool.core.errors import CpptoolError
from cpptool.core.findings import FileResult, Finding
from cpptool.core.loader import LoadedPlan, load_plan
from cpptool.core.profiles import Profile
from cpptool.core.registry import Hit, Rule, load_rules
from cpptool.core.yamlpath import format_path

PLAN_SUFFIXES = (".yaml", ".yml")
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".github", ".gitlab", ".tox"}
NOT_PLANS = {"cpptool.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".gitlab-ci.yml"}
# In a folder, a YAML file is taken for a plan when it has one of the plan's top-level keys.
_PLAN_HINT = re.compile(rb"^(format|stage|child|conference|core_group|actions):", re.M)


@dataclass
class CheckOptions:
    config_file: Path | None = None
    profile: str | None = None
    as_of: dt.date | None = None
    plans_only: bool = False  # skip named files that are not plans (pre-commit passes every YAML file)


@dataclass
class Context:
    """What a rule sees: the plan, where its values are, the profile, and today's date."""

    loaded: LoadedPlan
    profile: Profile
    as_of: dt.date
    closures: Path | None = None
    options: dict[str, Any] | None = None

    @property
    def plan(self) -> Any:
        return self.loaded.plan

    @cached_property
    def calendar(self) -> Any:
        from cpptool.core.calendar import load_calendar

        return load_calendar(self.profile.calendar, closures=self.closures)


def discover(paths: Iterable[str | Path], *, plans_only: bool = False) -> list[tuple[Path, str]]:
    """Expand files and folders into the plan files to check, as (path, name to show).

    Files named directly are checked whatever they hold, unless `plans_only`; in folders only
    YAML files with a plan's top-level keys are."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CpptoolError(f"no such file or folder: {raw}")
        if path.is_file():
            candidates = [path] if not plans_only or _looks_like_plan(path) else []
        else:
            candidates = _walk(path)
        for file in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((file, str(file)))
    return found


def _walk(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(PLAN_SUFFIXES) and name not in NOT_PLANS:
                file = Path(root) / name
                if _looks_like_plan(file):
                    out.append(file)
    return out


def _looks_like_plan(file: Path) -> bool:
    try:
        with file.open("rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return True  # let check_file report why it cannot be read
    return bool(_PLAN_HINT.search(head))


def check_paths(paths: Iterable[str | Path], opts: CheckOptions | None = None,
                progress: Callable[[int], Callable[[], None]] | None = None) -> list[FileResult]:
    """Check every plan under `paths`. `progress(total)` may return a function called after each
    plan, so a caller can show progress; the engine itself never prints."""
    from cpptool.core.config import reset_caches

    opts = opts or CheckOptions()
    reset_caches()
    files = discover(paths, plans_only=opts.plans_only)
    step = progress(len(files)) if progress else None
    results = []
    for file, shown in files:
        results.append(check_file(file, shown, opts))
        if step:
            step()
    return results


def check_file(file: Path, shown: str | None = None, opts: CheckOptions | None = None) -> FileResult:
    opts = opts or CheckOptions()
    shown = shown or str(file)
    try:
        loaded = load_plan(file, display=shown)
    except FileNotFoundError:
        raise CpptoolError(f"no such file: {shown}") from None
    except IsADirectoryError:
        raise CpptoolError(f"expected a plan file but found a folder: {shown}") from None
    except OSError as err:
        raise CpptoolError(f"cannot read {shown}: {err.strerror or type(err).__name__}") from None
    cfg = load_config(opts.config_file.resolve() if opts.config_file else find_config(file))
    plan_profile = loaded.plan.profile if loaded.plan is not None else _raw_profile(loaded)
    profile = effective_profile(cfg, plan_profile, opts.profile)
    settings = rule_settings(profile, cfg)
    ctx = Context(loaded=loaded, profile=profile, as_of=opts.as_of or dt.date.today(), closures=cfg.closures)
    result = FileResult(file=shown, profile=profile.id, content_checked=loaded.plan is not None)
    findings = list(_run_rules(ctx, settings))
    result.findings = sorted(_apply_waivers(ctx, findings, settings), key=Finding.sort_key)
    if loaded.plan is not None:
        from cpptool.rules.timescales import next_due

        result.next_due = next_due(ctx)
    return result


def _raw_profile(loaded: LoadedPlan) -> str | None:
    value = loaded.data.get("profile") if isinstance(loaded.data, dict) else None
    return value if isinstance(value, str) else None


def _run_rules(ctx: Context, settings: dict[str, RuleSetting]) -> Iterable[Finding]:
    stage = ctx.plan.stage if ctx.plan is not None else None
    required = ctx.profile.requirements
    for code, rule in load_rules().items():
        setting = settings[code]
        if setting.level == "off" or code in _ENGINE_RULES:
            continue
        if rule.needs_plan and (ctx.plan is None or stage not in rule.stages):
            continue
        applicable = [r for r in rule.requirements if r in required and stage in requirement_stages(r)]
        if rule.requirements and not applicable and not setting.explicit:
            continue  # none of the requirements this rule enforces applies in this profile and stage
        level = setting.level if setting.explicit else _level_for(rule, applicable, required)
        cites = tuple(required[r].get("cite", r) for r in applicable) or rule.sources
        ctx.options = setting.options
        for hit in rule.run(ctx):
            yield _finding(ctx, rule, level, hit, tuple(applicable) or rule.requirements, cites)


def requirement_stages(rid: str) -> tuple[str, ...]:
    """Outline requirements hold for detailed plans too; detailed and agreement ones only there."""
    return ("detailed",) if rid[0] in "DW" else ("outline", "detailed")


def _level_for(rule: Rule, applicable: list[str], required: dict) -> str:
    """A source's 'must' makes an error and 'should' a warning; prompts stay info."""
    if rule.level == "info" or not applicable:
        return rule.level
    levels = [str(required[r].get("level", "")) for r in applicable]
    return "error" if any(lv.startswith("must") for lv in levels) else "warning"


def _finding(ctx: Context, rule: Rule, level: str, hit: Hit, requirements: tuple[str, ...] | None = None,
             sources: tuple[str, ...] | None = None) -> Finding:
    problem = next((p for p in ctx.loaded.problems if p.code == rule.code and p.path == hit.path
                    and p.message == hit.message), None)
    if problem is not None:
        line, col = problem.line, problem.col
    else:
        line, col = ctx.loaded.positions.locate(hit.path)
    return Finding(
        code=rule.code, name=rule.name, level=level, message=hit.message, file=ctx.loaded.file,
        line=line, col=col, path=format_path(hit.path),
        requirements=rule.requirements if requirements is None else requirements,
        sources=rule.sources if sources is None else sources, fix=rule.fix, detail=hit.detail,
    )


# Waiver rules are raised by the engine itself, after the other rules have run.
_ENGINE_RULES = {"CPP-X001", "CPP-X002"}


def _apply_waivers(ctx: Context, findings: list[Finding], settings: dict[str, RuleSetting]) -> list[Finding]:
    if ctx.plan is None or not ctx.plan.waivers:
        return findings
    from cpptool.core.registry import find_rule

    rules = load_rules()
    out = list(findings)
    for i, waiver in enumerate(ctx.plan.waivers):
        path = ("waivers", i)
        target = find_rule(waiver.rule)
        if not waiver.reason or not waiver.reason.strip():
            out.append(_engine_finding(ctx, "CPP-X001", settings, path + ("reason",),
                                       f"waivers[{i}] has no reason; a waiver must say why the rule does not apply"))
            continue
        if target is None:
            out.append(_engine_finding(ctx, "CPP-X002", settings, path + ("rule",),
                                       f"waivers[{i}] names a rule code that does not exist"))
            continue
        used = False
        for j, f in enumerate(out):
            if f.code == target.code and not f.waived and (waiver.path is None or f.path == waiver.path):
                out[j] = _replace(f, waived_by=waiver.reason)
                used = True
        if not used:
            out.append(_engine_finding(ctx, "CPP-X002", settings, path,
                                       f"waivers[{i}] ({target.code}) matches no finding; remove it"))
    return [f for f in out if f is not None]


def _engine_finding(ctx: Context, code: str, settings: dict[str, RuleSetting], path: tuple, message: str):
    setting = settings[code]
    if setting.level == "off":
        return None
    return _finding(ctx, load_rules()[code], setting.level, Hit(path, message))


def _replace(f: Finding, **changes: Any) -> Finding:
    from dataclasses import replace

    return replace(f, **changes)
