"""The JSON output, schema ``ocr-sandbox/document`` version 1 (see docs/json-schema.md).

Deliberately carries no source file name or path: outputs must not name their input.
"""

from __future__ import annotations

import json
from typing import Any

from sandbox import __version__
from sandbox.models import Document, Page
from sandbox.text import line_text

SCHEMA = "ocr-sandbox/document"
SCHEMA_VERSION = 1


def page_dict(page: Page) -> dict[str, Any]:
    return {
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


def to_dict(document: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "generator": f"ocr-sandbox {__version__}",
        "input_type": document.source.kind.value,
        "page_count": len(document.pages),
        "pages": [page_dict(p) for p in document.pages],
    }


def render(document: Document) -> bytes:
    return (json.dumps(to_dict(document), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
