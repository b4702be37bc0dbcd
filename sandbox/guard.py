"""The guard: a reading replaces the plain one only when it is measurably better.

The *plain* reading is Tesseract's reading of the page as it is, in the page's languages: what
``tesseract IMG -`` gives.  Every other reading the steps make (enlarged or shrunk, turned,
straightened, cleaned, read by PP-OCR, in languages ``-l auto`` chose) is a *candidate*, judged
on the page's own evidence by three measures (:class:`Merit`):

- confident characters: characters of text-like words, each weighted by its confidence;
- glyph coverage: characters of fairly confident text-like words per glyph-like ink
  component, capped at 1 (reading more characters than there is ink is not reading more);
- lines: lines holding at least one fairly confident text-like word (a margin of line
  numbers is a line each).

:func:`improves` (the reading steps) lets a candidate replace the plain reading only when it
brings more confident characters by a margin, or makes a tilted or sideways reading level
while keeping nearly all of its confident characters, and loses on no measure.
:func:`holds` (the engine choice: PP-OCR for Chinese, measured better on real pages) keeps the
chosen engine's reading unless it loses on a measure.  Neither lets a reading of nothing
replace a plain reading with text.  The thresholds are page-independent: nothing here knows
what kind of page it judges.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.models import Page, Word
from sandbox.text import is_cjk

GAIN = 1.05  # a step's reading must bring this much more confident text …
MIN_GAIN = 1.0  # … and at least this many confident characters more
LEVEL_KEEP = 0.9  # a reading made level keeps at least this share of the confident text
COVER_SLACK = 0.05  # glyph coverage a candidate may lose (rounding of glyph counts)
LINE_SLACK = 0.05  # share of lines a candidate may lose (at least one line)
LINE_CONF = 0.6  # a line counts when a text-like word in it is this confident
MIN_COVERED_GLYPHS = 20  # coverage is compared on pages with at least this many glyphs
COVER_CONF = 0.5  # a word counts towards coverage from this confidence (garbage is below it)


@dataclass(frozen=True, slots=True)
class Merit:
    """What a reading is worth, from the reading and the page's ink alone."""

    confident: float  # confidence-weighted characters of text-like words
    coverage: float  # text characters per glyph, at most 1 (1.0 when the page has too few glyphs)
    lines: int  # lines with a fairly confident text-like word
    level: bool  # word boxes on level lines, upright (no tilt, not read sideways)


def textual(text: str) -> bool:
    """A word that is text: Han, or letters/digits making up most of it and not one mark
    repeated (``|||``, ``~~~``, ``lll`` are specks and rules read as letters)."""
    if any(is_cjk(ch) for ch in text):
        return True
    core = [ch for ch in text if ch.isalnum()]
    if not core or len(core) < 0.5 * len(text):
        return False
    return len(core) <= 2 or len(set(core)) > 1


def _chars(word: Word) -> int:
    """A Han character counts twice: it is drawn with several ink components."""
    return len(word.text) + sum(1 for ch in word.text if is_cjk(ch))


def merit(page: Page, glyphs: int, level: bool = True) -> Merit:
    """The measures of ``page`` read from a picture with ``glyphs`` glyph-like components."""
    words = [w for w in page.words if textual(w.text)]
    confident = sum(w.conf * len(w.text) for w in words)
    if glyphs >= MIN_COVERED_GLYPHS:
        coverage = min(1.0, sum(_chars(w) for w in words if w.conf >= COVER_CONF) / glyphs)
    else:
        coverage = 1.0 if words else 0.0
    lines = sum(1 for line in page.lines if any(w.conf >= LINE_CONF and textual(w.text) for w in line.words))
    return Merit(confident, coverage, lines, level)


def _loses(candidate: Merit, plain: Merit) -> bool:
    """Worse on a measure that can be compared (lines: only between level readings)."""
    if candidate.coverage < plain.coverage - COVER_SLACK:
        return True
    if candidate.level and plain.level:
        return candidate.lines < plain.lines - max(1.0, LINE_SLACK * plain.lines)
    return False


def improves(candidate: Merit, plain: Merit) -> bool:
    """A reading step's result may replace the plain reading."""
    if candidate.confident <= 0:
        return False
    if plain.confident <= 0:
        return True
    more = candidate.confident >= max(plain.confident * GAIN, plain.confident + MIN_GAIN)
    levelled = candidate.level and not plain.level and candidate.confident >= LEVEL_KEEP * plain.confident
    return (more or levelled) and not _loses(candidate, plain)


def holds(candidate: Merit, plain: Merit) -> bool:
    """The chosen engine's reading stays unless it loses to the plain one on a measure."""
    if plain.confident <= 0:
        return True
    if candidate.confident <= 0:
        return False
    return candidate.confident >= LEVEL_KEEP * plain.confident and not _loses(candidate, plain)
