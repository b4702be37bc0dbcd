"""A page's structure from its reading (and, when given, its pixels): tables, then reading
order, paragraphs and what each one is.

Guarantees: every word of the reading ends up in exactly one region (a table cell, or a
line of a paragraph, heading, list item, header, footer, page number, masthead or figure), in
the reading order of :mod:`sandbox.structure.order`; no text is made up.  Without pixels, no
ruled table is found and headings are judged without weight.

With pixels, the layout model (:mod:`sandbox.structure.layout_model`) adds what words cannot
say: pictures (:mod:`sandbox.structure.figures`; a figure keeps the words read inside it),
captions next to them, running heads and feet near the edges.  A masthead (红头) is told by
its red or, on a grey scan, by its "…文件" in large type, is never a heading, and keeps its
ink's colour when the page has colour.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sandbox.geometry import kept_words, line_slopes, union
from sandbox.models import BBox, Page, Word
from sandbox.structure import figures, kinds
from sandbox.structure.layout_model import Detection
from sandbox.structure.model import PageLayout, Region, RegionKind
from sandbox.structure.order import ordered_columns
from sandbox.structure.rules import Frame
from sandbox.structure.tables import Placed, fill
from sandbox.text import is_cjk, join_words

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from PIL import Image

SPLIT_GAP = 1.5  # a gap between words this many line heights wide splits a line in two
GUTTER = 1.0  # the narrowest column gutter, in line heights
CELL_GAP = 0.5  # the narrowest gap between two cells of a borderless table row, in line heights
PARA_GAP = 0.7  # a vertical gap this many line heights wide starts a new paragraph
INDENT = 1.0  # a first-line indent this many line heights deep starts a new paragraph
BIG = 1.15  # a line this much taller than body text is set larger (heading, title)
SMALLER = 1.3  # a line this much taller than the next one, and short, is a heading of its own
BOLD = 1.3  # a line with this much more ink per area than body text is bold
PPOCR_INK = 0.66  # share of a PP-OCR box's height that the glyphs fill
EDGE = 0.06  # share of the page height at top and bottom where running heads and feet sit
MODEL_EDGE = 0.08  # ... where a running head or foot the layout model found may sit
MODEL_EDGES = {"header": RegionKind.HEADER, "footer": RegionKind.FOOTER}
MASTHEAD_ZONE = 0.35  # share of the page height at the top where an official document's masthead sits
MASTHEAD = 1.3  # a masthead's line is this much taller than body text (its red or its "文件" decides)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a line: words side by side with no wide gap between them."""

    words: tuple[Word, ...]
    bbox: BBox  # on the page as read
    key: BBox  # in the page's straight frame (tilt of the lines removed): what geometry compares
    ink: float  # stroke width: mean length of the dark runs across its rows (0 without pixels)

    @property
    def text(self) -> str:
        return join_words([w.text for w in self.words])


def _segments(words: Sequence[Word], line_height: float) -> list[tuple[Word, ...]]:
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.bbox.x0):
        if out and word.bbox.x0 - out[-1][-1].bbox.x1 <= SPLIT_GAP * line_height:
            out[-1].append(word)
        else:
            out.append([word])
    return [tuple(s) for s in out]


def _ink(dark: npt.NDArray[np.bool_] | None, box: BBox) -> float:
    if dark is None:
        return 0.0
    area = dark[max(0, box.y0) : box.y1, max(0, box.x0) : box.x1]
    if not area.size:
        return 0.0
    runs = int((area[:, 1:] & ~area[:, :-1]).sum()) + int(area[:, 0].sum())
    return float(area.sum()) / runs if runs else 0.0


def _dark(picture: Image.Image | None, page: Page) -> npt.NDArray[np.bool_] | None:
    if picture is None:
        return None
    import cv2
    import numpy as np

    gray = picture.convert("L")
    if gray.size != (page.width, page.height):
        gray = gray.resize((page.width, page.height))
    pixels = np.asarray(gray, dtype=np.uint8)
    _, ink = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return np.asarray(ink > 0)


def _tables(page: Page, picture: Image.Image | None, words: Sequence[Word], line_height: float) -> list[Placed]:
    if picture is None or not words:
        return []
    import numpy as np

    from sandbox.structure.rules import find_grids

    gray = picture.convert("L")
    if gray.size != (page.width, page.height):
        gray = gray.resize((page.width, page.height))
    frame, grids = find_grids(np.asarray(gray, dtype=np.uint8), glyph_height(page, words))
    placed: list[Placed] = []
    taken: set[int] = set()
    for grid in grids:
        found = fill(grid, frame, [w if n not in taken else Word("", w.bbox, 0) for n, w in enumerate(words)],
                     line_height)  # fmt: skip
        if found is None or found.table.rows * found.table.cols < 2:
            continue
        found = Placed(found.table, found.bbox, frozenset(n for n in found.taken if n not in taken))
        if not found.taken:
            continue
        placed.append(found)
        taken |= found.taken
    return placed


def tilt(page: Page) -> float:
    """Median tilt of the page's lines in degrees (clockwise positive, as the rules' frame),
    from the bottoms of the words of lines with three or more words."""
    slopes = line_slopes(page)
    return math.degrees(math.atan(statistics.median(slopes))) if slopes else 0.0


def _straight(box: BBox, frame: Frame) -> BBox:
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    sx, sy = frame.to_straight(cx, cy)
    dx, dy = round(sx - cx), round(sy - cy)
    return BBox(box.x0 + dx, box.y0 + dy, box.x1 + dx, box.y1 + dy)


def cell_gap(segments: Sequence[Segment], line_height: float) -> float:
    """The narrowest gap between two cells of a borderless table row: 1.6 times the page's
    usual word space, kept between 0.3 and ``CELL_GAP`` line heights (a text layer's boxes are
    taller than the ink; CJK characters stand a tenth of a line apart)."""
    spaces = [
        b.bbox.x0 - a.bbox.x1
        for seg in segments
        for a, b in itertools.pairwise(seg.words)
        if 0 < b.bbox.x0 - a.bbox.x1 < line_height
    ]
    usual = statistics.median(spaces) * 1.6 if spaces else CELL_GAP * line_height
    return min(CELL_GAP * line_height, max(0.3 * line_height, usual))


def _pieces(seg: Segment, frame: Frame, gap: float) -> list[tuple[str, BBox]]:
    """The segment cut at every gap of ``gap`` pixels or more: the cells a borderless table
    row may hold side by side (text, box in the straight frame)."""
    groups: list[list[Word]] = []
    for word in seg.words:
        if groups and word.bbox.x0 - groups[-1][-1].bbox.x1 < gap:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [(join_words([w.text for w in g]), union(_straight(w.bbox, frame) for w in g)) for g in groups]


def _borderless(
    segments: list[Segment], placed: list[Placed], line_height: float, frame: Frame
) -> tuple[list[Segment], list[Placed]]:
    """Tables without rules among the segments (:mod:`sandbox.structure.borderless`), found on
    the segments' pieces (:func:`_pieces`): a table takes whole segments only (one it would
    split is left to the running text, and so is the table), which leave the running text."""
    from sandbox.structure import borderless

    pieces: list[borderless.Piece] = []
    owner: list[int] = []
    gap = cell_gap(segments, line_height)
    for n, seg in enumerate(segments):
        for text, box in _pieces(seg, frame, gap):
            pieces.append(borderless.Piece(text, box))
            owner.append(n)
    found = borderless.find(pieces, line_height, gap)
    taken: set[int] = set()
    extra: list[Placed] = []
    for table in found:
        mine = {owner[i] for i in table.members}
        if any(owner[i] in mine and i not in table.members for i in range(len(pieces))):
            continue
        taken |= mine
        extra.append(Placed(table.table, union(segments[i].bbox for i in mine), frozenset()))
    if not extra:
        return segments, placed
    return [s for n, s in enumerate(segments) if n not in taken], [*placed, *extra]


def glyph_height(page: Page, words: Sequence[Word]) -> float:
    """The body text's glyph height: PP-OCR's boxes have a margin round the ink (about a third
    of their height), Tesseract's and a text layer's boxes hug it."""
    heights = [w.bbox.height for w in words if w.bbox.height > 0]
    median = float(statistics.median(heights)) if heights else 30.0
    return median * (PPOCR_INK if page.engine == "ppocr" else 0.9)


def analyse(page: Page, picture: Image.Image | None = None) -> PageLayout:
    """The page's regions in reading order (see the module's guarantees)."""
    words = list(page.words)
    if not words:
        return PageLayout(page.index, page.width, page.height, ())
    angle = tilt(page)
    frame = Frame(angle if abs(angle) <= 5 else 0.0, (page.width / 2, page.height / 2))
    straight = [union(_straight(w.bbox, frame) for w in ln.words).height for ln in page.lines]
    line_height = float(statistics.median(straight))
    placed = _tables(page, picture, words, line_height)
    taken = {n for p in placed for n in p.taken}
    dark = _dark(picture, page)
    detections = figures.page_detections(picture, page)
    found = figures.find(detections, words, taken, [p.bbox for p in placed], dark, picture, page)
    taken |= {n for f in found for n in f.taken}
    segments: list[Segment] = []
    for _, mine in kept_words(page, taken):
        for seg in _segments(mine, line_height):
            box = union(w.bbox for w in seg)
            key = union(_straight(w.bbox, frame) for w in seg)
            segments.append(Segment(seg, box, key, _ink(dark, box)))
    segments, placed = _borderless(segments, placed, line_height, frame)
    boxes = [s.key for s in segments] + [_straight(p.bbox, frame) for p in placed]
    boxes += [_straight(f.bbox, frame) for f in found]
    order, columns = ordered_columns(boxes, GUTTER * line_height)
    rgb = figures.colour(picture, page)
    look = Look(
        tuple(figures.red(rgb, dark, s.bbox) for s in segments),
        tuple(d for d in detections if d.label in MODEL_EDGES or d.label.endswith("caption")),
        tuple(_figure_region(page, f) for f in found),
    )
    regions = _regions(page, segments, placed, order, line_height, look)
    regions = [
        replace(r, colour=figures.ink_colour(rgb, dark, r.bbox)) if r.kind is RegionKind.MASTHEAD else r
        for r in regions
    ]  # a masthead keeps its colour (red, most often) when the page has colour
    return PageLayout(page.index, page.width, page.height, tuple(regions), columns)


@dataclass(frozen=True, slots=True)
class Look:
    """What the pixels add to the words: which segments are red, the layout model's running
    heads, feet and captions, and the figures (regions, after the segments and tables in the
    reading order's indices)."""

    red: tuple[bool, ...] = ()
    detections: tuple[Detection, ...] = ()
    figures: tuple[Region, ...] = ()


def _figure_region(page: Page, found: figures.Found) -> Region:
    """A figure with the words read inside it as its lines (the page's lines, in their order)."""
    lines = []
    index = 0
    for line in page.lines:
        mine = [w.text for n, w in enumerate(line.words, start=index) if n in found.taken]
        index += len(line.words)
        if mine:
            lines.append(join_words(mine))
    return Region(RegionKind.FIGURE, found.bbox, tuple(lines), image=found.image, image_type=found.image_type)


def _body_metrics(segments: Sequence[Segment], line_height: float) -> tuple[float, float]:
    """(body line height, body ink share): the height is the page's median line height
    (table cells included), the ink share that of lines of running text."""
    body = [s for s in segments if len(s.text) >= 8] or list(segments)
    height = line_height
    inks = [s.ink for s in body if s.ink > 0]
    return height, (float(statistics.median(inks)) if inks else 0.0)


def _edge_kind(
    seg: Segment, page: Page, others: Sequence[Segment], line_height: float, detections: Sequence[Detection] = ()
) -> RegionKind | None:
    """Page number, running head or foot: short text alone at the top or bottom edge, or where
    the layout model saw one (:func:`_model_edge`)."""
    top, bottom = seg.key.y1 < page.height * EDGE * 1.5, seg.key.y0 > page.height * (1 - EDGE * 1.5)
    if not (top or bottom):
        return None
    text = seg.text
    if kinds.page_number(text):
        return RegionKind.PAGE_NUMBER
    near = [o for o in others if o is not seg and abs(o.key.y0 - seg.key.y0) > line_height * 0.5]
    inner = [o.key.y0 - seg.key.y1 for o in near if o.key.y0 > seg.key.y1] if top else \
            [seg.key.y0 - o.key.y1 for o in near if o.key.y1 < seg.key.y0]  # fmt: skip
    strict = seg.key.y1 < page.height * EDGE if top else seg.key.y0 > page.height * (1 - EDGE)
    if strict and len(text) <= 60 and (not inner or min(inner) > line_height * 1.5):
        return RegionKind.HEADER if top else RegionKind.FOOTER
    return _model_edge(seg, page, detections, line_height)


def _model_edge(seg: Segment, page: Page, detections: Sequence[Detection], line_height: float) -> RegionKind | None:
    """A running head or foot the layout model found: a short line of body size, its centre in
    the model's header or footer box, within ``MODEL_EDGE`` of the top or bottom edge."""
    box = seg.bbox
    if len(seg.text) > 60 or box.height > 1.5 * line_height:
        return None
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    for det in detections:
        kind = MODEL_EDGES.get(det.label)
        d = det.bbox
        if kind is None or not (d.x0 <= cx <= d.x1 and d.y0 <= cy <= d.y1):
            continue
        if kind is RegionKind.HEADER and box.y1 < page.height * MODEL_EDGE:
            return kind
        if kind is RegionKind.FOOTER and box.y0 > page.height * (1 - MODEL_EDGE):
            return kind
    return None


def _right_edge(seg: Segment, segments: Sequence[Segment], line_height: float) -> int:
    """Where full lines end in the column of ``seg``: the upper quartile of the right ends of
    the lines that overlap it and start near or right of it."""
    ends = sorted(s.key.x1 for s in segments if s.key.x0 < seg.key.x1 and s.key.x1 > seg.key.x0)
    return ends[(3 * len(ends)) // 4] if ends else seg.key.x1


def _column_left(seg: Segment, segments: Sequence[Segment]) -> int:
    """Where lines start in the column of ``seg``: the lower quartile of the left ends of the
    lines that overlap it."""
    starts = sorted(s.key.x0 for s in segments if s.key.x0 < seg.key.x1 and s.key.x1 > seg.key.x0)
    return starts[len(starts) // 4] if starts else seg.key.x0


def _flush_right(para: Sequence[Segment], segments: Sequence[Segment], line_height: float, page: Page) -> bool:
    """A block set against the right edge of its column (a signature, a date): not a heading.
    A block centred on the page, or in a column of fewer than three lines, is not."""
    first = para[0]
    if abs((first.key.x0 + first.key.x1) / 2 - page.width / 2) < 0.06 * page.width:
        return False
    if sum(1 for s in segments if s.key.x0 < first.key.x1 and s.key.x1 > first.key.x0) < 3:
        return False
    right, left = _right_edge(first, segments, line_height), _column_left(first, segments)
    width = max(1, right - left)
    return all(abs(s.key.x1 - right) < 2 * line_height and s.key.x0 - left > 0.4 * width for s in para)


def line_gap(order: Sequence[int], segments: Sequence[Segment], line_height: float) -> float:
    """The usual space between two lines of a paragraph: the median gap between consecutive
    lines (in reading order) that are stacked in one column less than two lines apart."""
    gaps = []
    for a, b in itertools.pairwise(order):
        if a >= len(segments) or b >= len(segments):
            continue
        p, c = segments[a].key, segments[b].key
        gap = c.y0 - p.y1
        if 0 <= gap < 2 * line_height and c.x0 < p.x1 and c.x1 > p.x0:
            gaps.append(gap)
    return float(statistics.median(gaps)) if gaps else 0.0


def _first_fit(seg: Segment) -> float:
    """The width the start of ``seg`` needs at the end of the line above to have been set there:
    its first word, or for CJK (where a text layer's "word" is the whole run of the line) its
    first character."""
    if not seg.words:
        return 0.0
    word = seg.words[0]
    if is_cjk(word.text[:1]) and len(word.text) > 1:
        return word.bbox.width / len(word.text)
    return float(word.bbox.width)


def _continues(prev: Segment, cur: Segment, para_left: int, right: int, line_height: float, usual: float) -> bool:
    """Whether ``cur`` goes on the paragraph that ``prev`` ended (``right``: where full lines
    end; ``usual``: the page's usual gap between lines of a paragraph)."""
    p, c = prev.key, cur.key
    gap = c.y0 - p.y1
    if gap > max(PARA_GAP * line_height, usual + 0.4 * line_height) or gap < -line_height * 0.5:
        return False
    if c.x0 >= p.x1 or c.x1 <= p.x0:  # side by side or another column
        return False
    if c.x0 - para_left > INDENT * line_height:  # first-line indent
        return False
    first = _first_fit(cur)
    if p.x1 + first + 0.5 * line_height < right:  # the next line's first word would have fitted
        return False
    if abs(c.height - p.height) > 0.4 * max(c.height, p.height):  # another type size
        return False
    if c.height >= BIG * p.height and kinds.heading_like(cur.text):  # a larger line of its own: a heading
        return False
    if p.height >= SMALLER * c.height and kinds.heading_like(prev.text):  # a heading above smaller text
        return False
    if p.x0 - c.x0 > 4 * line_height and kinds.heading_like(prev.text):  # a centred line above left-aligned text
        return False
    return not kinds.starts_item(cur.text)


def _left_of_item(para: Sequence[Segment], cur: Segment, line_height: float) -> bool:
    """A line that starts left of a list item's marker does not go on that item (a list item's
    lines hang at or right of its marker; a first-line indent is the other way round)."""
    return kinds.list_marker(para[0].text) is not None and cur.key.x0 < para[0].key.x0 - 0.5 * line_height


def _regions(
    page: Page,
    segments: Sequence[Segment],
    placed: Sequence[Placed],
    order: Sequence[int],
    line_height: float,
    look: Look = Look(),
) -> list[Region]:
    body_height, body_ink = _body_metrics(segments, line_height)
    usual = line_gap(order, segments, body_height)
    heads: list[Region] = []
    feet: list[Region] = []
    paragraphs: list[list[Segment] | Placed | Region] = []
    for i in order:
        if i >= len(segments) + len(placed):
            paragraphs.append(look.figures[i - len(segments) - len(placed)])
            continue
        if i >= len(segments):
            paragraphs.append(placed[i - len(segments)])
            continue
        seg = segments[i]
        edge = _edge_kind(seg, page, segments, line_height, look.detections)
        if edge is not None:
            region = Region(edge, seg.bbox, (seg.text,))
            (heads if seg.bbox.y1 < page.height / 2 else feet).append(region)
            continue
        last = paragraphs[-1] if paragraphs else None
        right = _right_edge(last[-1], segments, body_height) if isinstance(last, list) else 0
        if (
            isinstance(last, list)
            and not _left_of_item(last, seg, body_height)
            and _continues(last[-1], seg, min(s.key.x0 for s in last), right, body_height, usual)
        ):
            last.append(seg)
        else:
            paragraphs.append([seg])
    out: list[Region] = []
    heights: list[float] = []  # per region: its median line height (0 for tables)
    red = {id(seg) for seg, is_red in zip(segments, look.red, strict=False) if is_red}
    for para in paragraphs:
        if isinstance(para, Region):
            out.append(para)
            heights.append(0.0)
            continue
        if isinstance(para, Placed):
            out.append(Region(RegionKind.TABLE, para.bbox, table=para.table))
            heights.append(0.0)
            continue
        if _masthead(para, red, body_height, page):
            out.append(Region(RegionKind.MASTHEAD, union(s.bbox for s in para), tuple(s.text for s in para)))
            heights.append(0.0)
            continue
        region = _classify(para, body_height, body_ink)
        if region.kind is RegionKind.HEADING and _flush_right(para, segments, body_height, page):
            region = Region(RegionKind.PARAGRAPH, region.bbox, region.lines)
        out.append(region)
        heights.append(statistics.median(s.key.height for s in para))
    out = _mark_title(out, heights, page)
    out = _captions(out, [d.bbox for d in look.detections if d.label.endswith("caption")])
    return heads + _lists(out) + feet


def _masthead(para: Sequence[Segment], red: set[int], body_height: float, page: Page) -> bool:
    """An official document's masthead (红头): one or two lines in the top of the page, set
    much larger than the body, and red or saying "…文件" (a grey scan has lost the red)."""
    if len(para) > 2 or any(s.key.y1 > page.height * MASTHEAD_ZONE for s in para):
        return False
    if statistics.median(s.key.height for s in para) < MASTHEAD * body_height:
        return False
    text = "".join(s.text for s in para).replace(" ", "")
    return all(id(s) in red for s in para) or (text.endswith("文件") and len(text) <= 24)


def _classify(para: list[Segment], body_height: float, body_ink: float) -> Region:
    box = union(s.bbox for s in para)
    lines = tuple(s.text for s in para)
    text = "".join(lines) if all(is_cjk(t[-1:] or "a") for t in lines[:-1]) else " ".join(lines)
    height = statistics.median(s.key.height for s in para)
    big = height >= BIG * body_height
    inks = [s.ink for s in para if s.ink > 0]
    bold = body_ink > 0 and bool(inks) and statistics.median(inks) >= BOLD * body_ink
    if len(para) <= 2 and kinds.heading_like(text):
        level = kinds.numbered_level(text)
        numbered = level and not kinds.list_marker(text)
        trusted = numbered and (kinds.trusted_numbering(text) or (len(para) == 1 and not re.search(r"[,，;；]", text)))
        if big and height >= 1.5 * body_height:
            return Region(RegionKind.HEADING, box, lines, 1)
        if trusted or ((big or bold) and len(para) == 1):
            return Region(RegionKind.HEADING, box, lines, max(2, level) if level else 2)
    marker = kinds.list_marker(text)
    item = kinds.item_marker(text)
    if marker is None and item is not None and item.style in ITEM_STYLES:  # ①, （1）, 一、 … in running text
        marker = "ol"
    if marker is not None:
        return Region(RegionKind.LIST, box, (_joined(lines),), ordered=marker == "ol")
    return Region(RegionKind.PARAGRAPH, box, lines)


ITEM_STYLES = {"circled", "full-paren", "cjk", "cjk-paren", "decimal-comma"}  # list items unless a heading


def _joined(lines: Sequence[str]) -> str:
    from sandbox.structure.textjoin import join_lines

    return join_lines(lines)


def _mark_title(regions: list[Region], heights: Sequence[float], page: Page) -> list[Region]:
    """The page's title: the tallest heading in its top third, when it is taller than every
    other heading by a tenth (or the only one), else the only heading centred on the page when
    it is in the top third and the others start at the left; other level-1 headings become
    level 2."""
    heads = [n for n, r in enumerate(regions) if r.kind is RegionKind.HEADING]
    top = [n for n in heads if regions[n].bbox.y0 < page.height / 3]
    title = max(top, key=lambda n: heights[n]) if top else None
    if title is not None and any(heights[n] * 1.1 > heights[title] for n in heads if n != title):
        title = None
    if title is None:  # else the only heading centred on the page, in its top third (an official notice's)
        centred = [n for n in heads if abs(regions[n].bbox.x0 + regions[n].bbox.x1 - page.width) < 0.1 * page.width]
        left = [n for n in heads if regions[n].bbox.x0 < page.width * 0.25]
        if len(centred) == 1 and centred[0] in top and len(centred) + len(left) == len(heads):
            title = centred[0]
    out: list[Region] = []
    for n, region in enumerate(regions):
        if n == title:
            region = Region(RegionKind.TITLE, region.bbox, region.lines, 1)
        elif region.kind is RegionKind.HEADING and region.level == 1:
            region = Region(RegionKind.HEADING, region.bbox, region.lines, 2)
        out.append(region)
    return out


def _captions(regions: list[Region], model: Sequence[BBox] = ()) -> list[Region]:
    """A short paragraph right before or after a table or a figure is its caption when it says
    "表 1" / "Table 1" / "图 1" / "Figure 1", or when the layout model saw a caption there."""
    out = list(regions)
    for n, region in enumerate(out):
        if region.kind not in (RegionKind.PARAGRAPH, RegionKind.HEADING) or len(region.lines) > 2:
            continue
        cx, cy = (region.bbox.x0 + region.bbox.x1) / 2, (region.bbox.y0 + region.bbox.y1) / 2
        seen = any(b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1 for b in model)
        if not (kinds.caption_like(region.text) or seen):
            continue
        near = [out[k] for k in (n - 1, n + 1) if 0 <= k < len(out)]
        if any(r.kind in (RegionKind.TABLE, RegionKind.FIGURE) for r in near):
            out[n] = Region(RegionKind.CAPTION, region.bbox, region.lines)
    return out


def _lists(regions: list[Region]) -> list[Region]:
    """Consecutive list items of one kind become one list region (one entry per item)."""
    out: list[Region] = []
    for region in regions:
        prev = out[-1] if out else None
        if (
            region.kind is RegionKind.LIST
            and prev is not None
            and prev.kind is RegionKind.LIST
            and prev.ordered == region.ordered
        ):
            out[-1] = Region(RegionKind.LIST, union([prev.bbox, region.bbox]), prev.lines + region.lines,
                             ordered=prev.ordered)  # fmt: skip
        else:
            out.append(region)
    return out


def layouts_for(pages: Sequence[Page], given: Sequence[PageLayout | None]) -> list[PageLayout]:
    """Each page's layout: the one computed with its pixels, else one from its words alone."""
    out = []
    for n, page in enumerate(pages):
        found = given[n] if n < len(given) else None
        out.append(found if found is not None else analyse(page))
    return out
