"""Born-digital documents made at test time with the libraries that write them (python-docx,
openpyxl, python-pptx, the email package), each with what it must give back."""

from __future__ import annotations

import zipfile
from email.message import EmailMessage
from pathlib import Path


def word(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading("Annual Report", 0)
    doc.add_heading("Introduction", 1)
    para = doc.add_paragraph("The depot moved to the harbour in spring.")
    doc.add_comment(para.runs, text="Check the season", author="Ann")
    doc.add_paragraph("First point", style="List Bullet")
    doc.add_paragraph("Nested point", style="List Bullet 2")
    doc.add_paragraph("Step one", style="List Number")
    doc.add_heading("Figures", 2)
    table = doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    doc.sections[0].header.paragraphs[0].text = "Internal use"
    doc.sections[0].footer.paragraphs[0].text = "Page footer"
    doc.save(str(path))
    return path


def workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Budget"
    ws.append(["Item", "Amount", "Share"])
    ws.append(["Rent", 1234.5, 0.25])
    ws.append(["Food", 800, 0.125])
    ws["B2"].number_format = "#,##0.00"
    ws["C2"].number_format = ws["C3"].number_format = "0.0%"
    ws.merge_cells("A5:C5")
    ws["A5"] = "Reviewed by the board"
    second = book.create_sheet("Staff")
    second.append(["Name", "Desk"])
    second.append(["Lena", 12])
    book.save(path)
    return path


def deck(path: Path) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    assert slide.shapes.title is not None
    slide.shapes.title.text = "Quarterly Results"
    body = slide.placeholders[1].text_frame
    body.text = "Revenue grew"
    sub = body.add_paragraph()
    sub.text = "Mostly overseas"
    sub.level = 1
    slide.notes_slide.notes_text_frame.text = "Mention the new office"
    second = prs.slides.add_slide(prs.slide_layouts[5])
    assert second.shapes.title is not None
    second.shapes.title.text = "Headcount"
    grid = second.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r in range(3):
        for c in range(2):
            grid.cell(r, c).text = f"{r}-{c}"
    grid.cell(1, 0).merge(grid.cell(2, 0))
    prs.save(str(path))
    return path


# hostile XML: an external entity, an entity bomb, a remote template (tests/hostile.py uses them too)
XXE = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t>
</w:r></w:p></w:body></w:document>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>"""
SETTINGS_RELS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1"
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
Target="http://127.0.0.1:9/template.dotm" TargetMode="External"/></Relationships>"""


HTML = """<!DOCTYPE html><html><head><title>t</title><script>document.write('x')</script>
<link rel="stylesheet" href="https://example.invalid/s.css"></head><body>
<h1>Visit Notes</h1><p>We met at <b>nine</b>.</p>
<ol><li>Arrive<ul><li>Sign in</li></ul></li><li>Leave</li></ol>
<table><thead><tr><th>Room</th><th>Use</th></tr></thead>
<tr><td rowspan="2">A1</td><td>Files</td></tr><tr><td>Archive</td></tr></table>
<img src="https://example.invalid/p.png" alt="Floor plan"></body></html>"""


def mail(path: Path, attachments: list[tuple[str, bytes, str]] | None = None) -> Path:
    msg = EmailMessage()
    msg["From"] = "Ann <ann@example.org>"
    msg["To"] = "Bo <bo@example.org>"
    msg["Subject"] = "Depot move"
    msg["Date"] = "Thu, 04 Dec 2025 10:00:00 +0000"
    msg.set_content("Please find the plan attached.\n\nRegards, Ann")
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    path.write_bytes(msg.as_bytes())
    return path


def ooxml_with(path: Path, base: Path, extra: dict[str, bytes]) -> Path:
    """``base`` (an OOXML file) with members replaced or added."""
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename not in extra:
                out.writestr(info, src.read(info))
        for name, data in extra.items():
            out.writestr(name, data)
    return path


def epub(path: Path, chapters: list[str]) -> Path:
    """A minimal EPUB 3: the chapters' XHTML bodies in spine order."""
    opf_items = "".join(f'<item id="c{n}" href="text/c{n}.xhtml" media-type="application/xhtml+xml"/>'
                        for n in range(len(chapters)))  # fmt: skip
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(len(chapters)))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        z.writestr(
            "OEBPS/book.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            f"<manifest>{opf_items}</manifest><spine>{spine}</spine></package>",
        )
        for n, body in enumerate(chapters):
            z.writestr(
                f"OEBPS/text/c{n}.xhtml",
                '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
                f"<head><title>c</title></head><body>{body}</body></html>",
            )
    return path
