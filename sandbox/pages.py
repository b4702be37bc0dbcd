"""Work on one page, run in a worker process: text layer or render, prepare, OCR.

A page of a born-digital PDF is read from its text layer; any other page is turned into an
image file (rendered by poppler, a TIFF frame, or the input itself) and read by Tesseract.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PIL import Image

from sandbox import poppler
from sandbox.config import MAX_TRUSTED_DPI, MIN_TRUSTED_DPI, SCREEN_DPIS, OcrSettings
from sandbox.errors import ExitCode, LimitError, PageError, SandboxError
from sandbox.geometry import union
from sandbox.imaging import dpi_tag, flatten
from sandbox.ingest import MULTI_PAGE, open_image, too_many_pixels
from sandbox.models import BBox, InputFile, InputKind, Line, Page, PageSource, Word
from sandbox.reading import Reader, Reading

if TYPE_CHECKING:
    from sandbox.ink import Ink

MIN_TEXT_CHARS = 8  # a text layer with fewer usable characters is treated as a scan
PASS_THROUGH = {InputKind.PNG, InputKind.JPEG, InputKind.TIFF}  # formats given to Tesseract as-is
CLEAN_MODES = {"1", "L", "RGB", "P"}


J = TypeVar("J")  # what a specialised worker needs per page (redaction: a RedactJob)
X = TypeVar("X")  # what it hands back per page (redaction: PageMarks)


@dataclass(frozen=True, slots=True)
class PageTask(Generic[J]):
    """One page to process in a worker: which document and page, with the settings and work folder of the run."""

    doc: int  # index of the document in the run
    source: InputFile
    index: int
    settings: OcrSettings
    workdir: Path
    job: J | None = None


@dataclass(frozen=True, slots=True)
class PageOutcome(Generic[X]):
    """What a worker returns for one page: the page read (None when it failed), its kept image, or a one-line error
    and its exit code.
    """

    doc: int
    index: int
    page: Page | None
    image: Path | None  # page image kept for the PDF writer (``keep_images``)
    error: str | None = None
    exit_code: int = 0
    extra: X | None = None


def process(task: PageTask[Any]) -> PageOutcome[Any]:
    """Entry point in the worker: never raises for a page problem, reports it instead."""
    return guarded(task, _process)


def guarded(
    task: PageTask[J], work: Callable[[PageTask[J]], tuple[Page, Path | None] | PageOutcome[X]]
) -> PageOutcome[X]:
    """Run ``work`` for one page; a failure becomes an outcome naming file, page and cause."""
    try:
        result = work(task)
        if isinstance(result, PageOutcome):
            return result
        page, image = result
        return PageOutcome(task.doc, task.index, page, image)
    except SandboxError as exc:
        return PageOutcome(task.doc, task.index, None, None, exc.message, int(exc.exit_code))
    except MemoryError:
        return _out_of_memory(task)
    except (subprocess.CalledProcessError, OSError) as exc:  # a helper could not run at all
        where = f"{task.source.display} page {task.index + 1}"
        msg = f"{where}: a helper program could not run ({type(exc).__name__}); if --limit max-memory is low, raise it"
        return PageOutcome(task.doc, task.index, None, None, msg, int(ExitCode.LIMIT))
    except Exception as exc:  # an unexpected failure must still not lose the batch
        if _opencv_out_of_memory(exc):
            return _out_of_memory(task)
        where = f"{task.source.display} page {task.index + 1}"
        return PageOutcome(task.doc, task.index, None, None, f"{where}: internal error ({type(exc).__name__})", 1)


def _out_of_memory(task: PageTask[Any]) -> PageOutcome[Any]:
    where = f"{task.source.display} page {task.index + 1}"
    msg = f"{where}: the page needs more memory than a worker may use (raise it with --limit max-memory=N)"
    return PageOutcome(task.doc, task.index, None, None, msg, int(ExitCode.LIMIT))


def _opencv_out_of_memory(exc: Exception) -> bool:
    """Whether ``exc`` is OpenCV refusing an allocation (``cv2.error`` with code ``StsNoMem``):
    the worker's memory cap reached inside OpenCV, which raises its own error, not
    ``MemoryError`` (an A3 page at 600 DPI was reported as an internal error)."""
    cv2 = sys.modules.get("cv2")
    return cv2 is not None and isinstance(exc, cv2.error) and getattr(exc, "code", None) == cv2.Error.StsNoMem


def _process(task: PageTask[Any]) -> tuple[Page, Path | None]:
    page, image, _ = read_page(task)
    return page, image


def read_page(task: PageTask[Any], *, picture: bool = False) -> tuple[Page, Path | None, Image.Image | None]:
    """Read one page: (page, image kept for the PDF writer, the page's picture when ``picture``).

    The picture is what the page's boxes refer to (the upright page when it was turned or
    straightened; a born-digital page rendered in colour at the run's DPI), greyscale or as decoded."""
    src = task.source
    settings = task.settings
    if src.kind is InputKind.PDF:
        if not settings.force_ocr:
            page = text_layer_page(task)
            if page is not None:
                return page, None, (render_pixels(task, gray=False) if picture else None)  # colour: figures, 红头
        pixels = render_pixels(task, gray=True)
        reading = read(task, pixels, pixels.width, pixels.height, settings.dpi)
        shown = _in_colour(task, reading, reading.upright or pixels) if picture else None
        return reading.page, _keep_upright(task, reading), shown
    prepared = prepare(task, decode=True)
    image, width, height, dpi = prepared.path, prepared.width, prepared.height, prepared.dpi
    try:
        reading = reader(task).read(image, width, height, dpi, decoded=prepared.picture, ink=prepared.ink)
        shown = None
        if picture:
            shown = reading.upright if reading.upright is not None else _picture(image)
    except BaseException:
        if image != src.path:
            image.unlink(missing_ok=True)
        raise
    upright = _keep_upright(task, reading)
    if upright is not None or not settings.keep_images:
        if image != src.path:
            image.unlink(missing_ok=True)
        return reading.page, upright, shown
    return reading.page, image, shown


COLOUR_CHECK_DPI = 36  # a scanned PDF page is first rendered this small to see whether it has colour
CHROMA = 48  # a pixel whose channels differ by more than this is coloured (not grey, nor paper's tint)
COLOURED_SHARE = 1e-4  # share of the small rendering's pixels that must be coloured


def _in_colour(task: PageTask[Any], reading: Reading, grey: Image.Image) -> Image.Image:
    """The picture of a scanned PDF page for its structure: the page rendered in colour, turned
    and straightened as its reading was (the boxes refer to it), when the page has colour (a
    photo, a chart, a red masthead); else ``grey``, the rendering that was read.  The reading
    itself is never made from the colour rendering; a colour rendering that fails or does not
    match ``grey``'s size leaves ``grey``."""
    import numpy as np

    from sandbox import preprocess as pp

    src, settings = task.source, task.settings
    try:
        small = poppler.render_pixels(
            src.path, src.display, task.index, COLOUR_CHECK_DPI, settings.limits.render_timeout_s, gray=False
        )
        rgb = np.asarray(small.convert("RGB"), dtype=np.int16)
        coloured = int(((rgb.max(axis=2) - rgb.min(axis=2)) > CHROMA).sum())
        if coloured < max(4, COLOURED_SHARE * rgb.shape[0] * rgb.shape[1]):
            return grey
        colour = render_pixels(task, gray=False)
    except (PageError, LimitError):
        return grey
    if reading.upright is not None:
        colour = pp.deskew(pp.rotate(colour, reading.page.rotation), reading.page.skew)
    if colour.size != grey.size:
        colour.close()
        return grey
    return colour


def _picture(image: Path) -> Image.Image | None:
    """The decoded picture of a prepared page file (None when Pillow cannot decode it)."""
    try:
        with Image.open(image) as opened:
            opened.load()
            return opened.copy()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def reader(task: PageTask[Any]) -> Reader:
    """The page's reader (languages, timeouts, scratch directory in the work directory)."""
    s = task.settings
    scratch = task.workdir / f"d{task.doc}"
    scratch.mkdir(exist_ok=True)
    return Reader(s.lang, s.psm, s.limits.ocr_timeout_s, task.source.display, task.index, scratch, s.steps, s.engine)


def read(task: PageTask[Any], image: Path | Image.Image, width: int, height: int, dpi: int) -> Reading:
    """Read a page image well (see ``sandbox.reading``)."""
    return reader(task).read(image, width, height, dpi)


def _keep_upright(task: PageTask[Any], reading: Reading) -> Path | None:
    """When the page was turned or deskewed, its upright picture is what outputs must show."""
    if reading.upright is None or not task.settings.keep_images:
        return None
    if task.source.kind is InputKind.PDF:
        return None  # the writer shows the page's own picture, turned (/Rotate), its text layer tilted
    upright = reading.upright
    path = task.workdir / f"d{task.doc}" / f"upright-{task.index + 1:05d}.png"
    upright.save(path, format="PNG", dpi=(reading.page.dpi, reading.page.dpi))
    return path


def _geometry(task: PageTask[Any]) -> poppler.PageGeometry:
    """The page's size, checked against the pixel limit at the run's DPI before rendering."""
    src, settings = task.source, task.settings
    geo = poppler.page_geometry(src.path, src.display, task.index)
    settings.limits.check_rendered_size(src.display, task.index, geo.width_pt, geo.height_pt, settings.dpi)
    return geo


def render(task: PageTask[Any], *, gray: bool) -> tuple[Path, int, int]:
    """Render a PDF page to a file at the run's DPI after checking its size; returns (image, w, h)."""
    src, settings = task.source, task.settings
    geo = _geometry(task)
    page_dir = task.workdir / f"d{task.doc}"
    page_dir.mkdir(exist_ok=True)
    image = poppler.render_page(
        src.path, src.display, task.index, settings.dpi, page_dir, settings.limits.render_timeout_s, gray=gray
    )
    # poppler stopped writing where the space ended (it exits 0): the page is cut off.  The space
    # may be free again by now (another worker's page deleted), so a short file says it too.
    if _nearly_full(page_dir) or _cut_off(image, geo, settings.dpi, gray):
        image.unlink(missing_ok=True)
        raise LimitError(
            f"{src.display} page {task.index + 1}: the working space is full (raise it with --limit tmp-size=MiB)",
            file=src.display, page=task.index,
        )  # fmt: skip
    try:
        with Image.open(image, formats=["PPM"]) as img:
            width, height = check_render(img.size, src.display, task.index, geo, settings.dpi)
    except BaseException:
        image.unlink(missing_ok=True)
        raise
    return image, width, height


CUT_OFF = 0.98  # a rendered page file shorter than this share of its pixels was cut off


def _cut_off(image: Path, geo: poppler.PageGeometry, dpi: int, gray: bool) -> bool:
    """Whether the PGM/PPM ``image`` is shorter than the page's pixels at ``dpi`` need: its
    header unreadable, or the page's size with too few bytes behind it.  (A whole image of
    the wrong size, poppler out of memory, is ``check_render``'s to name.)"""
    pixels = round(geo.width_pt / 72 * dpi) * round(geo.height_pt / 72 * dpi)
    try:
        if image.stat().st_size >= CUT_OFF * pixels * (1 if gray else 3):
            return False
        with Image.open(image, formats=["PPM"]) as img:
            return bool(img.size[0] * img.size[1] >= CUT_OFF * pixels)  # the page's size, cut short
    except (OSError, SyntaxError):  # UnidentifiedImageError is an OSError
        return True


def _nearly_full(folder: Path, margin: int = 64 * 1024) -> bool:
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < margin


def render_pixels(task: PageTask[Any], *, gray: bool) -> Image.Image:
    """Render a PDF page into memory (streamed from poppler) at the run's DPI after checking its size."""
    src, settings = task.source, task.settings
    geo = _geometry(task)
    img = poppler.render_pixels(
        src.path, src.display, task.index, settings.dpi, settings.limits.render_timeout_s, gray=gray
    )
    check_render(img.size, src.display, task.index, geo, settings.dpi)
    return img


def check_render(
    size: tuple[int, int], display: str, index: int, geo: poppler.PageGeometry, dpi: int
) -> tuple[int, int]:
    """poppler can exit 0 with a 1x1 image when memory runs out: check the dimensions."""
    width, height = size
    want_w, want_h = geo.width_pt * dpi / 72.0, geo.height_pt * dpi / 72.0
    if abs(width - want_w) > 2 + want_w * 0.01 or abs(height - want_h) > 2 + want_h * 0.01:
        raise PageError(
            f"{display} page {index + 1}: rendered image is {width}x{height} px, expected about "
            f"{want_w:.0f}x{want_h:.0f}; poppler ran out of resources"
        )
    return width, height


def _private(ch: str) -> bool:
    """Icon-font glyphs (Private Use Area): no text, and no reason to distrust the layer."""
    return unicodedata.category(ch) == "Co"


ICON = "\u25a1"  # what an icon glyph becomes in a lenient layer: its ink is accounted for


def _layer_text(text: str, lenient: bool) -> str:
    """A layer word's text without private-use and unmapped glyphs; in a ``lenient`` layer a
    word of icons only becomes ``ICON`` (it says what the ink there is)."""
    clean = "".join(ch for ch in text if not _private(ch) and ch != "\ufffd")
    if not clean and lenient and any(_private(ch) for ch in text):
        return ICON
    return clean


def _usable(text: str) -> bool:
    """Enough real characters, and few that have no Unicode mapping (U+FFFD)."""
    good = sum(1 for ch in text if not ch.isspace() and ch != "\ufffd" and not _private(ch))
    bad = sum(1 for ch in text if ch == "\ufffd")
    return good >= MIN_TEXT_CHARS and bad <= good * 0.1


def text_layer_page(task: PageTask[Any], *, lenient: bool = False) -> Page | None:
    """The page's text layer as words in pixels at the run's DPI, private-use glyphs dropped;
    None when it is not usable (``lenient``: when it has no word at all)."""
    src, dpi = task.source, task.settings.dpi
    layer = poppler.text_layer(src.path, src.display, task.index, task.settings.limits.render_timeout_s)
    text = "".join(w.text for line in layer.lines for w in line.words)
    if not (_usable(text) or (lenient and text.strip())):
        return None
    k = dpi / 72.0
    lines: list[Line] = []
    for line in layer.lines:
        words = tuple(
            Word(clean, BBox(round(w.x0 * k), round(w.y0 * k), round(w.x1 * k), round(w.y1 * k)), 1.0)
            for w in line.words
            if (clean := _layer_text(w.text, lenient))
        )
        if words:
            lines.append(Line(words, union(w.bbox for w in words), line.block, 0))
    return Page(
        task.index, round(layer.width_pt * k), round(layer.height_pt * k), dpi, PageSource.TEXT_LAYER, tuple(lines), ""
    )


def image_dpi(info: dict[str, object], default: int) -> int:
    """The image's DPI tag when it is believable for reading, else ``default``.  72 and 96 are
    the defaults of screens and editors, not measurements: they count as no tag."""
    tag = dpi_tag(info)
    if tag is not None and round(tag[0]) not in SCREEN_DPIS and MIN_TRUSTED_DPI <= round(tag[0]) <= MAX_TRUSTED_DPI:
        return round(tag[0])
    return default


def pixel_aspect(info: dict[str, object]) -> tuple[float, float] | None:
    """The scale factors (x, y) that make the image's pixels square, when its DPI tag states
    two believable densities more than 2 % apart (a standard fax is 204 × 98 dpi: its text is
    squashed to half height in the pixels); ``None`` for square pixels or an untrusted tag.
    The factors only enlarge: the denser axis keeps its pixels."""
    tag = dpi_tag(info)
    if tag is None:
        return None
    x, y = tag
    if min(x, y) < MIN_TRUSTED_DPI / 2 or max(x, y) > MAX_TRUSTED_DPI or abs(x - y) <= 0.02 * max(x, y):
        return None
    top = max(x, y)
    return top / x, top / y


def squared(frame: Image.Image, aspect: tuple[float, float]) -> Image.Image:
    """``frame`` resampled to square pixels by :func:`pixel_aspect`'s factors (a two-tone scan
    becomes grey, so that the enlarged axis is interpolated, not repeated)."""
    size = (max(1, round(frame.width * aspect[0])), max(1, round(frame.height * aspect[1])))
    if frame.mode == "1":
        frame = frame.convert("L")
    return frame.resize(size, Image.Resampling.LANCZOS)


def estimated_dpi(found: Ink, default: int) -> int:
    """No believable DPI in the file (photos, screenshots): guess it from the text size (the
    page's measured ink), taking body text's glyphs as about 6.5 pt high (11 pt type);
    ``default`` when no text shows."""
    if found.height is None:
        return default
    return max(50, min(600, round(found.height * 72 / 6.5)))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page image ready for reading: the file, its size and DPI, and, when the file is the
    input itself and was decoded on the way, its pixels and their ink (so that the reading
    neither decodes nor measures the page a second time)."""

    path: Path
    width: int
    height: int
    dpi: int
    picture: Image.Image | None = None  # the pixels of ``path``, as Pillow decodes that file
    ink: Ink | None = None  # measured on ``picture``


def prepare_image(task: PageTask[Any]) -> tuple[Path, int, int, int]:
    """Give Tesseract a file it reads well: the input itself when possible, else a PNG."""
    prepared = prepare(task)
    return prepared.path, prepared.width, prepared.height, prepared.dpi


def _decoded(img: Image.Image) -> Image.Image | None:
    try:
        img.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # the reading hands the file to Tesseract, which may decode it (a truncated file)
    return img


def prepare(task: PageTask[Any], *, decode: bool = False) -> Prepared:
    """The page image as :func:`prepare_image` makes it; with ``decode``, the pixels of an input
    read as it is come along (decoded once, here), with their ink when it was measured."""
    from PIL import ImageOps

    from sandbox import ink

    src = task.source
    try:
        with open_image(src.path, src.kind) as img:
            if src.kind in MULTI_PAGE:
                img.seek(task.index)
            found = None
            aspect = pixel_aspect(img.info)
            tag = dpi_tag(img.info)
            dpi = image_dpi({"dpi": (max(tag),) * 2} if aspect and tag else img.info, 0)
            if not dpi:
                found = ink.measure(img)
                dpi = estimated_dpi(found, task.settings.dpi)
            width, height = img.size
            task.settings.limits.check_pixels(src.display, width, height, task.index)
            if aspect is not None:
                task.settings.limits.check_pixels(
                    src.display, round(width * aspect[0]), round(height * aspect[1]), task.index
                )
            orientation = img.getexif().get(0x0112, 1)
            as_is = (
                aspect is None
                and src.kind in PASS_THROUGH
                and src.page_count == 1
                and img.mode in CLEAN_MODES
                and orientation == 1
                and not (img.mode == "P" and "transparency" in img.info)
            )
            if as_is:
                picture = _decoded(img) if decode else None
                return Prepared(src.path, width, height, dpi, picture, found if picture is not None else None)
            frame = ImageOps.exif_transpose(img)
            frame = flatten(frame)
            if aspect is not None:  # the tag's axes are the stored pixels'; a turn of 90° swaps them
                frame = squared(frame, aspect[::-1] if orientation in (5, 6, 7, 8) else aspect)
            out = task.workdir / f"d{task.doc}" / f"page-{task.index + 1:05d}.png"
            out.parent.mkdir(exist_ok=True)
            frame.save(out, format="PNG", dpi=(dpi, dpi), compress_level=1)
            return Prepared(out, frame.width, frame.height, dpi)
    except SandboxError:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels(src.display) from None
    except Exception as exc:
        raise PageError(f"{src.display} page {task.index + 1}: cannot decode image ({type(exc).__name__})") from None
