"""Write a RenderedDocument as a Word .docx, on top of a reference document (pandoc's pattern).

The reference document (templates/reference.docx, or a local authority's own via
--reference-doc) gives the styles, page set-up, headers and footers, and any logo; its body is
cleared and replaced. The output uses real Title / Heading 1 / Heading 2 styles so screen
readers and Word's navigation pane can find their way, table header rows that repeat on every
page, a protective marking in the header, page numbers in the footer, and the document's title
and language in its properties.

python-docx has no public API for a few of these; the small OXML helpers below fill the gaps.
This module imports only the document model (document.py), never the builder or the pipeline.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Optional

from cpptool.core.errors import CpptoolError
from cpptool.core.render.document import DRAFT_MARK, Heading, Para, RenderedDocument, Table

REQUIRED_STYLES = ("Title", "Heading 1", "Heading 2")
TABLE_STYLE = "Table Grid"


def default_reference() -> Path:
    from cpptool.resources import resource_dir

    return resource_dir("templates") / "reference.docx"


def open_reference(path: Optional[Path]) -> Any:
    """Open the reference document and check it has the styles the agreement needs."""
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    source = path or default_reference()
    try:
        document = Document(str(source))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise CpptoolError(f"the reference document {source} is not a Word .docx file; "
                           "save it from Word as a .docx (not .doc or .dotx)") from None
    except OSError as err:
        raise CpptoolError(f"cannot read the reference document {source}: "
                           f"{err.strerror or type(err).__name__}") from None
    for name in REQUIRED_STYLES:
        if not _has_style(document, name):
            raise CpptoolError(f"the reference document {source} has no '{name}' style; "
                               f"add it in Word (use it once, or modify it in the Styles pane) and save again")
    if _table_style(document) is None:
        raise CpptoolError(f"the reference document {source} has no '{TABLE_STYLE}' style or other table style; "
                           "insert a table in Word with a table style and save again")
    return document


def _has_style(document: Any, name: str) -> bool:
    try:
        document.styles[name]
    except KeyError:
        return False
    return True


def _table_style(document: Any) -> Optional[str]:
    from docx.enum.style import WD_STYLE_TYPE

    if _has_style(document, TABLE_STYLE):
        return TABLE_STYLE
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Normal"):
            return style.name
    return None


def to_docx(doc: RenderedDocument, reference: Optional[Path] = None) -> bytes:
    document = open_reference(reference)
    writer = _Writer(document, doc)
    writer.write()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


class _Writer:
    def __init__(self, document: Any, doc: RenderedDocument) -> None:
        self.d = document
        self.doc = doc
        self.table_style = _table_style(document)
        self.bullet_style = "List Bullet" if _has_style(document, "List Bullet") else None
        self.subtitle_style = "Subtitle" if _has_style(document, "Subtitle") else None
        self.text_width = _text_width(document)

    def write(self) -> None:
        _clear_body(self.d)
        self.properties()
        _set_default_language(self.d, self.doc.language)
        if self.doc.audience == "child":
            _larger_print(self.d)
        for section in self.d.sections:
            for header in _headers(self.d, section, "header"):
                if self.doc.draft:  # every page: the first thing in the header
                    _add_marking(header, DRAFT_MARK, top=True, style=self.style_or_none("Header"))
                if self.doc.marking:
                    _add_marking(header, self.doc.marking, top=True, style=self.style_or_none("Header"))
            for footer in _headers(self.d, section, "footer"):
                _add_page_number(footer, style=self.style_or_none("Footer"))
                if self.doc.marking:
                    _add_marking(footer, self.doc.marking, top=False, style=self.style_or_none("Footer"))
                if self.doc.draft:
                    _add_marking(footer, DRAFT_MARK, top=False, style=self.style_or_none("Footer"))
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                self.d.add_heading(block.text, block.level)
            elif isinstance(block, Para):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block)

    def style_or_none(self, name: str) -> Optional[str]:
        return name if _has_style(self.d, name) else None

    def properties(self) -> None:
        props = self.d.core_properties
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
        props.title = self.doc.title
        props.subject = "Child protection plan"
        props.language = self.doc.language
        props.author = "cpptool"
        props.last_modified_by = "cpptool"
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.content_status = ""
        props.revision = 1
        props.created = now
        props.modified = now

    def paragraph(self, block: Para, container: Any = None) -> None:
        target = container if container is not None else self.d
        style = None
        prefix = ""
        if block.style == "bullet":
            style = self.bullet_style
            prefix = "" if style else "\u2022 "
        elif block.style == "subtitle":
            style = self.subtitle_style
        par = target.add_paragraph(style=style)
        if prefix:
            par.add_run(prefix)
        for text, bold in block.runs:
            run = par.add_run(text)
            if bold:
                run.bold = True

    def table(self, block: Table) -> None:
        from docx.enum.table import WD_ROW_HEIGHT_RULE
        from docx.shared import Cm, Emu

        ncols = len(block.header)
        table = self.d.add_table(rows=len(block.rows) + 1, cols=ncols)
        table.style = self.table_style
        table.autofit = False
        _table_caption(table, block.caption)
        widths = None
        if block.widths and len(block.widths) == ncols and self.text_width:
            widths = [Emu(int(self.text_width * f)) for f in block.widths]
            for column, width in zip(table.columns, widths):
                column.width = width
        rows = table.rows
        header = rows[0]
        _repeat_header(header)
        _cant_split(header)
        for i, (cell, text) in enumerate(zip(header.cells, block.header)):
            cell.paragraphs[0].add_run(text).bold = True
            if widths:
                cell.width = widths[i]
        for row, values in zip(rows[1:], block.rows):
            _cant_split(row)
            if block.kind == "signatures":
                row.height = Cm(1.3)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for i, (cell, text) in enumerate(zip(row.cells, values)):
                if widths:
                    cell.width = widths[i]
                lines = str(text).split("\n")
                first = cell.paragraphs[0]
                if lines[0]:
                    first.add_run(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph(line)
        self.d.add_paragraph()  # keep consecutive tables and headings apart


# ---------------------------------------------------------------------------------------------
# OXML helpers


def _clear_body(document: Any) -> None:
    """Remove the reference's content but keep its final section (page set-up, headers, footers)."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _text_width(document: Any) -> Optional[int]:
    section = document.sections[-1]
    try:
        width = section.page_width - section.left_margin - section.right_margin
    except TypeError:
        return None
    return width if width > 0 else None


def _set_default_language(document: Any, language: str) -> None:
    """Set the proofing language for the whole document (docDefaults), so spell-check and screen
    readers use the right language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _larger_print(document: Any) -> None:
    from docx.shared import Pt

    normal = document.styles["Normal"] if _has_style(document, "Normal") else None
    if normal is not None:
        size = normal.font.size
        if size is None or size < Pt(14):
            normal.font.size = Pt(14)


def _headers(document: Any, section: Any, kind: str) -> list:
    """Every header (or footer) the section shows: default, first page and even pages."""
    out = [getattr(section, kind)]
    if section.different_first_page_header_footer:
        out.append(getattr(section, f"first_page_{kind}"))
    if document.settings.odd_and_even_pages_header_footer:
        out.append(getattr(section, f"even_page_{kind}"))
    return out


def _add_marking(part: Any, marking: str, *, top: bool, style: Optional[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraphs = part.paragraphs
    empty = len(paragraphs) == 1 and not paragraphs[0].text.strip() and not _has_drawing(paragraphs[0])
    if empty:
        par = paragraphs[0]
    elif top:
        par = paragraphs[0].insert_paragraph_before()
    else:
        par = part.add_paragraph()
    if style:
        par.style = style
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = par.add_run(marking)
    run.bold = True


def _has_drawing(paragraph: Any) -> bool:
    return bool(paragraph._p.xpath(".//w:drawing | .//w:pict"))


def _add_page_number(footer: Any, *, style: Optional[str]) -> None:
    """'Page N of M' with PAGE and NUMPAGES fields, unless the footer already numbers its pages."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    xml = footer._element.xml
    if " PAGE " in xml or 'w:instr="PAGE' in xml or "PAGE \\*" in xml:
        return
    paragraphs = footer.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0].text.strip() and not _has_drawing(paragraphs[0]):
        par = paragraphs[0]
    else:
        par = footer.add_paragraph()
    if style:
        par.style = style
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run("Page ")
    _add_field(par, "PAGE")
    par.add_run(" of ")
    _add_field(par, "NUMPAGES")


def _add_field(paragraph: Any, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def _repeat_header(row: Any) -> None:
    """Mark a table row as a header row that Word repeats at the top of every page (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.insert(0, el)


def _table_caption(table: Any, caption: str) -> None:
    """The table's title for screen readers (Word: Table Properties, Alt Text)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    el = OxmlElement("w:tblCaption")
    el.set(qn("w:val"), caption)
    tbl_pr.append(el)
