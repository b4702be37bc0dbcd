"""The edges of colour bands and the strips of paper between close bands are no ink: a page
of white type on three close navy bands is redacted (exit 0) with its names burned and the
edges listed as structure, while letters, barcodes and faint type on a band are never called
stripes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from sandbox.models import BBox, Page
from sandbox.redact import edges
from sandbox.redact.edges import stripes
from sandbox.redact.views import gray_array, ink_mask
from tests.conftest import run_cli

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
NAVY = (20, 28, 110)


def bands_page() -> Image.Image:
    """Body text, then three navy bands 12 px apart, each of white type (serif, 8–18 pt)."""
    img = Image.new("RGB", (2000, 1200), "white")
    d = ImageDraw.Draw(img)
    body = ImageFont.truetype(SANS, 42)
    for i, line in enumerate(("Quarterly operations note", "The committee reviewed the forecast on Tuesday.")):
        d.text((110, 100 + i * 80), line, font=body, fill=0)
    y = 300
    for text, size, width in (
        ("Ref. Mrs. Thomas Brennan", 50, 740),
        ("Owner: GRANT, Olivia", 36, 470),
        ("Desk 4", 40, 300),
    ):
        height = size + 70
        d.rectangle((98, y, 98 + width, y + height), fill=NAVY)
        d.text((130, y + 28), text, font=ImageFont.truetype(SERIF, size), fill="white")
        y += height + 12
    return img


def _band(h: int = 60, w: int = 400) -> np.ndarray:
    a = np.full((h, w, 3), 255, np.uint8)
    a[: h // 2] = NAVY
    return a


def test_a_band_edge_and_the_gap_between_bands_are_stripes() -> None:
    edge = _band()
    assert stripes(edge, BBox(0, 0, 400, 60), 300)
    gap = np.full((60, 400, 3), NAVY, np.uint8)
    gap[26:38] = 255
    gap[25] = gap[38] = (140, 140, 185)  # shaded rows of a scanned edge
    assert stripes(gap, BBox(0, 0, 400, 60), 300)
    side = np.ascontiguousarray(edge.transpose(1, 0, 2))  # a band's side: columns
    assert stripes(side, BBox(0, 0, 60, 400), 300)


def test_letters_barcodes_and_faint_type_on_a_band_are_not_stripes() -> None:
    img = Image.new("RGB", (400, 120), NAVY)
    ImageDraw.Draw(img).text((10, 5), "TEL", font=ImageFont.truetype(SANS, 100), fill="white")
    assert not stripes(np.asarray(img), BBox(0, 0, 400, 120), 300)  # straight-stroked capitals
    bars = np.full((80, 400), 255, np.uint8)
    for x in range(0, 400, 12):
        bars[:, x : x + 5] = 0
    assert not stripes(bars, BBox(0, 0, 400, 80), 300)  # a barcode's bars
    faint = Image.new("RGB", (400, 80), NAVY)
    ImageDraw.Draw(faint).text((10, 10), "Grant", font=ImageFont.truetype(SANS, 50), fill=(34, 40, 122))
    assert not stripes(np.asarray(faint), BBox(0, 0, 400, 80), 300)  # ΔE ~8: below the ink floor
    assert not stripes(_band(h=20, w=20), BBox(0, 0, 20, 20), 300)  # too short to be an edge
    noisy = _band().copy()
    noisy[40:42, 100] = noisy[45:47, 300] = 0  # two short strokes
    assert not stripes(noisy, BBox(0, 0, 400, 60), 300)
    mild = _band().astype(np.int16) + np.random.default_rng(3).integers(-3, 4, (60, 400, 1))
    assert stripes(np.clip(mild, 0, 255).astype(np.uint8), BBox(0, 0, 400, 60), 300)  # mild grain
    hairlines = _band().copy()
    hairlines[35:55, 150] = hairlines[35:55, 170] = 0  # "ll" in one-pixel strokes
    assert not stripes(hairlines, BBox(0, 0, 400, 60), 300)


@pytest.mark.slow
def test_close_bands_are_redacted_not_refused(tmp_path: Path) -> None:
    src = tmp_path / "bands.png"
    bands_page().save(src, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("Thomas Brennan\nOlivia Grant\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "pdf", "--terms", str(terms), "-l", "eng", "--quiet"])
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    page = report["by_page"][0]
    assert page["rules"].get("terms", 0) >= 2 and page["unread_kept"] == []
    assert "Brennan" not in res.stdout + res.stderr


CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


@pytest.mark.slow
@pytest.mark.parametrize("size", [20, 36, 72, 110, 200])
def test_no_han_character_or_pair_of_letters_is_stripes(size: int) -> None:
    """Every glyph of a sample of Han characters (many strokes or few: 一 二 三 十 工 口 日 are
    all straight) and of Latin pairs, in black on white and white on navy, with the page's own
    ink mask: never stripes.  (The fuzzer's seed 12 document 37 had a 陈 called a band edge by
    a first version; 二 and = are stripes in shape, and their ink is their whole colour.)"""
    han = ImageFont.truetype(CJK, size)
    latin = [han, ImageFont.truetype(SANS, size), ImageFont.truetype(SERIF, size)]
    samples = [(ch, [han]) for ch in "陈志明一二三十工口日田王国机密"]  # DejaVu has no Han: its tofu is a box
    pairs = ["LI", "TT", "EH", "11", "ll", "-I"]
    if size < 200:  # two glyphs of full-width bars only (==, 二二) at 54 pt or more are stripes: see edges.py
        pairs.append("==")
    samples += [(pair, latin) for pair in pairs]
    for text, fonts in samples:
        for font in fonts:
            for fill, paper in ((0, "white"), ("white", NAVY)):
                img = Image.new("RGB", (size * 4, size * 3), paper)
                ImageDraw.Draw(img).text((size, size), text, font=font, fill=fill)
                ink, _ = ink_mask(img, gray_array(img), 300)
                a = np.asarray(img)
                inked = Image.fromarray(ink * 255).getbbox()
                assert inked is not None
                for box in (BBox(*inked), BBox(0, 0, img.width, img.height)):
                    assert not stripes(a, box, 300, ink), (text, size, box)


def test_edge_ink_made_up_by_the_background_cuts_across_a_colour() -> None:
    """On the close-bands page, the regions along the bands' edges are stripes whose ink the
    mask takes from the bands' and the paper's own pixels."""
    img = bands_page()
    ink, _ = ink_mask(img, gray_array(img), 300)
    gap = BBox(98, 396, 587, 456)  # band 1's foot, the paper between, band 2's head
    assert stripes(np.asarray(img), gap, 300, ink)


def test_a_gap_the_mask_takes_wall_to_wall_is_stripes_by_the_bands_beside_it(tmp_path: Path) -> None:
    """Red type on green bands 10 px apart (the fuzzer's seed 14, document 13): the mask takes
    the paper between two bands and both bands' feet whole, so within the region no colour is
    cut; the bands' own pixels just beside it are not ink, and that is the cut."""
    from benchmarks import fuzzdocs

    img = Image.open(fuzzdocs.make(14, 13, tmp_path).path).convert("RGB")
    ink, _ = ink_mask(img, gray_array(img), 300)
    a = np.asarray(img)
    gap = BBox(98, 865, 728, 900)  # band 3's foot, the paper between, band 4's head
    inside = (slice(gap.y0, gap.y1), slice(gap.x0, gap.x1))
    assert ink[inside].mean() > 0.99  # wall to wall
    assert not edges._split_by_ink(edges.lab_of(a[inside]), ink[inside])  # within the region: no cut
    assert stripes(a, gap, 300, ink)
    letters = BBox(140, 920, 1230, 990)  # the e-mail's line on band 4: never stripes
    assert not stripes(a, letters, 300, ink)


@pytest.mark.slow
def test_the_gap_between_green_bands_is_no_unread_ink(tmp_path: Path) -> None:
    """The same document redacted with its languages: the gap (a light strip between two dark
    bands, so a band region) is listed as a band edge, nothing is unread, every item burned."""
    from benchmarks import attacker, fuzzdocs

    doc = fuzzdocs.make(14, 13, tmp_path)
    terms = tmp_path / "terms.txt"
    terms.write_text("".join(it.term + "\n" for it in doc.items if it.term), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(doc.path), "-o", str(out), "--to", "png", "--terms", str(terms),
                   "-l", "chi_sim+eng", "--isolation", "none", "--quiet"])  # fmt: skip
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    assert report["by_page"][0]["unread_kept"] == []
    secrets = tuple(s for it in doc.items for s in it.secrets)
    assert attacker.recovered(next(out.glob("*.png")), secrets, "chi_sim+eng") == []


def _page_of(words: list[BBox], size: tuple[int, int]) -> Page:
    from sandbox.models import Line, PageSource, Word

    ws = tuple(Word("Olivia", b, 0.95) for b in words)
    lines = tuple(Line((w,), w.bbox, 0, 0) for w in ws)
    return Page(0, size[0], size[1], 300, PageSource.OCR, lines, "eng")


def test_a_regions_long_strokes_do_not_count_against_its_read_words() -> None:
    """Page-level accounting: a region whose letters lie in confident words counts as read
    even when a strip longer than two text heights (the paper between two bands, a rule)
    is part of its ink; letters outside the words, or a region of nothing but the strip,
    are still not read."""
    from sandbox.redact.views import Region, letters, uncovered

    ink = np.zeros((200, 800), np.uint8)
    ink[20:60, 40:300] = np.indices((40, 260)).sum(axis=0) % 7 < 3  # letter-like texture, 40 px high
    ink[90:102, 20:780] = 1  # a 12 px strip, 760 px long
    region = Region(BBox(20, 20, 780, 102), False, 8, 40.0)
    words = _page_of([BBox(38, 18, 302, 62)], (800, 200))
    assert int(letters(ink[20:102, 20:780], 40.0)[70:82].sum()) == 0  # the strip is no letter
    assert uncovered([region], ink, [words]) == []
    ink[20:60, 400:600] = np.indices((40, 200)).sum(axis=0) % 5 < 2  # more letters, not read
    assert uncovered([region], ink, [words]) == [region]
    strip = Region(BBox(20, 90, 780, 102), False, 2, 40.0)
    assert uncovered([strip], ink, [words]) == [strip]  # nothing but the strip: judged as it stands


def test_a_wide_regions_tile_and_a_mosaic_stay_within_bounds() -> None:
    """A full-width letterhead band of 12 px type is enlarged to at most ``MAX_TILE_SIDE``
    (not 4 times: 6,600 px tiles timed the page out); a line of 11 px type still gets its 4
    times; a mosaic of wide tiles is cut at ``MAX_MOSAIC_PIXELS``."""
    from sandbox.redact import views

    band = BBox(0, 0, 1650, 300)
    assert views.tile_scale(12.0, band) * band.width <= views.MAX_TILE_SIDE
    assert views.tile_scale(11.0, BBox(0, 0, 600, 40)) == 4.0
    assert views.tile_scale(80.0, band) == 1.0  # never shrunk
    tiles = [views.Tile(0, np.full((1200, 4000), 255, np.uint8), np.eye(2, 3)) for _ in range(6)]
    mosaics = views._mosaics(tiles)
    assert len(mosaics) > 1 and all(c.size <= views.MAX_MOSAIC_PIXELS for c, _ in mosaics)
    assert sorted(i for _, placed in mosaics for i, _, _ in placed) == list(range(6))
