"""Reading one page image well: a plain reading, and a rescue only when it reads badly.

Every decision comes from the page's pixels, not from its DPI tag: the text size from the ink
(:mod:`sandbox.ink`) decides whether the page is enlarged or shrunk for reading (small text is
read as it is first, and enlarged only when that reading is not plainly right), and a page
with no glyph-like ink is not read at all (an all-black or all-white image gives no text, not
noise).  A page that reads badly (low confidence, little text, tilted lines) is turned upright
(OSD, or trying the four orientations when OSD is unsure), deskewed, cleaned when faint or
tinted, and read again; the rescue wins only with more *trusted* text (confident words that
look like words), a measure garbage cannot win by being long.  ``-l auto`` picks the languages
from the script OSD sees, or, when OSD has too little to go on (small images, single lines),
from an English reading that is plainly right, else from a PP-OCR reading.  Boxes always
refer to the upright page at the input's resolution.
"""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from sandbox import guard
from sandbox import ink as ink_
from sandbox import preprocess as pp
from sandbox.config import Steps
from sandbox.engines import base, ppocr, tesseract
from sandbox.errors import LimitError, PageError
from sandbox.geometry import line_slopes, unscaled
from sandbox.imaging import dpi_tag, gray
from sandbox.models import Line, Page, PageSource
from sandbox.text import is_cjk, traditional

SURE_CONF = 0.95  # mean word confidence of a small-text reading that needs no enlarging
GOOD_CONF = 0.75  # mean word confidence of a reading that needs no rescue
MAX_SKEW = 1.5  # degrees of line tilt a reading tolerates
OSD_MIN_CONF = 2.0  # below this OSD's orientation is not trusted
AUTO = "auto"
LOSSLESS_FILES = (".pgm", ".ppm", ".pnm", ".pbm", ".png")  # decoded alike by Pillow and Leptonica
TRUSTED_CONF = 0.8  # a word this confident, that looks like a word, is trusted text
RESCUE_GAIN = 1.15  # the rescue must bring this much more trusted text (and at least MIN_GAIN chars)
MIN_GAIN = 4
ENGLISH_CONF = 0.6  # -l auto: a small image read as English with every word this confident is English
HAN_SHARE = 0.2  # -l auto: a PP-OCR reading with this share of Han characters is Chinese
MAX_READ_PIXELS = 40_000_000  # an enlarged page is never bigger than this
MIN_COVERAGE = 0.5  # a reading of fewer characters per glyph than this missed most of the page
MIN_COVERED_GLYPHS = 20  # coverage is judged on pages with at least this many glyphs
FEW_GLYPHS = 100  # -l auto: below this OSD's script guess is not asked for
SCRIPT_MIN_CONF = 1.0  # -l auto: OSD's script guess below this confidence is checked by PP-OCR
HAN_SCRIPTS = ("Han", "HanS", "HanT", "Hani", "Japanese")  # Japanese: what OSD calls faint Han
TESSERACT_DPI = (70, 2400)  # the resolutions Tesseract believes a file's tag within
TILT_KEEP = 0.9  # a straightened reading with this share of the tilted one's trusted text wins
UPRIGHT_TRUSTED = 100  # trusted characters of a confident reading that settle its page's orientation


@dataclass(frozen=True, slots=True)
class Reading:
    page: Page
    upright: Image.Image | None  # the transformed page (rotation/deskew) at input resolution


def score(page: Page) -> float:
    """Confident characters: what a reading is worth (orientation trials)."""
    return sum(w.conf * len(w.text) for w in page.words)


def _wordlike(text: str) -> bool:
    """Letters or digits making up most of it, not one character repeated (``||||``, ``~~~``)."""
    if any(is_cjk(ch) for ch in text):
        return True
    core = [ch for ch in text if ch.isalnum()]
    return len(core) >= 2 and len(core) >= 0.6 * len(text) and len(set(core)) > 1


def trusted(page: Page) -> int:
    """Characters in confident, word-like words: garbage is long but neither."""
    return sum(len(w.text) for w in page.words if w.conf >= TRUSTED_CONF and _wordlike(w.text))


def better(candidate: Page, current: Page) -> bool:
    return trusted(candidate) >= max(trusted(current) * RESCUE_GAIN, trusted(current) + MIN_GAIN)


def plainly_english(page: Page, glyphs: int) -> bool:
    """``-l auto`` on a small image: an English reading that reads well with every word
    confident is English (Han read as English is low-confidence debris)."""
    return len(page.words) >= 3 and reads_well(page, glyphs) and all(w.conf >= ENGLISH_CONF for w in page.words)


def mean_conf(page: Page) -> float:
    words = page.words
    return sum(w.conf for w in words) / len(words) if words else 0.0


def line_skew(page: Page) -> float:
    """Median tilt (degrees) of lines with three or more words, from their word boxes."""
    angles = [-slope * 57.2958 for slope in line_slopes(page)]
    return statistics.median(angles) if angles else 0.0


def sideways(page: Page) -> bool:
    """Tesseract can read a page turned by 90° line by line, with tall word boxes: the
    reading is right but its boxes do not refer to the upright page."""
    latin = [w for w in page.words if len(w.text) >= 4 and w.text.isascii()]
    tall = [w for w in latin if w.bbox.height > 1.5 * w.bbox.width]
    return len(latin) >= 5 and len(tall) > len(latin) / 2


def coverage(page: Page, glyphs: int) -> float:
    """Characters read per glyph-like ink component (a Han character counts twice: it is
    drawn with several components).  About 1 on a page read through; far less when most of
    the writing was missed (a photographed receipt read as a dozen words)."""
    chars = sum(len(w.text) + sum(1 for ch in w.text if is_cjk(ch)) for w in page.words)
    return chars / glyphs if glyphs else 1.0


def reads_well(page: Page, glyphs: int = 0) -> bool:
    """Confident, straight, upright, and (given the page's ``glyphs``) most of the ink read.
    Three words at least, or, on an image of few glyphs (a line, a label), words that are all
    confident: a one-word line read with confidence needs no rescue."""
    few = 0 < glyphs < FEW_GLYPHS and bool(page.words) and min(w.conf for w in page.words) >= GOOD_CONF
    return (
        (len(page.words) >= 3 or few)
        and mean_conf(page) >= GOOD_CONF
        and abs(line_skew(page)) <= MAX_SKEW
        and not sideways(page)
        and (glyphs < MIN_COVERED_GLYPHS or coverage(page, glyphs) >= MIN_COVERAGE)
    )


def _capped(img: Image.Image, factor: float) -> float:
    """``factor``, lowered so the resized page stays under MAX_READ_PIXELS."""
    if factor <= 1.0:
        return factor
    limit = float((MAX_READ_PIXELS / max(1, img.width * img.height)) ** 0.5)
    return max(1.0, min(factor, limit))


REMEMBERED = 64  # readings of pictures a Reader remembers (the oldest forgotten first)
REMEMBERED_MODES = ("1", "L", "RGB")  # pictures whose pixels are all there is to them (no palette, no alpha)


def _reading_key(img: Image.Image, dpi: int, lang: str, psm: int, engine: base.OcrEngine) -> tuple[object, ...] | None:
    """What a reading by ``engine`` depends on: the picture's pixels (a digest), its mode and
    size, the resolution, languages and segmentation mode, and the engine with its settings
    (PP-OCR's text height sets its detection size).  None for engines of unknown settings and
    pictures whose pixels are not all of them: those are always read."""
    if img.mode not in REMEMBERED_MODES:
        return None
    if isinstance(engine, ppocr.PpOcr):
        settings: tuple[object, ...] = ("ppocr", engine.text_height, engine.as_drawn)
    elif type(engine) is base.Tesseract:
        settings = ("tesseract",)
    else:
        return None
    digest = hashlib.blake2b(img.tobytes(), digest_size=16).digest()
    return (*settings, digest, img.mode, img.size, dpi, lang, psm)


def _resize(img: Image.Image, factor: float) -> Image.Image:
    if factor == 1.0:
        return img
    size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
    return gray(img).resize(size, Image.Resampling.LANCZOS if factor > 1 else Image.Resampling.BOX)


class Reader:
    """Reads the images of one page task (OCR settings, where to put scratch files)."""

    def __init__(
        self, lang: str, psm: int, timeout: int, display: str, index: int, scratch: Path, steps: Steps,
        engine: str = "auto",
    ) -> None:  # fmt: skip
        self.lang, self.psm, self.timeout = lang, psm, timeout
        self.display, self.index, self.scratch, self.steps = display, index, scratch, steps
        self.engine = engine
        self._n = 0
        self._osd: tuple[Image.Image, pp.Osd | None] | None = None  # the last image asked about
        self._plain: dict[str, Page] = {}  # the page as it is, read by Tesseract, per languages
        self._plain_dpi = 0  # the resolution the tesseract program reads the page at (0: its own guess)
        self._text: tuple[float, int] | None = None  # the page's text height and longer side, as measured
        self._remembered: dict[tuple[object, ...], tuple[Line, ...]] = {}  # ocr_image's readings, by pixels

    def _file(self, img: Image.Image, dpi: int) -> Path:
        self._n += 1
        path = self.scratch / f"read-{self.index + 1:05d}-{self._n}.png"
        img.save(path, format="PNG", compress_level=1, **({"dpi": (dpi, dpi)} if dpi > 0 else {}))
        return path

    def ocr(
        self, image: Path, width: int, height: int, dpi: int, lang: str, engine: base.OcrEngine | None = None
    ) -> Page:
        engine = self._sized(engine or base.for_languages(self.engine, lang), max(width, height))
        lines = engine.read(image, lang, dpi, self.timeout, self.display, self.index, self.psm)
        return self._page(lines, width, height, dpi, lang, engine)

    def _sized(self, engine: base.OcrEngine, side: int) -> base.OcrEngine:
        """PP-OCR told the text height of the picture it reads (longer side ``side``): it sets
        its detection resolution by it."""
        if isinstance(engine, ppocr.PpOcr) and engine.text_height is None and not engine.as_drawn and self._text:
            height, measured_side = self._text
            return ppocr.PpOcr(height * side / max(1, measured_side))
        return engine

    def _page(self, lines: list[Line], width: int, height: int, dpi: int, lang: str, engine: base.OcrEngine) -> Page:
        return Page(self.index, width, height, dpi, PageSource.OCR, tuple(lines), lang, engine=engine.name)

    def ocr_image(self, img: Image.Image, dpi: int, lang: str, engine: base.OcrEngine | None = None) -> Page:
        """Read a picture the steps made: handed over as pixels when the engine takes them, else
        through a scratch file.  The same pixels read again by the same engine, languages,
        resolution and segmentation mode give the lines of the first reading (``_remembered``):
        the engines are deterministic, so nothing but the time differs."""
        engine = self._sized(engine or base.for_languages(self.engine, lang), max(img.size))
        key = _reading_key(img, dpi, lang, self.psm, engine)
        lines = self._remembered.get(key) if key is not None else None
        if lines is None:
            lines = tuple(self._read_image(img, dpi, lang, engine))
            if key is not None:
                self._remembered[key] = lines
                while len(self._remembered) > REMEMBERED:
                    del self._remembered[next(iter(self._remembered))]
        return self._page(list(lines), img.width, img.height, dpi, lang, engine)

    def _read_image(self, img: Image.Image, dpi: int, lang: str, engine: base.OcrEngine) -> list[Line]:
        read_pixels = base.pixel_reader(engine)
        if read_pixels is not None:
            return read_pixels(img, lang, dpi, self.timeout, self.display, self.index, self.psm)
        path = self._file(img, dpi)
        try:
            return engine.read(path, lang, dpi, self.timeout, self.display, self.index, self.psm)
        finally:
            path.unlink(missing_ok=True)

    def ocr_scaled(self, img: Image.Image, dpi: int, lang: str, factor: float) -> Page:
        """Read ``img`` resized by ``factor``; boxes and size given back for ``img`` itself."""
        if factor == 1.0:
            return self.ocr_image(img, dpi, lang)
        page = self.ocr_image(_resize(img, factor), max(1, round(dpi * factor)), lang)
        return replace(unscaled(page, factor, img.width, img.height, dpi), scale=round(factor, 3))

    def _tesseract_reads(self, lang: str) -> bool:
        return base.for_languages(self.engine, lang).name == "tesseract"

    def osd(self, img: Image.Image, dpi: int) -> pp.Osd | None:
        """OSD of ``img``, asked once per image (``-l auto`` and the rescue both need it)."""
        if self._osd is not None and self._osd[0] is img:
            return self._osd[1]
        found = self._ask_osd(img, dpi)
        self._osd = (img, found)
        return found

    def _ask_osd(self, img: Image.Image, dpi: int) -> pp.Osd | None:
        half = img.resize((max(1, img.width // 2), max(1, img.height // 2)), Image.Resampling.BILINEAR)
        path = None if tesseract.in_process() else self._file(half, max(1, dpi // 2))
        try:
            return pp.parse_osd(tesseract.osd(path or half, max(1, dpi // 2), self.timeout))
        except PageError:
            return None  # too little text for OSD: fall back
        finally:
            if path is not None:
                path.unlink(missing_ok=True)

    def languages(
        self, image: Path | Image.Image, img: Image.Image, size: tuple[int, int], dpi: int, found: ink_.Ink
    ) -> tuple[str, Reading | None]:
        """``-l auto``: the languages, and a reading already made on the way (or None).

        OSD's script decides when it is sure of it (script confidence ≥ 1); a small image of a
        few glyphs (where its guess is noise), an unsure guess, a Han (or Japanese) script, or
        no answer at all leave it to PP-OCR, which reads Chinese and English alike: its share
        of Han characters decides.  Simplified or
        traditional: from the characters PP-OCR read, or, with Tesseract only, by a trial read.
        """
        installed = set(tesseract.languages())
        use_ppocr = self.engine != "tesseract" and ppocr.available()
        osd = self.osd(img, dpi) if found.glyphs >= FEW_GLYPHS else None
        han_script = osd is not None and osd.script in HAN_SCRIPTS
        unsure = osd is None or osd.script_confidence < SCRIPT_MIN_CONF
        english = None  # a small image's English reading, the one -l eng makes: kept if it is English
        if (
            use_ppocr
            and osd is None
            and found.glyphs < FEW_GLYPHS
            and "eng" in installed
            and self._tesseract_reads("eng")
        ):
            page = self._first_reading(image, img, *size, dpi, "eng", self._factor(img, found, "eng"), found.glyphs)
            english = Reading(page, None)
            if plainly_english(page, found.glyphs):
                return "eng", english
        if use_ppocr and (unsure or han_script):
            turn = osd.rotate if osd is not None and osd.confidence >= OSD_MIN_CONF else 0
            upright = pp.rotate(img, turn)  # PP-OCR turns lines by 180° at most
            page = self.ocr_scaled(upright, dpi, "chi_sim+eng", ink_.ppocr_scale(found) if self.steps.scale else 1.0)
            text = "".join(w.text for w in page.words)
            han = sum(1 for ch in text if is_cjk(ch))
            if text and han >= HAN_SHARE * len(text):
                variant = "chi_tra" if traditional(text) and "chi_tra" in installed else "chi_sim"
                langs = f"{variant}+eng" if variant in installed else "eng"
                reading = replace(page, languages=langs, rotation=turn)
                return langs, Reading(reading, upright if turn else None)
            return "eng", english
        if not han_script or osd is None:
            return "eng", None
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
        return best, None

    def orientation(self, img: Image.Image, dpi: int, lang: str, first: Page | None = None) -> int:
        """How far to turn ``img`` to have it upright: OSD's answer when it is sure; else the
        turn of ``first`` (the reading made) when that reading is plainly upright (a page read
        turned by 90° or 180° gives no such reading); else the best of four trial readings."""
        osd = self.osd(img, dpi)
        if osd is not None and osd.confidence >= OSD_MIN_CONF:
            return osd.rotate
        if first is not None and plainly_upright(first):
            return first.rotation
        # OSD unsure: read a half-size page in each orientation with Tesseract (PP-OCR reads
        # text in any orientation, so it cannot tell them apart), keep the best
        half = img.resize((max(1, img.width // 2), max(1, img.height // 2)), Image.Resampling.BILINEAR)
        trial = base.Tesseract()
        trials = {
            deg: trusted(self.ocr_image(pp.rotate(half, deg), max(1, dpi // 2), lang, trial))
            for deg in (0, 90, 180, 270)
        }
        return max(trials, key=lambda d: (trials[d], d == 0))

    def read(
        self, image: Path | Image.Image, width: int, height: int, dpi: int, *, decoded: Image.Image | None = None,
        ink: ink_.Ink | None = None,
    ) -> Reading:  # fmt: skip
        """Read a page: a file, or the pixels of a page rendered into memory.  ``decoded``: the
        file's pixels as Pillow decodes it, when the caller has them (and ``ink``, when it has
        measured them): not decoded or measured again."""
        img = image if isinstance(image, Image.Image) else (decoded if decoded is not None else _load(image))
        if img is None:  # Tesseract may read what Pillow cannot decode (e.g. a truncated file)
            assert isinstance(image, Path)
            return Reading(self.ocr(image, width, height, dpi, "eng" if self.lang == AUTO else self.lang), None)
        found = ink if ink is not None and decoded is not None else ink_.measure(img)
        if not found.has_ink:  # all black, all white, a photo without writing: no text, not noise
            lang = "eng" if self.lang == AUTO else self.lang  # a page's languages are never "auto"
            return Reading(Page(self.index, width, height, dpi, PageSource.OCR, (), lang), None)
        self._plain = {}
        self._text = None if found.height is None else (found.height, max(img.size))
        self._plain_dpi = tesseract_dpi(img) if isinstance(image, Path) else dpi
        reading = self._read(image, img, width, height, dpi, found)
        guarded = self._guarded(reading, image, img, (width, height), dpi, found)
        return _accounted(guarded, found, self._plain.get(guarded.page.languages))

    def _guarded(
        self, reading: Reading, image: Path | Image.Image, img: Image.Image, size: tuple[int, int], dpi: int,
        found: ink_.Ink,
    ) -> Reading:  # fmt: skip
        """The reading, or the plain one when the reading is not measurably better
        (:mod:`sandbox.guard`).  A reading step (scaling, rescue) must improve on the plain
        reading; the engine chosen for the languages (PP-OCR for Chinese) keeps its reading
        unless it is in doubt (it does not read well) and loses to the plain one on a measure.
        A plain reading not made on the way is made here, only when it is needed."""
        if self.engine == "ppocr":  # PP-OCR asked for by name: no Tesseract reading to compare
            return reading
        lang = reading.page.languages
        plain = self._plain.get(lang)
        if plain is reading.page:
            return reading
        chosen_engine = reading.page.engine != "tesseract"
        if plain is None:
            if chosen_engine and reads_well(reading.page, found.glyphs):
                return reading
            try:
                plain = self._as_is(image, img, *size, dpi, lang, base.for_languages("tesseract", lang))
            except (PageError, LimitError):  # the reading made stands when the plain one fails
                return reading
        candidate, floor = merit(reading.page, found.glyphs), merit(plain, found.glyphs)
        keep = guard.holds(candidate, floor) if chosen_engine else guard.improves(candidate, floor)
        return reading if keep else Reading(plain, None)

    def _read(
        self, image: Path | Image.Image, img: Image.Image, width: int, height: int, dpi: int, found: ink_.Ink
    ) -> Reading:
        lang, first = self.lang, None
        if lang == AUTO:
            lang, first = self.languages(image, img, (width, height), dpi, found)
        factor = self._factor(img, found, lang)
        if first is None:
            first = Reading(self._first_reading(image, img, width, height, dpi, lang, factor, found.glyphs), None)
            if not self._tesseract_reads(lang) and self.steps.rotate and found.glyphs >= FEW_GLYPHS:
                first = self._turned_first(img, dpi, lang, factor, first, found.glyphs)
        if reads_well(first.page, found.glyphs) or not self.steps.any:
            return first
        return self.rescue(img, dpi, lang, first, factor, found)

    def _factor(self, img: Image.Image, found: ink_.Ink, lang: str) -> float:
        """How much to resize the page for reading it in ``lang`` (1.0: as it is)."""
        if not self.steps.scale:
            return 1.0
        return _capped(img, ink_.reading_scale(found)) if self._tesseract_reads(lang) else ink_.ppocr_scale(found)

    def _first_reading(
        self,
        image: Path | Image.Image,
        img: Image.Image,
        width: int,
        height: int,
        dpi: int,
        lang: str,
        factor: float,
        glyphs: int,
    ) -> Page:
        """The plain reading, at the size the text asks for; small text is read as it is first
        and enlarged only when that reading is not plainly right (the cheap reading first).
        A page Tesseract reads at another resolution than the one its text size gives (a
        screen's 72-DPI tag, no tag) and reads badly so is read again at that resolution; that
        reading is kept only when it is measurably better (:mod:`sandbox.guard`)."""
        if factor == 1.0:
            plain = self._as_is(image, img, width, height, dpi, lang)
            if not self._tesseract_reads(lang) or self._plain_dpi == dpi or reads_well(plain, glyphs):
                return plain
            if not self.steps.scale:
                return plain
            sized = self._as_is(image, img, width, height, dpi, lang, plain=False)
            return sized if guard.improves(merit(sized, glyphs), merit(plain, glyphs)) else plain
        if factor > 1.0 and self._tesseract_reads(lang):
            as_is = self._as_is(image, img, width, height, dpi, lang)
            if reads_well(as_is, glyphs) and mean_conf(as_is) >= SURE_CONF:
                return as_is
        return self.ocr_scaled(img, dpi, lang, factor)

    def _as_is(
        self, image: Path | Image.Image, img: Image.Image, width: int, height: int, dpi: int, lang: str,
        engine: base.OcrEngine | None = None, *, plain: bool = True,
    ) -> Page:  # fmt: skip
        """The page as it is: the pixels already decoded, when they are exactly the page's (a page
        rendered into memory, a PNM or PNG file) and the engine takes pixels; else the engine reads
        the file (Tesseract decodes a JPEG its own way; a page in memory: through a scratch file).
        Tesseract's reading (``plain``) is the page's plain reading in ``lang``, made at the
        resolution the ``tesseract`` program would use (the file's tag, or its own guess), and
        kept for the guard; the page keeps ``dpi``."""
        engine = engine or base.for_languages(self.engine, lang)
        plain = plain and engine.name == "tesseract"
        read_dpi = self._plain_dpi if plain else dpi
        exact = isinstance(image, Path) and image.suffix.lower() in LOSSLESS_FILES and img.size == (width, height)
        if not isinstance(image, Path) or (exact and base.pixel_reader(engine) is not None):
            page = self.ocr_image(img, read_dpi, lang, engine)
        else:
            page = self.ocr(image, width, height, read_dpi, lang, engine)
        page = page if page.dpi == dpi else replace(page, dpi=dpi)
        if plain:
            self._plain[lang] = page
        return page

    def _turned_first(
        self, img: Image.Image, dpi: int, lang: str, factor: float, first: Reading, glyphs: int
    ) -> Reading:
        """PP-OCR's reading of a page that may be turned (PP-OCR turns lines by 180° at most
        and reads a turned page as confident nonsense).  Level lines that read well need no
        OSD: the angle classifier, on a few of them, tells a page upside down (then read
        turned, kept when it reads no worse); other readings ask OSD, as before."""
        if not upright_lines(first.page, glyphs):
            return self._upright_first(img, dpi, lang, factor) or first
        try:
            turned = ppocr.upside_down(img, [line.bbox for line in first.page.lines])
        except (PageError, ValueError, RuntimeError):  # no verdict (the runtime failed): the page is taken as read
            return first
        if not turned:
            return first
        upright = pp.rotate(img, 180)
        second = replace(self.ocr_scaled(upright, dpi, lang, factor), rotation=180)
        return Reading(second, upright) if guard.holds(merit(second, glyphs), merit(first.page, glyphs)) else first

    def _upright_first(self, img: Image.Image, dpi: int, lang: str, factor: float) -> Reading | None:
        """PP-OCR turns lines by 180° at most and reads a turned page as confident nonsense:
        a page OSD is sure is turned is turned before it reads it."""
        osd = self.osd(img, dpi)
        if osd is None or osd.confidence < OSD_MIN_CONF or osd.rotate == 0:
            return None
        upright = pp.rotate(img, osd.rotate)
        return Reading(replace(self.ocr_scaled(upright, dpi, lang, factor), rotation=osd.rotate), upright)

    def rescue(self, img: Image.Image, dpi: int, lang: str, first: Reading, factor: float, found: ink_.Ink) -> Reading:
        """Upright, straight, clean: one more reading with every fix that applies; then, if a
        photograph still reads badly and Tesseract read it, PP-OCR (receipts, screens, signs)."""
        rotation = self.orientation(img, dpi, lang, first.page) if self.steps.rotate else 0
        upright = pp.rotate(img, rotation)
        angle = pp.skew_angle(upright) if self.steps.deskew else 0.0
        if abs(angle) < 0.3:
            angle = 0.0
        upright = pp.deskew(upright, angle)
        work = upright
        cleaned = self.steps.clean and pp.needs_cleaning(work)
        if cleaned:
            work = pp.clean(work)
        tesseract_reads = self._tesseract_reads(lang)
        if rotation in (90, 270) and self.steps.scale and tesseract_reads:  # glyphs were measured on their side
            factor = _capped(work, ink_.reading_scale(ink_.measure(work)))
        best, picture = first.page, first.upright
        unchanged = rotation == first.page.rotation and not angle and not cleaned
        if not unchanged:
            second = self.ocr_scaled(work, dpi, lang, factor)
            second = replace(second, rotation=rotation, skew=angle, cleaned=cleaned)
            straightened = bool(angle) and abs(line_skew(best)) > MAX_SKEW  # a tilted page's line order is suspect
            if (
                better(second, best)
                or sideways(best)
                or (straightened and trusted(second) >= TILT_KEEP * trusted(best))
            ):
                best, picture = second, (upright if rotation or angle else None)
        if (
            reads_well(best, found.glyphs)
            or not found.photo
            or not tesseract_reads
            or self.engine != "auto"
            or not ppocr.available()
        ):
            return Reading(best, picture)
        try:
            photo = replace(self.ocr_image(upright, dpi, lang, ppocr.PpOcr()), rotation=rotation, skew=angle)
        except (PageError, LimitError):  # a last try that fails or times out leaves the best reading
            return Reading(best, picture)
        if better(photo, best):
            return Reading(photo, upright if rotation or angle else None)
        return Reading(best, picture)


def tesseract_dpi(img: Image.Image) -> int:
    """The resolution the ``tesseract`` program reads an image file at: its DPI tag when
    Tesseract believes it (70 to 2400, screen defaults included), else 0 (Tesseract guesses)."""
    tag = dpi_tag({"dpi": img.info.get("dpi")})
    return round(tag[1]) if tag is not None and TESSERACT_DPI[0] <= round(tag[1]) <= TESSERACT_DPI[1] else 0


def plainly_upright(page: Page) -> bool:
    """A reading only an upright page gives: confident on average, lines not read sideways, and
    at least :data:`UPRIGHT_TRUSTED` characters of confident, word-like words (a page turned by
    90° or 180° reads as debris, or sideways)."""
    return mean_conf(page) >= GOOD_CONF and not sideways(page) and trusted(page) >= UPRIGHT_TRUSTED


def upright_lines(page: Page, glyphs: int) -> bool:
    """A PP-OCR reading that needs no OSD: it reads well, and most of its lines of several
    characters lie wider than tall (a page on its side gives tall lines, read or not)."""
    long_lines = [line for line in page.lines if sum(len(w.text) for w in line.words) >= 3]
    flat = sum(1 for line in long_lines if line.bbox.width > line.bbox.height)
    return reads_well(page, glyphs) and flat > len(long_lines) / 2


def level(page: Page) -> bool:
    """Word boxes on level lines of an upright page (not tilted, not read sideways)."""
    return abs(line_skew(page)) <= MAX_SKEW and not sideways(page)


def merit(page: Page, glyphs: int) -> guard.Merit:
    return guard.merit(page, glyphs, level(page))


def _accounted(reading: Reading, found: ink_.Ink, plain: Page | None = None) -> Reading:
    """A page with writing-like ink never reads as nothing silently: it is marked ``unread``.
    A page of a few marks (fewer than the page-wide measures need) keeps its reading only when
    a word in it is confident and has a letter or digit; specks read as ``|`` or ``~`` are not
    text, and leave the page unread.  A page never ends empty while its plain reading has
    text-like words: that reading is kept, as ``tesseract IMG -`` would give it."""
    page = reading.page
    if not found.has_text and not any(w.conf >= GOOD_CONF and any(ch.isalnum() for ch in w.text) for w in page.words):
        page = replace(page, lines=())
    if not page.words and plain is not None and any(guard.textual(w.text) for w in plain.words):
        return Reading(plain, None)
    if page.words:
        return reading if page is reading.page else Reading(page, reading.upright)
    return Reading(replace(page, unread=True), reading.upright)


def _load(image: Path) -> Image.Image | None:
    try:
        with Image.open(image) as opened:
            opened.load()  # decoded: the pixels outlive the file, with no copy of them
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return opened
