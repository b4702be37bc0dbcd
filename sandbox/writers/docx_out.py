"""Editable DOCX from the OCR layout (python-docx): a paragraph per OCR paragraph, a line
break per line, a page break per page.  Chinese runs get an East Asian font so Word and
LibreOffice show them without substitution.  Core properties are neutral (no source name)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from itertools import groupby

from sandbox import __version__
from sandbox.models import Document
from sandbox.text import is_cjk, line_text

LATIN_FONT = "Liberation Serif"
CJK_FONT = "Noto Serif CJK SC"


def render(document: Document) -> bytes:
    from docx import Document as Docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn

    doc = Docx()
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    props.created = props.modified = datetime(2000, 1, 1, tzinfo=UTC)
    props.subject = f"ocr-sandbox {__version__}"
    for n, page in enumerate(document.pages):
        for _key, lines_iter in groupby(page.lines, key=lambda line: (line.block, line.paragraph)):
            lines = [line_text(line) for line in lines_iter]
            para = doc.add_paragraph()
            for i, text in enumerate(lines):
                run = para.add_run(text)
                run.font.name = LATIN_FONT
                if any(is_cjk(c) for c in text):
                    rpr = run._element.get_or_add_rPr()
                    fonts = rpr.get_or_add_rFonts()
                    fonts.set(qn("w:eastAsia"), CJK_FONT)
                if i + 1 < len(lines):
                    run.add_break(WD_BREAK.LINE)
        if n + 1 < len(document.pages):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_times(buf.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same document gives the same bytes: zip entries dated 1980-01-01, not the time of saving."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
