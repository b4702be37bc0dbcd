"""A scanned list's items as runs of markers: each run counts on in one style from the page's
own first number (``1. 2. 3.``, ``(1) (2)``, ``①②``, ``一、二、``, ``（一）（二）``, bullets), so a
writer can let Word or the browser draw the markers and keep only the items' text.

Guarantee: the markers a run stands for are the page's own, in order (same style, numbers
``start``, ``start + 1``, …); an item whose marker does not continue the run starts a new run at
its own number; the items' text is the page's, marker taken off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sandbox.structure.kinds import Marker, item_marker


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive items counting on in one marker style, from ``start``."""

    style: str
    start: int
    items: tuple[str, ...]


def runs(items: Sequence[str]) -> list[Run] | None:
    """The items split into runs, their markers taken off; None when an item has no marker."""
    marks: list[Marker] = []
    for item in items:
        mark = item_marker(item)
        if mark is None:
            return None
        marks.append(mark)
    out: list[Run] = []
    prev: Marker | None = None
    for mark in marks:
        continues = (
            prev is not None and prev.style == mark.style and (mark.style == "bullet" or mark.value == prev.value + 1)
        )
        if continues and out:
            last = out[-1]
            out[-1] = Run(last.style, last.start, (*last.items, mark.rest))
        else:
            out.append(Run(mark.style, max(1, mark.value), (mark.rest,)))
        prev = mark
    return out
