"""Issue 30: a reading never loses to the plain Tesseract reading it started from.

The measures and the rule on pages made up for the purpose, then the rule in the reader with
real Tesseract: a rescue that reads worse (or nothing) leaves the plain reading, and one-line
images of kinds the corpus lacks read as the ``tesseract`` program reads them, or better."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from benchmarks.metrics import cer
from benchmarks.unseen_kinds import legal, line_image
from benchmarks.word_lines import word_line
from sandbox import guard
from sandbox.config import Steps
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.reading import Reader, Reading


def _line(words: list[tuple[str, float]], row: int) -> Line:
    ws = tuple(Word(t, BBox(10 + 60 * i, 40 * row, 60 + 60 * i, 40 * row + 30), c) for i, (t, c) in enumerate(words))
    return Line(ws, BBox(10, 40 * row, 60 + 60 * len(words), 40 * row + 30), row, 0)


def _page(rows: list[list[tuple[str, float]]]) -> Page:
    lines = tuple(_line(r, n) for n, r in enumerate(rows))
    return Page(0, 1000, 40 * len(rows) + 40, 300, PageSource.OCR, lines, "eng")


NUMBERED = [[(str(n), 0.9)] for n in range(1, 11)] + [[("counsel", 0.8), ("objected", 0.8)] for _ in range(10)]


def test_a_reading_that_drops_the_margin_numbers_does_not_replace_the_plain_one() -> None:
    plain = _page(NUMBERED)  # Tesseract reads the numbers as lines of their own
    text_only = _page([[("counsel", 0.97), ("objected", 0.97)] for _ in range(10)])  # more confident, fewer lines
    glyphs = 200
    assert guard.merit(text_only, glyphs).confident > guard.merit(plain, glyphs).confident * guard.GAIN
    assert not guard.improves(guard.merit(text_only, glyphs), guard.merit(plain, glyphs))
    assert not guard.holds(guard.merit(text_only, glyphs), guard.merit(plain, glyphs))


def test_only_a_measurably_better_reading_replaces_the_plain_one() -> None:
    plain = _page([[("Quarterly", 0.7), ("audit", 0.7)]])
    same = _page([[("Quarterly", 0.71), ("audit", 0.71)]])
    sharper = _page([[("Quarterly", 0.95), ("audit", 0.93)]])
    empty = _page([])
    m = {name: guard.merit(p, 12) for name, p in (("plain", plain), ("same", same), ("sharper", sharper))}
    assert guard.improves(m["sharper"], m["plain"])
    assert not guard.improves(m["same"], m["plain"])  # a hair more confident is no evidence
    nothing = guard.merit(empty, 12)
    assert not guard.improves(nothing, m["plain"]) and not guard.holds(nothing, m["plain"])
    assert guard.improves(m["plain"], guard.merit(empty, 12))  # anything beats nothing


def test_coverage_counts_fairly_confident_text_once_per_glyph() -> None:
    half = _page([[("Quarterly", 0.9), ("audit", 0.9)], [("~~~~~~", 0.9), ("lllll", 0.9), ("xq", 0.2)]])
    assert guard.merit(half, 28).coverage == pytest.approx(14 / 28)  # specks and a shaky guess not counted
    assert guard.merit(half, 7).coverage == 1.0  # over-reading is not reading more
    whole = _page([[("Quarterly", 0.9), ("audit", 0.9)], [("and", 0.9), ("report", 0.9), ("review", 0.9)]])
    assert guard._loses(guard.merit(half, 28), guard.merit(whole, 28))


def test_making_a_tilted_reading_level_may_cost_a_little_confidence() -> None:
    tilted = guard.Merit(confident=100.0, coverage=0.9, lines=20, level=False)
    levelled = guard.Merit(confident=95.0, coverage=0.9, lines=18, level=True)
    assert guard.improves(levelled, tilted)
    assert not guard.improves(guard.Merit(80.0, 0.9, 18, True), tilted)


def _reader(tmp_path: Path, lang: str = "eng", engine: str = "auto") -> Reader:
    return Reader(lang, 3, 60, "page.png", 0, tmp_path, Steps(), engine=engine)


def _program(path: Path, lang: str = "eng") -> str:
    proc = subprocess.run(["tesseract", str(path), "-", "-l", lang], capture_output=True, check=True)
    return proc.stdout.decode()


def _text(page: Page) -> str:
    return "\n".join(" ".join(w.text for w in line.words) for line in page.lines)


@pytest.mark.slow
def test_a_rescue_that_reads_nothing_leaves_the_plain_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-word line reads badly by the page-wide measures (one word), so the rescue runs;
    when it (or a step before it) reads nothing, the page keeps the plain reading."""
    src = tmp_path / "word.png"
    word_line("Invoice", "serif", 20).save(src, dpi=(100, 100))

    def nothing(self: Reader, img: Image.Image, dpi: int, lang: str, first: Reading, *_: object) -> Reading:
        return Reading(Page(0, img.width, img.height, dpi, PageSource.OCR, (), lang, engine="tesseract"), None)

    monkeypatch.setattr(Reader, "rescue", nothing)
    with Image.open(src) as img:
        size = img.size
    page = _reader(tmp_path).read(src, *size, 100).page
    assert _text(page) == "Invoice" and not page.unread


@pytest.mark.slow
def test_a_rescue_that_reads_worse_leaves_the_plain_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A numbered transcript page whose rescue loses the margin: the plain reading stays."""
    img, _ = legal(random.Random(4), lines=8)
    page_img = img.crop((0, 0, img.width, 1300))
    src = tmp_path / "legal.png"
    page_img.save(src, dpi=(300, 300))

    def without_numbers(self: Reader, img: Image.Image, dpi: int, lang: str, first: Reading, *_: object) -> Reading:
        lines = tuple(
            Line(tuple(Word(w.text, w.bbox, 0.99) for w in ln.words if not w.text.isdigit()), ln.bbox, ln.block, 0)
            for ln in first.page.lines
            if any(not w.text.isdigit() for w in ln.words)
        )
        return Reading(Page(0, img.width, img.height, dpi, PageSource.OCR, lines, lang, engine="tesseract"), None)

    monkeypatch.setattr(Reader, "rescue", without_numbers)
    monkeypatch.setattr("sandbox.reading.reads_well", lambda page, glyphs=0: False)  # the rescue always runs
    page = _reader(tmp_path).read(src, page_img.width, page_img.height, 300).page
    plain = _program(src)
    assert {w for w in plain.split() if w.isdigit()} <= {w.text for w in page.words}  # the page number, at least
    assert cer(plain, _text(page)) <= 0.02


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_line_images_read_no_worse_than_the_program(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    text = rng.choice(["Total", "Received", "Paid in full", "Account number 40213", "Signature"])
    img = line_image(rng, text)
    src = tmp_path / "line.png"
    img.save(src, dpi=(72, 72))
    page = _reader(tmp_path).read(src, img.width, img.height, 72).page
    assert _text(page).strip(), "a line image with a word read as nothing"
    assert cer(text, _text(page)) <= cer(text, _program(src)) + 0.02


def test_a_confident_word_on_a_line_image_needs_no_rescue() -> None:
    """Cost: a label or a one-word line read with confidence is not sent through the rescue
    (OSD, four orientation trials, PP-OCR); on a page of many glyphs one word is too little."""
    from sandbox.reading import reads_well

    word = _page([[("Invoice", 0.93)]])
    assert reads_well(word, glyphs=7)
    assert not reads_well(word, glyphs=400) and not reads_well(word)
    assert not reads_well(_page([[("Invoice", 0.93), ("xq", 0.4)]]), glyphs=9)  # a shaky word: rescue
