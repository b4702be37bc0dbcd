"""Frozen value types shared by every stage: boxes, words, lines, pages, documents.

Coordinates are pixels of the page image the words were read from (top-left origin,
``x1``/``y1`` exclusive).  Text-layer pages use the pixel grid of the requested DPI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BBox:
    """A box in page pixels: ``x0 ≤ x1`` and ``y0 ≤ y1``, origin top left, at the page's dpi."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        """``x1 - x0``; never negative for a box built by the readers."""
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        """``y1 - y0``; never negative for a box built by the readers."""
        return self.y1 - self.y0

    def as_list(self) -> list[int]:
        """``[x0, y0, x1, y1]``, the order the JSON output and hOCR ``bbox`` use."""
        return [self.x0, self.y0, self.x1, self.y1]


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word: its text, box on the page, and confidence in [0, 1]."""

    text: str
    bbox: BBox
    conf: float  # 0..1; 1.0 for words taken from a PDF text layer


@dataclass(frozen=True, slots=True)
class Line:
    """A line of words in reading order, with its box and the block and paragraph it belongs to."""

    words: tuple[Word, ...]
    bbox: BBox
    block: int  # reading-order block number within the page
    paragraph: int  # paragraph number within the block


class PageSource(StrEnum):
    """Where a page's words came from: OCR of pixels, or a born-digital PDF's text layer."""

    OCR = "ocr"  # read by Tesseract from pixels
    TEXT_LAYER = "text-layer"  # taken from a born-digital PDF page
    EXTRACTED = "extracted"  # a born-digital document's own text (sandbox.extract): no pixels


@dataclass(frozen=True, slots=True)
class Page:
    """The readable content of one page."""

    index: int  # 0-based page number within its document
    width: int  # pixels
    height: int
    dpi: int
    source: PageSource
    lines: tuple[Line, ...]
    languages: str  # Tesseract language string, "" for text-layer pages
    rotation: int = 0  # degrees the page was turned (clockwise) before reading
    skew: float = 0.0  # degrees of skew corrected (counter-clockwise positive)
    scale: float = 1.0  # factor the page was enlarged by for reading (boxes are unscaled)
    cleaned: bool = False  # contrast normalised before reading
    engine: str = ""  # "tesseract" or "ppocr" for read pages, "" for text-layer pages
    unread: bool = False  # writing-like ink, yet no reading (plain or rescue) found text in it

    @property
    def words(self) -> tuple[Word, ...]:
        """Every word of the page in reading order (line by line); empty for an empty page."""
        return tuple(w for line in self.lines for w in line.words)


class InputKind(StrEnum):
    """The input types the sniffer recognises by content (never by extension)."""

    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    WEBP = "webp"
    BMP = "bmp"
    GIF = "gif"
    PNM = "pnm"
    HEIF = "heif"  # phone photos (HEIC); read through pillow-heif
    JP2 = "jp2"  # JPEG 2000 (scanners and archives), decoded by Pillow's OpenJPEG
    PDF = "pdf"
    # born-digital documents, read by sandbox.extract (no pages to render)
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    ODS = "ods"
    ODP = "odp"
    RTF = "rtf"
    DOC = "doc"  # legacy binary Word, Excel, PowerPoint (read through LibreOffice)
    XLS = "xls"
    PPT = "ppt"
    HTML = "html"
    EPUB = "epub"
    EML = "eml"
    MSG = "msg"  # Outlook e-mail (a compound file)
    CSV = "csv"
    TSV = "tsv"
    TEXT = "text"

    @property
    def is_image(self) -> bool:
        """True for every raster kind; False for PDF and born-digital documents."""
        return self.value in _IMAGE_KINDS


_IMAGE_KINDS = frozenset({"png", "jpeg", "tiff", "webp", "bmp", "gif", "pnm", "heif", "jp2"})


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input document that has been sniffed and counted, not yet read."""

    path: Path  # file on disk (stdin is first copied into the work directory)
    display: str  # short name used in messages
    name: str  # relative path that output file names are derived from
    kind: InputKind
    page_count: int
    origin: Path | None = None  # the file given, when ``path`` is its print (flag/redact of an office document)

    @property
    def given(self) -> Path:
        """The file the user gave (its print's source for a printed office document)."""
        return self.origin or self.path


@dataclass(frozen=True, slots=True)
class Document:
    """An input and its read pages, in page order; a document with no pages has none read yet."""

    source: InputFile
    pages: tuple[Page, ...] = field(default_factory=tuple)
