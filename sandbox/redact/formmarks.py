"""Form structure: ink that carries no letters (checkboxes, rules, grids, specks).

A scanned form is mostly structure.  Treating every checkbox as unread text would refuse
every form; treating structure loosely would let letters through.  The rules here are
narrow and stated so that ink which may carry letters is never called structure:

* **Checkbox.**  One component, roughly square, between a tenth of a text line and about a
  centimetre, whose four sides are each an unbroken stroke and whose inside is mostly
  empty.  A single component wholly inside it is its mark (ticked, or crossed when the mark
  reaches both diagonals).  A marked box with another marked box beside it in the same row
  is a comb field (one letter per box) and is *not* structure.  On CJK pages only empty
  boxes count (口, 日, 国 are boxes with strokes inside), unless the mark is in another ink
  than the printed frame (a blue pen's tick on black print: ``_pen_box``), nothing printed
  is seen inside, and an empty box of its size stands in its row (□是 ☑否).
* **Rule / grid.**  A region whose ink is almost all long horizontal or vertical strokes and
  where nothing letter-sized is left once they are removed (initials on a line are letters).
* **Specks.**  A region whose components are all too small to be glyphs.
* **Blobs.**  Solid discs and squares with nothing drawn inside (punch holes near the edge,
  bullets and dots elsewhere): no letter is one.

Everything else is ink that may carry letters (handwriting, stamps, signatures, degraded
text): it stays unread and fails closed.  Pure NumPy/OpenCV; nothing here sees text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from sandbox.models import BBox

SIDE_COVER = 0.88  # share of each side of a checkbox drawn
INSIDE_EMPTY = 0.22  # the box's own ink inside its frame: at most this share (a frame, not a blot)
MAX_BOX_IN = 0.45  # inches: larger squares are frames or cells, not checkboxes
SOLID = 0.96  # a blob's area to that of its convex hull: discs and squares only
GRAIN_IN = 0.01  # inches: specks this wide or less are scanner grain
DOT_GAP_IN = 0.04  # inches: gaps this wide or less between the dots or dashes of one rule (a fax's leaders)
SPARSE = 0.03  # a region this little inked, of specks only, is noise
LINE_SHARE = 0.85  # share of a region's ink in long straight strokes for it to be a rule or grid
MARKER_IN = 0.15  # in: the largest marker of a chart's plotted line looked for around a region
MARKER_SCALES = (1.0, 1.5, 2.25)  # the openings that find markers, times the smallest (twice a stroke)

Mask = NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class Item:
    """Ink that is structure, not letters: where it is and what a person would call it."""

    box: BBox
    kind: str  # "checkbox empty", "checkbox ticked", "checkbox crossed", "rule", "specks"


def _grain(dpi: int) -> int:
    """Scanner grain: specks this many pixels across or fewer (a period or the dot of an i is larger)."""
    return max(2, round(dpi * GRAIN_IN))


def _min_side(dpi: int) -> int:
    return max(5, round(dpi * 0.018))


def _inside_frame(comp: NDArray[np.bool_]) -> NDArray[np.bool_] | None:
    """What lies inside a piece's four sides when all four are (nearly) whole; None otherwise."""
    h, w = comp.shape
    t = max(2, round(min(w, h) * 0.15))
    sides = (comp[:t].any(axis=0), comp[-t:].any(axis=0), comp[:, :t].any(axis=1), comp[:, -t:].any(axis=1))
    if min(float(s.mean()) for s in sides) < SIDE_COVER:
        return None
    inside = comp[t:-t, t:-t]
    return inside if inside.size > 0 else None


def _is_frame(comp: NDArray[np.bool_]) -> bool:
    inside = _inside_frame(comp)
    return inside is not None and float(inside.mean()) <= INSIDE_EMPTY


def _x_shape(mark: NDArray[np.bool_]) -> bool:
    """An X alone: ink along both diagonals and none near the middle of each side (a letter's
    stem, bowl or bar is there: M, N, K, H, W)."""
    h, w = mark.shape
    if h < 8 or w < 8 or not _crossed(mark):
        return False
    a, b = h // 5, w // 5
    mids = (mark[: a + 1, 2 * b : w - 2 * b], mark[h - a - 1 :, 2 * b : w - 2 * b],
            mark[2 * a : h - 2 * a, : b + 1], mark[2 * a : h - 2 * a, w - b - 1 :])  # fmt: skip
    return all(m.size > 0 and float(m.mean()) <= 0.1 for m in mids)


def _frame_within(comp: NDArray[np.bool_], lo: int, hi: int) -> tuple[int, int, int, int] | None:
    """The square frame (x0, y0, x1, y1 in the piece) inside a piece a pen mark drawn through
    it made larger than the frame (a tick that runs out of the box's top right, as most do):
    two level and two upright straight strokes, each at least half the piece's shorter side,
    closing a square ``lo``–``hi`` px a side.  None when there is none."""
    h, w = comp.shape
    k = max(3, round(0.5 * min(h, w)))
    m = np.ascontiguousarray(comp, np.uint8)
    rows = np.flatnonzero(cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((1, k), np.uint8)).any(axis=1))
    cols = np.flatnonzero(cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((k, 1), np.uint8)).any(axis=0))
    if len(rows) < 2 or len(cols) < 2:
        return None
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1
    side_w, side_h = x1 - x0, y1 - y0
    if not (lo <= side_w <= hi and lo <= side_h <= hi and 0.75 <= side_w / side_h <= 1.33):
        return None
    return (x0, y0, x1, y1) if _is_frame(comp[y0:y1, x0:x1]) or _inside_frame(comp[y0:y1, x0:x1]) is not None else None


def _overshot(comp: NDArray[np.bool_], lo: int, hi: int) -> str | None:
    """``checkbox ticked`` for a checkbox whose tick runs out of it: the piece holds a square
    frame (:func:`_frame_within`) and, besides it, a tick (:func:`_pen_mark`, no X) whose ink
    outside the frame lies only above its middle and right of its centre (a character framed
    by 口, 常 or 箱, has strokes beyond it on other sides); None otherwise."""
    frame = _frame_within(comp, lo, hi)
    if frame is None:
        return None
    x0, y0, x1, y1 = frame
    t = max(2, round(min(x1 - x0, y1 - y0) * 0.15))
    walls = np.zeros_like(comp)
    walls[y0 : y0 + t, x0:x1] = walls[y1 - t : y1, x0:x1] = True
    walls[y0:y1, x0 : x0 + t] = walls[y0:y1, x1 - t : x1] = True
    mark = comp & ~walls
    ys, xs = np.nonzero(mark)
    outside = (ys < y0) | (ys >= y1) | (xs < x0) | (xs >= x1)
    if len(ys) == 0 or not outside.any() or outside.all():
        return None
    if (ys[outside] > (y0 + y1) / 2).any() or (xs[outside] < (x0 + x1) / 2).any():
        return None  # a tick leaves its box up and to the right; a character's strokes go anywhere
    shape = mark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    if not _pen_mark(shape) or _crossed(shape):
        return None
    return "checkbox ticked"


PRINT_INSIDE = 0.03  # share of a pen-marked box's inside that may be print (a scan's grain, the pen's grey edge)
PRINT_SEEN = 0.1  # ... and of the part of it the pen (and its edge) leaves seen
HAIR_RUN = 0.25  # of a pen-marked box's side: a level or upright run of print inside this long is a stroke
PEN_SPAN = 0.6  # of a pen-marked box's side: the least its pen ink spans inside it, across and down
PEN_HIDES = 0.85  # share of a pen-marked box's inside the pen (and its edge) may cover: the rest is seen blank
EDGE_RUN = 0.6  # of a side: the straight stroke each outermost line of a pen-marked box's frame holds


def _wall_widths(frame: NDArray[np.bool_]) -> tuple[int, int, int, int]:
    """How many rows (top, bottom) and columns (left, right) from each edge of a frame reach
    to the end of the first run of lines holding a straight stroke ``EDGE_RUN`` of its side
    long: its walls as drawn and blurred by the scan (at least one line each)."""
    h, w = frame.shape
    m = np.ascontiguousarray(frame, np.uint8)
    rows: NDArray[np.bool_] = np.asarray(_open(m, (1, max(3, round(EDGE_RUN * w)))).any(axis=1), bool)
    cols: NDArray[np.bool_] = np.asarray(_open(m, (max(3, round(EDGE_RUN * h)), 1)).any(axis=0), bool)

    def lead(flags: NDArray[np.bool_]) -> int:  # to the end of the first straight run (a blurred row may come first)
        on = np.flatnonzero(flags)
        if len(on) == 0:
            return 1
        off = np.flatnonzero(~flags[on[0] :])
        return max(1, int(on[0]) + (int(off[0]) if len(off) else len(flags) - int(on[0])))

    return lead(rows), lead(rows[::-1]), lead(cols), lead(cols[::-1])


def _straight_edges(frame: NDArray[np.bool_]) -> bool:
    """Whether a frame's outermost lines (at each side, half the width of its sides: a scan's
    blur widens the print by a pixel or so) hold a straight stroke ``EDGE_RUN`` of its side
    long: a drawn square, not a character whose strokes stand out of its 口 (臼, 由, 甲, 申)."""
    h, w = frame.shape
    k = max(2, (round(min(w, h) * 0.15) + 1) // 2 + 1)
    m = np.ascontiguousarray(frame, np.uint8)
    level = _open(m, (1, max(3, round(EDGE_RUN * w))))
    upright = _open(m, (max(3, round(EDGE_RUN * h)), 1))
    return bool(level[:k].any() and level[-k:].any() and upright[:, :k].any() and upright[:, -k:].any())


def _pen_box(
    comp: NDArray[np.bool_], pen: NDArray[np.bool_], lo: int, hi: int
) -> tuple[str, tuple[int, int, int, int]] | None:
    """(kind, frame x0, y0, x1, y1 in the piece) of a checkbox in one piece with a mark drawn
    in another ink than its print (``pen``: the piece's pixels in colour, the rest print), or
    None.  The print alone (the pen's grey edge left out) spans a square ``lo``–``hi`` px a
    side whose four sides are drawn (where the pen crosses a side, its ink counts) with straight
    outer edges (:func:`_straight_edges`) and no print seen inside; the pen ink spans most of
    the frame (``PEN_SPAN``) and is a cross (:func:`_x_shape`) inside it, or a tick
    (:func:`_pen_mark`) whose ink outside it lies only above its middle and right of its centre.

    Safety: a printed character is one ink, so a printed 国, 回 or 田 has no pen part and never
    gets here; a character written in pen in a box is no tick or cross (no level or upright
    stroke, :func:`_pen_mark`) and stays text; print seen inside the frame (a character a pen
    crossed out) is a character's, and so is a frame the pen hides most of (``PEN_HIDES``)."""
    edge = 2 * max(2, round(lo / 5)) + 1  # the pen's grey edge: two pixels or so at 200 dpi
    near_pen = cv2.dilate(pen.astype(np.uint8), np.ones((edge, edge), np.uint8)) > 0
    printed = cv2.morphologyEx((comp & ~near_pen).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)) > 0
    ys, xs = np.nonzero(printed)
    if len(ys) == 0:
        return None
    y0, y1, x0, x1 = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    side_w, side_h = x1 - x0, y1 - y0
    if not (lo <= side_w <= hi and lo <= side_h <= hi and 0.75 <= side_w / side_h <= 1.33):
        return None
    if int(pen.sum()) < min(side_w, side_h) or _inside_frame(comp[y0:y1, x0:x1]) is None:
        return None
    if not _straight_edges(comp[y0:y1, x0:x1]):
        return None  # print beyond a straight frame (臼's top, 由's stem): a character's strokes
    t = max(2, round(min(side_w, side_h) * 0.15))
    inner = printed[y0 + t + 1 : y1 - t - 1, x0 + t + 1 : x1 - t - 1]
    seen = ~near_pen[y0 + t + 1 : y1 - t - 1, x0 + t + 1 : x1 - t - 1]
    if inner.size == 0 or float(seen.mean()) < 1.0 - PEN_HIDES:
        return None  # too little of the inside seen to tell whether print is there
    if float(inner.mean()) > PRINT_INSIDE or float(inner.sum()) > PRINT_SEEN * float(seen.sum()):
        return None  # print inside the frame: a character (回, 国, 囚), not a box
    top, bottom, left, right = _wall_widths(comp[y0:y1, x0:x1])
    seen_print = comp & ~near_pen
    hair = np.ascontiguousarray(seen_print[y0 + top + 1 : y1 - bottom - 1, x0 + left + 1 : x1 - right - 1], np.uint8)
    run = max(4, round(HAIR_RUN * min(side_w, side_h)))
    if hair.size == 0 or _open(hair, (1, run)).any() or _open(hair, (run, 1)).any():
        return None  # a level or upright hairline inside (目's bars in small print): a character's stroke
    iy, ix = np.nonzero(pen[y0:y1, x0:x1])
    if len(iy) == 0 or np.ptp(iy) < PEN_SPAN * side_h or np.ptp(ix) < PEN_SPAN * side_w:
        return None  # a stroke in a corner of the frame, not a tick or cross of the box
    ys, xs = np.nonzero(pen)
    g = max(1, t // 2)  # a scan's blur on the frame's outer edge
    outside = (ys < y0 - g) | (ys >= y1 + g) | (xs < x0 - g) | (xs >= x1 + g)
    shape = pen[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    frame = (x0, y0, x1, y1)
    if not outside.any():
        if _x_shape(shape):
            return "checkbox crossed", frame
    elif (ys[outside] > (y0 + y1) / 2).any() or (xs[outside] < (x0 + x1) / 2).any():
        return None  # a tick leaves its box up and to the right only
    return ("checkbox ticked", frame) if _pen_mark(shape, alone=True) and not _crossed(shape) else None


def _crossed_frame(comp: NDArray[np.bool_]) -> bool:
    """A frame with a cross drawn into it as one piece (a bold pen, a fax's blur): four whole
    sides, and inside them ink along both diagonals, no blot."""
    inside = _inside_frame(comp)
    return inside is not None and float(inside.mean()) <= 0.6 and _x_shape(inside)


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


STROKE_RUN = 0.6  # of a mark's width (height): a straight level (upright) stroke that long is a Han stroke


def _pen_mark(mark: NDArray[np.bool_], alone: bool = False) -> bool:
    """Whether a mark inside a box on a Chinese page is a pen's tick or cross, not a character
    framed by 口 (回, 日, 国, 囚, 困): no level or upright stroke across ``STROKE_RUN`` of it
    (a Han character's 一 and 丨), and either both diagonals reached (an X) or a tick's
    shape: its lowest ink in its left two thirds, its highest ink in the right third, and almost
    nothing in its upper left quarter (人 in 囚 has its apex at the top centre).  Unless
    ``alone`` (a pen's ink taken by its colour, nothing cut from it), ink is assumed beyond the
    mark's edges: a stroke reaching one counts as long (the mark was cut from its frame)."""
    h, w = mark.shape
    if h < 6 or w < 6:
        return False
    m = np.ascontiguousarray(mark, np.uint8)
    run_w, run_h = max(3, round(STROKE_RUN * w)), max(3, round(STROKE_RUN * h))
    if alone:  # the paper beyond its edges is paper
        stroke = bool(_open(m, (1, run_w)).any() or _open(m, (run_h, 1)).any())
    else:  # ink beyond its edges (cut from a frame: a stroke reaching the edge may go on)
        level = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((1, run_w), np.uint8))
        upright = cv2.morphologyEx(m, cv2.MORPH_OPEN, np.ones((run_h, 1), np.uint8))
        stroke = bool(level.any() or upright.any())
    if stroke:
        return False
    if _crossed(mark):
        return True
    ys, xs = np.nonzero(mark)
    band = max(1, h // 8)
    lowest = float(xs[ys >= ys.max() - band].mean()) / w
    highest = float(xs[ys <= ys.min() + band].mean()) / w
    upper_left = float(mark[: h // 2, : w // 2].sum()) / max(1.0, float(mark.sum()))
    return lowest < 0.65 and highest > 0.7 and upper_left < 0.12


def _inner_frame(labels: NDArray[np.int32], stats: NDArray[np.int32], marks: list[int], w: int, h: int) -> int | None:
    """The inner frame of a double-lined box: its only mark, itself an empty frame filling
    most of the box; None for a plain box."""
    if len(marks) != 1:
        return None
    j = marks[0]
    mx, my, mw, mh = (int(v) for v in stats[j][:4])
    if mw < 0.6 * w or mh < 0.6 * h or not _is_frame(labels[my : my + mh, mx : mx + mw] == j):
        return None
    return j


def _pen_marked(
    labels: NDArray[np.int32],
    xywh: tuple[int, int, int, int],
    t: int,
    marks: list[int],
    attached: NDArray[np.bool_] | None,
) -> bool:
    """Whether what lies inside a box (separate ``marks``, or ink ``attached`` to its frame
    well inside it) is one pen mark (:func:`_pen_mark`)."""
    x, y, w, h = xywh
    whole = np.zeros((h, w), bool)
    if attached is not None and attached.size:
        whole[t + 1 : h - t - 1, t + 1 : w - t - 1] = attached
    for j in marks:
        whole |= labels[y : y + h, x : x + w] == j
    ys, xs = np.nonzero(whole)
    if len(ys) == 0 or len(marks) > 1:
        return False
    return _pen_mark(whole[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])


@dataclass(frozen=True, slots=True)
class _Box:
    box: BBox
    frames: tuple[int, ...]  # the component(s) of the frame (two for a double-lined box)
    marks: tuple[int, ...]  # a mark inside the frame, on its own
    touching: bool  # a mark drawn into the frame (one component with it)
    crossed: bool = False  # several pieces that together cross both diagonals (a faxed X)
    kind: str | None = None  # known already (a pen mark run out of the box: ``_overshot``, ``_pen_box``)

    @property
    def marked(self) -> bool:
        return bool(self.marks) or self.touching


def _inside(labels: NDArray[np.int32], stats: NDArray[np.int32], x: int, y: int, w: int, h: int, own: tuple[int, ...],
            speck: int) -> list[int]:  # fmt: skip
    """The components other than ``own`` inside a frame, scanner grain (smaller than ``speck``) left out."""
    inner = labels[y + 1 : y + h - 1, x + 1 : x + w - 1]
    found = [int(j) for j in np.unique(inner) if j != 0 and j not in own]
    return [j for j in found if max(int(stats[j, 2]), int(stats[j, 3])) >= speck]


MATE_ROW = 8  # of a box's width: how far along its row an empty box like it may stand (是/否, options)


def _has_empty_mate(frame: BBox, labels: NDArray[np.int32], stats: NDArray[np.int32]) -> bool:
    """Whether an empty square frame of ``frame``'s size (within a fifth, :func:`_is_frame`)
    stands in its row within ``MATE_ROW`` widths: the group a form's pen-marked box belongs to
    (□是 ☑否, a row of options).  A character a pen crossed out has no empty square of its
    size beside it."""
    cx, cy = (frame.x0 + frame.x1) / 2, (frame.y0 + frame.y1) / 2
    x, y, w, h = stats[1:, 0], stats[1:, 1], stats[1:, 2], stats[1:, 3]
    near = (
        (w >= 0.8 * frame.width) & (w <= 1.25 * frame.width) & (h >= 0.8 * frame.height) & (h <= 1.25 * frame.height)
        & (np.abs(y + h / 2 - cy) < frame.height / 2) & (np.abs(x + w / 2 - cx) <= MATE_ROW * frame.width)
        & (np.abs(x + w / 2 - cx) >= frame.width / 2)
    )  # fmt: skip
    for j in np.flatnonzero(near) + 1:
        jx, jy, jw, jh = (int(v) for v in stats[j][:4])
        if _is_frame(labels[jy : jy + jh, jx : jx + jw] == j):
            return True
    return False


def _find_boxes(
    ink: Mask, dpi: int, cjk: bool, pen: Mask | None = None
) -> tuple[NDArray[np.int32], NDArray[np.int32], list[_Box]]:
    n, cc_labels, cc_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    labels, stats = np.asarray(cc_labels, np.int32), np.asarray(cc_stats, np.int32)
    lo, hi = _min_side(dpi) * 2, max(_min_side(dpi) * 3, round(dpi * MAX_BOX_IN))
    speck = max(3, _min_side(dpi) // 2)
    found: list[_Box] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (lo <= w <= 2 * hi and lo <= h <= 2 * hi):
            continue
        comp = labels[y : y + h, x : x + w] == i
        inked = comp & (pen[y : y + h, x : x + w] > 0) if pen is not None else None
        if inked is not None and inked.any() and inked.sum() < comp.sum():
            marked = _pen_box(comp, inked, lo, hi)  # a pen's mark in one piece with a printed frame
            if marked is not None and not _inside(labels, stats, x, y, w, h, (i,), speck):
                pen_kind, (fx0, fy0, fx1, fy1) = marked
                frame = BBox(x + fx0, y + fy0, x + fx1, y + fy1)
                if not cjk or _has_empty_mate(frame, labels, stats):  # on a CJK page: 回 crossed out?
                    crossed = pen_kind == "checkbox crossed"
                    found.append(_Box(BBox(x, y, x + w, y + h), (i,), (), True, crossed=crossed, kind=pen_kind))
                    continue
        square = w <= hi and h <= hi and 0.75 <= w / h <= 1.33
        if not square or not _is_frame(comp):
            kind = _overshot(comp, lo, hi)  # a tick run out of its box
            crossed = kind is None and square and not cjk and _crossed_frame(comp)
            if (kind is not None or crossed) and not _inside(labels, stats, x, y, w, h, (i,), speck):
                found.append(_Box(BBox(x, y, x + w, y + h), (i,), (), True, crossed=crossed, kind=kind))
            continue
        frames: tuple[int, ...] = (i,)
        marks = _inside(labels, stats, x, y, w, h, frames, speck)
        inner = _inner_frame(labels, stats, marks, w, h)
        if inner is not None:  # double-lined: the mark is inside the inner frame
            frames = (i, inner)
            ix, iy, iw, ih = (int(v) for v in stats[inner][:4])
            marks = _inside(labels, stats, ix, iy, iw, ih, frames, speck)
        t = max(2, round(min(w, h) * 0.15))
        attached = comp[t + 1 : -t - 1, t + 1 : -t - 1]  # the box's own ink well inside its frame
        if any(
            stats[j, 0] < x or stats[j, 1] < y or stats[j, 0] + stats[j, 2] > x + w or stats[j, 1] + stats[j, 3] > y + h
            for j in marks
        ):
            continue  # something crosses the frame: not a box on its own
        touching = float(attached.mean()) > 0.03 if attached.size else False
        if (
            cjk
            and (marks or touching)
            and not _pen_marked(labels, (x, y, w, h), t, marks, attached if touching else None)
        ):
            continue  # a character (口, 日, 国), not a tick
        if len(marks) > 1 or (marks and touching):
            # a pen's X broken by a fax into pieces, some drawn into the frame: one cross
            # across both diagonals; anything else of several pieces is letters
            whole = np.zeros((h, w), bool)
            whole[t + 1 : h - t - 1, t + 1 : w - t - 1] = attached
            for j in marks:
                whole |= labels[y : y + h, x : x + w] == j
            if not whole.any() or not _x_shape(whole[t + 1 : h - t - 1, t + 1 : w - t - 1]):
                continue
            found.append(_Box(BBox(x, y, x + w, y + h), frames, tuple(marks), touching, crossed=True))
            continue
        found.append(_Box(BBox(x, y, x + w, y + h), frames, tuple(marks), touching))
    nested = {
        n for n, b in enumerate(found) for o in found if o is not b and set(b.frames) <= set(o.frames) | set(o.marks)
    }  # the inner frame of a double-lined box, its mark drawn into it: part of the outer box
    return labels, stats, [b for n, b in enumerate(found) if n not in nested]


def checkboxes(ink: Mask, dpi: int, cjk: bool = False, pen: Mask | None = None) -> tuple[Mask, list[Item]]:
    """``ink`` without its checkboxes (frames and marks), and the checkboxes found: square,
    rounded at the corners, double-lined, or a printed ☐ ☑ ☒ glyph; scanner grain inside a box
    is no mark.  ``pen`` (0/1, ``ink``'s size; None on grey pages) is the ink in colour: a tick
    or cross in it drawn into a frame in print is a pen's mark (:func:`_pen_box`), also on
    CJK pages, where a mark in the frame's own ink may be a character's strokes (国, 回) and
    a pen's mark counts only in a group with an empty box like it (:func:`_has_empty_mate`)."""
    labels, stats, found = _find_boxes(ink, dpi, cjk, pen)
    out = ink.copy()
    items: list[Item] = []
    for b in found:
        box = b.box
        if b.marked and any(
            o is not b
            and o.marked
            and abs(o.box.y0 - box.y0) < box.height / 2
            and abs(o.box.x0 - box.x0) < box.width * 2.5
            for o in found
        ):
            continue  # a comb field: one letter per box, read as text
        kind = "checkbox empty"
        lab = labels[box.y0 : box.y1, box.x0 : box.x1]
        if b.kind is not None:
            kind = b.kind
        elif b.crossed:
            kind = "checkbox crossed"
        elif b.touching:  # the mark touches the frame: the ink well inside it
            t = max(2, round(min(box.width, box.height) * 0.15)) + 1
            mark = np.zeros(lab.shape, bool)
            mark[t:-t, t:-t] = lab[t:-t, t:-t] == b.frames[0]
            ys, xs = np.nonzero(mark)
            shape = mark[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
            kind = "checkbox crossed" if _crossed(shape) else "checkbox ticked"
        elif b.marks:
            j = b.marks[0]
            mx, my, mw, mh = (int(v) for v in stats[j][:4])
            kind = "checkbox crossed" if _crossed(labels[my : my + mh, mx : mx + mw] == j) else "checkbox ticked"
        sub = out[box.y0 : box.y1, box.x0 : box.x1]
        sub[np.isin(lab, [*b.frames, *b.marks])] = 0
        items.append(Item(box, kind))
    return out, items


def _open(mask: Mask, size: tuple[int, int]) -> Mask:
    """Opening that counts the outside of ``mask`` as paper (a crop narrower than the kernel has no line)."""
    k = np.ones(size, np.uint8)
    return np.asarray(
        cv2.morphologyEx(mask, cv2.MORPH_OPEN, k, borderType=cv2.BORDER_CONSTANT, borderValue=0), np.uint8
    )


def _close(mask: Mask, size: tuple[int, int]) -> Mask:
    k = np.ones(size, np.uint8)
    return np.asarray(
        cv2.morphologyEx(mask, cv2.MORPH_CLOSE, k, borderType=cv2.BORDER_CONSTANT, borderValue=0), np.uint8
    )


PAGE_RULE_IN = 0.9  # inches: a straight run this long is a rule wherever it lies: twice the tallest
# text a region holds (longer components are frames and rules to ``views.regions``), so no bar of
# a glyph (二 or 三 at that size is as wide as it is tall) is that long


@dataclass(frozen=True, slots=True)
class PageRules:
    """The page's long straight strokes: for each direction, the labels of its runs (0 none,
    the page's size) and each run's length along it (index = label)."""

    horizontal: NDArray[np.int32]
    h_length: NDArray[np.int32]
    vertical: NDArray[np.int32]
    v_length: NDArray[np.int32]


def _runs(mask: Mask, along: int, dpi: int) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    """Runs of ``mask`` along one direction (1 horizontal, 0 vertical): its strokes thin across
    (no more than two rule widths: the pixels of a letter's bowl or a blot are not), joined over
    gaps of ``DOT_GAP_IN`` (a broken rule's dropouts), ``PAGE_RULE_IN`` long or more; labelled,
    with their lengths."""
    thick = 2 * _min_side(dpi) + 1
    across = (1, thick) if along == 0 else (thick, 1)
    thin = (mask & (1 - _open(mask, across))).astype(np.uint8)  # stroke pixels thin across the run
    gap = max(2, round(dpi * DOT_GAP_IN))
    length = max(15, round(dpi * PAGE_RULE_IN))
    size = (1, length) if along == 1 else (length, 1)
    joined = _open(_close(thin, (1, gap) if along == 1 else (gap, 1)), size)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    lengths = np.asarray(stats[:, cv2.CC_STAT_WIDTH if along == 1 else cv2.CC_STAT_HEIGHT], np.int32)
    lengths[0] = 0
    return np.where(mask > 0, labels, 0).astype(np.int32), lengths


def page_rules(ink: Mask, dpi: int) -> PageRules:
    """The long straight strokes of the whole page (:class:`PageRules`).  A region's box cuts a
    rule short (the wall of a field past its corner, a piece of a fax's broken rule between two
    dropouts): seen on the page, the piece is part of a run far longer than the region."""
    mask = (ink > 0).astype(np.uint8)
    h_labels, h_length = _runs(mask, 1, dpi)
    v_labels, v_length = _runs(mask, 0, dpi)
    return PageRules(h_labels, h_length, v_labels, v_length)


PAGE_EDGE_IN = 0.05  # inches: ink wholly this close to a page's edge is the edge (3.6 pt: no glyph so low is read)


def at_page_edge(crop: Mask, box: BBox, shape: tuple[int, ...], dpi: int) -> bool:
    """Whether the ink ``crop`` of ``box`` is a page's edge: the box lies wholly within
    ``PAGE_EDGE_IN`` of one edge of a page of ``shape`` (a scanner's border, a background
    pattern cut off by the page), or the crop has ink in that strip along an edge and all its
    ink beyond the strip is a fringe hanging from it, no deeper than ``_min_side`` (1.2 pt: a
    blurred border's edge; no glyph a person reads is that low, and a letter the border cuts,
    or flat strokes apart from it as in 二, stay unread)."""
    edge = max(2, round(dpi * PAGE_EDGE_IN))
    height, width = shape[0], shape[1]
    if box.y1 <= edge or box.y0 >= height - edge or box.x1 <= edge or box.x0 >= width - edge:
        return True
    crops = (  # the crop turned so that each edge it reaches into is on top, with the strip's depth
        (crop, edge - box.y0),
        (crop[::-1, :], box.y1 - (height - edge)),
        (crop.T, edge - box.x0),
        (crop[:, ::-1].T, box.x1 - (width - edge)),
    )
    for turned, depth in crops:
        if depth <= 0 or not turned[:depth].any():
            continue
        beyond = np.ascontiguousarray(turned[depth:], np.uint8)
        _, _, stats, _ = cv2.connectedComponentsWithStats(beyond, connectivity=8)
        hanging = (stats[1:, cv2.CC_STAT_TOP] == 0) & (stats[1:, cv2.CC_STAT_HEIGHT] <= _min_side(dpi))
        if bool(hanging.all()):
            return True
    return False


def classify(ink: Mask, box: BBox, text_px: float, dpi: int, rules: PageRules | None = None) -> str | None:
    """What an unread region is when it is structure ("rule", "specks", "page edge": ink wholly
    within ``PAGE_EDGE_IN`` of an edge of the page); None when it may
    carry letters (it stays unread).  With the page's ``rules``, ink of the region on a long
    straight stroke of the page counts as rule ink too, however short the region's piece of it."""
    crop = ink[box.y0 : box.y1, box.x0 : box.x1].astype(np.uint8)
    total = int(crop.sum())
    if total == 0:
        return "specks"
    if at_page_edge(crop, box, ink.shape[:2], dpi):
        return "page edge"
    _, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    if len(sides) and int(sides.max()) < _min_side(dpi):
        return "specks"
    crop = _without_grain(crop, dpi)  # scanner grain beside a rule is no letter
    total = int(crop.sum())
    if total == 0:
        return "specks"
    _, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    rows = np.nonzero(crop.any(axis=1))[0]
    span = int(rows[-1] - rows[0]) + 1
    if int(stats[1:, cv2.CC_STAT_HEIGHT].max()) <= _min_side(dpi) and span < 2 * _min_side(dpi):
        return "rule"  # dashes and dots of a broken rule on one line: no letter or digit is that flat
        # (flat strokes stacked, as in 二 or 三, are taller than that together)
    cols = np.nonzero(crop.any(axis=0))[0]
    if span <= 2 * _min_side(dpi) and int(cols[-1] - cols[0]) + 1 >= 12 * span:
        return "rule"  # a ragged rule of a 1-bit scan: its ink all within a band no taller than
        # 2.4 pt at any DPI, no line of print a person or a reader can read is that low
    rest = _rest(crop, ink, box, text_px, dpi, rules)
    if float(rest.sum()) <= (1 - LINE_SHARE) * total:
        _, _, st, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
        rest_sides = np.maximum(st[1:, cv2.CC_STAT_WIDTH], st[1:, cv2.CC_STAT_HEIGHT])
        if not (rest_sides >= _min_side(dpi) * 2).any():  # not even one letter-sized mark (initials)
            return "rule"
    sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    widest = int(sides.max())
    if widest < 2 * _min_side(dpi) and (
        total <= SPARSE * crop.size or (len(sides) >= 2 and _scattered(crop, widest, dpi))
    ):
        return "specks"  # a few specks scattered over paper (a 1-bit scan's noise, a copier's toner):
        # each smaller than the smallest glyph a person reads (0.85 mm), and far apart
    return None


def _rest(crop: Mask, ink: Mask, box: BBox, text_px: float, dpi: int, rules: PageRules | None) -> Mask:
    """The ink of ``crop`` (the region ``box`` of the page's ``ink``, grain taken off) that is
    not straight strokes ``2.5·text_px`` long or more (level, upright, dotted, dashed, or
    slanted: a chart's plotted line), a plotted line's markers, nor the stubs of strokes.
    Where ink leaves the box, the strokes are looked for as far as their least length beyond
    it as well: a stroke the box cuts short (a plotted line leaving it, a grid line parted by
    a bar) is whole there."""
    length = max(int(text_px * 2.5), round(dpi * 0.12))
    h, w = ink.shape[:2]
    m = length if _leaves(ink, box) else 0  # no ink leaves the box: nothing beyond it goes on from it
    ay, ax, by, bx = max(0, box.y0 - m), max(0, box.x0 - m), min(h, box.y1 + m), min(w, box.x1 + m)
    near = crop
    if m:  # the page around the box, grain taken off, the region's own ink as given
        near = _without_grain(np.asarray(ink[ay:by, ax:bx] > 0, np.uint8), dpi)
        near[box.y0 - ay : box.y1 - ay, box.x0 - ax : box.x1 - ax] = crop
    n, labels, stats, _ = cv2.connectedComponentsWithStats(near, connectivity=8)
    flat_h = np.zeros(n, bool)  # dots and dashes no taller than a rule: a dotted or dashed rule
    flat_h[1:] = stats[1:, cv2.CC_STAT_HEIGHT] <= _min_side(dpi)
    flat_v = np.zeros(n, bool)
    flat_v[1:] = stats[1:, cv2.CC_STAT_WIDTH] <= _min_side(dpi)
    gap = max(2, round(dpi * DOT_GAP_IN))
    # only the flat pieces are joined: the joined letters of a word would make a bar
    # and any stroke broken by a pixel's gap (a 1-pixel rim of a frame, its corner a piece of its own)
    horizontal = np.maximum(
        _open(_close(near, (1, 3)), (1, length)), _open(_close(flat_h[labels].astype(np.uint8), (1, gap)), (1, length))
    )
    vertical = np.maximum(
        _open(_close(near, (3, 1)), (length, 1)), _open(_close(flat_v[labels].astype(np.uint8), (gap, 1)), (length, 1))
    )
    if rules is not None:  # pieces of the page's rules the region's box cut short: runs of the page at
        # least as long as a rule of the region itself must be (the strokes of large letters are not)
        window = (slice(ay, by), slice(ax, bx))
        runs_h, runs_v = rules.horizontal[window], rules.vertical[window]
        horizontal = np.maximum(horizontal, ((rules.h_length[runs_h] >= length) * near).astype(np.uint8))
        vertical = np.maximum(vertical, ((rules.v_length[runs_v] >= length) * near).astype(np.uint8))
    slanted = _slanted(near, length)
    lines = cv2.dilate(np.maximum(np.maximum(horizontal, vertical), slanted), np.ones((3, 3), np.uint8))
    own = (slice(box.y0 - ay, box.y1 - ay), slice(box.x0 - ax, box.x1 - ax))
    lines, horizontal, vertical = lines[own], horizontal[own], vertical[own]
    if slanted[own].any():  # a chart's plotted line: its markers (discs, squares on it) are no letters
        lines = np.maximum(lines, _markers(ink, box, dpi))
    return _without_stubs((crop * (1 - lines)).astype(np.uint8), horizontal, vertical, dpi)


def _leaves(ink: Mask, box: BBox) -> bool:
    """Whether ink lies on the ring of pixels just outside ``box`` (its strokes go on past it)."""
    h, w = ink.shape[:2]
    x0, y0, x1, y1 = max(0, box.x0 - 1), max(0, box.y0 - 1), min(w, box.x1 + 1), min(h, box.y1 + 1)
    ring = ink[y0:y1, x0:x1] > 0
    inner = ring[box.y0 - y0 : ring.shape[0] - (y1 - box.y1), box.x0 - x0 : ring.shape[1] - (x1 - box.x1)]
    return int(ring.sum()) > int(inner.sum())


def rule_ink(ink: Mask, box: BBox, text_px: float, dpi: int, rules: PageRules | None = None) -> Mask:
    """0/1 over ``box``: the ink of the region that :func:`classify` explains as structure
    whatever else the region holds: long straight and slanted strokes, a plotted line's
    markers, the stubs of strokes, scanner grain.  Another explanation of the rest (the edges
    of a chart's fills) may complete it; what neither explains may be letters."""
    crop = ink[box.y0 : box.y1, box.x0 : box.x1].astype(np.uint8)
    if not crop.any():
        return crop
    return (crop & (1 - _rest(_without_grain(crop, dpi), ink, box, text_px, dpi, rules))).astype(np.uint8)


def _without_grain(crop: Mask, dpi: int) -> Mask:
    """``crop`` without its pieces of scanner grain (none wider or taller than ``_grain``)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    grain = np.zeros(n, bool)
    grain[1:] = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) <= _grain(dpi)
    return np.where(grain[labels], 0, crop).astype(np.uint8)


def _scattered(crop: Mask, speck: int, dpi: int) -> bool:
    """Whether specks no wider than ``speck`` stay specks when every gap as narrow as the widest
    of them is bridged: the dots of dot-matrix print, and the pieces of a stroke a faint scan
    broke, lie closer to each other than their own size and join into strokes a glyph long;
    a copier's toner specks lie farther apart.  Asked of two specks or more: one alone in its
    box is the dot of an i, a full stop."""
    joined = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, np.ones((speck + 1, speck + 1), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    return bool(len(sides)) and int(sides.max()) < 2 * _min_side(dpi)


SLANT_COVER = 0.9  # share of a slanted segment's length that must be ink, a stroke wide


def _slanted(crop: Mask, length: int) -> Mask:
    """The ink of ``crop`` on straight segments at any slant at least ``length`` long (a
    chart's plotted line, a diagonal rule), a stroke wide: found by a probabilistic Hough
    transform bridging gaps of an eighth of ``length`` (where rules it crosses took its
    pixels), and kept only where ink covers ``SLANT_COVER`` of the segment's length.  No
    letter has a straight stroke as long as ``length``.  A segment goes on along its own line
    through gaps no wider than its stroke (where it crosses a bar's rim or a grid line, the
    pieces the crossing cut off are shorter than ``length``)."""
    out = np.zeros_like(crop)
    votes, gap = max(10, length // 2), length // 8
    found = cv2.HoughLinesP(crop * 255, 1, np.pi / 180, votes, minLineLength=length, maxLineGap=gap)
    if found is None:
        return out
    dist = _distances_to_paper(crop)
    for x0, y0, x1, y1 in np.asarray(found, np.int64).reshape(-1, 4)[:200].tolist():
        steps = max(abs(x1 - x0), abs(y1 - y0)) + 1
        xs = np.linspace(x0, x1, steps).round().astype(int)
        ys = np.linspace(y0, y1, steps).round().astype(int)
        if float(crop[ys, xs].mean()) < SLANT_COVER:
            continue
        width = 2 * round(float(np.median(dist[ys, xs]))) + 3  # the stroke's own width, and its edge
        if min(abs(x1 - x0), abs(y1 - y0)) <= 2 * width:
            continue  # along a level or upright stroke (a thick rule, a stem): the openings judge those
        stroke = width - 3
        (x0, y0), (x1, y1) = _extended(crop, (x0, y0), (x1, y1), stroke), _extended(crop, (x1, y1), (x0, y0), stroke)
        segment = np.zeros_like(crop)
        cv2.line(segment, (x0, y0), (x1, y1), 1, width)
        out |= segment & crop
    return out


def _extended(crop: Mask, start: tuple[int, int], end: tuple[int, int], gap: int) -> tuple[int, int]:
    """``end`` moved on along the line from ``start`` through it to the last ink of ``crop``
    before a run of more than ``gap`` pixels without ink (or the crop's edge)."""
    h, w = crop.shape[:2]
    dx, dy = end[0] - start[0], end[1] - start[1]
    norm = max(abs(dx), abs(dy))
    if norm == 0:
        return end
    last, missed, step = end, 0, 1
    while missed <= gap:
        x, y = round(end[0] + dx * step / norm), round(end[1] + dy * step / norm)
        if not (0 <= x < w and 0 <= y < h):
            break
        if crop[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2].any():
            last, missed = (x, y), 0
        else:
            missed += 1
        step += 1
    return last


def _distances_to_paper(crop: Mask) -> NDArray[np.float32]:
    """Per ink pixel of ``crop``, its distance to the nearest paper, beyond the crop's edge
    counted as paper (a crop all ink has finite distances)."""
    padded = np.pad(crop.astype(np.uint8), 1)
    return np.asarray(cv2.distanceTransform(padded, cv2.DIST_L2, 3)[1:-1, 1:-1], np.float32)


def stroke_width(ink: Mask) -> float:
    """The typical stroke width of ``ink`` in pixels: twice the median distance to paper along
    the strokes' middles (the ridge of the distance transform, beyond the edge counted as
    paper); 0 for no ink."""
    dist = _distances_to_paper(np.asarray(ink > 0, np.uint8))
    ridge = dist[(dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)))]
    return 2.0 * float(np.median(ridge)) if ridge.size else 0.0


def _markers(ink: Mask, box: BBox, dpi: int) -> Mask:
    """0/1 over ``box``: solid discs and squares thicker than the strokes about them (a chart's
    markers on its plotted line), grown by two pixels: what openings by discs wider than a
    stroke (``MARKER_SCALES`` sizes, so a marker where a bar's rim meets it is parted from the
    rim by a wider one) leave, piece by piece as round or square and solid as ``blobs`` asks.
    Looked for ``MARKER_IN`` beyond the box too: a marker the box cuts is whole there."""
    m = round(dpi * MARKER_IN)
    h, w = ink.shape[:2]
    ay, ax, by, bx = max(0, box.y0 - m), max(0, box.x0 - m), min(h, box.y1 + m), min(w, box.x1 + m)
    near = np.asarray(ink[ay:by, ax:bx] > 0, np.uint8)
    base = max(2 * _min_side(dpi), round(2 * stroke_width(near)) + 1)
    found = np.zeros_like(near)
    for scale in MARKER_SCALES:
        side = round(base * scale) | 1
        thick = cv2.morphologyEx(near, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side)))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(thick, connectivity=8)
        keep = np.zeros(n, bool)
        for i in range(1, n):
            cw, ch, area = (int(v) for v in stats[i, 2:5])
            keep[i] = 0.75 <= cw / ch <= 1.33 and area >= 0.72 * cw * ch and max(cw, ch) <= 3 * side
        found |= keep[labels].astype(np.uint8)
    grown = cv2.dilate(found, np.ones((5, 5), np.uint8))
    return np.asarray(grown[box.y0 - ay : box.y1 - ay, box.x0 - ax : box.x1 - ax], np.uint8)


def _line_ends(lines: Mask, axis: int, thin: int) -> Mask:
    """Where the long strokes of ``lines`` end (1 within ``2·thin`` of either end of each
    stroke along ``axis``: 1 horizontal, 0 vertical)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    out = np.zeros_like(lines)
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        reach = 2 * thin
        if axis == 1:
            for x0, x1 in ((x - reach, x + reach), (x + w - reach, x + w + reach)):
                out[max(0, y - reach) : y + h + reach, max(0, x0) : max(0, x1)] = 1
        else:
            for y0, y1 in ((y - reach, y + reach), (y + h - reach, y + h + reach)):
                out[max(0, y0) : max(0, y1), max(0, x - reach) : x + w + reach] = 1
    return out


def _without_stubs(rest: Mask, horizontal: Mask, vertical: Mask, dpi: int) -> Mask:
    """``rest`` (ink off the long strokes) without the stubs of those strokes: one straight
    bar, a stroke thin, that either continues a long stroke in its own direction (a broken
    piece of it) or meets the *end* of a stroke across it (the short arm of a field's corner,
    the end of a wall past a rule).  A digit 1 standing on a rule meets it mid-way: it stays."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    if n <= 1:
        return rest
    thin = _min_side(dpi)
    grow = np.ones((5, 5), np.uint8)
    along_h = cv2.dilate(horizontal, grow) > 0  # touching a horizontal stroke
    along_v = cv2.dilate(vertical, grow) > 0
    ends_h = _line_ends(horizontal, 1, thin) > 0  # near the left or right end of one
    ends_v = _line_ends(vertical, 0, thin) > 0
    stub = np.zeros(n, bool)
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < 0.5 * w * h:
            continue  # not one straight bar (a letter, a curve)
        own = labels[y : y + h, x : x + w] == i
        win = (slice(y, y + h), slice(x, x + w))
        if h <= thin and w >= h:  # a horizontal bar: along a horizontal stroke, or at a vertical one's end
            stub[i] = bool((own & along_h[win]).any() or (own & along_v[win] & ends_v[win]).any())
        elif w <= thin and h >= w:  # a vertical bar
            stub[i] = bool((own & along_v[win]).any() or (own & along_h[win] & ends_h[win]).any())
    return np.where(stub[labels], 0, rest).astype(np.uint8)


def blobs(ink: Mask, dpi: int, printed: Mask | None = None) -> tuple[Mask, list[Item]]:
    """``ink`` without solid round or square blobs (punch holes, bullets, filled boxes): no
    letter is a solid disc or square a tenth of a line tall or more, and Tesseract reading
    them beside text in one picture may read nothing at all.  The dots of dot-matrix print
    (``print_dots``, or ``printed`` when the caller has them) are no blobs: they stay ink, to
    be read or to fail closed."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    lo = _min_side(dpi) * 2
    out = ink.copy()
    items: list[Item] = []
    h_img, w_img = ink.shape
    if printed is None:
        printed = print_dots(ink, dpi)[0]
    for i in range(1, len(stats)):
        x, y, w, h, area = (int(v) for v in stats[i])
        if w < lo or h < lo or not 0.75 <= w / h <= 1.33 or area < 0.72 * w * h:
            continue
        comp = (labels[y : y + h, x : x + w] == i).astype(np.uint8)
        if printed[y : y + h, x : x + w][comp > 0].any():
            continue  # a dot of a dotted glyph
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


PRINTED_DOT_IN = 0.08  # inches: the largest dot of dot-matrix print
MIN_PRINTED_DOTS = 30  # dots a page needs to hold dot print
DOT_SOLID = 0.7  # a dot's ink to its box (a disc is 0.79): letters are hollower
DOT_PITCH = 1.8  # of a dot's side: a neighbour this close is another dot of the same glyph
DOT_NEIGHBOURS = 2  # neighbours of its size that make a dot one of print, not a bullet or a hole
DOT_BESIDE = 2.2  # of the print's pitch: a dot this near one of print is print too (a period, a stroke's end)


def print_dots(ink: Mask, dpi: int) -> tuple[Mask, float]:
    """The dots of dot-matrix print in ``ink`` (0/1 mask) and their median distance to the
    nearest other dot (0.0 when the page holds fewer than ``MIN_PRINTED_DOTS``).  A dot is a
    solid, roughly square component of 4 px to ``PRINTED_DOT_IN`` a side with
    ``DOT_NEIGHBOURS`` others of its size within ``DOT_PITCH`` of its side, or within
    ``DOT_BESIDE`` pitches of such a dot: a bullet, a punch hole or a filled box stands alone."""
    none: tuple[Mask, float] = (np.zeros_like(ink), 0.0)
    n, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n - 1 < MIN_PRINTED_DOTS:
        return none
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    side = np.maximum(w, h).astype(np.float64)
    solid = stats[1:, cv2.CC_STAT_AREA] >= DOT_SOLID * w * h
    cand = np.nonzero((side >= 4) & (side <= dpi * PRINTED_DOT_IN) & (np.minimum(w, h) * 1.5 >= side) & solid)[0]
    if len(cand) < MIN_PRINTED_DOTS:
        return none
    pts, own = np.asarray(centres[1:][cand], np.float64), side[cand]
    nearest = nearest_distances(pts)
    neighbours = np.zeros(len(cand), int)
    for start, d in _distances(pts, pts):
        mine = own[start : start + len(d), None]
        alike = (own[None, :] <= 1.5 * mine) & (own[None, :] >= mine / 1.5)
        neighbours[start : start + len(d)] = ((d < DOT_PITCH * mine) & alike).sum(axis=1) - 1  # less itself
    core = neighbours >= DOT_NEIGHBOURS
    if int(core.sum()) < MIN_PRINTED_DOTS:
        return none
    pitch = float(np.median(nearest[core]))
    printed = core.copy()  # and the dots beside them: a stroke's end, a period, a colon's dots
    for start, d in _distances(pts, pts[core]):
        printed[start : start + len(d)] |= d.min(axis=1) <= DOT_BESIDE * pitch
    mask: Mask = np.isin(labels, cand[printed] + 1).astype(np.uint8)
    return mask, pitch


def _distances(pts: NDArray[np.float64], to: NDArray[np.float64]) -> Iterator[tuple[int, NDArray[np.float64]]]:
    """(first row, distances) from slices of ``pts`` to every point of ``to``: memory stays
    at 500 × len(to)."""
    for start in range(0, len(pts), 500):
        yield start, np.sqrt(((pts[start : start + 500, None, :] - to[None, :, :]) ** 2).sum(-1))


def nearest_distances(pts: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each point's distance to the nearest other point (inf for a lone point)."""
    out = np.full(len(pts), np.inf)
    for start, d in _distances(pts, pts):
        d[np.arange(len(d)), np.arange(start, start + len(d))] = np.inf
        out[start : start + len(d)] = d.min(axis=1) if d.shape[1] else np.inf
    return out


RING_HOLE = 0.47  # a radio button's hole: at least this share of its bounding box (a thin ring)
RING_HOLE_THICK = 0.28  # a thicker ring (a photo, a bold print) counts only among its like
RING_ROUND = 0.08  # its outline's area within this share of the inscribed ellipse's
RING_APART = 0.25  # of its width: the nearest ink beside it on its line is at least this far
RING_COVER = 0.9  # of a ring's circle: drawn where a mark crosses a radio of a grid


def _ring(comp: Mask, hole_share: float = RING_HOLE) -> Mask | None:
    """The hole of a thin round ring (0/1, the component's size), or None if it is no ring."""
    h, w = comp.shape
    filled = np.zeros((h + 2, w + 2), np.uint8)
    filled[1:-1, 1:-1] = comp
    cv2.floodFill(filled, None, (0, 0), 1)
    hole: Mask = (filled[1:-1, 1:-1] == 0).astype(np.uint8)
    if int(hole.sum()) < hole_share * w * h:
        return None  # a thick letter O, a bold 0: not a thin ring
    contours, _ = cv2.findContours(comp, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    area = cv2.contourArea(max(contours, key=cv2.contourArea))
    if abs(area - np.pi / 4 * w * h) > RING_ROUND * w * h:
        return None  # a square frame (a checkbox) or an irregular loop
    return hole


@dataclass(frozen=True, slots=True)
class _Ring:
    index: int
    box: BBox
    dots: tuple[int, ...]
    thin: bool
    noise: tuple[int, ...] = ()  # specks wholly inside its hole, too small to be its dot (camera grain)


def _within(stat: NDArray[np.int32], x: int, y: int, w: int, h: int) -> bool:
    """Whether a component's box (``stat``: x, y, w, h) lies wholly inside the box x, y, w, h."""
    sx, sy, sw, sh = (int(v) for v in stat[:4])
    return sx >= x and sy >= y and sx + sw <= x + w and sy + sh <= y + h


def _on_line(stat: NDArray[np.int32], y: int, h: int) -> bool:
    """Whether a component (``stat``) shares at least half the height of the shorter of it
    and a ring spanning rows y .. y + h: a letter of the ring's line does; a stroke of the
    line above or below that grazes its rows does not."""
    sy, sh = int(stat[1]), int(stat[3])
    return min(y + h, sy + sh) - max(y, sy) >= 0.5 * min(h, sh)


def _mates(r: _Ring, rings: list[_Ring]) -> tuple[int, int]:
    """How many rings of like size share ``r``'s row, and its column."""
    cx, cy = (r.box.x0 + r.box.x1) / 2, (r.box.y0 + r.box.y1) / 2
    row = col = 0
    for o in rings:
        if o is r or not 0.8 <= o.box.width / r.box.width <= 1.25:
            continue
        ox, oy = (o.box.x0 + o.box.x1) / 2, (o.box.y0 + o.box.y1) / 2
        row += abs(oy - cy) < r.box.height / 2
        col += abs(ox - cx) < r.box.width / 2
    return row, col


def _on_circle(comp: NDArray[np.bool_], cx: float, cy: float, radius: float) -> float:
    """The share of a circle's points (centre and radius in ``comp``'s pixels) that ``comp``
    draws, allowing a few pixels of wobble."""
    h, w = comp.shape
    near = cv2.dilate(comp.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    t = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    xs, ys = np.round(cx + radius * np.cos(t)).astype(int), np.round(cy + radius * np.sin(t)).astype(int)
    inside = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    if not inside.all():
        return 0.0
    return float(near[ys, xs].mean())


def _crossed_radios(
    labels: NDArray[np.int32], stats: NDArray[np.int32], rings: list[_Ring], taken: set[int], dpi: int
) -> list[tuple[int, BBox, str]]:
    """Marks across a radio button of a grid (rows *and* columns of rings, a questionnaire's
    answer table): one component that draws the whole circle of the ring expected where a
    column of rings meets a row of rings, with at most a few strokes through it."""
    if len(rings) < 4:
        return []
    size = float(np.median([r.box.width for r in rings]))
    cols = sorted({round((r.box.x0 + r.box.x1) / 2) for r in rings if _mates(r, rings)[1] >= 1})
    rows = sorted({round((r.box.y0 + r.box.y1) / 2) for r in rings if _mates(r, rings)[0] >= 1})
    if not cols or not rows:
        return []
    found: list[tuple[int, BBox, str]] = []
    for i in range(1, len(stats)):
        if i in taken:
            continue
        x, y, w, h, area = (int(v) for v in stats[i])
        if not (size * 0.9 <= max(w, h) <= size * 2.8 and min(w, h) >= size * 0.9):
            continue
        col = next((c for c in cols if x <= c < x + w), None)
        row = next((r for r in rows if y <= r < y + h), None)
        if col is None or row is None:
            continue
        comp = labels[y : y + h, x : x + w] == i
        if area > 0.45 * w * h:
            continue  # a blot, not a ring with a stroke or two across it
        best = max(
            _on_circle(comp, col - x + dx, row - y + dy, size / 2 - max(2.0, size * 0.06))
            for dx in range(-4, 5, 2)
            for dy in range(-4, 5, 2)
        )
        if best >= RING_COVER:  # the ring alone (a speck glued to it) or crossed by a mark
            kind = "radio crossed" if max(w, h) >= size * 1.15 else "radio empty"
            found.append((i, BBox(x, y, x + w, y + h), kind))
    return found


def radios(ink: Mask, dpi: int) -> tuple[Mask, list[Item]]:
    """``ink`` without its radio buttons, and those found: a thin round ring of checkbox size,
    standing apart from the letters of its line, empty or with one solid dot inside
    ("radio empty", "radio selected"); a ring with anything else inside (©, ®) is text.  A
    thicker ring (photographed, bold) counts only with two like rings in its row or column,
    and in a grid of rings (an answer table) a mark drawn across a ring is "radio crossed"."""
    n, cc_labels, cc_stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    labels, stats = np.asarray(cc_labels, np.int32), np.asarray(cc_stats, np.int32)
    lo, hi = _min_side(dpi) * 2, max(_min_side(dpi) * 3, round(dpi * MAX_BOX_IN))
    speck = _min_side(dpi)  # smaller specks (scanner or camera noise) are neither a dot nor a letter
    out = ink.copy()
    items: list[Item] = []
    w_img = ink.shape[1]
    rings: list[_Ring] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if not (lo <= w <= hi and lo <= h <= hi and 0.85 <= w / h <= 1.18):
            continue
        comp = (labels[y : y + h, x : x + w] == i).astype(np.uint8)
        thin = _ring(comp) is not None
        hole = _ring(comp, RING_HOLE_THICK) if 0.9 <= w / h <= 1.11 else None
        if hole is None:
            continue
        inner = labels[y : y + h, x : x + w] * hole
        dot_side = max(speck, round(0.3 * w))  # a chosen radio's dot; smaller specks inside are noise
        dots = [int(j) for j in np.unique(inner) if j != 0 and max(int(stats[j, 2]), int(stats[j, 3])) >= dot_side]
        if any((labels[y : y + h, x : x + w] == j)[hole == 0].any() for j in dots):
            continue  # something reaches out of the ring
        if len(dots) > 1 or (dots and int(stats[dots[0], 4]) < 0.6 * int(stats[dots[0], 2]) * int(stats[dots[0], 3])):
            continue  # letters or a symbol inside: text
        # specks in its box smaller than a dot (camera grain inside and on the ring) are its own
        own = labels[y : y + h, x : x + w]
        noise = {int(j) for j in np.unique(own) if j not in (0, i, *dots) and _within(stats[j], x, y, w, h)}
        noise = {j for j in noise if max(int(stats[j, 2]), int(stats[j, 3])) < dot_side}
        gap = max(2, round(w * RING_APART))
        x0, x1 = max(0, x - gap), min(w_img, x + w + gap)
        near = [int(j) for j in np.unique(labels[y : y + h, x0:x1]) if j not in (0, i, *dots, *noise)]
        if any(max(int(stats[j, 2]), int(stats[j, 3])) >= dot_side and _on_line(stats[j], y, h) for j in near):
            continue  # glued to the letters of its line: an O of a word (specks and grain do not count,
            # nor strokes of the lines above and below that graze its rows)
        rings.append(_Ring(i, BBox(x, y, x + w, y + h), tuple(dots), thin, tuple(sorted(noise))))
    kept = [r for r in rings if r.thin or max(_mates(r, rings)) >= 2]  # a lone thick O is a letter
    for r in kept:
        b = r.box
        sub = out[b.y0 : b.y1, b.x0 : b.x1]
        sub[np.isin(labels[b.y0 : b.y1, b.x0 : b.x1], [r.index, *r.dots, *r.noise])] = 0
        items.append(Item(b, "radio selected" if r.dots else "radio empty"))
    taken = {r.index for r in kept} | {d for r in kept for d in r.dots}
    for i, b, kind in _crossed_radios(labels, stats, kept, taken, dpi):
        sub = out[b.y0 : b.y1, b.x0 : b.x1]
        sub[labels[b.y0 : b.y1, b.x0 : b.x1] == i] = 0
        items.append(Item(b, kind))
    return out, items


PICTURE_IN = 0.8  # inches: an unread region this large both ways, dense or of many specks, is a picture


def unread_kind(ink: Mask, box: BBox, text_px: float, dpi: int, tilted: bool) -> str:
    """What a person would call ink no reading could read, for the review only (it stays
    unread whatever this says): "stamp" (a frame around large letters, or large letters
    tilted), "signature" (one long flowing stroke, few pieces), "picture or logo" (a large
    dense area), else "handwriting or text"."""
    crop = ink[box.y0 : box.y1, box.x0 : box.x1].astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    comps = stats[1:][np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) >= _min_side(dpi)]
    h, w = crop.shape
    if len(comps) == 0:
        return "handwriting or text"
    if min(w, h) >= dpi * PICTURE_IN and (float(crop.mean()) > 0.2 or len(comps) > 60):
        return "picture or logo"
    widest = comps[np.argmax(comps[:, cv2.CC_STAT_WIDTH])]
    cw, ch, area = int(widest[2]), int(widest[3]), int(widest[4])
    if cw >= 0.9 * w and ch >= 0.6 * h and area < 0.25 * cw * ch and len(comps) >= 3:
        return "stamp"  # a frame around the letters
    if tilted and text_px >= dpi * 0.2:
        return "stamp"
    if len(comps) <= 4 and cw >= 3 * max(1.0, text_px) and cw >= 0.6 * w and area < 0.2 * cw * ch:
        return "signature"
    return "handwriting or text"


def encloses(ink: Mask, box: BBox, share: float = 0.25) -> bool:
    """Whether the ink of ``box`` closes around paper covering at least ``share`` of it (a
    frame, a field, a comb: not a signature, whose loops are small)."""
    crop = ink[box.y0 : box.y1, box.x0 : box.x1].astype(np.uint8)
    h, w = crop.shape
    if h == 0 or w == 0:
        return False
    filled = np.zeros((h + 2, w + 2), np.uint8)
    filled[1:-1, 1:-1] = crop
    cv2.floodFill(filled, None, (0, 0), 1)
    return bool(int((filled == 0).sum()) >= share * h * w)
