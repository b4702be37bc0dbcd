"""Burn boxes reach the whole of the glyphs they cut.

A burn box comes from a reading's word box, and a reading's box can be narrower or lower than
the glyph's ink: a large Han character's outer strokes, a letter's tail, a word read from a
view at another scale.  What sticks out of the bar is a sliver a reader can complete (the
left of 極 and the foot of 密 name the character).  Each box is therefore grown to every ink
component it cuts that is part of what it covers:

- a component that reaches out of the box by no more than half the box's height across and
  a quarter of it up or down (a glyph's edge, a letter cut by the padding), or
- one mostly inside the box (half its ink or more) and no larger than the box plus its
  height across and twice its height (a long stroke of one character).

A rule, an underline, a table border or a neighbouring line of type reaches further and is
left alone; so is a component that touches the looked-at window's edge (it is larger still).
Growing only adds pixels to burn: no box ever shrinks, so nothing found is burned less.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.models import BBox
from sandbox.redact.types import Mark
from sandbox.redact.views import INK, darkest_array, gray_array, normalise

ACROSS = 0.5  # of a box's height: how far a cut component may reach out sideways and still be grown to
UP_DOWN = 0.25  # of a box's height: ... up or down
MOSTLY = 0.5  # share of a component's ink inside a box for a longer one to be grown to
NOT_GROWN = ("unread",)  # rules whose boxes are already the ink's own region


def _ink(gray: NDArray[np.uint8], dark: NDArray[np.uint8] | None, dpi: int) -> NDArray[np.uint8]:
    """0/1 ink of a window: darker than its local background in grey or in its darkest channel."""
    g = gray if dark is None else np.minimum(gray, dark)
    return (normalise(np.ascontiguousarray(g), dpi) < INK).astype(np.uint8)


def grown(gray: NDArray[np.uint8], dark: NDArray[np.uint8] | None, box: BBox, dpi: int) -> BBox:
    """``box`` grown to every ink component of ``gray`` (and ``dark``, the darkest channel of a
    colour page) it cuts that is part of what it covers (module docstring); ``box`` itself
    when it cuts none.  The result always contains ``box``."""
    height, width = gray.shape
    h = box.y1 - box.y0
    if h <= 0 or box.x1 <= box.x0:
        return box
    margin = max(h, dpi // 6)  # the window holds the reach and the background around it
    x0, y0 = max(0, box.x0 - margin), max(0, box.y0 - margin)
    x1, y1 = min(width, box.x1 + margin), min(height, box.y1 + margin)
    ink = _ink(gray[y0:y1, x0:x1], None if dark is None else dark[y0:y1, x0:x1], dpi)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return box
    inside = np.bincount(labels[box.y0 - y0 : box.y1 - y0, box.x0 - x0 : box.x1 - x0].ravel(), minlength=count)
    reach = BBox(
        round(box.x0 - ACROSS * h), round(box.y0 - UP_DOWN * h), round(box.x1 + ACROSS * h), round(box.y1 + UP_DOWN * h)
    )
    out = box
    for i in np.nonzero(inside[1:])[0] + 1:
        left, top, w, hh, area = (int(v) for v in stats[i])
        c = BBox(left + x0, top + y0, left + x0 + w, top + y0 + hh)
        if _within(c, box):
            continue  # wholly under the bar already
        if (
            (left == 0 < x0)
            or (top == 0 < y0)
            or (left + w == x1 - x0 and x1 < width)
            or (top + hh == y1 - y0 and y1 < height)
        ):
            continue  # runs out of the window: larger than any glyph the bar cuts
        near = _within(c, reach)
        mostly = inside[i] >= MOSTLY * area and w <= (box.x1 - box.x0) + h and hh <= 2 * h
        if near or mostly:
            out = BBox(min(out.x0, c.x0), min(out.y0, c.y0), max(out.x1, c.x1), max(out.y1, c.y1))
    return out


def _within(inner: BBox, outer: BBox) -> bool:
    return outer.x0 <= inner.x0 and outer.y0 <= inner.y0 and inner.x1 <= outer.x1 and inner.y1 <= outer.y1


def to_glyphs(picture: Image.Image, marks: Sequence[Mark], dpi: int) -> list[Mark]:
    """``marks`` with every box grown to the glyphs it cuts (:func:`grown`); marks of
    ``NOT_GROWN`` rules, and boxes of a whole page, as they are."""

    def grows(m: Mark) -> bool:
        return m.rule not in NOT_GROWN and (m.box.width, m.box.height) != picture.size

    if not any(grows(m) for m in marks):
        return list(marks)
    gray = gray_array(picture)
    dark = darkest_array(picture)
    return [replace(m, box=grown(gray, dark, m.box, dpi)) if grows(m) else m for m in marks]
