"""CSV and TSV: the whole file one table (first row the header when it is all text and a later
row holds a number), the delimiter sniffed for CSV (comma, semicolon, tab, pipe), the encoding
detected as for plain text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sandbox.errors import LimitError
from sandbox.extract.base import CellText, Extracted, Flow, table
from sandbox.extract.plain import read_text
from sandbox.limits import Limits
from sandbox.structure.numbers import parse

csv.field_size_limit(1024 * 1024)


def read(path: Path, display: str, limits: Limits, delimiter: str | None = None) -> Extracted:
    text = read_text(path, display, limits)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    rows: list[list[str]] = []
    budget = limits.max_parts * 100
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            budget -= len(row)
            if budget < 0:
                raise LimitError(f"{display}: too many cells (raise it with --limit max-parts=N if trusted)")
            rows.append([cell.strip() for cell in row])
    except csv.Error:
        from sandbox.errors import InputError

        raise InputError(f"{display}: the delimited text cannot be read (a field too long or malformed)") from None
    while rows and not any(rows[-1]):
        rows.pop()
    cells = [CellText(r, c, cell) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell]
    header = 0
    if len(rows) > 1 and rows[0] and all(c and parse(c) is None for c in rows[0]):
        header = 1 if any(parse(c) is not None for row in rows[1:] for c in row) or len(rows) > 1 else 0
    flow = Flow()
    flow.add_table(table(cells, header))
    return Extracted("csv" if delimiter != "\t" else "tsv", (flow.done(0),))
