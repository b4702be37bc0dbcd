"""Redaction of the bundled samples, end to end through the CLI: what the two test files
``tests/test_redact_samples.py`` and ``tests/test_redact_samples_more.py`` check, each on its
share of the samples (two files, so that the two test workers share the work).

Recall: every planted item (sample_images/planted.json) is found in the original OCR and is
covered by the redaction boxes of the report.  Nothing planted is recoverable from the outputs
(``sandbox verify``: fresh OCR of the pixels, text, bytes, structure).  Precision: at most 5 %
of the redacted words are not sensitive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact.burn import overlap
from sandbox.redact.charboxes import split_cjk
from sandbox.redact.detectors import CN_MARKING, EN_MARKING, _search
from sandbox.redact.highlights import ink_free
from sandbox.redact.textmap import build, fold
from sandbox.text import is_cjk
from tests.conftest import SAMPLES, run_cli

PLANTED: dict[str, list[str]] = {
    k: v for k, v in json.loads((SAMPLES / "planted.json").read_text(encoding="utf-8")).items() if not k.startswith("_")
}


@dataclass(frozen=True)
class Group:
    """Samples redacted by one run: in one set of languages, with ``--highlights`` or not."""

    lang: str
    names: tuple[str, ...]
    highlights: bool = False

    @property
    def stems(self) -> list[str]:
        return [Path(n).stem for n in self.names]


def is_marking(item: str) -> bool:
    return bool(EN_MARKING.fullmatch(item) or CN_MARKING.fullmatch(item))


def redact(root: Path, groups: tuple[Group, ...]) -> Path:
    """Redact every group into ``root/out``; read the originals (``root/ocr``, ``root/layer``)
    and flag them (``root/review-N.json``), to check the redaction against."""
    terms = ["--terms", str(SAMPLES / "terms.txt")]
    for group in groups:
        files = [str(SAMPLES / n) for n in group.names]
        extra = ["--highlights"] if group.highlights else []
        res = run_cli(
            [
                "redact",
                "-l",
                group.lang,
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
        sources = [SAMPLES / n for n in group.names]
        if extra:  # plain OCR drops highlighted lines: read the image with the ink taken out
            sources = [root / f"{Path(n).stem}.png" for n in group.names]
            for name, source in zip(group.names, sources, strict=True):
                with Image.open(SAMPLES / name) as img:
                    ink_free(img).save(source, dpi=(300, 300))
        pdfs = [str(p) for p in sources if p.suffix == ".pdf"]
        for mode, flags, todo in (("ocr", ["--force-ocr"], [str(p) for p in sources]), ("layer", [], pdfs)):
            if todo:
                res = run_cli(["ocr", "-l", group.lang, "--to", "json", "-o", str(root / mode), "-q", *flags, *todo])
                assert res.code == 0, res.stderr
        review = root / f"review-{len(list(root.glob('review-*')))}.json"
        res = run_cli(["flag", "-l", group.lang, "-o", str(review), *terms, *extra, *files])
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


def check_covered(runs: Path, stem: str) -> None:
    """Every item planted in ``stem`` is found in the original OCR and covered by the report's boxes."""
    report = json.loads((runs / "out" / f"{stem}.report.json").read_text())
    boxes = {p["page"] - 1: [BBox(*b["box"]) for b in p["boxes"]] for p in report["by_page"]}
    for item in PLANTED[stem]:
        located = 0
        readings = [runs / mode / f"{stem}.json" for mode in ("ocr", "layer")]
        for reading in [r for r in readings if r.exists()]:  # images: the one reading is both
            for page in _pages(reading):
                pt = build(page)
                for match in _search(pt, (item,), "planted", confusions=True, keep_case=is_marking(item)):
                    located += 1
                    for w in pt.words_in(match.start, match.end):
                        word = page.words[w].bbox
                        covered = sum(overlap(word, b) for b in boxes.get(page.index, []))
                        assert covered >= 0.5 * word.width * word.height, (stem, "an item is not covered")
        assert located, f"{stem}: planted item number {PLANTED[stem].index(item) + 1} not found in the original OCR"


def check_nothing_recoverable(runs: Path, groups: tuple[Group, ...], tmp_path: Path) -> None:
    """``sandbox verify`` finds no planted item (of any sample) in the groups' outputs, each
    output read in its document's languages."""
    items = sorted({i for items in PLANTED.values() for i in items if not is_marking(i)})
    terms = tmp_path / "planted-terms.txt"
    terms.write_text("\n".join(items) + "\n", encoding="utf-8")
    outputs = sorted(p for p in (runs / "out").iterdir() if p.suffix in (".pdf", ".txt"))
    assert len(outputs) == 2 * sum(len(g.names) for g in groups)
    languages = {stem: g.lang for g in groups for stem in g.stems}
    for lang in dict.fromkeys(g.lang for g in groups):
        mine = [str(p) for p in outputs if languages[p.stem] == lang]
        res = run_cli(["verify", "-l", lang, "--terms", str(terms), *mine])
        assert res.code == 0, res.stderr  # fresh OCR, text, bytes, structure: all clean


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in fold(text).text.split():
        out.extend(list(token) if any(is_cjk(c) for c in token) else [token])
    return out


def precision(runs: Path) -> tuple[int, int]:
    """(redacted words, of which not sensitive) over the flag runs' findings."""
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
    return total, wrong


def check_rebuilt(runs: Path) -> None:
    """Every output PDF is one picture per page: no text layer, annotations or metadata."""
    for pdf in (runs / "out").glob("*.pdf"):
        with pikepdf.open(pdf) as doc:
            assert set(doc.docinfo.keys()) == {"/Producer"}
            for page in doc.pages:
                assert "/Annots" not in page.obj
                assert len(page.obj.Resources.XObject) == 1  # one picture per page
                assert "/Font" not in page.obj.Resources  # no text layer unless --text-layer
