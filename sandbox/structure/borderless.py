"""Borderless tables from word alignment: rows of short pieces of text whose columns line up.

A run of three or more consecutive rows, each with pieces in at least three of the run's
columns (columns: the gaps that run through every row of the run), made of short pieces
(cells, not lines of running text: at most 16 characters on average and none wider than two
fifths of the run), is a table with one cell per column and row.  Two-column and three-column
running text does not qualify: its pieces are long lines.  No spans are guessed.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sandbox.models import BBox
from sandbox.structure.model import Cell, Table
from sandbox.structure.order import _gaps
from sandbox.structure.tables import header_rows

MIN_ROWS = 3
MIN_COLS = 3
MAX_MEAN_CHARS = 16
MAX_HEAD = 3  # header rows above the body that may span its columns


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
    return [sorted(r, key=lambda i: pieces[i].box.x0) for r in _wrapped(pieces, rows, line_height)]


def _wrapped(pieces: Sequence[Piece], rows: list[list[int]], line_height: float) -> list[list[int]]:
    """A lone piece between two rows of several pieces, less than half a line from one of
    them, belongs to the nearer one: a cell's text wrapped onto a second line (the other cells
    of its row are set in the middle of its lines)."""
    out = [list(r) for r in rows]
    k = 1
    while k < len(out) - 1:
        if len(out[k]) == 1 and len(out[k - 1]) >= 2 and len(out[k + 1]) >= 2:
            box = pieces[out[k][0]].box
            up = box.y0 - max(pieces[i].box.y1 for i in out[k - 1])
            down = min(pieces[i].box.y0 for i in out[k + 1]) - box.y1
            if min(up, down) < 0.5 * line_height:
                near = k - 1 if up <= down else k + 1
                out[near].extend(out.pop(k))
                continue
        k += 1
    return out


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
    usual = statistics.median(pieces[i].box.height for i in members)
    if any(min(pieces[i].box.height for i in row) > 1.25 * usual for row in run):
        return None  # a row set larger (a heading above the table) is not one of its rows
    for row in run:
        used = {k for i in row for k, (a, b) in enumerate(cols) if a <= (pieces[i].box.x0 + pieces[i].box.x1) / 2 < b}
        if len(used) < MIN_COLS:
            return None
    return cols


def _sandwiched(rows: Sequence[Sequence[int]], k: int) -> bool:
    """A one-piece row between two rows of several pieces (a header label set in the middle
    of two header rows)."""
    return 0 < k < len(rows) - 1 and len(rows[k - 1]) >= 2 and len(rows[k + 1]) >= 2


def _run_end(pieces: Sequence[Piece], rows: Sequence[Sequence[int]], start: int, line_height: float) -> int:
    """Where the run of table-like rows from ``start`` ends: rows of two or more pieces (or one
    piece between two such rows) with at most a line and a half of space between them."""
    end = start + 1
    while end < len(rows) and (len(rows[end]) >= 2 or _sandwiched(rows, end)):
        above = max(pieces[i].box.y1 for i in rows[end - 1])
        below = min(pieces[i].box.y0 for i in rows[end])
        if below - above > line_height * 1.5:
            break
        end += 1
    return end


def _best(
    pieces: Sequence[Piece], rows: Sequence[Sequence[int]], start: int, end: int, gutter: float
) -> tuple[int, int, list[tuple[int, int]]] | None:
    """(header rows, end, columns): the columns come from the body rows only (header rows may
    hold cells that span columns and so cross the body's gutters); the most columns win, then
    the fewest header rows."""
    best: tuple[int, int, list[tuple[int, int]]] | None = None
    for head in range(0, MAX_HEAD + 1):
        stop = end
        while stop - start - head >= MIN_ROWS:
            body = rows[start + head : stop]
            if any(len(r) < 2 for r in body):
                stop -= 1
                continue
            cols = _fits(pieces, body, gutter)
            if cols is not None:
                heights = sorted(pieces[i].box.height for r in body for i in r)
                if head and not _header_fits(pieces, rows[start : start + head], cols, heights[len(heights) // 2]):
                    break
                if best is None or len(cols) > len(best[2]):
                    best = (head, stop, cols)
                break
            stop -= 1
    return best


def _overlapped(box: BBox, cols: Sequence[tuple[int, int]]) -> list[int]:
    return [k for k, (a, b) in enumerate(cols) if min(box.x1, b) - max(box.x0, a) > 0.25 * min(box.width, b - a)]


def _header_fits(
    pieces: Sequence[Piece], head: Sequence[Sequence[int]], cols: Sequence[tuple[int, int]], body_height: float
) -> bool:
    """Header rows must lie over the body's columns, set no larger than the body (a heading
    above the table is not its header): every piece over at least one column."""
    left, right = cols[0][0], cols[-1][1]
    return all(
        _overlapped(pieces[i].box, cols)
        and pieces[i].box.x0 >= left - (right - left) * 0.05
        and pieces[i].box.height <= 1.3 * body_height
        for row in head
        for i in row
    )


def _table(pieces: Sequence[Piece], head: Sequence[Sequence[int]], body: Sequence[Sequence[int]],
           cols: Sequence[tuple[int, int]]) -> Table:  # fmt: skip
    """The grid: header levels (rows of several pieces; a lone piece between two of them joins
    the level above), header cells spanning the columns they lie over and the empty header
    cells below them, body cells one per column."""
    levels: list[list[int]] = []
    for k, row in enumerate(head):
        if len(row) == 1 and _sandwiched(head, k) and levels:
            levels[-1].extend(row)
        else:
            levels.append(list(row))
    ncols = len(cols)
    nrows = len(levels) + len(body)
    owner: list[list[tuple[str, int, int, BBox] | None]] = [[None] * ncols for _ in range(nrows)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered = [[False] * ncols for _ in range(nrows)]
    for r, level in enumerate(levels):
        for i in sorted(level, key=lambda i: pieces[i].box.x0):
            over = _overlapped(pieces[i].box, cols) or [0]
            c0, c1 = over[0], over[-1]
            if any(covered[r][c] for c in range(c0, c1 + 1)):
                c1 = c0  # overlapping claims: the piece keeps its first column only
            cell = owner[r][c0]
            text = pieces[i].text if cell is None else f"{cell[0]} {pieces[i].text}"
            box = pieces[i].box if cell is None else union2(cell[3], pieces[i].box)
            owner[r][c0] = (text, c0, c1, box)
            for c in range(c0, c1 + 1):
                covered[r][c] = True
    for r in range(len(levels)):  # header cells over nothing below reach down
        for c in range(ncols):
            cell = owner[r][c]
            if cell is None:
                continue
            depth = 1
            while r + depth < len(levels) and not any(covered[r + depth][k] for k in range(cell[1], cell[2] + 1)):
                for k in range(cell[1], cell[2] + 1):
                    covered[r + depth][k] = True
                depth += 1
            spans[(r, c)] = (depth, cell[2] - cell[1] + 1)
    cells: list[Cell] = []
    for r in range(len(levels)):
        for c in range(ncols):
            cell = owner[r][c]
            if cell is not None:
                rowspan, colspan = spans[(r, c)]
                cells.append(Cell(r, c, cell[0], cell[3], rowspan, colspan, True))
            elif not covered[r][c]:
                cells.append(Cell(r, c, "", BBox(cols[c][0], 0, cols[c][1], 0), header=True))
    top = len(levels)
    for n, row in enumerate(body):
        y0 = min(pieces[i].box.y0 for i in row)
        y1 = max(pieces[i].box.y1 for i in row)
        tall = statistics.median(pieces[i].box.height for i in row)
        for k, (a, b) in enumerate(cols):
            inside = [i for i in row if a <= (pieces[i].box.x0 + pieces[i].box.x1) / 2 < b]
            inside.sort(key=lambda i: (pieces[i].box.y0 - y0 > 0.5 * tall, pieces[i].box.x0))  # wrapped: below
            cells.append(Cell(top + n, k, " ".join(pieces[i].text for i in inside), BBox(a, y0, b, y1)))
    head_rows = top
    if not top:
        head_rows = header_rows(cells, nrows)
        cells = [Cell(c.row, c.col, c.text, c.bbox, 1, 1, c.row < head_rows) for c in cells]
    return Table(nrows, ncols, tuple(sorted(cells, key=lambda c: (c.row, c.col))), head_rows, ruled=False)


NUMBER = re.compile(r"^[-+−–(]?[\d,.\s]*\d[\d,.\s]*[)%]?$")


def _labels(pieces: Sequence[Piece], row: Sequence[int]) -> bool:
    """A row of labels: no piece of it is a number."""
    return not any(NUMBER.match(pieces[i].text.strip()) for i in row)


def union2(a: BBox, b: BBox) -> BBox:
    return BBox(min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))


def find(pieces: Sequence[Piece], line_height: float, gutter: float) -> list[Found]:
    """Borderless tables among ``pieces`` (see the module's rule); rows must follow each other
    with no more than a line and a half of space between them."""
    rows = _rows(pieces, line_height)
    found: list[Found] = []
    start = 0
    while start < len(rows):
        if len(rows[start]) < 2:
            start += 1
            continue
        best = _best(pieces, rows, start, _run_end(pieces, rows, start, line_height), gutter)
        if best is None:
            start += 1
            continue
        head, stop, cols = best
        while head and head < MAX_HEAD and stop - start - head > MIN_ROWS and _labels(pieces, rows[start + head]):
            head += 1  # a header over spanning header cells goes on while its rows hold labels, not numbers
        table = _table(pieces, rows[start : start + head], rows[start + head : stop], cols)
        found.append(Found(table, frozenset(i for row in rows[start:stop] for i in row)))
        start = stop
    return found
