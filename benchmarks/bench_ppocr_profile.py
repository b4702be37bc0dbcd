"""Where PP-OCR's time goes on a page of Chinese, against Tesseract on the same page (issue 30).

    .venv/bin/python -m benchmarks.bench_ppocr_profile [--pages N]

Renders pages as ``bench_throughput``'s Chinese scan does (300 DPI, 40-px characters, JPEG),
reads each once with the project's PP-OCR engine (``sandbox.engines.ppocr``, the settings the
pipeline uses, told the page's text height as the reading steps tell it) and once with
in-process Tesseract ``chi_sim+eng``, and prints the CPU seconds per stage (detection, angle
classifier, recognition, the rest) as medians over the pages (CPU time: a shared machine's
waits are not counted), with the text both gave (CER against the rendered text).  One
process, one thread.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import time
from typing import Any

from PIL import Image

from benchmarks.bench_throughput import HANZI, cjk_font
from benchmarks.metrics import cer

STAGES = {  # rapidocr's stage classes (module, class) → stage
    "detection": ("rapidocr.ch_ppocr_det.main", "TextDetector"),
    "classifier": ("rapidocr.ch_ppocr_cls.main", "TextClassifier"),
    "recognition": ("rapidocr.ch_ppocr_rec.main", "TextRecognizer"),
}
SPENT: dict[str, float] = dict.fromkeys(STAGES, 0.0)


def _time_stages() -> None:
    """Wrap each stage's ``__call__`` to add its CPU seconds to :data:`SPENT`."""
    import importlib

    for stage, (module, name) in STAGES.items():
        cls = getattr(importlib.import_module(module), name)
        original = cls.__call__

        def timed(self: Any, *args: Any, _orig: Any = original, _stage: str = stage, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return _orig(self, *args, **kwargs)
            finally:
                SPENT[_stage] += time.process_time() - started

        cls.__call__ = timed


def page(seed: int) -> tuple[Image.Image, str]:
    from PIL import ImageDraw

    rng = random.Random(seed)
    font = cjk_font(40)
    img = Image.new("L", (2480, 3508), 250)
    draw = ImageDraw.Draw(img)
    lines = []
    for row in range(36):
        start = rng.randrange(len(HANZI) - 30)
        line = HANZI[start : start + 28] + "。"
        draw.text((230, 240 + row * 80), line, font=font, fill=10)
        lines.append(line)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80)
    with Image.open(io.BytesIO(buf.getvalue())) as jpeg:
        return jpeg.convert("L"), "\n".join(lines)


def _engine(img: Image.Image) -> Any:
    """PP-OCR told the page's text height, as the reading steps tell it (an engine that takes
    no height, an earlier version's, is run as it is: the profile before)."""
    from sandbox import ink
    from sandbox.engines import ppocr

    try:
        return ppocr.PpOcr(ink.measure(img).height)  # type: ignore[call-arg,unused-ignore]
    except TypeError:
        return ppocr.PpOcr()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from sandbox.engines import ppocr, tesseract

    _time_stages()
    ppocr.PpOcr().read_pixels(Image.new("RGB", (200, 60), "white"), "chi_sim+eng", 300, 60, "warm", 0, 3)
    rows: dict[str, list[float]] = {"total": [], "tesseract": [], "cer_ppocr": [], "cer_tesseract": []}
    for n in range(args.pages):
        img, truth = page(3 + n)
        for stage in SPENT:
            SPENT[stage] = 0.0
        started = time.process_time()
        lines = _engine(img).read_pixels(img.convert("RGB"), "chi_sim+eng", 300, 300, "page", n, 3)
        rows["total"].append(time.process_time() - started)
        for stage, secs in SPENT.items():
            rows.setdefault(stage, []).append(secs)
        rows["cer_ppocr"].append(cer(truth, "\n".join("".join(w.text for w in ln.words) for ln in lines)))
        started = time.process_time()
        tess = tesseract.ocr_page(img, "chi_sim+eng", 300, 300, "page", n)
        rows["tesseract"].append(time.process_time() - started)
        rows["cer_tesseract"].append(cer(truth, "\n".join("".join(w.text for w in ln.words) for ln in tess)))
    med = {k: statistics.median(v) for k, v in rows.items()}
    other = med["total"] - med["detection"] - med["classifier"] - med["recognition"]
    print(f"PP-OCR on {args.pages} Chinese pages (medians, CPU seconds per page):")
    for stage in ("detection", "classifier", "recognition"):
        print(f"  {stage:12} {med[stage]:6.2f} s")
    print(f"  {'other':12} {other:6.2f} s")
    print(f"  {'total':12} {med['total']:6.2f} s   CER {med['cer_ppocr']:.4f}")
    print(f"Tesseract chi_sim+eng  {med['tesseract']:6.2f} s   CER {med['cer_tesseract']:.4f}")
    print(f"PP-OCR / Tesseract     {med['total'] / med['tesseract']:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
