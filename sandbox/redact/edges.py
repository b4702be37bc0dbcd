"""Edges of flat areas: ink the background estimate makes up where no letter can be.

The ink finders compare each pixel with a median of its neighbourhood.  Where two flat areas
meet (a colour band and the paper, two bands with a strip of paper between them), that median
flips from one to the other within a few strokes, and a strip along the edge counts as ink.
No reading explains it, so the page was refused for "ink that no reading could read".

A region is the edge of flat areas, and no text, when its pixels as printed are *stripes*:

* each row (or each column) is one colour along at most ``MAX_SLABS`` stretches (a gap
  between two bands of different widths changes where the shorter band ends): two
  neighbouring pixels of a stretch differ by less than ``SAME`` (CIE76 ΔE, under half the ink
  floor: faint type on a band, which the ink finders do not see, is not called flat either).
  No speck is forgiven: a one-pixel hairline is a stroke, so a noisy scan's edges stay
  unread (and fail closed) as before; a narrow run of columns counts only as the shading of
  an edge between two different colours;
* each stretch holds at most ``MAX_STRIPES`` colours across (band, gap, band; the shaded
  rows between aside): ``二``, ``=``, ``ll`` and a barcode's bars have more;
* the region is at least ``MIN_RUN`` inches long that way, longer than any glyph up to
  54 pt; and
* the page's ink mask cuts across one of those colours (part of a band's or the paper's own
  pixels called ink, part not), in the region or ``MARGIN`` around it (the paper between
  two bands can be ink wall to wall, the bands beside it not): ink that is text is a colour
  of its own.

A glyph of one component (``口``, ``十``, an ``L``) is never asked about (regions of one
component are not unread); two glyphs make more stretches or more colours across than the
rule allows.  Nothing a person could read as a word or a number passes (tested on Han
characters and Latin pairs at 5–48 pt, both ways round).  The one shape that does pass is two
glyphs made only of full-width bars side by side (``==``, ``二二``) at 54 pt or more in a
region of their own, where the mask takes a thick bar's middle for paper, or beside a flat
area of their own colour.  Pure NumPy/OpenCV; nothing here
sees text.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
from numpy.typing import NDArray

from sandbox.models import BBox

SAME = 5.0  # ΔE: a pixel this close to its row's median is the row's colour
MIN_RUN = 0.75  # inches: the stripes run at least this far (longer than any glyph up to 54 pt)
MAX_STRIPES = 3  # colours across the stripes, shaded rows aside: band, gap, band (二, = and ll are 5)
SPLIT = 0.1  # of a colour's pixels: in the ink mask and out of it, for the mask to cut across it
MAX_SLABS = 3  # stretches of the stripes along them: where one of two bands ends, and beyond
MARGIN = 0.05  # inches around the region where the ink mask's cut across a colour is also looked for

WEIGHTS = np.array([(100.0 / 255.0) ** 2, 1.0, 1.0], np.float32)  # OpenCV's 8-bit L is L*·255/100


def lab_of(pixels: NDArray[np.uint8]) -> NDArray[np.float32]:
    """RGB or grey pixels in OpenCV's 8-bit CIE Lab, as floats."""
    rgb = pixels if pixels.ndim == 3 else np.repeat(pixels[:, :, None], 3, axis=2)
    return np.asarray(cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2LAB), np.float32)


def delta2(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    """Squared CIE76 ΔE between OpenCV 8-bit Lab colours (broadcast over the last axis)."""
    return np.asarray((((a - b) ** 2) * WEIGHTS).sum(axis=-1), np.float32)


def _differ(lab: NDArray[np.float32], a: tuple[int, int], b: tuple[int, int]) -> bool:
    left, right = np.median(lab[:, a[0] : a[1]], axis=1), np.median(lab[:, b[0] : b[1]], axis=1)
    return bool((delta2(left, right) > SAME * SAME).any())


def _slabs(lab: NDArray[np.float32]) -> list[tuple[int, int]] | None:
    """The slabs of identical columns of ``lab`` (no pixel of a column more than ``SAME`` from
    its neighbour's), or None when a column changes where no edge is: a run of narrow pieces
    (two pixels or less each) counts only as the shading of an edge, two pixels wide at most
    and between two slabs of different colours (or the region's side); any other is strokes."""
    change = (delta2(lab[:, 1:], lab[:, :-1]) > SAME * SAME).any(axis=0)
    cuts = [0, *(int(x) + 1 for x in np.nonzero(change)[0]), lab.shape[1]]
    pieces = list(itertools.pairwise(cuts))
    out: list[tuple[int, int]] = []
    n = 0
    while n < len(pieces):
        if pieces[n][1] - pieces[n][0] > 2:
            out.append(pieces[n])
            n += 1
            continue
        m = n
        while m < len(pieces) and pieces[m][1] - pieces[m][0] <= 2:
            m += 1
        width = pieces[m - 1][1] - pieces[n][0]
        side = n == 0 or m == len(pieces)
        if width > 2 or not (side or _differ(lab, pieces[n - 1], pieces[m])):
            return None
        n = m
    return out


def _slabs_flat(lab: NDArray[np.float32]) -> bool:
    """Whether the columns of ``lab`` fall into at most ``MAX_SLABS`` slabs (:func:`_slabs`),
    each of at most ``MAX_STRIPES`` colours from top to bottom (the same rule: shaded rows
    between two colours aside, no narrow stroke)."""
    slabs = _slabs(lab)
    if not slabs or len(slabs) > MAX_SLABS:
        return False
    for a, b in slabs:
        across = _slabs(np.median(lab[:, a:b], axis=1)[None, :, :])  # its colours top to bottom
        if not across or len(across) > MAX_STRIPES:
            return False
    return True


def _split_by_ink(lab: NDArray[np.float32], ink: NDArray[np.uint8]) -> bool:
    """Whether the ink mask cuts across a colour: some colour of the region (its pixels within
    ``SAME`` of one another) has at least ``SPLIT`` of its pixels in the mask and as many out.
    Ink that is text is a colour of its own (strokes in, paper out); ink the background
    estimate made up near an edge takes part of a band's or the paper's own pixels."""
    flat = lab.reshape(-1, 3)
    marked = ink.reshape(-1) > 0
    todo = np.ones(len(flat), bool)
    while todo.any():
        seed = flat[np.argmax(todo)]
        same = todo & (delta2(flat, seed[None, :]) <= SAME * SAME)
        todo &= ~same
        n = int(same.sum())
        inside = int((same & marked).sum())
        if n >= 20 and min(inside, n - inside) >= SPLIT * n:
            return True
    return False


def stripes(pixels: NDArray[np.uint8], box: BBox, dpi: int, ink: NDArray[np.uint8] | None = None) -> bool:
    """Whether the region ``box`` of a page (``pixels``: RGB or grey, as printed) holds only
    stripes of flat colour running its whole width or its whole height (see the module's
    docstring): the edge of a band or the gap between two, never a letter or a barcode.  With
    the page's ``ink`` mask, also only where the mask cuts across one of those colours
    (:func:`_split_by_ink`): bars of one colour that the mask takes whole (``二``, ``=``) stay
    ink, whatever their shape."""
    h, w = pixels.shape[:2]
    x0, y0, x1, y1 = max(0, box.x0), max(0, box.y0), min(w, box.x1), min(h, box.y1)
    if x1 <= x0 or y1 <= y0:
        return False
    lab = lab_of(pixels[y0:y1, x0:x1])
    run = dpi * MIN_RUN
    flat = (x1 - x0 >= run and _slabs_flat(lab)) or (y1 - y0 >= run and _slabs_flat(lab.transpose(1, 0, 2)))
    if not flat or ink is None:
        return flat
    m = max(2, round(dpi * MARGIN))
    around = (slice(max(0, y0 - m), min(h, y1 + m)), slice(max(0, x0 - m), min(w, x1 + m)))
    return _split_by_ink(lab_of(pixels[around]), ink[around])


THIN_EDGE = 0.045  # inches: the thickest piece of a tinted band's edge a tilted scan leaves
PALE_EDGE = 200  # grey: a tint's edge is paler than this (its pixels' median)
TINT_AROUND = 0.1  # inches around the piece where the tint it belongs to is looked for
TINT_AREA = 4.0  # times the piece's ink: the tint's own pixels around it, not taken as ink


def tint_edge(pixels: NDArray[np.uint8], box: BBox, dpi: int, ink: NDArray[np.uint8]) -> bool:
    """Whether the region ``box`` is a piece of a pale tint's edge, too short for
    :func:`stripes` (a header row's tint on a scan tilted half a degree steps along its top
    and bottom edges, each step shorter than ``MIN_RUN``): at most ``THIN_EDGE`` tall, its ink
    paler than ``PALE_EDGE`` and of one colour with ``TINT_AREA`` times as many pixels around
    it that the ink mask left out (the tint itself), a colour that is not the paper's.  Faint
    small type is a colour of its own: nothing around it but paper and its own strokes."""
    h, w = ink.shape[:2]
    x0, y0, x1, y1 = max(0, box.x0), max(0, box.y0), min(w, box.x1), min(h, box.y1)
    if x1 <= x0 or y1 <= y0 or y1 - y0 > dpi * THIN_EDGE:
        return False
    m = max(2, round(dpi * TINT_AROUND))
    ay, ax = max(0, y0 - m), max(0, x0 - m)
    lab = lab_of(pixels[ay : min(h, y1 + m), ax : min(w, x1 + m)])
    marked = ink[ay : min(h, y1 + m), ax : min(w, x1 + m)] > 0
    own = np.zeros_like(marked)
    own[y0 - ay : y1 - ay, x0 - ax : x1 - ax] = marked[y0 - ay : y1 - ay, x0 - ax : x1 - ax]
    if not own.any() or float(np.median(lab[:, :, 0][own])) <= PALE_EDGE:  # 8-bit L, near grey levels
        return False
    colour = np.median(lab[own], axis=0)
    same = ~marked & (delta2(lab, colour[None, None, :]) <= SAME * SAME)
    if int(same.sum()) < TINT_AREA * int(own.sum()):
        return False
    rest = ~marked & ~same
    return bool(rest.any()) and float(delta2(np.median(lab[rest], axis=0), colour)) > SAME * SAME
