"""Overhead of the batch journal (issue 14): the same 1,000 small documents OCR'd with and
without ``--resume`` (journal written, one synced line per document), in one run.

    .venv/bin/python -m benchmarks.bench_journal [--documents 1000] [--runs 2]

Also times a resumed rerun (everything recorded done: the inputs are only hashed and skipped).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

EXE = str(Path(sys.executable).with_name("sandbox"))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def documents(folder: Path, count: int) -> None:
    font = ImageFont.truetype(FONT, 28)
    for n in range(count):
        sub = folder / f"box{n // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        img = Image.new("L", (640, 90), 255)
        ImageDraw.Draw(img).text((16, 26), f"Registry entry {n:05d}", font=font, fill=0)
        img.save(sub / f"entry{n:05d}.png", dpi=(300, 300))


def timed(argv: list[str]) -> float:
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {proc.stderr.decode()[-300:]}")
    return time.monotonic() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=2, help="alternating repetitions; the best of each is kept")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-journal-") as tmp:
        work = Path(tmp)
        documents(work / "in", args.documents)
        plain: list[float] = []
        journaled: list[float] = []
        for _ in range(args.runs):
            for target, keep in ((plain, False), (journaled, True)):
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                argv = [EXE, "ocr", str(work / "in"), "-o", str(out), "--to", "txt", "-q"]
                target.append(timed([*argv, "--resume"] if keep else argv))
        rerun = timed([EXE, "ocr", str(work / "in"), "-o", str(work / "out"), "--to", "txt", "-q", "--resume"])
        best_plain, best_journal = min(plain), min(journaled)
        print(f"{args.documents} small documents, --to txt (best of {args.runs})")
        print(f"  without journal       {best_plain:8.2f} s")
        print(
            f"  with journal (--resume) {best_journal:6.2f} s   overhead {100 * (best_journal / best_plain - 1):+.1f} %"
        )
        print(f"  resumed, all done     {rerun:8.2f} s   (hash and skip)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
