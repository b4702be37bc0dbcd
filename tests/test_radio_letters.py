"""An ``o`` of a word read confidently is a letter, not a radio button (``views._letters_back``).

In 9-pt DejaVu Sans at 300 DPI an ``o`` stands 4-5 px from its neighbours, as far as the rings
finder asks of a radio button from its label: every ``o`` of a page's body text was listed in
the review as an empty radio button (red team pages, stop 49).  No OCR here: the words are
given as a plain reading would give them.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import formmarks, views
from tests.conftest import DEJAVU


def _page() -> tuple[Image.Image, list[Word]]:
    """Body text with o's in 9-pt type, and a form line with a real radio button and its label."""
    img = Image.new("RGB", (1400, 400), (252, 252, 250))
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(DEJAVU, 36)
    words: list[Word] = []
    x = 100
    for text in ("workshops", "or", "online", "to"):
        box = d.textbbox((x, 100), text, font=font)
        d.text((x, 100), text, fill=(25, 25, 25), font=font)
        words.append(Word(text, BBox(*(int(v) for v in box)), 0.95))
        x = int(box[2]) + 20
    d.ellipse((100, 250, 126, 276), outline=(25, 25, 25), width=3)  # a radio button ...
    box = d.textbbox((150, 244), "Yes", font=font)
    d.text((150, 244), "Yes", fill=(25, 25, 25), font=font)  # ... and its label, read as a word
    words.append(Word("Yes", BBox(*(int(v) for v in box)), 0.95))
    return img, words


def test_the_o_of_a_read_word_is_a_letter_and_a_radio_stays_a_radio() -> None:
    img, words = _page()
    ink, _ = views.ink_mask(img, views.gray_array(img), 300)
    without, rings = formmarks.radios(ink, 300)
    o_rings = [r for r in rings if r.box.y1 < 200]
    assert len(o_rings) >= 3  # the finder alone takes the o's of the body text for radio buttons
    page = Page(
        0, img.width, img.height, 300, PageSource.OCR, (Line(tuple(words), BBox(100, 90, 1300, 300), 0, 0),), "eng"
    )
    back, radios = views._letters_back(ink, without, rings, [page])
    assert [r.box.y0 > 200 and r.kind == "radio empty" for r in radios] == [True]
    for r in o_rings:  # the o's ink is type again
        b = r.box
        assert (back[b.y0 : b.y1, b.x0 : b.x1] == ink[b.y0 : b.y1, b.x0 : b.x1]).all()
    same, kept = views._letters_back(ink, without, rings, [])  # no reading: nothing given back
    assert same is without and kept == rings
