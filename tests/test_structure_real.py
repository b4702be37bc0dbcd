"""Structure on pages laid out by other programs than our generator: hairline rules as office
programs draw them, borderless tables with spanning header cells and wrapped cells, numbers
that are not headings, and (slow) a LibreOffice-typeset form and paper page through the CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.structure import borderless, kinds
from sandbox.structure.rules import find_grids
from tests.conftest import run_cli


def _grid_image(grey: int, width: int) -> Image.Image:
    img = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(img)
    xs, ys = [100, 400, 700, 1000, 1300], [100, 200, 300, 400, 500, 600]
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=grey, width=width)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=grey, width=width)
    draw.rectangle((120, 130, 260, 170), fill=0)  # a black word: the page's Otsu threshold sits below the grey
    return img


def test_grey_hairline_rules_make_a_grid() -> None:
    for grey, width in ((128, 1), (150, 2)):
        _, grids = find_grids(np.asarray(_grid_image(grey, width)), 30)
        assert len(grids) == 1, (grey, width)
        assert len(grids[0].ys) == 6 and len(grids[0].xs) == 5
        assert len(grids[0].cells) == 20


def _piece(text: str, x: int, y: int, height: int = 40) -> borderless.Piece:
    return borderless.Piece(text, BBox(x, y, x + 22 * len(text), y + height))


def test_borderless_header_spans_and_a_wrapped_cell() -> None:
    cols = [100, 500, 700, 900, 1100]
    pieces = [
        _piece("Accuracy", 567, 100), _piece("Latency", 956, 100),  # centred over two columns each
        _piece("Model", 100, 130),  # set in the middle of the two header rows
        _piece("Top-1", cols[1], 160), _piece("Top-5", cols[2], 160), _piece("CPU", cols[3], 160),
        _piece("GPU", cols[4], 160),
        *[_piece(t, x, 230) for t, x in zip(["Baseline", "71.3", "90.2", "48.1", "3.2"], cols, strict=True)],
        _piece("Industrial", 100, 280),  # a first cell wrapped onto two lines, the others between them
        *[_piece(t, x, 305) for t, x in zip(["76.1", "92.9", "95.4", "5.8"], cols[1:], strict=True)],
        _piece("outfall", 100, 330),
        *[_piece(t, x, 400) for t, x in zip(["Proposed", "78.4", "94.0", "41.7", "2.9"], cols, strict=True)],
    ]  # fmt: skip
    found = borderless.find(pieces, 40, 30)
    assert len(found) == 1
    table = found[0].table
    assert (table.rows, table.cols, table.header_rows) == (5, 5, 2)
    spans = {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table.cells if c.text}
    assert spans["Model"] == (0, 0, 2, 1)
    assert spans["Accuracy"] == (0, 1, 1, 2) and spans["Latency"] == (0, 3, 1, 2)
    assert spans["Top-1"] == (1, 1, 1, 1) and spans["GPU"] == (1, 4, 1, 1)
    assert spans["Industrial outfall"] == (3, 0, 1, 1) and spans["95.4"] == (3, 3, 1, 1)
    assert len(found[0].members) == len(pieces)


def test_a_heading_above_a_borderless_table_is_not_a_row() -> None:
    cols = [100, 500, 900]
    pieces = [_piece("1.", 100, 40, 60), _piece("Attendance", 500, 40, 60)]
    rows = [["Name", "Role", "Present"], ["A. Moreau", "Chair", "Yes"], ["K. Osei", "Treasurer", "Yes"]]
    for r, row in enumerate(rows):
        pieces += [_piece(t, x, 120 + 60 * r) for t, x in zip(row, cols, strict=True)]
    found = borderless.find(pieces, 40, 30)
    assert len(found) == 1 and found[0].table.rows == 3
    assert not {0, 1} & found[0].members


def test_numbers_in_running_text_are_not_heading_numbers() -> None:
    for text in ("1.1%。", "2.41", "1.2.3", "12,5 万"):
        assert kinds.numbered_level(text) == 0 and not kinds.starts_item(text), text
    assert kinds.numbered_level("4.1 Ablation") == 3 and kinds.numbered_level("2.3.1概述") == 4
    assert kinds.numbered_level("1．各单位要高度重视") == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_pages_keep_their_tables(tmp_path: Path) -> None:
    from benchmarks.structure_real import build

    pages = {p.name: p for p in build(tmp_path / "pages", names=("zh_form", "en_paper"))}
    form = pages["zh_form"]
    for src in (form.pdf, form.degraded):  # born-digital and as a degraded scan
        out = tmp_path / f"{src.stem}.html"
        res = run_cli(["convert", "-o", str(out), "--isolation", "none", "-q", str(src), "-l", form.lang])
        assert res.code == 0, res.stderr
        tables = re.findall(r"<table>.*?</table>", out.read_text(), re.S)
        assert len(tables) == 1, src.name
        assert re.search(r'<t[dh] rowspan="4">照片</t[dh]>', tables[0]), src.name
        assert re.search(r'<t[dh] rowspan="3">学习工作经历</t[dh]>', tables[0]), src.name
    paper = pages["en_paper"]
    out = tmp_path / "paper.html"
    res = run_cli(["convert", "-o", str(out), "--isolation", "none", "-q", str(paper.scan), "-l", paper.lang])
    assert res.code == 0, res.stderr
    table = re.findall(r"<table>.*?</table>", out.read_text(), re.S)[0]
    assert '<th colspan="2">Accuracy</th>' in table and '<th rowspan="2">Model</th>' in table


def test_a_bullet_read_as_a_cent_sign_is_still_a_bullet() -> None:
    assert kinds.list_marker("¢ The budget was approved.") == "ul"
    assert kinds.list_marker("¢5 a piece") is None


def _line(texts: list[str], x: int, y: int, block: int) -> Line:
    words, at = [], x
    for text in texts:
        words.append(Word(text, BBox(at, y, at + 24 * len(text), y + 40), 0.9))
        at += 24 * len(text) + 14
    return Line(tuple(words), BBox(x, y, at - 14, y + 40), block, 0)


def test_a_line_left_of_a_list_item_is_not_that_item() -> None:
    from sandbox.structure.build import analyse
    from sandbox.structure.model import RegionKind

    text = ["a", "line", "of", "running", "text", "that", "fills", "the", "column", "from", "its", "left", "edge"]
    lines = [_line(text, 200, 200 + 60 * n, 0) for n in range(3)]
    lines.append(_line(["•", "The", "first", "item", "of", "the", "list."], 280, 420, 1))
    item = "• the second item of the list is as long as the running text"
    lines.append(_line(item.split(" "), 280, 480, 1))
    lines.append(_line(["The", "meeting", "closed."], 200, 540, 2))
    page = Page(0, 2480, 3508, 300, PageSource.OCR, tuple(lines), "eng", engine="tesseract")
    regions = analyse(page).regions
    assert [r.kind for r in regions] == [RegionKind.PARAGRAPH, RegionKind.LIST, RegionKind.PARAGRAPH]
    assert len(regions[1].lines) == 2 and regions[1].lines[1].endswith("running text")
    assert regions[2].text == "The meeting closed."


def test_a_short_cjk_line_of_a_text_layer_ends_its_paragraph() -> None:
    """A text layer gives a CJK line as one "word": the next line's first character, not its
    whole run, is what would have fitted at the end of a short line."""
    from sandbox.structure.build import analyse

    def run(text: str, y: int) -> Line:
        word = Word(text, BBox(200, y, 200 + 50 * len(text), y + 60), 1.0)
        return Line((word,), word.bbox, 0, 0)

    full = "为深入贯彻落实安全生产工作部署切实防范化解重大安全风险经市政府同意现就有关事项通知"
    lines = (run("各区县人民政府，市政府各部门：", 200), run(full, 270), run(full[:20] + "。", 340))
    page = Page(0, 2480, 3508, 300, PageSource.TEXT_LAYER, lines, "")
    regions = analyse(page).regions
    assert [len(r.lines) for r in regions] == [1, 2], [r.lines for r in regions]


def test_pieces_of_one_borderless_cell_keep_their_order_on_the_line() -> None:
    pieces = []
    for r, (first, role, present) in enumerate([("Name", "Role", "Present"), ("A.", "Chair", "Yes"),
                                                ("K.", "Treasurer", "Yes"), ("L.", "Director", "No")]):  # fmt: skip
        y = 100 + 60 * r
        pieces += [_piece(first, 100, y + 2), _piece(role, 500, y), _piece(present, 900, y)]
        if r:
            pieces.append(_piece("Surname", 164, y))  # two pixels higher than the initial before it
    found = borderless.find(pieces, 40, 30)
    assert len(found) == 1
    assert [c.text for c in found[0].table.cells if c.col == 0] == ["Name", "A. Surname", "K. Surname", "L. Surname"]
