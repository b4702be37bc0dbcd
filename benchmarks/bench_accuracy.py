"""Accuracy against raw Tesseract on a labelled set, per item and per group, with the time.

    .venv/bin/python -m benchmarks.bench_accuracy [--set DIR] [--jobs N] [--items]

Generates the set (benchmarks/labelled_set.py) unless --set names one, then for every group
and language runs, on the same images and cores: raw Tesseract (``tesseract IMG - -l LANG``,
images in parallel with ``xargs -P jobs``, OMP_THREAD_LIMIT=1) and ``sandbox ocr -l LANG``
(one run per batch, its own process pool).  Prints character error rate (benchmarks.metrics)
and order-independent word F1 per group (per item with --items), the ratio of CERs and the
time ratio, and checks the targets of issue 7.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.labelled_set import main as make_set
from benchmarks.metrics import cer, word_f1
from sandbox.config import default_jobs

TARGETS = {  # group → (max CER ratio tool/raw, note)
    "rotated": (0.2, "≤ 1/5 of raw"),
    "skewed": (0.5, "≤ 1/2 of raw"),
    "lowres": (0.5, "≤ 1/2 of raw"),
}


def items(root: Path) -> dict[tuple[str, str], list[Path]]:
    batches: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for gt in sorted(root.glob("*.gt.txt")):
        stem = gt.name.removesuffix(".gt.txt")
        image = next(p for p in root.glob(stem + ".*") if p.suffix in (".png", ".jpg"))
        lang = (root / f"{stem}.lang").read_text().strip()
        batches[(stem.split("__")[0], lang)].append(image)
    return batches


def run_raw(images: list[Path], lang: str, out: Path, jobs: int) -> float:
    out.mkdir(parents=True, exist_ok=True)
    listing = "\n".join(str(p) for p in images)
    script = (
        f'xargs -P {jobs} -I{{}} sh -c \'tesseract "$1" "{out}/$(basename "$1")" -l {lang} txt 2>/dev/null\' _ {{}}'
    )
    start = time.monotonic()
    subprocess.run(
        ["bash", "-c", script], input=listing, text=True, check=True, env=dict(os.environ, OMP_THREAD_LIMIT="1")
    )
    return time.monotonic() - start


def run_tool(images: list[Path], lang: str, out: Path, jobs: int) -> float:
    exe = str(Path(sys.executable).with_name("sandbox"))
    start = time.monotonic()
    subprocess.run([exe, "ocr", "-q", "-l", lang, "-j", str(jobs), "-o", str(out), "--to", "txt", "--force",
                    *map(str, images)], check=False)  # fmt: skip
    return time.monotonic() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", type=Path, default=None)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--items", action="store_true", help="also print every item")
    ap.add_argument("--copies", type=int, default=12, help="clean pages are timed as a batch of this many copies each")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-acc-") as tmp:
        root = args.set or Path(tmp) / "set"
        if args.set is None:
            make_set(root)
        results: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        rows = []
        for (group, lang), images in sorted(items(root).items()):
            raw_dir, tool_dir = Path(tmp) / "raw" / group, Path(tmp) / "tool" / group
            t_raw = run_raw(images, lang, raw_dir, args.jobs)
            t_tool = run_tool(images, lang, tool_dir, args.jobs)
            results[group]["t_raw"].append(t_raw)
            results[group]["t_tool"].append(t_tool)
            for image in images:
                stem = image.name.rsplit(".", 1)[0]
                truth = (root / f"{stem}.gt.txt").read_text(encoding="utf-8")
                raw_file = raw_dir / f"{image.name}.txt"
                raw = raw_file.read_text(encoding="utf-8") if raw_file.exists() else ""
                tool_file = tool_dir / f"{stem}.txt"
                tool = tool_file.read_text(encoding="utf-8") if tool_file.exists() else ""
                scores = (cer(truth, raw), cer(truth, tool), word_f1(truth, raw), word_f1(truth, tool))
                for key, value in zip(("cer_raw", "cer_tool", "f1_raw", "f1_tool"), scores, strict=True):
                    results[group][key].append(value)
                rows.append((group, stem, lang, *scores))
        if args.items:
            print(f"{'item':42} {'lang':12} {'CER raw':>8} {'CER tool':>8} {'F1 raw':>7} {'F1 tool':>7}")
            for _group, stem, lang, cr, ct, fr, ft in rows:
                print(f"{stem:42} {lang:12} {cr:8.3f} {ct:8.3f} {fr:7.3f} {ft:7.3f}")
            print()
        # Time of clean upright pages, in a batch large enough that start-up (sandbox, pool) is amortised.
        clean_raw = clean_tool = 0.0
        n_pages = 0
        for (group, lang), images in sorted(items(root).items()):
            if group != "clean":
                continue
            batch = Path(tmp) / "timing" / lang.replace("+", "_")
            batch.mkdir(parents=True)
            copies = []
            for image in images:
                for n in range(args.copies):
                    copy = batch / f"{image.stem}-{n}{image.suffix}"
                    copy.write_bytes(image.read_bytes())
                    copies.append(copy)
            n_pages += len(copies)
            clean_raw += run_raw(copies, lang, batch / "raw", args.jobs)
            clean_tool += run_tool(copies, lang, batch / "tool", args.jobs)
        print(f"{'group':10} {'items':>5} {'CER raw':>8} {'CER tool':>8} {'ratio':>6} {'F1 raw':>7} {'F1 tool':>7} "
              f"{'s raw':>6} {'s tool':>6} {'time x':>6}  target")  # fmt: skip
        failed = []
        for group, r in sorted(results.items()):
            n = len(r["cer_raw"])
            mean = {k: sum(v) / len(v) for k, v in r.items()}
            ratio = mean["cer_tool"] / mean["cer_raw"] if mean["cer_raw"] else float("nan")
            t_raw, t_tool = sum(r["t_raw"]), sum(r["t_tool"])
            target = ""
            if group in TARGETS:
                limit, note = TARGETS[group]
                ok = mean["cer_tool"] <= limit * mean["cer_raw"]
                target = f"CER {note}: {'ok' if ok else 'MISSED'}"
                failed += [] if ok else [group]
            elif group == "clean":
                ok_cer = mean["cer_tool"] <= mean["cer_raw"] + 0.002
                ok_time = clean_tool <= 1.15 * clean_raw
                target = (
                    f"CER ≤ raw+0.2 pt: {'ok' if ok_cer else 'MISSED'}; time ≤ 1.15x: {'ok' if ok_time else 'MISSED'}"
                )
                failed += [] if ok_cer and ok_time else [group]
            cers = f"{mean['cer_raw']:8.3f} {mean['cer_tool']:8.3f} {ratio:6.2f}"
            f1s = f"{mean['f1_raw']:7.3f} {mean['f1_tool']:7.3f}"
            print(f"{group:10} {n:5d} {cers} {f1s} {t_raw:6.1f} {t_tool:6.1f} {t_tool / t_raw:6.2f}  {target}")
        print(f"\nclean pages timed as a batch of {n_pages}: raw {clean_raw:.1f} s, tool {clean_tool:.1f} s, "
              f"x{clean_tool / clean_raw:.2f}")  # fmt: skip
        print("all targets met" if not failed else f"targets missed: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
