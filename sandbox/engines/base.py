"""The engine seam: what the reading steps need from an OCR engine, and which one reads a page.

An :class:`OcrEngine` reads one page image file at a given resolution and languages into
lines of words (boxes in the image's pixels, confidence 0..1); an engine whose
``reads_pixels()`` is true can also be handed a picture as pixels (``read_pixels``), and no
file is written for it.  Tesseract (:mod:`sandbox.engines.tesseract`) and PP-OCR
(:mod:`sandbox.engines.ppocr`) implement it; tests plug in a fake through the registry.

The engines are one registry (:func:`register`), the single source of ``--engine``'s choices
and help and of ``--engine auto``'s choice: the first available engine registered for one of
the page's languages (``auto_for``), else the first one registered.  ``auto`` gives Chinese to
PP-OCR and everything else to Tesseract (measured on real pages: ``benchmarks/bench_corpus.py``).
Adding an engine is one module and one :func:`register` call below (``docs/architecture.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sandbox.engines import ppocr
from sandbox.errors import UsageError
from sandbox.models import Line

if TYPE_CHECKING:
    from PIL import Image

AUTO = "auto"
HAN_LANGS = ("chi_sim", "chi_tra", "chi_sim_vert", "chi_tra_vert")


class OcrEngine(Protocol):
    """One page at a time: ``read`` a page image file; ``read_pixels`` the same from a Pillow
    image, to be called only when ``reads_pixels()`` is true (an engine that cannot answers
    False and raises)."""

    name: str

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]:
        """Read the page image file ``image`` into lines in reading order, boxes in its pixels.

        Raises ``PageError`` when the page cannot be read, ``LimitError`` when ``timeout`` seconds
        pass, ``MissingToolError`` when the engine is not installed. ``display`` and ``page``
        (0-based) only name the page in those messages.
        """
        ...

    def reads_pixels(self) -> bool:
        """True when ``read_pixels`` may be called (the page need not be written to a file first)."""
        ...

    def read_pixels(
        self, img: Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int
    ) -> list[Line]:
        """As ``read``, from decoded pixels; only called when ``reads_pixels()`` is True."""
        ...


def pixel_reader(engine: OcrEngine) -> Callable[..., list[Line]] | None:
    """The engine's way to read a picture handed over as pixels (``read_pixels``, same
    arguments as ``read`` with a Pillow image first), when it can serve now."""
    return engine.read_pixels if engine.reads_pixels() else None


def _always() -> bool:
    return True


def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Engine:
    """A registered engine: its ``--engine`` name, ``title`` and ``help`` for the option's help,
    ``make`` (a new :class:`OcrEngine`), ``available`` (can it run here), ``require`` (raise a
    one-line error when it cannot; asked when the user names it), and ``auto_for``: the
    languages ``--engine auto`` gives it when available (``auto_label`` names them in the help)."""

    name: str
    title: str
    make: Callable[[], OcrEngine]
    help: str = ""
    available: Callable[[], bool] = _always
    require: Callable[[], None] = _nothing
    auto_for: tuple[str, ...] = ()
    auto_label: str = ""  # what ``auto_for`` is, in the option's help ("Chinese")


_ENGINES: dict[str, Engine] = {}


def register(engine: Engine) -> Engine | None:
    """Add an engine, or replace the one of that name; returns the one replaced (None if new)."""
    if engine.name == AUTO:
        raise ValueError("'auto' is not an engine's name")
    previous = _ENGINES.get(engine.name)
    _ENGINES[engine.name] = engine
    return previous


def unregister(name: str) -> None:
    """Remove an engine (tests that register a toy one)."""
    _ENGINES.pop(name, None)


def engines() -> tuple[Engine, ...]:
    """Every registered engine, the default (the first registered) first."""
    return tuple(_ENGINES.values())


def choices() -> tuple[str, ...]:
    """``--engine``'s choices: ``auto`` and every registered engine."""
    return (AUTO, *_ENGINES)


def option_help() -> str:
    """``--engine``'s help, from the registry."""
    default, *others = engines()
    auto = ", ".join(f"{e.title} for {e.auto_label or '/'.join(e.auto_for)}" for e in others if e.auto_for)
    auto = f"{auto}, {default.title} for the rest" if auto else default.title
    named = [f"{e.name} ({e.help})" if e.help else e.name for e in engines()]
    return f"OCR engine: auto ({auto}), {', '.join(named[:-1])}, or {named[-1]}."


class Tesseract:
    """Tesseract: the program, or the library in process (:mod:`sandbox.engines.tesseract`)."""

    name = "tesseract"

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]:
        """Read the page file with Tesseract (in process when the library loads, else the program)."""
        from sandbox.engines import tesseract

        return tesseract.ocr_page(image, lang, dpi, timeout, display, page, psm=psm)

    def reads_pixels(self) -> bool:
        """True only in process: the ``tesseract`` program needs a file."""
        from sandbox.engines import tesseract

        return tesseract.in_process()  # the program needs a file

    def read_pixels(
        self, img: Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int
    ) -> list[Line]:
        """Read decoded pixels with the in-process library; errors as for ``read``."""
        from sandbox.engines import tesseract

        return tesseract.ocr_page(img, lang, dpi, timeout, display, page, psm=psm)


def check(name: str) -> str:
    """Validate ``--engine``; an engine asked for by name must be able to run here."""
    value = name.strip().lower()
    if value != AUTO and value not in _ENGINES:
        raise UsageError(f"--engine: choose from {', '.join(choices())}")
    if value != AUTO:
        _ENGINES[value].require()
    return value


def for_languages(choice: str, lang: str) -> OcrEngine:
    """The engine that reads a page in ``lang`` (resolved, never ``auto``) under ``--engine choice``:
    the one named, or for ``auto`` the first available one registered for one of ``lang``'s
    languages, else the default (the first registered)."""
    if choice != AUTO:
        return _ENGINES[choice].make()
    parts = lang.split("+")
    for engine in _ENGINES.values():
        if engine.auto_for and any(part in engine.auto_for for part in parts) and engine.available():
            return engine.make()
    return engines()[0].make()


# The built-in engines; the first is the default.  A new engine: one more register() call.
register(Engine("tesseract", "Tesseract", Tesseract))
register(
    Engine(
        "ppocr", "PP-OCR", ppocr.PpOcr, help="PP-OCR for every page: photos, screenshots",
        available=ppocr.available, require=ppocr.require, auto_for=HAN_LANGS, auto_label="Chinese",
    )
)  # fmt: skip
