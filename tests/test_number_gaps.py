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

from sandbox.models import BBox, Line, Page, PageSource, Word
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


@pytest.mark.parametrize(
    "number", ["139 |234 5678", "|39 |234 5678", "!39 !234 5678", "|39-|234-5678", "|3| 3962 4595", "|8| |777 74|2"]
)
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
        "|8|83|4925|",  # 18183149251 has a mobile's shape: a row's cells between their walls
        "16670|61017",  # 16670161017 too, glued: no mobile's groups
        "|852|838806",
        "No. |56|0081|6289|51|560|353|",  # no detached country code: 0081 is a cell
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


# --- a country code apart from its number -----------------------------------------------------


def _row(*cells: str, gap: int = 200) -> Page:
    """One line whose cells stand ``gap`` pixels apart (a table row read as one line), each cell's
    words 10 pixels apart."""
    words: list[Word] = []
    x = 0
    for cell in cells:
        for token in cell.split(" "):
            words.append(Word(token, BBox(x, 300, x + 10 * len(token), 320), 0.9))
            x += 10 * len(token) + 10
        x += gap
    return Page(0, 1000, 2000, 300, PageSource.OCR, (Line(tuple(words), BBox(0, 300, x, 320), 1, 1),), "eng")


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("+44", "7700 900845"),  # Ofcom's drama range: possible, as +44 7700 900845 is
        ("+44", "7911 123456"),
        ("+44", "1632 960983"),
        ("+852", "29876543"),
        ("+886", "912 345 678"),
        ("+86", "139 1234 5678"),
        ("+1", "202 555 0143"),
        ("+33", "6 12 34 56 78"),
    ],
)
def test_a_country_code_in_a_cell_of_its_own_and_its_number_are_found(code: str, number: str) -> None:
    found = [text for _, text in _found(_row(code, number))]
    assert code in found and number in found
    assert _found(page(f"{code} | {number}"))[0] == ("pii-intl.phone", f"{code} | {number}")


def test_the_country_code_cell_with_a_label_or_on_the_line_above() -> None:
    assert _phones("Country code: +44 Number: 7911 123456") == ["+44", "7911 123456"]
    assert _phones("+852 |\n2987 6543") == ["+852", "2987 6543"]
    assert _phones("+44 | 7911 123456 | 12") == ["+44", "7911 123456"]  # the next cell is not the number's


@pytest.mark.parametrize(
    "text",
    [
        "+44 | 12 | 34",
        "+1 | 555 0143",  # seven digits: no US number
        "+852 | 1234",
        "+44 remarks\n7911 123456",  # the line goes on after the code
        "Score +12 | 3456 7890",
        "x+44 | 7911 123456",
        "+44.5 | 7911 123456",
        "+44 | 7911 123456 2",  # valid only without its last group
    ],
)
def test_a_code_and_digits_that_make_no_number_are_none(text: str) -> None:
    assert "+44" not in _phones(text) and "7911 123456" not in _phones(text)
    assert not any(s.strip().startswith(("+", "00")) for s in _phones(text))


@pytest.mark.parametrize("line", ["Score +12 | 34 56 78", "+44 | 12 | 34", "+5 | 1234567", "Qty +9 | 0304 90 13"])
def test_cells_read_as_one_international_number_only_when_valid(line: str) -> None:
    """A cell's wall read as a separator joined a ``+`` figure to the next cells: possible in a
    plan by length alone, such a reading counts only when valid."""
    assert _found(page(line)) == []


def test_a_code_and_its_number_together_are_one_finding() -> None:
    assert _found(page("+44 7911 123456")) == [("pii-intl.phone", "+44 7911 123456")]
    assert _found(_row("+44 7911 123456", gap=0)) == [("pii-intl.phone", "+44 7911 123456")]
