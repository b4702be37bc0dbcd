"""Generated documents that hide listed names where plain Tesseract does not see them.

Each case is a page a person reads without effort but a single plain OCR pass misses or
misreads: faint grey text, text on a shaded band, reverse video, an upside-down line, a
stamp at 30°, a struck-through name, a name in dot-matrix print, coloured print under highlighter ink, a name split by a
Chinese line break, traditional characters for a simplified term, em-dash hyphenation, a
term glued to digits, born-digital layers drawn sideways or sprinkled with icon-font glyphs,
an ICC profile carrying a name, and ordinary letters that must come through untouched.
Used by ``tests/test_redact_leaks.py`` and ``benchmarks/bench_leaks.py``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms, ImageDraw, ImageFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DEJAVU_MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
W, H = 2480, 1500  # A4 width at 300 DPI, shortened to keep the cases fast
MARGIN = 160
PDF_PAGE = (H * 72 / 300, W * 72 / 300)  # the shortened A4 of the image cases in points (fpdf: short, long)
BODY = (
    "The committee met on Tuesday to review the quarterly budget and the schedule for the new "
    "archive building. Members agreed that the draft plan needs more detail on storage costs."
)
SHADED = "Owner: Margaret Holloway    Status: open"
INNOCENT = ("committee", "quarterly", "budget", "schedule", "archive", "building", "storage")
TERMS = ("Eleanor Whitfield", "Margaret Holloway", "Thomas Brennan", "Brennan", "Aisha Karimi", "张伟", "陈志明")


@dataclass(frozen=True)
class Case:
    name: str
    secrets: tuple[str, ...]  # what must not be recoverable from any output
    innocent: tuple[str, ...] = INNOCENT  # words that must survive
    args: tuple[str, ...] = ()  # extra redact options
    lang: str = "eng"
    suffix: str = ".png"
    ordinary: bool = False  # an ordinary document: redact must succeed (exit 0)
    notes: str = ""
    make: Callable[[Path], None] = field(default=lambda p: None, repr=False, compare=False)


def font(size: int, path: str = DEJAVU) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def page(colour: bool = False) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB" if colour else "L", (W, H), "white")
    return img, ImageDraw.Draw(img)


def body(draw: ImageDraw.ImageDraw, y: int, text: str = BODY, size: int = 42) -> int:
    """Wrapped paragraph of ordinary black text from ``y``; returns the next free y."""
    f = font(size)
    words, line = text.split(), ""
    for word in words:
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=f) > W - 2 * MARGIN:
            draw.text((MARGIN, y), line, font=f, fill=0)
            y += int(size * 1.6)
            line = word
        else:
            line = trial
    if line:
        draw.text((MARGIN, y), line, font=f, fill=0)
        y += int(size * 1.6)
    return y + size


def save(img: Image.Image, path: Path, quality: int = 95) -> None:
    img.save(path, dpi=(300, 300), quality=quality)


def _faint(path: Path, level: int) -> None:
    img, d = page()
    y = body(d, MARGIN)
    d.text((MARGIN, y), "Prepared by Eleanor Whitfield for the board", font=font(42), fill=level)
    body(d, y + 110)
    save(img, path)


def _band(path: Path, band: int, text: str, ink: int) -> None:
    """A line of ``ink`` text on a band of grey level ``band`` (a table header, reverse video)."""
    img, d = page()
    y = body(d, MARGIN)
    d.rectangle((MARGIN - 20, y - 20, W - MARGIN, y + 80), fill=band)
    d.text((MARGIN, y), text, font=font(42), fill=ink)
    body(d, y + 140)
    save(img, path)


def _upside_down(path: Path) -> None:
    img, d = page()
    y = body(d, MARGIN)
    strip = Image.new("L", (W - 2 * MARGIN, 70), 255)
    ImageDraw.Draw(strip).text((0, 5), "Received from Aisha Karimi by hand", font=font(42), fill=0)
    img.paste(strip.rotate(180), (MARGIN, y))
    body(d, y + 130)
    save(img, path)


def _stamp(path: Path) -> None:
    img, d = page()
    body(d, MARGIN)
    stamp = Image.new("L", (900, 120), 255)
    sd = ImageDraw.Draw(stamp)
    sd.rectangle((0, 0, 899, 119), outline=0, width=6)
    sd.text((30, 30), "APPROVED Eleanor Whitfield", font=font(46), fill=0)
    turned = stamp.rotate(30, expand=True, fillcolor=255)
    mask = turned.point(lambda v: 255 if v < 128 else 0)
    img.paste(0, (1200, 700), mask)
    save(img, path)


def _struck(path: Path) -> None:
    img, d = page()
    y = body(d, MARGIN)
    f = font(42)
    text = "Witness: Thomas Brennan"
    d.text((MARGIN, y), text, font=f, fill=0)
    x0 = MARGIN + d.textlength("Witness: ", font=f)
    x1 = MARGIN + d.textlength(text, font=f)
    d.line((x0 - 5, y + 27, x1 + 5, y + 27), fill=0, width=5)
    body(d, y + 110)
    save(img, path)


def _dot_matrix(path: Path) -> None:
    """A line of dot-matrix print: every glyph drawn as separate round dots (a 9-pin printer's
    look), the name's two words far apart as a wide-spaced printout sets them."""
    img, d = page()
    y = body(d, MARGIN)
    mask = Image.new("L", (W, 200), 0)
    ImageDraw.Draw(mask).text((MARGIN, 20), "Copy to  Eleanor   Whitfield", font=font(110, DEJAVU_MONO_BOLD), fill=255)
    ink = np.asarray(mask)
    pitch, r = 15, 6
    for yy in range(0, 200, pitch):
        for xx in range(0, W - pitch, pitch):
            if ink[yy : yy + pitch // 2 + 1, xx : xx + pitch // 2 + 1].mean() > 100:  # the pin fires
                d.ellipse((xx - r, y + yy - r, xx + r, y + yy + r), fill=0)
    body(d, y + 260)
    save(img, path)


def _highlight_colour(path: Path) -> None:
    img, d = page(colour=True)
    y = body(d, MARGIN)
    f = font(42)
    d.rectangle((MARGIN - 8, y - 6, MARGIN + 700, y + 56), fill=(255, 240, 60))
    d.text((MARGIN, y), "Budget figures for review", font=f, fill=(0, 0, 0))
    y += 110
    d.text((MARGIN, y), "Write to ", font=f, fill=(0, 0, 0))
    x = MARGIN + d.textlength("Write to ", font=f)
    d.text((x, y), "records.office@harrowgate.example.com", font=f, fill=(30, 60, 230))
    y += 110
    mark = "CONFIDENTIAL"
    d.rectangle((MARGIN - 8, y - 6, MARGIN + d.textlength("CONFID", font=f), y + 56), fill=(120, 255, 120))
    d.text((MARGIN, y), mark, font=f, fill=(0, 0, 0))
    body(d, y + 110)
    save(img, path)


def _cjk(path: Path, text_lines: tuple[str, ...]) -> None:
    img, d = page()
    f = font(48, CJK)
    y = MARGIN
    for line in text_lines:
        d.text((MARGIN, y), line, font=f, fill=0)
        y += 80
    save(img, path)


def _cjk_split(path: Path) -> None:
    # justified Chinese text breaks anywhere: the name 张伟 is split over two lines
    _cjk(
        path,
        (
            "关于档案馆新楼建设预算的会议纪要，由办公室主任张",
            "伟同志负责整理并报送各有关部门审阅。",
            "会议讨论了存储费用和进度安排。",
        ),
    )


def _cjk_traditional(path: Path) -> None:
    _cjk(path, ("本次會議由陳志明主持，討論了檔案館新樓的預算。", "與會人員同意進一步細化存儲費用。"))


def _dash_glued(path: Path) -> None:
    img, d = page()
    f = font(42)
    y = MARGIN
    for line in (
        "The minutes were taken by Margaret Hollo—",
        "way and approved without change by the",
        "committee. Ref: Brennan2024 (file copy).",
        "The archive building budget is on schedule.",
    ):
        d.text((MARGIN, y), line, font=f, fill=0)
        y += 70
    save(img, path)


def _icc(path: Path) -> None:
    img, d = page(colour=True)
    body(d, MARGIN)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    raw = bytearray(profile.tobytes())
    # put a name into the profile's description tag ('desc'), as a hostile author would
    secret = b"Eleanor Whitfield"
    at = raw.find(b"sRGB")
    if at > 0:
        raw[at : at + len(secret)] = secret[: len(raw) - at]
    buf = io.BytesIO()
    img.save(buf, format="PNG", icc_profile=bytes(raw), dpi=(300, 300))
    path.write_bytes(buf.getvalue())


def _ordinary(path: Path) -> None:
    img, d = page()
    y = body(d, MARGIN)
    y = body(d, y, "Dear Ms Eleanor Whitfield, thank you for your letter about the storage plan.")
    body(d, y, "The committee will publish the schedule next month together with the archive budget.")
    save(img, path)


def _ordinary_zh(path: Path) -> None:
    _cjk(
        path,
        (
            "关于档案馆新楼建设的通知",
            "请张伟同志于下周一前报送预算草案。",
            "联系人：陈志明，办公室。",
            "会议讨论了存储费用和进度安排。",
        ),
    )


def _pdf_rotated(path: Path) -> None:
    """A born-digital page drawn sideways (landscape content on a portrait page, /Rotate 90)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="pt", format=PDF_PAGE)
    pdf.add_font("dejavu", "", DEJAVU)
    pdf.add_page()
    pdf.set_font("dejavu", "", 14)
    pdf.set_text_color(210, 210, 210)  # faint: OCR of the pixels misses it, the layer does not
    pdf.text(72, 120, "Prepared by Eleanor Whitfield for the board")
    pdf.set_text_color(0, 0, 0)
    pdf.text(72, 160, "The committee reviewed the quarterly budget and the archive schedule.")
    data = bytes(pdf.output())
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as doc:
        doc.pages[0].obj["/Rotate"] = 90
        doc.save(path)


def _pdf_pua(path: Path) -> None:
    """A born-digital page whose layer has many icon-font (Private Use Area) glyphs."""
    import re

    import pikepdf
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(PDF_PAGE[1], PDF_PAGE[0]))
    pdf.add_font("dejavu", "", DEJAVU)
    pdf.add_page()
    pdf.set_font("dejavu", "", 13)
    pdf.set_text_color(200, 200, 200)  # faint: OCR of the pixels misses it
    pdf.text(72, 100, "Owner: Margaret Holloway")
    pdf.set_text_color(0, 0, 0)
    pdf.text(72, 130, "The committee reviewed the quarterly budget.")
    pdf.text(72, 160, "¤ " * 14)  # icons: their glyph is mapped to U+E000 below
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and b"beginbfchar" in obj.read_bytes():
                cmap = re.sub(rb"<00A4>", b"<E000>", obj.read_bytes())
                obj.write(cmap)
        doc.save(path)


def cases() -> list[Case]:
    return [
        Case("faint-170", ("Eleanor Whitfield",), make=lambda p: _faint(p, 170)),
        Case("faint-200", ("Eleanor Whitfield",), make=lambda p: _faint(p, 200)),
        Case("shaded-140", ("Margaret Holloway",), make=lambda p: _band(p, 140, SHADED, 0)),
        Case("shaded-100", ("Margaret Holloway",), make=lambda p: _band(p, 100, SHADED, 0)),
        Case(
            "reverse-video",
            ("Thomas Brennan",),
            make=lambda p: _band(p, 25, "Contact: Thomas Brennan, records office", 255),
        ),
        Case("upside-down", ("Aisha Karimi",), make=_upside_down),
        Case("stamp-30", ("Eleanor Whitfield",), make=_stamp),
        Case("struck-through", ("Thomas Brennan",), make=_struck),
        Case("dot-matrix", ("Eleanor Whitfield", "Whitfield"), make=_dot_matrix),
        Case(
            "highlight-colour",
            ("records.office@harrowgate.example.com", "CONFIDENTIAL"),
            args=("--highlights",),
            make=_highlight_colour,
        ),
        Case("cjk-split", ("张伟",), ("档案馆", "存储费用"), lang="chi_sim", make=_cjk_split),
        Case("cjk-traditional", ("陳志明", "陈志明"), ("檔案館",), lang="chi_tra", make=_cjk_traditional),
        Case("dash-glued", ("Holloway", "Brennan"), ("minutes", "archive"), make=_dash_glued),
        Case("icc-profile", ("Eleanor Whitfield",), make=_icc),
        Case("pdf-rotated-layer", ("Eleanor Whitfield",), ("committee",), suffix=".pdf", make=_pdf_rotated),
        Case("pdf-pua-layer", ("Margaret Holloway",), ("committee",), suffix=".pdf", make=_pdf_pua),
        Case("ordinary-letter", ("Eleanor Whitfield",), ordinary=True, make=_ordinary),
        Case(
            "ordinary-zh", ("张伟", "陈志明"), ("档案馆", "存储费用"), lang="chi_sim", ordinary=True, make=_ordinary_zh
        ),
    ]


def terms_file(path: Path) -> Path:
    path.write_text("\n".join(TERMS) + "\n", encoding="utf-8")
    return path


def build(dest: Path) -> list[tuple[Case, Path]]:
    """Write every case's input into ``dest``; returns (case, input path) pairs."""
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for case in cases():
        path = dest / f"{case.name}{case.suffix}"
        case.make(path)
        out.append((case, path))
    return out
