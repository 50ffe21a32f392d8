"""Waiver rules (CPP-X*): waivers are decisions, so they must be explained and still needed.

The engine raises these after the other rules, because only then is it known which waiver matched.
"""

from __future__ import annotations

from cpptool.core.registry import rule

_SOURCE = "cpptool-waivers"


@rule(
    "CPP-X001", "waiver-without-reason",
    summary="Every waiver must give the reason the rule does not apply.",
    level="error", sources=(_SOURCE,), raised_by="engine",
    fix="Add a reason: and who agreed the waiver (agreed_by:) with the date.",
    passing="""
    waivers:
      - {rule: CPP-S005, path: lead_social_worker, reason: Lead social worker being reallocated this week., agreed_by: Team manager, date: 2026-11-03}
    lead_social_worker: nobody
    """,
    failing="""
    waivers:
      - {rule: CPP-S005, path: lead_social_worker, agreed_by: Team manager, date: 2026-11-03}
    lead_social_worker: nobody
    """,
)
def waiver_without_reason(ctx):
    """A waiver silences a finding only when it says why; one with no reason is itself an error."""
    return ()


@rule(
    "CPP-X002", "unused-waiver",
    summary="A waiver that matches no finding (or names no real rule) should be removed.",
    level="warning", sources=(_SOURCE,), raised_by="engine",
    fix="Remove the waiver, or correct its rule code and path.",
    passing="""
    waivers: []
    """,
    failing="""
    waivers:
      - {rule: CPP-S005, path: "actions[0].owner", reason: Not needed any more., agreed_by: Team manager, date: 2026-11-03}
    """,
)
def unused_waiver(ctx):
    """Waivers left behind after the plan changed hide nothing, but confuse the next reader."""
    return ()
