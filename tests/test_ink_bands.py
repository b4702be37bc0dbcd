"""Text inside colour bands (issue 25, document 27's class): type on a band of another colour,
printed clean, through a dot screen, dithered or scanned noisily, is ink and the band is not;
``redact`` burns it and an attacker recovers nothing.  The variations are drawn by
``benchmarks/bandpages.py`` (band colours × text colours × sizes × print effects)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks import attacker, bandpages
from sandbox.redact import inkmap, views
from tests.conftest import run_cli

SEED = 25
PAGES = [bandpages.page(SEED, n, effect) for n, effect in enumerate(bandpages.PRINTS)]


def _shares(ink: np.ndarray, line: bandpages.BandLine) -> tuple[float, float]:
    """(ink share of the band away from its text and rim, ink share of the text's box)."""
    x0, y0, x1, y1 = line.box
    tx0, ty0, tx1, ty1 = line.text_box
    band = np.zeros(ink.shape, bool)
    rim = 16  # the band's edge, where paper and band meet, is neither
    band[y0 + rim : y1 - rim, x0 + 3 * rim : x1 - 3 * rim] = True  # its corners too
    band[max(0, ty0 - 10) : ty1 + 10, max(0, tx0 - 10) : tx1 + 10] = False
    text = ink[ty0:ty1, tx0:tx1]
    return float(ink[band].mean()) if band.any() else 0.0, float(text.mean())


@pytest.mark.parametrize("page", PAGES, ids=[p.print for p in PAGES])
def test_type_on_a_band_is_ink_and_the_band_is_not(page: bandpages.BandPage) -> None:
    g = views.gray_array(page.image)
    ink, _ = views.ink_mask(page.image, g, 300)
    for line in page.lines:
        band, text = _shares(ink, line)
        what = f"{line.text} {line.size_pt} pt on {line.band} ({page.print})"
        assert band < 0.15, what  # the band (screened, dithered or not) is background
        assert 0.05 < text < 0.75, what  # the type on it is strokes


def test_every_readable_pair_is_drawn_and_unreadable_ones_are_not() -> None:
    drawn = bandpages.pairs()
    assert len(drawn) >= 40
    assert all(bandpages.contrast(bandpages.BANDS[b], bandpages.TEXTS[t]) >= 40 for b, t in drawn)
    assert ("near-black", "black") not in drawn


def test_a_busy_block_stays_what_it_was() -> None:
    """A block busy at every blur (a photograph: shapes larger than any screen's dots) is not
    opened into specks."""
    import cv2

    rng = np.random.default_rng(3)
    field = cv2.GaussianBlur(rng.normal(0, 1, (400, 700, 3)).astype(np.float32), (0, 0), 12)
    field = (field - field.min()) / (field.max() - field.min()) * 255
    rgb = np.full((600, 900, 3), 255, np.uint8)
    rgb[100:500, 100:800] = field.astype(np.uint8)
    ink = np.zeros((600, 900), np.uint8)
    ink[100:500, 100:800] = 1
    from PIL import Image

    out = inkmap.open_blocks(ink, Image.fromarray(rgb), 300)
    assert out[150:450, 150:750].mean() > 0.9


@pytest.mark.slow
def test_redact_burns_names_on_bands_and_nothing_is_recoverable(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    chosen = [p for p in PAGES if p.print in ("screen-8", "dither")]
    for p in chosen:
        p.image.save(src / f"{p.name}.png", dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("".join(n + "\n" for n in bandpages.NAMES), encoding="utf-8")
    out = tmp_path / "out"
    # every band line is either read (and its name burned) or unread ink, which fails the run
    # closed by default; burned with --unread redact, so the run completes and is attacked
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "png", "--terms", str(terms), "-l", "eng",
                   "--isolation", "none", "--unread", "redact"])  # fmt: skip
    assert res.code == 0, res.stderr
    outputs = sorted(out.rglob("*.png"))
    assert len(outputs) == len(chosen)
    names = tuple(ln.name for p in chosen for ln in p.lines)
    for output in outputs:
        assert attacker.recovered(output, names, "eng") == [], output.name


@pytest.mark.slow
def test_the_attackers_whole_page_views_read_a_screened_band_and_verify_fails_it(tmp_path: Path) -> None:
    """``verify`` reads the page as the attacker does: the descreened colour ink and the Lab
    planes read the name on a screened band whole-page (no region logic involved), and
    ``verify`` fails the unredacted page without naming what it found."""
    from sandbox.redact import attackviews

    page = next(p for p in PAGES if p.print == "screen-5")
    texts = {name: attacker._tesseract(img, "eng") for name, img in attackviews.tesseract_views(page.image, 300, True)}
    assert {"stretched", "softened", "lab-a", "lab-b-inverted", "descreened-ink"} <= set(texts)
    found = {ln.name for ln in page.lines if any(attacker.norm(ln.name) in attacker.norm(t) for t in texts.values())}
    assert found, "no whole-page view reads any name on the screened bands"
    path = tmp_path / "page.png"
    page.image.save(path, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("".join(n + "\n" for n in bandpages.NAMES), encoding="utf-8")
    res = run_cli(["verify", str(path), "--terms", str(terms), "-l", "eng", "--isolation", "none"])
    assert res.code == 9
    assert not any(n in res.stdout + res.stderr for n in bandpages.NAMES)


def test_verify_reads_grey_pages_through_two_whole_page_views_and_colour_pages_through_seven() -> None:
    from PIL import Image

    from sandbox.redact import attackviews

    grey = Image.new("L", (400, 300), 255)
    assert [n for n, _ in attackviews.tesseract_views(grey, 300, False)] == ["stretched", "softened"]
    colour = PAGES[1].image
    names = [n for n, _ in attackviews.tesseract_views(colour, 300, True)]
    assert names == ["stretched", "softened", "lab-a", "lab-a-inverted", "lab-b", "lab-b-inverted", "descreened-ink"]
    descreened = dict(attackviews.tesseract_views(colour, 300, True))["descreened-ink"]
    line = PAGES[1].lines[0].text_box
    crop = np.asarray(descreened)[line[1] : line[3], line[0] : line[2]]
    assert 0.05 < float((crop == 0).mean()) < 0.75  # the type on the screened band, dark on white


@pytest.mark.parametrize(("cell", "tint"), [(6, 200), (11, 150)])
def test_grey_type_on_a_coarsely_halftoned_grey_box_is_ink_and_the_box_is_not(cell: int, tint: int) -> None:
    """A grey page: a tint box and darker type on it, both printed as one clustered-dot screen
    (a light tint in 6-px cells, a mid tint in 11-px cells): the dots close into one solid
    block, which is opened.  (A light tint in 11-px cells stays specks: not covered here.)"""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.fuzzdocs import _dot_screen

    img = Image.new("RGB", (1600, 900), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((100, 200, 1500, 700), fill=(tint, tint, tint))
    d.text((140, 300), "Owner: Thomas Brennan", font=ImageFont.truetype(bandpages.SANS, 110), fill=(40, 40, 40))
    page = _dot_screen(img, cell)
    ink, _ = views.ink_mask(page, views.gray_array(page), 300)
    line = bandpages.BandLine((100, 200, 1500, 700), (140, 320, 1400, 420), "", "grey", "dark-grey", 26)
    band, text = _shares(ink, line)
    assert band < 0.15 and 0.05 < text < 0.75, (band, text)
