"""Edges between a picture's fills are no letters (``sandbox.redact.filledges``), and nothing
a person could read passes for one: type beside a fill of its own colour, light type on a
dark band near its edge, lettering on a sign in a picture."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from sandbox.models import BBox
from sandbox.redact import filledges, formmarks, views
from tests.conftest import DEJAVU

DPI = 300
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
SKY, HILL, LAKE = (130, 170, 225), (70, 100, 75), (60, 100, 140)


def _grain(img: Image.Image, sigma: float, seed: int) -> Image.Image:
    """``img`` with a photograph's grain: Gaussian noise of ``sigma`` grey levels, softened
    by one pixel as a camera's would be."""
    arr = np.asarray(img, np.float32)
    noise = cv2.GaussianBlur(np.random.default_rng(seed).normal(0.0, sigma, arr.shape).astype(np.float32), (0, 0), 0.7)
    return Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))


def _landscape(seed: int = 1) -> Image.Image:
    """A page with a photograph on it: sky, a row of hills, a lake, grainy."""
    page = Image.new("RGB", (1600, 1300), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 200, 1500, 1100), fill=SKY)
    hills = [(100, 1100), (100, 620)]
    for x in range(100, 1501, 10):
        hills.append((x, round(560 + 110 * abs(np.cos((x - 100) / 1400 * 3 * np.pi)))))
    hills += [(1500, 1100)]
    draw.polygon(hills, fill=HILL)
    draw.rectangle((100, 860, 1500, 1100), fill=LAKE)
    return _grain(page, 5.0, seed)


def _unread_like(img: Image.Image, box: BBox) -> bool:
    """``filledges.fill_edge`` on ``box`` as the redaction asks it: the page's own ink mask."""
    rgb = np.asarray(img.convert("RGB"), np.uint8)
    ink, _ = views.ink_mask(img, views.gray_array(img), DPI)
    paper = filledges.paper_colour(rgb)
    return filledges.fill_edge(rgb, box, DPI, ink, paper, views._kernel(DPI))


def _ink_box(img: Image.Image, area: BBox) -> BBox:
    """The box of the ink the mask finds inside ``area``."""
    ink, _ = views.ink_mask(img, views.gray_array(img), DPI)
    part: NDArray[np.uint8] = ink[area.y0 : area.y1, area.x0 : area.x1]
    ys, xs = np.nonzero(part)
    return BBox(
        area.x0 + int(xs.min()), area.y0 + int(ys.min()), area.x0 + int(xs.max()) + 1, area.y0 + int(ys.max()) + 1
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_the_edges_between_a_photographs_fills_are_no_letters(seed: int) -> None:
    """The hills' outline against the sky and the shore against the lake are fill edges."""
    img = _landscape(seed)
    assert _unread_like(img, BBox(110, 540, 1490, 700))  # the hills' outline
    assert _unread_like(img, BBox(110, 845, 1490, 875))  # the shore


@pytest.mark.parametrize("seed", [1, 2])
def test_the_paper_beside_a_photographs_edge_is_no_letter(seed: int) -> None:
    """Where the hills reach the photograph's right edge, the paper just beyond it is lighter than
    the hill around it, so a strip of it is ink: a region running to that edge (red team 45, case
    27: a newspaper's photograph) is still an edge, not a letter."""
    img = _landscape(seed)
    box = _ink_box(img, BBox(110, 540, 1530, 700))
    assert box.x1 > 1500  # the strip beyond the photograph is ink
    assert _unread_like(img, box)


@pytest.mark.parametrize("colour", [HILL, (40, 60, 45)])
def test_type_beside_a_fill_of_its_own_colour_is_no_edge(colour: tuple[int, int, int]) -> None:
    """A name in the hills' colour (or darker) on the sky just above a hill: its letters lie
    beyond the hill's reach, so the region stays a question."""
    page = _landscape()
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(DEJAVU, 34)
    draw.text((640, 500), "Olivia Grant", fill=colour, font=font)  # just above a valley's rim
    img = _grain(page, 1.0, 7)
    assert not _unread_like(img, _ink_box(img, BBox(600, 480, 1000, 700)))


@pytest.mark.parametrize("size", [30, 60])
def test_light_type_on_a_dark_band_near_its_edge_is_no_edge(size: int) -> None:
    """Reverse video: white letters on a navy band on paper.  The band's rim around the
    letters is of the band's colour, and paper lies within reach just outside the band; but
    the light nearest the rim is the letters, no fill, so it is not explained."""
    page = Image.new("RGB", (1600, 700), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 200, 1500, 500), fill=(20, 40, 110))  # a header band, its type near the top
    draw.text((130, 215), "Margaret Holloway 139 1234 5678", fill=(250, 250, 248), font=ImageFont.truetype(BOLD, size))
    img = _grain(page, 2.0, 3)
    assert not _unread_like(img, _ink_box(img, BBox(110, 210, 1490, 230 + size)))


def test_small_light_type_hugging_a_thick_bands_edge_is_no_edge() -> None:
    """Small white type just under a thick navy band's top edge: the paper lies within reach
    of the whole rim around the letters, and the band's body beside them; the rim is still
    not explained, for the light nearest it is the letters', no fill."""
    page = Image.new("RGB", (1600, 700), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 200, 1500, 500), fill=(20, 40, 110))
    draw.text((130, 201), "Margaret Holloway 139 1234 5678", fill=(250, 250, 248), font=ImageFont.truetype(BOLD, 20))
    img = _grain(page, 2.0, 4)
    assert not _unread_like(img, _ink_box(img, BBox(110, 203, 1490, 226)))


def test_lettering_on_a_sign_in_a_photograph_is_no_edge() -> None:
    """Yellow lettering on a blue sign standing on the lake: the light of the letters is no
    fill, so the sign's rim around them is not explained."""
    page = _landscape()
    draw = ImageDraw.Draw(page)
    draw.rectangle((500, 880, 1100, 1090), fill=(20, 60, 160))
    draw.text((530, 895), "PRIYA RAMAN", fill=(240, 210, 40), font=ImageFont.truetype(BOLD, 44))
    img = _grain(page, 1.0, 5)
    assert not _unread_like(img, _ink_box(img, BBox(520, 890, 1080, 950)))


def _header_band(height: int, text: str = "Item", fill: tuple[int, int, int] = (250, 250, 248)) -> Image.Image:
    """A table's header band ``height`` pixels tall (under the 0.25-in square a fill used to
    need), navy, with light bold type on it, and the table's first row under it."""
    page = Image.new("RGB", (1600, 500), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 100, 1500, 100 + height), fill=(40, 70, 120))
    draw.text((130, 100 + height // 2 - 20), text, fill=fill, font=ImageFont.truetype(BOLD, 36))
    draw.text((130, 130 + height), "Scanner", fill=(0, 0, 0), font=ImageFont.truetype(DEJAVU, 34))
    return page


def test_the_paper_under_a_thin_header_band_is_no_letter() -> None:
    """A zebra table's header band 0.27 in tall (stop 51: the white under its light type was
    ink no reading explained, and the ordinary table was refused): the band is a fill, a
    bar, and the paper beside it, outside its rectangle, is paper."""
    img = _header_band(80)
    ink, _ = views.ink_mask(img, views.gray_array(img), DPI)
    under = ink[181:200, 110:1490]
    assert under.any()  # the ink finders make ink of the white under the band
    ys, xs = np.nonzero(under)
    box = BBox(110 + int(xs.min()), 181 + int(ys.min()), 110 + int(xs.max()) + 1, 181 + int(ys.max()) + 1)
    assert _unread_like(img, box)


@pytest.mark.parametrize("colour", [(40, 70, 120), (20, 30, 60)])
def test_type_beside_a_bar_of_its_own_colour_is_no_edge(colour: tuple[int, int, int]) -> None:
    """A bar of a chart, 0.2 in wide, and a name in its colour (or darker) just beside it:
    a bar is a fill, but the letters lie beyond its reach and are no part of its rectangle."""
    page = Image.new("RGB", (1600, 900), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    draw.rectangle((400, 100, 460, 800), fill=(40, 70, 120))
    draw.text((470, 420), "Olivia Grant", fill=colour, font=ImageFont.truetype(DEJAVU, 30))
    img = _grain(page, 1.0, 5)
    assert not _unread_like(img, _ink_box(img, BBox(462, 400, 900, 470)))


def _line_chart(label: str | None) -> Image.Image:
    """A bar chart with a plotted line and its markers crossing the bars, and ``label``
    written where the line crosses the second bar."""
    img = Image.new("RGB", (1400, 900), "white")
    d = ImageDraw.Draw(img)
    for x, top, colour in ((200, 300, (31, 119, 180)), (500, 420, (255, 127, 14)), (800, 250, (31, 119, 180))):
        d.rectangle((x, top, x + 60, 800), fill=colour)
    points = [(150, 650), (420, 350), (700, 600), (1000, 380)]
    d.line(points, fill=(44, 160, 44), width=6)
    for x, y in points:
        d.ellipse((x - 14, y - 14, x + 14, y + 14), fill=(44, 160, 44))
    if label:
        d.text((560, 520), label, font=ImageFont.truetype(DEJAVU, 40), fill=(0, 0, 0))
    return img


def _chart_structure(img: Image.Image, box: BBox) -> bool:
    """Whether ``box`` of the chart is structure as the redaction asks: its plotted line and
    markers (``formmarks.rule_ink``) and its fills' edges together explain its ink."""
    rgb = np.asarray(img.convert("RGB"), np.uint8)
    ink, _ = views.ink_mask(img, views.gray_array(img), DPI)
    ruled = formmarks.rule_ink(ink, box, 30.0, DPI, formmarks.page_rules(ink, DPI))
    return filledges.fill_edge(rgb, box, DPI, ink, filledges.paper_colour(rgb), views._kernel(DPI), ruled)


def test_a_plotted_line_crossing_bars_is_no_letter_and_type_on_it_is() -> None:
    # a box cutting the line short and halving a marker, over a bar's rims: the line goes on
    # past the box, the marker is whole there, the bar's rims are a fill's edges
    box = BBox(380, 330, 560, 560)
    assert _chart_structure(_line_chart(None), box)
    assert not _chart_structure(_line_chart("Sales 42"), BBox(380, 330, 760, 580))
