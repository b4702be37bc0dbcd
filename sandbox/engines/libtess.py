"""Tesseract in process, through ``tesserocr`` (its C++ API; the wheel carries Tesseract 5.5).

One engine per language set and page-segmentation mode is created in a worker on first use and
kept (at most :data:`KEPT` per worker): the models load once per worker, not once per page and
reading.  The models are the installed language packs (the ``tesseract`` program's own
``tessdata``).  Pictures are handed over as pixels: a page file decoded once by Pillow, a
picture the reading steps made (turned, scaled, cleaned) with no file between; the result is Tesseract's TSV.
A deadline (Tesseract's own monitor) bounds each reading; a reading that overruns it is an
error, as the program's timeout was.

The library's Tesseract (5.5) is newer than Debian 12's program (5.3): ~13 % faster on a
300-DPI page, and on the dev corpus it reads as well or better (``tests/test_libtess.py``).

The ``tesseract`` program is still used where the API cannot serve: listing the installed
languages, their folder and the version (``engines.tesseract``), and as the fallback when
``tesserocr`` cannot be imported (``SANDBOX_TESSERACT=program`` forces it).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import time
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from PIL import Image

from sandbox.imaging import flatten

KEPT = 4  # engines kept per worker (e.g. eng, chi_sim+eng, osd and one more)
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
L_SEVERITY_NONE = 6  # leptonica's environ.h
PIXEL_MODES = {"L": 1, "RGB": 3, "RGBA": 4}  # Pillow modes handed over as they are: bytes per pixel


class ReadFailed(Exception):
    """The library could not read this image (message says why; no document text)."""


class TimedOut(Exception):
    pass


def _quiet_leptonica(module: ModuleType) -> None:
    """Leptonica's own complaints ("box outside rectangle") would reach the user's terminal;
    failures come back as errors instead.  The wheel carries its own Leptonica: silence that one."""
    libs = Path(module.__file__ or "").parent.parent / "tesserocr.libs"
    for lib in sorted(libs.glob("libleptonica*.so*")):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(str(lib)).setMsgSeverity(L_SEVERITY_NONE)


@lru_cache(maxsize=1)
def _tesserocr() -> ModuleType | None:
    if os.environ.get("SANDBOX_TESSERACT") == "program":
        return None
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read once, when OpenMP loads
    try:
        import tesserocr
    except ImportError:  # no wheel for this platform: the program serves
        return None
    _quiet_leptonica(tesserocr)
    module: ModuleType = tesserocr
    return module


def available() -> bool:
    return _tesserocr() is not None


def version() -> str | None:
    """The in-process Tesseract's version (None when the program serves)."""
    module = _tesserocr()
    if module is None:
        return None
    first = str(module.tesseract_version()).split()
    return first[1] if len(first) > 1 else None


class Engine:
    """One initialised ``TessBaseAPI``: languages loaded once, reused for every page."""

    def __init__(self, module: ModuleType, lang: str, psm: int) -> None:
        from sandbox.engines.tesseract import tessdata

        oem = module.OEM.LSTM_ONLY if psm else module.OEM.DEFAULT  # OSD's model is not an LSTM
        try:
            self._api = module.PyTessBaseAPI(path=str(tessdata()) + os.sep, lang=lang, oem=oem, psm=psm)
        except RuntimeError:
            raise ReadFailed(f"Tesseract could not load the languages {lang}") from None
        # Tesseract's own messages ("Too few characters…") would land on the command's stderr
        self._api.SetVariable("debug_file", "/dev/null")

    def close(self) -> None:
        self._api.End()

    def _image(self, image: Path | Image.Image, dpi: int) -> bytes:
        """Give Tesseract the page as pixels (a file is decoded by Pillow first: tesserocr's own
        file reading would encode it again as PNG).  Tesseract does not copy them: the caller
        keeps the returned bytes alive until the reading ends."""
        self._api.SetVariable("user_defined_dpi", str(dpi))
        if isinstance(image, Path):
            try:
                with Image.open(image) as opened:
                    opened.load()
                    img = opened if opened.mode in PIXEL_MODES else flatten(opened)
            except (OSError, ValueError, Image.DecompressionBombError):
                raise ReadFailed("the page image could not be decoded") from None
        else:
            img = image if image.mode in PIXEL_MODES else flatten(image)
        img = img.convert("L") if img.mode == "1" else img
        depth = PIXEL_MODES[img.mode]
        data = img.tobytes()
        self._api.SetImageBytes(data, img.width, img.height, depth, img.width * depth)
        return data

    def tsv(self, image: Path | Image.Image, dpi: int, timeout: float) -> str:
        """The page's TSV (with the program's header line), or :class:`TimedOut`."""
        started = time.monotonic()  # the whole reading counts, as the program's did
        try:
            kept = self._image(image, dpi)
            left = timeout - (time.monotonic() - started)
            ok = self._api.Recognize(timeout=max(1, int(left * 1000)))
            spent = time.monotonic() - started
            if spent > timeout or (not ok and spent >= timeout * 0.9):
                raise TimedOut()
            if not ok:
                raise ReadFailed("recognition failed")
            text = str(self._api.GetTSVText(0))
            del kept
            return TSV_HEADER + text
        finally:
            self._api.Clear()

    def osd(self, image: Path | Image.Image, dpi: int) -> str:
        """Orientation and script, in the words of ``tesseract --psm 0`` (parsed by ``preprocess``)."""
        try:
            kept = self._image(image, dpi)
            found = self._api.DetectOrientationScript()
            del kept
        finally:
            self._api.Clear()
        if not found:
            raise ReadFailed("orientation detection found too little text")
        deg = int(found["orient_deg"])
        return (
            f"Orientation in degrees: {deg}\nRotate: {(360 - deg) % 360}\n"
            f"Orientation confidence: {found['orient_conf']:.2f}\nScript: {found['script_name']}\n"
            f"Script confidence: {found['script_conf']:.2f}\n"
        )


_engines: OrderedDict[tuple[str, int], Engine] = OrderedDict()


@atexit.register
def _close_all() -> None:
    """Free the engines at exit."""
    while _engines:
        _engines.popitem()[1].close()


def engine(lang: str, psm: int) -> Engine | None:
    """This worker's engine for ``lang`` and ``psm`` (created once), or None without the library."""
    module = _tesserocr()
    if module is None:
        return None
    key = (lang, psm)
    found = _engines.get(key)
    if found is None:
        found = _engines[key] = Engine(module, lang, psm)
        while len(_engines) > KEPT:
            _engines.popitem(last=False)[1].close()
    _engines.move_to_end(key)
    return found
