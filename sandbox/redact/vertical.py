"""Vertical writing: Han characters stacked top to bottom, read as the line they are.

Tesseract and PP-OCR read a page in rows.  A column of vertical CJK (a name written down the
margin, a vertical title) comes out one character per row, each joined to whatever else lies
on its row, or as lines of its own between the body's lines: the name is never one word, and
no term or rule finds it.  Here, in each reading, words made only of Han characters (at most
``MAX_CHARS``: a column read across) that stand one under another are chained top to bottom:

* the lower word overlaps the upper across by at least ``OVERLAP`` of the narrower one;
* it starts at most ``GAP`` of the taller one's height below the upper's foot, and its
  middle lies below the upper's middle; and
* the two are of like width (within ``WIDTH_RATIO``).

Each chain of two or more words becomes a line of a page of its own (same index, size and
coordinates as the reading it came from), on which every rule runs: the words' own boxes
are burned.  Pure geometry; nothing here logs text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sandbox.geometry import union
from sandbox.models import Line, Page, Word
from sandbox.text import is_cjk

MAX_CHARS = 4  # a word of a column read across holds a character or two (a misread pair)
OVERLAP = 0.5  # of the narrower word's width: the lower word lies under the upper
GAP = 0.8  # of the taller word's height: the most paper between two characters of one column
WIDTH_RATIO = 2.0  # two characters of one column are of like width
_PUNCT = "·•.,:;，。：；、!?！？()（）[]【】「」『』\"'“”‘’-—_|"


def _han(word: Word) -> bool:
    core = word.text.strip().strip(_PUNCT)
    return 0 < len(core) <= MAX_CHARS and all(is_cjk(ch) and ch.isalpha() for ch in core)


def _under(upper: Word, lower: Word) -> bool:
    a, b = upper.bbox, lower.bbox
    aw, bw = a.x1 - a.x0, b.x1 - b.x0
    if min(aw, bw) <= 0 or max(aw, bw) > WIDTH_RATIO * min(aw, bw):
        return False
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    if across < OVERLAP * min(aw, bw):
        return False
    tall = max(a.y1 - a.y0, b.y1 - b.y0)
    return (b.y0 + b.y1) > (a.y0 + a.y1) and b.y0 - a.y1 <= GAP * tall


def columns(page: Page) -> Page | None:
    """The vertical runs of Han characters of ``page`` as lines of a page of their own (see
    the module's docstring), or None when it has none."""
    words = sorted((w for line in page.lines for w in line.words if _han(w)), key=lambda w: (w.bbox.y0, w.bbox.x0))
    used: set[int] = set()
    chains: list[list[Word]] = []
    for i, first in enumerate(words):
        if i in used:
            continue
        chain, last = [first], first
        used.add(i)
        while True:
            below = [(w.bbox.y0, j) for j, w in enumerate(words) if j not in used and _under(last, w)]
            if not below:
                break
            j = min(below)[1]
            used.add(j)
            chain.append(words[j])
            last = words[j]
        if len(chain) >= 2:
            chains.append(chain)
    if not chains:
        return None
    lines = tuple(Line(tuple(c), union(w.bbox for w in c), n, 0) for n, c in enumerate(chains))
    return replace(page, lines=lines)


def with_columns(pages: Sequence[Page]) -> list[Page]:
    """``pages`` followed by the page of vertical runs of each that has any."""
    return [*pages, *(c for c in map(columns, pages) if c is not None)]
