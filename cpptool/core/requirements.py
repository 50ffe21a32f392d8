"""The requirement checklists (O*, D*, W*, T*), shipped as data, and the one answer to
"does this requirement apply to a plan at this stage?"."""

from __future__ import annotations

from functools import lru_cache

from cpptool.core.records import record
from cpptool.resources import resource_dir

STAGES = ("outline", "detailed")


@record(frozen=True)
class Requirement:
    id: str
    text: str
    level: str
    sources: str
    stages: tuple[str, ...] = STAGES


@lru_cache(maxsize=1)
def requirements() -> dict[str, Requirement]:
    from cpptool.core.yamlsafe import load_yaml

    file = resource_dir("data") / "requirements.yaml"
    data = load_yaml(file.read_text(encoding="utf-8"), str(file))
    return {rid: Requirement(rid, v["text"], v["level"], v["sources"], tuple(v.get("stages") or STAGES))
            for rid, v in data.items()}


def applies_at(rid: str, stage: str | None) -> bool:
    """True when requirement `rid` holds for a plan at `stage` (outline or detailed)."""
    req = requirements().get(rid)
    return req is not None and stage in req.stages
