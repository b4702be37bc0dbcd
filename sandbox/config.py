"""The settings value object for an OCR run, built once at the CLI boundary."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sandbox.limits import Limits

DEFAULT_DPI = 300
MIN_TRUSTED_DPI = 70  # image DPI metadata below this (or missing) is not believed
MAX_TRUSTED_DPI = 2400
SCREEN_DPIS = (72, 96)  # screen and editor defaults: tags that measure nothing, read as no tag


@dataclass(frozen=True, slots=True)
class Steps:
    """Which clean-up steps may run (each can be switched off on the command line)."""

    rotate: bool = True
    deskew: bool = True
    scale: bool = True
    clean: bool = True

    @property
    def any(self) -> bool:
        """True when at least one clean-up step may run."""
        return self.rotate or self.deskew or self.scale or self.clean


def default_jobs() -> int:
    """The worker count by default: the CPUs this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How pages are read, from the options of the run; decided by the launcher and frozen."""

    lang: str = "eng"
    dpi: int = DEFAULT_DPI  # rendering DPI for PDF pages, assumed DPI for images without one
    force_ocr: bool = False
    jobs: int = field(default_factory=default_jobs)
    psm: int = 3
    keep_images: bool = False  # keep page images until the document is assembled (PDF output)
    password: str | None = None  # for encrypted PDFs (never logged)
    steps: Steps = field(default_factory=Steps)  # clean-up steps that may run when a page reads badly
    limits: Limits = field(default_factory=Limits)
    engine: str = "auto"  # auto (PP-OCR for Chinese, Tesseract otherwise), tesseract or ppocr
    optimize: int = 1  # how page pictures are stored in output PDFs (sandbox.compress)
