"""Word joining without spurious spaces between CJK characters, and normalisation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.text import is_cjk, join_words, normalise, page_text


def test_join_words_latin_and_cjk() -> None:
    assert join_words(["Hello", "world"]) == "Hello world"
    assert join_words(["安全", "检查", "工作"]) == "安全检查工作"
    assert join_words(["手机", "：", "13812345678"]) == "手机：13812345678"
    assert join_words(["使用", "Word", "软件"]) == "使用Word软件"
    assert join_words(["机密", "★", "1", "年"]) == "机密★1年"


def test_is_cjk() -> None:
    assert all(is_cjk(c) for c in "中國、。：（）")
    assert not any(is_cjk(c) for c in "ＡＢ１２")  # full-width letters and digits space like Latin
    assert not any(is_cjk(c) for c in "aZ09,.:()é")


def test_normalise_folds_width_and_space() -> None:
    assert normalise("ＡＢＣ  def\n ghi") == "ABC def ghi"
    assert normalise("安 全 检 查") == "安全检查"


@given(st.lists(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=5), max_size=8))
def test_normalise_is_idempotent(words: list[str]) -> None:
    once = normalise(" ".join(words))
    assert normalise(once) == once


def _line(words: list[str], block: int, par: int, y: int) -> Line:
    ws = tuple(Word(w, BBox(10 * i, y, 10 * i + 8, y + 10), 0.9) for i, w in enumerate(words))
    return Line(ws, BBox(0, y, 100, y + 10), block, par)


def test_page_text_blank_line_between_paragraphs() -> None:
    page = Page(
        0,
        100,
        100,
        300,
        PageSource.OCR,
        (
            _line(["a", "b"], 1, 1, 0),
            _line(["c"], 1, 1, 20),
            _line(["通", "知"], 2, 1, 40),
        ),
        "eng",
    )
    assert page_text(page) == "a b\nc\n\n通知\n"
