"""Helpers for the render tests: plan variants and reading a .docx back."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from conftest import COMPLETE, load_yaml, yaml_text

ACTION_HEADER = ["What", "Who", "By when", "How we will know"]
SIGNATURE_HEADER = ["Name", "Role or agency", "Signature", "Date"]
HEADINGS = ("Title", "Heading 1", "Heading 2")


def variant(tmp_path: Path, change=None, name: str = "plan.yaml") -> Path:
    """The complete example plan, changed by `change(data)`, written to tmp_path."""
    data = load_yaml(COMPLETE)
    if change is not None:
        change(data)
    path = tmp_path / name
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def open_docx(path: Path):
    from docx import Document

    return Document(str(path))


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name in HEADINGS]


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def table_with_header(document, header: list[str]):
    for table in document.tables:
        if [c.text for c in table.rows[0].cells] == header:
            return table
    return None


def repeats_header(row) -> bool:
    from docx.oxml.ns import qn

    tr_pr = row._tr.trPr
    if tr_pr is None:
        return False
    el = tr_pr.find(qn("w:tblHeader"))
    return el is not None and el.get(qn("w:val"), "true") in ("true", "1", "on")


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here so the tests need no image files."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\x10\x60\xa0")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
