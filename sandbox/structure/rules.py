"""Ruled tables from the page's pixels: drawn rules → grid → cells with their spans.

Horizontal and vertical rules are what survives a morphological opening with a long thin
kernel (longer than any glyph stroke: the kernels scale with the text height).  A page tilted
by a degree or two is measured on its rules and turned straight for the search; the cells are
given back with a mapping from page pixels into that straight frame, so the words (whose boxes
refer to the page as read) can be placed in them.  Two neighbouring grid cells with no rule
between them are one merged cell (rowspan/colspan); a merged group that is not a rectangle is
widened to its bounding rectangle.  Guarantees: every grid position belongs to exactly one cell;
a grid needs at least two rows or two columns of drawn rules, so a lone underline or a box
round a paragraph is not a table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Mask = npt.NDArray[np.uint8]

MAX_SKEW = 3.0  # degrees of page tilt measured from the rules and corrected
SEPARATOR_COVER = 0.55  # share of a grid edge a rule must cover to separate two cells


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the straight frame


@dataclass(frozen=True, slots=True)
class Grid:
    """One ruled table: row and column rule positions and its cells (straight frame)."""

    ys: tuple[float, ...]
    xs: tuple[float, ...]
    cells: tuple[GridCell, ...]
    box: tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Frame:
    """The page's straight frame: rotation by ``angle`` degrees about ``center``."""

    angle: float
    center: tuple[float, float]

    def to_straight(self, x: float, y: float) -> tuple[float, float]:
        if not self.angle:
            return x, y
        a = math.radians(self.angle)
        cx, cy = self.center
        dx, dy = x - cx, y - cy
        return cx + dx * math.cos(a) + dy * math.sin(a), cy - dx * math.sin(a) + dy * math.cos(a)

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        if not self.angle:
            return x, y
        return Frame(-self.angle, self.center).to_straight(x, y)


LIGHT_RULE = 12  # grey levels below the local mean that still count as a (hairline) rule


def _binary(gray: npt.NDArray[np.uint8]) -> Mask:
    """Ink: dark by the page's Otsu threshold, or darker than its surroundings by ``LIGHT_RULE``
    (office programs draw hairline rules in grey, one or two pixels wide, which a global
    threshold loses; the long kernels of :func:`_lines` drop the specks this also keeps)."""
    import cv2

    blur = cv2.GaussianBlur(gray, (3, 3), 0)
    _, ink = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    light = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, LIGHT_RULE)
    return np.asarray(cv2.bitwise_or(ink, light), dtype=np.uint8)


def _lines(ink: Mask, length: int, horizontal: bool) -> Mask:
    import cv2

    size = (max(3, length), 1) if horizontal else (1, max(3, length))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    found = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    close = cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1) if horizontal else (1, 9))
    return np.asarray(cv2.morphologyEx(found, cv2.MORPH_CLOSE, close), dtype=np.uint8)


def _skew(horizontal: Mask, min_length: int) -> float:
    """Median tilt (degrees, counter-clockwise positive) of long horizontal rules."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    angles: list[float] = []
    for n in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[n])
        if w < min_length or h > w / 4:
            continue
        band = horizontal[y : y + h, x : x + w]
        cols = np.nonzero(band.any(axis=0))[0]
        if len(cols) < 2:
            continue
        left, right = cols[: max(1, len(cols) // 10)], cols[-max(1, len(cols) // 10) :]
        yl = float(np.mean([np.nonzero(band[:, c])[0].mean() for c in left]))
        yr = float(np.mean([np.nonzero(band[:, c])[0].mean() for c in right]))
        dx = float(right.mean() - left.mean())
        if dx > 0:
            angles.append(math.degrees(math.atan2(yr - yl, dx)))
    return float(np.median(angles)) if angles else 0.0


def _rotate(img: Mask, frame: Frame) -> Mask:
    import cv2

    matrix = cv2.getRotationMatrix2D(frame.center, frame.angle, 1.0)
    rows, cols = img.shape
    return np.asarray(cv2.warpAffine(img, matrix, (cols, rows), flags=cv2.INTER_NEAREST, borderValue=0), np.uint8)


def _positions(mask: Mask, horizontal: bool, tol: float) -> list[float]:
    """Centre positions of the rules in ``mask`` (y of horizontal rules, x of vertical ones)."""
    import cv2

    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found: list[tuple[float, int]] = []
    for n in range(1, count):
        length = int(stats[n][2] if horizontal else stats[n][3])
        found.append((float(centroids[n][1] if horizontal else centroids[n][0]), length))
    found.sort()
    merged: list[list[float]] = []  # [weighted sum, weight, last position]
    for pos, length in found:
        if merged and pos - merged[-1][2] <= tol:
            merged[-1][0] += pos * length
            merged[-1][1] += length
            merged[-1][2] = pos
        else:
            merged.append([pos * length, float(length), pos])
    return [s / w for s, w, _ in merged]


def _covered(mask: Mask, horizontal: bool, at: float, start: float, stop: float, tol: int) -> float:
    """Share of the span [start, stop] along a rule at ``at`` that the mask covers."""
    lo, hi = round(start), round(stop)
    if hi <= lo:
        return 0.0
    a0, a1 = max(0, round(at) - tol), round(at) + tol + 1
    band = mask[a0:a1, lo:hi] if horizontal else mask[lo:hi, a0:a1]
    if band.size == 0:
        return 0.0
    hit = band.any(axis=0) if horizontal else band.any(axis=1)
    return float(hit.mean())


def _cells(hmask: Mask, vmask: Mask, ys: list[float], xs: list[float], tol: int) -> list[GridCell]:
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for r in range(rows):
        pad = (ys[r + 1] - ys[r]) * 0.15
        for c in range(cols - 1):  # a vertical rule between (r, c) and (r, c+1)?
            if _covered(vmask, False, xs[c + 1], ys[r] + pad, ys[r + 1] - pad, tol) < SEPARATOR_COVER:
                join(r * cols + c, r * cols + c + 1)
    for c in range(cols):
        pad = (xs[c + 1] - xs[c]) * 0.15
        for r in range(rows - 1):  # a horizontal rule between (r, c) and (r+1, c)?
            if _covered(hmask, True, ys[r + 1], xs[c] + pad, xs[c + 1] - pad, tol) < SEPARATOR_COVER:
                join(r * cols + c, (r + 1) * cols + c)
    while True:  # widen every group to its bounding rectangle
        groups: dict[int, list[int]] = {}
        for i in range(rows * cols):
            groups.setdefault(find(i), []).append(i)
        changed = False
        for members in groups.values():
            r0, r1 = min(m // cols for m in members), max(m // cols for m in members)
            c0, c1 = min(m % cols for m in members), max(m % cols for m in members)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find(r * cols + c) != find(members[0]):
                        join(r * cols + c, members[0])
                        changed = True
        if not changed:
            break
    out: list[GridCell] = []
    for members in groups.values():
        r0, r1 = min(m // cols for m in members), max(m // cols for m in members)
        c0, c1 = min(m % cols for m in members), max(m % cols for m in members)
        out.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    out.sort(key=lambda cell: (cell.row, cell.col))
    return out


def find_grids(gray: npt.NDArray[np.uint8], text_height: float) -> tuple[Frame, list[Grid]]:
    """The ruled tables on a greyscale page whose body text is ``text_height`` pixels high."""
    import cv2

    th = max(8.0, text_height)
    ink = _binary(gray)
    height, width = ink.shape
    hlen, vlen = round(th * 2.5), round(th * 1.4)
    frame = Frame(0.0, (width / 2, height / 2))
    horizontal = _lines(ink, hlen, True)
    angle = _skew(horizontal, round(th * 8))
    if 0.1 <= abs(angle) <= MAX_SKEW:
        frame = Frame(angle, (width / 2, height / 2))
        ink = _rotate(ink, frame)
        horizontal = _lines(ink, hlen, True)
    vertical = _lines(ink, vlen, False)
    both = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    tol = max(2, round(th * 0.25))
    grids: list[Grid] = []
    for n in range(1, count):
        x, y, w, h, _area = (int(v) for v in stats[n])
        if w < th * 5 or h < th * 2:
            continue
        inside = labels[y : y + h, x : x + w] == n
        hm = np.where(inside, horizontal[y : y + h, x : x + w], 0).astype(np.uint8)
        vm = np.where(inside, vertical[y : y + h, x : x + w], 0).astype(np.uint8)
        ys = _positions(_long(hm, True, w * 0.1), True, th * 0.5)
        xs = _positions(_long(vm, False, min(h * 0.1, th * 1.5)), False, th * 0.5)
        if len(ys) < 2 or len(xs) < 2 or (len(ys) < 3 and len(xs) < 3):
            continue
        cells = _cells(hm, vm, ys, xs, tol)
        if len(cells) < 2:
            continue
        shifted = tuple(
            GridCell(c.row, c.col, c.rowspan, c.colspan, (c.box[0] + x, c.box[1] + y, c.box[2] + x, c.box[3] + y))
            for c in cells
        )
        box = (xs[0] + x, ys[0] + y, xs[-1] + x, ys[-1] + y)
        grids.append(Grid(tuple(v + y for v in ys), tuple(v + x for v in xs), shifted, box))
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return frame, grids


def _long(mask: Mask, horizontal: bool, min_length: float) -> Mask:
    """Only the rules of ``mask`` at least ``min_length`` long (drops bits of glyphs and noise)."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    keep = np.zeros(count, dtype=bool)
    for n in range(1, count):
        length = stats[n][2] if horizontal else stats[n][3]
        keep[n] = length >= min_length
    return np.where(keep[labels], 255, 0).astype(np.uint8)
