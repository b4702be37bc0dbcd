"""1-bit fax-like form pages: a US civil cover sheet and a tax form, filled in and faxed (issue 31).

What a clerk receives from a fax machine or a 1-bit scanner: the form's grid and checkboxes
(some ticked or crossed), section headings and labels printed on a grey tint that the fax
*dithers* into a dot pattern, small print and the fax header line at about 200 DPI, dashed and
dotted fill-in rules, registration corner marks, and what people add: typed and
handwriting-like entries, a rubber stamp, a case number written up the margin, a signature,
a digit comb.  The page is drawn at 300 DPI in grey, then faxed: blurred, resampled to fax
fine resolution (204 × 196 DPI), error-diffusion dithered to 1 bit (grey tints become dot
patterns, solid print stays solid), speckled, skewed, and brought back to 300 DPI.

Nothing here is taken from a real filing: the layouts follow the public US forms (JS 44
civil cover sheet, W-9) by their section names only; every name and number is invented.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

DPI = 300
W, H = 2550, 3300  # US Letter at 300 DPI
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
COND = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf"
COND_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
HAND = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
TINT = 200  # the grey of a printed highlight (about 20 % black)


def _f(size: int, path: str = SANS) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def checkbox(d: ImageDraw.ImageDraw, x: int, y: int, s: int = 34, mark: str = "") -> None:
    d.rectangle((x, y, x + s, y + s), outline=0, width=3)
    w = max(3, s // 8)
    if mark == "x":
        d.line([(x + 6, y + 6), (x + s - 6, y + s - 6)], fill=10, width=w)
        d.line([(x + s - 6, y + 6), (x + 6, y + s - 6)], fill=10, width=w)
    elif mark == "tick":
        d.line([(x + s * 0.15, y + s * 0.55), (x + s * 0.4, y + s * 0.85), (x + s * 1.05, y - s * 0.1)],
               fill=10, width=w)  # fmt: skip


def band(d: ImageDraw.ImageDraw, x0: int, y0: int, x1: int, y1: int, text: str, size: int = 34) -> None:
    """A section heading on a grey tint, framed."""
    d.rectangle((x0, y0, x1, y1), fill=TINT, outline=0, width=3)
    d.text((x0 + 14, y0 + (y1 - y0 - size) // 2 - 2), text, font=_f(size, SANS_BOLD), fill=0)


def _hand(img: Image.Image, xy: tuple[int, int], text: str, size: int = 52, angle: float = 0.0, seed: int = 0) -> None:
    """A handwriting-like entry: an oblique face, letters a little uneven in height and place."""
    rng = np.random.default_rng(seed)
    font = _f(size, HAND)
    tile = Image.new("L", (int(font.getlength(text) + 40 + len(text) * 4), size * 2), 255)
    d = ImageDraw.Draw(tile)
    x = 10
    for ch in text:
        d.text((x, 10 + int(rng.integers(-4, 5))), ch, font=font, fill=25)
        x += int(font.getlength(ch)) + int(rng.integers(0, 5))
    if angle:
        tile = tile.rotate(angle, expand=True, fillcolor=255)
    mask = Image.fromarray((np.asarray(tile) < 200).astype(np.uint8) * 255)
    img.paste(tile, xy, mask)


def _signature(d: ImageDraw.ImageDraw, x: int, y: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pts = [(x + i * 13, y + int(28 * np.sin(i / 2.1) + 10 * np.sin(i / 0.7) + rng.integers(-8, 8))) for i in range(34)]
    d.line(pts, fill=10, width=4, joint="curve")
    loop = [(x + 40 + int(30 * np.cos(t)), y - 20 + int(45 * np.sin(t))) for t in np.linspace(0, 6.2, 24)]
    d.line(loop, fill=10, width=4, joint="curve")


def _stamp(img: Image.Image, x: int, y: int, lines: tuple[str, ...], angle: float) -> None:
    """A rubber stamp: a double frame around bold capitals, turned."""
    tile = Image.new("L", (620, 110 + 80 * len(lines)), 255)
    d = ImageDraw.Draw(tile)
    d.rectangle((4, 4, 615, tile.height - 5), outline=30, width=7)
    d.rectangle((18, 18, 601, tile.height - 19), outline=30, width=3)
    for n, text in enumerate(lines):
        size = 84 if n == 0 else 48
        font = _f(size, SANS_BOLD)
        d.text(((620 - font.getlength(text)) / 2, 40 + n * 95), text, font=font, fill=30)
    turned = tile.rotate(angle, expand=True, fillcolor=255)
    mask = Image.fromarray((np.asarray(turned) < 200).astype(np.uint8) * 255)
    img.paste(turned, (x, y), mask)


def _dotted(d: ImageDraw.ImageDraw, x0: int, x1: int, y: int, dash: int = 4, gap: int = 8) -> None:
    for x in range(x0, x1, dash + gap):
        d.line([(x, y), (min(x1, x + dash), y)], fill=0, width=3)


def _corners(d: ImageDraw.ImageDraw) -> None:
    """Registration marks in the four corners (L-shaped), as scanned forms carry them."""
    m, s, t = 120, 110, 14
    for cx, cy, sx, sy in ((m, m, 1, 1), (W - m, m, -1, 1), (m, H - m, 1, -1), (W - m, H - m, -1, -1)):
        d.rectangle(sorted_box(cx, cy, cx + sx * s, cy + sy * t), fill=0)
        d.rectangle(sorted_box(cx, cy, cx + sx * t, cy + sy * s), fill=0)


def sorted_box(x0: int, y0: int, x1: int, y1: int) -> tuple[int, int, int, int]:
    """A rectangle's corners in the order PIL wants them."""
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _small(d: ImageDraw.ImageDraw, x: int, y: int, width: int, text: str, size: int = 22) -> int:
    """Small print wrapped to ``width``; the y below it."""
    font = _f(size, COND)
    line = ""
    for word in text.split():
        if font.getlength(line + " " + word) > width and line:
            d.text((x, y), line, font=font, fill=0)
            y += int(size * 1.25)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        d.text((x, y), line, font=font, fill=0)
        y += int(size * 1.25)
    return y


def _fax_header(d: ImageDraw.ImageDraw, page: int) -> None:
    d.text((150, 40), f"DEC-04-2026 14:3{page}   FROM:HARTWELL & PIKE LLP   +1 312 555 0134   TO:CLERK   P.0{page}/08",
           font=_f(26, MONO), fill=0)  # fmt: skip


def civil_cover() -> Image.Image:
    """A civil cover sheet (the JS 44's sections), filled in by a law office."""
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    _fax_header(d, 2)
    _corners(d)
    d.text((200, 170), "JS 44 (Rev. 04/21)", font=_f(26, COND), fill=0)
    d.text((900, 160), "CIVIL COVER SHEET", font=_f(60, SANS_BOLD), fill=0)
    _small(d, 200, 250, 2150, "The JS 44 civil cover sheet and the information contained herein neither replace nor "
           "supplement the filing and service of pleadings or other papers as required by law, except as provided by "
           "local rules of court. This form, approved by the Judicial Conference of the United States in September "
           "1974, is required for the use of the Clerk of Court for the purpose of initiating the civil docket sheet. "
           "(SEE INSTRUCTIONS ON NEXT PAGE OF THIS FORM.)")  # fmt: skip
    top = 400
    d.rectangle((200, top, 2350, top + 600), outline=0, width=4)
    d.line([(1275, top), (1275, top + 600)], fill=0, width=3)
    for n, (label, entry) in enumerate((("I. (a) PLAINTIFFS", "MARGARET L. OKONJO"),
                                        ("DEFENDANTS", "RIVERBEND LOGISTICS, INC."))):  # fmt: skip
        x = 200 + n * 1075
        d.rectangle((x + 3, top + 3, x + 1072, top + 60), fill=TINT)
        d.text((x + 14, top + 12), label, font=_f(34, SANS_BOLD), fill=0)
        _hand(img, (x + 60, top + 90), entry, 50, seed=n)
        d.line([(x, top + 220), (x + 1075, top + 220)], fill=0, width=3)
        listed = "Plaintiff" if n == 0 else "Defendant"
        d.text((x + 14, top + 232), f"(b) County of Residence of First Listed {listed}", font=_f(28), fill=0)
        _dotted(d, x + 40, x + 1040, top + 330)
        _hand(img, (x + 120, top + 262), "Cook" if n == 0 else "DuPage", 46, seed=3 + n)
        d.line([(x, top + 360), (x + 1075, top + 360)], fill=0, width=3)
        d.text((x + 14, top + 372), "(c) Attorneys (Firm Name, Address, and Telephone Number)", font=_f(26, COND),
               fill=0)  # fmt: skip
        if n == 0:
            for k, t in enumerate(("Hartwell & Pike LLP, 220 W. Adams St.", "Chicago, IL 60606  (312) 555-0134")):
                d.text((x + 40, top + 420 + k * 50), t, font=_f(34, SERIF), fill=0)
        else:
            d.text((x + 40, top + 420), "Unknown", font=_f(34, SERIF), fill=0)
    y = top + 640
    band(d, 200, y, 1260, y + 60, 'II. BASIS OF JURISDICTION (Place an "X" in One Box Only)', 28)
    band(d, 1290, y, 2350, y + 60, "III. CITIZENSHIP OF PRINCIPAL PARTIES", 28)
    choices = (("1  U.S. Government Plaintiff", ""), ("2  U.S. Government Defendant", ""),
               ("3  Federal Question", "x"), ("4  Diversity", ""))  # fmt: skip
    for k, (label, mark) in enumerate(choices):
        checkbox(d, 230, y + 90 + k * 62, 34, mark)
        d.text((290, y + 88 + k * 62), label, font=_f(30), fill=0)
    d.text((1600, y + 80), "PTF    DEF", font=_f(28, SANS_BOLD), fill=0)
    for k, label in enumerate(("Citizen of This State", "Citizen of Another State", "Foreign Nation")):
        d.text((1310, y + 130 + k * 62), label, font=_f(28), fill=0)
        checkbox(d, 1620, y + 130 + k * 62, 34, "x" if k == 0 else "")
        checkbox(d, 1720, y + 130 + k * 62, 34, "x" if k == 1 else "")
    y += 380
    band(d, 200, y, 2350, y + 60, 'IV. NATURE OF SUIT (Place an "X" in One Box Only)', 30)
    heads = ("CONTRACT", "TORTS", "LABOR", "OTHER STATUTES")
    items = (("110 Insurance", "120 Marine", "130 Miller Act", "140 Negotiable Instrument", "150 Recovery"),
             ("310 Airplane", "320 Assault, Libel", "330 Federal Employers", "340 Marine", "350 Motor Vehicle"),
             ("710 Fair Labor Standards", "720 Labor/Management", "740 Railway Labor Act", "751 Family Leave",
              "790 Other Labor"),
             ("375 False Claims Act", "400 State Reapportionment", "410 Antitrust", "430 Banks and Banking",
              "890 Other Statutory"))  # fmt: skip
    for c, (head, col) in enumerate(zip(heads, items, strict=True)):
        x = 200 + c * 537
        d.rectangle((x, y + 62, x + 537, y + 110), fill=TINT, outline=0, width=2)
        d.text((x + 140, y + 70), head, font=_f(28, SANS_BOLD), fill=0)
        for k, label in enumerate(col):
            checkbox(d, x + 16, y + 130 + k * 56, 30, "x" if (c, k) == (2, 0) else "")
            d.text((x + 60, y + 128 + k * 56), label, font=_f(25, COND), fill=0)
    d.rectangle((200, y + 62, 2350, y + 420), outline=0, width=3)
    y += 460
    band(d, 200, y, 2350, y + 60, 'V. ORIGIN (Place an "X" in One Box Only)', 30)
    for k, label in enumerate(("1 Original Proceeding", "2 Removed from State Court", "3 Remanded from Appellate",
                               "4 Reinstated or Reopened", "5 Transferred")):  # fmt: skip
        checkbox(d, 230 + k * 420, y + 90, 34, "tick" if k == 0 else "")
        _small(d, 280 + k * 420, y + 88, 330, label, 26)
    y += 200
    band(d, 200, y, 2350, y + 60, "VI. CAUSE OF ACTION", 30)
    d.text((230, y + 85), "Cite the U.S. Civil Statute under which you are filing:", font=_f(26, COND), fill=0)
    _hand(img, (1000, y + 70), "29 U.S.C. 201 et seq. (FLSA)", 46, seed=9)
    _dotted(d, 980, 2320, y + 130)
    d.text((230, y + 150), "Brief description of cause:", font=_f(26, COND), fill=0)
    _hand(img, (640, y + 138), "unpaid overtime wages", 46, seed=10)
    _dotted(d, 620, 2320, y + 198)
    y += 250
    band(d, 200, y, 2350, y + 60, "VII. REQUESTED IN COMPLAINT:", 30)
    checkbox(d, 230, y + 90, 34, "x")
    d.text((290, y + 88), "CHECK IF THIS IS A CLASS ACTION", font=_f(28), fill=0)
    d.text((1300, y + 88), "JURY DEMAND:", font=_f(28, SANS_BOLD), fill=0)
    checkbox(d, 1560, y + 90, 34, "x")
    d.text((1610, y + 88), "Yes", font=_f(28), fill=0)
    checkbox(d, 1720, y + 90, 34)
    d.text((1770, y + 88), "No", font=_f(28), fill=0)
    y += 190
    d.text((230, y), "DATE", font=_f(28), fill=0)
    _hand(img, (350, y - 30), "12/04/2026", 48, seed=11)
    d.line([(330, y + 40), (900, y + 40)], fill=0, width=3)
    d.text((1000, y), "SIGNATURE OF ATTORNEY OF RECORD", font=_f(28), fill=0)
    _signature(d, 1650, y - 10, 5)
    d.line([(1620, y + 40), (2330, y + 40)], fill=0, width=3)
    y += 100
    d.rectangle((200, y, 2350, y + 70), fill=TINT, outline=0, width=2)
    d.text((220, y + 18), "FOR OFFICE USE ONLY   RECEIPT #            AMOUNT            JUDGE", font=_f(28, SANS_BOLD),
           fill=0)  # fmt: skip
    _stamp(img, 1400, 2760, ("FILED", "DEC 04 2026", "CLERK, U.S. DISTRICT COURT"), 9.0)
    _hand(img, (2400, 1300), "1:26-cv-04417", 56, angle=90, seed=12)
    _small(d, 200, 3120, 2150, "Print   Save As...   Reset   —   JS 44 Reverse (Rev. 04/21)  Page 1 of 2", 20)
    return img


def tax_form() -> Image.Image:
    """A request for a taxpayer identification number (the W-9's parts), filled in."""
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    _fax_header(d, 5)
    _corners(d)
    d.rectangle((200, 170, 2350, 400), outline=0, width=4)
    d.line([(560, 170), (560, 400)], fill=0, width=3)
    d.line([(1900, 170), (1900, 400)], fill=0, width=3)
    d.text((220, 190), "Form W-9", font=_f(50, SANS_BOLD), fill=0)
    _small(d, 220, 260, 320, "(Rev. October 2018) Department of the Treasury Internal Revenue Service", 20)
    d.text((600, 190), "Request for Taxpayer", font=_f(56, SANS_BOLD), fill=0)
    d.text((600, 260), "Identification Number and Certification", font=_f(44, SANS_BOLD), fill=0)
    _small(d, 600, 330, 1280, "Go to www.irs.gov/FormW9 for instructions and the latest information.", 22)
    _small(d, 1920, 200, 420, "Give Form to the requester. Do not send to the IRS.", 30)
    y = 430
    d.rectangle((200, y, 2350, y + 1000), outline=0, width=3)
    d.rectangle((200, y, 260, y + 1000), fill=TINT, outline=0, width=2)
    side = Image.new("L", (900, 50), 255)
    ImageDraw.Draw(side).text((10, 5), "Print or type. See Specific Instructions on page 3.", font=_f(28, COND), fill=0)
    side = side.rotate(90, expand=True, fillcolor=255)
    img.paste(side, (210, y + 60), Image.fromarray((np.asarray(side) < 128).astype(np.uint8) * 255))
    fields = (("1  Name (as shown on your income tax return). Name is required on this line.", "Daniel R. Whitcombe"),
              ("2  Business name/disregarded entity name, if different from above", ""))  # fmt: skip
    for k, (label, entry) in enumerate(fields):
        d.text((280, y + 10 + k * 150), label, font=_f(24, COND), fill=0)
        if entry:
            _hand(img, (340, y + 50 + k * 150), entry, 50, seed=20 + k)
        d.line([(260, y + 150 + k * 150), (2350, y + 150 + k * 150)], fill=0, width=2)
    y2 = y + 310
    d.text((280, y2), "3  Check appropriate box for federal tax classification of the person whose name is entered "
           "on line 1.", font=_f(24, COND), fill=0)  # fmt: skip
    classes = ("Individual/sole proprietor", "C Corporation", "S Corporation", "Partnership", "Trust/estate")
    for k, label in enumerate(classes):
        checkbox(d, 300 + k * 400, y2 + 50, 30, "tick" if k == 0 else "")
        d.text((345 + k * 400, y2 + 48), label, font=_f(24, COND), fill=0)
    checkbox(d, 300, y2 + 110, 30)
    d.text((345, y2 + 108), "Limited liability company. Enter the tax classification (C, S, P)", font=_f(24, COND),
           fill=0)  # fmt: skip
    _dotted(d, 1100, 1500, y2 + 134, 3, 7)
    d.line([(260, y2 + 170), (2350, y2 + 170)], fill=0, width=2)
    d.text((280, y2 + 180), "5  Address (number, street, and apt. or suite no.) See instructions.", font=_f(24, COND),
           fill=0)  # fmt: skip
    _hand(img, (340, y2 + 215), "4180 N. Kedvale Ave, Apt 2", 48, seed=22)
    d.line([(260, y2 + 320), (2350, y2 + 320)], fill=0, width=2)
    d.text((280, y2 + 330), "6  City, state, and ZIP code", font=_f(24, COND), fill=0)
    _hand(img, (340, y2 + 365), "Chicago, IL 60641", 48, seed=23)
    d.line([(260, y2 + 470), (2350, y2 + 470)], fill=0, width=2)
    d.text((280, y2 + 480), "7  List account number(s) here (optional)", font=_f(24, COND), fill=0)
    _dotted(d, 300, 2300, y2 + 560, 2, 6)
    y = 1470
    d.rectangle((200, y, 460, y + 60), fill=0)
    d.text((225, y + 10), "Part I", font=_f(36, SANS_BOLD), fill=255)
    d.rectangle((460, y, 2350, y + 60), fill=TINT, outline=0, width=2)
    d.text((490, y + 10), "Taxpayer Identification Number (TIN)", font=_f(36, SANS_BOLD), fill=0)
    _small(d, 220, y + 90, 1300, "Enter your TIN in the appropriate box. The TIN provided must match the name given "
           "on line 1 to avoid backup withholding. For individuals, this is generally your social security number "
           "(SSN). However, for a resident alien, sole proprietor, or disregarded entity, see the instructions for "
           "Part I, later.", 24)  # fmt: skip
    d.rectangle((1560, y + 90, 2350, y + 150), fill=TINT, outline=0, width=2)
    d.text((1580, y + 100), "Social security number", font=_f(32, SANS_BOLD), fill=0)
    digits = "318-42-7765"
    cell = 62
    x = 1580
    for ch in digits:
        if ch == "-":
            d.line([(x + 8, y + 205), (x + 30, y + 205)], fill=0, width=4)
            x += 40
            continue
        d.rectangle((x, y + 165, x + cell, y + 245), outline=0, width=3)
        _hand(img, (x + 6, y + 170), ch, 52, seed=ord(ch) + x)
        x += cell
    d.text((1580, y + 270), "or", font=_f(28, SANS_BOLD), fill=0)
    d.rectangle((1560, y + 320, 2350, y + 380), fill=TINT, outline=0, width=2)
    d.text((1580, y + 330), "Employer identification number", font=_f(32, SANS_BOLD), fill=0)
    x = 1580
    for k in range(9):
        d.rectangle((x, y + 395, x + cell, y + 475), outline=0, width=3)
        x += cell + (40 if k == 1 else 0)
    y = 2020
    d.rectangle((200, y, 460, y + 60), fill=0)
    d.text((225, y + 10), "Part II", font=_f(36, SANS_BOLD), fill=255)
    d.rectangle((460, y, 2350, y + 60), fill=TINT, outline=0, width=2)
    d.text((490, y + 10), "Certification", font=_f(36, SANS_BOLD), fill=0)
    yy = _small(d, 220, y + 90, 2100, "Under penalties of perjury, I certify that: 1. The number shown on this form "
                "is my correct taxpayer identification number (or I am waiting for a number to be issued to me); and "
                "2. I am not subject to backup withholding because: (a) I am exempt from backup withholding, or (b) I "
                "have not been notified by the Internal Revenue Service (IRS) that I am subject to backup withholding "
                "as a result of a failure to report all interest or dividends, or (c) the IRS has notified me that I "
                "am no longer subject to backup withholding; and 3. I am a U.S. citizen or other U.S. person; and 4. "
                "The FATCA code(s) entered on this form (if any) indicating that I am exempt from FATCA reporting is "
                "correct.", 22)  # fmt: skip
    y = yy + 60
    d.rectangle((200, y, 420, y + 170), fill=TINT, outline=0, width=3)
    d.text((225, y + 30), "Sign", font=_f(44, SANS_BOLD), fill=0)
    d.text((225, y + 90), "Here", font=_f(44, SANS_BOLD), fill=0)
    d.text((450, y + 20), "Signature of U.S. person", font=_f(26, SANS_BOLD), fill=0)
    _signature(d, 900, y + 70, 8)
    d.line([(440, y + 150), (1700, y + 150)], fill=0, width=3)
    d.text((1760, y + 20), "Date", font=_f(26, SANS_BOLD), fill=0)
    _hand(img, (1880, y + 50), "12-3-26", 50, seed=24)
    d.line([(1740, y + 150), (2350, y + 150)], fill=0, width=3)
    _stamp(img, 1350, 2700, ("RECEIVED", "DEC 04 2026", "ACCOUNTS PAYABLE"), -7.0)
    _hand(img, (330, 2830), "vendor # 20417 - ok  DW", 46, seed=25)
    _small(d, 200, 3130, 2150, "Cat. No. 10231X                                            Form W-9 (Rev. 10-2018)", 22)
    return img


def fax(img: Image.Image, seed: int, skew: float) -> Image.Image:
    """``img`` as a fax machine sends it: blurred, at fine fax resolution (204 × 196 DPI),
    dithered to 1 bit by error diffusion (grey tints become dot patterns), speckled, skewed,
    and back at 300 DPI (nearest neighbour: the blocky dots of a fax)."""
    rng = np.random.default_rng(seed)
    g = np.asarray(img.convert("L"), dtype=np.float32)
    g = np.asarray(cv2.GaussianBlur(g, (0, 0), 1.1), dtype=np.float32)
    small = np.asarray(cv2.resize(g, (round(W * 204 / DPI), round(H * 196 / DPI)), interpolation=cv2.INTER_AREA))
    small = small + 12 + rng.normal(0, 8, small.shape).astype(np.float32)  # paper stays white
    bits = Image.fromarray(np.clip(small, 0, 255).astype(np.uint8)).convert("1")  # Floyd–Steinberg
    arr = np.asarray(bits.convert("L"), dtype=np.uint8).copy()
    arr[rng.random(arr.shape) < 0.0002] = 0  # line noise specks
    page = Image.fromarray(arr).resize((W, H), Image.Resampling.NEAREST)
    page = page.rotate(skew, resample=Image.Resampling.NEAREST, expand=False, fillcolor=255)
    return page.convert("1").convert("L")
