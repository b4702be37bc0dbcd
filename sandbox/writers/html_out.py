"""Semantic, self-contained HTML of the page structure: ``h1``–``h6``, ``p``, ``ul``/``ol`` (a
scan's numbered items as ``ol`` whose markers the browser draws in the page's style: ``(1)``,
``①``, ``一、``, …), ``table`` with spans and header rows, ``figure`` with the crop of the page
as a ``data:`` image and its ``figcaption``, an official document's masthead (``p.masthead``,
in the colour measured on the page as a ``style`` attribute), running heads and feet; one
``section`` per page.

No script, no external resource (a Content-Security-Policy forbids both; images are ``data:``
URIs only, styles inline: the ``style`` element and attributes), no source name."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from sandbox import __version__
from sandbox.models import Document
from sandbox.structure import lists
from sandbox.structure.html import table_html
from sandbox.structure.kinds import CIRCLED
from sandbox.structure.model import PageLayout, Region, RegionKind, figure_captions

if TYPE_CHECKING:
    from sandbox.formats import Rendering

_HEX = re.compile(r"#[0-9a-f]{6}")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = (
    "body{font-family:serif;max-width:50em;margin:2em auto;line-height:1.5}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #777;padding:.2em .5em;vertical-align:top}"
    "th{background:#f3f3f3}section.page{page-break-after:always;margin-bottom:3em}"
    "ol.marked{list-style:none;padding-left:1.5em}header,footer{color:#666;font-size:.85em}.caption{font-style:italic}"
    "figure{margin:1em 0;text-align:center}figure img{max-width:100%}figcaption{font-style:italic}"
    ".masthead{text-align:center;font-weight:bold;font-size:2em;margin:.5em 0}"
    '@counter-style m-paren{system:extends decimal;prefix:"(";suffix:") "}'
    '@counter-style m-full-paren{system:extends decimal;prefix:"（";suffix:"）"}'
    '@counter-style m-decimal-paren{system:extends decimal;suffix:") "}'
    '@counter-style m-decimal-comma{system:extends decimal;suffix:"、"}'
    '@counter-style m-cjk{system:extends simp-chinese-informal;suffix:"、"}'
    '@counter-style m-cjk-paren{system:extends simp-chinese-informal;prefix:"（";suffix:"）"}'
    "@counter-style m-circled{system:fixed;symbols:" + " ".join(f'"{c}"' for c in CIRCLED) + ';suffix:" "}'
    "ol.m-decimal{list-style-type:decimal}ol.m-alpha{list-style-type:lower-alpha}"
    "ol.m-paren{list-style-type:m-paren}ol.m-full-paren{list-style-type:m-full-paren}"
    "ol.m-decimal-paren{list-style-type:m-decimal-paren}ol.m-decimal-comma{list-style-type:m-decimal-comma}"
    "ol.m-cjk{list-style-type:m-cjk}ol.m-cjk-paren{list-style-type:m-cjk-paren}ol.m-circled{list-style-type:m-circled}"
)


def figure_html(region: Region, caption: Region | None = None, page_width: int = 0) -> str:
    """``<figure>`` with the crop as a ``data:`` URI (the page stays one self-contained file), the
    words read inside it as ``alt``, as wide a share of the text as of the page, and its caption."""
    src = f"data:{region.image_type};base64,{base64.b64encode(region.image).decode('ascii')}"
    cap = f"<figcaption>{escape(caption.text)}</figcaption>" if caption is not None else ""
    width = f' style="width:{min(100, round(100 * region.bbox.width / page_width))}%"' if page_width else ""
    return f'<figure><img src="{src}" alt="{escape(" ".join(region.lines), quote=True)}"{width}>{cap}</figure>'


def _run_html(run: lists.Run) -> str:
    """One run of a scan's list: ``ul``, or ``ol`` from the page's first number, its markers drawn
    in the page's style (the counter styles of ``STYLE``)."""
    items = "".join(f"<li>{escape(item)}</li>" for item in run.items)
    if run.style == "bullet":
        return f"<ul>{items}</ul>"
    start = f' start="{run.start}"' if run.start != 1 else ""
    return f'<ol class="m-{run.style}"{start}>{items}</ol>'


def _region(region: Region, caption: Region | None = None, page_width: int = 0) -> str:
    kind = region.kind
    if kind is RegionKind.TABLE and region.table is not None:
        return table_html(region.table, indent="  ")
    if kind in (RegionKind.TITLE, RegionKind.HEADING):
        level = max(1, min(6, region.level or 2))
        return f"  <h{level}>{escape(region.text)}</h{level}>"
    if kind is RegionKind.LIST and not region.levels and (found := lists.runs(region.lines)) is not None:
        return "\n".join("  " + _run_html(run) for run in found)  # a scan's list: the browser draws its markers
    if kind is RegionKind.LIST:
        if region.levels:  # born-digital: nested lists, numbers drawn by the browser
            return "  " + _nested(region)
        if region.ordered:  # the items keep their own numbers (the page's text)
            items = "".join(f"<li>{escape(item)}</li>" for item in region.lines)
            return f'  <ol class="marked">{items}</ol>'
        items = "".join(f"<li>{escape(_unbulleted(item))}</li>" for item in region.lines)
        return f"  <ul>{items}</ul>"
    if kind in (RegionKind.COMMENT, RegionKind.FOOTNOTE, RegionKind.NOTE):
        label = {"comment": "Comment", "footnote": "Footnote", "note": "Note"}[kind.value]
        return f'  <aside class="{kind.value}"><b>{label}:</b> {escape(region.text)}</aside>'
    if kind is RegionKind.FIGURE and region.image:
        return "  " + figure_html(region, caption, page_width)
    if kind is RegionKind.FIGURE:
        return f'  <figure><figcaption class="alt">{escape(region.text)}</figcaption></figure>'
    if kind is RegionKind.MASTHEAD:  # in the colour measured on the page (a style attribute: the CSP allows it)
        colour = f' style="color:{region.colour}"' if _HEX.fullmatch(region.colour) else ""
        return f'  <p class="masthead"{colour}>{escape(region.text)}</p>'
    if kind is RegionKind.HEADER:
        return f"  <header>{escape(region.text)}</header>"
    if kind in (RegionKind.FOOTER, RegionKind.PAGE_NUMBER):
        return f'  <footer class="{kind.value}">{escape(region.text)}</footer>'
    if kind is RegionKind.CAPTION:
        return f'  <p class="caption">{escape(region.text)}</p>'
    return f"  <p>{escape(region.text)}</p>"


def _regions(regions: Sequence[Region], page_width: int = 0) -> list[str]:
    """The regions' HTML; a caption next to a figure goes into the figure's ``figcaption``."""
    captions = figure_captions(regions)
    taken = set(captions.values())
    return [
        _region(region, regions[captions[n]] if n in captions else None, page_width)
        for n, region in enumerate(regions)
        if n not in taken
    ]


def _nested(region: Region) -> str:
    """A list with levels as nested ``ul``/``ol`` elements (a deeper item opens a list inside
    the item before it)."""
    tag = "ol" if region.ordered else "ul"
    out: list[str] = []
    depth = -1
    for item, level in zip(region.lines, region.levels, strict=False):
        level = min(level, depth + 1)
        if level > depth:
            out.append(f"<{tag}>" * (level - depth))
        else:
            out.append("</li>" + f"</{tag}></li>" * (depth - level))
        out.append(f"<li>{escape(item)}")
        depth = level
    out.append("</li>" + f"</{tag}></li>" * depth + f"</{tag}>")
    return "".join(out)


def _unbulleted(text: str) -> str:
    """A bullet item without its bullet (the list draws one)."""
    return text[1:].lstrip() if text[:1] in "•·●○■□▪◆◇►▶-–*¢" else text


def render(document: Document, layouts: Sequence[PageLayout]) -> bytes:
    """The document as one HTML page (UTF-8 bytes): a section per page, all text escaped, a CSP that loads nothing."""
    langs = {p.languages for p in document.pages}
    lang = "zh" if any("chi" in lang for lang in langs) else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f'<meta name="generator" content="ocr-sandbox {escape(__version__)}">',
        "<title></title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for layout in layouts:
        out.append(f'<section class="page" id="page-{layout.index + 1}">')
        if layout.title:  # born-digital: the part's name (sheet, attachment)
            out.append(f'  <h2 class="part">{escape(layout.title)}</h2>')
        out.extend(_regions(layout.regions, layout.width))
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.pages())
