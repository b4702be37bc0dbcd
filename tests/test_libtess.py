"""Tesseract in process (``engines.libtess``): the program's readings, models loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sandbox.engines import libtess, tesseract
from sandbox.errors import PageError
from tests.conftest import SAMPLES


def test_the_library_loads_here() -> None:
    assert libtess.available()  # CI installs tesseract-ocr: the in-process path is the one tested


@pytest.mark.slow
@pytest.mark.parametrize("name", ["letter_en.png", "memo_skewed.tiff"])
def test_in_process_reads_exactly_as_the_program(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    image = SAMPLES / name
    ours = tesseract.ocr_page(image, "eng", 300, 60, name, 0)
    ours_osd = tesseract.osd(image, 150, 30)
    libtess.use_program(True)  # as a request with tesseract_program (SANDBOX_TESSERACT=program) says
    try:
        assert tesseract.ocr_page(image, "eng", 300, 60, name, 0) == ours
        theirs = tesseract.osd(image, 150, 30)
    finally:
        libtess.use_program(None)
    assert [ln for ln in theirs.splitlines() if not ln.startswith("Page number")] == ours_osd.splitlines()
    assert ours and sum(len(line.words) for line in ours) > 20


def test_engines_are_kept_per_language_and_bounded() -> None:
    first = libtess.engine("eng", 3)
    assert libtess.engine("eng", 3) is first
    for lang in ("chi_sim", "chi_tra", "chi_sim+eng", "osd"):
        libtess.engine(lang, 0 if lang == "osd" else 3)
    assert len(libtess._engines) == libtess.KEPT
    assert ("eng", 3) not in libtess._engines  # the least recently used one was freed


def test_a_reading_over_its_time_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="took longer than 0 s"):
        tesseract.ocr_page(SAMPLES / "letter_en.png", "eng", 300, 0, "letter_en.png", 0)


def test_an_undecodable_image_is_a_page_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pgm"
    bad.write_bytes(b"P5\n99999 99999\n255\n")
    with pytest.raises(PageError, match="letter page 1: Tesseract failed"):
        tesseract.ocr_page(bad, "eng", 300, 10, "letter", 0)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "suffix"), [("L", ".png"), ("RGB", ".png"), ("RGBA", ".png"), ("1", ".png"), ("P", ".png"),
                         ("L", ".pgm"), ("RGB", ".ppm")]
)  # fmt: skip
def test_pixels_handed_over_read_as_the_same_picture_in_a_file(mode: str, suffix: str, tmp_path: Path) -> None:
    """The reading steps hand their pictures over in memory: the reading is the file's."""
    with Image.open(SAMPLES / "letter_en.png") as img:
        picture = img.convert(mode) if mode != "P" else img.convert("RGB").quantize(16)
    saved = tmp_path / f"page-{mode}{suffix}"
    picture.save(saved)
    from_file = tesseract.ocr_page(saved, "eng", 300, 60, "letter", 0)
    assert tesseract.ocr_page(picture, "eng", 300, 60, "letter", 0) == from_file
    assert sum(len(line.words) for line in from_file) > 20
    assert tesseract.osd(picture, 300, 30) == tesseract.osd(saved, 300, 30)


def test_the_library_says_its_version() -> None:
    assert (libtess.version() or "").startswith("5.")
