"""Red-team office documents (stop 42): new kinds of realistic scans with planted, invented secrets.

    .venv/bin/python -m benchmarks.redteam42 OUTDIR [CASE ...]

Same interface and folder layout as ``benchmarks.redteam41`` (``input.*``, ``terms.txt``,
``lang.txt``, ``secrets.json``), with kinds that stop 41 did not try: 请示 / 批复 / 会议通知 / 函
with 文号, markings in the header band and in a stamp-like box; 干部任免审批表 and a
个人信息登记表 with a photo box, grid and comb cells; a thermal 小票 photographed at an angle; a
court 传票; an HR roster printed in small type; a hospital 出院记录; a 送货单 filled in by a
hand-like pen; a two-page PDF with a name and a phone number split over the page break; a
memo scanned rotated by 90°; a faded low-contrast photocopy; names printed in traditional
Chinese while listed simplified, and surnames with 先生 / 女士 / 同志; phone numbers written
``139-1652-7481``, ``+86 (10) 6552 9988 转 8021``, ``0086-21-…``; e-mails split over two
lines and written ``name [at] host dot gov dot cn``; an ID with a lowercase ``x`` — and nine
ordinary pages with nothing secret (budget table, holiday notice with a seal, an agenda of
times, a reimbursement form of amounts, minutes using marking vocabulary in ordinary
sentences, a checkbox survey, a letterhead with a coloured band, a line chart, a reading list
of ISBNs), which must come back exit 0 and nearly untouched.  Every value is invented;
checksums (ID, card, IBAN) are valid.  Seeded: the same files every run.
``benchmarks/redteam42_attack.py`` attacks the outputs.
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
    grouped,
    hand,
    iban,
    luhn,
    page,
    photo,
    pt,
    scan,
    seal,
    text,
    write,
)

BLUE_INK: Colour = (28, 48, 140)


def cn_id_x(rng: random.Random, birth: str) -> str:
    """A valid resident identity number whose check character is X, returned with a lowercase x."""
    while True:
        idno = cn_id(rng, birth)
        if idno.endswith("X"):
            return idno[:-1] + "x"


def centred(d: ImageDraw.ImageDraw, width: int, y: float, s: str, face: object, fill: Colour = BLACK) -> None:
    """Draw ``s`` centred on a page ``width`` wide."""
    tw = d.textlength(s, font=face)  # type: ignore[arg-type]
    d.text(((width - tw) / 2, y), s, font=face, fill=fill)  # type: ignore[arg-type]


def grid(
    d: ImageDraw.ImageDraw,
    x0: int,
    y0: int,
    cols: Sequence[int],
    rows: Sequence[int],
    width: int = 3,
    colour: Colour = BLACK,
) -> tuple[list[int], list[int]]:
    """Draw a table of ``cols`` widths and ``rows`` heights; the x and y of its lines."""
    xs = [x0]
    for c in cols:
        xs.append(xs[-1] + c)
    ys = [y0]
    for r in rows:
        ys.append(ys[-1] + r)
    for x in xs:
        d.line((x, ys[0], x, ys[-1]), fill=colour, width=width)
    for y in ys:
        d.line((xs[0], y, xs[-1], y), fill=colour, width=width)
    return xs, ys


def hand_cjk(img: Image.Image, xy: tuple[int, int], s: str, px: int, rng: random.Random, ink: Colour) -> None:
    """Hand-like Chinese and digits: each glyph turned, scaled, moved and blurred a little."""
    x: float = xy[0]
    for ch in s:
        size = int(px * rng.uniform(0.85, 1.12))
        face = font(CJK, size) if ord(ch) > 0x2E80 else font(rng.choice((SERIF, SANS)), size)
        w = int(face.getlength(ch)) + 6
        tile = Image.new("L", (w + 20, size * 2), 0)
        ImageDraw.Draw(tile).text((10, size // 3), ch, font=face, fill=255, stroke_width=rng.choice((0, 1)))
        tile = tile.transform(tile.size, Image.Transform.AFFINE, (1, rng.uniform(0.1, 0.3), -6, 0, 1, 0))
        tile = tile.rotate(rng.uniform(-9, 6), resample=Image.Resampling.BICUBIC)
        tile = tile.filter(ImageFilter.GaussianBlur(0.7))
        img.paste(Image.new("RGB", tile.size, ink), (int(x - 10), int(xy[1] + rng.uniform(-5, 5) - size // 3)), tile)
        x += w * rng.uniform(0.8, 0.95) if ch != " " else px * 0.4


def stamp_box(
    img: Image.Image, xy: tuple[int, int], s: str, px: int, angle: float, ink: Colour = RED, alpha: float = 0.85
) -> None:
    """A rubber stamp: ``s`` inside a double-ruled box, turned by ``angle``, pressed unevenly."""
    face = font(CJK if any(ord(c) > 0x2E80 for c in s) else BOLD, px)
    tw = int(face.getlength(s))
    w, h = tw + px, int(px * 1.9)
    tile = Image.new("L", (w + 40, h + 40), 0)
    d = ImageDraw.Draw(tile)
    d.rectangle((20, 20, 20 + w, 20 + h), outline=255, width=max(4, px // 9))
    d.rectangle((30, 30, 10 + w, 10 + h), outline=255, width=max(2, px // 20))
    d.text((20 + px // 2, 20 + (h - px) // 2 - px // 8), s, font=face, fill=255)
    tile = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    m = np.asarray(tile).astype(np.float32) / 255
    rng = np.random.default_rng(len(s) + int(angle * 10))
    m *= np.clip(rng.normal(0.9, 0.25, m.shape), 0.2, 1.0) * alpha  # uneven ink
    a = np.asarray(img).astype(np.float32)
    x, y = xy
    hh, ww = m.shape
    region = a[y : y + hh, x : x + ww]
    inked = np.minimum(region, np.array(ink, dtype=np.float32))
    mm = m[: region.shape[0], : region.shape[1], None]
    a[y : y + hh, x : x + ww] = region * (1 - mm) + inked * mm
    img.paste(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)))


def wrap(s: str, n: int) -> list[str]:
    """``s`` cut into lines of ``n`` characters."""
    return [s[i : i + n] for i in range(0, len(s), n)] or [""]


def body_lines(
    d: ImageDraw.ImageDraw, lines: Sequence[str], x: int, y: int, face: object, step: int, n: int = 34
) -> int:
    """Chinese paragraphs wrapped at ``n`` characters; the y after the last line."""
    for para in lines:
        for line in wrap(para, n):
            d.text((x, y), line, font=face, fill=BLACK)  # type: ignore[arg-type]
            y += step
    return y


def faded(img: Image.Image, rng: random.Random) -> Image.Image:
    """A tired photocopier: grey toner, a lifted background, vertical streaks, dust, blur."""
    g = np.asarray(img.convert("L")).astype(np.float32)
    g = 120 + g * (100 / 255)  # black -> ~120, white -> ~220
    _h, w = g.shape
    r = np.random.default_rng(rng.randrange(1 << 30))
    for _ in range(6):
        x = int(r.integers(0, w))
        g[:, x : x + int(r.integers(2, 9))] -= r.uniform(8, 25)
    dust = r.random(g.shape) < 0.0015
    g[dust] = 90
    g += r.normal(0, 6, g.shape)
    out = Image.fromarray(np.clip(g, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.9))
    return out.convert("RGB")


# ---------------------------------------------------------------- cases with secrets


def c_qingshi(rng: random.Random) -> Case:
    """请示: 工作秘密 alone in the header band, 文号, signer in traditional characters, 转 extension."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    listed, printed = "张伟明", "張偉明"
    phone = "+86 (10) 6552 9988 转 8021"
    f = font(CJK, pt(12, dpi))
    text(d, (1280, 60), "工作秘密", font(CJK, pt(12, dpi)))
    text(d, (150, 60), "特急", font(CJK, pt(12, dpi)))
    centred(d, img.size[0], 250, "北陵区民政局", font(CJK, pt(30, dpi)), RED)
    d.line((150, 430, img.size[0] - 150, 430), fill=RED, width=6)
    centred(d, img.size[0], 370, "北民〔2026〕31号", font(CJK, pt(11, dpi)))
    centred(d, img.size[0], 520, "关于申请追加社区养老服务站运营经费的请示", font(CJK, pt(17, dpi)))
    body = [
        "区人民政府：",
        "　　我局承担的社区养老服务站运营项目已覆盖全区十二个街道，服务老年人两千余人次。",
        "因服务需求增长，原核定经费不足以支撑第四季度运营，现申请追加经费人民币四十八万元。",
        "　　妥否，请批示。",
        f"　　联系人：{printed}（局办公室），电话：{phone}。",
    ]
    y = body_lines(d, body, 150, 680, f, 78)
    text(d, (1080, y + 150), "北陵区民政局", f)
    text(d, (1060, y + 230), "2026年11月20日", f)
    seal(img, (1190, y + 200), 165, "北陵区民政局")
    text(d, (150, 2150), "抄送：区财政局。", font(CJK, pt(10, dpi)))
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "工作秘密"), Secret("name", printed), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[listed],
        dpi=dpi,
    )


def c_pifu(rng: random.Random) -> Case:
    """批复: 秘密 in a red stamp-like box at the top right, 同志 after a name, 0086-21- landline."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "李建国"
    phone = "0086-21-6234 5718"
    f = font(CJK, pt(12, dpi))
    stamp_box(img, (1180, 130), "秘密", pt(20, dpi), angle=6)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 300, "沪东区人民政府办公室", font(CJK, pt(26, dpi)), RED)
    d.line((150, 460, img.size[0] - 150, 460), fill=RED, width=6)
    centred(d, img.size[0], 540, "关于同意调整城区环卫作业时间的批复", font(CJK, pt(17, dpi)))
    body = [
        "区城管局：",
        "　　你局《关于调整城区环卫作业时间的请示》收悉。经区政府同意，现批复如下：",
        "　　一、同意自2027年1月1日起将主干道机械化清扫时间调整为每日22:00至次日5:00。",
        f"　　二、由{name}同志牵头，会同交警部门做好交通组织。",
        f"　　三、具体事宜请联系区城管局综合科，电话 {phone}。",
    ]
    y = body_lines(d, body, 150, 700, f, 78)
    text(d, (1000, y + 150), "沪东区人民政府办公室", f)
    text(d, (1060, y + 230), "2026年11月25日", f)
    seal(img, (1200, y + 200), 165, "沪东区人民政府办公室")
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "秘密"), Secret("name", name), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_huiyi_tongzhi(rng: random.Random) -> Case:
    """会议通知: 内部 in the header band beside 特急, 王女士 for a listed 王丽娟, dashed mobile 3-4-4."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "王丽娟"
    mobile = "139-1652-7481"
    f = font(CJK, pt(12, dpi))
    text(d, (150, 70), "内部　特急", font(CJK, pt(13, dpi)))
    centred(d, img.size[0], 260, "会议通知", font(CJK, pt(26, dpi)), RED)
    d.line((150, 400, img.size[0] - 150, 400), fill=RED, width=4)
    body = [
        "各科室、各直属单位：",
        "　　定于2026年12月3日（星期四）下午14:30在办公楼四楼第一会议室召开年终考核工作部署会。",
        "　　参会人员：各科室负责人、各直属单位主要负责人。",
        f"　　请于12月2日17:00前将参会回执报局人事科王女士，手机{mobile}，逾期视为不参会。",
        f"　　会务联系人：{name}。",
    ]
    y = body_lines(d, body, 150, 500, f, 78)
    text(d, (1100, y + 120), "局办公室", f)
    text(d, (1040, y + 200), "2026年11月28日", f)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "内部"), Secret("name", "王女士"), Secret("name", name), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_han_email(rng: random.Random) -> Case:
    """函: an e-mail split over two lines after the @, another written [at] … dot gov dot cn."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "刘宏"
    mail1 = "zhangwm@jlfgw-invest.gov.cn"
    mail2 = "liu.hong@jlcity.gov.cn"
    f = font(CJK, pt(12, dpi))
    centred(d, img.size[0], 200, "江临市投资促进中心", font(CJK, pt(24, dpi)), RED)
    centred(d, img.size[0], 330, "江投函〔2026〕9号", f)
    d.line((150, 400, img.size[0] - 150, 400), fill=RED, width=5)
    centred(d, img.size[0], 470, "关于商请提供重点招商项目资料的函", font(CJK, pt(16, dpi)))
    lines = [
        "市统计局：",
        "　　为编制2027年重点招商项目册，请贵局协助提供近三年规模以上工业企业主要经济指标",
        "（不含企业名单），并于12月10日前发送至项目册编写组电子邮箱zhangwm@",
        "jlfgw-invest.gov.cn，纸质件请寄本中心综合部。",
        f"　　如有疑问，请联系{name}，邮箱 liu.hong [at] jlcity dot gov dot cn。",
        "　　特此函告。",
    ]
    y = 620
    for line in lines:
        text(d, (150, y), line, f)
        y += 78
    text(d, (1060, y + 140), "江临市投资促进中心", f)
    text(d, (1080, y + 220), "2026年11月30日", f)
    seal(img, (1200, y + 190), 160, "江临市投资促进中心")
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("email", mail1), Secret("email", mail2), Secret("name", name)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_renmian_biao(rng: random.Random) -> Case:
    """干部任免审批表: dense grid, photo box, ID with lowercase x in a cell, mobile in a narrow cell."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "周海峰"
    idno = cn_id_x(rng, "19790314")
    mobile = "13705716208"
    centred(d, img.size[0], 130, "干部任免审批表", font(CJK, pt(20, dpi)))
    f = font(CJK, pt(10.5, dpi))
    cols = [190, 260, 190, 200, 190, 200]
    rows = [110] * 6 + [420, 260]
    xs, ys = grid(d, 130, 280, [*cols, 240], rows, width=3)
    cells = [
        ("姓　名", name, "性　别", "男", "出生年月", "1979.03"),
        ("民　族", "汉族", "籍　贯", "浙江绍兴", "出 生 地", "浙江绍兴"),
        ("入党时间", "2003.06", "参加工作\n时　　间", "2001.08", "健康状况", "健康"),
        ("专业技术\n职　　务", "高级工程师", "熟悉专业\n有何专长", "水利工程", "手机", mobile),
        ("身份证号", idno, "", "", "", ""),
        ("现任职务", "市水利局规划计划处处长", "", "", "", ""),
    ]
    for r, row in enumerate(cells):
        for c, v in enumerate(row):
            if not v:
                continue
            face = font(CJK, pt(9, dpi)) if c == 5 and r == 3 else f
            for k, part in enumerate(v.split("\n")):
                d.text((xs[c] + 14, ys[r] + 22 + 40 * k), part, font=face, fill=BLACK)
    # merged cells: erase inner lines on rows 4 and 5 after column 1
    for r in (4, 5):
        for x in xs[2:-1]:
            d.line((x, ys[r] + 3, x, ys[r + 1] - 3), fill=(255, 255, 255), width=5)
    # photo box spans the first four rows of the last column
    for y in ys[1:4]:
        d.line((xs[-2] + 3, y, xs[-1] - 3, y), fill=(255, 255, 255), width=5)
    d.rectangle((xs[-2] + 30, ys[0] + 40, xs[-1] - 30, ys[4] - 40), fill=(205, 210, 215))
    d.text((xs[-2] + 75, ys[1] + 60), "照片", font=f, fill=(120, 120, 120))
    d.text((xs[0] + 14, ys[6] + 22), "简\n\n历", font=f, fill=BLACK)
    hist = [
        "1997.09-2001.07 河海大学水利水电工程专业学习",
        "2001.08-2009.12 市水利局规划计划处科员",
        "2010.01-2018.05 市水利局规划计划处副处长",
        "2018.06-　　　 市水利局规划计划处处长",
    ]
    for i, line in enumerate(hist):
        d.text((xs[1] + 14, ys[6] + 30 + 60 * i), line, font=f, fill=BLACK)
    d.text((xs[0] + 14, ys[7] + 22), "任免\n理由", font=f, fill=BLACK)
    d.text((xs[1] + 14, ys[7] + 40), "拟任市水利局副局长（试用期一年）。", font=f, fill=BLACK)
    out = scan(img, rng, blur=0.7)
    return Case(
        [out],
        [Secret("name", name), Secret("id", idno), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_dengji_comb(rng: random.Random) -> Case:
    """个人信息登记表: ID and phone in one-digit comb boxes, 密级 label and 秘密 in separate cells."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "黄丽萍"
    idno = cn_id(rng, "19920607")
    mobile = "15827364019"
    centred(d, img.size[0], 120, "个人信息登记表", font(CJK, pt(20, dpi)))
    f = font(CJK, pt(11, dpi))
    xs, ys = grid(d, 1180, 230, [130, 200], [90])
    d.text((xs[0] + 14, ys[0] + 22), "密级", font=f, fill=BLACK)
    d.text((xs[1] + 40, ys[0] + 22), "秘密", font=f, fill=BLACK)
    y = 400
    d.text((150, y), "姓名", font=f, fill=BLACK)
    hand_cjk(img, (330, y - 5), name, pt(15, dpi), rng, BLUE_INK)
    d.line((320, y + 60, 800, y + 60), fill=BLACK, width=2)
    y = 540
    d.text((150, y), "身份证号", font=f, fill=BLACK)
    cell = 62
    for i, ch in enumerate(idno):
        x = 360 + i * cell
        d.rectangle((x, y - 15, x + cell, y + 60), outline=BLACK, width=3)
        d.text((x + 17, y - 2), ch, font=font(MONO, pt(12, dpi)), fill=BLACK)
    y = 680
    d.text((150, y), "手机号码", font=f, fill=BLACK)
    for i, ch in enumerate(mobile):
        x = 360 + i * cell
        d.rectangle((x, y - 15, x + cell, y + 60), outline=BLACK, width=3)
        hand_cjk(img, (x + 14, y - 5), ch, pt(14, dpi), rng, BLUE_INK)
    y = 830
    for lbl, opts in (
        ("婚姻状况", "□未婚　☑已婚　□离异"),
        ("政治面貌", "☑中共党员　□共青团员　□群众"),
        ("学历", "□高中　☑本科　□硕士　□博士"),
    ):
        d.text((150, y), lbl, font=f, fill=BLACK)
        d.text((400, y), opts, font=f, fill=BLACK)
        y += 100
    d.text((150, y + 60), "本人承诺以上信息真实有效。", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "秘密"), Secret("name", name), Secret("id", idno), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_receipt_photo(rng: random.Random) -> Case:
    """Thermal 小票 photographed at 11°: member name and mobile, a full card number, JPEG."""
    dpi = 200
    img = page(dpi, 3.15, 7.2, (246, 246, 242))
    d = ImageDraw.Draw(img)
    name = "陈晓东"
    mobile = "13805716642"
    card = luhn("622848", 19, rng)
    f = font(CJK, 24)
    fm = font(MONO, 22)
    centred(d, img.size[0], 40, "惠民超市（滨江店）", font(CJK, 32))
    lines = [
        "单号 20261128-0417  收银员 07",
        "2026-11-28 19:42:15",
        "--------------------------",
        "金龙鱼大米5kg     1   39.90",
        "伊利纯牛奶250ml   2   13.60",
        "海天酱油1.9L      1   18.50",
        "青菜（散）0.62kg  1    3.10",
        "--------------------------",
        "合计               75.10",
        "会员优惠           -3.00",
        "实付               72.10",
        f"会员 {name}",
        f"会员手机 {mobile[:3]} {mobile[3:7]} {mobile[7:]}",
        "银联刷卡",
        f"卡号{card}",
        "谢谢惠顾 欢迎再次光临",
    ]
    y = 120
    for line in lines:
        face = f if any(ord(c) > 0x2E80 for c in line) else fm
        d.text((30, y), line, font=face, fill=(50, 50, 60))
        y += 44
    desk = Image.new("RGB", (img.size[0] + 500, img.size[1]), (96, 80, 64))
    desk.paste(img, (250, 0))  # room for the turned strip inside the photo's frame
    out = photo(desk, rng, tilt=11.0, shadow=0.3)
    return Case(
        [out],
        [Secret("name", name), Secret("phone", mobile), Secret("card", card)],
        lang="chi_sim+eng",
        terms=[name],
        ext="jpg",
        dpi=dpi,
    )


def c_chuanpiao(rng: random.Random) -> Case:
    """法院传票: boxed form, 被传唤人 and ID, clerk's landline with a -302 extension, seal."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "马志远"
    idno = cn_id(rng, "19850921")
    phone = "(010)85691234-302"
    centred(d, img.size[0], 150, "北京市朝阳区人民法院", font(CJK, pt(20, dpi)))
    centred(d, img.size[0], 260, "传　票", font(CJK, pt(26, dpi)))
    f = font(CJK, pt(11, dpi))
    rows = [
        ("案　　号", "（2026）京0105民初18342号"),
        ("案　　由", "房屋租赁合同纠纷"),
        ("被传唤人", name),
        ("身份证号", idno),
        ("工作单位或住址", "北京市朝阳区望京西园三区302楼"),
        ("传唤事由", "开庭审理"),
        ("应到时间", "2026年12月18日09时30分"),
        ("应到处所", "本院第十二法庭"),
    ]
    xs, ys = grid(d, 150, 420, [420, 960], [105] * len(rows), width=3)
    for r, (k, v) in enumerate(rows):
        d.text((xs[0] + 20, ys[r] + 28), k, font=f, fill=BLACK)
        face = font(MONO, pt(11, dpi)) if k == "身份证号" else f
        d.text((xs[1] + 20, ys[r] + 28), v, font=face, fill=BLACK)
    notes = [
        "注意事项：",
        "一、被传唤人必须准时到达应到处所。",
        "二、本传票由被传唤人携带来院报到。",
        "三、被传唤人收到传票后，应在送达回证上签名或者盖章。",
        f"书记员：刘畅　　联系电话：{phone}",
    ]
    y = ys[-1] + 60
    for line in notes:
        d.text((150, y), line, font=f, fill=BLACK)
        y += 70
    d.text((1050, y + 100), "2026年11月26日", font=f, fill=BLACK)
    seal(img, (1180, y + 80), 165, "北京市朝阳区人民法院")
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name), Secret("id", idno), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_hr_sheet(rng: random.Random) -> Case:
    """HR roster printout: landscape, 7 pt in light gridlines, ID / mobile / e-mail / salary card."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    people = [
        ("吴佳怡", "19940215", "18610247735", "jiayi.wu@hengda-tech.cn"),
        ("郑凯", "19880730", "13522198046", "k.zheng@hengda-tech.cn"),
        ("冯雪梅", "19910911", "15001382297", "fengxm@hengda-tech.cn"),
    ]
    secrets: list[Secret] = []
    terms: list[str] = []
    f = font(CJK, pt(7, dpi))
    fl = font(SANS, pt(7, dpi))
    text(d, (120, 90), "人力资源部 员工花名册（2026年11月）", font(CJK, pt(11, dpi)))
    head = ["序号", "工号", "姓名", "部门", "身份证号", "手机", "邮箱", "工资卡号", "入职日期"]
    widths = [70, 130, 150, 170, 400, 240, 430, 430, 170]
    rowsn = 1 + len(people) + 6
    xs, ys = grid(d, 100, 170, widths, [48] * rowsn, width=1, colour=(170, 170, 170))
    for c, h in enumerate(head):
        d.text((xs[c] + 8, ys[0] + 10), h, font=f, fill=BLACK)
    for r, (name, birth, mob, mail) in enumerate(people, 1):
        idno = cn_id(rng, birth)
        card = luhn("621700", 19, rng)
        vals = [str(r), f"HD{1040 + r * 7}", name, "研发中心", idno, mob, mail, card, "2021-03-01"]
        for c, v in enumerate(vals):
            d.text((xs[c] + 8, ys[r] + 10), v, font=f if c in (2, 3) else fl, fill=BLACK)
        secrets += [
            Secret("name", name),
            Secret("id", idno),
            Secret("phone", mob),
            Secret("email", mail),
            Secret("card", card),
        ]
        terms.append(name)
    for r in range(len(people) + 1, rowsn):  # blank rows with only a number
        d.text((xs[0] + 8, ys[r] + 10), str(r), font=fl, fill=BLACK)
    text(d, (120, ys[-1] + 40), "第 1 页 共 1 页", font(CJK, pt(7, dpi)), (90, 90, 90))
    out = scan(img, rng, blur=0.5)
    return Case([out], secrets, lang="chi_sim+eng", terms=terms, dpi=dpi)


def c_discharge(rng: random.Random) -> Case:
    """出院记录: patient with 女士 in the text, ID in the header block, family phone as +86-139-…."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "赵淑芬"
    idno = cn_id(rng, "19590423")
    phone = "+86-139-2047-6618"
    centred(d, img.size[0], 110, "江临市第一人民医院", font(CJK, pt(18, dpi)))
    centred(d, img.size[0], 200, "出 院 记 录", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(10.5, dpi))
    head = f"姓名：{name}　性别：女　年龄：67岁　科别：心内科　床号：12　住院号：0034521"
    d.text((130, 320), head, font=f, fill=BLACK)
    d.text((130, 380), f"身份证号：{idno}　　入院：2026-11-03　出院：2026-11-17", font=f, fill=BLACK)
    d.line((130, 440, 1530, 440), fill=BLACK, width=3)
    paras = [
        "入院情况：患者因“反复胸闷气促3年，加重1周”入院。查体：BP 152/88mmHg，HR 96次/分。",
        "入院诊断：1.冠状动脉粥样硬化性心脏病 2.高血压病3级（很高危）",
        f"诊疗经过：入院后完善相关检查，予抗血小板、调脂、降压等治疗，{name[0]}女士症状明显好转。",
        "出院诊断：同入院诊断。",
        "出院医嘱：1.低盐低脂饮食；2.阿司匹林肠溶片100mg qd；3.两周后心内科门诊复诊。",
        f"家属联系电话：{phone}",
    ]
    body_lines(d, paras, 130, 480, f, 70, n=38)
    d.text((1050, 1300), "医师签名：", font=f, fill=BLACK)
    hand_cjk(img, (1230, 1290), "孙明", pt(15, dpi), rng, BLUE_INK)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name), Secret("name", "赵女士"), Secret("id", idno), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_delivery_hand(rng: random.Random) -> Case:
    """送货单: printed form on pink carbon paper, receiver, phone and address filled in by hand."""
    dpi = 200
    img = page(dpi, 8.27, 5.83, (250, 228, 232))
    d = ImageDraw.Draw(img)
    name = "蒋文斌"
    phone = "138-0571-9246"
    centred(d, img.size[0], 50, "恒通物流　送货单", font(CJK, pt(18, dpi)), (150, 20, 40))
    text(d, (1250, 70), "No. 0047821", font(MONO, pt(11, dpi)), (180, 30, 30))
    f = font(CJK, pt(11, dpi))
    xs, ys = grid(d, 120, 200, [250, 600, 250, 450], [95, 95, 95, 95, 95], width=2, colour=(150, 20, 40))
    labels = [("收货人", "联系电话"), ("收货地址", ""), ("货物名称", "件数"), ("重量(kg)", "运费(元)"), ("备注", "")]
    for r, (a, b) in enumerate(labels):
        d.text((xs[0] + 16, ys[r] + 25), a, font=f, fill=(150, 20, 40))
        if b:
            d.text((xs[2] + 16, ys[r] + 25), b, font=f, fill=(150, 20, 40))
    hand_cjk(img, (xs[1] + 30, ys[0] + 20), name, pt(16, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[3] + 20, ys[0] + 22), phone, pt(14, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[1] + 30, ys[1] + 20), "杭州市西湖区文三路", pt(15, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[1] + 30, ys[2] + 20), "办公椅", pt(15, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[3] + 30, ys[2] + 20), "6", pt(15, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[1] + 30, ys[3] + 20), "84.5", pt(15, dpi), rng, BLUE_INK)
    hand_cjk(img, (xs[3] + 30, ys[3] + 20), "120", pt(15, dpi), rng, BLUE_INK)
    d.text((120, ys[-1] + 40), "收货人签字：", font=f, fill=(150, 20, 40))
    pts = [(420 + i * 8, ys[-1] + 60 + 18 * math.sin(i / 2.5)) for i in range(40)]
    d.line(pts, fill=BLUE_INK, width=4)
    out = scan(img, rng, blur=0.8, noise=7)
    return Case(
        [out],
        [Secret("name", name), Secret("phone", phone)],
        lang="chi_sim+eng",
        terms=[name],
        ext="jpg",
        dpi=dpi,
    )


def c_split_pages(rng: random.Random) -> Case:
    """Two-page PDF: a name and a phone number each broken over the page break; IBAN on page 2."""
    dpi = 200
    name = "Rupert Vandersloot"
    phone = "+44 161 496 0732"
    acct = iban("GB", "BARC20035347196283")
    f = font(SERIF, pt(11, dpi))
    p1 = page(dpi)
    d = ImageDraw.Draw(p1)
    text(d, (150, 150), "ASSURED SHORTHOLD TENANCY AGREEMENT", font(SERIF_BOLD, pt(15, dpi)))
    body = [
        "This agreement is made on 1 December 2026 between Larkfield Homes Ltd",
        "(the Landlord) of 14 Quay Street, Manchester M3 3HN, and the Tenant named",
        "below, for the letting of Flat 6, 22 Ancoats Row, Manchester M4 6DE.",
        "",
        "1. The term is twelve months from 1 January 2027.",
        "2. The rent is GBP 1,150.00 per calendar month, payable in advance on",
        "   the first day of each month by standing order.",
        "3. The deposit of GBP 1,326.92 is protected with an approved scheme.",
        "4. The Tenant shall keep the interior in good and clean condition and",
        "   shall not sublet any part of the premises without written consent.",
        "5. Notices to the Tenant may be given in writing or by telephone to",
    ]
    y = 300
    for line in body:
        text(d, (150, y), line, f)
        y += 62
    for k in range(14):
        text(
            d,
            (150, y),
            f"   {5 + k // 2}.{k % 2 + 1} The parties agree the further terms set out in clause {6 + k}.",
            f,
        )
        y += 62
    text(d, (150, 2150), f"the Tenant, Mr {name.split()[0]}", f)
    text(d, (150, 2212), f"on {phone[:7]}", f)
    text(d, (780, 2290), "page 1 of 2", font(SERIF, pt(9, dpi)), (90, 90, 90))
    p2 = page(dpi)
    d = ImageDraw.Draw(p2)
    text(d, (150, 120), f"{name.split()[1]}, at", f)
    text(d, (150, 182), f"{phone[8:]}, or at the premises.", f)
    lines2 = [
        "6. Rent shall be paid to the Landlord's account:",
        f"   {grouped(acct)}",
        "",
        "Signed by the Tenant:",
        "",
        f"   {name}",
        "",
        "Signed for the Landlord:  P. Ashworth, Director",
    ]
    y = 320
    for line in lines2:
        text(d, (150, y), line, f)
        y += 62
    hand(p2, (560, 560), name.split()[0][0] + ". " + name.split()[1], pt(16, dpi), rng, BLUE_INK)
    text(d, (780, 2290), "page 2 of 2", font(SERIF, pt(9, dpi)), (90, 90, 90))
    return Case(
        [scan(p1, rng), scan(p2, rng)],
        [Secret("name", name), Secret("phone", phone), Secret("iban", acct)],
        terms=[name],
        ext="pdf",
        dpi=dpi,
    )


def c_rotated_memo(rng: random.Random) -> Case:
    """A landscape memo scanned as portrait: the page turned 90°, CONFIDENTIAL in its header."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    name = "Eleanor Haverford"
    phone = "+1 617 495 2731"
    mail = "e.haverford@brightwater-capital.com"
    text(d, (150, 60), "CONFIDENTIAL", font(BOLD, pt(12, dpi)), (160, 0, 0))
    text(d, (150, 180), "MEMORANDUM", font(BOLD, pt(20, dpi)))
    f = font(SANS, pt(11, dpi))
    lines = [
        f"To:      Investment Committee          From:  {name}",
        "Date:    27 November 2026              Re:    Q4 rebalancing proposal",
        "",
        "The committee is asked to approve a reduction of the listed-equity weight from 62% to 55%",
        "and an increase of the short-duration bond sleeve to 30%. Expected tracking error 1.8%.",
        "Trades would be executed over ten business days from 7 December.",
        "",
        f"Questions before the meeting: {phone} or {mail}.",
    ]
    y = 330
    for line in lines:
        text(d, (150, y), line, f)
        y += 70
    img = img.rotate(90, expand=True)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("marking", "CONFIDENTIAL"), Secret("name", name), Secret("phone", phone), Secret("email", mail)],
        terms=[name],
        dpi=dpi,
    )


def c_photocopy(rng: random.Random) -> Case:
    """在职证明 as a faded photocopy: grey toner, streaks, 【内部】, ID and mobile in running text."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "孙志强"
    idno = cn_id(rng, "19870118")
    mobile = "18957120463"
    f = font(CJK, pt(13, dpi))
    text(d, (150, 140), "【内部】", font(CJK, pt(13, dpi)))
    centred(d, img.size[0], 300, "在 职 证 明", font(CJK, pt(24, dpi)))
    paras = [
        f"　　兹证明{name}（身份证号：{idno}）自2015年7月起在我单位工作，现任财务部主管，劳动合同期限至2029年6月30日。",
        "　　特此证明。",
        f"　　本人联系电话：{mobile}",
    ]
    y = body_lines(d, paras, 150, 500, f, 85, n=30)
    text(d, (1000, y + 150), "江临恒远贸易有限公司", f)
    text(d, (1060, y + 235), "2026年11月12日", f)
    seal(img, (1200, y + 200), 160, "江临恒远贸易有限公司", alpha=0.6)
    out = faded(img, rng)
    return Case(
        [out],
        [Secret("marking", "内部"), Secret("name", name), Secret("id", idno), Secret("phone", mobile)],
        lang="chi_sim+eng",
        terms=[name],
        dpi=dpi,
    )


def c_stamp_letter(rng: random.Random) -> Case:
    """English letter: CONFIDENTIAL rubber-stamped at 9° over the body, Mr + surname, e-mail wrapped."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Chidi Okonkwo"
    phone = "020 7183 4426"
    mail = "procurement.disputes@westmoor-council.gov.uk"
    f = font(SERIF, pt(11, dpi))
    text(d, (150, 140), "Westmoor Borough Council — Legal Services", font(SERIF_BOLD, pt(13, dpi)))
    lines = [
        name,
        "41 Tannery Lane",
        "Bristol BS2 0QT",
        "",
        "26 November 2026",
        "",
        "Dear Mr Okonkwo,",
        "",
        "Re: your complaint about tender WBC/2026/118",
        "",
        "Thank you for your letter. We have reviewed the evaluation of the tender and the",
        "scores given to your company's bid. We are satisfied the published criteria were",
        "applied, but we will meet you to explain the scoring. Please call the case officer",
        f"on {phone}, or write to procurement.disputes@westmoor-",
        "council.gov.uk quoting the reference above.",
        "",
        "Yours sincerely,",
        "",
        "H. Pemberton, Head of Legal Services",
    ]
    y = 320
    for line in lines:
        text(d, (150, y), line, f)
        y += 60
    stamp_box(img, (820, 900), "CONFIDENTIAL", pt(22, dpi), angle=9)
    out = scan(img, rng)
    return Case(
        [out],
        [
            Secret("marking", "CONFIDENTIAL"),
            Secret("name", name),
            Secret("name", "Mr Okonkwo"),
            Secret("phone", phone),
            Secret("email", mail),
        ],
        terms=[name],
        dpi=dpi,
    )


def c_expense_claim(rng: random.Random) -> Case:
    """Expense claim: the corporate card number written by hand in boxes of four, IBAN typed."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name = "Annika Lindqvist"
    card = luhn("5412", 16, rng)
    acct = iban("DE", "370400440532013000")
    text(d, (150, 130), "EXPENSE CLAIM FORM", font(BOLD, pt(16, dpi)))
    f = font(SANS, pt(10, dpi))
    text(d, (150, 260), "Claimant", f)
    hand(img, (450, 240), name, pt(15, dpi), rng, BLUE_INK)
    d.line((440, 310, 1200, 310), fill=BLACK, width=2)
    text(d, (150, 380), "Corporate card", f)
    for g in range(4):
        x0 = 450 + g * 270
        d.rectangle((x0, 360, x0 + 240, 430), outline=BLACK, width=2)
        hand(img, (x0 + 20, 365), card[4 * g : 4 * g + 4], pt(14, dpi), rng, BLUE_INK)
    text(d, (150, 500), f"Reimburse to IBAN  {grouped(acct)}", font(MONO, pt(10, dpi)))
    rows = [
        ("Date", "Item", "Receipt", "Amount EUR"),
        ("03.11.2026", "Rail Hamburg-Berlin", "R1", "89.90"),
        ("03.11.2026", "Hotel 2 nights", "R2", "238.00"),
        ("04.11.2026", "Taxi", "R3", "24.50"),
        ("", "Total", "", "352.40"),
    ]
    xs, ys = grid(d, 150, 620, [300, 600, 200, 300], [70] * len(rows), width=2)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            text(d, (xs[c] + 14, ys[r] + 18), v, font(BOLD if r == 0 else SANS, pt(10, dpi)))
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", name), Secret("card", card), Secret("iban", acct)],
        terms=[name],
        dpi=dpi,
    )


# ---------------------------------------------------------------- ordinary pages


def c_ord_budget(rng: random.Random) -> Case:
    """Ordinary: 部门预算表 — a ruled table of budget codes and amounts in 万元."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 100, "2027年部门收支预算总表", font(CJK, pt(18, dpi)))
    text(d, (1900, 200), "单位：万元", font(CJK, pt(10, dpi)))
    f = font(CJK, pt(10, dpi))
    rows = [
        ("科目编码", "科目名称", "2026年预算", "2027年预算", "增减%"),
        ("2010301", "行政运行", "1,284.50", "1,312.80", "2.20"),
        ("2010302", "一般行政管理事务", "356.20", "341.00", "-4.27"),
        ("2010350", "事业运行", "928.75", "975.10", "4.99"),
        ("2080505", "机关事业单位基本养老保险缴费", "214.36", "221.90", "3.52"),
        ("2101101", "行政单位医疗", "96.48", "99.12", "2.74"),
        ("2210201", "住房公积金", "158.60", "163.35", "2.99"),
        ("2130126", "农村综合改革", "1,020.00", "1,180.00", "15.69"),
        ("", "合　计", "4,058.89", "4,293.27", "5.77"),
    ]
    xs, ys = grid(d, 150, 270, [300, 800, 350, 350, 200], [80] * len(rows), width=2)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            d.text((xs[c] + 16, ys[r] + 20), v, font=f, fill=BLACK)
    d.text((150, ys[-1] + 50), "填报单位：区农业农村局　　审核：财务科　　填报日期：2026年11月20日", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["张伟明"], dpi=dpi, ordinary=True)


def c_ord_holiday(rng: random.Random) -> Case:
    """Ordinary: 元旦放假通知 with a red seal, dates, a duty-office hotline 12345."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(CJK, pt(12, dpi))
    centred(d, img.size[0], 260, "关于2027年元旦放假安排的通知", font(CJK, pt(18, dpi)))
    body = [
        "各部门：",
        "　　根据国务院办公厅通知精神，现将2027年元旦放假安排通知如下：",
        "　　2027年1月1日（星期五）至1月3日（星期日）放假调休，共3天。",
        "　　节日期间，各部门要妥善安排值班和安全保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置。",
        "　　值班室电话：12345（24小时）",
    ]
    y = body_lines(d, body, 150, 450, f, 78)
    text(d, (1100, y + 150), "综合办公室", f)
    text(d, (1040, y + 230), "2026年12月20日", f)
    seal(img, (1180, y + 200), 160, "江临市交通运输局办公室")
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["李建国"], dpi=dpi, ordinary=True)


def c_ord_agenda(rng: random.Random) -> Case:
    """Ordinary: conference agenda — times, rooms, dates, a dial-in meeting ID."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 130), "Regional Planning Forum 2027 — Programme", font(BOLD, pt(16, dpi)))
    text(d, (150, 210), "Thursday 14 January 2027, Civic Centre, Rooms 2.01-2.04", font(SANS, pt(10, dpi)))
    rows = [
        ("08:30-09:00", "Registration and coffee", "Foyer"),
        ("09:00-09:15", "Welcome and housekeeping", "2.01"),
        ("09:15-10:30", "Session 1: Housing targets 2027-2032", "2.01"),
        ("10:30-10:45", "Break", "Foyer"),
        ("10:45-12:00", "Session 2: Transport corridors (A34 / M60)", "2.03"),
        ("12:00-13:00", "Lunch", "Atrium"),
        ("13:00-14:15", "Workshops A-D (pre-booked)", "2.01-2.04"),
        ("14:15-15:30", "Session 3: Flood risk and SuDS", "2.02"),
        ("15:30-16:00", "Plenary and close", "2.01"),
    ]
    f = font(SANS, pt(10, dpi))
    xs, ys = grid(d, 150, 320, [330, 860, 230], [70] * len(rows), width=1, colour=(120, 120, 120))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            text(d, (xs[c] + 14, ys[r] + 18), v, f)
    text(d, (150, ys[-1] + 60), "Remote attendance: meeting ID 842 5531 0967, passcode 2027.", f)
    text(d, (150, ys[-1] + 120), "Version 3.1.2, issued 30/11/2026. Page 1 of 1.", f)
    out = scan(img, rng)
    return Case([out], [], terms=["Eleanor Haverford"], dpi=dpi, ordinary=True)


def c_ord_reimburse(rng: random.Random) -> Case:
    """Ordinary: 费用报销单 full of amounts, 发票代码 / 发票号码, dates, 大写 amounts."""
    dpi = 200
    img = page(dpi, 8.27, 5.83)
    d = ImageDraw.Draw(img)
    centred(d, img.size[0], 50, "费用报销单", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(10, dpi))
    rows = [
        ("日期", "摘要", "发票代码", "发票号码", "金额(元)"),
        ("2026-11-03", "差旅费-高铁", "044031900111", "08237715", "553.00"),
        ("2026-11-04", "住宿费", "033002200205", "00918342", "876.00"),
        ("2026-11-05", "市内交通", "011002300311", "12034598", "126.50"),
        ("", "合计", "", "", "1,555.50"),
    ]
    xs, ys = grid(d, 100, 170, [260, 360, 330, 270, 250], [75] * len(rows), width=2)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            d.text((xs[c] + 12, ys[r] + 20), v, font=f, fill=BLACK)
    d.text((100, ys[-1] + 40), "合计金额（大写）：壹仟伍佰伍拾伍元伍角整　　附单据 3 张", font=f, fill=BLACK)
    d.text((100, ys[-1] + 110), "部门负责人：　　　财务审核：　　　出纳：　　　报销人：", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["周海峰"], dpi=dpi, ordinary=True)


def c_ord_minutes_vocab(rng: random.Random) -> Case:
    """Ordinary: 会议纪要 using 内部控制, 敏感性分析, 保守商业秘密, 机密性 in ordinary sentences."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(CJK, pt(12, dpi))
    centred(d, img.size[0], 200, "财务管理委员会第四次会议纪要", font(CJK, pt(18, dpi)))
    body = [
        "　　时间：2026年11月18日上午10:00　地点：公司本部806会议室",
        "　　会议听取了审计部关于内部控制体系建设情况的汇报，讨论了2027年投资项目的敏感性分析结果。",
        "　　会议认为，各部门应加强内部管理，完善内部审计制度，切实保守商业秘密，防止数据泄露。",
        "　　会议要求信息中心评估云平台的数据机密性和完整性保障措施，并于12月底前提交报告。",
        "　　会议同意对价格敏感的原材料采购实行季度招标。",
        "　　出席：委员会全体委员。列席：审计部、信息中心。",
    ]
    body_lines(d, body, 150, 380, f, 80)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["王丽娟"], dpi=dpi, ordinary=True)


def c_ord_checkboxes(rng: random.Random) -> Case:
    """Ordinary: a satisfaction survey — a grid of 5-point checkboxes, some ticked by hand."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 130), "Customer Satisfaction Survey", font(BOLD, pt(16, dpi)))
    f = font(SANS, pt(10, dpi))
    qs = [
        "Ease of booking",
        "Waiting time",
        "Staff courtesy",
        "Cleanliness",
        "Value for money",
        "Information given",
        "Accessibility",
        "Overall experience",
    ]
    heads = ["Very poor", "Poor", "Fair", "Good", "Excellent"]
    for c, h in enumerate(heads):
        text(d, (700 + c * 170, 300), h, font(SANS, pt(8, dpi)))
    for r, q in enumerate(qs):
        y = 380 + r * 110
        text(d, (150, y), f"{r + 1}. {q}", f)
        tick = rng.randrange(5)
        for c in range(5):
            x = 730 + c * 170
            d.rectangle((x, y - 5, x + 50, y + 45), outline=BLACK, width=3)
            if c == tick:
                d.line((x + 8, y + 20, x + 22, y + 38, x + 48, y - 10), fill=BLUE_INK, width=6)
    text(d, (150, 1350), "Would you recommend us?   [ ] Yes   [ ] No   [ ] Not sure", f)
    text(d, (150, 1440), "Form SQ-7 rev. 04/2026", font(SANS, pt(8, dpi)), (100, 100, 100))
    out = scan(img, rng)
    return Case([out], [], terms=["Annika Lindqvist"], dpi=dpi, ordinary=True)


def c_ord_letterhead(rng: random.Random) -> Case:
    """Ordinary: letterhead with a coloured band, company and VAT numbers, an INTERNAL AUDIT phrase."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, img.size[0], 230), fill=(0, 92, 120))
    text(d, (150, 70), "Calder & Finch Engineering", font(SERIF_BOLD, pt(20, dpi)), (255, 255, 255))
    text(d, (150, 160), "Structural · Civil · Geotechnical", font(SANS, pt(10, dpi)), (210, 235, 240))
    f = font(SERIF, pt(11, dpi))
    lines = [
        "2 December 2026",
        "",
        "Dear colleagues,",
        "",
        "The internal audit team will review project close-out files in January. Please",
        "make sure drawings, calculations and site records for projects 2026-014 to",
        "2026-031 are filed by 18 December. The audit follows ISO 9001:2015 clause 9.2.",
        "",
        "Kind regards,",
        "Quality Office",
    ]
    y = 380
    for line in lines:
        text(d, (150, y), line, f)
        y += 62
    d.rectangle((0, 2200, img.size[0], 2339), fill=(0, 92, 120))
    text(
        d,
        (150, 2230),
        "Registered in England No. 04827716 · VAT GB 731 2846 09 · www.calderfinch.co.uk",
        font(SANS, pt(8, dpi)),
        (255, 255, 255),
    )
    out = scan(img, rng)
    return Case([out], [], terms=["Chidi Okonkwo"], dpi=dpi, ordinary=True)


def c_ord_chart(rng: random.Random) -> Case:
    """Ordinary: a line chart of yearly figures with axis numbers, legend and a caption."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 130), "Figure 3. Passenger numbers, 2019-2026 (thousands)", font(BOLD, pt(12, dpi)))
    x0, y0, w, h = 300, 1300, 1100, 900
    d.line((x0, y0, x0 + w, y0), fill=BLACK, width=3)
    d.line((x0, y0, x0, y0 - h), fill=BLACK, width=3)
    f = font(SANS, pt(9, dpi))
    for k in range(6):
        y = y0 - k * h / 5
        d.line((x0 - 10, y, x0 + w, y), fill=(210, 210, 210), width=1)
        text(d, (x0 - 110, y - 18), f"{k * 400:,}", f)
    years = list(range(2019, 2027))
    series = {"Rail": [1620, 480, 910, 1350, 1510, 1580, 1640, 1702], "Bus": [980, 610, 720, 840, 905, 930, 951, 977]}
    colours = {"Rail": (200, 40, 40), "Bus": (30, 90, 180)}
    for name, vals in series.items():
        pts = [(x0 + 60 + i * (w - 120) / 7, y0 - v / 2000 * h) for i, v in enumerate(vals)]
        d.line(pts, fill=colours[name], width=5)
        for p in pts:
            d.ellipse((p[0] - 8, p[1] - 8, p[0] + 8, p[1] + 8), fill=colours[name])
    for i, yr in enumerate(years):
        text(d, (x0 + 30 + i * (w - 120) / 7, y0 + 15), str(yr), f)
    for k, name in enumerate(series):
        d.rectangle((1150, 420 + k * 60, 1190, 440 + k * 60), fill=colours[name])
        text(d, (1210, 410 + k * 60), name, f)
    text(d, (150, 1420), "Source: operator returns. 2020 and 2021 affected by travel restrictions.", f)
    out = scan(img, rng)
    return Case([out], [], terms=["Rupert Vandersloot"], dpi=dpi, ordinary=True)


def c_ord_isbn(rng: random.Random) -> Case:
    """Ordinary: a reading list with ISBN-13s in dashed groups and call numbers."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    text(d, (150, 130), "Reading list — Public Administration (PA201)", font(BOLD, pt(14, dpi)))
    books = [
        ("Public Management and Governance", "978-0-415-50287-6", "JF1351 .P83"),
        ("The New Public Service", "978-1-138-89123-5", "JK421 .D46"),
        ("Governing the Commons", "978-1-107-56978-2", "HD1286 .O76"),
        ("Seeing Like a State", "978-0-300-07815-2", "HD87.5 .S365"),
        ("Street-Level Bureaucracy", "978-0-87154-544-2", "HV91 .L55"),
    ]
    f = font(SANS, pt(10, dpi))
    y = 280
    for title, isbn, call in books:
        text(d, (150, y), title, font(SERIF, pt(11, dpi)))
        text(d, (150, y + 55), f"ISBN {isbn}    Shelf {call}", f, (60, 60, 60))
        y += 150
    text(d, (150, y + 40), "Library opening hours 08:30-21:00, term weeks 1-12.", f)
    out = scan(img, rng)
    return Case([out], [], terms=["Eleanor Haverford"], dpi=dpi, ordinary=True)


CASES: dict[str, Callable[[random.Random], Case]] = {
    "qingshi": c_qingshi,
    "pifu": c_pifu,
    "huiyi_tongzhi": c_huiyi_tongzhi,
    "han_email": c_han_email,
    "renmian_biao": c_renmian_biao,
    "dengji_comb": c_dengji_comb,
    "receipt_photo": c_receipt_photo,
    "chuanpiao": c_chuanpiao,
    "hr_sheet": c_hr_sheet,
    "discharge": c_discharge,
    "delivery_hand": c_delivery_hand,
    "split_pages": c_split_pages,
    "rotated_memo": c_rotated_memo,
    "photocopy": c_photocopy,
    "stamp_letter": c_stamp_letter,
    "expense_claim": c_expense_claim,
    "ord_budget": c_ord_budget,
    "ord_holiday": c_ord_holiday,
    "ord_agenda": c_ord_agenda,
    "ord_reimburse": c_ord_reimburse,
    "ord_minutes_vocab": c_ord_minutes_vocab,
    "ord_checkboxes": c_ord_checkboxes,
    "ord_letterhead": c_ord_letterhead,
    "ord_chart": c_ord_chart,
    "ord_isbn": c_ord_isbn,
}


def main(argv: list[str]) -> int:
    """Generate the cases named in ``argv[1:]`` (all by default) under ``argv[0]``."""
    if not argv:
        print("usage: python -m benchmarks.redteam42 OUTDIR [CASE ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = argv[1:] or list(CASES)
    for i, (key, make) in enumerate(CASES.items(), 1):
        if key in wanted:
            write(make(random.Random(42_000 + i)), out / f"{i:02d}_{key}")
            print(f"{i:02d}_{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
