"""Red-team office documents (stop 44): born-digital PDF tricks and kinds stops 41–43 did not try.

    .venv/bin/python -m benchmarks.redteam44 OUTDIR [CASE ...]

Same interface and folder layout as ``benchmarks.redteam41`` (``input.*``, ``terms.txt``,
``lang.txt``, ``secrets.json``).  New here: born-digital PDFs whose structure lies about their
pixels — a Chinese notice whose font's ToUnicode map is scrambled (copy-paste gives other
characters, a common fault of government PDFs), a scan under an invisible OCR text layer that
misread the name and the ID, a scan under an OCR layer shifted by one line, a FreeText
annotation, a filled form field and a stamp annotation showing names, a page that hides names
in metadata, XMP, outline, an attachment, a sticky note, white text, text outside its crop box
and an optional-content layer that is off, a born-digital page turned by ``/Rotate 90``, a
fax embedded as a CCITT G4 image at 204 × 98 dpi, a born-digital letter with a pasted
low-resolution screenshot of a contact card.  And scans: a name split into 姓 / 名 cells and
Surname / Given-name cells, a Chinese name and an ID number broken over a line end without a
hyphen, light-cyan and light-pink print, a phone photo of an LCD screen (moiré), a DingTalk
group chat whose avatars show the given name, a spreadsheet screenshot whose cell shows the ID
as 1.10105E+17 and the formula bar the full ID, names on signature lines whose rule runs
through their descenders, a bar chart with staff names as 45° axis labels, a gradient-coloured
name title, a folded letter photographed across its crease, a table tent card (桌签) printed
both ways up in huge type, a business card and a visitor badge with vCard QR codes
(N:Surname;Given; the badge's holds only the name), phone numbers, e-mails and IDs inside
tel:/mailto:/?id= links, and a courier waybill (面单) with the phone in a Code 128 barcode
and the sender line turned up the label's edge.  Eight
ordinary pages (a 通知 with red header and seal, a scientific paper with DOIs/ISBNs/equations,
a blank bank form with empty checkboxes, a calendar, a poster with a public-URL QR code, an
invoice-number table, a born-digital English report with a text layer, a born-digital
landscape timetable turned by ``/Rotate``) must come back exit 0 and nearly untouched.
Every value is invented; checksums (ID) are valid.  Seeded: the same files every run.
``benchmarks/redteam44_attack.py`` attacks the outputs.
"""

from __future__ import annotations

import io
import json
import math
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from benchmarks.redteam41 import (
    BLACK,
    BOLD,
    CJK,
    MONO,
    OBLIQUE,
    RED,
    SANS,
    SERIF,
    SERIF_BOLD,
    Case,
    Colour,
    Secret,
    cn_id,
    font,
    page,
    photo,
    pt,
    scan,
    seal,
    text,
    write,
)
from benchmarks.redteam42 import centred, grid
from benchmarks.redteam43 import qr, turned_text

WQY_TTF = "/tmp/rt44_wqy.ttf"


@dataclass
class PdfCase(Case):
    """A case whose input is a born-digital PDF, given as its bytes."""

    raw: bytes = b""


def _cjk_ttf() -> str:
    """The first face of the WenQuanYi collection as a plain TTF (fpdf2 subsets it)."""
    if not Path(WQY_TTF).exists():
        from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]

        TTCollection(CJK).fonts[0].save(WQY_TTF)
    return WQY_TTF


def _fpdf(landscape: bool = False) -> object:
    from fpdf import FPDF

    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("wqy", "", _cjk_ttf())
    pdf.add_font("dv", "", SANS)
    pdf.add_font("dvb", "", BOLD)
    pdf.add_font("dv", "B", BOLD)
    return pdf


def _png(img: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    return buf


def _pike(raw: bytes, edit: Callable[[object], None]) -> bytes:
    """``raw`` opened with pikepdf, changed by ``edit``, saved."""
    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        edit(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


# ---------------------------------------------------------------- born-digital PDFs


def c_pdf_tounicode(rng: random.Random) -> Case:
    """Born-digital 通知 whose CJK font's ToUnicode map is scrambled: the text layer says other Han."""
    name, phone, pid = "司马云鹏", "13957264810", cn_id(rng, "19790312")
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("wqy", size=22)  # type: ignore[attr-defined]
    pdf.set_text_color(200, 20, 20)  # type: ignore[attr-defined]
    pdf.cell(0, 20, "市住房和城乡建设局文件", align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_text_color(20, 20, 20)  # type: ignore[attr-defined]
    pdf.set_font("wqy", size=12)  # type: ignore[attr-defined]
    body = [
        "关于开展既有住宅加装电梯试点工作的通知",
        "",
        "各区住房城乡建设部门：",
        "为推进老旧小区改造，经研究，决定在部分街道开展既有住宅加装电梯试点。",
        f"试点工作联络人：{name}，联系电话：{phone}。",
        f"联络人身份证号码：{pid}（办理授权委托用）。",
        "请各区于十二月底前报送试点小区名单及居民意见汇总表。",
        "",
        "市住房和城乡建设局办公室",
        "2026年12月1日",
    ]
    for line in body:
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    raw = bytes(pdf.output())  # type: ignore[attr-defined]

    def scramble(doc: object) -> None:
        import pikepdf

        shuffle = random.Random(rng.random())
        for obj in doc.objects:  # type: ignore[attr-defined]
            if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                stream = obj.ToUnicode
                data = stream.read_bytes().decode("latin-1")
                pairs = re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>", data)
                han = [dst for _src, dst in pairs if len(dst) == 4 and 0x4E00 <= int(dst, 16) <= 0x9FFF]
                moved = han[:]
                shuffle.shuffle(moved)
                table = dict(zip(han, moved, strict=True))

                def sub(m: re.Match[str], table: dict[str, str] = table) -> str:
                    return f"<{m.group(1)}> <{table.get(m.group(2), m.group(2))}>"

                stream.write(re.sub(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>", sub, data).encode("latin-1"))

    raw = _pike(raw, scramble)
    return PdfCase(
        [],
        [Secret("name", name), Secret("phone", phone), Secret("id", pid)],
        lang="chi_sim+eng",
        ext="pdf",
        terms=[name],
        raw=raw,
    )


def _scan_with_layer(rng: random.Random, lines: list[str], layer: list[str], shift_lines: int = 0) -> bytes:
    """A 200-dpi scan of ``lines`` under an invisible text layer of ``layer`` (an OCR's view)."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(SERIF, pt(11, dpi))
    y0, step = 300, 62
    for i, line in enumerate(lines):
        text(d, (150, y0 + step * i), line, f)
    img = scan(img, rng)
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.image(_png(img), x=0, y=0, w=210, h=297)  # type: ignore[attr-defined]
    from fpdf.enums import TextMode

    pdf.text_mode = TextMode.INVISIBLE  # type: ignore[attr-defined]
    pdf.set_font("dv", size=11)  # type: ignore[attr-defined]
    mm = 25.4 / dpi
    for i, line in enumerate(layer):
        y = (y0 + step * (i + shift_lines)) * mm + 4.0
        pdf.text(150 * mm, y, line)  # type: ignore[attr-defined]
    return bytes(pdf.output())  # type: ignore[attr-defined]


def c_pdf_ocr_misread(rng: random.Random) -> Case:
    """Scan + invisible OCR layer in which the name and the ID were misread (as OCR tools do)."""
    name, pid = "Bartholomew Okonkwo", cn_id(rng, "19860721")
    lines = [
        "Tenancy reference — Flat 4B, Harbour Court",
        f"Applicant: {name}",
        f"Resident ID: {pid}",
        "Employer: Eastgate Logistics Ltd, since March 2019.",
        "Rent paid on time for 36 months; no arrears recorded.",
    ]
    layer = lines[:]
    layer[1] = "Applicant: Barthoiornew 0konkvvo"
    layer[2] = "Resident ID: " + pid[:6].replace("1", "l") + " " + pid[6:14].replace("0", "O") + " " + pid[14:]
    raw = _scan_with_layer(rng, lines, layer)
    return PdfCase([], [Secret("name", name), Secret("id", pid)], ext="pdf", terms=[name], raw=raw)


def c_pdf_ocr_shifted(rng: random.Random) -> Case:
    """Scan + a correct invisible OCR layer placed one line lower than the pixels it transcribes."""
    name, phone = "Marguerite Vandersloot", "+44 20 7946 0321"
    lines = [
        "Incident report 2026-114",
        f"Reported by: {name}",
        f"Contact: {phone}",
        "Location: loading bay 3, north gate.",
        "A pallet fell from the second rack; nobody was hurt.",
        "Racking inspected the same afternoon and cleared.",
    ]
    raw = _scan_with_layer(rng, lines, lines, shift_lines=1)
    return PdfCase([], [Secret("name", name), Secret("phone", phone)], ext="pdf", terms=[name], raw=raw)


def _stream(doc: object, content: bytes, resources: object, bbox: list[float]) -> object:
    import pikepdf

    return pikepdf.Stream(
        doc,  # type: ignore[arg-type]
        content,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=bbox,
        Resources=resources,
    )


def _helv(doc: object) -> object:
    import pikepdf

    return pikepdf.Dictionary(
        Font=pikepdf.Dictionary(
            Helv=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        )
    )


def c_pdf_annots_forms(rng: random.Random) -> Case:
    """Born-digital form: a FreeText annotation, a filled text field and a stamp annotation show names."""
    n1, n2, n3 = "Evangeline Thorsby", "Ignatius Pemberton", "Rosalind Achterberg"
    phone = "+1 617 555 0148"
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("dvb", size=16)  # type: ignore[attr-defined]
    pdf.cell(0, 14, "Volunteer application — review sheet", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("dv", size=11)  # type: ignore[attr-defined]
    for line in (
        "Applicant name:",
        "",
        "Telephone:",
        "",
        "Availability: weekends, two shifts a month.",
        "Reviewer's note (see comment box on the right).",
        "",
        "Approved by:",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    raw = bytes(pdf.output())  # type: ignore[attr-defined]

    def annotate(doc: object) -> None:
        import pikepdf

        pg = doc.pages[0]  # type: ignore[attr-defined]
        res = _helv(doc)
        h = float(pg.MediaBox[3])

        def widget(value: str, x: float, y: float, w: float, name: str) -> object:
            ap = _stream(doc, f"/Tx BMC BT /Helv 11 Tf 0 g 2 5 Td ({value}) Tj ET EMC".encode(), res, [0, 0, w, 20])
            return doc.make_indirect(  # type: ignore[attr-defined]
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Widget,
                    FT=pikepdf.Name.Tx,
                    T=pikepdf.String(name),
                    V=pikepdf.String(value),
                    DA=pikepdf.String("/Helv 11 Tf 0 g"),
                    Rect=[x, y, x + w, y + 20],
                    F=4,
                    AP=pikepdf.Dictionary(N=ap),
                )
            )

        f1 = widget(n1, 150, h - 95, 220, "applicant")
        f2 = widget(phone, 150, h - 152, 220, "phone")
        free_ap = _stream(
            doc,
            (
                "1 1 0.75 rg 0 0 190 40 re f 0 g BT /Helv 10 Tf 4 24 Td "
                f"(Checked by {n2}) Tj 0 -14 Td (refs OK, 2 Dec) Tj ET"
            ).encode(),
            res,
            [0, 0, 190, 40],
        )
        free = doc.make_indirect(  # type: ignore[attr-defined]
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.FreeText,
                Rect=[360, h - 260, 550, h - 220],
                Contents=pikepdf.String(f"Checked by {n2}, refs OK, 2 Dec"),
                DA=pikepdf.String("/Helv 10 Tf 0 g"),
                F=4,
                AP=pikepdf.Dictionary(N=free_ap),
            )
        )
        stamp_ap = _stream(
            doc,
            f"1 0 0 RG 2 w 2 2 236 36 re S 1 0 0 rg BT /Helv 14 Tf 8 14 Td (APPROVED {n3.upper()}) Tj ET".encode(),
            res,
            [0, 0, 240, 40],
        )
        stamp = doc.make_indirect(  # type: ignore[attr-defined]
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Stamp,
                Rect=[150, h - 330, 390, h - 290],
                F=4,
                AP=pikepdf.Dictionary(N=stamp_ap),
            )
        )
        pg.obj.Annots = pikepdf.Array([f1, f2, free, stamp])
        doc.Root.AcroForm = pikepdf.Dictionary(  # type: ignore[attr-defined]
            Fields=pikepdf.Array([f1, f2]), DR=res, DA=pikepdf.String("/Helv 11 Tf 0 g")
        )

    return PdfCase(
        [],
        [Secret("name", n1), Secret("name", n2), Secret("name", n3.upper()), Secret("phone", phone)],
        ext="pdf",
        terms=[n1, n2, n3],
        raw=_pike(raw, annotate),
    )


def c_pdf_hidden_places(rng: random.Random) -> Case:
    """A visible memo; names only in metadata, XMP, outline, attachment, note, white text, off-crop, hidden OCG."""
    names = [
        "Cressida Walmsley",  # Author
        "Thaddeus Moorcroft",  # XMP creator
        "Octavia Brightwater",  # outline entry
        "Lysander Quennell",  # attachment text
        "Perpetua Hollingsworth",  # sticky note
        "Barnaby Fitzwarren",  # white text
        "Seraphina Oduya",  # outside the crop box
        "Ambrose Lindqvist",  # hidden optional-content layer
    ]
    visible = "Philippa Ravenscroft"
    pdf = _fpdf()
    pdf.set_author(names[0])  # type: ignore[attr-defined]
    pdf.set_title("Budget memo")  # type: ignore[attr-defined]
    pdf.set_xmp_metadata(  # type: ignore[attr-defined]
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{names[1]}</rdf:li></rdf:Seq></dc:creator></rdf:Description>"
    )
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.start_section(f"Notes for {names[2]}")  # type: ignore[attr-defined]
    pdf.set_font("dvb", size=16)  # type: ignore[attr-defined]
    pdf.cell(0, 14, "Budget memo — quarter 4", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("dv", size=11)  # type: ignore[attr-defined]
    for line in (
        f"Prepared by {visible}, finance office.",
        "Travel spending is 12 % under plan; training 4 % over.",
        "The printer lease ends in March and will not be renewed.",
        "Please send corrections before Friday.",
    ):
        pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_text_color(255, 255, 255)  # type: ignore[attr-defined]
    pdf.cell(0, 10, f"Draft reviewed by {names[5]}", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_text_color(20, 20, 20)  # type: ignore[attr-defined]
    pdf.text(20, 285, f"Distribution: {names[6]}")  # type: ignore[attr-defined]
    pdf.text_annotation(150, 40, f"Ask {names[4]} about the lease")  # type: ignore[attr-defined]
    pdf.embed_file(  # type: ignore[attr-defined]
        basename="contacts.txt", bytes=f"Lease contact: {names[3]}\n".encode(), desc="contacts"
    )
    raw = bytes(pdf.output())  # type: ignore[attr-defined]

    hidden = _fpdf()
    hidden.add_page()  # type: ignore[attr-defined]
    hidden.set_font("dv", size=11)  # type: ignore[attr-defined]
    hidden.text(20, 150, f"Approver (hidden layer): {names[7]}")  # type: ignore[attr-defined]
    hraw = bytes(hidden.output())  # type: ignore[attr-defined]

    def edit(doc: object) -> None:
        import pikepdf

        pg = doc.pages[0]  # type: ignore[attr-defined]
        mb = [float(v) for v in pg.MediaBox]
        pg.obj.CropBox = [mb[0], mb[1] + 60, mb[2], mb[3]]  # the distribution line is below the crop
        with pikepdf.open(io.BytesIO(hraw)) as other:
            form = doc.copy_foreign(other.pages[0].as_form_xobject())  # type: ignore[attr-defined]
        ocg = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Approvals")))  # type: ignore[attr-defined]
        res = pg.obj.Resources
        if "/XObject" not in res:
            res.XObject = pikepdf.Dictionary()
        res.XObject.Hid = form
        res.Properties = pikepdf.Dictionary(L1=ocg)
        pg.contents_add(pikepdf.Stream(doc, b"/OC /L1 BDC q /Hid Do Q EMC"), prepend=False)  # type: ignore[arg-type]
        doc.Root.OCProperties = pikepdf.Dictionary(  # type: ignore[attr-defined]
            OCGs=pikepdf.Array([ocg]), D=pikepdf.Dictionary(OFF=pikepdf.Array([ocg]), Order=pikepdf.Array([ocg]))
        )

    return PdfCase(
        [],
        [Secret("name", visible)] + [Secret("hidden-name", n) for n in names],
        ext="pdf",
        terms=[visible, *names],
        raw=_pike(raw, edit),
    )


def c_pdf_rotate90(rng: random.Random) -> Case:
    """Born-digital landscape roster stored portrait with /Rotate 90 (text layer turned with it)."""
    rows = [
        ("司徒静怡", "15820497316", "行政科"),
        ("欧阳建国", "13675208841", "财务科"),
        ("上官婉清", "18916043275", "信息科"),
    ]
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("wqy", size=16)  # type: ignore[attr-defined]
    # drawn sideways on a portrait page: the viewer turns it upright through /Rotate 90
    with pdf.rotation(90, x=105, y=148):  # type: ignore[attr-defined]
        pdf.set_xy(-5, 80)  # type: ignore[attr-defined]
        pdf.cell(220, 12, "2026年元旦假期值班表", align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        pdf.set_font("wqy", size=12)  # type: ignore[attr-defined]
        for i, (nm, ph, dept) in enumerate(rows):
            pdf.set_xy(5, 100 + 12 * i)  # type: ignore[attr-defined]
            pdf.cell(200, 10, f"1月{i + 1}日    {dept}    {nm}    手机 {ph}")  # type: ignore[attr-defined]
    raw = bytes(pdf.output())  # type: ignore[attr-defined]

    def rot(doc: object) -> None:
        doc.pages[0].obj.Rotate = 90  # type: ignore[attr-defined]

    secrets = [Secret("name", r[0]) for r in rows] + [Secret("phone", r[1]) for r in rows]
    return PdfCase([], secrets, lang="chi_sim+eng", ext="pdf", terms=[r[0] for r in rows], raw=_pike(raw, rot))


def c_pdf_ccitt_fax(rng: random.Random) -> Case:
    """A standard-resolution fax (204 × 98 dpi, CCITT G4) embedded in a PDF: text squashed in the pixels."""
    import img2pdf

    name, phone = "Wilhelmina Drachenfels", "+49 30 901 827 64"
    dpi = 204
    img = page(dpi, 8.27, 11.0)
    d = ImageDraw.Draw(img)
    f = font(MONO, pt(10, dpi))
    text(d, (60, 30), f"DEC-02-2026 09:14  FROM: {phone}   P.001/001", f)
    lines = [
        "TELEFAX",
        "",
        f"To: {name}, Purchasing",
        "Re: order 77-3150, delivery window",
        "",
        "The pallets leave our yard on Thursday morning.",
        f"Please confirm to {name.split()[1]} by return fax.",
    ]
    fb = font(SERIF, pt(12, dpi))
    for i, line in enumerate(lines):
        text(d, (160, 250 + 70 * i), line, fb)
    img = img.convert("L").filter(ImageFilter.GaussianBlur(0.7)).point(lambda v: 0 if v < 150 else 255)
    img = img.resize((img.width, img.height * 98 // 204), Image.Resampling.BOX).point(lambda v: 0 if v < 140 else 255)
    bw = img.convert("1")
    buf = io.BytesIO()
    bw.save(buf, format="TIFF", compression="group4", dpi=(204, 98))
    raw = img2pdf.convert(buf.getvalue())
    return PdfCase([], [Secret("name", name), Secret("phone", phone)], ext="pdf", terms=[name], raw=raw)


def c_pdf_pasted_image(rng: random.Random) -> Case:
    """Born-digital letter (real text) with a pasted low-resolution, JPEG-blurred contact-card screenshot."""
    name, phone, mail = "Ferdinand Klopstock", "+49 151 2398 4471", "f.klopstock@haldenwerk.de"
    card = Image.new("RGB", (330, 120), (245, 247, 250))
    d = ImageDraw.Draw(card)
    d.ellipse((10, 25, 80, 95), fill=(90, 140, 200))
    d.text((30, 45), "FK", font=font(BOLD, 24), fill=(255, 255, 255))
    d.text((95, 20), name, font=font(BOLD, 17), fill=(30, 30, 30))
    d.text((95, 52), phone, font=font(SANS, 14), fill=(70, 70, 70))
    d.text((95, 78), mail, font=font(SANS, 13), fill=(40, 90, 170))
    jb = io.BytesIO()
    card.save(jb, format="JPEG", quality=45)
    jb.seek(0)
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("dv", size=11)  # type: ignore[attr-defined]
    for line in (
        "Dear colleagues,",
        "",
        "the supplier's new account manager is shown below (screenshot from the portal).",
        "Please update the supplier master data before the January run.",
    ):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.image(jb, x=20, y=60, w=95)  # type: ignore[attr-defined]
    pdf.set_xy(10, 110)  # type: ignore[attr-defined]
    pdf.cell(0, 8, "Kind regards, Procurement")  # type: ignore[attr-defined]
    raw = bytes(pdf.output())  # type: ignore[attr-defined]
    return PdfCase(
        [], [Secret("name", name), Secret("phone", phone), Secret("email", mail)], ext="pdf", terms=[name], raw=raw
    )


# ---------------------------------------------------------------- scans and screenshots


def c_cell_split_name(rng: random.Random) -> Case:
    """Registration table: 姓 and 名 in two cells, Surname and Given names in two cells."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(CJK, pt(12, dpi))
    centred(d, img.width, 150, "外籍专家来华工作登记表", font(CJK, pt(18, dpi)))
    xs, ys = grid(d, 150, 320, [200, 260, 200, 260, 400], [90, 90, 90])
    labels = [
        ("姓", "欧阳", "名", "振华", ""),
        ("Surname", "VANCE-", "Given", "Harriet", "国籍：英国"),
        ("单位", "市外办", "职务", "顾问", ""),
    ]
    for r, row in enumerate(labels):
        for c, cell in enumerate(row):
            face = f if any(ord(ch) > 0x2E80 for ch in cell) else font(SANS, pt(11, dpi))
            d.text((xs[c] + 14, ys[r] + 24), cell, font=face, fill=BLACK)
    d.text((xs[1] + 14, ys[1] + 52), "", font=f, fill=BLACK)
    text(d, (150, ys[-1] + 60), "Surname continued: BRIGHTLING (see passport)", font(SANS, pt(9, dpi)))
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", "欧阳|振华"), Secret("name", "Harriet|VANCE|BRIGHTLING")],
        lang="chi_sim+eng",
        terms=["欧阳振华", "Harriet Vance-Brightling"],
        dpi=dpi,
    )


def c_cjk_linebreak(rng: random.Random) -> Case:
    """Justified Chinese paragraph: a name split 慕容 / 晓燕 over a line end, an ID split 10 / 8 digits."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    f = font(CJK, pt(12, dpi))
    name, pid = "慕容晓燕", cn_id(rng, "19910830")
    n = 30
    para = (
        f"经核实，我单位职工慕容晓燕同志自二〇一九年起在财务科工作，表现良好，现因家庭原因申请调往贵单位，"
        f"特此证明。该同志身份证号码为{pid}，请予办理相关手续。"
    )
    # cut so the name and the ID fall across line ends
    k = para.index(name) + 2
    lines = [para[:k]]
    rest = para[k:]
    j = rest.index(pid) + 10
    lines += [rest[:j][i : i + n] for i in range(0, j, n)]
    lines += [rest[j:][i : i + n] for i in range(0, len(rest) - j, n)]
    y = 350
    centred(d, img.width, 150, "工作证明", font(CJK, pt(20, dpi)))
    for line in lines:
        d.text((150, y), line, font=f, fill=BLACK)
        y += 70
    out = scan(img, rng)
    return Case([out], [Secret("name", name), Secret("id", pid)], lang="chi_sim+eng", terms=[name], dpi=dpi)


def c_pale_inks(rng: random.Random) -> Case:
    """Sign-up sheet printed in light cyan and light pink, with a 5-pt pale grey footnote."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    cyan: Colour = (120, 215, 235)
    pink: Colour = (250, 170, 200)
    grey: Colour = (185, 185, 185)
    n1, n2, n3 = "Leopold Achterberg", "Giselle Marchetti", "Cornelius Abernathy"
    p1, p2 = "+44 7700 900 461", "+44 7700 900 815"
    text(d, (150, 150), "Summer fete — stall volunteers", font(BOLD, pt(18, dpi)), fill=cyan)
    f = font(SANS, pt(12, dpi))
    text(d, (150, 320), f"Cake stall: {n1}  ({p1})", f, fill=cyan)
    text(d, (150, 400), f"Tombola: {n2}  ({p2})", f, fill=pink)
    text(d, (150, 480), "Setting up from 8 am; bring gloves.", f, fill=BLACK)
    text(d, (150, 2150), f"Printed for the committee; questions to {n3}.", font(SANS, pt(5, dpi)), fill=grey)
    out = scan(img, rng, noise=3)
    return Case(
        [out],
        [Secret("name", n1), Secret("name", n2), Secret("name", n3), Secret("phone", p1), Secret("phone", p2)],
        terms=[n1, n2, n3],
        dpi=dpi,
    )


def c_screen_moire(rng: random.Random) -> Case:
    """A phone photo of an LCD showing an OA record: pixel grid, moiré bands, perspective, glare."""
    name, phone = "诸葛明轩", "13812906457"
    w, h = 1400, 900
    scr = Image.new("RGB", (w, h), (250, 250, 252))
    d = ImageDraw.Draw(scr)
    d.rectangle((0, 0, w, 70), fill=(30, 90, 180))
    d.text((30, 16), "协同办公平台 · 人员信息", font=font(CJK, 34), fill=(255, 255, 255))
    f = font(CJK, 32)
    rows = [
        ("姓名", name),
        ("部门", "规划发展处"),
        ("手机", phone),
        ("办公电话", "内线 8317"),
        ("入职日期", "2018-04-09"),
    ]
    for i, (k, v) in enumerate(rows):
        d.text((80, 140 + 90 * i), k, font=f, fill=(110, 110, 110))
        d.text((330, 140 + 90 * i), v, font=f, fill=(20, 20, 20))
    a = np.asarray(scr).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    sub = np.stack([(xx % 3 == 0), (xx % 3 == 1), (xx % 3 == 2)], axis=-1).astype(np.float32)  # RGB stripes
    a = a * (0.55 + 0.45 * sub) + (yy % 4 == 0)[..., None] * -25
    moire = 22 * np.sin(2 * math.pi * (xx * 0.0113 + yy * 0.0071)) + 14 * np.sin(
        2 * math.pi * (xx * 0.0031 - yy * 0.0093)
    )
    a = a + moire[..., None]
    glare = 60 * np.exp(-(((xx - 1000) / 260.0) ** 2 + ((yy - 250) / 180.0) ** 2))
    a = np.clip(a + glare[..., None], 0, 255)
    shot = Image.fromarray(a.astype(np.uint8)).resize((w * 2 // 3, h * 2 // 3), Image.Resampling.BILINEAR)
    out = photo(shot, rng, tilt=3.0, shadow=0.3, bg=(25, 25, 28))
    return Case(
        [out], [Secret("name", name), Secret("phone", phone)], lang="chi_sim+eng", ext="jpg", terms=[name], dpi=150
    )


def c_dingtalk_avatars(rng: random.Random) -> Case:
    """DingTalk group chat screenshot: avatars show the given name (two characters) in a coloured circle."""
    people = [
        ("东方雨桐", "雨桐", (52, 133, 255)),
        ("皇甫志强", "志强", (255, 148, 60)),
        ("令狐晓霞", "晓霞", (60, 190, 130)),
    ]
    phone = "15167342980"
    w, h = 1080, 1900
    img = Image.new("RGB", (w, h), (242, 243, 245))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, w, 140), fill=(255, 255, 255))
    d.text((360, 50), "项目推进群(12)", font=font(CJK, 42), fill=(20, 20, 20))
    msgs = [
        (0, "各位，周五验收，材料今晚前发我。"),
        (1, f"收到。现场联系人是我，电话{phone}"),
        (2, "好的，我把合同扫描件放群文件了"),
        (0, "@皇甫志强 车辆安排一下"),
    ]
    y = 200
    for who, msg in msgs:
        full, given, col = people[who]
        d.rounded_rectangle((30, y, 140, y + 110), radius=22, fill=col)
        gf = font(CJK, 38)
        d.text((85 - d.textlength(given, font=gf) / 2, y + 33), given, font=gf, fill=(255, 255, 255))
        d.text((170, y), full, font=font(CJK, 30), fill=(140, 140, 140))
        mf = font(CJK, 40)
        tw = d.textlength(msg, font=mf)
        d.rounded_rectangle((170, y + 45, 170 + tw + 50, y + 135), radius=14, fill=(255, 255, 255))
        d.text((195, y + 66), msg, font=mf, fill=(25, 25, 25))
        y += 230
    secrets = [Secret("name", p[0]) for p in people] + [
        Secret("phone", phone),
        Secret("given", "雨桐"),
        Secret("given", "晓霞"),
    ]
    return Case([img], secrets, lang="chi_sim+eng", terms=[p[0] for p in people], dpi=96)


def c_excel_formula_bar(rng: random.Random) -> Case:
    """Spreadsheet screenshot: ID cells shown as 1.10105E+17, the selected one in full in the formula bar."""
    ids = [cn_id(rng, b) for b in ("19840217", "19920605", "19771123")]
    names = ["闻人嘉懿", "澹台子墨", "公孙若曦"]
    w, h = 1500, 700
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    f = font(SANS, 17)
    fc = font(CJK, 18)
    d.rectangle((0, 0, w, 60), fill=(33, 115, 70))
    d.text((20, 18), "人员信息.xlsx - Excel", font=font(CJK, 20), fill=(255, 255, 255))
    d.rectangle((0, 60, w, 100), fill=(243, 243, 243))
    d.text((20, 70), "C3", font=f, fill=BLACK)
    d.text((110, 68), "fx", font=font(OBLIQUE, 18), fill=(90, 90, 90))
    d.text((160, 70), ids[1], font=f, fill=BLACK)
    cols = [50, 160, 200, 260, 180]
    xs = [0]
    for c in cols:
        xs.append(xs[-1] + c)
    for r in range(7):
        y = 110 + 30 * r
        d.line((0, y, xs[-1], y), fill=(212, 212, 212))
    for x in xs:
        d.line((x, 110, x, 320), fill=(212, 212, 212))
    for c, head in enumerate(["", "A", "B", "C", "D"]):
        d.text((xs[c] + 10, 114), head, font=f, fill=(80, 80, 80))
    heads = ["序号", "姓名", "身份证号", "部门"]
    for c, head in enumerate(heads):
        d.text((xs[c + 1] + 8, 142), head, font=fc, fill=BLACK)
    for r in range(3):
        y = 172 + 30 * r
        d.text((xs[0] + 12, y), str(r + 2), font=f, fill=(80, 80, 80))
        d.text((xs[1] + 8, y), str(r + 1), font=f, fill=BLACK)
        d.text((xs[2] + 8, y), names[r], font=fc, fill=BLACK)
        sci = f"{int(ids[r][:6]) / 100000:.5f}E+17"
        d.text((xs[4] - 8 - d.textlength(sci, font=f), y), sci, font=f, fill=BLACK)
        d.text((xs[4] + 8, y), "综合科", font=fc, fill=BLACK)
    d.rectangle((xs[3], 200, xs[4], 230), outline=(16, 124, 65), width=3)
    secrets = [Secret("id", ids[1])] + [Secret("name", n) for n in names]
    return Case([img], secrets, lang="chi_sim+eng", terms=names, dpi=96)


def c_signature_lines(rng: random.Random) -> Case:
    """Contract signature block: names typed on rules that run through their descenders."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    n1, n2, n3 = "Gregory Pappagallo", "Peggy Quigley-Ayling", "夏侯翊鹏"
    text(d, (150, 200), "IN WITNESS WHEREOF the parties sign below.", font(SERIF, pt(11, dpi)))
    fs = font(SERIF_BOLD, pt(12, dpi))
    for i, (label, nm) in enumerate((("For the Lessor:", n1), ("For the Lessee:", n2))):
        y = 450 + 260 * i
        text(d, (150, y), label, font(SERIF, pt(11, dpi)))
        text(d, (700, y - 10), nm, fs)
        base = y - 10 + int(pt(12, dpi) * 0.93)
        d.line((650, base, 1450, base), fill=BLACK, width=3)
    fc = font(CJK, pt(12, dpi))
    d.text((150, 1050), "见证人签名：", font=fc, fill=BLACK)
    d.text((700, 1040), n3, font=fc, fill=BLACK)
    d.line((650, 1040 + int(pt(12, dpi) * 0.85), 1450, 1040 + int(pt(12, dpi) * 0.85)), fill=BLACK, width=3)
    out = scan(img, rng)
    return Case(
        [out],
        [Secret("name", n1), Secret("name", n2), Secret("name", n3)],
        lang="eng+chi_sim",
        terms=[n1, n2, n3],
        dpi=dpi,
    )


def c_chart_axis_names(rng: random.Random) -> Case:
    """Bar chart of overtime hours per person: names as x-axis labels turned 45°."""
    dpi = 150
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    names = ["Augustin Delacourt", "Philomena Ashby", "Radomir Vasilenko", "Temperance Oakes"]
    centred(d, img.width, 60, "Overtime hours, November", font(BOLD, pt(16, dpi)))
    x0, y0 = 250, 850
    d.line((x0, 150, x0, y0), fill=BLACK, width=2)
    d.line((x0, y0, 1500, y0), fill=BLACK, width=2)
    for i, nm in enumerate(names):
        hgt = rng.randint(200, 600)
        x = x0 + 80 + 280 * i
        d.rectangle((x, y0 - hgt, x + 120, y0), fill=(70, 120, 190))
        turned_text(img, (x - 120, y0 + 10), nm, font(SANS, pt(10, dpi)), 45, BLACK)
    out = scan(img, rng)
    return Case([out], [Secret("name", n) for n in names], terms=names, dpi=dpi)


def c_gradient_title(rng: random.Random) -> Case:
    """Certificate whose recipient name is set in a dark-blue to pale-cyan gradient."""
    dpi = 200
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    name = "Anastasia Kowalczyk"
    centred(d, img.width, 250, "CERTIFICATE OF COMPLETION", font(SERIF_BOLD, pt(28, dpi)))
    centred(d, img.width, 500, "This is to certify that", font(SERIF, pt(14, dpi)))
    fn = font(SERIF_BOLD, pt(34, dpi))
    tw = int(d.textlength(name, font=fn))
    mask = Image.new("L", (tw + 20, int(pt(34, dpi) * 1.4)), 0)
    ImageDraw.Draw(mask).text((10, 5), name, font=fn, fill=255)
    t = np.linspace(0, 1, mask.width)[None, :, None]
    dark, light = np.array([15, 40, 120]), np.array([170, 230, 245])
    grad = np.broadcast_to(dark + (light - dark) * t, (mask.height, mask.width, 3)).astype(np.uint8)
    img.paste(Image.fromarray(grad), ((img.width - tw) // 2 - 10, 650), mask)
    centred(d, img.width, 950, "has completed the course in Safe Lifting Operations.", font(SERIF, pt(14, dpi)))
    out = scan(img, rng, noise=3)
    return Case([out], [Secret("name", name)], terms=[name], dpi=dpi)


def c_folded_letter(rng: random.Random) -> Case:
    """A letter folded in three and photographed: crease shadows across the name and the phone lines."""
    dpi = 150
    img = page(dpi)
    d = ImageDraw.Draw(img)
    name, phone = "Maximilian Trevelyan", "+353 87 412 9066"
    f = font(SERIF, pt(12, dpi))
    h = img.height
    lines = ["Dear Ms Harper,", "", "thank you for the keys; the flat is in good order.", ""]
    for i, line in enumerate(lines):
        text(d, (140, 300 + 45 * i), line, f)
    crease = h // 3
    text(d, (140, crease - 18), f"Yours, {name}", f)
    text(d, (140, 2 * h // 3 - 18), f"Mobile {phone} (evenings)", f)
    a = np.asarray(img).astype(np.float32)
    yy = np.arange(h)[:, None, None]
    for c in (crease, 2 * h // 3):
        a *= 1 - 0.45 * np.exp(-(((yy - c) / 14.0) ** 2)) * (yy > c) - 0.2 * np.exp(-(((yy - c) / 40.0) ** 2))
    panel = ((yy // (h // 3)) % 2 == 1).astype(np.float32)
    a *= 1 - 0.12 * panel
    out = photo(Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)), rng, tilt=-2.5, shadow=0.25)
    return Case([out], [Secret("name", name), Secret("phone", phone)], ext="jpg", terms=[name], dpi=dpi)


def c_table_tent(rng: random.Random) -> Case:
    """A 桌签 (table tent card) printed in huge type, once upright and once upside down."""
    dpi = 150
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    name = "宇文思远"
    fn = font(CJK, pt(110, dpi))
    tw = d.textlength(name, font=fn)
    half = img.height // 2
    d.line((0, half, img.width, half), fill=(180, 180, 180), width=2)
    d.text(((img.width - tw) / 2, half + 120), name, font=fn, fill=BLACK)
    top = Image.new("RGB", (img.width, half), (255, 255, 255))
    ImageDraw.Draw(top).text(((img.width - tw) / 2, 120), name, font=fn, fill=BLACK)
    img.paste(top.rotate(180), (0, 0))
    out = scan(img, rng)
    return Case([out], [Secret("name", name)], lang="chi_sim+eng", terms=[name], dpi=dpi)


def c_vcard_qr(rng: random.Random) -> Case:
    """A business card scan whose QR code holds a vCard: N:Surname;Given, TEL, EMAIL."""
    dpi = 300
    img = page(dpi, 3.5, 2.0)
    d = ImageDraw.Draw(img)
    name, phone, mail = "Clementine Hargreaves", "+61 412 738 905", "c.hargreaves@tallowood.com.au"
    text(d, (60, 60), "TALLOWOOD TIMBER", font(BOLD, pt(9, dpi)), fill=(40, 90, 60))
    text(d, (60, 200), "Regional sales", font(SANS, pt(7, dpi)))
    vcard = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Hargreaves;Clementine;;;\nFN:C. Hargreaves\n"
        f"TEL;TYPE=CELL:{phone.replace(' ', '')}\nEMAIL:{mail}\nEND:VCARD"
    )
    code = qr(vcard, 4)
    img.paste(code, (img.width - code.width - 40, img.height - code.height - 40))
    out = scan(img, rng, noise=3)
    return Case(
        [out],
        [Secret("name", "Hargreaves;Clementine"), Secret("phone", phone.replace(" ", "")), Secret("email", mail)],
        terms=[name],
        dpi=dpi,
    )


def c_vcard_name_only(rng: random.Random) -> Case:
    """Name badge whose QR holds a vCard with only the name (N:Surname;Given) and the company."""
    dpi = 300
    img = page(dpi, 3.5, 2.0)
    d = ImageDraw.Draw(img)
    text(d, (60, 60), "VISITOR", font(BOLD, pt(12, dpi)), fill=(160, 30, 30))
    text(d, (60, 220), "Host: reception desk B", font(SANS, pt(7, dpi)))
    vcard = "BEGIN:VCARD\nVERSION:3.0\nN:Abernethy-Sloane;Wilhelmina;;;\nORG:Kestrel Dynamics\nEND:VCARD"
    code = qr(vcard, 4)
    img.paste(code, (img.width - code.width - 40, img.height - code.height - 40))
    out = scan(img, rng, noise=3)
    return Case(
        [out],
        [Secret("name", "Abernethy-Sloane;Wilhelmina")],
        terms=["Wilhelmina Abernethy-Sloane"],
        dpi=dpi,
    )


def c_links(rng: random.Random) -> Case:
    """A web-page printout: phone, e-mail and ID numbers only inside tel:, mailto: and ?id= links."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    pid = cn_id(rng, "19880409")
    phone, mail = "+8613726498015", "wangfei.hr@dongjiang-group.cn"
    f = font(MONO, pt(9, dpi))
    lines = [
        "Staff self-service — links exported from the intranet",
        "",
        f"[Call]   tel:{phone}",
        f"[Write]  mailto:{mail}?subject=leave",
        f"[Check]  https://hr.dongjiang-group.cn/verify?id={pid}&t=1",
        "[Help]   https://hr.dongjiang-group.cn/help/faq.html",
    ]
    for i, line in enumerate(lines):
        text(d, (120, 200 + 60 * i), line, f)
    out = scan(img, rng)
    return Case([out], [Secret("phone", phone), Secret("email", mail), Secret("id", pid)], terms=[], dpi=dpi)


def c_courier_label(rng: random.Random) -> Case:
    """A 快递面单 photographed: the phone in a Code 128 barcode, the sender line up the label's edge."""
    import zxingcpp

    dpi = 200
    img = page(dpi, 4.0, 6.0)
    d = ImageDraw.Draw(img)
    rname, rphone, sname, sphone = "濮阳子涵", "13584207913", "钟离慕白", "18762093154"
    f = font(CJK, pt(11, dpi))
    d.rectangle((10, 10, img.width - 10, img.height - 10), outline=BLACK, width=4)
    d.text((40, 40), "标准快递", font=font(CJK, pt(20, dpi)), fill=BLACK)
    d.text((60, 200), f"收 {rname}  {rphone[:3]}****{rphone[-4:]}", font=f, fill=BLACK)
    d.text((60, 260), "浙江省杭州市西湖区文三路 90 号", font=f, fill=BLACK)
    bc = zxingcpp.create_barcode(rphone, zxingcpp.BarcodeFormat.Code128)
    bars = Image.fromarray(np.asarray(zxingcpp.write_barcode_to_image(bc, scale=4, add_hrt=False))).convert("RGB")
    bars = bars.resize((bars.width, 150))
    img.paste(bars, (70, 400))
    turned_text(img, (img.width - 70, 350), f"寄 {sname} {sphone}", font(CJK, pt(9, dpi)), 90, BLACK)
    out = photo(img, rng, tilt=4.0, shadow=0.2)
    return Case(
        [out],
        [Secret("name", rname), Secret("name", sname), Secret("phone", rphone), Secret("phone", sphone)],
        lang="chi_sim+eng",
        ext="jpg",
        terms=[rname, sname],
        dpi=dpi,
    )


# ---------------------------------------------------------------- ordinary pages


def c_ord_tongzhi(rng: random.Random) -> Case:
    """Ordinary: 通知 with red header, 文号, round seal and 抄送 line; no listed term on it."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 220, "县农业农村局", font(CJK, pt(32, dpi)), fill=RED)
    centred(d, img.width, 400, "农发〔2026〕37号", font(CJK, pt(14, dpi)))
    d.line((150, 470, img.width - 150, 470), fill=RED, width=6)
    centred(d, img.width, 540, "关于做好冬季农田水利设施管护工作的通知", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(13, dpi))
    body = [
        "各乡镇人民政府：",
        "    入冬以来气温持续走低，为确保明年春灌用水，现就有关事项通知如下：",
        "    一、全面排查渠道、泵站、闸门，12月20日前完成防冻处理。",
        "    二、加强值班，发现险情及时上报。",
        "    三、所需经费从2026年度小型水利维修资金中列支。",
    ]
    y = 700
    for line in body:
        for k in range(0, len(line), 33):
            d.text((150, y), line[k : k + 33], font=f, fill=BLACK)
            y += 75
    d.text((1000, y + 150), "县农业农村局", font=f, fill=BLACK)
    d.text((980, y + 230), "2026年12月3日", font=f, fill=BLACK)
    seal(img, (1130, y + 200), 190, "县农业农村局")
    d.line((150, 2150, img.width - 150, 2150), fill=BLACK, width=2)
    d.text((150, 2170), "抄送：县水利局，县财政局。", font=font(CJK, pt(11, dpi)), fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["东方雨桐"], dpi=dpi, ordinary=True)


def c_ord_paper(rng: random.Random) -> Case:
    """Ordinary: a scientific paper's first page with DOIs, an ISBN, an arXiv id and equations."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 150, "Sparse Estimators for Grouped Count Data", font(SERIF_BOLD, pt(17, dpi)))
    f = font(SERIF, pt(10, dpi))
    lines = [
        "Abstract. We study penalised estimators for counts observed in groups and",
        "show consistency when the number of groups grows as n^(1/3).",
        "",
        "1  Model",
        "Let y_ij ~ Poisson(lambda_ij) with log lambda_ij = x_ij' beta + u_i,  u_i ~ N(0, s^2).",
        "The estimator minimises  L(beta) = -sum_ij log p(y_ij) + tau * ||beta||_1 ,  tau = 0.35.",
        "For 2048 groups and 16384 observations the error falls by 41.7 %.",
        "",
        "References",
        "[1] Tibshirani R. (1996). J. R. Stat. Soc. B 58, 267-288. doi:10.1111/j.2517-6161.1996.tb02080.x",
        "[2] Hastie T. et al. (2015). Statistical Learning with Sparsity. ISBN 978-1-4987-1216-3",
        "[3] Preprint arXiv:2311.04127v2 [stat.ME], doi:10.48550/arXiv.2311.04127",
        "[4] Data: https://doi.org/10.5281/zenodo.7730155 (version 3, 2024-06-30)",
    ]
    for i, line in enumerate(lines):
        text(d, (130, 350 + 55 * i), line, f)
    out = scan(img, rng)
    return Case([out], [], terms=["Augustin Delacourt"], dpi=dpi, ordinary=True)


def c_ord_bank_form(rng: random.Random) -> Case:
    """Ordinary: a blank bank account-opening form: many empty □ boxes, empty comb cells, ruled lines."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 130, "个人银行结算账户开户申请书", font(CJK, pt(18, dpi)))
    f = font(CJK, pt(11, dpi))
    y = 320
    rows = [
        "证件类型：□居民身份证  □护照  □港澳居民来往内地通行证  □其他",
        "账户类型：□Ⅰ类户  □Ⅱ类户  □Ⅲ类户",
        "开通服务：□网上银行  □手机银行  □短信通知  □借记卡",
        "职    业：□公务员  □企业职员  □个体户  □学生  □其他",
    ]
    for line in rows:
        d.text((150, y), line, font=f, fill=BLACK)
        y += 90
    d.text((150, y + 10), "证件号码：", font=f, fill=BLACK)
    for k in range(18):
        x = 420 + 52 * k
        d.rectangle((x, y, x + 46, y + 60), outline=BLACK, width=2)
    y += 130
    for label in ("姓    名", "联系电话", "通讯地址", "申请人签字"):
        d.text((150, y), label + "：", font=f, fill=BLACK)
        d.line((420, y + 55, 1500, y + 55), fill=BLACK, width=2)
        y += 110
    d.text((150, y + 40), "银行填写：□已核实  □已留存复印件    经办：______  复核：______", font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["欧阳振华"], dpi=dpi, ordinary=True)


def c_ord_calendar(rng: random.Random) -> Case:
    """Ordinary: a month calendar grid with lunar days and public holidays."""
    dpi = 150
    img = page(dpi, 11.69, 8.27)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 60, "2027年1月  January", font(CJK, pt(22, dpi)))
    heads = ["日", "一", "二", "三", "四", "五", "六"]
    lunar = [
        "廿四",
        "廿五",
        "廿六",
        "廿七",
        "廿八",
        "廿九",
        "三十",
        "腊月",
        "初二",
        "初三",
        "初四",
        "初五",
        "初六",
        "初七",
    ]
    xs, ys = grid(d, 100, 200, [220] * 7, [60] + [150] * 5, width=2)
    for c, hd in enumerate(heads):
        d.text((xs[c] + 95, ys[0] + 12), hd, font=font(CJK, pt(14, dpi)), fill=RED if c in (0, 6) else BLACK)
    day = 1
    for r in range(5):
        for c in range(7):
            if (r == 0 and c < 5) or day > 31:
                continue
            d.text(
                (xs[c] + 15, ys[r + 1] + 10), str(day), font=font(BOLD, pt(18, dpi)), fill=RED if c in (0, 6) else BLACK
            )
            sub = "元旦" if day == 1 else lunar[day % len(lunar)]
            d.text((xs[c] + 15, ys[r + 1] + 85), sub, font=font(CJK, pt(10, dpi)), fill=(100, 100, 100))
            day += 1
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["宇文思远"], dpi=dpi, ordinary=True)


def c_ord_qr_poster(rng: random.Random) -> Case:
    """Ordinary: a public notice poster with a QR code of a public URL and a hotline of the service."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 200, "城市公园冬季开放时间调整", font(CJK, pt(24, dpi)))
    f = font(CJK, pt(13, dpi))
    for i, line in enumerate(
        ["自2026年12月1日起，开放时间调整为 6:30—20:00。", "节假日延长至 21:00。", "扫码查看园区导览及停车信息："]
    ):
        d.text((200, 450 + 90 * i), line, font=f, fill=BLACK)
    code = qr("https://www.example.gov.cn/parks/winter-hours?lang=zh", 12)
    img.paste(code, ((img.width - code.width) // 2, 850))
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["诸葛明轩"], dpi=dpi, ordinary=True)


def c_ord_invoice_numbers(rng: random.Random) -> Case:
    """Ordinary: a table of invoice codes (12 digits), numbers (8 digits) and 20-digit e-invoice numbers."""
    dpi = 200
    img = page(dpi)
    d = ImageDraw.Draw(img)
    centred(d, img.width, 130, "发票登记簿（2026年11月）", font(CJK, pt(18, dpi)))
    xs, ys = grid(d, 120, 300, [90, 330, 230, 520, 240], [70] * 9, width=2)
    f = font(SANS, pt(10, dpi))
    for c, hd in enumerate(["序号", "发票代码", "发票号码", "数电发票号码", "金额(元)"]):
        d.text((xs[c] + 10, ys[0] + 15), hd, font=font(CJK, pt(11, dpi)), fill=BLACK)
    for r in range(8):
        code = "0" + "".join(str(rng.randrange(10)) for _ in range(11))
        num = f"{rng.randrange(10**8):08d}"
        enum = "2644" + "".join(str(rng.randrange(10)) for _ in range(16))
        amt = f"{rng.randrange(100, 99999)}.{rng.randrange(100):02d}"
        for c, v in enumerate([str(r + 1), code, num, enum, amt]):
            d.text((xs[c] + 10, ys[r + 1] + 18), v, font=f, fill=BLACK)
    out = scan(img, rng)
    return Case([out], [], lang="chi_sim+eng", terms=["濮阳子涵"], dpi=dpi, ordinary=True)


def c_ord_pdf_report(rng: random.Random) -> Case:
    """Ordinary: a born-digital English report page with a text layer and a table."""
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("dvb", size=16)  # type: ignore[attr-defined]
    pdf.cell(0, 14, "Facilities report, November 2026", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.set_font("dv", size=11)  # type: ignore[attr-defined]
    for line in (
        "Energy use fell by 6.2 % against November last year, mainly from the new boiler controls.",
        "Two lifts were out of service for a total of 19 hours; both are now repaired.",
        "The roof survey found minor damage above stairwell C, to be fixed in January.",
    ):
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(6)  # type: ignore[attr-defined]
    with pdf.table() as table:  # type: ignore[attr-defined]
        for row in (
            ("Building", "kWh", "Change"),
            ("North", "41,220", "-4.1 %"),
            ("South", "38,905", "-8.0 %"),
            ("Annex", "9,310", "+1.2 %"),
        ):
            cells = table.row()
            for v in row:
                cells.cell(v)
    raw = bytes(pdf.output())  # type: ignore[attr-defined]
    return PdfCase([], [], ext="pdf", terms=["Marguerite Vandersloot"], ordinary=True, raw=raw)


def c_ord_pdf_rotated(rng: random.Random) -> Case:
    """Ordinary: a born-digital landscape bus timetable stored portrait and turned by /Rotate 270."""
    pdf = _fpdf()
    pdf.add_page()  # type: ignore[attr-defined]
    pdf.set_font("dv", size=12)  # type: ignore[attr-defined]
    with pdf.rotation(-90, x=105, y=148):  # type: ignore[attr-defined]
        pdf.set_xy(-5, 80)  # type: ignore[attr-defined]
        pdf.set_font("dvb", size=16)  # type: ignore[attr-defined]
        pdf.cell(220, 12, "Route 42 — weekday timetable", align="C")  # type: ignore[attr-defined]
        pdf.set_font("dv", size=12)  # type: ignore[attr-defined]
        for i, stop in enumerate(("Station", "Market Square", "Hospital", "University", "Park & Ride")):
            pdf.set_xy(5, 100 + 10 * i)  # type: ignore[attr-defined]
            times = "  ".join(f"{6 + k}:{(5 * i + 12) % 60:02d}" for k in range(8))
            pdf.cell(210, 8, f"{stop:<14} {times}")  # type: ignore[attr-defined]
    raw = bytes(pdf.output())  # type: ignore[attr-defined]

    def rot(doc: object) -> None:
        doc.pages[0].obj.Rotate = 270  # type: ignore[attr-defined]

    return PdfCase([], [], ext="pdf", terms=["Radomir Vasilenko"], ordinary=True, raw=_pike(raw, rot))


CASES: dict[str, Callable[[random.Random], Case]] = {
    "pdf_tounicode": c_pdf_tounicode,
    "pdf_ocr_misread": c_pdf_ocr_misread,
    "pdf_ocr_shifted": c_pdf_ocr_shifted,
    "pdf_annots_forms": c_pdf_annots_forms,
    "pdf_hidden_places": c_pdf_hidden_places,
    "pdf_rotate90": c_pdf_rotate90,
    "pdf_ccitt_fax": c_pdf_ccitt_fax,
    "pdf_pasted_image": c_pdf_pasted_image,
    "cell_split_name": c_cell_split_name,
    "cjk_linebreak": c_cjk_linebreak,
    "pale_inks": c_pale_inks,
    "screen_moire": c_screen_moire,
    "dingtalk_avatars": c_dingtalk_avatars,
    "excel_formula_bar": c_excel_formula_bar,
    "signature_lines": c_signature_lines,
    "chart_axis_names": c_chart_axis_names,
    "gradient_title": c_gradient_title,
    "folded_letter": c_folded_letter,
    "table_tent": c_table_tent,
    "vcard_qr": c_vcard_qr,
    "links": c_links,
    "courier_label": c_courier_label,
    "ord_tongzhi": c_ord_tongzhi,
    "ord_paper": c_ord_paper,
    "ord_bank_form": c_ord_bank_form,
    "ord_calendar": c_ord_calendar,
    "ord_qr_poster": c_ord_qr_poster,
    "ord_invoice_numbers": c_ord_invoice_numbers,
    "ord_pdf_report": c_ord_pdf_report,
    "ord_pdf_rotated": c_ord_pdf_rotated,
    "vcard_name_only": c_vcard_name_only,
}


def write44(case: Case, folder: Path) -> None:
    """As ``redteam41.write``; a born-digital case's PDF bytes are written as they are."""
    if isinstance(case, PdfCase) and case.raw:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "input.pdf").write_bytes(case.raw)
        (folder / "terms.txt").write_text("".join(t + "\n" for t in case.terms), encoding="utf-8")
        (folder / "lang.txt").write_text(case.lang + "\n", encoding="utf-8")
        meta = {"ordinary": case.ordinary, "secrets": [{"class": s.cls, "value": s.value} for s in case.secrets]}
        (folder / "secrets.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        return
    write(case, folder)


def main(argv: Sequence[str]) -> int:
    """Generate the cases named in ``argv[1:]`` (all by default) under ``argv[0]``."""
    if not argv:
        print("usage: python -m benchmarks.redteam44 OUTDIR [CASE ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    wanted = list(argv[1:]) or list(CASES)
    for i, (key, make) in enumerate(CASES.items(), 1):
        if key in wanted:
            write44(make(random.Random(44_000 + i)), out / f"{i:02d}_{key}")
            print(f"{i:02d}_{key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
