"""Scanned forms (issue 31): checkboxes and rules are structure, kept and listed by kind;
comb fields and handwriting are not; a form is not refused for its grid."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks import inkpages
from sandbox.models import BBox
from sandbox.redact import formmarks
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
    img = Image.new("L", (400, 200), 255)
    inkpages._checkbox(ImageDraw.Draw(img), 50, 50, "cross")
    _, items = formmarks.checkboxes(_ink(img), 300, cjk=True)
    assert items == []


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
