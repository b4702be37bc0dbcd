"""Official notices with a round seal (公章) over the signature block, drawn for tests.

    .venv/bin/python -m benchmarks.sealpages OUT_DIR

A4 at 300 DPI: a title, five body lines (one with a landline), the issuing office and the
date, and a seal in red (or ``colour``) with the issuer's name set along its ring, a star in
the middle and ``inside`` (a line of type across the middle, none by default).  ``alpha``
is the seal ink's opacity (real seal ink lets the print show through); ``blur`` softens the
whole page like a poor scan.  Nothing here reads anything.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
ISSUER = "某某市安全生产委员会"
BODY = (
    "各有关单位：",
    "为进一步做好本年度安全生产工作，经研究决定，于下月开展全面检查。",
    "请各单位认真组织自查，及时整改发现的问题，并于月底前报送自查报告。",
    "联系人：王建国，电话：010-6552 9988。",
    "特此通知。",
)
SIZE = (2480, 3508)
CENTRE = (1900, 1430)
RADIUS = 230


def seal_layer(
    size: tuple[int, int], centre: tuple[int, int], radius: int, text: str, rgba: tuple[int, int, int, int],
    inside: str = "",
) -> Image.Image:  # fmt: skip
    """A transparent layer with the seal: ring, star, ``text`` along the top of the ring
    (tops outward, clockwise), ``inside`` across the middle below the star."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=rgba, width=max(6, radius // 16))
    star = [
        (cx + 70 * math.cos(math.radians(-90 + 144 * k)), cy + 70 * math.sin(math.radians(-90 + 144 * k)))
        for k in range(5)
    ]
    draw.polygon(star, fill=rgba)
    font = ImageFont.truetype(CJK, max(20, radius * 52 // 230))
    span = 220.0
    for k, ch in enumerate(text):
        angle = math.radians(180 + (180 - span) / 2 + k * span / max(1, len(text) - 1))  # clockwise in image axes
        x, y = cx + (radius - radius * 0.26) * math.cos(angle), cy + (radius - radius * 0.26) * math.sin(angle)
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((40, 40), ch, font=font, fill=rgba, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        layer.alpha_composite(glyph, (int(x - 40), int(y - 40)))
    if inside:
        small = ImageFont.truetype(CJK, max(16, radius * 34 // 230))
        draw.text((cx, cy + radius * 0.55), inside, font=small, fill=rgba, anchor="mm")
    return layer


def notice(
    path: Path, *, alpha: int = 200, blur: float = 0.0, colour: tuple[int, int, int] = (220, 30, 40),
    inside: str = "", issuer: str = ISSUER,
) -> Path:  # fmt: skip
    """Write one notice to ``path`` (JPEG or PNG by suffix) and return it."""
    page = Image.new("RGB", SIZE, "white")
    draw = ImageDraw.Draw(page)
    title, body = ImageFont.truetype(CJK, 90), ImageFont.truetype(CJK, 50)
    draw.text((SIZE[0] // 2, 300), "关于开展年度安全检查工作的通知", font=title, fill="black", anchor="mm")
    for n, line in enumerate(BODY):
        draw.text((200, 500 + 110 * n), line, font=body, fill="black")
    draw.text((1500, 1400), "某某市安全生产委员会办公室", font=body, fill="black")
    draw.text((1650, 1500), "2024年3月15日", font=body, fill="black")
    seal = seal_layer(SIZE, CENTRE, RADIUS, issuer, (*colour, alpha), inside)
    out = Image.alpha_composite(page.convert("RGBA"), seal).convert("RGB")
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(path, quality=88, dpi=(300, 300)) if path.suffix.lower() in (".jpg", ".jpeg") else out.save(
        path, dpi=(300, 300)
    )
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "seal-pages")
    notice(target / "notice.jpg")
    notice(target / "notice-soft.jpg", blur=0.8)
    notice(target / "notice-blue.png", colour=(30, 60, 200))
    print(target)
