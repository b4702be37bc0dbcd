"""Output formats.  Each module turns a :class:`~sandbox.models.Document` into bytes."""

from __future__ import annotations

FORMATS = ("txt", "json", "hocr", "pdf")
