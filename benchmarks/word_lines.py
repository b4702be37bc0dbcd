"""One-word line images, the shape that read as nothing (issue 27): 208x32 px, one capitalised
word black on white, opaque RGBA, a 100-DPI tag; several words, DejaVu faces and sizes."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
}
WORDS = ("Hello", "Invoice", "Budget", "No", "Yes", "Tax", "Bill", "Will", "Total", "Paid", "Lily", "Security")
SIZES = (16, 20, 24, 28)


def word_line(word: str, font: str, size: int) -> Image.Image:
    img = Image.new("RGBA", (208, 32), (255, 255, 255, 255))
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(FONTS[font], size)
    box = draw.textbbox((0, 0), word, font=face)
    draw.text((8, (32 - (box[3] - box[1])) // 2 - box[1]), word, font=face, fill=(0, 0, 0, 255))
    return img


def make(root: Path) -> list[tuple[Path, str]]:
    """Every word in every face and size as ``root/WORD-FONT-SIZE.png``; (path, the word) pairs."""
    root.mkdir(parents=True, exist_ok=True)
    made = []
    for word in WORDS:
        for font in FONTS:
            for size in SIZES:
                path = root / f"{word}-{font}-{size}.png"
                word_line(word, font, size).save(path, dpi=(100, 100))
                made.append((path, word))
    return made
