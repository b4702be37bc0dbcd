"""Edges between the fills of a picture: ink the background estimate makes up where two
coloured areas meet, with no letter in it.

The ink finders compare each pixel with the brightest pixel or the median of its
neighbourhood.  Where a dark fill of a photograph or a drawing meets a lighter one (a hill
against the sky, the shore of a lake), a strip of the darker fill along the edge counts as
ink.  No reading explains it, so an ordinary leaflet with a picture was refused for "ink that
no reading could read".  :mod:`sandbox.redact.edges` forgives flat stripes only; a
photograph's fills are grainy and its edges curve.

A region is a *fill edge* when nearly all its ink is the fill beside it:

* a *fill* is a colour of pixels the ink mask left out that is *thick* (``SOLID`` of a square
  ``THICK`` inches wide: no stroke of type is that wide below about 70 pt); its *body* is its
  pieces (grain and all) holding such a square, opened by a disc ``STROKE`` wide.  The page's
  paper (ΔE ``PAPER``) is a fill that explains nothing: it is only ever the other side.
* an ink pixel is **explained** as a fill's *rim* when it is of that fill's colour (ΔE
  ``MATCH``) or a true mix of it and another fill's (``MIX``), lies within the ink finders'
  window (``reach``) of its body, and its nearest left-out pixel of any other colour belongs
  to another fill's body: the light across the edge that made it ink;
* or as the fill's *grain*: within ``SPECK`` of its body and ``GRAIN`` times its measured
  grain (at most ``MAX_GRAIN``) of its colour;
* or as the paper beside a picture: of the paper's colour, within a stroke's width
  (``STROKE``) of the paper's body and within ``reach`` of a picture fill's body (the white
  margin of a photograph, lighter than the photograph around it);
* at least ``EXPLAINED`` of the region's ink is explained, and what is left, its one-pixel
  seams opened away and its level and upright runs ``RULE_RUN`` inches long or more (a
  chart's grid and axes) taken out, holds no piece ``PIECE`` inches long or more.

Why no text passes: ink that is type has a colour of its own, which differs from what it is
drawn on (that is what makes it legible).  It is explained only where it lies within
reach of a thick fill of its own colour, so only the part of a letter touching such a
fill can be; the rest of it is left over and the region stays unread.  Light letters on a
dark fill (reverse video, a sign's white lettering) make the fill's rim ink, of the fill's
colour; but the second side, the letters, is paper-coloured or no thicker than a stroke, so
that rim is not explained either.  Pure NumPy/OpenCV; nothing here sees text.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from sandbox.models import BBox
from sandbox.redact.edges import WEIGHTS, delta2, lab_of

MATCH = 8.0  # ΔE: an ink pixel this close to a fill's colour is that fill
PAPER = 12.0  # ΔE: a fill this close to the page's paper is paper (a letter's counter, the page)
THICK = 0.25  # inches: a fill holds a square this wide (a stroke of 70-pt bold type is 0.12)
STROKE = 0.015  # inches: a fill's body is what is left of it opened by a disc this wide (bridges, hairlines)
MIX = 0.15  # a seam's pixel is at least this far along from either fill's colour to the other's
BAR = 0.1  # inches: a piece of a fill's colour this thick both ways that is a solid rectangle is a fill too
RECT = 0.9  # share of its box a bar covers (what it encloses counted in)
SOLID = 0.8  # share of that square the fill's pixels cover (its grain, and the ink mask's specks in it, aside)
PIECE = 0.04  # inches: an unexplained piece this long could be a letter (the height of 6-pt type)
RULE_RUN = 0.25  # inches: an unexplained level or upright run this long is a rule (a chart's grid, its axis)
EXPLAINED = 0.5  # share of the region's ink the fills must explain
AROUND = 0.5  # inches around the region where its fills are looked for
GRAIN = 3.0  # times a fill's median ΔE from its colour: still its grain (a 3-D Gaussian's 99.99th percentile)
MAX_GRAIN = 5.0  # ΔE: the most grain a fill is granted (a photograph's measure 3-5; JPEG mixes around letters more)
SPECK = 0.03  # inches: grain lies within this of its fill's body (a speck in it, not type beside it)
BIN = 12  # 8-bit Lab units: colours are grouped in cubes this wide before their fills are measured


def paper_colour(pixels: NDArray[np.uint8]) -> NDArray[np.float32]:
    """The page's paper in OpenCV 8-bit Lab: the median colour of its lightest tenth."""
    lab = lab_of(pixels[::4, ::4])
    light = lab[:, :, 0] >= np.percentile(lab[:, :, 0], 90)
    return np.asarray(np.median(lab[light], axis=0), np.float32)


@dataclass(frozen=True, slots=True)
class _Fill:
    colour: NDArray[np.float32]  # OpenCV 8-bit Lab
    body: NDArray[np.bool_]  # its left-out pixels (grain and all) connected to where it is solid
    near: NDArray[np.bool_]  # within ``reach`` of its body
    grain: float  # ΔE: its pixels' median distance from its colour, where it is solid
    paper: bool


def _fills(
    lab: NDArray[np.float32], free: NDArray[np.bool_], paper: NDArray[np.float32], dpi: int, reach: int
) -> list[_Fill]:
    """The thick fills of a window (module docstring), the paper's among them.  A fill's
    body is the pieces of its colour (within ``2 × MATCH``: its grain), opened by a disc
    ``STROKE`` wide (a hairline bridge is cut), that hold a solid square: light letters on a
    band, and their counters, are no part of the paper's body."""
    side = max(3, round(dpi * THICK))
    bar = max(3, round(dpi * BAR))
    thin = max(3, round(dpi * STROKE) | 1)
    bins = (lab[free] // BIN).astype(np.int32)
    if bins.size == 0:
        return []
    keys, counts = np.unique(bins[:, 0] * 10_000 + bins[:, 1] * 100 + bins[:, 2], return_counts=True)
    order = np.argsort(-counts, kind="stable")
    kernel = np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)
    found: list[_Fill] = []
    for key in keys[order][counts[order] >= side * side / 8]:
        cube = np.array([key // 10_000, key // 100 % 100, key % 100], np.float32)
        members = free & np.all((lab // BIN) == cube, axis=-1)
        colour = np.asarray(np.median(lab[members], axis=0), np.float32)
        if any(float(delta2(colour, f.colour)) <= MATCH * MATCH for f in found):
            continue  # a fill already found (its grain spills into the next cube)
        apart = delta2(lab, colour)
        loose = (free & (apart <= 4 * MATCH * MATCH)).astype(np.uint8)  # the fill, grain and all
        solid = cv2.blur(loose.astype(np.float32), (side, side)) >= SOLID
        opened = cv2.morphologyEx(loose, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (thin, thin)))
        n, labels = cv2.connectedComponents(opened, connectivity=8)  # no stroke, nor a bridge of one
        held = np.zeros(n, bool)
        held[np.unique(labels[solid & (opened > 0)])] = True
        held[0] = False
        held |= _bars(np.asarray(labels, np.int32), n, bar)
        if not held.any():
            continue
        body = held[labels]
        solid |= body
        grain = float(np.median(np.sqrt(apart[solid & (loose > 0)])))
        near = cv2.dilate(body.astype(np.uint8), kernel) > 0
        found.append(_Fill(colour, body, near, grain, float(delta2(colour, paper)) <= PAPER * PAPER))
    return found


def _bars(labels: NDArray[np.int32], n: int, bar: int) -> NDArray[np.bool_]:
    """Which of the ``n`` pieces of a fill's colour hold a bar: what of them a square ``bar``
    pixels wide fits in (what they enclose counted in: the letters on a band) has a part
    that is a solid upright rectangle (``RECT`` of its box).  A chart's bars and a table's
    header band hold one; of type, only the strokes of I, l, |, -, . at 70 pt and more do,
    which spell nothing: E, H or T in bold type that large hold an E, an H, a T."""
    out = np.zeros(n, bool)
    if n <= 1:
        return out
    pieces = (labels > 0).astype(np.uint8)
    outside = np.pad(pieces, 1)
    cv2.floodFill(outside, np.zeros((outside.shape[0] + 2, outside.shape[1] + 2), np.uint8), (0, 0), 1)
    enclosed = outside[1:-1, 1:-1] == 0  # no piece's colour, and no path from the edge reaches it
    core = cv2.morphologyEx((pieces | enclosed).astype(np.uint8), cv2.MORPH_OPEN, np.ones((bar, bar), np.uint8))
    m, parts, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    for j in range(1, m):
        w, h, area = (int(v) for v in stats[j, 2:5])
        if area >= RECT * w * h:
            out[np.unique(labels[(parts == j) & (labels > 0)])] = True
    out[0] = False
    return out


def _seams(lab: NDArray[np.float32], a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.bool_]:
    """Pixels within ``MATCH`` of a mix of the colours ``a`` and ``b`` (an edge's
    antialiasing), neither of them nearly pure (``MIX``): ink of ``b``'s own colour is no
    mix, whatever lies beside it."""
    ab = b - a
    t = (((lab - a) * ab * WEIGHTS).sum(axis=-1)) / max(1e-6, float((ab * ab * WEIGHTS).sum()))
    mix = a + np.clip(t, 0.0, 1.0)[..., None] * ab
    return np.asarray(((((lab - mix) ** 2) * WEIGHTS).sum(axis=-1) <= MATCH * MATCH) & (t >= MIX) & (t <= 1 - MIX))


def _distance(mask: NDArray[np.bool_]) -> NDArray[np.float32]:
    """Per pixel, the distance to the nearest pixel of ``mask`` (large where it has none)."""
    if not mask.any():
        return np.full(mask.shape, np.float32(1e9), np.float32)
    return np.asarray(cv2.distanceTransform((~mask).astype(np.uint8), cv2.DIST_L2, 3), np.float32)


def _rims(
    lab: NDArray[np.float32], free: NDArray[np.bool_], own: NDArray[np.bool_], fills: list[_Fill], reach: int
) -> NDArray[np.bool_]:
    """The ink of ``own`` that is a fill's rim: of a fill's colour (or a mix of it and another
    fill's), near its body, and whose nearest left-out pixel of any other colour belongs to
    another fill's body (the light across the edge that made the rim ink), not to a letter
    on it or its counter."""
    explained = np.zeros_like(own)
    for f in fills:
        if f.paper:
            continue  # the paper explains no ink: a letter's counter, the page around type
        others = [g for g in fills if float(delta2(g.colour, f.colour)) > 2 * MATCH * MATCH]
        if not others:
            continue
        seam = np.zeros_like(own)
        across = np.zeros_like(own)
        for g in others:
            seam |= _seams(lab, f.colour, g.colour)
            across |= g.body
        kind = (delta2(lab, f.colour) <= MATCH * MATCH) | seam
        other = free & ~kind & ~f.body  # left out, neither this fill (grain and all) nor a mix of it with another
        to_body, to_other = _distance(across), _distance(other | across)
        explained |= own & f.near & kind & (to_body <= reach) & (to_body <= to_other + 1.5)
    return explained


def _paper_strip(lab: NDArray[np.float32], fills: list[_Fill], dpi: int, reach: int) -> NDArray[np.bool_]:
    """Paper-coloured pixels within ``reach`` of a picture fill's body, and either within a
    stroke's width (``STROKE``) of the paper's body or outside the convex hull of every piece
    of a picture fill: the paper beside a picture's edge, made ink by the picture's colour
    around it (a table's header band makes ink of the white below it as deep as the ink
    finders' window).  Light letters touching a fill's edge have this strip too, but no more
    of them than a stroke's width from the paper: the rest of them lies on the fill."""
    papers = [f for f in fills if f.paper]
    pictures = [f for f in fills if not f.paper]
    if not papers or not pictures:
        return np.zeros(lab.shape[:2], bool)
    thin = max(3, round(dpi * STROKE) | 1)
    outside = ~_hulls([f.body for f in pictures])
    strip = np.zeros(lab.shape[:2], bool)
    for f in papers:
        strip |= (delta2(lab, f.colour) <= MATCH * MATCH) & ((_distance(f.body) <= thin) | outside)
    return strip & (_distance(np.logical_or.reduce([f.body for f in pictures])) <= reach)


def _hulls(bodies: list[NDArray[np.bool_]]) -> NDArray[np.bool_]:
    """The convex hulls of the pieces of ``bodies``, filled: what lies outside every one is
    beside the pictures, not on them (where light letters on a band would be)."""
    out = np.zeros(bodies[0].shape, np.uint8)
    for body in bodies:
        contours, _ = cv2.findContours(body.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            cv2.fillPoly(out, [cv2.convexHull(c)], 1)
    return out > 0


def fill_edge(
    pixels: NDArray[np.uint8],
    box: BBox,
    dpi: int,
    ink: NDArray[np.uint8],
    paper: NDArray[np.float32],
    reach: int,
    structure: NDArray[np.uint8] | None = None,
) -> bool:
    """Whether the region ``box`` of a page (``pixels``: RGB or grey, as printed; ``ink``:
    the page's ink mask; ``paper``: :func:`paper_colour`; ``reach``: the ink finders' window
    in pixels) is an edge between two fills of a picture and holds no letter (the module's
    docstring).  ``structure`` (0/1 over the box) is ink of it already explained otherwise (a
    chart's plotted line and markers crossing its bars): the fills must explain the rest."""
    found = _unexplained(pixels, box, dpi, ink, paper, reach)
    if found is None:
        return False
    left, total = found
    if structure is not None:
        oy, ox = max(0, -box.y0), max(0, -box.x0)  # the box as clipped to the page
        mine = structure[oy : oy + left.shape[0], ox : ox + left.shape[1]]
        left = (left & (mine == 0)).astype(np.uint8)
    if 1 - int(left.sum()) / total < EXPLAINED:
        return False
    opened = cv2.morphologyEx(left, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    run = max(3, round(dpi * RULE_RUN))
    ruled = np.maximum(
        cv2.morphologyEx(opened, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)),
        cv2.morphologyEx(opened, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)),
    )
    opened = np.where(cv2.dilate(ruled, np.ones((3, 3), np.uint8)) > 0, 0, opened).astype(np.uint8)  # grid, axes
    n, _, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    longest = dpi * PIECE
    return not any(
        max(int(stats[i, cv2.CC_STAT_WIDTH]), int(stats[i, cv2.CC_STAT_HEIGHT])) >= longest for i in range(1, n)
    )


def _unexplained(
    pixels: NDArray[np.uint8], box: BBox, dpi: int, ink: NDArray[np.uint8], paper: NDArray[np.float32], reach: int
) -> tuple[NDArray[np.uint8], int] | None:
    """(the ink of ``box`` no fill explains, 0/1 in the box; the ink pixels of the box), or
    None when the box holds no ink."""
    h, w = ink.shape[:2]
    x0, y0, x1, y1 = max(0, box.x0), max(0, box.y0), min(w, box.x1), min(h, box.y1)
    if x1 <= x0 or y1 <= y0:
        return None
    m = round(dpi * AROUND)
    ay, ax, by, bx = max(0, y0 - m), max(0, x0 - m), min(h, y1 + m), min(w, x1 + m)
    lab = lab_of(pixels[ay:by, ax:bx])
    marked = ink[ay:by, ax:bx] > 0
    own = np.zeros_like(marked)
    own[y0 - ay : y1 - ay, x0 - ax : x1 - ax] = marked[y0 - ay : y1 - ay, x0 - ax : x1 - ax]
    total = int(own.sum())
    if total == 0:
        return None
    fills = _fills(lab, ~marked, paper, dpi, reach)
    explained = _rims(lab, ~marked, own, fills, reach)
    inside = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * round(dpi * SPECK) + 1,) * 2)
    for f in fills:  # the fills' own grain: specks in them, near their colour (as near as where they are solid)
        if not f.paper:
            within = cv2.dilate(f.body.astype(np.uint8), inside) > 0
            explained |= own & within & (delta2(lab, f.colour) <= (GRAIN * min(f.grain, MAX_GRAIN)) ** 2)
    explained |= own & _paper_strip(lab, fills, dpi, reach)
    left = (own & ~explained)[y0 - ay : y1 - ay, x0 - ax : x1 - ax].astype(np.uint8)
    return left, total
