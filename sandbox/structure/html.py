"""HTML fragments of structure shared by the HTML and Markdown writers: tables with their
spans and header rows, escaped text."""

from __future__ import annotations

from html import escape

from sandbox.structure.model import Table


def table_html(table: Table, *, indent: str = "") -> str:
    """``<table>`` with ``rowspan``/``colspan``; header rows in ``<thead>`` as ``<th>``."""
    grid = table.grid()
    rows: list[str] = []
    for r, row in enumerate(grid):
        tag = "th" if r < table.header_rows else "td"
        cells = []
        for cell in row:
            if cell is None:
                continue
            attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            cells.append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
        rows.append(f"{indent}  <tr>{''.join(cells)}</tr>")
    head = rows[: table.header_rows]
    body = rows[table.header_rows :]
    parts = [f"{indent}<table>"]
    if head:
        parts += [f"{indent} <thead>", *head, f"{indent} </thead>"]
    parts += [f"{indent} <tbody>", *body, f"{indent} </tbody>", f"{indent}</table>"]
    return "\n".join(parts)
