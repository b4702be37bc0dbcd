"""Ruled grids filled with the words the page's engine read: each word goes to the cell that
holds its centre, in the grid's straight frame; a cell's words are joined line by line."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sandbox.models import BBox, Word
from sandbox.structure.model import Cell, Table
from sandbox.structure.textjoin import join_two
from sandbox.text import join_words

if TYPE_CHECKING:
    from sandbox.structure.rules import Frame, Grid

_RULE_DEBRIS = set("|│┃[]_")
_NUMERIC = set("0123456789,.%-+—–０１２３４５６７８９，．％")


@dataclass(frozen=True, slots=True)
class Placed:
    """A table and the words (their indices in the page's word list) it took."""

    table: Table
    bbox: BBox
    taken: frozenset[int]


def _box_to_page(frame: Frame, box: tuple[float, float, float, float]) -> BBox:
    x0, y0, x1, y1 = box
    pts = [frame.to_page(x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return BBox(round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))


def cell_text(words: Sequence[Word], frame: Frame, line_height: float) -> str:
    """Words of one cell as text: grouped into lines by their centres, left to right."""
    centred = sorted(
        ((frame.to_straight((w.bbox.x0 + w.bbox.x1) / 2, (w.bbox.y0 + w.bbox.y1) / 2), w) for w in words),
        key=lambda item: item[0][1],
    )
    lines: list[list[tuple[float, Word]]] = []
    last_y = None
    for (x, y), word in centred:
        if last_y is None or y - last_y > line_height * 0.5:
            lines.append([])
        lines[-1].append((x, word))
        last_y = y
    text = ""
    for line in lines:
        text = join_two(text, join_words([w.text for _, w in sorted(line, key=lambda item: item[0])]))
    return text


def _numeric(text: str) -> bool:
    core = text.replace(" ", "")
    return bool(core) and all(ch in _NUMERIC for ch in core) and any(ch.isdigit() for ch in core)


def header_rows(cells: Sequence[Cell], rows: int) -> int:
    """Rows of the header: as deep as the first row's tallest cell when the first row groups
    columns (a cell spanning columns beside one spanning rows: a two-level header), else the
    first row when it has no numbers and the rows below do."""
    first = [c for c in cells if c.row == 0]
    if not first or rows < 2:
        return 0
    depth = max(c.rowspan for c in first)
    if 1 < depth < rows and any(c.colspan > 1 for c in first) and not any(_numeric(c.text) for c in first):
        return depth
    below = [c for c in cells if c.row >= 1]
    if not any(_numeric(c.text) for c in first) and sum(_numeric(c.text) for c in below) >= max(2, len(below) // 4):
        return 1
    return 0


def fill(grid: Grid, frame: Frame, words: Sequence[Word], line_height: float) -> Placed | None:
    """The grid as a table of the words inside it; None when no word lies in it."""
    gx0, gy0, gx1, gy1 = grid.box
    inside: dict[int, list[int]] = {}
    for n, word in enumerate(words):
        x, y = frame.to_straight((word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.y0 + word.bbox.y1) / 2)
        if not (gx0 <= x <= gx1 and gy0 <= y <= gy1):
            continue
        for k, cell in enumerate(grid.cells):
            cx0, cy0, cx1, cy1 = cell.box
            if cx0 <= x <= cx1 and cy0 <= y <= cy1:
                inside.setdefault(k, []).append(n)
                break
    if not inside:
        return None
    taken = frozenset(n for ns in inside.values() for n in ns)
    cells = []
    for k, gc in enumerate(grid.cells):
        kept = [words[n] for n in inside.get(k, []) if not set(words[n].text) <= _RULE_DEBRIS]
        cells.append(Cell(gc.row, gc.col, cell_text(kept, frame, line_height), _box_to_page(frame, gc.box),
                          gc.rowspan, gc.colspan))  # fmt: skip
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    head = header_rows(cells, rows)
    cells = [Cell(c.row, c.col, c.text, c.bbox, c.rowspan, c.colspan, c.row < head) for c in cells]
    table = Table(rows, cols, tuple(cells), head, True)
    return Placed(table, _box_to_page(frame, grid.box), taken)


def median_height(words: Sequence[Word]) -> float:
    heights = [w.bbox.height for w in words if w.bbox.height > 0]
    return float(statistics.median(heights)) if heights else 30.0
