"""Output formats.  Each module turns a :class:`~sandbox.models.Document` into bytes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sandbox.errors import UsageError

FORMATS = ("txt", "json", "hocr", "pdf", "docx", "xlsx", "html", "md")
BINARY = ("pdf", "docx", "xlsx")  # formats that never go to standard output


def check_request(formats: Sequence[str], outdir: Path | None) -> None:
    """Usage errors of an OCR request, raised before anything starts (the CLI calls it before
    isolation, so a typo is reported at once, not after the sandbox has come up)."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"--to: unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if outdir is None and (len(formats) != 1 or formats[0] in BINARY):
        raise UsageError(
            "without -o only one text format (txt, json, hocr, html or md) can go to standard output; add -o DIR"
        )
