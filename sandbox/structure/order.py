"""Reading order from geometry: a recursive XY-cut that never reads across a column gutter.

A region whose boxes leave a vertical gap from top to bottom is split into columns, read left
to right.  Otherwise it is cut into horizontal strips at its empty rows; consecutive strips
that share a gutter (a gap at the same place) are put back together first, so a two-column
body under a full-width head is read column by column, not strip by strip across the columns.
Guarantee: the result is a permutation of the input indices; two boxes separated by a gutter
that runs the height of their strip group are never interleaved.
"""

from __future__ import annotations

from collections.abc import Sequence

from sandbox.models import BBox


def _gaps(spans: Sequence[tuple[int, int]], min_gap: float) -> list[tuple[int, int]]:
    """Empty intervals at least ``min_gap`` wide between the given covered spans."""
    out: list[tuple[int, int]] = []
    ordered = sorted(spans)
    reach = ordered[0][1]
    for start, stop in ordered[1:]:
        if start - reach >= min_gap:
            out.append((reach, start))
        reach = max(reach, stop)
    return out


def _split(items: list[int], boxes: Sequence[BBox], cuts: list[tuple[int, int]], vertical: bool) -> list[list[int]]:
    parts: list[list[int]] = [[] for _ in range(len(cuts) + 1)]
    for i in items:
        centre = (boxes[i].x0 + boxes[i].x1) / 2 if vertical else (boxes[i].y0 + boxes[i].y1) / 2
        n = sum(1 for _, stop in cuts if centre >= stop)
        parts[n].append(i)
    return [p for p in parts if p]


def reading_order(boxes: Sequence[BBox], gutter: float) -> list[int]:
    """Indices of ``boxes`` in reading order.  ``gutter``: the narrowest gap between columns."""
    return ordered_columns(boxes, gutter)[0]


def ordered_columns(boxes: Sequence[BBox], gutter: float) -> tuple[list[int], int]:
    """(reading order, most columns of three or more lines found side by side)."""
    out: list[int] = []
    found = [1]
    _order(list(range(len(boxes))), boxes, gutter, out, found)
    return out, max(found)


def _by_position(items: list[int], boxes: Sequence[BBox]) -> list[int]:
    return sorted(items, key=lambda i: (boxes[i].y0, boxes[i].x0))


def _order(items: list[int], boxes: Sequence[BBox], gutter: float, out: list[int], found: list[int]) -> None:
    if len(items) <= 1:
        out.extend(items)
        return
    columns = _gaps([(boxes[i].x0, boxes[i].x1) for i in items], gutter)
    if columns:
        parts = _split(items, boxes, columns, vertical=True)
        found.append(sum(1 for part in parts if len(part) >= 3))
        for part in parts:
            _order(part, boxes, gutter, out, found)
        return
    rows = _gaps([(boxes[i].y0, boxes[i].y1) for i in items], 1)
    strips = _split(items, boxes, rows, vertical=False)
    if len(strips) == 1:
        out.extend(_by_position(items, boxes))
        return
    groups: list[list[int]] = []
    shared: list[tuple[int, int]] = []
    for strip in strips:
        mine = _gaps([(boxes[i].x0, boxes[i].x1) for i in strip], gutter)
        if groups and shared:
            if mine:  # its own gutter must meet the group's
                common = [(max(a0, b0), min(a1, b1)) for a0, a1 in shared for b0, b1 in mine]
                common = [(a, b) for a, b in common if b - a >= gutter]
                joins = bool(common)
            else:  # a line of one column: it must stay on its side of the middle of the group's gutter
                common = shared
                joins = not any(boxes[i].x0 < (g0 + g1) / 2 < boxes[i].x1 for i in strip for g0, g1 in shared)
            if joins:
                groups[-1].extend(strip)
                shared = common
                continue
        groups.append(list(strip))
        shared = mine
    if len(groups) == 1:  # the whole would have had a gutter; read by position all the same
        out.extend(_by_position(items, boxes))
        return
    for group in groups:
        _order(group, boxes, gutter, out, found)
