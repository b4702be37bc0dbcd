"""Plain text in reading order; pages separated by a form feed, as pdftotext does."""

from __future__ import annotations

from sandbox.models import Document
from sandbox.text import page_text


def render(document: Document) -> bytes:
    return "\f".join(page_text(page) for page in document.pages).encode("utf-8")
