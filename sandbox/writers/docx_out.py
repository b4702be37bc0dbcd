"""Editable DOCX of the page structure (python-docx): headings in Word's Heading styles,
paragraphs joined across line breaks, lists, real tables with merged cells and repeated header
rows, lists with Word's own numbering (:mod:`sandbox.writers.docx_lists`), figures as inline
pictures cropped from the page, an official document's masthead as a large centred line (not a
heading) in the colour measured on the page, running heads and feet as small paragraphs, a page
break per page.  Chinese runs get an East Asian font so Word and LibreOffice show them without
substitution.  Core properties are neutral (no source name) and the bytes do not depend on the
time of writing."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sandbox import __version__
from sandbox.models import Document
from sandbox.structure import lists
from sandbox.structure.model import PageLayout, Region, RegionKind, Table
from sandbox.text import is_cjk
from sandbox.writers import docx_lists, ooxml

if TYPE_CHECKING:
    from sandbox.formats import Rendering

LATIN_FONT = "Liberation Serif"
CJK_FONT = "Noto Serif CJK SC"
BULLETS = "•·●○■□▪◆◇►▶-–*¢"
LABELS = {RegionKind.COMMENT: "Comment", RegionKind.FOOTNOTE: "Footnote", RegionKind.NOTE: "Note"}


def _run(para: Any, text: str, bold: bool = False) -> None:
    from docx.oxml.ns import qn

    run = para.add_run(text)
    run.font.name = LATIN_FONT
    if bold:
        run.bold = True
    if any(is_cjk(c) for c in text):
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), CJK_FONT)


def _table(doc: Any, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    out = doc.add_table(rows=table.rows, cols=table.cols)
    out.style = "Table Grid"
    for cell in table.cells:
        target = out.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(out.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1))
        para = target.paragraphs[0]
        _run(para, cell.text, bold=cell.header)
    for r in range(table.header_rows):  # repeated on each page the table runs over
        tr_pr = out.rows[r]._tr.get_or_add_trPr()
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        tr_pr.append(flag)


def _picture(doc: Any, region: Region, page_width: int) -> None:
    """A figure's crop as an inline picture, as wide on the Word page as on the scanned one (of
    6 inches of text width), the words read inside it as its alternative text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    share = region.bbox.width / page_width if page_width else 1.0
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    shape = para.add_run().add_picture(io.BytesIO(region.image), width=Inches(max(0.5, min(1.0, share) * 6.0)))
    shape._inline.docPr.set("descr", " ".join(region.lines))
    shape._inline.docPr.set("name", "Figure")


def _region(doc: Any, region: Region, numbering: docx_lists.Numbering, page_width: int = 0) -> None:
    kind = region.kind
    if kind is RegionKind.TABLE and region.table is not None:
        _table(doc, region.table)
        return
    if kind in (RegionKind.TITLE, RegionKind.HEADING):
        para = doc.add_paragraph(style=f"Heading {max(1, min(6, region.level or 2))}")
        _run(para, region.text)
        return
    if kind is RegionKind.LIST and not region.levels and (found := lists.runs(region.lines)) is not None:
        for run in found:  # a scan's list: Word draws the page's own markers (docx_lists)
            num_id = numbering.instance(run.style, run.start)
            for item in run.items:
                para = doc.add_paragraph(style="List Paragraph")
                docx_lists.number(para, num_id)
                _run(para, item)
        return
    if kind is RegionKind.LIST:
        levels = region.levels or (0,) * len(region.lines)
        for item, level in zip(region.lines, levels, strict=False):
            deeper = f" {min(3, level + 1)}" if level else ""  # List Bullet 2, List Number 3, …
            if region.ordered and not region.levels:  # the item keeps its own number (the page's text)
                _run(doc.add_paragraph(style="List Paragraph"), item)
            elif region.ordered:  # born-digital: Word numbers the items
                _run(doc.add_paragraph(style="List Number" + deeper), item)
            else:
                text = item[1:].lstrip() if item[:1] in BULLETS else item
                _run(doc.add_paragraph(style="List Bullet" + deeper), text)
        return
    if kind in LABELS:  # born-digital: comments, footnotes, notes marked as such
        para = doc.add_paragraph(style="Intense Quote" if kind is RegionKind.COMMENT else "Quote")
        _run(para, LABELS[kind] + ": ", bold=True)
        _run(para, region.text)
        return
    if kind is RegionKind.FIGURE and region.image:
        _picture(doc, region, page_width)
        return
    if kind is RegionKind.FIGURE:
        _run(doc.add_paragraph(style="Caption"), f"[{region.text}]")
        return
    if kind is RegionKind.MASTHEAD:  # 红头: large, centred, not a heading of the outline
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(para, region.text, bold=True)
        for run in para.runs:
            run.font.size = Pt(24)
            if re.fullmatch(r"#[0-9a-f]{6}", region.colour):  # the colour measured on the page
                run.font.color.rgb = RGBColor.from_string(region.colour[1:].upper())
        return
    if kind is RegionKind.CAPTION:
        _run(doc.add_paragraph(style="Caption"), region.text)
        return
    para = doc.add_paragraph()
    _run(para, region.text)
    if kind in (RegionKind.HEADER, RegionKind.FOOTER, RegionKind.PAGE_NUMBER):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in para.runs:
            run.font.size = Pt(9)


def render(document: Document, layouts: Sequence[PageLayout]) -> bytes:
    """The document as DOCX bytes: regions in reading order, a page break between pages, no author or dates from the
    machine.
    """
    from docx import Document as Docx
    from docx.enum.text import WD_BREAK

    doc = Docx()
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = datetime(2000, 1, 1, tzinfo=UTC)
    props.subject = f"ocr-sandbox {__version__}"
    numbering = docx_lists.Numbering(doc)
    for n, layout in enumerate(layouts):
        if layout.title:  # born-digital: the part's name (sheet, attachment)
            _run(doc.add_paragraph(style="Heading 2"), layout.title)
        for region in layout.regions:
            _region(doc, region, numbering, layout.width)
        if n + 1 < len(layouts):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    doc.save(buf)
    return ooxml.fixed_times(buf.getvalue())


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.pages())
