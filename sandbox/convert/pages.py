"""PDF page operations with pikepdf: merge, split, extract a range, rotate.

Every output is a new PDF holding only the chosen pages; the source's document information,
XMP, outlines, forms and JavaScript are not carried over unless --keep-metadata (which keeps
the document information and XMP of the first source).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf

from sandbox.errors import InputError
from sandbox.writers.pdf import PRODUCER


def _open(path: Path, display: str) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise InputError(f"{display}: PDF is encrypted; decrypt it first (qpdf --decrypt) and try again") from None
    except pikepdf.PdfError:
        raise InputError(f"{display}: not a readable PDF; the file may be damaged") from None


def page_count(path: Path, display: str) -> int:
    """The number of pages of the PDF at ``path``; raises ``InputError`` naming ``display`` when it cannot be opened."""
    with _open(path, display) as pdf:
        return len(pdf.pages)


def assemble(
    parts: Sequence[tuple[Path, str, Sequence[int]]],
    *,
    rotate: int = 0,
    rotate_pages: set[tuple[int, int]] | None = None,
    keep_metadata: bool = False,
) -> bytes:
    """A new PDF of the given pages: (file, display name, 0-based page indices) per source.

    ``rotate`` (a multiple of 90) applies to the pages in ``rotate_pages`` ((part, page)), or
    to all pages when it is ``None``.
    """
    with ExitStack() as stack:
        out = stack.enter_context(pikepdf.Pdf.new())
        first: pikepdf.Pdf | None = None
        for part, (path, display, indices) in enumerate(parts):
            src = stack.enter_context(_open(path, display))
            first = first or src
            for i in indices:
                out.pages.append(src.pages[i])
                if rotate and (rotate_pages is None or (part, i) in rotate_pages):
                    page = out.pages[-1]
                    page.obj.Rotate = (int(page.obj.get("/Rotate", 0)) + rotate) % 360
        if keep_metadata and first is not None:
            out.trailer.Info = out.copy_foreign(first.docinfo)
            if "/Metadata" in first.Root:
                out.Root.Metadata = out.copy_foreign(first.Root.Metadata)
        else:
            out.docinfo = out.make_indirect(pikepdf.Dictionary(Producer=PRODUCER))
        buf = io.BytesIO()
        out.save(
            buf, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True
        )
        return buf.getvalue()
