"""OCR-tolerant term matching: a confusion-aware edit distance, scaled by the term's length.

Both the term and the page are first brought to a *confusion form* in which the characters
OCR mistakes for one another are one character (``l 1 ! I | ¦`` → ``l``; ``O 0 D Q`` → ``o``;
``5 S $`` → ``s``; ``8 B`` → ``b``; ``2 Z`` → ``z``; ``6 G`` → ``g``; ``3`` → ``e``; the pairs
``rn``/``m``, ``cl``/``d``, ``vv``/``w``; a few Chinese look-alikes such as 己/已/巳, 未/末,
土/士, 人/入, 日/曰, 戊/戌/戍; and Chinese characters that differ by one part, 冼/洗, 怡/台:
:mod:`sandbox.redact.hanlike`, by window below).  A window of whole words of the page (a Han character is a
word) then matches when its confusion form is within ``tolerance`` edits (Levenshtein, by
rapidfuzz) of the term's.  What that bound does and does not catch:

- any number of look-alike confusions cost nothing: ``Danie! Okafor``, ``0livia Grant``;
- any other misread character costs one edit: ``Margaret lolloway`` for "Margaret Holloway"
  (H read as l) is one substitution, caught because the term is long; ``Grnat`` for "Grant"
  is two edits and is not caught (five letters allow none);
- a window holds whole words only, so a term never matches inside a longer word by edits;
- when the window has as many words as the term, each word stays within its own bound (at
  least one edit): ``Margaret Galloway`` is two edits from "Holloway" in one word of eight
  letters, so it is not "Margaret Holloway".

A window that is the term itself (up to case, width and spaces) is left to the exact matcher.
Nothing here logs or prints text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from sandbox.redact.hanlike import lookalike
from sandbox.redact.textmap import fold_char
from sandbox.text import is_cjk

_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"))
_CLASSES = {
    **dict.fromkeys("l1!i|¦ǀ", "l"),
    **dict.fromkeys("o0dq", "o"),
    **dict.fromkeys("s5$", "s"),
    **dict.fromkeys("b8", "b"),
    **dict.fromkeys("z2", "z"),
    **dict.fromkeys("g6", "g"),
    **dict.fromkeys("e3", "e"),
    **dict.fromkeys("己已巳", "己"),
    **dict.fromkeys("未末", "未"),
    **dict.fromkeys("土士", "土"),
    **dict.fromkeys("人入", "人"),
    **dict.fromkeys("日曰", "日"),
    **dict.fromkeys("戊戌戍", "戊"),
}
_TRIM = "()[]{}<>\"'“”‘’,.;:?*_«»"  # punctuation around a word that is not part of it


def confusion_form(text: str) -> str:
    """Case-, width- and script-folded ``text`` without spaces, look-alikes made one."""
    folded = "".join(fold_char(ch) for ch in text if not ch.isspace())
    for pair, single in _PAIRS:
        folded = folded.replace(pair, single)
    return "".join(_CLASSES.get(ch, ch) for ch in folded)


def plain_form(text: str) -> str:
    """``text`` folded (``textmap.fold_char``) without spaces: the form two readings of one item
    share."""
    return "".join(fold_char(ch) for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "Z")


def tolerance(term: str) -> int:
    """Edits allowed for ``term`` beyond look-alike confusions (the table of docs/policy.md):
    Latin 1–5 characters 0, 6–9 one, 10–19 two, 20 or more three; Chinese 1–3 characters 0,
    4–7 one, 8 or more two.  Spaces do not count."""
    form = confusion_form(term)
    han = sum(1 for ch in form if is_cjk(ch) and ch.isalpha())
    n = len(form)
    if han * 2 >= n:
        return 0 if n <= 3 else 1 if n <= 7 else 2
    return 0 if n <= 5 else 1 if n <= 9 else 2 if n <= 19 else 3


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a page's text: its span, its confusion form (look-alikes made one) and its
    plain folded form."""

    start: int
    end: int
    form: str  # confusion form
    plain: str  # plain folded form


def tokens(text: str) -> list[Token]:
    """The page's words in reading order: runs without spaces, each Han character alone (a
    full-width apostrophe or hyphen is no Han character: ``O＇Neill`` is one word),
    punctuation around a run trimmed (but not the look-alikes ``! |`` of ``l``).  A run with
    no letter or digit in its confusion form (``=``, ``—``, ``~``: what OCR makes of a box wall
    or a speck) is no word: a window passes over it (``Brennan =, Thomas``)."""
    out: list[Token] = []
    for m in re.finditer(r"\S+", text):
        piece_start = -1
        for i in range(m.start(), m.end() + 1):
            ch = text[i] if i < m.end() else " "
            if (is_cjk(ch) and fold_char(ch) not in ("'", "-")) or ch == " ":
                if piece_start >= 0:
                    _add(out, text, piece_start, i)
                    piece_start = -1
                if ch != " " and ch.isalpha():
                    out.append(Token(i, i + 1, confusion_form(ch), plain_form(ch)))
            elif piece_start < 0:
                piece_start = i
    return _spaced_runs([t for t in out if any(ch.isalnum() for ch in t.form)], text)


SPACED_RUN = 3  # single letters in a row, one space apart, that are one letter-spaced word


def _spaced_runs(toks: list[Token], text: str) -> list[Token]:
    """Letter-spaced writing (one letter per box of a comb field, wide tracking: ``M a r g a r e t``)
    made one token: a run of ``SPACED_RUN`` or more one-character Latin or digit tokens with
    only spaces between them.  The word gaps inside such a run are lost to the reading anyway,
    so the run is one word and a term matches it through the tolerance as a whole."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        j = i
        while (
            j < len(toks)
            and toks[j].end - toks[j].start == 1
            and not is_cjk(text[toks[j].start])
            and (j == i or _only_noise(text[toks[j - 1].end : toks[j].start]))
        ):
            j += 1
        if j - i >= SPACED_RUN:
            start, end = toks[i].start, toks[j - 1].end
            piece = "".join(t.plain for t in toks[i:j])
            out.append(Token(start, end, confusion_form(piece), piece))
            i = j
        else:
            out.append(toks[i])
            i += 1
    return out


_WORD_BREAKS = frozenset(",.;:，。；：、")  # punctuation that ends a letter-spaced word


def _only_noise(between: str) -> bool:
    """Whether the text between two letters of a letter-spaced run holds nothing that ends the
    word: spaces and OCR's specks (``=``, ``~``), not a comma or a full stop."""
    return not any(ch.isalnum() or ch in _WORD_BREAKS for ch in between)


def _add(out: list[Token], text: str, start: int, end: int) -> None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if end > start:
        piece = text[start:end]
        out.append(Token(start, end, confusion_form(piece), plain_form(piece)))


def _word_count(term: str) -> int:
    n = 0
    for part in term.split():
        han = sum(1 for ch in part if is_cjk(ch) and ch.isalpha())
        n += han + (1 if len(part) > han else 0)
    return max(1, n)


def _words(term: str) -> list[str]:
    """The term's words as ``tokens`` splits a page: Han characters one by one."""
    return [text[t.start : t.end] for text in (term,) for t in tokens(text)]


def _each_word_within(window: Sequence[Token], words: Sequence[tuple[str, int]]) -> bool:
    return all(
        Levenshtein.distance(t.form, form, score_cutoff=bound) <= bound
        for t, (form, bound) in zip(window, words, strict=True)
    )


def find_fuzzy(
    text: str, terms: Iterable[str], toks: Sequence[Token] | None = None, names: bool = False
) -> Iterator[tuple[int, int, str]]:
    """Spans (start, end, term) where a term is read with OCR mistakes within its tolerance
    (and, with ``names``, a listed Latin name in its written forms: ``_name_windows``).
    Exact readings are not reported (the exact matcher finds them); overlapping windows of
    one term keep the closest (then the shortest)."""
    toks = tokens(text) if toks is None else toks
    windows: dict[int, list[str]] = {}  # size → confusion form of the window starting at each token
    at: dict[str, list[int]] = {}  # a one-character token's confusion form → where it stands
    for i, t in enumerate(toks):
        if len(t.form) == 1:
            at.setdefault(t.form, []).append(i)

    def forms(size: int) -> list[str]:
        if size not in windows:
            windows[size] = ["".join(t.form for t in toks[i : i + size]) for i in range(len(toks) - size + 1)]
        return windows[size]

    for term in dict.fromkeys(terms):
        form = confusion_form(term)
        plain = plain_form(term)
        if not form:
            continue
        k = tolerance(term)
        n = _word_count(term)
        words = [(confusion_form(w), max(1, tolerance(w))) for w in _words(term)]
        candidates: list[tuple[float, int, int, bool]] = []
        for size in range(max(1, n - 1), n + 2):
            hits = process.extract(form, forms(size), scorer=Levenshtein.distance, score_cutoff=k, limit=None)
            for _, d, i in hits:
                window = toks[i : i + size]
                if d and size == len(words) and not _each_word_within(window, words):
                    continue
                exact = "".join(t.plain for t in window) == plain
                candidates.append((d + size / 100, window[0].start, window[-1].end, exact))
        if names:
            candidates += _name_windows(text, toks, term)
        candidates += _han_windows(toks, term, at)
        taken: list[tuple[int, int]] = []
        for _, start, end, exact in sorted(candidates):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            if not exact:
                yield start, end, term


def _han_windows(toks: Sequence[Token], term: str, at: dict[str, list[int]]) -> list[tuple[float, int, int, bool]]:
    """A Chinese term read with characters that differ from its own by a part (冼嘉怡 read
    洗嘉台: :mod:`sandbox.redact.hanlike`): as many Han characters in a row as the term has,
    each the term's own or its look-alike, at least one the term's own and at most the term's
    tolerance neither.  Each look-alike weighs half an edit when windows compete.  ``at``
    indexes the page's tokens by confusion form: only windows holding one of the term's own
    characters are looked at."""
    chars = list(plain_form(term))
    if len(chars) < 2 or not all(is_cjk(ch) and ch.isalpha() for ch in chars):
        return []
    forms = [confusion_form(ch) for ch in chars]
    starts = sorted({i - j for j, form in enumerate(forms) for i in at.get(form, ())})
    bound = tolerance(term)
    out: list[tuple[float, int, int, bool]] = []
    for i in starts:
        if i < 0 or i + len(chars) > len(toks):
            continue
        window = toks[i : i + len(chars)]
        same = alike = 0
        for tok, ch, form in zip(window, chars, forms, strict=True):
            if tok.form == form:
                same += 1
            elif len(tok.plain) == 1 and lookalike(tok.plain, ch):
                alike += 1
        if alike and len(chars) - same - alike <= bound:
            edits = len(chars) - same - alike
            out.append((edits + alike / 2 + len(chars) / 100, window[0].start, window[-1].end, False))
    return out


MIDDLE_MAX = 3  # middle names or initials between a listed name's given name and surname
HONORIFIC_FORMS = frozenset(
    confusion_form(h) for h in ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame")
)


def _near(tok: Token, word: str) -> int | None:
    """Edits between a page word and a name's word (look-alikes free), or None beyond its bound."""
    form = confusion_form(word)
    bound = max(1, tolerance(word))
    d = int(Levenshtein.distance(tok.form, form, score_cutoff=bound))
    return d if d <= bound else None


def _name_windows(text: str, toks: Sequence[Token], term: str) -> list[tuple[float, int, int, bool]]:
    """A listed Latin name (``Olivia Grant``) as people write it *and* OCR misreads it: the
    given name, up to ``MIDDLE_MAX`` initials (one or two characters each: ``J.``, ``J]``), then
    the surname; the surname, a comma (or the dot OCR makes of it) or written in capitals,
    then the given name (``Grant, 0livia``, ``GRANT 0livia``); the given name's initial, then
    the surname (``0). Grant`` for ``O.J. Grant``: :func:`_initial`); an honorific, then the
    surname (``Dr Grnat`` is not, ``Dr Granl`` is).  Given name and surname each stay within
    their own bound (at least one edit) and both together within the term's."""
    from sandbox.redact.names import latin_parts

    parts = latin_parts(term.strip())
    if parts is None:
        return []
    given, surname = parts
    total = max(1, tolerance(given + surname))
    out: list[tuple[float, int, int, bool]] = []
    for i, tok in enumerate(toks):
        g = _near(tok, given)
        if g is not None:
            for k in range(1, MIDDLE_MAX + 1):  # given, k initials, surname
                if i + k + 1 >= len(toks) or len(toks[i + k].form) > 2:
                    break
                s = _near(toks[i + k + 1], surname)
                if s is not None and g + s <= total:
                    out.append((g + s + (k + 2) / 100, tok.start, toks[i + k + 1].end, False))
        s = _near(tok, surname)
        if s is not None and i + 1 < len(toks) and _surname_first(text, tok, toks[i + 1]):
            g2 = _near(toks[i + 1], given)
            if g2 is not None and s + g2 <= total:
                out.append((s + g2 + 0.02, tok.start, toks[i + 1].end, False))
        if _initial(text, tok, given):  # O. Grant, O.J. Grant, read 0). Grant
            for k in range(MIDDLE_MAX):  # the initial, k more initials, the surname
                if i + k + 1 >= len(toks) or (k and len(toks[i + k].form) > 2):
                    break
                s3 = _near(toks[i + k + 1], surname)
                if s3 is not None and s3 <= max(1, tolerance(surname)):
                    out.append((s3 + (k + 2) / 100, tok.start, toks[i + k + 1].end, False))
        if tok.form in HONORIFIC_FORMS and i + 1 < len(toks):
            s2 = _near(toks[i + 1], surname)
            if s2 is not None and s2 <= max(1, tolerance(surname)):
                out.append((s2 + 0.02, toks[i + 1].start, toks[i + 1].end, False))
    return out


# one letter or more initials, each with its dot, as OCR reads them: "O.", "O.J.", "0).", "O,"
INITIALS = re.compile(r"[^\W_](?:[^\w\s]{1,2}[^\W_]){0,2}[^\w\s]{1,2}")
WORD = re.compile(r"\S+")


def _initial(text: str, tok: Token, given: str) -> bool:
    """Whether a page word is the given name's initial as written and as OCR reads it: the
    initial (or its look-alike: ``0`` for O, ``1`` for I) with its dot (or what OCR makes of
    it: ``)``, ``]``, ``,``), maybe more initials after (``O.J.``; ``0).`` for ``O.J.``).  An
    initial read as a digit does not open a line: ``1. Grant …`` there is an item of a list."""
    word = WORD.match(text, tok.start)
    if word is None or not tok.form or tok.form[0] != confusion_form(given[0]):
        return False
    if not INITIALS.fullmatch(word.group()):
        return False
    return not (word.group()[0].isdigit() and not text[text.rfind("\n", 0, tok.start) + 1 : tok.start].strip())


def _surname_first(text: str, surname: Token, given: Token) -> bool:
    """Whether a surname before a given name is written as one: a comma between (or the dot
    OCR makes of it), or the surname in capitals (``GRANT Olivia``)."""
    between = text[surname.start : given.start]
    word = text[surname.start : surname.end]
    return any(c in between for c in ",.，") or (word.isupper() and len(word) > 1)
