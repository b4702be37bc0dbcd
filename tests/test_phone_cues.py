"""A fax header's bare numbers (red team: ``TO: 01632960983``) and the labels that are no cue.

Before the fix a British number written bare (11 digits from 01, 02 or 03) was found only
when a word such as ``Fax`` or ``Tel`` announced it: ``GB_WRITTEN`` wants groups (or a bare
``07`` mobile), and the drama range ``01632 960xxx`` is invalid in the plan.  ``TO:`` was no
cue at all and ``FROM:`` one by accident: its ``M:`` read as the ``M:`` (mobile) label, which
also made ``ACCOUNT:`` (``T:``), ``Item:`` (``M:``) and ``Ref:`` (``F:``) cues.
"""

from __future__ import annotations

import pytest

from sandbox.redact import policy as pol
from sandbox.redact.detectors import detect
from sandbox.redact.numbers import phones
from tests.test_detectors import page


def _phones(text: str) -> list[str]:
    return [text[s:e] for s, e in phones(text)]


@pytest.mark.parametrize(
    "text",
    [
        "TO: 01632960983",
        "FROM: 01632960983",
        "To:01632960983",
        "11/05/2024 14:32 FROM: 02079460958 P.001",
        "TO: 03069990123",  # non-geographic
        "Ph 01632960983",
        "Ph: 01632960983",
        "Call 01632960983",
        "T: 01632960983",
        "TO: 2025550143",  # the United States, bare
        "FROM: 2025550143",
        "Ph. 2025550143",
        "TO: 01065529988",  # a Chinese landline, bare
        "FROM:  27190560",  # Hong Kong: eight digits, not a date
    ],
)
def test_a_bare_number_after_a_phone_or_fax_header_cue_is_found(text: str) -> None:
    number = text.split()[-2] if text.endswith("P.001") else text.split(":")[-1].split()[-1]
    assert _phones(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Order 01632960983",
        "Invoice No: 01632960983",
        "Ref: 02079460958",  # the F: of Ref: is no fax label
        "Account: 2025550143",  # nor the T: of Account:
        "ACCOUNT: 02079460958",
        "Item: 30792440",  # nor the M: of Item:
        "Amount: 01261021972",
        "01632960983",  # bare and uncued: any 11-digit reference
        "Pay to: 01632960983",  # "to:" after a word is no header field
        "Reply to: 2025550143",
        "Period from: 20240101 to: 20241231",  # dates
        "FROM: 20240101 TO: 31122024",
        "TO: INV-01632960983",  # the tail of a code
        "TO: 016329609831",  # twelve digits
        "Graph 01632960983",
        "Photo 01632960983",
        "Ph.D. 2025550143",
        "pH 7.40 7.35 7.45",
        "FAX:\nOrder 01632960983",  # a cue on the line above (a burned fax number's label)
        "TO:\n2025550143",
    ],
)
def test_a_number_without_a_phone_cue_is_not_a_phone(text: str) -> None:
    assert _phones(text) == []


def test_a_fax_header_line_burns_its_numbers_and_nothing_else() -> None:
    p = page("TO: 01632960983 FROM: 2025550143 Order 01632960983", top=300)
    findings = [f for f in detect(p, pol.default()) if f.rule == "pii-intl.phone"]
    assert [f.words for f in findings] == [(1,), (3,)]


def test_a_barcodes_bare_number_is_checked_by_validity_alone() -> None:
    """``codes`` puts a made-up ``Tel.`` before a barcode's bare number: a number the UK plan
    only finds possible (the drama range) is no phone there, one it assigns still is."""
    assert list(phones("Tel. 01632960983", announced=False)) == []
    assert _phones("Tel. 01632960983") == ["01632960983"]
    assert len(list(phones("Tel. 02079460958", announced=False))) == 1
