"""Input sniffing by content, directory expansion and identification errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox import ingest
from sandbox.errors import ExitCode, InputError, LimitError
from sandbox.limits import Limits
from sandbox.models import InputKind
from tests.conftest import text_image

HEADS = {
    InputKind.PNG: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    InputKind.JPEG: b"\xff\xd8\xff\xe0\x00\x10JFIF",
    InputKind.TIFF: b"II*\x00\x08\x00\x00\x00",
    InputKind.WEBP: b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    InputKind.BMP: b"BM" + b"\x00" * 30,
    InputKind.GIF: b"GIF89a\x01\x00\x01\x00",
    InputKind.PNM: b"P5\n10 10\n255\n",
    InputKind.PDF: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
}


@pytest.mark.parametrize("kind", list(HEADS))
def test_sniff_known_signatures(kind: InputKind) -> None:
    assert ingest.sniff(HEADS[kind]) is kind


def test_sniff_pdf_header_after_junk() -> None:
    assert ingest.sniff(b"\x00" * 100 + b"%PDF-1.4\n") is InputKind.PDF


@pytest.mark.parametrize("head", [b"", b"hello world", b"PK\x03\x04", b"P7", b"<html>", b"BM"])
def test_sniff_unsupported(head: bytes) -> None:
    assert ingest.sniff(head) is None


@given(st.binary(max_size=64))
def test_sniff_never_raises_and_is_prefix_stable(data: bytes) -> None:
    kind = ingest.sniff(data)
    if kind is not None and kind is not InputKind.PDF:
        # A recognised image signature stays recognised whatever follows it.
        assert ingest.sniff(data + b"\x00" * 64) is kind


@pytest.mark.parametrize(
    ("fmt", "kind"),
    [
        ("PNG", InputKind.PNG),
        ("JPEG", InputKind.JPEG),
        ("TIFF", InputKind.TIFF),
        ("WEBP", InputKind.WEBP),
        ("BMP", InputKind.BMP),
        ("GIF", InputKind.GIF),
        ("PPM", InputKind.PNM),
    ],
)
def test_sniff_real_files_with_misleading_extension(tmp_path: Path, fmt: str, kind: InputKind) -> None:
    path = tmp_path / "scan.txt"  # the extension says nothing
    text_image(["x"]).save(path, format=fmt)
    assert ingest.sniff_file(path) is kind


def test_expand_directories_recursively_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "b.png").write_bytes(b"x")
    (tmp_path / "d" / "sub" / "a.png").write_bytes(b"x")
    cands = list(ingest.expand([str(tmp_path / "d"), "-"], tmp_path, io.BytesIO(b"data")))
    assert [c.name for c in cands] == ["b.png", "sub/a.png", "stdin"]
    assert [c.display for c in cands[:2]] == ["d/b.png", "d/sub/a.png"]
    assert not cands[0].explicit and cands[2].explicit
    assert (tmp_path / "stdin").read_bytes() == b"data"


def test_identify_counts_tiff_pages(tmp_path: Path) -> None:
    path = tmp_path / "multi.tif"
    frames = [text_image([f"page {i}"]) for i in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    found = ingest.identify(ingest.Candidate(path, "multi.tif", "multi.tif", True), Limits())
    assert found is not None and found.kind is InputKind.TIFF and found.page_count == 3


def test_identify_errors_are_typed_and_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"^empty.png: file is empty"):
        ingest.identify(ingest.Candidate(empty, "empty.png", "empty.png", True), Limits())
    text = tmp_path / "notes.pdf"
    text.write_text("just text")
    with pytest.raises(InputError, match="not a supported document"):
        ingest.identify(ingest.Candidate(text, "notes.pdf", "notes.pdf", True), Limits())
    # Found while walking a directory, a non-document is skipped, not an error.
    assert ingest.identify(ingest.Candidate(text, "notes.pdf", "notes.pdf", False), Limits()) is None
    truncated = tmp_path / "cut.png"
    buf = io.BytesIO()
    text_image(["x"]).save(buf, format="PNG")
    truncated.write_bytes(buf.getvalue()[:20])
    with pytest.raises(InputError) as err:
        ingest.identify(ingest.Candidate(truncated, "cut.png", "cut.png", True), Limits())
    assert err.value.exit_code is ExitCode.INPUT


def test_identify_refuses_over_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    text_image(["x"], width=2000).save(path)
    with pytest.raises(LimitError, match="--limit max-pixels"):
        ingest.identify(ingest.Candidate(path, "big.png", "big.png", True), Limits(max_image_pixels=1000))
    with pytest.raises(LimitError, match="--limit max-file-size"):
        ingest.identify(ingest.Candidate(path, "big.png", "big.png", True), Limits(max_file_bytes=10))
