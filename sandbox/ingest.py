"""What is this input?  Sniff by magic bytes, expand directories, count pages.

Nothing here decodes pixels: images are opened lazily (header only) to learn their size
and frame count, PDFs are asked through ``pdfinfo``.  Pillow may only open the formats the
tool supports, and its decompression-bomb warning is an error.
"""

from __future__ import annotations

import os
import shutil
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from sandbox.errors import InputError, LimitError, SandboxError
from sandbox.limits import Limits
from sandbox.models import InputFile, InputKind

SNIFF_BYTES = 1024
PILLOW_FORMATS = {
    InputKind.PNG: "PNG",
    InputKind.JPEG: "JPEG",
    InputKind.TIFF: "TIFF",
    InputKind.WEBP: "WEBP",
    InputKind.BMP: "BMP",
    InputKind.GIF: "GIF",
    InputKind.PNM: "PPM",
    InputKind.HEIF: "HEIF",
    InputKind.JP2: "JPEG2000",
}
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
MULTI_PAGE = {InputKind.TIFF}  # frames of these are pages; other animations use frame 1


def sniff(head: bytes) -> InputKind | None:
    """Decide the input type from its first bytes; ``None`` when unsupported."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return InputKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return InputKind.JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return InputKind.TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return InputKind.WEBP
    if head.startswith((b"GIF87a", b"GIF89a")):
        return InputKind.GIF
    if head[:2] == b"BM" and len(head) >= 26:
        return InputKind.BMP
    if len(head) >= 3 and head[0:1] == b"P" and head[1:2] in b"123456" and head[2:3] in b" \t\r\n#":
        return InputKind.PNM
    if head.startswith((b"\x00\x00\x00\x0cjP  \r\n\x87\n", b"\xff\x4f\xff\x51")):  # JP2 box, raw codestream
        return InputKind.JP2
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return InputKind.HEIF
    if b"%PDF-" in head[:SNIFF_BYTES]:
        return InputKind.PDF
    return None


def sniff_file(path: Path) -> InputKind | None:
    """The kind of the file by its first bytes (never its name), or None when it is no supported kind; ``OSError``
    when it cannot be read.
    """
    with open(path, "rb") as fh:
        return sniff(fh.read(SNIFF_BYTES))


def configure_pillow(limits: Limits) -> None:
    """Apply the pixel limit and make Pillow's bomb warning an error (call once per process)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)


@cache
def _heif() -> None:
    """Pillow's HEIF plugin, registered the first time a HEIF input is opened (pillow-heif
    costs ~35 ms to import: not paid by runs without one)."""
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:  # pragma: no cover - HEIF stays unsupported without pillow-heif
        pass


def open_image(path: Path, kind: InputKind):  # type: ignore[no-untyped-def]
    """Open an image lazily, allowing only the Pillow plugin that matches ``kind``."""
    from PIL import Image

    if kind is InputKind.HEIF:
        _heif()
    return Image.open(path, formats=[PILLOW_FORMATS[kind]])


def printable(name: str, limit: int = 80) -> str:
    """A file name fit for a one-line message: control characters escaped, long names cut."""
    out = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name)
    return out if len(out) <= limit else out[: limit // 2 - 1] + "…" + out[-(limit // 2) :]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A path to consider as input and the name to show for it."""

    path: Path
    display: str
    name: str  # relative path for output names (directory inputs keep their layout)
    explicit: bool  # named on the command line (unsupported is an error, not a skip)


def expand(args: Sequence[str], stdin_dir: Path, stdin: BinaryIO | None = None) -> Iterator[Candidate]:
    """Turn command-line arguments into candidate files; directories recurse, ``-`` is stdin."""
    for arg in args:
        if arg == "-":
            dest = stdin_dir / "stdin"
            with open(dest, "wb") as fh:
                shutil.copyfileobj(stdin or sys.stdin.buffer, fh)
            yield Candidate(dest, "stdin", "stdin", True)
            continue
        path = Path(arg)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    full = Path(root) / name
                    rel = full.relative_to(path)
                    shown = str(path.name / rel) if path.name else str(rel)
                    yield Candidate(full, printable(shown), str(rel), False)
        else:
            yield Candidate(path, printable(path.name), path.name, True)


def _open_pdf(path: Path, display: str, work: Path | None, password: str | None) -> tuple[Path, int]:
    """Page count; an encrypted PDF (with its password) or a damaged one that qpdf can repair
    is rewritten into the work directory and that copy is used.  The input is never touched."""
    from sandbox import poppler

    try:
        return path, poppler.page_count(path, display)
    except poppler.EncryptedPdf:
        if password is None or work is None:
            raise
        return _rewrite(path, display, work, password)
    except poppler.DamagedPdf:
        if work is None:
            raise
        return _rewrite(path, display, work, None)


def _rewrite(path: Path, display: str, work: Path, password: str | None) -> tuple[Path, int]:
    import uuid

    import pikepdf

    from sandbox import poppler

    dest = work / f"pdf-{uuid.uuid4().hex}.pdf"
    try:
        with pikepdf.open(path, password=password or "") as pdf:
            pdf.save(dest, encryption=False)
    except pikepdf.PasswordError:
        raise InputError(f"{display}: the password does not open this encrypted PDF") from None
    except (pikepdf.PdfError, RecursionError, ValueError, OSError):
        raise InputError(f"{display}: PDF is damaged beyond repair") from None
    try:
        return dest, poppler.page_count(dest, display)
    except poppler.DamagedPdf:
        raise InputError(f"{display}: PDF is damaged beyond repair") from None


def too_many_pixels(display: str) -> LimitError:
    """The one error for an image over the pixel limit, wherever Pillow notices it (exit 7)."""
    return LimitError(f"{display}: image is larger than the pixel limit (raise it with --limit max-pixels=N)")


def _image_pages(path: Path, kind: InputKind, display: str, limits: Limits) -> int:
    try:
        with open_image(path, kind) as img:
            width, height = img.size
            limits.check_pixels(display, width, height)
            frames = getattr(img, "n_frames", 1) if kind in MULTI_PAGE else 1
            return int(frames)
    except SandboxError:
        raise
    except Exception as exc:  # Pillow raises many types for broken files
        name = type(exc).__name__
        if "DecompressionBomb" in name:
            raise too_many_pixels(display) from None
        raise InputError(f"{display}: cannot read {kind.value.upper()} image ({name}); is the file complete?") from None


def identify(
    candidate: Candidate, limits: Limits, work: Path | None = None, password: str | None = None
) -> InputFile | None:
    """Sniff and count one candidate.  ``None`` means: not a document, skip it quietly."""
    display = candidate.display
    try:
        size = candidate.path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{display}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{display}: cannot read ({exc.strerror}); check permissions") from None
    if size > limits.max_file_bytes:
        raise LimitError(
            f"{display}: {size:,} bytes exceeds the file size limit of {limits.max_file_bytes:,} "
            "(raise it with --limit max-file-size=N)"
        )
    try:
        kind = sniff_file(candidate.path)
    except OSError as exc:
        raise InputError(f"{display}: cannot read ({exc.strerror}); check permissions") from None
    if kind is None:
        from sandbox import extract  # born-digital documents: read as they are, no pages to render

        born = extract.sniff(candidate.path, explicit=candidate.explicit)
        if born is not None:
            return InputFile(candidate.path, display, candidate.name, born, 1)
        if not candidate.explicit:
            return None
        if size == 0:
            raise InputError(f"{display}: file is empty")
        raise InputError(
            f"{display}: not a supported document (expected PDF, PNG, JPEG, TIFF, WebP, BMP, GIF, PNM, HEIC, "
            "JPEG 2000, DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF, DOC, XLS, PPT, HTML, EPUB, EML, MSG, CSV, TSV or TXT)"
        )
    path = candidate.path
    if kind is InputKind.PDF:
        path, pages = _open_pdf(path, display, work, password)
    else:
        pages = _image_pages(path, kind, display, limits)
    if pages < 1:
        raise InputError(f"{display}: document has no pages")
    limits.check_pages(display, pages)
    return InputFile(path, display, candidate.name, kind, pages)


def identify_all(
    candidates: Iterable[Candidate], limits: Limits, work: Path | None = None, password: str | None = None
) -> tuple[list[InputFile], list[SandboxError], int]:
    """Identify every candidate; returns (inputs, errors, skipped non-documents)."""
    inputs: list[InputFile] = []
    errors: list[SandboxError] = []
    skipped = 0
    for cand in candidates:
        try:
            found = identify(cand, limits, work, password)
        except SandboxError as exc:
            errors.append(exc)
            continue
        if found is None:
            skipped += 1
        else:
            inputs.append(found)
    return inputs, errors, skipped
