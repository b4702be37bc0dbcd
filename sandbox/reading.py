"""Reading one page image well: a plain Tesseract pass, and a rescue pass only when needed.

Clean upright pages read well the first time and cost nothing more.  A page that reads badly
(low confidence, little text, tilted lines) is turned upright (Tesseract's OSD, or trying the
four orientations when OSD is unsure), deskewed, cleaned when faint or tinted, enlarged when
its text is small, and read again; the better reading wins.  ``-l auto`` picks the languages
from the script OSD sees (Han: simplified or traditional by a trial read; else English).
Boxes always refer to the upright page at the input's resolution.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from sandbox import preprocess as pp
from sandbox.config import Steps
from sandbox.engines import tesseract
from sandbox.errors import PageError
from sandbox.geometry import scale as scale_box
from sandbox.models import Line, Page, PageSource, Word

GOOD_CONF = 0.75  # mean word confidence of a reading that needs no rescue
MAX_SKEW = 1.5  # degrees of line tilt a reading tolerates
OSD_MIN_CONF = 2.0  # below this OSD's orientation is not trusted
AUTO = "auto"
LOW_DPI = 200  # below this the page is read at twice its size
LOW_DPI_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Reading:
    page: Page
    upright: Image.Image | None  # the transformed page (rotation/deskew) at input resolution


def score(page: Page) -> float:
    """Confident characters: what a reading is worth."""
    return sum(w.conf * len(w.text) for w in page.words)


def mean_conf(page: Page) -> float:
    words = page.words
    return sum(w.conf for w in words) / len(words) if words else 0.0


def line_skew(page: Page) -> float:
    """Median tilt (degrees) of lines with three or more words, from their word boxes."""
    angles = []
    for line in page.lines:
        ws = line.words
        if len(ws) < 3:
            continue
        xs = [(w.bbox.x0 + w.bbox.x1) / 2 for w in ws]
        ys = [float(w.bbox.y1) for w in ws]
        dx = xs[-1] - xs[0]
        if dx > 50:
            slope = statistics.linear_regression(xs, ys).slope
            angles.append(-slope * 57.2958)
    return statistics.median(angles) if angles else 0.0


def sideways(page: Page) -> bool:
    """Tesseract can read a page turned by 90° line by line, with tall word boxes: the
    reading is right but its boxes do not refer to the upright page."""
    latin = [w for w in page.words if len(w.text) >= 4 and w.text.isascii()]
    tall = [w for w in latin if w.bbox.height > 1.5 * w.bbox.width]
    return len(latin) >= 5 and len(tall) > len(latin) / 2


def reads_well(page: Page) -> bool:
    return (
        len(page.words) >= 3
        and mean_conf(page) >= GOOD_CONF
        and abs(line_skew(page)) <= MAX_SKEW
        and not sideways(page)
    )


class Reader:
    """Reads the images of one page task (OCR settings, where to put scratch files)."""

    def __init__(self, lang: str, psm: int, timeout: int, display: str, index: int, scratch: Path, steps: Steps):
        self.lang, self.psm, self.timeout = lang, psm, timeout
        self.display, self.index, self.scratch, self.steps = display, index, scratch, steps
        self._n = 0

    def _file(self, img: Image.Image, dpi: int) -> Path:
        self._n += 1
        path = self.scratch / f"read-{self.index + 1:05d}-{self._n}.png"
        img.save(path, format="PNG", dpi=(dpi, dpi), compress_level=1)
        return path

    def ocr(self, image: Path, width: int, height: int, dpi: int, lang: str) -> Page:
        lines = tesseract.ocr_page(image, lang, dpi, self.timeout, self.display, self.index, psm=self.psm)
        return Page(self.index, width, height, dpi, PageSource.OCR, tuple(lines), lang)

    def ocr_image(self, img: Image.Image, dpi: int, lang: str) -> Page:
        path = self._file(img, dpi)
        try:
            return self.ocr(path, img.width, img.height, dpi, lang)
        finally:
            path.unlink(missing_ok=True)

    def osd(self, img: Image.Image, dpi: int) -> pp.Osd | None:
        half = img.resize((max(1, img.width // 2), max(1, img.height // 2)), Image.Resampling.BILINEAR)
        path = self._file(half, max(1, dpi // 2))
        try:
            return pp.parse_osd(tesseract.osd(path, max(1, dpi // 2), self.timeout))
        except PageError:
            return None  # too little text for OSD: fall back
        finally:
            path.unlink(missing_ok=True)

    def languages(self, img: Image.Image, dpi: int) -> str:
        """``-l auto``: the script OSD sees decides; simplified or traditional by a trial read."""
        osd = self.osd(img, dpi)
        installed = set(tesseract.languages())
        if osd is None or osd.script not in ("Han", "HanS", "HanT", "Hani"):
            return "eng"
        upright = pp.rotate(img, osd.rotate if osd.confidence >= OSD_MIN_CONF else 0)
        crop = upright.crop((0, 0, upright.width, max(1, upright.height // 3)))
        best, best_score = "eng", -1.0
        for cand in ("chi_sim", "chi_tra"):
            if cand not in installed:
                continue
            langs = f"{cand}+eng" if "eng" in installed else cand
            trial = score(self.ocr_image(crop, dpi, langs))
            if trial > best_score:
                best, best_score = langs, trial
        return best

    def orientation(self, img: Image.Image, dpi: int, lang: str) -> int:
        osd = self.osd(img, dpi)
        if osd is not None and osd.confidence >= OSD_MIN_CONF:
            return osd.rotate
        # OSD unsure: read a half-size page in each orientation, keep the best
        half = img.resize((max(1, img.width // 2), max(1, img.height // 2)), Image.Resampling.BILINEAR)
        trials = {deg: score(self.ocr_image(pp.rotate(half, deg), max(1, dpi // 2), lang)) for deg in (0, 90, 180, 270)}
        return max(trials, key=lambda d: trials[d])

    def read(self, image: Path, width: int, height: int, dpi: int) -> Reading:
        lang = self.lang
        img: Image.Image | None = None
        if lang == AUTO or (self.steps.scale and dpi < LOW_DPI):
            img = _load(image)
        if lang == AUTO:
            lang = self.languages(img, dpi) if img is not None else "eng"
        if img is not None and self.steps.scale and dpi < LOW_DPI:
            # small text (a cheap scan, a fax, a distant photo): Tesseract reads it better doubled
            doubled = self.ocr_image(pp.upscale(pp.gray(img), LOW_DPI_FACTOR), dpi * LOW_DPI_FACTOR, lang)
            first = replace(_unscale(doubled, LOW_DPI_FACTOR, width, height, dpi), scale=float(LOW_DPI_FACTOR))
        else:
            first = self.ocr(image, width, height, dpi, lang)
        if first is not None and (reads_well(first) or not self.steps.any):
            return Reading(first, None)
        img = img or _load(image)
        if img is None:  # Tesseract read what Pillow cannot decode (e.g. a truncated file)
            return Reading(first, None)
        if not first.words and pp.text_height_from_ink(img) is None:
            return Reading(first, None)  # a blank page (the back of a sheet): nothing to rescue
        return self.rescue(img, dpi, lang, first)

    def rescue(self, img: Image.Image, dpi: int, lang: str, first: Page) -> Reading:
        rotation = self.orientation(img, dpi, lang) if self.steps.rotate else 0
        upright = pp.rotate(img, rotation)
        angle = pp.skew_angle(upright) if self.steps.deskew else 0.0
        if abs(angle) < 0.3:
            angle = 0.0
        upright = pp.deskew(upright, angle)
        work = upright
        cleaned = self.steps.clean and pp.needs_cleaning(work)
        if cleaned:
            work = pp.clean(work)
        factor = pp.scale_for(pp.text_height_from_ink(work)) if self.steps.scale else 1.0
        if self.steps.scale and dpi < LOW_DPI:
            factor = max(factor, float(LOW_DPI_FACTOR))
        work = pp.upscale(work, factor)
        second = self.ocr_image(work, round(dpi * factor), lang)
        if factor != 1.0:
            second = _unscale(second, factor, upright.width, upright.height, dpi)
        second = replace(second, rotation=rotation, skew=angle, scale=round(factor, 3), cleaned=cleaned)
        if score(first) >= score(second) and not sideways(first):
            return Reading(first, None)
        transformed = rotation != 0 or angle != 0.0
        return Reading(second, upright if transformed else None)


def _load(image: Path) -> Image.Image | None:
    try:
        with Image.open(image) as opened:
            opened.load()
            return opened.copy()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _unscale(page: Page, factor: float, width: int, height: int, dpi: int) -> Page:
    k = 1 / factor
    lines = tuple(
        Line(
            tuple(Word(w.text, scale_box(w.bbox, k), w.conf) for w in line.words),
            scale_box(line.bbox, k),
            line.block,
            line.paragraph,
        )
        for line in page.lines
    )
    return replace(page, lines=lines, width=width, height=height, dpi=dpi)
