"""Issue 31: 1-bit fax form pages: dithered highlights are paper, corners of fields are
structure, and the web review names each region's kind in English and Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks import faxforms, fuzzdocs
from sandbox.models import BBox
from sandbox.redact import formmarks, tints, views
from sandbox.web import i18n
from sandbox.web.pages import _templates
from tests.conftest import run_cli

DPI = 300
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _dither(img: Image.Image) -> Image.Image:
    """What a fax makes of a grey page: Floyd–Steinberg to 1 bit, back to grey values 0/255."""
    return img.convert("1").convert("L")


def _band_page(label: str = "CASE NUMBER") -> Image.Image:
    img = Image.new("L", (900, 300), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((40, 60, 860, 140), fill=200, outline=0, width=3)  # a label on a 20 % tint
    d.text((60, 78), label, font=ImageFont.truetype(BOLD, 40), fill=0)
    return _dither(img)


def test_a_dithered_highlight_is_paper_and_its_label_stays_ink() -> None:
    page = np.asarray(_band_page(), dtype=np.uint8)
    assert tints.is_bilevel(page)
    out, found = tints.fields(page, DPI)
    assert len(found) == 1 and found[0].x0 <= 45 and found[0].x1 >= 855
    band = (slice(66, 134), slice(48, 852))
    before, after = int((page[band] == 0).sum()), int((out[band] == 0).sum())
    assert after < before * 0.75  # the dots are gone ...
    glyphs = Image.new("L", (900, 300), 255)
    ImageDraw.Draw(glyphs).text((60, 78), "CASE NUMBER", font=ImageFont.truetype(BOLD, 40), fill=0)
    strokes = np.asarray(glyphs) < 60  # ... the label's strokes are all still there
    assert int(((out == 0) & strokes).sum()) >= 0.97 * int(((page == 0) & strokes).sum())


def test_letters_drawn_in_dots_are_never_erased() -> None:
    """A word printed as a dot screen (dense in its letters, empty between) is uneven: kept;
    so is a darker dotted word inside a light tint."""
    img = Image.new("L", (900, 300), 255)
    ImageDraw.Draw(img).text((40, 60), "OKAFOR", font=ImageFont.truetype(BOLD, 150), fill=150)
    word = np.asarray(_dither(img), dtype=np.uint8)
    out, _ = tints.fields(word, DPI)
    assert np.array_equal(out, word)
    img = Image.new("L", (900, 300), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((20, 20, 880, 280), fill=215)
    d.text((60, 60), "OKAFOR", font=ImageFont.truetype(BOLD, 150), fill=120)
    hidden = np.asarray(_dither(img), dtype=np.uint8)
    out, _ = tints.fields(hidden, DPI)
    letters = np.asarray(_dither(img.point(lambda v: 0 if v < 160 else 255)), dtype=np.uint8) == 0
    assert int(((out == 0) & letters).sum()) >= 0.9 * int(((hidden == 0) & letters).sum())


def test_a_grey_page_is_left_alone() -> None:
    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 120), fill=200)
    page = np.asarray(img, dtype=np.uint8)
    out, found = tints.fields(page, DPI)
    assert found == [] and out is page


def _ink(draw: object, size: tuple[int, int]) -> tuple[Image.Image, np.ndarray]:
    img = Image.new("L", size, 255)
    draw(ImageDraw.Draw(img))  # type: ignore[operator]
    return img, (np.asarray(img) < 128).astype(np.uint8)


def test_the_corner_of_a_field_is_structure_and_a_one_on_a_rule_is_not() -> None:
    # a field's corner: a long wall, a short arm at its end, both 4 px thick
    _, corner = _ink(
        lambda d: (d.rectangle((20, 20, 24, 140), fill=0), d.rectangle((20, 20, 50, 24), fill=0)), (200, 200)
    )
    assert formmarks.classify(corner, BBox(10, 10, 60, 150), 30.0, DPI) == "rule"
    # a digit 1 written standing on a rule, mid-way along it: a letter, it stays unread
    _, one = _ink(
        lambda d: (d.rectangle((10, 140, 190, 144), fill=0), d.rectangle((98, 100, 102, 139), fill=0)), (200, 200)
    )
    assert formmarks.classify(one, BBox(5, 95, 195, 150), 30.0, DPI) is None


def test_a_bold_x_drawn_into_its_box_is_a_crossed_checkbox_and_a_letter_is_not() -> None:
    def boxed(mark: str) -> np.ndarray:
        def draw(d: ImageDraw.ImageDraw) -> None:
            d.rectangle((40, 40, 80, 80), outline=0, width=4)
            if mark == "x":  # a thick pen: one piece with the frame
                d.line([(42, 42), (78, 78)], fill=0, width=7)
                d.line([(78, 42), (42, 78)], fill=0, width=7)
            else:  # a letter written as big as the box, into its walls (a lone letter apart
                # from the walls is taken for a tick, as it always was: one mark in one box)
                font = ImageFont.truetype(BOLD, 52)
                left, top, right, bottom = font.getbbox(mark)
                glyph = Image.new("L", (int(right), int(bottom)), 255)
                ImageDraw.Draw(glyph).text((0, 0), mark, font=font, fill=0)
                d.bitmap(
                    (38, 38), glyph.crop((left, top, right, bottom)).resize((45, 45)).point(lambda v: 255 - v), fill=0
                )

        return _ink(draw, (160, 120))[1]

    assert [i.kind for i in formmarks.checkboxes(boxed("x"), DPI)[1]] == ["checkbox crossed"]
    for letter in ("M", "N", "K"):
        assert all(i.kind != "checkbox crossed" for i in formmarks.checkboxes(boxed(letter), DPI)[1])


def _ring(d: ImageDraw.ImageDraw, x: int, y: int, s: int = 46, width: int = 8) -> None:
    d.ellipse((x, y, x + s, y + s), outline=0, width=width)


def test_thick_rings_of_an_answer_grid_are_radios_and_a_lone_thick_o_is_not() -> None:
    """A photographed questionnaire: thick rings in rows and columns, some crossed through by
    a pen.  The rings are radios and the crosses are chosen answers; a lone ring as thick is a
    letter O and stays text."""

    def grid(d: ImageDraw.ImageDraw) -> None:
        for row in range(3):
            for col in range(4):
                x, y = 60 + col * 200, 60 + row * 120
                _ring(d, x, y)
                if (row, col) in ((0, 1), (2, 3)):
                    d.line([(x - 12, y + 58), (x + 60, y - 14)], fill=0, width=6)
                    d.line([(x - 8, y - 8), (x + 54, y + 54)], fill=0, width=6)

    _, ink = _ink(grid, (900, 450))
    out, items = formmarks.radios(ink, DPI)
    kinds = sorted(i.kind for i in items)
    assert kinds.count("radio empty") == 10 and kinds.count("radio crossed") == 2
    assert int(out.sum()) == 0  # every ring and every cross is structure
    _, lone = _ink(lambda d: _ring(d, 100, 100), (300, 300))
    assert formmarks.radios(lone, DPI)[1] == []  # a thick O on its own: a letter


def _review(kinds: list[tuple[str, str, str]]) -> dict[str, object]:
    findings = [
        {"id": f"p1-{n}", "page": 1, "rule": rule, "kind": kind, "boxes": [[10, 10, 60, 60]], "text": "",
         "context": "", "decision": decision}
        for n, (rule, kind, decision) in enumerate(kinds, 1)
    ]  # fmt: skip
    doc = {"sha256": "0" * 64, "name": "form.png", "sizes": {"1": [200, 200]}, "pictures": ["form-1.png"]}
    return {"dpi": 300, "documents": [{**doc, "findings": findings}]}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("en", ("checkbox, ticked", "signature", "stamp", "Form structure (kept)", "Unread ink")),
        ("zh-Hans", ("复选框（已勾选）", "签名", "印章", "表格结构（保留）", "未能识别的墨迹")),
        ("zh-Hant", ("核取方塊（已勾選）", "簽名", "印章", "表格結構（保留）", "未能識別的墨跡")),
    ],
)
def test_the_review_page_names_each_regions_kind_and_shows_it(code: str, words: tuple[str, ...]) -> None:
    locale = i18n.catalogues()[code]
    review = _review(
        [
            ("structure", "checkbox ticked", "keep"),
            ("unread", "signature", "undecided"),
            ("unread", "stamp", "undecided"),
        ]
    )
    labels = {"structure": locale.gettext("rule.structure"), "unread": locale.gettext("rule.unread")}
    page = _templates().get_template("review.html").render(
        _=locale.gettext, job={"id": "j1"}, review=review, labels=labels, locale=locale, locales=[], js_strings={},
        csrf="", here="/", max_files=1, max_mb=1, max_bytes=1,
    )  # fmt: skip
    for word in words:
        assert word in page
    assert "kind." not in page  # every kind has its words in this language
    assert page.count('<canvas class="region"') == 3  # each region cut from its page picture
    listed = page.split('<section id="review"', 1)[1]
    assert 'class="box keep"' in listed  # structure is kept unless the reviewer blacks it out
    assert listed.count("box redact unread") == 2  # unread ink is blacked out unless kept


@pytest.mark.slow
def test_a_faxed_form_strip_is_not_refused_for_its_boxes_and_tints(tmp_path: Path) -> None:
    """The jurisdiction strip of a faxed civil cover sheet: a heading on a dithered tint, four
    checkboxes (one crossed) with their labels.  Nothing in it is unread; the boxes are listed
    by kind."""
    from benchmarks import faxforms

    img = Image.new("L", (faxforms.W, faxforms.H), 255)
    d = ImageDraw.Draw(img)
    faxforms.band(d, 200, 200, 1260, 260, 'II. BASIS OF JURISDICTION (Place an "X" in One Box Only)', 28)
    for k, (label, mark) in enumerate((("1  U.S. Government Plaintiff", ""), ("3  Federal Question", "x"))):
        faxforms.checkbox(d, 230, 290 + k * 62, 34, mark)
        d.text((290, 288 + k * 62), label, font=ImageFont.truetype(faxforms.SANS, 30), fill=0)
    page = faxforms.fax(img, 3, 0.3).crop((150, 150, 1350, 450))
    src = tmp_path / "strip.png"
    page.save(src, dpi=(DPI, DPI))
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(src), "-o", str(review), "-l", "eng", "--isolation", "none", "-q"])
    assert res.code == 0, res.stderr
    findings = json.loads(review.read_text())["documents"][0]["findings"]
    assert [f for f in findings if f["rule"] == "unread"] == []
    kinds = sorted(f["kind"] for f in findings if f["rule"] == "structure" and f["kind"].startswith("checkbox"))
    assert kinds == ["checkbox crossed", "checkbox empty"]


def test_ppocr_reads_a_tall_mosaic_in_slices_and_a_failed_slice_reads_nothing() -> None:
    """PP-OCR, the last reader of unread regions, gets a tall mosaic of tiles in slices cut
    between tiles; a slice it fails on reads nothing (its regions stay unread), and its
    confidences count 0.4 less."""
    from sandbox.errors import PageError
    from sandbox.models import Line, Page, PageSource, Word
    from sandbox.redact import work

    img = Image.new("L", (300, 6000), 255)
    d = ImageDraw.Draw(img)
    for y in range(100, 6000, 300):
        d.rectangle((20, y, 200, y + 100), fill=0)
    calls: list[tuple[int, int]] = []

    def fake(im: Image.Image) -> Page:
        calls.append(im.size)
        if len(calls) == 2:
            raise PageError("one slice failed")
        word = Word("ab", BBox(1, 2, 3, 4), 0.9)
        return Page(0, im.width, im.height, 300, PageSource.OCR, (Line((word,), word.bbox, 0, 0),), "eng")

    page = work._strict(fake, img)
    assert sum(h for _, h in calls) == 6000 and all(h <= work.PPOCR_SLICE for _, h in calls)
    tops = [sum(h for _, h in calls[:n]) for n in range(len(calls))]
    words = [w for line in page.lines for w in line.words]
    assert [w.bbox.y0 for w in words] == [2 + top for n, top in enumerate(tops) if n != 1]  # not the failed slice
    assert all(abs(w.conf - 0.5) < 1e-9 for w in words)


def test_a_ragged_rule_of_a_fax_is_a_rule_and_small_print_is_not() -> None:
    rng = np.random.default_rng(5)
    rule = np.zeros((60, 700), np.uint8)
    rule[25:30, 20:680] = 1
    rule[23:32, 20:680] |= (rng.random((9, 660)) < 0.25).astype(np.uint8)  # dithered fringe: 9 px high
    assert formmarks.classify(rule, BBox(15, 18, 685, 38), 20.0, DPI) == "rule"
    img = Image.new("L", (700, 60), 255)
    ImageDraw.Draw(img).text((20, 20), "Case 24-cv-3312 filed by Okafor", font=ImageFont.truetype(BOLD, 16), fill=0)
    small = (np.asarray(img) < 128).astype(np.uint8)
    ys, xs = np.nonzero(small)
    box = BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    assert box.height > 10 and formmarks.classify(small, box, 12.0, DPI) is None


def test_scattered_specks_are_noise_and_small_letters_are_not() -> None:
    noise = np.zeros((100, 100), np.uint8)
    for y, x in ((10, 12), (40, 70), (80, 30)):
        noise[y : y + 6, x : x + 7] = 1  # a 1-bit scan's specks, bigger than grain
    assert formmarks.classify(noise, BBox(0, 0, 100, 100), 20.0, DPI) == "specks"
    img = Image.new("L", (100, 60), 255)
    ImageDraw.Draw(img).text((10, 10), "ii", font=ImageFont.truetype(BOLD, 30), fill=0)
    small = (np.asarray(img) < 128).astype(np.uint8)
    assert formmarks.classify(small, BBox(0, 0, 100, 60), 20.0, DPI) is None


def test_a_dithered_highlight_straightened_or_squared_is_still_paper() -> None:
    """A faxed page the reading straightened (bicubic) or whose fax pixels were made square
    (Lanczos) has greys only where black meets white: it is still a 1-bit page, its tint's
    dots are paper and the label's strokes stay; a grey scan is no 1-bit page."""
    from benchmarks import faxforms
    from sandbox import pages
    from sandbox import preprocess as pp

    img = Image.new("L", (faxforms.W, faxforms.H), 255)
    faxforms.band(ImageDraw.Draw(img), 200, 200, 1260, 260, "CASE NUMBER", 34)
    faxed = faxforms.fax(img, 3, 0.0).crop((100, 100, 1400, 400))
    assert len(tints.fields(np.asarray(faxed, dtype=np.uint8), DPI)[1]) == 1
    for page in (pp.deskew(faxed, 0.45), pages.squared(faxed, (1.0, 1.9))):
        arr = np.asarray(page, dtype=np.uint8)
        assert not tints.is_bilevel(arr) and tints.is_resampled_bilevel(arr)
        out, found = tints.fields(arr, DPI)
        assert len(found) == 1 and set(np.unique(out).tolist()) <= {0, 255}
        b = found[0]
        inside = (slice(b.y0 + 12, b.y1 - 12), slice(b.x0 + 12, b.x1 - 12))
        assert int((out[inside] == 0).sum()) < 0.6 * int((arr[inside] < 128).sum())  # the dots are gone
        assert int((out[inside] == 0).sum()) > 0.1 * int((arr[inside] < 128).sum())  # the label is not
    # a grey scan: paper a little grey, a tint of its own, antialiased text
    img = Image.new("L", (900, 300), 238)
    d = ImageDraw.Draw(img)
    d.rectangle((40, 60, 860, 140), fill=200)
    d.text((60, 78), "CASE NUMBER", font=ImageFont.truetype(BOLD, 40), fill=0)
    grey = np.asarray(pp.deskew(img, 0.45), dtype=np.uint8)
    assert not tints.is_resampled_bilevel(grey) and tints.fields(grey, DPI)[1] == []


def test_a_tilted_dithered_band_is_a_field() -> None:
    """A band a little tilted on a 1-bit page (not straightened) fills its turned rectangle,
    not its level box: it is a field all the same."""
    img = Image.new("L", (1400, 400), 255)
    ImageDraw.Draw(img).rectangle((40, 150, 1360, 220), fill=200, outline=0, width=3)
    page = _dither(img.rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255))
    assert len(tints.fields(np.asarray(page, dtype=np.uint8), DPI)[1]) == 1


def test_photographed_rings_with_camera_grain_are_radios_and_an_o_of_a_word_is_not() -> None:
    """A photographed answer grid: grain inside a ring and on its edge, a stroke of the line
    above grazing a ring's top row.  Each ring is still a radio; an O among the letters of a
    word stays text, and so does a digit written over a ring of the grid."""

    def grid(d: ImageDraw.ImageDraw) -> None:
        for row in range(3):
            for col in range(4):
                x, y = 60 + col * 200, 60 + row * 120
                _ring(d, x, y)
        d.rectangle((70, 75, 76, 80), fill=0)  # grain inside the first ring, under a dot's size
        d.rectangle((98, 96, 103, 101), fill=0)  # and a speck on its edge, apart from it
        d.rectangle((300, 168, 324, 182), fill=0)  # a stroke of the line above grazing a ring
        d.text((283, 323), "8", font=ImageFont.truetype(BOLD, 56), fill=0, anchor="mm")  # written over a ring

    _, ink = _ink(grid, (900, 450))
    out, items = formmarks.radios(ink, DPI)
    at = {(i.box.x0 // 100, i.box.y0 // 100): i.kind for i in items}
    assert at[(0, 0)] == "radio empty" and at[(2, 1)] == "radio empty"
    assert (2, 3) not in at and len(items) == 11  # the ring written over: text
    assert int(out[65:110, 55:110].sum()) == 0  # the grain inside the first ring went with it
    word = Image.new("L", (700, 200), 255)
    ImageDraw.Draw(word).text((40, 60), "OTTO", font=ImageFont.truetype(BOLD, 60), fill=0)
    letters = (np.asarray(word) < 128).astype(np.uint8)
    assert formmarks.radios(letters, DPI)[1] == []


def test_words_drawn_in_dots_are_no_tint_field_and_a_small_dithered_band_is_a_band(tmp_path: Path) -> None:
    """The fuzzer's seed 13 document 66: outlined letters in pale grey on a 1-bit page, every
    stroke dithered into dots.  Closed, each line is as even as a highlight, but no block: its
    dots stay ink (before, an ID and two names were erased from the views and passed).  The
    small dark dithered band under them, with a phone number in light type, is a band read
    inverted (before, a one-component block, taken for a filled bar)."""
    doc = fuzzdocs.make(13, 66, tmp_path)
    img = Image.open(doc.path)
    page = np.asarray(img.convert("L"), dtype=np.uint8)
    assert tints.fields(page, DPI)[1] == []
    ink, _ = views.ink_mask(img, page, DPI)
    bands = [r for r in views.regions(ink, DPI, page) if r.band]
    assert len(bands) == 1 and bands[0].box.height < 100 and bands[0].box.width > 300


def _confidence(image: np.ndarray) -> float:
    """Tesseract's mean word confidence (0–100) on a one-line image."""
    data = pytesseract.image_to_data(Image.fromarray(image), config="--psm 7", output_type=pytesseract.Output.DICT)
    confs = [float(c) for c, t in zip(data["conf"], data["text"], strict=True) if t.strip()]
    return float(np.mean(confs)) if confs else 0.0


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_small_fax_type_reads_better_softened(seed: int) -> None:
    """7-pt type sent by fax (``faxforms.fax``: 1 bit by error diffusion at 204 × 196 DPI)
    breaks into pieces Tesseract reads as nonsense; the soft view joins them (the W-9 fax's
    certification lines were refused as unread)."""
    page = Image.new("L", (faxforms.W, faxforms.H), 255)
    text = "Under penalties of perjury, I certify that the number shown on this form is my correct"
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 20)
    ImageDraw.Draw(page).text((200, 400), text, font=font, fill=0)
    gray = np.asarray(faxforms.fax(page, seed, 0.0))
    binary = np.where(gray < 128, 0, 255).astype(np.uint8)
    line = views.Region(BBox(195, 395, 1100, 426), False, 60, 15.0)
    hard, _ = views._tile(binary, line.box, 0.0, views.tile_scale(line.text_px, line.box), 6)
    (soft,) = views.soft_tiles(binary, (gray < 128).astype(np.uint8), [line], {0})
    assert _confidence(soft.image) >= _confidence(hard) + 10.0
