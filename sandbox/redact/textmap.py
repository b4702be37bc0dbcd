"""Page text with a map back to words, so matches can span words, lines and CJK runs.

The page text is every line's words joined as in the TXT output (no spaces between CJK
characters), lines separated by a newline.  ``owner[i]`` is the index (in ``page.words``)
of the word that character ``i`` belongs to, or -1 for a separator.  A matching copy
(``folded``) is case- and width-folded with a per-character map back to the page text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sandbox.models import Page
from sandbox.text import is_cjk, needs_space, t2s

CONFUSIONS = {"0": "o", "1": "l", "i": "l", "|": "l"}


BAND = 0.07  # share of the page height at the top and at the bottom that is header/footer band
WIDE_GAP = 1.0  # a gap between two words wider than this many line heights separates them
# in a letter-spaced run (a comb field, wide tracking), a gap this many times the run's usual
# one is a space between words ("c o   d o t": an empty box)
SPACED_BREAK = 1.8
MIN_SPACED_GAPS = 3  # gaps between lone characters on a line before their usual one is known


@dataclass(frozen=True, slots=True)
class PageText:
    """The page text, who owns each character, and the layout facts text alone loses: the
    lines lying in the header or footer band (``bands``), and the character positions that
    follow a wide gap on their line although no space was written there (``gaps``: CJK runs
    are joined without spaces), and the spaces between lone characters that are gaps between
    words of a letter-spaced line (``breaks``: ``c o   d o t`` in a comb field with an empty
    box).  Text-only page texts (``sandbox verify``) leave all three empty."""

    text: str
    owner: tuple[int, ...]
    line_of_word: tuple[int, ...]
    bands: frozenset[int] = frozenset()
    gaps: frozenset[int] = frozenset()
    breaks: frozenset[int] = frozenset()

    def line_span(self, i: int) -> tuple[int, int]:
        """The start and end of the line holding character ``i``."""
        start = self.text.rfind("\n", 0, i) + 1
        end = self.text.find("\n", i)
        return start, len(self.text) if end < 0 else end

    def in_band(self, i: int) -> bool:
        """Whether character ``i`` lies in the header or footer band of its page."""
        w = self.owner[i] if 0 <= i < len(self.owner) else -1
        return w >= 0 and self.line_of_word[w] in self.bands

    def words_in(self, start: int, end: int) -> list[int]:
        """Indices of the words that characters ``start:end`` belong to, in order."""
        seen: list[int] = []
        for i in range(max(0, start), min(end, len(self.owner))):
            w = self.owner[i]
            if w >= 0 and (not seen or seen[-1] != w) and w not in seen:
                seen.append(w)
        return seen


def build(page: Page) -> PageText:
    chars: list[str] = []
    owner: list[int] = []
    line_of_word: list[int] = []
    bands: set[int] = set()
    gaps: set[int] = set()
    breaks: set[int] = set()
    index = 0
    for line_no, line in enumerate(page.lines):
        if line_no:
            chars.append("\n")
            owner.append(-1)
        if page.height and (line.bbox.y1 <= BAND * page.height or line.bbox.y0 >= (1 - BAND) * page.height):
            bands.add(line_no)
        previous = ""
        previous_box = None
        lone: list[tuple[int, int]] = []  # (offset of the space, gap) between lone characters
        for word in line.words:
            if previous and needs_space(previous, word.text):
                if previous_box is not None and len(previous) == 1 and len(word.text) == 1:
                    lone.append((len(chars), word.bbox.x0 - previous_box.x1))
                chars.append(" ")
                owner.append(-1)
            elif previous_box is not None:
                height = max(previous_box.y1 - previous_box.y0, word.bbox.y1 - word.bbox.y0, 1)
                if word.bbox.x0 - previous_box.x1 > WIDE_GAP * height:
                    gaps.add(len(chars))
            previous_box = word.bbox
            chars.extend(word.text)
            owner.extend([index] * len(word.text))
            line_of_word.append(line_no)
            previous = word.text
            index += 1
        breaks.update(_word_breaks(lone))
    return PageText(
        "".join(chars), tuple(owner), tuple(line_of_word), frozenset(bands), frozenset(gaps), frozenset(breaks)
    )


def _word_breaks(lone: list[tuple[int, int]]) -> Iterator[int]:
    """The spaces among ``lone`` (offset, gap) whose gap is :data:`SPACED_BREAK` times the
    usual gap between the line's lone characters or more."""
    if len(lone) < MIN_SPACED_GAPS:
        return
    usual = max(sorted(gap for _, gap in lone)[len(lone) // 2], 1)
    yield from (offset for offset, gap in lone if gap >= SPACED_BREAK * usual)


DASHES = "-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # hyphen, soft hyphen, dashes
# the apostrophe as typesetting and keyboards write it (curly quote, modifier letter, ʻokina,
# prime, the accents typed for it, full width): ``O’Neill`` and ``OʼNeill`` are ``O'Neill``
APOSTROPHES = "'\u2018\u2019\u201b\u02b9\u02bb\u02bc\u02bd\u0060\u00b4\u2032\uff07"
_TYPOGRAPHIC = {**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")}
GLUE_MIN = 6  # a Latin term at least this long is found even glued to letters ("MrBrennan")


# Latin letters with no decomposition, as they look (what OCR reads them as): þ is read p or b
_LETTER_LOOKS = str.maketrans(
    {"þ": "p", "Þ": "P", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
     "ı": "i", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
)  # fmt: skip


def fold_char(ch: str, keep_case: bool = False) -> str:
    """Width-, accent- (and unless ``keep_case``, case-) insensitive form of one character:
    ``é`` is ``e`` and ``þ`` is ``p`` (a listed ``José`` is printed ``Jose``, and OCR reads
    ``Þóra`` as ``Pora``); traditional Chinese characters fold to their simplified form.
    Typographic forms are their ASCII character: every apostrophe (``’ ʼ ‘ ´``,
    :data:`APOSTROPHES`) is ``'`` and every hyphen or dash (a non-breaking hyphen, an en dash,
    a soft hyphen: :data:`DASHES`) is ``-``, so ``O’Neill`` is ``O'Neill`` and ``Smith‑Jones``
    is ``Smith-Jones``; an invisible format character (a zero-width space, a word joiner) is
    nothing."""
    if ch in _TYPOGRAPHIC:
        return _TYPOGRAPHIC[ch]
    if unicodedata.category(ch) == "Cf":
        return ""
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) == 1 and ord(norm) >= 0x3400:
        norm = t2s().get(norm, norm)
    elif not norm.isascii():
        bare = "".join(c for c in unicodedata.normalize("NFKD", norm) if not unicodedata.combining(c))
        norm = bare.translate(_LETTER_LOOKS) or norm
    return norm if keep_case else norm.casefold()


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded copy of a text for matching, with ``origin[j]`` = index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of folded characters ``start:end``."""
        return self.origin[start], self.origin[end - 1] + 1


def _hyphen_break(text: str, i: int) -> int:
    """If a dash at ``i`` ends a line (spaces allowed), the index after the break, else -1."""
    if text[i] not in DASHES:
        return -1
    j = i + 1
    while j < len(text) and text[j] in " \t":
        j += 1
    return j + 1 if j < len(text) and text[j] == "\n" else -1


def fold(text: str, *, confusions: bool = False, keep_case: bool = False, spaces: bool = True) -> Folded:
    """Fold case, width and Chinese variants, make every whitespace run one space (or drop it,
    ``spaces=False``), and join words broken across lines by any dash ("Hollo—\nway" →
    "holloway"); optionally fold OCR confusions."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        after = _hyphen_break(text, i) if out and out[-1].isalpha() else -1
        if after > 0:
            i = after  # hyphenated line break: drop dash and break
            while i < n and text[i] == " ":
                i += 1
            continue
        if ch.isspace():
            if spaces and out and out[-1] != " ":
                out.append(" ")
                origin.append(i)
            i += 1
            continue
        for f in fold_char(ch, keep_case):
            if confusions:
                f = CONFUSIONS.get(f, f)
            out.append(f)
            origin.append(i)
        i += 1
    if confusions:  # "rn" is often read for "m" (and back): fold both spellings to "m"
        pairs: list[tuple[str, int]] = []
        for c, o in zip(out, origin, strict=True):
            if c == "n" and pairs and pairs[-1][0] == "r":
                pairs[-1] = ("m", pairs[-1][1])
            else:
                pairs.append((c, o))
        out = [c for c, _ in pairs]
        origin = [o for _, o in pairs]
    return Folded("".join(out), tuple(origin))


def kept_form(text: str) -> str:
    """The form a reviewer's *keep* decision is compared in: folded with OCR confusions and
    without spaces, so the kept ``a.b@c.example`` read as ``a.b@ c.example`` by another view
    is still the text the person chose to keep (idempotent)."""
    return fold(text, confusions=True, spaces=False).text


def _latin_letter(ch: str) -> bool:
    return ch.isalpha() and not is_cjk(ch)


def _marking_check(needle: str) -> Callable[[str, int, int], bool] | None:
    """For a needle that is a classification marking, the test a place it occurs must pass."""
    from sandbox.redact import markings  # markings builds on this module

    return markings.unglued if markings.is_marking(needle) else None


def find_terms(
    text: str, needles: Iterable[str], *, confusions: bool = False, keep_case: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Every occurrence of each needle in ``text`` as (start, end, needle), in original offsets.

    The one matcher of detection and of every output check: case-, width-, space-, line-break-,
    hyphenation- and simplified/traditional-insensitive.  A Latin needle may touch digits,
    punctuation or CJK on either side; it may touch a letter only when it is at least
    ``GLUE_MIN`` characters long (so "Brennan2024" and "MrBrennan" match, "Granted" does not
    match "Grant").  A redacted marking compared with case (``keep_case``) counts only standing
    apart from the letters around it: "内部" is found in "【内部】" and "内部 ★", not in
    "内部控制" (``markings.unglued``).
    """
    hay = fold(text, confusions=confusions, keep_case=keep_case, spaces=False)
    for needle in needles:
        folded = fold(needle, confusions=confusions, keep_case=keep_case, spaces=False).text
        if not folded:
            continue
        unglued = _marking_check(needle) if keep_case else None
        long_enough = len(folded) >= GLUE_MIN
        start = hay.text.find(folded)
        while start >= 0:
            s, e = hay.span(start, start + len(folded))
            before = text[s - 1] if s > 0 else " "
            after = text[e] if e < len(text) else " "
            ok_before = long_enough or not (_latin_letter(text[s]) and _latin_letter(before))
            ok_after = long_enough or not (_latin_letter(text[e - 1]) and _latin_letter(after))
            if ok_before and ok_after and (unglued is None or unglued(text, s, e)):
                yield s, e, needle
            start = hay.text.find(folded, start + 1)
