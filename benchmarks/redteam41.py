"""Red-team office documents (stop 41): realistic scans with planted, invented secrets.

    .venv/bin/python -m benchmarks.redteam41 OUTDIR [CASE ...]

Writes one folder per case, ``OUTDIR/NN_kind/``, holding ``input.png|jpg|pdf`` (the scan),
``terms.txt`` (the planted names in their normal form, for ``--terms``), ``lang.txt`` (the
Tesseract languages to redact with) and ``secrets.json`` (each planted item with its class;
ground truth, never printed).  With CASE names only those cases are written.

The kinds are office pages an outside attacker expects a clerk to scan and redact: payslips
and bank statements (tables, thick cell borders, small print, a coloured header band), a
Chinese red-header notice (红头, 文号, seal), a VAT invoice on a pale guilloche, an ID-card
photocopy, a business card and an envelope photographed (perspective, shadow, JPEG), a form
filled in by hand (jittered italic glyphs), yellow print, a caption over a photo, footnotes,
phone numbers and names broken over a line, e-mails written as URLs, letter-spaced capitals,
a two-column newsletter, a chat screenshot, a spreadsheet printout, fax header lines, spaced
and traditional Chinese names, mixed full-width digits, a surname alone after a title, e-mails
wrapped at a hyphen or after the @, names listed with accents or a middle dot (·) and printed
without — and ordinary pages with nothing secret on them (a report with a chart, a notice with
a seal, a bus timetable, a number-heavy invoice, Chinese minutes), which must come back
unrefused and nearly untouched.  ``benchmarks/redteam41_attack.py`` attacks the outputs.
Every value is invented; checksums (ID, card, IBAN) are made valid so that a detector which
validates them must find them.  Seeded: the same files every run.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
SANS = DEJAVU + "DejaVuSans.ttf"
BOLD = DEJAVU + "DejaVuSans-Bold.ttf"
OBLIQUE = DEJAVU + "DejaVuSans-Oblique.ttf"
SERIF = DEJAVU + "DejaVuSerif.ttf"
SERIF_BOLD = DEJAVU + "DejaVuSerif-Bold.ttf"
SERIF_IT = DEJAVU + "DejaVuSerif-Italic.ttf"
COND = DEJAVU + "DejaVuSansCondensed.ttf"
MONO = DEJAVU + "DejaVuSansMono.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

Colour = tuple[int, int, int]
BLACK: Colour = (20, 20, 20)
RED: Colour = (215, 25, 30)


@dataclass(frozen=True)
class Secret:
    """One planted item: its class (name, phone, id, card, iban, email, marking) and value."""

    cls: str
    value: str


@dataclass
class Case:
    """A generated document: its pages, secrets, terms and language."""

    pages: list[Image.Image]
    secrets: list[Secret]
    lang: str = "eng"
    ext: str = "png"
    dpi: int = 200
    terms: list[str] = field(default_factory=list)
    ordinary: bool = False


def font(path: str, px: int) -> ImageFont.FreeTypeFont:
    """A font at ``px`` pixels."""
    return ImageFont.truetype(path, max(6, int(px)))


def pt(points: float, dpi: int) -> int:
    """Points to pixels at ``dpi``."""
    return round(points * dpi / 72)


def text(
    d: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    s: str,
    face: ImageFont.FreeTypeFont,
    fill: Colour = BLACK,
    spacing: float = 0.0,
) -> float:
    """Draw ``s`` at ``xy`` with ``spacing`` extra pixels between letters; the end x."""
    x, y = xy
    if not spacing:
        d.text((x, y), s, font=face, fill=fill)
        return x + d.textlength(s, font=face)
    for ch in s:
        d.text((x, y), ch, font=face, fill=fill)
        x += d.textlength(ch, font=face) + spacing
    return x


def hand(img: Image.Image, xy: tuple[int, int], s: str, px: int, rng: random.Random, ink: Colour) -> None:
    """Handwriting-like: each glyph italic, turned, scaled and moved a little, pen-blurred."""
    x: float = xy[0]
    y = xy[1]
    for ch in s:
        size = int(px * rng.uniform(0.88, 1.15))
        face = font(rng.choice((SERIF_IT, OBLIQUE)), size)
        w = int(face.getlength(ch)) + 8
        tile = Image.new("L", (w + 20, size * 2), 0)
        ImageDraw.Draw(tile).text((10, size // 3), ch, font=face, fill=255, stroke_width=rng.choice((0, 1)))
        tile = tile.rotate(rng.uniform(-12, 8), resample=Image.Resampling.BICUBIC, expand=False)
        tile = tile.filter(ImageFilter.GaussianBlur(0.6))
        colour = Image.new("RGB", tile.size, ink)
        img.paste(colour, (int(x - 10), int(y + rng.uniform(-4, 4) - size // 3)), tile)
        x += w * rng.uniform(0.72, 0.86) if ch != " " else px * 0.4


def scan(img: Image.Image, rng: random.Random, blur: float = 0.6, noise: float = 5.0, skew: float = 0.4) -> Image.Image:
    """A flatbed scan: slight skew, blur, sensor noise, a paper tone."""
    img = img.convert("RGB").rotate(
        rng.uniform(-skew, skew), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248)
    )
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    b = a * 0.97 + 4 + np.random.default_rng(rng.randrange(1 << 30)).normal(0, noise, a.shape)
    return Image.fromarray(np.clip(b, 0, 255).astype(np.uint8))


def photo(
    img: Image.Image, rng: random.Random, tilt: float, shadow: float = 0.35, bg: Colour = (96, 80, 64)
) -> Image.Image:
    """A phone photo: the sheet on a desk, turned, seen in perspective, shaded, grainy."""
    w, h = img.size
    canvas = Image.new("RGB", (int(w * 1.25), int(h * 1.25)), bg)
    ca = np.asarray(canvas).astype(np.float32)
    yy, xx = np.mgrid[0 : canvas.size[1], 0 : canvas.size[0]]
    ca += (np.sin(xx / 37.0 + yy / 91.0) * 9)[..., None]  # wood grain
    canvas = Image.fromarray(np.clip(ca, 0, 255).astype(np.uint8))
    sheet = img.convert("RGB").rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0))
    mask = Image.new("L", img.size, 255).rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True)
    canvas.paste(sheet, ((canvas.size[0] - sheet.size[0]) // 2, (canvas.size[1] - sheet.size[1]) // 2), mask)
    cw, ch = canvas.size
    dx = cw * 0.06
    coeffs = _perspective(
        [(dx, 0), (cw - dx * 0.3, ch * 0.02), (cw, ch), (0, ch * 0.98)], [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    )
    canvas = canvas.transform(canvas.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    a = np.asarray(canvas).astype(np.float32)
    grad = 1 - shadow * np.clip((xx / cw - 0.45) * 1.8, 0, 1) ** 1.5
    a = a * grad[..., None] * rng.uniform(0.9, 1.0)
    a += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 4, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return out


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> tuple[float, ...]:
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    sol = np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))
    return tuple(float(c) for c in sol)


def page(dpi: int, w_in: float = 8.27, h_in: float = 11.69, colour: Colour = (255, 255, 255)) -> Image.Image:
    """A blank page (A4 by default) at ``dpi``."""
    return Image.new("RGB", (round(w_in * dpi), round(h_in * dpi)), colour)


# ---------------------------------------------------------------- invented identifiers


def cn_id(rng: random.Random, birth: str) -> str:
    """A resident identity number with a valid county prefix, birth date and check character."""
    county = rng.choice(("110105", "310104", "440305", "320102", "510107"))
    body = county + birth + f"{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def luhn(prefix: str, length: int, rng: random.Random) -> str:
    """A card number of ``length`` digits starting ``prefix`` that passes the Luhn check."""
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(body)):
        n = int(c) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return body + str((10 - total % 10) % 10)


def iban(country: str, bban: str) -> str:
    """An IBAN with valid check digits."""
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def grouped(s: str, n: int = 4) -> str:
    """``s`` in groups of ``n`` separated by spaces."""
    return " ".join(s[i : i + n] for i in range(0, len(s), n))


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


# ---------------------------------------------------------------- the cases


def c_payslip(rng: random.Random) -> Case:
    """Payslip: thick-bordered table, name in letter-spaced capitals, IBAN in 6 pt small print."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Marguerite Oyelaran"
    acct = iban("GB", "NWBK60161331926819")
    mail = "m.oyelaran@harbourline-logistics.co.uk"
    d.rectangle((120, 110, 1534, 260), fill=(232, 236, 244))
    text(d, (150, 130), "HARBOURLINE LOGISTICS LTD", font(BOLD, pt(16, dpi)), (30, 40, 90))
    text(d, (150, 200), "Payslip  —  Period 09  (September)", font(SANS, pt(10, dpi)))
    text(d, (150, 320), "EMPLOYEE", font(SANS, pt(8, dpi)), (90, 90, 90))
    text(d, (150, 350), name.upper(), font(BOLD, pt(12, dpi)), spacing=pt(4, dpi))
    text(d, (150, 420), "Employee no. 004417    Tax code 1257L    NI category A", font(SANS, pt(9, dpi)))
    rows = [
        ("Basic salary", "160.00", "18.75", "3,000.00"),
        ("Overtime 1.5x", "6.00", "28.13", "168.78"),
        ("Income tax", "", "", "-428.40"),
        ("National Insurance", "", "", "-241.16"),
        ("Pension 5%", "", "", "-150.00"),
        ("Net pay", "", "", "2,349.22"),
    ]
    y = 520
    cols = (150, 760, 980, 1200, 1500)
    d.rectangle((cols[0], y, cols[-1], y + 70), fill=(40, 40, 40))
    for i, head in enumerate(("Description", "Units", "Rate", "Amount")):
        text(d, (cols[i] + 15, y + 18), head, font(BOLD, pt(10, dpi)), (255, 255, 255))
    y += 70
    for row in rows:
        for i, v in enumerate(row):
            text(d, (cols[i] + 15, y + 18), v, font(SANS, pt(10, dpi)))
        y += 70
    for x in cols:
        d.line((x, 520, x, y), fill=BLACK, width=7)
    for yy in range(520, y + 1, 70):
        d.line((cols[0], yy, cols[-1], yy), fill=BLACK, width=7 if yy in (520, 590, y) else 2)
    text(d, (150, y + 60), "Payment by BACS on 28 September to the account below.", font(SANS, pt(9, dpi)))
    small = font(SANS, pt(6, dpi))
    text(d, (150, 2080), f"Paid to: {grouped(acct)}   BIC NWBKGB2L   Queries: {mail}", small, (70, 70, 70))
    text(d, (150, 2110), "This payslip is an important document; please keep it for your records.", small, (70, 70, 70))
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("iban", acct), Secret("email", mail)], terms=[name], dpi=dpi)


def c_bank_statement(rng: random.Random) -> Case:
    """Bank statement: holder in white on a navy band, striped rows, card number, 6 pt footer phone."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Desmond Achterberg"
    card = luhn("4929", 16, rng)
    phone = "+44 20 7946 0321"
    d.rectangle((0, 80, img.size[0], 330), fill=(18, 38, 92))
    text(d, (130, 110), "NORTHGATE BANK", font(SERIF_BOLD, pt(18, dpi)), (255, 255, 255))
    text(d, (130, 200), f"Statement for  {name}", font(SANS, pt(11, dpi)), (235, 235, 255))
    text(d, (130, 255), "Current account  ·  sort code 30-94-57", font(SANS, pt(9, dpi)), (200, 210, 240))
    text(d, (130, 400), f"Debit card  {grouped(card)}", font(MONO, pt(10, dpi)))
    y = 520
    tx = [
        ("01 Oct", "Opening balance", "", "1,204.55"),
        ("03 Oct", "TFL TRAVEL CH", "-12.80", "1,191.75"),
        ("04 Oct", "SAINSBURYS 0412", "-46.19", "1,145.56"),
        ("07 Oct", "SALARY HARBOURLINE", "2,349.22", "3,494.78"),
        ("09 Oct", "DD COUNCIL TAX", "-151.00", "3,343.78"),
        ("12 Oct", "CARD PAYMENT PRET", "-7.45", "3,336.33"),
        ("15 Oct", "STANDING ORDER RENT", "-1,150.00", "2,186.33"),
        ("21 Oct", "AMAZON MKTPLACE", "-23.99", "2,162.34"),
        ("28 Oct", "INTEREST", "0.41", "2,162.75"),
    ]
    face = font(SANS, pt(9, dpi))
    for i, (dt, what, amt, bal) in enumerate(tx):
        if i % 2:
            d.rectangle((120, y - 8, 1534, y + 48), fill=(228, 236, 250))
        text(d, (130, y), dt, face)
        text(d, (330, y), what, face)
        text(d, (1050, y), amt, face)
        text(d, (1300, y), bal, face)
        y += 56
    foot = font(SANS, pt(6, dpi))
    text(d, (130, 2150), f"Lost or stolen card? Call us any time on {phone}. Northgate Bank plc is authorised", foot)
    text(d, (130, 2175), "by the Prudential Regulation Authority. Calls may be recorded.", foot)
    out = scan(img, rng)
    buf = out
    return Case(
        [buf],
        [Secret("name", name), Secret("card", card), Secret("phone", phone)],
        terms=[name],
        ext="jpg",
        dpi=dpi,
    )


def _red_header(d: ImageDraw.ImageDraw, img: Image.Image, dpi: int, title: str) -> int:
    w = img.size[0]
    f = font(CJK, pt(30, dpi))
    tw = d.textlength(title, font=f)
    d.text(((w - tw) / 2, 260), title, font=f, fill=RED)
    d.line((150, 470, w - 150, 470), fill=RED, width=6)
    return 470


def seal(img: Image.Image, centre: tuple[int, int], r: int, ring_text: str, alpha: float = 0.8) -> None:
    """A round red seal (公章) with text along its ring and a star, blended over the page."""
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=max(4, r // 18))
    f = font(CJK, int(r * 0.26))
    n = len(ring_text)
    for i, ch in enumerate(ring_text):
        ang = math.radians(-150 + 300 * i / max(1, n - 1))
        fs = int(f.size)
        tile = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(tile).text((fs // 2, fs // 2), ch, font=f, fill=255)
        tile = tile.rotate(-math.degrees(ang), resample=Image.Resampling.BICUBIC)
        px = cx + (r * 0.74) * math.sin(ang) - fs
        py = cy - (r * 0.74) * math.cos(ang) - fs
        layer.paste(255, (int(px), int(py)), tile)
    star = [
        (
            cx + (r * 0.28 if k % 2 == 0 else r * 0.11) * math.sin(math.pi * k / 5),
            cy - (r * 0.28 if k % 2 == 0 else r * 0.11) * math.cos(math.pi * k / 5),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=255)
    a = np.asarray(img).astype(np.float32)
    m = np.asarray(layer.filter(ImageFilter.GaussianBlur(1.0))).astype(np.float32)[..., None] / 255 * alpha
    inked = a * np.array([1.0, 0.25, 0.25]) + np.array([20.0, 0.0, 0.0])
    img.paste(Image.fromarray(np.clip(a * (1 - m) + np.minimum(a, inked) * m, 0, 255).astype(np.uint8)))


def c_gongwen(rng: random.Random) -> Case:
    """公文: red header and rule, 文号, 机密★ marking, a contact line with name and mobile, a seal."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "欧阳振华"
    mobile = "13916527480"
    f = font(CJK, pt(12, dpi))
    text(d, (150, 120), "000123", font(SANS, pt(10, dpi)))
    text(d, (150, 170), "机密★1年", font(CJK, pt(14, dpi)))
    _red_header(d, img, dpi, "江临市发展和改革委员会文件")
    no = "江发改〔2026〕47号"
    text(d, ((img.size[0] - d.textlength(no, font=f)) / 2, 400), no, f)
    title = "关于做好年度重点项目资金核查工作的通知"
    ft = font(CJK, pt(18, dpi))
    text(d, ((img.size[0] - d.textlength(title, font=ft)) / 2, 560), title, ft)
    body = [
        "各区县发展改革局，市直有关单位：",
        "　　为加强重点项目资金管理，经研究，决定于十一月开展专项核查。现将有关事项通知如下：",
        "　　一、核查范围为本年度列入市重点项目计划的全部在建项目。",
        "　　二、各单位应于十一月十五日前完成自查，并将自查报告报送市发展改革委。",
        "　　三、核查期间如有问题，请与投资处联系。",
        f"　　联系人：{name}，联系电话：{mobile[:3]} {mobile[3:7]} {mobile[7:]}。",
    ]
    y = 720
    for line in body:
        # wrap at 34 characters per line
        while line:
            text(d, (150, y), line[:34], f)
            line = line[34:]
            y += 80
    text(d, (1000, y + 160), "江临市发展和改革委员会", f)
    text(d, (1060, y + 240), "2026年11月3日", f)
    seal(img, (1220, y + 210), 170, "江临市发展和改革委员会")
    out = scan(img, rng, blur=0.5)
    return Case(
        [out],
        [Secret("marking", "机密"), Secret("name", name), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_fapiao(rng: random.Random) -> Case:
    """增值税发票 on a pale green guilloche: buyer name, phone and bank account in small print."""
    dpi = 200
    img = page(dpi, 9.45, 5.51, (240, 248, 240))
    a = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0 : img.size[1], 0 : img.size[0]]
    wave = (np.sin(xx / 9.0 + 6 * np.sin(yy / 40.0)) > 0.6) | (np.sin(yy / 7.0 + 5 * np.sin(xx / 55.0)) > 0.85)
    a[wave] = a[wave] * 0.92 + np.array([0.0, 12.0, 0.0]) * 0.08
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    d = ImageDraw.Draw(img)
    brown: Colour = (150, 80, 40)
    name = "司马婉清"
    phone = "18623047719"
    card = luhn("621700", 19, rng)
    tf = font(CJK, pt(18, dpi))
    title = "江苏增值税普通发票"
    text(d, ((img.size[0] - d.textlength(title, font=tf)) / 2, 60), title, tf, brown)
    d.ellipse((860, 40, 1030, 150), outline=RED, width=4)
    text(d, (890, 78), "监制章", font(CJK, pt(9, dpi)), RED)
    f = font(CJK, pt(8, dpi))
    d.rectangle((60, 220, 1830, 1000), outline=brown, width=3)
    d.line((60, 440, 1830, 440), fill=brown, width=2)
    d.line((60, 800, 1830, 800), fill=brown, width=2)
    d.line((180, 220, 180, 440), fill=brown, width=2)
    for i, ch in enumerate("购买方"):
        text(d, (90, 250 + 60 * i), ch, f, brown)
    text(d, (200, 240), f"名　　　称：{name}", f, (30, 30, 120))
    text(d, (200, 290), "纳税人识别号：", f, brown)
    text(d, (200, 340), f"地 址、电 话：南京市鼓楼区汉中路102号 {phone}", f, (30, 30, 120))
    text(d, (200, 390), f"开户行及账号：中国建设银行南京汉中路支行 {card}", f, (30, 30, 120))
    items = [("*餐饮服务*餐费", "1", "452.83", "6%", "27.17")]
    text(d, (80, 460), "货物或应税劳务、服务名称    数量    金额    税率    税额", f, brown)
    for i, row in enumerate(items):
        text(d, (80, 520 + 50 * i), "        ".join(row), f, (30, 30, 120))
    text(d, (80, 830), "价税合计（大写）　肆佰捌拾圆整　　（小写）¥480.00", f, brown)
    text(d, (80, 1030), "收款人：李芳　　复核：王强　　开票人：赵敏", f, brown)
    out = scan(img, rng, blur=0.5, noise=3)
    return Case(
        [out],
        [Secret("name", name), Secret("phone", phone), Secret("card", card)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_idcard(rng: random.Random) -> Case:
    """ID-card photocopy: front and back on one A4, grey security waves, a photo, tracked ID digits."""
    dpi = 200
    img = page(dpi, colour=(252, 252, 252))
    name = "龙晓岚"
    idno = cn_id(rng, "19880412")
    cw, chh = 684, 432  # 85.6 x 54 mm at 200 dpi
    for k, top in enumerate((300, 900)):
        card = Image.new("RGB", (cw, chh), (236, 236, 236))
        a = np.asarray(card).astype(np.float32)
        yy, xx = np.mgrid[0:chh, 0:cw]
        waves = np.abs(np.sin(xx / 14.0 + 3 * np.sin(yy / 23.0))) < 0.12
        a[waves] -= 28
        card = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        d = ImageDraw.Draw(card)
        d.rounded_rectangle((0, 0, cw - 1, chh - 1), radius=28, outline=(120, 120, 120), width=3)
        f = font(CJK, 26)
        lab: Colour = (90, 90, 90)
        if k == 0:
            rows = [
                ("姓名", name),
                ("性别", "女　　民族　汉"),
                ("出生", "1988 年 4 月 12 日"),
                ("住址", "上海市徐汇区漕溪北路"),
            ]
            for i, (lbl, val) in enumerate(rows):
                d.text((40, 40 + 62 * i), lbl, font=font(CJK, 22), fill=lab)
                d.text((120, 38 + 62 * i), val, font=f, fill=BLACK)
            d.text((120, 38 + 62 * 4), "365弄12号801室", font=f, fill=BLACK)
            d.text((40, 360), "公民身份号码", font=font(CJK, 22), fill=lab)
            text(d, (210, 352), idno, font(MONO, 32), BLACK, spacing=3)
            ph = Image.new("L", (170, 210), 200)
            pd = ImageDraw.Draw(ph)
            pd.ellipse((40, 20, 130, 130), fill=95)
            pd.ellipse((15, 120, 155, 260), fill=70)
            card.paste(Image.merge("RGB", (ph, ph, ph)).filter(ImageFilter.GaussianBlur(3)), (480, 50))
        else:
            d.text((80, 40), "中华人民共和国", font=font(CJK, 34), fill=BLACK)
            d.text((80, 100), "居 民 身 份 证", font=font(CJK, 44), fill=BLACK)
            d.text((40, 300), "签发机关　上海市公安局徐汇分局", font=font(CJK, 22), fill=BLACK)
            d.text((40, 350), "有效期限　2018.05.20-2038.05.20", font=font(CJK, 22), fill=BLACK)
        img.paste(card, (480, top))
    d = ImageDraw.Draw(img)
    d.text((480, 1450), "本复印件仅供办理社保登记使用，再复印无效。", font=font(CJK, 28), fill=(60, 60, 60))
    out = scan(img.convert("L").convert("RGB"), rng, blur=0.8, noise=6)
    return Case([out], [Secret("name", name), Secret("id", idno)], lang="chi_sim+eng", terms=[name], dpi=dpi)


def c_business_card(rng: random.Random) -> Case:
    """Business card photographed on a desk: perspective, shadow, JPEG."""
    dpi = 300
    card = page(dpi, 3.5, 2.0)
    d = ImageDraw.Draw(card)
    name = "Ingrid Vasquez-Holm"
    mobile = "+1 415 867 2291"
    mail = "ingrid.vholm@tidewaterbio.com"
    d.rectangle((0, 0, 60, card.size[1]), fill=(0, 120, 110))
    text(d, (120, 90), name, font(BOLD, pt(13, dpi)))
    text(d, (120, 170), "Director, Clinical Operations", font(SANS, pt(8, dpi)), (90, 90, 90))
    text(d, (120, 330), f"M  {mobile}", font(SANS, pt(7.5, dpi)))
    text(d, (120, 385), f"E  {mail}", font(SANS, pt(7.5, dpi)))
    text(
        d, (120, 440), "Tidewater Bio · 601 Gateway Blvd · South San Francisco", font(SANS, pt(6.5, dpi)), (90, 90, 90)
    )
    d.ellipse((880, 60, 1000, 180), fill=(0, 120, 110))
    out = photo(card, rng, tilt=-6.0)
    return Case(
        [out], [Secret("name", name), Secret("phone", mobile), Secret("email", mail)], terms=[name], ext="jpg", dpi=dpi
    )


def c_hand_form(rng: random.Random) -> Case:
    """Visitor form filled in by hand (jittered italic glyphs in blue ballpoint), printed labels."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Oluwaseun Brandt"
    phone = "07911 123456"
    text(d, (150, 130), "VISITOR REGISTRATION", font(BOLD, pt(16, dpi)))
    text(d, (150, 200), "Please complete in block capitals or clearly.", font(SANS, pt(9, dpi)), (80, 80, 80))
    labels = ["Full name", "Company", "Mobile", "Visiting", "Car registration", "Signature"]
    values = [name, "Fenwick & Rowe", phone, "Facilities - 3rd floor", "", ""]
    y = 330
    for lbl, val in zip(labels, values, strict=True):
        text(d, (150, y), lbl, font(SANS, pt(10, dpi)))
        d.line((560, y + 60, 1500, y + 60), fill=(60, 60, 60), width=2)
        if val:
            hand(img, (590, y - 5), val, pt(15, dpi), rng, (25, 45, 140))
        y += 150
    # signature scribble
    pts = [(600 + i * 9, y - 170 + 25 * math.sin(i / 3.0) + rng.uniform(-5, 5)) for i in range(60)]
    d.line(pts, fill=(25, 45, 140), width=4)
    d.rectangle((150, y + 40, 200, y + 90), outline=BLACK, width=3)
    d.line((160, y + 60, 175, y + 80, 195, y + 45), fill=(25, 45, 140), width=5)
    text(d, (230, y + 45), "I have read the site safety rules.", font(SANS, pt(10, dpi)))
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("phone", phone)], terms=[name], dpi=dpi)


def c_envelope(rng: random.Random) -> Case:
    """A brown envelope photographed: the address label stuck on at 9°, JPEG, uneven light."""
    dpi = 200
    env = page(dpi, 9.0, 6.4, (196, 160, 112))
    a = np.asarray(env).astype(np.float32)
    a += np.random.default_rng(3).normal(0, 6, a.shape)
    env = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    name = "Thaddeus Mwangi-Corbett"
    phone = "020 7946 0958"
    label = Image.new("RGB", (760, 300), (250, 250, 245))
    d = ImageDraw.Draw(label)
    f = font(SANS, pt(11, dpi))
    for i, line in enumerate([name, "Flat 4, 17 Aldermoor Road", "London  SE6 3RT", f"Tel {phone}"]):
        text(d, (30, 25 + 66 * i), line, f)
    mask = Image.new("L", label.size, 255).rotate(9, expand=True)
    label = label.rotate(9, expand=True, resample=Image.Resampling.BICUBIC)
    env.paste(label, (520, 430), mask)
    d = ImageDraw.Draw(env)
    d.rectangle((1500, 80, 1680, 300), fill=(180, 40, 50))
    text(d, (1380, 330), "ROYAL MAIL  2ND CLASS", font(BOLD, pt(7, dpi)), (40, 40, 40))
    out = photo(env, rng, tilt=4.0, shadow=0.45, bg=(60, 60, 70))
    return Case([out], [Secret("name", name), Secret("phone", phone)], terms=[name], ext="jpg", dpi=dpi)


def c_yellow_flyer(rng: random.Random) -> Case:
    """A club flyer: contact phone and e-mail printed in yellow on white (low contrast)."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    phone = "07700 900461"
    mail = "bookings.treasurer@gmail.com"
    name = "Pernille Sandoval"
    text(d, (150, 200), "Riverside Rowing Club", font(BOLD, pt(28, dpi)), (20, 60, 140))
    text(d, (150, 360), "Open day — Saturday 14 March, 10:00 to 16:00", font(SANS, pt(14, dpi)))
    for i, line in enumerate(
        [
            "Try rowing on the river with our coaches. All ages welcome,",
            "no experience needed. Bring a change of clothes and trainers.",
            "Tea and cake in the boathouse afterwards.",
        ]
    ):
        text(d, (150, 500 + 70 * i), line, font(SANS, pt(12, dpi)))
    yellow: Colour = (250, 215, 30)
    text(d, (150, 900), f"Bookings: {name}", font(BOLD, pt(14, dpi)), yellow)
    text(d, (150, 990), f"Phone {phone}  ·  {mail}", font(BOLD, pt(14, dpi)), yellow)
    out = scan(img, rng, noise=3)
    return Case([out], [Secret("name", name), Secret("phone", phone), Secret("email", mail)], terms=[name], dpi=dpi)


def c_photo_caption(rng: random.Random) -> Case:
    """Newsletter page: a photo with a white name caption laid over its lower part."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Henrietta Kowalczyk"
    text(d, (150, 120), "Staff News — Winter", font(BOLD, pt(22, dpi)))
    ph_w, ph_h = 1350, 800
    yy, xx = np.mgrid[0:ph_h, 0:ph_w]
    r = 110 + 60 * np.sin(xx / 130.0) + 30 * np.cos(yy / 70.0)
    g = 130 + 50 * np.sin((xx + yy) / 160.0)
    b = 90 + 70 * np.cos(xx / 210.0 - yy / 90.0)
    arr = np.stack([r, g, b], -1) + np.random.default_rng(5).normal(0, 10, (ph_h, ph_w, 3))
    ph = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(2))
    pd = ImageDraw.Draw(ph)
    pd.ellipse((500, 120, 780, 460), fill=(210, 170, 140))
    pd.rectangle((430, 440, 850, 800), fill=(40, 50, 80))
    cap = font(BOLD, pt(14, dpi))
    pd.text((60, 680), name, font=cap, fill=(255, 255, 255), stroke_width=2, stroke_fill=(30, 30, 30))
    img.paste(ph, (150, 260))
    for i, line in enumerate(
        [
            "After 31 years with the council, our longest-serving librarian retires",
            "this month. Colleagues gathered in the reading room on Friday to wish",
            "her well, and the children's book group presented a hand-made card.",
        ]
    ):
        text(d, (150, 1120 + 64 * i), line, font(SERIF, pt(11, dpi)))
    out = scan(img, rng)
    return Case([out], [Secret("name", name)], terms=[name], ext="jpg", dpi=dpi)


def c_footnotes(rng: random.Random) -> Case:
    """Legal letter: a name with a superscript mark, the phone number in a 6.5 pt footnote."""
    dpi = 300
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Ambrose Nakashima"
    phone = "(212) 555-0187"
    mail = "anakashima@pellucid-law.com"
    f = font(SERIF, pt(11, dpi))
    sup = font(SERIF, pt(7, dpi))
    text(d, (300, 300), "PELLUCID & GRAY LLP", font(SERIF_BOLD, pt(16, dpi)))
    y = 600
    lines = [
        "Re: Lease of premises at 40 Water Street",
        "",
        "Dear Sirs,",
        "",
        "We act for the landlord. Our client's representative, Mr",
    ]
    for line in lines:
        text(d, (300, y), line, f)
        y += 70
    x = text(d, (300, y), name, f)
    text(d, (x + 2, y - 12), "1", sup)
    text(d, (x + 30, y), ", will attend the inspection on 3 December.", f)
    y += 70
    for line in ["Please confirm access arrangements with him directly.", "", "Yours faithfully,"]:
        text(d, (300, y), line, f)
        y += 70
    d.line((300, 3150, 1000, 3150), fill=BLACK, width=2)
    foot = font(SERIF, pt(6.5, dpi))
    text(d, (300, 3120 + 60), "1", font(SERIF, pt(5, dpi)))
    text(d, (330, 3180), f"Direct line {phone}; e-mail {mail}. Not for service of documents.", foot)
    out = scan(img, rng, blur=0.7)
    return Case([out], [Secret("name", name), Secret("phone", phone), Secret("email", mail)], terms=[name], dpi=dpi)


def c_linebreaks(rng: random.Random) -> Case:
    """Justified memo: the surname hyphenated over a line end, the phone number split over two lines."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Cornelius Westerhuijsen"
    phone = "+31 20 794 6230"
    f = font(SERIF, pt(11, dpi))
    text(d, (150, 150), "MEMO  —  Facilities", font(SERIF_BOLD, pt(14, dpi)))
    lines = [
        "The lift maintenance contract has been renewed for a further two",
        "years. The engineer assigned to our building, Cornelius Wester-",
        "huijsen, will visit on the first Monday of every month; he can be",
        "reached in an emergency on +31 20",
        "794 6230 (office hours) or through the helpdesk. Please do not",
        "use the goods lift while the engineer is working on it.",
    ]
    for i, line in enumerate(lines):
        text(d, (150, 300 + 62 * i), line, f)
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("phone", phone)], terms=[name], dpi=dpi)


def c_email_urls(rng: random.Random) -> Case:
    """Web page printout: e-mails written as mailto:/URL-encoded links and in the print footer URL."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    m1 = "r.delacroix@quillon.fr"
    m2 = "support.team@brightfold.io"
    f = font(SANS, pt(10, dpi))
    small = font(SANS, pt(7, dpi))
    text(d, (100, 60), "26/11/2026, 14:02        Contact us — Brightfold", small, (60, 60, 60))
    text(d, (150, 200), "Contact us", font(BOLD, pt(20, dpi)))
    text(d, (150, 340), "Press enquiries:", f)
    text(d, (150, 400), "mailto:r.delacroix%40quillon.fr?subject=Press", f, (20, 60, 200))
    text(d, (150, 500), "Customer support:", f)
    text(d, (150, 560), "https://brightfold.io/contact?to=support.team%40brightfold.io&lang=en", f, (20, 60, 200))
    text(d, (150, 700), "Office: 12 Rue Oberkampf, 75011 Paris", f)
    text(d, (100, 2260), "https://brightfold.io/contact?ref=footer&mail=support.team%40brightfold.io    1/1", small)
    out = scan(img, rng, noise=3)
    return Case([out], [Secret("email", m1), Secret("email", m2)], dpi=dpi)


def c_newsletter(rng: random.Random) -> Case:
    """Two-column newsletter: a name in each column, a phone in a pale tinted sidebar box."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Beatrix Oyelowo-Finch"
    phone = "0161 496 0374"
    text(d, (130, 100), "THE PARISH POST", font(SERIF_BOLD, pt(26, dpi)))
    d.line((130, 230, 1524, 230), fill=BLACK, width=4)
    f = font(SERIF, pt(9.5, dpi))
    left = [
        "Harvest supper raised £1,240 for",
        "the church roof, thanks to everyone",
        "who cooked, served and washed up.",
        f"Special thanks go to {name.split()[0]}",
        f"{name.split()[1]}, who organised",
        "the raffle for the ninth year.",
        "",
        "The bell ringers practise every",
        "Thursday at 7.30 pm; new ringers",
        "are always welcome.",
    ]
    right = [
        "Road closure: Mill Lane will be",
        "closed from 4 to 8 November for",
        "resurfacing. Buses divert via the",
        "High Street.",
        "",
        "Lost: a green umbrella in the",
        "village hall. Please hand it to",
        f"{name} at the shop.",
    ]
    for i, line in enumerate(left):
        text(d, (130, 300 + 50 * i), line, f)
    for i, line in enumerate(right):
        text(d, (860, 300 + 50 * i), line, f)
    d.line((830, 290, 830, 1100), fill=(120, 120, 120), width=2)
    d.rectangle((860, 760, 1524, 1000), fill=(255, 241, 214))
    text(d, (890, 780), "Hall bookings", font(BOLD, pt(10, dpi)))
    text(d, (890, 850), "Ring the booking secretary on", f)
    text(d, (890, 905), phone + " (evenings).", f)
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("phone", phone)], terms=[name], dpi=dpi)


def c_wechat(rng: random.Random) -> Case:
    """WeChat-style chat screenshot: bubbles, avatars, small UI text, a spaced name, mixed-width phone."""
    w, h = 750, 1334
    img = Image.new("RGB", (w, h), (237, 237, 237))
    d = ImageDraw.Draw(img)
    name = "慕容雪"
    phone = "13912345678"
    idno = cn_id(rng, "19920817")
    d.rectangle((0, 0, w, 128), fill=(237, 237, 237))
    d.text((20, 10), "9:41", font=font(SANS, 22), fill=BLACK)
    d.text((300, 62), "物业管家", font=font(CJK, 30), fill=BLACK)
    d.line((0, 127, w, 127), fill=(210, 210, 210), width=1)
    mixed = "".join(c.translate(FULLWIDTH) if i % 3 == 0 else c for i, c in enumerate(phone))
    msgs = [
        (False, "您好，请问快递登记需要什么信息？"),
        (True, "姓名：慕 容 雪"),
        (True, f"电话 {mixed}"),
        (False, "好的，身份证号也发一下"),
        (True, idno[:9]),
        (True, idno[9:]),
        (False, "收到，已登记 👍"),
    ]
    y = 170
    d.text((330, y), "昨天 18:22", font=font(CJK, 20), fill=(150, 150, 150))
    y += 50
    f = font(CJK, 30)
    for mine, s in msgs:
        tw = d.textlength(s, font=f)
        if mine:
            d.rectangle((w - 96, y, w - 20, y + 76), fill=(120, 160, 200))
            d.rounded_rectangle((w - 130 - tw - 40, y, w - 110, y + 76), radius=8, fill=(149, 236, 105))
            d.text((w - 130 - tw - 20, y + 18), s, font=f, fill=BLACK)
        else:
            d.rectangle((20, y, 96, y + 76), fill=(220, 150, 80))
            d.rounded_rectangle((110, y, 110 + tw + 40, y + 76), radius=8, fill=(255, 255, 255))
            d.text((130, y + 18), s, font=f, fill=BLACK)
        y += 110
    d.rectangle((0, h - 110, w, h), fill=(246, 246, 246))
    d.rounded_rectangle((90, h - 90, 600, h - 30), radius=8, fill=(255, 255, 255))
    return Case(
        [img],
        [Secret("name", name), Secret("phone", phone), Secret("id", idno)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=144,
    )


def c_spreadsheet(rng: random.Random) -> Case:
    """Spreadsheet printout, landscape, 8 pt in gridlines: names, mobiles, e-mails in columns."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    people = [
        ("Anneliese Mortimer", "07823 456102", "a.mortimer@orchardvale.org"),
        ("Kwabena Ashdown", "07534 918273", "kashdown@orchardvale.org"),
        ("Solveig Pemberton", "07456 230984", "s.pemberton@orchardvale.org"),
    ]
    filler = [("Room 2", "ext 214", "—"), ("Room 5", "ext 230", "—"), ("Kitchen", "ext 201", "—")]
    f = font(SANS, pt(8, dpi))
    cols = [100, 170, 700, 1050, 1620, 1900, 2240]
    heads = ["", "Name", "Mobile", "E-mail", "Team", "Start"]
    rows = [heads]
    teams = ["Finance", "Estates", "HR"]
    for i, (n, p, m) in enumerate(people):
        rows.append([str(i + 2), n, p, m, teams[i], f"0{i + 3}/02/2025"])
        rows.append([str(i + 5), filler[i][0], filler[i][1], filler[i][2], teams[i], ""])
    rh = 46
    top = 200
    text(d, (100, 100), "staff_contacts.xlsx", f, (60, 60, 60))
    for r, row in enumerate(rows):
        y = top + r * rh
        if r == 0:
            d.rectangle((cols[0], y, cols[-1], y + rh), fill=(217, 217, 217))
        for c, v in enumerate(row):
            text(d, (cols[c] + 8, y + 10), v, f)
    for r in range(len(rows) + 1):
        d.line((cols[0], top + r * rh, cols[-1], top + r * rh), fill=(170, 170, 170), width=1)
    for x in cols:
        d.line((x, top, x, top + len(rows) * rh), fill=(170, 170, 170), width=1)
    text(d, (1100, 1580), "Page 1 of 1", f, (60, 60, 60))
    out = scan(img, rng, blur=0.5)
    secrets = [Secret(k, v) for p in people for k, v in zip(("name", "phone", "email"), p, strict=True)]
    return Case([out], secrets, terms=[p[0] for p in people], dpi=dpi)


def c_fax(rng: random.Random) -> Case:
    """Two faxed pages (PDF): a header line on each carrying the sender's name and fax number."""
    dpi = 200
    name = "Gwendolyn Abernathy"
    fax = "+1 312 555 0143"
    pages = []
    for n in (1, 2):
        img = page(dpi, 8.5, 11.0)
        d = ImageDraw.Draw(img)
        hdr = f"NOV-26-2026 09:{14 + n:02d}  FROM: {name.upper()}  {fax}     TO: 17735550199     P.{n}/2"
        text(d, (60, 40), hdr, font(MONO, pt(7, dpi)))
        f = font(SERIF, pt(11, dpi))
        body = (
            ["PURCHASE ORDER 88213", "", "Please supply the items below by 10 December.", "", "12 x A4 copier paper"]
            if n == 1
            else ["Delivery to the loading bay, Building C.", "", "Terms: 30 days net.", "", "Authorised signatory"]
        )
        for i, line in enumerate(body):
            text(d, (200, 300 + 70 * i), line, f)
        g = np.asarray(scan(img, rng, blur=0.8, noise=8).convert("L"))
        lo = g.reshape(g.shape[0] // 2, 2, g.shape[1], 1)[:, 0, :, 0]  # fax standard: half the rows
        bw = Image.fromarray(((lo > 150) * 255).astype(np.uint8)).resize(img.size, Image.Resampling.NEAREST)
        pages.append(bw.convert("RGB"))
    return Case([*pages], [Secret("name", name), Secret("phone", fax)], terms=[name], ext="pdf", dpi=dpi)


def c_traditional(rng: random.Random) -> Case:
    """繁體 letter: 機密 marking, the name written with spaces between characters, full-width phone."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name_s = "陈嘉欣"
    name_t = "陳 嘉 欣"
    phone = "0912345678"
    f = font(CJK, pt(13, dpi))
    text(d, (1300, 120), "機密", font(CJK, pt(16, dpi)), RED)
    lines = [
        "致　人事部",
        "",
        f"茲推薦本部門同仁 {name_t} 小姐參加明年度海外進修計畫。",
        "該員自到職以來表現優異，負責之專案均如期完成。",
        f"如需進一步資料，請洽其本人手機 {phone.translate(FULLWIDTH)}。",
        "",
        "　　　　　　　　　　　　業務部經理　敬上",
    ]
    for i, line in enumerate(lines):
        text(d, (180, 400 + 90 * i), line, f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "機密"), Secret("name", name_s), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[name_s],
        dpi=dpi,
    )


def c_letterhead(rng: random.Random) -> Case:
    """Letterhead: the director's name and direct line in white on a teal header band."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Leopold Fairweather"
    phone = "+44 131 496 0722"
    d.rectangle((0, 0, img.size[0], 300), fill=(0, 105, 110))
    text(d, (150, 60), "FAIRWEATHER & DUNN", font(SERIF_BOLD, pt(20, dpi)), (255, 255, 255))
    text(d, (150, 170), f"{name}, Managing Director   ·   Direct {phone}", font(SANS, pt(9, dpi)), (210, 240, 240))
    f = font(SERIF, pt(11, dpi))
    for i, line in enumerate(
        [
            "4 December 2026",
            "",
            "Dear Ms Hargreaves,",
            "",
            "Thank you for your order of 28 November. The joinery for the",
            "kitchen will be delivered on 15 December between 8 am and noon.",
            "",
            "Yours sincerely,",
        ]
    ):
        text(d, (150, 450 + 64 * i), line, f)
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("phone", phone)], terms=[name], dpi=dpi)


def c_certificate(rng: random.Random) -> Case:
    """Training certificate, landscape: ornate border, name in letter-spaced serif capitals."""
    dpi = 200
    img = page(dpi, 11.69, 8.27, (252, 249, 238))
    d = ImageDraw.Draw(img)
    name = "Ottilie Ravensworth"
    gold: Colour = (160, 120, 40)
    for k in range(0, 60, 12):
        d.rectangle((60 + k, 60 + k, img.size[0] - 60 - k, img.size[1] - 60 - k), outline=gold, width=3)
    w = img.size[0]
    for s, y, fnt in [
        ("CERTIFICATE OF COMPLETION", 300, font(SERIF_BOLD, pt(28, dpi))),
        ("This is to certify that", 520, font(SERIF_IT, pt(14, dpi))),
    ]:
        text(d, ((w - d.textlength(s, font=fnt)) / 2, y), s, fnt, (60, 50, 30))
    nf = font(SERIF, pt(24, dpi))
    sp = pt(6, dpi)
    nw = sum(d.textlength(c, font=nf) + sp for c in name.upper())
    text(d, ((w - nw) / 2, 640), name.upper(), nf, (30, 30, 30), spacing=sp)
    s = "has completed First Aid at Work (3 days) on 21 November 2026"
    fnt = font(SERIF, pt(13, dpi))
    text(d, ((w - d.textlength(s, font=fnt)) / 2, 860), s, fnt)
    text(d, (300, 1350), "Certificate no. FAW-2026-11-0457", font(SANS, pt(9, dpi)))
    d.line((1500, 1300, 1950, 1300), fill=BLACK, width=2)
    text(d, (1560, 1320), "Course director", font(SANS, pt(9, dpi)))
    out = scan(img, rng)
    return Case([out], [Secret("name", name)], terms=[name], dpi=dpi)


def c_fullwidth_receipt(rng: random.Random) -> Case:
    """快递面单-like receipt: mixed full-width digits in the mobile and ID, name with a space."""
    dpi = 200
    img = page(dpi, 4.0, 6.0)
    d = ImageDraw.Draw(img)
    name = "诸葛明远"
    mobile = "15821907436"
    idno = cn_id(rng, "19750603")
    f = font(CJK, pt(10, dpi))
    text(d, (40, 40), "顺达快运  电子面单", font(CJK, pt(14, dpi)))
    d.rectangle((30, 130, 770, 1150), outline=BLACK, width=4)
    d.line((30, 460, 770, 460), fill=BLACK, width=4)
    d.line((30, 800, 770, 800), fill=BLACK, width=4)
    mixed = mobile[:3].translate(FULLWIDTH) + mobile[3:7] + mobile[7:].translate(FULLWIDTH)
    text(d, (50, 150), "收", font(CJK, pt(18, dpi)))
    text(d, (150, 160), f"{name[:2]} {name[2:]}  {mixed}", f)
    text(d, (150, 230), "浙江省杭州市西湖区文三路", f)
    text(d, (150, 290), "259号昌地火炬大厦1号楼", f)
    text(d, (50, 490), "寄", font(CJK, pt(18, dpi)))
    text(d, (150, 500), "华东仓  0571-8888 6666", f)
    text(d, (50, 820), "实名寄件 证件号：", f)
    idm = idno[:6] + idno[6:14].translate(FULLWIDTH) + idno[14:]
    text(d, (50, 880), idm, f)
    for i in range(60):
        x = 60 + i * 11
        d.rectangle((x, 980, x + rng.choice((2, 4, 6)), 1110), fill=BLACK)
    out = scan(img, rng, blur=0.6)
    return Case(
        [out],
        [Secret("name", name), Secret("phone", mobile), Secret("id", idno)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_ordinary_report(rng: random.Random) -> Case:
    """Ordinary: quarterly report page with a bar chart, a table of figures, order numbers, a logo."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 120), "Q3 Operations Report", font(BOLD, pt(20, dpi)))
    text(d, (150, 220), "Distribution: all depot managers", font(SANS, pt(10, dpi)), (90, 90, 90))
    d.ellipse((1350, 100, 1500, 250), fill=(230, 120, 20))
    text(d, (1385, 150), "NL", font(BOLD, pt(16, dpi)), (255, 255, 255))
    x0, y0 = 250, 1000
    d.line((x0, 350, x0, y0), fill=BLACK, width=3)
    d.line((x0, y0, 1400, y0), fill=BLACK, width=3)
    vals = [420, 515, 380, 610, 560, 640]
    for i, v in enumerate(vals):
        d.rectangle((x0 + 60 + i * 180, y0 - v, x0 + 180 + i * 180, y0), fill=(60 + 25 * i, 110, 170))
        text(d, (x0 + 70 + i * 180, y0 + 20), ["Apr", "May", "Jun", "Jul", "Aug", "Sep"][i], font(SANS, pt(9, dpi)))
    for k in range(0, 701, 175):
        text(d, (150, y0 - k - 15), str(k), font(SANS, pt(8, dpi)))
    f = font(SANS, pt(10, dpi))
    rows = [
        ("Order reference", "Units", "Value (£)"),
        ("PO-2026-000418 3371", "1,204", "48,160.00"),
        ("PO-2026-000419 8802", "880", "35,200.00"),
        ("Batch 20260930 1145 22", "2,410", "96,400.00"),
    ]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            text(d, (150 + j * 500, 1200 + 70 * i), cell, f)
    for i, line in enumerate(
        [
            "On-time delivery rose to 96.4 %, the best quarter since 2019. The confidential",
            "supplier review will be discussed at the board; secret ballot results for the",
            "staff council are attached. Version 2.14.0 of the routing software went live.",
        ]
    ):
        text(d, (150, 1600 + 64 * i), line, f)
    out = scan(img, rng)
    return Case([out], [], terms=["Rosalind Featherstonehaugh"], dpi=dpi, ordinary=True)


def c_ordinary_notice(rng: random.Random) -> Case:
    """Ordinary: 公文-style meeting notice with red header, 文号, seal, hotline — nothing personal."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    _red_header(d, img, dpi, "青川县教育局")
    f = font(CJK, pt(12, dpi))
    title = "关于召开秋季学期安全工作会议的通知"
    ft = font(CJK, pt(17, dpi))
    text(d, ((img.size[0] - d.textlength(title, font=ft)) / 2, 560), title, ft)
    body = [
        "各中小学、幼儿园：",
        "　　经研究，定于11月20日上午9:00在县教育局三楼会议室召开",
        "秋季学期安全工作会议，请各校分管副校长准时参加。",
        "　　会议内容：通报上学期安全检查情况；部署冬季防火、防溺水工作。",
        "　　请各单位做好保密工作，会议材料不得外传。",
        "　　咨询热线：12345",
    ]
    for i, line in enumerate(body):
        text(d, (150, 720 + 80 * i), line, f)
    text(d, (1050, 1400), "青川县教育局", f)
    text(d, (1030, 1480), "2026年11月10日", f)
    seal(img, (1170, 1440), 160, "青川县教育局办公室")
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["欧阳振华"], dpi=dpi, ordinary=True)


def c_ordinary_timetable(rng: random.Random) -> Case:
    """Ordinary: a bus timetable with many clock times and route numbers in a dense grid."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 120), "Route 42  Town Centre – Hospital – Airport", font(BOLD, pt(14, dpi)))
    f = font(COND, pt(8, dpi))
    stops = ["Bus Station", "Market Sq", "Hospital", "Park & Ride", "Airport T1", "Airport T2"]
    for r, stop in enumerate(stops):
        y = 300 + r * 60
        if r % 2 == 0:
            d.rectangle((140, y - 8, 1520, y + 44), fill=(235, 235, 235))
        text(d, (150, y), stop, f)
        for c in range(10):
            t = 6 * 60 + 20 * c + 7 * r
            text(d, (470 + c * 105, y), f"{t // 60:02d}{t % 60:02d}", f)
    text(d, (150, 800), "Enquiries: Traveline 0871 200 22 33 (calls cost 12p/min plus access charge)", f)
    out = scan(img, rng)
    return Case([out], [], terms=["Penelope Quartermaine"], dpi=dpi, ordinary=True)


def c_salutation(rng: random.Random) -> Case:
    """Letter: the full name in the address, then the surname alone after a title, and initials."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Rosamund Achebe-Lindqvist"
    f = font(SERIF, pt(11, dpi))
    lines = [
        name,
        "22 Cranbourne Gardens",
        "Leeds  LS8 2JD",
        "",
        "30 November 2026",
        "",
        "Dear Ms Achebe-Lindqvist,",
        "",
        "Thank you for attending the interview on 24 November. We are pleased",
        "to offer you the post of Senior Archivist. Ms Achebe-Lindqvist's start",
        "date will be agreed with the Head of Collections.",
        "",
        "Yours sincerely,",
        "",
        "Human Resources",
        "cc: R. Achebe-Lindqvist (personnel file)",
    ]
    for i, line in enumerate(lines):
        text(d, (180, 200 + 62 * i), line, f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name), Secret("surname", "Achebe-Lindqvist")],
        terms=[name],
        dpi=dpi,
    )


def c_email_wrap(rng: random.Random) -> Case:
    """Narrow justified column: one e-mail broken at its domain's hyphen, one right after the @."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    m1 = "h.vandermolen@greenway-housing.org.uk"
    m2 = "lettings@northbank-estates.com"
    f = font(SERIF, pt(10, dpi))
    lines = [
        "Repairs to communal areas are booked",
        "through the housing officer, Hanna",
        "van der Molen (h.vandermolen@greenway-",
        "housing.org.uk), who visits the estate",
        "on Tuesdays. Questions about new",
        "tenancies go to the lettings team at",
        "lettings@",
        "northbank-estates.com or to the office.",
    ]
    text(d, (150, 150), "Residents' Bulletin", font(SERIF_BOLD, pt(16, dpi)))
    for i, line in enumerate(lines):
        text(d, (150, 320 + 58 * i), line, f)
    out = scan(img, rng)
    return Case([out], [Secret("email", m1), Secret("email", m2)], dpi=dpi)


def c_accents(rng: random.Random) -> Case:
    """Listed with accents, printed without: a name in capitals on a badge list and plain in text."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    listed = "José Muñoz Ibáñez"
    printed = "Jose Munoz Ibanez"
    f = font(SANS, pt(11, dpi))
    text(d, (150, 150), "CONFERENCE BADGES — PRINT LIST", font(BOLD, pt(14, dpi)))
    rows = ["MARTA OKONJO", printed.upper(), "LIAM FERREIRA", "SUNITA RAO"]
    for i, r in enumerate(rows):
        text(d, (150, 300 + 70 * i), f"{i + 1}.  {r}", f)
    text(d, (150, 700), f"Speaker notes: {printed} will chair the Friday panel.", f)
    out = scan(img, rng)
    return Case([out], [Secret("name", printed)], terms=[listed], dpi=dpi)


def c_middle_dot(rng: random.Random) -> Case:
    """A name listed with its middle dot (·), printed with a bullet, a space and nothing between."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    listed = "阿依古丽·买买提"
    f = font(CJK, pt(12, dpi))
    lines = [
        "工会活动报名表（第三季度）",
        "",
        "1. 阿依古丽•买买提　财务部　羽毛球",
        "2. 王建国　　　　　后勤部　乒乓球",
        "3. 阿依古丽 买买提　财务部　合唱",
        "",
        "备注：阿依古丽买买提同志负责合唱队联络。",
    ]
    for i, line in enumerate(lines):
        text(d, (150, 200 + 80 * i), line, f)
    out = scan(img, rng)
    return Case([out], [Secret("name", "阿依古丽买买提")], lang="chi_sim+eng", terms=[listed], dpi=dpi)


def c_ordinary_invoice(rng: random.Random) -> Case:
    """Ordinary: a supplier invoice full of numbers (SKUs, EANs, order and VAT numbers, amounts)."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(SANS, pt(9, dpi))
    text(d, (150, 120), "INVOICE  INV-2026-11873", font(BOLD, pt(16, dpi)))
    head = [
        "Invoice date 28/11/2026     Due 28/12/2026     Customer no. 100482",
        "Your order 4500218876     Delivery note 80031245     VAT reg. GB 284 5130 62",
    ]
    for i, line in enumerate(head):
        text(d, (150, 230 + 50 * i), line, f)
    rows = [
        ("SKU", "EAN", "Description", "Qty", "Unit", "Total"),
        ("FX-20931", "5012345678900", "Hinge, stainless 75 mm", "40", "2.15", "86.00"),
        ("FX-20944", "5012345678917", "Door closer, size 3", "6", "38.90", "233.40"),
        ("EL-11802", "5012345678924", "LED panel 600x600 36W", "12", "24.75", "297.00"),
        ("EL-11810", "5012345678931", "Emergency bulkhead 3h", "8", "31.20", "249.60"),
    ]
    cols = (150, 400, 720, 1230, 1340, 1470)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            text(d, (cols[c], 420 + 56 * r), v, font(BOLD if r == 0 else SANS, pt(9, dpi)))
    d.line((150, 470, 1560, 470), fill=BLACK, width=2)
    for i, line in enumerate(
        ["Net 866.00", "VAT 20% 173.20", "Total due GBP 1,039.20", "Pay to sort code 20-45-77, account 43819022."]
    ):
        text(d, (900, 800 + 55 * i), line, f)
    out = scan(img, rng)
    return Case([out], [], terms=["Bartholomew Quince"], dpi=dpi, ordinary=True)


def c_ordinary_minutes(rng: random.Random) -> Case:
    """Ordinary: 会议纪要 with dates, room numbers, amounts and a project code; nothing personal."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(CJK, pt(12, dpi))
    title = "项目周例会会议纪要"
    ft = font(CJK, pt(18, dpi))
    text(d, ((img.size[0] - d.textlength(title, font=ft)) / 2, 150), title, ft)
    lines = [
        "时间：2026年11月27日 14:30—16:00",
        "地点：综合楼1305会议室",
        "参会：设计部、工程部、采购部",
        "一、项目编号 GZ-2026-0815 土建工程已完成87%，预计12月20日封顶。",
        "二、采购部报告：钢材单价4,350元/吨，本月采购1,280吨，合同金额556.8万元。",
        "三、下周一（12月1日）上午9:00召开安全专题会，地点同上。",
        "四、内部控制检查安排在12月第二周，各部门提前准备台账。",
        "记录：综合办",
    ]
    for i, line in enumerate(lines):
        text(d, (150, 350 + 80 * i), line, f)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["欧阳振华"], dpi=dpi, ordinary=True)


def c_accents_printed(rng: random.Random) -> Case:
    """Accented names printed with their accents: one listed plainly (typed on a US keyboard), one as printed."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    plain_listed, printed_a = "Zoe Lefevre-Bronte", "Zoë Lefèvre-Brontë"
    printed_b = "Ólafur Grímsson Þórðarson"
    f = font(SERIF, pt(10, dpi))
    lines = [
        "Visiting scholars, spring term",
        "",
        f"{printed_a} (Université de Lyon) will give the opening lecture.",
        f"{printed_b} (Háskóli Íslands) joins the saga seminar in April.",
        "Rooms are booked through the faculty office.",
    ]
    for i, line in enumerate(lines):
        text(d, (150, 200 + 62 * i), line, f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", printed_a), Secret("name", printed_b)],
        terms=[plain_listed, printed_b],
        dpi=dpi,
    )


CASES: dict[str, Callable[[random.Random], Case]] = {
    "payslip": c_payslip,
    "bank_statement": c_bank_statement,
    "gongwen": c_gongwen,
    "fapiao": c_fapiao,
    "idcard": c_idcard,
    "business_card": c_business_card,
    "hand_form": c_hand_form,
    "envelope": c_envelope,
    "yellow_flyer": c_yellow_flyer,
    "photo_caption": c_photo_caption,
    "footnotes": c_footnotes,
    "linebreaks": c_linebreaks,
    "email_urls": c_email_urls,
    "newsletter": c_newsletter,
    "wechat": c_wechat,
    "spreadsheet": c_spreadsheet,
    "fax": c_fax,
    "traditional": c_traditional,
    "letterhead": c_letterhead,
    "certificate": c_certificate,
    "fullwidth_receipt": c_fullwidth_receipt,
    "ordinary_report": c_ordinary_report,
    "ordinary_notice": c_ordinary_notice,
    "ordinary_timetable": c_ordinary_timetable,
    "salutation": c_salutation,
    "email_wrap": c_email_wrap,
    "accents": c_accents,
    "middle_dot": c_middle_dot,
    "ordinary_invoice": c_ordinary_invoice,
    "ordinary_minutes": c_ordinary_minutes,
    "accents_printed": c_accents_printed,
}


def write(case: Case, folder: Path) -> None:
    """Write the case's scan, terms, language and secrets into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"input.{case.ext}"
    pages = [p.convert("RGB") for p in case.pages]
    if case.ext == "pdf":
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=case.dpi)
    elif case.ext == "jpg":
        pages[0].save(path, quality=72, dpi=(case.dpi, case.dpi))
    else:
        pages[0].save(path, dpi=(case.dpi, case.dpi))
    (folder / "terms.txt").write_text("".join(t + "\n" for t in case.terms), encoding="utf-8")
    (folder / "lang.txt").write_text(case.lang + "\n", encoding="utf-8")
    meta = {
        "ordinary": case.ordinary,
        "secrets": [{"class": s.cls, "value": s.value} for s in case.secrets],
    }
    (folder / "secrets.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str]) -> int:
    """Generate the cases named in ``argv[1:]`` (all by default) under ``argv[0]``."""
    if not argv:
        print("usage: python -m benchmarks.redteam41 OUTDIR [CASE ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = argv[1:] or list(CASES)
    for i, (key, make) in enumerate(CASES.items(), 1):
        if key in wanted:
            write(make(random.Random(41_000 + i)), out / f"{i:02d}_{key}")
            print(f"{i:02d}_{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
