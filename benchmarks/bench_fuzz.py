"""Leak fuzzer: random documents through the real CLI, every output attacked.

    .venv/bin/python -m benchmarks.bench_fuzz [--seed 1] [--count 20] [--json FILE] [--keep DIR]
                                              [--isolation auto|none] [--extra=--unread --extra=redact]
    .venv/bin/python -m benchmarks.bench_fuzz --merge PIECE.json ... [--json FILE]

A run may be made in pieces (``--start``, ``--count``: one after another, or side by side on
more cores); ``--merge`` reports the pieces of one seed as one run.

Documents come from ``benchmarks/fuzzdocs.py`` (its ``DISTRIBUTION`` is the declared
distribution).  Each is redacted by ``sandbox redact IN -o OUT --to pdf --terms T -l LANG``
(the listed form of every planted name in T; the installed ``sandbox`` beside this Python),
one at a time.  Every output of an exit-0 run is attacked with ``benchmarks.attacker``'s
readings (metadata, pdftotext, streams; Tesseract on every one of its views, PP-OCR) plus
the views the redaction claims to defeat that the attacker lacks (mirrored, softened and
thresholded, ink closed, rules removed, Lab colour-opponent channels, light ink turned to
the watermark's angle, vertical CJK) and a barcode decoder (zxing-cpp on four views).
Every output something is recovered from is also given to ``sandbox verify`` (same terms and
languages): it must fail each one.

An item is *recovered* when any reading holds any of its secrets (after the attacker's
folding).  Reported per item class and per trait: items recovered while the CLI exited 0,
documents refused (exit ≠ 0), innocent words kept (of those a plain Tesseract pass reads in
the input, read in the output by plain Tesseract or PP-OCR), and time.  Lines name
documents by id and items by class: never planted text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from benchmarks import attacker, fuzzdocs

SANDBOX = Path(sys.executable).with_name("sandbox")
WATERMARK_ANGLE = 35.0  # degrees: the page diagonal fuzzdocs draws watermarks along (±6)


# --- the attack ------------------------------------------------------------------------------


def _gray(img: Image.Image) -> Image.Image:
    return img.convert("RGB").convert("L")


def _threshold(img: Image.Image, level: int) -> Image.Image:
    return img.point(lambda v: 0 if v < level else 255)


def _rules_removed(gray: Image.Image) -> Image.Image:
    """Long horizontal and vertical strokes (comb boxes, table rules) made white."""
    import cv2

    a = np.asarray(gray, dtype=np.uint8)
    ink = (a < 160).astype(np.uint8) * 255
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (45, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 45)))
    out = a.copy()
    rules = np.maximum(h, v).astype(np.uint8)
    out[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 255
    return Image.fromarray(out)


def _lab_channels(img: Image.Image) -> Iterator[Image.Image]:
    """Lab's a* (red–green) and b* (blue–yellow), stretched: isoluminant ink stands out."""
    lab = img.convert("RGB").convert("LAB")
    for band in lab.split()[1:]:
        yield ImageOps.autocontrast(band, cutoff=1)


def extra_views(img: Image.Image, cjk: bool) -> Iterator[tuple[str, Image.Image, str, int]]:
    """(name, image, languages, page segmentation mode) of the views beyond the attacker's."""
    gray = _gray(img)
    lang = "chi_sim+eng" if cjk else "eng"
    yield "mirrored", ImageOps.mirror(gray), lang, 3
    soft = gray.filter(ImageFilter.GaussianBlur(2))
    yield "softened", _threshold(ImageOps.autocontrast(soft, cutoff=1), 170), lang, 3
    yield "closed", gray.filter(ImageFilter.MinFilter(3)), lang, 3
    yield "rules-removed", _rules_removed(gray), lang, 3
    for n, band in enumerate(_lab_channels(img)):
        yield f"lab-{'ab'[n]}", band, lang, 3
        yield f"lab-{'ab'[n]}-inverted", ImageOps.invert(band), lang, 3
    light = gray.point(lambda v: 0 if 150 <= v <= 245 else 255)  # light ink only (watermarks)
    for sign in (1, -1):
        yield (
            f"light-{sign * WATERMARK_ANGLE:+.0f}",
            light.rotate(-sign * WATERMARK_ANGLE, expand=True, fillcolor=255),
            "eng",
            3,
        )
    if cjk:
        yield "vertical", gray, "chi_sim", 5


def barcodes(img: Image.Image) -> list[str]:
    """Every payload zxing-cpp decodes on the page (grey, thresholded, softened, darkest)."""
    import zxingcpp

    gray = _gray(img)
    darkest = Image.fromarray(np.asarray(img.convert("RGB")).min(axis=2))
    found: list[str] = []
    for view in (gray, _threshold(gray, 140), gray.filter(ImageFilter.GaussianBlur(1.5)), darkest):
        found += [c.text for c in zxingcpp.read_barcodes(view) if c.valid]
    return found


def _tesseract_many(jobs: list[tuple[str, Image.Image, str, int]]) -> dict[str, str]:
    """Tesseract on many images, one process per (languages, page segmentation mode): the same
    reading of each image as one run each (Tesseract reads a list file's images one by one and
    ends each page's text with a form feed), without loading the models once per view."""
    groups: dict[tuple[str, int], list[tuple[str, Image.Image]]] = defaultdict(list)
    for name, img, lang, psm in jobs:
        groups[(lang, psm)].append((name, img))
    out: dict[str, str] = {}
    for (lang, psm), members in groups.items():
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for n, (_, img) in enumerate(members):
                f = Path(tmp) / f"v{n:03d}.png"
                img.save(f)
                files.append(str(f))
            listing = Path(tmp) / "list.txt"
            listing.write_text("\n".join(files) + "\n", encoding="utf-8")
            proc = subprocess.run(
                ["tesseract", str(listing), "-", "-l", lang, "--psm", str(psm)],
                capture_output=True,
                check=False,
                timeout=300 * len(members),
                env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
            )
        pages = proc.stdout.decode("utf-8", "replace").split("\f")
        if len(pages) < len(members):  # a page Tesseract could not read: read them one by one
            pages = [attacker._tesseract(img, lang, psm) for _, img in members]
        for (name, _), text in zip(members, pages, strict=False):
            out[name] = text
    return out


def attack(path: Path, lang: str, cjk: bool) -> dict[str, str]:
    """Every reading of one output: name → text."""
    readings: dict[str, str] = {"metadata": attacker._metadata(path)}
    images = attacker._pixels(path) + (attacker._thumbnails(path) if path.suffix != ".pdf" else [])
    jobs: list[tuple[str, Image.Image, str, int]] = []
    for p, img in enumerate(images):
        for n, view in enumerate(attacker.views(img, thorough=True)):
            jobs.append((f"p{p}.view{n}", view, lang, 3))
        readings[f"p{p}.ppocr"] = attacker._ppocr(img)
        readings[f"p{p}.ppocr-mirrored"] = attacker._ppocr(ImageOps.mirror(img))
        for name, view, view_lang, psm in extra_views(img, cjk):
            jobs.append((f"p{p}.{name}", view, view_lang, psm))
        readings[f"p{p}.barcodes"] = "\n".join(barcodes(img))
    readings.update(_tesseract_many(jobs))
    return readings


def plain_readings(path: Path, lang: str) -> str:
    """What one plain Tesseract pass reads in the input: the base for innocent words."""
    return "\n".join(attacker._tesseract(_gray(img), lang) for img in attacker._pixels(path))


# --- one document --------------------------------------------------------------------------


@dataclass
class Result:
    doc: fuzzdocs.Doc
    exit: int
    redact_s: float
    attack_s: float = 0.0
    recovered: list[str] = field(default_factory=list)  # item kinds
    innocent_base: int = 0
    innocent_kept: int = 0
    text_in_messages: int = 0
    by: dict[str, list[str]] = field(default_factory=dict)  # item kind → readings that recovered it
    refusal: str = ""  # why the CLI refused (a class of its message, see ``refusal``)
    verify_passed: int = 0  # outputs something was recovered from that ``sandbox verify`` passed


REFUSALS = (  # (class, words of the CLI's message): messages carry no document text
    ("unread-ink", "no reading could read"),
    ("code-still-readable", "barcode or QR code"),
    ("still-readable-after-burn", "still readable after burning"),
    ("output-check", "verification failed"),
    ("timeout", "timed out"),
)


def refusal(code: int, log: str) -> str:
    """The class of a refusal, from the CLI's one-line message ("" when it exited 0)."""
    if code == 0:
        return ""
    if code < 0:
        return "timeout"
    return next((name for name, words in REFUSALS if words in log), f"exit-{code}")


def _redact(doc: fuzzdocs.Doc, out: Path, terms: Path, isolation: str, extra: list[str]) -> tuple[int, float, str]:
    argv = [str(SANDBOX), "redact", str(doc.path), "-o", str(out), "--to", "pdf", "--terms", str(terms),
            "-l", doc.lang, "--isolation", isolation, "--quiet", *extra]  # fmt: skip
    started = time.monotonic()
    try:
        proc = subprocess.run(argv, capture_output=True, check=False, timeout=900, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return -1, time.monotonic() - started, ""
    return (
        proc.returncode,
        time.monotonic() - started,
        proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace"),
    )


def _verify(output: Path, terms: Path, lang: str, isolation: str) -> int:
    """``sandbox verify`` on one output with the same terms and languages: its exit code."""
    argv = [str(SANDBOX), "verify", str(output), "--terms", str(terms), "-l", lang, "--isolation", isolation, "--quiet"]
    try:
        return subprocess.run(argv, capture_output=True, check=False, timeout=900, stdin=subprocess.DEVNULL).returncode
    except subprocess.TimeoutExpired:
        return -1


def run_one(doc: fuzzdocs.Doc, work: Path, isolation: str, extra: list[str]) -> Result:
    terms = work / f"{doc.id}.terms.txt"
    listed = sorted({it.term for it in doc.items if it.term})
    terms.write_text("".join(t + "\n" for t in listed) or "# none\n", encoding="utf-8")
    out = work / f"{doc.id}.out"
    code, seconds, log = _redact(doc, out, terms, isolation, extra)
    res = Result(doc, code, seconds, refusal=refusal(code, log))
    planted = [s for it in doc.items for s in (it.written, *it.secrets)] + list(doc.innocent)
    res.text_in_messages = sum(1 for s in set(planted) if s and s in log)
    base = attacker.norm(plain_readings(doc.path, doc.lang))
    innocent = [w for w in doc.innocent if attacker.norm(w) in base]
    res.innocent_base = len(innocent)
    if code != 0:
        return res
    started = time.monotonic()
    cjk = "chi" in doc.lang
    readings: dict[str, str] = {}
    for output in sorted(out.glob("*.pdf")):
        readings.update({f"{output.stem}.{k}": v for k, v in attack(output, doc.lang, cjk).items()})
    folded = {k: attacker.norm(v) for k, v in readings.items()}
    lures = [attacker.norm(w) for w in doc.innocent if attacker.norm(w)]
    for it in doc.items:
        needles = [attacker.norm(s) for s in it.secrets if attacker.norm(s)]
        # a secret inside an ordinary word the page holds (机密 in 数据机密性, kept by design) is
        # not recovered: that word is taken out of the readings before the secret is looked for
        inside = [w for w in lures if any(n in w for n in needles)]
        hits = sorted(
            k.split(".", 1)[1] for k, text in folded.items() if any(n in _without(text, inside) for n in needles)
        )
        if hits:
            res.recovered.append(it.kind)
            res.by[it.kind] = hits
    if res.recovered:  # verify must fail every output something was recovered from
        res.verify_passed = sum(_verify(output, terms, doc.lang, isolation) == 0 for output in out.glob("*.pdf"))
    plain = " ".join(v for k, v in folded.items() if k.endswith((".view0", ".ppocr")))
    res.innocent_kept = sum(1 for w in innocent if attacker.norm(w) in plain)
    res.attack_s = time.monotonic() - started
    return res


def _without(text: str, words: list[str]) -> str:
    """``text`` with every occurrence of ``words`` replaced by a space."""
    for word in words:
        text = text.replace(word, " ")
    return text


# --- report --------------------------------------------------------------------------------


def _line(r: Result) -> str:
    traits = ",".join(f"{k}={v}" for k, v in r.doc.traits.items())
    rec = ",".join(r.recovered) or "-"
    kept = f"{r.innocent_kept}/{r.innocent_base}" if r.exit == 0 else f"- refused:{r.refusal}"
    return (
        f"{r.doc.id} exit={r.exit} items={len(r.doc.items)} recovered={rec} "
        f"innocent={kept} redact={r.redact_s:.1f}s attack={r.attack_s:.1f}s [{traits}]"
    )


def summarise(results: list[Result], seed: int, seconds: float) -> dict[str, Any]:
    by_class: dict[str, Counter[str]] = defaultdict(Counter)
    by_trait: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        ok = r.exit == 0
        for it in r.doc.items:
            c = by_class[it.kind]
            c["planted"] += 1
            c["refused" if not ok else "exit0"] += 1
            c["recovered_exit0"] += int(ok and it.kind in r.recovered)
        for trait, value in r.doc.traits.items():
            c = by_trait[f"{trait}={value}"]
            c["docs"] += 1
            c["refused"] += int(not ok)
            c["docs_leaking"] += int(ok and bool(r.recovered))
            c["items_recovered_exit0"] += len(r.recovered) if ok else 0
    exit0 = [r for r in results if r.exit == 0]
    base = sum(r.innocent_base for r in exit0)
    return {
        "seed": seed,
        "documents": len(results),
        "distribution": fuzzdocs.DISTRIBUTION,
        "items_planted": sum(len(r.doc.items) for r in results),
        "items_recovered_exit0": sum(len(r.recovered) for r in exit0),
        "documents_exit0": len(exit0),
        "documents_leaking_exit0": sum(1 for r in exit0 if r.recovered),
        "refused": dict(Counter(str(r.exit) for r in results if r.exit != 0)),
        "refused_by_cause": dict(Counter(r.refusal for r in results if r.exit != 0)),
        "innocent_kept": round(sum(r.innocent_kept for r in exit0) / base, 3) if base else None,
        "text_in_messages": sum(r.text_in_messages for r in results),
        "verify_passed_leaking": sum(r.verify_passed for r in results),
        "seconds": round(seconds, 1),
        "redact_seconds_per_doc": round(sum(r.redact_s for r in results) / max(1, len(results)), 1),
        "attack_seconds_per_doc": round(sum(r.attack_s for r in exit0) / max(1, len(exit0)), 1),
        "by_class": {k: dict(v) for k, v in sorted(by_class.items())},
        "by_trait": {k: dict(v) for k, v in sorted(by_trait.items())},
        "docs": [
            {
                "id": r.doc.id,
                "traits": r.doc.traits,
                "items": [it.kind for it in r.doc.items],
                "exit": r.exit,
                "refusal": r.refusal,
                "recovered": r.recovered,
                "recovered_by": r.by,
                "innocent": [r.innocent_kept, r.innocent_base],
                "redact_s": round(r.redact_s, 1),
                "attack_s": round(r.attack_s, 1),
            }
            for r in results
        ],
    }


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One summary of a seed's run made in pieces (``--start``/``--count``, one after another or
    side by side): counts added, shares and per-document times recomputed from the pieces'
    documents.  The pieces must share the seed and the distribution and hold no document twice."""
    if len({p["seed"] for p in parts}) != 1 or any(p["distribution"] != parts[0]["distribution"] for p in parts):
        raise ValueError("pieces of different seeds or distributions")
    docs = [d for p in parts for d in p["docs"]]
    if len({d["id"] for d in docs}) != len(docs):
        raise ValueError("a document is in two pieces")
    docs.sort(key=lambda d: d["id"])
    exit0 = [d for d in docs if d["exit"] == 0]
    base = sum(d["innocent"][1] for d in exit0)

    def added(key: str) -> dict[str, dict[str, int]]:
        out: dict[str, Counter[str]] = defaultdict(Counter)
        for p in parts:
            for name, counts in p[key].items():
                out[name].update(counts)
        return {k: dict(v) for k, v in sorted(out.items())}

    def total(key: str) -> dict[str, int]:
        out: Counter[str] = Counter()
        for p in parts:
            out.update(p[key])
        return dict(out)

    return {
        **{k: parts[0][k] for k in ("seed", "distribution")},
        "documents": len(docs),
        **{k: sum(p[k] for p in parts) for k in ("items_planted", "items_recovered_exit0", "documents_exit0",
                                                  "documents_leaking_exit0", "text_in_messages",
                                                  "verify_passed_leaking")},
        "refused": total("refused"),
        "refused_by_cause": total("refused_by_cause"),
        "innocent_kept": round(sum(d["innocent"][0] for d in exit0) / base, 3) if base else None,
        "seconds": round(sum(p["seconds"] for p in parts), 1),
        "redact_seconds_per_doc": round(sum(d["redact_s"] for d in docs) / max(1, len(docs)), 1),
        "attack_seconds_per_doc": round(sum(d["attack_s"] for d in exit0) / max(1, len(exit0)), 1),
        "by_class": added("by_class"),
        "by_trait": added("by_trait"),
        "docs": docs,
    }  # fmt: skip


def table(summary: dict[str, Any]) -> str:
    rows = ["class                          planted  exit0  recovered(exit0)  refused"]
    for kind, c in summary["by_class"].items():
        rows.append(
            f"{kind:30} {c.get('planted', 0):7} {c.get('exit0', 0):6} {c.get('recovered_exit0', 0):17} "
            f"{c.get('refused', 0):8}"
        )
    rows.append("")
    rows.append("trait                                docs  refused  docs-leaking  items-recovered")
    for trait, c in summary["by_trait"].items():
        rows.append(f"{trait:36} {c['docs']:4} {c['refused']:8} {c['docs_leaking']:13} {c['items_recovered_exit0']:16}")
    s = summary
    rows += [
        "",
        f"documents {s['documents']} (seed {s['seed']}): exit 0 {s['documents_exit0']}, refused {s['refused'] or 0} "
        f"{s['refused_by_cause'] or ''}",
        f"items recoverable while exit 0: {s['items_recovered_exit0']} of {s['items_planted']} planted "
        f"({s['documents_leaking_exit0']} documents; target 0)",
        f"innocent words kept: {s['innocent_kept']}  document text in messages: {s['text_in_messages']} (target 0)",
        f"leaking outputs sandbox verify passed: {s['verify_passed_leaking']} (target 0)",
        f"time {s['seconds']} s: redact {s['redact_seconds_per_doc']} s/doc, "
        f"attack {s['attack_seconds_per_doc']} s/doc",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=20)
    ap.add_argument("--start", type=int, default=0, help="first document index (to resume a run)")
    ap.add_argument("--json", type=Path, default=None, help="summary file (default fuzz-s{seed}-n{count}.json)")
    ap.add_argument("--keep", type=Path, default=None, help="keep inputs and outputs in this folder")
    ap.add_argument("--isolation", default="auto", choices=("auto", "none"))
    ap.add_argument("--extra", action="append", default=[], help="one more redact argument (repeatable)")
    ap.add_argument("--merge", type=Path, nargs="+", default=None,
                    help="summaries of one seed's pieces: print and write (--json) them as one run")  # fmt: skip
    args = ap.parse_args(argv)
    if args.merge:
        summary = merge([json.loads(f.read_text(encoding="utf-8")) for f in args.merge])
        dest = args.json or Path(f"fuzz-s{summary['seed']}-n{summary['documents']}.json")
        dest.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(table(summary))
        print(f"summary: {dest}")
        return 0 if summary["items_recovered_exit0"] == 0 and summary["text_in_messages"] == 0 else 1
    if not SANDBOX.exists():
        sys.exit(f"bench_fuzz: {SANDBOX} not found; run it with the project's .venv/bin/python")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    started = time.monotonic()
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for index in range(args.start, args.start + args.count):
            doc = fuzzdocs.make(args.seed, index, work / "in")
            results.append(run_one(doc, work, args.isolation, args.extra))
            print(_line(results[-1]), file=sys.stderr, flush=True)
    summary = summarise(results, args.seed, time.monotonic() - started)
    dest = args.json or Path(f"fuzz-s{args.seed}-n{args.count}.json")
    dest.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(summary))
    print(f"summary: {dest}")
    return 0 if summary["items_recovered_exit0"] == 0 and summary["text_in_messages"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
