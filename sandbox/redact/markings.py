"""Classification markings, found only where they stand as markings.

A marking word (绝密, 机密, 秘密, 内部, CONFIDENTIAL …) is everyday vocabulary too: 公司内部,
内部控制, 敏感性分析, 保守商业秘密, "an INTERNAL AUDIT team".  A match counts as a marking
only when

1. it is not glued to other letters: the characters on either side are not Han or Latin
   letters, unless they belong to a companion word (特急, 注意保密, USE ONLY, //NOFORN …) or a
   wide gap on the page separates them; and
2. it is written in marking form: followed by a restriction (本通知为内部资料，请勿外传 —
   this alone suffices, glued or not), with ★ (and a grade or period: 机密★1年, 绝密★长期),
   after a label (密级：, Classification:), in brackets (【内部】, [SECRET]), alone on its line
   with only companion words, punctuation and numbers beside it (a wide gap on the page ends a
   line here too: 机密 read on one line with a title far to its right), or in the header or
   footer band of the page.

Nothing here logs or prints text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sandbox.redact.textmap import PageText
from sandbox.text import is_cjk

_CN_MARKINGS = [
    "绝对机密", "絕對機密", "极机密", "極機密",  # Taiwan's levels (機密 glued to a grade word)
    "核心商密", "普通商密", "商密",  # an enterprise's commercial-secret levels (核心商密★5年)
    "仅供内部使用", "僅供內部使用", "工作秘密", "国家秘密", "國家秘密", "内部资料", "內部資料", "内部資料", "內部资料",
    "绝密", "絕密", "机密", "機密", "秘密", "内部", "內部", "涉密", "敏感",
]  # fmt: skip
PERIOD = r"(?:\d{1,2}\s*年|长期|長期|\d{1,2}\s*个月|\d{1,2}\s*個月)"
# the grade's star and period belong to the marking; a reading that lost the star (white on a
# band, too small) still takes the period, so the burn covers the whole 机密★5年
GRADE = r"(?:\s*[★☆*]\s*" + PERIOD + r"?|\s*" + PERIOD + r"(?![\d年个個月]))"
CN_MARKING = re.compile("(?:" + "|".join(map(re.escape, _CN_MARKINGS)) + ")" + GRADE + "?")
EN_MARKING = re.compile(
    r"(?<![A-Za-z])(?:TOP\s+SECRET|OFFICIAL[\s-]+SENSITIVE|SECRET|CONFIDENTIAL|RESTRICTED|INTERNAL|CUI|FOUO|NOFORN)"
    r"(?![A-Za-z])"
)
# words that stand beside a marking in its band or line without making it prose
COMPANIONS = re.compile(
    r"(?:注意保密|注意保存|请勿外传|請勿外傳|不得外传|不得外傳|严禁外传|嚴禁外傳|严禁复制|嚴禁複製|妥善保管|"
    r"特急|特提|加急|平急|急件|级|級|"
    r"FOR\s+OFFICIAL\s+USE\s+ONLY|INTERNAL\s+USE\s+ONLY|USE\s+ONLY|ONLY|DO\s+NOT\s+(?:DISTRIBUTE|COPY|FORWARD)|"
    r"NOT\s+FOR\s+(?:DISTRIBUTION|RELEASE)|STRICTLY|HIGHLY|COMPANY|COMMERCIAL|BUSINESS|PERSONAL|PROPRIETARY|"
    r"IN\s+CONFIDENCE|DRAFT|REL\s+TO|ORCON|FVEY|USA|UK|EYES|SENSITIVE|OFFICIAL|PROTECTED|MEMO|MEMORANDUM|"
    r"Strictly|Company|Confidential|Internal|Use|Only)"
)
# a restriction said right after the marking makes a sentence a marking: 本通知为内部资料，请勿外传
RESTRICTION = re.compile(
    r"[\s,，、;；:：.。()（）-]*(?:注意保密|注意保存|请勿外传|請勿外傳|不得外传|不得外傳|严禁外传|嚴禁外傳|严禁复制|"
    r"嚴禁複製|妥善保管|禁止外传|禁止外傳|(?:[请請](?:指定|交由|由)?)?[专專]人保管|[阅閱]后收回|閱後收回|[阅閱]后销毁|"
    r"閱後銷毀|不得[复複翻]印|DO\s+NOT\s+(?:DISTRIBUTE|COPY|FORWARD)|NOT\s+FOR\s+(?:DISTRIBUTION|RELEASE))"
)
LABEL = re.compile(
    r"(?:密级|密級|密等(?:及解密[條条]件)?|保密等级|保密等級|保密期限|classification|classified|security\s+classification|marking)\s*[:：]?\s*$",
    re.IGNORECASE,
)
OPEN = "【[(（「〔<《『〖"
CLOSE = "】])）」〕>》』〗"
LEFTOVER = 2  # letters a standalone marking line may carry besides markings and companions


def _letter(ch: str) -> bool:
    return ch.isalpha()


def _tokens(line: str) -> list[tuple[int, int]]:
    """Spans (in the line) of markings and companion words."""
    spans = [m.span() for m in CN_MARKING.finditer(line)]
    spans += [m.span() for m in EN_MARKING.finditer(line)]
    spans += [m.span() for m in COMPANIONS.finditer(line)]
    return spans


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _glued(pt: PageText, start: int, end: int, line_start: int, tokens: list[tuple[int, int]]) -> bool:
    text = pt.text
    if start > 0 and start not in pt.gaps:
        before = text[start - 1]
        if _letter(before) and not _inside(start - 1 - line_start, tokens):
            return True
    if end < len(text) and end not in pt.gaps:
        after = text[end]
        if _letter(after) and not _inside(end - line_start, tokens):
            return True
    return False


def _bracketed(text: str, start: int, end: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    j = end
    while j < len(text) and text[j] == " ":
        j += 1
    return i >= 0 and j < len(text) and text[i] in OPEN and text[j] == CLOSE[OPEN.index(text[i])]


def _standalone(line: str, tokens: list[tuple[int, int]]) -> bool:
    letters = sum(1 for n, ch in enumerate(line) if _letter(ch) and not _inside(n, tokens))
    return letters <= LEFTOVER


def _form(pt: PageText, start: int, end: int, matched: str) -> bool:
    if "★" in matched or "☆" in matched or (is_cjk(matched[0]) and "*" in matched):
        return True
    if RESTRICTION.match(pt.text, end):
        return True
    line_start, line_end = pt.line_span(start)
    line = pt.text[line_start:line_end]
    tokens = _tokens(line)
    if _glued(pt, start, end, line_start, tokens):
        return False
    seg_start = max([line_start, *(g for g in pt.gaps if line_start < g <= start)])
    seg_end = min([line_end, *(g for g in pt.gaps if end <= g < line_end)])
    segment = pt.text[seg_start:seg_end]
    return (
        LABEL.search(pt.text, line_start, start) is not None
        or _bracketed(pt.text, start, end)
        or "//" in line
        or _standalone(segment, _tokens(segment))
        or pt.in_band(start)
    )


def marking_spans(pt: PageText) -> Iterator[tuple[int, int]]:
    """Spans of markings written in marking form (see the module's docstring)."""
    for pattern in (CN_MARKING, EN_MARKING):
        for m in pattern.finditer(pt.text):
            if _form(pt, m.start(), m.end(), m.group()):
                yield m.start(), m.end()


def is_marking(needle: str) -> bool:
    """Whether ``needle`` is a marking as the markings pack finds it (a redacted marking)."""
    return CN_MARKING.fullmatch(needle) is not None or EN_MARKING.fullmatch(needle) is not None


def unglued(text: str, start: int, end: int) -> bool:
    """Whether a marking found again at ``text[start:end]`` (after burning, in an output's text)
    stands apart from the letters around it: "内部" in "内部控制" is a word, not the marking."""
    if "★" in text[start:end] or "☆" in text[start:end] or RESTRICTION.match(text, end):
        return True
    pt = PageText(text, (), ())
    line_start, line_end = pt.line_span(start)
    return not _glued(pt, start, end, line_start, _tokens(text[line_start:line_end]))
