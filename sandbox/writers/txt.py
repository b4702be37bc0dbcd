"""Plain text in reading order; pages separated by a form feed, as pdftotext does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.models import Document
from sandbox.text import page_text

if TYPE_CHECKING:
    from sandbox.formats import Rendering


def render(document: Document) -> bytes:
    """The document's text as UTF-8 bytes: lines in reading order, pages separated by a form feed."""
    return "\f".join(page_text(page) for page in document.pages).encode("utf-8")


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document)
