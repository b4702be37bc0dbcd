"""Display type read at a reduced scale: a name half an inch tall and more is no letter to the views.

The views (``redact.views``) take a component taller than ``views.LARGEST_TYPE`` for a picture,
a frame or a block, never a letter, and Tesseract, reading the page at its own scale, loses
type several hundred pixels tall: a poster's headline, a pale name printed across a report as
a backdrop.  A person reads both at a glance, and so does an attacker who shrinks the page.

So when the ink holds such components, the page is also read shrunk by ``k`` (2, 4, 8 or 16:
the power of two that brings the components' height nearest ``TARGET_PX``), as ink in colour:
every pixel that differs from its local background (``inkmap.colour_ink``, measured on the
shrunk page, so its window is ``k`` times wider on the page) is black on white.  Pale type, dark
type and light type on a dark fill all reach Tesseract as black on white.  Words come back in
page coordinates; nothing is explained by them (the ink accounting is the views' job): their
items are found and burned like any reading's.  Pure NumPy/OpenCV; the OCR call is passed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.geometry import unscaled
from sandbox.models import BBox, Page
from sandbox.redact import inkmap

LARGE = 0.45  # inch: components at least this tall are display type (``views.LARGEST_TYPE``)
TALLEST = 0.9  # of the page's height: a component taller is the page's frame or a full-page picture
TARGET_PX = 64  # height a component is shrunk to: well within what Tesseract reads
SCALES = (2, 4, 8, 16)  # the shrinks tried
MOST = 2  # shrinks read per page at most: those of the most components
FILLED = 0.04  # share of its box a component's ink covers at least: a form's frame or grid covers less


def shrinks(ink: NDArray[np.uint8], dpi: int) -> list[int]:
    """The shrinks at which the large components of ``ink`` (0/1) are read: for each component at
    least ``LARGE`` inches and at most ``TALLEST`` of the page tall whose ink covers ``FILLED`` of
    its box (a hollow letter's outline does, a form's frame or grid does not), the power of two of
    ``SCALES`` nearest its height over ``TARGET_PX``; the ``MOST`` most common, smallest first."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    low, high = LARGE * dpi, TALLEST * ink.shape[0]
    count: dict[int, int] = {}
    for i in range(1, n):
        h, w = int(stats[i, cv2.CC_STAT_HEIGHT]), int(stats[i, cv2.CC_STAT_WIDTH])
        if low <= h <= high and int(stats[i, cv2.CC_STAT_AREA]) >= FILLED * h * w:
            k = min(SCALES, key=lambda s: abs(math.log2(h / TARGET_PX) - math.log2(s)))
            count[k] = count.get(k, 0) + 1
    return sorted(sorted(count, key=lambda k: -count[k])[:MOST])


def shrunk_ink(img: Image.Image, k: int, dpi: int, exclude: Sequence[BBox] = ()) -> Image.Image:
    """``img`` shrunk ``k`` times (box filter), its ink in colour black on white (``exclude``
    boxes are paper)."""
    rgb = np.array(img.convert("RGB"), dtype=np.uint8)
    for b in exclude:
        rgb[max(0, b.y0) : max(0, b.y1), max(0, b.x0) : max(0, b.x1)] = 255
    h, w = rgb.shape[:2]
    small = cv2.resize(rgb, (max(1, w // k), max(1, h // k)), interpolation=cv2.INTER_AREA)
    ink, _ = inkmap.colour_ink(Image.fromarray(small), dpi, grain=False)
    return Image.fromarray(np.where(ink > 0, 0, 255).astype(np.uint8))


def read_large(
    img: Image.Image,
    ink: NDArray[np.uint8],
    dpi: int,
    ocr: Callable[[Image.Image], Page],
    index: int,
    exclude: Sequence[BBox] = (),
) -> list[Page]:
    """What the page's display type reads at each of its :func:`shrinks` (page coordinates,
    page ``index``); no page when the ink holds no large component."""
    out = []
    for k in shrinks(ink, dpi):
        read = ocr(shrunk_ink(img, k, dpi, exclude))
        if read.words:
            out.append(replace(unscaled(read, 1 / k, img.width, img.height, dpi), index=index))
    return out
