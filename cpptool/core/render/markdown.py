"""Write a RenderedDocument as Markdown: the same content, in the same order, for previews and diffs.

This module imports only the document model (document.py), never the builder or the pipeline.
"""

from __future__ import annotations

import re

from cpptool.core.render.document import DRAFT_MARK, Heading, Para, RenderedDocument, Table

_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup, so plan text shows exactly as written."""
    lines = []
    for line in _INLINE.sub(r"\\\1", text).split("\n"):
        lines.append(_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line))
    return "\n".join(lines)


def _runs(par: Para) -> str:
    out = []
    for text, bold in par.runs:
        escaped = md_escape(text)
        if bold and escaped.strip():
            lead = escaped[: len(escaped) - len(escaped.lstrip())]
            trail = escaped[len(escaped.rstrip()):]
            escaped = f"{lead}**{escaped.strip()}**{trail}"
        out.append(escaped)
    return "".join(out)


def _cell(text: str) -> str:
    return "<br>".join(md_escape(line) for line in str(text).split("\n")) or " "


def to_markdown(doc: RenderedDocument) -> str:
    out: list[str] = []
    if doc.marking:
        out += [f"**{md_escape(doc.marking)}**", ""]
    if doc.draft:
        out += [f"**{md_escape(DRAFT_MARK)}**", ""]
    previous = None
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * (block.level + 1) + " " + md_escape(block.text), ""]
        elif isinstance(block, Para):
            text = _runs(block)
            if block.style == "bullet":
                body = text.replace("\n", "  \n  ")
                if out and out[-1] == "" and isinstance(previous, Para) and previous.style == "bullet":
                    out.pop()
                out += [f"- {body}", ""]
            elif block.style == "subtitle":
                out += [f"*{text}*", ""]
            else:
                out += [text.replace("\n", "  \n"), ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            out.append("|" + "|".join(" --- " for _ in block.header) + "|")
            for row in block.rows:
                out.append("| " + " | ".join(_cell(c) for c in row) + " |")
            out.append("")
        previous = block
    if doc.marking:
        out += [f"**{md_escape(doc.marking)}**", ""]
    return "\n".join(out).rstrip("\n") + "\n"
