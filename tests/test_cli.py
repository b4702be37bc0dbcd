"""The ``sandbox`` command as a user runs it: options, outputs, exit codes, error lines."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from sandbox.errors import ExitCode
from tests.conftest import SAMPLES, run_cli, text_image

LETTER = SAMPLES / "letter_en.png"


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "╭" not in stderr


def test_help_lists_commands() -> None:
    res = run_cli(["--help"])
    assert res.code == 0 and "ocr" in res.stdout and "langs" in res.stdout


@pytest.mark.parametrize(
    "args",
    [["ocr", "--help"], ["ocr"], ["ocr", "--no-such-option", "x"], ["redact", "--help"], ["langs", "--bogus"]],
)
def test_a_run_builds_its_command_alone_and_reads_the_same(args: list[str]) -> None:
    from typer.testing import CliRunner

    from sandbox.cli.app import build

    runner = CliRunner()
    whole, alone = runner.invoke(build(), args), runner.invoke(build(args[0]), args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert f"sandbox {args[0]}" in alone.output
    assert [c.name for c in build(args[0]).registered_commands] == [args[0]]


def test_langs_lists_installed_packs() -> None:
    res = run_cli(["langs"])
    assert res.code == 0
    assert "eng\ttesseract-ocr-eng" in res.stdout
    assert "chi_sim\ttesseract-ocr-chi-sim" in res.stdout
    assert "osd" not in res.stdout.split()


@pytest.mark.slow
def test_text_to_stdout_for_grep(workbase: Path) -> None:
    res = run_cli(["ocr", str(LETTER)])
    assert res.code == 0, res.stderr
    assert "Harrowgate Marine Engineering Ltd" in res.stdout
    assert res.stderr == ""  # quiet: single file, no terminal
    assert list(workbase.iterdir()) == []  # the private work directory is gone


@pytest.mark.slow
def test_stdin_input() -> None:
    res = run_cli(["ocr", "-"], stdin=LETTER.read_bytes())
    assert res.code == 0, res.stderr
    assert "Project Kestrel" in res.stdout


@pytest.mark.slow
def test_json_to_stdout() -> None:
    res = run_cli(["ocr", "--to", "json", str(LETTER)])
    assert res.code == 0
    data = json.loads(res.stdout)
    assert data["pages"][0]["lines"][0]["text"] == "CONFIDENTIAL"


@pytest.mark.slow
def test_every_image_format_and_odd_modes(tmp_path: Path) -> None:
    """PNG, JPEG, TIFF, WebP, BMP, GIF, PNM by content; alpha, 16-bit, CMYK, EXIF rotation."""
    src = tmp_path / "in"
    src.mkdir()
    page = text_image(["Quarterly audit of badge 4471", "Northwind depot"])
    page.save(src / "a.png", dpi=(300, 300))
    page.save(src / "b.jpg", quality=90, dpi=(300, 300))
    page.convert("1").save(src / "c.tiff", compression="group4", dpi=(300, 300))  # CCITT G4
    page.save(src / "d.webp", lossless=True)
    page.save(src / "e.bmp")
    page.save(src / "f.gif")
    page.save(src / "g.pgm")
    page.save(src / "noext", format="PNG")  # no extension: decided by content
    rgba = page.convert("RGBA")
    rgba.putalpha(Image.new("L", page.size, 255))
    rgba.save(src / "h_alpha.png")
    page.convert("I").point(lambda v: v * 256).convert("I;16").save(src / "i_16bit.png")
    page.convert("CMYK").save(src / "j_cmyk.jpg", quality=90)
    rotated = page.rotate(90, expand=True)  # stored sideways, EXIF says "rotate 90 CW to view"
    exif = Image.Exif()
    exif[0x0112] = 6
    rotated.save(src / "k_exif.jpg", quality=90, exif=exif)
    (src / "notes.dat").write_bytes(b"\x00\x01 not a document")  # skipped while walking a directory
    out = tmp_path / "out"
    res = run_cli(["ocr", str(src), "-o", str(out), "--to", "txt,pdf", "--json-summary"])
    assert res.code == 0, res.stderr
    _no_traceback(res.stderr)
    summary = json.loads(res.stdout)
    assert summary["files"] == 12 and summary["skipped_non_documents"] == 1
    for name in ("a", "b", "c", "d", "e", "f", "g", "noext", "h_alpha", "i_16bit", "j_cmyk", "k_exif"):
        if name == "noext":
            continue
        text = (out / f"{name}.txt").read_text()
        assert "badge 4471" in text and "Northwind depot" in text, name
        with pikepdf.open(out / f"{name}.pdf") as pdf:
            assert len(pdf.pages) == 1
    assert "badge 4471" in (out / "noext.txt").read_text()


@pytest.mark.slow
def test_multipage_tiff_every_page_in_order(tmp_path: Path) -> None:
    tiff = tmp_path / "multi.tif"
    frames = [text_image([f"Section {word}"]) for word in ("alpha", "bravo", "charlie")]
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(300, 300))
    out = tmp_path / "out"
    res = run_cli(["ocr", str(tiff), "-o", str(out), "--to", "txt,pdf,json"])
    assert res.code == 0, res.stderr
    pages = (out / "multi.txt").read_text().split("\f")
    assert [p.strip() for p in pages] == ["Section alpha", "Section bravo", "Section charlie"]
    with pikepdf.open(out / "multi.pdf") as pdf:
        assert len(pdf.pages) == 3
    assert [p["number"] for p in json.loads((out / "multi.json").read_text())["pages"]] == [1, 2, 3]


@pytest.mark.slow
def test_force_ocr_reads_born_digital_pages_from_pixels(tmp_path: Path) -> None:
    res = run_cli(["ocr", "--force-ocr", "--to", "json", str(SAMPLES / "mixed.pdf")])
    assert res.code == 0, res.stderr
    assert [p["source"] for p in json.loads(res.stdout)["pages"]] == ["ocr", "ocr"]


@pytest.mark.slow
def test_outputs_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli(["ocr", str(LETTER), "-o", str(out)]).code == 0
    target = out / "letter_en.txt"
    target.write_text("keep me")
    res = run_cli(["ocr", str(LETTER), "-o", str(out)])
    assert res.code == ExitCode.OUTPUT
    assert res.stderr.count("\n") == 1 and "--force" in res.stderr and "letter_en.txt" in res.stderr
    assert target.read_text() == "keep me"
    assert run_cli(["ocr", str(LETTER), "-o", str(out), "--force"]).code == 0
    assert "Harrowgate" in target.read_text()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & 0o600 == 0o600


def test_usage_errors_exit_2() -> None:
    res = run_cli(["ocr", "--to", "bogus", str(LETTER)])
    assert res.code == ExitCode.USAGE and "unknown format 'bogus'" in res.stderr
    res = run_cli(["ocr", "--to", "docx", str(LETTER)])  # a binary format never goes to standard output
    assert res.code == ExitCode.USAGE and "-o DIR" in res.stderr
    res = run_cli(["ocr", "--to", "pdf", str(LETTER)])
    assert res.code == ExitCode.USAGE and "-o DIR" in res.stderr
    res = run_cli(["ocr", "--json-summary", str(LETTER)])
    assert res.code == ExitCode.USAGE
    res = run_cli(["ocr", "--no-such-option", str(LETTER)])
    assert res.code == ExitCode.USAGE and "No such option" in res.stderr
    _no_traceback(res.stderr)


def test_unreadable_input_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"this is not a pdf")
    res = run_cli(["ocr", str(bad)])
    assert res.code == ExitCode.INPUT
    assert res.stderr.strip() == (
        "sandbox: error: report.pdf: not a supported document (expected PDF, PNG, JPEG, TIFF, WebP, BMP, GIF, PNM, "
        "HEIC, JPEG 2000, DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF, DOC, XLS, PPT, HTML, EPUB, EML, MSG, CSV, TSV or TXT)"
    )
    res = run_cli(["ocr", str(tmp_path / "missing.png")])
    assert res.code == ExitCode.INPUT and "missing.png: no such file" in res.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    res = run_cli(["ocr", str(broken)])
    assert res.code == ExitCode.INPUT and "broken.pdf" in res.stderr
    _no_traceback(res.stderr)


def test_missing_language_exit_4() -> None:
    res = run_cli(["ocr", "-l", "kor", str(LETTER)])
    assert res.code == ExitCode.MISSING_TOOL
    assert "apt-get install tesseract-ocr-kor" in res.stderr


def test_missing_tesseract_exit_4(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    res = run_cli(["ocr", "--isolation", "none", str(LETTER)], env={"PATH": str(bindir)})
    assert res.code == ExitCode.MISSING_TOOL
    assert "apt-get install tesseract-ocr" in res.stderr
    _no_traceback(res.stderr)


def _shim(tmp_path: Path) -> tuple[Path, Path]:
    """A ``tesseract`` on PATH that logs each call and can fail for one page image.

    Tests using it run with ``--isolation none`` (the sandbox has its own PATH) and
    ``SANDBOX_TESSERACT=program``: the program path, not the in-process library.
    """
    bindir = tmp_path / "shim"
    bindir.mkdir()
    log = tmp_path / "tesseract.log"
    shim = bindir / "tesseract"
    shim.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{log}"\n'
        'case "$1" in *"${SHIM_FAIL:-@none@}"*) echo "simulated failure" >&2; exit 1;; esac\n'
        'exec /usr/bin/tesseract "$@"\n'
    )
    shim.chmod(0o755)
    return bindir, log


@pytest.mark.slow
def test_one_tesseract_run_per_page_for_all_formats(tmp_path: Path) -> None:
    bindir, log = _shim(tmp_path)
    env = {"PATH": f"{bindir}:{os.environ['PATH']}", "SANDBOX_TESSERACT": "program"}
    out = tmp_path / "out"
    res = run_cli(
        [
            "ocr",
            "--isolation",
            "none",
            "--to",
            "txt,json,hocr,pdf",
            "-o",
            str(out),
            str(SAMPLES / "report_scanned.pdf"),
            str(SAMPLES / "mixed.pdf"),
        ],
        env=env,
    )
    assert res.code == 0, res.stderr
    page_runs = [
        line for line in log.read_text().splitlines() if "--list-langs" not in line and "--version" not in line
    ]
    assert len(page_runs) == 3  # two scanned pages + one scanned page of the mixed PDF
    assert all("tsv" in line for line in page_runs)


@pytest.mark.slow
def test_failed_page_is_reported_and_batch_continues(tmp_path: Path) -> None:
    bindir, _ = _shim(tmp_path)
    env = {"PATH": f"{bindir}:{os.environ['PATH']}", "SHIM_FAIL": "read-00002", "SANDBOX_TESSERACT": "program"}
    out = tmp_path / "out"
    res = run_cli(
        ["ocr", "--isolation", "none", "-o", str(out), str(SAMPLES / "report_scanned.pdf"), str(LETTER)], env=env
    )
    assert res.code == ExitCode.PARTIAL
    assert "report_scanned.pdf page 2: Tesseract failed" in res.stderr
    assert not (out / "report_scanned.txt").exists()  # never emitted with a page missing
    assert (out / "letter_en.txt").exists()
    _no_traceback(res.stderr)
    # A single input whose page fails: the exit code is that failure's.
    res = run_cli(["ocr", "--isolation", "none", str(SAMPLES / "report_scanned.pdf")], env=env)
    assert res.code == ExitCode.INPUT and res.stdout == ""


def test_batch_with_a_bad_file_reports_it_at_the_end(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\ntruncated")
    out = tmp_path / "out"
    res = run_cli(["ocr", "-o", str(out), "--json-summary", str(bad), str(LETTER)])
    assert res.code == ExitCode.PARTIAL
    summary = json.loads(res.stdout)
    assert summary["failures"][0]["file"] == "bad.png"
    assert summary["documents"][0]["file"] == "letter_en.png"
    assert "bad.png: cannot read PNG image" in res.stderr
