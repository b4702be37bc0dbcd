"""Items a page break cuts in two: the foot of one page and the head of the next, read as one.

A phone number, an identity number or a name a page break splits (``+44 161`` at the foot of
page 1, ``496 0732`` at the head of page 2) is in no page's text whole, so no page finds it;
a reader of the whole document joins the two.  Here the surviving words of the last ``TAIL``
lines of each page and the first ``HEAD`` lines of the next (page numbers such as
``Page 1 of 2`` or ``- 1 -`` left out) are set on one page, one after the other, and searched
with the policy.  A finding with words on both sides is burned on both: the words of each
side get their own boxes on their own page.  Findings within one page were burned there.

Nothing here logs text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sandbox.models import BBox, Line, Page
from sandbox.redact import burn
from sandbox.redact.detectors import detect
from sandbox.redact.policy import Policy

TAIL = 3  # lines at the foot of a page read with the head of the next
HEAD = 3
# a line that is only a page number: "3", "- 3 -", "Page 3 of 8", "3/8", "第3页", "第 3 页 共 8 页"
FOLIO = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$"
    r"|^\s*第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cut:
    """One side of an item a page break cut: the page (0-based), the boxes that black out its
    words there, the rule, and the item's whole text (confidential: checks only)."""

    page: int
    boxes: tuple[BBox, ...]
    rule: str
    text: str


def _body(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if not FOLIO.match(" ".join(w.text for w in line.words))]


def cuts(pages: Sequence[Page], policy: Policy) -> list[Cut]:
    """The sides of every item that only the foot of a page and the head of the next hold
    together (``pages``: each page's words as read, before redaction, page coordinates: a
    side already burned on its page is burned again, harmlessly, and still joins the other).
    The foot is read with the head as a block, and each of its lines with each of the head's
    (a sentence and a number may each go on at the next page's matching line)."""
    out: list[Cut] = []
    for first, second in itertools.pairwise(pages):
        tail, head = _body(first.lines)[-TAIL:], _body(second.lines)[:HEAD]
        if not tail or not head:
            continue
        tries = [(tail, head)] + [([a], [b]) for a in tail for b in head]
        index = ({id(w): i for i, w in enumerate(first.words)}, {id(w): i for i, w in enumerate(second.words)})
        seen: set[tuple[int, tuple[BBox, ...]]] = set()
        for foot, top in tries:
            for cut in _joined(first, second, foot, top, policy, index):
                if (cut.page, cut.boxes) not in seen:
                    seen.add((cut.page, cut.boxes))
                    out.append(cut)
    return out


def _joined(
    first: Page,
    second: Page,
    foot: Sequence[Line],
    top: Sequence[Line],
    policy: Policy,
    index: tuple[dict[int, int], dict[int, int]],
) -> list[Cut]:
    """The cuts of the items found on ``foot`` (lines of ``first``) set above ``top`` (of
    ``second``); ``index``: each page's word (by identity) to its number on its page."""
    below = [
        Line(tuple(replace(w, bbox=_down(w.bbox, first.height)) for w in ln.words), _down(ln.bbox, first.height),
             ln.block, ln.paragraph)
        for ln in top
    ]  # fmt: skip
    joined = replace(first, lines=(*foot, *below), height=first.height + second.height)
    first_words = [w for ln in foot for w in ln.words]
    second_words = [w for ln in top for w in ln.words]
    index_a, index_b = index
    out: list[Cut] = []
    for f in detect(joined, policy):
        mine = [index_a[id(first_words[i])] for i in f.words if i < len(first_words)]
        theirs = [index_b[id(second_words[i - len(first_words)])] for i in f.words if i >= len(first_words)]
        if not mine or not theirs:
            continue  # whole on one page: burned there
        out.append(Cut(first.index, tuple(burn.boxes_for(first, mine, padding=policy.padding)), f.rule, f.text))
        out.append(Cut(second.index, tuple(burn.boxes_for(second, theirs, padding=policy.padding)), f.rule, f.text))
    return out


def _down(b: BBox, dy: int) -> BBox:
    return BBox(b.x0, b.y0 + dy, b.x1, b.y1 + dy)
