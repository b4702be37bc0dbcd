"""Reading real pages: ``sandbox ocr`` against raw Tesseract on a corpus with ground truth.

    .venv/bin/python -m benchmarks.bench_corpus [--corpus ../shared/corpus-dev] [--items] [--engine E]

The corpus is a folder with ``index.tsv`` (input, gt_file, gt_status, lang, kind, note), as
in ``../shared/corpus-dev``.  Every item with ground truth is read by raw Tesseract
(``tesseract IMG - -l LANG``; PDFs rendered with ``pdftoppm -r 300`` first; two at a time)
and by ``sandbox ocr -l LANG`` (one command per language, its own pool), both on the same
cores, and additionally by ``sandbox ocr -l auto``.  Scores: CER after NFKC/whitespace
normalisation (spaces ignored for ``exact-nospace``), order-free word F1; for ``partial`` and
``exact-zones`` ground truth (it covers only part of the image) the CER of the best-matching
stretch of the output and word recall.  Items with no text (``empty``) score 1.0 per output
character.  Prints per group (``kind``), overall, and the time of each side.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from benchmarks.metrics import _tokens, cer, word_f1
from sandbox.text import normalise

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus-dev"
SCORED = ("exact", "exact-nospace", "exact-uppercase", "exact-zones", "partial")


@dataclass(frozen=True)
class Item:
    path: Path
    truth: str
    status: str
    lang: str
    kind: str


@dataclass(frozen=True)
class Row:
    item: Item
    scores: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]  # raw, -l LANG, -l auto


def installed_langs() -> set[str]:
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    return {line.strip() for line in out.splitlines()[1:] if line.strip()}


def load(corpus: Path) -> list[Item]:
    have = installed_langs()
    items = []
    with (corpus / "index.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["gt_status"] not in SCORED or not row["gt_file"]:
                continue
            langs = [lang for lang in row["lang"].split("+") if lang in have] or ["eng"]
            truth = (corpus / row["gt_file"]).read_text(encoding="utf-8")
            items.append(Item(corpus / row["input"], truth, row["gt_status"], "+".join(langs), row["kind"]))
    return items


def _partial_cer(truth: str, hyp: str) -> float:
    """Edit distance of ``truth`` to the best-matching stretch of ``hyp``, per truth character."""
    ref, text = normalise(truth).replace(" ", ""), normalise(hyp).replace(" ", "")
    if not ref:
        return 0.0
    prev = [0] * (len(text) + 1)  # free start anywhere in text
    for i, a in enumerate(ref, 1):
        cur = [i] + [0] * len(text)
        for j, b in enumerate(text, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a != b))
        prev = cur
    return min(prev) / len(ref)  # free end anywhere


def _recall(truth: str, hyp: str) -> float:
    ref, out = Counter(_tokens(truth)), Counter(_tokens(hyp))
    return sum((ref & out).values()) / max(1, sum(ref.values()))


def score(item: Item, hyp: str) -> tuple[float, float]:
    """(CER, word F1 or recall)."""
    if not normalise(item.truth):
        return (min(1.0, float(len(normalise(hyp)))), 1.0 if not normalise(hyp) else 0.0)
    if item.status in ("partial", "exact-zones"):
        return _partial_cer(item.truth, hyp) if item.status == "partial" else cer(item.truth, hyp), _recall(
            item.truth, hyp
        )
    if item.status == "exact-nospace":
        return cer(item.truth.replace(" ", ""), hyp.replace(" ", "")), word_f1(item.truth, hyp)
    if item.status == "exact-uppercase":
        return cer(item.truth.upper(), hyp.upper()), word_f1(item.truth.upper(), hyp.upper())
    return cer(item.truth, hyp), word_f1(item.truth, hyp)


def raw(items: list[Item], work: Path, jobs: int) -> tuple[list[str], float]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(n_item: tuple[int, Item]) -> str:
        n, item = n_item
        image = item.path
        if item.path.suffix.lower() == ".pdf":
            stem = work / f"raw-{n}"
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", "-png", str(item.path), str(stem)],
                           check=True, capture_output=True)  # fmt: skip
            image = stem.with_suffix(".png")
        proc = subprocess.run(["tesseract", str(image), "-", "-l", item.lang], capture_output=True, env=env,
                              check=False)  # fmt: skip
        return proc.stdout.decode("utf-8", "replace")

    started = time.monotonic()
    with ThreadPoolExecutor(jobs) as pool:
        texts = list(pool.map(one, enumerate(items)))
    return texts, time.monotonic() - started


def ours(items: list[Item], work: Path, jobs: int, lang: str | None, engine: str | None) -> tuple[list[str], float]:
    """One ``sandbox ocr`` per language (``lang`` None: each item's own), inputs copied under
    numbered names so equal names in different folders cannot collide."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[lang or item.lang].append(n)
    texts = [""] * len(items)
    total = 0.0
    for group_lang, members in groups.items():
        src = Path(tempfile.mkdtemp(dir=work))
        out = Path(tempfile.mkdtemp(dir=work))
        for n in members:
            shutil.copyfile(items[n].path, src / f"i{n:03d}{items[n].path.suffix.lower()}")
        cmd = [sys.executable, "-m", "sandbox", "ocr", str(src), "-o", str(out), "--to", "txt", "-l", group_lang,
               "-j", str(jobs), "-q", "--isolation", "none", "--force"]  # fmt: skip
        if engine:
            cmd += ["--engine", engine]
        started = time.monotonic()
        subprocess.run(cmd, capture_output=True, check=False)
        total += time.monotonic() - started
        for n in members:
            found = out / f"i{n:03d}.txt"
            texts[n] = found.read_text(encoding="utf-8") if found.exists() else ""
    return texts, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--items", action="store_true", help="a line per item")
    parser.add_argument("--engine", default=None, help="passed to sandbox ocr --engine")
    parser.add_argument("--no-auto", action="store_true", help="skip the -l auto run")
    args = parser.parse_args()
    items = load(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        raw_texts, raw_s = raw(items, work, args.jobs)
        our_texts, our_s = ours(items, work, args.jobs, None, args.engine)
        auto_texts, auto_s = ([""] * len(items), 0.0) if args.no_auto else ours(items, work, args.jobs, "auto",
                                                                                  args.engine)  # fmt: skip
    rows = [
        Row(item, (score(item, r), score(item, o), score(item, a)))
        for item, r, o, a in zip(items, raw_texts, our_texts, auto_texts, strict=True)
    ]
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.item.kind].append(row)
    print(f"{len(items)} items from {args.corpus}")
    if args.items:
        print(f"{'item':44} {'lang':8} {'raw CER':>8} {'ours':>8} {'auto':>8}")
        for row in rows:
            name = str(row.item.path.relative_to(args.corpus))[:44]
            r, o, a = row.scores
            print(f"{name:44} {row.item.lang[:8]:8} {r[0]:8.3f} {o[0]:8.3f} {a[0]:8.3f}")
    print(f"{'group':18} {'n':>3} {'raw CER/F1':>13} {'ours CER/F1':>13} {'auto CER/F1':>13}")
    for kind, members in sorted(groups.items()):
        print(f"{kind:18} {len(members):3d} " + " ".join(_mean(members, k) for k in (0, 1, 2)))
    print(f"{'overall':18} {len(rows):3d} " + " ".join(_mean(rows, k) for k in (0, 1, 2)))
    print(f"time: raw {raw_s:.1f} s, sandbox ocr -l LANG {our_s:.1f} s ({our_s / raw_s:.2f}x), "
          f"-l auto {auto_s:.1f} s")  # fmt: skip


def _mean(rows: list[Row], k: int) -> str:
    values = [row.scores[k] for row in rows]
    c = sum(v[0] for v in values) / len(values)
    f = sum(v[1] for v in values) / len(values)
    return f"{c:6.3f}/{f:5.3f}"


if __name__ == "__main__":
    main()
