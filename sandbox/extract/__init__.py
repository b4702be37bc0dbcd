"""Text and structure from born-digital documents: Word, Excel, PowerPoint, OpenDocument, RTF,
HTML, EPUB, e-mail, CSV/TSV and plain text, read in the sandbox like every other parser.

One module per family (``wordml``, ``sheets``, ``slides``, ``web``, ``mail``, ``delimited``,
``plain``, ``epub``, ``odf``, ``outlook``); each returns an :class:`~sandbox.extract.base.Extracted` made of
the structure model scans use, so every writer serves both.  :func:`sniff` decides by content
(CSV/TSV and plain text: text by content, CSV/TSV by extension); :func:`read` applies the
fences of :mod:`sandbox.extract.guard` first.  docs/extract.md lists what is kept and the limits.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from sandbox.errors import InputError
from sandbox.extract import guard
from sandbox.extract.base import Extracted
from sandbox.limits import Limits
from sandbox.models import InputKind

SNIFF = 4096
NAMES = "DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF, DOC, XLS, PPT, HTML, EPUB, EML, MSG, CSV, TSV, TXT"
TEXT_EXTENSIONS = {".csv": InputKind.CSV, ".tsv": InputKind.TSV, ".tab": InputKind.TSV,
                   ".txt": InputKind.TEXT, ".text": InputKind.TEXT, ".md": InputKind.TEXT}  # fmt: skip
EML_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"received:", b"mime-version:", b"message-id:",
               b"return-path:", b"content-type:", b"delivered-to:", b"cc:")  # fmt: skip
BORN_DIGITAL = frozenset(TEXT_EXTENSIONS.values()) | {
    InputKind.DOCX, InputKind.XLSX, InputKind.PPTX, InputKind.ODT, InputKind.ODS, InputKind.ODP,
    InputKind.RTF, InputKind.HTML, InputKind.EPUB, InputKind.EML, InputKind.MSG, InputKind.DOC, InputKind.XLS,
    InputKind.PPT,
}  # fmt: skip
JUNK = frozenset({"desktop.ini", "thumbs.db", "ehthumbs.db"})
# text named as one of SIGNED (formats with a signature) is a damaged file of that format, not text
SIGNED = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".heic", ".heif",
                    ".jp2", ".pgm", ".ppm", ".pbm", ".pnm", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx",
                    ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt", ".epub", ".msg", ".zip"})  # fmt: skip
OLE_STREAMS = (("WordDocument", InputKind.DOC), ("Workbook", InputKind.XLS), ("Book", InputKind.XLS),
               ("PowerPoint Document", InputKind.PPT))  # fmt: skip


INPUT_FORMATS = (  # (formats, how they are read): sandbox langs --formats, docs/extract.md
    ("PDF", "text layer, or OCR of the rendered page"),
    ("PNG JPEG TIFF WebP BMP GIF PNM HEIC JPEG2000", "OCR"),
    ("DOCX DOTX DOCM", "read as it is (lxml, the body streamed)"),
    ("XLSX XLSM", "read as it is (openpyxl), every sheet"),
    ("PPTX", "read as it is (python-pptx), slides and notes"),
    ("ODT ODS ODP RTF DOC XLS PPT", "LibreOffice to OOXML in the sandbox, then read"),
    ("HTML XHTML EPUB", "read as it is (lxml, nothing fetched)"),
    ("EML", "read as it is (email), attachments each a part"),
    ("MSG", "read as it is (olefile), attachments each a part; RTF-only bodies through LibreOffice"),
    ("CSV TSV TXT", "read as it is, encoding detected (charset-normalizer)"),
)


def is_born_digital(kind: InputKind) -> bool:
    return kind in BORN_DIGITAL


def _zip_kind(path: Path) -> InputKind | None:
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "mimetype" in names:
                mime = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mime == "application/epub+zip":
                    return InputKind.EPUB
                for suffix, kind in (("text", InputKind.ODT), ("spreadsheet", InputKind.ODS),
                                     ("presentation", InputKind.ODP), ("text-template", InputKind.ODT),
                                     ("spreadsheet-template", InputKind.ODS)):  # fmt: skip
                    if mime.endswith(suffix):
                        return kind
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", InputKind.DOCX), ("xl/", InputKind.XLSX), ("ppt/", InputKind.PPTX)):
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def _looks_html(head: bytes) -> bool:
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return True
    if low.startswith(b"<?xml") and b"<html" in low[:SNIFF]:
        return True
    return low.startswith(b"<") and (b"<body" in low or b"<head" in low)


def _looks_mail(head: bytes) -> bool:
    lines = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].split(b"\n")[:60]
    names = {line.split(b":", 1)[0].lower() + b":" for line in lines if b":" in line and not line[:1].isspace()}
    return len(names & set(EML_HEADERS)) >= 3 and lines[0].split(b":", 1)[0].strip().replace(b"-", b"").isalnum()


def _ole_kind(path: Path) -> InputKind | None:
    """Legacy Word, Excel or PowerPoint by the name of its main stream, an Outlook message by its
    properties stream (any other or a damaged OLE file: None).  Only the root's names are read."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            names = {entry.name for entry in ole.root.kids}
    except (OSError, ValueError, IndexError, KeyError, RecursionError, struct.error):
        return None
    if "__properties_version1.0" in names and any(n.startswith("__substg1.0_") for n in names):
        return InputKind.MSG
    for stream, kind in OLE_STREAMS:
        if stream in names:
            return kind
    return None


def _junk(name: str) -> bool:
    """A name a folder walk does not read as text: hidden files, Office lock files, desktop.ini."""
    return name.startswith((".", "~$")) or name.lower() in JUNK


def sniff(path: Path, explicit: bool = True) -> InputKind | None:
    """The born-digital format of ``path`` by content; None when it is none of them.  An
    encrypted Office file is reported as DOCX so that :func:`read` names it encrypted.
    CSV/TSV and plain text have no signature: a file whose first bytes are text in a common
    encoding (:func:`sandbox.extract.plain.looks_text`) is CSV or TSV by its extension, else
    plain text, in a folder as on the command line; only a folder's hidden files, Office lock
    files and desktop.ini (not ``explicit``) are not taken as text, nor is text named as a format
    that has a signature (a ``.pdf`` holding text is a damaged PDF, not a text file)."""
    with open(path, "rb") as fh:
        head = fh.read(SNIFF)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(guard.OLE_MAGIC):
        kind = _ole_kind(path)
        if kind is InputKind.MSG:  # its attachments may be encrypted files: not the message itself
            return kind
        return InputKind.DOCX if guard.encrypted_office(path) else kind
    if head.startswith(b"{\\rtf"):
        return InputKind.RTF
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if _looks_html(head):
        return InputKind.HTML
    if _looks_mail(head) or (path.suffix.lower() == ".eml" and b":" in head[:200]):
        return InputKind.EML
    from sandbox.extract.plain import looks_text

    if (not explicit and _junk(path.name)) or path.suffix.lower() in SIGNED or not looks_text(head):
        return None
    return TEXT_EXTENSIONS.get(path.suffix.lower(), InputKind.TEXT)


def read(path: Path, kind: InputKind, display: str, limits: Limits, work: Path, depth: int = 0) -> Extracted:
    """Read one born-digital document (inside the sandbox).  Typed errors only: InputError for
    a damaged, encrypted or refused file, LimitError for a file over a limit."""
    guard.nesting(display, depth, limits)
    if kind is not InputKind.MSG and guard.encrypted_office(path):
        raise guard.refuse_encrypted(display)
    if path.stat().st_size > limits.max_file_bytes:
        from sandbox.errors import LimitError

        raise LimitError(f"{display}: over the file size limit (raise it with --limit max-file-size=N)")
    try:
        return _dispatch(path, kind, display, limits, work, depth)
    except RecursionError:
        raise InputError(f"{display}: the document is nested too deeply to read") from None
    except (MemoryError, ImportError, zlib.error) as exc:
        # under the worker's max-memory cap a reader's extension module (lxml) cannot be mapped
        # when it is first imported, and inflating a zip member fails as zlib's Z_MEM_ERROR
        if isinstance(exc, zlib.error) and not ("memory" in str(exc).lower() or "Error -4" in str(exc)):  # Z_MEM_ERROR
            raise
        from sandbox.errors import LimitError

        raise LimitError(f"{display}: the document needs more memory than allowed (--limit max-memory=N)") from None


def _dispatch(path: Path, kind: InputKind, display: str, limits: Limits, work: Path, depth: int) -> Extracted:
    if kind is InputKind.DOCX:
        from sandbox.extract import wordml

        return wordml.read(path, display, limits)
    if kind is InputKind.XLSX:
        from sandbox.extract import sheets

        return sheets.read(path, display, limits)
    if kind is InputKind.PPTX:
        from sandbox.extract import slides

        return slides.read(path, display, limits)
    if kind is InputKind.HTML:
        from sandbox.extract import web

        return web.read(path, display, limits)
    if kind is InputKind.EPUB:
        from sandbox.extract import epub

        return epub.read(path, display, limits)
    if kind is InputKind.EML:
        from sandbox.extract import mail

        return mail.read(path, display, limits, work, depth)
    if kind is InputKind.MSG:
        from sandbox.extract import outlook

        return outlook.read(path, display, limits, work, depth)
    if kind in (InputKind.CSV, InputKind.TSV):
        from sandbox.extract import delimited

        return delimited.read(path, display, limits, "\t" if kind is InputKind.TSV else None)
    if kind is InputKind.TEXT:
        from sandbox.extract import plain

        return plain.read(path, display, limits)
    if kind in (
        InputKind.ODT,
        InputKind.ODS,
        InputKind.ODP,
        InputKind.RTF,
        InputKind.DOC,
        InputKind.XLS,
        InputKind.PPT,
    ):
        from sandbox.extract import odf

        return odf.read(path, kind, display, limits, work)
    raise InputError(f"{display}: not a born-digital format this tool reads ({NAMES})")
