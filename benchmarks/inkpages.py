"""Generated pages for the ink side of redaction: text only colour, screens or a near-opaque
bar set apart from its background, and scanned-form pages of structure and handwriting.

    .venv/bin/python -m benchmarks.inkpages DIR     # writes every page as DIR/NAME.png

Colour pages (issue 25): each hides ``SECRET`` in a line a person reads without effort but
the grey image or the darkest channel does not show.  Form pages (issue 31): a court cover
sheet style grid with labels, empty, ticked and crossed checkboxes, labels on grey bars,
text in boxes, and on some pages a sideways handwritten-looking number and a stamp (ink a
person reads, which must be read or stay unread).  Used by ``tests/test_ink_colour.py``,
``tests/test_forms.py`` and ``benchmarks/bench_forms.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OBLIQUE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
W, H = 2480, 1200
MARGIN = 160
SECRET = "Margaret Holloway"
INNOCENT_LINE = "The committee reviewed the quarterly budget for the archive."


def font(size: int, path: str = DEJAVU) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return ImageFont.truetype(DEJAVU, size)


@dataclass(frozen=True)
class InkPage:
    name: str
    secret: str | None  # what a reader must find (None: a form with nothing listed)
    readable_marks: int = 0  # ink a person reads as letters that no plain reading reads
    make: Callable[[], Image.Image] = field(default=lambda: Image.new("L", (8, 8), 255), repr=False, compare=False)


def _page() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    draw.text((MARGIN, 140), INNOCENT_LINE, font=font(44), fill=(0, 0, 0))
    return img, draw


def _on_band(band: tuple[int, int, int], ink: tuple[int, int, int]) -> Callable[[], Image.Image]:
    def make() -> Image.Image:
        img, draw = _page()
        draw.rectangle((MARGIN - 40, 420, W - MARGIN, 560), fill=band)
        draw.text((MARGIN, 450), f"Owner: {SECRET}", font=font(56), fill=ink)
        return img

    return make


def _tight_band(band: tuple[int, int, int], ink: tuple[int, int, int]) -> Callable[[], Image.Image]:
    """A band that hugs its line (14 px of margin): paper lies within a stroke's reach
    of the text, so a background taken as the brightest near pixel makes the band ink."""

    def make() -> Image.Image:
        img, draw = _page()
        f = font(44)
        _, top, right, bottom = (int(v) for v in f.getbbox(f"Owner: {SECRET}"))
        draw.rectangle((MARGIN - 12, 450 + top - 14, MARGIN + right + 12, 450 + bottom + 14), fill=band)
        draw.text((MARGIN, 450), f"Owner: {SECRET}", font=f, fill=ink)
        return img

    return make


def _screened() -> Image.Image:
    """Grey text printed as a dot screen (every dot too small to be a glyph)."""
    img, _ = _page()
    text = Image.new("L", (W, 200), 0)
    ImageDraw.Draw(text).text((MARGIN, 40), f"Owner: {SECRET}", font=font(70, DEJAVU_BOLD), fill=255)
    dots = Image.new("L", (W, 200), 255)
    d = ImageDraw.Draw(dots)
    for y in range(0, 200, 5):
        for x in range((y // 5) % 2 * 2, W, 5):
            if text.getpixel((x, y)):
                d.ellipse((x - 1, y - 1, x + 1, y + 1), fill=90)
    img.paste(dots.convert("RGB"), (0, 420))
    return img


def _watermark() -> Image.Image:
    """A light-grey diagonal watermark naming a person across the page."""
    img, _ = _page()
    mark = Image.new("L", (2100, 200), 0)
    ImageDraw.Draw(mark).text((20, 30), f"COPY FOR {SECRET.upper()}", font=font(110), fill=255)
    turned = mark.rotate(20, expand=True)
    grey = Image.new("RGB", turned.size, (200, 200, 200))
    img.paste(grey, (MARGIN, 300), turned)
    return img


def _under_bar() -> Image.Image:
    """A name under a 90 %-opaque black bar (drawn over the text, not instead of it)."""
    img, draw = _page()
    draw.text((MARGIN, 450), f"Owner: {SECRET}", font=font(56), fill=(0, 0, 0))
    over = Image.new("RGBA", img.size, (0, 0, 0, 0))
    ImageDraw.Draw(over).rectangle((MARGIN - 20, 430, MARGIN + 900, 540), fill=(0, 0, 0, 230))
    return Image.alpha_composite(img.convert("RGBA"), over).convert("RGB")


def _overprint() -> Image.Image:
    """A red name printed across a line of black print (a stamp or a second pass through the
    printer): neither reads on its own in the grey page."""
    img, draw = _page()
    draw.text((MARGIN, 450), "Reference number and filing office of record", font=font(56), fill=(0, 0, 0))
    draw.text((MARGIN + 30, 472), f"Owner: {SECRET}", font=font(56), fill=(220, 30, 30))
    return img


COLOUR_PAGES = (
    InkPage("red-on-green", SECRET, make=_on_band((40, 150, 40), (200, 40, 40))),
    InkPage("blue-on-dark-red", SECRET, make=_on_band((120, 20, 20), (40, 60, 200))),
    InkPage("isoluminant", SECRET, make=_on_band((128, 128, 128), (190, 95, 110))),
    InkPage("watermark-light", SECRET, make=_watermark),
    InkPage("dot-screen", SECRET, make=_screened),
    InkPage("under-90pc-bar", SECRET, make=_under_bar),
    InkPage("red-over-black", SECRET, make=_overprint),
    InkPage("orange-on-slate-tight", SECRET, make=_tight_band((110, 165, 190), (230, 120, 0))),
)


# --- forms --------------------------------------------------------------------------------


def _checkbox(draw: ImageDraw.ImageDraw, x: int, y: int, mark: str, side: int = 34) -> None:
    draw.rectangle((x, y, x + side, y + side), outline=0, width=3)
    if mark == "tick":
        draw.line((x + 7, y + side // 2, x + side // 2 - 2, y + side - 7, x + side - 5, y + 6), fill=0, width=4)
    elif mark == "cross":
        draw.line((x + 6, y + 6, x + side - 6, y + side - 6), fill=0, width=4)
        draw.line((x + side - 6, y + 6, x + 6, y + side - 6), fill=0, width=4)


def _form(seed: int, sideways: bool, stamp: bool) -> Callable[[], Image.Image]:
    def make() -> Image.Image:
        import random

        rng = random.Random(seed)
        img = Image.new("L", (W, 3300), 255)
        draw = ImageDraw.Draw(img)
        f, small = font(34), font(28)
        draw.text((MARGIN, 100), "CIVIL COVER SHEET", font=font(60, DEJAVU_BOLD), fill=0)
        y = 220
        labels = ("PLAINTIFFS", "DEFENDANTS", "County of Residence", "Attorneys", "Basis of Jurisdiction")
        for label in labels:  # a grid of cells, each with a label on a grey bar
            draw.rectangle((MARGIN, y, W - MARGIN, y + 200), outline=0, width=3)
            draw.line(((W // 2), y, (W // 2), y + 200), fill=0, width=3)
            draw.rectangle((MARGIN + 4, y + 4, W // 2 - 4, y + 50), fill=200)
            draw.text((MARGIN + 14, y + 10), f"(a) {label}", font=small, fill=0)
            draw.text((W // 2 + 20, y + 20), "Harbour Trading Company", font=f, fill=0)
            y += 200
        options = ("U.S. Government", "Federal Question", "Diversity", "Contract", "Tort", "Property", "Labor")
        y += 40
        for _row in range(6):  # rows of checkboxes with labels, some ticked or crossed
            for col in range(3):
                x = MARGIN + col * 720
                mark = rng.choice(("", "", "tick", "cross"))
                _checkbox(draw, x, y, mark)
                draw.text((x + 56, y - 2), rng.choice(options), font=f, fill=0)
            y += 80
        for i in range(8):  # short rules for signatures and dates
            draw.line((MARGIN + (i % 2) * 1100, y + 60 + (i // 2) * 90, MARGIN + 900 + (i % 2) * 1100,
                       y + 60 + (i // 2) * 90), fill=0, width=3)  # fmt: skip
        y += 450
        draw.text((MARGIN, y), "Date of filing and signature of attorney of record", font=f, fill=0)
        if sideways:  # a handwritten-looking case number written up the margin
            note = Image.new("L", (700, 110), 255)
            ImageDraw.Draw(note).text((10, 10), "24-cv-0917", font=font(70, OBLIQUE), fill=30)
            img.paste(note.rotate(90, expand=True), (40, 1200))
        if stamp:  # a FAXED stamp at an angle
            box = Image.new("L", (520, 170), 255)
            sd = ImageDraw.Draw(box)
            sd.rectangle((4, 4, 515, 165), outline=60, width=8)
            sd.text((40, 25), "FAXED", font=font(110, DEJAVU_BOLD), fill=60)
            turned = box.rotate(12, expand=True, fillcolor=255)
            img.paste(turned, (W - 900, y + 100))
        for hole in (600, 2700):  # punch holes
            draw.ellipse((30, hole, 90, hole + 60), fill=0)
        return img

    return make


FORM_PAGES = (
    InkPage("form-plain", None, make=_form(1, False, False)),
    InkPage("form-sideways", None, 1, make=_form(2, True, False)),
    InkPage("form-stamp", None, 1, make=_form(3, False, True)),
    InkPage("form-both", None, 2, make=_form(4, True, True)),
)


REPORT_BANDS = ((200, 120, 20), (150, 20, 30), (20, 100, 60), (90, 90, 90), (30, 60, 120), (220, 230, 245))
REPORT_WORDS = ("the", "report", "budget", "staff", "office", "review", "period", "results", "costs", "plan")


def _report(seed: int) -> Callable[[], Image.Image]:
    """An ordinary report page scanned grainy: a heading in a coloured band (white type on a
    dark band, dark on a pale one), body text, and on odd seeds a footer band.  Nothing on it
    is unread to a person; a page refused here is an ordinary page refused."""

    def make() -> Image.Image:
        import numpy as np

        rng = np.random.default_rng(seed)
        band = REPORT_BANDS[seed % len(REPORT_BANDS)]
        on_band = (20, 20, 20) if sum(band) > 500 else (255, 255, 255)
        img = Image.new("RGB", (W, 1500), (250, 248, 244))
        draw = ImageDraw.Draw(img)
        draw.rectangle((150, 150, W - 150, 300), fill=band)
        draw.text((200, 180), "Quarterly Operations Report", font=font(80, DEJAVU_BOLD), fill=on_band)
        for n in range(12):
            words = [REPORT_WORDS[int(i)] for i in rng.integers(0, len(REPORT_WORDS), 10)]
            draw.text((170, 380 + 70 * n), " ".join(words).capitalize() + ".", font=font(38), fill=(25, 25, 25))
        if seed % 2:
            draw.rectangle((150, 1300, W - 150, 1360), fill=band)
            draw.text((200, 1305), "Page 1 of 3   Internal distribution", font=font(34), fill=on_band)
        arr = np.asarray(img, dtype=np.float32) + rng.normal(0, (6, 10, 14)[seed % 3], (1500, W))[:, :, None]
        grainy = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        return grainy.filter(ImageFilter.GaussianBlur(0.7))

    return make


REPORT_PAGES = tuple(InkPage(f"report-band-{n}", None, make=_report(n)) for n in range(6))


def build(dest: Path, pages: tuple[InkPage, ...] = COLOUR_PAGES + FORM_PAGES) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for p in pages:
        path = dest / f"{p.name}.png"
        p.make().save(path, dpi=(300, 300))
        out.append(path)
    return out


if __name__ == "__main__":
    for written in build(Path(sys.argv[1])):
        print(written)
