"""Ink in colour: whatever differs from its local background, as a person sees it.

The grey page hides ink whose colour differs from its background but whose lightness does
not (red on green, blue on dark red, isoluminant pairs); the darkest channel hides it too.
Here every pixel is compared with an estimate of its local background in CIE Lab:

* **Background.**  The per-channel median of Lab over a window several strokes wide,
  computed on a page shrunk by ``SHRINK`` (fast) and scaled back.  Text covers less than half
  of such a window, so the median is the paper, band or box the text sits on.
* **Ink.**  A pixel at least ``DELTA_E`` (CIE76 ΔE) from its background is ink, darker,
  lighter or only of another hue.
* **Screens.**  Specks too small to be glyphs (a dot screen, dot-matrix print, a dithered
  grey) are closed into strokes when they lie densely together; a lone speck stays a speck.
* **Grainy paper.**  A photocopy's or a grainy scan's paper varies pixel by pixel (±10 grey
  levels and more); against its brightest near pixel a quarter of it would be ink.  When the
  page's pixel noise (:func:`paper_noise`) is at least ``NOISY``, ink is measured on the page
  softened by a one-pixel blur (:func:`soften`: the noise falls to a quarter, a stroke keeps
  its darkness), and a pixel of the page as it is counts too when it is darker than its paper
  by ``NOISE_K`` times the noise (:func:`dark_beyond_noise`): thin strokes the blur would thin
  out are kept, the paper's own grain is not.
* **Grain on dark fills.**  Against a dark background the same grain is a larger share of the
  background: a photograph's flat hill or lake.  On such a background (``DARK_FILL``), where
  ink is sparse, a pixel stays ink only when some rule finds it beyond ``GRAIN_K`` times the
  local noise (:func:`local_noise`, :func:`beyond_grain`, :func:`without_grain`); solid ink
  (a band) stays whole.  Paper, pale tints and clean renders are unchanged.
* **Dark blocks.**  A box that looks solid (near-opaque bar over text) is contrast-stretched:
  what its interior hides becomes dark on white (:func:`stretched`).
* **Coloured blocks.**  A solid block of ink (a colour band, reverse video, a band printed as a
  dot screen, where every dot differs from the average) is looked into (:func:`open_block`):
  the block is descreened (blurred just enough for its own colour to become flat) and every
  pixel measured against the block's own local colour, so blue type on a dark-red band is
  ink and the band is not.  The block's pixels are replaced by what is drawn on it.

The result is a 0/1 mask: the views build their black-on-white tiles from it, so text of any
colour on any background reaches Tesseract as black on white.  Pure NumPy/OpenCV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.imaging import channel_max
from sandbox.models import BBox

DELTA_E = 11.0  # CIE76 distance from the local background that makes a pixel ink
SHRINK = 4  # the background is estimated on a page this many times smaller
SPECK_CLOSE_IN = 1 / 60  # inches: specks closer than this merge into strokes (dot screens)
STRETCH_FLAT = 70  # a dark block whose interior spans at most this many grey levels looks solid
STRETCH_MIN = 6  # ... and at least this many: something is drawn inside it
STRETCH_DARK = 110  # a block darker than this (median grey) hides text only a stretch shows

NOISY = 4.0  # grey levels of pixel noise (robust sigma) from which the page is softened first
SOFTEN = 1.0  # px: Gaussian sigma of that softening (the noise is per pixel, whatever the DPI)
NOISE_K = 4.5  # a raw pixel this many noise sigmas darker than its paper is ink on a grainy page
GRAIN_BLOCK = 1 / 6  # inches: the squares the local noise is measured in
GRAIN_STEP = 3  # the noise is measured on every third pixel each way (a ninth of them: fast)
GRAIN_QUARTILE = 0.3186  # the lower quartile of a Gaussian's absolute deviation, in sigmas
DARK_FILL = 170  # grey: a background darker than this is a fill whose grain may pass for ink
GRAIN_CLOSE = 1 / 100  # inches: ink on a dark fill closed this far is solid where its grain clusters
GRAIN_K = 4.0  # local noise sigmas a pixel lies below its softened neighbourhood's brightest to be ink

Mask = NDArray[np.uint8]


def paper_noise(gray: NDArray[np.uint8]) -> float:
    """The page's pixel noise: the robust sigma (1.4826 × median absolute deviation) of the
    light pixels' difference from the page blurred by one pixel.  Clean scans and renders
    measure 0–3; a photocopy's grain 6–10."""
    g = gray.astype(np.float32)
    residual = (g - cv2.GaussianBlur(g, (0, 0), SOFTEN))[gray > 128]
    if residual.size == 0:
        return 0.0
    return float(np.median(np.abs(residual - np.median(residual))) * 1.4826)


def soften(arr: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """``arr`` (grey or RGB) blurred by ``SOFTEN`` pixels: per-pixel grain averaged out."""
    return np.asarray(cv2.GaussianBlur(arr, (0, 0), SOFTEN), dtype=np.uint8)


def soften_image(img: Image.Image) -> Image.Image:
    """A page softened as :func:`soften`: a grey page stays grey, any other becomes RGB."""
    mode = "L" if img.mode in ("L", "1", "I;16", "I") else "RGB"
    return Image.fromarray(soften(np.asarray(img.convert(mode), dtype=np.uint8)))


def dark_beyond_noise(gray: NDArray[np.uint8], noise: float, dpi: int) -> Mask:
    """1 where a pixel is darker than its local paper (the median of a sixth of an inch) by at
    least ``NOISE_K`` times the page's pixel noise."""
    paper = median_background(gray, dpi).astype(np.float32)
    return (gray.astype(np.float32) < paper - NOISE_K * noise).astype(np.uint8)


def local_noise(channel: NDArray[np.uint8], dpi: int) -> NDArray[np.float32]:
    """Per pixel, the grain of its neighbourhood: a robust sigma of the grey levels in each
    square ``GRAIN_BLOCK`` wide (the lower quartile of their distance from the square's median,
    over ``GRAIN_QUARTILE``: the spread within the paper, the fill or the ink that makes up most
    of the square, not the distance between them), the least of it and its eight neighbours,
    scaled back to the page.  Clean paper and flat renders measure 0; a photograph's fills and
    a grainy scan 3–10."""
    step = GRAIN_STEP
    side = max(4, round(dpi * GRAIN_BLOCK / step))  # measured on every third pixel each way
    h, w = channel.shape[:2]
    sample = channel[::step, ::step]
    rows, cols = -(-sample.shape[0] // side), -(-sample.shape[1] // side)
    pad = ((0, rows * side - sample.shape[0]), (0, cols * side - sample.shape[1]))
    padded = np.pad(sample, pad, mode="edge").astype(np.float32)
    squares = padded.reshape(rows, side, cols, side).transpose(0, 2, 1, 3).reshape(rows, cols, side * side)
    n = side * side
    mid = np.partition(squares, n // 2, axis=2)[:, :, n // 2]
    near = np.partition(np.abs(squares - mid[..., None]), n // 4, axis=2)[:, :, n // 4]
    sigma = (near / GRAIN_QUARTILE).astype(np.float32)
    least = cv2.erode(sigma, np.ones((3, 3), np.uint8))
    full = cv2.resize(least, (cols * side * step, rows * side * step), interpolation=cv2.INTER_LINEAR)
    return np.asarray(full[:h, :w], dtype=np.float32)


def beyond_grain(channel: NDArray[np.uint8], dpi: int, kernel: int) -> Mask:
    """1 where a pixel is darker than the brightest pixel of its neighbourhood (``kernel``
    square) on the page softened by :func:`soften` by at least ``GRAIN_K`` times the local
    noise (:func:`local_noise`): grain on a dark fill is not ink, a stroke is."""
    noise = local_noise(channel, dpi)
    if not noise.any():
        return np.ones(channel.shape[:2], np.uint8)
    brightest = cv2.dilate(soften(channel), np.ones((kernel, kernel), np.uint8)).astype(np.float32)
    return (channel.astype(np.float32) < brightest - GRAIN_K * noise).astype(np.uint8)


def odd(n: float) -> int:
    """``n`` rounded to an odd kernel size of at least 3."""
    return max(3, round(n) | 1)


def background_lab(lab: NDArray[np.uint8], dpi: int, inches: float = 1 / 6) -> NDArray[np.uint8]:
    """The local background of an OpenCV Lab page (8-bit), the median of a window ``inches``
    wide."""
    h, w = lab.shape[:2]
    sw, sh = max(1, w // SHRINK), max(1, h // SHRINK)
    small = cv2.resize(lab, (sw, sh), interpolation=cv2.INTER_AREA)
    med = cv2.medianBlur(small, odd(dpi * inches / SHRINK))
    return np.asarray(cv2.resize(med, (w, h), interpolation=cv2.INTER_LINEAR), dtype=np.uint8)


def median_background(channel: NDArray[np.uint8], dpi: int, inches: float = 1 / 6) -> NDArray[np.uint8]:
    """The local background of one 8-bit channel: the median of a window ``inches`` wide
    (text covers less than half of it; a band's own pixels near its edge are the band)."""
    h, w = channel.shape[:2]
    small = cv2.resize(channel, (max(1, w // SHRINK), max(1, h // SHRINK)), interpolation=cv2.INTER_AREA)
    med = cv2.medianBlur(small, odd(dpi * inches / SHRINK))
    return np.asarray(cv2.resize(med, (w, h), interpolation=cv2.INTER_LINEAR), dtype=np.uint8)


_WEIGHTS = np.array([[(100.0 / 255.0) ** 2, 1.0, 1.0]], np.float32)  # OpenCV's 8-bit L is L*·255/100


def distance(lab: NDArray[np.uint8], bg: NDArray[np.uint8]) -> NDArray[np.float32]:
    """Squared CIE76 distance per pixel between two OpenCV 8-bit Lab images."""
    d = cv2.absdiff(lab, bg).astype(np.float32)
    np.multiply(d, d, out=d)
    return np.asarray(cv2.transform(d, _WEIGHTS), dtype=np.float32).reshape(lab.shape[:2])


def colour_ink(img: Image.Image, dpi: int, exclude: Sequence[BBox] = (), grain: bool = True) -> tuple[Mask, Mask]:
    """(ink, beyond grain): 1 where a pixel differs from its local background by at least
    ``DELTA_E`` (any page mode; ``exclude`` boxes count as paper), and 1 where it also differs
    by ``GRAIN_K`` times the local noise of the three Lab channels (:func:`local_noise`);
    without ``grain`` (a page with no dark fill, where :func:`without_grain` drops nothing)
    the noise is not measured and the second mask is the first."""
    rgb = np.array(img.convert("RGB"), dtype=np.uint8)
    for b in exclude:
        rgb[max(0, b.y0) : max(0, b.y1), max(0, b.x0) : max(0, b.x1)] = 255
    lab = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB), dtype=np.uint8)
    bg = background_lab(lab, dpi)
    apart = distance(lab, bg)
    ink = apart >= DELTA_E * DELTA_E
    # inside large bold letters the near median is the ink itself: paper there (counters, the
    # gaps between strokes) is lighter than it; lighter pixels count only when they also
    # differ from the background of a window three times wider (reverse video does)
    lighter = ink & (lab[:, :, 0] > bg[:, :, 0])
    if lighter.any():
        wide = background_lab(lab, dpi, 1 / 2)
        ink &= ~lighter | (distance(lab, wide) >= DELTA_E * DELTA_E)
    if not grain:
        return ink.astype(np.uint8), ink.astype(np.uint8)
    noise = [local_noise(np.ascontiguousarray(lab[:, :, c]), dpi) for c in range(3)]
    spread = noise[0] * noise[0] * _WEIGHTS[0, 0] + noise[1] * noise[1] + noise[2] * noise[2]
    beyond = ink & (apart >= GRAIN_K * GRAIN_K * spread)
    return ink.astype(np.uint8), beyond.astype(np.uint8)


def dark_fills(gray: NDArray[np.uint8], dpi: int) -> NDArray[np.bool_]:
    """Where the local background (:func:`median_background`) is darker than ``DARK_FILL``:
    the only places :func:`without_grain` drops anything."""
    return np.asarray(median_background(gray, dpi) < DARK_FILL)


def without_grain(
    ink: Mask, beyond: Mask, dark: NDArray[np.bool_], dpi: int, rgb: NDArray[np.uint8] | None = None
) -> Mask:
    """``ink`` less its grain: pixels no rule found beyond the local noise (``beyond`` 0), where
    the ink is sparse (the plain neighbours of a speck beyond it are not kept: correlated grain
    would grow into blobs, a third of a photograph's dark hill).  Where
    it is solid (``DENSE`` of a twelfth of an inch: a band, a bar, a block of reverse video)
    it stays whole, for :func:`open_blocks` to look into.  Only on dark backgrounds (``dark``:
    :func:`dark_fills`): on paper and pale tints the rules' own margins lie far beyond any
    grain, and their edges stay as they were.

    Grain on a dark fill can also cluster: a relative threshold makes a third to a half of a
    grainy band's pixels ink, in blotches dense in places and sparse between, which neither
    rule takes away (a report's heading band was refused for them).  Given the page
    (``rgb``), ink closed over ``GRAIN_CLOSE`` that is solid over a block at least
    ``BLOCK_MIN`` large is such a fill: there the ink is what the page blurred shows drawn on
    it (:func:`descreened_ink`, at the finest ``DESCREEN`` blur that leaves no specks and at
    most ``BLOCK_BUSY`` of it drawn), its print of any colour whole and its grain gone.  A
    block no blur makes flat keeps the ink found (and fails closed)."""
    grain = (ink > 0) & (beyond == 0) & dark
    if not grain.any():
        return ink
    k = odd(dpi / 12)
    solid = cv2.blur(np.asarray(ink * 255, dtype=np.uint8), (k, k)) >= DENSE * 255
    out = np.asarray((ink > 0) & ~(grain & ~solid), dtype=np.uint8)
    if rgb is None:
        return out
    c = odd(dpi * GRAIN_CLOSE)
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (c, c)))
    dense = (dark & (cv2.blur(np.asarray(closed * 255, dtype=np.uint8), (k, k)) >= DENSE * 255)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dense, connectivity=8)
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i, :4])
        if h >= dpi * BLOCK_MIN[0] and w >= dpi * BLOCK_MIN[1]:
            _see_through(out, ink, labels == i, rgb, dpi, BBox(x, y, x + w, y + h))
    return out


def _see_through(out: Mask, ink: Mask, block: NDArray[np.bool_], rgb: NDArray[np.uint8], dpi: int, box: BBox) -> None:
    """Set ``out`` over ``block`` (a fill of clustered grain, ``box`` around it) to what the page
    blurred shows drawn there (:func:`without_grain`), or back to ``ink`` when no blur makes it
    flat."""
    m = round(dpi / 4)  # the background's window and the widest blur's reach around the block
    h, w = block.shape
    ay, ax, by, bx = max(0, box.y0 - m), max(0, box.x0 - m), min(h, box.y1 + m), min(w, box.x1 + m)
    mine = block[ay:by, ax:bx]
    for inches in DESCREEN:
        drawn, _ = descreened_ink(np.ascontiguousarray(rgb[ay:by, ax:bx]), dpi, inches)
        if _specks(drawn * mine, dpi) <= BLOCK_SPECKS * int(mine.sum()) and float(drawn[mine].mean()) <= BLOCK_BUSY:
            out[ay:by, ax:bx][mine] = drawn[mine]
            return
    out[ay:by, ax:bx][mine] = ink[ay:by, ax:bx][mine]


def close_screens(ink: Mask, dpi: int) -> Mask:
    """``ink`` with dense specks (too small to be glyphs) closed into strokes."""
    min_side = max(5, round(dpi * 0.018))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return ink
    small = np.zeros(n, bool)
    small[1:] = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) < min_side
    if not small[1:].any():
        return ink
    specks = small[labels].astype(np.uint8)
    k = odd(dpi * SPECK_CLOSE_IN)
    closed = cv2.morphologyEx(specks, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # a lone speck closes onto itself; only merged specks (larger than any one) add strokes
    m, lab2, st2, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    merged = np.zeros(m, bool)
    merged[1:] = np.maximum(st2[1:, cv2.CC_STAT_WIDTH], st2[1:, cv2.CC_STAT_HEIGHT]) >= min_side
    return np.asarray(np.maximum(ink, merged[lab2].astype(np.uint8)), dtype=np.uint8)


BLOCK_MIN = (1 / 10, 1 / 4)  # inches: (height, width) of the smallest solid or screened block opened
DENSE = 0.85  # share of ink in a twelfth of an inch square where the masks above see a solid block
DESCREEN = (1 / 150, 1 / 75, 1 / 50, 1 / 35)  # inches: blur radii (Gaussian sigma) tried, finest first
BLOCK_SPECKS = 0.01  # ... or more than this share of it in specks (a screen's dots left by too fine a blur)
BLOCK_EMPTY = 0.002  # a block with less than this share drawn on it stays a block (a bar)
BLOCK_BUSY = 0.25  # a descreened block with more ink than this is still noise (or a picture)


def descreened_ink(rgb: NDArray[np.uint8], dpi: int, sigma_in: float) -> tuple[Mask, NDArray[np.float32]]:
    """(ink 0/1, ΔE from the local background) of the page blurred by ``sigma_in`` inches: a
    dot screen's or a dither's dots average into the colour they print, so a screened band is
    flat and the type on it stands apart.  A pixel is ink at ``DELTA_E`` from its background
    and at half the strongest such distance near it (a blurred stroke keeps its width)."""
    soft = cv2.GaussianBlur(rgb, (0, 0), max(0.5, dpi * sigma_in))
    lab = np.asarray(cv2.cvtColor(soft, cv2.COLOR_RGB2LAB), dtype=np.uint8)
    dist = np.sqrt(distance(lab, background_lab(lab, dpi)))
    k = odd(dpi / 12)
    near = cv2.dilate(dist, np.ones((k, k), np.uint8))
    return ((dist >= DELTA_E) & (dist >= 0.5 * near)).astype(np.uint8), dist


SCREEN_DEV = 20  # levels (any channel) from the page blurred by a 200th of an inch: a screen's or dither's pixel
SCREEN_SHARE = 0.75  # share of such pixels in a twelfth of an inch square: a screened or dithered area
# (measured: clean print at most 0.55, even where two lines cross; screens and dithers 0.94–1)


def screened(rgb: NDArray[np.uint8], dpi: int) -> Mask:
    """1 where the page is a dot screen or a dither (most pixels far, in some channel, from their
    own blurred colour; text on paper differs from it only along its strokes' edges)."""
    soft = cv2.GaussianBlur(rgb, (0, 0), max(0.5, dpi / 200))
    far = (channel_max(cv2.absdiff(rgb, soft)) >= SCREEN_DEV).astype(np.float32)
    k = odd(dpi / 12)
    return np.asarray(cv2.boxFilter(far, -1, (k, k)) >= SCREEN_SHARE, dtype=np.uint8)


def has_colour(img: Image.Image, share: float = 0.001) -> bool:
    """Whether a page has coloured pixels: over ``share`` of a 256-px thumbnail's pixels differ by
    more than 40 levels between their strongest and weakest channel (a grey scan saved as RGB has none)."""
    if img.mode not in ("RGB", "RGBA", "P"):
        return False
    small = img.convert("RGB")
    small.thumbnail((256, 256))
    px = np.asarray(small, dtype=np.int16)
    return bool(((px.max(axis=2) - px.min(axis=2)) > 40).mean() > share)


TEXTURED = 0.5  # share of a grey block's pixels far from its blur that makes it a screen, not a solid band


def _textured(gray: NDArray[np.uint8], dpi: int) -> bool:
    """Whether a grey block is a coarse screen's dots closed together (most pixels far from
    their blur a 75th of an inch wide), not a solid band with text on it (far only at edges)."""
    soft = cv2.GaussianBlur(gray, (0, 0), max(0.5, dpi / 75))
    return float((cv2.absdiff(gray, soft) >= SCREEN_DEV).mean()) >= TEXTURED


def _specks(mask: Mask, dpi: int) -> int:
    """Pixels of ``mask`` in components too small to be glyphs (a screen's dots the blur left)."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(mask, dtype=np.uint8), connectivity=8)
    if n <= 1:
        return 0
    small = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) < max(5, round(dpi * 0.018))
    return int(stats[1:, cv2.CC_STAT_AREA][small].sum())


def open_blocks(ink: Mask, img: Image.Image, dpi: int) -> Mask:
    """``ink`` where it is not solid; where it is (a colour band, a band printed as a dot screen
    or dithered, where every dot differs from the average, reverse video), what the descreened
    page shows drawn there (:func:`descreened_ink`): blue type on a dark-red screened band is
    ink and the band is not.  The finest blur that leaves the solid areas less than
    ``BLOCK_BUSY`` ink is used; solid areas that stay busy at every blur (pictures) stay."""
    k = odd(dpi / 12)
    density = cv2.blur(np.asarray(ink * 255, dtype=np.uint8), (k, k))
    colour = has_colour(img)
    solid = density >= DENSE * 255  # on a grey page too: a coarse screen's dots closed into one block
    if colour:
        solid |= screened(np.asarray(img.convert("RGB"), dtype=np.uint8), dpi) > 0
    if not solid.any():
        return ink
    dense = solid.astype(np.uint8)
    m, dl, ds, _ = cv2.connectedComponentsWithStats(dense, connectivity=8)
    big = np.zeros(m, np.uint8)  # block-sized only: two lines of print across each other are no block
    big[1:] = (ds[1:, cv2.CC_STAT_HEIGHT] >= dpi * BLOCK_MIN[0]) & (ds[1:, cv2.CC_STAT_WIDTH] >= dpi * BLOCK_MIN[1])
    dense = big[dl]
    if not dense.any():
        return ink
    area = cv2.dilate(dense, np.ones((k, k), np.uint8))  # the blocks up to their edges
    n, labels, stats, _ = cv2.connectedComponentsWithStats(area, connectivity=8)
    rgb = np.ascontiguousarray(np.asarray(img.convert("RGB"), dtype=np.uint8))
    out = ink.copy()
    gray = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), dtype=np.uint8)
    todo = set()
    for i in range(1, n):  # a dark bar that hides text a stretch shows stays a block (``stretched``)
        x, y, w, h = (int(v) for v in stats[i, :4])
        if stretched(gray, BBox(x, y, x + w, y + h)) is None and (colour or _textured(gray[y : y + h, x : x + w], dpi)):
            todo.add(i)  # on a grey page only a screen's block (reverse video is read inverted)
    for inches in DESCREEN:  # each block at the finest blur that makes it flat
        if not todo:
            break
        drawn, _ = descreened_ink(rgb, dpi, inches)
        for i in sorted(todo):
            x, y, w, h = (int(v) for v in stats[i, :4])
            block = labels[y : y + h, x : x + w] == i
            solid = block & (dense[y : y + h, x : x + w] > 0)
            here = drawn[y : y + h, x : x + w]
            flat = _specks(here * block, dpi) <= BLOCK_SPECKS * int(block.sum())
            share = float(here[solid].mean())
            if share < BLOCK_EMPTY:  # nothing drawn on it: a flat bar, a burned box
                todo.discard(i)
            elif flat and share <= BLOCK_BUSY:
                out[y : y + h, x : x + w][block] = here[block]
                todo.discard(i)
    return out


@dataclass(frozen=True, slots=True)
class Stretch:
    """A dark block that looks solid and the binarised contrast stretch of its interior."""

    box: BBox
    image: Mask  # 0/255, ink dark, the size of ``box``


def stretched(gray: NDArray[np.uint8], box: BBox) -> Stretch | None:
    """The contrast stretch of a dark block whose interior looks nearly solid but is not:
    what a near-opaque bar hides, dark on white; None for a flat bar or a picture."""
    crop = gray[box.y0 : box.y1, box.x0 : box.x1]
    my, mx = max(1, crop.shape[0] // 12), max(1, crop.shape[1] // 24)
    if crop.shape[0] <= 2 * my or crop.shape[1] <= 2 * mx:
        return None
    inner = crop[my:-my, mx:-mx]
    if inner.size == 0 or float(np.median(inner)) > STRETCH_DARK:
        return None
    lo, hi = (float(v) for v in np.percentile(inner, (0.5, 99.5)))
    if hi - lo < STRETCH_MIN or hi - lo > STRETCH_FLAT:
        return None
    level = float(np.median(inner))
    # what differs from the block's own level (darker or lighter) is what it hides
    diff = np.abs(inner.astype(np.float32) - level)
    threshold = max(STRETCH_MIN / 2, (hi - lo) / 3)
    out = np.full(crop.shape, 255, np.uint8)
    out[my : my + inner.shape[0], mx : mx + inner.shape[1]] = np.where(diff >= threshold, 0, 255).astype(np.uint8)
    if float((out == 0).mean()) < 0.002:
        return None
    _, _, stats, _ = cv2.connectedComponentsWithStats((out == 0).astype(np.uint8), connectivity=8)
    tall = stats[1:, cv2.CC_STAT_HEIGHT] >= max(4, inner.shape[0] // 4)
    if int(tall.sum()) < 2:
        return None  # grain of the bar (JPEG noise, paper), not strokes: a flat bar
    return Stretch(box, out)
