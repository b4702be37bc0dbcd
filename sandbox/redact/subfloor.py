"""Marks fainter than every ink finder are made paper in the redacted page.

Each finder of ink has a floor: the grey views take what lies ``views.INK`` of its local
background or darker, the colour finder what lies ``inkmap.DELTA_E`` (CIE76) from it.  What
lies under every floor — the reverse side showing through a few levels under the paper, a
footer printed in 249/255 grey, a tiled watermark at 3 % — is never read, so never matched,
never burned and never called unread; yet a reader who stretches the contrast reads it.

So the burned page carries nothing under the floor: on light backgrounds (paper, a pale
tint: ``PAPER_L`` and lighter) every pixel closer than ``DELTA_E`` to its local background is
set to that background.  The background a pixel takes is the paper around it: the median of
a window half an inch wide (faint marks cover less than half of it, even a large faint
letter's thick strokes), unless that differs from the near background (a sixth of an inch) by
``DELTA_E`` or more, as on a narrow tinted band, which keeps its own colour.  Marks at or
above the floor, dark bands and pictures' dark parts keep their pixels: the finders judge
them.  Pure NumPy/OpenCV.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

from sandbox.redact.inkmap import DELTA_E, background_lab, distance

PAPER_L = 70.0  # L* of the lightest backgrounds flattened: paper and pale tints, not dark bands
WIDE = 1 / 2  # inches: the window whose median is the paper under a faint mark


def flattened(img: Image.Image, dpi: int) -> Image.Image:
    """``img`` (mode L or RGB, as :func:`sandbox.redact.burn.burn` makes it) with every pixel
    on a light background closer than ``DELTA_E`` to it replaced by the paper there; a
    two-tone page is returned as it is (it has no faint marks)."""
    if img.mode not in ("L", "RGB"):
        return img
    rgb = np.array(img.convert("RGB"), dtype=np.uint8)
    if img.mode == "L":
        levels = np.asarray(img, dtype=np.uint8)
        if int(np.count_nonzero((levels > 0) & (levels < 255))) == 0:
            return img
    lab = np.asarray(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB), dtype=np.uint8)
    near = background_lab(lab, dpi)
    wide = background_lab(lab, dpi, WIDE)
    floor = DELTA_E * DELTA_E
    paper = np.where((distance(near, wide) < floor)[:, :, None], wide, near)
    faint = (distance(lab, near) < floor) & (near[:, :, 0] >= PAPER_L * 255 / 100)
    if not faint.any():
        return img
    paper_rgb = np.asarray(cv2.cvtColor(np.ascontiguousarray(paper), cv2.COLOR_LAB2RGB), dtype=np.uint8)
    out = Image.fromarray(np.where(faint[:, :, None], paper_rgb, rgb))
    return out.convert("L") if img.mode == "L" else out
