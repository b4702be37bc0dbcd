"""Orientation, skew, scale, clean-up and language detection: units, and real pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from benchmarks.metrics import cer
from sandbox import ink
from sandbox import preprocess as pp
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.reading import line_skew, reads_well
from tests.conftest import SAMPLES, run_cli, text_image

LETTER = SAMPLES / "letter_en.png"
TRUTH = (SAMPLES / "letter_en.gt.txt").read_text(encoding="utf-8")


def _lines_page() -> Image.Image:
    return text_image([f"Line {n} of the quarterly archive audit report" for n in range(12)], size=36, width=1600)


@pytest.mark.parametrize("angle", [-8.0, -3.0, 2.5, 6.0])
def test_skew_angle_is_measured(angle: float) -> None:
    tilted = _lines_page().rotate(angle, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    assert abs(pp.skew_angle(tilted) + angle) <= 0.6  # the correction undoes the tilt


def test_level_page_has_no_skew_and_rotation_is_clockwise() -> None:
    page = _lines_page()
    assert abs(pp.skew_angle(page)) <= 0.3
    turned = pp.rotate(page, 90)
    assert turned.size == (page.height, page.width)
    assert pp.rotate(pp.rotate(page, 90), 270).tobytes() == page.tobytes()


def test_cleaning_only_where_it_helps() -> None:
    page = _lines_page()
    assert not pp.needs_cleaning(page)
    faint = page.point(lambda v: 255 - (255 - v) * 0.25)
    tinted = Image.merge("RGB", [page.point(lambda v, c=c: v * c // 255) for c in (200, 180, 120)])
    assert pp.needs_cleaning(faint) and pp.needs_cleaning(tinted)
    cleaned = pp.clean(faint)
    lo, hi = cleaned.getextrema()
    assert isinstance(lo, int) and isinstance(hi, int) and hi - lo > 200


def test_text_size_from_ink_decides_the_scale_not_the_tag() -> None:
    page = _lines_page()
    found = ink.measure(page)
    assert found.has_text and found.height is not None and 15 <= found.height <= 60
    assert ink.reading_scale(found) == 1.0  # body text at 300 DPI is read as it is
    small = ink.measure(page.resize((page.width // 3, page.height // 3)))
    assert small.height is not None and ink.reading_scale(small) > 1.5
    big = ink.measure(page.resize((page.width * 7, page.height * 7)))
    assert ink.reading_scale(big) < 1.0  # very large text is shrunk
    for blank in (Image.new("L", (300, 300), 255), Image.new("RGB", (800, 600), (3, 3, 3))):
        assert not ink.measure(blank).has_text
    noise = Image.effect_noise((600, 400), 8).point(lambda v: 255 if v > 250 else 200)
    assert not ink.measure(noise).has_text or ink.measure(noise).glyphs < ink.measure(page).glyphs
    inverted = ImageOps.invert(page)  # white text on black is text too
    assert ink.measure(inverted).has_text


def test_parse_osd() -> None:
    osd = pp.parse_osd("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 21.13\n"
                       "Script: Latin\nScript confidence: 0.29\n")  # fmt: skip
    assert osd == pp.Osd(90, 21.13, "Latin", 0.29)
    assert pp.parse_osd("nonsense") is None


def _page(words: list[tuple[str, int, int]], conf: float) -> Page:
    ws = tuple(Word(t, BBox(x, y, x + 80, y + 30), conf) for t, x, y in words)
    return Page(0, 2000, 2000, 300, PageSource.OCR, (Line(ws, BBox(0, 0, 2000, 100), 1, 1),), "eng")


def test_reading_quality_signals() -> None:
    level = _page([("a", 100, 100), ("b", 400, 100), ("c", 700, 100), ("d", 1000, 100)], 0.9)
    tilted = _page([("a", 100, 100), ("b", 400, 130), ("c", 700, 160), ("d", 1000, 190)], 0.9)
    assert abs(line_skew(level)) < 0.1 and abs(line_skew(tilted) + 5.7) < 0.5
    assert reads_well(level) and not reads_well(tilted) and not reads_well(_page([("a", 1, 1)] * 3, 0.4))


def _ocr_json(path: Path, *args: str) -> dict:  # type: ignore[type-arg]
    res = run_cli(["ocr", "--to", "json", *args, str(path)])
    assert res.code == 0, res.stderr
    return json.loads(res.stdout)  # type: ignore[no-any-return]


def _text(data: dict) -> str:  # type: ignore[type-arg]
    return "\n".join(line["text"] for p in data["pages"] for line in p["lines"])


@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_rotated_pages_are_read_upright(tmp_path: Path, turn: int) -> None:
    path = tmp_path / f"turned-{turn}.png"
    with Image.open(LETTER) as img:
        img.rotate(turn, expand=True).save(path, dpi=(300, 300))  # counter-clockwise: needs `turn` clockwise
    data = _ocr_json(path)
    page = data["pages"][0]
    assert page["preprocess"]["rotation"] == turn
    assert (page["width"], page["height"]) == (2480, 3508)  # boxes refer to the upright page
    assert cer(TRUTH, _text(data)) <= 0.02
    raw = _ocr_json(path, "--no-rotate")
    assert raw["pages"][0]["preprocess"]["rotation"] == 0
    if turn == 180:  # upside down, raw Tesseract reads nothing useful (sideways it partly copes itself)
        assert cer(TRUTH, _text(raw)) > 0.3


@pytest.mark.slow
def test_skewed_page_is_straightened_and_searchable_upright(tmp_path: Path) -> None:
    path = tmp_path / "skewed.png"
    with Image.open(LETTER) as img:
        img.rotate(-7, expand=True, fillcolor=240, resample=Image.Resampling.BICUBIC).save(path, dpi=(300, 300))
    data = _ocr_json(path)
    assert abs(data["pages"][0]["preprocess"]["skew"] - 7) <= 1
    assert cer(TRUTH, _text(data)) <= 0.02
    res = run_cli(["ocr", str(path), "-o", str(tmp_path / "out"), "--to", "pdf,txt"])
    assert res.code == 0
    extracted = subprocess.run(
        ["pdftotext", str(tmp_path / "out" / "skewed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert cer(TRUTH, extracted) <= 0.02


@pytest.mark.slow
def test_low_resolution_photo_without_dpi(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    with Image.open(LETTER) as img:
        img.resize((img.width // 3, img.height // 3), Image.Resampling.BILINEAR).save(path, quality=70)  # no DPI
    data = _ocr_json(path)
    page = data["pages"][0]
    assert page["dpi"] < 200  # estimated from its small text (no tag)
    # enlarged only when that reads measurably better than the tesseract program's reading (issue 30)
    plain = subprocess.run(["tesseract", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert cer(TRUTH, _text(data)) <= min(0.05, cer(TRUTH, plain) + 0.005)


@pytest.mark.slow
def test_auto_language_by_script() -> None:
    hant = _ocr_json(SAMPLES / "notice_zh_hant.jpg", "-l", "auto")
    assert hant["pages"][0]["languages"] == "chi_tra+eng"
    hans = _ocr_json(SAMPLES / "notice_zh_hans.png", "-l", "auto")
    assert hans["pages"][0]["languages"] == "chi_sim+eng"
    eng = _ocr_json(LETTER, "-l", "auto")
    assert eng["pages"][0]["languages"] == "eng" and "Harrowgate" in _text(eng)


@pytest.mark.slow
def test_redaction_of_a_rotated_scan(tmp_path: Path) -> None:
    path = tmp_path / "turned.png"
    with Image.open(LETTER) as img:
        img.rotate(180).save(path, dpi=(300, 300))
    res = run_cli(["redact", str(path), "-o", str(tmp_path / "out"), "--to", "pdf,txt"])
    assert res.code == 0, res.stderr
    text = (tmp_path / "out" / "redacted-001.txt").read_text()
    assert "daniel.okafor@" not in text and "Harrowgate Marine" in text


def test_a_blank_page_is_known_blank_without_numpy_or_opencv() -> None:
    script = (
        "import sys; from PIL import Image; from sandbox import ink\n"
        "found = ink.measure(Image.new('L', (2480, 3508), 251))\n"
        "assert not found.has_text and found.height is None, found\n"
        "assert 'numpy' not in sys.modules and 'cv2' not in sys.modules\n"
        "speck = Image.new('L', (400, 120), 251); speck.putpixel((7, 9), 0)\n"
        "assert not ink.measure(speck).has_text and 'cv2' in sys.modules  # not flat: measured\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, timeout=60)
