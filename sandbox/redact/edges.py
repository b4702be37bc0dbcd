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
  unread (and fail closed) as before;
* the region is at least ``MIN_RUN`` inches long that way; and
* there are at most ``MAX_STRIPES`` of them across (a band, a gap, the next band, and the
  shaded rows of each edge between), so the bars of a barcode, whose many stripes carry its
  payload, are never stripes here.

Letters change along the row *and* along the column, many times: two letters make more
stretches than ``MAX_SLABS``, and a lone glyph (an ``L``, a ``1``) is one component, which is
never asked about.  Nothing a person could read as a word or a number passes.  Pure NumPy/OpenCV;
nothing here sees text.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
from numpy.typing import NDArray

from sandbox.models import BBox

SAME = 5.0  # ΔE: a pixel this close to its row's median is the row's colour
MIN_RUN = 0.1  # inches: the stripes run at least this far
MAX_STRIPES = 7  # colours across the stripes: band, two shaded rows, gap, two shaded rows, band
MAX_SLABS = 3  # stretches of the stripes along them: where one of two bands ends, and beyond

_WEIGHTS = np.array([(100.0 / 255.0) ** 2, 1.0, 1.0], np.float32)  # OpenCV's 8-bit L is L*·255/100


def _lab(pixels: NDArray[np.uint8]) -> NDArray[np.float32]:
    rgb = pixels if pixels.ndim == 3 else np.repeat(pixels[:, :, None], 3, axis=2)
    return np.asarray(cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2LAB), np.float32)


def _delta(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.asarray((((a - b) ** 2) * _WEIGHTS).sum(axis=-1), np.float32)


def _shade(lab: NDArray[np.float32], pieces: list[tuple[int, int]], n: int) -> bool:
    """Whether the narrow piece ``n`` lies between two stretches of different colours (the
    shaded columns of an edge), not between two alike (a hairline drawn on a flat area)."""
    if n == 0 or n == len(pieces) - 1:
        return True
    (a0, a1), (b0, b1) = pieces[n - 1], pieces[n + 1]
    left, right = np.median(lab[:, a0:a1], axis=1), np.median(lab[:, b0:b1], axis=1)
    return bool((_delta(left, right) > SAME * SAME).any())


def _slabs_flat(lab: NDArray[np.float32]) -> bool:
    """Whether the columns of ``lab`` fall into at most ``MAX_SLABS`` slabs of identical
    columns (no pixel of a column more than ``SAME`` from its neighbour's), each of
    at most ``MAX_STRIPES`` colours from top to bottom.  Slabs two pixels wide or less between
    two slabs of different colours are the shaded columns of an edge and are not counted."""
    change = (_delta(lab[:, 1:], lab[:, :-1]) > SAME * SAME).any(axis=0)
    cuts = [0, *(int(x) + 1 for x in np.nonzero(change)[0]), lab.shape[1]]
    pieces = list(itertools.pairwise(cuts))
    slabs = [p for n, p in enumerate(pieces) if p[1] - p[0] > 2 or not _shade(lab, pieces, n)]
    if not slabs or len(slabs) > MAX_SLABS:
        return False
    for a, b in slabs:
        column = np.median(lab[:, a:b], axis=1)
        count, last = 0, None
        for colour in column:
            if last is None or float(_delta(colour, last)) > SAME * SAME:
                count += 1
                last = colour
        if count > MAX_STRIPES:
            return False
    return True


def stripes(pixels: NDArray[np.uint8], box: BBox, dpi: int) -> bool:
    """Whether the region ``box`` of a page (``pixels``: RGB or grey, as printed) holds only
    stripes of flat colour running its whole width or its whole height (see the module's
    docstring): the edge of a band or the gap between two, never a letter or a barcode."""
    h, w = pixels.shape[:2]
    x0, y0, x1, y1 = max(0, box.x0), max(0, box.y0), min(w, box.x1), min(h, box.y1)
    if x1 <= x0 or y1 <= y0:
        return False
    lab = _lab(pixels[y0:y1, x0:x1])
    run = dpi * MIN_RUN
    return (x1 - x0 >= run and _slabs_flat(lab)) or (y1 - y0 >= run and _slabs_flat(lab.transpose(1, 0, 2)))
