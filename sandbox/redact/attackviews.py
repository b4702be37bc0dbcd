"""The whole-page views an attacker reads that ``flag`` does not: given to ``verify``.

``flag`` and ``redact`` read a page plainly and read every region of ink the plain reading
left uncovered through views cut to that region (``redact.views``).  An attacker reads the
*whole* page through tricks of their own; a file in which one of them finds a listed item is
not clean, whatever ``flag``'s readings say.  ``verify`` therefore also reads each page:

* by PP-OCR, as it is and mirrored (a line printed through from the back of the sheet);
* by Tesseract on the grey page contrast-stretched (the darkest 2 % black, the lightest 2 %
  white: text under a near-opaque bar, faint print);
* by Tesseract on the grey page softened, stretched and thresholded (dot screens, dither);
* on colour pages, by Tesseract on the stretched Lab a* (red–green) and b* (blue–yellow)
  planes, each also inverted (ink of one lightness and another hue: blue on dark red);
* on colour pages, by Tesseract on the descreened ink of ``inkmap`` (every colour cluster
  against its local background, dark on white);
* by PP-OCR on the page's heavy strokes alone (an opening at twice its typical stroke width),
  when it has any: a black stamp printed across black type, at any angle.

Each reading only *finds* items (it explains no ink): a listed item in any of them fails the
file.  Cost on one page: two or three PP-OCR runs and four to nine Tesseract runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from sandbox.models import Page

STRETCH_CUTOFF = 2  # percent of the darkest and the lightest pixels clipped by the stretch
SOFT_RADIUS = 2.0  # px at 300 DPI: the blur of the softened view
SOFT_LEVEL = 170  # the softened view's threshold (of 255, after the stretch)
HEAVY_LEVEL = 160  # of 255: darker is ink for the heavy-stroke view
HEAVY_SHARE = 0.001  # share of the page heavy strokes cover for the view to be read

Read = Callable[[Image.Image], Page]


def tesseract_views(img: Image.Image, dpi: int, coloured: bool) -> Iterator[tuple[str, Image.Image]]:
    """(name, image) of every whole-page view Tesseract reads for ``verify``."""
    from sandbox.redact import inkmap

    gray = img.convert("RGB").convert("L") if img.mode not in ("L", "1") else img.convert("L")
    yield "stretched", ImageOps.autocontrast(gray, cutoff=STRETCH_CUTOFF)
    soft = ImageOps.autocontrast(gray.filter(ImageFilter.GaussianBlur(SOFT_RADIUS * dpi / 300)), cutoff=1)
    yield "softened", soft.point(lambda v: 0 if v < SOFT_LEVEL else 255)
    if not coloured:
        return
    lab = img.convert("RGB").convert("LAB")
    for name, band in zip(("lab-a", "lab-b"), lab.split()[1:], strict=True):
        plane = ImageOps.autocontrast(band, cutoff=1)
        yield name, plane
        yield f"{name}-inverted", ImageOps.invert(plane)
    rgb = np.ascontiguousarray(np.asarray(img.convert("RGB"), dtype=np.uint8))
    drawn, _ = inkmap.descreened_ink(rgb, dpi, inkmap.DESCREEN[1])
    yield "descreened-ink", Image.fromarray(np.where(drawn > 0, 0, 255).astype(np.uint8))


def readings(img: Image.Image, dpi: int, coloured: bool, tesseract: Read, ppocr: Read | None) -> list[Page]:
    """Every attacker view of the page read (``ppocr`` None when PP-OCR is not installed);
    pages in the view's own coordinates (mirrored for the mirrored view): for finding items."""
    out: list[Page] = []
    if ppocr is not None:
        out.append(ppocr(img))
        out.append(ppocr(ImageOps.mirror(img)))
        heavy = heavy_view(img)
        if heavy is not None:
            out.append(ppocr(heavy))
    for _, view in tesseract_views(img, dpi, coloured):
        out.append(tesseract(view))
    return out


def heavy_view(img: Image.Image) -> Image.Image | None:
    """The page's strokes over twice its typical stroke width, dark on white (what is left of
    a heavy stamp printed across type when the type is opened away), or None when they cover
    less than ``HEAVY_SHARE`` of the page."""
    from sandbox.redact.views import heavy_strokes

    found = heavy_strokes((np.asarray(img.convert("L"), dtype=np.uint8) < HEAVY_LEVEL).astype(np.uint8))
    if found is None or float(found[0].mean()) < HEAVY_SHARE:
        return None
    heavy = found[0]
    return Image.fromarray(np.where(heavy > 0, 0, 255).astype(np.uint8)).convert("RGB")


def same_index(pages: list[Page], index: int) -> list[Page]:
    """``pages`` numbered as the page they were read from."""
    return [replace(p, index=index) for p in pages]
