"""What a paragraph is, from its text and its look: heading levels from numbering (一、 （一）
1. 1.1 第X章, "1 Introduction"), size and weight; list items from their markers; page numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sandbox.text import is_cjk

CN_NUM = "一二三四五六七八九十百零〇两"
_AFTER = r"(\s+\S|(?=[^\W\d_]))"  # after a number: a space, or a letter or CJK (not 1.1% or 3.14)
_HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^第[{CN_NUM}\d]+[章编部]"), 1),
    (re.compile(rf"^第[{CN_NUM}\d]+节"), 2),
    (re.compile(rf"^[{CN_NUM}]+[、．.]"), 2),
    (re.compile(rf"^[（(][{CN_NUM}]+[）)]"), 3),
    (re.compile(rf"^\d+(\.\d+)+\.?{_AFTER}"), 0),  # 1.1, 1.1.1: level from the depth
    (re.compile(rf"^\d+[.．、]{_AFTER}|^\d+\s+[A-Z\u4e00-\u9fff]"), 2),
    (re.compile(r"^[IVX]+\.\s+\S"), 2),
    (re.compile(r"^(Chapter|Section|Part|Appendix)\s+\w+", re.IGNORECASE), 1),
)
_SENTENCE_END = tuple("。；;，,：:、！？!?.")
_BULLET = re.compile(r"^([•·●○■□▪◆◇►▶\-–*]\s*|¢\s+)\S")  # ¢: how Tesseract often reads a bullet
_ORDERED = re.compile(r"^(\(?\d{1,2}[.)]|[a-z][.)])\s+\S")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,4}|[ivxlc]{1,6})[-—–\s]*$|^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$|"
                          r"^(page\s+)?\d+\s*(/|of)\s*\d+$|^page\s+\d+$", re.IGNORECASE)  # fmt: skip
MAX_HEADING_CHARS_CJK = 30
MAX_HEADING_WORDS = 14


def short_enough(text: str) -> bool:
    """Short enough for a heading: a line of at most 30 CJK characters or 14 words."""
    cjk = sum(1 for ch in text if is_cjk(ch))
    if cjk >= len(text) / 3:
        return len(text) <= MAX_HEADING_CHARS_CJK
    return len(text.split()) <= MAX_HEADING_WORDS


def numbered_level(text: str) -> int:
    """Heading level the numbering at the start of ``text`` suggests (0: not numbered)."""
    for pattern, level in _HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            if level == 0:
                depth = m.group(0).split()[0].rstrip(".").count(".")
                return min(6, 2 + depth)
            return level
    return 0


_TRUSTED = re.compile(rf"^(第[{CN_NUM}\d]+[章编部节]|[{CN_NUM}]+[、．.]|[（(][{CN_NUM}]+[）)]|\d+(\.\d+)+\.?{_AFTER})")


def trusted_numbering(text: str) -> bool:
    """Numbering that marks a heading by itself (第X章, 一、, （一）, 1.1): a bare ``1.`` or
    ``14 Quayside Road`` may as well be a list item or an address."""
    return bool(_TRUSTED.match(text))


def heading_like(text: str) -> bool:
    """A line that can be a heading at all: short, not a sentence (no closing punctuation), not
    a label with its value (``单位：万元``, ``Date: 1 May``)."""
    stripped = text.strip()
    label = bool(re.search(r"[:：]\s*\S", stripped))
    return bool(stripped) and short_enough(stripped) and not stripped.endswith(_SENTENCE_END) and not label


def starts_item(text: str) -> bool:
    """A marker that starts a new paragraph: list bullets, list numbers, heading numbers."""
    return bool(_BULLET.match(text) or _ORDERED.match(text) or numbered_level(text) or item_marker(text))


def list_marker(text: str) -> str | None:
    """'ul' or 'ol' when ``text`` starts like a list item (bullet, ``1.``/``(1)``/``a)`` + space)."""
    if _BULLET.match(text):
        return "ul"
    if _ORDERED.match(text):
        return "ol"
    return None


def page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def caption_like(text: str) -> bool:
    return bool(re.match(r"^(表|图|圖|Table|Figure|Fig\.)\s*[\d一二三四五六七八九十]", text.strip(), re.IGNORECASE))


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bullet", re.compile(r"^([•·●○■□▪◆◇►▶\-–*]|¢(?=\s))\s*(?=\S)")),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*(?=\S)")),
    ("cjk-paren", re.compile(rf"^[（(]([{CN_NUM}]+)[）)]\s*(?=\S)")),
    ("cjk", re.compile(rf"^([{CN_NUM}]+)、\s*(?=\S)")),
    ("full-paren", re.compile(r"^（(\d{1,2})）\s*(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?=\S)")),
    ("decimal-paren", re.compile(r"^(\d{1,2})[)）]\s*(?=\S)")),
    ("decimal-comma", re.compile(r"^(\d{1,2})、\s*(?=\S)")),
    ("decimal", re.compile(r"^(\d{1,2})[.．](?!\d)\s*(?=\S)")),
    ("alpha", re.compile(r"^([a-z])[.)]\s+(?=\S)")),
)


def cn_number(text: str) -> int:
    """The value of a Chinese numeral up to 99 (一 1, 十 10, 十二 12, 二十三 23); 0 if not one."""
    if not text or any(ch not in _CN_DIGIT and ch != "十" for ch in text):
        return 0
    if "十" not in text:
        return _CN_DIGIT[text] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


@dataclass(frozen=True, slots=True)
class Marker:
    """A list item's marker as the page printed it: its style (``bullet``, ``decimal`` 1.,
    ``decimal-paren`` 1), ``decimal-comma`` 1、, ``paren`` (1), ``full-paren`` （1）, ``circled`` ①,
    ``cjk`` 一、, ``cjk-paren`` （一）, ``alpha`` a.), its number (0 for a bullet) and the text after it."""

    style: str
    value: int
    rest: str

    @property
    def ordered(self) -> bool:
        return self.style != "bullet"


def item_marker(text: str) -> Marker | None:
    """The list marker ``text`` starts with, or None (see :class:`Marker` for the styles)."""
    stripped = text.lstrip()
    for style, pattern in _MARKERS:
        m = pattern.match(stripped)
        if not m:
            continue
        token = m.group(1)
        if style == "bullet":
            value = 0
        elif style == "circled":
            value = CIRCLED.index(token) + 1
        elif style.startswith("cjk"):
            value = cn_number(token)
        elif style == "alpha":
            value = ord(token) - ord("a") + 1
        else:
            value = int(token)
        if style != "bullet" and value <= 0:
            continue
        return Marker(style, value, stripped[m.end() :])
    return None
