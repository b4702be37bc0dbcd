"""Listed names written with typographic characters (red team: ``O’Neill``, ``Smith‑Jones``).

A term list says ``Siobhan O'Neill`` and ``Anna Smith-Jones``; a typeset page writes the
apostrophe curly (U+2019) or as a modifier letter (U+02BC), the hyphen non-breaking (U+2011),
as an en dash or as a soft hyphen.  Before the fix the folding kept those characters, so the
exact matcher and the written forms of a name never matched them and only the OCR tolerance
found the name — with its edits spent on the typography, so one misread letter more lost it
(and the check after burning, reading another view, then found it and widened the bar to the
whole line).  Each test below fails before the fix; the burned boxes are the name's words and
nothing else.
"""

from __future__ import annotations

import pytest

from sandbox.geometry import union
from sandbox.models import Page
from sandbox.redact import policy as pol
from sandbox.redact.burn import boxes_for
from sandbox.redact.detectors import Finding, detect
from sandbox.redact.fuzzy import confusion_form, find_fuzzy
from sandbox.redact.people import people
from sandbox.redact.textmap import find_terms, fold
from tests.test_detectors import page

TERMS = ("Siobhan O'Neill", "Anna Smith-Jones")
EXACT = pol.Policy(packs=("terms",), fuzzy=False).with_terms(TERMS)  # no OCR tolerance to lean on
DEFAULT = pol.Policy(packs=("terms",)).with_terms(TERMS)

APOSTROPHES = ("\u2019", "\u02bc", "\u2018", "\u00b4", "`", "\uff07")
HYPHENS = ("\u2011", "\u2010", "\u2013", "\u2212", "\u00ad", "\uff0d")
NAMES = [f"Siobhan O{a}Neill" for a in APOSTROPHES] + [f"Anna Smith{h}Jones" for h in HYPHENS]


def _terms(p: Page, policy: pol.Policy) -> list[Finding]:
    return [f for f in detect(p, policy) if f.rule == "terms"]


def _only_the_name(p: Page, findings: list[Finding], first: int, count: int) -> None:
    """One finding, on words ``first`` .. ``first + count - 1``, burned as one bar over them."""
    want = tuple(range(first, first + count))
    assert [f.words for f in findings] == [want]
    name_box = union(p.words[i].bbox for i in want)
    assert boxes_for(p, findings[0].words, padding=0) == [name_box]


@pytest.mark.parametrize("name", NAMES)
def test_a_typographic_name_matches_exactly_its_own_words(name: str) -> None:
    p = page(f"Dear {name} thank you for the letter about the invoice of May")
    for policy in (EXACT, DEFAULT):
        findings = _terms(p, policy)
        _only_the_name(p, findings, 1, 2)
        assert findings[0].match == "exact"


@pytest.mark.parametrize(
    ("line", "first", "count"),
    [
        ("To: Siobhan O\u2019Neill, a I O 1 2 signed", 1, 2),  # short neighbours a window could take
        ("cc Anna Smith\u2011Jones - Jones Ltd", 1, 2),
        ("Re: Anna\u00a0Smith\u2013Jones and Anna Smith", 1, 1),  # a text layer's word with a no-break space
        ("Witness Siobhan\u00a0O\u02bcNeill signed", 1, 1),
        ("per Anna Smith-\u200bJones today", 1, 2),  # a zero-width space is nothing
    ],
)
def test_a_match_never_spreads_to_the_words_around_the_name(line: str, first: int, count: int) -> None:
    p = page(line)
    for policy in (EXACT, DEFAULT):
        _only_the_name(p, _terms(p, policy), first, count)


@pytest.mark.parametrize(
    ("line", "first", "count"),
    [
        ("Dear O\u2019Neill, Siobhan thank you", 1, 2),  # surname first
        ("Dear O\u02bcNEILL Siobhan thank you", 1, 2),  # passport style
        ("Dear Siobhan J. O\u2019Neill thank you", 1, 3),  # a middle initial
        ("Dear S. O\u2019Neill thank you", 1, 2),  # the given name's initial
        ("Dear Ms O\u2019Neill thank you", 2, 1),  # the honorific is not burned
        ("Dear Smith\u2011Jones, Anna thank you", 1, 2),
        ("Dear Mrs Smith\u2013Jones thank you", 2, 1),
    ],
)
def test_the_written_forms_of_a_name_take_any_apostrophe_and_hyphen(line: str, first: int, count: int) -> None:
    p = page(line)
    findings = _terms(p, EXACT)
    _only_the_name(p, findings, first, count)
    assert findings[0].match == "name"


def test_one_misread_letter_besides_the_typography_is_still_within_the_tolerance() -> None:
    """``O’Neil``: the dropped ``l`` is the one edit a 7-letter surname allows; the curly
    apostrophe used to be a second."""
    for line in ("Dear Siobhan O\u2019Neil thank you", "Dear Anna Smith\u2011Jnes thank you"):
        p = page(line)
        findings = _terms(p, DEFAULT)
        _only_the_name(p, findings, 1, 2)
        assert findings[0].match == "fuzzy"


def test_a_listed_name_with_typography_matches_the_plain_page_and_back() -> None:
    text = "Dear Siobhan O'Neill and Anna Smith-Jones, thank you"
    listed = ("Siobhan O\u2019Neill", "Anna Smith\u2011Jones")
    assert [text[s:e] for s, e, _ in find_terms(text, listed)] == ["Siobhan O'Neill", "Anna Smith-Jones"]
    assert list(find_fuzzy(text, listed, names=True)) == []  # exact matches: nothing left to the tolerance


def test_the_fold_makes_every_apostrophe_and_hyphen_the_ascii_one() -> None:
    for a in APOSTROPHES:
        assert fold(f"O{a}Neill").text == "o'neill"
        assert confusion_form(f"O{a}Neill") == confusion_form("O'Neill")
    for h in HYPHENS:
        assert fold(f"Smith{h}Jones").text == "smith-jones"
    assert fold("Smith\u200b-\u2060Jones").text == "smith-jones"
    assert fold("Hollo\u2011\nway").text == "holloway"  # a dash that ends a line still joins the word


def test_the_names_pack_proposes_a_typographic_surname_whole() -> None:
    for text in ("Dear Mrs O\u02bcNeill,", "Dear Mrs Smith\u2011Jones,"):
        assert [text[s:e] for _, s, e in people(text)] == [text[9:-1]]


def test_other_names_are_not_taken_for_the_listed_one() -> None:
    others = ("Dear Siobhan O\u2019Brien thank you", "Dear Anna Smith\u2013Johnson thank you", "Dear O\u2019Neill Ltd")
    for line in others:
        assert _terms(page(line), DEFAULT) == []
