"""Generated pages of text inside colour bands: band colour × text colour × size × print.

    .venv/bin/python -m benchmarks.bandpages DIR [SEED] [PAGES]   # writes DIR/band-SEED-N.png

Issue 25's colour class, drawn as a class rather than as one document: each page holds up to
four bands, each of its own (band colour, text colour, text size) with one listed name on it,
and the whole page goes through one print effect (clean, a clustered-dot screen of 5 or 8
pixels per cell, per-channel error-diffusion dither, or a noisy soft scan saved as JPEG).
Pairs a person could not read (text of nearly the band's colour) are not drawn.  Used by
``tests/test_ink_bands.py``; nothing here prints what it draws.
"""

from __future__ import annotations

import io
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from benchmarks.fuzzdocs import _dot_screen

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W, H = 1600, 1000
MARGIN = 90
BANDS: dict[str, tuple[int, int, int]] = {
    "dark-red": (120, 15, 15),
    "green": (40, 150, 40),
    "navy": (20, 30, 110),
    "slate": (110, 125, 140),
    "orange": (235, 130, 20),
    "mid-grey": (128, 128, 128),
    "pale-yellow": (250, 240, 170),
    "near-black": (25, 25, 25),
}
TEXTS: dict[str, tuple[int, int, int]] = {
    "blue": (40, 60, 220),
    "red": (220, 30, 30),
    "white": (255, 255, 255),
    "yellow": (255, 225, 0),
    "black": (0, 0, 0),
    "cyan": (0, 190, 210),
    "pink": (190, 95, 110),  # about the luma of mid grey: isoluminant on it
}
PRINTS = ("clean", "screen-5", "screen-8", "dither", "noisy-scan")
SIZES_PT = (8, 11, 16, 28)
NAMES = ("Olivia Grant", "Priya Raman", "Daniel Okafor", "Margaret Holloway", "Eleanor Whitfield", "Thomas Brennan")
INNOCENT = "The committee reviewed the quarterly budget for the archive."
MIN_CONTRAST = 40.0  # CIE76 ΔE between text and band below which a pair is not drawn


@dataclass(frozen=True)
class BandLine:
    """One band and the listed name on it (``box``: the band, page pixels)."""

    box: tuple[int, int, int, int]
    text_box: tuple[int, int, int, int]  # the drawn line's ink, page pixels
    name: str
    band: str
    text: str
    size_pt: int


@dataclass(frozen=True)
class BandPage:
    name: str
    print: str
    lines: tuple[BandLine, ...]
    image: Image.Image


def _lab(rgb: tuple[int, int, int]) -> np.ndarray:
    import cv2

    px = np.array([[rgb]], dtype=np.uint8)
    lab = np.asarray(cv2.cvtColor(px, cv2.COLOR_RGB2LAB), dtype=np.float32)[0, 0]
    return np.asarray(lab * np.array([100 / 255, 1, 1], np.float32))


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """CIE76 ΔE between two colours."""
    return float(np.linalg.norm(_lab(a) - _lab(b)))


def pairs() -> list[tuple[str, str]]:
    """Every (band, text) pair a person can read."""
    return [(b, t) for b in BANDS for t in TEXTS if contrast(BANDS[b], TEXTS[t]) >= MIN_CONTRAST]


def _dither(img: Image.Image) -> Image.Image:
    """Error-diffusion dither of each channel on its own (a cheap colour inkjet)."""
    return Image.merge("RGB", [ch.convert("1").convert("L") for ch in img.convert("RGB").split()])


def _noisy_scan(img: Image.Image, rng: random.Random) -> Image.Image:
    soft = img.filter(ImageFilter.GaussianBlur(0.9))
    noise = np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 10, (img.height, img.width, 3))
    noisy = np.clip(np.asarray(soft, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(noisy).save(buf, "JPEG", quality=45)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def printed(img: Image.Image, effect: str, rng: random.Random) -> Image.Image:
    """The page through one print effect of ``PRINTS``."""
    if effect.startswith("screen-"):
        return _dot_screen(img, int(effect.split("-")[1]))
    if effect == "dither":
        return _dither(img)
    if effect == "noisy-scan":
        return _noisy_scan(img, rng)
    return img


def page(seed: int, index: int, effect: str | None = None) -> BandPage:
    """Page ``index`` of ``seed``: up to four bands of drawn pairs, one print effect."""
    rng = random.Random(seed * 7919 + index)
    effect = effect or rng.choice(PRINTS)
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    draw.text((MARGIN, 60), INNOCENT, font=ImageFont.truetype(SANS, 40), fill=(0, 0, 0))
    y = 160
    lines = []
    names = rng.sample(NAMES, 4)
    for name in names:
        band, text = rng.choice(pairs())
        size = rng.choice(SIZES_PT)
        f = ImageFont.truetype(SANS, round(size * 300 / 72))
        label = f"Owner: {name}"
        _, top, right, bottom = (int(v) for v in f.getbbox(label))
        pad = max(14, (bottom - top) // 2)
        box = (MARGIN - 30, y, min(W - 20, MARGIN + right + 30), y + bottom - top + 2 * pad)
        if box[3] > H - 20:
            break
        draw.rectangle(box, fill=BANDS[band])
        draw.text((MARGIN, y + pad - top), label, font=f, fill=TEXTS[text])
        text_box = (MARGIN, y + pad, MARGIN + right, y + pad + bottom - top)
        lines.append(BandLine(box, text_box, name, band, text, size))
        y = box[3] + rng.choice((6, 20, 40))
    return BandPage(f"band-{seed}-{index}", effect, tuple(lines), printed(img, effect, rng))


if __name__ == "__main__":
    dest = Path(sys.argv[1])
    dest.mkdir(parents=True, exist_ok=True)
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for n in range(int(sys.argv[3]) if len(sys.argv) > 3 else len(PRINTS)):
        p = page(seed, n, PRINTS[n % len(PRINTS)])
        p.image.save(dest / f"{p.name}.png", dpi=(300, 300))
        print(dest / f"{p.name}.png", p.print, [(ln.band, ln.text, ln.size_pt) for ln in p.lines])
