"""Hostile and broken input: every file of a generated corpus (tests/hostile.py) ends in
success or its expected typed error, within a time bound, as one line, leaving nothing behind;
the input is never modified."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sandbox import ingest
from sandbox.convert.targets import parse_pages
from sandbox.errors import ExitCode, SandboxError, UsageError
from sandbox.limits import Limits
from sandbox.limits import load as load_limits
from tests.conftest import SAMPLES, run_cli
from tests.hostile import Case, cases

CASES = cases()
TIME_BOUND = 120  # seconds for any one file, sandbox start included


def test_corpus_covers_every_format_and_attack() -> None:
    """Every supported format gets each kind of breakage, and each resource attack is there."""
    from tests.hostile import FORMATS

    names = {c.name for c in CASES}
    for ext in FORMATS:
        for kind in ("empty", "truncated", "header-only", "wrong-magic"):
            assert f"{kind}.{ext}" in names, f"{kind}.{ext}"
    for attack in ("bomb.png", "big-page.pdf", "3000-pages.tif", "page-tree-loop.pdf", "encrypted.pdf"):
        assert attack in names
    assert all(c.codes for c in CASES)  # every case says what it must end in


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.name.replace("\n", "\\n")[:40] for c in CASES])
def test_hostile_file(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    path = src / case.name
    case.make(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    base = tmp_path / "work"
    base.mkdir()
    out = tmp_path / "out"
    # a run over TIME_BOUND raises TimeoutExpired in run_cli: that is the time check
    res = run_cli(["ocr", "-o", str(out), "--to", "txt,pdf", *case.args, "--", str(path)],
                  env={"SANDBOX_TMPDIR": str(base)}, timeout=TIME_BOUND)  # fmt: skip
    assert res.code in case.codes, res.stderr
    assert "Traceback" not in res.stderr
    errors = [line for line in res.stderr.splitlines() if line.startswith("sandbox: error:")]
    if res.code:
        assert len(errors) == 1, res.stderr  # one line naming the file, the cause, the fix
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the input is untouched
    assert list(base.iterdir()) == []  # no work directory left
    if out.exists():
        leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".")]
        assert leftovers == []
        if res.code == 0:
            assert any(p.suffix == ".txt" for p in out.iterdir())


@pytest.mark.slow
def test_limits_from_environment_and_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[limits]\nmax-pages = 1\n")
    res = run_cli(["ocr", str(SAMPLES / "report_scanned.pdf")], env={"SANDBOX_CONFIG": str(config)})
    assert res.code == 7 and "limit of 1" in res.stderr and "--limit max-pages=N" in res.stderr
    res = run_cli(["ocr", str(SAMPLES / "report_scanned.pdf")], env={"SANDBOX_LIMIT_MAX_PAGES": "1"})
    assert res.code == 7
    res = run_cli(["ocr", "--limit", "max-pages=5", str(SAMPLES / "report_scanned.pdf")],
                  env={"SANDBOX_LIMIT_MAX_PAGES": "1"})  # fmt: skip
    assert res.code == 0  # the flag wins
    res = run_cli(["ocr", "--limit", "max-pagez=5", str(SAMPLES / "letter_en.png")])
    assert res.code == 2 and "unknown limit 'max-pagez'" in res.stderr


@pytest.mark.slow
def test_timeouts_and_memory_cap_are_typed_errors(tmp_path: Path) -> None:
    # a page at 800 DPI takes Tesseract more than 2 s even in process: the 1 s limit must stop it
    res = run_cli(
        ["ocr", "--limit", "ocr-timeout=1", "--dpi", "800", "--force-ocr", str(SAMPLES / "report_scanned.pdf")]
    )
    assert res.code == ExitCode.INPUT, res.stderr
    assert "OCR took longer than 1 s" in res.stderr and "--limit ocr-timeout=N" in res.stderr
    res = run_cli(["ocr", "--limit", "max-memory=64", str(SAMPLES / "report_scanned.pdf")])
    assert res.code in (3, 7) and "Traceback" not in res.stderr  # a typed error, never a crash
    assert "internal error" not in res.stderr


def test_limits_load_order(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[limits]\nmax-pages = 10\nocr-timeout = 30\n")
    limits = load_limits(["ocr-timeout=5"], env={"SANDBOX_LIMIT_MAX_PAGES": "20"}, config=config)
    assert (limits.max_pages, limits.ocr_timeout_s, limits.render_timeout_s) == (20, 5, 60)
    with pytest.raises(UsageError):
        load_limits(["max-pages=20000"], env={})
    with pytest.raises(UsageError):
        load_limits(["max-pages"], env={})


@given(st.integers(1, 20000), st.integers(1, 20000), st.integers(1, 600))
def test_rendered_size_check_matches_arithmetic(w: int, h: int, dpi: int) -> None:
    limits = Limits()
    too_big = (
        max(w, h) * dpi / 72 > limits.max_side_px or int(w * dpi / 72) * int(h * dpi / 72) > limits.max_image_pixels
    )
    try:
        limits.check_rendered_size("x.pdf", 0, w, h, dpi)
        assert not too_big
    except SandboxError:
        assert too_big


@given(st.text(alphabet="0123456789,- ", max_size=20), st.integers(0, 50))
def test_page_ranges_never_crash_and_stay_in_bounds(spec: str, count: int) -> None:
    try:
        rng = parse_pages(spec)
    except UsageError:
        return
    if rng is not None:
        pages = rng.pages(count)
        assert all(0 <= p < count for p in pages) and len(pages) == len(set(pages))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2048), st.sampled_from(["png", "jpg", "tif", "gif", "bmp", "webp", "pgm", "pdf", "heic"]))
def test_fuzz_opening_entry_points(tmp_path: Path, data: bytes, ext: str) -> None:
    """Random bytes behind every magic number: identification ends in a result or a typed error."""
    magic = {
        "png": b"\x89PNG\r\n\x1a\n",
        "jpg": b"\xff\xd8\xff",
        "tif": b"II*\x00",
        "gif": b"GIF89a",
        "bmp": b"BM",
        "webp": b"RIFF\x00\x00\x00\x00WEBP",
        "pgm": b"P5\n",
        "pdf": b"%PDF-1.4\n",
        "heic": b"\x00\x00\x00\x18ftypheic",
    }
    path = tmp_path / f"fuzz.{ext}"
    path.write_bytes(magic[ext] + data)
    ingest.configure_pillow(Limits())
    try:
        found = ingest.identify(ingest.Candidate(path, path.name, path.name, True), Limits(), tmp_path)
    except SandboxError:
        return
    assert found is None or found.page_count >= 1


@pytest.mark.slow
def test_rotate_attribute_and_jpeg2000_pages_are_read(tmp_path: Path) -> None:
    from tests.hostile import jpx_pdf, rotated_page_pdf

    jpx_pdf(tmp_path / "jpx.pdf")
    rotated_page_pdf(tmp_path / "rot.pdf")
    res = run_cli(
        ["ocr", str(tmp_path / "jpx.pdf"), str(tmp_path / "rot.pdf"), "-o", str(tmp_path / "out"), "--to", "txt,pdf"]
    )
    assert res.code == 0, res.stderr
    assert "JPEG two thousand page" in (tmp_path / "out" / "jpx.txt").read_text()
    assert "Rotated page of the register" in (tmp_path / "out" / "rot.txt").read_text()
    import subprocess

    searchable = subprocess.run(["pdftotext", str(tmp_path / "out" / "rot.pdf"), "-"], capture_output=True, text=True)
    assert "Rotated page of the register" in searchable.stdout


def _slow_page(path: Path, strokes: int = 30000) -> None:
    """A small PDF whose one page takes poppler many seconds to draw: random hairlines."""
    import random

    import pikepdf

    rng = random.Random(7)
    ops = "\n".join(
        f"{rng.randint(0, 600)} {rng.randint(0, 800)} m {rng.randint(0, 600)} {rng.randint(0, 800)} l S"
        for _ in range(strokes)
    )
    pdf = pikepdf.new()
    content = pdf.make_stream(("0.1 w\n" + ops).encode())
    pdf.pages.append(
        pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=content))
    )
    pdf.save(path)


@pytest.mark.slow
def test_a_page_that_renders_too_long_is_stopped(tmp_path: Path) -> None:
    """The page is rendered into memory by a pdftoppm process with its own deadline: a page
    that would take a minute is stopped at the limit, a typed one-line error."""
    import time

    path = tmp_path / "slow.pdf"
    _slow_page(path)
    started = time.monotonic()
    res = run_cli(["ocr", "--limit", "render-timeout=1", "--force-ocr", str(path)], timeout=TIME_BOUND)
    assert time.monotonic() - started < 20
    assert res.code == ExitCode.INPUT, res.stderr
    assert "rendering took longer than 1 s" in res.stderr and "--limit render-timeout=N" in res.stderr
    assert "Traceback" not in res.stderr
    assert len([ln for ln in res.stderr.splitlines() if ln.startswith("sandbox: error:")]) == 1


@pytest.mark.parametrize("gray", [True, False])
def test_a_page_streamed_into_memory_is_the_page_rendered_to_a_file(gray: bool, tmp_path: Path) -> None:
    from PIL import Image

    from sandbox import poppler

    pdf = SAMPLES / "report_scanned.pdf"
    streamed = poppler.render_pixels(pdf, "report", 0, 100, 60, gray=gray)
    with Image.open(poppler.render_page(pdf, "report", 0, 100, tmp_path, 60, gray=gray)) as filed:
        assert (streamed.mode, streamed.size) == (filed.mode, filed.size)
        assert streamed.tobytes() == filed.tobytes()


def test_a_page_poppler_cannot_draw_is_a_page_error(tmp_path: Path) -> None:
    from sandbox import poppler

    broken = tmp_path / "broken.pdf"
    broken.write_bytes((SAMPLES / "report_scanned.pdf").read_bytes()[:600])
    with pytest.raises(SandboxError, match="broken page 1"):
        poppler.render_pixels(broken, "broken", 0, 100, 60)
