"""Markdown of the page structure: ``#`` headings, paragraphs joined across line breaks,
lists (a scan's ``(1)``, ``①``, ``一、`` items as ``1.`` items from the page's own first number),
GFM tables (an HTML ``<table>`` where a span or a line break in a cell needs one), figures as
``![alt](data:…)`` images (the crop of the page inline, so the Markdown stays one
self-contained file) with their caption in italics, a masthead in bold, a horizontal rule
between pages.  Markdown's special characters in the text are escaped."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sandbox.models import Document
from sandbox.structure import lists
from sandbox.structure.html import table_html
from sandbox.structure.model import PageLayout, Region, RegionKind, Table

if TYPE_CHECKING:
    from sandbox.formats import Rendering

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)")


def _escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), text)


def _gfm(table: Table) -> str | None:
    """A GFM pipe table, or None when the table has spans (GFM cannot say them)."""
    if any(c.rowspan > 1 or c.colspan > 1 for c in table.cells) or table.rows < 1:
        return None
    grid = table.grid()
    rows = [["" if c is None else _escape(c.text).replace("\n", " ") for c in row] for row in grid]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * table.cols]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _region(region: Region) -> str:
    kind = region.kind
    if kind is RegionKind.TABLE and region.table is not None:
        return _gfm(region.table) or table_html(region.table)
    if kind in (RegionKind.TITLE, RegionKind.HEADING):
        return "#" * max(1, min(6, region.level or 2)) + " " + _escape(region.text)
    if kind is RegionKind.LIST and not region.levels and (found := lists.runs(region.lines)) is not None:
        return "\n\n".join(_run_md(run) for run in found)  # a scan's list: Markdown's own markers
    if kind is RegionKind.LIST:
        levels = region.levels or (0,) * len(region.lines)
        indent = ["  " * (lv * 2 if region.ordered else lv) for lv in levels]  # under the parent's text
        if region.ordered:  # a scan's items keep their own numbers; a file's get "1."
            return "\n".join(pad + _numbered(item) for item, pad in zip(region.lines, indent, strict=False))
        return "\n".join(pad + "- " + _escape(item.lstrip("•·●○■□▪◆◇►▶-–*¢ "))
                         for item, pad in zip(region.lines, indent, strict=False))  # fmt: skip
    if kind in _LABELS:  # born-digital: comments, footnotes, notes marked as such
        return "> **" + _LABELS[kind] + ":** " + "  \n> ".join(_escape(line) for line in region.text.split("\n"))
    if kind is RegionKind.FIGURE and region.image:  # the crop inline: the Markdown stays one file
        data = base64.b64encode(region.image).decode("ascii")
        return f"![{_escape(' '.join(region.lines))}](data:{region.image_type};base64,{data})"
    if kind is RegionKind.FIGURE:
        return "![" + _escape(region.text) + "]()"
    if kind is RegionKind.MASTHEAD:
        return "**" + _escape(region.text) + "**"
    if kind is RegionKind.CAPTION:
        return "*" + _escape(region.text) + "*"
    return _escape(region.text)


def _run_md(run: lists.Run) -> str:
    """A run of a scan's list as ``-`` items or ``N.`` items from the page's first number (the
    page's style of marker, ``(1)`` or ``一、``, becomes Markdown's ``1.``)."""
    if run.style == "bullet":
        return "\n".join("- " + _escape(item) for item in run.items)
    return "\n".join(f"{run.start + n}. " + _escape(item) for n, item in enumerate(run.items))


def _numbered(item: str) -> str:
    return _escape(item).replace("\\", "", 1) if _LEADING.match(item) else "1. " + _escape(item)


_LABELS = {RegionKind.COMMENT: "Comment", RegionKind.FOOTNOTE: "Footnote", RegionKind.NOTE: "Note"}


def _page(layout: PageLayout) -> str:
    parts = ["## " + _escape(layout.title)] if layout.title else []
    return "\n\n".join(parts + [_region(r) for r in layout.regions])


def render(document: Document, layouts: Sequence[PageLayout]) -> bytes:
    """The document as Markdown (UTF-8 bytes): regions in reading order, pages separated by ``---``."""
    pages = [_page(layout) for layout in layouts]
    return ("\n\n---\n\n".join(pages) + "\n").encode("utf-8")


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.pages())
