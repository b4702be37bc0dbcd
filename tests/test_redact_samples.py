"""Redaction of the bundled samples, end to end through the CLI.

Recall: every planted item (sample_images/planted.json) is found in the original OCR and is
covered by the redaction boxes of the report.  Nothing planted is recoverable from the outputs
(``sandbox verify``: fresh OCR of the pixels, text, bytes, structure).  Precision: at most 5 %
of the redacted words are not sensitive.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact.burn import overlap
from sandbox.redact.charboxes import split_cjk
from sandbox.redact.detectors import CN_MARKING, EN_MARKING, _search
from sandbox.redact.highlights import ink_free
from sandbox.redact.textmap import build, fold
from sandbox.text import is_cjk
from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.slow

PLANTED: dict[str, list[str]] = {
    k: v for k, v in json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8")).items() if not k.startswith("_")
}
GROUPS = {
    "eng": ["letter_en.png", "memo_skewed.tiff", "report_scanned.pdf", "supplier_review.pdf", "mixed.pdf"],
    "chi_sim+eng": ["notice_zh_hans.png"],
    "chi_tra+eng": ["notice_zh_hant.jpg"],
}
HIGHLIGHTED = "minutes_highlighted.jpg"


def _is_marking(item: str) -> bool:
    return bool(EN_MARKING.fullmatch(item) or CN_MARKING.fullmatch(item))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redact")
    terms = ["--terms", str(SAMPLES / "terms.txt")]
    for lang, names in [*GROUPS.items(), ("eng", [HIGHLIGHTED])]:
        files = [str(SAMPLES / n) for n in names]
        extra = ["--highlights"] if names == [HIGHLIGHTED] else []
        res = run_cli(
            [
                "redact",
                "-l",
                lang,
                "-o",
                str(root / "out"),
                "--to",
                "pdf,txt,json",
                "--keep-names",
                *terms,
                *extra,
                *files,
            ]
        )
        assert res.code == 0, res.stderr
        # the original OCR, to locate what was planted: every page from its pixels, and PDFs as
        # read by default too (their text layers); one run per group, its pages in parallel
        sources = [SAMPLES / n for n in names]
        if extra:  # plain OCR drops highlighted lines: read the image with the ink taken out
            sources = [root / f"{Path(n).stem}.png" for n in names]
            for name, source in zip(names, sources, strict=True):
                with Image.open(SAMPLES / name) as img:
                    ink_free(img).save(source, dpi=(300, 300))
        pdfs = [str(p) for p in sources if p.suffix == ".pdf"]
        for mode, flags, todo in (("ocr", ["--force-ocr"], [str(p) for p in sources]), ("layer", [], pdfs)):
            if todo:
                res = run_cli(["ocr", "-l", lang, "--to", "json", "-o", str(root / mode), "-q", *flags, *todo])
                assert res.code == 0, res.stderr
        review = root / f"review-{len(list(root.glob('review-*')))}.json"
        res = run_cli(["flag", "-l", lang, "-o", str(review), *terms, *extra, *files])
        assert res.code == 0, res.stderr
    return root


def _pages(path: Path) -> list[Page]:
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = []
    for p in data["pages"]:
        lines = tuple(
            Line(
                tuple(Word(w["text"], BBox(*w["bbox"]), w["conf"]) for w in line["words"]),
                BBox(*line["bbox"]),
                line["block"],
                line["paragraph"],
            )
            for line in p["lines"]
        )
        page = Page(p["number"] - 1, p["width"], p["height"], p["dpi"], PageSource(p["source"]), lines, "")
        pages.append(split_cjk(page))  # redaction's granularity: a text layer's CJK line is one word
    return pages


@pytest.mark.parametrize("stem", sorted(PLANTED))
def test_every_planted_item_is_covered(runs: Path, stem: str) -> None:
    report = json.loads((runs / "out" / f"{stem}.report.json").read_text())
    boxes = {p["page"] - 1: [BBox(*b["box"]) for b in p["boxes"]] for p in report["by_page"]}
    for item in PLANTED[stem]:
        located = 0
        readings = [runs / mode / f"{stem}.json" for mode in ("ocr", "layer")]
        for reading in [r for r in readings if r.exists()]:  # images: the one reading is both
            for page in _pages(reading):
                pt = build(page)
                for match in _search(pt, (item,), "planted", confusions=True, keep_case=_is_marking(item)):
                    located += 1
                    for w in pt.words_in(match.start, match.end):
                        word = page.words[w].bbox
                        covered = sum(overlap(word, b) for b in boxes.get(page.index, []))
                        assert covered >= 0.5 * word.width * word.height, (stem, "an item is not covered")
        assert located, f"{stem}: planted item number {PLANTED[stem].index(item) + 1} not found in the original OCR"


def test_nothing_planted_is_recoverable(runs: Path, tmp_path: Path) -> None:
    items = sorted({i for items in PLANTED.values() for i in items if not _is_marking(i)})
    terms = tmp_path / "planted-terms.txt"
    terms.write_text("\n".join(items) + "\n", encoding="utf-8")
    outputs = sorted(p for p in (runs / "out").iterdir() if p.suffix in (".pdf", ".txt"))
    assert len(outputs) == 2 * len(PLANTED)
    languages = {Path(n).stem: lang for lang, names in GROUPS.items() for n in names} | {Path(HIGHLIGHTED).stem: "eng"}
    for lang in ("eng", "chi_sim+eng", "chi_tra+eng"):  # each output read in its document's languages
        mine = [str(p) for p in outputs if languages[p.stem] == lang]
        res = run_cli(["verify", "-l", lang, "--terms", str(terms), *mine])
        assert res.code == 0, res.stderr  # fresh OCR, text, bytes, structure: all clean


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in fold(text).text.split():
        out.extend(list(token) if any(is_cjk(c) for c in token) else [token])
    return out


def test_precision_at_least_95_percent(runs: Path) -> None:
    planted = [fold(i).text for items in PLANTED.values() for i in items]
    total = wrong = 0
    for review in runs.glob("review-*.json"):
        for doc in json.loads(review.read_text(encoding="utf-8"))["documents"]:
            for finding in doc["findings"]:
                tokens = _tokens(finding["text"])
                total += len(tokens)
                text = fold(finding["text"]).text
                if not any(p in text or text in p for p in planted):
                    wrong += len(tokens)
    assert total > 50
    assert wrong / total <= 0.05


def test_outputs_are_rebuilt_from_pixels(runs: Path) -> None:
    import pikepdf

    for pdf in (runs / "out").glob("*.pdf"):
        with pikepdf.open(pdf) as doc:
            assert set(doc.docinfo.keys()) == {"/Producer"}
            for page in doc.pages:
                assert "/Annots" not in page.obj
                assert len(page.obj.Resources.XObject) == 1  # one picture per page
                assert "/Font" not in page.obj.Resources  # no text layer unless --text-layer
