"""Throughput against the raw Tesseract floor, in one run (issue 12's measures).

    .venv/bin/python -m benchmarks.bench_throughput [--jobs N] [--only NAME ...]

Every ratio compares commands run one after another on the same files, same language, same jobs:

- ``eng-pdf``:   8-page 300-DPI scanned PDF, ``eng``, ``--to txt,pdf`` vs the floor (pdftoppm +
                 the ``tesseract`` program per page, pages in parallel) and OCRmyPDF when installed.
- ``chi-pdf``:   10-page scanned Chinese PDF, ``chi_sim+eng`` vs the floor (needs fonts-noto-cjk).
- ``small``:     50 small single images in one command vs 50 ``tesseract`` runs, 2 in parallel.
- ``auto``:      a mixed English/Chinese batch with ``-l auto`` vs the same batch with the right
                 language given (two commands: English with ``eng``, Chinese with ``chi_sim+eng``).
- ``startup``:   ``sandbox --help``; a blank image without isolation and in bubblewrap, vs
                 ``python -c pass`` (a blank page needs no engine: the launch and start alone);
                 one small image of text in bubblewrap (start-up and loading what reads it).
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
from collections.abc import Callable
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw, ImageFont

from benchmarks.bench_ocr import WORDS, floor_cmd, make_pdf
from benchmarks.proctree import measure
from sandbox.config import default_jobs

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # where Noto CJK is not installed
HANZI = "关于加强办公区域安全管理的通知各部门请于本周五前完成文件归档工作并提交检查报告会议室使用须提前预约"
EXE = str(Path(sys.executable).with_name("sandbox"))
ENV = {"OMP_THREAD_LIMIT": "1"}


def _seconds(cmd: list[str]) -> float:
    m = measure(cmd, env=ENV, memory=False)  # time only: no /proc sampling beside the run
    if m.returncode != 0:
        raise SystemExit(f"failed ({m.returncode}): {' '.join(cmd[:3])} …")
    return m.seconds


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK, or WenQuanYi Zen Hei where Noto is not installed."""
    return ImageFont.truetype(CJK if Path(CJK).exists() else WQY, size)


def _has_cjk() -> bool:
    return Path(CJK).exists() or Path(WQY).exists()


def chinese_pdf(path: Path, pages: int) -> None:
    rng = random.Random(3)
    font = cjk_font(40)
    jpegs = []
    for _ in range(pages):
        img = Image.new("L", (2480, 3508), 250)
        draw = ImageDraw.Draw(img)
        for row in range(36):
            start = rng.randrange(len(HANZI) - 30)
            draw.text((230, 240 + row * 80), HANZI[start : start + 28] + "。", font=font, fill=10)
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=80, dpi=(300, 300))
        jpegs.append(buf.getvalue())
    path.write_bytes(img2pdf.convert(jpegs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300))))


def small_images(folder: Path, count: int, chinese: bool = False, seed: int = 5) -> list[Path]:
    rng = random.Random(seed)
    font = cjk_font(30) if chinese else ImageFont.truetype(LATIN, 30)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        img = Image.new("L", (900, 160), 255)
        draw = ImageDraw.Draw(img)
        for row in range(2):
            if chinese:
                start = rng.randrange(len(HANZI) - 16)
                line = HANZI[start : start + 14]
            else:
                line = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
            draw.text((20, 20 + row * 60), line, font=font, fill=0)
        path = folder / f"{'zh' if chinese else 'en'}-{n:03d}.png"
        img.save(path, dpi=(300, 300))
        paths.append(path)
    return paths


def tesseract_runs(images: list[Path], out: Path, lang: str, jobs: int) -> list[str]:
    out.mkdir(exist_ok=True)
    script = (
        f"printf '%s\\n' {' '.join(repr(str(p)) for p in images)} | xargs -P {jobs} -I{{}} sh -c "
        f'\'tesseract "{{}}" "{out}/$(basename {{}})" --dpi 300 -l {lang} --oem 1 --psm 3 tsv 2>/dev/null\''
    )
    return ["bash", "-c", script]


def ours(inputs: list[Path], out: Path, lang: str, jobs: int, formats: str = "txt") -> list[str]:
    return [
        EXE,
        "ocr",
        *map(str, inputs),
        "-o",
        str(out),
        "--to",
        formats,
        "-l",
        lang,
        "-j",
        str(jobs),
        "-q",
        "--force",
    ]


def report(rows: list[tuple[str, float, float]]) -> None:
    for name, seconds, ratio in rows:
        print(f"  {name:58} {seconds:8.2f} s  {ratio:6.3f}x")


def eng_pdf(work: Path, jobs: int) -> None:
    pdf = work / "eng.pdf"
    make_pdf(pdf, 8)
    (work / "floor-eng").mkdir()
    floor = _seconds(floor_cmd(pdf, work / "floor-eng", 8, jobs))
    mine = _seconds(ours([pdf], work / "o-eng", "eng", jobs, "txt,pdf"))
    print("eng-pdf: 8 pages, 300 DPI, eng, --to txt,pdf (target <= 0.80x floor, <= 0.60x OCRmyPDF)")
    rows = [("raw floor (pdftoppm + tesseract per page)", floor, 1.0), ("sandbox ocr", mine, mine / floor)]
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    if Path(exe).exists():
        cmd = [exe, "-q", "-l", "eng", "--jobs", str(jobs), "--force-ocr", "--output-type", "pdf", "--optimize", "0"]
        theirs = _seconds([*cmd, str(pdf), str(work / "ocrmypdf.pdf")])
        rows.append(("ocrmypdf --output-type pdf --optimize 0", theirs, theirs / floor))
        rows.append(("sandbox ocr / ocrmypdf", mine, mine / theirs))
    report(rows)


def chi_pdf(work: Path, jobs: int) -> None:
    if not _has_cjk():
        print("chi-pdf: skipped (neither fonts-noto-cjk nor fonts-wqy-zenhei is installed)")
        return
    pdf = work / "zh.pdf"
    chinese_pdf(pdf, 10)
    (work / "floor-zh").mkdir()
    floor_script = floor_cmd(pdf, work / "floor-zh", 10, jobs)
    floor_script[-1] = floor_script[-1].replace("-l eng", "-l chi_sim+eng")
    floor = _seconds(floor_script)
    mine = _seconds(ours([pdf], work / "o-zh", "chi_sim+eng", jobs))
    print("chi-pdf: 10 pages, chi_sim+eng, --to txt (target <= 0.75x floor)")
    report([("raw floor", floor, 1.0), ("sandbox ocr --engine auto (PP-OCR for Chinese)", mine, mine / floor)])
    tess = _seconds([*ours([pdf], work / "o-zh2", "chi_sim+eng", jobs), "--engine", "tesseract"])
    report([("sandbox ocr --engine tesseract", tess, tess / floor)])


def small(work: Path, jobs: int) -> None:
    images = small_images(work / "small", 50)
    floor = _seconds(tesseract_runs(images, work / "small-floor", "eng", jobs))
    mine = _seconds(ours(images, work / "o-small", "eng", jobs))
    print("small: 50 small images, eng (target <= 0.6x of 50 tesseract runs, 2 in parallel)")
    report([("50 tesseract runs", floor, 1.0), ("sandbox ocr, one command", mine, mine / floor)])


def auto(work: Path, jobs: int) -> None:
    if not _has_cjk():
        print("auto: skipped (neither fonts-noto-cjk nor fonts-wqy-zenhei is installed)")
        return
    en = small_images(work / "mixed", 20, seed=11)
    zh = small_images(work / "mixed", 20, chinese=True, seed=12)
    given = _seconds(ours(en, work / "o-given", "eng", jobs)) + _seconds(
        ours(zh, work / "o-given", "chi_sim+eng", jobs)
    )
    chosen = _seconds(ours(en + zh, work / "o-auto", "auto", jobs))
    print("auto: 20 English + 20 Chinese small images (target <= 1.2x the right language given)")
    report([("right language given (two commands)", given, 1.0), ("-l auto, one command", chosen, chosen / given)])


def startup(work: Path, jobs: int) -> None:
    blank = work / "blank.png"
    Image.new("L", (400, 120), 255).save(blank, dpi=(300, 300))
    (text,) = small_images(work / "one", 1)

    def median(cmd: list[str]) -> float:
        runs = []
        for _ in range(7):
            t = time.monotonic()
            subprocess.run(cmd, capture_output=True, check=False)
            runs.append(time.monotonic() - t)
        return statistics.median(runs)

    bare = median([sys.executable, "-c", "pass"])
    helptime = median([EXE, "--help"])
    none = median([EXE, "ocr", "-q", "--isolation", "none", str(blank)])
    bwrap = median([EXE, "ocr", "-q", "--isolation", "bwrap", str(blank)])
    read = median([EXE, "ocr", "-q", "--isolation", "bwrap", "-l", "eng", str(text)])
    print("startup (medians of 7; targets: --help <= 0.3 s, launch + start <= 0.25 s over python -c pass)")
    print(f"  python -c pass {bare:.3f} s; sandbox --help {helptime:.3f} s")
    print(f"  blank image: --isolation none {none:.3f} s, bubblewrap {bwrap:.3f} s")
    print(
        f"  isolation launch (bubblewrap - none): {bwrap - none:.3f} s; run over python -c pass: {bwrap - bare:.3f} s"
    )
    print(f"  one small image of text, bubblewrap: {read:.3f} s (NumPy, OpenCV and Tesseract's model loaded, read)")


SUITES: dict[str, Callable[[Path, int], None]] = {
    "eng-pdf": eng_pdf,
    "chi-pdf": chi_pdf,
    "small": small,
    "auto": auto,
    "startup": startup,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--only", nargs="*", choices=sorted(SUITES), help="run only these measures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        for name, fn in SUITES.items():
            if args.only and name not in args.only:
                continue
            fn(Path(tmp), args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
