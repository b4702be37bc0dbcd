"""Shared helpers for the red-team document generators (ocr-sandbox redaction).

Every generator draws a page with PIL, records where each secret was drawn
(page pixel boxes), degrades the page the way a scanner/printer/photo would,
and registers the case in manifest.json via `register()`.
"""
from __future__ import annotations

import io
import json
import math
import os
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
TERMS = ROOT / "terms"
MANIFEST = ROOT / "manifest.json"

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def font(name="sans", size=28):
    if name == "zh":
        return ImageFont.truetype(WQY, size, index=0)
    if name == "zhsharp":
        return ImageFont.truetype(WQY, size, index=1)
    m = {
        "sans": "DejaVuSans.ttf", "sansb": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf",
        "serifb": "DejaVuSerif-Bold.ttf", "mono": "DejaVuSansMono.ttf", "monob": "DejaVuSansMono-Bold.ttf",
        "cond": "DejaVuSansCondensed.ttf", "light": "DejaVuSans-ExtraLight.ttf",
        "serifi": "DejaVuSerif-Italic.ttf", "sansi": "DejaVuSans-Oblique.ttf",
    }
    return ImageFont.truetype(DEJAVU + m[name], size)


def is_cjk(s):
    return any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in s)


def auto_font(text, size, latin="sans"):
    return font("zh" if is_cjk(text) else latin, size)


class Page:
    """A page canvas that remembers where secrets were drawn."""

    def __init__(self, w=2480, h=3508, bg=(255, 255, 255), dpi=300):
        self.img = Image.new("RGB", (w, h), bg)
        self.d = ImageDraw.Draw(self.img)
        self.dpi = dpi
        self.boxes = {}  # secret id -> list of [x0,y0,x1,y1]

    def text(self, xy, s, size=32, fill=(0, 0, 0), f=None, secret=None, spacing=0, anchor="la"):
        f = f or auto_font(s, size)
        x, y = xy
        if spacing:
            x0 = x
            for ch in s:
                self.d.text((x, y), ch, font=f, fill=fill, anchor=anchor)
                x += f.getlength(ch) + spacing
            bb = (x0, y, x, y + size * 1.2)
        else:
            self.d.text((x, y), s, font=f, fill=fill, anchor=anchor)
            bb = self.d.textbbox((x, y), s, font=f, anchor=anchor)
        if secret:
            self.mark(secret, bb)
        return bb

    def mark(self, secret, bb):
        self.boxes.setdefault(secret, []).append([int(v) for v in bb])

    def vtext(self, xy, s, size=40, fill=(0, 0, 0), f=None, secret=None, gap=4):
        """Vertical (top-to-bottom) CJK text column."""
        f = f or font("zh", size)
        x, y = xy
        y0 = y
        for ch in s:
            if ch in "０１２３４５６７８９" or ch.isascii():
                # rotate latin/digits as in real vertical typesetting? keep upright (full-width)
                pass
            self.d.text((x, y), ch, font=f, fill=fill)
            y += size + gap
        bb = (x, y0, x + size, y)
        if secret:
            self.mark(secret, bb)
        return bb

    def rect(self, bb, outline=(0, 0, 0), width=2, fill=None):
        self.d.rectangle(bb, outline=outline, width=width, fill=fill)

    def line(self, a, b, fill=(0, 0, 0), width=2):
        self.d.line([a, b], fill=fill, width=width)

    def paragraph(self, x, y, lines, size=30, fill=(0, 0, 0), lead=1.6, f=None):
        for ln in lines:
            self.text((x, y), ln, size=size, fill=fill, f=f)
            y += int(size * lead)
        return y


def paste_rot(base: Image.Image, patch: Image.Image, xy, angle):
    """Paste an RGBA patch rotated by angle (degrees, ccw) with its centre at xy; return bbox."""
    r = patch.rotate(angle, expand=True, resample=Image.BICUBIC)
    x = int(xy[0] - r.width / 2)
    y = int(xy[1] - r.height / 2)
    base.paste(r, (x, y), r)
    return [x, y, x + r.width, y + r.height]


def text_patch(s, size, fill=(0, 0, 0, 255), f=None, pad=6):
    f = f or auto_font(s, size)
    bb = f.getbbox(s)
    im = Image.new("RGBA", (bb[2] + 2 * pad, bb[3] + 2 * pad), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((pad, pad), s, font=f, fill=fill)
    return im


# ---------------- degradations ----------------

def jpeg(img, q=30):
    b = io.BytesIO()
    img.convert("RGB").save(b, "JPEG", quality=q)
    b.seek(0)
    return Image.open(b).convert("RGB")


def noise(img, sigma=6, seed=1):
    rng = np.random.default_rng(seed)
    a = np.asarray(img).astype(np.float32)
    a += rng.normal(0, sigma, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def paper(img, tint=(250, 247, 240), seed=2):
    """Multiply by a slightly uneven paper tone."""
    rng = np.random.default_rng(seed)
    a = np.asarray(img).astype(np.float32) / 255.0
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    grad = 1.0 - 0.03 * (xx / w) - 0.02 * (yy / h)
    t = np.array(tint, np.float32) / 255.0
    a = a * t[None, None, :] * grad[..., None]
    a += rng.normal(0, 0.008, a.shape)
    return Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8))


def rotate(img, deg, fill=(255, 255, 255)):
    return img.rotate(deg, expand=False, resample=Image.BICUBIC, fillcolor=fill)


def to_1bit(img, dither=True, thresh=160):
    g = img.convert("L")
    if dither:
        return g.convert("1")  # Floyd-Steinberg
    return g.point(lambda v: 255 if v > thresh else 0).convert("1")


def resample_dpi(img, from_dpi, to_dpi):
    f = to_dpi / from_dpi
    return img.resize((int(img.width * f), int(img.height * f)), Image.LANCZOS)


def scale_boxes(boxes, f):
    return {k: [[int(v * f) for v in b] for b in bl] for k, bl in boxes.items()}


def halftone(gray: np.ndarray, cell=8, angle=45):
    """Classic AM dot screen: gray (0..255, 255 white) -> 1-bit-like uint8 image."""
    h, w = gray.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = math.radians(angle)
    u = (xx * math.cos(t) + yy * math.sin(t)) / cell
    v = (-xx * math.sin(t) + yy * math.cos(t)) / cell
    fu = u - np.floor(u) - 0.5
    fv = v - np.floor(v) - 0.5
    r = np.sqrt(fu ** 2 + fv ** 2) / 0.7071  # 0 centre .. 1 corner
    darkness = 1.0 - gray.astype(np.float32) / 255.0
    return np.where(r < np.sqrt(darkness) * 1.0, 0, 255).astype(np.uint8)


def luhn_complete(prefix: str) -> str:
    s = 0
    for i, ch in enumerate(reversed(prefix)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return prefix + str((10 - s % 10) % 10)


def cn_id(first17: str) -> str:
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(a) * b for a, b in zip(first17, w)) % 11
    return first17 + "10X98765432"[s]


CN_NUM = dict(zip("0123456789", "〇一二三四五六七八九"))


def zh_digits(s, zero="〇", one="一"):
    return "".join((zero if c == "0" else one if c == "1" else CN_NUM.get(c, c)) for c in s)


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in s)


def qr_image(payload, scale=4, fmt="QRCode", border=2):
    import zxingcpp
    b = zxingcpp.create_barcode(payload, getattr(zxingcpp.BarcodeFormat, fmt))
    im = zxingcpp.write_barcode_to_image(b, scale=scale, add_quiet_zones=True) if True else None
    return Image.fromarray(np.asarray(im)).convert("RGB")


def save_png(img, name, dpi=300):
    p = CASES / name
    img.save(p, dpi=(dpi, dpi))
    return p


def save_jpg(img, name, q=85, dpi=300):
    p = CASES / name
    img.convert("RGB").save(p, "JPEG", quality=q, dpi=(dpi, dpi))
    return p


def images_to_pdf(imgs, name, dpi=300):
    p = CASES / name
    imgs = [i.convert("RGB") for i in imgs]
    imgs[0].save(p, save_all=True, append_images=imgs[1:], resolution=dpi)
    return p


def register(case_id, file, languages, terms, secrets, trick, must_remove, innocent=None, notes="",
             pages_px=None):
    """secrets: list of dicts {id, kind, value, needles:[...], page, boxes:[...], strict:bool}"""
    m = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {"cases": {}}
    m["cases"][case_id] = {
        "file": f"cases/{Path(file).name}", "languages": languages,
        "terms": f"terms/{terms}" if terms else None, "secrets": secrets, "trick": trick,
        "must_remove": must_remove, "innocent": innocent or [], "notes": notes,
        "pages_px": pages_px,
    }
    MANIFEST.write_text(json.dumps(m, ensure_ascii=False, indent=1))


def S(id, kind, value, needles=None, boxes=None, page=1, strict=True, partial=None):
    """A secret. needles: normalized strings whose presence in any reading = recovered.
    strict=True: the docs claim this form is caught; False: a form the docs do not promise."""
    return {"id": id, "kind": kind, "value": value, "needles": needles or [value], "page": page,
            "boxes": boxes or [], "strict": strict, "partial_needles": partial or []}
