"""Apply findings: opaque boxes into the page pixels, and the page's words after redaction.

Boxes cover whole words (a match inside a word takes the word), padded; ``cover_lines``
widens them to the line, ``scope`` "line"/"page" findings take the line or the page.  The
redacted page keeps every other word; redacted runs become one placeholder word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PIL import Image, ImageDraw

from sandbox.geometry import kept_words, union
from sandbox.models import BBox, Line, Page, Word

BLOCK = "█████"


def clip(box: BBox, width: int, height: int) -> BBox:
    """``box`` cut to the page (0..width, 0..height); never larger than ``box``."""
    return BBox(max(0, box.x0), max(0, box.y0), min(width, box.x1), min(height, box.y1))


def pad(box: BBox, by: int) -> BBox:
    """``box`` grown by ``by`` pixels on every side (not clipped: see :func:`clip`)."""
    return BBox(box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by)


def intersects(a: BBox, b: BBox) -> bool:
    """Whether two boxes share any pixel (touching edges do not count)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def word_lines(page: Page) -> list[int]:
    """For each word of ``page`` in reading order, the index of its line."""
    return [n for n, line in enumerate(page.lines) for _ in line.words]


def boxes_for(
    page: Page,
    words: Iterable[int],
    *,
    scope: str = "words",
    padding: int = 6,
    cover_lines: bool = False,
) -> list[BBox]:
    """The pixel boxes that black out ``words`` (indices into ``page.words``)."""
    if scope == "page":
        return [BBox(0, 0, page.width, page.height)]
    all_words = page.words
    lines_of = word_lines(page)
    chosen = sorted(set(words))
    out: list[BBox] = []
    if scope == "line" or cover_lines:
        for n in sorted({lines_of[i] for i in chosen}):
            line = page.lines[n]
            box = line.bbox if scope == "line" or cover_lines else union(w.bbox for w in line.words)
            out.append(
                BBox(0 if scope == "line" else box.x0, box.y0, page.width if scope == "line" else box.x1, box.y1)
            )
    else:  # one bar per line: the words of a finding are contiguous
        per_line: dict[int, list[BBox]] = {}
        for i in chosen:
            per_line.setdefault(lines_of[i], []).append(all_words[i].bbox)
        out = [union(boxes) for _, boxes in sorted(per_line.items())]
    return [clip(pad(b, padding), page.width, page.height) for b in out]


def burn(img: Image.Image, boxes: Sequence[BBox]) -> Image.Image:
    """A new image of ``img``'s pixels with every box filled opaque black.  Only pixels are
    carried over: no ICC profile, EXIF, XMP or text of the input (``info`` starts empty)."""
    src = img.convert("RGB") if img.mode not in ("1", "L", "RGB") else img
    if src.mode == "1":
        src = src.convert("L")
    out = Image.frombytes(src.mode, src.size, src.tobytes())
    draw = ImageDraw.Draw(out)
    for b in boxes:
        draw.rectangle((b.x0, b.y0, b.x1 - 1, b.y1 - 1), fill=0)
    return out


COVERED = 0.3  # a word this much under black bars is gone from the pixels, so from the text too


def overlap(a: BBox, b: BBox) -> int:
    """The area in pixels that ``a`` and ``b`` share (0 when they do not meet)."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0


def share_inside(box: BBox, others: Sequence[BBox]) -> float:
    """The share of ``box``'s area under ``others`` (their overlaps summed, at most 1)."""
    area = max(1, box.width * box.height)
    return min(1.0, sum(overlap(box, o) for o in others) / area)


def covered_words(page: Page, boxes: Sequence[BBox]) -> set[int]:
    """Words substantially under the boxes: they must leave every text output.

    (A word only grazed by a bar's padding stays readable in the pixels and stays in the text.)
    """
    out = set()
    for i, w in enumerate(page.words):
        area = max(1, w.bbox.width * w.bbox.height)
        if sum(overlap(w.bbox, b) for b in boxes) >= COVERED * area:
            out.add(i)
    return out


def redact_page(page: Page, removed: set[int], labels: dict[int, str], placeholder: str) -> Page:
    """The page's words with ``removed`` ones replaced: each run by one placeholder word."""
    lines: list[Line] = []
    index = 0
    for line in page.lines:
        words: list[Word] = []
        run: list[tuple[int, Word]] = []
        for word in (*line.words, None):
            if word is not None and index in removed:
                run.append((index, word))
            else:
                if run:
                    label = labels.get(run[0][0], "redacted")
                    text = BLOCK if placeholder == "block" else f"[REDACTED:{label}]"
                    words.append(Word(text, union(w.bbox for _, w in run), 0.0))
                    run = []
                if word is not None:
                    words.append(word)
            if word is not None:
                index += 1
        if words:
            lines.append(Line(tuple(words), line.bbox, line.block, line.paragraph))
    return replace(page, lines=tuple(lines))


def surviving(page: Page, removed: set[int]) -> Page:
    """Only the words not removed (for a text layer that carries nothing redacted)."""
    lines = [
        Line(tuple(keep), union(w.bbox for w in keep), line.block, line.paragraph)
        for line, keep in kept_words(page, removed)
        if keep
    ]
    return replace(page, lines=tuple(lines))
