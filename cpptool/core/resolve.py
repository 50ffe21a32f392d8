"""What applies to one plan file: its configuration, profile, rule settings, calendar and fail level.

Every command asks this one question the same way (check, render, new, promote, dates), and the
answer also decides, in one place, whether a rule runs for a plan and at which level.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cpptool.core.citations import requirement_citation
from cpptool.core.config import Config, RuleSetting, effective_profile, find_config, load_config, rule_settings
from cpptool.core.errors import CpptoolError
from cpptool.core.findings import LEVELS
from cpptool.core.profiles import Profile, UnknownProfile
from cpptool.core.records import field, record


@record(frozen=True)
class RuleUse:
    """How one rule runs for one plan: its level, the requirements it enforces there, and citations."""

    level: str
    requirements: tuple[str, ...]
    sources: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


@record
class Setup:
    config: Config
    profile: Profile
    rule_settings: dict[str, RuleSetting]
    calendar: Any  # cpptool.core.calendar.Calendar, closures applied
    fail_level: str
    # (rule code, stage) -> RuleUse | None, shared by every plan with the same profile and settings
    uses: dict = field(default_factory=dict, repr=False, compare=False)

    def use(self, rule: Any, stage: str | None) -> RuleUse | None:
        """The level a rule runs at for a plan at `stage`, or None when it does not run.

        A level set in the profile's or cpptool.yaml's `rules:` wins. Otherwise a rule that enforces
        requirements runs only when the profile applies one of them at this stage, as an error when
        any of those is a 'must' and a warning when all are 'should'; prompts stay info."""
        key = (rule.code, stage)
        if key not in self.uses:
            self.uses[key] = self._use(rule, stage)
        return self.uses[key]

    def _use(self, rule: Any, stage: str | None) -> RuleUse | None:
        setting = self.rule_settings[rule.code]
        if setting.level == "off":
            return None
        if rule.needs_plan and stage not in rule.stages:
            return None
        required = self.profile.requirements
        applicable = tuple(r for r in rule.requirements if self.profile.applies(r, stage))
        if rule.requirements and not applicable and not setting.explicit:
            return None
        if setting.explicit or rule.level == "info" or not applicable:
            level = setting.level
        else:
            levels = [str(required[r].get("level", "")) for r in applicable]
            level = "error" if any(lv.startswith("must") for lv in levels) else "warning"
        # Two requirements often cite the same passage (O16 and D12): say it once.
        cites = tuple(dict.fromkeys(requirement_citation(self.profile, r) for r in applicable)) or rule.sources
        return RuleUse(level, applicable or rule.requirements, cites, setting.options)


def resolve(where: Path | None = None, *, config_file: Path | None = None, profile: str | None = None,
            plan_profile: str | None = None, plan_profile_at: str | None = None, fail_level: str | None = None,
            calendar: str | None = None, closures: Path | None = None, rules: bool = True) -> Setup:
    """The setup for a plan file (or a folder, or the current folder when `where` is None).

    `rules=False` is for commands that run no rule (dates, new, promote): the rule settings are
    left empty, so the rules, and the plan model they import, are not loaded.

    `plan_profile_at` says where the plan names its profile (file:line), for error messages.

    --profile beats cpptool.yaml, which beats the plan's own `profile:`, which beats england;
    --fail-level beats cpptool.yaml's; --calendar and --closures beat the profile's and config's."""
    if fail_level is not None and fail_level not in LEVELS:
        raise CpptoolError(f"--fail-level must be one of: {', '.join(LEVELS)}")
    cfg_file = _config_file(where, config_file)
    cfg = load_config(cfg_file)
    try:
        chosen, settings, uses = _profile_and_settings(cfg_file, plan_profile, profile, rules)
    except UnknownProfile:
        if profile or cfg.profile or not plan_profile:
            raise
        # The plan's own value may be anything a person typed: name its place, never the value.
        raise CpptoolError("the plan's 'profile:' names neither a shipped profile nor a profile file; "
                           "run `cpptool profiles` for the shipped ones", where=plan_profile_at) from None
    from cpptool.core.calendar import load_calendar

    if closures is None and cfg.closures is not None and not cfg.closures.is_file():
        raise CpptoolError(f"the closures file named in {cfg.file} was not found: {cfg.closures}; "
                           "fix the 'closures' entry or create the file")
    cal = load_calendar(calendar or chosen.calendar, closures if closures is not None else cfg.closures)
    return Setup(config=cfg, profile=chosen, rule_settings=settings, calendar=cal,
                 fail_level=fail_level or cfg.fail_level or "error", uses=uses)


def _config_file(where: Path | None, config_file: Path | None) -> Path | None:
    if config_file is not None:
        if not config_file.is_file():
            raise CpptoolError(f"configuration file not found: {config_file}")
        return config_file.resolve()
    return find_config(Path(where) if where is not None else Path.cwd())


@lru_cache(maxsize=64)
def _profile_and_settings(cfg_file: Path | None, plan_profile: str | None, override: str | None,
                          rules: bool = True) -> tuple[Profile, dict[str, RuleSetting], dict]:
    cfg = load_config(cfg_file)
    profile = effective_profile(cfg, plan_profile, override)
    return profile, rule_settings(profile, cfg) if rules else {}, {}


def reset_caches() -> None:
    """Forget files read earlier, so a new run sees edits (a run itself reads each file once)."""
    from cpptool.core.config import reset_caches as reset_config

    reset_config()
    _profile_and_settings.cache_clear()
