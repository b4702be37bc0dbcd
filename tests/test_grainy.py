"""Grainy paper (a photocopy, a grainy scan): the paper's own grain is not ink, the text on it
is, faint text included; a grainy page with a listed name is redacted, not refused for memory
(red team 45, case 19: 4,859 speck regions and a 4 GB stop before)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

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
