"""Checkboxes ticked or crossed in pen on Chinese forms (issue 31): a mark in another ink than
its printed frame is a pen's, found also where the tick runs out of the box or the cross is
drawn into the frame; printed box-like characters (国 回 田 口) never become checkboxes."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sandbox.redact import formmarks, views

CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
BLUE = (28, 48, 150)
BLACK = (0, 0, 0)
DPI = 200


def _box(d: ImageDraw.ImageDraw, x: int, y: int, mark: str, pen: tuple[int, int, int], size: int = 34) -> None:
    """A printed frame at (x, y) with a pen ``mark``: "tick" (running out of its top right) or "x"
    (drawn into the frame), as a hand draws them on a form."""
    d.rectangle((x, y, x + size, y + size), outline=BLACK, width=3)
    if mark == "tick":
        d.line((x + size * 0.15, y + size * 0.5, x + size * 0.42, y + size * 0.85), fill=pen, width=5)
        d.line((x + size * 0.42, y + size * 0.85, x + size * 1.15, y - size * 0.2), fill=pen, width=5)
    elif mark == "x":
        d.line((x + 3, y + 3, x + size - 3, y + size - 3), fill=pen, width=5)
        d.line((x + size - 3, y + 3, x + 3, y + size - 3), fill=pen, width=5)


def _found(img: Image.Image, cjk: bool = True) -> list[tuple[int, int, str]]:
    """(top, left edge, kind) of the checkboxes found on a scanned-looking colour page."""
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    rgb = np.asarray(img, dtype=np.uint8)
    ink = (np.asarray(img.convert("L")) < 170).astype(np.uint8)
    pen = views.coloured_ink(ink, views.lab_array(rgb))
    _, items = formmarks.checkboxes(ink, DPI, cjk=cjk, pen=pen)
    return sorted((i.box.y0 // 100, i.box.x0, i.kind) for i in items)


def test_blue_pen_ticks_and_crosses_in_printed_frames_are_checkboxes() -> None:
    """□是 ☑否 rows as a hand fills them: a tick running out of its box, a cross drawn into
    the frame, at two box sizes."""
    img = Image.new("RGB", (700, 460), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for row, (mark, size) in enumerate((("tick", 34), ("x", 34), ("tick", 44), ("x", 44))):
        y = 40 + row * 100
        _box(d, 60, y, "", BLUE, size)
        _box(d, 60 + 3 * size, y, mark, BLUE, size)
    kinds = [k for _, _, k in _found(img)]
    assert kinds == ["checkbox empty", "checkbox ticked", "checkbox empty", "checkbox crossed"] * 2


def test_a_pen_marked_box_alone_counts_on_latin_pages_only() -> None:
    """On a Chinese page a pen-marked square with no empty box like it in its row may be a
    character crossed out (回 under an X): it stays text; elsewhere it is a checkbox."""
    img = Image.new("RGB", (300, 140), (250, 250, 248))
    _box(ImageDraw.Draw(img), 60, 50, "x", BLUE)
    assert _found(img) == []
    assert [k for _, _, k in _found(img, cjk=False)] == ["checkbox crossed"]


def test_black_pen_cross_drawn_into_the_frame_stays_guarded_on_cjk_pages() -> None:
    """Black on black print: one ink, nothing tells the cross from a character's strokes."""
    img = Image.new("RGB", (300, 120), (250, 250, 248))
    d = ImageDraw.Draw(img)
    _box(d, 40, 50, "", BLACK)
    _box(d, 142, 50, "x", BLACK)
    assert [k for _, _, k in _found(img)] == ["checkbox empty"]


def test_printed_box_like_characters_are_never_pen_marked_checkboxes() -> None:
    """国 回 田 口 printed in black or in blue, and a blue tick or cross drawn across a printed
    国, 回 or 田 (an empty box of its size beside it), are no ticked or crossed checkbox."""
    f = ImageFont.truetype(CJK_FONT, 44)
    img = Image.new("RGB", (1500, 260), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for n, ch in enumerate("国回田口"):
        d.text((40 + n * 90, 40), ch, font=f, fill=BLACK)
        d.text((440 + n * 90, 40), ch, font=f, fill=BLUE)
    for n, ch in enumerate("国回田"):  # a pen's tick across a printed character
        x = 900 + n * 160
        d.text((x, 40), ch, font=f, fill=BLACK)
        d.line((x + 8, 62, x + 18, 78), fill=BLUE, width=5)
        d.line((x + 18, 78, x + 50, 30), fill=BLUE, width=5)
        d.text((x, 150), ch, font=f, fill=BLACK)  # and an X across one
        d.line((x + 4, 154, x + 40, 190), fill=BLUE, width=5)
        d.line((x + 40, 154, x + 4, 190), fill=BLUE, width=5)
        for top in (44, 154):  # an empty box of the character's size beside it, as in a form
            _box(d, x + 70, top, "", BLUE, 38)
    marked = [(x, k) for _, x, k in _found(img) if k != "checkbox empty"]
    assert marked == []
    plain = Image.new("RGB", (1500, 260), (250, 250, 248))
    pd = ImageDraw.Draw(plain)
    for n, ch in enumerate("国回田口"):
        pd.text((40 + n * 90, 40), ch, font=f, fill=BLACK)
    # what the pen rule adds is pen marks only: the printed characters come out as without it
    ink = (np.asarray(plain.filter(ImageFilter.GaussianBlur(0.6)).convert("L")) < 170).astype(np.uint8)
    _, without = formmarks.checkboxes(ink, DPI, cjk=True)
    assert _found(plain) == sorted((i.box.y0 // 100, i.box.x0, i.kind) for i in without)


def test_handwritten_character_in_pen_inside_a_box_is_no_checkbox() -> None:
    """A character written in blue in a printed box (a comb cell) has level and upright strokes."""
    f = ImageFont.truetype(CJK_FONT, 30)
    img = Image.new("RGB", (300, 120), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for n, ch in enumerate("王田"):
        x = 40 + n * 120
        d.rectangle((x, 40, x + 40, 80), outline=BLACK, width=3)
        d.text((x + 4, 42), ch, font=f, fill=BLUE)
    assert [k for _, _, k in _found(img) if k != "checkbox empty"] == []


def test_pen_marks_across_boxlike_characters_beside_empty_boxes_sweep() -> None:
    """A sweep of printed 口-framed characters at box sizes, each with a blue tick, a cross
    corner to corner or a small cross drawn across it and empty boxes of about its size beside
    it, scanned sharp to blurred: none is a ticked or crossed checkbox."""
    chars = "回国囚田日目曰旦臼四固圆"
    rng = np.random.default_rng(7)
    for size in (28, 36, 48):
        f = ImageFont.truetype(CJK_FONT, size)
        for mark in ("tick", "x", "small x"):
            img = Image.new("RGB", (len(chars) * (3 * size + 60) + 40, size + 80), (250, 250, 248))
            d = ImageDraw.Draw(img)
            for n, ch in enumerate(chars):
                x = 20 + n * (3 * size + 60)
                d.text((x, 30), ch, font=f, fill=BLACK)
                x0, y0, x1, y1 = (round(v) for v in d.textbbox((x, 30), ch, font=f))
                s = x1 - x0
                _box(d, x1 + 12, y0, "", BLUE, s)  # empty boxes of its size beside it: the
                _box(d, x1 + 24 + s, y0, "", BLUE, round(0.8 * s))  # group a form's box is in
                if mark == "tick":
                    d.line((x0 + s * 0.15, y0 + s * 0.5, x0 + s * 0.42, y0 + s * 0.85), fill=BLUE, width=4)
                    d.line((x0 + s * 0.42, y0 + s * 0.85, x0 + s * 1.15, y0 - s * 0.2), fill=BLUE, width=4)
                else:
                    m = 3 if mark == "x" else round(s * 0.25)
                    d.line((x0 + m, y0 + m, x1 - m, y1 - m), fill=BLUE, width=4)
                    d.line((x1 - m, y0 + m, x0 + m, y1 - m), fill=BLUE, width=4)
            for blur in (0.0, 0.7, 1.2):
                scan = img.filter(ImageFilter.GaussianBlur(blur)) if blur else img
                noisy = np.asarray(scan).astype(np.float32) + rng.normal(0, 4, (scan.size[1], scan.size[0], 3))
                rgb = np.clip(noisy, 0, 255).astype(np.uint8)
                ink = (np.asarray(Image.fromarray(rgb).convert("L")) < 170).astype(np.uint8)
                pen = views.coloured_ink(ink, views.lab_array(rgb))
                _, items = formmarks.checkboxes(ink, DPI, cjk=True, pen=pen)
                assert [i for i in items if i.kind != "checkbox empty"] == [], (size, mark, blur)
