"""Text rules: joining words without spurious spaces between CJK characters, normalising."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from sandbox.models import Line, Page


def is_cjk(ch: str) -> bool:
    """Han, kana, CJK punctuation and full-width forms: scripts written without spaces."""
    cp = ord(ch)
    return (
        0x3000 <= cp <= 0x30FF  # CJK symbols and punctuation, hiragana, katakana
        or 0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or (0xFF00 <= cp <= 0xFFEF and not ch.isalnum())  # full-width punctuation (not letters/digits)
        or 0x20000 <= cp <= 0x3FFFF
        or cp == 0x2605  # ★ as in 机密★
    )


@lru_cache(maxsize=1)
def t2s() -> dict[str, str]:
    """Traditional → simplified, character by character, from OpenCC's TSCharacters table."""
    from importlib import resources

    table: dict[str, str] = {}
    data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    for row in data.splitlines():
        parts = row.split()
        if len(parts) >= 2 and len(parts[0]) == 1 and len(parts[1]) == 1 and parts[0] != parts[1]:
            table[parts[0]] = parts[1]
    return table


def traditional(text: str) -> bool:
    """Whether Chinese ``text`` is written in traditional characters (a tenth of its Han
    characters or more exist only in the traditional script)."""
    han = [ch for ch in text if is_cjk(ch) and ch.isalpha()]
    table = t2s()
    return bool(han) and sum(1 for ch in han if ch in table) >= 0.1 * len(han)


def needs_space(left: str, right: str) -> bool:
    """Whether two adjacent words on a line are separated by a space in running text."""
    if not left or not right:
        return False
    return not (is_cjk(left[-1]) or is_cjk(right[0]))


def join_words(words: Sequence[str]) -> str:
    """The words as one line: a space between two, except next to a CJK character."""
    out = ""
    for word in words:
        if out and needs_space(out, word):
            out += " "
        out += word
    return out


def line_text(line: Line) -> str:
    """The text of a line, its words joined as ``join_words`` does."""
    return join_words([w.text for w in line.words])


def page_text(page: Page) -> str:
    """Reading-order text: lines joined by newlines, a blank line between paragraphs."""
    parts: list[str] = []
    previous: tuple[int, int] | None = None
    for line in page.lines:
        key = (line.block, line.paragraph)
        if previous is not None and key != previous:
            parts.append("")
        parts.append(line_text(line))
        previous = key
    return "\n".join(parts) + ("\n" if parts else "")


def normalise(text: str) -> str:
    """Compare-friendly form: NFKC, no spaces next to CJK, single spaces elsewhere."""
    text = unicodedata.normalize("NFKC", text)
    tokens = text.split()
    return join_words(tokens)
