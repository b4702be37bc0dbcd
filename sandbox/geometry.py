"""Pure functions on boxes."""

from __future__ import annotations

from collections.abc import Iterable

from sandbox.models import BBox


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding every box; raises ``ValueError`` when given none."""
    items = list(boxes)
    if not items:
        raise ValueError("union of no boxes")
    return BBox(min(b.x0 for b in items), min(b.y0 for b in items), max(b.x1 for b in items), max(b.y1 for b in items))


def scale(box: BBox, factor: float) -> BBox:
    """The box with each coordinate multiplied by ``factor`` and rounded to a whole pixel."""
    return BBox(round(box.x0 * factor), round(box.y0 * factor), round(box.x1 * factor), round(box.y1 * factor))
