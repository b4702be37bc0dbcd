"""Parsing Tesseract's TSV and pdftotext's bbox layout, without running either."""

from __future__ import annotations

from sandbox.engines.tesseract import apt_package, parse_tsv
from sandbox.models import BBox
from sandbox.poppler import parse_bbox_layout

TSV = "\n".join(
    [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
        "2\t1\t1\t0\t0\t0\t232\t248\t1208\t200\t-1\t",
        "3\t1\t1\t1\t0\t0\t232\t248\t1208\t200\t-1\t",
        "4\t1\t1\t1\t1\t0\t232\t248\t268\t57\t-1\t",
        "5\t1\t1\t1\t1\t1\t232\t248\t100\t57\t93.5\tHello",
        "5\t1\t1\t1\t1\t2\t340\t250\t160\t55\t101\tworld",
        "5\t1\t1\t1\t1\t3\t510\t250\t10\t55\t-1\t ",
        "4\t1\t2\t1\t1\t0\t232\t400\t100\t50\t-1\t",
        "5\t1\t2\t1\t1\t1\t232\t400\t50\t50\t88\t安全",
        "5\t1\t2\t1\t1\t2\t282\t400\t50\t50\t12.25\t检查",
        "4\t1\t3\t1\t1\t0\t0\t0\t10\t10\t-1\t",
    ]
)


def test_parse_tsv_groups_lines_and_scales_confidence() -> None:
    lines = parse_tsv(TSV)
    assert len(lines) == 2  # the empty third line is dropped
    first, second = lines
    assert [w.text for w in first.words] == ["Hello", "world"]  # whitespace-only word dropped
    assert first.bbox == BBox(232, 248, 500, 305)
    assert first.words[0].bbox == BBox(232, 248, 332, 305)
    assert first.words[0].conf == 0.935
    assert first.words[1].conf == 1.0  # clamped
    assert (second.block, second.paragraph) == (2, 1)
    assert [w.text for w in second.words] == ["安全", "检查"]


def test_parse_tsv_empty() -> None:
    assert parse_tsv("") == []
    assert parse_tsv("level\tpage_num\n") == []


def test_apt_package_names() -> None:
    assert apt_package("chi_sim") == "tesseract-ocr-chi-sim"
    assert apt_package("eng") == "tesseract-ocr-eng"


BBOX_XHTML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title></title></head>
<body>
<doc>
  <page width="595.276000" height="841.890000">
    <flow>
      <block xMin="56" yMin="60" xMax="200" yMax="80">
        <line xMin="56" yMin="60" xMax="200" yMax="80">
          <word xMin="56.0" yMin="60.0" xMax="100.0" yMax="72.0">Supplier</word>
          <word xMin="104.0" yMin="60.0" xMax="140.0" yMax="72.0">&amp;Co</word>
        </line>
      </block>
      <block xMin="56" yMin="90" xMax="200" yMax="110">
        <line xMin="56" yMin="90" xMax="200" yMax="110">
          <word xMin="56.0" yMin="90.0" xMax="80.0" yMax="102.0">联系人</word>
        </line>
      </block>
    </flow>
  </page>
</doc>
</body>
</html>
""".encode()


def test_parse_bbox_layout() -> None:
    layer = parse_bbox_layout(BBOX_XHTML)
    assert round(layer.width_pt) == 595 and round(layer.height_pt) == 842
    assert [[w.text for w in line.words] for line in layer.lines] == [["Supplier", "&Co"], ["联系人"]]
    assert [line.block for line in layer.lines] == [0, 1]
    assert layer.lines[0].words[1].x0 == 104.0


def test_parse_bbox_layout_no_page() -> None:
    assert parse_bbox_layout(b'<html xmlns="http://www.w3.org/1999/xhtml"><body><doc></doc></body></html>').lines == ()
