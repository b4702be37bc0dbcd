"""Per-character boxes for CJK text in a PDF's text layer, so a hit burns the hit, not the line.

A text layer names its words by the spaces between them; Chinese has none, so a whole line
arrives as one word and one hit would black it all out.  Each word holding CJK characters is
split here into one word per CJK character and one per run of other characters, the word's
box apportioned by advance width: a CJK character (or full-width form) takes a full em, any
other character half of one — the widths of the fonts such documents are set in.  Each part
is widened by ``MARGIN`` of a character on either side, so an estimate a little off still
covers its character; what a burn leaves readable is found by reading the burned page again
(``work``), as for every other box.  A word taller than wide (vertical text) is split down
its height.  Nothing here reads or logs text beyond splitting it.
"""

from __future__ import annotations

from dataclasses import replace

from sandbox.models import BBox, Line, Page, Word
from sandbox.text import is_cjk

MARGIN = 0.15  # share of a character's width added on either side of its box
HALF = 0.5  # advance of a non-CJK character, in ems


def _parts(text: str) -> list[str]:
    """CJK characters one by one, runs of other characters whole."""
    parts: list[str] = []
    for ch in text:
        if is_cjk(ch) or not parts or is_cjk(parts[-1][-1]):
            parts.append(ch)
        else:
            parts[-1] += ch
    return parts


def split_word(word: Word) -> tuple[Word, ...]:
    """``word`` as one word per CJK character (and per run of other characters)."""
    if len(word.text) < 2 or not any(is_cjk(ch) for ch in word.text):
        return (word,)
    parts = _parts(word.text)
    weights = [sum(1.0 if is_cjk(ch) else HALF for ch in part) for part in parts]
    total = sum(weights)
    b = word.bbox
    vertical = (b.y1 - b.y0) > (b.x1 - b.x0) * 1.5 and len(parts) > 1
    lo, hi = (b.y0, b.y1) if vertical else (b.x0, b.x1)
    span = hi - lo
    em = span / total
    out: list[Word] = []
    at = 0.0
    for part, weight in zip(parts, weights, strict=True):
        start = lo + span * at / total - MARGIN * em
        at += weight
        end = lo + span * at / total + MARGIN * em
        a, z = max(lo, int(start)), min(hi, int(end + 0.999))
        box = BBox(b.x0, a, b.x1, z) if vertical else BBox(a, b.y0, z, b.y1)
        out.append(Word(part, box, word.conf))
    return tuple(out)


def split_cjk(page: Page) -> Page:
    """``page`` with every word holding CJK characters split by ``split_word``."""
    lines = tuple(
        replace(line, words=tuple(p for w in line.words for p in split_word(w))) if _has_cjk(line) else line
        for line in page.lines
    )
    return replace(page, lines=lines)


def _has_cjk(line: Line) -> bool:
    return any(is_cjk(ch) for w in line.words for ch in w.text)
