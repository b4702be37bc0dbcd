"""Names without a list (the ``names`` pack, off by default): person names proposed for review.

Chinese: a surname from the table of ``names`` and one or two more Han characters, right
before a title or form of address (王建国同志, 李明先生, 张伟主任) or right after a label that
announces a person (联系人：张伟, 经办人 李娜, 签名：陈志明).  English: a given name from the
gazetteer ``sandbox/data/given-names.txt`` followed by a capitalised surname (an initial or
a middle name may stand between: ``Jane Q. Doe``), or an honorific and capitalised words
(``Dr Okafor``, ``Mrs Helen Park``).  The rules are shape and word lists only: they propose,
a person decides (``sandbox flag``'s review).  Nothing here logs or prints text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from sandbox.redact.names import APOSTROPHE, CN_SURNAMES_1, CN_SURNAMES_2, CN_TITLES, DASH, HONORIFICS
from sandbox.redact.textmap import fold

HAN = "\u4e00-\u9fff"
CN_LABELS = (
    "联系人|姓名|申请人|经办人|负责人|签名|签字|收件人|发件人|报告人|审批人|批准人|起草人|记录人|主持人|"
    "当事人|委托人|代理人|法定代表人|户主|患者|学生|作者|编辑|校对|审核人|复核人|填表人|领款人|收款人|证人"
)
CN_BEFORE_TITLE = re.compile(rf"(?=(?:{CN_TITLES}))")
CN_AFTER_LABEL = re.compile(rf"(?:{CN_LABELS})\s*[:：]?\s*")
# characters that rarely end a given name but often follow one ("张伟电话", "李娜和")
CN_STOP_AFTER = re.compile(rf"(?:电话|手机|联系|邮箱|地址|{CN_TITLES}|等|和|与|及|的|是|在|于|为|说|称|表示)")
# function characters that are also surnames: "和李明先生" is 和 + 李明, not 和李明
CN_FUNCTION = set("和与同向对由给被把让请是为的在于以从及或而且并")
EN_NOT_SURNAME = frozenset(
    re.findall(
        r"\w+",
        "The A An And Or Of In On At To For From By With As Is Was Are Were Be Has Have Had It Its This That These "
        "Those We You He She They I Street Road Avenue Lane University College School Company Ltd Limited Inc Group "
        "Committee Council Report Project Department Ministry Office Hospital Bank Court Centre Center "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
        "September October November December North South East West New Old Great",
    )
)
# Smith, O'Brien, Smith-Jones (not 's), the apostrophe and the hyphen in any typographic form
EN_CAP = rf"(?:[A-Z][a-z]+|[A-Z]{APOSTROPHE}[A-Z][a-z]+)(?:{DASH}[A-Z][a-z]+)?"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    text = resources.files("sandbox").joinpath("data/given-names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _cn_name_ending_at(text: str, end: int) -> int:
    """The start of a surname + 1–2 characters name ending at ``end``, or -1."""

    def han(start: int) -> bool:
        return start >= 0 and all("\u4e00" <= ch <= "\u9fff" for ch in text[start:end])

    for length in (4, 3):  # a compound surname (欧阳) and one or two characters
        if han(end - length) and text[end - length : end - length + 2] in CN_SURNAMES_2:
            return end - length
    for length in (3, 2):  # a surname and two characters first, unless it is a function word
        start = end - length
        if han(start) and text[start] in CN_SURNAMES_1 and not (length == 3 and text[start] in CN_FUNCTION):
            return start
    return -1


def _cn_name_starting_at(text: str, start: int) -> int:
    """The end of a surname + 1–2 characters name starting at ``start``, or -1."""
    surname = 2 if text[start : start + 2] in CN_SURNAMES_2 else 1 if text[start : start + 1] in CN_SURNAMES_1 else 0
    if not surname:
        return -1
    end = start + surname
    for _ in range(2):
        if end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and not CN_STOP_AFTER.match(text, end):
            end += 1
    return end if end > start + surname else -1


def chinese(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Chinese person names proposed by context (folded text: spaces between
    characters and traditional forms are no obstacle)."""
    folded = fold(text, spaces=False)
    hay = folded.text
    spans: set[tuple[int, int]] = set()
    for m in CN_BEFORE_TITLE.finditer(hay):
        start = _cn_name_ending_at(hay, m.start())
        if start >= 0 and m.start() - start >= 2:
            spans.add((start, m.start()))
    for m in CN_AFTER_LABEL.finditer(hay):
        end = _cn_name_starting_at(hay, m.end())
        if end >= 0:
            spans.add((m.end(), end))
    for start, end in sorted(spans):
        yield folded.span(start, end)


# tried at every word start (a lookahead), so "Yesterday Jane Doe" still yields "Jane Doe"
EN_FULL = re.compile(rf"(?<![\w.])(?=(({EN_CAP})\s+((?:(?:[A-Z]\.\s*)|(?:{EN_CAP}\s+)){{0,2}})({EN_CAP})(?![\w])))")
EN_FUNCTION = frozenset(re.findall(r"\w+", "The A An And Or Of In On At To For From By With As Is Was It This That"))
EN_HONORIFIC = re.compile(rf"(?<![\w]){HONORIFICS}\.?\s+((?:[A-Z]\.\s*)*{EN_CAP}(?:\s+{EN_CAP})?)(?![\w])")


def english(text: str) -> Iterator[tuple[int, int]]:
    """Spans of English person names: a known given name and a capitalised surname, or an
    honorific and capitalised words (the honorific is not part of the span)."""
    given = given_names()
    for m in EN_FULL.finditer(text):
        first, last = m.group(2), m.group(4)
        middle = m.group(3).split()
        if first in given and last not in EN_NOT_SURNAME and not any(w in EN_NOT_SURNAME for w in middle):
            yield m.start(1), m.end(1)
    for m in EN_HONORIFIC.finditer(text):
        words = m.group(1).split()
        if words and words[-1] not in EN_FUNCTION:
            yield m.start(1), m.end(1)


def people(text: str) -> list[tuple[str, int, int]]:
    """Every proposed person name as (rule, start, end); a name inside another is dropped."""
    found = [("names.cn", s, e) for s, e in chinese(text)] + [("names.en", s, e) for s, e in english(text)]
    return sorted(
        {f for f in found if not any(o[1] <= f[1] and f[2] <= o[2] and o[1:] != f[1:] for o in found)},
        key=lambda f: f[1],
    )
