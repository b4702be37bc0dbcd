"""Born-digital documents through the real CLI and its sandbox: ``ocr`` and ``convert`` read
them as they are, one HTML input into one file is not "several inputs", LibreOffice formats
pass through OOXML, and the run reports them like any document."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sandbox.errors import ExitCode
from tests import extract_docs
from tests.conftest import run_cli

pytestmark = pytest.mark.slow


def test_ocr_word_to_stdout_and_formats(tmp_path: Path) -> None:
    path = extract_docs.word(tmp_path / "report.docx")
    res = run_cli(["ocr", str(path)])
    assert res.code == 0, res.stderr
    assert "Annual Report" in res.stdout and "r1c1" in res.stdout and "Comment: Ann: Check the season" in res.stdout
    out = tmp_path / "out"
    res = run_cli(["ocr", str(path), "--to", "json,md,xlsx", "-o", str(out), "--json-summary"])
    assert res.code == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["files"] == 1 and summary["exit_code"] == 0
    data = json.loads((out / "report.json").read_text())
    assert data["input_type"] == "docx" and data["pages"][0]["source"] == "extracted"
    assert "# Annual Report" in (out / "report.md").read_text()
    assert (out / "report.xlsx").stat().st_size > 0
    res = run_cli(["ocr", str(path), "--to", "hocr"])
    assert res.code == ExitCode.INPUT and "born-digital" in res.stderr


def test_convert_office_html_mail_to_markdown(tmp_path: Path) -> None:
    word = extract_docs.word(tmp_path / "report.docx")
    res = run_cli(["convert", str(word), "-o", str(tmp_path / "report.md")])
    assert res.code == 0, res.stderr
    assert "- First point\n  - Nested point" in (tmp_path / "report.md").read_text()
    page = tmp_path / "page.html"
    page.write_text(extract_docs.HTML)
    res = run_cli(["convert", str(page), "-o", str(tmp_path / "page.md")])
    assert res.code == 0 and "several inputs" not in res.stderr, res.stderr
    assert "# Visit Notes" in (tmp_path / "page.md").read_text()
    book = extract_docs.workbook(tmp_path / "book.xlsx")
    mail = extract_docs.mail(tmp_path / "mail.eml", [("book.xlsx", book.read_bytes(), "application/octet-stream")])
    res = run_cli(["convert", str(mail), "-o", str(tmp_path / "mail.docx")])
    assert res.code == 0, res.stderr
    from docx import Document

    doc = Document(str(tmp_path / "mail.docx"))
    assert any("Attachment 1: book.xlsx" in p.text for p in doc.paragraphs) and len(doc.tables) == 2


@pytest.mark.parametrize("fmt", ["odt", "doc"])
def test_opendocument_and_legacy_word_through_libreoffice(tmp_path: Path, fmt: str) -> None:
    word = extract_docs.word(tmp_path / "report.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(tmp_path), str(word)],
        capture_output=True, check=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    res = run_cli(["convert", str(tmp_path / f"report.{fmt}"), "-o", str(tmp_path / "out.md")])
    assert res.code == 0, res.stderr
    md = (tmp_path / "out.md").read_text()
    assert "# Annual Report" in md and "Introduction" in md and "r2c0" in md


def test_unreadable_single_html_input_names_its_cause(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body>" + b"<p>x</p>" * 300 + b"</body></html>")
    res = run_cli(["convert", str(page), "--limit", "max-parts=1", "-o", str(tmp_path / "p.md")])
    assert res.code == ExitCode.LIMIT and "several inputs" not in res.stderr and "max-parts" in res.stderr


def test_flag_and_redact_read_an_office_documents_text_and_burn_its_pages(tmp_path: Path) -> None:
    """Issue 32: flag finds terms and markings in a Word file's own text (its print's text layer),
    mapped to the rendered page; redact burns them there (pixels, rebuilt); the review file
    names the file given, and lists what the extracted text holds that no page shows (a
    comment).  E-mail, which has no pages, is refused in one line."""
    from docx import Document

    doc = Document()
    doc.add_heading("Staff list", 1)
    para = doc.add_paragraph("Call the desk on +44 20 7946 0958 about Project Falcon.")
    doc.add_comment(para.runs, text="Old line +44 20 7946 0000 for Project Falcon", author="Ann")  # not printed
    doc.add_paragraph("CONFIDENTIAL")
    doc.add_paragraph("The depot moved to the harbour in spring.")
    word = tmp_path / "staff.docx"
    doc.save(str(word))
    before = word.read_bytes()
    terms = tmp_path / "terms.txt"
    terms.write_text("Project Falcon\n")
    review = tmp_path / "review.json"
    common = ["--terms", str(terms), "--dpi", "150", "-j", "1"]
    res = run_cli(["flag", str(word), *common, "-o", str(review)])
    assert res.code == 0, res.stderr
    (entry,) = json.loads(review.read_text())["documents"]
    import hashlib

    assert entry["file"] == "staff.docx" and entry["sha256"] == hashlib.sha256(before).hexdigest()
    found = {f["rule"]: f["text"] for f in entry["findings"]}
    assert found == {"pii-intl.phone": "+44 20 7946 0958", "terms": "Project Falcon", "markings": "CONFIDENTIAL"}
    assert all(f["page"] == 1 and f["boxes"] for f in entry["findings"])
    # the document's own text is read too: the comment's number is on no printed page
    assert [(f["rule"], f["text"]) for f in entry["not_on_pages"]] == [("pii-intl.phone", "+44 20 7946 0000")]
    out = tmp_path / "red"
    res = run_cli(["redact", str(word), *common, "--review", str(review), "-o", str(out)])
    assert res.code == 0, res.stderr
    assert "Falcon" not in res.stderr and "7946" not in res.stderr  # the messages never carry the text
    (pdf,) = out.glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Falcon" not in text and "7946" not in text and "CONFIDENTIAL" not in text
    ocr = run_cli(["ocr", str(pdf), "--force-ocr"]).stdout  # what the pixels still say
    assert "depot moved" in ocr and "Falcon" not in ocr and "7946" not in ocr
    assert word.read_bytes() == before
    mail = extract_docs.mail(tmp_path / "mail.eml")
    res = run_cli(["flag", str(mail), "-o", str(tmp_path / "mail.json")])
    assert res.code == ExitCode.INPUT and "mail.eml: EML has no pages to redact" in res.stderr
    assert len(res.stderr.strip().splitlines()) <= 2


def test_ocr_to_pdf_prints_through_libreoffice_without_metadata(tmp_path: Path) -> None:
    import pikepdf
    from docx import Document

    doc = Document()
    doc.add_heading("Depot Move", 1)
    doc.core_properties.author = "Thomas Brennan"
    doc.save(str(tmp_path / "move.docx"))
    mail = extract_docs.mail(tmp_path / "mail.eml")
    out = tmp_path / "out"
    res = run_cli(["ocr", str(tmp_path / "move.docx"), str(mail), "--to", "txt,pdf", "-o", str(out)])
    assert res.code == ExitCode.PARTIAL and "mail.eml: EML gives" in res.stderr  # e-mail: no PDF
    pdf = out / "move.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Depot Move" in text and b"Brennan" not in pdf.read_bytes()
    with pikepdf.open(pdf) as opened:
        assert set(opened.docinfo.keys()) <= {"/Producer"}
    assert not (out / "mail.txt").exists()  # a document gets all its outputs or none


def _text_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "data.csv").write_text("Name,Desk\nLena,12\n")
    (folder / "minutes").write_bytes("会议纪要：仓库将于春季迁往港口，请各部门提前整理档案。".encode("gb18030") * 3)
    (folder / "big5.txt").write_bytes("會議紀要：倉庫將於春季遷往港口，請各部門提前整理檔案。".encode("big5") * 3)
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    return folder


def test_text_and_csv_in_a_folder_batch_and_the_hot_folder(tmp_path: Path) -> None:
    """Issue 32: CSV and plain text (GB18030, Big5, no extension) in a folder are read like any
    document, in a batch and in the hot folder; what is not a document is one clear line."""
    folder = _text_folder(tmp_path / "in")
    out = tmp_path / "out"
    res = run_cli(["ocr", str(folder), "--to", "txt", "-o", str(out)])
    assert res.code == 0, res.stderr
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["big5.txt", "data.txt", "minutes.txt"]
    assert "仓库将于春季迁往港口" in (out / "minutes.txt").read_text() and "Lena\t12" in (out / "data.txt").read_text()
    assert "1 non-document file(s) skipped" in res.stderr
    inbox, outbox = _text_folder(tmp_path / "inbox"), tmp_path / "outbox"
    res = run_cli(["watch", str(inbox), "-o", str(outbox), "--once", "--settle", "0.1", "--", "ocr", "--to", "txt"])
    assert res.code == 0, res.stderr
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["big5.txt", "data.csv", "minutes"]
    reason = (inbox / "failed" / "blob.bin.reason.txt").read_text()
    assert reason.count("\n") == 1 and "blob.bin: not a document this tool reads" in reason
    assert "倉庫將於春季遷往港口" in (outbox / "big5.txt").read_text()
