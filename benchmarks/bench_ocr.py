"""OCR throughput and memory: this tool against the raw floor and OCRmyPDF, in one run.

    .venv/bin/python -m benchmarks.bench_ocr [--pages 20] [--memory-pages 5,100] [--jobs N]

1. Generates scanned PDFs (JPEG pages at 300 DPI with English text) in a temporary folder.
2. Measures on the same file, one after another, with the same language and jobs:
   - ``sandbox ocr --to txt`` and ``--to txt,pdf`` (wall time, peak memory of the tree);
   - the raw floor: ``pdftoppm -gray`` + ``tesseract … tsv`` per page, pages in parallel
     with ``xargs -P jobs``, OMP_THREAD_LIMIT=1 (what the tool must do at the least);
   - ``ocrmypdf --force-ocr --output-type pdf --optimize 0`` when it is installed.
3. Prints ratios against the floor, peak memory for a short and a long PDF, and the time
   of ``sandbox --help``.
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw, ImageFont

from benchmarks.proctree import Measurement, measure
from sandbox.config import default_jobs

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
WORDS = [
    "the",
    "contract",
    "supplier",
    "schedule",
    "inspection",
    "report",
    "security",
    "office",
    "building",
    "meeting",
    "review",
    "payment",
    "invoice",
    "account",
    "department",
    "programme",
    "engineer",
    "access",
    "laptop",
    "document",
    "policy",
    "archive",
    "visitor",
    "register",
    "badge",
    "audit",
    "quarterly",
    "budget",
    "transfer",
    "approval",
    "signature",
]


def make_pdf(path: Path, pages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    font = ImageFont.truetype(FONT, 42)
    jpegs = []
    for n in range(pages):
        img = Image.new("L", (2480, 3508), 250)
        draw = ImageDraw.Draw(img)
        draw.text((230, 200), f"Page {n + 1}", font=font, fill=0)
        for row in range(40):
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 11)))
            draw.text((230, 320 + row * 72), line.capitalize() + ".", font=font, fill=10)
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=75, dpi=(300, 300))
        jpegs.append(buf.getvalue())
    path.write_bytes(img2pdf.convert(jpegs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))


def sandbox_cmd(pdf: Path, out: Path, jobs: int, formats: str) -> list[str]:
    exe = str(Path(sys.executable).with_name("sandbox"))
    return [exe, "ocr", str(pdf), "-o", str(out), "--to", formats, "-j", str(jobs), "-q", "--force"]


def floor_cmd(pdf: Path, work: Path, pages: int, jobs: int) -> list[str]:
    script = (
        f"seq 1 {pages} | xargs -P {jobs} -I{{}} sh -c 'pdftoppm -r 300 -gray -f {{}} -l {{}} -singlefile "
        f'"{pdf}" "{work}/p{{}}" && tesseract "{work}/p{{}}.pgm" "{work}/o{{}}" --dpi 300 -l eng --oem 1 --psm 3 '
        f'tsv 2>/dev/null && rm "{work}/p{{}}.pgm"\''
    )
    return ["bash", "-c", script]


def ocrmypdf_cmd(pdf: Path, out: Path, jobs: int) -> list[str] | None:
    exe = shutil.which("ocrmypdf")
    if exe is None:
        return None
    return [
        exe,
        "-q",
        "-l",
        "eng",
        "--jobs",
        str(jobs),
        "--force-ocr",
        "--output-type",
        "pdf",
        "--optimize",
        "0",
        str(pdf),
        str(out),
    ]


def best_of(runs: int, cmd: list[str], before: list[str] | None = None) -> Measurement:
    results = []
    for _ in range(runs):
        if before:
            subprocess.run(before, check=False)
        results.append(measure(cmd, env={"OMP_THREAD_LIMIT": "1"}))
    return min(results, key=lambda m: m.seconds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=20, help="pages of the throughput PDF")
    ap.add_argument("--memory-pages", default="5,100", help="short,long page counts for the memory check")
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--runs", type=int, default=1, help="repetitions; the best is reported")
    args = ap.parse_args()
    jobs = args.jobs
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        work = Path(tmp)
        pdf = work / "scan.pdf"
        make_pdf(pdf, args.pages)
        (work / "floor").mkdir()
        rows: list[tuple[str, Measurement]] = []
        floor = best_of(args.runs, floor_cmd(pdf, work / "floor", args.pages, jobs))
        rows.append(("raw floor (pdftoppm + tesseract tsv)", floor))
        rows.append(("sandbox ocr --to txt", best_of(args.runs, sandbox_cmd(pdf, work / "o1", jobs, "txt"))))
        rows.append(("sandbox ocr --to txt,pdf", best_of(args.runs, sandbox_cmd(pdf, work / "o2", jobs, "txt,pdf"))))
        ocrmypdf = ocrmypdf_cmd(pdf, work / "ocrmypdf.pdf", jobs)
        if ocrmypdf is not None:
            rows.append(("ocrmypdf (--output-type pdf --optimize 0)", best_of(args.runs, ocrmypdf)))
        print(f"\nThroughput: {args.pages}-page scanned PDF, 300 DPI, eng, jobs={jobs}")
        print(f"{'command':44} {'seconds':>8} {'s/page':>7} {'x floor':>8} {'peak MB':>8}")
        for name, m in rows:
            print(
                f"{name:44} {m.seconds:8.2f} {m.seconds / args.pages:7.2f} {m.seconds / floor.seconds:8.3f} "
                f"{m.peak_rss_mb:8.0f}"
            )
        if ocrmypdf is None:
            print("(ocrmypdf not installed: pip install ocrmypdf into this venv to compare)")

        short, long = (int(x) for x in args.memory_pages.split(","))
        peaks = {}
        for n in (short, long):
            doc = work / f"mem{n}.pdf"
            make_pdf(doc, n, seed=n)
            peaks[n] = measure(
                sandbox_cmd(doc, work / f"m{n}", jobs, "txt,pdf"), env={"OMP_THREAD_LIMIT": "1"}, pss=True
            )
        print(
            f"\nPeak memory (process tree, --to txt,pdf): {short} pages {peaks[short].peak_pss_mb:.0f} MB, "
            f"{long} pages {peaks[long].peak_pss_mb:.0f} MB, "
            f"ratio {peaks[long].peak_pss_mb / peaks[short].peak_pss_mb:.2f} (PSS); RSS summed: "
            f"{peaks[short].peak_rss_mb:.0f} / {peaks[long].peak_rss_mb:.0f} MB, "
            f"ratio {peaks[long].peak_rss_mb / peaks[short].peak_rss_mb:.2f}"
            f" ({long}-page run took {peaks[long].seconds:.1f} s)"
        )

        exe = str(Path(sys.executable).with_name("sandbox"))
        small = work / "small.png"
        Image.new("L", (400, 120), 255).save(small, dpi=(300, 300))  # blank: the run is all overhead
        cost = {}
        for mode in ("none", "bwrap"):
            runs = []
            for _ in range(7):
                t = time.monotonic()
                subprocess.run([exe, "ocr", "-q", "--isolation", mode, str(small)], capture_output=True, check=True)
                runs.append(time.monotonic() - t)
            cost[mode] = statistics.median(runs)
        print(
            f"\nsandbox overhead per invocation: {cost['bwrap'] - cost['none']:.3f} s "
            f"(ocr of a blank page: {cost['none']:.3f} s without isolation, {cost['bwrap']:.3f} s in bubblewrap)"
        )
        times = []
        for _ in range(7):
            t = time.monotonic()
            subprocess.run([exe, "--help"], capture_output=True, check=True)
            times.append(time.monotonic() - t)
        print(f"\nsandbox --help: median {statistics.median(times):.3f} s over 7 runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
