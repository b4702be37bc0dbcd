"""How a page picture is stored in an output PDF: chosen from its content and ``--optimize``.

==========  ===========================================================================
level 0     lossless, as before: the picture as it is (image inputs embedded untouched)
level 1     lossless but smaller (default): JPEGs byte for byte, deflated on top when
            that saves 5 % (:func:`store_jpegs`); exactly two-tone pages as CCITT Group 4
            (1-bit PNG when G4 does badly); grey pages stored in RGB as grey; pages of at
            most 256 colours as palette PNG.  Continuous-tone pictures *rendered* from a
            PDF (sanitize) are JPEG at quality 85 — they were decoded from a lossy scan and
            lossless storage of them is 5–10x the source.
level 2     visually lossless: as 1, and continuous-tone pages as JPEG at quality 80,
            few-colour pages (charts, screenshots) quantised by pngquant, JPEGs re-stored
            losslessly by jpegtran when smaller, and JPEGs (a scan's own, an input image)
            stored above quality 80 stored again at 80 when that is 10 % smaller
==========  ===========================================================================

Only pixels are ever stored: nothing of a source file's structure or metadata.  The time
spent here is added up per process (:func:`spent`) for the run's summary.
"""

from __future__ import annotations

import io
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageChops

from sandbox import jpegtran, pngquant
from sandbox.config import default_jobs
from sandbox.errors import LimitError, MissingToolError

if TYPE_CHECKING:
    import pikepdf

LEVELS = (0, 1, 2)
DEFAULT = 1
JPEG_RENDERED = 85  # level 1, continuous tone rendered from a (lossy) PDF page (sanitize)
JPEG_LOSSY = 80  # level 2: measured visually lossless for text (benchmarks/bench_size.py)
DEFLATE_GAIN = 0.95  # a JPEG is also Flate-compressed when that leaves at most this share
FEW_COLOURS = 0.9  # share of pixels in the 16 most common colours for "few colours"
_spent = [0.0]


@dataclass(frozen=True, slots=True)
class Encoded:
    """A page picture as it will be embedded in a PDF: the bytes and how they are encoded."""

    data: bytes  # what img2pdf embeds: JPEG, a Group 4 TIFF or a PNG
    kind: str  # "jpeg", "g4", "png", "palette"


def spent() -> float:
    """Seconds spent choosing and encoding in this process so far."""
    return _spent[0]


def is_jpeg(path: Path) -> bool:
    """True when the file starts with the JPEG marker; raises ``OSError`` when it cannot be read."""
    with path.open("rb") as fh:
        return fh.read(3) == b"\xff\xd8\xff"


def _two_tone(img: Image.Image) -> bool:
    """Only two values, far apart (a black-and-white scan stored as grey)."""
    colours = img.getcolors(maxcolors=2)  # None as soon as there are more
    if colours is None:
        return False
    values = sorted(int(v) for _, v in colours if isinstance(v, int | float))
    return len(values) < 2 or values[-1] - values[0] > 128


def _grey(img: Image.Image) -> bool:
    """An RGB picture whose channels are all equal."""
    red, green, blue = img.split()
    return ImageChops.difference(red, green).getbbox() is None and ImageChops.difference(green, blue).getbbox() is None


def _few_colours(img: Image.Image) -> bool:
    small = img.copy()
    small.thumbnail((400, 400))
    colours = small.getcolors(maxcolors=1 << 16)
    if colours is None:
        return False
    counts = sorted((c for c, _ in colours), reverse=True)
    return sum(counts[:16]) >= FEW_COLOURS * sum(counts)


def _palette(img: Image.Image) -> Image.Image:
    """An RGB picture of at most 256 colours as the same pixels with a palette (exact)."""
    import numpy as np  # here only: kept off the start of every run

    arr = np.asarray(img).astype(np.uint32)
    packed = (arr[..., 0] << 16) | (arr[..., 1] << 8) | arr[..., 2]
    colours, index = np.unique(packed, return_inverse=True)
    out = Image.fromarray(index.reshape(packed.shape).astype(np.uint8), "P")
    rgb = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], axis=1).astype(np.uint8)
    out.putpalette(rgb.tobytes())
    return out


Dpi = int | tuple[int, int] | None  # one density, or (x, y) for pixels that are not square (a fax)


def _tag(dpi: Dpi) -> dict[str, tuple[int, int]]:
    if isinstance(dpi, tuple):
        return {"dpi": dpi} if min(dpi) > 0 else {}
    return {"dpi": (dpi, dpi)} if dpi else {}


def _png(img: Image.Image, dpi: Dpi) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6, **_tag(dpi))
    return buf.getvalue()


def _g4(img: Image.Image, dpi: Dpi) -> bytes:
    buf = io.BytesIO()
    img.convert("1").save(buf, format="TIFF", compression="group4", **_tag(dpi))
    return buf.getvalue()


def _jpeg(img: Image.Image, dpi: Dpi, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True, **_tag(dpi))
    return buf.getvalue()


def picture(img: Image.Image, dpi: Dpi, level: int, rendered: bool = False) -> Encoded:
    """Store ``img`` (RGB, L or 1) for a PDF page at ``dpi`` (which sets the page's size; a
    pair keeps non-square pixels' aspect).  ``rendered``: drawn from a PDF page."""
    started = time.monotonic()
    try:
        return _choose(img, dpi, level, rendered)
    finally:
        _spent[0] += time.monotonic() - started


def _choose(img: Image.Image, dpi: Dpi, level: int, rendered: bool) -> Encoded:
    if img.mode not in ("1", "L", "RGB"):
        img = img.convert("RGB")
    if level == 0:
        return Encoded(_png(img, dpi), "png")
    if img.mode == "RGB" and _grey(img):
        img = img.convert("L")  # grey stored as RGB: a third of the data, nothing lost
    if img.mode == "1" or (img.mode == "L" and _two_tone(img)):
        g4 = _g4(img, dpi)
        if len(g4) <= img.width * img.height // 16:  # real scans: G4 is far below the raw bits
            return Encoded(g4, "g4")
        return Encoded(_png(img.convert("1"), dpi), "png")
    few = img.mode == "RGB" and _few_colours(img)
    if few and img.getcolors(maxcolors=256) is not None:
        return Encoded(_png(_palette(img), dpi), "palette")
    if level == 2 and few and pngquant.available():
        quantised = pngquant.quantise(_png(img, dpi))
        if quantised is not None:
            return Encoded(quantised, "palette")
    if level == 2 or rendered:
        return Encoded(_jpeg(img, dpi, JPEG_LOSSY if level == 2 else JPEG_RENDERED), "jpeg")
    return Encoded(_png(img, dpi), "png")


def page_file(image: Path, dpi: int, level: int, rendered: bool = False) -> bytes | Path:
    """What to embed for a page image file: the file itself (level 0, or a JPEG kept byte for
    byte), or its re-encoding by :func:`picture`."""
    if level == 0 or is_jpeg(image):
        return image
    with Image.open(image) as img:
        img.load()
        return picture(img, dpi, level, rendered).data


def _deflated(jpeg: bytes) -> bytes:
    """``jpeg`` under Flate as well, or ``jpeg`` itself when that saves less than 5 %."""
    packed = zlib.compress(jpeg, 9)
    return packed if len(packed) <= DEFLATE_GAIN * len(jpeg) else jpeg


def _pixels(jpeg: bytes) -> bytes | None:
    try:
        with Image.open(io.BytesIO(jpeg)) as img:
            return img.tobytes()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _restored(jpeg: bytes) -> bytes | None:
    """``jpeg`` re-stored by jpegtran (progressive, optimised Huffman tables: the same
    coefficients), or None when jpegtran is missing, fails or is too slow."""
    if not jpegtran.available():
        return None
    try:
        return jpegtran.optimised(jpeg, progressive=True)
    except (MissingToolError, LimitError):
        return None


def _smallest_lossless(jpeg: bytes) -> tuple[bytes, bytes]:
    """(what to store, the JPEG it holds): ``jpeg`` or its jpegtran form, deflated or not,
    whichever is smallest; a colour jpegtran form only once it decodes to exactly ``jpeg``'s
    pixels (a grey one holds the same coefficients and nothing else that bears on its pixels)."""
    own = (_deflated(jpeg), jpeg)
    again = _restored(jpeg)
    if again is None:
        return own
    other = (_deflated(again), again)
    if len(other[0]) >= len(own[0]):
        return own
    if _mode(jpeg) == "L" and _mode(again) == "L":  # one component: the coefficients copied are
        return other  # the picture, and no colour marker (Adobe's) can be lost on the way
    pixels = _pixels(jpeg)
    return other if pixels is not None and _pixels(again) == pixels else own


def _mode(jpeg: bytes) -> str | None:
    """The Pillow mode of ``jpeg``, from its header alone."""
    try:
        with Image.open(io.BytesIO(jpeg)) as img:
            return img.mode
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def store_jpegs(pdf: pikepdf.Pdf, level: int) -> int:
    """The JPEG pictures of an output PDF's pages, stored smaller; returns the bytes saved.

    Level 1 (lossless, cheap: ~25 ms a page): the JPEG under Flate as well (``/Filter
    [/FlateDecode /DCTDecode]``) when that saves 5 % — a scan's mostly blank page gives long
    runs of the same codes.  Level 2: the smallest of that and the JPEG re-stored by jpegtran
    (progressive, same DCT coefficients; a colour picture's decoded pixels are compared; ~50 ms a
    grey page, ~100 ms a colour one), and
    the picture encoded again at :data:`JPEG_LOSSY` when that is at least 10 % smaller still.  Other
    pictures, and JPEGs with decode parameters, are left alone; so are JPEGs with a mask, a
    decode array or an unusual colour space at level 2.
    """
    import pikepdf

    started, saved = time.monotonic(), 0
    try:
        found: dict[tuple[int, int], tuple[pikepdf.Object, bool]] = {}
        for page in pdf.pages:
            for _, raw in page.get_images().items():
                if raw.objgen in found or raw.get("/Filter") != pikepdf.Name.DCTDecode or "/DecodeParms" in raw:
                    continue
                found[raw.objgen] = (raw, _recodable(raw))
        if not found:
            return 0
        streams = list(found.values())
        workers = min(len(streams), default_jobs())
        flate = [pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode]
        with ThreadPoolExecutor(max_workers=workers) as pool:  # jpegtran, zlib, decoding: no GIL
            for start in range(0, len(streams), workers):  # a few pictures in memory at a time
                batch = [(raw, raw.read_raw_bytes(), recodable) for raw, recodable in streams[start : start + workers]]
                for (raw, old, _), (stored, jpeg) in zip(
                    batch, pool.map(lambda b: _smallest(b[1], level, b[2]), batch), strict=True
                ):
                    if stored is not old:
                        raw.write(stored, filter=flate if stored is not jpeg else pikepdf.Name.DCTDecode)
                        saved += len(old) - len(stored)
    finally:
        _spent[0] += time.monotonic() - started
    return saved


_IJG_LUMA = (  # the IJG (libjpeg) luminance table that quality settings scale
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
)  # fmt: skip


def _quality(jpeg: bytes) -> int | None:
    """The IJG quality setting ``jpeg``'s luminance table is closest to (from its header)."""
    try:
        with Image.open(io.BytesIO(jpeg)) as img:
            tables = getattr(img, "quantization", None) or {}
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if 0 not in tables:
        return None
    total = sum(tables[0])

    def scaled(q: int) -> int:
        factor = 5000 // q if q < 50 else 200 - 2 * q
        return sum(min(255, max(1, (v * factor + 50) // 100)) for v in _IJG_LUMA)

    return min(range(1, 101), key=lambda q: abs(scaled(q) - total))


def _smallest(old: bytes, level: int, recodable: bool) -> tuple[bytes, bytes]:
    """(what to store, the JPEG it holds) for one picture ``old``.  At level 2 a JPEG is
    encoded again only when it was stored above :data:`JPEG_LOSSY`: below, a second
    generation rarely saves much."""
    if level < 2:
        return _deflated(old), old
    stored, jpeg = _smallest_lossless(old)
    quality = _quality(old) if recodable else None
    if recodable and (quality is None or quality > JPEG_LOSSY):
        lossy = _recoded(old)
        if lossy is not None and len(_deflated(lossy)) < 0.9 * len(stored):
            stored, jpeg = _deflated(lossy), lossy
    return stored, jpeg


def _recoded(jpeg: bytes) -> bytes | None:
    try:
        with Image.open(io.BytesIO(jpeg)) as img:
            img.load()
            return _jpeg(img, None, JPEG_LOSSY)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None  # a JPEG Pillow cannot read stays as it is


def _recodable(raw: pikepdf.Object) -> bool:
    import pikepdf

    return (
        raw.get("/BitsPerComponent") == 8
        and "/Decode" not in raw
        and "/SMask" not in raw
        and raw.get("/ColorSpace") in (pikepdf.Name.DeviceGray, pikepdf.Name.DeviceRGB)
    )
