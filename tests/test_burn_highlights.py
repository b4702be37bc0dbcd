"""Burning boxes, what leaves the text, and highlighter detection (no binaries)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import burn, highlights


def _page() -> Page:
    l1 = Line((Word("Call", BBox(10, 10, 50, 30), 0.9), Word("Alice", BBox(60, 10, 110, 30), 0.9),
               Word("now", BBox(120, 10, 150, 30), 0.9)), BBox(10, 10, 150, 30), 1, 1)  # fmt: skip
    l2 = Line((Word("Bye", BBox(10, 40, 50, 60), 0.9),), BBox(10, 40, 50, 60), 1, 1)
    return Page(0, 200, 100, 300, PageSource.OCR, (l1, l2), "eng")


def test_boxes_for_scopes_and_padding() -> None:
    p = _page()
    assert burn.boxes_for(p, [1], padding=2) == [BBox(58, 8, 112, 32)]
    assert burn.boxes_for(p, [0, 1], padding=0) == [BBox(10, 10, 110, 30)]  # one bar per line
    assert burn.boxes_for(p, [1], padding=0, cover_lines=True) == [BBox(10, 10, 150, 30)]
    assert burn.boxes_for(p, [1], scope="line", padding=0) == [BBox(0, 10, 200, 30)]
    assert burn.boxes_for(p, [1], scope="page") == [BBox(0, 0, 200, 100)]
    assert burn.boxes_for(p, [3], padding=50) == [BBox(0, 0, 100, 100)]  # clipped to the page


def test_burn_is_opaque_and_leaves_input_alone() -> None:
    img = Image.new("RGB", (200, 100), (250, 250, 250))
    out = burn.burn(img, [BBox(10, 10, 60, 30)])
    assert out.crop((10, 10, 60, 30)).getextrema() == ((0, 0), (0, 0), (0, 0))
    assert out.getpixel((60, 30)) == (250, 250, 250)  # x1/y1 exclusive
    assert img.getpixel((20, 20)) == (250, 250, 250)


def test_covered_words_need_real_overlap() -> None:
    p = _page()
    assert burn.covered_words(p, [BBox(58, 8, 112, 32)]) == {1}
    assert burn.covered_words(p, [BBox(45, 8, 58, 32)]) == set()  # grazes "Call" by 5 px of 40


def test_redacted_and_surviving_pages() -> None:
    p = _page()
    red = burn.redact_page(p, {1, 2}, {1: "terms"}, "label")
    assert [w.text for w in red.words] == ["Call", "[REDACTED:terms]", "Bye"]
    assert red.words[1].bbox == BBox(60, 10, 150, 30)
    assert [w.text for w in burn.redact_page(p, {3}, {}, "block").words] == ["Call", "Alice", "now", "█████"]
    assert [w.text for w in burn.surviving(p, {1}).words] == ["Call", "now", "Bye"]


def _marked_page() -> Image.Image:
    img = Image.new("RGB", (800, 400), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for y, colour in ((40, (255, 240, 60)), (120, (120, 235, 120)), (200, (255, 150, 200)), (280, (140, 200, 255))):
        d.rectangle((100, y, 600, y + 40), fill=colour)
        d.rectangle((120, y + 12, 580, y + 28), fill=(20, 20, 20))  # "print" over the ink
    d.rectangle((100, 350, 600, 365), fill=(30, 30, 30))  # print without ink
    return img


def test_highlight_regions_in_four_colours() -> None:
    regions = highlights.regions(_marked_page())
    assert len(regions) == 4
    for box, y in zip(regions, (40, 120, 200, 280), strict=True):
        assert abs(box.y0 - y) <= 6 and abs(box.y1 - (y + 41)) <= 6
        assert abs(box.x0 - 100) <= 6 and abs(box.x1 - 601) <= 6


def test_no_regions_on_plain_or_grey_pages() -> None:
    assert highlights.regions(Image.new("L", (300, 300), 255)) == []
    img = Image.new("RGB", (300, 300), (255, 255, 255))
    ImageDraw.Draw(img).rectangle((20, 20, 280, 60), fill=(0, 0, 0))
    assert highlights.regions(img) == []


def test_ink_free_keeps_print_and_drops_ink() -> None:
    grey = highlights.ink_free(_marked_page())
    assert grey.mode == "L"
    data = grey.tobytes()
    width = grey.width
    assert data[45 * width + 110] >= 240  # yellow ink → white
    assert data[285 * width + 110] >= 240  # blue ink → white
    assert data[60 * width + 300] <= 30  # print stays dark
