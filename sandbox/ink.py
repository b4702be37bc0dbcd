"""How big the text on a page is, and whether there is any, from its ink alone (OpenCV).

Reading decisions are taken from the pixels, not from the DPI tag (72 and 96 are screen
defaults that say nothing about the text): the page is binarised against its local
background in both polarities, connected components of glyph-like shape are counted, and
their median height is the text size.  A page with no glyph-like components (all black,
all white, a photo without writing) has no text to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PIL import Image

from sandbox.imaging import gray

if TYPE_CHECKING:
    import numpy as np

MAX_SIDE = 2400  # larger pages are measured at this size (heights scaled back)
MIN_GLYPHS = 4  # fewer glyph-like components than this: too few for the page-wide measures
BEST_HEIGHT = 30.0  # median glyph height (about Tesseract's favourite x-height to cap height)
SMALL = 17.0  # below this the page is enlarged for reading
LARGE = 110.0  # above this it is shrunk
MAX_UP = 4.0
PHOTO_MIDTONES = 0.3
GRID_FACTOR = 8.0  # components this many times taller than the median one are rules or frames
FLAT = 24  # darkest to lightest grey below this: one flat colour, nothing written


@dataclass(frozen=True, slots=True)
class Ink:
    """What a page's pixels say before reading: how many glyph-like marks, their height, how much is midtone."""

    glyphs: int  # glyph-like components, in the polarity that has more of them
    height: float | None  # their median height in pixels of the page as given
    midtones: float = 0.0  # share of pixels neither paper nor ink (grey 60-200)
    marks: int = 0  # glyphs plus solid strokes (l, I, 1, the stem of i): ink a word can be made of

    @property
    def has_text(self) -> bool:
        """Enough glyphs for the page-wide measures (coverage, OSD, text size) to mean something."""
        return self.glyphs >= MIN_GLYPHS

    @property
    def has_ink(self) -> bool:
        """Any writing-like ink at all: such a page is read, however few its glyphs (``No``,
        ``Hello`` in a sans face are two or three glyphs and two solid strokes)."""
        return self.glyphs > 0 or self.marks > 0

    @property
    def photo(self) -> bool:
        """A photograph (receipt, screen, sign) rather than a scan: mostly mid-tones.  Scans
        and generated pages have paper and ink and little between."""
        return self.midtones >= PHOTO_MIDTONES


def _components(binary: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Heights and areas of the glyph-shaped components of a 0/255 image (ink = 255), and how
    many solid strokes (a filled box, taller than wide: ``l``, ``I``, ``1``) there are besides."""
    import cv2
    import numpy as np

    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if count <= 1:
        return np.zeros(0), np.zeros(0), 0
    s = stats[1:]
    w, h, area = s[:, cv2.CC_STAT_WIDTH], s[:, cv2.CC_STAT_HEIGHT], s[:, cv2.CC_STAT_AREA]
    rows, cols = binary.shape
    fill = area / np.maximum(1, w * h)
    shaped = (h >= 5) & (h <= rows * 0.8) & (w <= cols * 0.8) & (w <= h * 12) & (h <= w * 12)
    keep = shaped & (fill > 0.08) & (fill < 0.95)
    strokes = shaped & (fill >= 0.95) & (h >= 2 * w)
    return h[keep].astype(float), area[keep].astype(float), int(strokes.sum())


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    """The height under which half the glyph ink lies: specks of noise weigh little."""
    import numpy as np

    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty array without NaNs, computed as it computes it (the middle value, or the mean of
    the two middle values), without its NaN check on floats, which loads ``numpy.ma`` (~25 ms of CPU a process)."""
    import numpy as np

    half = len(values) // 2
    if len(values) % 2:
        return float(np.partition(values, half)[half])
    return float(np.partition(values, [half - 1, half])[half - 1 : half + 1].mean())


def measure(img: Image.Image) -> Ink:
    """Measure the ink of a page; a flat page (blank) returns ``Ink(0, None)`` without loading OpenCV."""
    page = gray(img)
    low, high = cast(tuple[int, int], page.getextrema() if page.width and page.height else (0, 0))  # grey
    if high - low < FLAT:  # a blank page (a scan's empty back): known without NumPy or OpenCV
        return Ink(0, None)
    import cv2
    import numpy as np

    g: np.ndarray = np.asarray(page, dtype=np.uint8)
    k = 1.0
    if max(g.shape) > MAX_SIDE:
        k = MAX_SIDE / max(g.shape)
        g = cv2.resize(g, (max(1, round(g.shape[1] * k)), max(1, round(g.shape[0] * k))), interpolation=cv2.INTER_AREA)
        if int(g.max()) - int(g.min()) < FLAT:
            return Ink(0, None)  # a speck averaged away: one flat colour once shrunk
    midtones = float(((g > 60) & (g < 200)).mean())
    block = max(15, (min(g.shape) // 40) | 1)
    best = (np.zeros(0), np.zeros(0), 0)
    for kind in (cv2.THRESH_BINARY_INV, cv2.THRESH_BINARY):  # dark text on light, light on dark
        binary = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, kind, block, 15)
        found = _components(binary)
        if (len(found[0]), found[2]) > (len(best[0]), best[2]):
            best = found
    heights, areas, strokes = best
    if len(heights) == 0:
        return Ink(0, None, midtones, strokes)
    typical = _median(heights) * GRID_FACTOR  # a table's ruled grid is one huge component: not a glyph
    keep = heights <= typical
    return Ink(len(heights), _weighted_median(heights[keep], areas[keep]) / k, midtones, len(heights) + strokes)


def ppocr_scale(ink: Ink) -> float:
    """PP-OCR resizes pages itself but misses very large glyphs: only those are shrunk."""
    if ink.height is None or ink.height <= LARGE:
        return 1.0
    return BEST_HEIGHT * 2 / ink.height


def reading_scale(ink: Ink) -> float:
    """Factor to resize the page by so its text is the size Tesseract reads best (1.0: as is)."""
    if ink.height is None:
        return 1.0
    if ink.height < SMALL:
        return min(MAX_UP, BEST_HEIGHT / max(ink.height, 1.0))
    if ink.height > LARGE:
        return BEST_HEIGHT * 2 / ink.height
    return 1.0
