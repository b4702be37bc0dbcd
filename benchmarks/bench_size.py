"""Output size (issue 13): searchable and sanitised PDFs against their inputs and OCRmyPDF.

    .venv/bin/python -m benchmarks.bench_size [--corpus ../shared/corpus-dev]

For each input (black-and-white, greyscale and colour scans; PDFs and images; public test
files from the dev corpus plus the bundled samples), one after another in one run:

- ``sandbox ocr --to pdf -O 0|1|2``: size, ratio to the input, and the share of the run spent
  choosing and encoding page pictures (``optimize_seconds`` of ``--json-summary``);
- ``ocrmypdf --optimize 2`` on the same input (when installed; images get ``--image-dpi``);
- ``sandbox sanitize`` (default ``-O 1``, each page at its own resolution) and ``-O 2``;
- reading: every output read again from its pixels (``--force-ocr``, each PDF rendered at the
  resolution of the ``-O 0`` output's picture) and compared with the reading of the ``-O 0``
  output — the input's own pixels — so that only the encoding differs (CER points against the
  ground truth where the corpus has it, else against that reading).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf

from benchmarks import metrics

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("sandbox"))
CASES = [  # (path under the corpus or samples, ground truth ("~": spaces stripped) or None, what it is)
    ("en_ocrmypdf_linn/ccitt.pdf", None, "scanned PDF, black-and-white (CCITT G4)"),
    ("en_ocrmypdf_linn/skew.pdf", None, "scanned PDF, black-and-white, skewed"),
    ("@report_scanned.pdf", "@report_scanned.gt.txt", "scanned PDF, greyscale JPEG"),
    ("#en_mmocr_wildreceipt/1.jpeg", "~en_mmocr_wildreceipt/1.txt", "scanned PDF, colour JPEG (receipt photo)"),
    ("en_tesseract_test/phototest.tif", "en_tesseract_test/phototest.txt", "image, black-and-white TIFF"),
    ("en_ocrmypdf_linn/linn.png", None, "image, black-and-white PNG"),
    ("robustness_images/ocrmypdf_typewriter.png", None, "image, greyscale PNG"),
    ("zh_rapidocr_tests/ch_doc_server.png", None, "image, colour screenshot PNG (Chinese)"),
    ("en_mmocr_wildreceipt/2.jpeg", "~en_mmocr_wildreceipt/2.txt", "image, colour JPEG"),
    ("@supplier_review.pdf", "@supplier_review.gt.txt", "born-digital PDF (sanitize: its ratio reported)"),
]


def _bare(text: str) -> str:
    """Without any white space: ground truth of the receipts has its spaces stripped."""
    return "".join(text.split())


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})


def ours(src: Path, out: Path, *extra: str) -> dict[str, float]:
    res = run([EXE, "ocr", str(src), "-o", str(out), "--to", "pdf", "--json-summary", "--force", "-l", "eng", *extra])
    if res.returncode != 0:
        raise SystemExit(f"sandbox ocr failed on {src.name}: {res.stderr.strip()[:200]}")
    return dict(json.loads(res.stdout))


def sanitize(src: Path, out: Path, *extra: str) -> dict[str, float]:
    res = run([EXE, "sanitize", str(src), "-o", str(out), "--json-summary", "-q", "--force", *extra])
    if res.returncode != 0:
        raise SystemExit(f"sandbox sanitize failed on {src.name}: {res.stderr.strip()[:200]}")
    return dict(json.loads(res.stdout))


def lang_of(what: str) -> str:
    return "chi_sim+eng" if "Chinese" in what else "eng"


def ppi(pdf: Path) -> str:
    """The resolution the output PDF's first picture is laid out at (to read it at that size)."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout.splitlines()
    cols = out[2].split() if len(out) > 2 else []
    return cols[12] if len(cols) > 12 else "300"


def read(path: Path, lang: str, dpi: str = "300") -> str:
    res = run([EXE, "ocr", str(path), "--force-ocr", "-q", "-l", lang, "--dpi", dpi, "--isolation", "none"])
    return res.stdout


def ocrmypdf(src: Path, out: Path) -> int | None:
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    if not Path(exe).exists():
        return None
    extra = [] if src.suffix == ".pdf" else ["--image-dpi", "300"]
    res = subprocess.run(
        [exe, "-q", "-l", "eng", "--force-ocr", "--output-type", "pdf", "--optimize", "2", *extra, str(src), str(out)],
        capture_output=True,
        text=True,
    )
    return out.stat().st_size if res.returncode == 0 and out.exists() else None


def resolve(name: str, corpus: Path, work: Path) -> Path:
    if name.startswith("@"):
        return ROOT / "sample_images" / name[1:]
    if name.startswith("#"):  # an image made into a scanned PDF
        image = corpus / name[1:]
        pdf = work / (image.stem + "-scan.pdf")
        pdf.write_bytes(img2pdf.convert(str(image), layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200))))
        return pdf
    return corpus / name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus-dev")
    args = ap.parse_args()
    print(f"{'input':44} {'in KB':>7} {'O0':>6} {'O1':>6} {'O2':>6} {'ocrmypdf':>8} {'san':>6} {'san2':>6} "
          f"{'enc%':>5} {'dCER O2':>7} {'dCER san':>8} {'san enc':>7}")  # fmt: skip
    worst_read = worst_enc = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-size-") as tmp:
        work = Path(tmp)
        for name, truth_name, what in CASES:
            src = resolve(name, args.corpus, work)
            size = src.stat().st_size
            sizes, share = [], 0.0
            for level in (0, 1, 2):
                out = work / f"o{level}"
                shutil.rmtree(out, ignore_errors=True)
                summary = ours(src, out, "-O", str(level))
                sizes.append(summary["output_bytes"] / size)
                if level == 2:
                    share = summary["optimize_seconds"] / max(summary["seconds"], 1e-9)
            theirs = ocrmypdf(src, work / "ocrmypdf.pdf")
            san = sanitize(src, work / "san.pdf")["output_bytes"] / size
            san2 = sanitize(src, work / "san2.pdf", "-O", "2")["output_bytes"] / size
            sanitize(src, work / "san0.pdf", "-O", "0")  # rendered, stored losslessly
            truth, nospace = None, bool(truth_name and truth_name.startswith("~"))
            if truth_name:
                truth = resolve(truth_name.lstrip("~"), args.corpus, work).read_text(encoding="utf-8")

            def cer(ref: str, text: str, nospace: bool = nospace) -> float:  # the GT's own spacing
                return metrics.cer(_bare(ref), _bare(text)) if nospace else metrics.cer(ref, text)

            lang = lang_of(what)
            # the encoding alone: every PDF read the same way, at the resolution of the -O 0
            # output's picture (the input's pixels as they are), against that reading
            o0 = next((work / "o0").glob("*.pdf"))
            dpi = ppi(o0) if src.suffix != ".pdf" else "300"
            before = read(o0, lang, dpi)
            reference = truth if truth is not None else before
            base = cer(reference, before) if truth is not None else 0.0
            o2 = next((work / "o2").glob("*.pdf"))
            d_o2 = cer(reference, read(o2, lang, dpi)) - base
            san_read = read(work / "san.pdf", lang, dpi)
            d_san = cer(reference, san_read) - base
            san0_read = read(work / "san0.pdf", lang, dpi)  # sanitize's encoding alone: -O 1 against -O 0
            d_san_enc = cer(truth, san_read) - cer(truth, san0_read) if truth is not None else cer(san0_read, san_read)
            worst_read = max(worst_read, d_o2, d_san)
            worst_enc = max(worst_enc, d_o2, d_san_enc)
            their = f"{theirs / size:8.2f}" if theirs else f"{'-':>8}"
            reading = f"{d_o2 * 100:7.2f} {d_san * 100:8.2f} {d_san_enc * 100:7.2f}"
            print(f"{what[:44]:44} {size / 1024:7.0f} {sizes[0]:6.2f} {sizes[1]:6.2f} {sizes[2]:6.2f} {their} "
                  f"{san:6.2f} {san2:6.2f} {share * 100:5.1f} {reading}")  # fmt: skip
    print("sizes are ratios to the input; enc% = share of the -O 2 run spent encoding pictures;")
    print("dCER = CER points of reading the output again minus reading the -O 0 output (vs ground truth where known)")
    print("san enc = the same for sanitize -O 1 against sanitize -O 0 (its encoding alone; rendering aside)")
    print(f"worst reading change: {worst_read * 100:.2f} points; from encoding alone: {worst_enc * 100:.2f} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
