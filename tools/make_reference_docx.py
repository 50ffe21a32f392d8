"""Generate templates/reference.docx, the default reference document for `cpptool render`.

    .venv/bin/python tools/make_reference_docx.py          # writes templates/reference.docx

A maintainer's script: it lives in tools/, outside templates/, so it never ships in the wheel.

The reference document supplies styles and page set-up only; `cpptool render` clears its body.
A local authority makes its own by copying this file, changing the styles, header, footer and
logo in Word, and passing it with `--reference-doc`. The body below shows each style in use so
it is easy to see what to change.

Choices: A4 with 2 cm margins; Arial 12 pt body text, which is easy to read on screen and paper;
headings in near-black bold (high contrast, no colour-only meaning); English (UK) proofing.
The zip entries get a fixed timestamp, so regenerating gives the same bytes when nothing changed.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout
OUT = ROOT / "templates" / "reference.docx"
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)


def build() -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)

    ink = RGBColor(0x1F, 0x1F, 0x1F)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _east_asian_font(normal, "Arial", OxmlElement, qn)

    for name, size, before, after in (("Title", 24, 0, 6), ("Subtitle", 14, 0, 12), ("Heading 1", 16, 18, 6),
                                      ("Heading 2", 13, 12, 4), ("Heading 3", 12, 10, 4)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = ink
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
        _east_asian_font(style, "Arial", OxmlElement, qn)
    _remove_title_border(doc.styles["Title"], qn)
    for name in ("Header", "Footer"):
        doc.styles[name].font.size = Pt(10)

    # English (UK) proofing by default; cpptool render sets cy-GB for a Welsh agreement.
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")

    # A sample body, cleared by cpptool render: it shows each style the agreement uses.
    doc.add_heading("Title: the plan and the child's name", 0)
    doc.add_paragraph("Subtitle: written agreement", style="Subtitle")
    doc.add_paragraph("Normal: body text. Change the styles in this document (Home, Styles) to set the "
                      "fonts, sizes and colours of every agreement cpptool renders with it. Add a logo or "
                      "text to the header or footer; cpptool adds the protective marking and page numbers.")
    doc.add_heading("Heading 1: a section", 1)
    doc.add_heading("Heading 2: a part of a section", 2)
    doc.add_paragraph("List Bullet: one item of a list", style="List Bullet")
    table = doc.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("What", "Who", "By when", "How we will know")):
        cell.paragraphs[0].add_run(text).bold = True
    doc.add_paragraph("Tables use the Table Grid style.").alignment = WD_ALIGN_PARAGRAPH.LEFT

    props = doc.core_properties
    props.title = "cpptool reference document"
    props.subject = "Styles for cpptool render"
    props.author = "cpptool"
    props.last_modified_by = "cpptool"
    props.comments = "Change the styles, header and footer; cpptool replaces the body."
    props.language = "en-GB"
    props.keywords = ""
    props.revision = 1
    props.created = FIXED
    props.modified = FIXED

    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _east_asian_font(style, name: str, OxmlElement, qn) -> None:  # noqa: N803 - passed-in constructors
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _remove_title_border(style, qn) -> None:
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps and a stable entry order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else OUT
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
