"""The redaction workflow through the CLI: flag → review → redact → verify, broken redactions
caught by verify, fail-closed behaviour, and nothing sensitive in any message."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pikepdf
import pytest

from sandbox.errors import ExitCode
from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.slow

LETTER = SAMPLES / "letter_en.png"
EMAIL = "daniel.okafor@harrowgate.example.com"
SECRETS = (EMAIL, "Eleanor Whitfield", "Daniel Okafor", "GB33", "Kestrel")


def _quiet_about_content(stderr: str) -> None:
    for secret in SECRETS:
        assert secret not in stderr


@pytest.fixture(scope="module")
def redacted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redacted")
    res = run_cli(
        ["redact", str(LETTER), "-o", str(out), "--to", "pdf,txt,json,png", "--terms", str(SAMPLES / "terms.txt")]
    )
    assert res.code == 0, res.stderr
    _quiet_about_content(res.stderr)
    return out


def test_outputs_and_placeholders(redacted: Path) -> None:
    names = sorted(p.name for p in redacted.iterdir())
    assert names == [
        "redacted-001-p001.png",
        "redacted-001.json",
        "redacted-001.pdf",
        "redacted-001.report.json",
        "redacted-001.txt",
    ]
    text = (redacted / "redacted-001.txt").read_text()
    assert "█████" in text and "Harrowgate Marine Engineering Ltd" in text
    assert all(s not in text for s in SECRETS)
    data = json.loads((redacted / "redacted-001.json").read_text())
    assert any(w["text"] == "█████" for line in data["pages"][0]["lines"] for w in line["words"])
    report = (redacted / "redacted-001.report.json").read_text()
    assert all(s not in report for s in SECRETS)  # rules, boxes and salted hashes only
    assert json.loads(report)["totals"]["pii-intl.email"] == 1


def test_verify_passes_on_outputs(redacted: Path) -> None:
    outs = [
        str(redacted / n)
        for n in ("redacted-001.pdf", "redacted-001.txt", "redacted-001.json", "redacted-001-p001.png")
    ]
    res = run_cli(["verify", "--terms", str(SAMPLES / "terms.txt"), *outs])
    assert res.code == 0, res.stderr


def _verify_fails(path: Path, *extra: str) -> str:
    res = run_cli(["verify", "--terms", str(SAMPLES / "terms.txt"), *extra, str(path)])
    assert res.code == ExitCode.VERIFY, res.stderr
    _quiet_about_content(res.stderr)
    return res.stderr


def test_verify_catches_box_over_live_text_layer(tmp_path: Path) -> None:
    res = run_cli(["ocr", str(LETTER), "-o", str(tmp_path), "--to", "pdf"])
    assert res.code == 0
    pdf_path = tmp_path / "letter_en.pdf"
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:  # the classic mistake
        page = pdf.pages[0]
        page.contents_add(pikepdf.Stream(pdf, b"q 0 g 0 0 2000 2000 re f Q"))
        pdf.save(pdf_path)
    err = _verify_fails(pdf_path)
    assert "extracted text" in err and "text layer: pii-intl.email found" in err


def test_verify_catches_incremental_update(redacted: Path, tmp_path: Path) -> None:
    broken = tmp_path / "incremental.pdf"
    data = (redacted / "redacted-001.pdf").read_bytes()
    broken.write_bytes(
        data + b"\n99 0 obj\n(" + EMAIL.encode() + b")\nendobj\ntrailer\n<< /Prev 0 /Size 100 >>\n%%EOF\n"
    )
    err = _verify_fails(broken)
    assert "more than one revision" in err


def test_verify_catches_metadata_left(redacted: Path, tmp_path: Path) -> None:
    broken = tmp_path / "metadata.pdf"
    with pikepdf.open(redacted / "redacted-001.pdf") as pdf:
        pdf.docinfo["/Author"] = "Daniel Okafor"
        pdf.save(broken)
    err = _verify_fails(broken)
    assert "document information beyond /Producer" in err


def test_verify_catches_a_missed_item(tmp_path: Path) -> None:
    policy = tmp_path / "markings-only.toml"
    policy.write_text('packs = ["markings"]\n')
    out = tmp_path / "out"
    res = run_cli(["redact", str(LETTER), "-o", str(out), "--policy", str(policy)])
    assert res.code == 0, res.stderr
    err = _verify_fails(out / "redacted-001.pdf")
    assert "pixels page 1: pii-intl.email found" in err


def test_flag_review_redact_flow(tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(LETTER), str(SAMPLES / "notice_zh_hans.png"), "-o", str(review),
                   "--terms", str(SAMPLES / "terms.txt")])  # fmt: skip
    assert res.code == 0, res.stderr
    assert "CONFIDENTIAL" in res.stderr and "review.json" in res.stderr
    _quiet_about_content(res.stderr)
    data = json.loads(review.read_text(encoding="utf-8"))
    assert data["confidential"].startswith("CONFIDENTIAL")
    letter = data["documents"][0]
    # form structure (a dot, a checkbox) is listed kept; everything the policy flagged is redacted
    assert {f["decision"] for f in letter["findings"] if f["rule"] != "structure"} == {"redact"}
    assert {f["decision"] for f in letter["findings"] if f["rule"] == "structure"} <= {"keep"}
    assert any(f["text"] == EMAIL and f["rule"] == "pii-intl.email" and f["boxes"] for f in letter["findings"])
    # A reviewer keeps the project name, adds a term and blanks the date line by hand.
    for f in letter["findings"]:
        if f["text"] == "Project Kestrel":
            f["decision"] = "keep"
    letter["manual"]["terms"].append("Harrowgate")
    letter["manual"]["boxes"].append({"page": 1, "box": [225, 560, 700, 610]})
    review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(LETTER), "--review", str(review), "-o", str(out), "--to", "pdf,txt"])
    assert res.code == 0, res.stderr
    text = (out / "redacted-001.txt").read_text()
    assert "Project Kestrel" in text  # kept
    assert "Harrowgate" not in text and EMAIL not in text and "12 March" not in text
    report = json.loads((out / "redacted-001.report.json").read_text())
    assert report["totals"]["manual"] == 1
    res = run_cli(["verify", "--review", str(review), str(out / "redacted-001.pdf")])
    assert res.code == 0, res.stderr
    # A file that is not in the review is refused, not redacted by other rules.
    res = run_cli(["redact", str(SAMPLES / "memo_skewed.tiff"), "--review", str(review), "-o", str(tmp_path / "o2")])
    assert res.code == ExitCode.USAGE and "not in the review file" in res.stderr


def test_auto_review_records_each_page_language_and_the_burn_uses_it(tmp_path: Path) -> None:
    """``-l auto``: each page's languages are detected once, recorded in the review, and the
    burn reads every page in them again (not in the run's -l), so the review is what is burned."""
    review = tmp_path / "review.json"
    notice = SAMPLES / "notice_zh_hans.png"
    res = run_cli(["flag", str(notice), str(LETTER), "-l", "auto", "-o", str(review), "-q"])
    assert res.code == 0, res.stderr
    data = json.loads(review.read_text(encoding="utf-8"))
    assert [d["languages"] for d in data["documents"]] == [{"1": "chi_sim+eng"}, {"1": "eng"}]
    # the run's languages say English; the Chinese page's recorded languages still decide its reading
    data["settings"]["lang"] = "eng"
    review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(notice), "--review", str(review), "-o", str(out), "--to", "txt", "-q"])
    assert res.code == 0, res.stderr
    text = (out / "redacted-001.txt").read_text(encoding="utf-8")
    assert "安全检查" in text and "机密" not in text and "13812345678" not in text
    # a review's languages are checked like -l: a made-up pack or a page that does not exist is refused
    for bad in ({"1": "eng;rm"}, {"1": "zzz_nope"}, {"2": "eng"}):
        data["documents"][0]["languages"] = bad
        review.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        res = run_cli(["redact", str(notice), "--review", str(review), "-o", str(tmp_path / "o2"), "-q"])
        assert res.code == ExitCode.USAGE, res.stderr
        assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


def test_text_layer_is_searchable_and_clean(tmp_path: Path) -> None:
    res = run_cli(["redact", str(LETTER), "-o", str(tmp_path), "--text-layer", "--cover-lines",
                   "--terms", str(SAMPLES / "terms.txt")])  # fmt: skip
    assert res.code == 0, res.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "redacted-001.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Marine Engineering" in text and EMAIL not in text and "Whitfield" not in text


def test_unreadable_page_refuses_the_document(tmp_path: Path) -> None:
    """Fail closed: one page that cannot be OCR'd and the document gets no output at all."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "tesseract"
    shim.write_text('#!/bin/sh\ncase "$1" in *read-00002*) exit 1;; esac\nexec /usr/bin/tesseract "$@"\n')
    shim.chmod(0o755)
    out = tmp_path / "out"
    res = run_cli(
        ["redact", "--isolation", "none", str(SAMPLES / "report_scanned.pdf"), str(LETTER), "-o", str(out)],
        env={"PATH": f"{bindir}:{os.environ['PATH']}", "SANDBOX_TESSERACT": "program"},  # the program fails
    )
    assert res.code == ExitCode.PARTIAL
    assert "report_scanned.pdf page 2" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["redacted-002.pdf", "redacted-002.report.json"]
