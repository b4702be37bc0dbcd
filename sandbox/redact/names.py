"""A listed person's name as people write it.

For a listed Latin name of two to four words (``Olivia Grant``, ``Priya Raman``) the page may
also say

- ``Olivia J. Grant``, ``Olivia Jane Grant``: up to three middle names or initials between;
- ``Grant, Olivia`` (and ``Grant, Olivia J.``): surname first, with a comma, or in capitals
  without one (``GRANT Olivia``, as passports and many forms write it);
- ``O. Grant``: the given name's initial;
- ``Mr Grant``, ``Prof. O. Grant``: an honorific before the surname (the honorific is not
  burned).

For a listed Chinese name (a surname from the table below and one or two more characters)
the page may also say ``张 伟`` (spaces or line breaks between the characters: the exact
matcher already ignores them) and the surname with an honorific or title: ``张先生``,
``张女士``, ``张同志``, ``张局长``.  Such a match names *someone* with that surname and
title (the title is not burned): it is proposed like any other finding and shows as ``match: name`` in the review.
Its Hanyu Pinyin is a written form too (``Ouyang Mingyuan``, ``OUYANG Mingyuan``, ``Mingyuan
Ouyang``, ``Ming-yuan``, ``Mr Ouyang``: pypinyin, surnames in their surname reading: 单 Shan,
曾 Zeng); other romanisations (Wade–Giles, Cantonese: ``Wong Ka-lok``) are not.

Names are told from other terms by their shape only; nothing here logs or prints text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from sandbox.redact.textmap import APOSTROPHES, DASHES, fold

HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Madam|Mme|Mlle|Herr|Frau)"
CN_TITLES = (
    "先生|女士|小姐|同志|老师|师傅|总|董|经理|主任|局长|处长|科长|部长|厅长|司长|院长|校长|所长|书记|"
    "主席|委员|教授|博士|医生|大夫|律师|会计|警官"
)
# the commonest Chinese surnames (simplified; traditional forms fold to these), compound ones first
CN_SURNAMES_2 = frozenset(
    re.findall("..", "欧阳司马诸葛上官东方皇甫令狐慕容尉迟长孙公孙夏侯宇文司徒端木西门南宫独孤轩辕")
)
CN_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路"
    "游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚"
    "鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁"
    "芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯"
    "元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
APOSTROPHE = "[" + re.escape(APOSTROPHES) + "]"  # any apostrophe, as typesetting writes it
DASH = "[" + re.escape(DASHES) + "]"  # any hyphen or dash
_LATIN_WORD = re.compile(rf"[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F]|{APOSTROPHE}|{DASH})*")


def literal(word: str) -> str:
    """A pattern for ``word`` in which an apostrophe or a hyphen of any form stands for every
    form of it: a listed ``O'Neill`` is ``O’Neill`` or ``OʼNeill`` on the page, ``Smith-Jones``
    is ``Smith‑Jones`` or ``Smith–Jones``."""
    return "".join(APOSTROPHE if ch in APOSTROPHES else DASH if ch in DASHES else re.escape(ch) for ch in word)


def _cn_surname(name: str) -> str:
    """The surname of a Chinese name of 2–4 Han characters, or "" if it is not one."""
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
        return ""
    if name[:2] in CN_SURNAMES_2 and len(name) >= 3:
        return name[:2]
    return name[0] if name[0] in CN_SURNAMES_1 and len(name) <= 3 else ""


def latin_parts(name: str) -> tuple[str, str] | None:
    """(given, surname) of a Latin person name of 2–4 capitalised words, else None."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(_LATIN_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return None
    return words[0], words[-1]


@lru_cache(maxsize=512)
def patterns(name: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """The written forms of a listed name as (pattern, over the folded text) pairs."""
    latin = latin_parts(name.strip())
    if latin is not None:
        given, surname = (literal(p) for p in latin)
        g0 = re.escape(latin[0][0])
        sp = r"[^\S]+"
        # a middle name, or an initial with the dot OCR may read as "]." or ","
        middle = rf"(?:[A-Z](?:\w|{APOSTROPHE}|{DASH})*\.?" + sp + r"|[A-Z][^\w\s]{1,2}" + r"\s*){1,3}"
        b, e = r"(?<![\w])", r"(?![\w])"
        forms = [
            b + "(?i:" + given + ")" + sp + middle + "(?i:" + surname + ")" + e,
            b + "(?i:" + surname + r")\s*,\s*(?i:" + given + ")" + e,
            b + literal(latin[1].upper()) + sp + "(?i:" + given + ")" + e,  # GRANT Olivia (passport style)
            b + g0 + r"\." + r"\s*" + r"(?:[A-Z]\.\s*)*" + "(?i:" + surname + ")" + e,
            b + HONORIFICS + r"\.?" + sp + r"(?P<n>(?:[A-Z]\.\s*)*(?i:" + surname + "))" + e,
        ]
        return tuple((re.compile(f), False) for f in forms)
    folded = fold(name, spaces=False).text
    surname = _cn_surname(folded)
    if surname:
        gap = r"\s*"
        sur = gap.join(map(re.escape, surname))
        titled = ((re.compile("(?P<n>" + sur + ")" + gap + "(?:" + CN_TITLES + ")"), True),)
        return titled + tuple(
            form for given, family in pinyin_parts(folded, surname) for form in _pinyin(given, family)
        )
    return ()


# surnames whose reading differs from the character's commonest one (单 is Shan, not Dan)
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "区": "ou", "解": "xie", "仇": "qiu", "查": "zha", "朴": "piao", "盖": "ge",
    "乐": "yue", "缪": "miao", "覃": "qin", "瞿": "qu", "秘": "bi", "员": "yun", "尉迟": "yuchi", "长孙": "zhangsun",
}  # fmt: skip


def pinyin_parts(name: str, surname: str) -> list[tuple[list[str], str]]:
    """The Hanyu Pinyin of a Chinese name as (the given name's syllables, the surname), the
    surname in its common reading and, where a surname is read otherwise, in that reading too."""
    from pypinyin import lazy_pinyin

    given = lazy_pinyin(name[len(surname) :])
    families = dict.fromkeys(["".join(lazy_pinyin(surname)), SURNAME_READINGS.get(surname, "")])
    return [(given, family) for family in families if family and given and all(g.isalpha() for g in given)]


def _pinyin(given: list[str], family: str) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """A Chinese name as it is written in Latin letters: ``Ouyang Mingyuan``, ``OUYANG
    Mingyuan``, ``Mingyuan Ouyang``, ``Ouyang Ming-yuan``, ``Ming Yuan Ouyang``, and every
    form a listed Latin name takes (``Ouyang, Mingyuan``, ``M. Ouyang``, ``Mr Ouyang``)."""
    b, e, sp = r"(?<![\w])", r"(?![\w])", r"[^\S]+"
    first = "(?i:" + r"[\s‐-]?".join(map(re.escape, given)) + ")"
    last = "(?i:" + re.escape(family) + ")"
    forms = [b + last + sp + first + e, b + first + sp + last + e]
    latin = patterns("".join(given).capitalize() + " " + family.capitalize())
    return tuple((re.compile(f), False) for f in forms) + latin


def find_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, int, int, int, str]]:
    """Written forms of ``names`` in ``text`` (not the name as listed: the exact matcher finds
    that) as (start, end, burn start, burn end, name): an honorific or title is part of the
    match (and of the review's text) but not of what is burned (``Mr ████``)."""
    folded = None
    for name in dict.fromkeys(names):
        for pattern, on_folded in patterns(name):
            if on_folded:
                folded = folded or fold(text)
                for m in pattern.finditer(folded.text):
                    start, end = folded.span(m.start(), m.end())
                    bs, be = folded.span(*m.span("n")) if "n" in pattern.groupindex else (start, end)
                    yield start, end, bs, be, name
            else:
                for m in pattern.finditer(text):
                    bs, be = m.span("n") if "n" in pattern.groupindex else m.span()
                    yield m.start(), m.end(), bs, be, name
