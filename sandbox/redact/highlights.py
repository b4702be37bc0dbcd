"""Marker-pen ink on a scan: where it is, and a grey image in which it vanishes.

Highlighter ink is bright and saturated (yellow, green, pink, blue); print is dark and
unsaturated.  In the per-pixel maximum of R, G and B, bright ink is near white while print
stays dark, so OCR of that image reads the highlighted words instead of dropping them.
Regions are found with Pillow alone: a saturation/brightness mask, cleaned, then split into
row bands and column runs.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter

from sandbox.models import BBox

SATURATION_MIN = 60  # of 255
VALUE_MIN = 120
ROW_FILL = 0.02  # a row band needs this share of ink pixels
COL_FILL = 0.25  # a column inside a band needs this share of the band's height
MIN_SIDE = 12  # pixels: smaller specks are noise
MIN_BAND = 28  # pixels: a marker stroke is at least a text line tall (coloured letters are not)


def ink_free(img: Image.Image) -> Image.Image:
    """Greyscale where bright coloured ink is white: max(R, G, B)."""
    if img.mode not in ("RGB", "RGBA"):
        return img.convert("L")
    r, g, b = img.convert("RGB").split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b)


def mask(img: Image.Image) -> Image.Image:
    """255 where the pixel looks like highlighter ink."""
    if img.mode not in ("RGB", "RGBA"):
        return Image.new("L", img.size, 0)
    _, s, v = img.convert("RGB").convert("HSV").split()
    s_ok = s.point(lambda x: 255 if x >= SATURATION_MIN else 0)
    v_ok = v.point(lambda x: 255 if x >= VALUE_MIN else 0)
    m = ImageChops.multiply(s_ok, v_ok)
    # close small gaps left by print over the ink, then drop specks
    return m.filter(ImageFilter.MaxFilter(9)).filter(ImageFilter.MinFilter(9)).filter(ImageFilter.MinFilter(5))


def _runs(values: list[float], threshold: float, gap: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    last = -gap - 1
    for i, v in enumerate(values):
        if v >= threshold:
            if start is None or i - last > gap:
                if start is not None:
                    runs.append((start, last + 1))
                start = i
            last = i
    if start is not None:
        runs.append((start, last + 1))
    return runs


def _values(img: Image.Image) -> list[int]:
    return list(img.tobytes())  # mode L: one byte per pixel


def regions(img: Image.Image) -> list[BBox]:
    """Boxes around highlighted passages (one or more per highlighted line)."""
    m = mask(img)
    if m.getbbox() is None:
        return []
    w, h = m.size
    rows = [v / 255 for v in _values(m.resize((1, h), Image.Resampling.BOX))]
    boxes: list[BBox] = []
    for y0, y1 in _runs(rows, ROW_FILL, gap=2):
        if y1 - y0 < MIN_BAND:
            continue
        band = m.crop((0, y0, w, y1)).resize((w, 1), Image.Resampling.BOX)
        cols = [v / 255 for v in _values(band)]
        for x0, x1 in _runs(cols, COL_FILL, gap=8):
            if x1 - x0 >= MIN_SIDE:
                boxes.append(BBox(x0, y0, x1, y1))
    return boxes
