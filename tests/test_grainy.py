"""Grainy paper (a photocopy, a grainy scan): the paper's own grain is not ink, the text on it
is, faint text included; a grainy page with a listed name is redacted, not refused for memory
(red team 45, case 19: 4,859 speck regions and a 4 GB stop before)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from benchmarks import attacker, inkpages
from sandbox.redact import inkmap, views
from tests.conftest import run_cli

SECRET = "Harriet Ashdown"
DPI = 200


def _page(grain: float, seed: int = 7) -> Image.Image:
    """A 200-DPI page: a black heading, a line with the secret, and a faint grey line (160 on
    paper at 238), on paper with per-pixel grain of ``grain`` grey levels."""
    img = Image.new("L", (1400, 900), 238)
    draw = ImageDraw.Draw(img)
    draw.text((100, 100), "Minutes of the works committee", font=inkpages.font(40), fill=0)
    draw.text((100, 250), f"Attended: {SECRET}, treasurer", font=inkpages.font(34), fill=20)
    draw.text((100, 400), "pencilled note: collect the keys", font=inkpages.font(30), fill=160)
    arr = np.asarray(img, np.float32)
    arr += np.random.default_rng(seed).normal(0.0, grain, arr.shape).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _ink(img: Image.Image) -> np.ndarray:
    ink, _ = views.ink_mask(img, np.asarray(img), DPI)
    return ink


def test_paper_noise_measures_the_grain() -> None:
    assert inkmap.paper_noise(np.asarray(_page(0.0))) < 1.0
    assert inkmap.paper_noise(np.asarray(_page(10.0))) >= inkmap.NOISY


def test_grain_is_not_ink_and_the_text_on_it_is() -> None:
    clean, grainy = _ink(_page(0.0)), _ink(_page(10.0))
    paper = (slice(550, 900), slice(0, 1400))  # nothing is written there
    assert grainy[paper].mean() < 0.001  # before: a quarter of the paper was ink
    n, _, _, _ = cv2.connectedComponentsWithStats(grainy[paper], connectivity=8)
    assert n - 1 < 200  # a few toner-like specks at most, not tens of thousands
    for rows in (slice(240, 300), slice(390, 440)):  # the secret's line, the faint line
        line = (rows, slice(90, 1300))
        kept = (grainy[line] & clean[line]).sum() / max(1, clean[line].sum())
        assert kept > 0.85, rows  # the strokes stay ink, the faint ones too


@pytest.mark.slow
def test_a_grainy_page_with_a_listed_name_is_redacted(tmp_path: Path) -> None:
    src = tmp_path / "copy.png"
    _page(10.0).save(src, dpi=(DPI, DPI))
    terms = tmp_path / "terms.txt"
    terms.write_text(SECRET + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli(["redact", str(src), "-l", "eng", "--terms", str(terms), "-o", str(out), "--to", "png",
                 "--isolation", "none"])  # fmt: skip
    assert r.code == 0, r.stderr
    outputs = sorted(out.glob("*.png"))
    assert outputs and attacker.recovered(outputs[0], (SECRET,), "eng") == []


def _photo(grain: float, seed: int = 11) -> Image.Image:
    """A 200-DPI page with a photograph's flat fills (a dark green hill, a blue lake) carrying
    grain of ``grain`` levels per channel, softened a little as a camera's is, and on each fill
    a line of type darker than it (black, and a dark green only ~35 grey levels from it)."""
    img = Image.new("RGB", (1400, 900), (245, 245, 242))
    draw = ImageDraw.Draw(img)
    draw.rectangle((100, 100, 1300, 450), fill=(70, 99, 80))
    draw.rectangle((100, 450, 1300, 800), fill=(60, 109, 148))
    draw.text((150, 200), "Harriet Ashdown on the ridge", font=inkpages.font(40), fill=(10, 10, 10))
    draw.text((150, 560), "Harriet Ashdown by the water", font=inkpages.font(40), fill=(30, 60, 100))
    arr = np.asarray(img, np.float32)
    arr += np.random.default_rng(seed).normal(0.0, grain, arr.shape).astype(np.float32)
    return Image.fromarray(cv2.GaussianBlur(np.clip(arr, 0, 255).astype(np.uint8), (0, 0), 0.6))


def test_grain_on_a_photographs_dark_fills_is_not_ink_and_type_on_them_is() -> None:
    clean, grainy = (views.ink_mask(img, views.gray_array(img), DPI)[0] for img in (_photo(0.0), _photo(7.0)))
    for fill in ((slice(300, 430), slice(150, 1250)), (slice(660, 780), slice(150, 1250))):  # no type there
        assert grainy[fill].mean() < 0.02  # before: a tenth to a third of a fill was ink (its grain)
    for rows in (slice(190, 260), slice(550, 620)):
        line = (rows, slice(140, 1000))
        kept = (grainy[line] & clean[line]).sum() / max(1, clean[line].sum())
        assert kept > 0.85, rows


BODY = "Budget and staff costs for the period."


def _band(colour: tuple[int, int, int], grain: float, seed: int) -> tuple[Image.Image, np.ndarray]:
    """(page, glyphs): a 300-DPI report heading, a dark band 150 px tall with a white title on
    its left, a black word on its right (dark print on a dark band) and body text below, with
    per-channel grain of ``grain`` levels softened as a scanner does; and where the heading's
    letters are (a 0/1 mask)."""
    img = Image.new("RGB", (2000, 700), (250, 248, 244))
    glyphs = Image.new("L", img.size, 0)
    ImageDraw.Draw(img).rectangle((100, 100, 1900, 250), fill=colour)
    for draw, white, black in ((ImageDraw.Draw(img), (255, 255, 255), (0, 0, 0)), (ImageDraw.Draw(glyphs), 255, 255)):
        draw.text((150, 130), "Quarterly Report", font=inkpages.font(80, inkpages.DEJAVU_BOLD), fill=white)
        draw.text((1500, 140), "Annex", font=inkpages.font(60, inkpages.DEJAVU_BOLD), fill=black)
    ImageDraw.Draw(img).text((120, 400), BODY, font=inkpages.font(38), fill=(25, 25, 25))
    arr = np.asarray(img, np.float32)
    arr += np.random.default_rng(seed).normal(0.0, grain, arr.shape[:2])[:, :, None]
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))
    return page, np.asarray(glyphs) > 128


@pytest.mark.parametrize("grain", [8.0, 10.0, 14.0])
@pytest.mark.parametrize("colour", [(30, 60, 120), (150, 20, 30), (20, 100, 60)], ids=["navy", "red", "green"])
def test_a_dark_bands_grain_is_no_ink_and_its_print_is(colour: tuple[int, int, int], grain: float) -> None:
    """Grain on a dark band was kept where it clustered (a relative threshold on a dark
    background makes half its pixels ink): blotches over a tenth of the band, refused as
    unread text (red team 52's report headings).  Such a band is now seen through a blur:
    nothing of the empty band is ink, its white and its black print are."""
    page, glyphs = _band(colour, grain, seed=int(grain))
    ink = views.ink_mask(page, np.asarray(page.convert("L")), 300)[0] > 0
    empty = (slice(115, 235), slice(950, 1450))  # inside the band, between the title and the word
    assert ink[empty].mean() < 0.02  # before: 0.04-0.25 of it, in blotches
    for cols in (slice(150, 900), slice(1500, 1750)):  # the white title, the black word
        on = (slice(110, 240), cols)
        assert ink[on][glyphs[on]].mean() > 0.8, cols
    plain = Image.new("L", page.size, 250)
    ImageDraw.Draw(plain).text((120, 400), BODY, font=inkpages.font(38), fill=25)
    body = (slice(390, 450), slice(110, 1500))
    letters = np.asarray(plain)[body] < 128
    assert ink[body][letters].mean() > 0.85
