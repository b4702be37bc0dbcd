"""Scanned forms (issue 31): checkboxes and rules are structure, kept and listed by kind;
comb fields and handwriting are not; a form is not refused for its grid."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks import formset, inkpages
from sandbox.models import BBox
from sandbox.redact import burn, codes, flatten, formmarks
from tests.conftest import run_cli


def _ink(img: Image.Image) -> np.ndarray:
    return (np.asarray(img.convert("L")) < 128).astype(np.uint8)


def test_checkboxes_by_kind_and_comb_letters_are_not_structure() -> None:
    img = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(img)
    for i, mark in enumerate(("", "tick", "cross")):
        inkpages._checkbox(draw, 50 + i * 200, 50, mark)
    for i, ch in enumerate("SMITH"):  # a comb field: one letter per box
        x = 700 + i * 70
        draw.rectangle((x, 50, x + 50, 110), outline=0, width=3)
        draw.text((x + 12, 58), ch, font=inkpages.font(40), fill=0)
    ink = _ink(img)
    rest, items = formmarks.checkboxes(ink, 300)
    assert [i.kind for i in sorted(items, key=lambda i: i.box.x0)] == [
        "checkbox empty", "checkbox ticked", "checkbox crossed",
    ]  # fmt: skip
    assert rest[:, :700].sum() == 0  # the boxes and their marks leave the text ink
    assert rest[:, 700:].sum() == ink[:, 700:].sum()  # the comb stays text


def test_cjk_pages_keep_boxes_with_strokes_inside_as_text() -> None:
    """On a Chinese page a box with a level or upright stroke inside is 口 around a character
    (田, 日, 回), text; a pen's X (both diagonals, no such stroke) is a crossed box."""
    img = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(img)
    inkpages._checkbox(draw, 50, 50, "cross")
    draw.rectangle((250, 50, 285, 85), outline=0, width=3)  # 田
    draw.line((252, 67, 283, 67), fill=0, width=3)
    draw.line((267, 52, 267, 83), fill=0, width=3)
    _, items = formmarks.checkboxes(_ink(img), 300, cjk=True)
    assert [(i.box.x0, i.kind) for i in items] == [(50, "checkbox crossed")]


def test_rules_are_structure_and_letters_are_not() -> None:
    img = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.line((20, 60, 1100, 60), fill=0, width=3)
    draw.line((20, 120, 1100, 120), fill=0, width=3)
    assert formmarks.classify(_ink(img), BBox(0, 0, 1200, 200), 30.0, 300) == "rule"
    draw.text((100, 70), "Okafor", font=inkpages.font(40), fill=0)
    assert formmarks.classify(_ink(img), BBox(0, 0, 1200, 200), 30.0, 300) is None


def test_solid_blobs_are_structure_and_a_letter_in_a_circle_is_not() -> None:
    img = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((20, 100, 80, 160), fill=0)  # a punch hole near the edge
    draw.ellipse((600, 400, 660, 460), fill=0)  # a bullet
    draw.ellipse((800, 100, 900, 200), outline=0, width=6)
    draw.text((830, 115), "R", font=inkpages.font(60), fill=0)  # a letter in a circle
    draw.text((300, 400), "nun", font=inkpages.font(90, inkpages.DEJAVU_BOLD), fill=0)  # bold letters, no holes
    ink = _ink(img)
    rest, items = formmarks.blobs(ink, 300)
    assert sorted(i.kind for i in items) == ["dot", "punch hole"]
    assert rest[380:520, 280:580].sum() == ink[380:520, 280:580].sum()
    assert rest[:, 780:].sum() == ink[:, 780:].sum()


def test_dots_of_dot_matrix_print_stay_ink_and_bullets_do_not() -> None:
    """A dotted line of print is no row of "dot" structure (kept unread, a leak): its dots stay
    ink, and ``joined_print`` groups them by word; three bullets of a list are still blobs."""
    from sandbox.redact import views

    img = Image.new("L", (1600, 900), 255)
    draw = ImageDraw.Draw(img)
    mask = Image.new("L", (1600, 200), 0)
    ImageDraw.Draw(mask).text((100, 20), "Ref 4471  file", font=inkpages.font(110, inkpages.DEJAVU_BOLD), fill=255)
    glyphs = np.asarray(mask)
    for y in range(0, 200, 15):
        for x in range(0, 1585, 15):
            if glyphs[y : y + 8, x : x + 8].mean() > 100:
                draw.ellipse((x - 6, 100 + y - 6, x + 6, 100 + y + 6), fill=0)
    for y in (480, 580, 680):  # a list's bullets, a line apart
        draw.ellipse((400, y, 430, y + 30), fill=0)
    ink = _ink(img)
    dots, pitch = formmarks.print_dots(ink, 300)
    assert 13 <= pitch <= 17 and dots[:400].sum() > 0.9 * ink[:400].sum() and dots[400:].sum() == 0
    rest, items = formmarks.blobs(ink, 300)
    assert [i.kind for i in items] == ["dot"] * 3 and rest[:400].sum() == ink[:400].sum()
    found = views.regions(views.joined_print(rest, 300), 300)
    words = [r for r in found if r.box.y1 < 400]
    assert [r.comps for r in words] == [3]  # "Ref", "4471", "file": a word each, not a letter or a dot


@pytest.mark.slow
def test_a_form_is_not_refused_for_its_boxes_and_lists_them(tmp_path: Path) -> None:
    inkpages.build(tmp_path, (inkpages.FORM_PAGES[0], inkpages.FORM_PAGES[3]))
    terms = tmp_path / "terms.txt"
    terms.write_text("24-cv-0917\nFAXED\n", encoding="utf-8")
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(tmp_path / "form-both.png"), "-o", str(review), "--terms", str(terms),
                   "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    findings = json.loads(review.read_text())["documents"][0]["findings"]
    rules = Counter(f["rule"] for f in findings)
    assert rules["unread"] == 0 and rules["terms"] == 2  # the number up the margin and the stamp are read
    kinds = Counter(f["kind"] for f in findings if f["rule"] == "structure")
    assert kinds["checkbox empty"] >= 5 and kinds["checkbox ticked"] + kinds["checkbox crossed"] >= 3
    assert kinds["punch hole"] == 2
    assert all(f["decision"] == "keep" for f in findings if f["rule"] == "structure")
    out = tmp_path / "out"
    res = run_cli(["redact", str(tmp_path / "form-plain.png"), "-o", str(out), "--to", "txt", "--terms", str(terms),
                   "-l", "eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    report = json.loads((out / "redacted-001.report.json").read_text())
    assert report["by_page"][0]["structure_kept"]


def test_one_letter_on_a_rule_is_not_a_rule() -> None:
    img = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.line((20, 120, 1100, 120), fill=0, width=3)
    draw.text((300, 70), "J", font=inkpages.font(40), fill=0)
    assert formmarks.classify(_ink(img), BBox(0, 0, 1200, 200), 30.0, 300) is None


def test_checkbox_variants_real_forms_use() -> None:
    """Rounded, double-lined, printed ☐ ☑ ☒ glyphs, and scanner grain inside an empty box."""
    img = Image.new("L", (1800, 400), 255)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((50, 50, 94, 94), radius=10, outline=0, width=3)
    draw.rectangle((250, 50, 294, 94), outline=0, width=2)
    draw.rectangle((256, 56, 288, 88), outline=0, width=2)  # double-lined, empty
    draw.rectangle((450, 50, 494, 94), outline=0, width=2)
    draw.rectangle((456, 56, 488, 88), outline=0, width=2)
    draw.line((462, 62, 482, 82), fill=0, width=4)  # double-lined, crossed
    draw.line((482, 62, 462, 82), fill=0, width=4)
    draw.rectangle((650, 50, 694, 94), outline=0, width=3)
    draw.point([(664, 66), (680, 77)], fill=0)  # grain: no mark
    for n, glyph in enumerate("☐☑☒"):
        draw.text((850 + n * 200, 40), glyph, font=inkpages.font(60), fill=0)
    _, items = formmarks.checkboxes(_ink(img), 300)
    kinds = [i.kind for i in sorted(items, key=lambda i: i.box.x0)]
    assert kinds == [
        "checkbox empty", "checkbox empty", "checkbox crossed", "checkbox empty",
        "checkbox empty", "checkbox ticked", "checkbox crossed",
    ]  # fmt: skip


def test_radio_buttons_are_structure_and_round_letters_are_not() -> None:
    img = Image.new("L", (1800, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((50, 50, 94, 94), outline=0, width=3)
    draw.text((114, 52), "Other", font=inkpages.font(36), fill=0)
    draw.ellipse((350, 50, 394, 94), outline=0, width=3)
    draw.ellipse((362, 62, 382, 82), fill=0)  # chosen
    draw.ellipse((650, 50, 694, 94), outline=0, width=3)
    draw.text((661, 52), "R", font=inkpages.font(34), fill=0)  # a letter in a ring: text
    draw.text((900, 40), "OO 0 O", font=inkpages.font(60), fill=0)  # letters and digits
    ink = _ink(img)
    rest, items = formmarks.radios(ink, 300)
    assert sorted((i.box.x0, i.kind) for i in items) == [(50, "radio empty"), (350, "radio selected")]
    assert rest[:, 100:340].sum() == ink[:, 100:340].sum()  # the label stays text
    assert rest[:, 600:].sum() == ink[:, 600:].sum()


def test_dotted_rules_with_scanner_grain_are_rules_and_initials_are_not() -> None:
    img = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(img)
    for x in range(20, 1100, 9):  # a grey rule as a 1-bit scan prints it: dots
        draw.rectangle((x, 100, x + 4, 102), fill=0)
    rng = np.random.default_rng(0)
    for x, y in zip(rng.integers(0, 1200, 40), rng.integers(0, 200, 40), strict=True):
        draw.point((int(x), int(y)), fill=0)
    assert formmarks.classify(_ink(img), BBox(0, 0, 1200, 200), 30.0, 300) == "rule"
    draw.text((300, 50), "JK", font=inkpages.font(40), fill=0)
    assert formmarks.classify(_ink(img), BBox(0, 0, 1200, 200), 30.0, 300) is None


def test_a_label_on_a_grey_band_is_flattened_dark_on_white() -> None:
    img = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((50, 60, 850, 130), fill=190)
    draw.text((70, 72), "Case number", font=inkpages.font(40), fill=0)
    flat = flatten.flattened(np.asarray(img), 30.0)
    assert (flat[60:131, 50:851] == 0).any()  # the label
    assert (flat[60:131, 50:60] == 255).all() and (flat[60:64, 50:851] == 255).all()  # no band edge
    assert (flat[:50] == 255).all()


def test_dark_scan_edges_are_no_barcode() -> None:
    """zxing-cpp takes the dark left and top edges of a scan for a Data Matrix finder."""
    edges = codes.Symbol(BBox(100, 100, 2400, 3000), None)
    assert codes._page_edges(edges, 2550, 3300)
    assert not codes._page_edges(codes.Symbol(BBox(100, 100, 400, 400), None), 2550, 3300)
    assert not codes._page_edges(codes.Symbol(BBox(100, 100, 2400, 3000), "payload"), 2550, 3300)


@pytest.mark.slow
def test_a_scanned_form_of_variants_is_not_refused_and_a_signature_stays_unread(tmp_path: Path) -> None:
    """Checkbox variants, radio buttons, labels on a grey highlight, a grey rule on a 1-bit
    scan: structure or read; the signature below them is neither."""
    img = Image.new("L", (2400, 1100), 255)
    draw = ImageDraw.Draw(img)
    draw.text((150, 80), "14. Areas affected by the project", font=inkpages.font(40), fill=0)
    formset.checkbox_rows(img, 150, 220)
    formset._grey_labels(img, 150, 470)
    draw.line((150, 640, 2200, 640), fill=140, width=3)  # a grey rule: dashes on a 1-bit scan
    grey = formset.degrade(img, 5, bilevel=False, skew=0.0, edge=False, holes=False)
    grey.save(tmp_path / "grey.png", dpi=(300, 300))
    signed = img.copy()
    formset._signature(ImageDraw.Draw(signed), 900, 850, 7)
    fax = formset.degrade(signed, 6, bilevel=True, skew=0.0, edge=False, holes=False)
    fax.save(tmp_path / "fax.png", dpi=(300, 300))
    for name in ("grey", "fax"):
        review = tmp_path / f"{name}.json"
        res = run_cli(["flag", str(tmp_path / f"{name}.png"), "-o", str(review), "-l", "eng", "--isolation", "none"])
        assert res.code == 0, res.stderr
        findings = json.loads(review.read_text())["documents"][0]["findings"]
        kinds = Counter(f["kind"] for f in findings if f["rule"] == "structure")
        assert kinds["radio empty"] == 1 and kinds["checkbox ticked"] >= 2 and kinds["checkbox crossed"] >= 2, name
        unread = [f for f in findings if f["rule"] == "unread"]
        boxes = [BBox(*f["boxes"][0]) for f in findings if f["rule"] == "structure"]
        assert not any(burn.intersects(BBox(*u["boxes"][0]), b) for u in unread for b in boxes), name
        if name == "grey":
            assert unread == []  # labels on the grey highlight are read, the tinted box is a box
        else:  # the signature is unread, and named so
            assert any(u["kind"] == "signature" and u["boxes"][0][1] < 860 < u["boxes"][0][3] for u in unread)


def test_unread_ink_is_named_as_a_person_would() -> None:
    img = Image.new("L", (2400, 600), 255)
    draw = ImageDraw.Draw(img)
    formset._signature(draw, 100, 100, 7)
    draw.rectangle((1000, 40, 1560, 210), outline=0, width=8)
    draw.text((1040, 70), "FAXED", font=inkpages.font(96, inkpages.DEJAVU_BOLD), fill=0)
    draw.text((100, 400), "Okafor 24", font=inkpages.font(48), fill=0)
    ink = _ink(img)
    assert formmarks.unread_kind(ink, BBox(90, 50, 530, 170), 40.0, 300, False) == "signature"
    assert formmarks.unread_kind(ink, BBox(1000, 40, 1561, 211), 70.0, 300, False) == "stamp"
    assert formmarks.unread_kind(ink, BBox(90, 390, 500, 460), 35.0, 300, False) == "handwriting or text"


def test_letters_narrower_than_a_rule_or_without_ascenders_are_not_a_rule() -> None:
    """Found on a real scan: the 'oo' of 'Lookout' alone in a region was called a rule (the
    kernel wider than the crop saw the border as ink)."""
    img = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.text((20, 20), "oo", font=inkpages.font(24), fill=0)
    draw.text((300, 20), "ammunition oversize", font=inkpages.font(40), fill=0)
    ink = _ink(img)
    ys, xs = np.nonzero(ink[:, :200])
    narrow = BBox(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    assert formmarks.classify(ink, narrow, 17.0, 300) is None
    assert formmarks.classify(ink, BBox(290, 10, 1200, 90), 30.0, 300) is None


def test_a_piece_of_a_broken_rule_is_a_rule_and_a_short_word_is_not() -> None:
    img = Image.new("L", (400, 100), 255)
    draw = ImageDraw.Draw(img)
    for x in (10, 40, 58, 90):  # the dashes of a grey rule on a 1-bit scan, a region of their own
        draw.rectangle((x, 50, x + 14, 52), fill=0)
    draw.text((200, 30), "1l", font=inkpages.font(30), fill=0)
    ink = _ink(img)
    assert formmarks.classify(ink, BBox(0, 40, 120, 60), 3.0, 300) == "rule"
    assert formmarks.classify(ink, BBox(190, 20, 260, 80), 25.0, 300) is None
    img = Image.new("L", (400, 100), 255)
    ImageDraw.Draw(img).text(
        (20, 20), "二三", font=ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 36), fill=0
    )
    assert formmarks.classify(_ink(img), BBox(0, 0, 400, 100), 30.0, 300) is None


def test_a_scanner_border_and_its_fringe_are_the_page_edge_and_a_cut_letter_is_not() -> None:
    ink = np.zeros((600, 800), np.uint8)
    ink[0:10, :] = 1  # a scanner's border along the top, 0.033 in
    ink[10:17, 300:349] = 1  # its blurred fringe, 2 px beyond the edge strip (sf424's scan)
    assert formmarks.classify(ink, BBox(300, 0, 349, 17), 30.0, 300) == "page edge"
    ink[10:40, 500:540] = 1  # a letter the border cuts: its body reaches 0.1 in into the page
    assert formmarks.classify(ink, BBox(500, 0, 540, 40), 30.0, 300) is None
    ink[30:34, 600:640] = 1  # 二 under the border: flat strokes, but apart from it
    ink[50:54, 596:644] = 1
    assert formmarks.classify(ink, BBox(590, 0, 650, 60), 30.0, 300) is None
    side = np.zeros((600, 800), np.uint8)
    side[:, 795:] = 1  # the right edge too
    side[200:260, 781:795] = 1  # its fringe, 4 px beyond the strip
    assert formmarks.classify(side, BBox(781, 200, 800, 260), 30.0, 300) == "page edge"


def test_an_empty_field_frame_encloses_paper_and_a_signature_does_not() -> None:
    img = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((20, 20, 560, 120), outline=0, width=3)  # an empty field
    formset._signature(draw, 700, 150, 7)
    ink = _ink(img)
    assert formmarks.encloses(ink, BBox(20, 20, 561, 121))
    assert not formmarks.encloses(ink, BBox(690, 100, 1130, 210))


def test_a_view_reads_a_region_only_where_its_confident_words_lie_over_its_ink() -> None:
    """A confidently read "No" in the margin of a signature's tile explains none of the
    signature's ink: the region stays unread.  Words over the ink read it; a grey tint's
    block (its ink is the block) is judged by confidence alone."""
    from sandbox.redact import views

    img = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 40), "No", font=inkpages.font(40), fill=0)
    formset._signature(draw, 200, 120, 7)
    ink = _ink(img)
    sig = views.Region(BBox(30, 30, 900, 260), band=False, comps=3, text_px=30.0)
    assert not views._explains(views.Cover([sig], ink), 0, [BBox(40, 40, 100, 90)])  # the neighbour only
    assert views._explains(views.Cover([sig], ink), 0, [BBox(30, 30, 900, 260)])  # over all of it
    tint = Image.new("L", (700, 100), 255)
    ImageDraw.Draw(tint).rectangle((10, 10, 690, 90), fill=0)
    block = views.Region(BBox(10, 10, 690, 90), band=False, comps=2, text_px=30.0)
    assert views._explains(views.Cover([block], _ink(tint)), 0, [BBox(20, 20, 200, 80)])


def test_small_print_beside_a_read_line_is_not_explained_by_it() -> None:
    """A line of large type read confidently covers most of its region's ink; a number in
    small print beside it that no word of any reading lies over keeps the region unread (it
    was passed as read: an ID printed across a seal's date, stop 42).  Once a reading says
    something over the small print, the region is read; readings add up."""
    from sandbox.redact import views

    img = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 40), "Annual Report 2024", font=inkpages.font(64), fill=0)
    draw.text((860, 80), "110101199003071233", font=inkpages.font(16), fill=0)
    ink = _ink(img)
    region = views.Region(BBox(30, 30, 1120, 130), band=False, comps=30, text_px=50.0)
    line = [BBox(36, 36, 820, 120)]
    assert not views._explains(views.Cover([region], ink), 0, line)
    cover = views.Cover([region], ink)
    assert not views._explains(cover, 0, line, said=line)
    assert views._explains(cover, 0, [], said=[BBox(850, 70, 1110, 110)])
