"""What a check reports: a Finding names the rule, the place and the procedure, never plan values."""

from __future__ import annotations

from cpptool.core.records import field, record

LEVELS = ("error", "warning", "info")
_RANK = {"off": 0, "info": 1, "warning": 2, "error": 3}


def level_rank(level: str) -> int:
    return _RANK[level]


@record(frozen=True)
class Finding:
    code: str
    name: str
    level: str
    message: str
    file: str
    line: int
    col: int
    path: str  # YAML path, e.g. actions[2].owner ('' for the whole file)
    requirements: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    fix: str = ""
    detail: str = ""  # may hold plan dates; only the text report shows it
    waived_by: str | None = None  # the waiver's reason, when a waiver silenced it

    @property
    def waived(self) -> bool:
        return self.waived_by is not None

    def sort_key(self) -> tuple:
        return (self.line, self.col, self.code, self.path)


@record
class FileResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    content_checked: bool = True  # False when structural problems stopped the content rules
    profile: str | None = None
    next_due: list[tuple[str, str]] = field(default_factory=list)  # (date, what) for the text report
    fail_level: str = "error"  # findings at or above it fail the check (per file: its cpptool.yaml)

    def failed(self) -> bool:
        threshold = level_rank(self.fail_level)
        return any(level_rank(f.level) >= threshold for f in self.active())

    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]
