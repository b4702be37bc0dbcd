"""Generate the bundled demo documents in ``sample_images/`` with their ground truth.

Everything here is fictional: people, companies, ID numbers (valid checksums, invented
digits), phone numbers from ranges reserved for drama or documentation, and e-mail
addresses under ``example.*`` domains.  Run from the repository root:

    .venv/bin/python scripts/make_samples.py [OUTDIR]

Needs Pillow, img2pdf, fpdf2 and python-stdnum (the ``dev`` extra) and the fonts
``fonts-dejavu-core`` and ``fonts-noto-cjk``.  Output is deterministic except the random /ID of PDFs.
"""

from __future__ import annotations

import io
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import img2pdf
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum import luhn
from stdnum.cn import ric, uscc

DPI = 300
A4 = (2480, 3508)  # pixels at 300 DPI
MARGIN = 230
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SC, NOTO_TC = 2, 3  # face indices inside the collection

# Fictional identifiers with valid check digits.
ID_CN = "11010519880605271" + ric.calc_check_digit("11010519880605271" + "0")  # takes a placeholder digit
BANK_CARD = "622848001234567" + luhn.calc_check_digit("622848001234567")
USCC = "91110108MA01K2QX7" + uscc.calc_check_digit("91110108MA01K2QX7")
VISA_TEST = "4111111111111111"


@dataclass(frozen=True)
class Para:
    """One paragraph of a generated page."""

    text: str
    size: int = 42
    bold: bool = False
    gap: int = 28  # extra space after the paragraph, pixels


def _font(path: str, size: int, index: int = 0) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, cjk: bool) -> list[str]:
    """Break text into lines that fit ``width``; CJK text breaks between characters."""
    units = list(text) if cjk else text.split(" ")
    sep = "" if cjk else " "
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = unit if not current else current + sep + unit
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = unit
    if current:
        lines.append(current)
    return lines


def render_page(paras: Sequence[Para], *, cjk_index: int | None = None, serif: bool = False) -> tuple[Image.Image, str]:
    """Render paragraphs onto a white A4 page; return the page and its ground truth."""
    page = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(page)
    y = MARGIN
    truth: list[str] = []
    for para in paras:
        if cjk_index is not None:
            font = _font(NOTO_CJK, para.size, cjk_index)
        else:
            font = _font(DEJAVU_BOLD if para.bold else (DEJAVU_SERIF if serif else DEJAVU), para.size)
        if not para.text:
            y += para.size + para.gap
            continue
        lines = _wrap(draw, para.text, font, A4[0] - 2 * MARGIN, cjk=cjk_index is not None)
        for line in lines:
            draw.text((MARGIN, y), line, font=font, fill=0)
            y += int(para.size * 1.45)
        truth.append("\n".join(lines))
        y += para.gap
    return page, "\n\n".join(truth) + "\n"


def highlighted_page() -> tuple[Image.Image, str, list[str]]:
    """A colour page where some lines were marked with highlighter ink before scanning."""
    page, gt = render_page(HIGHLIGHTED)
    rgb = page.convert("RGB")
    ink = Image.new("RGB", rgb.size, (255, 255, 255))
    draw = ImageDraw.Draw(ink)
    lines = gt.split("\n\n")
    marked = []
    y = MARGIN
    for n, para in enumerate(HIGHLIGHTED):
        height = int(para.size * 1.45)
        for index, colour in HIGHLIGHT_MARKS:
            if index == n:
                width = int(ImageDraw.Draw(page).textlength(para.text, font=_font(DEJAVU, para.size)))
                draw.rectangle((MARGIN - 8, y - 4, MARGIN + width + 8, y + height - 4), fill=colour)
                marked.append(lines[n])
        y += height + para.gap
    from PIL import ImageChops

    scanned = ImageChops.multiply(rgb, ink).filter(ImageFilter.GaussianBlur(0.6))
    return scanned, gt, marked


def scan_effects(page: Image.Image, *, angle: float = 0.0, noise: float = 0.0, seed: int = 1) -> Image.Image:
    """Make a clean page look scanned: slight blur, grey paper, speckle, rotation."""
    rng = random.Random(seed)
    img = page.filter(ImageFilter.GaussianBlur(0.6))
    if noise:
        px = img.load()
        assert px is not None
        w, h = img.size
        for _ in range(int(w * h * noise)):
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = rng.choice((0, 60, 200))
    img = img.point(lambda v: int(v * 0.92 + 10))
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=245)
    return img


def save_png(img: Image.Image, path: Path) -> None:
    img.save(path, format="PNG", dpi=(DPI, DPI), optimize=True)


def jpeg_bytes(img: Image.Image, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, dpi=(DPI, DPI))
    return buf.getvalue()


LETTER_EN = [
    Para("CONFIDENTIAL", 54, bold=True, gap=40),
    Para("Harrowgate Marine Engineering Ltd", 46, bold=True, gap=6),
    Para("14 Quayside Road, Portsmouth PO1 3AX, United Kingdom", 38, gap=60),
    Para("12 March 2026", 40, gap=50),
    Para("Dear Ms Eleanor Whitfield,", 42),
    Para(
        "Thank you for your letter regarding the Project Kestrel sea trials. As agreed at our "
        "meeting on Tuesday, the revised test schedule and the hull inspection results are "
        "enclosed with this letter. Please treat both documents as confidential and do not "
        "forward them outside the programme team."
    ),
    Para(
        "The second trial is planned for the week of 20 April. Our lead engineer, Mr Daniel "
        "Okafor, will coordinate access to the dry dock. He can be reached on +44 20 7946 0321 "
        "or by e-mail at daniel.okafor@harrowgate.example.com."
    ),
    Para(
        "Invoices for the inspection should be settled to account GB33 BUKB 2020 1555 5555 55 "
        "before the end of the month. Card payments are not accepted for this contract."
    ),
    Para("If anything in the schedule is unclear, please let me know.", gap=60),
    Para("Yours sincerely,", 42, gap=50),
    Para("Margaret Holloway", 42, gap=6),
    Para("Programme Director", 38),
]

NOTICE_ZH_HANS = [
    Para("机密★1年", 60, gap=50),
    Para("关于开展二〇二六年度安全检查工作的通知", 64, gap=60),
    Para("各部门、各单位：", 48),
    Para(
        "为进一步加强信息安全管理，经研究决定，于二〇二六年四月开展年度安全检查工作。"
        "请各单位认真组织自查，按时报送自查报告，不得将涉密文件上传至互联网在线转换平台。",
        48,
    ),
    Para("联系人：张伟，手机：13812345678，办公电话：010-63456789。", 48),
    Para(f"报送人员身份证号：{ID_CN}，工资卡号：{BANK_CARD}。", 48),
    Para(f"承办单位统一社会信用代码：{USCC}。", 48),
    Para("电子邮箱：zhangwei@example.cn", 48, gap=60),
    Para("本通知为内部资料，请勿外传。", 48, gap=80),
    Para("北京市某某研究所办公室", 48, gap=10),
    Para("二〇二六年三月十五日", 48),
]

NOTICE_ZH_HANT = [
    Para("內部資料", 60, gap=50),
    Para("關於調整辦公大樓門禁管理的通知", 64, gap=60),
    Para("各部門同事：", 48),
    Para(
        "因應大樓維修工程，自下月一日起調整門禁管理辦法。所有訪客須於服務台登記，並由接待人員陪同進入辦公區域。",
        48,
    ),
    Para("如有疑問，請聯絡總務處陳志明先生，電話：0912345678。", 48),
    Para("電子郵件：chen.zhiming@example.tw", 48, gap=60),
    Para("總務處 敬啟", 48, gap=10),
    Para("二〇二六年三月二十日", 48),
]

MEMO_SKEWED = [
    Para("INTERNAL MEMO - RESTRICTED", 50, bold=True, gap=50),
    Para("To: Facilities team", 42, gap=6),
    Para("From: Priya Raman, Security Office", 42, gap=6),
    Para("Subject: Badge audit, building C", 42, gap=50),
    Para(
        "The badge audit found three visitor cards that were never returned. Please "
        "collect them before Friday and record the serial numbers in the register."
    ),
    Para(
        "Questions to Priya Raman on +1 202 555 0147 or priya.raman@example.org. "
        "Do not scan this memo with an online service."
    ),
]

REPORT_PAGE_1 = [
    Para("SECRET", 54, bold=True, gap=40),
    Para("Incident Report 2026-041", 50, bold=True, gap=50),
    Para(
        "On 3 February 2026 at 14:20 a laptop belonging to Mr Thomas Brennan was reported "
        "missing from meeting room 4B. The device held draft contract documents for the "
        "Northwind logistics tender."
    ),
    Para(
        "The security desk reviewed the access logs and found no unauthorised entry. The "
        "laptop was recovered the next morning in the staff canteen."
    ),
]

REPORT_PAGE_2 = [
    Para("SECRET", 54, bold=True, gap=40),
    Para("Actions", 50, bold=True, gap=40),
    Para("1. Mr Brennan will complete the device handling course by 28 February.", 42),
    Para("2. Full disk encryption will be checked on all laptops in the department.", 42),
    Para(
        "3. Reports of lost equipment go to the security desk on +44 161 496 0752 or "
        "security.desk@northwind.example.net.",
        42,
    ),
    Para("Prepared by Aisha Karimi, Information Security.", 42),
]

HIGHLIGHTED = [
    Para("Minutes of the procurement meeting", 50, bold=True, gap=50),
    Para("Present: the tender panel and the finance office.", 42),
    Para("The panel reviewed three bids for the archive scanning contract.", 42),
    Para("The preferred bidder offered a price of 48,500 euros.", 42),
    Para("The second bid was rejected because it was late.", 42),
    Para("Site visits will take place next month at both depots.", 42),
    Para("The security vetting of the bidder staff is still open.", 42),
    Para("Next meeting: Thursday at ten in room 2.", 42),
]
# (paragraph index, colour) of the passages marked with a highlighter pen before scanning
HIGHLIGHT_MARKS = [(3, (255, 240, 60)), (6, (120, 235, 120)), (4, (255, 150, 200))]

BORN_DIGITAL = [
    ("OFFICIAL-SENSITIVE", True),
    ("Supplier Review: Bluefield Printing Services", True),
    ("", False),
    ("This review covers the printing contract awarded to Bluefield Printing Services in", False),
    ("January 2026. The supplier handled 412 print jobs without a recorded data incident.", False),
    ("", False),
    ("Contact for the supplier: Olivia Grant, olivia.grant@bluefield.example.com,", False),
    ("telephone +44 117 496 0188.", False),
    ("", False),
    ("Payment card on file: 4111 1111 1111 1111 (test number).", False),
    ("The server that stores print queues is at 192.0.2.45 and is isolated from the internet.", False),
]


def born_digital_pdf(lines: Sequence[tuple[str, bool]], extra_cjk: Sequence[str] = ()) -> FPDF:
    pdf = FPDF(format="A4", unit="pt")
    pdf.set_creator("ocr-sandbox sample generator")
    pdf.set_producer("ocr-sandbox sample generator")
    pdf.set_creation_date(datetime(2026, 3, 1, tzinfo=UTC))
    pdf.add_font("dejavu", "", DEJAVU)
    pdf.add_font("dejavu", "B", DEJAVU_BOLD)
    if extra_cjk:
        pdf.add_font("wqy", "", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    pdf.add_page()
    pdf.set_margins(56, 56)
    pdf.set_y(60)
    for text, bold in lines:
        pdf.set_font("dejavu", "B" if bold else "", 12)
        pdf.cell(0, 18, text, new_x="LMARGIN", new_y="NEXT")
    for text in extra_cjk:
        pdf.set_font("wqy", "", 12)
        pdf.cell(0, 18, text, new_x="LMARGIN", new_y="NEXT")
    return pdf


def born_digital_truth(lines: Sequence[tuple[str, bool]], extra_cjk: Sequence[str] = ()) -> str:
    body = [t for t, _ in lines] + list(extra_cjk)
    return "\n".join(body).strip() + "\n"


def main(argv: Sequence[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("sample_images")
    out.mkdir(parents=True, exist_ok=True)

    def truth(name: str, text: str) -> None:
        (out / name).write_text(text, encoding="utf-8")

    # 1. English letter, clean PNG.
    page, gt = render_page(LETTER_EN, serif=True)
    save_png(scan_effects(page), out / "letter_en.png")
    truth("letter_en.gt.txt", gt)

    # 2. Simplified Chinese notice, clean PNG.
    page, gt = render_page(NOTICE_ZH_HANS, cjk_index=NOTO_SC)
    save_png(scan_effects(page), out / "notice_zh_hans.png")
    truth("notice_zh_hans.gt.txt", gt)

    # 3. Traditional Chinese page, JPEG.
    page, gt = render_page(NOTICE_ZH_HANT, cjk_index=NOTO_TC)
    (out / "notice_zh_hant.jpg").write_bytes(jpeg_bytes(scan_effects(page), quality=75))
    truth("notice_zh_hant.gt.txt", gt)

    # 4. Skewed, noisy scan, TIFF.
    page, gt = render_page(MEMO_SKEWED)
    skewed = scan_effects(page, angle=2.5, noise=0.002, seed=4)
    skewed.save(out / "memo_skewed.tiff", format="TIFF", compression="tiff_adobe_deflate", dpi=(DPI, DPI))
    truth("memo_skewed.gt.txt", gt)

    # 4b. A colour scan with highlighter marks (redaction of marked passages).
    page_rgb, gt, marked = highlighted_page()
    page_rgb.save(out / "minutes_highlighted.jpg", format="JPEG", quality=85, dpi=(DPI, DPI))
    truth("minutes_highlighted.gt.txt", gt)
    truth("minutes_highlighted.marked.txt", "\n".join(marked) + "\n")

    # 5. Two-page scanned PDF (JPEG pages, no text layer).
    p1, gt1 = render_page(REPORT_PAGE_1)
    p2, gt2 = render_page(REPORT_PAGE_2)
    jpegs = [jpeg_bytes(scan_effects(p, seed=i + 10), quality=70) for i, p in enumerate((p1, p2))]
    layout = img2pdf.get_fixed_dpi_layout_fun((DPI, DPI))
    pdf_bytes = img2pdf.convert(jpegs, layout_fun=layout, producer="ocr-sandbox sample generator", nodate=True)
    assert pdf_bytes is not None
    (out / "report_scanned.pdf").write_bytes(pdf_bytes)
    truth("report_scanned.gt.txt", gt1 + "\f" + gt2)

    # 6. Born-digital PDF with a text layer (English and one Chinese line).
    cjk = ["联系人：李娜，手机：13987654321"]
    born_digital_pdf(BORN_DIGITAL, cjk).output(str(out / "supplier_review.pdf"))
    truth("supplier_review.gt.txt", born_digital_truth(BORN_DIGITAL, cjk))

    # 7. Mixed PDF: page 1 born-digital, page 2 a scanned page.
    first = bytes(born_digital_pdf(BORN_DIGITAL[:5]).output())
    scan, gt_scan = render_page(MEMO_SKEWED[:5])
    scanned = img2pdf.convert(jpeg_bytes(scan_effects(scan, seed=7), quality=70), layout_fun=layout, nodate=True)
    assert scanned is not None
    import pikepdf

    with pikepdf.open(io.BytesIO(first)) as doc, pikepdf.open(io.BytesIO(scanned)) as other:
        doc.pages.extend(other.pages)
        doc.docinfo["/Producer"] = "ocr-sandbox sample generator"
        doc.save(out / "mixed.pdf", deterministic_id=True)
    truth("mixed.gt.txt", born_digital_truth(BORN_DIGITAL[:5]) + "\f" + gt_scan)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
