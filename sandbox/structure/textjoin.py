"""Joining a paragraph's lines into running text: a line break is a space between Latin words,
nothing between CJK characters, and a word hyphenated across lines is made whole again."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sandbox.text import is_cjk

_HYPHENATED = re.compile(r"[A-Za-z]{2,}-$")


def join_two(left: str, right: str) -> str:
    """``left`` and ``right`` (consecutive lines) as one text."""
    if not left:
        return right
    if not right:
        return left
    if _HYPHENATED.search(left) and right[0].islower():
        return left[:-1] + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def join_lines(lines: Sequence[str]) -> str:
    out = ""
    for line in lines:
        out = join_two(out, line.strip())
    return out
