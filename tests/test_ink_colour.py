"""Ink accounting in colour (issue 25): text set apart from its background only by hue, a
dot screen or a near-opaque bar is ink, is read, and is redacted; ``verify`` fails a file
whose listed name a contrast stretch reads under a 90 %-opaque bar."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks import attacker, inkpages
from sandbox.redact import inkmap, views
from tests.conftest import run_cli

PAGES = {p.name: p for p in inkpages.COLOUR_PAGES}


def _band_ink(name: str) -> tuple[float, float]:
    """Share of the secret line's pixels that are ink in the old grey/darkest-channel mask and
    in the colour mask."""
    img = PAGES[name].make()
    g = views.gray_array(img)
    old = (views.normalise(g, 300) < views.INK).astype(np.uint8)
    dark = views.darkest_array(img)
    assert dark is not None
    old = np.maximum(old, (views.normalise(dark, 300) < views.INK).astype(np.uint8))
    new, _ = views.ink_mask(img, g, 300)
    rows = slice(450, 530)  # the line inside the band, away from the band's edges
    cols = slice(inkpages.MARGIN + 40, inkpages.MARGIN + 900)
    return float(old[rows, cols].mean()), float(new[rows, cols].mean())


def test_colour_text_on_a_coloured_band_is_ink_and_the_band_is_not() -> None:
    old, new = _band_ink("red-on-green")
    assert old > 0.9  # the darkest channel made the band one solid block: the text was lost in it
    assert 0.08 < new < 0.5  # the text's strokes are ink, the band between them is not


def test_text_on_a_band_that_hugs_it_is_strokes_not_a_block() -> None:
    """Orange on slate (equal luma) with paper a few pixels away: the darkest channel's band
    pixels near the paper are not ink (the local median is the band), so the line is a text
    region of letters, not a solid block dropped as a picture."""
    img = PAGES["orange-on-slate-tight"].make()
    g = views.gray_array(img)
    ink, _ = views.ink_mask(img, g, 300)
    lines = [r for r in views.regions(ink, 300, g) if r.box.y0 > 400 and not r.band]
    assert len(lines) == 1 and lines[0].comps >= 15
    assert float(ink[lines[0].box.y0 : lines[0].box.y1, lines[0].box.x0 : lines[0].box.x1].mean()) < 0.6


def test_a_flat_band_is_not_ink_inside() -> None:
    img = Image.new("RGB", (800, 400), "white")
    ImageDraw.Draw(img).rectangle((50, 100, 750, 300), fill=(40, 150, 40))
    ink, _ = inkmap.colour_ink(img, 300)
    assert ink[150:250, 150:650].mean() < 0.01


def test_a_dot_screen_closes_into_strokes_and_a_lone_speck_does_not() -> None:
    img = inkpages.COLOUR_PAGES[4].make().convert("L")
    g = np.asarray(img, dtype=np.uint8)
    line = (g[420:620] < 200).astype(np.uint8)
    closed = inkmap.close_screens(line, 300)
    assert closed.sum() > 3 * line.sum()
    speck = np.zeros((200, 200), np.uint8)
    speck[100:102, 100:102] = 1
    assert inkmap.close_screens(speck, 300).sum() == speck.sum()


def test_a_stretch_shows_what_a_near_opaque_bar_hides_and_nothing_under_a_flat_one() -> None:
    img = PAGES["under-90pc-bar"].make()
    g = views.gray_array(img)
    from sandbox.models import BBox

    bar = BBox(inkpages.MARGIN - 20, 430, inkpages.MARGIN + 900, 540)
    hidden = inkmap.stretched(g, bar)
    assert hidden is not None and 0.03 < float((hidden.image == 0).mean()) < 0.5
    flat = np.full_like(g, 255)
    flat[430:540, bar.x0 : bar.x1] = 0
    assert inkmap.stretched(flat, bar) is None


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ink")
    inkpages.build(root, inkpages.COLOUR_PAGES)
    (root / "terms.txt").write_text(inkpages.SECRET + "\n", encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in inkpages.COLOUR_PAGES])
def test_flag_finds_the_name(name: str, built: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(built / f"{name}.png"), "-o", str(review), "--terms", str(built / "terms.txt"),
                   "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    findings = json.loads(review.read_text())["documents"][0]["findings"]
    assert any(f["rule"] == "terms" for f in findings)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["red-on-green", "dot-screen", "red-over-black"])
def test_redact_leaves_nothing_recoverable(name: str, built: Path, tmp_path: Path) -> None:
    res = run_cli(["redact", str(built / f"{name}.png"), "-o", str(tmp_path), "--to", "png,txt",
                   "--terms", str(built / "terms.txt"), "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    for output in sorted(tmp_path.iterdir()):
        if output.suffix in (".png", ".txt"):
            assert attacker.recovered(output, (inkpages.SECRET,), "eng") == [], output.name


@pytest.mark.slow
def test_verify_fails_a_name_under_a_near_opaque_bar(built: Path) -> None:
    res = run_cli(["verify", str(built / "under-90pc-bar.png"), "--terms", str(built / "terms.txt"),
                   "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code != 0
    assert inkpages.SECRET not in res.stdout + res.stderr


def test_two_ink_colours_get_a_layer_each() -> None:
    """A red name printed across black print: one black-on-white tile per colour."""
    from sandbox.models import BBox

    img = PAGES["red-over-black"].make()
    g = views.gray_array(img)
    ink, _ = views.ink_mask(img, g, 300)
    box = BBox(inkpages.MARGIN - 10, 440, inkpages.MARGIN + 1400, 545)
    region = views.Region(box, False, 30, 40.0)
    rgb = np.asarray(img, dtype=np.uint8)
    layers = views.colour_layers(rgb, ink, [region], {0})
    assert len(layers) == 2
    red = (rgb[:, :, 0] > 150) & (rgb[:, :, 1] < 100)
    drawn = sorted(int((t.image == 0).sum()) for t in layers)
    assert drawn[0] > 0.3 * red[box.y0 : box.y1, box.x0 : box.x1].sum()  # neither layer is empty
    plain = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(plain).text((50, 100), "One colour only", font=inkpages.font(56), fill=(0, 0, 0))
    pink = views.ink_mask(plain, views.gray_array(plain), 300)[0]
    one = views.Region(BBox(40, 90, 700, 180), False, 12, 40.0)
    assert views.colour_layers(np.asarray(plain, dtype=np.uint8), pink, [one], {0}) == []


def test_a_noisy_flat_bar_hides_nothing() -> None:
    """JPEG grain in a black bar is not text under it (no refusal for old redactions)."""
    from sandbox.models import BBox

    rng = np.random.default_rng(7)
    g = np.full((400, 1200), 255, np.uint8)
    g[100:220, 100:1100] = np.clip(20 + rng.normal(0, 3, (120, 1000)), 0, 255).astype(np.uint8)
    assert inkmap.stretched(g, BBox(100, 100, 1100, 220)) is None


def _watermarked(level: int) -> Image.Image:
    """Body text over a personalised diagonal watermark in light grey ``level`` (226: lighter
    than the ink threshold of the plain ink mask, yet an attacker's threshold reads it)."""
    from PIL import ImageFont

    img = Image.new("RGB", (2000, 1400), "white")
    layer = Image.new("L", (2400, 220), 0)
    ImageDraw.Draw(layer).text((20, 20), f"COPY FOR {inkpages.SECRET.upper()}", font=inkpages.font(110), fill=255)
    turned = layer.rotate(35, expand=True, resample=Image.Resampling.BICUBIC)
    img.paste((level, level, level), ((2000 - turned.width) // 2, (1400 - turned.height) // 2), turned)
    body = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 46)
    draw = ImageDraw.Draw(img)
    for n, line in enumerate(("The committee reviewed the budget on Tuesday.", "Please check the archive first.")):
        draw.text((110, 200 + n * 80), line, font=body, fill=0)
    return img


def test_a_light_watermark_is_its_own_layer_read_at_its_angle() -> None:
    img = _watermarked(226)
    found = views.light_layer(views.gray_array(img), 300)
    assert found is not None
    layer, box = found
    assert box.width > 1200 and box.height > 700  # the diagonal, not the body text
    assert (layer[200:330, 110:1300] == 0).mean() < 0.02  # the dark print is not in it
    assert views.light_layer(views.gray_array(Image.new("RGB", (800, 600), "white")), 300) is None


@pytest.mark.slow
def test_a_light_watermark_name_is_burned(tmp_path: Path) -> None:
    from benchmarks import bench_fuzz

    src = tmp_path / "wm.png"
    _watermarked(226).save(src, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text(inkpages.SECRET + "\n", encoding="utf-8")
    res = run_cli(["redact", str(src), "-o", str(tmp_path / "out"), "--to", "png", "--terms", str(terms),
                   "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    with Image.open(tmp_path / "out" / "redacted-001-p001.png") as out:
        out.load()
        light = [v for name, v, _, _ in bench_fuzz.extra_views(out, False) if name.startswith("light")]
    needle = attacker.norm(inkpages.SECRET)
    assert all(needle not in attacker.norm(attacker._tesseract(v, "eng")) for v in light)
