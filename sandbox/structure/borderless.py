"""Borderless tables from word alignment: rows of short pieces of text whose columns line up.

A run of three or more consecutive rows, each with pieces in at least three of the run's
columns (columns: the gaps that run through every row of the run), made of short pieces
(cells, not lines of running text: at most 16 characters on average and none wider than two
fifths of the run), is a table with one cell per column and row.  Two-column and three-column
running text does not qualify: its pieces are long lines.  No spans are guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sandbox.models import BBox
from sandbox.structure.model import Cell, Table
from sandbox.structure.order import _gaps
from sandbox.structure.tables import header_rows

MIN_ROWS = 3
MIN_COLS = 3
MAX_MEAN_CHARS = 16


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    box: BBox  # straight frame


@dataclass(frozen=True, slots=True)
class Found:
    table: Table
    members: frozenset[int]  # indices of the pieces it took


def _rows(pieces: Sequence[Piece], line_height: float) -> list[list[int]]:
    """Pieces grouped into rows (their vertical middles within half a line), top to bottom."""
    order = sorted(range(len(pieces)), key=lambda i: (pieces[i].box.y0 + pieces[i].box.y1) / 2)
    rows: list[list[int]] = []
    for i in order:
        mid = (pieces[i].box.y0 + pieces[i].box.y1) / 2
        if rows:
            last = rows[-1]
            last_mid = sum((pieces[j].box.y0 + pieces[j].box.y1) / 2 for j in last) / len(last)
            if abs(mid - last_mid) <= line_height * 0.5:
                last.append(i)
                continue
        rows.append([i])
    return [sorted(r, key=lambda i: pieces[i].box.x0) for r in rows]


def _columns(pieces: Sequence[Piece], run: Sequence[Sequence[int]], gutter: float) -> list[tuple[int, int]]:
    members = [i for row in run for i in row]
    gaps = _gaps([(pieces[i].box.x0, pieces[i].box.x1) for i in members], gutter)
    left = min(pieces[i].box.x0 for i in members)
    right = max(pieces[i].box.x1 for i in members)
    edges = [left, *[(a + b) // 2 for a, b in gaps], right + 1]
    return [(edges[k], edges[k + 1]) for k in range(len(edges) - 1)]


def _fits(pieces: Sequence[Piece], run: Sequence[Sequence[int]], gutter: float) -> list[tuple[int, int]] | None:
    """The run's columns when it looks like a table, else None."""
    if len(run) < MIN_ROWS:
        return None
    cols = _columns(pieces, run, gutter)
    if len(cols) < MIN_COLS:
        return None
    members = [i for row in run for i in row]
    width = cols[-1][1] - cols[0][0]
    if any(pieces[i].box.width > 0.4 * width for i in members):
        return None
    if sum(len(pieces[i].text) for i in members) / len(members) > MAX_MEAN_CHARS:
        return None
    for row in run:
        used = {k for i in row for k, (a, b) in enumerate(cols) if a <= (pieces[i].box.x0 + pieces[i].box.x1) / 2 < b}
        if len(used) < MIN_COLS:
            return None
    return cols


def find(pieces: Sequence[Piece], line_height: float, gutter: float) -> list[Found]:
    """Borderless tables among ``pieces`` (see the module's rule); rows must follow each other
    with no more than a line and a half of space between them."""
    rows = _rows(pieces, line_height)
    found: list[Found] = []
    start = 0
    while start < len(rows):
        if len(rows[start]) < MIN_COLS:
            start += 1
            continue
        end = start + 1
        while end < len(rows) and len(rows[end]) >= 2:
            above = max(pieces[i].box.y1 for i in rows[end - 1])
            below = min(pieces[i].box.y0 for i in rows[end])
            if below - above > line_height * 1.5:
                break
            end += 1
        best: tuple[int, list[tuple[int, int]]] | None = None
        while end - start >= MIN_ROWS:
            cols = _fits(pieces, rows[start:end], gutter)
            if cols is not None:
                best = (end, cols)
                break
            end -= 1
        if best is None:
            start += 1
            continue
        stop, cols = best
        run = rows[start:stop]
        cells: list[Cell] = []
        for r, row in enumerate(run):
            for k, (a, b) in enumerate(cols):
                inside = [i for i in row if a <= (pieces[i].box.x0 + pieces[i].box.x1) / 2 < b]
                text = " ".join(pieces[i].text for i in inside)
                box = BBox(a, min((pieces[i].box.y0 for i in row), default=0), b,
                           max((pieces[i].box.y1 for i in row), default=0))  # fmt: skip
                cells.append(Cell(r, k, text, box))
        head = header_rows(cells, len(run))
        cells = [Cell(c.row, c.col, c.text, c.bbox, 1, 1, c.row < head) for c in cells]
        table = Table(len(run), len(cols), tuple(cells), head, ruled=False)
        found.append(Found(table, frozenset(i for row in run for i in row)))
        start = stop
    return found
