"""Vertical CJK read in rows (one character per row, each joined to the body's row or a line of
its own) is chained back into the column it is, so a listed name written down the margin is
found and burned; characters side by side, far apart or of unlike size are not chained."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import fuzzdocs
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import policy as pol
from sandbox.redact import views
from sandbox.redact.detectors import detect
from sandbox.redact.vertical import columns, with_columns
from tests.conftest import run_cli


def _page(*rows: list[tuple[str, tuple[int, int, int, int]]]) -> Page:
    lines = tuple(
        Line(tuple(Word(t, BBox(*b), 0.95) for t, b in row), BBox(min(b[0] for _, b in row), min(b[1] for _, b in row),
             max(b[2] for _, b in row), max(b[3] for _, b in row)), n, 0)
        for n, row in enumerate(rows)
    )  # fmt: skip
    return Page(0, 2000, 1400, 300, PageSource.OCR, lines, "chi_sim+eng")


# as PP-OCR read the fuzzer's seed 12 document 37: the column's characters between body lines
INTERLEAVED = _page(
    [("Quarterly", (120, 110, 390, 182)), ("note", (752, 110, 879, 182))],
    [("陈", (1796, 121, 1903, 211)), ("志", (1795, 209, 1901, 298))],
    [("The", (116, 214, 200, 285)), ("Tuesday.", (1582, 209, 1796, 280))],
    [("明", (1806, 260, 1897, 373))],
    [("Please", (114, 301, 261, 350))],
)


def test_a_column_read_across_is_one_line_again() -> None:
    col = columns(INTERLEAVED)
    assert col is not None and [[w.text for w in line.words] for line in col.lines] == [["陈", "志", "明"]]
    terms = pol.default().with_terms(("陈志明",), ())
    assert not [f for f in detect(INTERLEAVED, terms) if f.rule == "terms"]
    hits = [f for p in with_columns([INTERLEAVED]) for f in detect(p, terms) if f.rule == "terms"]
    assert len(hits) == 1


@pytest.mark.parametrize(
    "rows",
    [
        [[("陈", (100, 100, 190, 190)), ("志", (200, 100, 290, 190))]],  # side by side: a row, read already
        [[("陈", (100, 100, 190, 190))], [("志", (100, 400, 190, 490))]],  # far apart
        [[("陈", (100, 100, 190, 190))], [("志", (100, 200, 130, 230))]],  # unlike size
        [[("陈", (100, 100, 190, 190))], [("志", (300, 200, 390, 290))]],  # not under it
        [[("Grant", (100, 100, 190, 190))], [("Olivia", (100, 200, 190, 290))]],  # not Han
    ],
)
def test_what_is_no_column_is_not_chained(rows: list[list[tuple[str, tuple[int, int, int, int]]]]) -> None:
    assert columns(_page(*rows)) is None


@pytest.mark.slow
def test_a_vertical_name_beside_the_body_is_burned(tmp_path: Path) -> None:
    """The fuzzer's document that leaked: a CJK name down the right margin of a coloured page."""
    doc = fuzzdocs.make(12, 37, tmp_path / "in")
    terms = tmp_path / "terms.txt"
    terms.write_text("".join(it.term + "\n" for it in doc.items if it.term), encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(doc.path), "-o", str(out), "--to", "pdf", "--terms", str(terms), "-l", doc.lang,
                   "--quiet"])  # fmt: skip
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    boxes = [BBox(*b["box"]) for b in report["by_page"][0]["boxes"]]
    column = BBox(1796, 121, 1903, 373)  # where the name is drawn
    assert any(b.x0 <= column.x0 + 20 and b.x1 >= column.x1 - 20 and b.y0 <= 140 and b.y1 >= 350 for b in boxes)


# --- words written up or down the page (read turned a quarter): ``views.column_lines`` --------


def _region(x0: int, y0: int, x1: int, y1: int, comps: int = 4) -> views.Region:
    return views.Region(BBox(x0, y0, x1, y1), False, comps, 12.0)


def test_words_up_the_margin_are_joined_into_their_line() -> None:
    """A number in a fax's margin: four groups, each a region of its own, stacked with gaps."""
    groups = [_region(10, 100 + 60 * k, 32, 150 + 60 * k) for k in range(4)]
    body = [_region(60, 100, 400, 124, 20)]
    (column,) = views.column_lines(groups[:1], groups + body)
    assert column.row and column.box == BBox(10, 100, 32, 330)
    assert views.column_lines(body, groups + body) == []  # a level line is no column


@pytest.mark.parametrize(
    "other",
    [
        (60, 100, 82, 150),  # beside it, not under it
        (10, 260, 32, 310),  # too far below (five widths)
        (10, 160, 70, 210),  # far wider: not of its line
        (10, 160, 32, 175),  # wider than tall: no word written up the page
    ],
)
def test_what_is_no_column_is_not_joined(other: tuple[int, int, int, int]) -> None:
    first = _region(10, 100, 32, 150)
    assert views.column_lines([first], [first, _region(*other)]) == []


@pytest.mark.slow
def test_a_number_up_a_fax_margin_is_burned(tmp_path: Path) -> None:
    """The fuzzer's document that leaked (seed 12, 61): an ID written up the margin of a fax in
    four groups, read one group per region and two zeros misread: burned whole."""
    doc = fuzzdocs.make(12, 61, tmp_path / "in")
    out = tmp_path / "out"
    res = run_cli(["redact", str(doc.path), "-o", str(out), "--to", "pdf", "-l", doc.lang, "--quiet"])
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    ids = [BBox(*b["box"]) for b in report["by_page"][0]["boxes"] if b["rule"] == "pii-cn.id"]
    margin = BBox(10, 262, 30, 450)  # where the number is drawn
    assert any(b.x0 <= margin.x0 and b.x1 >= margin.x1 and b.y0 <= margin.y0 and b.y1 >= margin.y1 for b in ids)
