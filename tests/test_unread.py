"""No silent empty pages (issue 27): one-word line images are read, and a page with ink that no
reading finds text in is said and counted ("unread page"), through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from benchmarks.word_lines import word_line
from sandbox import ink
from tests.conftest import run_cli


def save(img: Image.Image, path: Path) -> Path:
    img.save(path, dpi=(100, 100))
    return path


# Words of few glyph-shaped components: solid strokes (l, I, i) were not counted as ink, so the
# page was taken for blank ("fewer than 4 glyphs") and never read.  Each read as nothing before.
CASES = [
    ("Hello", "sans", 22),
    ("Hello", "sans", 26),
    ("No", "sans", 24),
    ("Will", "sans", 24),
    ("Lily", "sans", 24),
    ("Paid", "bold", 24),
]


@pytest.mark.parametrize(("word", "font", "size"), CASES)
def test_few_glyph_words_count_as_ink(word: str, font: str, size: int) -> None:
    found = ink.measure(word_line(word, font, size))
    assert found.has_ink and not found.has_text  # too few for the page-wide measures, but ink


def test_blank_line_image_has_no_ink() -> None:
    assert not ink.measure(Image.new("RGBA", (208, 32), (255, 255, 255, 255))).has_ink


@pytest.mark.slow
def test_one_word_line_images_read_through_the_cli(tmp_path: Path) -> None:
    files = [save(word_line(w, f, s), tmp_path / f"{w}-{f}-{s}.png") for w, f, s in CASES]
    out = tmp_path / "out"
    res = run_cli(["ocr", *map(str, files), "-o", str(out), "--isolation", "none", "--json-summary", "-q"])
    assert res.code == 0, res.stderr
    for (word, font, size), path in zip(CASES, files, strict=True):
        assert (out / f"{path.stem}.txt").read_text().strip() == word, (word, font, size)
    assert json.loads(res.stdout)["unread_pages"] == 0


@pytest.mark.slow
def test_ink_without_text_is_counted_and_said(tmp_path: Path) -> None:
    """Marks that no reading turns into text: the page is an unread page, exit 6, and with
    --allow-empty exit 0; the summary, the JSON summary and the JSON output agree."""
    img = Image.new("L", (208, 32), 255)
    draw = ImageDraw.Draw(img)
    for x in (30, 70, 110):
        draw.rectangle((x, 6, x + 2, 26), fill=0)  # three bars: stroke-shaped ink, no word
    scrawl = save(img, tmp_path / "scrawl.png")
    word = save(word_line("Hello", "sans", 22), tmp_path / "word.png")
    out = tmp_path / "out"
    res = run_cli(["ocr", str(scrawl), str(word), "-o", str(out), "--to", "txt,json", "--isolation", "none"])
    assert res.code == 6, res.stderr
    assert "scrawl.png page 1: ink but no text could be read (unread page)" in res.stderr
    assert "1 unread page(s)" in res.stderr
    page = json.loads((out / "scrawl.json").read_text())["pages"][0]
    assert page["unread"] is True and page["lines"] == []
    assert (out / "word.txt").read_text().strip() == "Hello"

    res = run_cli(
        ["ocr", str(scrawl), "-o", str(tmp_path / "o2"), "--allow-empty", "--json-summary", "--isolation", "none"]
    )
    assert res.code == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["unread_pages"] == 1 and summary["documents"][0]["unread_pages"] == [1]
    assert "accepted (--allow-empty)" in res.stderr


@pytest.mark.slow
def test_blank_page_is_not_an_unread_page(tmp_path: Path) -> None:
    blank = save(Image.new("RGBA", (208, 32), (255, 255, 255, 255)), tmp_path / "blank.png")
    res = run_cli(["ocr", str(blank), "-o", str(tmp_path / "out"), "--json-summary", "--isolation", "none"])
    assert res.code == 0, res.stderr
    assert json.loads(res.stdout)["unread_pages"] == 0


def test_words_the_views_read_apart_are_one_line_for_matching() -> None:
    """A name whose words two regions' views read apart (and a word the plain reading had) is
    one line of the assembled page, where the name is found; a second, less confident reading
    of a word is dropped, not repeated between the two."""
    from sandbox.models import BBox, Line, Page, PageSource, Word
    from sandbox.redact import detectors, policy, views

    plain = Page(
        0,
        2000,
        800,
        300,
        PageSource.OCR,
        (Line((Word("Copy", BBox(100, 300, 300, 380), 0.95),), BBox(100, 300, 300, 380), 0, 0),),
        "eng",
    )
    read = [
        Word("Eleanor", BBox(400, 305, 800, 385), 0.6),
        Word("Whitfield", BBox(900, 300, 1400, 382), 0.56),
        Word("E10300r", BBox(402, 300, 805, 390), 0.4),  # the same word, less confidently read
        Word("Quarterly", BBox(100, 80, 600, 150), 0.9),
    ]
    [page] = views.assembled([plain], read, 0, 300, "eng")
    assert [[w.text for w in line.words] for line in page.lines] == [["Quarterly"], ["Copy", "Eleanor", "Whitfield"]]
    found = detectors.detect(page, policy.default().with_terms(("Eleanor Whitfield",)))
    assert [f.text for f in found if f.rule == "terms"] == ["Eleanor Whitfield"]
    assert views.assembled([plain], [], 0, 300, "eng") == []


def test_a_doubtful_reading_between_two_words_does_not_part_a_name() -> None:
    """Light bold type on a grainy dark wall: the views read each word of the name confidently,
    and a row of specks along the letters' feet as low-confidence junk lying between them
    (red team, stop 48: the one line read ``Olivia ALA Grant`` and the name, exit 0, survived).
    The page without its doubtful words (``detectors.firm``) finds the name; a page with no
    doubtful word has no such second page."""
    from sandbox.models import BBox, Word
    from sandbox.redact import detectors, policy, views

    name = [Word("Olivia", BBox(404, 612, 619, 666), 0.96), Word("Grant", BBox(653, 613, 870, 666), 0.97)]
    junk = [Word("ALA", BBox(440, 642, 635, 663), 0.2), Word("国", BBox(682, 640, 707, 667), 0.22)]
    found = [
        f.text
        for page in detectors.with_firm(views.assembled([], [*name, *junk], 0, 300, "eng"))
        for f in detectors.detect(page, policy.default().with_terms(("Olivia Grant",)))
        if f.rule == "terms"
    ]
    assert found == ["Olivia Grant"]
    assert detectors.firm(views.assembled([], name, 0, 300, "eng")[0]) is None


def test_a_line_read_whole_and_character_by_character_is_not_doubled() -> None:
    """One reading has a CJK line as one word, another its characters one by one and its
    version number: the assembled page holds the line once (doubled, ``2.4.0.1 2.4.0.1版版``
    was taken for an address: the fuzzer's seed 14, document 139)."""
    from sandbox.models import BBox, Word
    from sandbox.redact import detectors, policy, views

    line = Word("敏感性分析按2.4.0.1版本执行。", BBox(100, 350, 750, 460), 0.95)
    chars = [Word(c, BBox(100 + 45 * i, 352, 140 + 45 * i, 458), 0.9) for i, c in enumerate("敏感性分析按")]
    number = Word("2.4.0.1", BBox(380, 352, 545, 458), 0.97)
    for words in ([line, *chars, number], [number, *chars, line]):
        [page] = views.assembled([], words, 0, 300, "chi_sim")
        assert [[w.text for w in ln.words] for ln in page.lines] == [[line.text]]
        assert not detectors.detect(page, policy.default())
