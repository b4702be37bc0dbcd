"""Issue 16's bugs, one test each: where the launcher and the core disagreed, where commands
had their own exit-code rules, where external programs failed silently."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from sandbox import poppler
from sandbox.config import OcrSettings
from sandbox.convert import job as convert_job
from sandbox.errors import ExitCode, LimitError, MissingToolError, OutputError, PageError, SandboxError
from sandbox.models import InputFile, InputKind
from sandbox.pages import PageTask
from sandbox.redact import checks as verify
from sandbox.run.sink import deliver
from sandbox.run.summary import RunSummary
from sandbox.tools import run_tool
from tests.conftest import SAMPLES, run_cli, text_image

BAD_BYTES = b"not a document at all"


@pytest.mark.parametrize("mode", ["bwrap", "none"])
def test_existing_folder_with_a_dot_is_a_folder_in_every_mode(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "pages.v2"
    out.mkdir()
    res = run_cli(["convert", str(SAMPLES / "mixed.pdf"), "-o", str(out), "--to", "png", "-q", "--isolation", mode])
    assert res.code == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["mixed-p001.png", "mixed-p002.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pages.v2"]  # nothing beside it


def test_one_good_one_bad_input_is_partial_with_one_summary(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(BAD_BYTES)
    out = tmp_path / "out"
    res = run_cli(["convert", str(SAMPLES / "letter_en.png"), str(bad), "-o", str(out), "--to", "pdf",
                   "--isolation", "none"])  # fmt: skip
    assert res.code == ExitCode.PARTIAL, res.stderr
    assert "1 file(s) converted" in res.stderr and "1 file(s) failed" in res.stderr
    assert "0 file(s)" not in res.stderr and "written" not in res.stderr
    assert [p.name for p in out.iterdir()] == ["letter_en.pdf"]
    # every input bad: the failures' own code
    res = run_cli(["convert", str(bad), "-o", str(out), "--to", "pdf", "--isolation", "none"])
    assert res.code == ExitCode.INPUT


def test_exit_code_rule_is_one_for_all_commands() -> None:
    from sandbox.run.summary import DocSummary, Failure

    summary = RunSummary()
    assert summary.exit_code == 0
    summary.failures.append(Failure("a", "a: bad", 7))
    assert summary.exit_code == 7
    summary.failures.append(Failure("b", "b: bad", 3))
    assert summary.exit_code == ExitCode.PARTIAL  # failures that differ
    one = RunSummary(failures=[Failure("a", "a: bad", 7)], converted=1)
    assert one.exit_code == ExitCode.PARTIAL
    read = RunSummary(failures=[Failure("a", "a: bad", 7)], documents=[DocSummary("b", 1, 1, 0, 3, 0.9)])
    assert read.exit_code == ExitCode.PARTIAL


def test_sink_writes_all_outputs_of_a_document_or_none(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "doc-p002.png").write_bytes(b"old")
    products = [(out / "doc-p001.png", b"one"), (out / "doc-p002.png", b"two")]
    with pytest.raises(OutputError):
        deliver(products, out, None, RunSummary(), force=False)
    assert sorted(p.name for p in out.iterdir()) == ["doc-p002.png"]  # page 1 not written either
    assert (out / "doc-p002.png").read_bytes() == b"old"
    summary = RunSummary()
    deliver(products, out, None, summary, force=True)
    assert (out / "doc-p002.png").read_bytes() == b"two" and len(summary.outputs) == 2


@pytest.mark.slow
def test_redact_png_pages_are_not_overwritten_without_force(tmp_path: Path) -> None:
    src = tmp_path / "page.png"
    text_image(["Meeting with Brennan on Tuesday", "Nothing else here"]).save(src, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("Brennan\n")
    out = tmp_path / "out"
    out.mkdir()
    existing = out / "page-p001.png"
    existing.write_bytes(b"keep me")
    args = ["redact", str(src), "-o", str(out), "--to", "png", "--terms", str(terms), "--keep-names"]
    res = run_cli([*args, "--isolation", "none"])
    assert res.code == ExitCode.OUTPUT, res.stderr
    assert "page-p001.png" in res.stderr and "--force" in res.stderr
    assert existing.read_bytes() == b"keep me"
    assert sorted(p.name for p in out.iterdir()) == ["page-p001.png"]
    res = run_cli([*args, "--isolation", "none", "--force"])
    assert res.code == 0, res.stderr
    assert existing.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_rotate_with_pages_turns_those_pages_in_place(tmp_path: Path) -> None:
    out = tmp_path / "fixed.pdf"
    res = run_cli(["convert", str(SAMPLES / "mixed.pdf"), "--rotate", "90", "--pages", "2", "-o", str(out),
                   "-q", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    with pikepdf.open(out) as pdf:
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [0, 90]
    pngs = tmp_path / "pngs"
    res = run_cli(["convert", str(SAMPLES / "mixed.pdf"), "--rotate", "90", "--pages", "2", "-o", str(pngs),
                   "--to", "png", "--dpi", "50", "-q", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    sizes = [Image.open(p).size for p in sorted(pngs.iterdir())]
    assert len(sizes) == 2 and sizes[0][0] < sizes[0][1] and sizes[1][0] > sizes[1][1]
    # without --rotate, --pages still picks pages
    res = run_cli(["convert", str(SAMPLES / "mixed.pdf"), "--pages", "2", "-o", str(tmp_path / "p2.pdf"),
                   "-q", "--isolation", "none"])  # fmt: skip
    with pikepdf.open(tmp_path / "p2.pdf") as pdf:
        assert len(pdf.pages) == 1


def _tiff_with_big_second_frame(path: Path) -> None:
    small = text_image(["first page"], width=600)
    big = Image.new("L", (4000, 4000), 255)
    small.save(path, save_all=True, append_images=[big], dpi=(300, 300))


@pytest.mark.parametrize("command", ["ocr", "convert"])
def test_pixel_limit_is_exit_7_from_every_path(tmp_path: Path, command: str) -> None:
    src = tmp_path / "two.tif"
    _tiff_with_big_second_frame(src)
    out = tmp_path / "out"
    args = [command, str(src), "-o", str(out), "--to", "txt" if command == "ocr" else "png"]
    res = run_cli([*args, "--limit", "max-pixels=2000000", "--isolation", "none"])
    assert res.code == ExitCode.LIMIT, res.stderr
    assert "--limit max-pixels=N" in res.stderr
    bomb = tmp_path / "bomb.png"
    from tests.hostile import png_bomb

    png_bomb(bomb)
    res = run_cli([command, str(bomb), "-o", str(out), "--to", "txt" if command == "ocr" else "png",
                   "--isolation", "none"])  # fmt: skip
    assert res.code == ExitCode.LIMIT, res.stderr


def test_convert_renders_in_capped_workers(tmp_path: Path) -> None:
    """Rendering for conversion runs under the worker memory cap (it ran in threads of the
    main process, with no cap at all)."""
    res = run_cli(["convert", str(SAMPLES / "report_scanned.pdf"), "-o", str(tmp_path / "o"), "--to", "png",
                   "--limit", "max-memory=64", "--isolation", "none"])  # fmt: skip
    assert res.code in (ExitCode.INPUT, ExitCode.LIMIT), res.stderr
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_one_pixel_render_is_an_error_not_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def tiny(path: Path, display: str, index: int, dpi: int, out_dir: Path, timeout: int, *, gray: bool) -> Path:
        out = out_dir / "page.ppm"
        Image.new("L", (1, 1), 255).save(out, format="PPM")
        return out

    monkeypatch.setattr(poppler, "render_page", tiny)
    src = InputFile(SAMPLES / "mixed.pdf", "mixed.pdf", "mixed.pdf", InputKind.PDF, 2)
    task: PageTask[None] = PageTask(0, src, 0, OcrSettings(dpi=100), tmp_path)
    with pytest.raises(PageError, match="rendered image is 1x1"):
        convert_job.render_picture(convert_job._Render(task, gray=False))


def test_office_timeout_is_a_named_limit() -> None:
    from sandbox.limits import load

    assert load(["office-timeout=5"], env={}).office_timeout_s == 5


def test_run_tool_failures_are_typed_and_located() -> None:
    with pytest.raises(PageError) as failed:
        run_tool(["false"], timeout=10, what="a check", file="scan.pdf", page=2)
    assert failed.value.message == "scan.pdf page 3: a check failed (false exit status 1)"
    assert (failed.value.file, failed.value.page) == ("scan.pdf", 2)
    with pytest.raises(LimitError, match=r"took longer than 0\.5 s"):
        run_tool(["sleep", "5"], timeout=0.5, what="sleeping")
    with pytest.raises(MissingToolError):
        run_tool(["no-such-program-here"], timeout=5, what="nothing")
    assert run_tool(["false"], timeout=10, what="x", check=False).returncode == 1


def test_verify_fails_when_its_tools_fail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + BAD_BYTES)
    with pytest.raises(SandboxError):
        verify.extracted_text(broken)  # it returned "" and the check passed
    problems = verify.check_pdf(broken, ["secret"])
    assert problems  # never an empty list (= passed) for a file the tools could not read


@pytest.mark.parametrize(
    "args",
    [
        ["ocr", str(SAMPLES / "letter_en.png"), "--to", "xyz"],
        ["ocr", str(SAMPLES / "letter_en.png"), "-l", "klingon"],
        ["ocr", str(SAMPLES / "letter_en.png"), "--engine", "abbyy"],
        ["convert", str(SAMPLES / "letter_en.png"), "-o", "x.pdf", "--rotate", "45"],
        ["redact", str(SAMPLES / "letter_en.png"), "-o", "out", "--placeholder", "stars"],
    ],
)
def test_usage_errors_come_before_isolation(args: list[str]) -> None:
    """Settled before the sandbox is asked for: with an isolation that cannot be had here
    (a container), the usage error (2) or missing language (4) wins over the refusal (8)."""
    res = run_cli([*args, "--isolation", "container"])
    assert res.code in (ExitCode.USAGE, ExitCode.MISSING_TOOL), res.stderr
    assert "Traceback" not in res.stderr


def test_convert_target_errors_come_before_isolation() -> None:
    res = run_cli(["convert", str(SAMPLES / "letter_en.png"), "-o", "some-folder", "--isolation", "container"])
    assert res.code == ExitCode.USAGE and "--to FORMAT" in res.stderr, res.stderr


def test_opencv_out_of_memory_is_the_memory_limit_not_an_internal_error(tmp_path: Path) -> None:
    """OpenCV reports an allocation it cannot make as its own ``cv2.error`` (StsNoMem), not
    ``MemoryError``: a page that reaches the worker's cap inside OpenCV is the same memory
    limit (exit 7, the fix named), not an internal error."""
    import cv2
    import numpy as np

    from sandbox import pages

    def greedy(task: PageTask[None]) -> pages.PageOutcome[None]:
        cv2.resize(np.zeros((10, 10), np.uint8), (200_000, 200_000))  # 40 GB: refused at once
        raise AssertionError("allocated")

    src = InputFile(SAMPLES / "mixed.pdf", "mixed.pdf", "mixed.pdf", InputKind.PDF, 2)
    task: PageTask[None] = PageTask(0, src, 1, OcrSettings(dpi=100), tmp_path)
    outcome = pages.guarded(task, greedy)
    assert outcome.exit_code == ExitCode.LIMIT
    assert outcome.error == (
        "mixed.pdf page 2: the page needs more memory than a worker may use (raise it with --limit max-memory=N)"
    )
