"""Page clean-up before (re-)reading: orientation, skew, scale, contrast, and script.

Image operations only (Pillow); ``sandbox.reading`` decides when to use them.  Every function
takes and returns Pillow images and is pure: the input image is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from PIL import Image, ImageOps

from sandbox.imaging import gray


def rotate(img: Image.Image, degrees: int) -> Image.Image:
    """Turn the page clockwise by 90, 180 or 270 degrees (what OSD calls "Rotate")."""
    if degrees % 360 == 0:
        return img
    return img.rotate(-degrees, expand=True)


def _profile_score(img: Image.Image) -> float:
    """Sharpness of the horizontal projection: high when text lines are level."""
    rows = list(img.resize((1, img.height), Image.Resampling.BOX).tobytes())
    return sum((a - b) ** 2 for a, b in pairwise(rows))


def skew_angle(img: Image.Image, limit: float = 15.0) -> float:
    """The angle (degrees, counter-clockwise positive) that makes text lines level."""
    small = gray(img)
    factor = 900 / max(small.size)
    if factor < 1:
        small = small.resize((max(1, int(small.width * factor)), max(1, int(small.height * factor))))
    ink = ImageOps.invert(ImageOps.autocontrast(small))  # text bright on black: rotation fills with black

    def score(angle: float) -> float:
        return _profile_score(ink.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False))

    best = max((score(a), a) for a in [x * 1.0 for x in range(-int(limit), int(limit) + 1)])[1]
    fine = max((score(best + d / 10), best + d / 10) for d in range(-10, 11))[1]
    return round(fine, 1)


def deskew(img: Image.Image, angle: float) -> Image.Image:
    """The image turned by ``angle`` degrees (counter-clockwise), expanded and filled with white; the same image when
    under 0.05°.
    """
    if abs(angle) < 0.05:
        return img
    fill: int | tuple[int, ...] = 255 if img.mode == "L" else (255, 255, 255)
    return img.convert("L" if img.mode == "L" else "RGB").rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill
    )


def needs_cleaning(img: Image.Image) -> bool:
    """Faint print or a tinted background: low contrast or a dark page median."""
    hist = gray(img).histogram()
    total = sum(hist)
    if total == 0:
        return False

    def percentile(p: float) -> int:
        acc = 0
        for value, count in enumerate(hist):
            acc += count
            if acc >= total * p:
                return value
        return 255

    low, median, high = percentile(0.01), percentile(0.5), percentile(0.99)
    return (high - low) < 150 or median < 200


def clean(img: Image.Image) -> Image.Image:
    """Stretch contrast and flatten the background to white."""
    g = ImageOps.autocontrast(gray(img), cutoff=(1, 5))
    return g.point(lambda v: 255 if v > 200 else v)


_OSD_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_OSD_CONF = re.compile(r"Orientation confidence:\s*([\d.]+)")
_OSD_SCRIPT = re.compile(r"Script:\s*(\w+)")
_OSD_SCRIPT_CONF = re.compile(r"Script confidence:\s*([\d.]+)")


@dataclass(frozen=True, slots=True)
class Osd:
    """What Tesseract's orientation and script detection found: the turn needed (0, 90, 180, 270), the script and the
    confidences.
    """

    rotate: int
    confidence: float
    script: str
    script_confidence: float = 0.0


def parse_osd(text: str) -> Osd | None:
    """Parse Tesseract's ``--psm 0`` output; None when it names no rotation or confidence."""
    rot, conf, script = _OSD_ROTATE.search(text), _OSD_CONF.search(text), _OSD_SCRIPT.search(text)
    if not rot or not conf:
        return None
    script_conf = _OSD_SCRIPT_CONF.search(text)
    return Osd(
        int(rot.group(1)) % 360,
        float(conf.group(1)),
        script.group(1) if script else "",
        float(script_conf.group(1)) if script_conf else 0.0,
    )
