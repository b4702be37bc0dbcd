"""What every reader of a born-digital format returns, and the builder readers fill it with.

A reader turns one file into an :class:`Extracted`: parts (the body; a sheet; a slide; an
attachment), each a :class:`~sandbox.structure.model.PageLayout` whose regions are the same
headings, paragraphs, lists, tables, footnotes, comments and notes a scan's structure gives.
Boxes are zero: a born-digital document has no pixels.  ``notices`` say what was in the file
and deliberately not used (a remote template, linked pictures, macros, embedded objects): the
outputs carry them as notes, never the link itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sandbox.models import BBox
from sandbox.structure.model import Cell, PageLayout, Region, RegionKind, Table

ZERO = BBox(0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Extracted:
    """One born-digital document read: its parts in order and what was left unused."""

    kind: str  # the format read ("docx", "eml", …)
    parts: tuple[PageLayout, ...]
    notices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CellText:
    """A cell as a reader sees it before the grid is checked (spans may overlap in bad files)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def table(cells: list[CellText], header_rows: int = 0) -> Table | None:
    """A :class:`Table` whose every grid position is covered by exactly one cell: overlapping
    spans are cut back, holes are filled with empty cells.  None for a table without cells."""
    if not cells:
        return None
    rows = max(c.row + c.rowspan for c in cells)
    cols = max(c.col + c.colspan for c in cells)
    taken: set[tuple[int, int]] = set()
    out: list[Cell] = []
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        if (c.row, c.col) in taken:
            continue
        rowspan, colspan = c.rowspan, c.colspan
        while colspan > 1 and any((c.row, c.col + k) in taken for k in range(colspan)):
            colspan -= 1
        while rowspan > 1 and any((c.row + r, c.col + k) in taken for r in range(rowspan) for k in range(colspan)):
            rowspan -= 1
        taken.update((c.row + r, c.col + k) for r in range(rowspan) for k in range(colspan))
        out.append(Cell(c.row, c.col, c.text, ZERO, rowspan, colspan, c.row < header_rows))
    for r in range(rows):
        for k in range(cols):
            if (r, k) not in taken:
                out.append(Cell(r, k, "", ZERO, header=r < header_rows))
    out.sort(key=lambda c: (c.row, c.col))
    return Table(rows, cols, tuple(out), min(header_rows, rows), ruled=True)


@dataclass
class Flow:
    """Collects one part's regions in reading order; consecutive list items of the same kind
    become one list region with their levels."""

    title: str = ""
    regions: list[Region] = field(default_factory=list)
    _items: list[tuple[str, int]] = field(default_factory=list)
    _ordered: bool = False

    def _close_list(self) -> None:
        if self._items:
            self.regions.append(
                Region(
                    RegionKind.LIST,
                    ZERO,
                    tuple(t for t, _ in self._items),
                    ordered=self._ordered,
                    levels=tuple(lv for _, lv in self._items),
                )
            )
            self._items = []

    def heading(self, text: str, level: int) -> None:
        text = text.strip()
        if text:
            self._close_list()
            kind = RegionKind.TITLE if level == 1 and not self.regions else RegionKind.HEADING
            self.regions.append(Region(kind, ZERO, (text,), level=max(1, min(6, level))))

    def paragraph(self, text: str, kind: RegionKind = RegionKind.PARAGRAPH) -> None:
        text = text.strip()
        if text:
            self._close_list()
            self.regions.append(Region(kind, ZERO, tuple(line for line in text.split("\n"))))

    def item(self, text: str, level: int = 0, ordered: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        if self._items and level > 0:  # a nested item joins its parent's list (one ordered flag per list)
            self._items.append((text, max(0, min(8, level))))
            return
        if self._items and ordered != self._ordered:
            self._close_list()
        self._ordered = ordered
        self._items.append((text, max(0, min(8, level))))

    def add_table(self, found: Table | None) -> None:
        if found is not None:
            self._close_list()
            self.regions.append(Region(RegionKind.TABLE, ZERO, table=found))

    def figure(self, alt: str) -> None:
        """A picture with an alternative text (the only thing of it a text output can keep);
        pictures without one leave nothing."""
        if alt.strip():
            self._close_list()
            self.regions.append(Region(RegionKind.FIGURE, ZERO, (" ".join(alt.split()),)))

    def extend(self, regions: list[Region]) -> None:
        """Regions read elsewhere (an RTF body through LibreOffice), after what is there."""
        if regions:
            self._close_list()
            self.regions.extend(regions)

    def done(self, index: int) -> PageLayout:
        self._close_list()
        return PageLayout(index, 0, 0, tuple(self.regions), title=self.title)

    @property
    def empty(self) -> bool:
        return not self.regions and not self._items
