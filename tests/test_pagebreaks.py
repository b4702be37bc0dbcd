"""Items a page break cuts in two are burned on both pages (hand-made pages, no binaries)."""

from __future__ import annotations

from dataclasses import replace

from sandbox.models import Page
from sandbox.redact import pagebreaks
from sandbox.redact import policy as pol
from tests.test_detectors import page


def _pages(foot: tuple[str, ...], head: tuple[str, ...]) -> list[Page]:
    first = replace(page("Terms of the agreement", *foot, "page 1 of 2", top=100), index=0, height=1000)
    second = replace(page(*head, "Rent is paid monthly.", top=100), index=1, height=1000)
    return [first, second]


def test_a_phone_number_split_over_a_page_break_is_burned_on_both_pages() -> None:
    """The red team of stop 42: ``+44 161`` at the foot of page 1 (above its folio),
    ``496 0732`` at the head of page 2; no page held the number, the attacker joined them."""
    pages = _pages(("the Tenant, Mr Rupert", "on +44 161"), ("Vandersloot, at", "496 0732, or at the premises."))
    cuts = pagebreaks.cuts(pages, pol.default().with_terms(("Rupert Vandersloot",)))
    sides = {(c.page, c.rule) for c in cuts}
    assert sides == {(0, "pii-intl.phone"), (1, "pii-intl.phone"), (0, "terms"), (1, "terms")}
    on_first = [b for c in cuts if c.page == 0 and c.rule == "pii-intl.phone" for b in c.boxes]
    assert on_first and all(b.y0 >= 120 for b in on_first)  # the foot's line, not the heading


def test_nothing_is_cut_when_each_page_holds_its_items_whole() -> None:
    pages = _pages(("Call +44 161 496 0732 today",), ("Next steps follow.",))
    assert pagebreaks.cuts(pages, pol.default()) == []
    assert pagebreaks.cuts(pages[:1], pol.default()) == []
