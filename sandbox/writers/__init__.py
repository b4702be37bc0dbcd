"""Output writers.  Each module turns a :class:`~sandbox.models.Document` into bytes; which
formats exist, and which module writes each, is :mod:`sandbox.formats`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sandbox import formats
from sandbox.errors import UsageError


def check_request(names: Sequence[str], outdir: Path | None) -> None:
    """Usage errors of an OCR request, raised before anything starts (the CLI calls it before
    isolation, so a typo is reported at once, not after the sandbox has come up)."""
    choices = formats.ocr_formats()
    for fmt in names:
        if fmt not in choices:
            raise UsageError(f"--to: unknown format '{fmt}' (choose from {', '.join(choices)})")
    if outdir is None and (len(names) != 1 or names[0] in formats.binary_formats()):
        text = [f for f in choices if f not in formats.binary_formats()]
        raise UsageError(
            f"without -o only one text format ({', '.join(text[:-1])} or {text[-1]}) can go to standard output; "
            "add -o DIR"
        )
