"""Page text with a map back to words, so matches can span words, lines and CJK runs.

The page text is every line's words joined as in the TXT output (no spaces between CJK
characters), lines separated by a newline.  ``owner[i]`` is the index (in ``page.words``)
of the word that character ``i`` belongs to, or -1 for a separator.  A matching copy
(``folded``) is case- and width-folded with a per-character map back to the page text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sandbox.models import Page
from sandbox.text import needs_space

CONFUSIONS = {"0": "o", "1": "l", "i": "l", "|": "l"}


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    owner: tuple[int, ...]
    line_of_word: tuple[int, ...]

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
    index = 0
    for line_no, line in enumerate(page.lines):
        if line_no:
            chars.append("\n")
            owner.append(-1)
        previous = ""
        for word in line.words:
            if previous and needs_space(previous, word.text):
                chars.append(" ")
                owner.append(-1)
            chars.extend(word.text)
            owner.extend([index] * len(word.text))
            line_of_word.append(line_no)
            previous = word.text
            index += 1
    return PageText("".join(chars), tuple(owner), tuple(line_of_word))


def fold_char(ch: str, keep_case: bool = False) -> str:
    """Width-insensitive (and unless ``keep_case``, case-insensitive) form of one character."""
    norm = unicodedata.normalize("NFKC", ch)
    return norm if keep_case else norm.casefold()


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded copy of a text for matching, with ``origin[j]`` = index in the original."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of folded characters ``start:end``."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str, *, confusions: bool = False, keep_case: bool = False) -> Folded:
    """Fold case and width, make every whitespace run one space, and join words broken
    across lines by a hyphen ("Martin-\\nez" → "martinez"); optionally fold OCR confusions."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "-" and i + 1 < n and text[i + 1] == "\n" and out and out[-1].isalpha():
            i += 2  # hyphenated line break: drop both
            while i < n and text[i] == " ":
                i += 1
            continue
        if ch.isspace():
            if out and out[-1] != " ":
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
