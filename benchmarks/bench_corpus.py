"""Reading real pages: ``sandbox ocr`` against raw Tesseract on a corpus with ground truth.

    .venv/bin/python -m benchmarks.bench_corpus [--corpus ../shared/corpus-dev] [--generated] [--kinds]
        [--words] [--separate] [--items] [--only C,…]

The corpus is a folder with ``index.tsv`` (input, gt_file, gt_status, lang, kind, note), as
in ``../shared/corpus-dev``.  Every item with ground truth is read by raw Tesseract
(``tesseract IMG - -l LANG``; PDFs rendered with ``pdftoppm -r 300`` first; two at a time)
and by ``sandbox ocr`` in four configurations: Tesseract with the reading steps, PP-OCR alone,
``--engine auto``, and ``--engine auto -l auto`` (one command per group and language, its own
pool), all on the same cores, one after another.  Scores: CER after NFKC/whitespace
normalisation (spaces ignored for ``exact-nospace``), order-free word F1; for ``partial`` and
``exact-zones`` ground truth (it covers only part of the image) the CER of the best-matching
stretch of the output and word recall.  Items with no text (``empty``) score 1.0 per output
character.  Prints per group (``kind``) and overall: CER/F1 and seconds of each configuration,
the time ratio to raw Tesseract, and how many items are more than 0.05 CER worse than raw, and
the *empty readings*: items whose ground truth has text (their image has writing) read as
nothing, and how many of those the run said and counted as unread pages (``unread_pages`` of
``--json-summary``); an empty reading that is not counted is a silent one.  ``--kinds`` adds the
generated kinds of ``benchmarks/unseen_kinds.py`` (legal pages with line numbers, tables, two
columns, receipt photos, line images, Chinese word photos); ``--separate`` runs one ``sandbox
ocr`` per item (how scripts and the hot folder call it), as raw Tesseract is run, each item's
commands back to back (raw and every configuration, interleaved: the same load for all), and
times are the commands' own (``BENCH_BASELINE=PYTHON``: each configuration once more, run by
another checkout's interpreter, as its own column).  ``BENCH_ISOLATION=bwrap`` runs ``sandbox ocr`` in bubblewrap, as
users do (default: ``none``).  A ``--separate`` command is given ``-j 1``; ``BENCH_SEPARATE_JOBS=default`` gives
none, as scripts and the hot folder call it (its default: a worker per core, no more than its pages).
"""

from __future__ import annotations

import argparse
import csv
import json
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
ISOLATION = os.environ.get("BENCH_ISOLATION", "none")  # how sandbox ocr runs (bwrap: as users run it)
SEPARATE_JOBS = os.environ.get("BENCH_SEPARATE_JOBS", "1")  # -j of a --separate command; "default": none given
SCORED = ("exact", "exact-nospace", "exact-uppercase", "exact-zones", "partial")


@dataclass(frozen=True)
class Item:
    path: Path
    truth: str
    status: str
    lang: str
    kind: str


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


def load_labelled(root: Path) -> list[Item]:
    """The generated set of ``benchmarks/labelled_set.py`` (``NAME.gt.txt``, ``NAME.lang``; the
    group is the name's part before ``__``), scored the same way."""
    items = []
    for gt in sorted(root.glob("*.gt.txt")):
        stem = gt.name.removesuffix(".gt.txt")
        image = next(p for p in root.glob(stem + ".*") if p.suffix in (".png", ".jpg"))
        lang = (root / f"{stem}.lang").read_text().strip()
        items.append(Item(image, gt.read_text(encoding="utf-8"), "exact", lang, "gen-" + stem.split("__")[0]))
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


Texts = list[str]
Times = dict[str, float]  # group (kind) → seconds


def _raw_one(items: list[Item], work: Path, n: int) -> str:
    """``tesseract IMG - -l LANG`` on item ``n`` (a PDF rendered with ``pdftoppm -r 300`` first)."""
    item = items[n]
    image = item.path
    if item.path.suffix.lower() == ".pdf":
        stem = work / f"raw-{n}"
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-singlefile", "-png", str(item.path), str(stem)],
                       check=True, capture_output=True)  # fmt: skip
        image = stem.with_suffix(".png")
    proc = subprocess.run(["tesseract", str(image), "-", "-l", item.lang], capture_output=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)  # fmt: skip
    return proc.stdout.decode("utf-8", "replace")


def raw(items: list[Item], work: Path, jobs: int) -> tuple[Texts, Times]:
    """``tesseract IMG - -l LANG`` per item, ``jobs`` at a time, one group after another."""
    texts = [""] * len(items)
    times: Times = defaultdict(float)
    for kind, members in _groups(items).items():
        started = time.monotonic()
        with ThreadPoolExecutor(jobs) as pool:
            for n, text in zip(members, pool.map(lambda m: _raw_one(items, work, m), members), strict=True):
                texts[n] = text
        times[kind] += time.monotonic() - started
    return texts, times


BASELINE = " (baseline)"  # a configuration's column run by --baseline's interpreter


def interleaved(
    items: list[Item], work: Path, jobs: int, names: list[str], unread: dict[str, set[int]]
) -> dict[str, tuple[Texts, Times]]:
    """``--separate``: each item's commands run back to back, raw Tesseract's and one ``sandbox
    ocr`` per configuration (their order turned by one each item), ``jobs`` items at a time: on
    a shared machine whose load changes, every configuration meets the same load.  A group's
    seconds are its commands' wall times summed, divided by ``jobs``.  A name ending in
    :data:`BASELINE` runs its configuration with ``BENCH_BASELINE``'s interpreter (another
    checkout's environment: before and after a change in one run)."""
    columns = ["raw", *names]
    texts = {c: [""] * len(items) for c in columns}
    times: dict[str, Times] = {c: defaultdict(float) for c in columns}

    def one(n: int) -> dict[str, tuple[str, float, bytes]]:
        shift = n % len(columns)
        done = {}
        for column in columns[shift:] + columns[:shift]:
            started = time.monotonic()
            if column == "raw":
                text, summary = _raw_one(items, work, n), b""
            else:
                engine, lang = CONFIGS[column.removesuffix(BASELINE)]
                python = os.environ["BENCH_BASELINE"] if column.endswith(BASELINE) else sys.executable
                found, summary = _command(
                    items, work, jobs, engine, lang or items[n].lang, [n], separate=True, python=python
                )
                text = found[0]
            done[column] = (text, time.monotonic() - started, summary)
        return done

    with ThreadPoolExecutor(jobs) as pool:
        for n, done in enumerate(pool.map(one, range(len(items)))):
            for column, (text, seconds, summary) in done.items():
                texts[column][n] = text
                times[column][items[n].kind] += seconds / jobs
                if column != "raw":
                    unread[column] |= _unread_items(summary)
    return {c: (texts[c], times[c]) for c in columns}


def _groups(items: list[Item]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        groups[item.kind].append(n)
    return groups


def _batches(items: list[Item], members: list[int], lang: str | None, separate: bool) -> list[tuple[str, list[int]]]:
    """The commands' inputs: one per item (``separate``), else one per language."""
    if separate:
        return [(lang or items[n].lang, [n]) for n in members]
    by_lang: dict[str, list[int]] = defaultdict(list)
    for n in members:
        by_lang[lang or items[n].lang].append(n)
    return list(by_lang.items())


def ours(
    items: list[Item], work: Path, jobs: int, lang: str | None, engine: str, unread: set[int] | None = None,
    separate: bool = False,
) -> tuple[Texts, Times]:  # fmt: skip
    """One ``sandbox ocr`` per group and language (``lang`` None: each item's own), or per item
    (``separate``: ``jobs`` commands at a time, as raw Tesseract runs), inputs copied under
    numbered names so equal names in different folders cannot collide.  Items the run counted
    as having an unread page are added to ``unread``."""
    texts = [""] * len(items)
    times: Times = defaultdict(float)
    for kind, members in _groups(items).items():
        batches = _batches(items, members, lang, separate)
        started = time.monotonic()
        with ThreadPoolExecutor(jobs if separate else 1) as pool:
            done = list(pool.map(lambda b: _command(items, work, jobs, engine, *b, separate=separate), batches))
        times[kind] += time.monotonic() - started
        for (_, ns), (found, summary) in zip(batches, done, strict=True):
            if unread is not None:
                unread |= _unread_items(summary)
            for n, text in zip(ns, found, strict=True):
                texts[n] = text
    return texts, times


def _command(
    items: list[Item], work: Path, jobs: int, engine: str, group_lang: str, ns: list[int], *, separate: bool,
    python: str = sys.executable,
) -> tuple[list[str], bytes]:  # fmt: skip
    """One ``sandbox ocr`` over items ``ns`` (run by ``python``): their texts, and its JSON summary."""
    src = Path(tempfile.mkdtemp(dir=work))
    out = Path(tempfile.mkdtemp(dir=work))
    for n in ns:
        shutil.copyfile(items[n].path, src / f"i{n:03d}{items[n].path.suffix.lower()}")
    given = SEPARATE_JOBS if separate else str(jobs)
    cmd = [python, "-m", "sandbox", "ocr", str(src), "-o", str(out), "--to", "txt", "-l", group_lang,
           *(["-j", given] if given != "default" else []), "-q", "--isolation", ISOLATION, "--force",
           "--engine", engine, "--json-summary"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, check=False, cwd=work)  # not ours: -m finds python's own
    texts = []
    for n in ns:
        found = out / f"i{n:03d}.txt"
        texts.append(found.read_text(encoding="utf-8") if found.exists() else "")
    return texts, proc.stdout


def _unread_items(summary: bytes) -> set[int]:
    """Item numbers (``iNNN`` names) the JSON summary lists with unread pages."""
    try:
        docs = json.loads(summary).get("documents", [])
    except (json.JSONDecodeError, AttributeError):
        return set()
    return {int(Path(d["file"]).stem[1:]) for d in docs if d.get("unread_pages") and Path(d["file"]).stem[1:].isdigit()}


def empty_readings(items: list[Item], texts: Texts) -> list[int]:
    """Items with text in their ground truth (writing on the image) read as nothing."""
    pairs = enumerate(zip(items, texts, strict=True))
    return [n for n, (item, text) in pairs if item.truth.strip() and not text.strip()]


CONFIGS = {  # name → (engine, -l) of sandbox ocr; "raw" is the tesseract program
    "tesseract": ("tesseract", None),
    "ppocr": ("ppocr", None),
    "auto": ("auto", None),
    "auto -l auto": ("auto", "auto"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--items", action="store_true", help="a line per item")
    parser.add_argument("--only", default="", help="comma-separated configurations (default: all)")
    parser.add_argument("--generated", action="store_true", help="also the generated labelled set")
    parser.add_argument("--words", action="store_true", help="also one-word line images (benchmarks/word_lines.py)")
    parser.add_argument("--no-corpus", action="store_true", help="leave the corpus out (with --words or --generated)")
    parser.add_argument("--kinds", action="store_true", help="also the generated kinds (benchmarks/unseen_kinds.py)")
    parser.add_argument("--separate", action="store_true", help="one sandbox ocr command per item")
    args = parser.parse_args()
    items = [] if args.no_corpus else load(args.corpus)
    if args.words:
        from benchmarks.word_lines import make as make_words

        words_root = Path(tempfile.mkdtemp(prefix="word-lines-"))
        items += [Item(path, word, "exact", "eng", "gen-word") for path, word in make_words(words_root)]
    if args.generated:
        from benchmarks.labelled_set import main as make_set

        gen_root = Path(tempfile.mkdtemp(prefix="labelled-"))
        make_set(gen_root)
        items += load_labelled(gen_root)
    if args.kinds:
        from benchmarks.unseen_kinds import main as make_kinds

        kinds_root = Path(tempfile.mkdtemp(prefix="unseen-kinds-"))
        make_kinds(kinds_root)
        items += load_labelled(kinds_root)
    names = [n for n in CONFIGS if not args.only or n in args.only.split(",")]
    if args.separate and os.environ.get("BENCH_BASELINE"):
        names += [n + BASELINE for n in names]
    results: dict[str, tuple[Texts, Times]] = {}
    unread: dict[str, set[int]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.separate:
            results = interleaved(items, work, args.jobs, names, unread)
        else:
            results["raw"] = raw(items, work, args.jobs)
            for name in names:
                engine, lang = CONFIGS[name]
                results[name] = ours(items, work, args.jobs, lang, engine, unread[name])
    columns = ["raw", *names]
    scores = {c: [score(item, text) for item, text in zip(items, results[c][0], strict=True)] for c in columns}
    print(f"{len(items)} items from {args.corpus}; CER/word F1 (recall for partial ground truth), seconds")
    if args.items:
        print(f"{'item':44} " + " ".join(f"{c[:12]:>12}" for c in columns))
        for n, item in enumerate(items):
            name = (
                str(item.path.relative_to(args.corpus)) if item.path.is_relative_to(args.corpus) else item.path.name
            )[:44]
            print(f"{name:44} " + " ".join(f"{scores[c][n][0]:12.3f}" for c in columns))
    print(f"{'group':17} {'n':>3} " + " ".join(f"{c[:19]:>19}" for c in columns))
    groups = _groups(items)
    for kind, members in [*sorted(groups.items()), ("overall", list(range(len(items))))]:
        cells = []
        for c in columns:
            vals = [scores[c][n] for n in members]
            secs = sum(results[c][1].values()) if kind == "overall" else results[c][1][kind]
            cells.append(f"{sum(v[0] for v in vals) / len(vals):.3f}/{sum(v[1] for v in vals) / len(vals):.3f} "
                         f"{secs:5.1f}s")  # fmt: skip
        print(f"{kind:17} {len(members):3d} " + " ".join(f"{cell:>19}" for cell in cells))
    for c in columns[1:]:
        worse = [n for n in range(len(items)) if scores[c][n][0] > scores["raw"][n][0] + 0.05]
        ratio = sum(results[c][1].values()) / max(1e-9, sum(results["raw"][1].values()))
        print(f"{c}: time {ratio:.2f}x raw; items more than 0.05 CER worse than raw: {len(worse)}")
    for c in columns:
        empty = empty_readings(items, results[c][0])
        said = [n for n in empty if n in unread[c]]
        print(f"{c}: empty readings of images with writing: {len(empty)}; counted as unread pages: {len(said)}; "
              f"silent: {len(empty) - len(said) if c != 'raw' else len(empty)}")  # fmt: skip
        if args.items and empty:
            print("  " + ", ".join(items[n].path.name for n in empty))


if __name__ == "__main__":
    main()
