"""The engine seam: what the reading steps need from an OCR engine, and which one reads a page.

An :class:`OcrEngine` reads one page image file at a given resolution and languages into
lines of words (boxes in the image's pixels, confidence 0..1); an engine that can also be
handed a picture as pixels (``read_pixels``) is, and no file is written for it.  Tesseract
(:mod:`sandbox.engines.tesseract`) and PP-OCR (:mod:`sandbox.engines.ppocr`) implement it;
tests plug in a fake.  ``--engine auto`` gives Chinese to PP-OCR and everything else to
Tesseract (measured on real pages: ``benchmarks/bench_corpus.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sandbox.engines import ppocr
from sandbox.errors import UsageError
from sandbox.models import Line

if TYPE_CHECKING:
    from PIL import Image

ENGINES = ("auto", "tesseract", "ppocr")
HAN_LANGS = ("chi_sim", "chi_tra", "chi_sim_vert", "chi_tra_vert")


class OcrEngine(Protocol):
    name: str

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]: ...


def pixel_reader(engine: OcrEngine) -> Callable[..., list[Line]] | None:
    """The engine's way to read a picture handed over as pixels (``read_pixels``, same
    arguments as ``read`` with a Pillow image first), when it has one that can serve now."""
    found = getattr(engine, "read_pixels", None)
    ready = getattr(engine, "reads_pixels", None)  # Tesseract: only in process (the program needs a file)
    if found is None or (ready is not None and not ready()):
        return None
    return found  # type: ignore[no-any-return]


class Tesseract:
    name = "tesseract"

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]:
        from sandbox.engines import tesseract

        return tesseract.ocr_page(image, lang, dpi, timeout, display, page, psm=psm)

    def reads_pixels(self) -> bool:
        from sandbox.engines import tesseract

        return tesseract.in_process()  # the program needs a file

    def read_pixels(
        self, img: Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int
    ) -> list[Line]:
        from sandbox.engines import tesseract

        return tesseract.ocr_page(img, lang, dpi, timeout, display, page, psm=psm)


def check(name: str) -> str:
    """Validate ``--engine``; PP-OCR must be importable when asked for by name."""
    value = name.strip().lower()
    if value not in ENGINES:
        raise UsageError(f"--engine: choose from {', '.join(ENGINES)}")
    if value == "ppocr":
        ppocr.require()
    return value


def for_languages(choice: str, lang: str) -> OcrEngine:
    """The engine that reads a page in ``lang`` (resolved, never ``auto``) under ``--engine choice``."""
    if choice == "tesseract":
        return Tesseract()
    han = any(part in HAN_LANGS for part in lang.split("+"))
    if choice == "ppocr" or (han and ppocr.available()):
        return ppocr.PpOcr()
    return Tesseract()
