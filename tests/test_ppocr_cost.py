"""Issue 30: PP-OCR at the cost the page needs, reading as well as before.

Detection at the resolution the measured text height asks for; the angle classifier as a
cheap probe for a page upside down (no OSD pass for a page read upright); a page of Chinese
turned by 180° or 90° still read right.  Real PP-OCR and Tesseract, no stand-ins."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.metrics import cer
from sandbox import ink
from sandbox.config import Steps
from sandbox.engines import ppocr
from sandbox.reading import Reader

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
TEXT = [
    "关于加强办公区域安全管理的通知",
    "各部门请于本周五前完成文件归档",
    "会议室使用须提前预约并登记",
    "检查报告请提交至行政办公室",
]

pytestmark = pytest.mark.skipif(not ppocr.available() or not Path(WQY).exists(), reason="needs PP-OCR and WQY")


def _chinese_page() -> Image.Image:
    img = Image.new("L", (1500, 700), 250)
    draw = ImageDraw.Draw(img)
    face = ImageFont.truetype(WQY, 48)
    for n, line in enumerate(TEXT):
        draw.text((120, 120 + n * 120), line, font=face, fill=10)
    return img


def _text(lines: object) -> str:
    return "\n".join("".join(w.text for w in line.words) for line in lines)  # type: ignore[attr-defined]


def test_detection_size_follows_the_text_height() -> None:
    a4 = (2480, 3508)
    assert ppocr.detection_size(a4, 38.0) == (round(3508 * ppocr.DET_TEXT_HEIGHT / 38.0), "max")  # ~1100, not 2000
    assert ppocr.detection_size(a4, 60.0) == (ppocr.MIN_DET_SIDE, "max")  # never below the floor
    assert ppocr.detection_size(a4, None) == ppocr.DEFAULT_DET  # unknown: the engine's own size
    assert ppocr.detection_size(a4, 9.0) == ppocr.DEFAULT_DET  # a large page of small text: as before
    assert ppocr.detection_size((445, 39), 17.0) == (73, "min")  # a line: text to 32 px, not a 736-px short side
    assert ppocr.detection_size((600, 200), 40.0) == (200, "min")  # large enough text: not enlarged


def test_a_mosaic_is_detected_at_half_its_size_never_enlarged() -> None:
    # its text is drawn at 44 px: half of that is still above what detection needs
    assert ppocr.detection_size((180, 2000), None, as_drawn=True) == (1000, "max")  # not its narrow side to 736
    assert ppocr.detection_size((366, 5000), 40.0, as_drawn=True) == (ppocr.MAX_SIDE, "max")  # the engine's bound
    assert ppocr.detection_size((300, 1200), None, as_drawn=True) == (ppocr.MIN_DET_SIDE, "max")  # the floor
    assert ppocr.detection_size((300, 500), None, as_drawn=True) == (500, "max")  # small: as it is


@pytest.mark.slow
def test_a_tall_mosaic_detected_at_half_size_reads_every_line() -> None:
    """Twenty view tiles of 44-px text, some of them grey, thin or rough as views make them,
    stacked 2,200 px tall: detected at half size, every line is still found and read."""
    words = ["Invoice 40213", "Margaret Holloway", "会议室 三楼", "Paid in full", "139 1234 5678"] * 4
    font = ImageFont.truetype(WQY, 44)
    img = Image.new("RGB", (560, 110 * len(words)), "white")
    draw = ImageDraw.Draw(img)
    for n, text in enumerate(words):
        fill = (0, 0, 0) if n % 3 else (120, 120, 120)  # every third a grey view
        draw.text((40, 30 + 110 * n), text, font=font, fill=fill, stroke_width=0 if n % 2 else 1)
    assert ppocr.detection_size(img.size, None, as_drawn=True)[0] < max(img.size)
    lines = ppocr.PpOcr(as_drawn=True).read_pixels(img, "chi_sim+eng", 300, 120, "p", 0, 3)
    got = ["".join(w.text for w in line.words).replace(" ", "") for line in lines]
    assert len(got) == len(words)
    assert cer("".join(w.replace(" ", "") for w in words), "".join(got)) <= 0.02


@pytest.mark.slow
def test_a_narrow_mosaic_as_drawn_reads_what_the_enlarged_one_read() -> None:
    """View tiles stacked in a tall narrow mosaic, text about 44 px: read as drawn, not enlarged
    five times, every line still reads."""
    words = ["Invoice 40213", "Margaret Holloway", "会议室 三楼", "Paid in full", "139 1234 5678"]
    font = ImageFont.truetype(WQY, 40)
    img = Image.new("RGB", (420, 100 * len(words) + 48), "white")
    draw = ImageDraw.Draw(img)
    for n, text in enumerate(words):
        draw.text((48, 48 + 100 * n), text, font=font, fill="black")
    drawn = ppocr.PpOcr(as_drawn=True).read_pixels(img, "chi_sim+eng", 300, 60, "p", 0, 3)
    enlarged = ppocr.PpOcr().read_pixels(img, "chi_sim+eng", 300, 60, "p", 0, 3)
    got = _text(drawn).replace(" ", "")
    assert all(w.replace(" ", "") in got for w in words)
    assert (
        cer("".join(words).replace(" ", ""), got.replace("\n", ""))
        <= cer("".join(words).replace(" ", ""), _text(enlarged).replace(" ", "").replace("\n", "")) + 0.01
    )


@pytest.mark.slow
def test_reading_at_the_text_height_reads_as_the_default_size_did() -> None:
    page = _chinese_page().resize((3000, 1400))  # a 600-DPI scan of it: detection shrinks it most
    height = ink.measure(page).height
    assert ppocr.detection_size(page.size, height)[1] == "max"
    sized = ppocr.PpOcr(height).read_pixels(page, "chi_sim+eng", 300, 60, "p", 0, 3)
    default = ppocr.PpOcr().read_pixels(page, "chi_sim+eng", 300, 60, "p", 0, 3)
    assert cer("\n".join(TEXT), _text(sized)) <= cer("\n".join(TEXT), _text(default)) + 0.01
    assert cer("\n".join(TEXT), _text(sized)) <= 0.02


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Paid in full", "Account number 40213", "会议室"])
def test_a_line_image_reads_at_its_own_size(text: str) -> None:
    font = ImageFont.truetype(WQY, 22)
    img = Image.new("RGB", (40 + round(font.getlength(text)), 36), "white")
    ImageDraw.Draw(img).text((20, 5), text, font=font, fill="black")
    lines = ppocr.PpOcr(ink.measure(img).height).read_pixels(img, "chi_sim+eng", 72, 60, "p", 0, 3)
    assert _text(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.slow
def test_the_angle_classifier_tells_a_page_upside_down() -> None:
    page = _chinese_page()
    lines = ppocr.PpOcr().read_pixels(page, "chi_sim+eng", 300, 60, "p", 0, 3)
    assert not ppocr.upside_down(page, [line.bbox for line in lines])
    turned = page.rotate(180)
    lines = ppocr.PpOcr().read_pixels(turned, "chi_sim+eng", 300, 60, "p", 0, 3)
    assert ppocr.upside_down(turned, [line.bbox for line in lines])


@pytest.mark.slow
@pytest.mark.parametrize("turn", [0, 180, 90])
def test_a_turned_page_of_chinese_is_read_upright(tmp_path: Path, turn: int) -> None:
    img = _chinese_page().rotate(turn, expand=True)
    reader = Reader("chi_sim+eng", 3, 120, "zh.png", 0, tmp_path, Steps(), engine="auto")
    page = reader.read(img, img.width, img.height, 300).page
    assert page.engine == "ppocr" and page.rotation == turn  # turned counter-clockwise: read turned back
    assert cer("\n".join(TEXT), _text(page.lines)) <= 0.02
