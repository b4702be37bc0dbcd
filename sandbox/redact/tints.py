"""Dithered tints on 1-bit pages: a grey highlight a fax turned into a field of dots.

A fax or a 1-bit scanner cannot print grey: a form's grey label band arrives as an even field
of isolated dots with the black label on it.  To the ink finder every dot is ink, the field
closes into one dark block and the label inside it can be neither seen nor read, so the page
is refused for a highlight.  Here such fields are found and their dots made paper, so the
views read the label as if it were printed on white.

The rule is narrow, so that nothing that may carry letters is erased:

* only on a 1-bit page — no greys, or greys only where black meets white (a 1-bit page
  straightened, its fax pixels made square, or rendered at another resolution: it is
  thresholded back to 1 bit first) — only **specks** (a few pixels, far smaller than a
  stroke of any letter a person reads) are ever erased; every larger piece of ink stays;
* only inside a **field**: the specks closed together cover a block at least ``FIELD_IN`` wide
  and tall, nearly solid (of its smallest turned rectangle: a tilted band counts);
* only where the field is a **block**: eroded by a few dots' width, it keeps ``SOLID`` of what
  its convex hull filled keeps (a line of bold or outlined letters drawn in dots does not);
* only where the field is **even**: the density of specks, measured in small windows away from
  the solid ink on it, varies by at most ``EVEN`` across the field.  Letters drawn in dots
  (a dot-screened word) are dense where the letters are and empty between them: uneven, kept.

Pure NumPy/OpenCV; nothing here sees text.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.models import BBox

Gray = NDArray[np.uint8]

SPECK_IN = 0.014  # inch: a dot of a tint is at most this wide and tall
FIELD_IN = 0.09  # inch: a tint field is at least this wide and tall
FILL = 0.7  # the closed dots cover at least this share of the field's box
EVEN = 0.18  # the spread (10th to 90th percentile) of dot density across a field
SOLID = 0.6  # share of its filled convex hull's eroded core a field keeps eroded (a word far less)
DARKEST = 0.4  # a field's dots cover at most this share of it (a tint; denser dots join into shapes)
BILEVEL = 0.995  # share of pixels pure black or white for a page to be 1-bit
RESAMPLED_PURE = 0.9  # a 1-bit page resampled: at least this share still pure black or white ...
RESAMPLED_EDGE = 0.95  # ... and this share of its mid-greys within EDGE_PX of both black and white
EDGE_PX = 2  # px: how far a resampling filter spreads an edge (bicubic, Lanczos)


def is_bilevel(gray: Gray) -> bool:
    """Whether ``gray`` is a 1-bit page (fax, CCITT or JBIG2 scan): almost no greys."""
    return bool(float(((gray <= 8) | (gray >= 247)).mean()) >= BILEVEL)


def is_resampled_bilevel(gray: Gray) -> bool:
    """Whether ``gray`` is a 1-bit page resampled (turned straight, its fax pixels made
    square, rendered at another resolution): nearly all pure black or white, and its greys
    only where black meets white — a grey scan or a photo has greys of its own (paper, tints,
    shading) away from any edge."""
    if is_bilevel(gray):
        return False
    if float(((gray <= 8) | (gray >= 247)).mean()) < RESAMPLED_PURE:
        return False
    mid = (gray > 32) & (gray < 223)
    total = int(mid.sum())
    if total == 0:
        return False
    reach = np.ones((2 * EDGE_PX + 1, 2 * EDGE_PX + 1), np.uint8)
    dark = cv2.dilate((gray <= 64).astype(np.uint8), reach) > 0
    light = cv2.dilate((gray >= 192).astype(np.uint8), reach) > 0
    return bool(int((mid & dark & light).sum()) >= RESAMPLED_EDGE * total)


def two_tone(gray: Gray) -> Gray | None:
    """``gray`` as the 1-bit page it is (a resampled one thresholded back at mid-grey), or
    None when it is no 1-bit page."""
    if is_bilevel(gray):
        return gray
    if is_resampled_bilevel(gray):
        return np.where(gray < 128, 0, 255).astype(np.uint8)
    return None


def _odd(v: float) -> int:
    return max(3, round(v) | 1)


def fields(gray: Gray, dpi: int) -> tuple[Gray, list[BBox]]:
    """``gray`` with the dots of its even dithered tint fields made white (a resampled 1-bit
    page thresholded back to 1 bit first), and the fields' boxes; ``gray`` itself (and no
    box) when the page is not 1-bit or has no such field."""
    page = two_tone(gray)
    if page is None:
        return gray, []
    ink = (page < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return gray, []
    dot = max(2, round(dpi * SPECK_IN))
    speck = np.zeros(n, bool)
    speck[1:] = (np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) <= dot) & (
        stats[1:, cv2.CC_STAT_AREA] <= dot * dot * 0.75
    )
    dots = speck[labels].astype(np.uint8)
    solid = ink * (1 - dots)
    k = _odd(dot * 2.5)
    closed = cv2.morphologyEx(dots, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # the letters on the field are holes in the closed dots: fill them with the solid ink
    grown = np.asarray(cv2.dilate(solid, np.ones((3, 3), np.uint8)), np.uint8)
    closed = np.maximum(closed, grown & np.asarray(cv2.dilate(closed, np.ones((k, k), np.uint8)), np.uint8))
    m, lab2, st2, _ = cv2.connectedComponentsWithStats(closed.astype(np.uint8), connectivity=8)
    side = max(8, round(dpi * FIELD_IN))
    win = _odd(dot * 5)
    density = cv2.blur(dots.astype(np.float32), (win, win))
    near_solid = cv2.dilate(solid, np.ones((win, win), np.uint8)) > 0
    out = page.copy()
    found: list[BBox] = []
    for j in range(1, m):
        x, y, w, h, area = (int(v) for v in st2[j])
        if w < side or h < side:
            continue
        member = lab2[y : y + h, x : x + w] == j
        if area < FILL * w * h and area < FILL * _turned_area(member):
            continue
        inner = cv2.erode(member.astype(np.uint8), np.ones((win, win), np.uint8)) > 0
        hull = _hull_core(member, win)  # what its convex outline, filled, keeps
        if hull and _filled_core(member, win) < SOLID * hull:
            continue  # not a block: a word's shape (outlined or bold letters drawn in dots)
        probe = inner & ~near_solid[y : y + h, x : x + w]
        if int(probe.sum()) < win * win:
            continue  # too little bare field to judge: left as it is
        d = density[y : y + h, x : x + w][probe]
        lo, hi = (float(v) for v in np.percentile(d, (10, 90)))
        if hi - lo > EVEN or hi <= 0.02 or float(np.median(d)) > DARKEST:
            continue  # uneven (letters drawn in dots), barely any dots, or too dark: left as it is
        erase = member & (dots[y : y + h, x : x + w] > 0)
        sub = out[y : y + h, x : x + w]
        sub[erase] = 255
        found.append(BBox(x, y, x + w, y + h))
    if not found:
        return gray, []
    return out, found


def _filled_core(member: NDArray[np.bool_], win: int) -> int:
    """Pixels left of ``member`` with its holes filled (the paper around a label's letters)
    after an erosion by ``win``."""
    contours, _ = cv2.findContours(member.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros(member.shape, np.uint8)
    cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
    return int((cv2.erode(filled, np.ones((win, win), np.uint8)) > 0).sum())


def _hull_core(member: NDArray[np.bool_], win: int) -> int:
    """Pixels left of ``member``'s convex hull, filled, after an erosion by ``win``."""
    contours, _ = cv2.findContours(member.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 0
    filled = np.zeros(member.shape, np.uint8)
    cv2.fillPoly(filled, [cv2.convexHull(np.concatenate(contours))], 1)
    return int((cv2.erode(filled, np.ones((win, win), np.uint8)) > 0).sum())


def _turned_area(member: NDArray[np.bool_]) -> float:
    """The area of the smallest rectangle, turned to any angle, around ``member``'s pixels."""
    contours, _ = cv2.findContours(member.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return 0.0
    (_, _), (rw, rh), _ = cv2.minAreaRect(np.concatenate(contours))
    return float(rw * rh)


def descreened(img: Image.Image, dpi: int) -> tuple[Image.Image, Gray, list[BBox]]:
    """``img`` with its dithered tint fields made paper (grey, a 1-bit page has no colour to
    lose), its grey array, and the fields' boxes; ``img`` itself when it has none."""
    from sandbox.imaging import gray

    arr = np.asarray(gray(img), dtype=np.uint8)
    out, found = _remembered_fields(arr, dpi)
    if not found:
        return img, arr, []
    return Image.fromarray(out), out, found


FIELDS_KEPT = 2  # pages whose tint fields are remembered per process: a page's own and its burned copy's
_fields: OrderedDict[tuple[object, ...], tuple[Gray, list[BBox]]] = OrderedDict()


def _remembered_fields(arr: Gray, dpi: int) -> tuple[Gray, list[BBox]]:
    """``fields(arr, dpi)``, remembered for the last ``FIELDS_KEPT`` pages by a digest of their
    pixels (redaction asks for a page's fields once for its codes and once for its views);
    each call gets its own copies, and a page without fields its own ``arr`` back."""
    key = (hashlib.blake2b(np.ascontiguousarray(arr).tobytes(), digest_size=16).digest(), arr.shape, dpi)
    if key in _fields:
        _fields.move_to_end(key)
    else:
        out, found = fields(arr, dpi)
        _fields[key] = (out.copy() if found else out[:0], list(found))
        while len(_fields) > FIELDS_KEPT:
            _fields.popitem(last=False)
    out, found = _fields[key]
    if not found:
        return arr, []
    return out.copy(), list(found)
