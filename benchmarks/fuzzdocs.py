"""Random documents for the leak fuzzer, drawn from a declared distribution.

``DISTRIBUTION`` below is the whole of what is drawn: each trait is a weighted choice, made
with one ``random.Random`` per document (seed and index), so a run is reproducible.  A
document is one page: a title, ordinary sentences holding *innocent* words (which must come
through), and 2–4 *planted* items (names as people write them, phone numbers of five
countries with varied separators, grouped Chinese ID numbers, obfuscated e-mails,
classification markings), drawn in the chosen font, size, colours and layout, then printed
through the chosen print effect.

Nothing here prints: the planted text stays in the returned :class:`Doc`, whose ``items``
carry a *kind* (what the fuzzer reports) beside the secret text (what the attacker hunts).
"""

from __future__ import annotations

import io
import math
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

# --- the distribution (weights) -------------------------------------------------------------

DISTRIBUTION: dict[str, dict[str, int]] = {
    # how planted lines are drawn (the body stays plain sans or serif)
    "font": {"sans": 3, "serif": 2, "mono": 2, "handwriting": 1, "outlined": 1, "dot-matrix": 1},
    # planted-line size in points at 300 DPI (a range each; shrunk to fit the line on the page)
    "size": {"5-7pt": 1, "8-11pt": 3, "12-18pt": 3, "19-28pt": 2, "29-40pt": 1},
    # ink on background behind the planted line; isoluminant pairs have equal Rec. 601 luma
    "colour": {
        "black/white": 5,
        "grey/white": 1,
        "pale-grey/white": 1,
        "navy/pale-yellow": 1,
        "white/navy": 1,
        "red/green-isoluminant": 1,
        "blue/dark-red-isoluminant": 1,
        "orange/slate-isoluminant": 1,
    },
    # what happens to the whole page after drawing
    "print": {"clean": 4, "dot-screen": 1, "dither": 1, "blur": 1, "jpeg": 1, "fax-100-150dpi": 1, "skew": 1},
    # where the planted items sit
    "layout": {
        "lines": 4,
        "mirrored-line": 1,
        "watermark": 1,
        "comb-form": 1,
        "table": 1,
        "barcode": 2,
        "vertical-cjk": 1,
    },
    "script": {"latin": 3, "chinese": 1},  # the body's language
    "container": {"png": 3, "pdf-scan": 1},
    # the planted items (2–4 per document)
    "item": {
        "name.listed": 2,
        "name.middle-initial": 2,
        "name.surname-first": 2,
        "name.honorific": 1,
        "name.cn": 2,
        "phone.cn-mobile": 2,
        "phone.cn-landline": 2,
        "phone.hk": 1,
        "phone.tw": 1,
        "phone.gb": 1,
        "phone.us": 1,
        "id.cn": 2,
        "email.plain": 1,
        "email.obfuscated": 2,
        "marking.cn": 2,
    },
}
# one more adversarial twist per document, drawn with a generator of its own (``_twist_rng``) so
# every document drawn before twists existed is drawn the same way (its twist aside)
TWISTS: dict[str, int] = {
    "none": 6,
    "code-other-symbology": 2,  # a planted item in DataMatrix, PDF417, Aztec, Code 93 or ITF
    "yellow-ink": 1,  # a planted line in yellow on white (luma ~200: faint in grey)
    "faint-scan": 1,  # the whole page's contrast squeezed to a quarter (a light photocopy)
    "name-caps-surname-first": 1,  # a listed name as passports write it: GRANT Olivia
    "name-initial": 1,  # O. Grant, O.J. Grant
    "bank-card": 1,  # a Luhn-valid card number grouped 4-4-4-4(-3)
    "upside-down-line": 1,  # one planted line turned 180°
    "stamp-over": 1,  # a red stamp ring across a planted line
    "margin-number": 1,  # an ID number written up the margin (turned 90°)
    "cn-report-lures": 2,  # ordinary report words that look like markings or addresses
    "colour-band": 2,  # a planted line on a band of another colour (``bandpages``' readable pairs), then printed
}
DISTRIBUTION["twist"] = TWISTS
TRAITS = ("font", "size", "colour", "print", "layout", "script", "container")  # drawn in this order
ITEMS_PER_DOC = (2, 4)
W, H = 2000, 1400  # px at 300 DPI: a shortened page keeps a run of 200 within hours
DPI = 300
MARGIN = 110

FONTS = {
    "sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "mono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "handwriting": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",  # jittered per glyph
    "outlined": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # stroked, hollow
    "dot-matrix": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",  # kept on a dot grid
}
CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
COLOURS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "black/white": ((0, 0, 0), (255, 255, 255)),
    "grey/white": ((110, 110, 110), (255, 255, 255)),
    "pale-grey/white": ((175, 175, 175), (255, 255, 255)),
    "navy/pale-yellow": ((20, 30, 110), (255, 246, 190)),
    "white/navy": ((255, 255, 255), (20, 30, 110)),
    "red/green-isoluminant": ((220, 0, 0), (0, 112, 0)),  # luma 66 / 66
    "blue/dark-red-isoluminant": ((0, 0, 200), (76, 0, 0)),  # luma 23 / 23
    "orange/slate-isoluminant": ((230, 120, 0), (110, 165, 190)),  # luma 151 / 151
}

# --- what is planted -----------------------------------------------------------------------

LISTED = ("Olivia Grant", "Priya Raman", "Daniel Okafor", "Margaret Holloway", "Eleanor Whitfield", "Thomas Brennan")
MIDDLE = {"Olivia Grant": "J.", "Priya Raman": "K.", "Daniel Okafor": "A.", "Margaret Holloway": "E.",
          "Eleanor Whitfield": "R.", "Thomas Brennan": "P."}  # fmt: skip
HONORIFICS = ("Dr", "Dr.", "Ms", "Mrs.", "Mr", "Mr.")
CN_NAMES = ("张伟", "陈志明", "王秀英", "李娜", "刘洋")
CN_SUFFIX = ("", "先生", "女士", "同志")
MARKINGS = ("绝密", "机密★1年", "秘密★10年", "绝密★长期", "机密 ★ 5年", "機密★2年")
EMAIL_LOCALS = ("k.whitcombe", "lwen88", "m.delacroix", "s.oyelaran", "hjorth.anna", "zhou.min")
EMAIL_DOMAINS = ("northwind-trading.com", "harrowgate.co.uk", "meridian-labs.org", "example.cn")
CN_REGIONS = ("110101", "310104", "440304", "320102", "330106", "440106")
CN_MOBILE_PREFIX = ("139", "138", "186", "150", "177", "133", "159")

INNOCENT_EN = (
    "committee", "quarterly", "budget", "schedule", "archive", "warehouse", "inventory", "shipment",
    "maintenance", "calibration", "procurement", "forecast", "turbine", "pipeline", "contractor", "survey",
)  # fmt: skip
INNOCENT_ZH = ("档案馆", "预算", "会议纪要", "仓库", "设备维护", "采购计划", "内部控制", "敏感性分析", "公司内部",
               "保守商业秘密", "进度安排", "2.4.0.1版本")  # fmt: skip
TEMPLATES_EN = (
    "The {0} reviewed the {1} and the {2} on Tuesday.",
    "Please check the {0} before the {1} is closed.",
    "A note on the {0}: the {1} and {2} are on track.",
)
TEMPLATES_ZH = ("本周{0}与{1}已完成。", "请在周五前提交{0}和{1}。", "{0}按{1}执行。")
LABELS = ("Contact:", "Prepared by", "Tel.", "Ref.", "Owner:", "Copy to", "联系人：", "电话：")


@dataclass(frozen=True, slots=True)
class Item:
    kind: str  # what the fuzzer reports
    written: str  # as drawn on the page (secret)
    secrets: tuple[str, ...]  # any of these read back = recovered
    term: str = ""  # the listed form given to --terms ("" for personal data the packs find)
    cjk: bool = False


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    traits: dict[str, str]
    items: tuple[Item, ...]
    innocent: tuple[str, ...]
    lang: str
    path: Path


def _pick(rng: random.Random, trait: str) -> str:
    table = DISTRIBUTION[trait]
    return rng.choices(list(table), weights=list(table.values()))[0]


# --- item generators -----------------------------------------------------------------------


def _phone(rng: random.Random, region: str, make: Callable[[], tuple[str, str]]) -> str:
    """A valid number of ``region`` (phonenumbers says so) written in one of its formats."""
    import phonenumbers

    for _ in range(200):
        national, written = make()
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(national, region)):
                return written
        except phonenumbers.NumberParseException:
            continue
    raise RuntimeError(f"no valid {region} number drawn")


def _digits(rng: random.Random, n: int, first: str = "23456789") -> str:
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _cn_mobile(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        p, a, b = rng.choice(CN_MOBILE_PREFIX), _digits(rng, 4, "0123456789"), _digits(rng, 4, "0123456789")
        forms = (f"{p} {a} {b}", f"{p}-{a}-{b}", f"{p}.{a}.{b}", f"{p}·{a}·{b}", f"+86 {p} {a} {b}", f"(+86) {p}{a}{b}")
        return p + a + b, rng.choice(forms)

    return _phone(rng, "CN", make)


def _cn_landline(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        area = rng.choice(("010", "021", "0755", "0571", "020"))
        n = _digits(rng, 8)
        a, b = n[:4], n[4:]
        forms = (f"{area}-{a} {b}", f"({area}) {a}-{b}", f"{area} {a} {b}", f"+86 {area[1:]} {a} {b}", f"{area}-{n}")
        return area + n, rng.choice(forms)

    return _phone(rng, "CN", make)


def _hk(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        n = _digits(rng, 8, "2369")
        forms = (f"+852 {n[:4]} {n[4:]}", f"(852) {n[:4]}-{n[4:]}", f"+852-{n[:4]}-{n[4:]}")
        return n, rng.choice(forms)

    return _phone(rng, "HK", make)


def _tw(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        if rng.random() < 0.5:
            n = _digits(rng, 8)
            return "02" + n, rng.choice((f"(02) {n[:4]}-{n[4:]}", f"+886 2 {n[:4]} {n[4:]}", f"02-{n[:4]}-{n[4:]}"))
        m = "9" + _digits(rng, 8, "0123456789")
        return "0" + m, rng.choice((f"0{m[:3]}-{m[3:6]}-{m[6:]}", f"+886 {m[:3]} {m[3:6]} {m[6:]}"))

    return _phone(rng, "TW", make)


def _gb(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        if rng.random() < 0.5:
            n = "7" + _digits(rng, 7, "3456789")
            forms = (f"020 {n[:4]} {n[4:]}", f"+44 (0)20 {n[:4]} {n[4:]}", f"+44 20 {n[:4]} {n[4:]}")
            return "020" + n, rng.choice(forms)
        m = "7" + rng.choice("45789") + _digits(rng, 8, "0123456789")
        return "0" + m, rng.choice((f"0{m[:4]} {m[4:]}", f"+44 {m[:4]} {m[4:]}", f"0{m[:4]}-{m[4:]}"))

    return _phone(rng, "GB", make)


def _us(rng: random.Random) -> str:
    def make() -> tuple[str, str]:
        area = rng.choice(("212", "415", "617", "312", "206", "646"))
        ex, line = _digits(rng, 3), _digits(rng, 4, "0123456789")
        forms = (f"({area}) {ex}-{line}", f"{area}.{ex}.{line}", f"+1 {area} {ex} {line}", f"1-{area}-{ex}-{line}")
        return area + ex + line, rng.choice(forms)

    return _phone(rng, "US", make)


def cn_id(rng: random.Random) -> str:
    """A Chinese resident ID number python-stdnum holds valid (region in use at the birth
    date, check digit)."""
    from stdnum.cn import ric

    for _ in range(500):
        born = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        body = rng.choice(CN_REGIONS) + born + _digits(rng, 3, "0123456789")
        number = body + ric.calc_check_digit(body + "0")
        if ric.is_valid(number):
            return number
    raise RuntimeError("no valid ID number drawn")


def _id_written(rng: random.Random, number: str) -> str:
    forms = (
        number,
        f"{number[:6]} {number[6:10]} {number[10:14]} {number[14:]}",
        f"{number[:6]}-{number[6:14]}-{number[14:]}",
        f"{number[:6]} {number[6:14]} {number[14:]}",
    )
    return rng.choice(forms)


def _email(rng: random.Random, obfuscated: bool) -> tuple[str, str]:
    local, domain = rng.choice(EMAIL_LOCALS), rng.choice(EMAIL_DOMAINS)
    if not obfuscated:
        return f"{local}@{domain}", local
    name, _, tld = domain.rpartition(".")
    forms = (f"{local} [at] {domain}", f"{local}(at){domain}", f"{local} at {name} dot {tld}", f"{local}＠{domain}")
    return rng.choice(forms), local


def item(rng: random.Random, kind: str) -> Item:
    """One planted item of ``kind`` (see DISTRIBUTION["item"])."""
    if kind.startswith("name.") and kind != "name.cn":
        listed = rng.choice(LISTED)
        given, surname = listed.split()
        if kind == "name.middle-initial":
            written = f"{given} {MIDDLE[listed]} {surname}"
        elif kind == "name.surname-first":
            written = rng.choice((f"{surname}, {given}", f"{surname.upper()}, {given}"))
        elif kind == "name.honorific":
            return Item(kind, f"{rng.choice(HONORIFICS)} {listed}", (listed,), listed)
        else:
            written = listed
        return Item(kind, written, (written,), listed)
    if kind == "name.cn":
        name = rng.choice(CN_NAMES)
        spaced = " ".join(name) if rng.random() < 0.3 else name
        return Item(kind, spaced + rng.choice(CN_SUFFIX), (name,), name, cjk=True)
    phones: dict[str, Callable[[random.Random], str]] = {
        "phone.cn-mobile": _cn_mobile, "phone.cn-landline": _cn_landline, "phone.hk": _hk, "phone.tw": _tw,
        "phone.gb": _gb, "phone.us": _us,
    }  # fmt: skip
    if kind in phones:
        written = phones[kind](rng)
        return Item(kind, written, (written,))
    if kind == "id.cn":
        written = _id_written(rng, cn_id(rng))
        return Item(kind, written, (written,))
    if kind.startswith("email."):
        written, local = _email(rng, kind == "email.obfuscated")
        return Item(kind, written, (written, local))
    if kind == "marking.cn":
        written = rng.choice(MARKINGS)
        return Item(kind, written, (written.split("★")[0].strip(),), cjk=True)
    raise ValueError(kind)


# --- drawing -------------------------------------------------------------------------------


def _size_px(rng: random.Random, bucket: str) -> int:
    lo, hi = (int(v) for v in bucket.removesuffix("pt").split("-"))
    return round(rng.uniform(lo, hi) * DPI / 72)


def _font(style: str, size: int, cjk: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(CJK if cjk else FONTS.get(style, FONTS["sans"]), size)


def _fit(draw: ImageDraw.ImageDraw, text: str, style: str, size: int, cjk: bool, room: int) -> ImageFont.FreeTypeFont:
    f = _font(style, size, cjk)
    while size > 12 and draw.textlength(text, font=f) > room:
        size = int(size * 0.9)
        f = _font(style, size, cjk)
    return f


def _dot_grid(mask: Image.Image, pitch: int) -> Image.Image:
    """Dot-matrix print: the glyphs' mask kept only at round dots on a grid."""
    a = np.asarray(mask, dtype=np.uint8) > 127
    out = Image.new("L", mask.size, 0)
    d = ImageDraw.Draw(out)
    r = max(1, pitch * 0.42)
    for y in range(pitch // 2, mask.height, pitch):
        for x in np.nonzero(a[y, pitch // 2 :: pitch])[0]:
            cx = pitch // 2 + int(x) * pitch
            d.ellipse((cx - r, y - r, cx + r, y + r), fill=255)
    return out


def text_mask(text: str, style: str, f: ImageFont.FreeTypeFont, rng: random.Random) -> Image.Image:
    """The text's ink as a mask (255 = ink) in the given style: plain, hollow, dot-matrix or
    jittered glyph by glyph (handwriting-like)."""
    left, top, right, bottom = (int(v) for v in f.getbbox(text))
    size = int(f.size)
    pad = size // 2
    mask = Image.new("L", (int(right - left) + 2 * pad + size, int(bottom - top) + 2 * pad), 0)
    d = ImageDraw.Draw(mask)
    if style == "handwriting":
        x = float(pad)
        for ch in text:
            glyph = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(glyph).text((size // 2, size // 3), ch, font=f, fill=255)
            glyph = glyph.rotate(rng.uniform(-9, 9), resample=Image.Resampling.BICUBIC)
            dy = int(rng.uniform(-0.08, 0.08) * size)
            mask.paste(255, (int(x) - size // 2, pad - top - size // 3 + dy), glyph)
            x += f.getlength(ch) * rng.uniform(0.92, 1.05)
        return mask
    if style == "outlined":
        stroke = max(1, size // 16)
        d.text((pad, pad - top), text, font=f, fill=0, stroke_width=stroke, stroke_fill=255)
        return mask
    d.text((pad, pad - top), text, font=f, fill=255)
    if style == "dot-matrix":
        return _dot_grid(mask, max(3, size // 7))
    return mask


def _paste_text(
    img: Image.Image, at: tuple[int, int], mask: Image.Image, ink: tuple[int, int, int], bg: tuple[int, int, int] | None
) -> tuple[int, int]:
    x, y = at
    if bg is not None:
        ImageDraw.Draw(img).rectangle((x - 12, y - 6, x + mask.width + 12, y + mask.height + 6), fill=bg)
    img.paste(ink, (x, y), mask)
    return mask.width, mask.height


def _body(rng: random.Random, zh: bool, avoid: tuple[str, ...]) -> tuple[list[str], tuple[str, ...]]:
    """Three ordinary sentences and the innocent words in them (none holding an ``avoid``
    secret: a planted 秘密 must not be found inside 保守商业秘密)."""
    pool = [w for w in (INNOCENT_ZH if zh else INNOCENT_EN) if not any(a in w for a in avoid)]
    words = rng.sample(pool, 6)
    templates = TEMPLATES_ZH if zh else TEMPLATES_EN
    lines, used = [], []
    for n in range(3):
        t = templates[n % len(templates)]
        k = t.count("{")
        chosen = words[n * 2 : n * 2 + k] if n * 2 + k <= len(words) else words[:k]
        lines.append(t.format(*chosen))
        used += chosen
    return lines, tuple(dict.fromkeys(used))


def _barcode(payload: str, kind: str, module: int) -> Image.Image:
    import zxingcpp

    fmt = {"code39": zxingcpp.BarcodeFormat.Code39, "code128": zxingcpp.BarcodeFormat.Code128}.get(
        kind, zxingcpp.BarcodeFormat.QRCode
    )
    code = zxingcpp.create_barcode(payload.upper() if kind == "code39" else payload, fmt)
    return Image.fromarray(np.asarray(code.to_image(scale=module))).convert("L")


def _code_payload(it: Item) -> str:
    if it.kind.startswith(("id.", "phone.")):
        return "".join(ch for ch in it.written if ch.isdigit() or ch in "+X")
    return unicodedata.normalize("NFKC", it.written)  # a full-width ＠ as the code's Latin-1 @


# --- print effects -------------------------------------------------------------------------


def _dot_screen(img: Image.Image, cell: int = 6) -> Image.Image:
    """Clustered-dot halftone of the grey image (each channel for colour pages)."""
    yy, xx = np.mgrid[0:cell, 0:cell]
    c = (cell - 1) / 2
    order = np.argsort(((yy - c) ** 2 + (xx - c) ** 2).ravel()).argsort().reshape(cell, cell)
    thresh = (order + 0.5) / (cell * cell) * 255
    a = np.asarray(img.convert("RGB"), dtype=np.float32)
    t = np.tile(thresh, (a.shape[0] // cell + 1, a.shape[1] // cell + 1))[: a.shape[0], : a.shape[1]]
    out = np.where(a < t[..., None], 0, 255).astype(np.uint8)
    return Image.fromarray(out)


def _print(img: Image.Image, effect: str, rng: random.Random) -> tuple[Image.Image, int, int]:
    """The page through ``effect``: (image, its DPI, JPEG quality or 0 for lossless)."""
    if effect == "dot-screen":
        return _dot_screen(img, rng.choice((5, 6, 8))), DPI, 0
    if effect == "dither":
        return img.convert("L").convert("1").convert("L"), DPI, 0
    if effect == "blur":
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(1.2, 2.6))), DPI, 0
    if effect == "jpeg":
        return img, DPI, rng.randint(12, 35)
    if effect == "skew":
        return img.rotate(rng.uniform(-4, 4), expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC), DPI, 0
    if effect == "fax-100-150dpi":
        dpi = rng.choice((100, 120, 150))
        k = dpi / DPI
        small = img.convert("L").resize((int(img.width * k), int(img.height * k)), Image.Resampling.BOX)
        noise = np.asarray(small, dtype=np.float32) + np.random.default_rng(rng.randint(0, 1 << 30)).normal(
            0, 18, (small.height, small.width)
        )
        return Image.fromarray(np.where(noise < 150, 0, 255).astype(np.uint8)), dpi, 0
    return img, DPI, 0


# --- one document --------------------------------------------------------------------------


def _items(rng: random.Random, layout: str) -> tuple[Item, ...]:
    n = rng.randint(*ITEMS_PER_DOC)
    kinds = [_pick(rng, "item") for _ in range(n)]
    if layout == "vertical-cjk" and not any(k in ("name.cn", "marking.cn") for k in kinds):
        kinds[0] = rng.choice(("name.cn", "marking.cn"))
    if layout == "barcode" and not any(k.startswith(("id.", "phone.", "email.")) for k in kinds):
        kinds[0] = rng.choice(("id.cn", "email.plain", "phone.cn-mobile"))
    return tuple(item(rng, k) for k in kinds)


def make(seed: int, index: int, dest: Path) -> Doc:
    """Document number ``index`` of the run with ``seed``, written into ``dest``."""
    rng = random.Random(seed * 1_000_003 + index)
    traits = {trait: _pick(rng, trait) for trait in TRAITS}
    layout, style = traits["layout"], traits["font"]
    items = _items(rng, layout)
    zh = traits["script"] == "chinese"
    ink, bg = COLOURS[traits["colour"]]
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    body_font = _font(rng.choice(("sans", "serif")), 46, zh)
    y = MARGIN
    markings = [it for it in items if it.kind == "marking.cn"]
    others = [it for it in items if it.kind != "marking.cn"]
    for it in markings if layout != "vertical-cjk" else []:  # markings sit in the header band
        f = _fit(d, it.written, style, _size_px(rng, traits["size"]), True, W - 2 * MARGIN)
        mask = text_mask(it.written, style if style != "handwriting" else "sans", f, rng)
        if rng.random() < 0.5:
            ImageDraw.Draw(img).rectangle(
                (MARGIN - 16, y - 8, MARGIN + mask.width + 16, y + mask.height + 8), outline=ink, width=4
            )
        _, h = _paste_text(img, (MARGIN, y), mask, ink, bg if bg != (255, 255, 255) else None)
        y += h + 30
    title = "季度工作报告" if zh else "Quarterly operations note"
    d.text((MARGIN, y), title, font=_font("sans", 60, zh), fill=0)
    y += 110
    lines, innocent = _body(rng, zh, tuple(s for it in items for s in it.secrets))
    for line in lines:
        d.text((MARGIN, y), line, font=body_font, fill=0)
        y += 80
    y += 20
    terms = [it.term for it in items if it.term]
    if layout == "watermark":
        listed = rng.choice(LISTED)
        wm = Item("watermark.name", f"COPY FOR {listed.upper()}", (listed,), listed)
        items = (*items, wm)
        terms.append(listed)
        _watermark(img, wm.written, rng)
    if layout == "comb-form":
        y = _comb(img, others, y, rng)
    elif layout == "table":
        y = _table(img, others, y, rng, zh)
    elif layout == "barcode":
        y, coded, code = _codes(img, others, y, rng)  # reported by the code's format
        items = tuple(replace(it, kind=f"code.{code}") if it is coded else it for it in items)
    elif layout == "vertical-cjk":
        _vertical(img, [it for it in items if it.cjk], rng, style)
        y = _lines(img, [it for it in others if not it.cjk], y, rng, style, traits["size"], ink, bg, False)
    else:
        y = _lines(img, others, y, rng, style, traits["size"], ink, bg, layout == "mirrored-line")
    trng = _twist_rng(seed, index)
    twist = _pick(trng, "twist")
    traits["twist"] = twist
    avoid = tuple(sec for it in items for sec in it.secrets)
    extra, lures = _twist(img, twist, trng, y, avoid)
    items = (*items, *extra)
    innocent = (*innocent, *lures)
    printed, dpi, quality = _print(img, traits["print"], rng)
    if twist == "faint-scan":
        printed = printed.point(lambda v: 255 - (255 - v) // 4)
    doc_id = f"s{seed}-{index:04d}"
    lang = "chi_sim+eng" if zh or twist == "cn-report-lures" or any(it.cjk for it in items) else "eng"
    path = _save(printed, dest / doc_id, dpi, quality, traits["container"])
    return Doc(doc_id, traits, items, innocent, lang, path)


def _save(img: Image.Image, base: Path, dpi: int, quality: int, container: str) -> Path:
    base.parent.mkdir(parents=True, exist_ok=True)
    if container == "pdf-scan":
        import img2pdf

        buf = io.BytesIO()
        if quality:
            img.convert("RGB").save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        else:
            img.save(buf, "PNG", dpi=(dpi, dpi))
        path = base.with_suffix(".pdf")
        layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
        path.write_bytes(img2pdf.convert(buf.getvalue(), layout_fun=layout))
        return path
    if quality:
        path = base.with_suffix(".jpg")
        img.convert("RGB").save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
        return path
    path = base.with_suffix(".png")
    img.save(path, dpi=(dpi, dpi))
    return path


def _wide(it: Item) -> bool:
    """Whether an item is drawn in the CJK font: Chinese, or holding a full-width form such as
    ``＠`` that the Latin fonts lack (drawn in them it would be an empty box, not an at sign)."""
    return it.cjk or any(0xFF00 <= ord(ch) <= 0xFFEF for ch in it.written)


def _label(rng: random.Random, it: Item) -> str:
    return rng.choice(LABELS[6:] if it.cjk else LABELS[:6])


def _lines(
    img: Image.Image,
    items: list[Item],
    y: int,
    rng: random.Random,
    style: str,
    size: str,
    ink: tuple[int, int, int],
    bg: tuple[int, int, int],
    mirror_one: bool,
) -> int:
    d = ImageDraw.Draw(img)
    mirrored = rng.randrange(len(items)) if mirror_one and items else -1
    for n, it in enumerate(items):
        text = f"{_label(rng, it)} {it.written}"
        f = _fit(d, text, style, _size_px(rng, size), _wide(it), W - 2 * MARGIN)
        mask = text_mask(text, style, f, rng)
        if y + mask.height > H - 20:
            y = H - 20 - mask.height
        if n == mirrored:  # show-through from the back of the sheet: mirrored and lighter
            mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT).point(lambda v: v * 0.7)
        _, h = _paste_text(img, (MARGIN, y), mask, ink, bg if bg != (255, 255, 255) else None)
        y += h + 24
    return y


def _watermark(img: Image.Image, text: str, rng: random.Random) -> None:
    """A personalised diagonal watermark in light grey across the page (under the text)."""
    f = _font("sans", rng.randint(90, 130), False)
    layer = Image.new("L", (int(W * 1.2), 220), 0)
    ImageDraw.Draw(layer).text((20, 20), text, font=f, fill=255)
    angle = math.degrees(math.atan2(H, W)) + rng.uniform(-6, 6)
    turned = layer.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    level = rng.randint(195, 228)
    grey = Image.new("RGB", turned.size, (level, level, level))
    base = img.copy()
    base.paste(grey, ((W - turned.width) // 2, (H - turned.height) // 2), turned)
    arr = np.minimum(np.asarray(img), np.asarray(base))  # under the ink: the darker wins
    img.paste(Image.fromarray(arr))


def _comb(img: Image.Image, items: list[Item], y: int, rng: random.Random) -> int:
    """A paper form: a label, then one character per box of a comb field."""
    d = ImageDraw.Draw(img)
    box = rng.randint(46, 70)
    f = _font("mono", int(box * 0.7), False)
    for it in items:
        text = it.written if not it.cjk else it.written.replace(" ", "")
        label = "姓名" if it.cjk else rng.choice(("Surname / Name", "Telephone", "ID number", "Field"))
        d.text((MARGIN, y), label, font=_font("sans", 36, it.cjk), fill=0)
        y += 52
        x = MARGIN
        b = min(box, (W - 2 * MARGIN) // max(1, len(text)))  # the whole item fits the field
        fb = f if b == box else _font("mono", int(b * 0.7), False)
        for ch in text:
            d.rectangle((x, y, x + b, y + b), outline=0, width=3)
            if ch != " ":
                cf = _font("mono", int(b * 0.7), it.cjk) if it.cjk else fb
                d.text((x + b * 0.18, y + b * 0.1), ch, font=cf, fill=0)
            x += b
        y += b + 30
        if y > H - box - 40:
            break
    return y


def _table(img: Image.Image, items: list[Item], y: int, rng: random.Random, zh: bool) -> int:
    d = ImageDraw.Draw(img)
    head = ("项目", "内容", "备注") if zh else ("Field", "Value", "Notes")
    rows = [head] + [(it.kind.split(".")[0].title() if not zh else "记录", it.written, "ok") for it in items]
    widths = (380, 1100, W - 2 * MARGIN - 1480)
    rh = 70
    for r, row in enumerate(rows):
        x = MARGIN
        for c, cell in enumerate(row):
            d.rectangle((x, y, x + widths[c], y + rh), outline=0, width=3, fill=(225, 225, 225) if r == 0 else None)
            cjk = any(ord(ch) > 0x2E80 for ch in cell)
            f = _fit(d, cell, "sans", 38, cjk, widths[c] - 20)
            d.text((x + 10, y + 14), cell, font=f, fill=0)
            x += widths[c]
        y += rh
        if y > H - rh - 20:
            break
    return y + 30


def _codes(img: Image.Image, items: list[Item], y: int, rng: random.Random) -> tuple[int, Item, str]:
    """The first item that fits a code goes into one (Code 39, Code 128 or QR); an innocent
    code stands beside it; the other items are written as lines."""
    coded = next(it for it in items if it.kind.startswith(("id.", "phone.", "email.")))
    kinds = ("code128", "qr") if coded.kind.startswith("email.") else ("code39", "code128", "qr")
    kind = rng.choice(kinds)
    sym = _barcode(_code_payload(coded), kind, rng.randint(2, 4) if kind != "qr" else rng.randint(5, 9))
    if sym.width > W - 2 * MARGIN:
        sym = sym.resize((W - 2 * MARGIN, sym.height), Image.Resampling.NEAREST)
    top = min(y, H - sym.height - 20)
    img.paste(sym, (MARGIN, top))
    innocent = _barcode(f"INV-{rng.randint(1000, 9999)}", "qr", 6)
    img.paste(innocent, (W - MARGIN - innocent.width, max(20, top - innocent.height - 10)))
    d = ImageDraw.Draw(img)
    yy = top + sym.height + 20
    for it in items:
        if it is coded:
            continue
        if yy > H - 70:
            break
        d.text((MARGIN, yy), f"{_label(rng, it)} {it.written}", font=_font("sans", 42, _wide(it)), fill=0)
        yy += 70
    return yy, coded, kind


def _vertical(img: Image.Image, items: list[Item], rng: random.Random, style: str) -> None:
    """CJK items written top to bottom in columns at the right edge."""
    size = rng.randint(44, 80)
    f = _font("sans", size, True)
    x = W - MARGIN - size
    for it in items:
        yy = MARGIN
        for ch in it.written.replace(" ", ""):
            ImageDraw.Draw(img).text((x, yy), ch, font=f, fill=0)
            yy += int(size * 1.15)
        x -= int(size * 1.8)


# --- twists: adversarial kinds beyond the first distribution ----------------------------------

CODE_SYMBOLOGIES = ("DataMatrix", "PDF417", "Aztec", "Code93", "ITF")
LURES_ZH = ("数据机密性", "内部审计", "秘密投票", "敏感度测试", "v3.10.2.1版", "内部培训")
LURE_TEMPLATES = ("本次{0}与{1}均按计划进行。", "附件为{0}，另见{1}。")
YELLOW = (235, 200, 0)  # luma ~201 on white
STAMP_RED = (210, 30, 40)


def _twist_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"twist-{seed}-{index}")


def _card(rng: random.Random) -> str:
    from stdnum import luhn

    body = "622848" + "".join(rng.choice("0123456789") for _ in range(9))
    number = body + luhn.calc_check_digit(body)
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def _free_y(img: Image.Image, y: int, height: int) -> int:
    return min(max(y, MARGIN), H - height - 20)


def _twist(
    img: Image.Image, twist: str, rng: random.Random, y: int, avoid: tuple[str, ...] = ()
) -> tuple[tuple[Item, ...], tuple[str, ...]]:
    """Draw ``twist`` on the page below ``y``: (items it plants, innocent words it adds; none
    holding an ``avoid`` secret: a planted 机密 must not be found inside the lure 数据机密性)."""
    d = ImageDraw.Draw(img)
    font = _font("sans", 42, False)
    if twist == "none" or twist == "faint-scan":
        return (), ()
    if twist == "cn-report-lures":
        words = rng.sample(LURES_ZH, 4)
        words = [w if not any(a and a in w for a in avoid) else "季度预算" for w in words]
        zh = _font("sans", 42, True)
        for n, t in enumerate(LURE_TEMPLATES):
            d.text((MARGIN, _free_y(img, y + 20 + n * 70, 60)), t.format(*words[n * 2 : n * 2 + 2]), font=zh, fill=0)
        return (), tuple(words)
    if twist == "code-other-symbology":
        import zxingcpp

        kind = rng.choice(("id.cn", "phone.cn-mobile", "email.plain"))
        it = item(rng, kind)
        fmt = rng.choice(CODE_SYMBOLOGIES if kind != "email.plain" else CODE_SYMBOLOGIES[:4])
        payload = _code_payload(it)
        if fmt == "ITF" and len(payload) % 2:
            payload = "0" + payload.lstrip("+")  # ITF holds an even count of digits
        code = zxingcpp.create_barcode(
            payload.lstrip("+") if fmt == "ITF" else payload, getattr(zxingcpp.BarcodeFormat, fmt)
        )
        module = rng.randint(3, 5) if fmt in ("DataMatrix", "Aztec") else 2
        sym = Image.fromarray(np.asarray(code.to_image(scale=module))).convert("RGB")
        if sym.width > W // 2:
            sym = sym.resize((W // 2, sym.height), Image.Resampling.NEAREST)
        img.paste(sym, (W - MARGIN - sym.width, H - sym.height - 30))
        return (replace(it, kind=f"code.{fmt.lower()}"),), ()
    if twist == "colour-band":
        from benchmarks import bandpages

        it = item(rng, rng.choice(("name.listed", "phone.cn-mobile", "id.cn", "email.plain", "phone.gb")))
        band, ink = rng.choice(bandpages.pairs())
        size = round(rng.choice(bandpages.SIZES_PT) * DPI / 72)
        text = f"{rng.choice(LABELS[:6])} {it.written}"
        f = _fit(d, text, "sans", size, False, W - 2 * MARGIN - 40)
        mask = text_mask(text, "sans", f, rng)
        at = (MARGIN + 20, _free_y(img, y + 30, mask.height + 20))
        _paste_text(img, at, mask, bandpages.TEXTS[ink], bandpages.BANDS[band])
        return (replace(it, kind=f"band.{it.kind}"),), ()
    if twist == "margin-number":
        it = item(rng, "id.cn")
        layer = Image.new("L", (900, 70), 0)
        ImageDraw.Draw(layer).text((5, 5), it.written, font=_font("mono", 40, False), fill=255)
        turned = layer.rotate(90, expand=True)
        img.paste((0, 0, 0), (20, max(20, (H - turned.height) // 2)), turned)
        return (it,), ()
    if twist == "name-caps-surname-first":
        listed = rng.choice(LISTED)
        given, surname = listed.split()
        it = Item("name.caps-surname-first", f"{surname.upper()} {given}", (f"{surname.upper()} {given}",), listed)
    elif twist == "name-initial":
        listed = rng.choice(LISTED)
        given, surname = listed.split()
        written = rng.choice((f"{given[0]}. {surname}", f"{given[0]}.{MIDDLE[listed][0]}. {surname}"))
        it = Item("name.initial", written, (written,), listed)
    elif twist == "bank-card":
        written = _card(rng)
        it = Item("card.bank", written, (written,))
    else:
        it = item(rng, rng.choice(("name.listed", "phone.cn-mobile", "id.cn", "email.plain")))
    text = f"{rng.choice(LABELS[:6])} {it.written}"
    mask = text_mask(text, "sans", font, rng)
    at = (MARGIN, _free_y(img, y + 20, mask.height))
    if twist == "upside-down-line":
        mask = mask.rotate(180)
    colour = YELLOW if twist == "yellow-ink" else (0, 0, 0)
    _paste_text(img, at, mask, colour, None)
    if twist == "stamp-over":
        cx, cy, r = at[0] + mask.width // 2, at[1] + mask.height // 2, rng.randint(110, 150)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=STAMP_RED, width=10)
        d.text((cx - r // 2, cy - 20), "APPROVED", font=_font("sans", 34, False), fill=STAMP_RED)
    return (it,), ()
