"""Render a plan as its written agreement: Word (.docx), Markdown or PDF.

The plan becomes a neutral list of blocks (headings, paragraphs, tables) in the order a family
reads it, and a writer turns the blocks into a file. One idea per module:

    pipeline.py  render_file: options, checks of the request and the plan, writing the output
    build.py     a plan and an audience become a RenderedDocument: which sections, in what order
    draft.py     the document being written and the helpers that append blocks to it
    sections.py  the sections of the full agreement, one function each
    wording.py   template wording (templates/render/*.j2), dates, plain-English abbreviations
    document.py  the document model the builder makes and the writers read
    docx.py      the Word writer (python-docx, on a reference .docx)
    markdown.py  the Markdown writer
    pdf.py       PDF through LibreOffice

The writers import only document.py. Importing this package imports neither python-docx nor
jinja2: only a render pays for them.
"""

from __future__ import annotations

from cpptool.core.render.build import build_document, check_child_copy
from cpptool.core.render.document import (AUDIENCES, DEFAULT_MARKING, Block, Heading, Para, RenderedDocument,
                                          Table)
from cpptool.core.render.pdf import docx_to_pdf, soffice
from cpptool.core.render.pipeline import (FORMATS, RefusedToRender, RenderOptions, RenderResult, clean_data,
                                          output_format, render_file)
from cpptool.core.render.wording import expand_acronyms

__all__ = [
    "AUDIENCES", "DEFAULT_MARKING", "FORMATS", "Block", "Heading", "Para", "RefusedToRender", "RenderOptions",
    "RenderResult", "RenderedDocument", "Table", "build_document", "check_child_copy", "clean_data",
    "docx_to_pdf", "expand_acronyms", "output_format", "render_file", "soffice",
]
