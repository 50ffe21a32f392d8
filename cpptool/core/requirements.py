"""The requirement checklists (O*, D*, W*, T*) of shared/research/domain.md, shipped as data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cpptool.resources import resource_dir


@dataclass(frozen=True)
class Requirement:
    id: str
    text: str
    level: str
    sources: str

    @property
    def family(self) -> str:
        return self.id[0]


@lru_cache(maxsize=1)
def requirements() -> dict[str, Requirement]:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((resource_dir("data") / "requirements.yaml").read_text(encoding="utf-8"))
    return {rid: Requirement(rid, v["text"], v["level"], v["sources"]) for rid, v in data.items()}
