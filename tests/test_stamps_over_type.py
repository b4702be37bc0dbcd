"""Type in one colour printed across type in another (issue 25): a red or blue rubber stamp
over a paragraph.  Where the stamp's letters touch the print, both make one ink component
larger than a line, which the page's regions took for a picture, or a region whose ink is
mostly the print, which the print's words covered: the stamp was never judged, and a
``CONFIDENTIAL`` stamped across a letter came back with exit 0.  Each colour layer is now
found and read alone (``views.colour_split``, ``views.layer_regions``)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks import attacker
from benchmarks.redteam41 import BOLD, CJK, SERIF, font, page, pt, scan, text
from sandbox.redact import views
from tests.conftest import run_cli

DPI = 200
BODY_EN = "The committee reviewed the quarterly figures and agreed the schedule for the next audit of accounts."[:95]
BODY_ZH = "经研究，现将第四季度工作安排通知如下，请各单位认真组织实施并按时报送材料。"


def _stamped(stamp: str, angle: float, ink: tuple[int, int, int], size: int, zh: bool = False) -> Image.Image:
    """An A4 page of 11 pt body lines in black with ``stamp`` (``size`` pt) printed across them
    in ``ink`` at ``angle`` (multiplied, as a stamp's ink darkens what it falls on), scanned."""
    img = page(DPI)
    d = ImageDraw.Draw(img)
    body = font(CJK if zh else SERIF, pt(11, DPI))
    for n in range(18):
        text(d, (150, 300 + n * 62), BODY_ZH[:36] if zh else BODY_EN, body)
    face = font(CJK if zh else BOLD, pt(size, DPI))
    tile = Image.new("L", (int(face.getlength(stamp)) + 40, pt(size, DPI) * 2), 0)
    ImageDraw.Draw(tile).text((20, pt(size, DPI) // 3), stamp, font=face, fill=255)
    tile = tile.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    alpha = np.asarray(tile, np.float32)[:, :, None] / 255 * 0.85
    sheet = np.asarray(img, np.float32)
    y, x = 700, 300
    part = sheet[y : y + tile.height, x : x + tile.width]
    sheet[y : y + tile.height, x : x + tile.width] = part * (1 - alpha) + np.minimum(part, ink) * alpha
    return scan(Image.fromarray(np.clip(sheet, 0, 255).astype(np.uint8)), random.Random(7))


@pytest.mark.slow
def test_a_stamp_over_print_is_a_layer_of_its_own() -> None:
    img = _stamped("CONFIDENTIAL", 0, (200, 30, 30), 30)
    g = views.gray_array(img)
    ink, _ = views.ink_mask(img, g, DPI)
    lab = views.lab_array(np.asarray(img.convert("RGB")))
    layers = views.colour_split(ink, lab)
    assert layers is not None
    red, grey = layers
    stamp_rows = slice(720, 820)
    assert red[stamp_rows, 320:1000].sum() > 0.15 * ink[stamp_rows, 320:1000].sum()
    assert red[300:600].sum() < 0.01 * grey[300:600].sum()  # the print above the stamp is grey
    # all ink together: the stamp and the line it touches are one component wider than six
    # lines, or lie in a region the print fills; alone, the stamp is a region of its own
    found = views.layer_regions(red, DPI, [])
    assert any(r.box.x0 < 360 and r.box.x1 > 900 and r.box.height < 160 for r in found)
    plain = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(plain).text((50, 100), "One colour only", font=font(SERIF, 56), fill=(0, 0, 0))
    pink = views.ink_mask(plain, views.gray_array(plain), DPI)[0]
    assert views.colour_split(pink, views.lab_array(np.asarray(plain))) is None


@pytest.mark.slow
def test_a_black_stamp_over_black_print_is_a_layer_of_heavy_strokes() -> None:
    img = _stamped("STRICTLY CONFIDENTIAL", 12.0, (25, 25, 25), 28)
    g = views.gray_array(img)
    ink, _ = views.ink_mask(img, g, DPI)
    read = np.zeros_like(ink)
    read[280:1450, 140:1560] = 1  # the body lines, as confident plain words would cover them
    heavy = views.heavy_layer(ink, read)
    assert heavy is not None
    stamp = slice(700, 1000)
    assert heavy[stamp].sum() > 0.9 * heavy.sum()  # the stamp, none of the print above or below it
    assert heavy[stamp].sum() > 0.15 * ink[stamp, 300:1300].sum()  # its strokes, not slivers of them
    assert views.heavy_layer(ink, np.zeros_like(ink)) is None  # no read type crossed: a bold picture
    # a bold heading over a paragraph, touching nothing, is a component of its own
    plain = page(DPI)
    d = ImageDraw.Draw(plain)
    d.text((150, 120), "ANNUAL REPORT", font=font(BOLD, pt(28, DPI)), fill=0)
    for n in range(12):
        text(d, (150, 300 + n * 62), BODY_EN, font(SERIF, pt(11, DPI)))
    pink = views.ink_mask(plain, views.gray_array(plain), DPI)[0]
    assert views.heavy_layer(pink, np.ones_like(pink)) is None


def test_type_run_together_is_type_and_a_frame_is_not() -> None:
    run = np.zeros((40, 900), bool)
    for x in range(0, 880, 18):  # NNNN…: each letter's diagonal runs into the next one's stem
        run[5:35, x : x + 4] = True
        for k in range(30):
            run[5 + k, x + k * 18 // 30 : x + k * 18 // 30 + 4] = True
    assert views._touching_type(run)
    frame = np.zeros((40, 900), bool)
    frame[[0, 1, 38, 39]] = True
    frame[:, [0, 1, 898, 899]] = True
    assert not views._touching_type(frame)


CASES = [
    ("red-level", "CONFIDENTIAL", 0.0, (200, 30, 30), 30, False),
    ("blue-turned", "STRICTLY CONFIDENTIAL", 12.0, (40, 60, 190), 28, False),
    ("red-zh-turned", "机密★一年", 15.0, (210, 20, 20), 44, True),
    ("black-turned", "STRICTLY CONFIDENTIAL", 12.0, (25, 25, 25), 28, False),  # same ink: stroke width tells
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "stamp", "angle", "ink", "size", "zh"), CASES, ids=[c[0] for c in CASES])
def test_a_stamped_marking_is_burned_or_the_page_refused(
    name: str, stamp: str, angle: float, ink: tuple[int, int, int], size: int, zh: bool, tmp_path: Path
) -> None:
    src = tmp_path / f"{name}.png"
    _stamped(stamp, angle, ink, size, zh).save(src, dpi=(DPI, DPI))
    lang = "chi_sim+eng" if zh else "eng"
    res = run_cli(["redact", str(src), "-o", str(tmp_path / "out"), "--to", "png", "-l", lang, "--isolation", "none"])
    assert res.code in (0, 9), res.stderr
    if res.code == 9:
        assert "could read" in res.stderr
        return
    needle = ("机密",) if zh else ("CONFIDENTIAL",)
    for out in sorted((tmp_path / "out").glob("*.png")):
        assert attacker.recovered(out, needle, lang) == [], out.name


def test_a_page_of_solid_fill_has_no_heavy_strokes_and_is_quick() -> None:
    # a box over the whole page (verify's classic mistake): its "stroke" is the page; an
    # opening that wide took minutes, so a fill's width is no type's and no layer is sought
    solid = np.ones((3508, 2480), np.uint8)
    solid[:4] = 0  # a strip of paper: the distances are finite and page-sized
    assert views.heavy_strokes(solid) is None
    assert views.heavy_strokes(np.ones((400, 300), np.uint8)) is None
    assert views.heavy_layer(solid, np.ones_like(solid)) is None
    print_like = np.zeros((400, 300), np.uint8)
    print_like[100:106, 20:280] = 1  # a 6-px stroke on a page: an ordinary width
    assert views.heavy_strokes(print_like) is not None
