"""Burn boxes reach the whole of the glyphs they cut (``sandbox.redact.reach``)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from sandbox.models import BBox
from sandbox.redact import reach
from sandbox.redact.types import Mark

CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
DPI = 300


def _page(text: str, size: int = 90) -> tuple[Image.Image, BBox]:
    """A page with ``text`` in large type; the ink box of the text."""
    img = Image.new("L", (1400, 600), 255)
    draw = ImageDraw.Draw(img)
    draw.text((200, 200), text, font=ImageFont.truetype(CJK, size), fill=0)
    ys, xs = np.nonzero(np.asarray(img) < 128)
    return img, BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def _left(img: Image.Image, box: BBox) -> int:
    """Dark pixels of ``img`` outside ``box`` (what a bar there leaves)."""
    dark = np.asarray(img.convert("L")) < 128
    dark[box.y0 : box.y1, box.x0 : box.x1] = False
    return int(dark.sum())


def test_a_bar_narrower_and_lower_than_han_glyphs_grows_to_their_whole_ink() -> None:
    img, ink = _page("極機密")
    h = ink.y1 - ink.y0
    cut = BBox(ink.x0 + h // 6, ink.y0 + h // 8, ink.x1 - h // 6, ink.y1 - h // 8)  # a reading's tight box
    assert _left(img, cut) > 200  # slivers of 極 and 密 stick out
    mark = Mark(cut, "markings", "x")
    (out,) = reach.to_glyphs(img, [mark], DPI)
    assert _left(img, out.box) == 0
    assert out.rule == "markings" and out.text == "x"


def test_neighbours_rules_and_other_lines_are_not_reached() -> None:
    img = Image.new("L", (1600, 700), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(CJK, 60)
    draw.text((200, 200), "秘密", font=font, fill=0)
    draw.text((200, 290), "下一行的字", font=font, fill=0)  # the next line, close below
    draw.line((150, 275, 1400, 275), fill=0, width=4)  # a rule under the line, the bar touches it
    arr = np.asarray(img) < 128
    ys, xs = np.nonzero(arr[190:272, :])
    word = BBox(int(xs.min()) - 6, 190 + int(ys.min()) - 6, int(xs.max()) + 7, 277)
    (out,) = reach.to_glyphs(img, [Mark(word, "markings", "x")], DPI)
    assert out.box.y1 <= 280 and out.box.x1 <= word.x1 + 5  # neither the rule nor the next line
    assert out.box.x0 >= word.x0 - 5


def test_unread_and_whole_page_boxes_are_left_as_they_are() -> None:
    img, ink = _page("機密")
    cut = BBox(ink.x0 + 20, ink.y0 + 10, ink.x1 - 20, ink.y1 - 10)
    page = BBox(0, 0, img.width, img.height)
    marks = [Mark(cut, "unread"), Mark(page, "page")]
    assert reach.to_glyphs(img, marks, DPI) == marks


def test_a_coloured_glyph_is_reached_through_its_darkest_channel() -> None:
    img = Image.new("RGB", (1200, 500), (255, 255, 255))
    ImageDraw.Draw(img).text((200, 150), "機密", font=ImageFont.truetype(CJK, 90), fill=(230, 30, 30))
    red = np.asarray(img)[:, :, 1] < 128
    ys, xs = np.nonzero(red)
    ink = BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    cut = BBox(ink.x0 + 15, ink.y0 + 12, ink.x1 - 15, ink.y1 - 12)
    (out,) = reach.to_glyphs(img, [Mark(cut, "markings", "x")], DPI)
    assert out.box.x0 <= ink.x0 and out.box.y0 <= ink.y0 and out.box.x1 >= ink.x1 and out.box.y1 >= ink.y1
