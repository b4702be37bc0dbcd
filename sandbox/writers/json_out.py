"""The JSON output, schema ``ocr-sandbox/document`` version 1 (see docs/json-schema.md).

Deliberately carries no source file name or path: outputs must not name their input.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sandbox import __version__
from sandbox.models import Document, Page
from sandbox.structure.model import PageLayout, Region, figure_captions
from sandbox.text import line_text

if TYPE_CHECKING:
    from sandbox.formats import Rendering

SCHEMA = "ocr-sandbox/document"
SCHEMA_VERSION = 1


def region_dict(order: int, region: Region, caption: int | None = None) -> dict[str, Any]:
    """One region of a page's structure (docs/json-schema.md, "regions"): a figure's picture as a
    ``data:`` URI and the ``order`` of its caption, a masthead's measured colour."""
    out: dict[str, Any] = {"order": order, "kind": region.kind.value, "bbox": region.bbox.as_list()}
    if region.level:
        out["level"] = region.level
    if region.image:
        out["image"] = f"data:{region.image_type};base64,{base64.b64encode(region.image).decode('ascii')}"
    if caption is not None:
        out["caption"] = caption
    if region.colour:
        out["colour"] = region.colour
    if region.table is not None:
        t = region.table
        out["table"] = {
            "rows": t.rows,
            "cols": t.cols,
            "header_rows": t.header_rows,
            "ruled": t.ruled,
            "cells": [
                {
                    "row": c.row,
                    "col": c.col,
                    "rowspan": c.rowspan,
                    "colspan": c.colspan,
                    "header": c.header,
                    "bbox": c.bbox.as_list(),
                    "text": c.text,
                }
                for c in t.cells
            ],
        }
    elif region.kind.value == "list":
        out["ordered"] = region.ordered
        out["items"] = list(region.lines)
        if region.levels:
            out["levels"] = list(region.levels)
    else:
        out["text"] = region.text
    return out


def page_dict(page: Page, layout: PageLayout | None = None) -> dict[str, Any]:
    """One page as the JSON schema has it: size, source, preprocessing, lines and words; regions when a layout is
    given.
    """
    extra: dict[str, Any] = {}
    if layout is not None:
        extra["columns"] = layout.columns
        if layout.title:
            extra["title"] = layout.title
        captions = figure_captions(layout.regions)
        extra["regions"] = [region_dict(n, r, captions.get(n)) for n, r in enumerate(layout.regions)]
    base: dict[str, Any] = {
        "number": page.index + 1,
        "width": page.width,
        "height": page.height,
        "dpi": page.dpi,
        "source": page.source.value,
        "languages": page.languages,
        "engine": page.engine,
        "unread": page.unread,
        "preprocess": {"rotation": page.rotation, "skew": page.skew, "scale": page.scale, "cleaned": page.cleaned},
        "lines": [
            {
                "block": line.block,
                "paragraph": line.paragraph,
                "bbox": line.bbox.as_list(),
                "text": line_text(line),
                "words": [{"text": w.text, "bbox": w.bbox.as_list(), "conf": w.conf} for w in line.words],
            }
            for line in page.lines
        ],
    }
    return base | extra


def to_dict(document: Document, layouts: Sequence[PageLayout | None] = ()) -> dict[str, Any]:
    """The document as the versioned JSON schema (docs/json-schema.md); layouts are matched to pages by position."""
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "generator": f"ocr-sandbox {__version__}",
        "input_type": document.source.kind.value,
        "page_count": len(document.pages),
        "pages": [page_dict(p, layouts[n] if n < len(layouts) else None) for n, p in enumerate(document.pages)],
    }


def render(document: Document, layouts: Sequence[PageLayout | None] = ()) -> bytes:
    return (json.dumps(to_dict(document, layouts), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.layouts)
