"""A background-flattened view: print on a grey highlight, a shaded cell or a scanner's
uneven light, dark on white and nothing else.

The views' ink mask divides by a local maximum a few strokes wide, so a grey band narrower
than that window turns into a thick dark frame around its own label, and Tesseract reads
frame and label as one blot.  Here the background is estimated by a grey closing (a maximum
then a minimum) with a window wider than any stroke of the region's text and narrower than
the band: strokes vanish from the estimate, the band stays with its edges sharp.  Dividing
by it leaves the band white and only what is drawn on it dark.  Pure NumPy/OpenCV.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

Gray = NDArray[np.uint8]

STROKE_SHARE = 0.6  # the window: this share of the text height (wider than any stroke)
FLAT_INK = 0.78  # darker than this share of its own background is ink


def flattened(gray: Gray, text_px: float) -> Gray:
    """``gray`` divided by its background (grey closing with a window wider than a stroke of
    text ``text_px`` tall), thresholded: 0 where something is drawn, 255 elsewhere; a grey band,
    a shaded cell and their edges are white."""
    k = max(5, round(text_px * STROKE_SHARE) | 1)
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    ratio = gray.astype(np.float32) / np.maximum(background, 1).astype(np.float32)
    return np.where(ratio < FLAT_INK, 0, 255).astype(np.uint8)
