"""Phone numbers, grouped identity and card numbers, and e-mail addresses as people write them.

Every finder works on the page text and returns spans in its offsets.  Separators are folded
to ASCII one character for one (offsets stay valid) before phonenumbers sees the text, so a
middle dot, a full-width bracket or a dash of any kind groups digits like a space or a dot.
Validation decides, never a pattern alone: phone numbers must be *valid* for a region
(phonenumbers' metadata), identity and card numbers pass their checksums (python-stdnum).
Nothing here logs or prints text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

# national formats of these regions are tried besides every +international number
PHONE_REGIONS = ("CN", "HK", "TW", "GB", "US")
# words that announce a phone number within a few characters before it; a one-letter label
# (``T:``, ``M:``, ``F:``) and ``Ph`` stand alone: ``ACCOUNT:``, ``ITEM:`` and ``Graph`` are none
PHONE_CUES = re.compile(
    r"(?:电话|電話|手机|手機|座机|座機|联系|聯繫|聯絡|传真|傳真|热线|熱線|致电|致電|分机|分機|"
    r"tel|phone|mobile|mob|cell|fax|call|hotline|ext|(?<![A-Za-z])[TMF]\s*[:：]|☎|📞|"
    r"(?<![A-Za-z])(?-i:Ph|PH)\.?[^\S\n]*[:：]?[^\S\n]*\Z)",
    re.IGNORECASE,
)
CUE_WINDOW = 16  # characters before a number searched for a cue
# a fax or memo header's ``TO:`` / ``FROM:`` right before a number on its line, as a field of its
# own (at the line's start, after a date, a time or punctuation; not after a word: ``Pay to:``,
# ``Reply to:``, ``Period from:``)
HEADER_CUE = re.compile(r"(?<![A-Za-z])(?<![A-Za-z][^\S\n])(?:to|from)[^\S\n]*[:：][^\S\n]*\Z", re.IGNORECASE)
HEADER_DIGITS = 8  # and not a date ("From: 20240101" is valid in Hong Kong's plan)
# the words that announce a phone number beyond doubt, then what may stand between one and its
# number ("Tel. No.:", "Phone (office):", "手机号码：", "Tel/Fax"): right after one, a run of
# digits is a phone number whether or not a region's plan has it (``cued_runs``)
_ANNOUNCING = (
    r"(?:(?<![A-Za-z])(?:tel|telephone|phone|mobile|mob|fax)(?![A-Za-z])|"
    r"电话|電話|手机|手機|座机|座機|传真|傳真|热线|熱線|☎|📞)"
)
_BETWEEN = r"(?:[\s.:：#/-]|(?<![A-Za-z])(?:no|nr|number)(?![A-Za-z])|号码|號碼|号|號|\([^()\n]{0,12}\))*"
ANNOUNCED = re.compile(_ANNOUNCING + _BETWEEN + r"$", re.IGNORECASE)
# a page that says anywhere that it lists phone numbers: a title (内部电话簿), a column head
# (Direct line, Mobile), a note of the area or country code (区号 0571, all numbers +852)
PAGE_ANNOUNCING = re.compile(
    _ANNOUNCING + r"|(?<![A-Za-z])direct\s+line|区号|區號|内线|內線|分机|分機|\+(?:852|853|886|86|44|1)(?!\d)",
    re.IGNORECASE,
)
# groups of 3 or 4 digits parted by a space or a dash: local numbers side by side in a table's
# row (``2867 3159 9123 4706``: a direct line and a mobile), two groups each
GROUP_RUN = re.compile(r"(?<![\d.,:/+-])(?<!\d[ -])\d{3,4}(?:[ -]\d{3,4})+(?![\d.,:/-]|[ -]\d)")
ANNOUNCE_WINDOW = 32  # characters before a run of digits searched for what announces it
# 7 to 15 digits in any grouping (OCR separators too), letters OCR reads for digits among them
# ("337O" is four digits to a reader), starting with a digit, a + or a bracket
DIGIT_LIKE = "[\\dOoDQIl|SsBZz]"
CUED_RUN = re.compile(r"(?<![\dA-Za-z])[+(]?\d(?:(?:[^\S\n]|[\-./():|·°]){0,2}" + DIGIT_LIKE + r"){6,20}(?![\dA-Za-z])")
MIN_CUED_DIGITS, MAX_CUED_DIGITS = 7, 15  # real digits in a cued run (look-alikes do not count)
# times and their ranges are no number, announced or not ("Tel 09:00-17:00", "13:30–14:45")
_CLOCK = r"(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[:.][0-5]\d)?"
TIMES = re.compile(_CLOCK + r"(?:\s*[-–~至到]\s*" + _CLOCK + r")*")
_SEPARATORS = str.maketrans(
    {
        "·": ".", "•": ".", "・": ".", "‧": ".", "∙": ".", "⋅": ".", "．": ".", "。": ".",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "－": "-", "～": "-",
        "（": "(", "）": ")", "［": "(", "］": ")", "【": "(", "】": ")", "\u3000": " ", "\n": " ", "\t": " ",
    }
)  # fmt: skip
_SEPARATORS_IN_LINE = str.maketrans({k: v for k, v in _SEPARATORS.items() if k != ord("\n")})
# one space, or a mark with a space either side or none ("310104 - 19720804 - 6338": how
# Tesseract reads a monospaced dash, and how some people write it)
_GAP = r"(?:\s?[\-.·•・‧∙⋅．/_－–—]\s?|\s)"
# 17 digits and a check character in any grouping (spaces, dashes, dots)
CN_ID = re.compile(r"(?<![0-9A-Za-z])\d(?:" + _GAP + r"?\d){16}" + _GAP + r"?[\dXx](?![0-9A-Za-z])")
CN_ID_LONG = re.compile(
    r"(?<![0-9A-Za-z])\d(?:" + _GAP + r"?\d){17}" + _GAP + r"?[\dXx](?![0-9A-Za-z])"
)  # one too many
# 13 to 19 digits grouped by spaces or dashes as people write them (not dots or slashes: two
# dates "2024.03.15 2024.04.15" would pass Luhn one time in ten)
# no card number starts with 0 (a timetable's 0600 0620 0640 0700 passes Luhn one row in ten)
CARD = re.compile(r"(?<![\d\-.])[1-9](?:(?:\s?-\s?|\s)?\d){12,18}(?![\d\-]|\.\d)")  # over seps(text): any dash

_AT = r"(?:\s*(?:@|＠|%40|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|<\s*at\s*>|【\s*at\s*】|（\s*at\s*）)\s*)"
_AT_WORD = r"(?:\s+(?:at|ät)\s+|\s*[-_]at[-_]\s*)"  # " at ", German " ät ", "-at-", "_at_"
_DOT = (
    r"(?:\.|\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|<\s*dot\s*>|（\s*dot\s*）)\s*"
    r"|\s+(?:dot|punkt)\s+|[-_]dot[-_])"  # and " punkt ", "-dot-", "_dot_"
)
_LOCAL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*[A-Za-z0-9]"
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:" + _DOT + r"[A-Za-z0-9-]+)+"
EMAIL = re.compile(_LOCAL + _AT + _DOMAIN, re.IGNORECASE)
# the at written as a bare word: not where the words after it run into a real address
EMAIL_WORD = re.compile(_LOCAL + _AT_WORD + _DOMAIN + r"(?![A-Za-z0-9._-]*[@＠])", re.IGNORECASE)
# the bracketed at as OCR reads a comb field or a soft print of it ("[at]" read "fat ]", "lat|"):
# only before a real top-level domain
EMAIL_OCR_AT = re.compile(_LOCAL + r"\s*[\[({<【（fl|!1I]\s*at\s*[\])}>】）|!lI1jJ]\s*" + _DOMAIN, re.IGNORECASE)
# an address whose top-level domain the reading lost (cut at a comb field's edge, a smudge):
# the at sign between a local part and a host name of three characters or more
EMAIL_NO_TLD = re.compile(r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*[@＠][A-Za-z0-9][A-Za-z0-9-]{2,}(?![\w@＠.-])")
# a bare " at "/" dot " only counts before a real top-level domain ("meet Ann at noon.")
COMMON_TLDS = frozenset(
    re.findall(
        r"\w+",
        "com org net edu gov mil int io co info biz me uk cn hk tw us de fr jp kr sg au ca nz in ru eu ch nl se "
        "no dk fi it es be at pl cz ie pt br mx za mo my th vn ph id ae sa il tr gr hu ro ua",
    )
)


# what OCR reads between the digits of a comb field or a dotted number besides the separators
# people write: the middle dot as a colon or a degree sign, a box wall as a pipe or a bracket
OCR_SEPARATORS = ":：|¦°_'’‘`[]{}!;"
_OCR_GAP = re.compile(r"(?<=\d)\s?[" + re.escape(OCR_SEPARATORS) + r"]{1,2}\s?(?=\d)")
# a clock time keeps its colon ("12:30", "09:00:15"): no number runs through it
_TIME = re.compile(r"(?<![\d:：.])(?:[01]?\d|2[0-3])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d:：])")


# letters OCR reads for digits, written as the digit in a word of digits (``(@2)`` for ``(02)``)
LOOKALIKE_DIGITS = {"O": "0", "o": "0", "D": "0", "Q": "0", "@": "0", "I": "1", "l": "1", "S": "5", "B": "8", "Z": "2"}
_NUMBER_WORD = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff]+")  # a CJK label glued before it ends no word
_IN_NUMBERS = set("0123456789()[]{}-./·" + OCR_SEPARATORS)


DIGIT_LOOKALIKES = frozenset("OoDQIlLiSsBZzGg|")  # letters OCR reads for digits of hollow, faint or dotted print


def misread_number(text: str) -> bool:
    """Whether a word is likely a number misread: three characters or more, of digits and only
    letters OCR takes digits for, at least one of each (``S2OLO2L``, ``LOB7`` read from
    ``320102 1987`` in hollow type).  No look-alike mapping recovers such a reading; a page
    that holds one is read again by another engine."""
    core = [ch for ch in text if ch.isalnum()]
    letters = [ch for ch in core if not ch.isdigit()]
    return len(core) >= 3 and 0 < len(letters) < len(core) and all(ch in DIGIT_LOOKALIKES for ch in letters)


# what OCR reads for a one of a seven-segment or LCD face, a bare upright stroke (``|10|05|949``):
# read as 1 in a word of digits besides the reading as a separator (``ocr_digits(strokes=True)``)
STROKE_ONES = {"|": "1", "¦": "1", "!": "1", "[": "1", "]": "1", "I": "1", "l": "1"}
_CHECK_LETTER = "Xx"  # an identity number's check character, at the end of its word


def ocr_digits(text: str, strokes: bool = False) -> str | None:
    """``text`` with what OCR reads in and between the digits of a number written as digits and
    spaces, one character for one (offsets stay valid): the separators OCR puts between digits
    (``133:0904:3973``, ``139|1234``, a box wall read as ``[``) as spaces, clock times keeping
    their colon; and in a word of digits, separators and look-alikes only, each look-alike as
    its digit (``(@2)`` → ``(02)``, ``337O`` → ``3370``; an identity number's check ``X`` may
    end such a word).  With ``strokes``, the upright strokes OCR reads for a one of a
    seven-segment or LCD face (``STROKE_ONES``: ``|``, ``!``, ``[``, ``]``) are that one in such
    a word (``|10|05|949|23|002X``, ``139 |234 5678``) rather than a separator; a stroke
    standing alone between spaces (a table's ``Qty | 12 | 34``) stays.  None when there is
    nothing to change: the number finders then read the page text only."""
    times = [m.span() for m in _TIME.finditer(text)]
    out = list(text)
    digits = {**LOOKALIKE_DIGITS, **STROKE_ONES} if strokes else LOOKALIKE_DIGITS
    for m in _NUMBER_WORD.finditer(text):
        word = m.group()
        body = word[:-1] if word[-1] in _CHECK_LETTER else word
        if any(ch.isdigit() for ch in body) and all(ch in _IN_NUMBERS or ch in digits for ch in body):
            lead, trail = _code_letters(word)
            for i, ch in enumerate(word[lead : len(word) - trail], m.start() + lead):
                out[i] = digits.get(ch, ch)
    for m in _OCR_GAP.finditer("".join(out)):
        if any(a <= m.start() < b for a, b in times):
            continue
        for i in range(m.start(), m.end()):
            if out[i] in OCR_SEPARATORS:
                out[i] = " "
    changed = "".join(out)
    return None if changed == text else changed


CODE_LETTERS = 2  # letters in a row at a word's end that are a code's own prefix or suffix


def _code_letters(word: str) -> tuple[int, int]:
    """How many letters at the start and the end of ``word`` are a code's own letters, kept as
    letters: ``CODE_LETTERS`` or more in a row (an order number ``SO20241068594527``, a
    part ``BS…``, ``…SO``), not one misread digit.  As digits they made an order number a
    card number (``5020…``: Luhn passes one run in ten)."""

    def letters(chars: str) -> int:
        n = 0
        for ch in chars:
            if not ch.isalpha():
                break
            n += 1
        return n if n >= CODE_LETTERS else 0

    return letters(word), letters(word[::-1])


# digits OCR reads for one another in poor print (a fax, dot-matrix, a stamp over them)
DIGIT_CONFUSIONS = {"0": "689", "6": "058", "8": "0369", "9": "08", "1": "7", "7": "1", "3": "8", "5": "6", "2": "7"}


def _ric_valid(number: str) -> bool:
    from stdnum.cn import ric

    try:
        return bool(ric.is_valid(number))
    except Exception:
        return False


def resident_id_with_one_more(digits: str) -> bool:
    """Whether 19 characters are a Chinese resident ID with one character too many: valid as
    written (county code, birth date, check character) once one is left out.  OCR adds one
    reading a comb field (a box read as two digits: ``4401906 1997 0607 8552``, the fuzzer's
    seed 14, document 133); about 1 in 4000 random runs of 19 digits pass."""
    digits = digits.upper()
    return len(digits) == 19 and any(_ric_valid(digits[:i] + digits[i + 1 :]) for i in range(19))


def resident_id(digits: str) -> bool:
    """Whether 18 characters are a Chinese resident ID as a reader takes it: valid as written
    (a real county code, a real birth date, the check character: ``stdnum.cn.ric``), or valid
    after one character is read as any other, or two digits each as one it is confused with
    (``DIGIT_CONFUSIONS``: 0 read 6 or 9 on a fax).  The check character catches every single
    wrong digit, so an ID OCR misread (``110191 1994 6916`` for ``110101 1994 0916``) fails
    it; a reader still sees the ID.  Only a run whose characters make a real county code and
    birth date so corrected passes: about 2 in 1000 random runs of 18 digits do, and a
    timestamp or an order number rarely."""
    valid = _ric_valid
    if len(digits) != 18:
        return False
    digits = digits.upper()
    if valid(digits) or any(
        valid(digits[:i] + new + digits[i + 1 :])
        for i, old in enumerate(digits)
        for new in ("0123456789X" if i == 17 else "0123456789")
        if new != old
    ):
        return True
    for i, j in itertools.combinations(range(18), 2):
        for a, b in itertools.product(DIGIT_CONFUSIONS.get(digits[i], ""), DIGIT_CONFUSIONS.get(digits[j], "")):
            if valid(digits[:i] + a + digits[i + 1 : j] + b + digits[j + 1 :]):
                return True
    return False


def seps(text: str) -> str:
    """``text`` with every separator people put between digits as its ASCII form (same length)."""
    return text.translate(_SEPARATORS)


def _cue_before(text: str, start: int, same_line: bool = False) -> bool:
    """Whether a cue (``PHONE_CUES``) stands within ``CUE_WINDOW`` characters before ``start``
    (and with ``same_line``, on its line)."""
    lo = max(0, start - CUE_WINDOW, text.rfind("\n", 0, start) + 1 if same_line else 0)
    return bool(PHONE_CUES.search(text, lo, start))


def _header_cue(text: str, start: int) -> bool:
    """Whether a fax header's ``TO:`` or ``FROM:`` stands right before ``start`` (on its line)."""
    return bool(HEADER_CUE.search(text, max(0, start - CUE_WINDOW), start))


def _date_like(digits: str) -> bool:
    """Whether 8 digits read as a date: ``20240101``, ``31012024``, ``01312024`` (a year 19xx or
    20xx, a month, a day)."""

    def date(year: str, month: str, day: str) -> bool:
        return year[:2] in ("19", "20") and 1 <= int(month) <= 12 and 1 <= int(day) <= 31

    d = digits
    return len(d) == 8 and (date(d[:4], d[4:6], d[6:]) or date(d[4:], d[2:4], d[:2]) or date(d[4:], d[:2], d[2:4]))


def _plausible_national(raw: str, text: str, start: int) -> bool:
    """A number written without a country code counts when it is grouped the way phone numbers
    are (a separator or brackets), is a Chinese mobile, or follows a cue such as 电话 / Tel. (or
    a fax header's ``TO:`` / ``FROM:``, for 8 digits or more that are no date), unless it is
    the tail of a code, glued to its letters by a dash or a slash.  Eight digits or fewer (Hong
    Kong, local numbers) always need a cue or brackets: a bare ``2023 2024`` is two years, not
    a number."""
    digits = "".join(ch for ch in raw if ch.isdigit())
    if _cue_before(text, start):
        return True
    if len(digits) >= HEADER_DIGITS and not _date_like(digits) and _header_cue(text, start):
        return True  # a fax header's number: "TO: 2025550143", "FROM: 01065529988"
    if start >= 2 and text[start - 1] in "-/_" and text[start - 2].isalnum():
        return False  # the tail of a code (``INV-2024-000123``, ``SO-2024/118832``), not a number of its own
    if len(digits) <= 8:
        return "(" in raw
    if len(digits) == 11 and re.fullmatch(r"1[3-9]\d{9}", digits):
        return True
    return any(not ch.isdigit() for ch in raw.strip())


# a number written the British way: trunk 0 and area code, then groups (``01632 960 983``,
# ``(020) 7946 0321``), or a mobile bare (``07700900845``)
# area code and local number in groups of 3-4 (``020 7946 0958``, ``01632 960 983``), or a four- or
# five-digit area code and the six-digit local number whole (``01632 960983``, ``07700 900845``;
# fewer digits in all fail the length check)
GB_WRITTEN = re.compile(
    r"(?<![\d+])(?:\(0\d{2,4}\)|0\d{2,4})(?:(?:[ \-]\d{3,4}){1,2}|[ \-]\d{6})(?![\d\-])|(?<![\d+])07\d{9}(?!\d)"
)
# a geographic or non-geographic number written bare (``01632960983``): 11 digits as an order
# or account number has them, so counted only after a phone cue (``gb_written``)
GB_BARE = re.compile(r"(?<![\w+/-])0[123]\d{9}(?![\d-])")
# the same number dialled from abroad, grouped as at home: ``0044 7700 900 654``, ``+44 (0)20 7946 0321``
GB_ABROAD = re.compile(r"(?<![\d+])(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?\d{2,5}(?:[ \-]\d{2,4}){1,3}(?![\d\-])")


def gb_written(text: str, bare: bool = True) -> Iterator[tuple[int, int]]:
    """Spans of numbers written as British phone numbers are (``GB_WRITTEN``, 10 or 11 digits,
    on one line; ``GB_BARE``, 11 digits from 01, 02 or 03 right after a phone cue: ``Tel``,
    ``Ph``, a fax header's ``TO:`` or ``FROM:``; or ``GB_ABROAD``, 0044 or +44 before the
    number without its trunk 0) that
    phonenumbers finds possible in the UK, assigned or not (``bare`` False: not ``GB_BARE``,
    for a barcode's number whose cue is made up): Ofcom keeps
    ranges for drama and examples (``01632 960xxx``, ``07700 900xxx``) that the plan calls
    invalid, and a reader sees a phone number all the same."""
    import phonenumbers

    found = [(m, "".join(ch for ch in m.group() if ch.isdigit())) for m in GB_WRITTEN.finditer(text)]
    found += [
        (m, m.group())
        for m in GB_BARE.finditer(text)
        if bare and (_cue_before(text, m.start(), same_line=True) or _header_cue(text, m.start()))
    ]
    for m in GB_ABROAD.finditer(text):  # as dialled at home: the trunk 0 before the number
        digits = "".join(ch for ch in m.group() if ch.isdigit()).removeprefix("00").removeprefix("44")
        found.append((m, digits if "(0)" in m.group() else "0" + digits))
    for m, digits in found:
        if not 10 <= len(digits) <= 11 or "\n" in m.group():
            continue
        try:
            number = phonenumbers.parse(digits, "GB")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            yield m.start(), m.end()


# a local number of the North American plan: a central office code (2–9 and two digits, not an
# N11 service code) and four digits, bare or grouped (``555-0143``, ``555 0143``, ``555.0143``)
US_LOCAL = re.compile(r"(?<![\w.,+/-])(?<!\d[ .-])[2-9]\d\d[ .-]?\d{4}(?![\w-]|[.,/]\d|[ .-]\d)")
# a cue right before such a number on its line, as a word of its own (``call``, ``Tel:``,
# ``Phone``, ``ph.``, ``Cell``, ``T:``, 电话 …; not ``Hotel``, ``Recall`` or a pH value), then
# only what stands between a cue and its number (``No.``, ``#``, ``(office):``, ``us on``)
LOCAL_CUE = re.compile(
    r"(?:(?<![A-Za-z])(?:tel|telephone|phone|mobile|mob|cell|fax|call|hotline)(?![A-Za-z])|"
    r"(?<![A-Za-z])(?-i:Ph|PH|ph(?=[.:：]))(?![A-Za-z])|(?<![A-Za-z])[TMF][^\S\n]*[:：]|"
    r"电话|電話|手机|手機|座机|座機|联系|聯繫|聯絡|传真|傳真|热线|熱線|致电|致電|☎|📞)"
    r"(?:[^\S\n]|[.:：#/-]|\([^()\n]{0,12}\)|(?<![A-Za-z])(?:no|nr|number|us|me|on|at|now)(?![A-Za-z]))*\Z",
    re.IGNORECASE,
)


def phone_cue_on_line(text: str, start: int) -> bool:
    """Whether a word that cues a phone number stands right before ``start`` on its line: a
    ``LOCAL_CUE`` (``call``, ``Ph.``, ``T:``, 电话 …) or an announcing word (``ANNOUNCED``:
    ``Tel. No.:``, ``手机号码：``), as a word of its own (not the ``ext`` of ``Next``)."""
    lo = max(text.rfind("\n", 0, start) + 1, start - ANNOUNCE_WINDOW)
    return bool(LOCAL_CUE.search(text, lo, start) or ANNOUNCED.search(text, lo, start))


def cued_locals(text: str) -> Iterator[tuple[int, int]]:
    """Spans of seven-digit local numbers of the North American plan (``US_LOCAL``) right after a
    phone cue on their line (``LOCAL_CUE``: ``call 555-0143``, ``Tel: 555-0143``, ``ph.
    555.0143``), that phonenumbers finds possible as a US number dialled locally: the
    fiction range 555-01xx counts, as it does in every other US form.  Without a cue, or after
    ``Order``, ``Invoice``, ``Ref``, ``Item`` or ``No.``, seven digits are any reference."""
    import phonenumbers

    for m in US_LOCAL.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not LOCAL_CUE.search(text, max(line_start, m.start() - CUE_WINDOW), m.start()):
            continue
        digits = "".join(ch for ch in m.group() if ch.isdigit())
        if digits[1:3] == "11":
            continue  # N11: a service code (411, 911), no exchange
        try:
            number = phonenumbers.parse(digits, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            yield m.start(), m.end()


# a country code standing apart from its number: in a cell or field of its own (``+44 | 7700
# 900845``, ``Country code: +86   Mobile: 139 1234 5678``), or alone at the end of the line
# above the number (a table's cells read as lines of their own)
CALLING_CODE = re.compile(r"(?<![\w+.,/-])\+(?P<cc>[1-9]\d{0,2})(?![\w.,/-])")  # not 00: a table's 0081
# between the code and the number: spaces, a cell's walls and a label of its own (``Mobile:``)
# on the line, or a line break right after the code
CODE_GAP = re.compile(
    r"(?:[^\S\n]|[|¦:：;,/])*(?:\n(?:[^\S\n]|[|¦])*)?(?:[^\W\d_][^\d\n+|:：]{0,24}[:：](?:[^\S\n]|[|¦])*)?"
)
NATIONAL_GROUPS = re.compile(r"\(?\d+\)?(?:[ .\-]\(?\d+\)?)*")
MIN_NATIONAL_DIGITS = 6
# two spaces or more inside an international number: cells of a row (a cell's wall read as a
# separator): ``+44 | 12 | 34`` is possible in the UK's plan by length alone; so read, it counts
# only when valid (``_assigned``)
WIDE_GAP = re.compile(r"\s{2,}")


def _with_code(code: str, digits: str) -> bool:
    """Whether ``digits`` are a national number of the country whose calling code is
    ``code``: valid in its plan, or (the UK) possible there, as a number dialled from abroad
    with ``+44`` is (Ofcom's drama ranges, ``GB_ABROAD``)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(f"+{code}{digits}", None)
    except phonenumbers.NumberParseException:
        return False
    return number.country_code == int(code) and _assigned(number)  # not ``+6`` and ``37…`` read as +63


def _assigned(number: PhoneNumber) -> bool:
    """Whether an international number is valid in its country's plan, or a British one of
    ten national digits the plan finds possible (the drama ranges, as ``gb_written`` takes them)."""
    import phonenumbers

    if phonenumbers.is_valid_number(number):
        return True
    national = str(number.national_number)
    return number.country_code == 44 and len(national) == 10 and phonenumbers.is_possible_number(number)


def detached_codes(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a country code written apart from its number (``CALLING_CODE``, a ``+`` and one
    to three digits: a cell, a field or the end of the line above) and of that number, each on
    its own: the national number without its trunk 0 (``7700 900845`` under ``+44``) is often
    valid nowhere alone, and a reading that joins the two across a table's cells is no one
    number.  Both count when the code and the number together are a number of the country
    (:func:`_with_code`), the number being all its groups up to the next cell's wall or a
    wider gap (``+44 | 7700 900845 | 12``): one that is a number only without its last
    groups is none."""
    for m in CALLING_CODE.finditer(text):
        gap = CODE_GAP.match(text, m.end())
        run = NATIONAL_GROUPS.match(text, gap.end()) if gap else None
        if gap is None or run is None or text[run.end() : run.end() + 1].isalnum():
            continue
        digits = "".join(ch for ch in run.group() if ch.isdigit())
        if len(digits) >= MIN_NATIONAL_DIGITS and _with_code(m.group("cc"), digits):
            yield m.start(), m.end()
            yield run.span()


def cued_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of 7 to 15 digits in any grouping (spaces, dots, dashes, brackets, and the colons,
    pipes and stray spaces OCR puts between them; letters OCR reads for digits count along)
    right after a word that announces a phone number on the same line (``Tel.``, ``Phone``,
    ``Mobile``, ``Fax``, 电话, 手机, 传真, 联系电话 …: ``ANNOUNCED``): such a run is a phone
    number valid or not — one digit misread by OCR (``920 7727 7242`` for ``020 7727 7242``)
    makes any number invalid in every region's plan, and the page still says what it is."""
    for m in CUED_RUN.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group())
        if not MIN_CUED_DIGITS <= digits <= MAX_CUED_DIGITS or TIMES.fullmatch(m.group()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if ANNOUNCED.search(text, max(line_start, m.start() - ANNOUNCE_WINDOW), m.start()):
            yield m.start(), m.end()


# a US Social Security number (SSA rules checked by python-stdnum: area not 000, 666 or 9xx,
# group not 00, serial not 0000): nine digits 3-2-4, the groups parted by a dash or a slash
# (``318-42-7765``, a comb's ``3 1 8/-|4 2/-|7 7 6 5`` with box walls read as ``|``), or in any
# grouping on a text that names the number (``SSN``, ``Social Security``, ``TIN``)
_SSN_IN = r"[ |¦\[\]{}!]{0,3}"  # between the digits of one group: nothing, spaces, a comb's walls
_SSN_PART = r"[ |¦\[\]{}!]{0,2}[-/][ |¦\[\]{}!/-]{0,3}"  # between groups: a dash or a slash among them
_SSN_SPACED = r"[ |¦\[\]{}!.-]{0,3}"
_SSN_EDGE_BEFORE, _SSN_EDGE_AFTER = r"(?<![\d/-])(?<!\d[ |])", r"(?![\d/-])(?![ |]\d)"
SSN_PARTED = re.compile(
    _SSN_EDGE_BEFORE
    + rf"\d(?:{_SSN_IN}\d){{2}}{_SSN_PART}\d{_SSN_IN}\d{_SSN_PART}\d(?:{_SSN_IN}\d){{3}}"
    + _SSN_EDGE_AFTER
)
SSN_RUN = re.compile(_SSN_EDGE_BEFORE + rf"\d(?:{_SSN_SPACED}\d){{8}}" + _SSN_EDGE_AFTER)
SSN_CUES = re.compile(
    r"(?<![A-Za-z])(?:SSN|SS\s?#|social\s+security|TIN|taxpayer\s+identification)(?![A-Za-z])", re.IGNORECASE
)


def ssns(text: str) -> Iterator[tuple[int, int]]:
    """Spans of US Social Security numbers (``SSN_PARTED`` anywhere, ``SSN_RUN`` on a text that
    names the number), each on one line and valid by the SSA's rules: the dashes of 3-2-4 are
    the number's own form, while nine digits in a table row (``100 25 2500``) are a number only
    where the page says it holds one."""
    from stdnum.us import ssn

    cued = SSN_CUES.search(text) is not None
    spans = {m.span() for pattern in ((SSN_PARTED, SSN_RUN) if cued else (SSN_PARTED,)) for m in pattern.finditer(text)}
    for start, end in sorted(spans):
        digits = "".join(ch for ch in text[start:end] if ch.isdigit())
        if "\n" not in text[start:end] and ssn.is_valid(digits):
            yield start, end


# an extension after a number: "转 8021", "分机 214", "内线 3301", "ext. 214", "x214", "#214"
EXTENSION = re.compile(
    r"\s*(?:[,，]\s*)?(?:转|分机|内线|ext\.?|extn\.?|extension|x|#)\s*[:：]?\s*\d{1,6}(?!\d)", re.IGNORECASE
)


def with_extension(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` of a phone number grown over an extension written right after it."""
    m = EXTENSION.match(text, span[1])
    return (span[0], m.end()) if m else span


def phones(text: str, announced: bool = True) -> Iterator[tuple[int, int]]:
    """Spans of phone numbers: every +international number phonenumbers accepts as possible
    (only a valid one when two spaces or more part it: cells of a row), numbers in the
    national formats of ``PHONE_REGIONS`` that are valid there, numbers written
    as British ones are (:func:`gb_written`), a country code written apart from its number
    and that number, each on its own (:func:`detached_codes`), and (unless
    ``announced`` is False) every run of digits a word such as ``Tel.`` or 电话 announces
    (:func:`cued_runs`), valid or not, seven-digit US local numbers after a cue
    (:func:`cued_locals`), and local numbers grouped as phones on a page that
    announces phones anywhere (:func:`listed_locals`); each with the extension written after it (``转 8021``).
    ``announced=False`` is for text that is no page's: a
    barcode's bare number, which a cue is put before only to have the validity checks run."""
    import phonenumbers

    flat = seps(text)
    inline = text.translate(_SEPARATORS_IN_LINE)  # as flat, lines kept: Ph and TO: cue a number on their line
    spans: set[tuple[int, int]] = set()
    for pm in phonenumbers.PhoneNumberMatcher(flat, None, leniency=phonenumbers.Leniency.POSSIBLE):
        if not WIDE_GAP.search(pm.raw_string) or _assigned(pm.number):
            spans.add((pm.start, pm.end))
    for region in PHONE_REGIONS:
        for pm in phonenumbers.PhoneNumberMatcher(flat, region, leniency=phonenumbers.Leniency.VALID):
            if pm.raw_string.lstrip("(").startswith("+"):
                spans.add((pm.start, pm.end))
            elif _plausible_national(pm.raw_string, inline, pm.start) and (
                "\n" not in text[pm.start : pm.end] or _cue_before(flat, pm.start)
            ):  # a national number runs over lines only after a cue: a table's amounts, one per
                # row ("356.20" / "341.00"), pass the plan's checks as a number
                spans.add((pm.start, pm.end))
    spans.update(gb_written(inline, bare=announced))
    if announced:
        spans.update(cued_runs(inline))
        spans.update(cued_locals(inline))
        spans.update(listed_locals(flat))
    found = set(_outermost(spans))
    found.update(detached_codes(inline))  # besides any reading of the two as one number
    yield from (with_extension(text, span) for span in sorted(found))


def _hhmm(group: str) -> bool:
    return len(group) == 4 and int(group[:2]) <= 23 and int(group[2:]) <= 59


def listed_locals(text: str) -> Iterator[tuple[int, int]]:
    """Spans of local numbers grouped as phone numbers are (``8702 3316``, ``2867-3159``,
    ``345 6789``: 3 or 4 digits then 4, the first digit 2–9 as local numbers in CN and HK
    start; a run of such pairs is read pair by pair, ``GROUP_RUN``) on a page that announces
    phone numbers anywhere (``PAGE_ANNOUNCING``: a directory's title or column head, its
    note of the area code), however far from the number: a phone list's rows carry no cue of
    their own.  Two years (``2023 2024``) and two clock times (``2105 2248``, a timetable's
    row) are none; nor is anything on a page without such a word."""
    if not PAGE_ANNOUNCING.search(text):
        return
    for m in GROUP_RUN.finditer(text):
        groups = list(re.finditer(r"\d+", m.group()))
        if len(groups) % 2 or any(len(g.group()) != 4 for g in groups[1::2]):
            continue
        for head, tail in zip(groups[::2], groups[1::2], strict=True):
            a, b = head.group(), tail.group()
            years = len(a) == 4 and all(g[:2] in ("19", "20") for g in (a, b))
            if a[0] in "01" or years or (_hhmm(a) and _hhmm(b)):
                continue
            yield m.start() + head.start(), m.start() + tail.end()


def _outermost(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another one (regions read the same number with or without its
    area code in brackets)."""
    return sorted(s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans))


def card_issuer(digits: str) -> bool:
    """Whether a run of digits starts as a payment card of its length does (the issuer prefixes
    of ISO/IEC 7812): Visa 4 (13, 16 or 19 digits); Mastercard 51–55 and 2221–2720 (16);
    Maestro and other debit 5x and 6x, UnionPay 62 and Discover 6011/65 among them (14–19: a
    product's EAN-13 starts with 5 or 6 too, 690–699 in China);
    American Express 34, 37 (15); Diners 30, 36, 38, 39 (14–19); JCB 3528–3589 (16–19);
    UnionPay 81 and the Chinese domestic 95 (16–19).  Luhn passes one random run in ten: a
    year row (``2023 2024 2025 2026``), an ISBN (978…) or a court's case number is no card."""
    n = len(digits)
    if n < 12 or not digits.isdigit():
        return False
    head2, head4 = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)
    if digits[0] in "56":
        return n >= 14  # 12 and 13 digits from 5 or 6: a UPC or an EAN-13 (GS1 500–509, 600–699: 690–699 China)
    if head2 in (34, 37):
        return n == 15
    if head2 in (30, 36, 38, 39):
        return 14 <= n <= 19
    if 3528 <= head4 <= 3589 or head2 in (81, 95):
        return 16 <= n <= 19
    return 2221 <= head4 <= 2720 and n == 16


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() or ch in "Xx")


_DOMAIN_END = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([A-Za-z]{2,6})$")
_NOT_LOCAL = re.compile(r"[^A-Za-z0-9._%+-]")
_OPENERS = "([{<\"'“‘«"
_CLOSERS = ")]}>\"'”’»,;:.!?"


def garbled_emails(text: str) -> Iterator[tuple[int, int]]:
    """Addresses whose at sign did not come through (a smudge, a glyph the font lacks, a
    misreading: ``s@yelarax{]meridian-labs.org``): one word without spaces ending in a domain
    with a common top-level domain, after at least two letters or digits and a character no
    address or host name has there.  Web addresses (``/``, ``www.``, ``http``) are not."""
    for m in re.finditer(r"\S+", text):
        word = m.group()
        lead = len(word) - len(word.lstrip(_OPENERS))
        core = word[lead:].rstrip(_CLOSERS)
        if len(core) < 6 or "/" in core or core.lower().startswith(("www.", "http")):
            continue
        domain = _DOMAIN_END.search(core)
        if domain is None or domain.group(1).lower() not in COMMON_TLDS:
            continue
        before = core[: domain.start()]
        if _NOT_LOCAL.search(before) and sum(ch.isalnum() for ch in before) >= 2:
            yield m.start() + lead, m.start() + lead + len(core)


def emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of e-mail addresses, plain or written to dodge harvesters: ``name [at] example.com``,
    ``name(at)example(dot)com``, ``jane at example dot com``, ``lena-at-club-dot-de``,
    ``sabine.koch ät gmx punkt de`` (an ``at`` written as a word only before a common top-level
    domain, and with ``dot`` spelled out or a local part such as ``j.doe``), the
    bracketed at as OCR misreads its brackets (``name fat ] example.cn``, before a common
    top-level domain only), addresses whose top-level domain the reading lost
    (``k.whitcombe@northwind-trading``: an at sign between a local part and a host of three
    characters or more), and addresses whose at sign did not come through
    (``garbled_emails``)."""
    for m in EMAIL.finditer(text):
        yield m.start(), m.end()
    yield from garbled_emails(text)
    for m in EMAIL_NO_TLD.finditer(text):
        yield m.start(), m.end()
    for m in EMAIL_OCR_AT.finditer(text):
        if re.split(r"\W+", m.group().rstrip())[-1].lower() in COMMON_TLDS:
            yield m.start(), m.end()
    for m in EMAIL_WORD.finditer(text):
        raw = m.group()
        local = raw.split(None, 1)[0]
        tld = re.split(r"\W+", raw.rstrip())[-1].lower()
        dot_spelled = re.search(r"(?:\b|_)(?:dot|punkt)(?:\b|_)", raw, re.IGNORECASE) is not None
        # "us at example.com" is a web site; "j.doe at example.com" or "jane at example dot com" an address
        if tld in COMMON_TLDS and (dot_spelled or re.search(r"[._\d]", local) is not None):
            yield m.start(), m.end()
