"""How a page picture is stored in an output PDF: chosen from its content and ``--optimize``.

==========  ===========================================================================
level 0     lossless, as before: the picture as it is (image inputs embedded untouched)
level 1     lossless but smaller (default): JPEG inputs kept byte for byte; exactly
            two-tone pages as CCITT Group 4 (1-bit PNG when G4 does badly); grey pages
            stored in RGB as grey; pages of at most 256 colours as palette PNG.
            Continuous-tone pictures *rendered* from a PDF (sanitize) are JPEG at quality
            85 — they were decoded from a lossy scan and lossless storage of them is 5–10x
            the source.
level 2     visually lossless: as 1, and continuous-tone pages as JPEG at quality 80,
            few-colour pages (charts, screenshots) quantised by pngquant
==========  ===========================================================================

Only pixels are ever stored: nothing of a source file's structure or metadata.  The time
spent here is added up per process (:func:`spent`) for the run's summary.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageChops

from sandbox import pngquant

if TYPE_CHECKING:
    import pikepdf

LEVELS = (0, 1, 2)
DEFAULT = 1
JPEG_RENDERED = 85  # level 1, continuous tone rendered from a (lossy) PDF page (sanitize)
JPEG_LOSSY = 80  # level 2: measured visually lossless for text (benchmarks/bench_size.py)
FEW_COLOURS = 0.9  # share of pixels in the 16 most common colours for "few colours"
_spent = [0.0]


@dataclass(frozen=True, slots=True)
class Encoded:
    data: bytes  # what img2pdf embeds: JPEG, a Group 4 TIFF or a PNG
    kind: str  # "jpeg", "g4", "png", "palette"


def spent() -> float:
    """Seconds spent choosing and encoding in this process so far."""
    return _spent[0]


def is_jpeg(path: Path) -> bool:
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
    arr = np.asarray(img).astype(np.uint32)
    packed = (arr[..., 0] << 16) | (arr[..., 1] << 8) | arr[..., 2]
    colours, index = np.unique(packed, return_inverse=True)
    out = Image.fromarray(index.reshape(packed.shape).astype(np.uint8), "P")
    rgb = np.stack([(colours >> 16) & 255, (colours >> 8) & 255, colours & 255], axis=1).astype(np.uint8)
    out.putpalette(rgb.tobytes())
    return out


def _tag(dpi: int | None) -> dict[str, tuple[int, int]]:
    return {"dpi": (dpi, dpi)} if dpi else {}


def _png(img: Image.Image, dpi: int | None) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6, **_tag(dpi))
    return buf.getvalue()


def _g4(img: Image.Image, dpi: int | None) -> bytes:
    buf = io.BytesIO()
    img.convert("1").save(buf, format="TIFF", compression="group4", **_tag(dpi))
    return buf.getvalue()


def _jpeg(img: Image.Image, dpi: int | None, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True, **_tag(dpi))
    return buf.getvalue()


def picture(img: Image.Image, dpi: int | None, level: int, rendered: bool = False) -> Encoded:
    """Store ``img`` (RGB, L or 1) for a PDF page.  ``rendered``: drawn from a PDF page."""
    started = time.monotonic()
    try:
        return _choose(img, dpi, level, rendered)
    finally:
        _spent[0] += time.monotonic() - started


def _choose(img: Image.Image, dpi: int | None, level: int, rendered: bool) -> Encoded:
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


def recompress_jpegs(pdf: pikepdf.Pdf) -> int:
    """Level 2 for PDF inputs: JPEG pictures of the pages stored again at :data:`JPEG_LOSSY`
    when that saves at least 10 %; returns the bytes saved.  Other pictures are left alone."""
    import pikepdf

    started, saved, seen = time.monotonic(), 0, set()
    try:
        for page in pdf.pages:
            for _, raw in page.get_images().items():
                if raw.objgen in seen or raw.get("/Filter") != pikepdf.Name.DCTDecode:
                    continue
                seen.add(raw.objgen)
                if raw.get("/BitsPerComponent") != 8 or "/Decode" in raw or "/SMask" in raw:
                    continue
                if raw.get("/ColorSpace") not in (pikepdf.Name.DeviceGray, pikepdf.Name.DeviceRGB):
                    continue
                old = raw.read_raw_bytes()
                try:
                    with Image.open(io.BytesIO(old)) as img:
                        img.load()
                        new = _jpeg(img, None, JPEG_LOSSY)
                except (OSError, ValueError):
                    continue  # a JPEG Pillow cannot read stays as it is
                if len(new) < 0.9 * len(old):
                    raw.write(new, filter=pikepdf.Name.DCTDecode)
                    saved += len(old) - len(new)
    finally:
        _spent[0] += time.monotonic() - started
    return saved
