"""An :class:`~sandbox.extract.base.Extracted` seen as the :class:`~sandbox.models.Document`
every writer takes: one page per part, its lines made from the regions (so plain text, the
JSON's lines and the run's word counts come out as for a scan), boxes zero, source
``extracted``.  Notices become one note region at the end of the first part."""

from __future__ import annotations

from dataclasses import replace

from sandbox.extract.base import ZERO, Extracted
from sandbox.models import Document, InputFile, Line, Page, PageSource, Word
from sandbox.structure.model import PageLayout, Region, RegionKind

LABELS = {RegionKind.COMMENT: "Comment: ", RegionKind.FOOTNOTE: "Footnote: ", RegionKind.NOTE: "Note: "}


def region_lines(region: Region) -> list[str]:
    """The region as plain-text lines: table rows tab-separated, list items marked and
    indented, comments, footnotes, notes and pictures labelled."""
    kind = region.kind
    if kind is RegionKind.TABLE and region.table is not None:
        grid = region.table.grid()
        return ["\t".join("" if c is None else c.text.replace("\n", " ") for c in row) for row in grid]
    if kind is RegionKind.LIST:
        levels = region.levels or (0,) * len(region.lines)
        out = []
        for n, (item, level) in enumerate(zip(region.lines, levels, strict=False), 1):
            mark = f"{n}. " if region.ordered else "• "
            out.append("  " * level + mark + item.replace("\n", " "))
        return out
    if kind is RegionKind.FIGURE:
        return [f"[picture: {region.text}]"] if region.lines else []
    label = LABELS.get(kind, "")
    lines = [line for text in region.lines for line in text.split("\n")]
    return [label + lines[0], *lines[1:]] if lines and label else lines


def _page(layout: PageLayout, vocabulary: dict[str, Word]) -> Page:
    """The part as a page of lines; a word's :class:`Word` is shared by all its occurrences
    (frozen, box zero, confidence 1), so the page costs a reference per word, not an object."""
    lines: list[Line] = []
    block = 0
    if layout.title:
        lines.append(Line((Word(layout.title, ZERO, 1.0),), ZERO, block, 0))
        block += 1
    for region in layout.regions:
        for text in region_lines(region):
            words = tuple(
                vocabulary.get(w) or vocabulary.setdefault(w, Word(w, ZERO, 1.0)) for w in text.split(" ") if w
            )  # tabs (table cells) kept
            if words and text.strip():
                lines.append(Line(words, ZERO, block, 0))
        block += 1
    return Page(layout.index, 0, 0, 0, PageSource.EXTRACTED, tuple(lines), "")


def with_notices(extracted: Extracted) -> tuple[PageLayout, ...]:
    if not extracted.notices or not extracted.parts:
        return extracted.parts
    first = extracted.parts[0]
    note = Region(RegionKind.NOTE, ZERO, ("The file holds " + "; ".join(extracted.notices) + ".",))
    return (replace(first, regions=(*first.regions, note)), *extracted.parts[1:])


def to_document(extracted: Extracted, source: InputFile) -> tuple[Document, list[PageLayout]]:
    """The document and its layouts (one per part, numbered from 0)."""
    parts = [replace(p, index=n) for n, p in enumerate(with_notices(extracted))]
    if not parts:
        parts = [PageLayout(0, 0, 0)]
    source = replace(source, page_count=len(parts))
    vocabulary: dict[str, Word] = {}
    return Document(source, tuple(_page(p, vocabulary) for p in parts)), parts
