"""A text layer's boxes follow the page when reading turned or deskewed it: the mapping in
``redact.work`` agrees with where Pillow's rotations put the same pixels."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from sandbox import preprocess as pp
from sandbox.models import BBox
from sandbox.redact.work import _skew_box, _turn_box

W, H = 400, 260
BOX = BBox(50, 30, 170, 70)


def _page() -> Image.Image:
    img = Image.new("L", (W, H), 255)
    ImageDraw.Draw(img).rectangle((BOX.x0, BOX.y0, BOX.x1 - 1, BOX.y1 - 1), fill=0)
    return img


def _ink(img: Image.Image) -> BBox:
    box = img.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return BBox(*box)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_turned_boxes_match_turned_pixels(rotation: int) -> None:
    assert _turn_box(BOX, rotation, W, H) == _ink(pp.rotate(_page(), rotation))


@pytest.mark.parametrize("angle", [-7.5, 3.0, 12.0])
def test_deskewed_boxes_cover_deskewed_pixels(angle: float) -> None:
    turned = pp.deskew(_page(), angle)
    mapped = _skew_box(BOX, angle, W, H, turned.width, turned.height)
    ink = _ink(turned)
    for a, b in zip(mapped.as_list(), ink.as_list(), strict=True):
        assert abs(a - b) <= 2
