"""The output formats: one registry, the single source for every place that names a format.

Each :class:`Format` says what the format is called, its file extension, which module writes
it from a read :class:`~sandbox.models.Document` (if any), and what it can be made from:
``ocr --to`` (a writer), ``convert`` inputs (PDFs, images, office documents), the web page.
The CLI choices and help, ``convert``'s target tables, output file names, the structure
worker's formats and the web page's "change the format" list are all read from here.

Adding a format is one writer module (``sandbox/writers/X.py`` with ``write(job) -> bytes``)
and one :func:`register` call below (see ``docs/architecture.md``).  This module imports
nothing heavy: writers are imported only when a document is written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sandbox.models import Document
    from sandbox.structure.model import PageLayout

CONVERT_GROUPS = ("pdf", "image", "office", "born")  # the kinds of ``convert`` input ("born": HTML, e-mail, text)


@dataclass(frozen=True, slots=True)
class Rendering:
    """Everything a writer may use: the read document, each page's picture (searchable PDF),
    the ``--optimize`` level and each page's layout found in its worker (structured formats)."""

    document: Document
    images: Sequence[Path | None] = ()
    optimize: int = 1
    layouts: Sequence[PageLayout | None] = ()

    def pages(self) -> list[PageLayout]:
        """Every page's layout; a page without one is laid out from its words alone."""
        from sandbox.structure.build import layouts_for

        return layouts_for(self.document.pages, self.layouts)


Writer = Callable[[Rendering], bytes]


@dataclass(frozen=True, slots=True)
class Format:
    """One output format.

    ``writer`` is a module path whose ``write(job: Rendering) -> bytes`` renders a read
    document (or that function itself); None for formats only ``convert`` makes from pixels
    (images).  ``ocr``: offered by ``ocr --to``.  ``convert_from``: the ``convert`` input kinds
    it can be made from (empty: not a ``convert`` target).  ``reads``: ``convert`` makes it by
    reading the pages (OCR, then the writer).  ``structured``: the writer uses page layouts
    (the structure worker runs).  ``binary``: never written to standard output.  ``web``:
    offered by the web page's "change the format" task."""

    name: str
    extension: str
    writer: str | Writer | None = None
    ocr: bool = False
    convert_from: tuple[str, ...] = ()
    reads: bool = False
    structured: bool = False
    binary: bool = False
    web: bool = False
    aliases: tuple[str, ...] = ()

    def write(self, job: Rendering) -> bytes:
        """The document in this format (the writer module is imported now, not before)."""
        writer = self.writer
        if writer is None:
            raise ValueError(f"{self.name} is not written from a read document")
        if isinstance(writer, str):
            function: Writer = importlib.import_module(writer).write
            return function(job)
        return writer(job)


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add (or replace) a format; every choice, table and help text sees it at once."""
    unknown = set(fmt.convert_from) - set(CONVERT_GROUPS)
    if unknown:
        raise ValueError(f"{fmt.name}: unknown convert input kinds {sorted(unknown)}")
    _REGISTRY[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    """Remove a format (tests that register a toy one)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> Format:
    """The format called ``name`` (a ``KeyError`` if there is none)."""
    return _REGISTRY[name]


def all_formats() -> tuple[Format, ...]:
    """Every format, in the order registered (the order choices are listed in)."""
    return tuple(_REGISTRY.values())


def ocr_formats() -> tuple[str, ...]:
    """What ``ocr --to`` can write."""
    return tuple(f.name for f in _REGISTRY.values() if f.ocr)


def written_formats() -> tuple[str, ...]:
    """Formats with a writer: those made from a read document."""
    return tuple(f.name for f in _REGISTRY.values() if f.writer is not None)


def binary_formats() -> tuple[str, ...]:
    """Formats that never go to standard output."""
    return tuple(f.name for f in _REGISTRY.values() if f.binary)


def structured_formats() -> frozenset[str]:
    """Formats whose writer uses page layouts (the structure worker runs for them)."""
    return frozenset(f.name for f in _REGISTRY.values() if f.structured)


def _conversions() -> list[Format]:
    """``convert``'s targets in the order they are listed: PDF, the formats made from pixels,
    then those made by reading (each group in the order registered)."""
    made = [f for f in _REGISTRY.values() if f.convert_from]
    return sorted(made, key=lambda f: (f.name != "pdf", f.reads))


def convert_targets(group: str | None = None) -> tuple[str, ...]:
    """``convert`` targets: all of them, or those made from the input kind ``group``."""
    return tuple(f.name for f in _conversions() if group is None or group in f.convert_from)


def read_targets() -> tuple[str, ...]:
    """``convert`` targets made by reading the pages (OCR and a writer)."""
    return tuple(f.name for f in _REGISTRY.values() if f.convert_from and f.reads)


def web_targets() -> tuple[str, ...]:
    """What the web page's "change the format" task offers."""
    return tuple(f.name for f in _conversions() if f.web)


def extensions() -> dict[str, str]:
    """Format name → file extension (with its dot)."""
    return {f.name: f.extension for f in _REGISTRY.values()}


def aliases() -> dict[str, str]:
    """Other spellings accepted for ``--to`` and output extensions (``jpg`` → ``jpeg``): each
    format's aliases and its extension without the dot."""
    by_extension = {f.extension.lstrip(".").lower(): f.name for f in _REGISTRY.values()}
    return by_extension | {alias: f.name for f in _REGISTRY.values() for alias in f.aliases}


def render(name: str, job: Rendering) -> bytes:
    """``job``'s document as the format ``name``."""
    return get(name).write(job)


_IMAGES_AND_PDFS = ("pdf", "image")
_READ_FROM = (*_IMAGES_AND_PDFS, "office", "born")  # office documents and the rest: sandbox.extract
_W = "sandbox.writers."


def _document(
    name: str, ext: str, module: str, *, structured: bool = True, binary: bool = False, aliases: tuple[str, ...] = ()
) -> Format:
    """A format written from a read document by ``sandbox.writers.<module>``, offered by
    ``ocr --to``, by ``convert`` (from PDFs and images, by reading) and by the web page."""
    return Format(
        name, ext, _W + module, ocr=True, convert_from=_READ_FROM, reads=True, structured=structured,
        binary=binary, web=True, aliases=aliases,
    )  # fmt: skip


# The built-in formats, in the order ``ocr --to`` lists them.  A new format: one more line.
register(_document("txt", ".txt", "txt", structured=False))
register(Format("json", ".json", _W + "json_out", ocr=True, structured=True))
register(Format("hocr", ".hocr", _W + "hocr", ocr=True))
register(Format("pdf", ".pdf", _W + "pdf", ocr=True, convert_from=("pdf", "image", "office"), binary=True, web=True))
register(_document("docx", ".docx", "docx_out", binary=True))
register(_document("xlsx", ".xlsx", "xlsx_out", binary=True))
register(_document("html", ".html", "html_out", aliases=("htm",)))
register(_document("md", ".md", "md", aliases=("markdown",)))
register(Format("png", ".png", convert_from=_IMAGES_AND_PDFS, web=True))  # images: made from pixels by convert
register(Format("jpeg", ".jpg", convert_from=_IMAGES_AND_PDFS, web=True, aliases=("jpg",)))
register(Format("tiff", ".tif", convert_from=_IMAGES_AND_PDFS, web=True, aliases=("tif",)))
register(Format("webp", ".webp", convert_from=_IMAGES_AND_PDFS))
register(Format("bmp", ".bmp", convert_from=_IMAGES_AND_PDFS))
