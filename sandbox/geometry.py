"""Pure functions on boxes."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from dataclasses import replace

from sandbox.models import BBox, Line, Page, Word


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding every box; raises ``ValueError`` when given none."""
    items = list(boxes)
    if not items:
        raise ValueError("union of no boxes")
    return BBox(min(b.x0 for b in items), min(b.y0 for b in items), max(b.x1 for b in items), max(b.y1 for b in items))


def scale(box: BBox, factor: float) -> BBox:
    """The box with each coordinate multiplied by ``factor`` and rounded to a whole pixel."""
    return BBox(round(box.x0 * factor), round(box.y0 * factor), round(box.x1 * factor), round(box.y1 * factor))


def unscaled(page: Page, factor: float, width: int, height: int, dpi: int) -> Page:
    """``page``, read on its picture resized by ``factor``, with every box in the coordinates of
    the picture itself (``width`` by ``height`` at ``dpi``)."""
    k = 1 / factor
    lines = tuple(
        Line(tuple(Word(w.text, scale(w.bbox, k), w.conf) for w in ln.words), scale(ln.bbox, k), ln.block, ln.paragraph)
        for ln in page.lines
    )
    return replace(page, lines=lines, width=width, height=height, dpi=dpi)


def line_slopes(page: Page) -> list[float]:
    """The slope (dy/dx, y down) of each line of three or more words spanning over 50 px,
    fitted through the bottoms of its words; lines that give no fit are left out."""
    slopes: list[float] = []
    for line in page.lines:
        ws = line.words
        if len(ws) < 3:
            continue
        xs = [(w.bbox.x0 + w.bbox.x1) / 2 for w in ws]
        if xs[-1] - xs[0] <= 50:
            continue
        try:
            slopes.append(statistics.linear_regression(xs, [float(w.bbox.y1) for w in ws]).slope)
        except statistics.StatisticsError:
            continue
    return slopes


def kept_words(page: Page, removed: set[int]) -> Iterator[tuple[Line, list[Word]]]:
    """Each line with its words whose page-wide index (``Page.words`` order) is not in
    ``removed``; lines whose words are all removed still come, with an empty list."""
    index = 0
    for line in page.lines:
        keep = []
        for word in line.words:
            if index not in removed:
                keep.append(word)
            index += 1
        yield line, keep
