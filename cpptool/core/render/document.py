"""The document model every writer shares: a neutral list of blocks in the order a family reads them.

The builder (build.py) makes a RenderedDocument from a plan; docx.py and markdown.py write it.
The writers import only this module, so the model has no idea how it is built or written.
"""

from __future__ import annotations

from typing import Optional, Union

from cpptool.core.records import field, record

AUDIENCES = ("professional", "family", "child")
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
DRAFT_MARK = "DRAFT: not ready to sign (the plan still has gaps or errors; see cpptool check)"


@record
class Para:
    runs: list[tuple[str, bool]]  # (text, bold); "\n" inside a run is a line break
    style: str = "body"  # body | bullet | subtitle

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@record
class Heading:
    text: str
    level: int  # 0 = the title, then 1 and 2


@record
class Table:
    caption: str  # read by screen readers (w:tblCaption); never holds plan values
    header: list[str]
    rows: list[list[str]]
    widths: Optional[tuple[float, ...]] = None  # fractions of the text width
    kind: str = "data"  # data | signatures (tall rows to sign in)


Block = Union[Para, Heading, Table]


@record
class RenderedDocument:
    title: str  # the core property: the kind of document, never the child's name
    language: str  # en-GB or cy-GB
    marking: str
    audience: str
    blocks: list[Block] = field(default_factory=list)
    draft: bool = False  # not ready to sign: every page says DRAFT

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]
