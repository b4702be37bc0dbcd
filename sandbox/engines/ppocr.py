"""PP-OCR through ``rapidocr`` (ONNX Runtime): the reader for Chinese, photos and screens.

The PP-OCRv6 detection and recognition models and the angle classifier ship inside the
``rapidocr`` wheel; nothing is downloaded (the sandbox has no network anyway).  One engine
per worker process, loaded on first use and kept, single-threaded (the pool gives the
parallelism).  The image (read from its file, or handed over by the reading steps) goes
in as pixels, and the result is turned into lines of words: Latin words as the engine splits
them, Han characters one per word (as Tesseract gives them).  The per-page timeout is an
interval timer in the worker.
"""

from __future__ import annotations

import importlib.util
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from sandbox.errors import LimitError, MissingToolError, PageError
from sandbox.geometry import union
from sandbox.models import BBox, Line, Word
from sandbox.text import is_cjk

if TYPE_CHECKING:
    from PIL import Image

INSTALL_HINT = "it is part of the project's dependencies: reinstall with bash scripts/bootstrap.sh"


def available() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("onnxruntime") is not None


def require() -> None:
    if not available():
        raise MissingToolError(f"PP-OCR (rapidocr with onnxruntime) is not installed; {INSTALL_HINT}")


@lru_cache(maxsize=1)
def _engine() -> Any:
    import logging

    from rapidocr import RapidOCR

    engine = RapidOCR(
        params={
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            # one line at a time: a batch is padded to its widest line, and on one thread that
            # padding is pure waste (recognition ~25 % faster on a page of Chinese, same text)
            "Rec.rec_batch_num": 1,
        }
    )
    # its log names model files, never text, but modules it imports lazily reset the level to
    # INFO: the logger is switched off instead (failures reach us as exceptions)
    logging.getLogger("RapidOCR").disabled = True
    return engine


@contextmanager
def _deadline(seconds: int, display: str, page: int) -> Iterator[None]:
    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise LimitError(
            f"{display} page {page + 1}: OCR took longer than {seconds} s (raise it with --limit ocr-timeout=N)",
            file=display,
            page=page,
        )

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except ValueError:  # not the main thread: no timer (the run's job timeout still holds)
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class PpOcr:
    name = "ppocr"

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]:
        """``lang`` and ``psm`` do not steer PP-OCR (its model reads Chinese and English)."""
        from PIL import Image

        require()
        try:
            with Image.open(image) as opened:
                img = opened.convert("RGB")
        except (OSError, ValueError) as exc:
            raise PageError(f"{display} page {page + 1}: cannot decode the page image ({type(exc).__name__})") from None
        return self.read_pixels(img, lang, dpi, timeout, display, page, psm)

    def reads_pixels(self) -> bool:
        """Always: the model takes pixels (a file is only decoded into them)."""
        return True

    def read_pixels(
        self, img: Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int
    ) -> list[Line]:
        import numpy as np

        require()
        pixels = np.asarray(img if img.mode == "RGB" else img.convert("RGB"))
        with _deadline(timeout, display, page):
            try:
                result = _engine()(pixels[:, :, ::-1].copy(), return_word_box=True)  # the engine wants BGR
            except (MemoryError, LimitError):  # out of memory, or the deadline
                raise
            except Exception as exc:
                raise PageError(f"{display} page {page + 1}: PP-OCR failed ({type(exc).__name__})") from None
        texts = getattr(result, "txts", None) or ()
        words = getattr(result, "word_results", None) or ()
        scores = getattr(result, "scores", None) or ()
        lines = []
        for n, (text, pieces, score) in enumerate(zip(texts, words, scores, strict=False)):
            line = to_line(str(text), pieces, float(score), n)
            if line is not None:
                lines.append(line)
        return lines


def _box(quad: Sequence[Sequence[float]]) -> BBox:
    xs = [round(float(p[0])) for p in quad]
    ys = [round(float(p[1])) for p in quad]
    return BBox(min(xs), min(ys), max(max(xs), min(xs) + 1), max(max(ys), min(ys) + 1))


def to_line(text: str, pieces: Sequence[Any], score: float, block: int) -> Line | None:
    """One detected line as words: the engine's pieces, with Latin runs it split into single
    letters joined again where the line's text has no space between them."""
    merged: list[tuple[str, float, BBox]] = []
    pos = 0
    for piece in pieces:
        piece_text, conf, quad = str(piece[0]), float(piece[1]), piece[2]
        found = text.find(piece_text, pos)
        gap = text[pos:found] if found >= 0 else " "
        pos = found + len(piece_text) if found >= 0 else pos
        box = _box(quad)
        latin = not any(is_cjk(ch) for ch in piece_text)
        if merged and latin and not gap and not any(is_cjk(ch) for ch in merged[-1][0]):
            prev_text, prev_conf, prev_box = merged[-1]
            merged[-1] = (prev_text + piece_text, min(prev_conf, conf), union([prev_box, box]))
        else:
            merged.append((piece_text, conf, box))
    words = tuple(Word(t, b, round(max(0.0, min(1.0, c if c > 0 else score)), 4)) for t, c, b in merged if t.strip())
    if not words:
        return None
    return Line(words, union(w.bbox for w in words), block, 0)
