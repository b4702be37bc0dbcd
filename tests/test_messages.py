"""Messages in the tool's own voice, with the fix (issue 27), through the real CLI: unknown
languages, formats that cannot be made, help that ends with the exit codes, and hot-folder
reason files that say what the terminal said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox.errors import MEANINGS, ExitCode
from tests.conftest import ROOT, SAMPLES, run_cli

LETTER = SAMPLES / "letter_en.png"


def test_unknown_language_is_named_as_such_not_as_a_package() -> None:
    res = run_cli(["ocr", "-l", "english", str(LETTER)])
    assert res.code == ExitCode.USAGE
    assert res.stderr.startswith("sandbox: error: unknown language 'english'")
    assert "`sandbox langs` lists them" in res.stderr and "-l eng" in res.stderr
    assert "apt-get" not in res.stderr and res.stderr.count("\n") == 1


def test_a_real_language_not_installed_still_names_its_package() -> None:
    res = run_cli(["ocr", "-l", "kor+eng", str(LETTER)])
    assert res.code == ExitCode.MISSING_TOOL
    assert "apt-get install tesseract-ocr-kor" in res.stderr


def test_impossible_target_says_so_and_what_can_be_made(tmp_path: Path) -> None:
    res = run_cli(["convert", str(LETTER), "-o", str(tmp_path / "t.pptx")])
    assert res.code == ExitCode.USAGE
    line = res.stderr.strip()
    assert line.startswith("sandbox: error: -o t.pptx: pptx cannot be made from these inputs")
    assert "from PDFs and images: pdf, png" in line and "docx" in line and "--to" in line
    assert "give --to FORMAT, or an output file name with an extension" not in line
    assert "xlsx" in line and not (tmp_path / "t.pptx").exists()


def test_a_review_path_through_a_file_is_one_line_not_an_internal_error(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    res = run_cli(["verify", str(LETTER), "--review", str(tmp_path / "notes" / "review.json")])
    assert res.code == ExitCode.USAGE
    assert res.stderr.strip() == (
        "sandbox: error: review.json: review file cannot be opened (a part of its path is a file, not a folder); "
        "check the path"
    )


@pytest.mark.parametrize("args", [["--help"], ["ocr", "--help"], ["convert", "--help"], ["report", "--help"]])
def test_help_ends_with_the_exit_code_table(args: list[str]) -> None:
    res = run_cli(args)
    assert res.code == 0
    tail = res.stdout.rstrip().splitlines()[-(len(MEANINGS) + 1) :]
    assert tail[0].strip() == "Exit codes:"
    assert [row.split()[0] for row in tail[1:]] == [str(int(code)) for code in MEANINGS]
    assert "6  some documents or pages failed" in res.stdout and "130  interrupted" in res.stdout


def test_every_exit_code_has_a_short_meaning() -> None:
    assert set(MEANINGS) == set(ExitCode) - {ExitCode.BROKEN_PIPE}


@pytest.mark.slow
def test_hot_folder_reason_is_the_line_the_terminal_showed(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "cut.png").write_bytes(LETTER.read_bytes()[:2000])  # a PNG cut short
    (inbox / "note.bin").write_bytes(b"\x00\x01\x02 binary, not a document\xff" * 8)
    (inbox / "letter.png").write_bytes(LETTER.read_bytes())
    res = run_cli(["watch", str(inbox), "-o", str(outbox), "--once", "--settle", "0.2", "--", "ocr", "--to", "txt"])
    assert res.code == 0, res.stderr
    shown = [line.removeprefix("sandbox: error: ") for line in res.stderr.splitlines() if "error:" in line]
    assert len(shown) == 1 and "cut.png" in shown[0]
    assert (inbox / "failed" / "cut.png.reason.txt").read_text() == f"exit 3: {shown[0]}\n"
    note = (inbox / "failed" / "note.bin.reason.txt").read_text()
    assert note.startswith("exit 3: note.bin: not a document this tool reads")
    assert (outbox / "letter.txt").is_file()
    journal = outbox / ".sandbox-journal"
    assert sorted(p.name for p in journal.iterdir()) == ["run.jsonl"]  # no empty tmp-… folder
    failed = [json.loads(line) for line in (journal / "run.jsonl").read_text().splitlines() if '"failed"' in line]
    assert [r["message"] for r in failed] == shown


def test_container_quick_start_reads_chinese_samples_with_auto() -> None:
    for doc, runner in (("README.md", "podman run"), ("docs/deployment.md", "docker run")):
        text = (ROOT / doc).read_text(encoding="utf-8")
        container = text[text.index("## Container") :]
        run = container[container.index(runner) : container.index("```", container.index(runner))]
        assert "ocr in -o out" in run and "-l auto" in run, doc
