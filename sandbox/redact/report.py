"""What a redaction run reports: the summary of a run and the report beside each output.

Reports carry rules, pages and boxes, never text or anything derived from it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sandbox.models import Document, InputFile
from sandbox.redact.types import PageMarks
from sandbox.run.summary import RunSummary

REPORT_SCHEMA = "ocr-sandbox/redaction-report"


@dataclass
class RedactSummary(RunSummary):
    """A redact, flag or verify run's summary: the run's counts plus findings per rule, boxes
    burned, files verified and unread regions."""

    rules: Counter[str] = field(default_factory=Counter)
    boxes: int = 0
    verified: list[str] = field(default_factory=list)
    unread: int = 0  # regions of ink no reading could read (flag: listed; redact: kept)
    names: list[tuple[str, str]] = field(default_factory=list)  # (output stem, input) for the terminal


def document_report(src: InputFile, document: Document, marks: list[PageMarks], formats: Sequence[str]) -> bytes:
    """Counts, kinds and boxes only: no text, and no hash anyone could confirm a guess with."""
    pages = []
    totals: Counter[str] = Counter()
    for n, (pm, page) in enumerate(zip(marks, document.pages, strict=True), 1):
        rules = Counter(m.rule for m in pm.marks)
        totals.update(rules)
        pages.append(
            {
                "page": n,
                "size": [pm.width, pm.height],
                "dpi": pm.dpi,
                "rotation": page.rotation,
                "rules": dict(sorted(rules.items())),
                "boxes": [{"rule": m.rule, "box": m.box.as_list()} for m in pm.marks],
                "regions_read_by_views": pm.regions,
                "boxes_grown_after_check": pm.grown,
                "unread_kept": [b.as_list() for b in pm.unread],
                "structure_kept": [{"kind": kind, "box": b.as_list()} for b, kind in pm.structure],
            }
        )
    data = {
        "schema": REPORT_SCHEMA,
        "version": 2,
        "input_type": src.kind.value,
        "pages": len(document.pages),
        "totals": dict(sorted(totals.items())),
        "unread_kept": sum(len(pm.unread) for pm in marks),
        "outputs": list(formats),
        "checks_passed": [
            "every burned page read again (plain, re-thresholded, and every view of ink left unread) "
            "finds no flagged item",
            "extracted text (pdftotext, TXT, JSON) holds no redacted item",
            "raw and decompressed bytes hold no redacted item (UTF-8, UTF-16BE, hex)",
            "one revision; no annotations, forms, JavaScript, attachments; metadata only /Producer",
            "PNG outputs: image data and the size chunk only (no text, ICC, EXIF or XMP)",
            "every box is opaque in the rendered output",
        ],
        "by_page": pages,
    }
    return (json.dumps(data, indent=1) + "\n").encode("utf-8")
