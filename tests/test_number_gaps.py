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

from sandbox.models import Page
from sandbox.redact import policy as pol
from sandbox.redact.detectors import detect
from sandbox.redact.numbers import phones
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
