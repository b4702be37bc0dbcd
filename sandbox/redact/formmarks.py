"""Form structure: ink that carries no letters (checkboxes, rules, grids, specks).

A scanned form is mostly structure.  Treating every checkbox as unread text would refuse
every form; treating structure loosely would let letters through.  The rules here are
narrow and stated so that ink which may carry letters is never called structure:

* **Checkbox.**  One component, roughly square, between a tenth of a text line and about a
  centimetre, whose four sides are each an unbroken stroke and whose inside is mostly
  empty.  A single component wholly inside it is its mark (ticked, or crossed when the mark
  reaches both diagonals).  A marked box with another marked box beside it in the same row
  is a comb field (one letter per box) and is *not* structure.  On CJK pages only empty
  boxes count (口, 日, 国 are boxes with strokes inside).
* **Rule / grid.**  A region whose ink is almost all long horizontal or vertical strokes and
  where nothing letter-sized is left once they are removed (initials on a line are letters).
* **Specks.**  A region whose components are all too small to be glyphs.
* **Blobs.**  Solid discs and squares with nothing drawn inside (punch holes near the edge,
  bullets and dots elsewhere): no letter is one.

Everything else is ink that may carry letters (handwriting, stamps, signatures, degraded
text): it stays unread and fails closed.  Pure NumPy/OpenCV; nothing here sees text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from sandbox.models import BBox

SIDE_COVER = 0.88  # share of each side of a checkbox drawn
INSIDE_EMPTY = 0.22  # the box's own ink inside its frame: at most this share (a frame, not a blot)
MAX_BOX_IN = 0.45  # inches: larger squares are frames or cells, not checkboxes
SOLID = 0.96  # a blob's area to that of its convex hull: discs and squares only
LINE_SHARE = 0.85  # share of a region's ink in long straight strokes for it to be a rule or grid

Mask = NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class Item:
    """Ink that is structure, not letters: where it is and what a person would call it."""

    box: BBox
    kind: str  # "checkbox empty", "checkbox ticked", "checkbox crossed", "rule", "specks"


def _min_side(dpi: int) -> int:
    return max(5, round(dpi * 0.018))


def _is_frame(comp: NDArray[np.bool_]) -> bool:
    h, w = comp.shape
    t = max(2, round(min(w, h) * 0.15))
    sides = (comp[:t].any(axis=0), comp[-t:].any(axis=0), comp[:, :t].any(axis=1), comp[:, -t:].any(axis=1))
    if min(float(s.mean()) for s in sides) < SIDE_COVER:
        return False
    inside = comp[t:-t, t:-t]
    return inside.size > 0 and float(inside.mean()) <= INSIDE_EMPTY


def _crossed(mark: NDArray[np.bool_]) -> bool:
    """Whether a mark reaches both diagonals of its box (an X rather than a tick)."""
    h, w = mark.shape
    if h < 4 or w < 4:
        return False
    n = min(h, w)
    idx = np.linspace(0, 1, n)
    ys, xs = (idx * (h - 1)).astype(int), (idx * (w - 1)).astype(int)
    k = max(1, n // 12)
    pad = np.pad(mark, k)
    pairs = list(zip(ys, xs, strict=True))
    main = np.mean([pad[y : y + 2 * k + 1, x : x + 2 * k + 1].any() for y, x in pairs])
    anti = np.mean([pad[y : y + 2 * k + 1, w - 1 - x : w + 2 * k - x].any() for y, x in pairs])
    return bool(main > 0.8 and anti > 0.8)


def checkboxes(ink: Mask, dpi: int, cjk: bool = False) -> tuple[Mask, list[Item]]:
    """``ink`` without its checkboxes (frames and marks), and the checkboxes found."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    lo, hi = _min_side(dpi) * 2, max(_min_side(dpi) * 3, round(dpi * MAX_BOX_IN))
    found: list[tuple[int, BBox, list[int]]] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (lo <= w <= hi and lo <= h <= hi and 0.75 <= w / h <= 1.33):
            continue
        comp = labels[y : y + h, x : x + w] == i
        if not _is_frame(comp):
            continue
        inner = labels[y + 1 : y + h - 1, x + 1 : x + w - 1]
        marks = [int(j) for j in np.unique(inner) if j not in (0, i)]
        t = max(2, round(min(w, h) * 0.15))
        attached = comp[t + 1 : -t - 1, t + 1 : -t - 1]  # the box's own ink well inside its frame
        if any(
            stats[j, 0] < x or stats[j, 1] < y or stats[j, 0] + stats[j, 2] > x + w or stats[j, 1] + stats[j, 3] > y + h
            for j in marks
        ):
            continue  # something crosses the frame: not a box on its own
        touching = float(attached.mean()) > 0.03 if attached.size else False
        if len(marks) > 1 or (marks and touching) or (cjk and (marks or touching)):
            continue  # letters or a character, not a tick
        found.append((i, BBox(x, y, x + w, y + h), marks if marks else ([-i] if touching else [])))
    out = ink.copy()
    items: list[Item] = []
    for i, box, marks in found:
        if marks and any(
            o is not box and om and abs(o.y0 - box.y0) < box.height / 2 and abs(o.x0 - box.x0) < box.width * 2.5
            for _, o, om in found
        ):
            continue  # a comb field: one letter per box, read as text
        kind = "checkbox empty"
        lab = labels[box.y0 : box.y1, box.x0 : box.x1]
        if marks and marks[0] < 0:  # the mark touches the frame: the ink well inside it
            t = max(2, round(min(box.width, box.height) * 0.15)) + 1
            mark = np.zeros(lab.shape, bool)
            mark[t:-t, t:-t] = lab[t:-t, t:-t] == i
            ys, xs = np.nonzero(mark)
            shape = mark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
            kind = "checkbox crossed" if _crossed(shape) else "checkbox ticked"
        elif marks:
            j = marks[0]
            mx, my, mw, mh = (int(v) for v in stats[j][:4])
            kind = "checkbox crossed" if _crossed(labels[my : my + mh, mx : mx + mw] == j) else "checkbox ticked"
        sub = out[box.y0 : box.y1, box.x0 : box.x1]
        sub[(lab == i) | np.isin(lab, [m for m in marks if m > 0])] = 0
        items.append(Item(box, kind))
    return out, items


def classify(ink: Mask, box: BBox, text_px: float, dpi: int) -> str | None:
    """What an unread region is when it is structure ("rule", "specks"); None when it may
    carry letters (it stays unread)."""
    crop = ink[box.y0 : box.y1, box.x0 : box.x1].astype(np.uint8)
    total = int(crop.sum())
    if total == 0:
        return "specks"
    _, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    if len(sides) and int(sides.max()) < _min_side(dpi):
        return "specks"
    length = max(int(text_px * 2.5), round(dpi * 0.12))
    horizontal = cv2.morphologyEx(crop, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    vertical = cv2.morphologyEx(crop, cv2.MORPH_OPEN, np.ones((length, 1), np.uint8))
    lines = cv2.dilate(np.maximum(horizontal, vertical), np.ones((3, 3), np.uint8))
    rest = crop * (1 - lines)
    if float(rest.sum()) <= (1 - LINE_SHARE) * total:
        _, _, st, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
        rest_sides = np.maximum(st[1:, cv2.CC_STAT_WIDTH], st[1:, cv2.CC_STAT_HEIGHT])
        if not (rest_sides >= _min_side(dpi) * 2).any():  # not even one letter-sized mark (initials)
            return "rule"
    return None


def blobs(ink: Mask, dpi: int) -> tuple[Mask, list[Item]]:
    """``ink`` without solid round or square blobs (punch holes, bullets, filled boxes): no
    letter is a solid disc or square a tenth of a line tall or more, and Tesseract reading
    them beside text in one picture may read nothing at all."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    lo = _min_side(dpi) * 2
    out = ink.copy()
    items: list[Item] = []
    h_img, w_img = ink.shape
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if w < lo or h < lo or not 0.75 <= w / h <= 1.33 or area < 0.72 * w * h:
            continue
        comp = (labels[y : y + h, x : x + w] == i).astype(np.uint8)
        filled = np.zeros((h + 2, w + 2), np.uint8)
        filled[1:-1, 1:-1] = comp
        cv2.floodFill(filled, None, (0, 0), 1)
        if int((filled == 0).sum()) > 0.02 * w * h:
            continue  # something drawn inside it (a letter in a circle): not a blob
        contours, _ = cv2.findContours(comp, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        hull = cv2.contourArea(cv2.convexHull(max(contours, key=cv2.contourArea)))
        if hull <= 0 or area < SOLID * hull:
            continue  # a notch or a bite (bold n, u, c): a letter, not a disc or a square
        edge = min(x, y, w_img - x - w, h_img - y - h) < dpi * 0.6
        sub = out[y : y + h, x : x + w]
        sub[comp > 0] = 0
        items.append(Item(BBox(x, y, x + w, y + h), "punch hole" if edge else "dot"))
    return out, items
