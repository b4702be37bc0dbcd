"""Tesseract in-process, through its C API (``libtesseract.so.5``, the library the
``tesseract`` program itself runs on, so the readings are the program's, byte for byte).

One engine per language set and page-segmentation mode is created in a worker on first use and
kept (at most :data:`KEPT` per worker): the models load once per worker, not once per page and
reading.  A page file is read by Leptonica, as the program reads it; a picture the reading
steps made (turned, scaled, cleaned) is handed over as pixels, with no file between; the result
is the program's TSV.  A deadline (Tesseract's own monitor) bounds each reading; a reading that
overruns it is an error, as the program's timeout was.

The ``tesseract`` program is still used where the API cannot serve: listing the installed
languages and the version (``engines.tesseract.languages``/``version``), and as the fallback
when the library cannot be loaded (``SANDBOX_TESSERACT=program`` forces it).
"""

from __future__ import annotations

import atexit
import ctypes
import os
import time
from collections import OrderedDict
from ctypes import POINTER, byref, c_bool, c_char_p, c_float, c_int, c_void_p
from functools import lru_cache
from pathlib import Path

from PIL import Image

from sandbox.imaging import flatten

KEPT = 4  # engines kept per worker (e.g. eng, chi_sim+eng, osd and one more)
OEM_LSTM_ONLY = 1
PSM_OSD_ONLY = 0
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


class ReadFailed(Exception):
    """The library could not read this image (message says why; no document text)."""


L_SEVERITY_NONE = 6  # leptonica's environ.h
PIXEL_MODES = {"L": 1, "RGB": 3, "RGBA": 4}  # Pillow modes handed over as they are: bytes per pixel


class TimedOut(Exception):
    """Recognition of one page passed its deadline; the caller turns it into a ``LimitError``."""

    pass


class _Lib:
    def __init__(self) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read once, when OpenMP loads
        tess = ctypes.CDLL("libtesseract.so.5")
        lept = ctypes.CDLL("liblept.so.5")
        sig = {
            "TessBaseAPICreate": ([], c_void_p),
            "TessBaseAPIDelete": ([c_void_p], None),
            "TessBaseAPIInit2": ([c_void_p, c_char_p, c_char_p, c_int], c_int),
            "TessBaseAPISetVariable": ([c_void_p, c_char_p, c_char_p], c_bool),
            "TessBaseAPISetPageSegMode": ([c_void_p, c_int], None),
            "TessBaseAPISetImage2": ([c_void_p, c_void_p], None),
            "TessBaseAPISetImage": ([c_void_p, c_char_p, c_int, c_int, c_int, c_int], None),
            "TessBaseAPIRecognize": ([c_void_p, c_void_p], c_int),
            "TessBaseAPIGetTsvText": ([c_void_p, c_int], c_void_p),
            "TessBaseAPIDetectOrientationScript": (
                [c_void_p, POINTER(c_int), POINTER(c_float), POINTER(c_char_p), POINTER(c_float)],
                c_bool,
            ),
            "TessBaseAPIClear": ([c_void_p], None),
            "TessDeleteText": ([c_void_p], None),
            "TessMonitorCreate": ([], c_void_p),
            "TessMonitorDelete": ([c_void_p], None),
            "TessMonitorSetDeadlineMSecs": ([c_void_p, c_int], None),
            "TessVersion": ([], c_char_p),
        }
        for name, (args, res) in sig.items():
            fn = getattr(tess, name)
            fn.argtypes, fn.restype = args, res
        lept.pixRead.argtypes, lept.pixRead.restype = [c_char_p], c_void_p
        lept.pixDestroy.argtypes, lept.pixDestroy.restype = [POINTER(c_void_p)], None
        lept.setMsgSeverity.argtypes, lept.setMsgSeverity.restype = [c_int], c_int
        lept.setMsgSeverity(L_SEVERITY_NONE)  # Leptonica's own complaints ("box outside rectangle")
        self.tess, self.lept = tess, lept  # would reach the user's terminal; failures come back as errors


_program: bool | None = None  # set from the request in the run (None: not told, e.g. doctor)


def use_program(program: bool | None) -> None:
    """Read with the program (True) or the library when it loads (False): the request's
    ``tesseract_program``, so that the sandboxed run never reads ``SANDBOX_TESSERACT`` itself
    (None: not told; outside a run, e.g. ``doctor``, the environment decides)."""
    global _program
    _program = program
    _lib.cache_clear()


@lru_cache(maxsize=1)
def _lib() -> _Lib | None:
    told = _program if _program is not None else os.environ.get("SANDBOX_TESSERACT") == "program"
    if told:
        return None
    try:
        return _Lib()
    except (OSError, AttributeError):  # no library (or an old one): the program serves
        return None


def available() -> bool:
    """True when libtesseract and Leptonica load in this process (checked once, then cached)."""
    return _lib() is not None


def version() -> str | None:
    """The in-process library's version (None when the program serves)."""
    lib = _lib()
    return None if lib is None else (lib.tess.TessVersion() or b"").decode("ascii", "replace") or None


class Engine:
    """One initialised ``TessBaseAPI``: languages loaded once, reused for every page."""

    def __init__(self, lib: _Lib, lang: str, psm: int) -> None:
        self._lib = lib
        self._handle = lib.tess.TessBaseAPICreate()
        if lib.tess.TessBaseAPIInit2(self._handle, None, lang.encode(), OEM_LSTM_ONLY if psm else 3) != 0:
            lib.tess.TessBaseAPIDelete(self._handle)
            raise ReadFailed(f"Tesseract could not load the languages {lang}")
        lib.tess.TessBaseAPISetPageSegMode(self._handle, psm)
        # Tesseract's own messages ("Too few characters…") would land on the command's stderr
        lib.tess.TessBaseAPISetVariable(self._handle, b"debug_file", b"/dev/null")

    def close(self) -> None:
        """Free the ``TessBaseAPI``; the engine must not be used afterwards."""
        self._lib.tess.TessBaseAPIDelete(self._handle)

    def _image(self, image: Path | Image.Image, dpi: int) -> c_void_p | None:
        """Give Tesseract the page: a file read by Leptonica (its Pix returned, to be destroyed
        after the reading), or pixels it copies (None returned)."""
        self._lib.tess.TessBaseAPISetVariable(self._handle, b"user_defined_dpi", str(dpi).encode())
        if not isinstance(image, Path):
            img = image if image.mode in PIXEL_MODES else flatten(image)
            img = img.convert("L") if img.mode == "1" else img
            depth = PIXEL_MODES[img.mode]
            self._lib.tess.TessBaseAPISetImage(
                self._handle, img.tobytes(), img.width, img.height, depth, img.width * depth
            )
            return None
        pix = c_void_p(self._lib.lept.pixRead(os.fsencode(image)))
        if not pix.value:
            raise ReadFailed("the page image could not be decoded")
        self._lib.tess.TessBaseAPISetImage2(self._handle, pix)
        return pix

    def _done(self, pix: c_void_p | None) -> None:
        self._lib.tess.TessBaseAPIClear(self._handle)
        if pix is not None:
            self._lib.lept.pixDestroy(byref(pix))

    def tsv(self, image: Path | Image.Image, dpi: int, timeout: float) -> str:
        """The page's TSV (with the program's header line), or :class:`TimedOut`."""
        tess = self._lib.tess
        started = time.monotonic()  # the whole reading counts, as the program's did
        pix = self._image(image, dpi)
        monitor = tess.TessMonitorCreate()
        try:
            left = timeout - (time.monotonic() - started)
            tess.TessMonitorSetDeadlineMSecs(monitor, max(1, int(left * 1000)))
            status = tess.TessBaseAPIRecognize(self._handle, monitor)
            spent = time.monotonic() - started
            if spent > timeout or (status != 0 and spent >= timeout * 0.9):
                raise TimedOut()
            if status != 0:
                raise ReadFailed("recognition failed")
            text = tess.TessBaseAPIGetTsvText(self._handle, 0)
            try:
                return TSV_HEADER + (ctypes.string_at(text).decode("utf-8", "replace") if text else "")
            finally:
                if text:
                    tess.TessDeleteText(text)
        finally:
            tess.TessMonitorDelete(monitor)
            self._done(pix)

    def osd(self, image: Path | Image.Image, dpi: int) -> str:
        """Orientation and script, in the words of ``tesseract --psm 0`` (parsed by ``preprocess``)."""
        pix = self._image(image, dpi)
        deg, deg_conf, script, script_conf = c_int(), c_float(), c_char_p(), c_float()
        try:
            ok = self._lib.tess.TessBaseAPIDetectOrientationScript(
                self._handle, byref(deg), byref(deg_conf), byref(script), byref(script_conf)
            )
        finally:
            self._done(pix)
        if not ok:
            raise ReadFailed("orientation detection found too little text")
        name = (script.value or b"").decode("ascii", "replace")
        return (
            f"Orientation in degrees: {deg.value}\nRotate: {(360 - deg.value) % 360}\n"
            f"Orientation confidence: {deg_conf.value:.2f}\nScript: {name}\n"
            f"Script confidence: {script_conf.value:.2f}\n"
        )


_engines: OrderedDict[tuple[str, int], Engine] = OrderedDict()


@atexit.register
def _close_all() -> None:
    """Free the engines at exit (else Tesseract's object cache reports them as leaks)."""
    while _engines:
        _engines.popitem()[1].close()


def engine(lang: str, psm: int) -> Engine | None:
    """This worker's engine for ``lang`` and ``psm`` (created once), or None without the library."""
    lib = _lib()
    if lib is None:
        return None
    key = (lang, psm)
    found = _engines.get(key)
    if found is None:
        found = _engines[key] = Engine(lib, lang, psm)
        while len(_engines) > KEPT:
            _engines.popitem(last=False)[1].close()
    _engines.move_to_end(key)
    return found
