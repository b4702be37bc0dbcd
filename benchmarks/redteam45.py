"""Red-team office documents (stop 45): forms as a clerk gets them, capture formats, hands.

    .venv/bin/python -m benchmarks.redteam45 OUTDIR [CASE ...]

Same interface and folder layout as ``benchmarks.redteam41`` (``input.*``, ``terms.txt``,
``lang.txt``, ``secrets.json``).  Kinds stops 41–44 (and the form sets of issue 31) did not
try.  Chinese forms filled in by hand: a 个人信息登记表 with ticked 是/否 boxes and an oval
personal seal (私章) pressed over the name, a hospital 住院登记 whose mobile is written mixed
(``139一二三四5678``), a bilingual customs declaration (passport number, name in pinyin and
Chinese), a school 入学登记表 with a photo in its photo box and the parent written
``李建国处长``, a bank 开户申请书 photographed at an angle, a three-page 申报材料 whose name
appears only on page 2, a 签到表 with a name written ``张 伟`` across a table rule, a pencil
form of handwritten ID and phone numbers, a phone message slip (来电登记) with the mobile in
mixed numerals, a 请假条 in blue ballpoint on ruled notebook paper, a 公示 list of twenty names
with one listed, a CV line where a date of birth and an address are glued to the name, a
pre-printed form whose typed entries are misregistered so the form's rule runs through the
name, a listed company name inside a red seal's ring and inside a black (photocopied) seal's
ring.  Capture formats: a two-page Group 4 fax TIFF at 204 × 196 and 204 × 98 DPI, JPEGs
stored turned with EXIF orientation 6 and 8 whose EXIF Artist / ImageDescription / UserComment
hold the name, a PNG with tEXt / iTXt chunks holding name and ID, a 16-bit greyscale PNG, a
JPEG 2000 scan, an A3 drawing sheet at 600 DPI (title block in small print), a tiny 72-DPI
phone crop.  Eight ordinary pages with nothing listed (a filled 设备报修单 with ticks, a
blank 登记表 of boxes and comb cells with an empty photo box, handwritten meeting notes, a
Chinese newspaper page, a spreadsheet printout of order numbers and amounts, a brochure page
with a logo and a photo, a G4 fax TIFF cover sheet, an EXIF-turned phone photo of a notice)
must come back exit 0 and nearly untouched.  Every value is invented; checksums (ID, card)
are valid.  Seeded: the same files every run.  ``benchmarks/redteam45_attack.py`` redacts
and attacks.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps
from PIL.PngImagePlugin import PngInfo

from benchmarks.redteam41 import (
    BLACK,
    BOLD,
    CJK,
    RED,
    SANS,
    SERIF,
    Case,
    Colour,
    Secret,
    cn_id,
    font,
    luhn,
    page,
    photo,
    pt,
    scan,
    seal,
    text,
    write,
)
from benchmarks.redteam42 import centred, grid, hand_cjk
from benchmarks.redteam43 import paste_alpha

BLUE_PEN: Colour = (28, 48, 150)
PENCIL: Colour = (105, 105, 112)
GREY: Colour = (110, 110, 110)

Saver = Callable[[list[Image.Image], Path], None]


@dataclass
class Case45(Case):
    """A case with its own way of being saved (capture formats); ``saver`` writes ``input.ext``."""

    saver: Saver | None = None


# ---------------------------------------------------------------- drawing helpers


def box(d: ImageDraw.ImageDraw, x: int, y: int, size: int, mark: str = "") -> None:
    """A checkbox at (x, y); ``mark`` is "" (empty), "tick" or "x", drawn by pen."""
    d.rectangle((x, y, x + size, y + size), outline=BLACK, width=3)
    if mark == "tick":
        d.line((x + size * 0.15, y + size * 0.5, x + size * 0.42, y + size * 0.85), fill=BLUE_PEN, width=5)
        d.line((x + size * 0.42, y + size * 0.85, x + size * 1.15, y - size * 0.2), fill=BLUE_PEN, width=5)
    elif mark == "x":
        d.line((x + 4, y + 4, x + size - 4, y + size - 4), fill=BLUE_PEN, width=5)
        d.line((x + size - 4, y + 4, x + 4, y + size - 4), fill=BLUE_PEN, width=5)


def yes_no(d: ImageDraw.ImageDraw, x: int, y: int, px: int, yes: bool) -> None:
    """``□是 □否`` with the chosen one ticked."""
    f = font(CJK, px)
    box(d, x, y + 4, px - 6, "tick" if yes else "")
    d.text((x + px + 4, y), "是", font=f, fill=BLACK)
    box(d, x + px * 3, y + 4, px - 6, "" if yes else "tick")
    d.text((x + px * 4 + 4, y), "否", font=f, fill=BLACK)


def pencil(img: Image.Image, xy: tuple[int, int], s: str, px: int, rng: random.Random) -> None:
    """Pencil handwriting: hand-like glyphs in graphite grey, grainy and light in places."""
    layer = Image.new("RGB", img.size, (255, 255, 255))
    hand_cjk(layer, xy, s, px, rng, PENCIL)
    a = np.asarray(layer).astype(np.float32)
    ink = 255 - a.min(axis=2)
    grain = np.random.default_rng(rng.randrange(1 << 30)).uniform(0.35, 1.0, ink.shape)
    m = Image.fromarray(np.clip(ink * grain, 0, 255).astype(np.uint8))
    out = paste_alpha(img, m, PENCIL, 1.0)
    img.paste(out)


def oval_seal(img: Image.Image, centre: tuple[int, int], name: str, px: int, ink: Colour = RED) -> None:
    """A personal oval seal (私章): a ring and the name across it, pressed unevenly."""
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    f = font(CJK, px)
    tw = int(d.textlength(name, font=f))
    rx, ry = tw // 2 + px // 2, int(px * 0.95)
    d.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=255, width=max(4, px // 9))
    d.text((cx - tw // 2, cy - px // 2 - px // 8), name, font=f, fill=255)
    layer = layer.rotate(-7, center=centre, resample=Image.Resampling.BICUBIC)
    m = np.asarray(layer).astype(np.float32)
    m *= np.clip(np.random.default_rng(len(name)).normal(0.85, 0.25, m.shape), 0.25, 1.0)
    img.paste(paste_alpha(img, Image.fromarray(m.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8)), ink, 0.85))


def ring_seal(img: Image.Image, centre: tuple[int, int], r: int, ring_text: str, ink: Colour) -> None:
    """A round seal in ``ink`` (red, or black as a photocopy makes it) with ``ring_text`` on its ring."""
    sheet = Image.new("RGB", img.size, (255, 255, 255))
    seal(sheet, centre, r, ring_text, alpha=1.0)
    a = np.asarray(sheet).astype(np.float32)
    m = np.clip((a[..., 0] - a[..., 1]) * 1.25, 0, 255).astype(np.uint8)
    img.paste(paste_alpha(img, Image.fromarray(m), ink, 0.9))


def ruled_paper(img: Image.Image, step: int, top: int, colour: Colour = (150, 180, 220), margin: int = 0) -> None:
    """Notebook paper: pale blue rules every ``step`` px, a red margin line at ``margin``."""
    d = ImageDraw.Draw(img)
    for y in range(top, img.size[1] - step, step):
        d.line((0, y, img.size[0], y), fill=colour, width=2)
    if margin:
        d.line((margin, 0, margin, img.size[1]), fill=(225, 120, 120), width=3)


def portrait(w: int, h: int, rng: random.Random) -> Image.Image:
    """A passport-style photo: blue backdrop, a face, shoulders (invented, drawn)."""
    img = Image.new("RGB", (w, h), (70, 130, 200))
    d = ImageDraw.Draw(img)
    for y in range(h):
        d.line((0, y, w, y), fill=(70 + y * 40 // h, 130 + y * 30 // h, 200))
    d.ellipse((w * 0.05, h * 0.7, w * 0.95, h * 1.4), fill=(40, 40, 60))
    d.ellipse((w * 0.28, h * 0.18, w * 0.72, h * 0.72), fill=(232, 196, 170))
    d.ellipse((w * 0.26, h * 0.1, w * 0.74, h * 0.38), fill=(30, 25, 25))
    for ex in (0.4, 0.6):
        d.ellipse((w * ex - 6, h * 0.42, w * ex + 6, h * 0.46), fill=(30, 30, 30))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def landscape(w: int, h: int, rng: random.Random) -> Image.Image:
    """A drawn landscape photo: sky gradient, mountains, a lake, noise."""
    a = np.zeros((h, w, 3), np.float32)
    yy = np.linspace(0, 1, h)[:, None]
    a[..., 0] = 120 + 80 * yy
    a[..., 1] = 170 + 50 * yy
    a[..., 2] = 235 - 20 * yy
    img = Image.fromarray(a.astype(np.uint8))
    d = ImageDraw.Draw(img)
    pts = [(0, h * 0.6)] + [(x, h * (0.35 + 0.2 * abs(math.sin(x / 97.0)))) for x in range(0, w + 20, 20)] + [(w, h)]
    d.polygon([*pts, (0, h)], fill=(70, 100, 80))
    d.rectangle((0, int(h * 0.78), w, h), fill=(60, 110, 150))
    b = np.asarray(img).astype(np.float32) + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (h, w, 3))
    return Image.fromarray(np.clip(b, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))


def fax(img: Image.Image, rng: random.Random, xdpi: int, ydpi: int, src_dpi: int) -> Image.Image:
    """A page faxed: resampled to ``xdpi`` × ``ydpi``, thresholded to 1 bit, speckled."""
    w, h = img.size
    g = img.convert("L").filter(ImageFilter.GaussianBlur(0.7))
    g = g.resize((round(w * xdpi / src_dpi), round(h * ydpi / src_dpi)), Image.Resampling.BILINEAR)
    a = np.asarray(g).astype(np.int16)
    a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 18, a.shape).astype(np.int16)
    bw = a > 150
    specks = np.random.default_rng(rng.randrange(1 << 30)).random(bw.shape) < 0.0008
    bw[specks] = False
    return Image.fromarray((bw * 255).astype(np.uint8)).convert("1")


# ---------------------------------------------------------------- savers (capture formats)


def save_g4_tiff(dpis: Sequence[tuple[int, int]]) -> Saver:
    """Pages (already 1-bit) as one multi-page Group 4 TIFF, each with its own resolution."""

    def save(pages: list[Image.Image], path: Path) -> None:
        from PIL import TiffImagePlugin

        with TiffImagePlugin.AppendingTiffWriter(str(path), new=True) as tf:
            for p, dpi in zip(pages, dpis, strict=True):
                p.convert("1").save(tf, format="TIFF", compression="group4", dpi=dpi)
                tf.newFrame()

    return save


def save_exif_jpeg(orientation: int, artist: str, description: str, comment: str) -> Saver:
    """The upright page stored turned, with EXIF ``orientation`` (6 or 8) and text tags."""

    def save(pages: list[Image.Image], path: Path) -> None:
        img = pages[0].convert("RGB")
        stored = img.transpose(Image.Transpose.ROTATE_90 if orientation == 6 else Image.Transpose.ROTATE_270)
        exif = Image.Exif()
        exif[0x0112] = orientation
        exif[0x013B] = artist
        exif[0x010E] = description
        exif[0x010F] = "HUAWEI"
        exif[0x0110] = "ELS-AN00"
        ifd = exif.get_ifd(0x8769)
        ifd[0x9286] = b"UNICODE\x00" + comment.encode("utf-16-be")
        stored.save(path, quality=85, exif=exif.tobytes(), dpi=(72, 72))

    return save


def save_png_text(chunks: dict[str, str], dpi: int) -> Saver:
    """A PNG with tEXt (Latin-1) and iTXt (UTF-8) chunks."""

    def save(pages: list[Image.Image], path: Path) -> None:
        info = PngInfo()
        for k, v in chunks.items():
            try:
                v.encode("latin-1")
                info.add_text(k, v)
            except UnicodeEncodeError:
                info.add_itxt(k, v)
        pages[0].convert("RGB").save(path, pnginfo=info, dpi=(dpi, dpi))

    return save


def save_png16(dpi: int) -> Saver:
    """A 16-bit greyscale PNG (a scanner's 'archive' setting)."""

    def save(pages: list[Image.Image], path: Path) -> None:
        g = np.asarray(pages[0].convert("L")).astype(np.int32) * 257
        g = g + np.random.default_rng(45).integers(-100, 100, g.shape)
        Image.fromarray(np.clip(g, 0, 65535).astype(np.uint16)).save(path, dpi=(dpi, dpi))

    return save


def save_jp2(dpi: int) -> Saver:
    """A JPEG 2000 file (lossy, as archives store scans)."""

    def save(pages: list[Image.Image], path: Path) -> None:
        pages[0].convert("RGB").save(path, quality_mode="rates", quality_layers=[30], dpi=(dpi, dpi))

    return save


def write45(case: Case, folder: Path) -> None:
    """As ``redteam41.write``; a ``Case45`` with a saver writes its input that way."""
    write(case, folder)
    if isinstance(case, Case45) and case.saver is not None:
        for old in folder.glob("input.*"):
            old.unlink()
        case.saver(case.pages, folder / f"input.{case.ext}")


# ---------------------------------------------------------------- text snippets

BODY = [
    "根据区政府关于进一步做好便民服务工作的部署，本单位对窗口受理流程进行了梳理，",
    "现将有关事项说明如下：一、申请材料一次性告知；二、办理时限压缩至五个工作日；",
    "三、对材料不全的申请，窗口人员应当当场出具补正通知书，并做好登记和回访工作。",
    "各科室要高度重视，明确责任分工，确保各项措施落实到位，切实提升群众满意度。",
]
NEWS = (
    "本报讯 今年以来，我市持续推进老旧小区改造工程，截至十一月底，全市共完成改造小区一百二十六个，"
    "惠及居民四万余户。改造内容包括屋面防水、外墙保温、雨污分流、加装电梯和增设充电桩等。"
    "市住建局有关负责人表示，改造坚持居民自愿、因地制宜的原则，在方案设计阶段广泛征求意见，"
    "施工期间设立居民监督员，竣工后组织联合验收。下一步，还将结合社区服务设施建设，"
    "补齐养老托育、便民商业等短板，让城市更新成果更多更公平地惠及人民群众。"
)


def cjk_para(d: ImageDraw.ImageDraw, x: int, y: int, s: str, px: int, n: int, step: float = 1.6) -> int:
    """``s`` wrapped at ``n`` characters; the y after it."""
    f = font(CJK, px)
    for i in range(0, len(s), n):
        d.text((x, y), s[i : i + n], font=f, fill=BLACK)
        y += int(px * step)
    return y


def mobile(rng: random.Random, head: str = "139") -> str:
    """An invented mobile number."""
    return head + "".join(str(rng.randrange(10)) for _ in range(8))


# ---------------------------------------------------------------- cases with secrets


def c_dengji_hand(rng: random.Random) -> Case:
    """个人信息登记表 filled by hand, 是/否 ticks, an oval personal seal pressed over the name."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, idno, mob = "韩秋菊", cn_id(rng, "19790412"), mobile(rng, "158")
    centred(d, img.size[0], 150, "流动人员个人信息登记表", font(CJK, pt(20, dpi)))
    xs, ys = grid(d, 130, 300, [260, 420, 260, 420], [110] * 9)
    labels = [
        ("姓名", None, "性别", "女"),
        ("出生日期", "1979.4.12", "民族", "汉"),
        ("身份证号", "ID", None, None),
        ("联系电话", "MOB", None, None),
        ("现住址", "城东街道柳荫巷17号", None, None),
        ("是否党员", "YN0", "是否退役军人", "YN1"),
        ("是否低保户", "YN1", "是否有残疾", "YN1"),
        ("工作单位", "个体经营", "职务", "无"),
        ("备注", "", None, None),
    ]
    f = font(CJK, pt(12, dpi))
    for r, (l1, v1, l2, v2) in enumerate(labels):
        y = ys[r] + 32
        d.text((xs[0] + 20, y), l1, font=f, fill=BLACK)
        if l2:
            d.text((xs[2] + 20, y), l2, font=f, fill=BLACK)
        for v, x in ((v1, xs[1]), (v2, xs[3])):
            if v is None or v == "":
                continue
            if v.startswith("YN"):
                yes_no(d, x + 30, y, pt(12, dpi), v == "YN0")
            elif v in ("ID", "MOB"):
                hand_cjk(img, (x + 25, y), idno if v == "ID" else mob, pt(15, dpi), rng, BLUE_PEN)
            else:
                hand_cjk(img, (x + 25, y), v, pt(14, dpi), rng, BLUE_PEN)
    hand_cjk(img, (xs[1] + 40, ys[0] + 28), name, pt(17, dpi), rng, BLUE_PEN)
    d.text((130, ys[-1] + 60), "本人承诺以上信息真实有效。", font=f, fill=BLACK)
    d.text((900, ys[-1] + 140), "本人签字（盖章）：", font=f, fill=BLACK)
    hand_cjk(img, (1230, ys[-1] + 135), name, pt(16, dpi), rng, BLUE_PEN)
    oval_seal(img, (xs[1] + 150, ys[0] + 55), name, pt(13, dpi))
    out = scan(img, rng, skew=0.8)
    return Case([out], [Secret("name", name), Secret("id", idno), Secret("phone", mob)], lang="chi_sim", terms=[name])


def c_admission(rng: random.Random) -> Case:
    """住院登记: typed heads, handwritten entries, a contact's mobile written mixed (139一二三四5678)."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, kin = "程立新", "程美华"
    mob = "13912345678"
    mixed = "139一二三四5678"
    d.rectangle((0, 90, img.size[0], 230), fill=(0, 120, 110))
    centred(d, img.size[0], 115, "市第二人民医院  住院登记表", font(CJK, pt(20, dpi)), (255, 255, 255))
    f = font(CJK, pt(11, dpi))
    xs, ys = grid(d, 120, 320, [250, 500, 250, 420], [100] * 8, width=2)
    rows = [
        ("住院号", "2024118763", "科室", "心内科"),
        ("患者姓名", "NAME", "性别", "男"),
        ("年龄", "63", "床号", "12-3"),
        ("入院诊断", "冠心病 不稳定型心绞痛", None, None),
        ("过敏史", "青霉素", "医保类型", "职工医保"),
        ("联系人", "KIN", "与患者关系", "女儿"),
        ("联系人电话", "MIXED", None, None),
        ("入院日期", "2024年11月5日", "经办护士", "（签）"),
    ]
    for r, (l1, v1, l2, v2) in enumerate(rows):
        y = ys[r] + 30
        d.text((xs[0] + 18, y), l1, font=f, fill=BLACK)
        if l2:
            d.text((xs[2] + 18, y), l2, font=f, fill=BLACK)
        vals = {"NAME": name, "KIN": kin, "MIXED": mixed}
        for v, x in ((v1, xs[1]), (v2, xs[3])):
            if v:
                hand_cjk(img, (x + 25, y), vals.get(v, v), pt(14, dpi), rng, (20, 20, 40))
    cjk_para(d, 120, ys[-1] + 60, "入院须知：请患者及家属妥善保管贵重物品，住院期间不得擅自离院。", pt(10, dpi), 40)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name), Secret("name", kin), Secret("phone", mob)],
        lang="chi_sim",
        terms=[name, kin],
        ext="jpg",
    )


def c_customs(rng: random.Random) -> Case:
    """Bilingual customs declaration: name in Chinese and pinyin capitals, passport number, boxes."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, pinyin = "屈文涛", "QU WENTAO"
    passport = "E" + "".join(str(rng.randrange(10)) for _ in range(8))
    centred(d, img.size[0], 110, "中华人民共和国海关进境旅客行李物品申报单", font(CJK, pt(15, dpi)))
    centred(d, img.size[0], 175, "CUSTOMS LUGGAGE DECLARATION FORM FOR INCOMING PASSENGERS", font(BOLD, pt(9, dpi)))
    f, fe = font(CJK, pt(10, dpi)), font(CJK, pt(9, dpi))
    xs, ys = grid(d, 110, 260, [520, 900], [95] * 6, width=2)
    rows = [
        ("1. 姓名 Name", f"{name}  {pinyin}"),
        ("2. 性别 Sex", "男 M"),
        ("3. 出生日期 Date of Birth", "1988-07-23"),
        ("4. 国籍（地区）Nationality", "中国 CHN"),
        ("5. 护照号码 Passport No.", passport),
        ("6. 进境航班号 Flight No.", "CA936"),
    ]
    for r, (lab, v) in enumerate(rows):
        d.text((xs[0] + 15, ys[r] + 15), lab, font=f, fill=BLACK)
        hand_cjk(img, (xs[1] + 25, ys[r] + 25), v, pt(14, dpi), rng, BLUE_PEN)
    y = ys[-1] + 60
    qs = [
        "7. 来自动植物疫区的动植物及其产品 Animals, plants from epidemic areas",
        "8. 超过20000元人民币现钞 Over RMB 20,000 in cash",
        "9. 分离运输行李 Unaccompanied baggage",
        "10. 无线电收发信机 Radio transmitters",
    ]
    for i, q in enumerate(qs):
        d.text((110, y), q, font=font(CJK, pt(9, dpi)), fill=BLACK)
        box(d, 1350, y + 2, 32, "tick" if i == 2 else "")
        d.text((1395, y), "是", font=f, fill=BLACK)
        box(d, 1450, y + 2, 32, "" if i == 2 else "x")
        d.text((1495, y), "否", font=f, fill=BLACK)
        y += 75
    d.text((110, y + 40), "旅客签名 Signature:", font=fe, fill=BLACK)
    hand_cjk(img, (450, y + 30), pinyin.title(), pt(15, dpi), rng, BLUE_PEN)
    out = scan(img, rng, skew=1.0)
    return Case(
        [out],
        [Secret("name", name), Secret("name", pinyin), Secret("passport", passport)],
        lang="chi_sim+eng",
        terms=[name, pinyin],
    )


def c_enrolment(rng: random.Random) -> Case:
    """入学登记表 with a photo in its photo box; parent written 李建国处长; mobile in Chinese numerals."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    child, parent = "李梓涵", "李建国"
    mob = mobile(rng, "186")
    spelt = "".join("〇一二三四五六七八九"[int(c)] for c in mob)
    centred(d, img.size[0], 140, "城南实验小学2024级新生入学登记表", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(11, dpi))
    xs, ys = grid(d, 120, 300, [240, 400, 240, 280, 270], [110] * 4 + [110] * 4, width=3)
    d.line((xs[4], ys[0], xs[4], ys[4]), fill=(255, 255, 255), width=1)
    for yy in ys[1:4]:
        d.line((xs[4] + 2, yy, xs[5] - 2, yy), fill=(255, 255, 255), width=5)
    img.paste(portrait(xs[5] - xs[4] - 40, ys[4] - ys[0] - 40, rng), (xs[4] + 20, ys[0] + 20))
    rows = [
        ("学生姓名", child, "性别", "女"),
        ("出生日期", "2018.3.9", "户籍", "本区"),
        ("幼儿园", "阳光幼儿园", "血型", "A"),
        ("特长", "钢琴 画画", "过敏", "无"),
        ("家长", f"{parent}处长", "工作单位", "区建设局"),
        ("家长手机", spelt, None, None),
        ("家庭住址", "南湖路88号3栋", None, None),
        ("是否住校", "YN", "是否午托", "YN0"),
    ]
    for r, (l1, v1, l2, v2) in enumerate(rows):
        y = ys[r] + 35
        d.text((xs[0] + 18, y), l1, font=f, fill=BLACK)
        if l2:
            d.text((xs[2] + 18, y), l2, font=f, fill=BLACK)
        for v, x in ((v1, xs[1]), (v2, xs[3])):
            if not v:
                continue
            if v.startswith("YN"):
                yes_no(d, x + 20, y, pt(11, dpi), v == "YN0")
            else:
                hand_cjk(img, (x + 20, y), v, pt(13 if v != spelt else 12, dpi), rng, BLUE_PEN)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", child), Secret("name", parent), Secret("phone", mob)],
        lang="chi_sim",
        terms=[child, parent],
    )


def c_bank_open_photo(rng: random.Random) -> Case:
    """个人银行结算账户开户申请书, filled, photographed at an angle on a desk."""
    dpi = 150
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, idno, mob = "毛雅琴", cn_id(rng, "19920817"), mobile(rng, "137")
    card = luhn("622848", 19, rng)
    d.rectangle((60, 60, img.size[0] - 60, 170), fill=(0, 110, 80))
    d.text((90, 80), "中国农业银行  个人银行结算账户开户申请书", font=font(CJK, pt(15, dpi)), fill=(255, 255, 255))
    f = font(CJK, pt(10, dpi))
    xs, ys = grid(d, 80, 230, [220, 420, 220, 300], [80] * 7, width=2)
    rows = [
        ("户名", name, "证件类型", "居民身份证"),
        ("证件号码", idno, None, None),
        ("手机号码", mob, "职业", "教师"),
        ("账户种类", "I类户", "卡号", None),
        ("卡号", card, None, None),
        ("地址", "新华路211号", "邮编", "471000"),
        ("开通短信", "YN0", "开通网银", "YN0"),
    ]
    for r, (l1, v1, l2, v2) in enumerate(rows):
        y = ys[r] + 25
        d.text((xs[0] + 14, y), l1, font=f, fill=BLACK)
        if l2 and l2 != "卡号":
            d.text((xs[2] + 14, y), l2, font=f, fill=BLACK)
        for v, x in ((v1, xs[1]), (v2, xs[3] if l2 != "卡号" else None)):
            if not v or x is None:
                continue
            if v.startswith("YN"):
                yes_no(d, x + 20, y, pt(10, dpi), True)
            else:
                hand_cjk(img, (x + 16, y), v, pt(12, dpi), rng, (15, 15, 30))
    d.text((80, ys[-1] + 50), "申请人签名：", font=f, fill=BLACK)
    hand_cjk(img, (280, ys[-1] + 45), name, pt(14, dpi), rng, (15, 15, 30))
    out = photo(img, rng, tilt=9.0, shadow=0.45)
    return Case(
        [out],
        [Secret("name", name), Secret("id", idno), Secret("phone", mob), Secret("card", card)],
        lang="chi_sim",
        terms=[name],
        ext="jpg",
        dpi=dpi,
    )


def c_filing_page2(rng: random.Random) -> Case:
    """Three-page 申报材料 PDF: the applicant's name only on page 2, in a table; ID on page 3 in a footer."""
    dpi = 150
    name, idno = "严俊峰", cn_id(rng, "19850306")
    pages = []
    for p in range(3):
        img = page(dpi)
        d = ImageDraw.Draw(img)
        f = font(CJK, pt(11, dpi))
        if p == 0:
            centred(d, img.size[0], 260, "高新技术企业认定申报材料", font(CJK, pt(24, dpi)))
            centred(d, img.size[0], 420, "申报单位：（盖章）", f)
            centred(d, img.size[0], 480, "申报日期：2024年9月", f)
            y = 700
            for para in BODY:
                y = cjk_para(d, 150, y, para, pt(11, dpi), 36)
        elif p == 1:
            d.text((150, 150), "二、项目负责人及主要研发人员", font=font(CJK, pt(13, dpi)), fill=BLACK)
            people = [("负责人", name, "高级工程师", "19年"), ("研发人员", "（略）", "工程师", "—")]
            xs, ys = grid(d, 150, 230, [200, 250, 250, 200], [70] * 3, width=2)
            for c, h in enumerate(("角色", "姓名", "职称", "从业年限")):
                d.text((xs[c] + 15, ys[0] + 18), h, font=f, fill=BLACK)
            for r, row in enumerate(people, 1):
                for c, v in enumerate(row):
                    d.text((xs[c] + 15, ys[r] + 18), v, font=f, fill=BLACK)
            y = ys[-1] + 60
            for para in BODY[1:]:
                y = cjk_para(d, 150, y, para, pt(11, dpi), 36)
        else:
            y = 150
            for para in BODY:
                y = cjk_para(d, 150, y, para, pt(11, dpi), 36)
            d.line((150, img.size[1] - 170, img.size[0] - 150, img.size[1] - 170), fill=BLACK, width=1)
            d.text(
                (150, img.size[1] - 150), f"经办人证件号：{idno}    第3页 共3页", font=font(CJK, pt(8, dpi)), fill=GREY
            )
        pages.append(scan(img, rng))
    return Case(pages, [Secret("name", name), Secret("id", idno)], lang="chi_sim", terms=[name], ext="pdf", dpi=dpi)


def c_fax_tiff(rng: random.Random) -> Case:
    """Two-page Group 4 fax TIFF (fine 204×196 then normal 204×98): name, 传真 and mobile."""
    dpi = 200
    name, land, mob = "Gwendolyn Ashcombe", "0571-8765 4329", mobile(rng, "135")
    pages = []
    for p in range(2):
        img = page(dpi, 8.5, 11)
        d = ImageDraw.Draw(img)
        d.text(
            (100, 60), "11/05/2024 14:32  FROM: +86 571 8765 4300    P.00" + str(p + 1), font=font(SANS, 24), fill=BLACK
        )
        if p == 0:
            d.text((100, 200), "FAX COVER SHEET  传真", font=font(CJK, pt(22, dpi)), fill=BLACK)
            f = font(CJK, pt(12, dpi))
            xs, ys = grid(d, 100, 400, [400, 1100], [100] * 5, width=3)
            for r, (a, b) in enumerate(
                [
                    ("To:", "Procurement Office"),
                    ("Attn:", name),
                    ("Fax 传真:", land),
                    ("Pages:", "2"),
                    ("Re:", "Quotation"),
                ]
            ):
                d.text((xs[0] + 20, ys[r] + 28), a, font=f, fill=BLACK)
                d.text((xs[1] + 20, ys[r] + 28), b, font=f, fill=BLACK)
        else:
            f = font(SERIF, pt(12, dpi))
            y = 250
            for line in (
                "Please find our quotation for the office furniture below. Prices include",
                "delivery and installation. The offer is valid for thirty days.",
                "",
                f"For questions call the sales desk on mobile {mob[:3]} {mob[3:7]} {mob[7:]}.",
            ):
                d.text((100, y), line, font=f, fill=BLACK)
                y += 70
        pages.append(fax(img, rng, 204, 196 if p == 0 else 98, dpi))
    return Case45(
        pages,
        [Secret("name", name), Secret("phone", land), Secret("phone", mob)],
        lang="eng+chi_sim",
        terms=[name],
        ext="tif",
        saver=save_g4_tiff([(204, 196), (204, 98)]),
    )


def _exif_note(rng: random.Random, name: str, mob: str, lang_zh: bool) -> Image.Image:
    dpi = 150
    img = page(dpi, 6, 8)
    d = ImageDraw.Draw(img)
    if lang_zh:
        d.text((80, 80), "快递代收登记", font=font(CJK, pt(18, dpi)), fill=BLACK)
        hand_cjk(img, (80, 250), f"收件人：{name}", pt(16, dpi), rng, BLUE_PEN)
        hand_cjk(img, (80, 380), f"电话：{mob}", pt(16, dpi), rng, BLUE_PEN)
        hand_cjk(img, (80, 510), "已放门卫室，请尽快领取", pt(14, dpi), rng, BLUE_PEN)
    else:
        d.text((80, 80), "VISITOR LOG", font=font(BOLD, pt(18, dpi)), fill=BLACK)
        d.text((80, 250), f"Visitor: {name}", font=font(SANS, pt(14, dpi)), fill=BLACK)
        d.text((80, 360), f"Mobile: {mob[:3]} {mob[3:7]} {mob[7:]}", font=font(SANS, pt(14, dpi)), fill=BLACK)
        d.text((80, 470), "Host: Finance, 3rd floor", font=font(SANS, pt(14, dpi)), fill=BLACK)
    return photo(img, rng, tilt=3.0, shadow=0.2)


def c_exif6(rng: random.Random) -> Case:
    """Phone JPEG stored turned with EXIF orientation 6; EXIF Artist / UserComment hold the name."""
    name, mob = "Ottoline Prewitt", mobile(rng, "136")
    img = _exif_note(rng, name, mob, False)
    return Case45(
        [img],
        [Secret("name", name), Secret("phone", mob)],
        terms=[name],
        ext="jpg",
        dpi=72,
        saver=save_exif_jpeg(6, name, f"Visitor log {name}", f"{name} {mob}"),
    )


def c_exif8(rng: random.Random) -> Case:
    """Phone JPEG stored turned with EXIF orientation 8, Chinese handwritten note, EXIF tags hold the name."""
    name, mob = "蒲晓燕", mobile(rng, "152")
    img = _exif_note(rng, name, mob, True)
    return Case45(
        [img],
        [Secret("name", name), Secret("phone", mob)],
        lang="chi_sim",
        terms=[name],
        ext="jpg",
        dpi=72,
        saver=save_exif_jpeg(8, "Pu Xiaoyan", name, f"{name} {mob}"),
    )


def c_png_chunks(rng: random.Random) -> Case:
    """Scanned 证明 PNG whose tEXt / iTXt chunks (Author, Comment) hold name and ID."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, idno = "庞海燕", cn_id(rng, "19830125")
    centred(d, img.size[0], 200, "在职证明", font(CJK, pt(24, dpi)))
    y = cjk_para(d, 180, 420, f"兹证明{name}同志（身份证号：{idno}）系我单位在职职工，", pt(12, dpi), 30)
    y = cjk_para(d, 180, y, "自2015年7月起在我单位财务科工作，现任会计，工作表现良好。特此证明。", pt(12, dpi), 30)
    d.text((1000, y + 150), "城西区审计局（盖章）", font=font(CJK, pt(12, dpi)), fill=BLACK)
    seal(img, (1150, y + 170), 170, "城西区审计局")
    out = scan(img, rng)
    return Case45(
        [out],
        [Secret("name", name), Secret("id", idno)],
        lang="chi_sim",
        terms=[name],
        saver=save_png_text({"Author": "Pang Haiyan", "Comment": f"{name} {idno}", "Title": f"在职证明-{name}"}, dpi),
    )


def c_png16(rng: random.Random) -> Case:
    """16-bit greyscale PNG of a 介绍信 with name and landline."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, land = "邝志远", "020-8391 6624"
    centred(d, img.size[0], 200, "介 绍 信", font(CJK, pt(24, dpi)))
    y = cjk_para(d, 180, 420, f"兹介绍我单位{name}同志等二人前往贵处联系档案查阅事宜，请予接洽。", pt(12, dpi), 30)
    y = cjk_para(d, 180, y + 20, f"联系电话：{land}", pt(12, dpi), 30)
    d.text((1050, y + 200), "此致  敬礼", font=font(CJK, pt(12, dpi)), fill=BLACK)
    out = scan(img, rng)
    return Case45(
        [out], [Secret("name", name), Secret("phone", land)], lang="chi_sim", terms=[name], saver=save_png16(dpi)
    )


def c_jp2(rng: random.Random) -> Case:
    """JPEG 2000 archive scan of a letter with name, e-mail and mobile."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, mail, mob = "Perpetua Lindqvist", "p.lindqvist@meridian-archive.org", mobile(rng, "188")
    f = font(SERIF, pt(11, dpi))
    y = 250
    for line in (
        "Dear colleagues,",
        "",
        f"This letter introduces {name}, who will collect the boxed files on Monday.",
        f"She can be reached at {mail} or on +86 {mob[:3]} {mob[3:7]} {mob[7:]}.",
        "Please let her have the index cards as well.",
        "",
        "Yours faithfully,",
    ):
        d.text((180, y), line, font=f, fill=BLACK)
        y += 70
    out = scan(img, rng)
    return Case45(
        [out],
        [Secret("name", name), Secret("email", mail), Secret("phone", mob)],
        terms=[name],
        ext="jp2",
        saver=save_jp2(dpi),
    )


def c_a3_600(rng: random.Random) -> Case:
    """A3 drawing sheet at 600 DPI (greyscale): title block in small print holds names and a mobile."""
    dpi = 600
    w, h = round(16.54 * dpi), round(11.69 * dpi)  # A3 landscape
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    designer, checker, mob = "邬明哲", "滕晓光", mobile(rng, "139")
    d.rectangle((150, 150, w - 150, h - 150), outline=0, width=12)
    for k in range(40):  # the drawing: walls and dimension lines
        x0, y0 = rng.randrange(600, w - 4000), rng.randrange(600, h - 2000)
        d.rectangle((x0, y0, x0 + rng.randrange(300, 2000), y0 + rng.randrange(300, 1500)), outline=0, width=8)
        d.text((x0 + 40, y0 + 40), f"{rng.randrange(1200, 9000)}", font=font(SANS, pt(9, dpi)), fill=0)
        del k
    tb_x, tb_y = w - 3600, h - 1500
    xs, ys = grid(d, tb_x, tb_y, [700, 1300, 1300], [230] * 5, width=6, colour=0)  # type: ignore[arg-type]
    f = font(CJK, pt(8, dpi))
    for r, (a, b) in enumerate(
        [("工程名称", "滨河花园3#楼"), ("图名", "三层平面图"), ("设计", designer), ("校对", checker), ("电话", mob)]
    ):
        d.text((xs[0] + 40, ys[r] + 60), a, font=f, fill=0)
        d.text((xs[1] + 40, ys[r] + 60), b, font=f, fill=0)
    d.text((xs[2] + 40, ys[0] + 60), "图号 JS-03", font=f, fill=0)
    d.text((xs[2] + 40, ys[1] + 60), "比例 1:100", font=f, fill=0)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return Case45(
        [img],
        [Secret("name", designer), Secret("name", checker), Secret("phone", mob)],
        lang="chi_sim",
        terms=[designer, checker],
        dpi=dpi,
        saver=lambda pages, path: pages[0].save(path, dpi=(dpi, dpi)),
    )


def c_crop72(rng: random.Random) -> Case:
    """A tiny phone crop at 72 DPI: one contact line of a screenshot, JPEG."""
    name, mob = "鲍雪莲", mobile(rng, "159")
    img = Image.new("RGB", (430, 120), (247, 247, 247))
    d = ImageDraw.Draw(img)
    d.text((12, 14), f"联系人：{name}", font=font(CJK, 17), fill=(30, 30, 30))
    d.text((12, 48), f"手机 {mob[:3]} {mob[3:7]} {mob[7:]}", font=font(CJK, 17), fill=(30, 30, 30))
    d.text((12, 84), "备注：周三下午可送货", font=font(CJK, 14), fill=(120, 120, 120))
    return Case([img], [Secret("name", name), Secret("phone", mob)], lang="chi_sim", terms=[name], ext="jpg", dpi=72)


def c_pencil(rng: random.Random) -> Case:
    """A 借阅登记 filled in pencil: handwritten ID number and phone in light grainy graphite."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, idno, mob = "冼嘉怡", cn_id(rng, "20010930"), mobile(rng, "133")
    centred(d, img.size[0], 150, "档案借阅登记表", font(CJK, pt(18, dpi)))
    xs, ys = grid(d, 130, 300, [300, 1100], [120] * 6, width=2)
    f = font(CJK, pt(11, dpi))
    for r, (lab, v) in enumerate(
        [
            ("借阅人", name),
            ("身份证号", idno),
            ("联系电话", mob),
            ("借阅档案", "2019年基建卷宗"),
            ("借阅日期", "11月6日"),
            ("归还日期", ""),
        ]
    ):
        d.text((xs[0] + 20, ys[r] + 40), lab, font=f, fill=BLACK)
        if v:
            pencil(img, (xs[1] + 30, ys[r] + 38), v, pt(15, dpi), rng)
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("id", idno), Secret("phone", mob)], lang="chi_sim", terms=[name])


def c_phone_slip(rng: random.Random) -> Case:
    """来电登记 slip: caller's mobile written in mixed numerals, the callback's with 幺."""
    dpi = 200
    img = page(dpi, 5.8, 4.1, (253, 250, 225))
    d = ImageDraw.Draw(img)
    name = "柯永强"
    mob1, mob2 = "13824716953", "17710382246"
    w1 = "138二四七1六九五3"
    w2 = "幺七七幺〇三八二二四六"
    d.text((40, 30), "来 电 登 记", font=font(CJK, pt(16, dpi)), fill=(150, 30, 30))
    for k, lab in enumerate(("来电人", "电话", "回电", "事由")):
        y = 150 + k * 150
        d.text((40, y), lab + "：", font=font(CJK, pt(11, dpi)), fill=(150, 30, 30))
        d.line((230, y + 70, img.size[0] - 40, y + 70), fill=(150, 30, 30), width=2)
    hand_cjk(img, (250, 150), name, pt(16, dpi), rng, BLUE_PEN)
    hand_cjk(img, (250, 300), w1, pt(15, dpi), rng, BLUE_PEN)
    hand_cjk(img, (250, 450), w2, pt(15, dpi), rng, BLUE_PEN)
    hand_cjk(img, (250, 600), "询问补贴发放进度", pt(14, dpi), rng, BLUE_PEN)
    out = scan(img, rng)
    return Case(
        [out], [Secret("name", name), Secret("phone", mob1), Secret("phone", mob2)], lang="chi_sim", terms=[name]
    )


def c_signin_rule(rng: random.Random) -> Case:
    """会议签到表: names signed by hand, one written 张 伟 with a space and across the row's rule."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    target, other = "张伟", "滕玉兰"
    centred(d, img.size[0], 140, "2024年第四季度安全生产工作会议签到表", font(CJK, pt(16, dpi)))
    xs, ys = grid(d, 130, 280, [130, 480, 400, 400], [95] * 15, width=2)
    f = font(CJK, pt(11, dpi))
    for c, hd in enumerate(("序号", "单位", "姓名", "备注")):
        d.text((xs[c] + 20, ys[0] + 25), hd, font=f, fill=BLACK)
    units = [
        "安监科",
        "办公室",
        "工程部",
        "后勤处",
        "质检科",
        "财务科",
        "设备科",
        "人事科",
        "保卫科",
        "物业公司",
        "车队",
        "食堂",
        "仓库",
        "档案室",
    ]
    signers = ["吴", "陆", "丁", "范", "贺", "龚", "邵", "孔", "尹", "黎", "汪", "章", "岑", "袁"]
    for r in range(1, 15):
        d.text((xs[0] + 40, ys[r] + 25), str(r), font=f, fill=BLACK)
        d.text((xs[1] + 20, ys[r] + 25), units[r - 1], font=f, fill=BLACK)
        if r == 6:
            hand_cjk(img, (xs[2] + 30, ys[r] + 55), "张 伟", pt(19, dpi), rng, BLUE_PEN)  # sits on the rule
        elif r == 9:
            hand_cjk(img, (xs[2] + 30, ys[r] + 22), other, pt(15, dpi), rng, BLUE_PEN)
        else:
            hand_cjk(img, (xs[2] + 30, ys[r] + 22), signers[r - 1] + "某", pt(15, dpi), rng, BLUE_PEN)
    out = scan(img, rng)
    return Case([out], [Secret("name", target), Secret("name", other)], lang="chi_sim", terms=[target, other])


def c_seal_ring_term(rng: random.Random) -> Case:
    """A 证明 whose red seal's ring spells the listed company; the company is named nowhere else."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    company = "鑫洲汇通商贸有限公司"
    centred(d, img.size[0], 200, "收 款 收 据", font(CJK, pt(22, dpi)))
    y = cjk_para(
        d, 180, 420, "今收到城北社区服务中心交来办公用品采购款人民币叁仟捌佰元整（¥3800.00）。", pt(12, dpi), 30
    )
    y = cjk_para(d, 180, y, "款项已全部结清。", pt(12, dpi), 30)
    d.text((950, y + 160), "收款单位（盖章）", font=font(CJK, pt(12, dpi)), fill=BLACK)
    d.text((950, y + 260), "2024年10月28日", font=font(CJK, pt(12, dpi)), fill=BLACK)
    ring_seal(img, (1130, y + 230), 175, company, (205, 30, 35))
    out = scan(img, rng)
    return Case([out], [Secret("name", company)], lang="chi_sim", terms=[company])


def c_black_seal(rng: random.Random) -> Case:
    """A photocopied 合同 signature page: the seal is black, its ring spells the listed company."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    company = "瑞丰泰达建材有限公司"
    f = font(CJK, pt(12, dpi))
    y = cjk_para(d, 180, 200, "第十二条 本合同一式肆份，甲乙双方各执贰份，自双方签字盖章之日起生效。", pt(12, dpi), 30)
    d.text((180, y + 150), "甲方（盖章）：", font=f, fill=BLACK)
    d.text((900, y + 150), "乙方（盖章）：", font=f, fill=BLACK)
    d.text((180, y + 450), "签订日期：2024年8月", font=f, fill=BLACK)
    d.text((900, y + 450), "签订日期：2024年8月", font=f, fill=BLACK)
    ring_seal(img, (1150, y + 300), 175, company, (30, 30, 30))
    out = scan(img, rng)
    out = ImageOps.autocontrast(out.convert("L"), cutoff=1).convert("RGB")
    return Case([out], [Secret("name", company)], lang="chi_sim", terms=[company])


def c_cv_glued(rng: random.Random) -> Case:
    """简历 line where date of birth and address are glued to the listed name, plus a mobile after 手机."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, mob = "滕佳音", mobile(rng, "150")
    centred(d, img.size[0], 140, "个 人 简 历", font(CJK, pt(22, dpi)))
    img.paste(portrait(260, 340, rng), (1280, 300))
    f = font(CJK, pt(12, dpi))
    d.text((180, 320), f"{name}1994年6月生，现住江汉区新华路328号5楼", font=f, fill=BLACK)
    d.text((180, 400), f"手机{mob}  邮编430022", font=f, fill=BLACK)
    y = 700
    d.text((180, y), "教育经历", font=font(CJK, pt(14, dpi)), fill=BLACK)
    d.line((180, y + 60, 1500, y + 60), fill=BLACK, width=3)
    y = cjk_para(d, 180, y + 90, "2012—2016  华中师范大学  汉语言文学  本科", pt(11, dpi), 40)
    y = cjk_para(d, 180, y + 40, "工作经历", pt(14, dpi), 40)
    d.line((180, y, 1500, y), fill=BLACK, width=3)
    cjk_para(d, 180, y + 30, "2016—至今  某出版社  编辑，负责教辅图书的组稿、审读与编校工作。", pt(11, dpi), 36)
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("phone", mob)], lang="chi_sim", terms=[name])


def c_misregistered(rng: random.Random) -> Case:
    """Pre-printed 工资单 overprinted by a misaligned printer: the field rule runs through the name."""
    dpi = 200
    img = page(dpi, 8.27, 5.8)
    d = ImageDraw.Draw(img)
    name, card = "Leocadia Ferreira-Holm", luhn("621700", 19, rng)
    d.text((120, 60), "PAY ADVICE  工资通知", font=font(CJK, pt(16, dpi)), fill=(0, 70, 140))
    fields = [("Employee 员工", name), ("Account 账号", card), ("Net pay 实发", "8,420.50"), ("Period 期间", "2024-10")]
    for k, (lab, v) in enumerate(fields):
        y = 250 + k * 150
        d.text((120, y), lab, font=font(CJK, pt(10, dpi)), fill=(0, 70, 140))
        d.line((520, y + 50, 1500, y + 50), fill=(0, 70, 140), width=4)
        text(d, (540, y + 50 - pt(12, dpi) // 2 - 4), v, font(SANS, pt(12, dpi)), BLACK)  # rule through the middle
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("card", card)], lang="eng+chi_sim", terms=[name])


def c_leave_note(rng: random.Random) -> Case:
    """请假条 in blue ballpoint on ruled notebook paper with a red margin line."""
    dpi = 200
    img = page(dpi, 6.9, 9.8, (252, 252, 246))
    ruled_paper(img, 95, 200, margin=150)
    name, mob = "邱文静", mobile(rng, "131")
    lines = [
        "请 假 条",
        "王老师：",
        f"  我是三年二班{name}的家长，孩",
        "子今天发烧38.5度，需去医院就诊，",
        "特请假一天，望批准！",
        f"  家长电话：{mob}",
        "              2024.11.6",
    ]
    for k, line in enumerate(lines):
        hand_cjk(img, (180 if k else 500, 200 + k * 95 - 62), line, pt(15, dpi), rng, BLUE_PEN)
    out = photo(img, rng, tilt=-4.0, shadow=0.25, bg=(180, 180, 185))
    return Case([out], [Secret("name", name), Secret("phone", mob)], lang="chi_sim", terms=[name], ext="jpg")


def c_gongshi(rng: random.Random) -> Case:
    """公示 list of twenty names with partly masked IDs (110105********1234); one name is listed."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    listed = "司马文博"
    centred(d, img.size[0], 130, "2024年度城区困难家庭临时救助拟批准名单公示", font(CJK, pt(15, dpi)))
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
    given = ["建华", "秀英", "志强", "桂兰", "海涛", "玉梅", "国庆", "丽娟", "德明", "春燕"]
    xs, ys = grid(d, 120, 260, [110, 260, 560, 300, 200], [62] * 21, width=2)
    f = font(CJK, pt(9, dpi))
    for c, hd in enumerate(("序号", "姓名", "身份证号", "救助事由", "金额")):
        d.text((xs[c] + 12, ys[0] + 14), hd, font=f, fill=BLACK)
    for r in range(1, 21):
        nm = listed if r == 13 else surnames[r - 1] + given[r % 10]
        masked = rng.choice(("110105", "310104", "440305")) + "********" + f"{rng.randrange(10000):04d}"
        for c, v in enumerate((str(r), nm, masked, rng.choice(("因病", "因灾", "因学")), f"{rng.randrange(10, 60)}00")):
            d.text((xs[c] + 12, ys[r] + 14), v, font=f, fill=BLACK)
    cjk_para(d, 120, ys[-1] + 40, "公示期为2024年11月6日至11月12日，如有异议请向街道民政办反映。", pt(10, dpi), 40)
    out = scan(img, rng)
    return Case([out], [Secret("name", listed)], lang="chi_sim", terms=[listed])


# ---------------------------------------------------------------- ordinary pages


def o_repair_form(rng: random.Random) -> Case:
    """设备报修单, filled: ticks, crosses, handwritten fault text, no name or number."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 150, "设 备 报 修 单", font(CJK, pt(20, dpi)))
    xs, ys = grid(d, 130, 300, [300, 1100], [120] * 6, width=3)
    f = font(CJK, pt(11, dpi))
    labs = ["设备名称", "所在位置", "故障类型", "紧急程度", "故障描述", "处理结果"]
    for r, lab in enumerate(labs):
        d.text((xs[0] + 20, ys[r] + 40), lab, font=f, fill=BLACK)
    hand_cjk(img, (xs[1] + 30, ys[0] + 38), "三楼会议室投影仪", pt(14, dpi), rng, BLUE_PEN)
    hand_cjk(img, (xs[1] + 30, ys[1] + 38), "行政楼302", pt(14, dpi), rng, BLUE_PEN)
    for k, opt in enumerate(("电气", "机械", "软件", "其他")):
        x = xs[1] + 30 + k * 250
        box(d, x, ys[2] + 42, 34, "tick" if k == 0 else "")
        d.text((x + 50, ys[2] + 38), opt, font=f, fill=BLACK)
    for k, opt in enumerate(("一般", "较急", "紧急")):
        x = xs[1] + 30 + k * 250
        box(d, x, ys[3] + 42, 34, "x" if k == 1 else "")
        d.text((x + 50, ys[3] + 38), opt, font=f, fill=BLACK)
    hand_cjk(img, (xs[1] + 30, ys[4] + 38), "开机后画面闪烁，无信号", pt(14, dpi), rng, BLUE_PEN)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim", ordinary=True)


def o_blank_form(rng: random.Random) -> Case:
    """Blank 登记表: grid, comb cells, empty checkboxes, an empty photo box labelled 照片."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 150, "居住证申领登记表", font(CJK, pt(20, dpi)))
    f = font(CJK, pt(11, dpi))
    xs, ys = grid(d, 120, 300, [240, 380, 240, 300, 270], [110] * 8, width=3)
    d.rectangle((xs[4] + 2, ys[0] + 2, xs[5] - 2, ys[4] - 2), fill=(255, 255, 255))
    d.rectangle((xs[4] + 30, ys[0] + 40, xs[5] - 30, ys[4] - 40), outline=BLACK, width=2)
    d.text((xs[4] + 95, ys[2] - 20), "照片", font=f, fill=BLACK)
    for r, (a, b) in enumerate(
        [
            ("姓名", "性别"),
            ("出生日期", "民族"),
            ("文化程度", "婚姻状况"),
            ("户籍地址", ""),
            ("公民身份号码", ""),
            ("现居住地", ""),
            ("是否参保", "是否租住"),
            ("申请日期", ""),
        ]
    ):
        d.text((xs[0] + 15, ys[r] + 38), a, font=f, fill=BLACK)
        if b:
            d.text((xs[2] + 15, ys[r] + 38), b, font=f, fill=BLACK)
    for k in range(18):  # comb cells for the ID number
        d.rectangle((xs[1] + 10 + k * 48, ys[4] + 30, xs[1] + 52 + k * 48, ys[4] + 80), outline=BLACK, width=2)
    for x in (xs[1], xs[3]):
        box(d, x + 20, ys[6] + 40, 32)
        d.text((x + 60, ys[6] + 36), "是", font=f, fill=BLACK)
        box(d, x + 130, ys[6] + 40, 32)
        d.text((x + 170, ys[6] + 36), "否", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim", ordinary=True)


def o_meeting_notes(rng: random.Random) -> Case:
    """Handwritten meeting notes on ruled paper: bullets, an arrow, underlines, circled numbers."""
    dpi = 200
    img = page(dpi, 6.9, 9.8, (252, 252, 246))
    ruled_paper(img, 95, 200, margin=150)
    d = ImageDraw.Draw(img)
    lines = [
        "11.6 周例会",
        "① 年终考核方案 → 下周五前定稿",
        "② 档案室搬迁：先清点再装箱",
        "③ 食堂满意度调查 发问卷200份",
        "④ 消防演练改到11月20日上午",
        "— 各部门报预算，月底汇总",
        "待办：更新值班表，打印通知",
    ]
    for k, line in enumerate(lines):
        hand_cjk(img, (180, 200 + k * 95 - 62), line, pt(14, dpi), rng, BLUE_PEN if k else BLACK)
    d.line((180, 200 + 4 * 95 - 8, 800, 200 + 4 * 95 - 4), fill=BLUE_PEN, width=3)
    out = photo(img, rng, tilt=2.0, shadow=0.2, bg=(160, 150, 140))
    return Case([out], [], lang="chi_sim", ordinary=True, ext="jpg")


def o_newspaper(rng: random.Random) -> Case:
    """Chinese newspaper page: masthead, headline, four columns, a picture and caption."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    d.text((120, 80), "滨江日报", font=font(CJK, pt(36, dpi)), fill=(180, 20, 20))
    d.text((1100, 120), "2024年11月6日  星期三  第8版", font=font(CJK, pt(9, dpi)), fill=BLACK)
    d.line((120, 250, img.size[0] - 120, 250), fill=BLACK, width=5)
    d.text((120, 290), "老旧小区改造惠及四万余户", font=font(CJK, pt(24, dpi)), fill=BLACK)
    img.paste(landscape(600, 380, rng), (900, 450))
    d.text((900, 840), "图为改造后的小区一角", font=font(CJK, pt(8, dpi)), fill=GREY)
    colw, px = 360, pt(9, dpi)
    for c in range(4):
        x = 120 + c * (colw + 30)
        y = 450 if x < 880 else 900
        s = (NEWS * 3)[c * 90 :]
        n = colw // px
        while y < img.size[1] - 150:
            d.text((x, y), s[:n], font=font(CJK, px), fill=BLACK)
            s = s[n:] or NEWS
            y += int(px * 1.5)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim", ordinary=True)


def o_spreadsheet(rng: random.Random) -> Case:
    """Spreadsheet printout: order numbers, dates, quantities, amounts, totals; gridlines."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    d.text((100, 60), "2024年10月销售订单明细", font=font(CJK, pt(14, dpi)), fill=BLACK)
    cols = [420, 260, 300, 160, 220, 260, 260]
    xs, ys = grid(d, 100, 160, cols, [52] * 26, width=1, colour=(170, 170, 170))
    f = font(SANS, pt(9, dpi))
    fc = font(CJK, pt(9, dpi))
    for c, hd in enumerate(("订单号", "下单日期", "物料编码", "数量", "单价", "金额", "状态")):
        d.text((xs[c] + 10, ys[0] + 10), hd, font=fc, fill=BLACK)
    total = 0.0
    for r in range(1, 25):
        qty, price = rng.randrange(1, 500), rng.randrange(100, 99999) / 100
        total += qty * price
        row = (
            f"SO2024{10:02d}{rng.randrange(10**8):08d}",
            f"2024-10-{rng.randrange(1, 31):02d}",
            f"MAT-{rng.randrange(10**6):06d}",
            str(qty),
            f"{price:,.2f}",
            f"{qty * price:,.2f}",
            rng.choice(("已发货", "已签收", "待付款")),
        )
        for c, v in enumerate(row):
            d.text((xs[c] + 10, ys[r] + 10), v, font=fc if c == 6 else f, fill=BLACK)
    d.text((xs[0] + 10, ys[25] + 10), "合计", font=fc, fill=BLACK)
    d.text((xs[5] + 10, ys[25] + 10), f"{total:,.2f}", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", ordinary=True)


def o_logo_photo(rng: random.Random) -> Case:
    """Brochure page with a drawn logo and a photograph, text beside them."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    d.ellipse((120, 100, 320, 300), fill=(0, 110, 180))
    d.polygon([(160, 250), (220, 140), (280, 250)], fill=(255, 255, 255))
    d.text((360, 150), "青山湖生态旅游区", font=font(CJK, pt(22, dpi)), fill=(0, 80, 140))
    img.paste(landscape(1300, 700, rng), (120, 400))
    y = 1180
    for para in (
        "青山湖生态旅游区位于城市西郊，湖面面积约十二平方公里，森林覆盖率超过百分之八十。",
        "景区开放时间为每日八时至十七时三十分，旺季延长至十八时。成人票六十元，学生半价。",
        "游客可乘坐旅游专线或自驾前往，景区设有停车场、游客中心和医疗服务点。",
    ):
        y = cjk_para(d, 120, y, para, pt(11, dpi), 32) + 30
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim", ordinary=True)


def o_fax_cover(rng: random.Random) -> Case:
    """Group 4 fax TIFF cover sheet with a table, ticked urgency boxes and no names."""
    dpi = 200
    img = page(dpi, 8.5, 11)
    d = ImageDraw.Draw(img)
    d.text((100, 60), "11/06/2024 09:12  P.001", font=font(SANS, 24), fill=BLACK)
    d.text((100, 200), "传 真 FAX", font=font(CJK, pt(24, dpi)), fill=BLACK)
    f = font(CJK, pt(12, dpi))
    xs, ys = grid(d, 100, 400, [400, 1100], [100] * 4, width=3)
    for r, (a, b) in enumerate([("收件部门", "采购部"), ("发件部门", "财务部"), ("页数", "1"), ("事由", "报价确认")]):
        d.text((xs[0] + 20, ys[r] + 28), a, font=f, fill=BLACK)
        d.text((xs[1] + 20, ys[r] + 28), b, font=f, fill=BLACK)
    for k, opt in enumerate(("紧急", "请回复", "请审阅", "仅供参考")):
        box(d, 100 + k * 380, 900, 40, "x" if k in (1, 2) else "")
        d.text((160 + k * 380, 895), opt, font=f, fill=BLACK)
    y = 1100
    for para in BODY[:2]:
        y = cjk_para(d, 100, y, para, pt(11, dpi), 38)
    page1 = fax(img, rng, 204, 196, dpi)
    return Case45([page1], [], lang="chi_sim", ordinary=True, ext="tif", saver=save_g4_tiff([(204, 196)]))


def o_exif_notice(rng: random.Random) -> Case:
    """Phone photo of a printed 通知 stored turned with EXIF orientation 6."""
    dpi = 150
    img = page(dpi, 6, 8)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 80, "停 水 通 知", font(CJK, pt(20, dpi)))
    y = 250
    for para in (
        "因供水管网改造施工，定于11月8日（星期五）8:00至18:00停水，",
        "请各住户提前做好储水准备。给您带来不便，敬请谅解。",
        "物业服务中心  2024年11月6日",
    ):
        y = cjk_para(d, 70, y, para, pt(11, dpi), 22) + 20
    out = photo(img, rng, tilt=2.5, shadow=0.25)
    return Case45([out], [], lang="chi_sim", ordinary=True, ext="jpg", dpi=72, saver=save_exif_jpeg(6, "", "", ""))


CASES: dict[str, Callable[[random.Random], Case]] = {
    "dengji_hand": c_dengji_hand,
    "admission": c_admission,
    "customs": c_customs,
    "enrolment": c_enrolment,
    "bank_open_photo": c_bank_open_photo,
    "filing_page2": c_filing_page2,
    "fax_tiff": c_fax_tiff,
    "exif6": c_exif6,
    "exif8": c_exif8,
    "png_chunks": c_png_chunks,
    "png16": c_png16,
    "jp2": c_jp2,
    "a3_600": c_a3_600,
    "crop72": c_crop72,
    "pencil": c_pencil,
    "phone_slip": c_phone_slip,
    "signin_rule": c_signin_rule,
    "seal_ring_term": c_seal_ring_term,
    "black_seal": c_black_seal,
    "cv_glued": c_cv_glued,
    "misregistered": c_misregistered,
    "leave_note": c_leave_note,
    "gongshi": c_gongshi,
    "ord_repair_form": o_repair_form,
    "ord_blank_form": o_blank_form,
    "ord_meeting_notes": o_meeting_notes,
    "ord_newspaper": o_newspaper,
    "ord_spreadsheet": o_spreadsheet,
    "ord_logo_photo": o_logo_photo,
    "ord_fax_cover": o_fax_cover,
    "ord_exif_notice": o_exif_notice,
}


def main(argv: Sequence[str]) -> int:
    """Generate the cases named in ``argv[1:]`` (all by default) under ``argv[0]``."""
    if not argv:
        print("usage: python -m benchmarks.redteam45 OUTDIR [CASE ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = list(argv[1:]) or list(CASES)
    for i, (key, make) in enumerate(CASES.items(), 1):
        if key in wanted:
            write45(make(random.Random(45_000 + i)), out / f"{i:02d}_{key}")
            print(f"{i:02d}_{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
