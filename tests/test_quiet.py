"""Quiet about content: every command, with --verbose, on documents full of canary strings,
never prints a canary (logs, progress, errors, summaries, reports)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, text_image

pytestmark = pytest.mark.slow

CANARIES = ("ZEBRACANARY", "Quillfeather", "canary7731@example.org", "13912345678")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("canary")
    page = text_image(["CONFIDENTIAL ZEBRACANARY report", "Contact Quillfeather at canary7731@example.org",
                       "Mobile 13912345678"], size=40)  # fmt: skip
    page.save(root / "doc.png", dpi=(300, 300))
    page.save(root / "doc.pdf", resolution=300)
    (root / "terms.txt").write_text("Quillfeather\nZEBRACANARY\n")
    broken = root / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nZEBRACANARY Quillfeather\n")
    return root


def _clean(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text


def test_every_command_is_quiet_about_content(docs: Path, tmp_path: Path) -> None:
    d = docs
    runs = [
        ["ocr", "-v", str(d / "doc.png"), str(d / "doc.pdf"), str(d / "broken.pdf"), "-o", str(tmp_path / "o"),
         "--to", "txt,json,hocr,pdf", "--json-summary"],
        ["flag", "-v", str(d / "doc.png"), "--terms", str(d / "terms.txt"), "-o", str(tmp_path / "review.json")],
        ["redact", "-v", str(d / "doc.png"), str(d / "doc.pdf"), str(d / "broken.pdf"), "--terms", str(d / "terms.txt"),
         "-o", str(tmp_path / "r"), "--to", "pdf,txt,json,png", "--json-summary"],
        ["verify", "-v", str(d / "doc.png"), "--terms", str(d / "terms.txt")],
        ["convert", "-v", str(d / "doc.png"), "-o", str(tmp_path / "c.docx")],
        ["sanitize", "-v", "--ocr", str(d / "doc.pdf"), "-o", str(tmp_path / "s")],
        ["doctor"],
    ]  # fmt: skip
    for args in runs:
        res = run_cli(args)
        _clean(res.stderr)
        if args[0] in ("redact", "doctor") or "--json-summary" in args:
            _clean(res.stdout)  # summaries, not document text
        assert "Traceback" not in res.stderr
    reports = sorted((tmp_path / "r").glob("*.report.json"))
    assert len(reports) == 2  # doc.png and doc.pdf; broken.pdf refused
    for report in reports:
        _clean(json.dumps(json.loads(report.read_text())))
    # the verify run above was on an unredacted original: it failed, naming rules, never text
    res = run_cli(["verify", str(d / "doc.png"), "--terms", str(d / "terms.txt")])
    assert res.code == 9 and "terms found" in res.stderr
    _clean(res.stderr)
