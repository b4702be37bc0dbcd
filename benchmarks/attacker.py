"""An independent attacker: tries to recover secrets from redacted outputs.

It shares no code with the tool's redaction: its own renderer calls (pdftoppm), its own
image tricks (re-threshold at several levels, autocontrast, invert, darkest channel, four
rotations, 30° turns), plain Tesseract, PP-OCR when ``rapidocr`` is installed, ``pdftotext``,
raw and decompressed bytes, metadata (PNG chunks, EXIF, XMP, ICC) and embedded thumbnails.
A secret counts as recovered when any reading contains it after folding case, width,
spaces, dashes and simplified/traditional forms.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import subprocess
import tempfile
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter, ImageOps

LEVELS = (90, 140, 180, 215, 240)


def norm(text: str) -> str:
    import opencc

    text = opencc.OpenCC("t2s").convert(unicodedata.normalize("NFKC", text)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


READINGS_KEPT = 4096  # readings remembered per process (their text only: a few MB at most)
_readings: OrderedDict[tuple[str, bytes], str] = OrderedDict()


def _once(key: tuple[str, bytes], read: Callable[[], str]) -> str:
    """``read()``, remembered by ``key``: the exact input a reader gets (the PNG file
    Tesseract opens, the pixel array PP-OCR takes) and how it reads it.  A view identical to
    one already read (the darkest channel of a grey page is the page itself; a PDF rendered to
    the pixels of the PNG output beside it) gets the same text without a second reading: both
    readers are deterministic on the same input (Tesseract single-threaded, PP-OCR's ONNX
    models), so what the attacker recovers is what reading it again would recover."""
    if key in _readings:
        _readings.move_to_end(key)
        return _readings[key]
    text = read()
    _readings[key] = text
    while len(_readings) > READINGS_KEPT:
        _readings.popitem(last=False)
    return text


def _digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part)
    return h.digest()


def _tesseract(img: Image.Image, lang: str, psm: int = 3) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    png = buf.getvalue()

    def read() -> str:
        with tempfile.NamedTemporaryFile(suffix=".png") as fh:
            fh.write(png)
            fh.flush()
            proc = subprocess.run(
                ["tesseract", fh.name, "-", "-l", lang, "--psm", str(psm)],
                capture_output=True,
                check=False,
                timeout=300,
                env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            )
        return proc.stdout.decode("utf-8", "replace")

    return _once((f"tesseract -l {lang} --psm {psm}", _digest(png)), read)


@lru_cache(maxsize=1)
def _rapid(factory: Any) -> Any:
    return factory()  # one engine for every view (the models load once)


def _ppocr(img: Image.Image) -> str:
    try:
        from rapidocr import RapidOCR  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return ""
    import logging

    import numpy as np

    pixels = np.asarray(img.convert("RGB"))

    def read() -> str:
        engine = _rapid(RapidOCR)
        logging.getLogger("RapidOCR").disabled = True  # model file names on every load: noise
        result = engine(pixels)
        return " ".join(getattr(result, "txts", None) or ())

    return _once(("ppocr", _digest(str(pixels.shape).encode(), pixels.tobytes())), read)


DOTS_JOINED = ((3, 200), (5, 200), (5, 170))  # (blur radius px at 300 DPI, threshold): dots into strokes
SHRINKS = (4, 8)  # a page shrunk this many times: half-inch to three-inch type read at text size
PALE = 235  # threshold of the shrunk page: pale type on white paper is ink


def views(img: Image.Image, thorough: bool) -> Iterator[Image.Image]:
    rgb = img.convert("RGB")
    gray = rgb.convert("L")
    yield gray
    darkest = Image.fromarray(__import__("numpy").asarray(rgb).min(axis=2))
    yield darkest
    for level in LEVELS:
        yield gray.point(lambda v, t=level: 0 if v < t else 255)
    yield ImageOps.autocontrast(gray, cutoff=2)
    yield ImageOps.invert(gray)
    if thorough:
        for deg in (90, 180, 270):
            yield gray.rotate(deg, expand=True, fillcolor=255)
        for deg in (30, -30):
            yield gray.rotate(deg, expand=True, fillcolor=255).point(lambda v: 0 if v < 200 else 255)
        for radius, level in DOTS_JOINED:  # dot-matrix print: the dots blurred into strokes
            yield gray.filter(ImageFilter.GaussianBlur(radius)).point(lambda v, t=level: 0 if v < t else 255)
        for k in SHRINKS:  # display type hundreds of pixels tall: shrunk to a size OCR reads
            small = gray.reduce(k)
            yield ImageOps.autocontrast(small, cutoff=2)
            yield small.point(lambda v: 0 if v < PALE else 255)


def _heavy(img: Image.Image) -> Image.Image | None:
    """The page's strokes over twice its typical stroke width, opened out of the rest, dark on
    white; None when there are hardly any."""
    import cv2
    import numpy as np

    ink = (np.asarray(img.convert("L")) < 160).astype(np.uint8)
    dist = cv2.distanceTransform(ink, cv2.DIST_L2, 3)
    ridge = (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8))) & (ink > 0)
    if not ridge.any():
        return None
    k = max(5, round(4 * float(np.median(dist[ridge])))) | 1
    heavy = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    if heavy.mean() < 0.001:
        return None
    return Image.fromarray(np.where(heavy > 0, 0, 255).astype(np.uint8)).convert("RGB")


def _pixels(path: Path) -> list[Image.Image]:
    if path.suffix == ".pdf":
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), f"{tmp}/p"], check=False, timeout=300)
            return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p*.png"))]
    with Image.open(path) as img:
        img.load()
        return [img.copy()]


def _metadata(path: Path) -> str:
    out: list[str] = []
    data = path.read_bytes()
    if path.suffix == ".pdf":
        import pikepdf

        proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
        out.append(proc.stdout.decode("utf-8", "replace"))
        with pikepdf.open(path) as pdf:
            out.append(repr(dict(pdf.docinfo.items())))
            for obj in pdf.objects:  # image samples are pixels: attacked as pixels, not as text
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != pikepdf.Name.Image:
                    try:
                        body = obj.read_bytes()
                    except pikepdf.PdfError:
                        continue
                    out.append(body.decode("latin-1"))
                    out.append(body.decode("utf-16-be", "replace"))
    else:
        with Image.open(path) as img:
            out.append(repr(img.info))
            out.append(repr(dict(img.getexif())))
        for chunk in data.split(b"IDAT")[:1]:
            out.append(chunk.decode("latin-1"))
        at = data.find(b"iCCP")
        if at >= 0:
            try:
                name_end = data.index(b"\0", at + 4)
                out.append(zlib.decompressobj().decompress(data[name_end + 2 : name_end + 200000]).decode("latin-1"))
            except (ValueError, zlib.error):
                pass
    out.append(data.decode("latin-1"))
    out.append(data.decode("utf-8", "replace"))
    return "\n".join(out)


def _thumbnails(path: Path) -> list[Image.Image]:
    """EXIF thumbnails (JPEG inside APP1) of an image output."""
    data = path.read_bytes()
    thumbs = []
    start = data.find(b"\xff\xd8", 4)
    while start > 0:
        end = data.find(b"\xff\xd9", start)
        if end < 0:
            break
        with contextlib.suppress(OSError):
            thumbs.append(Image.open(io.BytesIO(data[start : end + 2])).copy())
        start = data.find(b"\xff\xd8", end)
    return thumbs


def recovered(path: Path, secrets: tuple[str, ...], lang: str, thorough: bool = True) -> list[str]:
    """The secrets (of ``secrets``) that can be read back from one output file."""
    wanted = {s: norm(s) for s in secrets}
    texts: list[str] = []
    if path.suffix in (".txt", ".json", ".hocr"):
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    else:
        texts.append(_metadata(path))
        for img in [*_pixels(path), *_thumbnails(path)]:
            for view in views(img, thorough):
                texts.append(_tesseract(view, lang))
            texts.append(_ppocr(img))
            heavy = _heavy(img) if thorough else None
            if heavy is not None:  # a black stamp across black type: its strokes alone
                texts.append(_ppocr(heavy))
    found = []
    for secret, needle in wanted.items():
        if any(needle and needle in norm(t) for t in texts):
            found.append(secret)
    return found
