"""SpreadsheetML (XLSX, XLSM, XLTX) read with openpyxl: every sheet a part, its used range one
table with merged cells as spans, values as shown (cached formula results, never recomputed;
numbers written as their format shows them, so the XLSX writer turns them back into numbers),
cell comments marked as comments.  Hidden sheets are read too (their text is in the file).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from sandbox.errors import InputError, LimitError
from sandbox.extract import guard, notices
from sandbox.extract.base import CellText, Extracted, Flow, table
from sandbox.limits import Limits
from sandbox.structure.model import PageLayout, RegionKind

_PLACES = re.compile(r"0\.(0+)")


def shown(value: Any, number_format: str = "General") -> str:
    """A cell value as text, numbers as their format shows them (decimals, grouping, percent)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        fmt = number_format or "General"
        match = _PLACES.search(fmt)
        places = len(match.group(1)) if match else None
        if "%" in fmt:
            return f"{value * 100:.{places or 0}f}%"
        if "#,##" in fmt:
            return f"{value:,.{places or 0}f}"
        if places is not None:
            return f"{value:.{places}f}"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    return str(value).strip()


def _sheet(ws: Any, index: int, display: str, limits: Limits) -> Flow | None:
    cells_map: dict[tuple[int, int], Any] = getattr(ws, "_cells", {})
    if len(cells_map) > limits.max_parts * 100:
        raise LimitError(
            f"{display}: more than {limits.max_parts * 100:,} cells in a sheet "
            "(raise it with --limit max-parts=N if the file is trusted)"
        )
    texts = {key: shown(c.value, c.number_format) for key, c in cells_map.items()}
    used = [key for key, text in texts.items() if text]
    flow = Flow(title=str(ws.title))
    if not used:
        return None
    top, left = min(r for r, _ in used), min(c for _, c in used)
    bottom, right = max(r for r, _ in used), max(c for _, c in used)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
        if r0 < top or c0 < left or r0 > bottom or c0 > right:
            continue
        r1, c1 = min(r1, bottom), min(c1, right)
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    if (bottom - top + 1) * (right - left + 1) > limits.max_parts * 100:
        raise LimitError(f"{display}: a sheet's used range is too large (raise it with --limit max-parts=N)")
    cells = []
    for (r, c), (rs, cs) in spans.items():
        cells.append(CellText(r - top, c - left, texts.get((r, c), ""), rs, cs))
    for (r, c), text in texts.items():
        if text and (r, c) not in spans and (r, c) not in covered:
            cells.append(CellText(r - top, c - left, text))
    first = [c for c in range(left, right + 1) if (top, c) not in covered]  # the first row's own cells
    labels = all(texts.get((top, c)) and not _numeric(cells_map.get((top, c))) for c in first)
    header = 1 if bottom > top and labels else 0  # a first row of labels is the header
    flow.add_table(table(cells, header))
    for key in sorted(cells_map):
        comment = cells_map[key].comment
        if comment is not None and comment.text:
            flow.paragraph(f"{cells_map[key].coordinate}: {comment.text}", RegionKind.COMMENT)
    return flow


def _numeric(cell: Any) -> bool:
    return cell is not None and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)


def read(path: Path, display: str, limits: Limits) -> Extracted:
    """A workbook: one part per sheet with content, in the workbook's order."""
    import warnings
    import zipfile

    from openpyxl import load_workbook

    with guard.check_zip(path, display, limits) as archive:
        found = notices.ooxml(archive)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = load_workbook(path, data_only=True, keep_links=False, keep_vba=False, rich_text=False)
    except (KeyError, ValueError, TypeError, IndexError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{display}: the workbook is damaged ({type(exc).__name__}); is it complete?") from None
    parts: list[PageLayout] = []
    try:
        for n, ws in enumerate(book.worksheets):
            flow = _sheet(ws, n, display, limits)
            if flow is not None:
                parts.append(flow.done(len(parts)))
    finally:
        book.close()
    return Extracted("xlsx", tuple(parts), found)
