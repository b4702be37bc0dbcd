"""Red-team office documents (stop 43): kinds that stops 41 and 42 did not try.

    .venv/bin/python -m benchmarks.redteam43 OUTDIR [CASE ...]

Same interface and folder layout as ``benchmarks.redteam41`` (``input.*``, ``terms.txt``,
``lang.txt``, ``secrets.json``).  The kinds: a passport data page with its machine-readable
zone (pinyin name and passport number glued into ``<`` filler); a 营业执照 with the
统一社会信用代码 letter-spaced and inside a QR code; a letter set entirely in vertical columns
(竖排) with its marking and a mobile in Chinese numerals; a Hong Kong staff directory and a
Chinese internal phone book (dot leaders) whose 8-digit numbers carry their cue only in the
column head or title; e-mail addresses written with ``#`` for the at sign (请将#换成@); an
OA-system screenshot under a tiled pale diagonal watermark of the viewer's name and mobile;
a thin page showing the reverse side's letter through it, mirrored; a purple carbon copy of
a receipt over red form rules; a dark-mode phone contact card; a landscape table rotated
into a portrait page; an organisation chart; a name written in pinyin when listed in
Chinese; licence plates listed without their middle dot and a plate photograph; markings
printed up the margins; names struck through and highlighted by pen; a passbook account
number that is no card (no Luhn); a six-up slide handout; square red personal seals (阴文 and
阳文, read column by column, right to left); names with rare characters (堃, 翀, 彧); a
visitor pass whose QR code holds the name, ID and mobile as base64 JSON (with and without a
coloured header band); an embossed bank card photocopied; ID numbers whose X was typed as ×;
and the directory again without its tinted header row.  Seven ordinary pages with nothing
secret (a price list with EAN codes, a train timetable, a maths worksheet of grouped big
numbers, a product spec sheet of part numbers, a two-column news page, a Chinese inspection
checklist with ticked boxes, a booking table with a pale tinted header row) must come back
exit 0 and nearly untouched.  Every value is invented; checksums (ID, USCC, MRZ, EAN) are valid.
Seeded: the same files every run.  ``benchmarks/redteam43_attack.py`` attacks the outputs.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.redteam41 import (
    BLACK,
    BOLD,
    CJK,
    MONO,
    RED,
    SANS,
    SERIF,
    SERIF_BOLD,
    Case,
    Colour,
    Secret,
    cn_id,
    font,
    hand,
    page,
    photo,
    pt,
    scan,
    text,
    write,
)
from benchmarks.redteam42 import centred, grid, hand_cjk

GREY: Colour = (110, 110, 110)
NAVY: Colour = (24, 44, 110)


# ---------------------------------------------------------------- invented identifiers and drawing helpers


def mrz_check(s: str) -> str:
    """ICAO 9303 check digit of ``s``."""
    vals = {**{str(i): i for i in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}
    return str(sum(vals[c] * (7, 3, 1)[i % 3] for i, c in enumerate(s)) % 10)


def uscc(rng: random.Random) -> str:
    """A unified social credit code with a valid check character (GB 32100-2015)."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    org = "".join(rng.choice(alphabet) for _ in range(8))
    body = "91" + "310115" + org + rng.choice("0123456789")
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights, strict=True))
    return body + alphabet[(31 - total % 31) % 31]


def luhn_ok(s: str) -> bool:
    """Whether ``s`` passes the Luhn check."""
    total = 0
    for i, c in enumerate(reversed(s)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def ean13(rng: random.Random, luhn_too: bool) -> str:
    """A Chinese (69x) EAN-13 with a valid check digit; ``luhn_too``: one that also passes Luhn."""
    while True:
        body = "69" + "".join(str(rng.randrange(10)) for _ in range(10))
        check = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10) % 10
        code = body + str(check)
        if luhn_ok(code) == luhn_too:
            return code


CN_DIGITS = "〇一二三四五六七八九"


def cn_numerals(digits: str) -> str:
    """Digits spelt one by one in Chinese numerals (一三九…)."""
    return "".join(CN_DIGITS[int(c)] for c in digits)


def vertical(
    d: ImageDraw.ImageDraw, x: int, y: int, s: str, face: object, fill: Colour = BLACK, step: float = 1.08
) -> int:
    """Draw ``s`` down a column, one upright character per row; the y after the last."""
    size = int(face.size)  # type: ignore[attr-defined]
    for ch in s:
        w = d.textlength(ch, font=face)  # type: ignore[arg-type]
        d.text((x + (size - w) / 2, y), ch, font=face, fill=fill)  # type: ignore[arg-type]
        y += int(size * step)
    return y


def turned_text(img: Image.Image, xy: tuple[int, int], s: str, face: object, angle: float, fill: Colour) -> None:
    """Paste ``s`` turned by ``angle`` degrees (90: reads bottom to top) with its top-left at ``xy``."""
    size = int(face.size)  # type: ignore[attr-defined]
    w = int(ImageDraw.Draw(img).textlength(s, font=face)) + 10  # type: ignore[arg-type]
    tile = Image.new("L", (w, int(size * 1.5)), 0)
    ImageDraw.Draw(tile).text((5, size // 6), s, font=face, fill=255)  # type: ignore[arg-type]
    tile = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    img.paste(Image.new("RGB", tile.size, fill), xy, tile)


def paste_alpha(img: Image.Image, layer: Image.Image, colour: Colour, alpha: float) -> Image.Image:
    """Blend ``colour`` into ``img`` through the mask ``layer`` (multiplied, like ink)."""
    a = np.asarray(img.convert("RGB")).astype(np.float32)
    m = np.asarray(layer).astype(np.float32)[..., None] / 255 * alpha
    inked = np.minimum(a, np.array(colour, dtype=np.float32))
    return Image.fromarray(np.clip(a * (1 - m) + inked * m, 0, 255).astype(np.uint8))


def qr(payload: str, scale: int) -> Image.Image:
    """A QR code of ``payload``, ``scale`` pixels a module, with its quiet zone."""
    import zxingcpp

    bc = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode)
    img = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(bc, scale=scale, add_quiet_zones=True)))
    return img.convert("RGB")


def ean_bars(code: str, module: int, height: int) -> Image.Image:
    """An EAN-13 symbol (bars only) for ``code``."""
    import zxingcpp

    bc = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.EAN13)
    img = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(bc, scale=module, add_hrt=False)))
    return img.convert("RGB").resize((img.width, height))


# ---------------------------------------------------------------- cases with secrets


def c_passport_mrz(rng: random.Random, name_cn: str = "卢景澄", name_py: str = "LU JINGCHENG") -> Case:
    """Passport data page copied on A4: pinyin name and number in the MRZ, glued into ``<`` filler."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    surname, given = name_py.split()
    number = "E" + "".join(str(rng.randrange(10)) for _ in range(8))
    x0, y0, w, h = 180, 300, 1250, 880
    card = Image.new("RGB", (w, h), (236, 242, 238))
    a = np.asarray(card).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    waves = (np.sin(xx / 11.0 + 4 * np.sin(yy / 37.0)) > 0.7) | (np.sin(yy / 8.0 + 3 * np.sin(xx / 63.0)) > 0.9)
    a[waves] = a[waves] * 0.9 + np.array([200.0, 140.0, 160.0]) * 0.1
    card = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    cd = ImageDraw.Draw(card)
    small = font(CJK, pt(6.5, dpi))
    val = font(SANS, pt(10, dpi))
    valc = font(CJK, pt(11, dpi))
    cd.text((40, 24), "中华人民共和国  护照", font=font(CJK, pt(11, dpi)), fill=(40, 40, 40))
    cd.text((40, 64), "PEOPLE'S REPUBLIC OF CHINA   PASSPORT", font=font(SANS, pt(8, dpi)), fill=(40, 40, 40))
    cd.rectangle((40, 140, 330, 520), fill=(205, 210, 214))
    cd.ellipse((120, 200, 250, 330), fill=(170, 176, 182))
    cd.rectangle((90, 340, 280, 520), fill=(170, 176, 182))
    fields = [
        (370, 130, "类型/Type", "P"),
        (560, 130, "国家码/Country Code", "CHN"),
        (880, 130, "护照号/Passport No.", number),
        (370, 230, "姓名/Name", None),
        (370, 370, "性别/Sex", "男/M"),
        (560, 370, "国籍/Nationality", "中国/CHINESE"),
        (370, 450, "出生日期/Date of birth", "14 MAR 1986"),
        (780, 450, "出生地点/Place of birth", "浙江/ZHEJIANG"),
        (370, 530, "签发日期/Date of issue", "22 MAY 2024"),
        (780, 530, "有效期至/Date of expiry", "21 MAY 2034"),
    ]
    for x, y, label, value in fields:
        cd.text((x, y), label, font=small, fill=(90, 90, 90))
        if value is not None:
            cd.text((x, y + 30), value, font=valc if any(ord(c) > 0x2E80 for c in value) else val, fill=BLACK)
    cd.text((370, 262), name_cn, font=valc, fill=BLACK)
    cd.text((370, 310), f"{surname}, {given}", font=val, fill=BLACK)
    line1 = ("P<CHN" + f"{surname}<<{given}").ljust(44, "<")
    dob, exp = "860314", "340521"
    personal = "LJKMPNOB<<<<"
    personal = personal.ljust(14, "<")
    l2 = number + mrz_check(number) + "CHN" + dob + mrz_check(dob) + "M" + exp + mrz_check(exp) + personal
    l2 += mrz_check(personal)
    composite = l2[0:10] + l2[13:20] + l2[21:43]
    line2 = l2 + mrz_check(composite)
    mono = font(MONO, pt(11.5, dpi))
    cd.text((40, 700), line1, font=mono, fill=BLACK)
    cd.text((40, 770), line2, font=mono, fill=BLACK)
    img.paste(card, (x0, y0))
    d.rectangle((x0, y0, x0 + w, y0 + h), outline=(160, 160, 160), width=2)
    f = font(CJK, pt(10.5, dpi))
    text(d, (180, 1300), "护照复印件（仅供办理出访审批使用，复印无效）", f)
    text(d, (180, 1370), f"持照人：{name_cn}    审核人签字：____________", f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name_cn), Secret("name", name_py), Secret("passport", number)],
        lang="chi_sim+eng",
        terms=[name_cn, name_py],
        dpi=dpi,
    )


def c_licence_qr(rng: random.Random) -> Case:
    """营业执照 (landscape): the 统一社会信用代码 letter-spaced, and again inside the QR code's URL."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    code = uscc(rng)
    rep = "祁慕白"
    W, H = img.size
    for k, wd in ((60, 10), (84, 3)):
        d.rectangle((k, k, W - k, H - k), outline=(190, 40, 40), width=wd)
    for cx, cy in ((100, 100), (W - 100, 100), (100, H - 100), (W - 100, H - 100)):
        d.ellipse((cx - 22, cy - 22, cx + 22, cy + 22), outline=(190, 40, 40), width=4)
    d.ellipse((W // 2 - 70, 130, W // 2 + 70, 270), fill=(200, 50, 40))
    d.ellipse((W // 2 - 30, 170, W // 2 + 30, 230), fill=(240, 200, 60))
    centred(d, W, 300, "营 业 执 照", font(CJK, pt(34, dpi)), (20, 20, 20))
    centred(d, W, 440, "（副　本）", font(CJK, pt(12, dpi)))
    small = font(CJK, pt(10, dpi))
    text(d, (200, 420), "统一社会信用代码", small)
    text(d, (200, 470), code, font(SANS, pt(13, dpi)), spacing=pt(3, dpi))
    url = f"http://www.gsxt.gov.cn/index.html?uniscid={code}"
    code_img = qr(url, 6)
    img.paste(code_img, (W - 200 - code_img.width, 380))
    text(
        d, (W - 200 - code_img.width - 60, 390 + code_img.height), "扫描二维码登录“国家企业信用", font(CJK, pt(7, dpi))
    )
    text(d, (W - 200 - code_img.width - 60, 420 + code_img.height), "信息公示系统”了解更多信息", font(CJK, pt(7, dpi)))
    f = font(CJK, pt(11, dpi))
    rows = [
        ("名　　称", "上海澄川信息科技有限公司"),
        ("类　　型", "有限责任公司（自然人投资或控股）"),
        ("法定代表人", rep),
        ("经营范围", "信息技术咨询服务；软件开发；数据处理服务；计算机系统服务"),
        ("注册资本", "人民币伍佰万元整"),
        ("成立日期", "2019年06月18日"),
        ("住　　所", "上海市浦东新区张江路1188弄7号302室"),
    ]
    y = 640
    for label, value in rows:
        text(d, (300, y), label, f)
        text(d, (560, y), value, f)
        y += 90
    text(d, (W - 760, H - 330), "登记机关", f)
    text(d, (W - 760, H - 240), "2024年03月11日", f)
    from benchmarks.redteam41 import seal

    seal(img, (W - 520, H - 300), 150, "上海市浦东新区市场监督管理局")
    out = scan(img, rng, blur=0.5)
    return Case([out], [Secret("uscc", code), Secret("name", rep)], lang="chi_sim+eng", terms=[rep], dpi=dpi)


def c_vertical_letter(rng: random.Random) -> Case:
    """竖排 letter: every column top to bottom, right to left; marking, name, mobile in numerals."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "闻人素秋"
    mobile = "13957162084"
    f = font(CJK, pt(15, dpi))
    cols = [
        "机密★一年",
        "",
        f"{name}先生台鉴：",
        "　　前承惠函，敬悉一切。所询新馆修缮事宜，",
        "经与诸同仁商议，拟于来年开春动工，工期约",
        "三月。经费筹措已有眉目，容后详陈。",
        f"　　如有垂询，请电{cn_numerals(mobile)}，",
        "晚间亦可。专此奉复，顺颂时祺。",
        "",
        "　　　　　　　　　　　　　弟　顾砚池　谨上",
        "　　　　　　　　　　　　　　　十月初九日",
    ]
    size = int(f.size)
    x = img.size[0] - 220
    for col in cols:
        if col:
            vertical(d, x, 200, col, f, RED if col.startswith("机密") else BLACK)
        x -= int(size * 1.55)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "机密"), Secret("name", name), Secret("phone", mobile)],
        lang="chi_sim",
        terms=[name, "顾砚池"],
        dpi=dpi,
    )


def c_hk_directory(rng: random.Random, tint: bool = True) -> Case:
    """Hong Kong staff directory: 8-digit lines and mobiles whose only cue is the column head."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 150), "Harbourfront Regional Office", font(SERIF_BOLD, pt(16, dpi)), NAVY)
    text(d, (150, 235), "Staff directory  ·  all numbers +852  ·  updated 2 November", font(SANS, pt(9, dpi)), GREY)
    people = [
        ("Wong Ka-lok", "Office Manager", "3/F", "2867 3159", "9123 4706"),
        ("Cheung Wing-sze", "Accounts", "3/F", "2867 3162", "6378 2214"),
        ("Ho Tsz-yan", "Procurement", "5/F", "2867 3170", "5419 8830"),
        ("Lam Chun-hei", "IT Support", "5/F", "2867 3188", "9872 0651"),
    ]
    heads = ("Name", "Post", "Floor", "Direct line", "Mobile")
    xs = (150, 560, 950, 1090, 1340)
    y = 360
    hf = font(BOLD, pt(9.5, dpi))
    if tint:
        d.rectangle((140, y - 15, 1560, y + 50), fill=(226, 232, 240))
    else:
        d.line((140, y + 55, 1560, y + 55), fill=BLACK, width=3)
    for x, hd in zip(xs, heads, strict=True):
        text(d, (x, y), hd, hf)
    y += 90
    f = font(SANS, pt(9.5, dpi))
    for row in people:
        for x, v in zip(xs, row, strict=True):
            text(d, (x, y), v, f)
        d.line((140, y + 60, 1560, y + 60), fill=(190, 190, 190), width=2)
        y += 85
    text(d, (150, y + 60), "Reception and general enquiries: see the notice board on 3/F.", f)
    out = scan(img, rng)
    secrets = [Secret("name", p[0]) for p in people[:2]]
    secrets += [Secret("phone", p[4]) for p in people] + [Secret("phone", p[3]) for p in people[:2]]
    return Case([out], secrets, terms=[p[0] for p in people[:2]], dpi=dpi)


def c_dot_leader(rng: random.Random) -> Case:
    """Internal phone book: name ……… 8-digit direct line, area code only in the title."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 150, "临江市审计局内部电话簿", font(CJK, pt(18, dpi)))
    centred(d, img.size[0], 250, "（区号 0571，内线拨后四位）", font(CJK, pt(10, dpi)))
    entries = [
        ("局长办公室", "钟离修远", "8702 3316"),
        ("办公室", "宗政映雪", "8702 3320"),
        ("审计一处", "司空晴川", "8702 3345"),
        ("审计二处", "欧阳明远", "8702 3351"),
        ("财务科", "上官婉宁", "8702 3362"),
        ("信息中心", "（值班）", "8702 3300"),
    ]
    f = font(CJK, pt(12, dpi))
    y = 380
    for dept, who, num in entries:
        text(d, (180, y), dept, f)
        text(d, (520, y), who, f)
        x_end = d.textlength(num, font=f)
        x = 840
        while x < 1500 - x_end - 30:
            d.ellipse((x, y + 50, x + 5, y + 55), fill=BLACK)
            x += 18
        text(d, (1500 - x_end, y), num, f)
        y += 110
    out = scan(img, rng)
    secrets = [Secret("name", e[1]) for e in entries[:2]] + [Secret("phone", e[2]) for e in entries[:5]]
    return Case([out], secrets, lang="chi_sim+eng", terms=[e[1] for e in entries[:5]], dpi=dpi)


def c_email_hash(rng: random.Random) -> Case:
    """政府网站“联系我们” printout: e-mails written with # for @ (请将#换成@), full-width too."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    mails = ["zhongli.xy#ljsj.gov.cn", "zongzheng_yx＃ljsj.gov.cn", "sikong.qc(#)ljsj.gov.cn"]
    text(d, (150, 100), "2026/11/04 09:12              联系我们 - 临江市审计局", font(CJK, pt(7, dpi)), GREY)
    d.rectangle((150, 180, 1504, 300), fill=(176, 30, 36))
    text(d, (190, 205), "临江市审计局", font(CJK, pt(20, dpi)), (255, 255, 255))
    f = font(CJK, pt(11, dpi))
    lines = [
        "联系我们",
        "地址：临江市滨江大道200号市民中心B座",
        "邮编：310051",
        f"局长信箱：{mails[0]}（发送时请将#替换为@）",
        f"投稿邮箱：{mails[1]}",
        f"依申请公开：{mails[2]}",
        "为防止垃圾邮件，本页邮箱中的@均以#代替。",
        "办公时间：工作日 8:30-12:00，14:00-17:30",
    ]
    y = 380
    for i, line in enumerate(lines):
        text(d, (170, y), line, font(CJK, pt(15, dpi)) if i == 0 else f)
        y += 95 if i else 120
    text(
        d,
        (150, 2230),
        "https://www.ljsj.gov.cn/col/col1229/index.html                    1/1",
        font(SANS, pt(7, dpi)),
        GREY,
    )
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("email", m.replace("(#)", "@").replace("＃", "@").replace("#", "@")) for m in mails],
        lang="chi_sim+eng",
        dpi=dpi,
    )


def c_oa_watermark(rng: random.Random) -> Case:
    """OA screenshot (PNG, 1920×1080) under a tiled pale diagonal watermark of name and mobile."""
    W, H = 1920, 1080
    img = Image.new("RGB", (W, H), (255, 255, 255))
    name, mobile = "尉迟清和", "13957162084"
    layer = Image.new("L", (W * 2, H * 2), 0)
    ld = ImageDraw.Draw(layer)
    wf = font(CJK, 26)
    for row, yy in enumerate(range(0, H * 2, 220)):
        for xx in range(-(row % 2) * 200, W * 2, 420):
            ld.text((xx, yy), f"{name} {mobile}", font=wf, fill=255)
    layer = layer.rotate(22, resample=Image.Resampling.BICUBIC).crop((W // 2, H // 2, W // 2 + W, H // 2 + H))
    img = paste_alpha(img, layer, (222, 222, 222), 1.0)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, W, 64), fill=(22, 119, 255))
    d.text((24, 14), "临江市政务协同办公平台", font=font(CJK, 28), fill=(255, 255, 255))
    d.rectangle((0, 64, 220, H), fill=(245, 246, 248))
    for i, item in enumerate(("待办事项", "已办事项", "公文收发", "会议管理", "通讯录", "个人设置")):
        d.text((36, 110 + 56 * i), item, font=font(CJK, 20), fill=(60, 60, 60))
    d.text((260, 96), "待办事项（6）", font=font(CJK, 24), fill=(30, 30, 30))
    heads = ("标题", "来文单位", "收文日期", "状态")
    xs = (260, 1000, 1350, 1600)
    d.rectangle((250, 150, 1880, 196), fill=(240, 242, 245))
    for x, hd in zip(xs, heads, strict=True):
        d.text((x, 160), hd, font=font(CJK, 19), fill=(90, 90, 90))
    rows = [
        ("关于报送第四季度工作要点的通知", "市政府办公室", "2026-11-02", "待处理"),
        ("关于开展安全生产大检查的通知", "市应急管理局", "2026-11-01", "待处理"),
        ("关于做好冬季供暖保障工作的函", "市住建局", "2026-10-30", "办理中"),
        ("2026年度预算执行情况通报", "市财政局", "2026-10-29", "待阅"),
        ("关于征求意见建议的函", "市发改委", "2026-10-28", "待阅"),
        ("会议纪要（第18期）", "局办公室", "2026-10-27", "待阅"),
    ]
    y = 216
    for r in rows:
        for x, v in zip(xs, r, strict=True):
            d.text((x, y), v, font=font(CJK, 19), fill=(40, 40, 40))
        d.line((250, y + 44, 1880, y + 44), fill=(232, 232, 232), width=1)
        y += 60
    return Case([img], [Secret("name", name), Secret("phone", mobile)], lang="chi_sim+eng", terms=[name], dpi=96)


def c_show_through(rng: random.Random) -> Case:
    """Thin paper: an innocuous front, the reverse side's letter (name, phone) mirrored through it."""
    dpi = 200
    name, phone = "Imogen Castellanos", "07700 900461"
    back = page(dpi)
    bd = ImageDraw.Draw(back)
    bf = font(SERIF, pt(12, dpi))
    back_lines = [
        "Dear Ms Castellanos,",
        "",
        "Further to our telephone conversation, I confirm your appointment",
        "as external assessor for the spring inspection round. Your",
        f"contact number on file is {phone}; please tell us if it changes.",
        "",
        "Yours sincerely,",
        "",
        "Office of the Registrar",
    ]
    for i, line in enumerate(back_lines):
        text(bd, (170, 300 + 78 * i), line, bf)
    bd.text((170, 180), f"{name}", font=font(BOLD, pt(13, dpi)), fill=BLACK)
    mirrored = back.transpose(Image.Transpose.FLIP_LEFT_RIGHT).convert("L").filter(ImageFilter.GaussianBlur(1.4))
    front = page(dpi)
    fd = ImageDraw.Draw(front)
    text(fd, (170, 170), "Facilities notice: office moves in December", font(BOLD, pt(14, dpi)))
    ff = font(SERIF, pt(11, dpi))
    front_lines = [
        "The second floor will move to the east wing during the week of",
        "8 December. Please pack personal items in the crates provided and",
        "label each crate with your room number. Desktop computers will be",
        "moved by the IT team; do not disconnect them yourself.",
        "",
        "Shared printers stay where they are. Meeting rooms 2A and 2B are",
        "closed from Monday until Thursday noon. The kitchen on the second",
        "floor stays open for the whole week.",
    ]
    for i, line in enumerate(front_lines):
        text(fd, (170, 1240 + 70 * i), line, ff)
    f = np.asarray(front.convert("L")).astype(np.float32)
    b = np.asarray(mirrored).astype(np.float32)
    through = 255 - (255 - b) * 0.24  # black on the back shows as ~194 grey
    out = np.minimum(f, through)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).convert("RGB")
    return Case([scan(img, rng, blur=0.5)], [Secret("name", name), Secret("phone", phone)], terms=[name], dpi=dpi)


def c_carbon_copy(rng: random.Random) -> Case:
    """收款收据 second copy: purple carbon writing, smudged, over red printed rules (JPEG)."""
    dpi = 200
    img = page(dpi, 8.27, 4.2, (252, 250, 246))
    d = ImageDraw.Draw(img)
    name, mobile = "濮阳知远", "15867204913"
    idno = cn_id(rng, "19810623")
    red: Colour = (200, 60, 60)
    centred(d, img.size[0], 40, "收 款 收 据", font(CJK, pt(18, dpi)), red)
    text(d, (1250, 60), "№ 0038817", font(SANS, pt(11, dpi)), red)
    text(d, (1250, 110), "第二联 客户联", font(CJK, pt(8, dpi)), red)
    labels = [("交款单位/人", 200), ("联系电话", 300), ("身份证号", 400), ("人民币（大写）", 500), ("事　　由", 600)]
    lf = font(CJK, pt(10, dpi))
    for lab, y in labels:
        text(d, (100, y), lab, lf, red)
        d.line((400, y + 52, 1550, y + 52), fill=red, width=2)
    text(d, (100, 700), "收款单位（盖章）", lf, red)
    text(d, (900, 700), "收款人", lf, red)
    layer = Image.new("RGB", img.size, (255, 255, 255))
    ink: Colour = (0, 0, 0)
    hand_cjk(layer, (430, 205), name, 58, rng, ink)
    hand_cjk(layer, (430, 305), f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}", 50, rng, ink)
    hand_cjk(layer, (430, 405), idno, 46, rng, ink)
    hand_cjk(layer, (430, 505), "叁佰伍拾元整  ¥350.00", 50, rng, ink)
    hand_cjk(layer, (430, 605), "会议场地押金", 52, rng, ink)
    hand_cjk(layer, (1050, 695), "钱", 52, rng, ink)
    g = np.asarray(layer.convert("L")).astype(np.float32)
    m = (255 - g) / 255
    m = (
        np.asarray(
            Image.fromarray((m * 255).astype(np.uint8))
            .filter(ImageFilter.MaxFilter(3))
            .filter(ImageFilter.GaussianBlur(1.6))
        ).astype(np.float32)
        / 255
    )
    r = np.random.default_rng(rng.randrange(1 << 30))
    m *= np.clip(r.normal(0.8, 0.25, m.shape), 0.25, 1.0)  # carbon pressure
    layer_l = Image.fromarray(np.clip(m * 255, 0, 255).astype(np.uint8))
    img = paste_alpha(img, layer_l, (70, 40, 150), 0.9)
    return Case(
        [photo(img, rng, tilt=2.0, shadow=0.2)],
        [Secret("name", name), Secret("phone", mobile), Secret("id", idno)],
        lang="chi_sim+eng",
        terms=[name],
        ext="jpg",
        dpi=dpi,
    )


def c_dark_mode(rng: random.Random) -> Case:
    """Phone screenshot of a contact card in dark mode (light grey on near-black, blue link)."""
    W, H = 1080, 2340
    img = Image.new("RGB", (W, H), (16, 16, 18))
    d = ImageDraw.Draw(img)
    name, mobile, mail = "司徒月澜", "18758302416", "situ.yuelan@lj-water.com.cn"
    d.text((48, 30), "9:41", font=font(SANS, 40), fill=(235, 235, 235))
    d.text((W - 220, 30), "5G  87%", font=font(SANS, 36), fill=(235, 235, 235))
    d.text((48, 140), "‹ 通讯录", font=font(CJK, 44), fill=(64, 150, 255))
    d.ellipse((W // 2 - 130, 260, W // 2 + 130, 520), fill=(70, 72, 80))
    d.text((W // 2 - 48, 330), name[:1], font=font(CJK, 100), fill=(220, 220, 220))
    centred(d, W, 580, name, font(CJK, 76), (240, 240, 240))
    centred(d, W, 690, "临江市水务集团 · 调度中心", font(CJK, 36), (150, 150, 155))
    y = 860
    for label, value, colour in (
        ("手机", f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}", (235, 235, 235)),
        ("邮件", mail, (64, 150, 255)),
        ("单位", "临江市水务集团", (235, 235, 235)),
        ("备注", "防汛值班联络人", (235, 235, 235)),
    ):
        d.rounded_rectangle((40, y, W - 40, y + 170), radius=28, fill=(30, 30, 34))
        d.text((80, y + 22), label, font=font(CJK, 32), fill=(140, 140, 145))
        d.text((80, y + 78), value, font=font(CJK if ord(value[0]) > 0x2E80 else SANS, 46), fill=colour)
        y += 200
    return Case(
        [img],
        [Secret("name", name), Secret("phone", mobile), Secret("email", mail)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=96,
    )


def c_mixed_orientation(rng: random.Random) -> Case:
    """Portrait page, upright heading, a landscape table of names, IDs and a phone turned 90°."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 140, "附件2", font(CJK, pt(12, dpi)))
    centred(d, img.size[0], 220, "2026年度拟表彰先进个人名单", font(CJK, pt(18, dpi)))
    people = [
        ("1", "端木思齐", cn_id(rng, "19870412"), "市水务集团", "13605718824"),
        ("2", "公孙若兰", cn_id(rng, "19900929"), "市疾控中心", ""),
        ("3", "赫连景行", cn_id(rng, "19781103"), "市审计局", ""),
    ]
    tw, th = 2000, 900
    tab = Image.new("RGB", (tw, th), (255, 255, 255))
    td = ImageDraw.Draw(tab)
    cols = (140, 330, 640, 430, 440)
    rows = (110, 130, 130, 130)
    xs, ys = grid(td, 10, 60, cols, rows, width=3)
    f = font(CJK, pt(11, dpi))
    for i, hd in enumerate(("序号", "姓名", "身份证号", "工作单位", "联系电话")):
        td.text((xs[i] + 20, ys[0] + 30), hd, font=f, fill=BLACK)
    for r, row in enumerate(people):
        for i, v in enumerate(row):
            td.text((xs[i] + 20, ys[r + 1] + 38), v, font=font(SANS, pt(10, dpi)) if v[:1].isdigit() else f, fill=BLACK)
    tab = tab.rotate(90, expand=True, fillcolor=(255, 255, 255))
    img.paste(tab, ((img.size[0] - tab.width) // 2, 380))
    secrets = [Secret("name", p[1]) for p in people] + [Secret("id", p[2]) for p in people]
    secrets.append(Secret("phone", people[0][4]))
    out = scan(img, rng)
    return Case([out], secrets, lang="chi_sim+eng", terms=[p[1] for p in people], dpi=dpi)


def c_org_chart(rng: random.Random) -> Case:
    """Organisation chart: tinted boxes with names, extensions and a mobile; connectors touch the text."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    W = img.size[0]
    centred(d, W, 80, "临江市数据资源管理局组织架构图", font(CJK, pt(18, dpi)))
    fills = [(210, 228, 248), (222, 240, 222), (250, 236, 214)]
    top = ("局长", "慕容清越", "分机 8001")
    mids = [
        ("办公室", "诸葛云舒", "分机 8011"),
        ("数据治理处", "夏侯知微", "139 5802 1746"),
        ("平台建设处", "令狐景川", "分机 8031"),
        ("安全保障处", "（空缺）", "分机 8041"),
    ]
    f = font(CJK, pt(10, dpi))
    small = font(CJK, pt(8, dpi))
    bw, bh = 440, 230
    tx, ty = W // 2 - bw // 2, 260
    d.rounded_rectangle((tx, ty, tx + bw, ty + bh), radius=20, fill=fills[0], outline=NAVY, width=3)
    for i, s in enumerate(top):
        centred(d, W, ty + 20 + i * 65, s, f if i < 2 else small)
    d.line((W // 2, ty + bh, W // 2, 640), fill=NAVY, width=3)
    d.line((300, 640, W - 300, 640), fill=NAVY, width=3)
    step = (W - 600) // 3
    for k, (dept, who, num) in enumerate(mids):
        cx = 300 + k * step
        bx, by = cx - bw // 2 + 30, 720
        d.line((cx, 640, cx, by + 100), fill=NAVY, width=3)  # runs into the box and under its first line
        d.rounded_rectangle((bx, by, bx + bw - 60, by + bh), radius=20, fill=fills[1 + k % 2], outline=NAVY, width=3)
        d.line((cx, 640, cx, by + 60), fill=NAVY, width=3)
        for i, s in enumerate((dept, who, num)):
            tw = d.textlength(s, font=f if i < 2 else small)
            d.text((cx - tw / 2, by + 22 + i * 65), s, font=f if i < 2 else small, fill=BLACK)
    out = scan(img, rng)
    names = ["慕容清越", "诸葛云舒", "夏侯知微", "令狐景川"]
    return Case(
        [out],
        [Secret("name", n) for n in names] + [Secret("phone", "13958021746")],
        lang="chi_sim+eng",
        terms=names,
        dpi=dpi,
    )


def c_pinyin_name(rng: random.Random) -> Case:
    """A partner's English letter: the name in pinyin (three orders), listed only in Chinese."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name_cn = "欧阳景澄"
    f = font(SERIF, pt(11, dpi))
    text(d, (170, 150), "Rotterdam Port Innovation Lab", font(SERIF_BOLD, pt(15, dpi)), NAVY)
    lines = [
        "3 November 2026",
        "",
        "Mr OUYANG Jingcheng",
        "Deputy Director, Linjiang Port Authority",
        "",
        "Dear Mr Ouyang,",
        "",
        "Thank you for hosting our delegation in October. As agreed with",
        "Jingcheng Ouyang during the visit, we will send two engineers for",
        "the pilot in March. Please let Ouyang Jingcheng's office know which",
        "dates suit the harbour master.",
        "",
        "Kind regards,",
        "Pieter van Doorn",
        "",
        f"抄送：{name_cn}（港航局）",
    ]
    for i, line in enumerate(lines):
        text(d, (170, 300 + 72 * i), line, font(CJK, pt(11, dpi)) if line.startswith("抄送") else f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name_cn), Secret("name", "Ouyang Jingcheng")],
        lang="chi_sim+eng",
        terms=[name_cn],
        dpi=dpi,
    )


def c_plates(rng: random.Random) -> Case:
    """车辆通行证登记表: plates printed with a middle dot, listed without; a blue plate photograph."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    plates = ["沪A·7K392", "浙B·3Q8M1", "苏E·D12345"]
    owners = ["上官砚", "乐正青禾", "左丘明远"]
    centred(d, img.size[0], 140, "机关大院车辆通行证登记表", font(CJK, pt(17, dpi)))
    xs, ys = grid(d, 150, 300, (150, 330, 420, 460), (100, 110, 110, 110), width=3)
    f = font(CJK, pt(11, dpi))
    for i, hd in enumerate(("序号", "车主", "车牌号码", "车型")):
        text(d, (xs[i] + 20, ys[0] + 25), hd, f)
    for r, (p, o) in enumerate(zip(plates, owners, strict=True)):
        for i, v in enumerate((str(r + 1), o, p, ("小型轿车", "SUV", "新能源轿车")[r])):
            text(d, (xs[i] + 20, ys[r + 1] + 30), v, f)
    # a photograph of the first plate: blue, white characters, a white rim
    pw, ph = 900, 240
    plate = Image.new("RGB", (pw, ph), (18, 60, 170))
    pd = ImageDraw.Draw(plate)
    pd.rounded_rectangle((8, 8, pw - 8, ph - 8), radius=18, outline=(240, 240, 240), width=6)
    pf = font(CJK, 150)
    x = 40
    for ch in plates[0].replace("·", ""):
        pd.text((x, 30), ch, font=pf, fill=(245, 245, 245))
        x += 96 if ord(ch) < 0x2E80 else 160
        if x < 300 and ch == "A":
            pd.ellipse((x - 4, 110, x + 16, 130), fill=(245, 245, 245))
            x += 30
    car = Image.new("RGB", (pw + 200, ph + 160), (70, 74, 82))
    car.paste(plate, (100, 80))
    car = car.rotate(-4, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(70, 74, 82))
    car = car.filter(ImageFilter.GaussianBlur(1.1))
    img.paste(car, (300, 900))
    text(d, (300, 900 + car.height + 20), "附：1号车辆照片", font(CJK, pt(9, dpi)), GREY)
    out = scan(img, rng)
    secrets = [Secret("plate", p.replace("·", "")) for p in plates] + [Secret("name", o) for o in owners]
    return Case([out], secrets, lang="chi_sim+eng", terms=[p.replace("·", "") for p in plates] + owners, dpi=dpi)


def c_margin_marking(rng: random.Random) -> Case:
    """Report page whose markings are printed up the left and down the right margin."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 180, "关于城区排水管网改造进展情况的报告", font(CJK, pt(16, dpi)))
    f = font(CJK, pt(12, dpi))
    paras = [
        "　　今年以来，我局按照年度计划推进城区排水管网改造，累计完成管网更新",
        "四十二公里，完成进度百分之七十八。其中雨污分流改造二十六公里，老旧管网",
        "修复十六公里。",
        "　　下一步，我局将加快推进剩余项目，确保年底前全面完成改造任务，并同步",
        "开展汛后管网排查，建立问题清单，逐项整改销号。",
    ]
    for i, p in enumerate(paras):
        text(d, (200, 400 + 85 * i), p, f)
    turned_text(img, (40, 700), "机密★5年", font(CJK, pt(16, dpi)), 90, RED)
    turned_text(img, (img.size[0] - 110, 1300), "内部资料 注意保存", font(CJK, pt(11, dpi)), -90, GREY)
    out = scan(img, rng)
    return Case([out], [Secret("marking", "机密"), Secret("marking", "内部资料")], lang="chi_sim+eng", dpi=dpi)


def c_strike_highlight(rng: random.Random) -> Case:
    """Draft minutes marked up by pen: a name struck through in red, one under yellow marker, a phone circled."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    n1, n2, phone = "Bartholomew Quaye", "Henrietta Lindqvist", "07700 900287"
    f = font(SERIF, pt(11, dpi))
    text(d, (170, 150), "Minutes of the Estates Committee (draft)", font(SERIF_BOLD, pt(14, dpi)))
    lines = [
        f"Present: {n1}, {n2}, the Bursar, the Clerk.",
        "1. The roof survey of the east range was received and noted.",
        f"2. {n2} reported on the boiler tender; three bids were received.",
        f"3. Contractors may be reached through the site office on {phone}.",
        "4. The next meeting will be held on 12 January at 2 pm.",
    ]
    ys = [320 + 90 * i for i in range(len(lines))]
    for y, line in zip(ys, lines, strict=True):
        text(d, (170, y), line, f)
    layer = Image.new("L", img.size, 0)
    ld = ImageDraw.Draw(layer)
    x0 = 170 + d.textlength("Present: ", font=f)
    x1 = x0 + d.textlength(n1, font=f)
    pts = [(x, ys[0] + 30 + 5 * math.sin(x / 23)) for x in np.linspace(x0 - 10, x1 + 10, 60)]
    ld.line(pts, fill=255, width=6)
    img = paste_alpha(img, layer, (200, 30, 30), 0.9)
    hl = Image.new("L", img.size, 0)
    hd = ImageDraw.Draw(hl)
    hx0 = 170 + d.textlength("2. ", font=f)
    hd.rectangle((hx0 - 8, ys[2] - 2, hx0 + d.textlength(n2, font=f) + 8, ys[2] + 50), fill=255)
    img = paste_alpha(img, hl.filter(ImageFilter.GaussianBlur(3)), (255, 236, 40), 0.85)
    circ = Image.new("L", img.size, 0)
    cd = ImageDraw.Draw(circ)
    px0 = 170 + d.textlength(lines[3][: -len(phone)], font=f)
    cd.ellipse((px0 - 30, ys[3] - 25, px0 + d.textlength(phone, font=f) + 30, ys[3] + 70), outline=255, width=5)
    img = paste_alpha(img, circ, (30, 50, 180), 0.9)
    hand(img, (1250, ys[3] + 90), "call first!", 44, rng, (30, 50, 180))
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", n1), Secret("name", n2), Secret("phone", phone)],
        terms=[n1, n2],
        ext="jpg",
        dpi=dpi,
    )


def c_passbook_account(rng: random.Random) -> Case:
    """个人活期存折 page: the account number is no card (no Luhn), after 账号; the holder's name."""
    dpi = 200
    img = page(dpi, 8.27, 5.0, (246, 244, 236))
    d = ImageDraw.Draw(img)
    name = "宇文澄霁"
    while True:
        acct = "3301" + "".join(str(rng.randrange(10)) for _ in range(15))
        if not luhn_ok(acct):
            break
    f = font(CJK, pt(10, dpi))
    centred(d, img.size[0], 40, "临江农村商业银行  个人活期储蓄存折", font(CJK, pt(13, dpi)), (30, 90, 60))
    text(d, (120, 150), f"户名：{name}", f)
    text(d, (120, 210), f"账号：{acct[:3]} {acct[3:7]} {acct[7:11]} {acct[11:15]} {acct[15:]}", f)
    text(d, (1000, 150), "开户网点：滨江支行", f)
    text(d, (1000, 210), "币种：人民币", f)
    heads = ("日期", "摘要", "支出", "存入", "余额", "网点")
    xs = (120, 360, 620, 860, 1100, 1380)
    hy = 320
    d.line((100, hy - 10, 1560, hy - 10), fill=(60, 60, 60), width=2)
    for x, hd in zip(xs, heads, strict=True):
        text(d, (x, hy), hd, f)
    d.line((100, hy + 55, 1560, hy + 55), fill=(60, 60, 60), width=2)
    tx = [
        ("20260105", "开户", "", "1,000.00", "1,000.00", "0317"),
        ("20260215", "工资", "", "6,850.00", "7,850.00", "0317"),
        ("20260303", "ATM取款", "2,000.00", "", "5,850.00", "0562"),
        ("20260415", "工资", "", "6,850.00", "12,700.00", "0317"),
        ("20260621", "结息", "", "8.27", "12,708.27", "0317"),
    ]
    mono = font(MONO, pt(9.5, dpi))
    y = hy + 75
    for row in tx:
        for x, v in zip(xs, row, strict=True):
            text(d, (x, y), v, f if any(ord(c) > 0x2E80 for c in v) else mono)
        y += 62
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("account", acct)], lang="chi_sim+eng", terms=[name], dpi=dpi)


def c_handout_6up(rng: random.Random) -> Case:
    """Slide handout, six slides a page: a name, phone and e-mail in 7-pixel type on one slide."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, phone, mail = "Ottoline Ferreira-Nakamura", "+44 20 7946 0815", "o.ferreira@kestrel-grid.co.uk"
    sw, sh = 640, 360
    slides = [
        ("Grid resilience review", ["Winter outlook 2026", "Regional partners"], False),
        ("Agenda", ["1. Findings", "2. Options", "3. Costs", "4. Next steps"], False),
        ("Findings", ["Substation B ageing", "Two feeders at capacity", "Storm damage 14 h"], True),
        ("Options", ["A: reinforce feeders", "B: battery at Substation B", "C: both, phased"], False),
        ("Costs", ["A  2.4 m", "B  3.1 m", "C  4.8 m (two years)"], False),
        ("Contact", [f"Lead: {name}", f"Tel {phone}", mail], True),
    ]
    for k, (title, body, dark) in enumerate(slides):
        col, row = k % 2, k // 2
        x0, y0 = 170 + col * (sw + 120), 200 + row * (sh + 280)
        slide = Image.new("RGB", (sw, sh), (20, 40, 80) if dark else (255, 255, 255))
        sd = ImageDraw.Draw(slide)
        fg = (250, 250, 250) if dark else (20, 20, 20)
        sd.rectangle((0, 0, sw, 60), fill=(230, 120, 30))
        sd.text((20, 14), title, font=font(BOLD, 30), fill=(255, 255, 255))
        for i, line in enumerate(body):
            sd.text((30, 90 + 42 * i), "• " + line, font=font(SANS, 17), fill=fg)
        sd.text((sw - 60, sh - 28), str(k + 1), font=font(SANS, 14), fill=fg)
        img.paste(slide, (x0, y0))
        d.rectangle((x0 - 2, y0 - 2, x0 + sw + 2, y0 + sh + 2), outline=(120, 120, 120), width=2)
    d.text((170, 120), "Kestrel Grid — board briefing (handout)", font=font(SANS, pt(9, dpi)), fill=GREY)
    out = scan(img, rng, blur=0.5)
    return Case([out], [Secret("name", name), Secret("phone", phone), Secret("email", mail)], terms=[name], dpi=dpi)


def _square_seal(chars: str, size: int, white: bool) -> Image.Image:
    """A square name seal as a mask: four characters in two columns read right to left."""
    m = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(m)
    if white:
        d.rectangle((0, 0, size, size), fill=255)
    else:
        d.rectangle((6, 6, size - 6, size - 6), outline=255, width=size // 14)
    cf = font(CJK, int(size * 0.40))
    cells = [(1, 0), (1, 1), (0, 0), (0, 1)]  # right column first, top to bottom
    for ch, (cx, cy) in zip(chars, cells, strict=True):
        x = size * 0.08 + cx * size * 0.44
        y = size * 0.04 + cy * size * 0.45
        d.text((x, y), ch, font=cf, fill=0 if white else 255)
    r = np.random.default_rng(len(chars) + size)
    a = np.asarray(m).astype(np.float32) * np.clip(r.normal(0.95, 0.15, (size, size)), 0.3, 1.0)
    return Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))


def c_name_seal(rng: random.Random) -> Case:
    """委托书: typed names, and square red name seals (阴文 white-on-red, 阳文 red) read column by column."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    n1, n2 = "钟离砚", "韩立新"
    centred(d, img.size[0], 180, "授 权 委 托 书", font(CJK, pt(20, dpi)))
    f = font(CJK, pt(12, dpi))
    lines = [
        "　　本人因工作原因不能亲自办理不动产登记相关手续，特委托下列受托人",
        "代为办理。受托人在委托权限内所签署的一切文件，本人均予以承认。",
        "　　委托期限：自2026年11月5日至2026年12月31日止。",
    ]
    for i, line in enumerate(lines):
        text(d, (170, 380 + 85 * i), line, f)
    text(d, (170, 800), f"委托人：{n1}", f)
    text(d, (170, 1060), f"受托人：{n2}", f)
    text(d, (900, 800), "（签章）", f)
    text(d, (900, 1060), "（签章）", f)
    text(d, (1050, 1400), "2026年11月5日", f)
    layer = Image.new("L", img.size, 0)
    layer.paste(_square_seal("钟离砚印"[:2] + "砚印", 230, True).rotate(3, expand=False), (1100, 720))
    layer.paste(_square_seal("韩立新印", 220, False).rotate(-4, expand=False), (1110, 980))
    img = paste_alpha(img, layer, (205, 30, 35), 0.85)
    out = scan(img, rng)
    return Case([out], [Secret("name", n1), Secret("name", n2)], lang="chi_sim+eng", terms=[n1, n2], dpi=dpi)


def c_rare_chars(rng: random.Random) -> Case:
    """Award roster: given names with rare characters (堃, 翀, 彧, 旻, 喆) that readers often miss."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    names = ["陈堃", "张翀", "赵彧", "李旻昊", "龚喆"]
    centred(d, img.size[0], 150, "2026年度青年岗位能手拟推荐人选公示", font(CJK, pt(16, dpi)))
    f = font(CJK, pt(12, dpi))
    text(d, (170, 330), "经各单位推荐、评审小组评议，拟推荐以下同志为年度青年岗位能手：", f)
    xs, ys = grid(d, 170, 440, (150, 330, 560, 300), (100,) * (len(names) + 1), width=3)
    for i, hd in enumerate(("序号", "姓名", "单位", "职务")):
        text(d, (xs[i] + 20, ys[0] + 25), hd, f)
    units = ["市数据局", "市交通局", "市水务集团", "市审计局", "市疾控中心"]
    for r, (n, u) in enumerate(zip(names, units, strict=True)):
        for i, v in enumerate((str(r + 1), n, u, "科员")):
            text(d, (xs[i] + 20, ys[r + 1] + 25), v, f)
    text(d, (170, ys[-1] + 60), "公示期为五个工作日。如有异议，请向市直机关团工委反映。", f)
    out = scan(img, rng)
    return Case([out], [Secret("name", n) for n in names], lang="chi_sim", terms=names, dpi=dpi)


def c_visitor_pass_qr(rng: random.Random, band: bool = True) -> Case:
    """Visitor pass: name printed, ID masked in print, but a QR code holds base64 JSON of all of it."""
    import base64
    import json as _json

    dpi = 200
    img = page(dpi, 4.13, 5.83)
    d = ImageDraw.Draw(img)
    name, mobile = "澹台明溪", "13758026413"
    idno = cn_id(rng, "19891207")
    blob = _json.dumps({"n": name, "i": idno, "m": mobile, "t": "20261105"}, ensure_ascii=False)
    payload = "VP1." + base64.b64encode(blob.encode("utf-8")).decode("ascii")
    if band:
        d.rectangle((0, 0, img.size[0], 150), fill=(20, 90, 170))
    head: Colour = (255, 255, 255) if band else (20, 90, 170)
    centred(d, img.size[0], 40, "临江市政务中心  访客通行证", font(CJK, pt(12, dpi)), head)
    f = font(CJK, pt(10, dpi))
    text(d, (60, 200), f"访客：{name}", f)
    text(d, (60, 260), f"证件：{idno[:4]}**********{idno[-4:]}", f)
    text(d, (60, 320), "事由：会议  被访部门：数据局", f)
    text(d, (60, 380), "有效期：2026-11-05 当日", f)
    code = qr(payload, 5)
    img.paste(code, ((img.size[0] - code.width) // 2, 470))
    centred(d, img.size[0], 480 + code.height, "出入闸机请扫码", font(CJK, pt(8, dpi)), GREY)
    return Case(
        [scan(img, rng, blur=0.4)],
        [Secret("name", name), Secret("id", idno), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_card_emboss(rng: random.Random) -> Case:
    """银行卡复印件: the card number and name embossed (light relief, shadowed edges), grey copy."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    from benchmarks.redteam41 import luhn

    card = luhn("622848", 19, rng)
    name = "ZHONGLI XIUYUAN"
    cw, ch = 856, 540
    face = Image.new("L", (cw, ch), 150)
    fd = ImageDraw.Draw(face)
    fd.rounded_rectangle((0, 0, cw - 1, ch - 1), radius=40, outline=90, width=4)
    fd.text((50, 40), "中国农业银行  金穗借记卡", font=font(CJK, 40), fill=70)
    fd.rectangle((70, 150, 190, 240), fill=120, outline=80, width=3)
    relief = Image.new("L", (cw, ch), 0)
    rd = ImageDraw.Draw(relief)
    groups = f"{card[:6]} {card[6:19]}"
    rd.text((60, 300), groups, font=font(MONO, 56), fill=255)
    rd.text((60, 420), name, font=font(MONO, 38), fill=255)
    m = np.asarray(relief).astype(np.float32) / 255
    hi = np.roll(np.roll(m, -2, 0), -2, 1)
    lo = np.roll(np.roll(m, 2, 0), 2, 1)
    f = np.asarray(face).astype(np.float32)
    f = f + 70 * m + 60 * (hi - m).clip(0) - 90 * (lo - m).clip(0)
    cardimg = Image.fromarray(np.clip(f, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.0))
    img.paste(cardimg.convert("RGB"), (400, 380))
    g = font(CJK, pt(11, dpi))
    text(d, (400, 1050), "银行卡复印件（正面）——仅用于报销打款，他用无效", g)
    text(d, (400, 1130), f"持卡人签字：{'钟离修远'}", g)
    out = scan(img.convert("L").convert("RGB"), rng, blur=0.7)
    return Case(
        [out],
        [Secret("card", card), Secret("name", "钟离修远"), Secret("name", name)],
        lang="chi_sim+eng",
        terms=["钟离修远", "Zhongli Xiuyuan"],
        dpi=dpi,
    )


def c_id_times_sign(rng: random.Random) -> Case:
    """Typed roster: ID numbers whose check character X was typed as × (multiplication sign)."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    from benchmarks.redteam42 import cn_id_x

    people = [("南宫亦舒", cn_id_x(rng, "19930215")), ("东方既白", cn_id_x(rng, "19850730"))]
    centred(d, img.size[0], 150, "2026年第四季度消防培训报名表", font(CJK, pt(16, dpi)))
    xs, ys = grid(d, 170, 330, (150, 330, 700, 200), (100, 110, 110), width=3)
    f = font(CJK, pt(11, dpi))
    for i, hd in enumerate(("序号", "姓名", "身份证号码", "性别")):
        text(d, (xs[i] + 20, ys[0] + 25), hd, f)
    for r, (n, idno) in enumerate(people):
        for i, v in enumerate((str(r + 1), n, idno[:-1] + "×", ("女", "男")[r])):
            text(d, (xs[i] + 20, ys[r + 1] + 30), v, f)
    out = scan(img, rng)
    secrets = [Secret("name", n) for n, _ in people] + [Secret("id", i[:-1]) for _, i in people]
    return Case([out], secrets, lang="chi_sim+eng", terms=[n for n, _ in people], dpi=dpi)


# ---------------------------------------------------------------- ordinary pages


def c_ord_price_list(rng: random.Random) -> Case:
    """Ordinary: a supermarket price list with 69x EAN codes (half of them Luhn-valid) and barcodes."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 130, "滨江生活超市  商品价目表（11月）", font(CJK, pt(16, dpi)))
    items = [
        "金龙鱼调和油 5L",
        "五常大米 10kg",
        "蒙牛纯牛奶 250ml×24",
        "康师傅红烧牛肉面 5连包",
        "维达抽纸 3层×6包",
        "海天酱油 1.9L",
    ]
    prices = ["69.90", "79.00", "62.50", "14.80", "19.90", "23.50"]
    f = font(CJK, pt(10.5, dpi))
    mono = font(MONO, pt(10, dpi))
    heads = ("商品名称", "条形码", "单价（元）")
    for x, hd in zip((170, 820, 1330), heads, strict=True):
        text(d, (x, 300), hd, font(CJK, pt(11, dpi)))
    y = 400
    for k, (item, price) in enumerate(zip(items, prices, strict=True)):
        code = ean13(rng, luhn_too=k % 2 == 0)
        text(d, (170, y + 30), item, f)
        bars = ean_bars(code, 3, 80)
        img.paste(bars, (820, y))
        text(d, (820, y + 90), f"{code[0]} {code[1:7]} {code[7:]}", mono)
        text(d, (1360, y + 30), price, mono)
        y += 220
    text(d, (170, y + 40), "价格如有变动以店内标价为准。会员日每周三，全场九五折。", f)
    return Case([scan(img, rng)], [], lang="chi_sim+eng", terms=["欧阳景澄"], dpi=dpi, ordinary=True)


def c_ord_train(rng: random.Random) -> Case:
    """Ordinary: a railway timetable, train numbers, clock times, distances and platform numbers."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 100, "临江站  旅客列车时刻表（2026年10月11日起实行）", font(CJK, pt(15, dpi)))
    heads = ("车次", "始发站", "终到站", "到站", "开车", "里程(km)", "检票口", "站台")
    xs = (120, 330, 620, 910, 1120, 1330, 1600, 1850)
    f = font(CJK, pt(10, dpi))
    for x, hd in zip(xs, heads, strict=True):
        text(d, (x, 260), hd, f)
    d.line((100, 320, 2240, 320), fill=BLACK, width=3)
    trains = []
    for _ in range(14):
        num = rng.choice("GGGDDK") + str(rng.randrange(1, 9999))
        arr_h, arr_m = rng.randrange(6, 23), rng.randrange(60)
        dep_m = (arr_m + rng.choice((2, 3, 4, 6, 10))) % 60
        trains.append(
            (
                num,
                rng.choice(("上海虹桥", "北京南", "杭州东", "南京南", "宁波", "合肥南")),
                rng.choice(("深圳北", "广州南", "厦门北", "武汉", "长沙南", "温州南")),
                f"{arr_h:02d}:{arr_m:02d}",
                f"{arr_h + (dep_m < arr_m):02d}:{dep_m:02d}",
                str(rng.randrange(180, 2200)),
                rng.choice(("A1", "A3", "B2", "B4", "C1")),
                str(rng.randrange(1, 12)),
            )
        )
    trains.sort(key=lambda t: t[3])
    y = 345
    for t in trains:
        for x, v in zip(xs, t, strict=True):
            text(d, (x, y), v, f)
        y += 72
    text(d, (120, y + 30), "开车前5分钟停止检票。列车时刻如有变动，以车站公告为准。", f)
    return Case([scan(img, rng)], [], lang="chi_sim+eng", terms=["端木思齐"], dpi=dpi, ordinary=True)


def c_ord_maths(rng: random.Random) -> Case:
    """Ordinary: a Year-4 maths worksheet of big numbers in 4-digit groups and Chinese numerals."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 130, "四年级数学 第一单元 大数的认识 练习卷", font(CJK, pt(15, dpi)))
    f = font(CJK, pt(12, dpi))
    lines = ["一、读出下列各数（按四位分级）："]
    for _ in range(4):
        n = rng.randrange(10**10, 10**13)
        s = str(n)
        groups: list[str] = []
        while s:
            groups.insert(0, s[-4:])
            s = s[:-4]
        lines.append("　　" + " ".join(groups) + "　读作：________________")
    lines.append("二、写出下列各数：")
    lines += [
        "　　一千三百九十五万零二百　　写作：________",
        "　　八亿零六百零四万七千　　　写作：________",
        "　　三千零五十万六千零七　　　写作：________",
    ]
    lines.append("三、计算：")
    for _ in range(3):
        a, b = rng.randrange(100, 999), rng.randrange(10, 99)
        lines.append(f"　　{a} × {b} =　　　　　　{a * 10} ÷ {b // 2 * 2 or 2} ≈")
    lines.append("四、比较大小：1 3800 0000 ○ 13 8000 0000　　　6 0000 0000 ○ 5 9999 9999")
    y = 300
    for line in lines:
        text(d, (150, y), line, f)
        y += 95
    return Case([scan(img, rng)], [], lang="chi_sim+eng", terms=["赫连景行"], dpi=dpi, ordinary=True)


def c_ord_spec(rng: random.Random) -> Case:
    """Ordinary: a bearing and pump spec sheet: part numbers, dimensions, tolerances, standards."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 140), "KESTREL PUMPS — Technical data sheet KP-2140", font(BOLD, pt(14, dpi)))
    f = font(SANS, pt(9.5, dpi))
    rows = [
        ("Part no.", "Description", "Dimensions (mm)", "Qty"),
        ("6204-2RS1", "Deep groove ball bearing", "20 x 47 x 14", "2"),
        ("NJ 2312 ECP", "Cylindrical roller bearing", "60 x 130 x 46", "1"),
        ("1391-2201-478", "Mechanical seal, SiC/SiC", "Ø 38", "1"),
        ("0212 6345 789", "Impeller, 316L, 5 vanes", "Ø 210", "1"),
        ("4400-1856-2203", "Casing gasket kit", "—", "1"),
        ("ISO 2858", "Pump dimensions standard", "65-40-200", "—"),
        ("EN 1092-1", "Flange PN16", "DN 65 / DN 40", "2"),
    ]
    y = 280
    for i, row in enumerate(rows):
        for x, v in zip((150, 560, 1090, 1420), row, strict=True):
            text(d, (x, y), v, font(BOLD, pt(9.5, dpi)) if i == 0 else f)
        d.line((140, y + 55, 1540, y + 55), fill=(170, 170, 170), width=2)
        y += 75
    specs = [
        "Flow 12.5 m³/h at 2900 rpm; head 48 m; NPSHr 2.1 m.",
        "Motor 5.5 kW, 400 V 50 Hz, IE3, IP55, frame 132S.",
        "Serial range 2026 0001 - 2026 4500; firmware v2.4.0.1.",
        "Test pressure 24 bar; max. fluid temperature 120 °C.",
    ]
    for s in specs:
        text(d, (150, y + 40), s, f)
        y += 70
    return Case([scan(img, rng)], [], terms=["Ottoline Ferreira-Nakamura"], dpi=dpi, ordinary=True)


def c_ord_news(rng: random.Random) -> Case:
    """Ordinary: a two-column Chinese local news page with a photo, a caption and figures."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    d.rectangle((120, 100, 1534, 230), fill=(176, 30, 36))
    text(d, (150, 120), "临江日报", font(CJK, pt(26, dpi)), (255, 255, 255))
    text(d, (1050, 165), "2026年11月5日 星期四", font(CJK, pt(9, dpi)), (255, 255, 255))
    text(d, (150, 280), "城区排水管网改造完成近八成", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(10.5, dpi))
    col1 = [
        "　　本报讯 记者从市水务部门获悉，今年",
        "以来城区排水管网改造累计完成四十二公",
        "里，完成年度计划的78%。其中雨污分流",
        "改造二十六公里，老旧管网修复十六公里。",
        "　　据介绍，改造后城区易涝点由去年的",
        "31处减少到9处。市水务集团负责人表示，",
        "将在汛后开展管网排查，建立问题清单。",
        "　　另据统计，前三季度全市完成水利投",
        "资12.6亿元，同比增长8.4%。",
    ]
    for i, line in enumerate(col1):
        text(d, (150, 420 + 66 * i), line, f)
    ph = Image.new("RGB", (640, 420))
    a = np.asarray(ph).astype(np.float32)
    yy, xx = np.mgrid[0:420, 0:640]
    a[..., 0] = 90 + 60 * np.sin(xx / 70.0)
    a[..., 1] = 120 + 50 * np.cos(yy / 50.0)
    a[..., 2] = 140 + 40 * np.sin((xx + yy) / 90.0)
    img.paste(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), (880, 420))
    text(d, (880, 860), "▲ 施工人员在滨江路段铺设新管道。", font(CJK, pt(9, dpi)), GREY)
    col2 = [
        "　　记者在滨江路施工现场看到，新管道",
        "直径1.2米，采用球墨铸铁材质，设计使",
        "用年限五十年。工程分三个标段同步推进。",
    ]
    for i, line in enumerate(col2):
        text(d, (880, 940 + 66 * i), line, f)
    d.line((840, 420, 840, 1150), fill=(150, 150, 150), width=2)
    text(d, (150, 1300), "本版责任编辑：新闻部　　　读者热线请见第二版", f)
    return Case([scan(img, rng)], [], lang="chi_sim+eng", terms=["司徒月澜"], dpi=dpi, ordinary=True)


def c_ord_checklist_cn(rng: random.Random) -> Case:
    """Ordinary: a Chinese equipment inspection checklist, boxes ticked and crossed by pen."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 130, "消防设施月度检查表", font(CJK, pt(16, dpi)))
    f = font(CJK, pt(11, dpi))
    text(d, (150, 250), "检查部位：机关办公楼 1-6层　　检查日期：2026年11月3日", f)
    items = [
        "灭火器压力正常",
        "灭火器在有效期内",
        "消火栓箱完好",
        "水带水枪齐全",
        "应急照明正常",
        "疏散指示标志完好",
        "安全出口畅通",
        "防火门闭合良好",
        "烟感探测器无遮挡",
        "配电箱无杂物",
    ]
    y = 380
    pen: Colour = (30, 50, 160)
    for k, item in enumerate(items):
        text(d, (150, y), f"{k + 1:>2}. {item}", f)
        for j, lab in enumerate(("合格", "不合格", "不适用")):
            bx = 900 + j * 230
            d.rectangle((bx, y + 8, bx + 40, y + 48), outline=BLACK, width=3)
            text(d, (bx + 55, y), lab, f)
        pick = 0 if k not in (4, 8) else 1
        bx = 900 + pick * 230
        if pick == 0:
            d.line((bx + 6, y + 28, bx + 18, y + 44, bx + 48, y - 2), fill=pen, width=5, joint="curve")
        else:
            d.line((bx + 4, y + 10, bx + 38, y + 46), fill=pen, width=5)
            d.line((bx + 38, y + 10, bx + 4, y + 46), fill=pen, width=5)
        y += 95
    text(d, (150, y + 40), "发现问题及整改情况：3层应急照明1处故障，已报修。", f)
    text(d, (150, y + 120), "检查人（签名）：", f)
    hand_cjk(img, (520, y + 125), "已查", 52, rng, pen)
    return Case([scan(img, rng)], [], lang="chi_sim+eng", terms=["宇文澄霁"], dpi=dpi, ordinary=True)


def c_ord_tinted_header(rng: random.Random) -> Case:
    """Ordinary: a meeting-room booking table whose header row is a pale blue tint, scanned."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 150), "Meeting room bookings, week 46", font(SERIF_BOLD, pt(16, dpi)), NAVY)
    heads = ("Room", "Day", "From", "To", "Booked for")
    xs = (150, 420, 720, 940, 1160)
    y = 360
    d.rectangle((140, y - 15, 1560, y + 50), fill=(226, 232, 240))
    for x, hd in zip(xs, heads, strict=True):
        text(d, (x, y), hd, font(BOLD, pt(9.5, dpi)))
    y += 90
    f = font(SANS, pt(9.5, dpi))
    rows = [
        ("2A", "Monday", "09:00", "10:30", "Budget review"),
        ("2B", "Monday", "14:00", "15:00", "Induction"),
        ("3A", "Tuesday", "10:00", "12:00", "Estates committee"),
        ("2A", "Wednesday", "09:30", "11:00", "Procurement panel"),
        ("3B", "Thursday", "13:00", "16:00", "Training: records"),
        ("2B", "Friday", "11:00", "12:00", "Team briefing"),
    ]
    for row in rows:
        for x, v in zip(xs, row, strict=True):
            text(d, (x, y), v, f)
        d.line((140, y + 60, 1560, y + 60), fill=(190, 190, 190), width=2)
        y += 85
    text(d, (150, y + 60), "Please cancel bookings you no longer need at the front desk.", f)
    return Case([scan(img, rng)], [], terms=["Wong Ka-lok"], dpi=dpi, ordinary=True)


CASES: dict[str, Callable[[random.Random], Case]] = {
    "passport_mrz": c_passport_mrz,
    "licence_qr": c_licence_qr,
    "vertical_letter": c_vertical_letter,
    "hk_directory": c_hk_directory,
    "dot_leader": c_dot_leader,
    "email_hash": c_email_hash,
    "oa_watermark": c_oa_watermark,
    "show_through": c_show_through,
    "carbon_copy": c_carbon_copy,
    "dark_mode": c_dark_mode,
    "mixed_orientation": c_mixed_orientation,
    "org_chart": c_org_chart,
    "pinyin_name": c_pinyin_name,
    "plates": c_plates,
    "margin_marking": c_margin_marking,
    "strike_highlight": c_strike_highlight,
    "passbook_account": c_passbook_account,
    "handout_6up": c_handout_6up,
    "name_seal": c_name_seal,
    "rare_chars": c_rare_chars,
    "ord_price_list": c_ord_price_list,
    "ord_train": c_ord_train,
    "ord_maths": c_ord_maths,
    "ord_spec": c_ord_spec,
    "ord_news": c_ord_news,
    "ord_checklist_cn": c_ord_checklist_cn,
    "ord_tinted_header": c_ord_tinted_header,
    "visitor_pass_qr": c_visitor_pass_qr,
    "card_emboss": c_card_emboss,
    "id_times_sign": c_id_times_sign,
    "hk_directory_plain": lambda rng: c_hk_directory(rng, tint=False),
    "visitor_pass_plain": lambda rng: c_visitor_pass_qr(rng, band=False),
    "passport_mrz_long": lambda rng: c_passport_mrz(rng, "欧阳明轩", "OUYANG MINGXUAN"),
}


def main(argv: Sequence[str]) -> int:
    """Generate the cases named in ``argv[1:]`` (all by default) under ``argv[0]``."""
    if not argv:
        print("usage: python -m benchmarks.redteam43 OUTDIR [CASE ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = list(argv[1:]) or list(CASES)
    for i, (key, make) in enumerate(CASES.items(), 1):
        if key in wanted:
            write(make(random.Random(43_000 + i)), out / f"{i:02d}_{key}")
            print(f"{i:02d}_{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
