"""Frozen value types of a page's structure.

Boxes are pixels of the page the words were read from (as :mod:`sandbox.models`).  Every text
here is made of the page's own words: nothing is added that the page did not say.

Born-digital documents (:mod:`sandbox.extract`) use the same types for a page-less flow: one
:class:`PageLayout` per part (the body, a sheet, a slide, an attachment), boxes all zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sandbox.models import BBox


class RegionKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    TABLE = "table"
    FIGURE = "figure"
    CAPTION = "caption"
    HEADER = "header"
    FOOTER = "footer"
    PAGE_NUMBER = "page-number"
    MASTHEAD = "masthead"  # an official document's issuing-body banner (红头): large, often red, above a rule
    # born-digital documents only (sandbox.extract): what a file says beside its body
    FOOTNOTE = "footnote"  # a footnote or endnote, its text
    COMMENT = "comment"  # a reviewer's comment, marked as such in every output
    NOTE = "note"  # speaker notes of a slide; notices such as "remote template not fetched"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a table grid: top-left grid position and how many rows/columns it covers."""

    row: int
    col: int
    text: str
    bbox: BBox
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # part of the table's header rows


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of ``rows`` × ``cols``; every grid position is covered by exactly one cell."""

    rows: int
    cols: int
    cells: tuple[Cell, ...]
    header_rows: int = 0
    ruled: bool = True  # found from drawn rules (False: from word alignment)

    def grid(self) -> list[list[Cell | None]]:
        """Row-major grid; positions covered by a span hold the spanning cell only at its origin."""
        out: list[list[Cell | None]] = [[None] * self.cols for _ in range(self.rows)]
        for cell in self.cells:
            out[cell.row][cell.col] = cell
        return out


@dataclass(frozen=True, slots=True)
class Region:
    """One region of a page in reading order.

    ``lines`` are the region's text lines (for a paragraph joined by :func:`text`); a list has
    one entry per item; a heading's ``level`` is 1 (title) to 6; a table region has ``table``; a
    figure found on a scan has ``image`` (its crop of the page) and, as ``lines``, the words read
    inside it; a masthead on a page in colour has its ink's measured ``colour``.
    """

    kind: RegionKind
    bbox: BBox
    lines: tuple[str, ...] = ()
    level: int = 0
    table: Table | None = None
    ordered: bool = False  # list: numbered items
    levels: tuple[int, ...] = ()  # list: each item's nesting level (0 = top); empty: all top level
    image: bytes = b""  # figure on a scan: the page's own pixels in its box, encoded as ``image_type``
    image_type: str = ""  # "image/png" or "image/jpeg"
    colour: str = ""  # masthead on a page in colour: its ink's colour as "#rrggbb" ("" unmeasured)

    @property
    def text(self) -> str:
        from sandbox.structure.textjoin import join_lines

        return join_lines(self.lines)


@dataclass(frozen=True, slots=True)
class PageLayout:
    index: int
    width: int
    height: int
    regions: tuple[Region, ...] = field(default_factory=tuple)
    columns: int = 1  # most columns side by side anywhere on the page
    title: str = ""  # born-digital: the part's name (sheet, slide title, attachment); "" for scans


def figure_captions(regions: Sequence[Region]) -> dict[int, int]:
    """For each figure with a picture, the index of its caption: a caption region right after
    it, else right before it, that no other figure took."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for n, region in enumerate(regions):
        if region.kind is not RegionKind.FIGURE or not region.image:
            continue
        for k in (n + 1, n - 1):
            if 0 <= k < len(regions) and k not in used and regions[k].kind is RegionKind.CAPTION:
                out[n] = k
                used.add(k)
                break
    return out
