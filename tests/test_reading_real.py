"""Issue 11: reading decided by the page, not its tag; rescues garbage cannot win; no text from
pages without writing; PP-OCR behind the engine seam; JPEG 2000; ``-l auto`` on small images."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.metrics import cer
from sandbox.config import Steps
from sandbox.errors import ExitCode
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.reading import Reader, better, coverage, reads_well, trusted
from tests.conftest import SAMPLES, FakeEngine, run_cli, text_image

WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
LINES = ["The archive holds every letter", "of the quarterly audit since 1998", "and nothing leaves the building"]


def _page(words: list[tuple[str, float]]) -> Page:
    ws = tuple(Word(t, BBox(40 * i, 10, 40 * i + 30, 40), c) for i, (t, c) in enumerate(words))
    return Page(0, 800, 100, 300, PageSource.OCR, (Line(ws, BBox(0, 10, 800, 40), 0, 0),), "eng")


def test_garbage_cannot_win_by_being_long() -> None:
    real = _page([("Quarterly", 0.93), ("audit", 0.95), ("report", 0.91)])
    garbage = _page([(s, 0.45) for s in ("~~~~", "|||||", "ii:i", "—_—", "l1l1l1", "%%%%%%%%", "Sao", "ee")])
    assert trusted(garbage) < trusted(real)
    assert not better(garbage, real)
    assert better(real, _page([("Qu", 0.5), ("—", 0.3)]))
    assert coverage(real, 100) < 0.5 and coverage(real, 20) >= 0.5
    assert reads_well(real) and not reads_well(real, glyphs=400)  # most of the ink unread


def _plain_then_garbage(engine: FakeEngine, img: Image.Image) -> list[Line]:
    """The plain page reads badly, any changed one is garbage."""
    words = [("Quarterly", 0.6), ("audit", 0.62), ("report", 0.7)] if len(engine.sizes) == 1 else []
    words = words or [(s, 0.4) for s in ("~~~~", "|||||", "ii:i", "l1l1l1", "%%%%%%%%", "ee", "Sao")] * 4
    return list(_page(words).lines)


def test_a_rescue_that_reads_garbage_is_not_taken(tmp_path: Path, fake_engine: Callable[..., FakeEngine]) -> None:
    fake = fake_engine(_plain_then_garbage)
    src = tmp_path / "faint.png"
    text_image(LINES).point(lambda v: 255 - (255 - v) // 4).save(src)  # faint: the rescue cleans it
    reader = Reader("eng", 3, 60, "faint.png", 0, tmp_path, Steps(rotate=False, deskew=False), engine="tesseract")
    with Image.open(src) as img:
        reading = reader.read(src, img.width, img.height, 300)
    assert len(fake.sizes) >= 2  # the rescue ran
    assert [w.text for w in reading.page.words] == ["Quarterly", "audit", "report"]


@pytest.mark.parametrize("colour", [(0, 0, 0), (255, 255, 255), (40, 90, 160)])
def test_a_page_without_writing_gives_no_text(tmp_path: Path, colour: tuple[int, int, int]) -> None:
    src = tmp_path / "flat.jpg"
    Image.new("RGB", (900, 600), colour).save(src, quality=60)
    res = run_cli(["ocr", str(src), "--isolation", "none"])
    assert res.code == 0, res.stderr
    assert res.stdout.strip() == ""


@pytest.mark.slow
def test_a_high_resolution_screenshot_tagged_72_dpi_is_not_enlarged(tmp_path: Path) -> None:
    src = tmp_path / "screen.png"
    text_image(LINES, size=40, width=2000).save(src, dpi=(72, 72))
    res = run_cli(["ocr", str(src), "--to", "json", "--isolation", "none"])
    assert res.code == 0, res.stderr
    page = json.loads(res.stdout)["pages"][0]
    assert page["preprocess"]["scale"] == 1.0  # its text is big enough: the tag says nothing
    assert cer("\n".join(LINES), "\n".join(line["text"] for line in page["lines"])) < 0.05


def test_jpeg_2000_is_read(tmp_path: Path) -> None:
    src = tmp_path / "scan.jp2"
    text_image(LINES).save(src, format="JPEG2000")
    res = run_cli(["ocr", str(src), "--isolation", "none", "--engine", "tesseract"])
    assert res.code == 0, res.stderr
    assert cer("\n".join(LINES), res.stdout) < 0.05


def _chinese_line(path: Path, text: str, size: int = 22) -> None:
    font = ImageFont.truetype(WQY, size)
    img = Image.new("RGB", (size * (len(text) + 2), size * 2 + 8), (250, 250, 250))
    ImageDraw.Draw(img).text((size, size // 2), text, font=font, fill=(20, 20, 20))
    img.save(path)


@pytest.mark.slow
def test_auto_reads_a_small_chinese_screenshot(tmp_path: Path) -> None:
    src = tmp_path / "shot.png"
    _chinese_line(src, "请于本周五前提交年度安全检查报告")
    res = run_cli(["ocr", str(src), "-l", "auto", "--to", "json", "--isolation", "none"])
    assert res.code == 0, res.stderr
    page = json.loads(res.stdout)["pages"][0]
    assert page["languages"].startswith("chi_sim")
    assert cer("请于本周五前提交年度安全检查报告", "".join(line["text"] for line in page["lines"])) < 0.15


@pytest.mark.slow
def test_ppocr_engine_reads_chinese_in_the_sandbox_and_bad_engine_is_a_usage_error(tmp_path: Path) -> None:
    """In bubblewrap (no network at all): the models come from the installed wheel."""
    res = run_cli(["ocr", str(SAMPLES / "notice_zh_hans.png"), "-l", "chi_sim+eng", "--engine", "ppocr", "--to",
                   "json", "--isolation", "bwrap"])  # fmt: skip
    assert res.code == 0, res.stderr
    page = json.loads(res.stdout)["pages"][0]
    assert page["engine"] == "ppocr"
    truth = (SAMPLES / "notice_zh_hans.gt.txt").read_text(encoding="utf-8")
    assert cer(truth, "\n".join(line["text"] for line in page["lines"])) < 0.1
    res = run_cli(["ocr", str(SAMPLES / "letter_en.png"), "--engine", "abbyy"])
    assert res.code == ExitCode.USAGE and "--engine" in res.stderr


def _confident_at(conf: float) -> Callable[[FakeEngine, Image.Image], list[Line]]:
    """Every picture reads as the same words, with ``conf`` at the picture's own size and 0.97
    when enlarged."""

    def answer(engine: FakeEngine, img: Image.Image) -> list[Line]:
        words = [(w, conf if len(engine.sizes) == 1 else 0.97) for w in " ".join(LINES).split()]
        return list(_page(words).lines)

    return answer


@pytest.mark.parametrize(("conf", "enlarged"), [(0.97, False), (0.88, True)])
def test_small_text_is_enlarged_only_when_its_own_reading_is_not_plainly_right(
    conf: float, enlarged: bool, tmp_path: Path, fake_engine: Callable[..., FakeEngine]
) -> None:
    fake = fake_engine(_confident_at(conf))
    src = tmp_path / "small.png"
    picture = text_image(LINES, size=13, width=700)
    picture.save(src)
    reader = Reader("eng", 3, 60, "small.png", 0, tmp_path, Steps(rotate=False, deskew=False), engine="tesseract")
    reading = reader.read(src, picture.width, picture.height, 300)
    assert fake.sizes[0] == picture.size  # the cheap reading first
    assert (len(fake.sizes) > 1 and fake.sizes[1][0] > picture.width) is enlarged
    assert (reading.page.scale > 1) is enlarged
