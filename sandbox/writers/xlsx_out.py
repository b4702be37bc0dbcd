"""XLSX of the page structure (openpyxl): one sheet per table (page by page, in reading order),
merged ranges for spanning cells, header rows bold, numbers as numbers.

A cell becomes a number only when :func:`sandbox.structure.numbers.parse` reads it plainly
(its number format shows it as the page did); anything else keeps the page's text.  A document
without tables gets one sheet with its text, one region per row, so the file is never empty.
Workbook properties are neutral (no source name, fixed dates).

Figures are left out: a sheet here is one table's data, and a picture is no table's data nor
belongs to any table's sheet; a sheet of pictures would break "one sheet, one table" for
whoever reads the workbook as data.  DOCX, HTML, Markdown and JSON carry them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sandbox import __version__
from sandbox.models import Document
from sandbox.structure.model import PageLayout, RegionKind, Table
from sandbox.structure.numbers import parse
from sandbox.writers import ooxml

if TYPE_CHECKING:
    from sandbox.formats import Rendering

MAX_SHEET_NAME = 31


def _fill(sheet: object, table: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    bold = Font(bold=True)
    for cell in table.cells:
        target = sheet.cell(row=cell.row + 1, column=cell.col + 1)
        number = parse(cell.text)
        if number is not None:
            target.value = number.value
            target.number_format = number.format
        else:
            target.value = cell.text if cell.text else None
        target.alignment = Alignment(vertical="top", wrap_text=True)
        if cell.header:
            target.font = bold
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=cell.row + 1,
                start_column=cell.col + 1,
                end_row=cell.row + cell.rowspan,
                end_column=cell.col + cell.colspan,
            )
    if table.header_rows:
        sheet.freeze_panes = sheet.cell(row=table.header_rows + 1, column=1)


def _sheet_name(title: str) -> str:
    """A part's title as a sheet name Excel accepts (no []:*?/\\, at most 31 characters)."""
    return "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip("' ")[:MAX_SHEET_NAME]


def render(document: Document, layouts: Sequence[PageLayout]) -> bytes:
    """The document as XLSX bytes: a sheet per table found; a single ``Text`` sheet when there is none."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    tables = [
        (layout.index, region.table, layout.title)
        for layout in layouts
        for region in layout.regions
        if region.kind is RegionKind.TABLE and region.table is not None
    ]
    titles = [title for _, _, title in tables]
    if tables:
        book.remove(first)
        for n, (page, table, title) in enumerate(tables, 1):
            name = _sheet_name(title) if title and titles.count(title) == 1 else ""  # born-digital: the sheet's
            sheet = book.create_sheet(name or f"Table {n} (p{page + 1})"[:MAX_SHEET_NAME])
            _fill(sheet, table)
    else:
        first.title = "Text"
        row = 1
        for layout in layouts:
            for region in layout.regions:
                first.cell(row=row, column=1, value=region.text)
                row += 1
    props = book.properties
    props.creator = ""
    props.lastModifiedBy = ""
    props.title = ""
    props.subject = f"ocr-sandbox {__version__}"
    props.created = props.modified = datetime(2000, 1, 1)
    buf = io.BytesIO()
    book.save(buf)
    return ooxml.fixed_times(buf.getvalue())


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.pages())
