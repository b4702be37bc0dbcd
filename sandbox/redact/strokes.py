"""Which numbers found with a seven-segment face's strokes read as ones stand.

An LCD or seven-segment face draws a one as a bare upright stroke, and OCR reads it as ``|``,
``!``, ``[`` or ``]`` (``|10|05|949|23|002X``); ``numbers.ocr_digits(strokes=True)`` reads
every such stroke in a word of digits as a one.  A table's cell walls glued to its digits
(``|8|83|4925|``, ``2004|03|26``) are read so too, and any run of digits with ones added is a
number by length alone for a rule without a checksum (a Chinese mobile is ``1[3-9]`` and nine
digits).  So a match on that reading stands only when its check decides strictly (an SSN
or an IBAN, :data:`CHECKED_RULES`; an identity number valid as written; a card in a card's
groups; a credit code with a letter of its own), a phone cue stands before it on its line,
or it is a mobile valid in the Chinese plan, grouped 3-4-4, whose word is not walled in by
strokes at both ends.
Nothing here logs or prints text.
"""

from __future__ import annotations

import re

from sandbox.redact.numbers import STROKE_ONES, phone_cue_on_line

# rules whose checksum decides: a stroke read as a one passes it as rarely as any digit does (an
# identity number's only as written, without the misreadings ``numbers.resident_id`` forgives;
# a card's Luhn, one run in ten, only in a card's groups: ``CARD_GROUPS``; a credit code's
# check, one in 31, only with a letter of its own: ``coded``)
CHECKED_RULES = frozenset(("pii-intl.ssn", "pii-intl.iban"))
ID_RULE, USCC_RULE = "pii-cn.id", "pii-cn.uscc"
CARD_RULES = frozenset(("pii-cn.bank-card", "pii-intl.card"))
CARD_GROUPS = re.compile(r"(?:\S{4}[ -]+){2,}\S{1,4}|\S{4}[ -]+\S{6}[ -]+\S{4,5}")
PHONE_RULES = frozenset(("pii-cn.mobile", "pii-cn.landline", "pii-intl.phone"))
# a mobile grouped 3-4-4 by a space, a dot or a dash as written (``139 |234 5678``): eleven
# characters of digits and strokes glued together are a row of cells as often (``16670|61017``)
MOBILE_GROUPS = re.compile(r"[^\s.-]{3}[ .-][^\s.-]{4}[ .-][^\s.-]{4}")


def _walled(text: str, start: int, end: int) -> bool:
    """Whether a word of the span starts and ends with a stroke and holds one more between
    digits (``|8|83|4925|``: a row's cells between their walls); ``|3|`` is 131 as often."""
    return any(
        len(w) > 3 and w[0] in STROKE_ONES and w[-1] in STROKE_ONES and any(ch in STROKE_ONES for ch in w[1:-1])
        for w in text[start:end].split()
    )


def _cn_mobile(digits: str) -> bool:
    import phonenumbers

    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE


def coded(code: str) -> bool:
    """Whether a credit code read with strokes holds a letter no stroke or digit is read as
    (``…MA0|C5X8|X``): eighteen digits and strokes are a table row's cells as often."""
    return any(ch.isalpha() and ch not in STROKE_ONES and ch not in "Oo" for ch in code)


def _id_as_written(digits: str) -> bool:
    from stdnum.cn import ric

    try:
        return bool(ric.is_valid(digits))
    except Exception:
        return False


def stroke_match_holds(rule: str, text: str, ones: str, start: int, end: int) -> bool:
    """Whether a match of ``rule`` at ``start:end`` of ``ones`` (the page text with strokes read
    as ones) stands, ``text`` being the page text as read (strokes kept): an SSN's or an
    IBAN's always (their checks decide); a credit code's with a letter of its own
    (:func:`coded`); an identity number's valid as written; a card's written in a card's
    groups (``4||| |||| |||| ||||``: a glued run with strokes in it, ``5630|09|71|197``, is a
    row of cells as often); a phone's after a phone cue on its line
    (``numbers.phone_cue_on_line``), or a Chinese mobile valid in the plan as a mobile,
    grouped 3-4-4 (``MOBILE_GROUPS``), whose words are not walled in by strokes; nothing else
    (an IP address, a number valid by its length alone)."""
    span = text[start:end]
    if rule in CHECKED_RULES:
        return True
    if rule == USCC_RULE:
        return coded(span)
    if rule == ID_RULE:
        return _id_as_written("".join(ch for ch in ones[start:end] if ch.isdigit() or ch in "Xx").upper())
    if rule in CARD_RULES:
        return CARD_GROUPS.fullmatch(span.strip()) is not None
    if rule not in PHONE_RULES:
        return False
    if phone_cue_on_line(text, start):
        return True
    digits = "".join(ch for ch in ones[start:end] if ch.isdigit())
    grouped = MOBILE_GROUPS.fullmatch(span) is not None
    return len(digits) == 11 and grouped and not _walled(text, start, end) and _cn_mobile(digits)
