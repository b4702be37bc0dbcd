"""Independent readings for redaction: find ink a plain OCR pass did not read, and read it.

A redaction must assume its reader is better than one plain Tesseract pass.  This module
looks at the page the way such a reader would:

1. **Ink analysis.**  The grey image (and, for colour pages, the darkest channel) is divided
   by its local background (a max filter wider than a stroke), so faint grey text, dark text
   on a shaded band and coloured print all become dark on white; everything darker than
   ``INK`` of the local background is ink.  Connected components of text size are grouped
   into line regions.  Large solid dark components are *bands* (reverse video, dark table
   headers): they are read inverted.
2. **Coverage.**  A region whose ink lies mostly inside confident words of the readings so
   far (plain OCR, text layer) is read; any other region is *uncovered*.
3. **Views.**  Every uncovered region is cut out through several views: normalised and
   thresholded, turned 180° (upside-down lines), turned by its own ink angle and that +180°
   (stamps), with long horizontal strokes removed (struck-through names), inverted (bands).
   All tiles go into one mosaic image, read by one Tesseract run; words are mapped back to
   page coordinates through each tile's affine transform.
4. **Unread.**  A region that no view reads confidently is *unread ink*: the caller lists it
   and, unless the user decides, refuses to write (fail closed).

Pure image work (NumPy, OpenCV); the OCR call is passed in.  Nothing here logs text.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.geometry import union
from sandbox.imaging import channel_min, gray
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import burn, edges, filledges, flatten, formmarks, inkmap, large, seals, tints

INK = 225  # of 255 of the local background: darker than this is ink (faint text at ~220 counts)
FLOOR = 64  # a background darker than this is not normalised (solid black stays black)
COVERED = 0.7  # share of a region's ink inside confident words for it to count as read
CONFIDENT = 0.75  # word confidence that covers ink
READ_CONF = 0.55  # mean confidence of a view's words that reads a region
TARGET_HEIGHT = 44.0  # tile text height (px) Tesseract reads well
GAP = 48  # white space between mosaic tiles
MAX_MOSAIC = 9000  # px: tallest mosaic image per OCR run
MAX_MOSAIC_PIXELS = 16_000_000  # and its largest area (a wide tile makes the whole mosaic wide)
MAX_TILE_SIDE = 4000  # px: a tile's longer side (see tile_scale)
MIN_ANGLE = 2.5  # degrees: a region tilted more than this gets a deskewed view

Gray = NDArray[np.uint8]
Lab = NDArray[np.uint8]  # OpenCV's 8-bit CIE Lab (a and b offset by 128)
OcrFn = Callable[[Image.Image], Page]  # reads an image, returns its page (tile coordinates)


@dataclass(frozen=True, slots=True)
class Region:
    """A region of ink on a page the views ask about: its box, whether it is a band read
    inverted, how many text-size components it holds and their height, and how it was joined."""

    box: BBox
    band: bool  # a solid dark block: read inverted
    comps: int  # text-size components inside
    text_px: float  # median component height
    stretch: inkmap.Stretch | None = field(default=None, compare=False)  # a near-opaque block, stretched
    tilt: float | None = None  # the angle of a line joined from tilted regions (its own ink angle otherwise)
    row: bool = False  # a level line joined from row-mates: read for its items only, never for its parts' ink


@dataclass(frozen=True, slots=True)
class Upright:
    """A last reader given each unread region only as it stands and at its own tilt (no half
    turns, no mirrors): PP-OCR, whose cost on a form page those copies tripled.  Fewer
    readings can only leave a region unread (fail closed), never read."""

    read: OcrFn

    def __call__(self, img: Image.Image) -> Page:
        return self.read(img)


@dataclass(frozen=True, slots=True)
class ViewReading:
    """What the extra views read: pages in page coordinates, and the ink none of them read."""

    pages: tuple[Page, ...]
    unread: tuple[BBox, ...]
    regions: int  # uncovered regions looked at
    structure: tuple[formmarks.Item, ...] = ()  # ink that is form structure (kept, listed by kind)
    unread_kinds: tuple[tuple[BBox, str], ...] = ()  # what a person would call each unread region
    words: tuple[Word, ...] = ()  # each region's most confident upright reading (page coordinates)


def gray_array(img: Image.Image) -> Gray:
    """The page in 8-bit grey as a NumPy array."""
    return np.asarray(gray(img), dtype=np.uint8)


def lab_array(rgb: NDArray[np.uint8]) -> Lab:
    """An RGB page in OpenCV's 8-bit CIE Lab."""
    return np.asarray(cv2.cvtColor(np.ascontiguousarray(rgb[:, :, :3]), cv2.COLOR_RGB2LAB), np.uint8)


def _blank(arr: Gray, boxes: Sequence[BBox]) -> Gray:
    """A copy of ``arr`` with ``boxes`` (burned bars, highlighter bands) made background."""
    out = arr.copy()
    for b in boxes:
        out[max(0, b.y0) : max(0, b.y1), max(0, b.x0) : max(0, b.x1)] = 255
    return out


def _blank_rgb(img: Image.Image, boxes: Sequence[BBox]) -> Image.Image:
    """A colour copy of ``img`` with ``boxes`` (burned bars, highlighter bands) made white."""
    rgb = np.array(img.convert("RGB"), dtype=np.uint8)
    for b in boxes:
        rgb[max(0, b.y0) : max(0, b.y1), max(0, b.x0) : max(0, b.x1)] = 255
    return Image.fromarray(rgb)


def darkest_array(img: Image.Image) -> Gray | None:
    """Per-pixel minimum of R, G, B (coloured print is dark here), or None for grey pages."""
    if img.mode not in ("RGB", "RGBA", "P"):
        return None
    rgb = np.asarray(img.convert("RGB"), dtype=np.uint8)
    return np.asarray(channel_min(rgb), dtype=np.uint8)


def _kernel(dpi: int) -> int:
    k = max(15, round(dpi / 12)) | 1
    return int(k)


def normalise(g: Gray, dpi: int) -> Gray:
    """Divide by the local background: ink dark, any light or mid-grey background white."""
    k = _kernel(dpi)
    background = cv2.dilate(g, np.ones((k, k), np.uint8))
    bg = np.maximum(background, FLOOR).astype(np.float32)
    return np.asarray(np.clip(g.astype(np.float32) * 255.0 / bg, 0, 255), dtype=np.uint8)


def binarise(norm: Gray) -> Gray:
    """A page normalised by its background as 0/255: ink (below ``INK``) black, the rest white."""
    return np.where(norm < INK, 0, 255).astype(np.uint8)


MASKS_KEPT = 2  # ink masks remembered per process: a page's own and its burned copy's


_masks: OrderedDict[tuple[object, ...], tuple[Gray, Gray]] = OrderedDict()


def ink_mask(img: Image.Image, gray: Gray, dpi: int, exclude: Sequence[BBox] = ()) -> tuple[Gray, Gray]:
    """(ink mask 0/1, binarised page 0/255: ink black on white) of the grey page ``gray``
    normalised by its local background, its darkest channel, and every pixel whose colour
    differs from its local background (``inkmap``: red on green, isoluminant pairs), dense
    specks (dot screens) closed into strokes; ``exclude`` boxes blanked.

    A page is looked at several times (its views, its ruled reading, the attacker's
    re-threshold), so the last ``MASKS_KEPT`` masks are remembered by a digest of the pixels
    of ``img`` and ``gray`` (never by object identity: a burned page changes in place), and
    each call gets its own copies."""
    digest = hashlib.blake2b(img.tobytes(), digest_size=16)
    digest.update(np.ascontiguousarray(gray).tobytes())
    key = (digest.digest(), img.mode, img.size, gray.shape, dpi, tuple(exclude))
    if key in _masks:
        _masks.move_to_end(key)
    else:
        _masks[key] = _ink_mask(img, gray, dpi, exclude)
        while len(_masks) > MASKS_KEPT:
            _masks.popitem(last=False)
    ink, binary = _masks[key]
    return ink.copy(), binary.copy()


def _ink_mask(img: Image.Image, gray: Gray, dpi: int, exclude: Sequence[BBox]) -> tuple[Gray, Gray]:
    noise = inkmap.paper_noise(gray)
    grainy = noise >= inkmap.NOISY  # measured on the softened page (inkmap: grainy paper)
    src = inkmap.soften_image(img) if grainy else img
    measured = _blank(inkmap.soften(gray) if grainy else gray, exclude)
    ink = (normalise(measured, dpi) < INK).astype(np.uint8)
    dark_fills = inkmap.dark_fills(gray, dpi)
    fills = bool(dark_fills.any())  # grain is dropped only on dark fills: else not measured
    beyond = (ink & inkmap.beyond_grain(measured, dpi, _kernel(dpi))) if fills else ink  # found beyond the local noise
    if grainy:
        raw = ((normalise(_blank(gray, exclude), dpi) < INK) & (inkmap.dark_beyond_noise(gray, noise, dpi) > 0)).astype(
            np.uint8
        )
        ink = np.maximum(ink, raw)
        beyond = np.maximum(beyond, raw)
    dark = darkest_array(src)
    if dark is not None:  # coloured print; only on backgrounds light in every channel (a dark one
        # makes the whole block ink here and hides what is drawn on it: that is left to the colour mask)
        blank = _blank(dark, exclude)
        light = cv2.dilate(blank, np.ones((_kernel(dpi), _kernel(dpi)), np.uint8)) >= FLOOR
        # darker than the brightest near pixel *and* than the local median: a band's own
        # pixels near its edge (paper within a stroke's reach) are not ink, its text is
        apart = blank.astype(np.float32) * 255.0 < inkmap.median_background(blank, dpi).astype(np.float32) * INK
        darker = ((normalise(blank, dpi) < INK) & light & apart).astype(np.uint8)
        ink = np.maximum(ink, darker)
        beyond = np.maximum(beyond, (darker & inkmap.beyond_grain(blank, dpi, _kernel(dpi))) if fills else darker)
    coloured, coloured_beyond = inkmap.colour_ink(src, dpi, exclude, grain=fills)
    rgb = np.asarray(src.convert("RGB"), dtype=np.uint8) if fills else None
    ink = inkmap.without_grain(np.maximum(ink, coloured), np.maximum(beyond, coloured_beyond), dark_fills, dpi, rgb)
    ink = inkmap.close_screens(ink, dpi)
    ink = inkmap.open_blocks(ink, img if not exclude else _blank_rgb(img, exclude), dpi)
    return ink, np.where(ink > 0, 0, 255).astype(np.uint8)


def _has_light(gray: Gray | None, box: BBox) -> bool:
    """Whether a dark block holds light marks (reverse-video text), not a plain bar."""
    if gray is None:
        return True
    crop = gray[box.y0 : box.y1, box.x0 : box.x1]
    inner = crop[
        crop.shape[0] // 8 : crop.shape[0] - crop.shape[0] // 8,
        crop.shape[1] // 16 : crop.shape[1] - crop.shape[1] // 16,
    ]
    if inner.size == 0:
        return False
    dark_level = float(np.percentile(inner, 10))
    return float((inner > dark_level + 60).mean()) > 0.01


BAND_SQUARE = 0.9  # share of its box a band (its letters closed) covers: a rectangle, not a picture's shape
BAND_HELD = 0.8  # share of the solid shape its rectangle holds (a disc's square holds half)
BAND_FILL = 0.55  # share of its box a band's own ink covers (a frame around a line of type closes solid too)
BAND_DARK = 128  # grey level under which half of a reverse-video band's pixels lie


def _bands_within(labels: NDArray[Any], i: int, box: BBox, dpi: int, gray: Gray | None) -> list[BBox]:
    """The solid rectangles (reverse-video bands with light marks, read inverted) inside the
    large ink component ``i``, which is no band itself: a stamp's ring across a band, a rule
    or a frame touching it joins them into one shape.  The component's letters (paper it
    encloses, no wider or taller than 0.45 in) are filled, then everything thinner than a tenth of
    an inch (rings, rules, frames) opened away; what is left counts as a band when a
    rectangle it nearly fills (``BAND_SQUARE``) holds nearly all of it (``BAND_HELD``: a
    picture's dark area is no rectangle), as large as a band, its ink as
    drawn fills it as a band's does (``BAND_FILL``: not a frame around a line of type), it is
    dark (``BAND_DARK``: reverse video, light marks on it) and holds light marks."""
    min_side = max(5, round(dpi * 0.018))
    mask = (labels[box.y0 : box.y1, box.x0 : box.x1] == i).astype(np.uint8)
    close = inkmap.odd(dpi * 0.03)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
    # and its letters whole: paper it encloses, no larger than a letter of a large type (a ring's inside stays)
    holes, hs, enclosed = _holes(closed > 0)
    inside = np.zeros(len(hs), np.uint8)
    for k in enclosed:
        if max(hs[k, cv2.CC_STAT_HEIGHT], hs[k, cv2.CC_STAT_WIDTH]) <= dpi * 0.45:
            inside[k] = 1
    closed = np.maximum(closed, inside[holes])
    thick = inkmap.odd(dpi * 0.1)
    solid = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((thick, thick), np.uint8))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    rects: list[BBox] = []  # in the component's box
    for j in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[j])
        part = lab[y : y + h, x : x + w] == j
        # its rectangle: the rows and columns it nearly fills (not a ring's foot that stays on it)
        rows = np.flatnonzero(part.mean(axis=1) >= BAND_SQUARE * part.mean(axis=1).max())
        y0, y1 = int(rows[0]), int(rows[-1]) + 1
        across = part[y0:y1].mean(axis=0)  # within those rows
        cols = np.flatnonzero(across >= BAND_SQUARE * across.max())
        x0, x1 = int(cols[0]), int(cols[-1]) + 1
        core = part[y0:y1, x0:x1]
        if float(core.mean()) >= BAND_SQUARE and int(core.sum()) >= BAND_HELD * int(part.sum()):
            rects.append(BBox(x + x0, y + y0, x + x1, y + y1))  # a rectangle that holds nearly all of it
    out = []
    for r in _row_mates_joined(rects):  # a band a tall letter cut in two is one band
        band = BBox(box.x0 + r.x0, box.y0 + r.y0, box.x0 + r.x1, box.y0 + r.y1)
        inked = float(mask[r.y0 : r.y1, r.x0 : r.x1].mean())  # as drawn, not closed: a band's fill
        big = band.height >= min_side * 3 and band.width >= min_side * 6
        dark = gray is None or float(np.median(gray[band.y0 : band.y1, band.x0 : band.x1])) < BAND_DARK
        if big and dark and inked > BAND_FILL and _has_light(gray, band):
            out.append(band)
    return out


def _row_mates_joined(rects: Sequence[BBox]) -> list[BBox]:
    """``rects`` with every two that share most of their height and lie less than a height
    apart side by side joined, until none do."""
    out = list(rects)
    joined = True
    while joined:
        joined = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                shared = min(a.y1, b.y1) - max(a.y0, b.y0)
                apart = max(a.x0, b.x0) - min(a.x1, b.x1)
                if shared >= 0.8 * min(a.height, b.height) and apart <= max(a.height, b.height):
                    out[i] = union((a, b))
                    del out[j]
                    joined = True
                    break
            if joined:
                break
    return out


MIN_LETTERS = 3  # holes in a small dark block for it to be a band with type on it


MARGIN_DEPTH = 0.15  # of a block's height: how far in from its box a band's own edge may wander (tilt, noise)
MARGIN_GAPS = 0.03  # share of a block's inner box open paper may reach before it is no band


def _lettered(block: NDArray[np.bool_]) -> bool:
    """Whether a dense block (one ink component, its box) is light type on a dark band: it
    holds ``MIN_LETTERS`` or more holes (a bold glyph has two at most) and is a band, solid to
    its box's edges, the paper around it reaching less than ``MARGIN_GAPS`` of the box inside
    ``MARGIN_DEPTH`` of its height.  Bold letters a scan ran together are no band, however many
    counters and pinholes they enclose: the paper between and above them reaches deep into
    their box.  Whatever is refused here is read as dark type, never kept unread."""
    labels, _, enclosed = _holes(block)
    if len(enclosed) < MIN_LETTERS:
        return False
    depth = max(2, round(block.shape[0] * MARGIN_DEPTH))
    inner = labels[depth:-depth, depth:-depth]
    if inner.size == 0:
        return True
    outside = (inner > 0) & ~np.isin(inner, list(enclosed))
    return float(outside.mean()) < MARGIN_GAPS


def _holes(shape: NDArray[np.bool_]) -> tuple[NDArray[Any], NDArray[Any], set[int]]:
    """The paper of ``shape``'s box in 4-connected pieces: (labels, their stats, the labels of
    the pieces ``shape`` encloses, touching no edge of the box)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats((~shape).astype(np.uint8), connectivity=4)
    edge = set(labels[0]) | set(labels[-1]) | set(labels[:, 0]) | set(labels[:, -1])
    return labels, stats, set(range(1, len(stats))) - edge


PINHOLES_PER_HEIGHT = 3.0  # pinholes (paper enclosed, under a tenth of its height across) per height of length


def _touching_type(shape: NDArray[np.bool_]) -> bool:
    """Whether a component as tall as a line of type but longer than six lines are tall is type
    whose letters touch (a word printed over a line, bold type run together), not a frame,
    an underlined line, a rule or a dithered or screened tint (a fax's grey band, its dots
    joined): it has no horizontal stroke two of its heights long, and fewer than
    ``PINHOLES_PER_HEIGHT`` pinholes of paper per height of its length (type encloses a
    counter or two a letter, a dither hundreds)."""
    comp = np.ascontiguousarray(shape, dtype=np.uint8)
    h, w = comp.shape
    if cv2.morphologyEx(comp, cv2.MORPH_OPEN, np.ones((1, 2 * h), np.uint8)).any():
        return False
    _, stats, enclosed = _holes(shape)
    pin = max(2, h // 10)
    pinholes = sum(
        1 for k in enclosed if max(int(stats[k, cv2.CC_STAT_WIDTH]), int(stats[k, cv2.CC_STAT_HEIGHT])) < pin
    )
    return bool(pinholes < PINHOLES_PER_HEIGHT * w / max(1, h))


LARGEST_TYPE = 0.45  # inch: a component taller than this is a picture, a frame or a block, not a letter
LARGEST_STAMP = 1.0  # inch: ... on a colour layer of its own (a stamp's letters are large)
LAYER_FILL = 0.6  # share of its box a layer's region may fill: more is a tint or a band (judged with all the ink)
CHROMA_INK = 24.0  # Lab chroma of ink that belongs to a coloured layer (a stamp, a coloured pen)
MIN_COLOURED = 0.002  # share of the page a coloured layer's ink covers for its regions to be sought
LAYER_MEND = 7  # px: the widest stroke of one colour that may cut a stroke of the other


def coloured_ink(ink: Gray, lab: Lab) -> Gray:
    """The strokes of 0/1 ``ink`` in colour (Lab chroma over ``CHROMA_INK``: a pen, a stamp) as
    0/1, not the coloured fringe of grey ink's edges (white type on a navy band: its edges are
    navy and white mixed; a scan's misregistered channels), which an opening by two pixels
    takes away."""
    a = lab[:, :, 1].astype(np.float32) - 128.0
    b = lab[:, :, 2].astype(np.float32) - 128.0
    coloured = ((ink > 0) & (a * a + b * b > CHROMA_INK * CHROMA_INK)).astype(np.uint8)
    return np.asarray(cv2.morphologyEx(coloured, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8)), np.uint8)


def colour_split(ink: Gray, lab: Lab) -> tuple[Gray, Gray] | None:
    """The 0/1 ``ink`` of a colour page taken apart: (its coloured ink, from ``CHROMA_INK``; its
    grey ink), each with the ink where a stroke of the other colour crossed it (up to
    ``LAYER_MEND`` wide) given back, or None when it has less than ``MIN_COLOURED`` of the page in colour or almost
    no grey ink (one layer is the page)."""
    inked = ink > 0
    coloured = coloured_ink(ink, lab) > 0
    n_col, n_all = int(coloured.sum()), int(inked.sum())
    if n_col < MIN_COLOURED * ink.size or n_col > 0.98 * n_all:
        return None
    k = np.ones((LAYER_MEND, LAYER_MEND), np.uint8)  # where the other colour crossed a stroke, it is dark ink:
    mend = [
        (cv2.morphologyEx(m.astype(np.uint8), cv2.MORPH_CLOSE, k) > 0) & inked for m in (coloured, inked & ~coloured)
    ]
    return mend[0].astype(np.uint8), mend[1].astype(np.uint8)  # the stroke made whole again


HEAVY_STROKE = 2.0  # times the page's typical stroke width: a stroke this wide is of heavier type
MIN_HEAVY_KERNEL = 5  # px: the smallest opening that tells heavy strokes from type's
MIN_HEAVY = 0.001  # share of the page heavy ink crossing read type must cover for a layer to be sought
HEAVY_PIECE = 3  # times the opening: the least length of a heavy stroke (less is a knot where type's strokes meet)
RULE_SHAPE = 6  # a heavy stroke this many times longer than wide is a rule, a bar's edge or a border
FRAME_FILL = 0.12  # share of its box a heavy stroke fills, less: a frame, a grid or an outline
LETTER_PIECE = 2.0  # times the page's median component height: the longest piece of a letter the heavy strokes cut
TYPE_CROSSED = 2  # letters of read type a component holds beside its heavy strokes for it to be type crossed
FILL_STROKE = 0.02  # share of the image's longer side: a typical stroke wider than this is a fill's, no type's


def heavy_strokes(ink: Gray) -> tuple[Gray, int] | None:
    """(the 0/1 strokes of ``ink`` over ``HEAVY_STROKE`` times its typical width, as a
    morphological opening leaves them; the opening's size in px), None on a page without ink
    and on one whose typical stroke is wider than ``FILL_STROKE`` of its longer side (its ink
    is fills, a page-sized box over a page: no type to tell heavier type from, and an opening
    that wide would take minutes)."""
    width = formmarks.stroke_width(ink)
    if width <= 0 or width > FILL_STROKE * max(ink.shape[:2]):
        return None
    k = max(MIN_HEAVY_KERNEL, round(width * HEAVY_STROKE)) | 1
    mask = np.ascontiguousarray(ink > 0, dtype=np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    opened = np.asarray(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel), dtype=np.uint8)
    return opened, k


def heavy_layer(ink: Gray, read: Gray) -> Gray | None:
    """The 0/1 heavy strokes of ``ink`` where heavy type is printed across lighter type in the
    same ink (a black rubber stamp over a paragraph): :func:`heavy_strokes` ``HEAVY_PIECE``
    times the opening long, neither rules (``RULE_SHAPE``) nor frames (``FRAME_FILL``), kept
    only in ink components that also hold ``TYPE_CROSSED`` letters or more of thin strokes
    under ``read`` (the boxes of confident plain words; a letter's piece is no longer than
    ``LETTER_PIECE`` text heights).  A bold heading or a picture is a component of its own,
    not type crossed, and stays with the page.  None when such heavy ink covers less than
    ``MIN_HEAVY`` of the page.  Colour cannot tell a black stamp from black print; the width
    of its strokes can, as a reader's morphological opening shows (the type under it is
    read with all the ink)."""
    found = heavy_strokes(ink)
    if found is None:
        return None
    opened, k = found
    mask = np.ascontiguousarray(ink > 0, dtype=np.uint8)
    _, strokes, st, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    long_side = np.maximum(st[:, cv2.CC_STAT_WIDTH], st[:, cv2.CC_STAT_HEIGHT])
    short_side = np.minimum(st[:, cv2.CC_STAT_WIDTH], st[:, cv2.CC_STAT_HEIGHT])
    fill = st[:, cv2.CC_STAT_AREA] / np.maximum(1, st[:, cv2.CC_STAT_WIDTH] * st[:, cv2.CC_STAT_HEIGHT])
    # a stroke of a letter: not a type's knot (short), nor a rule (long and narrow), nor a frame (sparse)
    big = (long_side >= HEAVY_PIECE * k) & (long_side < RULE_SHAPE * short_side) & (fill >= FRAME_FILL)
    big[0] = False
    heavy = big[strokes]
    if int(heavy.sum()) < MIN_HEAVY * ink.size:
        return None
    n, labels, comps, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    tall = comps[1:, cv2.CC_STAT_HEIGHT]
    text_px = float(np.median(tall[tall >= k])) if (tall >= k).any() else float(2 * k)
    rest = ((mask > 0) & ~(cv2.dilate(heavy.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)).astype(np.uint8)
    _, pieces, stats, _ = cv2.connectedComponentsWithStats(rest, connectivity=8)
    side = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    letter = (side >= 2 * k) & (side <= LETTER_PIECE * text_px)  # a letter's part, no heavy stroke's rim nor edge
    letter[0] = False
    sel = letter[pieces] & (read > 0)
    pairs = np.unique(np.stack([pieces[sel], labels[sel]]), axis=1) if sel.any() else np.zeros((2, 0), np.int64)
    crossed = (np.bincount(labels[heavy], minlength=n) > 0) & (np.bincount(pairs[1], minlength=n) >= TYPE_CROSSED)
    crossed[0] = False
    top = heavy & crossed[labels]
    return top.astype(np.uint8) if int(top.sum()) >= MIN_HEAVY * ink.size else None


def _fill(mask: Gray, b: BBox) -> float:
    crop = mask[b.y0 : b.y1, b.x0 : b.x1]
    return float(crop.mean()) if crop.size else 0.0


def layer_regions(layer: Gray, dpi: int, read: Sequence[Region], bands: Sequence[BBox] = ()) -> list[Region]:
    """The regions (:func:`regions`) of one colour layer, up to ``LARGEST_STAMP`` tall, that no
    one region of ``read`` (those the views read anyway) holds (``SKIPPED`` of its box).  Type
    in one colour printed across type in another (a red or blue stamp over a paragraph) makes
    one component of both, larger than a line, which :func:`regions` takes for a picture, or
    a region whose ink is mostly the other colour's, read; each layer alone is type again,
    judged on its own ink.  A region filling more than ``LAYER_FILL`` of its box is a band or
    a tint (type on it is read with all the ink), not type; one lying in the page's ``bands``
    is judged with them, and straight strokes longer than ``LARGEST_STAMP`` (the edges of
    coloured bands, the paper between two) are no part of any."""
    reach = round(dpi * LARGEST_STAMP)
    strokes = layer * (1 - long_strokes(layer, reach, reach))  # a band's edges and the gaps between bands are no type
    found = [r for r in regions(strokes, dpi, None, LARGEST_STAMP) if not r.band and _fill(layer, r.box) <= LAYER_FILL]
    return [
        r
        for r in found
        if not any(burn.share_inside(r.box, [e.box]) >= SKIPPED for e in read)
        and burn.share_inside(r.box, bands) < SKIPPED
    ]


def regions(ink: Gray, dpi: int, gray: Gray | None = None, largest: float = LARGEST_TYPE) -> list[Region]:
    """Line-sized groups of text-size ink components (none taller than ``largest`` inches), and
    dark bands that hold light marks."""
    h_img, w_img = ink.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    min_side = max(5, round(dpi * 0.018))
    max_text = max(40, round(dpi * largest))
    text_mask = np.zeros_like(ink)
    bands: list[Region] = []
    heights: list[int] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if max(w, h) < min_side or area < min_side * 2:
            continue  # specks, dots
        fill = area / float(w * h)
        block = BBox(x, y, x + w, y + h)
        if fill > 0.55 and h >= min_side * 3 and w >= min_side * 6 and gray is not None:
            hidden = inkmap.stretched(gray, block)
            if hidden is not None:  # a near-opaque bar: what it hides, contrast-stretched
                bands.append(Region(block, False, 2, float(h) / 2, hidden))
                continue
            dark = float(np.median(gray[y : y + h, x : x + w])) < BAND_DARK  # reverse video, not a highlight
            if dark and w >= 2 * h and _lettered(labels[y : y + h, x : x + w] == i):  # a small band with type
                bands.append(Region(block, True, 1, float(h)))
                continue
        if h <= max_text < w // 6 and fill <= BAND_FILL and _touching_type(labels[y : y + h, x : x + w] == i):
            text_mask[y : y + h, x : x + w][labels[y : y + h, x : x + w] == i] = 1  # type printed over type
            continue
        if h > max_text or w > max_text * 6:
            if fill > BAND_FILL and h >= min_side * 3 and w >= min_side * 6 and _has_light(gray, block):
                bands.append(Region(block, True, 1, float(h)))
            elif fill <= BAND_FILL:  # a band a ring, a rule or a frame runs into is still a band
                bands += [Region(b, True, 1, float(b.height)) for b in _bands_within(labels, i, block, dpi, gray)]
            continue  # frames, rules, pictures, large blocks
        if h <= 3 * min_side // 4 + 2 and w > 12 * h:
            continue  # a rule line
        sub = text_mask[y : y + h, x : x + w]
        sub[labels[y : y + h, x : x + w] == i] = 1
        heights.append(h)
    if not heights:
        return bands
    typical = float(np.median(heights))
    gap = max(3, round(typical * 1.1))
    joined = cv2.dilate(text_mask, np.ones((max(1, round(typical * 0.35)), gap), np.uint8))
    m, lab2, st2, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out: list[Region] = []
    for j in range(1, m):
        x, y, w, h, _ = (int(v) for v in st2[j])
        inside = text_mask[y : y + h, x : x + w] * (lab2[y : y + h, x : x + w] == j)
        sub_n, _, sub_stats, _ = cv2.connectedComponentsWithStats(inside.astype(np.uint8), connectivity=8)
        comps = sub_n - 1
        sub_h = [int(s[3]) for s in sub_stats[1:]] or [h]
        ys, xs = np.nonzero(inside)
        if len(xs) == 0:
            continue
        box = BBox(x + int(xs.min()), y + int(ys.min()), x + int(xs.max()) + 1, y + int(ys.max()) + 1)
        out.append(Region(box, False, comps, float(np.median(sub_h))))
    out += bands
    return [r for r in out if r.box.x1 <= w_img and r.box.y1 <= h_img]


MIN_MARK = 3  # px: a mark smaller than this each way is a speck, not part of a line of type


def _own_rows(ink: Gray, b: BBox) -> tuple[int, int]:
    """The rows of ``b`` a word's own line takes: all of them, unless the ink in the box lies in
    bands parted by blank rows and a band besides the most inked one holds two marks or more
    (a second line of type the engine's box took in: a small ID tucked under a date, which
    the box of the date's line spanned).  The strokes of 三 or = are one mark a band."""
    y0, y1 = max(0, b.y0), max(0, b.y1)
    crop = ink[y0:y1, max(0, b.x0) : max(0, b.x1)]
    if crop.size == 0:
        return y0, y1
    rows = np.flatnonzero(crop.any(axis=1))
    if len(rows) == 0:
        return y0, y1
    cuts = np.flatnonzero(np.diff(rows) > 1)
    bands = [
        (int(a), int(z) + 1) for a, z in zip(np.r_[rows[0], rows[cuts + 1]], np.r_[rows[cuts], rows[-1]], strict=True)
    ]
    if len(bands) < 2:
        return y0, y1
    main = max(bands, key=lambda band: int(crop[band[0] : band[1]].sum()))
    for band in bands:
        if band == main:
            continue
        _, _, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(crop[band[0] : band[1]], np.uint8))
        marks = (np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]) >= MIN_MARK).sum()
        if int(marks) >= 2:
            return y0 + main[0], y0 + main[1]
    return y0, y1


WORD_INK_APART = 25.0  # chroma distance (Lab a, b) of ink from a word's own colour: another ink


def _word_mask(
    shape: tuple[int, ...],
    pages: Sequence[Page],
    ink: Gray | None = None,
    lab: Lab | None = None,
    heard: Sequence[BBox] = (),
) -> Gray:
    """The confident words' boxes; given the page's ``ink``, each only over its own line's rows
    (:func:`_own_rows`), and given the page in Lab (``lab``, a colour page) only over ink of
    the word's own colour (the median hue and chroma of the ink in its box, within
    ``WORD_INK_APART``): a date read in black accounts for none of a red number printed across
    it, however much of its box that number fills.  ``heard``: boxes of words another reader
    read in one ink (a seal's type along its ring, at any confidence), covering that ink the
    same way."""
    mask = np.zeros(shape[:2], np.uint8)
    boxes = [
        w.bbox
        for page in pages
        for w in page.words
        if w.conf >= CONFIDENT and (w.conf >= 1.0 or any(ch.isalnum() for ch in w.text))
    ]  # a text-layer word (conf 1) says what the ink is, icons included
    for b in [*boxes, *heard]:
        y0, y1 = _own_rows(ink, b) if ink is not None else (max(0, b.y0), max(0, b.y1))
        x0, x1 = max(0, b.x0), max(0, b.x1)
        own = _own_colour(ink[y0:y1, x0:x1], lab[y0:y1, x0:x1]) if ink is not None and lab is not None else None
        mask[y0:y1, x0:x1] = 1 if own is None else np.maximum(mask[y0:y1, x0:x1], own)
    return mask


RIM_CHROMA = 0.2  # of a coloured word's chroma: its strokes' rims, its hue thinned down to this, are its own


def _own_colour(ink: Gray, lab: Lab) -> Gray | None:
    """1 where a word's box holds ink of the word's own colour, or paper; None when the box
    has too little ink to tell (all of it counts).  A coloured word's own colour includes
    its hue thinned by paper down to ``RIM_CHROMA`` of its chroma (the rims of scanned red
    type: as much as a quarter of a large title's ink), never grey or black ink."""
    inked = ink > 0
    if int(inked.sum()) < MIN_MARK * MIN_MARK:
        return None
    chroma = lab[:, :, 1:3].astype(np.float32) - 128.0
    colour = np.median(chroma[inked], axis=0)
    near = np.hypot(chroma[:, :, 0] - colour[0], chroma[:, :, 1] - colour[1]) < WORD_INK_APART
    strength = float(np.hypot(colour[0], colour[1]))
    if strength >= 2 * WORD_INK_APART:  # a coloured word: the rims of its strokes, its colour thinned
        unit = colour / strength  # by the paper's, are its ink too (large red type has wide rims)
        along = chroma[:, :, 0] * unit[0] + chroma[:, :, 1] * unit[1]
        across = np.abs(chroma[:, :, 0] * unit[1] - chroma[:, :, 1] * unit[0])
        near |= (along >= RIM_CHROMA * strength) & (along <= strength) & (across < WORD_INK_APART)
    out: Gray = (near | ~inked).astype(np.uint8)
    return out


def uncovered(
    found: Sequence[Region],
    ink: Gray,
    pages: Sequence[Page],
    lab: Lab | None = None,
    heard: Sequence[BBox] = (),
    within: Gray | None = None,
) -> list[Region]:
    """Regions whose ink is not mostly (``COVERED``) inside confident words of ``pages``, as
    it stands or without its straight strokes longer than two text heights (:func:`letters`:
    a rule under a line, the paper between two close bands).  Bands and stretched blocks are
    always returned; a region of nothing but such strokes is judged as it stands.  ``within``:
    the regions' own ink (one colour layer); words still take their colour from all of ``ink``."""
    words = _word_mask(ink.shape, pages, ink, lab, heard)
    out = []
    for r in found:
        b = r.box
        region_ink = ink[b.y0 : b.y1, b.x0 : b.x1]
        if within is not None:
            region_ink = region_ink * within[b.y0 : b.y1, b.x0 : b.x1]
        total = int(region_ink.sum())
        if total == 0:
            continue
        under = words[b.y0 : b.y1, b.x0 : b.x1]
        if r.band or r.stretch is not None:
            out.append(r)
        elif int((region_ink * under).sum()) < COVERED * total:
            rest = letters(region_ink, r.text_px)
            if not rest.any() or int((rest * under).sum()) < COVERED * int(rest.sum()):
                out.append(r)
    return out


def _aligned(a: tuple[Region, float], b: tuple[Region, float]) -> bool:
    """Whether two tilted regions lie on one line at their common angle (a diagonal watermark
    split word by word)."""
    (ra, ta), (rb, tb) = a, b
    if abs(ta - tb) > 6.0:
        return False
    ax, ay = (ra.box.x0 + ra.box.x1) / 2, (ra.box.y0 + ra.box.y1) / 2
    bx, by = (rb.box.x0 + rb.box.x1) / 2, (rb.box.y0 + rb.box.y1) / 2
    reach = 2.5 * max(ra.box.width, ra.box.height, rb.box.width, rb.box.height)
    if np.hypot(bx - ax, by - ay) > reach or abs(bx - ax) < 1:
        return False
    if bx < ax:
        ax, ay, bx, by = bx, by, ax, ay
    between = np.degrees(np.arctan2(by - ay, bx - ax))  # image axes, as ``_angle`` measures
    return bool(abs(between - (ta + tb) / 2) < 8.0)


def _within(inner: BBox, outer: BBox) -> bool:
    return inner.x0 >= outer.x0 and inner.y0 >= outer.y0 and inner.x1 <= outer.x1 and inner.y1 <= outer.y1


def joined_lines(found: Sequence[Region], ink: Gray) -> list[Region]:
    """Tilted regions that lie on one line, joined into one region read at their angle (the
    words of a diagonal watermark are read as one line, so a name across two words matches)."""
    tilted = [(r, _angle(ink, r.box)) for r in found if not r.band and r.stretch is None and r.comps >= 2]
    tilted = [(r, t) for r, t in tilted if abs(t) >= MIN_ANGLE]
    group = list(range(len(tilted)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(tilted)):
        for j in range(i + 1, len(tilted)):
            if _aligned(tilted[i], tilted[j]):
                group[root(j)] = root(i)
    out = []
    for g in {root(i) for i in range(len(tilted))}:
        members = [tilted[i] for i in range(len(tilted)) if root(i) == g]
        if len(members) < 2:
            continue
        angle = float(np.median([t for _, t in members]))
        px = float(np.median([r.text_px for r, _ in members]))
        grow = round(px * 1.5)  # a last letter on its own (one component) is no region of its own
        joined = union(r.box for r, _ in members)
        h, w = ink.shape
        box = BBox(
            max(0, joined.x0 - grow), max(0, joined.y0 - grow), min(w, joined.x1 + grow), min(h, joined.y1 + grow)
        )
        out.append(Region(box, False, sum(r.comps for r, _ in members), px, tilt=angle))
    return out


def row_lines(found: Sequence[Region], every: Sequence[Region]) -> list[Region]:
    """The whole text line of each uncovered level region, joined with its row-mates covered or
    not (regions of like text size that share most of its height): a line of wide-spaced words
    splits into word regions, and an item across them (``+86 20 4059 9620``) is read only with
    its line.  Read at angle 0; what it reads finds items but never counts its parts as read
    (each part answers for its own ink: confident nonsense across a row explains nothing)."""
    out: list[Region] = []
    seen: set[BBox] = set()
    for r in found:
        if r.band or r.stretch is not None or r.tilt is not None:
            continue
        mates = [
            q
            for q in every
            if not q.band
            and q.stretch is None
            and min(r.box.y1, q.box.y1) - max(r.box.y0, q.box.y0) >= 0.5 * min(r.box.height, q.box.height)
            and max(q.text_px, r.text_px) <= 1.5 * min(q.text_px, r.text_px)
        ]
        if len(mates) < 2:
            continue
        box = union(q.box for q in mates)
        if box in seen or box == r.box:
            continue
        seen.add(box)
        comps = sum(q.comps for q in mates)
        out.append(Region(box, False, comps, float(np.median([q.text_px for q in mates])), tilt=0.0, row=True))
    return out


UPRIGHT = 1.5  # height over width of a region that may be a line written up or down the page
COLUMN_GAP = 2.0  # of a column's width: the most space between two of its words


def column_lines(found: Sequence[Region], every: Sequence[Region]) -> list[Region]:
    """Words written up or down the page (a number in a fax's margin), joined into their whole
    line: each word of such a line is a region of its own, taller than wide, and an item
    across them (``110101 1994 0916 …``) is read only with its line.  A column is a chain of
    such regions, each of two or more components, that share most of their width, are of
    like width, and lie at most ``COLUMN_GAP`` widths apart; one starts from every uncovered
    member.  Marked ``row``: read (turned a quarter both ways) for its items only, never for
    its parts' ink."""
    upright = [
        q for q in every if not q.band and q.stretch is None and q.comps >= 2 and q.box.height > UPRIGHT * q.box.width
    ]

    def mates(a: Region, b: Region) -> bool:
        wa, wb = a.box.width, b.box.width
        if max(wa, wb) > 1.5 * min(wa, wb) or min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0) < 0.5 * min(wa, wb):
            return False
        gap = max(a.box.y0, b.box.y0) - min(a.box.y1, b.box.y1)
        return gap <= COLUMN_GAP * max(wa, wb)

    out: list[Region] = []
    seen: set[BBox] = set()
    for r in found:
        if r.band or r.stretch is not None or r.tilt is not None or r not in upright:
            continue
        chain, todo = [r], [r]
        while todo:
            a = todo.pop()
            for q in upright:
                if q not in chain and mates(a, q):
                    chain.append(q)
                    todo.append(q)
        if len(chain) < 2:
            continue
        box = union(q.box for q in chain)
        if box in seen:
            continue
        seen.add(box)
        px = float(np.median([q.text_px for q in chain]))
        out.append(Region(box, False, sum(q.comps for q in chain), px, tilt=0.0, row=True))
    return out


@dataclass(frozen=True, slots=True)
class Tile:
    """One region as a view shows it to OCR: its pixels and the affine map from the page to
    them (so words read on it map back), and what ink it may explain."""

    region: int
    image: Gray
    matrix: NDArray[np.float64]  # 2×3 affine: page → tile
    turned: bool = False  # a half turn or a mirror of the region: read by the first script's views only
    carries: Gray | None = None  # a colour layer's ink (0/1, the region's box): all it can explain


def _angle(ink: Gray, box: BBox) -> float:
    """The tilt of a region's ink (degrees, OpenCV's sense), 0 when it is level; strokes much
    longer than its glyphs (a stamp's frame crossing the region) do not count."""
    crop = np.ascontiguousarray(ink[box.y0 : box.y1, box.x0 : box.x1], dtype=np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    if n > 2:
        sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
        heights = stats[1:, cv2.CC_STAT_HEIGHT]
        long = np.zeros(n, bool)
        long[1:] = sides > 2.5 * float(np.median(heights))
        if long.any() and not long[1:].all():
            crop = np.where(long[labels], 0, crop).astype(np.uint8)
    ys, xs = np.nonzero(crop)
    if len(xs) < 20:
        return 0.0
    pts = np.column_stack([xs, ys]).astype(np.float32)
    (_, _), (w, h), angle = cv2.minAreaRect(pts)
    if w < h:
        angle -= 90.0
    angle = float(angle)
    while angle > 45:
        angle -= 90
    while angle <= -45:
        angle += 90
    return angle


def _tile(src: Gray, box: BBox, angle: float, scale: float, pad: int) -> tuple[Gray, NDArray[np.float64]]:
    cx, cy = (box.x0 + box.x1) / 2.0, (box.y0 + box.y1) / 2.0
    w, h = box.width + 2 * pad, box.height + 2 * pad
    rad = np.deg2rad(angle)
    tw = int(abs(w * np.cos(rad)) + abs(h * np.sin(rad))) * scale
    th = int(abs(w * np.sin(rad)) + abs(h * np.cos(rad))) * scale
    tw, th = max(8, int(tw)), max(8, int(th))
    m = cv2.getRotationMatrix2D((cx, cy), angle, scale)
    m[0, 2] += tw / 2.0 - cx
    m[1, 2] += th / 2.0 - cy
    out = cv2.warpAffine(src, m, (tw, th), flags=cv2.INTER_LINEAR, borderValue=255)
    return np.asarray(out, dtype=np.uint8), m.astype(np.float64)


def _without_lines(binary: Gray, text_px: float) -> Gray:
    """Long horizontal strokes (strike-through, underline) removed from a 0/255 image."""
    ink = (binary == 0).astype(np.uint8)
    length = max(15, int(text_px * 2.5))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, length), np.uint8))
    if not lines.any():
        return binary
    lines = cv2.dilate(lines, np.ones((3, 1), np.uint8))
    cleaned = ink * (1 - lines)
    # bridge the vertical strokes the line crossed (a vertical kernel cannot rebuild the line)
    rows = int(np.median(lines.sum(axis=0)[lines.sum(axis=0) > 0]))
    cleaned = cv2.morphologyEx(cleaned, cv2.MORPH_CLOSE, np.ones((rows + 3, 1), np.uint8))
    return np.where(cleaned > 0, 0, 255).astype(np.uint8)


def tiles(
    gray: Gray, binary: Gray, ink: Gray, found: Sequence[Region], dpi: int, only: set[int] | None = None
) -> list[Tile]:
    """The first views of every region (of the regions numbered ``only``), as mosaic tiles
    with their transforms."""
    out: list[Tile] = []
    inverted: Gray | None = None
    for n, r in enumerate(found):
        if only is not None and n not in only:
            continue
        scale = tile_scale(r.text_px, r.box)
        pad = max(6, int(r.text_px * 0.4))
        if r.stretch is not None:
            src = np.full_like(gray, 255)
            b = r.box
            src[b.y0 : b.y1, b.x0 : b.x1] = r.stretch.image
            angles = [(0.0, False), (180.0, True)]
        elif r.band:
            if inverted is None:
                inverted = binarise(normalise(255 - gray, dpi))
            src = inverted
            angles = [(0.0, False), (180.0, True)]
        else:
            src = binary
            tilt = r.tilt if r.tilt is not None else _angle(ink, r.box)
            angles = [(0.0, False), (180.0, True)]
            if abs(tilt) >= MIN_ANGLE:
                angles += [(tilt, False), (tilt + 180.0, True)]
        for angle, turned in angles:
            image, matrix = _tile(src, r.box, angle, scale, pad)
            out.append(Tile(n, image, matrix, turned))
        if not r.band and r.stretch is None:
            image, matrix = _tile(src, r.box, 0.0, scale, pad)
            stripped = _without_lines(image, r.text_px * scale)
            if not np.array_equal(stripped, image):
                out.append(Tile(n, stripped, matrix))
    return out


def more_tiles(binary: Gray, ink: Gray, found: Sequence[Region], only: set[int]) -> tuple[list[Tile], list[Tile]]:
    """The further views of the regions numbered ``only`` (those the first views did not
    read): a band as the ink mask sees it (a dot-screened band's type, which the grey
    inverted view loses in the screen's grid), rules and box walls removed (comb fields,
    stamps in a frame, at the region's own tilt too), dots joined (dot-matrix print),
    mirrored (show-through), and turned a quarter both ways when the region is taller than
    wide (a number written up the margin)."""
    out: list[Tile] = []
    mirrors: list[Tile] = []  # last, in a mosaic of their own: a mirrored frame can blind Tesseract's layout
    for n, r in enumerate(found):
        if n in only and r.band:  # the band as the ink mask sees it, turned: a screened band's letters
            b = r.box
            src = np.full_like(binary, 255)
            marks = binary[b.y0 : b.y1, b.x0 : b.x1] > 0
            src[b.y0 : b.y1, b.x0 : b.x1] = np.where(marks, 0, 255).astype(np.uint8)
            _, _, st, _ = cv2.connectedComponentsWithStats(marks.astype(np.uint8), connectivity=8)
            tall = [int(h) for h in st[1:, cv2.CC_STAT_HEIGHT] if 4 <= h < b.height]
            scale = tile_scale(float(np.median(tall)), b) if tall else 1.0
            for angle, turned in ((0.0, False), (180.0, True)):
                image, matrix = _tile(src, b, angle, scale, max(6, b.height // 4))
                out.append(Tile(n, image, matrix, turned))
        if n not in only or r.band or r.stretch is not None:
            continue
        scale = tile_scale(r.text_px, r.box)
        pad = max(6, int(r.text_px * 0.4))
        tilt = r.tilt if r.tilt is not None else _angle(ink, r.box)
        for angle in (0.0, tilt) if abs(tilt) >= MIN_ANGLE else (0.0,):
            image, matrix = _tile(binary, r.box, angle, scale, pad)
            walls = _without_boxes(image, r.text_px * scale)
            if not np.array_equal(walls, image):
                out.append(Tile(n, walls, matrix))
            line_scale = tile_scale(r.box.height, r.box)  # dots: scaled by the line
            line, line_matrix = _tile(binary, r.box, angle, line_scale, pad)
            out += [Tile(n, joined, line_matrix) for joined in joined_dots(line, r.box.height * line_scale)]
            if angle == 0.0:
                mirrors.append(
                    Tile(n, np.asarray(cv2.flip(image, 1), dtype=np.uint8), _mirrored(matrix, image.shape[1]), True)
                )
    return out + quarter_tiles(binary, found, only), mirrors


def quarter_tiles(binary: Gray, found: Sequence[Region], only: set[int]) -> list[Tile]:
    """The regions numbered ``only`` that are taller than wide (``UPRIGHT`` times), turned a
    quarter both ways: a number or a line written up or down the margin."""
    out: list[Tile] = []
    for n in sorted(only):
        r = found[n]
        if r.band or r.stretch is not None or r.box.height <= UPRIGHT * r.box.width:
            continue
        scale = tile_scale(r.text_px, r.box)
        pad = max(6, int(r.text_px * 0.4))
        for angle in (90.0, -90.0):
            image, matrix = _tile(binary, r.box, angle, scale, pad)
            out.append(Tile(n, image, matrix))
    return out


def flat_tiles(gray: Gray, found: Sequence[Region], only: set[int]) -> list[Tile]:
    """The regions numbered ``only`` in a background-flattened view (``flatten``): labels on
    a grey highlight or a shaded cell, without the band's edges around them."""
    todo = [n for n in sorted(only) if not found[n].band and found[n].stretch is None]
    if not todo:
        return []
    px = float(np.median([found[n].text_px for n in todo]))
    flat = flatten.flattened(gray, px)
    out = []
    for n in todo:
        r = found[n]
        scale = tile_scale(r.text_px, r.box)
        image, matrix = _tile(flat, r.box, 0.0, scale, max(6, int(r.text_px * 0.4)))
        out.append(Tile(n, image, matrix))
    return out


SOFT = 0.05  # of a region's text height: the Gaussian blur of its soft view (1 px for 20-px fax type)


def soft_tiles(binary: Gray, ink: Gray, found: Sequence[Region], only: set[int]) -> list[Tile]:
    """The regions numbered ``only`` softened: their binarised ink blurred by ``SOFT`` of their
    text height, grey, upright and at their own tilt.  A 1-bit fax or a hard threshold breaks
    small type's thin strokes into pieces Tesseract reads as nonsense; blurred, the pieces
    join into strokes again (the W-9 fax's 7-pt certification: mean confidence 0.42 as
    printed, 0.72 softened).  Only how the ink is shown changes, never which ink is asked for."""
    out: list[Tile] = []
    for n in sorted(only):
        r = found[n]
        if r.band or r.stretch is not None:
            continue
        scale = tile_scale(r.text_px, r.box)
        pad = max(6, int(r.text_px * 0.4))
        tilt = r.tilt if r.tilt is not None else _angle(ink, r.box)
        sigma = max(0.5, SOFT * r.text_px) * scale
        for angle in (0.0, tilt) if abs(tilt) >= MIN_ANGLE else (0.0,):
            image, matrix = _tile(binary, r.box, angle, scale, pad)
            out.append(Tile(n, np.asarray(cv2.GaussianBlur(image, (0, 0), sigma), dtype=np.uint8), matrix))
    return out


LAYER_APART = 25.0  # ΔE between two ink colours for each to get a layer of its own


def colour_layers(rgb: NDArray[np.uint8], ink: Gray, found: Sequence[Region], only: set[int]) -> list[Tile]:
    """One black-on-white layer per ink colour of the regions numbered ``only``: the ink
    pixels split in two by colour (k-means in Lab, lightness weighed 0.3), each cluster its own
    tile, when the two colours are at least ``LAYER_APART`` apart (a red stamp over black print, a blue
    signature across a typed name)."""
    out: list[Tile] = []
    for n, r in enumerate(found):
        if n not in only or r.band or r.stretch is not None:
            continue
        b = r.box
        mask = ink[b.y0 : b.y1, b.x0 : b.x1] > 0
        if int(mask.sum()) < 50:
            continue
        lab = cv2.cvtColor(np.ascontiguousarray(rgb[b.y0 : b.y1, b.x0 : b.x1]), cv2.COLOR_RGB2LAB).astype(np.float32)
        lab[:, :, 0] *= 0.3 * 100.0 / 255.0  # hue and chroma decide; lightness little (antialiased
        # edges of one ink are lighter than its strokes, not another colour)
        pixels = lab[mask]
        criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
        _, labels, centres = cv2.kmeans(pixels, 2, np.empty(0), criteria, 2, cv2.KMEANS_PP_CENTERS)
        if float(np.linalg.norm(centres[0] - centres[1])) < LAYER_APART:
            continue
        scale = tile_scale(r.text_px, r.box)
        pad = max(6, int(r.text_px * 0.4))
        flat = labels.ravel()
        for k in (0, 1):
            layer = np.full(ink.shape, 255, np.uint8)
            crop = np.full(mask.shape, 255, np.uint8)
            crop[mask] = np.where(flat == k, 0, 255).astype(np.uint8)
            layer[b.y0 : b.y1, b.x0 : b.x1] = crop
            image, matrix = _tile(layer, b, 0.0, scale, pad)
            out.append(Tile(n, image, matrix, carries=(crop == 0).astype(np.uint8)))
    return out


def tile_scale(text_px: float, box: BBox) -> float:
    """How much a region's tile is enlarged: its text to ``TARGET_HEIGHT`` (at most 4 times,
    never shrunk), but its longer side to no more than ``MAX_TILE_SIDE``: a full-width
    letterhead band of 12 px type made 6,600 px tiles, and Tesseract took minutes on each
    mosaic of them (the page timed out)."""
    scale = min(4.0, max(1.0, TARGET_HEIGHT / max(text_px, 1.0)))
    return float(max(1.0, min(scale, MAX_TILE_SIDE / max(box.width, box.height, 1))))


def long_strokes(ink: Gray, across: int, down: int) -> Gray:
    """The straight strokes of the 0/1 ``ink`` at least ``across`` px long horizontally or
    ``down`` px vertically (rules, box walls), 0/1."""
    return np.maximum(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, across), np.uint8)),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((down, 1), np.uint8)),
    )


def letters(ink: Gray, text_px: float) -> Gray:
    """The 0/1 ``ink`` of a region without its straight strokes longer than two text heights
    of ``text_px`` (at least 15 px) either way: rules, box walls, a highlight's edges, the
    paper strip between two close bands.  No letter has such a stroke."""
    crop = np.ascontiguousarray(ink, dtype=np.uint8)
    length = max(15, int(2 * text_px))
    return np.asarray(crop * (1 - long_strokes(crop, length, length)), np.uint8)


def _without_boxes(binary: Gray, text_px: float) -> Gray:
    """Rules and box walls (long horizontal and vertical strokes) removed: the letters of a
    comb field (one per box) or a table cell left alone."""
    ink = (binary == 0).astype(np.uint8)
    length = max(15, int(text_px * 1.3))
    walls = long_strokes(ink, length * 2, length)
    if not walls.any():
        return binary
    cleaned = ink * (1 - cv2.dilate(walls, np.ones((3, 3), np.uint8)))
    return np.where(cleaned > 0, 0, 255).astype(np.uint8)


DOT_SIDE = 0.4  # a region whose median ink component is smaller than this share of its line height is dots
MIN_DOTS = 12  # ink components a region needs to be read as dot print
MAX_DOTS = 4000  # components measured (nearest neighbours, pairwise): a larger region is sampled
DOT_BLUR_LEVEL = 0.24  # of full ink: the blurred dots' threshold (a stroke between two dots stays)
LETTER_GAP_DOTS = 3.0  # pitches: the widest gap between two letters of one word in dot print


def joined_print(ink: Gray, dpi: int, printed: tuple[Gray, float] | None = None) -> Gray:
    """``ink`` (0/1) with the dots of dot-matrix print (``formmarks.print_dots``) joined to
    their neighbours and a word's letters to each other, so that ``regions`` groups a dotted
    line by its words (not one region per glyph, too small to read).  The join is the dots'
    median neighbour distance, and ``LETTER_GAP_DOTS`` of it along the line.  Only the
    grouping changes: every view still reads the ink as printed.  ``printed``: the dots and
    their pitch when the caller has them."""
    dots, pitch = printed if printed is not None else formmarks.print_dots(ink, dpi)
    if pitch == 0:
        return ink
    k = round(pitch) | 1
    joined = cv2.morphologyEx(dots, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    # and the letters of a word: a printer's cell leaves a dot or two between letters and a
    # whole cell (five or more) between words
    joined = cv2.morphologyEx(joined, cv2.MORPH_CLOSE, np.ones((1, round(pitch * LETTER_GAP_DOTS) | 1), np.uint8))
    return np.maximum(ink, joined).astype(np.uint8)


def joined_dots(binary: Gray, line_px: float) -> list[Gray]:
    """Views of a 0/255 image whose letters are printed as dots (dot-matrix print, a coarse
    dot screen) in which the dots make strokes: each dot closed to its neighbours, and the
    dots blurred and thresholded (rounder strokes, which Tesseract reads best when the dots
    are far apart); none when the ink is not dots (its median component is a glyph, not a
    fraction of one).  Both work at the median distance between neighbouring dots: wide
    enough to bridge the gaps of a glyph, too narrow to bridge the gap between two letters."""
    ink = (binary == 0).astype(np.uint8)
    n, _, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n - 1 < MIN_DOTS:
        return []
    sides = np.maximum(stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT])
    if float(np.median(sides)) >= DOT_SIDE * line_px:
        return []
    sample = np.asarray(centres[1:][:: max(1, (n - 1) // MAX_DOTS)], np.float64)
    pitch = float(np.median(formmarks.nearest_distances(sample)))
    k = round(pitch) | 1
    if k < 3 or pitch >= DOT_SIDE * line_px:
        return []
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    soft = cv2.GaussianBlur(ink.astype(np.float32), (0, 0), pitch / 3.0)
    return [np.where(closed > 0, 0, 255).astype(np.uint8), np.where(soft > DOT_BLUR_LEVEL, 0, 255).astype(np.uint8)]


def _mirrored(matrix: NDArray[np.float64], width: int) -> NDArray[np.float64]:
    """The page → tile transform followed by a left-right flip of the tile (show-through)."""
    flip = np.array([[-1.0, 0.0, width - 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    full = np.vstack([matrix, [0.0, 0.0, 1.0]])
    return np.asarray((flip @ full)[:2], dtype=np.float64)


def _mosaics(all_tiles: Sequence[Tile]) -> list[tuple[Gray, list[tuple[int, int, int]]]]:
    """Stack tiles vertically (several mosaics if tall or large: ``MAX_MOSAIC``,
    ``MAX_MOSAIC_PIXELS``); each with (tile, y0, y1) placements."""
    groups: list[list[int]] = [[]]
    height, width = GAP, 0
    for i, t in enumerate(all_tiles):
        h, w = t.image.shape[0] + GAP, t.image.shape[1] + 2 * GAP
        if groups[-1] and (height + h > MAX_MOSAIC or max(width, w) * (height + h) > MAX_MOSAIC_PIXELS):
            groups.append([])
            height, width = GAP, 0
        groups[-1].append(i)
        height, width = height + h, max(width, w)
    out = []
    for group in groups:
        if not group:
            continue
        width = max(all_tiles[i].image.shape[1] for i in group) + 2 * GAP
        total = GAP + sum(all_tiles[i].image.shape[0] + GAP for i in group)
        canvas = np.full((total, width), 255, np.uint8)
        placed = []
        y = GAP
        for i in group:
            im = all_tiles[i].image
            canvas[y : y + im.shape[0], GAP : GAP + im.shape[1]] = im
            placed.append((i, y, y + im.shape[0]))
            y += im.shape[0] + GAP
        out.append((canvas, placed))
    return out


def _to_page_box(box: BBox, dx: int, dy: int, inverse: NDArray[np.float64], w: int, h: int) -> BBox:
    corners = np.array(
        [[box.x0 - dx, box.y0 - dy, 1], [box.x1 - dx, box.y0 - dy, 1], [box.x0 - dx, box.y1 - dy, 1],
         [box.x1 - dx, box.y1 - dy, 1]], dtype=np.float64,
    )  # fmt: skip
    pts = corners @ inverse.T
    x0, y0 = np.floor(pts.min(axis=0)).astype(int)
    x1, y1 = np.ceil(pts.max(axis=0)).astype(int)
    return BBox(max(0, int(x0)), max(0, int(y0)), min(w, int(x1)), min(h, int(y1)))


def read_views(
    gray: Gray,
    found: Sequence[Region],
    binary: Gray,
    ink: Gray,
    dpi: int,
    ocr: OcrFn,
    index: int,
    lang: str,
    others: Sequence[OcrFn] = (),
    rgb: NDArray[np.uint8] | None = None,
    rules: formmarks.PageRules | None = None,
    heard: Sequence[BBox] = (),
) -> ViewReading:
    """Read every region through its views; pages per tile (page coordinates), unread regions
    (``rules``: the page's long strokes, so a piece of a rule the region's box cut short is rule;
    ``heard``: boxes of words other readers read, such as a seal's type: ``Cover``).
    On a colour page ``rgb`` each region of two ink colours is also read one layer per colour;
    regions the first views do not read get further views, and regions still unread are tried
    with ``others`` (another script)."""
    if not found:
        return ViewReading((), (), 0)
    rows = {n for n, r in enumerate(found) if r.row}  # read apart, for their items only (below)
    own = set(range(len(found))) - rows
    all_tiles = tiles(gray, binary, ink, found, dpi, only=own)
    if rgb is not None:  # every region of two ink colours, read or not: one may hide under the other
        all_tiles += colour_layers(rgb, ink, found, own)
    best: dict[int, float] = {}
    chosen: dict[int, tuple[float, list[Word]]] = {}
    pages: list[Page] = []
    size = (gray.shape[1], gray.shape[0])
    cover = Cover(found, ink, tuple(heard))
    _read_tiles(size, all_tiles, ocr, index, lang, dpi, best, pages, cover, chosen)
    left = {n for n in own if best.get(n, 0.0) < READ_CONF}
    soft: list[Tile] = []
    if left:
        extra, _ = more_tiles(binary, ink, found, left)
        _read_tiles(size, extra, ocr, index, lang, dpi, best, pages, cover, chosen)
        # in a mosaic of their own: a tile changes how Tesseract reads the others of its mosaic
        flat = flat_tiles(gray, found, {n for n in left if best.get(n, 0.0) < READ_CONF})
        _read_tiles(size, flat, ocr, index, lang, dpi, best, pages, cover, chosen)
        soft = soft_tiles(binary, ink, found, {n for n in left if best.get(n, 0.0) < READ_CONF})
        _read_tiles(size, soft, ocr, index, lang, dpi, best, pages, cover, chosen)
        all_tiles += extra + flat
    # every region is also read mirrored, read or not: a mirrored line (show-through) reads as
    # confident nonsense the right way round, which must not stop the view that reads it
    # (for its items only: a mirror of what a first view read explains no ink)
    _, mirrors = more_tiles(binary, ink, found, own)
    unread_mirrors = [t for t in mirrors if best.get(t.region, 0.0) < READ_CONF]
    _read_tiles(size, unread_mirrors, ocr, index, lang, dpi, best, pages, cover)
    all_tiles += unread_mirrors
    # whole rows (level and mirrored) and mirrors of what a first view read, in mosaics of their
    # own: items found, no ink explained (confident nonsense the wrong way round explains nothing)
    apart = [t for t in mirrors if best.get(t.region, 0.0) >= READ_CONF]
    columns = {n for n in rows if found[n].box.height > UPRIGHT * found[n].box.width}  # ``column_lines``
    if rows - columns:
        level = rows - columns
        apart += tiles(gray, binary, ink, found, dpi, only=level) + more_tiles(binary, ink, found, level)[1]
    apart += quarter_tiles(binary, found, columns)
    if apart:
        _read_tiles(size, apart, ocr, index, lang, dpi, {}, pages, chosen=chosen)
    for other in others:
        upright = isinstance(other, Upright)
        todo = [t for t in all_tiles if best.get(t.region, 0.0) < READ_CONF and not (upright and t.turned)]
        if not todo:
            break
        _read_tiles(size, todo, other, index, lang, dpi, best, pages, cover, chosen)
        # the soft tiles in mosaics of their own: mixed in, they made the others' mosaics larger,
        # read smaller and worse (a comb of written capitals went unread)
        todo = [t for t in soft if best.get(t.region, 0.0) < READ_CONF]
        _read_tiles(size, todo, other, index, lang, dpi, best, pages, cover, chosen)
    for n, r in enumerate(found):  # a joined line read: its parts (same angle, inside it) are read
        if r.tilt is not None and not r.row and best.get(n, 0.0) >= READ_CONF:
            for m, part in enumerate(found):
                inside = part.tilt is None and not part.band and part.stretch is None and _within(part.box, r.box)
                if inside and abs(_angle(ink, part.box) - r.tilt) < 6.0 and not uncovered([part], ink, pages):
                    best[m] = max(best.get(m, 0.0), best[n])  # and its ink lies in confident words
    unread: list[BBox] = []
    named: list[tuple[BBox, str]] = []
    kept: list[formmarks.Item] = []
    paper: NDArray[np.float32] | None = None  # the page's paper colour, measured when first needed
    for n, r in enumerate(found):
        long_stroke = r.box.width > 3 * r.box.height and not formmarks.encloses(ink, r.box)  # a signature,
        # one component many letters long; not a frame (an empty field, a comb), which encloses the paper
        if best.get(n, 0.0) >= READ_CONF or not (r.comps >= 2 or r.band or long_stroke) or r.tilt is not None or r.row:
            continue  # read, a lone glyph, or a joined line (its parts answer for its ink)
        if r.band or r.stretch is not None:  # a band or a bar a stretch looked into: only a scanner's border
            # at the page's edge is structure (the marks it could hold there are under 3.6 pt, its fringe 1.2 pt)
            crop = ink[r.box.y0 : r.box.y1, r.box.x0 : r.box.x1].astype(np.uint8)
            kind = "page edge" if formmarks.at_page_edge(crop, r.box, ink.shape[:2], dpi) else None
        else:
            kind = formmarks.classify(ink, r.box, r.text_px, dpi, rules)
        shown = gray if rgb is None else rgb
        if (
            kind is None
            and r.stretch is None
            and (edges.stripes(shown, r.box, dpi, ink) or edges.tint_edge(shown, r.box, dpi, ink))
        ):
            kind = "band edge"  # the edge of a band, the gap between two (a light strip on dark): no letter
        if kind is None and r.stretch is None:  # a band too: a band's light letters are no fill's rim
            if paper is None:
                paper = filledges.paper_colour(shown)
            ruled = None if r.band else formmarks.rule_ink(ink, r.box, r.text_px, dpi, rules)
            if filledges.fill_edge(shown, r.box, dpi, ink, paper, _kernel(dpi), structure=ruled):
                kind = "picture edge"  # where two fills of a picture meet: no letter
        if kind is None:
            unread.append(r.box)
            tilted = abs(_angle(ink, r.box)) >= MIN_ANGLE
            named.append((r.box, formmarks.unread_kind(ink, r.box, r.text_px, dpi, tilted)))
        else:
            kept.append(formmarks.Item(r.box, kind))
    words = tuple(w for _, ws in chosen.values() for w in ws)
    return ViewReading(tuple(pages), tuple(unread), len(found), tuple(kept), tuple(named), words)


def _read_tiles(
    size: tuple[int, int],
    all_tiles: Sequence[Tile],
    ocr: OcrFn,
    index: int,
    lang: str,
    dpi: int,
    best: dict[int, float],
    pages: list[Page],
    cover: Cover | None = None,
    chosen: dict[int, tuple[float, list[Word]]] | None = None,
) -> None:
    """Read ``all_tiles`` in mosaics; every word in page coordinates goes to ``pages``, and a
    region counts as read (``best``, its tile's mean confidence) only when its tile's words
    have letters (``_evidence``) and, given ``cover`` (the regions and the ink mask), the
    confident ones lie over ``VIEW_COVERED`` of its ink with what earlier tiles read of it, and
    nothing letter-sized is left that no reading said anything about (``_explains``): a
    confidently read neighbour in the tile's margin ("No" beside a signature) explains none
    of the region's ink.  ``chosen`` keeps, per region, the words of its most confident
    reading the right way round."""
    width, height = size
    for canvas, placed in _mosaics(all_tiles):
        read = ocr(Image.fromarray(canvas))
        per_tile: dict[int, dict[tuple[int, int], list[Word]]] = {}
        for n_line, line in enumerate(read.lines):
            for word in line.words:
                cy = (word.bbox.y0 + word.bbox.y1) / 2
                hit = next((p for p in placed if p[1] <= cy < p[2]), None)
                if hit is None:
                    continue
                tile = all_tiles[hit[0]]
                inverse = cv2.invertAffineTransform(tile.matrix).astype(np.float64)
                page_box = _to_page_box(word.bbox, GAP, hit[1], inverse, width, height)
                if page_box.x1 <= page_box.x0 or page_box.y1 <= page_box.y0:
                    continue
                per_tile.setdefault(hit[0], {}).setdefault((line.block, n_line), []).append(
                    Word(word.text, page_box, word.conf)
                )
        for t, lines in per_tile.items():
            words = [w for ws in lines.values() for w in ws]
            found = [w for w in words if _evidence(w.text)]  # matched: more words can only find more
            if found and chosen is not None and not all_tiles[t].turned:
                region, mean = all_tiles[t].region, sum(w.conf for w in found) / len(found)
                if mean > chosen.get(region, (-1.0, []))[0]:
                    chosen[region] = (mean, found)
            real = [w for w in found if _evidence(w.text, lang)]  # what counts as having read the ink
            if real:
                mean = sum(w.conf for w in real) / len(real)
                chars = sum(len(w.text) for w in real)
                region = all_tiles[t].region
                confident = [w.bbox for w in real if w.conf >= READ_CONF]
                said = [w.bbox for w in found]
                enough = chars >= 2 or _one_han(real)
                if enough and (cover is None or _explains(cover, region, confident, all_tiles[t].carries, said)):
                    best[region] = max(best.get(region, 0.0), mean)
            page_lines = tuple(
                Line(tuple(ws), union(w.bbox for w in ws), key[0], 0) for key, ws in sorted(lines.items())
            )
            pages.append(Page(index, width, height, dpi, PageSource.OCR, page_lines, lang, engine="tesseract"))


VIEW_COVERED = 0.6  # share of a region's ink under a view's confident words for the view to have read it
BLOCK_FILL = 0.5  # a region whose box is more than this share ink is a block (a tint), judged by confidence
WORD_MARGIN = 3  # px around a word's box that still counts as its ink (antialiased edges)


@dataclass(frozen=True, slots=True)
class Cover:
    """The regions and the ink mask the views' readings are judged against, and per region what
    they have accounted for so far (``_explains``): the ink under confident words
    (``confident``) and under any word read (``said``), each a 0/1 mask of the region's box;
    ``heard``: the boxes of words other readers read (a seal's type along its ring), which
    say something about the ink under them too."""

    found: Sequence[Region]
    ink: Gray
    heard: tuple[BBox, ...] = ()
    confident: dict[int, Gray] = field(default_factory=dict)
    said: dict[int, Gray] = field(default_factory=dict)


LEFT_LETTERS = 3  # letter-sized marks no reading said anything about that leave a region unread
LEFT_HEIGHT = 0.2  # of the region's text height: a mark this tall or taller is letter-sized


def _box_mask(shape: tuple[int, ...], b: BBox, boxes: Sequence[BBox]) -> Gray:
    """1 under ``boxes`` (page coordinates, grown by ``WORD_MARGIN``) in a crop of ``shape`` at ``b``."""
    under = np.zeros(shape[:2], np.uint8)
    for w in boxes:
        x0, y0 = max(0, w.x0 - WORD_MARGIN - b.x0), max(0, w.y0 - WORD_MARGIN - b.y0)
        x1, y1 = min(shape[1], w.x1 + WORD_MARGIN - b.x0), min(shape[0], w.y1 + WORD_MARGIN - b.y0)
        if x1 > x0 and y1 > y0:
            under[y0:y1, x0:x1] = 1
    return under


def _explains(
    cover: Cover, region: int, boxes: Sequence[BBox], carries: Gray | None = None, said: Sequence[BBox] = ()
) -> bool:
    """Whether the readings so far, with this one's confident words (``boxes``) and every word
    it read (``said``, page coordinates), account for region number ``region``: confident
    words lie over ``VIEW_COVERED`` of its ink, its straight strokes longer than two text
    heights (rules, box walls, a tint's edges) left out, and the ink no word of any reading
    lies over holds fewer than ``LEFT_LETTERS`` letter-sized marks (a small ID printed under a
    large line is no part of it, however little ink it has).  Bands, stretched blocks and
    regions over ``BLOCK_FILL`` ink (whose ink is the block) and regions without such ink pass.
    Words read in one colour layer (``carries``: that layer's ink in the region's box) account
    for that layer's ink only: a red stamp read over black print accounts for none of the
    print (the print's own reading must), while type read on its own layer accounts for its
    region when the other layer is a block (a tint)."""
    found, ink = cover.found, cover.ink
    if region < 0 or region >= len(found):
        return True
    r = found[region]
    if r.band or r.stretch is not None:
        return True
    b = r.box
    crop = np.ascontiguousarray(ink[b.y0 : b.y1, b.x0 : b.x1], dtype=np.uint8)
    if crop.size == 0 or (carries is None and float(crop.mean()) > BLOCK_FILL):
        return True  # a tint or a band with text on it: its ink is the block (a layer is read as it stands)
    crop = letters(crop, r.text_px)  # rules, box walls and a highlight's edges are no letters
    if int(crop.sum()) == 0:
        return True
    under = _box_mask(crop.shape, b, boxes)
    spoken = np.maximum(_box_mask(crop.shape, b, [*said, *cover.heard]), under)
    if carries is not None and carries.shape == under.shape:
        under *= carries
        spoken *= carries
        if float((crop * (1 - carries)).mean()) > BLOCK_FILL:  # the other layer is the block (a tint)
            crop = crop * carries  # the words are on
    confident = np.maximum(cover.confident.get(region, under), under)
    spoken = np.maximum(cover.said.get(region, spoken), spoken)
    cover.confident[region], cover.said[region] = confident, spoken
    total = int(crop.sum())
    if total == 0 or int((crop * confident).sum()) < VIEW_COVERED * total:
        return False
    left = (crop * (1 - spoken)).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(left, connectivity=8)
    tall = stats[1:, cv2.CC_STAT_HEIGHT] >= max(2.0, LEFT_HEIGHT * r.text_px)
    return int(tall.sum()) < LEFT_LETTERS


def _evidence(text: str, lang: str = "") -> bool:
    """Whether a word read in a view is evidence the region was read: it has letters or digits,
    and not one glyph repeated ("CC", "ww", "llll": what engines make of arcs, hatching and
    rules, however confident) — and, on a page whose languages (``lang``) hold no Chinese,
    Japanese or Korean, no Han, kana or hangul: a reader that knows them (PP-OCR, the last
    reader of a Latin page) makes 一 of a signature's wave and 口 of its loop, confidently."""
    glyphs = [ch for ch in text if ch.isalnum()]
    if lang and not any(s in lang for s in ("chi", "jpn", "kor")) and any(_cjk(ch) for ch in glyphs):
        return False
    return bool(glyphs) and (len(glyphs) == 1 or len(set(glyphs)) > 1)


ONE_HAN_CONF = 0.9  # a lone Han character read this confidently is a reading (作。 ending a paragraph)
ONE_HAN_STROKES = 4  # ... when it has at least this many strokes (not 一 丨 口 十 人: what specks and loops read as)


def _one_han(words: Sequence[Word]) -> bool:
    """Whether a region's only letter is one Han character read at ``ONE_HAN_CONF`` or more,
    of at least ``ONE_HAN_STROKES`` strokes as ``hanlike`` splits it: the last line of a
    Chinese paragraph (``作。``, ``（略）``) is one character, and a speck, a loop or a rule
    is read as a simple one if as any."""
    from sandbox.redact.hanlike import strokes

    glyphs = [ch for w in words for ch in w.text if ch.isalnum()]
    return (
        len(glyphs) == 1
        and _cjk(glyphs[0])
        and all(w.conf >= ONE_HAN_CONF for w in words)
        and strokes(glyphs[0]) >= ONE_HAN_STROKES
    )


def _cjk(ch: str) -> bool:
    """Whether a character is Han, kana or hangul."""
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


LIGHT = (150, 248)  # of 255 of the local background: light ink (watermarks) between these
LIGHT_GLYPH = 0.15  # inch: light glyphs at least this tall are a watermark's, not antialiasing
LIGHT_MIN_GLYPHS = 4  # light glyphs a page needs for its light layer to be read


def light_layer(gray: Gray, dpi: int, exclude: Sequence[BBox] = ()) -> tuple[Gray, BBox] | None:
    """The page's light ink alone (a watermark behind the text: ``LIGHT`` of its background,
    dark print and its antialiased edges left out), black on white, with the box of its
    watermark-sized glyphs — or None when it has fewer than ``LIGHT_MIN_GLYPHS`` of them.
    An attacker thresholds exactly this band of greys; the dark print over it is not there."""
    norm = normalise(_blank(gray, exclude), dpi)
    dark = cv2.dilate((norm < LIGHT[0]).astype(np.uint8), np.ones((5, 5), np.uint8))
    light = ((norm >= LIGHT[0]) & (norm <= LIGHT[1]) & (dark == 0)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(light, connectivity=8)
    tall = max(8, round(dpi * LIGHT_GLYPH))
    keep = np.zeros(n, bool)
    keep[1:] = (stats[1:, cv2.CC_STAT_HEIGHT] >= tall) & (stats[1:, cv2.CC_STAT_HEIGHT] <= tall * 8)
    if int(keep.sum()) < LIGHT_MIN_GLYPHS:
        return None
    glyphs = keep[labels]
    ys, xs = np.nonzero(glyphs)
    box = BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return np.where(glyphs, 0, 255).astype(np.uint8), box


def light_tiles(gray: Gray, dpi: int, exclude: Sequence[BBox] = ()) -> list[Tile]:
    """The light layer turned level at its own angle (and upside down): one tile each."""
    found = light_layer(gray, dpi, exclude)
    if found is None:
        return []
    layer, box = found
    angle = _angle((layer == 0).astype(np.uint8), box)
    out = []
    for a in (angle, angle + 180.0):
        image, matrix = _tile(layer, box, a, 1.0, 20)
        out.append(Tile(-1, image, matrix))
    return out


def read_light(gray: Gray, dpi: int, ocr: OcrFn, index: int, lang: str, exclude: Sequence[BBox] = ()) -> list[Page]:
    """What the page's light layer reads (page coordinates): a watermark behind the text,
    read whole at its own angle as an attacker reads it."""
    layer = light_tiles(gray, dpi, exclude)
    pages: list[Page] = []
    if layer:
        _read_tiles((gray.shape[1], gray.shape[0]), layer, ocr, index, lang, dpi, {}, pages)
    return pages


IN_WORD = 0.9  # share of a ring's box inside a confident word's box for it to be one of its letters
BEYOND = 0.4  # of the ring's width: how much wider the word is (another letter, not a box's slack)


def _letters_back(
    before: Gray, after: Gray, rings: list[formmarks.Item], pages: Sequence[Page]
) -> tuple[Gray, list[formmarks.Item]]:
    """``after`` (the ink without the rings ``formmarks.radios`` found in ``before``) with the
    rings that are letters given back, and the rings that are radio buttons.  A ring lying
    (``IN_WORD``) inside the box of a word the plain readings read confidently, a word of two
    or more letters or digits reaching beyond the ring, is one of its letters (the ``o`` of
    ``workshops`` in 9-pt type stands as far from its neighbours as a radio from its label):
    its ink is type again, to be accounted for like the rest of the word.  Only ever gives ink
    back."""
    words = [w.bbox for p in pages for w in p.words if w.conf >= CONFIDENT and sum(ch.isalnum() for ch in w.text) >= 2]
    out, radios = after, []
    for r in rings:
        b = r.box
        area = max(1, b.width * b.height)
        inside = any(burn.overlap(b, w) >= IN_WORD * area and w.width - b.width >= BEYOND * b.width for w in words)
        if not inside:
            radios.append(r)
            continue
        if out is after:
            out = after.copy()
        out[b.y0 : b.y1, b.x0 : b.x1] = np.maximum(out[b.y0 : b.y1, b.x0 : b.x1], before[b.y0 : b.y1, b.x0 : b.x1])
    return out, radios


def look(
    img: Image.Image,
    pages: Sequence[Page],
    dpi: int,
    ocr: OcrFn,
    lang: str,
    *,
    exclude: Sequence[BBox] = (),
    others: Sequence[OcrFn] = (),
    skip: Sequence[BBox] = (),
    seal_readers: Sequence[OcrFn] = (),
) -> ViewReading:
    """Everything the plain readings ``pages`` missed, read through the views.  Regions lying
    (``SKIPPED`` of their area) inside a ``skip`` box are not read: they are ink another
    module answers for (a decoded barcode, burned or kept by ``redact.codes``), whose bars
    every view and PP-OCR would read as noise at great cost.  ``seal_readers`` read a round
    seal's ring besides ``ocr`` (:func:`sandbox.redact.seals.read`)."""
    img, gray, _ = tints.descreened(img, dpi)  # a fax's dithered highlight is paper, its label ink
    ink, binary = ink_mask(img, gray, dpi, exclude)
    index = pages[0].index if pages else 0
    rgb = np.asarray(img.convert("RGB"), dtype=np.uint8) if img.mode in ("RGB", "RGBA", "P") else None
    stamped = [seals.read(rgb, ink, s, ocr, seal_readers) for s in seals.find(rgb, ink, dpi)] if rgb is not None else []
    ink = seals.account(ink, stamped)  # a seal's ring and the type read along it are explained
    seal_pages = [seals.page(stamped, index, gray.shape[1], gray.shape[0], dpi, lang)] if stamped else []
    cjk = any(s in lang for s in ("chi", "jpn", "kor"))
    lab: Lab | None = None if rgb is None else lab_array(rgb)
    pen = None if lab is None else coloured_ink(ink, lab)  # a pen's mark on black print: its own ink
    text_ink, boxes = formmarks.checkboxes(ink, dpi, cjk=cjk, pen=pen)
    text_ink, shaded = _shaded_boxes(text_ink, gray, dpi, cjk, boxes)
    boxes += shaded
    text_ink, rings = _letters_back(text_ink, *formmarks.radios(text_ink, dpi), pages)
    printed = formmarks.print_dots(text_ink, dpi)  # once: blobs spare them, regions join them
    text_ink, dots = formmarks.blobs(text_ink, dpi, printed[0])
    boxes += rings + dots
    every = regions(joined_print(text_ink, dpi, printed), dpi, gray)
    heard = [w.bbox for r in stamped for w in r.words if _evidence(w.text)]
    found = uncovered(every, ink, pages, lab, heard)  # seals are found on colour pages only
    if skip:
        found = [r for r in found if burn.share_inside(r.box, skip) < SKIPPED]
    split = colour_split(text_ink, lab) if lab is not None else None
    bands = [r.box for r in every if r.band]  # type on a band is read with the band
    # heavy type printed across type in the same ink, told apart by stroke width
    heavy = heavy_layer(text_ink, _word_mask(ink.shape, pages, ink, lab, heard))
    layered = [
        (layer, uncovered(layer_regions(layer, dpi, found, bands), ink, pages, lab, heard, within=layer))
        for layer in (*(split or ()), *(() if heavy is None else (heavy,)))
    ]
    if skip:
        layered = [(layer, [r for r in mine if burn.share_inside(r.box, skip) < SKIPPED]) for layer, mine in layered]
    found += joined_lines(found, ink)
    page_rules = formmarks.page_rules(ink, dpi)
    found, rules = _structure_first(found, ink, dpi, page_rules)
    found += row_lines(found, every) + column_lines(found, every)
    seen = read_views(gray, found, binary, ink, dpi, ocr, index, lang, others, rgb, page_rules, heard)
    for layer, mine in layered:  # type in one colour across type in another: each layer read alone
        if mine:
            alone = read_views(
                np.where(layer > 0, gray, 255).astype(np.uint8), mine, np.where(layer > 0, 0, 255).astype(np.uint8),
                layer, dpi, ocr, index, lang, others, rgb, page_rules, heard,
            )  # fmt: skip
            seen = _both(seen, alone)
    light = read_light(gray, dpi, ocr, index, lang, exclude) + large.read_large(img, ink, dpi, ocr, index, exclude)
    structure = (*boxes, *rules, *seen.structure, *(formmarks.Item(r.box, "seal") for r in stamped))
    joined = assembled(pages, seen.words, index, dpi, lang)
    pages_out = (*seen.pages, *light, *joined, *seal_pages)
    return replace(seen, pages=pages_out, structure=structure, regions=seen.regions + len(rules))


def _both(a: ViewReading, b: ViewReading) -> ViewReading:
    """Two readings of one page's views as one."""
    return ViewReading(
        a.pages + b.pages,
        a.unread + b.unread,
        a.regions + b.regions,
        a.structure + b.structure,
        a.unread_kinds + b.unread_kinds,
        a.words + b.words,
    )


SAME_WORD = 0.5  # intersection over union of two words' boxes for them to be one word read twice
# or: this share of the smaller box inside the larger, and one's text inside the other's (a
# CJK line read whole by one reading and character by character by another: "敏敏感感")
SAME_TEXT_INSIDE = 0.6
SAME_LINE = 0.5  # of the lower word's height: vertical overlap that puts two words on one line


def assembled(plain: Sequence[Page], words: Sequence[Word], index: int, dpi: int, lang: str) -> list[Page]:
    """One page of the plain readings' confident words and each region's best view reading,
    in lines by position: an item split across regions (a name whose words the views read
    apart, one word read plainly and the next only by a view) is found on it.  Of two readings
    of one word the more confident stays, of a word and a reading holding it the longer one
    (no word is on the page twice).  Empty when the views read nothing."""
    if not words:
        return []
    rows = [(w.bbox.y0, w.bbox.y1) for w in words]
    beside = [  # the plain readings' confident words on the views' lines
        w
        for p in plain
        for w in p.words
        if w.conf >= CONFIDENT and any(_same_line((y0, y1), (w.bbox.y0, w.bbox.y1)) for y0, y1 in rows)
    ]
    every = sorted([*beside, *words], key=lambda w: -w.conf)
    kept: list[Word] = []
    for w in every:
        twice = next((n for n, k in enumerate(kept) if _read_twice(w, k)), None)
        if twice is None:
            kept.append(w)
        elif len(w.text.strip()) > len(kept[twice].text.strip()) and _iou(w.bbox, kept[twice].bbox) <= SAME_WORD:
            kept[twice] = w  # the longer reading holds the shorter: what it adds is kept
    lines: list[list[Word]] = []
    for w in sorted(kept, key=lambda w: (w.bbox.y0 + w.bbox.y1) / 2):
        for line in lines:
            if _same_line((line[-1].bbox.y0, line[-1].bbox.y1), (w.bbox.y0, w.bbox.y1)):
                line.append(w)
                break
        else:
            lines.append([w])
    out = tuple(
        Line(tuple(ws), union(w.bbox for w in ws), n, 0)
        for n, ws in enumerate(sorted(line, key=lambda w: w.bbox.x0) for line in lines)
    )
    width = max((w.bbox.x1 for w in kept), default=1)
    height = max((w.bbox.y1 for w in kept), default=1)
    if plain:
        width, height = plain[0].width, plain[0].height
    return [Page(index, width, height, dpi, PageSource.OCR, out, lang, engine="tesseract")]


def _read_twice(a: Word, b: Word) -> bool:
    """Whether two words are one word read twice: boxes that mostly coincide, or one box mostly
    inside the other with its text inside the other's."""
    if _iou(a.bbox, b.bbox) > SAME_WORD:
        return True
    small = min(a.bbox.width * a.bbox.height, b.bbox.width * b.bbox.height)
    inside = burn.overlap(a.bbox, b.bbox) >= SAME_TEXT_INSIDE * max(1, small)
    ta, tb = a.text.strip(), b.text.strip()
    return inside and bool(ta) and bool(tb) and (ta in tb or tb in ta)


def _same_line(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two words' vertical extents overlap by ``SAME_LINE`` of the shorter."""
    return min(a[1], b[1]) - max(a[0], b[0]) >= SAME_LINE * min(a[1] - a[0], b[1] - b[0])


def _iou(a: BBox, b: BBox) -> float:
    inter = burn.overlap(a, b)
    return inter / float(max(1, a.width * a.height + b.width * b.height - inter))


SKIPPED = 0.9  # share of a region's box inside a skip box for it not to be read


def _shaded_boxes(
    text_ink: Gray, gray: Gray, dpi: int, cjk: bool, known: Sequence[formmarks.Item]
) -> tuple[Gray, list[formmarks.Item]]:
    """Checkboxes filled with a grey tint: the ink mask sees a thick blot (its window cannot
    see past the tint), the background-flattened view sees the frame and its mark, and finds
    them as checkboxes there (one mark at most inside, as everywhere)."""
    flat = (flatten.flattened(gray, dpi * 0.1) == 0).astype(np.uint8)
    _, found = formmarks.checkboxes(flat, dpi, cjk=cjk)
    out = text_ink.copy()
    new = []
    for item in found:
        b = item.box
        if any(b.x0 < k.box.x1 and k.box.x0 < b.x1 and b.y0 < k.box.y1 and k.box.y0 < b.y1 for k in known):
            continue
        out[b.y0 : b.y1, b.x0 : b.x1] = 0
        new.append(item)
    return out, new


def _structure_first(
    found: Sequence[Region], ink: Gray, dpi: int, rules: formmarks.PageRules | None = None
) -> tuple[list[Region], list[formmarks.Item]]:
    """The regions to read, and those that are structure whatever a reading says (rules,
    grids and specks with nothing letter-sized in them, ``formmarks.classify``): they are not
    read, so the hundreds of dashes of a grey rule on a 1-bit scan neither cost a reading nor
    crowd a mosaic (Tesseract's layout drops text from a mosaic full of dashes).  Those of
    more than one component are listed by kind."""
    keep: list[Region] = []
    items: list[formmarks.Item] = []
    for r in found:
        kind = None
        if not r.band and r.stretch is None and r.tilt is None:
            kind = formmarks.classify(ink, r.box, r.text_px, dpi, rules)
        if kind is None:
            keep.append(r)
        elif r.comps >= 2:
            items.append(formmarks.Item(r.box, kind))
    return keep, items


def rethreshold(img: Image.Image, dpi: int, exclude: Sequence[BBox] = ()) -> Image.Image:
    """The attacker's first trick: the whole page normalised and thresholded high."""
    _, binary = ink_mask(img, gray_array(img), dpi, exclude)
    return Image.fromarray(binary)


RULE_LENGTH = 0.15  # inch: a straight stroke at least this long is a rule or a box wall, not a letter's


def without_rules(img: Image.Image, dpi: int, exclude: Sequence[BBox] = ()) -> list[Image.Image]:
    """The whole page with its rules and box walls (straight horizontal and vertical strokes of
    ``RULE_LENGTH`` or more) made white — what an attacker reads a table or a comb field through
    (one letter per box reads as letters, not as ``|M|a|r|``) — twice: thresholded (dot screens
    closed, coloured ink dark) and in its own greys divided by the background (blurred or soft
    print, whose thresholded strokes swell into one another: ``0`` read as ``08``), ink that only
    its colour tells from its background drawn black there.  Empty when the page has no such
    strokes (nothing to read that a plain reading did not)."""
    page = gray_array(img)
    ink, _ = ink_mask(img, page, dpi, exclude)  # the page's own mask: remembered by its pixels
    grey = _blank(page, exclude)
    length = max(15, round(dpi * RULE_LENGTH))
    walls = long_strokes(ink, length, length)
    if not walls.any():
        return []
    wall = cv2.dilate(walls, np.ones((3, 3), np.uint8)) > 0
    cleaned = (ink > 0) & ~wall
    shade = normalise(grey, dpi)
    dark = darkest_array(img)
    if dark is not None:
        shade = np.minimum(shade, normalise(_blank(dark, exclude), dpi))
    shade = np.where(cleaned & (shade >= INK), 0, shade)
    return [
        Image.fromarray(np.where(cleaned, 0, 255).astype(np.uint8)),
        Image.fromarray(np.where(wall, 255, shade).astype(np.uint8)),
    ]
