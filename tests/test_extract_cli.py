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


def test_redaction_of_office_documents_stays_pixel_based(tmp_path: Path) -> None:
    word = extract_docs.word(tmp_path / "report.docx")
    res = run_cli(["redact", str(word), "-o", str(tmp_path / "red")])
    assert res.code == ExitCode.INPUT and "make a PDF first" in res.stderr
    assert "Annual" not in res.stderr  # the message names the file, never its text


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
