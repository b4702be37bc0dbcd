"""Development material of the kinds the held-out set has and the corpus lacks (issue 30).

    .venv/bin/python -m benchmarks.unseen_kinds OUTDIR

Pages rendered from text this module knows (so the ground truth is exact) with the fonts on
the machine (DejaVu, WenQuanYi Zen Hei), then degraded the way scans and phone photos are:
legal deposition pages with line numbers in the margin, ruled tables, two-column book pages,
till receipts photographed (tilt, perspective, shading, JPEG), single-line images (one word
or a short phrase, cropped as line datasets crop them) and Chinese words photographed on
coloured backgrounds.  Every item is ``KIND__NAME.png|jpg`` with ``.gt.txt`` and ``.lang``
beside it, as ``benchmarks.labelled_set`` writes them (``bench_corpus --kinds`` reads them).
Seeded: the same files every run.  Nothing here was tuned against a reading; the shapes
follow the issue's description of the held-out set.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
HAN = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

_PROSE = (
    "the witness stated that she had reviewed the contract before the meeting and that the supplier "
    "delivered the goods late in March because of a dispute over payment terms with the bank while "
    "counsel for the defendant objected to the form of the question and the court reporter noted "
    "the objection for the record after which the deposition continued until noon when the parties "
    "agreed to adjourn and resume on Monday morning at the offices of the firm in the city centre"
)
VOCAB = _PROSE.split()
QUESTIONS = ("Q.", "A.")
ITEMS = ("Coffee", "Sandwich", "Water", "Muffin", "Salad", "Tea", "Juice", "Soup", "Bagel", "Cookie")
HAN_WORDS = ("出口", "停车场", "会议室", "禁止吸烟", "安全通道", "办公区域", "请勿入内", "文件归档", "收费处", "电梯")


def _sentence(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(VOCAB) - words)
    text = " ".join(VOCAB[start : start + words])
    return text[0].upper() + text[1:]


def _save(img: Image.Image, out: Path, name: str, truth: str, lang: str, *, jpeg: int = 0, dpi: int = 300) -> None:
    path = out / (name + (".jpg" if jpeg else ".png"))
    if jpeg:
        img.convert("RGB").save(path, quality=jpeg, dpi=(dpi, dpi))
    else:
        img.save(path, dpi=(dpi, dpi))
    (out / f"{name}.gt.txt").write_text(truth.strip() + "\n", encoding="utf-8")
    (out / f"{name}.lang").write_text(lang, encoding="utf-8")


def _scan(img: Image.Image, rng: random.Random, angle: float = 0.0, blur: float = 0.6) -> Image.Image:
    """A photocopied, scanned page: slight tilt, softness, speckle."""
    page = img.rotate(angle, expand=False, fillcolor=255, resample=Image.Resampling.BICUBIC) if angle else img
    page = page.filter(ImageFilter.GaussianBlur(blur))
    px = page.load()
    assert px is not None
    for _ in range(page.width * page.height // 400):
        px[rng.randrange(page.width), rng.randrange(page.height)] = rng.choice((40, 120, 255))
    return page


def legal(rng: random.Random, lines: int = 25, angle: float = 0.0, size: int = 40) -> tuple[Image.Image, str]:
    """A deposition transcript page: line numbers 1-25 in a ruled margin, double-spaced
    Q./A. text in a typewriter face, the page number at the top right; tilted by ``angle``."""
    img = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(MONO, size)
    number = f"Page {rng.randint(10, 99)}"
    draw.text((2050, 150), number, font=face, fill=0)
    for x in (330, 342, 2300):
        draw.line((x, 250, x, 3150), fill=0, width=3)
    truth = [number]
    for n in range(1, lines + 1):
        y = 300 + (n - 1) * 112
        draw.text((290 - draw.textlength(str(n), font=face), y), str(n), font=face, fill=0)
        blank = n % 5 == 0 and rng.random() < 0.5
        text = "" if blank else (rng.choice(QUESTIONS) + " " if n % 3 == 1 else "") + _sentence(rng, rng.randint(5, 7))
        draw.text((400, y), text, font=face, fill=0)
        truth.append(f"{n} {text}".rstrip())
    return _scan(img, rng, angle=angle or rng.uniform(-0.4, 0.4)), "\n".join(truth)


def table(rng: random.Random) -> tuple[Image.Image, str]:
    """A ruled table of items, quantities and amounts under a title, scanned."""
    img = Image.new("L", (2550, 1500), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(SANS, 38)
    bold = ImageFont.truetype(SANS_BOLD, 38)
    title = "Quarterly supplies by office"
    draw.text((200, 120), title, font=bold, fill=0)
    cols = (200, 900, 1400, 1900, 2350)
    rows = [("Item", "Quantity", "Unit price", "Amount")]
    for item in rng.sample(ITEMS, 8):
        qty, price = rng.randint(2, 90), rng.randint(100, 2500) / 100
        rows.append((item, str(qty), f"{price:.2f}", f"{qty * price:.2f}"))
    top = 250
    for r, row in enumerate(rows):
        y = top + r * 110
        draw.line((cols[0], y, cols[-1], y), fill=0, width=3)
        for c, cell in enumerate(row):
            draw.text((cols[c] + 25, y + 30), cell, font=bold if r == 0 else face, fill=0)
    bottom = top + len(rows) * 110
    draw.line((cols[0], bottom, cols[-1], bottom), fill=0, width=3)
    for x in cols:
        draw.line((x, top, x, bottom), fill=0, width=3)
    truth = [title, *(" ".join(row) for row in rows)]
    return _scan(img, rng, angle=rng.uniform(-0.3, 0.3)), "\n".join(truth)


def two_columns(rng: random.Random) -> tuple[Image.Image, str]:
    """A book page in two justified-looking columns of serif text, a running head above."""
    img = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(SERIF, 34)
    head = f"CHAPTER {rng.randint(2, 12)}"
    draw.text((1100, 160), head, font=face, fill=0)
    truth = [head]
    for x in (200, 1350):
        for row in range(38):
            line = _sentence(rng, 6)
            while draw.textlength(line, font=face) > 1000:
                line = line.rsplit(" ", 1)[0]
            draw.text((x, 300 + row * 72), line, font=face, fill=0)
            truth.append(line)
    return _scan(img, rng, angle=rng.uniform(-0.5, 0.5), blur=0.8), "\n".join(truth)


def receipt_photo(rng: random.Random, size: int = 26, dim: int = 0) -> tuple[Image.Image, str]:
    """A till slip photographed on a dark table: tilted, in perspective, unevenly lit (``dim``:
    how much darker the far end is, 0-120), faded thermal print, JPEG."""
    slip = Image.new("L", (620, 1100), 246)
    draw = ImageDraw.Draw(slip)
    face = ImageFont.truetype(MONO, size)
    lines = ["CORNER MARKET", f"Receipt {rng.randint(1000, 9999)}", f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]
    total = 0.0
    for item in rng.sample(ITEMS, 6):
        price = rng.randint(90, 1500) / 100
        total += price
        lines.append(f"{item:<14}{price:>8.2f}")
    lines += [f"{'TOTAL':<14}{total:>8.2f}", "CARD", "Thank you"]
    for n, line in enumerate(lines):
        draw.text((40, 50 + n * round(size * 2.4)), line, font=face, fill=25 + dim // 2)
    photo = Image.new("L", (1000, 1400), 70)
    angle = rng.uniform(-6, 6)
    turned = slip.rotate(angle, expand=True, fillcolor=0, resample=Image.Resampling.BICUBIC)
    mask = Image.new("L", slip.size, 255).rotate(angle, expand=True, fillcolor=0)
    photo.paste(turned, (190, 150), mask)
    w, h = photo.size
    skew = rng.uniform(30, 60)  # the phone held above the slip, nearer its bottom edge
    photo = photo.transform(
        photo.size, Image.Transform.QUAD, (skew, 0, 0, h, w, h, w - skew, 0), resample=Image.Resampling.BICUBIC
    )
    light = Image.linear_gradient("L").resize(photo.size).point(lambda v: 150 - dim + v * (105 + dim) // 255)
    shaded = Image.composite(photo, Image.new("L", photo.size, 0), light)
    lit = Image.blend(photo, shaded, 0.6).filter(ImageFilter.GaussianBlur(1.1))
    colour = Image.merge("RGB", [lit.point(lambda v, k=k: min(255, v * k // 100)) for k in (100, 96, 88)])
    return colour, "\n".join(" ".join(line.split()) for line in lines)


def line_image(rng: random.Random, text: str) -> Image.Image:
    """One line cropped tight as line datasets crop it: grey paper, a few pixels of margin."""
    face = ImageFont.truetype(rng.choice((SANS, SERIF, MONO, SANS_BOLD)), rng.choice((18, 24, 32, 44)))
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    box = probe.textbbox((0, 0), text, font=face)
    pad = rng.randint(2, 8)
    size = (round(box[2] - box[0]) + 2 * pad, round(box[3] - box[1]) + 2 * pad)
    img = Image.new("L", size, rng.randint(200, 250))
    ImageDraw.Draw(img).text((pad - box[0], pad - box[1]), text, font=face, fill=rng.randint(0, 60))
    return img.filter(ImageFilter.GaussianBlur(rng.choice((0.0, 0.5, 0.8))))


def han_photo(rng: random.Random, word: str) -> Image.Image:
    """A Chinese sign or label photographed: large characters on a coloured ground, lit
    unevenly, slightly turned, JPEG."""
    size = rng.choice((60, 90, 140))
    face = ImageFont.truetype(HAN, size)
    ground = rng.choice(((30, 90, 160), (200, 40, 40), (240, 240, 230), (30, 120, 60)))
    ink = (255, 255, 255) if sum(ground) < 400 else (20, 20, 20)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    box = probe.textbbox((0, 0), word, font=face)
    img = Image.new("RGB", (round(box[2] - box[0]) + size, round(box[3] - box[1]) + size), ground)
    ImageDraw.Draw(img).text((size // 2 - box[0], size // 2 - box[1]), word, font=face, fill=ink)
    img = img.rotate(rng.uniform(-4, 4), expand=True, fillcolor=(90, 90, 90), resample=Image.Resampling.BICUBIC)
    light = Image.linear_gradient("L").rotate(90).resize(img.size).point(lambda v: 170 + v * 85 // 255)
    dark = Image.new("RGB", img.size, (0, 0, 0))
    return Image.composite(img, dark, light).filter(ImageFilter.GaussianBlur(0.8))


def main(out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(30)
    for n, (angle, size) in enumerate(((0.0, 40), (1.8, 40), (-2.4, 34))):
        img, truth = legal(rng, angle=angle, size=size)
        if n == 2:  # a cheap scan: 200 DPI, JPEG
            img = img.resize((img.width * 2 // 3, img.height * 2 // 3), Image.Resampling.BILINEAR)
        _save(img, out, f"legal__deposition-{n}", truth, "eng", jpeg=60 if n == 2 else 0, dpi=200 if n == 2 else 300)
    img, truth = table(rng)
    _save(img, out, "table__supplies", truth, "eng")
    img, truth = two_columns(rng)
    _save(img, out, "columns__book", truth, "eng", jpeg=70)
    for n, (size, dim) in enumerate(((26, 0), (22, 60), (18, 100), (24, 120))):
        img, truth = receipt_photo(rng, size, dim)
        _save(img, out, f"receipt__photo-{n}", truth, "eng", jpeg=75, dpi=72)
    phrases = ["Total", "Invoice", "Received", "Signature", "Paid in full", "Account number 40213", "Dear Sir"]
    for n, text in enumerate(phrases):
        _save(line_image(rng, text), out, f"line__{n}", text, "eng", jpeg=85 if n % 2 else 0, dpi=72)
    for n, word in enumerate(rng.sample(HAN_WORDS, 5)):
        _save(han_photo(rng, word), out, f"zhword__{n}", word, "chi_sim+eng", jpeg=80, dpi=72)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
