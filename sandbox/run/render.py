"""A read document in an output format, by the format registry (:mod:`sandbox.formats`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sandbox.errors import UsageError
from sandbox.formats import Rendering, ocr_formats, render, written_formats
from sandbox.models import Document

if TYPE_CHECKING:
    from sandbox.structure.model import PageLayout


def render_format(
    fmt: str,
    document: Document,
    images: Sequence[Path | None],
    optimize: int = 1,
    layouts: Sequence[PageLayout | None] = (),
) -> bytes:
    """``document`` as ``fmt``, by the writer the format registry names (:mod:`sandbox.formats`).
    Structured formats (docx, md, html, xlsx; json's regions) use ``layouts``, each page's
    structure found in its worker; a page without one is laid out from its words alone."""
    if fmt not in written_formats():
        raise UsageError(f"--to: unknown format '{fmt}' (choose from {', '.join(ocr_formats())})")
    return render(fmt, Rendering(document, images, optimize, layouts))
