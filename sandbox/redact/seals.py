"""Round seals (印章, 公章): the ring and the type set along it, read by unwrapping the ring.

Nearly every official Chinese document carries a round seal in red (or blue) over its
signature block.  Its name runs along the ring, each character at its own angle, so no level
or turned view reads it, and the page was refused for "ink no reading could read".  Here:

1. **Find** rings: circles 0.3–1.3 in across (``cv2.HoughCircles`` on the ink), kept when the
   ink covers ``RING_COVER`` of the circle in one colour that is a colour (chroma
   ``MIN_CHROMA``: a black ring cannot be told from the print under it, so it is left alone).
2. **Unwrap** the ring's band (``INNER``–1.06 of its radius) in that colour only into a straight
   strip (``cv2.warpPolar``), the outside up, twice over (so a name across the strip's seam is
   read whole), and read it both ways up (names along the top run clockwise, numbers along
   the bottom counter-clockwise).
3. **Map back** every word to the page: its stretch of angle and radius, the box of that sector.
4. **Account**: the ring itself, and the seal-coloured ink of every sector a character was
   read in confidently, leave the ink that must be explained; everything else (a character
   not read, anything inside the band's inner edge, all ink of other colours, the print under
   the seal) stays and is read or called unread as before.

Pure NumPy/OpenCV; the OCR call is passed in.  Nothing here sees or logs text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.geometry import union
from sandbox.models import BBox, Line, Page, PageSource, Word

Gray = NDArray[np.uint8]
OcrFn = Callable[[Image.Image], Page]

RADIUS_IN = (0.3, 1.3)  # inches: the radius of a seal's ring
HOUGH_DPI = 75  # resolution circles are looked for at
RING_COVER = 0.8  # share of the circle the ring's ink covers
MIN_CHROMA = 20.0  # Lab chroma of the ring's ink: a coloured seal
SAME_INK = 30.0  # ΔE (Lab) of a pixel from the ring's colour for it to be the seal's ink
INNER = 0.45  # of the radius: the band read for type along the ring starts here
TEXT_PX = 44.0  # px: height of the type in the unwrapped strip
TINT = 0.35  # of the seal's chroma: a pixel of its hue this strong or more is its ink (edges are pale)
HALO_L = 150  # OpenCV Lab lightness (of 255): a halo pixel is at least this light (black print is not)
RULE_ROW = 0.5  # share of a strip's row in ink for it to be the ring's
FRINGE_ROW = 0.05  # ... and of the rows beside it, for them to be its fringe
EDGE = 3  # px: a character's or the ring's smeared edge beyond its measured stretch
CONFIDENT = 0.75  # a character read at least this sure accounts for its sector's seal ink
# the emblem at a seal's centre (the five-pointed star of a 公章): one solid component of its
# colour, near the centre, this share of the radius across or more and filling this share of
# its box or more (a character is thin strokes: 口 fills under a quarter of its box)
EMBLEM_NEAR = 0.3
EMBLEM_SIZE = 0.25
EMBLEM_FILL = 0.35
EMBLEM_CUT = 0.05  # of the radius: the widest stroke of print that may cut a piece off the emblem
EMBLEM_PIECE = 4  # such a piece is at most this many times smaller than the emblem


@dataclass(frozen=True, slots=True)
class Seal:
    """A ring found on the page, in page pixels; ``colour`` its ink in Lab (OpenCV's 8-bit)."""

    cx: float
    cy: float
    radius: float
    width: float  # the ring's stroke
    colour: tuple[float, float, float]

    @property
    def box(self) -> BBox:
        r = self.radius + self.width
        return BBox(int(self.cx - r), int(self.cy - r), math.ceil(self.cx + r), math.ceil(self.cy + r))


def _ring_cover(ink: Gray, cx: float, cy: float, r: float, width: float) -> float:
    """Share of 360 directions in which ink lies within ``width`` of radius ``r``."""
    h, w = ink.shape
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    hit = np.zeros(360, bool)
    for dr in np.arange(-width, width + 0.5, 1.0):
        xs = np.clip(np.round(cx + (r + dr) * np.cos(angles)).astype(int), 0, w - 1)
        ys = np.clip(np.round(cy + (r + dr) * np.sin(angles)).astype(int), 0, h - 1)
        hit |= ink[ys, xs] > 0
    return float(hit.mean())


def find(rgb: NDArray[np.uint8], ink: Gray, dpi: int) -> list[Seal]:
    """The coloured rings of round seals on the page (``rgb``, its 0/1 ``ink`` mask)."""
    lo, hi = (max(8, round(dpi * v)) for v in RADIUS_IN)
    if min(ink.shape) < 2 * lo:
        return []
    f = max(1, dpi // HOUGH_DPI)  # circles are found at HOUGH_DPI, measured at the page's own
    small = cv2.resize(
        (ink * 255).astype(np.uint8), (ink.shape[1] // f, ink.shape[0] // f), interpolation=cv2.INTER_AREA
    )
    soft = cv2.GaussianBlur(small, (0, 0), 1.0)
    found = cv2.HoughCircles(
        soft, cv2.HOUGH_GRADIENT, dp=1, minDist=lo // f, param1=120, param2=40, minRadius=lo // f, maxRadius=hi // f
    )
    if found is None:
        return []
    out: list[Seal] = []
    for cx, cy, r in (c * f for c in found[0][:12]):
        width = max(2.0, dpi * 0.012)
        radii = np.linspace(r * 0.95, r * 1.05, 21)
        covers = np.array([_ring_cover(ink, cx, cy, rr, width) for rr in radii])
        if float(covers.max()) < RING_COVER:
            continue
        # the middle of the radii that cover most: the ring's own line, not its pale inner rim
        # (a circle found a little small touches the ring there, and its colour is the paper's)
        best = float(np.median(radii[covers >= covers.max() - 0.02]))
        colour = _ring_colour(rgb, ink, cx, cy, best)
        if colour is None or math.hypot(colour[1] - 128, colour[2] - 128) < MIN_CHROMA:
            continue
        if any(math.hypot(cx - s.cx, cy - s.cy) < s.radius * 0.5 for s in out):
            continue
        out.append(Seal(float(cx), float(cy), float(best), float(width), colour))
    return out


def _ring_colour(
    rgb: NDArray[np.uint8], ink: Gray, cx: float, cy: float, r: float
) -> tuple[float, float, float] | None:
    """The median Lab colour (OpenCV's 8-bit) of the ink on the circle, None with too little."""
    h, w = ink.shape
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    xs = np.clip(np.round(cx + r * np.cos(angles)).astype(int), 0, w - 1)
    ys = np.clip(np.round(cy + r * np.sin(angles)).astype(int), 0, h - 1)
    on = ink[ys, xs] > 0
    if int(on.sum()) < 100:
        return None
    pixels = np.ascontiguousarray(rgb[ys[on], xs[on]].reshape(-1, 1, 3), dtype=np.uint8)
    med = np.median(cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32), axis=0)
    return float(med[0]), float(med[1]), float(med[2])


def _layer(crop: NDArray[np.float32], on: Gray, seal: Seal) -> Gray:
    """0/1: the seal's own ink (its colour) in its box (``crop``: its Lab, ``on``: its ink)."""
    d = crop - np.asarray(seal.colour, np.float32)
    d[..., 0] *= 0.5  # lightness little: a stroke's antialiased edge is its colour, lighter
    near = np.sqrt((d * d).sum(axis=2)) < SAME_INK
    return np.asarray(near & (on > 0), dtype=np.uint8)


def _tinted(crop: NDArray[np.float32], ink_on: Gray, seal: Seal) -> Gray:
    """0/1: ink in the seal's box of the seal's hue, however pale (a stroke's antialiased or
    JPEG-smeared edge): its chroma along the seal's at least ``TINT`` of the seal's; black and
    grey print has none; and the light halo beside such ink."""
    hue = np.asarray([seal.colour[1] - 128.0, seal.colour[2] - 128.0], np.float32)
    strength = float(np.hypot(*hue))
    along = ((crop[..., 1] - 128.0) * hue[0] + (crop[..., 2] - 128.0) * hue[1]) / max(strength, 1.0)
    on = ink_on > 0
    tint = (along >= TINT * strength).astype(np.uint8)
    # and the pale halo JPEG and antialiasing leave around its strokes: light, within 2 px of them
    near = cv2.dilate(tint, np.ones((5, 5), np.uint8)) > 0
    halo = near & (crop[..., 0] >= HALO_L)
    return np.asarray(on & ((tint > 0) | halo), dtype=np.uint8)


def _ring_band(layer: Gray, cx: float, cy: float, radius: float) -> tuple[float, float]:
    """The inner and outer radius of the ring's stroke: the radii around ``radius`` at which
    the seal's ink covers half of the circle or more."""
    h, w = layer.shape
    angles = np.linspace(0, 2 * np.pi, 360, endpoint=False)
    reach = max(3, int(radius * 0.15))

    def cover(r: float) -> float:
        xs = np.clip(np.round(cx + r * np.cos(angles)).astype(int), 0, w - 1)
        ys = np.clip(np.round(cy + r * np.sin(angles)).astype(int), 0, h - 1)
        return float((layer[ys, xs] > 0).mean())

    lo = hi = 0
    while lo > -reach and cover(radius + lo - 1) >= 0.5:
        lo -= 1
    while hi < reach and cover(radius + hi + 1) >= 0.5:
        hi += 1
    return radius + lo, radius + hi


def _sector_box(seal: Seal, a0: float, a1: float, r0: float, r1: float) -> BBox:
    angles = np.linspace(a0, a1, 9)
    pts = [(seal.cx + rr * math.cos(a), seal.cy + rr * math.sin(a)) for a in angles for rr in (r0, r1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return BBox(int(min(xs)), int(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


@dataclass(frozen=True, slots=True)
class Reading:
    """What one seal gave: its words (page boxes) and the seal ink they and its ring account for."""

    words: tuple[Word, ...]
    accounted: Gray  # 0/1 in the seal's box
    box: BBox


def read(rgb: NDArray[np.uint8], ink: Gray, seal: Seal, ocr: OcrFn, more: Sequence[OcrFn] = ()) -> Reading:
    """The type along ``seal``'s ring, read in its colour unwrapped, both ways up, by ``ocr``
    and by each of ``more`` (PP-OCR reads a ring's Chinese where Tesseract misses a character);
    a glyph any of them reads confidently is accounted for."""
    b = seal.box
    ox, oy = max(0, b.x0), max(0, b.y0)
    lab = cv2.cvtColor(np.ascontiguousarray(rgb[oy : b.y1, ox : b.x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
    on = ink[oy : b.y1, ox : b.x1]
    layer = _layer(lab, on, seal)
    cx, cy = seal.cx - ox, seal.cy - oy
    outer = seal.radius + seal.width
    inner = seal.radius * INNER
    band = outer - inner
    # the type's height is about a third of the band: scale it to TEXT_PX
    scale = float(min(4.0, max(0.5, TEXT_PX / max(band / 3.0, 1.0))))
    n_angles = max(360, int(2 * math.pi * seal.radius * scale * 0.8))
    n_radii = max(16, int(outer * scale))
    tinted = _tinted(lab, on, seal)  # its hue however pale: whole strokes, as a reader sees them
    paper = np.where(tinted > 0, 0, 255).astype(np.uint8)
    polar = cv2.warpPolar(paper, (n_radii, n_angles), (cx, cy), outer, cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR)
    # rows: angle 0..2π clockwise from +x; columns: radius 0..outer.  Keep the band, outside up.
    c0 = int(n_radii * inner / outer)
    strip: Gray = np.ascontiguousarray(polar[:, c0:].T[::-1], dtype=np.uint8)  # rows: radius outer→inner
    _blank_ring(strip)
    shift = _seam(strip)  # the strip starts in the widest gap (a name never runs across its ends)
    strip = np.ascontiguousarray(np.roll(strip, -shift, axis=1), dtype=np.uint8)
    rows = strip.shape[0]
    cells = _cells(strip)
    packed, spots = _packed(strip, cells)
    words: list[Word] = []
    accounted = np.zeros_like(layer)
    yy, xx = np.mgrid[0 : layer.shape[0], 0 : layer.shape[1]]
    ang = (np.arctan2(yy - cy, xx - cx)) % (2 * math.pi)
    rad = np.hypot(yy - cy, xx - cx)
    ring_in, ring_out = _ring_band(layer, cx, cy, seal.radius)
    fringe = max(EDGE, (ring_out - ring_in) / 2)  # a soft scan spreads the stroke
    accounted[(rad >= ring_in - fringe) & (rad <= ring_out + fringe) & (tinted > 0)] = 1
    accounted[_emblem(tinted, rad <= inner, (cx, cy), seal.radius)] = 1

    def sector(x0: float, x1: float, y0: float, y1: float) -> tuple[float, float, float, float]:
        r1 = outer - (outer - inner) * max(0.0, y0) / rows
        r0 = outer - (outer - inner) * min(float(rows), y1) / rows
        mid = max((r0 + r1) / 2, 1.0)
        a0, a1 = 2 * math.pi * (x0 + shift) / n_angles, 2 * math.pi * (x1 + shift) / n_angles
        return a0 - EDGE / mid, a1 + EDGE / mid, r0, r1

    for reader, flipped in itertools.product((ocr, *more), (False, True)):
        image = packed[::-1, ::-1] if flipped else packed
        page = reader(Image.fromarray(np.ascontiguousarray(image)))
        for word in page.words:
            x0, x1 = word.bbox.x0, word.bbox.x1
            if flipped:
                x0, x1 = packed.shape[1] - x1, packed.shape[1] - x0
            # the engine's boxes for CJK drift by up to half a character: a word is the glyph
            # cells whose middle lies within it, widened by a third of the line's height
            reach = rows / 6
            mine = [c for c, (p0, p1) in zip(cells, spots, strict=True) if x0 - reach <= (p0 + p1) / 2 <= x1 + reach]
            if not mine:
                continue
            a0, a1, r0, r1 = sector(min(c[0] for c in mine), max(c[1] for c in mine),
                                    min(c[2] for c in mine), max(c[3] for c in mine))  # fmt: skip
            words.append(Word(word.text, _sector_box(seal, a0, a1, r0, r1), word.conf))
            if word.conf < CONFIDENT or not any(ch.isalnum() for ch in word.text):
                continue
            for c in mine:  # the seal's ink of every glyph the word was read from
                a0, a1, r0, r1 = sector(*c)
                lo, hi = a0 % (2 * math.pi), a1 % (2 * math.pi)
                inside = (ang >= lo) & (ang <= hi) if lo <= hi else (ang >= lo) | (ang <= hi)
                accounted[inside & (rad >= r0 - EDGE) & (rad <= r1 + EDGE) & (tinted > 0)] = 1
    return Reading(tuple(words), accounted, BBox(ox, oy, ox + layer.shape[1], oy + layer.shape[0]))


def _emblem(tinted: Gray, centre: NDArray[np.bool_], at: tuple[float, float], radius: float) -> NDArray[np.bool_]:
    """The seal's emblem: the components of its ink inside the central disc (``centre``) that
    are solid (``EMBLEM_FILL`` of their box), ``EMBLEM_SIZE`` of the radius across or more, and
    centred within ``EMBLEM_NEAR`` of the radius from the seal's centre, with the small pieces
    (``EMBLEM_PIECE``) within ``EMBLEM_CUT`` of the radius of it that print crossing it cut
    off.  Strokes of type fill far less of their box, so no character passes."""
    mask = ((tinted > 0) & centre).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = np.zeros(mask.shape, bool)
    for k in range(1, count):
        w, h, area = stats[k, cv2.CC_STAT_WIDTH], stats[k, cv2.CC_STAT_HEIGHT], stats[k, cv2.CC_STAT_AREA]
        near = math.hypot(centroids[k][0] - at[0], centroids[k][1] - at[1]) <= EMBLEM_NEAR * radius
        if near and max(w, h) >= EMBLEM_SIZE * radius and area >= EMBLEM_FILL * w * h:
            out |= labels == k
    if out.any():  # pieces print crossing it cut off (a star's tip under the signature line) are its own
        reach = max(3, round(EMBLEM_CUT * radius))
        grown = cv2.dilate(out.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
        emblem_area = int(out.sum())
        for k in np.unique(labels[grown & (mask > 0) & ~out]):
            if k and int(stats[k, cv2.CC_STAT_AREA]) * EMBLEM_PIECE <= emblem_area:
                out |= labels == k
    return out


def _blank_ring(strip: Gray) -> None:
    """Blank, in place, the ring's rows (and an inner ring's): the rows from either edge of the
    strip that hold ink across ``RULE_ROW`` of it or more, with their faint fringe, one long
    rule that would join every glyph into one and blind the page layout."""
    cover = (strip < 128).mean(axis=1)
    ruled = np.flatnonzero(cover >= RULE_ROW)
    top = [int(r) for r in ruled if r < strip.shape[0] // 3]
    bottom = [int(r) for r in ruled if r >= strip.shape[0] * 2 // 3]
    if top:
        end = max(top)
        while end + 1 < strip.shape[0] and cover[end + 1] >= FRINGE_ROW:
            end += 1
        strip[: end + 1] = 255
    if bottom:
        start = min(bottom)
        while start - 1 >= 0 and cover[start - 1] >= FRINGE_ROW:
            start -= 1
        strip[start:] = 255


def _seam(strip: Gray) -> int:
    """The column in the middle of the widest run of columns without ink, the strip read as
    the circle it is (the run may wrap around its ends)."""
    empty: NDArray[np.bool_] = np.asarray(~(strip < 128).any(axis=0), dtype=bool)
    if empty.all() or not empty.any():
        return 0
    n = len(empty)
    start = int(np.flatnonzero(~empty)[0])  # begin at ink, so no run is cut by the ends
    best, best_at, run = 0, 0, 0
    for k in range(1, n + 1):
        i = (start + k) % n
        run = run + 1 if empty[i] else 0
        if run > best:
            best, best_at = run, i
    return (best_at - best // 2) % n


def _packed(strip: Gray, cells: Sequence[tuple[int, int, int, int]]) -> tuple[Gray, list[tuple[int, int]]]:
    """The strip's glyph cells set side by side a quarter of a line apart (a seal spaces its
    type wide, and a page layout reads wide-set glyphs as scattered specks), on a margin; and
    where each cell went (x0, x1 in the packed image)."""
    rows = strip.shape[0]
    gap, pad = max(4, rows // 4), max(12, rows // 3)
    width = sum(c[1] - c[0] for c in cells) + gap * max(0, len(cells) - 1) + 2 * pad
    out = np.full((rows + 2 * pad, max(width, 2 * pad + 1)), 255, np.uint8)
    spots = []
    x = pad
    for x0, x1, _, _ in cells:
        out[pad : pad + rows, x : x + x1 - x0] = strip[:, x0:x1]
        spots.append((x, x + x1 - x0))
        x += x1 - x0 + gap
    return out, spots


def _cells(strip: Gray) -> list[tuple[int, int, int, int]]:
    """The glyph cells of an unwrapped strip (ink black on white, the ring's rows blanked):
    (x0, x1, y0, y1) of each run of columns holding ink, runs closer than a twelfth of the
    strip's height joined (a character's parts, 川 or 北)."""
    ink = strip < 128
    if not ink.any():
        return []
    cols = ink.any(axis=0)
    xs = np.flatnonzero(cols)
    if len(xs) == 0:
        return []
    join = max(2, strip.shape[0] // 12)
    runs: list[list[int]] = [[int(xs[0]), int(xs[0])]]
    for x in xs[1:]:
        if x - runs[-1][1] <= join:
            runs[-1][1] = int(x)
        else:
            runs.append([int(x), int(x)])
    out = []
    for x0, x1 in runs:
        ys = np.flatnonzero(ink[:, x0 : x1 + 1].any(axis=1))
        out.append((x0, x1 + 1, int(ys[0]), int(ys[-1]) + 1))
    return out


def account(text_ink: Gray, readings: Sequence[Reading]) -> Gray:
    """``text_ink`` without the seal ink the readings account for."""
    out = text_ink.copy()
    for r in readings:
        b = r.box
        sub = out[b.y0 : b.y1, b.x0 : b.x1]
        sub[r.accounted[: sub.shape[0], : sub.shape[1]] > 0] = 0
    return out


def page(readings: Sequence[Reading], index: int, width: int, height: int, dpi: int, lang: str) -> Page:
    """The words read along the seals, one line per seal, as a page of page coordinates (for
    the rules to search: a listed name in a seal is burned like any other)."""
    lines = tuple(Line(r.words, union(w.bbox for w in r.words), n, 0) for n, r in enumerate(readings) if r.words)
    return Page(index, width, height, dpi, PageSource.OCR, lines, lang, engine="tesseract")
