"""PP-OCR through ``rapidocr`` (ONNX Runtime): the reader for Chinese, photos and screens.

The PP-OCRv6 detection and recognition models and the angle classifier ship inside the
``rapidocr`` wheel; nothing is downloaded (the sandbox has no network anyway).  One engine
per worker process, loaded on first use and kept, single-threaded (the pool gives the
parallelism).  Its cost is set by what the page needs (``benchmarks/bench_ppocr_profile.py``):
detection runs at the resolution the measured text height asks for (:func:`detection_size`:
not a fixed 2,000 px for pages, not 736 px on the short side of a line image), recognition reads one line at
a time (batches are padded to their widest line: slower on one thread, measured), and the
angle classifier runs only when the reading without it is in doubt (that second pass reuses the
first's detection).  The image (read from
its file, or handed over by the reading steps) goes in as pixels, and the result is turned
into lines of words: Latin words as the engine splits them, Han characters one per word (as
Tesseract gives them).  The per-page timeout is an interval timer in the worker.
"""

from __future__ import annotations

import copy
import importlib.util
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
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
    """True when rapidocr and onnxruntime can be imported; nothing is imported to find out."""
    return importlib.util.find_spec("rapidocr") is not None and importlib.util.find_spec("onnxruntime") is not None


def require() -> None:
    """Return quietly when PP-OCR is usable; else raise ``MissingToolError`` naming what to install."""
    if not available():
        raise MissingToolError(f"PP-OCR (rapidocr with onnxruntime) is not installed; {INSTALL_HINT}")


MODEL_LIST = "default_models.yaml"  # rapidocr's list of every runtime's models
RUNTIME = "onnxruntime"  # the one runtime whose models are looked up here


def model_list(path: Path) -> dict[str, Any]:
    """rapidocr's model list as data, parsed by libyaml (when PyYAML has it)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=loader)  # a safe loader (the C one when PyYAML has it)
    return data


@contextmanager
def _model_list_given(make: Callable[[Path], Any]) -> Iterator[None]:
    """While it holds, ``OmegaConf.load`` of rapidocr's model list returns ``make(path)``;
    every other file loads as before, and ``OmegaConf.load`` is put back as it was."""
    from omegaconf import OmegaConf

    original = vars(OmegaConf)["load"]  # the staticmethod itself
    real = OmegaConf.load

    def load(file: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).name == MODEL_LIST:
            return make(Path(file))
        return real(file)

    OmegaConf.load = staticmethod(load)  # type: ignore[assignment,method-assign]
    try:
        yield
    finally:
        OmegaConf.load = original  # type: ignore[method-assign]


def _import_rapidocr() -> Any:
    """``rapidocr.RapidOCR``, imported at a third of its cost.  rapidocr loads its model list
    (85 KB of YAML: every runtime's models and languages) into OmegaConf twice as it is
    imported, in pure Python: ~0.3 s of CPU, most of PP-OCR's start in a one-page command.
    Here the list is parsed once, by libyaml; the module routing languages to models (which
    reads it with ``.get`` only) is handed it as data, and the inference sessions (which look
    a model file up with ``OmegaConf.select``) ONNX Runtime's part as a read-only config."""
    from omegaconf import OmegaConf

    parsed = cache(model_list)

    def runtime_only(path: Path) -> Any:
        config = OmegaConf.create({RUNTIME: parsed(path)[RUNTIME]})
        OmegaConf.set_readonly(config, True)
        return config

    with _model_list_given(parsed):
        import rapidocr.utils.model_resolver  # noqa: F401 - loaded now, with the list as data
    with _model_list_given(runtime_only):
        from rapidocr import RapidOCR
    return RapidOCR


@lru_cache(maxsize=1)
def _engine() -> Any:
    import logging

    engine = _import_rapidocr()(
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


DET_TEXT_HEIGHT = 12.0  # pixels of text height detection needs (clean and degraded pages read alike)
MIN_DET_SIDE = 960  # detection never shrinks a page's longer side below this
DEFAULT_DET = (736, "min")  # rapidocr's own detection size (pages of unknown text height)
SMALL_TEXT_HEIGHT = 32.0  # a small picture's text is enlarged to this for detection, no more
AS_DRAWN_DET = 0.5  # a mosaic's tiles (text at views.TARGET_HEIGHT, 44 px) are detected at half size
MAX_SIDE = 2000  # rapidocr's own preprocessing bound (recognition crops come from that image)
SURE_SCORE = 0.85  # a reading whose lines score this on average needs no angle classifier


def detection_size(size: tuple[int, int], text_height: float | None, as_drawn: bool = False) -> tuple[int, str]:
    """Detection's size limit and its kind (rapidocr's ``limit_side_len``/``limit_type``) for a
    picture of ``size`` whose text is ``text_height`` pixels high.  ``as_drawn``: a picture
    made with its text at a size that reads well (a mosaic of view tiles, text about 44 px)
    is never enlarged (a tall narrow mosaic was enlarged until its narrow side was 736 px:
    five times, 40 s of a page's redaction, its text 200 px high) and is detected at
    :data:`AS_DRAWN_DET` of its size, not below :data:`MIN_DET_SIDE` nor above the engine's
    bound: its text is then still twice what detection needs, and detection, which had taken
    18 of a band page's 35 s, takes a quarter of that (recognition reads the full-size tiles).
    Otherwise a page whose text is larger than detection needs is shrunk to
    :data:`DET_TEXT_HEIGHT` (its longer side ``max``); a small picture (a line, a label) is
    enlarged only until its text is :data:`SMALL_TEXT_HEIGHT` high (its shorter side ``min``),
    not to the engine's fixed 736 px, which made a one-line image thousands of pixels wide;
    unknown text: the engine's own."""
    if as_drawn:
        longest = max(size)
        return min(MAX_SIDE, max(min(longest, MIN_DET_SIDE), round(longest * AS_DRAWN_DET))), "max"
    if text_height is None or text_height <= 0:
        return DEFAULT_DET
    longest, shortest = max(size), min(size)
    side = max(MIN_DET_SIDE, round(longest * DET_TEXT_HEIGHT / text_height))
    if side < min(longest, MAX_SIDE):
        return side, "max"
    if longest > MAX_SIDE:  # a large page of small text: the engine's own bound
        return DEFAULT_DET
    grow = min(max(1.0, SMALL_TEXT_HEIGHT / text_height), MAX_SIDE / longest)
    return max(32, round(shortest * grow)), "min"


def _worth(result: Any) -> float:
    """Confident characters of a raw engine result."""
    texts = getattr(result, "txts", None) or ()
    scores = getattr(result, "scores", None) or ()
    return sum(float(sc) * len(str(t)) for t, sc in zip(texts, scores, strict=False))


def _in_doubt(result: Any) -> bool:
    """Lines were found, and they score low on average (a line upside down reads as debris)."""
    scores = [float(sc) for sc in getattr(result, "scores", None) or ()]
    return bool(scores) and sum(scores) / len(scores) < SURE_SCORE


ORIENTATION_SAMPLES = 8  # lines the angle classifier looks at to tell a page upside down
TURNED_SCORE = 0.9  # the classifier's score for "180" that counts (rapidocr's own threshold)


def upside_down(img: Image.Image, boxes: Sequence[BBox]) -> bool:
    """Whether most of the page's lines (``boxes`` of horizontal lines in ``img``) are upside
    down, by the angle classifier on a piece of each (its input is 4:1; a whole line squashed
    into it reads as noise).  A page turned by 180° reads as confident nonsense, line by line:
    this is the cheap test for it (a few milliseconds, not an OSD pass)."""
    import numpy as np

    require()
    pieces = []
    for box in sorted(boxes, key=lambda b: -b.width)[:ORIENTATION_SAMPLES]:
        x1 = min(box.x1, box.x0 + 4 * box.height)
        piece = img.crop((box.x0, box.y0, x1, box.y1)).convert("RGB")
        if piece.width >= piece.height >= 8:
            pieces.append(np.asarray(piece)[:, :, ::-1].copy())
    if not pieces:
        return False
    verdicts = _engine()._load_cls_model()(pieces).cls_res or []
    turned = sum(1 for label, score in verdicts if "180" in str(label) and float(score) >= TURNED_SCORE)
    return turned > len(pieces) / 2


class PpOcr:
    """PP-OCR; ``text_height`` (median glyph height of the picture it will be handed, from
    :mod:`sandbox.ink`) sets the detection resolution; ``as_drawn``: the pictures are made at
    a text size that reads well (view mosaics) and are detected as they are."""

    name = "ppocr"

    def __init__(self, text_height: float | None = None, as_drawn: bool = False) -> None:
        self.text_height = text_height
        self.as_drawn = as_drawn

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
        """Read RGB pixels with PP-OCR into one line per text region, word boxes in page pixels.

        Raises ``MissingToolError`` when not installed, ``LimitError`` past ``timeout`` seconds, and ``PageError``
        (type of failure only, never text) when the model fails.
        """
        import numpy as np

        require()
        pixels = np.asarray(img if img.mode == "RGB" else img.convert("RGB"))
        bgr = pixels[:, :, ::-1].copy()  # the engine wants BGR
        engine = _engine()
        detector = engine._load_det_model()  # loaded once; its size is set per page
        detector.limit_side_len, detector.limit_type = detection_size(img.size, self.text_height, self.as_drawn)
        with _deadline(timeout, display, page), _detected_once(engine, detector):
            try:
                result = engine(bgr, return_word_box=True, use_cls=False)
                if _in_doubt(result):
                    turned = engine(bgr, return_word_box=True, use_cls=True)
                    result = turned if _worth(turned) > _worth(result) else result
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


class _Remembered:
    """A text detector that gives its last result again for the same pixels: the angle
    classifier's second pass over a page in doubt reuses the first pass's detection (the same
    image, preprocessed alike, at the same size limit): the same lines, found once (a page
    upside down read 24 % faster).  Each caller gets its own copy (the engine maps
    the boxes it is given in place)."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector
        self.last: tuple[Any, Any] | None = None

    def __call__(self, img: Any) -> Any:
        import numpy as np

        if self.last is not None and self.last[0].shape == img.shape and np.array_equal(self.last[0], img):
            return copy.deepcopy(self.last[1])
        out = self.detector(img)
        self.last = (img.copy(), copy.deepcopy(out))
        return out


@contextmanager
def _detected_once(engine: Any, detector: Any) -> Iterator[None]:
    """``engine`` with ``detector`` remembered (:class:`_Remembered`) for one page's passes."""
    engine.text_det = _Remembered(detector)
    try:
        yield
    finally:
        engine.text_det = detector


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
