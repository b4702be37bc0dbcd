"""Everything that runs poppler: page count and boxes (pdfinfo), text layers with word boxes
(pdftotext -bbox-layout) and rendering pages: to image files (pdftoppm through pdf2image), or
streamed into memory (pdftoppm writing the page to its standard output: no file between).

Every failure becomes a :class:`SandboxError`; "exit 0 but no or wrong output" is a failure.
"""

from __future__ import annotations

import io
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sandbox.errors import InputError, LimitError, MissingToolError, PageError
from sandbox.tools import run_tool

if TYPE_CHECKING:
    from PIL import Image

APT_HINT = "install it with: apt-get install poppler-utils"
_PAGE_SIZE = re.compile(r"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)
_PAGE_ROT = re.compile(r"^Page\s+(\d+)\s+rot:\s+(\d+)", re.M)
_XHTML = "{http://www.w3.org/1999/xhtml}"


class EncryptedPdf(InputError):
    """The PDF needs a password to be opened."""


class DamagedPdf(InputError):
    """poppler cannot read the PDF (qpdf may still repair it)."""


@dataclass(frozen=True, slots=True)
class PageGeometry:
    """A PDF page's size in points as displayed (after ``/Rotate``), and that rotation."""

    width_pt: float  # as displayed, i.e. after /Rotate
    height_pt: float
    rotate: int


def require(tool: str) -> str:
    """The path of the poppler program ``tool``; raises ``MissingToolError`` with the install hint when absent."""
    path = shutil.which(tool)
    if path is None:
        raise MissingToolError(f"{tool} is not installed; {APT_HINT}")
    return path


def version() -> str | None:
    """poppler's version as ``pdftoppm -v`` reports it; None when poppler is not installed."""
    if shutil.which("pdftoppm") is None:
        return None
    proc = run_tool(["pdftoppm", "-v"], timeout=30, what="pdftoppm -v", check=False)
    match = re.search(r"version ([\d.]+)", (proc.stderr + proc.stdout).decode("utf-8", "replace"))
    return match.group(1) if match else "unknown"


def _pdfinfo(path: Path, display: str, extra: list[str], timeout: int = 60) -> str:
    cmd = [require("pdfinfo"), *extra, str(path)]
    proc = run_tool(cmd, timeout=timeout, what="reading the PDF's page list (pdfinfo)", file=display, check=False)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").lower()
        if "password" in err or "encrypt" in err:
            raise EncryptedPdf(f"{display}: PDF is encrypted; give its password with --password-file FILE")
        raise DamagedPdf(f"{display}: not a readable PDF (pdfinfo failed); the file may be damaged")
    return proc.stdout.decode("utf-8", "replace")


def page_count(path: Path, display: str) -> int:
    """The page count ``pdfinfo`` reports; raises ``DamagedPdf`` when it reports none."""
    out = _pdfinfo(path, display, [])
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    if not match:
        raise DamagedPdf(f"{display}: PDF has no page count; the file may be damaged")
    return int(match.group(1))


def page_geometry(path: Path, display: str, index: int) -> PageGeometry:
    """Displayed size in points and rotation of one page (0-based ``index``)."""
    n = str(index + 1)
    out = _pdfinfo(path, display, ["-f", n, "-l", n])
    size = _PAGE_SIZE.search(out)
    rot = _PAGE_ROT.search(out)
    if not size:
        raise PageError(f"{display} page {index + 1}: pdfinfo reported no page size")
    w, h = float(size.group(2)), float(size.group(3))
    rotate = int(rot.group(2)) % 360 if rot else 0
    if rotate in (90, 270):
        w, h = h, w
    return PageGeometry(w, h, rotate)


@dataclass(frozen=True, slots=True)
class TextWord:
    """A word of a PDF text layer, box in points from the displayed page's top left."""

    text: str
    x0: float  # points, top-left origin, displayed page
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of a PDF text layer: its words in order and the block it belongs to."""

    block: int
    words: tuple[TextWord, ...]


@dataclass(frozen=True, slots=True)
class TextLayer:
    """A PDF page's text layer: its displayed size in points and its lines in order."""

    width_pt: float
    height_pt: float
    lines: tuple[TextLine, ...]


@dataclass(frozen=True, slots=True)
class PagePictures:
    """What the pictures drawn on a PDF page say about it: the highest resolution, and whether all are black and
    white.
    """

    ppi: int | None  # the highest resolution of the pictures drawn on the page; None: none drawn
    bilevel: bool  # every picture is one bit per pixel (a black-and-white scan)


def page_pictures(path: Path, display: str, index: int, timeout: int) -> PagePictures:
    """What ``pdfimages -list`` says of a page's pictures: its own resolution when it is a scan."""
    cmd = ["pdfimages", "-list", "-f", str(index + 1), "-l", str(index + 1), str(path)]
    proc = run_tool(cmd, timeout=timeout, what="listing the page's pictures (pdfimages)", file=display, page=index)
    best, bits = 0, set()
    for line in proc.stdout.decode("utf-8", "replace").splitlines()[2:]:
        cols = line.split()
        if len(cols) >= 14 and cols[2] in ("image", "stencil"):
            try:
                best = max(best, min(int(cols[12]), int(cols[13])))
                bits.add(int(cols[7]))
            except ValueError:
                continue
    return PagePictures(best or None, bits == {1})


def text_layer(path: Path, display: str, index: int, timeout: int) -> TextLayer:
    """Words with boxes from a page's text layer (``pdftotext -bbox-layout``)."""
    n = str(index + 1)
    cmd = [require("pdftotext"), "-cropbox", "-bbox-layout", "-enc", "UTF-8", "-f", n, "-l", n, str(path), "-"]
    proc = run_tool(cmd, timeout=timeout, what="text extraction (pdftotext)", file=display, page=index)
    return parse_bbox_layout(proc.stdout)


def parse_bbox_layout(xml_bytes: bytes) -> TextLayer:
    """Parse pdftotext's ``-bbox-layout`` XHTML (first page only)."""
    # pdftotext writes an XHTML document; strip the DOCTYPE so no entity is resolved.
    text = xml_bytes.decode("utf-8", errors="replace")
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text, count=1)
    root = ET.fromstring(text)
    page = root.find(f".//{_XHTML}page")
    if page is None:
        return TextLayer(0.0, 0.0, ())
    lines: list[TextLine] = []
    for block_no, block in enumerate(page.iter(f"{_XHTML}block")):
        for line in block.iter(f"{_XHTML}line"):
            words = tuple(
                TextWord(
                    (w.text or "").strip(),
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                )
                for w in line.iter(f"{_XHTML}word")
                if (w.text or "").strip()
            )
            if words:
                lines.append(TextLine(block_no, words))
    return TextLayer(float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines))


def _too_long(timeout: int) -> str:
    return f"rendering took longer than {timeout} s (raise it with --limit render-timeout=N)"


def render_page(
    path: Path, display: str, index: int, dpi: int, out_dir: Path, timeout: int, *, gray: bool = True
) -> Path:
    """Render one page to an image file in ``out_dir`` (PGM/PPM); returns its path."""
    from pdf2image import convert_from_path
    from pdf2image.exceptions import PDFInfoNotInstalledError, PDFPageCountError, PDFPopplerTimeoutError

    require("pdftoppm")
    stem = f"page-{index + 1:05d}"
    try:
        paths = convert_from_path(
            str(path),
            dpi=dpi,
            first_page=index + 1,
            last_page=index + 1,
            output_folder=str(out_dir),
            output_file=stem,
            single_file=True,
            paths_only=True,
            fmt="ppm",
            grayscale=gray,
            timeout=timeout,
            thread_count=1,
            use_cropbox=True,  # what viewers show, and what pdfinfo's page size measures
        )
    except PDFPopplerTimeoutError:
        raise PageError(f"{display} page {index + 1}: {_too_long(timeout)}") from None
    except (PDFInfoNotInstalledError, FileNotFoundError):
        raise MissingToolError(f"pdftoppm is not installed; {APT_HINT}") from None
    except PDFPageCountError:
        raise PageError(f"{display} page {index + 1}: poppler could not read the page") from None
    found = [Path(str(p)) for p in paths]
    if not found or not found[0].is_file():
        raise PageError(f"{display} page {index + 1}: poppler produced no image; the page may be damaged")
    return found[0]


def render_pixels(path: Path, display: str, index: int, dpi: int, timeout: int, *, gray: bool = True) -> Image.Image:
    """Render one page into memory: ``pdftoppm`` writes its PGM/PPM to a pipe, decoded here.

    Still a separate process with its own deadline (and the worker's memory cap): a hostile
    page is a :class:`PageError` or :class:`LimitError`, never a hung or crashed worker."""
    from PIL import Image

    argv = [require("pdftoppm"), "-r", str(dpi), "-f", str(index + 1), "-l", str(index + 1), "-singlefile"]
    argv += ["-cropbox", *(["-gray"] if gray else []), str(path)]  # cropbox: what viewers show
    where = f"{display} page {index + 1}"
    try:
        proc = run_tool(argv, timeout=timeout, what="rendering", file=display, page=index, check=False)
    except LimitError:
        raise PageError(f"{where}: {_too_long(timeout)}") from None
    if proc.returncode != 0 or not proc.stdout:
        raise PageError(f"{where}: poppler could not render the page; it may be damaged")
    try:
        with Image.open(io.BytesIO(proc.stdout), formats=["PPM"]) as img:
            img.load()  # decoded now: the pixels outlive the buffer, with no copy of them
    except (OSError, ValueError, Image.DecompressionBombError):
        raise PageError(f"{where}: poppler produced no readable image; the page may be damaged") from None
    return img if img.mode in ("L", "RGB") else img.convert("RGB")
