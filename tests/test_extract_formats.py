"""Born-digital readers (sandbox.extract): each format built with its own library, read back
into the structure model, and written by the same writers scans use."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sandbox.extract import read, sniff
from sandbox.extract.document import to_document
from sandbox.extract.run import render
from sandbox.limits import Limits
from sandbox.models import InputFile, InputKind
from sandbox.structure.model import RegionKind
from tests import extract_docs


def _read(path: Path, kind: InputKind | None = None, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    found = sniff(path) if kind is None else kind
    assert found is not None, path.name
    return read(path, found, path.name, limits or Limits(), path.parent)


def _out(path: Path, fmt: str) -> bytes:
    kind = sniff(path)
    assert kind is not None
    document, layouts = to_document(_read(path), InputFile(path, path.name, path.name, kind, 1))
    return render(fmt, document, layouts)


def test_word_headings_lists_tables_comments_heads(tmp_path: Path) -> None:
    path = extract_docs.word(tmp_path / "report.docx")
    assert sniff(path) is InputKind.DOCX
    (part,) = _read(path).parts
    kinds = [r.kind for r in part.regions]
    assert kinds[0] is RegionKind.HEADER and kinds[-1] is RegionKind.FOOTER
    headings = [(r.level, r.text) for r in part.regions if r.kind in (RegionKind.TITLE, RegionKind.HEADING)]
    assert headings == [(1, "Annual Report"), (1, "Introduction"), (2, "Figures")]
    lists = [r for r in part.regions if r.kind is RegionKind.LIST]
    assert lists[0].lines == ("First point", "Nested point") and lists[0].levels == (0, 1) and not lists[0].ordered
    assert lists[1].lines == ("Step one",) and lists[1].ordered
    (table,) = [r.table for r in part.regions if r.table is not None]
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells}
    assert spans[(0, 0)] == (1, 2) and spans[(1, 2)] == (2, 1) and (table.rows, table.cols) == (3, 3)
    (comment,) = [r for r in part.regions if r.kind is RegionKind.COMMENT]
    assert "Check the season" in comment.text
    md = _out(path, "md").decode()
    assert "# Annual Report" in md and "- First point\n  - Nested point" in md and "1. Step one" in md
    assert '<td colspan="2">' in md and "> **Comment:**" in md


def test_word_to_json_and_docx_round_trip(tmp_path: Path) -> None:
    from docx import Document

    path = extract_docs.word(tmp_path / "report.docx")
    data = json.loads(_out(path, "json"))
    assert data["input_type"] == "docx" and data["pages"][0]["source"] == "extracted"
    kinds = [r["kind"] for r in data["pages"][0]["regions"]]
    assert "comment" in kinds and "table" in kinds
    again = Document(io.BytesIO(_out(path, "docx")))
    styles = [(p.style.name if p.style is not None else "", p.text) for p in again.paragraphs]
    assert ("Heading 1", "Annual Report") in styles and ("List Bullet 2", "Nested point") in styles
    assert len(again.tables) == 1


def test_workbook_sheets_merges_and_numbers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = extract_docs.workbook(tmp_path / "book.xlsx")
    parts = _read(path).parts
    assert [p.title for p in parts] == ["Budget", "Staff"]
    table = parts[0].regions[0].table
    assert table is not None and table.header_rows == 1
    texts = {(c.row, c.col): c.text for c in table.cells}
    assert texts[(1, 1)] == "1,234.50" and texts[(2, 2)] == "12.5%"
    merged = [c for c in table.cells if c.colspan == 3]
    assert merged and merged[0].text == "Reviewed by the board"
    book = load_workbook(io.BytesIO(_out(path, "xlsx")))
    assert book.sheetnames == ["Budget", "Staff"]
    assert book["Budget"]["B2"].value == 1234.5 and book["Budget"]["C3"].value == 0.125
    assert book["Staff"]["B2"].value == 12


def test_slides_titles_levels_tables_notes(tmp_path: Path) -> None:
    path = extract_docs.deck(tmp_path / "deck.pptx")
    first, second = _read(path).parts
    assert first.regions[0].kind is RegionKind.HEADING and first.regions[0].text == "Quarterly Results"
    (items,) = [r for r in first.regions if r.kind is RegionKind.LIST]
    assert items.lines == ("Revenue grew", "Mostly overseas") and items.levels == (0, 1)
    assert any(r.kind is RegionKind.NOTE and "new office" in r.text for r in first.regions)
    table = next(r.table for r in second.regions if r.table is not None)
    assert any(c.rowspan == 2 for c in table.cells)


def test_html_structure_and_notices(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(extract_docs.HTML)
    assert sniff(path) is InputKind.HTML
    found = _read(path)
    assert any("remote pictures" in n for n in found.notices) and any("scripts" in n for n in found.notices)
    html = _out(path, "html").decode()
    assert "<h1>Visit Notes</h1>" in html and 'rowspan="2"' in html and "Floor plan" in html
    assert "<ol><li>Arrive<ol><li>Sign in</li></ol></li><li>Leave</li></ol>" in html  # one kind per list
    assert "document.write" not in html and "example.invalid" not in html


def test_mail_headers_body_and_attachments_each_a_part(tmp_path: Path) -> None:
    word = extract_docs.word(tmp_path / "plan.docx").read_bytes()
    inner = extract_docs.mail(tmp_path / "inner.eml", [("notes.txt", b"Inner note text", "text/plain")])
    path = extract_docs.mail(
        tmp_path / "mail.eml",
        [("plan.docx", word, "application/octet-stream"), ("fwd.eml", inner.read_bytes(), "application/octet-stream")],
    )
    assert sniff(path) is InputKind.EML
    parts = _read(path).parts
    assert parts[0].regions[0].text == "Depot move"
    assert parts[0].regions[1].kind is RegionKind.HEADER and "From: Ann" in parts[0].regions[1].text
    assert any("plan attached" in r.text for r in parts[0].regions)
    titles = [p.title for p in parts[1:]]
    assert titles[0] == "Attachment 1: plan.docx" and titles[1].startswith("Attachment 2: fwd.eml")
    assert any("Inner note text" in r.text for p in parts for r in p.regions)
    assert list(tmp_path.glob("attachment-*")) == []  # attachments removed after reading


def test_delimited_and_plain_text_encodings(tmp_path: Path) -> None:
    csv_path = tmp_path / "data.csv"
    csv_path.write_text("name;value\nalpha;1\nbeta;2,5\n")
    assert sniff(csv_path, explicit=False) is InputKind.CSV  # found while walking a folder too (issue 32)
    table = _read(csv_path).parts[0].regions[0].table
    assert table is not None and (table.rows, table.cols, table.header_rows) == (3, 2, 1)
    text = "会议纪要：仓库将于春季迁往港口，请各部门提前整理档案并登记。" * 4
    (tmp_path / "zh.txt").write_bytes(text.encode("gb18030"))
    assert _read(tmp_path / "zh.txt").parts[0].regions[0].text == text
    traditional = "會議紀要：倉庫將於春季遷往港口，請各部門提前整理檔案並登記。" * 4
    (tmp_path / "big5.txt").write_bytes(traditional.encode("big5"))
    assert _read(tmp_path / "big5.txt").parts[0].regions[0].text == traditional


@pytest.mark.parametrize("name", ["plain.bin", "notes.log"])
def test_unknown_files_are_not_born_digital(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01binary\x00")
    assert sniff(path) is None


def test_epub_chapters_in_spine_order(tmp_path: Path) -> None:
    path = extract_docs.epub(
        tmp_path / "book.epub", ["<h1>Chapter One</h1><p>It began.</p>", "<h1>Two</h1><p>End.</p>"]
    )
    assert sniff(path) is InputKind.EPUB
    (part,) = _read(path).parts
    assert [r.text for r in part.regions] == ["Chapter One", "It began.", "Two", "End."]


def test_word_first_page_and_even_running_heads_once_each(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Body")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Cover head"
    section.header.paragraphs[0].text = "Running head"
    doc.add_section()
    doc.sections[1].header.is_linked_to_previous = True  # repeats the first: read once
    doc.save(str(tmp_path / "heads.docx"))
    (part,) = _read(tmp_path / "heads.docx").parts
    heads = [r.text for r in part.regions if r.kind is RegionKind.HEADER]
    assert heads == ["Cover head", "Running head"]


def test_html_declared_charset_wins(tmp_path: Path) -> None:
    page = tmp_path / "big5.html"
    page.write_bytes('<html><head><meta charset="big5"></head><body><p>會議紀要</p></body></html>'.encode("big5"))
    assert _read(page).parts[0].regions[0].text == "會議紀要"
    page.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                     "</head><body><p>Caf\u00e9 \u2013 na\u00efve</p></body></html>".encode("cp1252"))  # fmt: skip
    assert _read(page).parts[0].regions[0].text == "Caf\u00e9 \u2013 na\u00efve"


def test_word_style_based_on_a_heading_is_a_heading(tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    style = doc.styles.add_style("Report Heading", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("Custom heading", style="Report Heading")
    doc.add_paragraph("Body text")
    doc.save(str(tmp_path / "based.docx"))
    (part,) = _read(tmp_path / "based.docx").parts
    assert [(r.kind, r.level) for r in part.regions] == [(RegionKind.HEADING, 2), (RegionKind.PARAGRAPH, 0)]


def test_markdown_headings_and_lists(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Plan\n\nIntro line\n\n- one\n  - two\n1. first\n\n## Next\ntext\n")
    (part,) = _read(path).parts
    got = [(r.kind, r.lines, r.levels) for r in part.regions]
    assert got == [
        (RegionKind.TITLE, ("Plan",), ()),
        (RegionKind.PARAGRAPH, ("Intro line",), ()),
        (RegionKind.LIST, ("one", "two"), (0, 1)),
        (RegionKind.LIST, ("first",), (0,)),
        (RegionKind.HEADING, ("Next",), ()),
        (RegionKind.PARAGRAPH, ("text",), ()),
    ]


def test_text_found_in_a_folder_is_read_by_content(tmp_path: Path) -> None:
    """Issue 32: a folder (a batch, the hot folder's batch, the web page's uploads) takes CSV, TSV
    and plain text in any common encoding like any document, by content rather than by name;
    what is not text stays "not a document", and so do hidden files and desktop.ini."""
    from sandbox.ingest import expand, identify_all

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "data.csv").write_text("name,value\nalpha,1\n")
    (folder / "sheet.tsv").write_text("name\tvalue\nalpha\t1\n")
    (folder / "minutes").write_bytes("会议纪要：仓库将于春季迁往港口，请各部门提前整理档案。".encode("gb18030") * 3)
    (folder / "notice.log").write_bytes("會議紀要：倉庫將於春季遷往港口，請各部門提前整理檔案。".encode("big5") * 3)
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    (folder / ".hidden.txt").write_text("not for reading")
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n")
    inputs, errors, skipped = identify_all(expand([str(folder)], tmp_path), Limits())
    assert errors == [] and skipped == 3
    assert {i.name: i.kind for i in inputs} == {"data.csv": InputKind.CSV, "sheet.tsv": InputKind.TSV,
                                                "minutes": InputKind.TEXT, "notice.log": InputKind.TEXT}  # fmt: skip
    zh = next(i for i in inputs if i.name == "minutes")
    assert "仓库将于春季迁往港口" in _read(zh.path).parts[0].regions[0].text


MEMORY_PROBE = """
import sys
from pathlib import Path
from sandbox.extract.run import extracted, render
from sandbox.extract import sniff
from sandbox.limits import Limits
from sandbox.models import InputFile
import docx, lxml.etree, sandbox.extract.wordml, sandbox.writers.md
def status(key):
    return int(next(l for l in open("/proc/self/status") if l.startswith(key)).split()[1]) // 1024
before = status("VmRSS:")
path = Path(sys.argv[1])
document, layouts = extracted(InputFile(path, path.name, path.name, sniff(path), 1), Limits(), path.parent)
print(status("VmHWM:") - before)
"""


@pytest.mark.slow
def test_word_memory_is_flat_in_document_length(tmp_path: Path) -> None:
    """Issue 32: the body is streamed and words are shared, so reading a 400-page DOCX into the
    writers' document costs about what a 20-page one does (before: python-docx's whole tree and
    an object per word, +35 MiB at 400 pages)."""
    import subprocess
    import sys

    from docx import Document

    grown = {}
    for pages in (20, 400):
        doc = Document()
        for n in range(pages):
            doc.add_heading(f"Section {n + 1}", 2)
            for k in range(5):
                doc.add_paragraph(f"Paragraph {k} of section {n}: the depot moved to the harbour in spring " * 4)
            table = doc.add_table(rows=4, cols=4)
            for r in range(4):
                for c in range(4):
                    table.cell(r, c).text = f"{n}-{r}-{c}"
        path = tmp_path / f"long{pages}.docx"
        doc.save(str(path))
        proc = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-2000:]
        grown[pages] = int(proc.stdout.strip())
    assert grown[400] - grown[20] < 12, grown
