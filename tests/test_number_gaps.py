"""Gaps in number detection a red team found: a US seven-digit local number after a phone cue,
a seven-segment face's ones read as strokes (``|10|05|949|23|002X``), and a country code in a
cell of its own (``+44 | 7700 900845``).

Before the fix ``call 555-0143`` and ``ph. 555.0143`` were missed (only ``Tel``, ``Phone`` and
the like announced a run of seven digits); a ``|`` between digits was only ever a separator, so
an ID or mobile in an LCD face lost its ones; and a table row read with its country code far
from the number was no number at all (the reading of the two as one lay across cells), while
the national part alone (``7911 123456``, ``29876543``) is valid nowhere.
"""

from __future__ import annotations

import pytest
from stdnum import luhn

from sandbox.models import Page
from sandbox.redact import policy as pol
from sandbox.redact.detectors import detect
from sandbox.redact.numbers import ocr_digits, phones, resident_id
from tests.test_detectors import page

PACKS = pol.Policy(packs=("pii-cn", "pii-intl"))


def _found(p: Page) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in detect(p, PACKS)]


def _phones(text: str) -> list[str]:
    return [text[s:e] for s, e in phones(text)]


# --- a seven-digit local number after a phone cue -------------------------------------------


@pytest.mark.parametrize(
    ("cue", "number"),
    [
        ("call", "555-0143"),
        ("Call us on", "555-0143"),
        ("Tel:", "555-0143"),
        ("Phone", "555 0143"),
        ("ph.", "555.0143"),
        ("Ph.", "555.0143"),
        ("PH:", "555-0143"),
        ("T:", "555-0143"),
        ("Cell", "555–0143"),  # an en dash
        ("Hotline:", "555 0143"),
        ("Call", "5550143"),
        ("Phone No.", "867-5309"),
        ("Tel (office):", "555-0143"),
    ],
)
def test_a_seven_digit_local_number_after_a_cue_is_a_phone(cue: str, number: str) -> None:
    text = f"{cue} {number}"
    assert _phones(text) == [number]
    assert _found(page(text)) == [("pii-intl.phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "555-0143",
        "Order 555-0143",
        "Invoice 555-0143",
        "Invoice No. 555-0143",
        "Ref 555-0143",
        "Account: 555-0143",
        "Item 555-0143",
        "Amount 555.0143",
        "No. 555-0143",
        "Hotel 555-0143",  # the tel of Hotel
        "Recall 555-0143",
        "Cancellation 555-0143",
        "pH 555.0143",  # acidity, not Ph.
        "ph 555.0143",
        "Call 911-0143",  # a service code, no exchange
        "Call 055-0143",
        "Call 555-01432",
        "Call 555-0143-2",
        "Call 1.555.0143",
        "Call\n555-0143",  # a cue on the line above
        "Version 555.0143",
        "Call 555.01",
    ],
)
def test_seven_digits_without_a_cue_are_no_phone(text: str) -> None:
    assert _phones(text) == []
    assert _found(page(*text.split("\n"))) == []


# --- a seven-segment face's ones read as strokes ---------------------------------------------

ID_LCD = "|10|05|949|23|002X"  # 11010519491231002X


@pytest.mark.parametrize("stroke", ["|", "!", "[", "]", "l", "I"])
def test_an_identity_number_whose_ones_read_as_strokes_is_found_whole(stroke: str) -> None:
    written = ID_LCD.replace("|", stroke)
    assert _found(page(f"ID {written}")) == [("pii-cn.id", written)]


def test_an_identity_number_in_groups_with_strokes_for_ones() -> None:
    assert _found(page("身份证 |10|05 |949|23| 002X")) == [("pii-cn.id", "|10|05 |949|23| 002X")]


def test_strokes_for_ones_that_make_no_valid_id_are_none() -> None:
    assert not resident_id("110105194913510021")  # month 13, day 51: no reading makes it a date
    assert _found(page("ID |10|05|949|35|002|")) == []


@pytest.mark.parametrize("number", ["139 |234 5678", "|39 |234 5678", "!39 !234 5678", "|39-|234-5678"])
def test_a_mobile_whose_ones_read_as_strokes_is_found(number: str) -> None:
    assert _found(page(number)) == [("pii-cn.mobile", number)]


def test_a_card_whose_ones_read_as_strokes_is_found() -> None:
    card = "4|||-||||-||||-||||"  # 4111 1111 1111 1111 passes Luhn
    assert luhn.is_valid("4111111111111111")
    assert [text for _, text in _found(page(f"Card {card}"))] == [card]


@pytest.mark.parametrize("code", ["9|||0|08MA0|C5X8|X", "9!!!0!08MA0!C5X8!X", "91110108MA01C5X81X"])
def test_a_credit_code_whose_ones_read_as_strokes_is_found(code: str) -> None:
    assert _found(page(f"统一社会信用代码 {code}")) == [("pii-cn.uscc", code)]


def test_a_credit_code_with_strokes_and_a_wrong_check_is_none() -> None:
    assert _found(page("USCC 9|||0|08MA0|C5X8|Y")) == []


def test_a_phone_after_a_cue_with_strokes_for_ones() -> None:
    assert _found(page("call 555-0|43")) == [("pii-intl.phone", "555-0|43")]


@pytest.mark.parametrize(
    "line",
    [
        "Qty | 12 | 34 | 56",
        "a | b | 12",
        "12|34|56",
        "|12|34|56|",
        "Item 12 | 34",
        "Total|1234|5678",
        "2024|03|15",
        "| 2023 | 2024 | 2025 | 2026 |",
        "v1.2|3.4",
    ],
)
def test_pipes_in_ordinary_text_are_no_number(line: str) -> None:
    assert _found(page(line)) == []


def test_a_stroke_alone_between_spaces_stays_a_separator() -> None:
    assert ocr_digits("Qty | 12 | 34", strokes=True) == ocr_digits("Qty | 12 | 34")
    assert ocr_digits("|10|05 x", strokes=True) == "110105 x"
