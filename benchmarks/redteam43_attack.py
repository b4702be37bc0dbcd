"""Attack the redacted outputs of ``benchmarks.redteam43`` cases; print per-case verdicts.

    .venv/bin/python -m benchmarks.redteam43_attack CASES_DIR OUT_DIR [CASE ...]

As ``benchmarks.redteam42_attack`` (the quick views of ``benchmarks.attacker``, sparse text,
colour channels, doubled PP-OCR, consecutive pages joined), plus the readings an attacker
of these kinds makes: the page mirrored (show-through), turned a quarter both ways (margins,
turned tables), its pale layer alone (a 200–245 grey watermark made black), every taller than
wide or square block of ink re-laid from columns (right to left, top to bottom) into one
horizontal line (竖排, square seals, also inverted when the block is dark), and the payload
of every barcode or QR code zxing-cpp decodes (and every base64 run in it, decoded).  A
secret is *recovered* when a reading holds all of it, *partial* when it holds a name's longer
word or a number's last eight characters.
Only classes and counts are printed, never a secret's value or any document text.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from benchmarks import attacker
from benchmarks.redteam41_attack import own_readings, partial_needles
from benchmarks.redteam42_attack import FOLIO, _pages, kept_share


def _runs(profile: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Stretches where ``profile`` is non-zero, joined over gaps shorter than ``gap``."""
    on = np.flatnonzero(profile > 0)
    if on.size == 0:
        return []
    runs = [[int(on[0]), int(on[0])]]
    for i in on[1:]:
        if i - runs[-1][1] <= gap:
            runs[-1][1] = int(i)
        else:
            runs.append([int(i), int(i)])
    return [(a, b + 1) for a, b in runs]


def relaid_columns(crop: np.ndarray) -> Image.Image | None:
    """Ink (True) of a block read as columns right to left, each glyph pasted into one line."""
    cols = [c for c in _runs(crop.sum(axis=0), 2) if c[1] - c[0] >= 8]
    glyphs: list[np.ndarray] = []
    for x0, x1 in reversed(cols):
        cw = x1 - x0
        col = crop[:, x0:x1]
        cells: list[list[int]] = []
        for a, b in _runs(col.sum(axis=1), 1):
            if cells and b - cells[-1][0] <= cw * 1.15:
                cells[-1][1] = b
            else:
                cells.append([a, b])
        for a, b in cells:
            glyphs.append(col[a:b])
    if len(glyphs) < 2:
        return None
    size = max(max(g.shape) for g in glyphs) + 8
    line = np.zeros((size, size * len(glyphs)), dtype=bool)
    for k, g in enumerate(glyphs):
        gh, gw = g.shape
        top, left = (size - gh) // 2, k * size + (size - gw) // 2
        line[top : top + gh, left : left + gw] = g
    img = Image.fromarray(np.where(line, 0, 255).astype(np.uint8))
    return ImageOps.expand(img, 20, fill=255)


def vertical_views(img: Image.Image) -> Iterator[Image.Image]:
    """Blocks of ink that are taller than wide (or square, as seals are) re-laid as lines."""
    import cv2

    g = np.asarray(img.convert("L")).astype(np.int16)
    rgb = np.asarray(img.convert("RGB")).astype(np.int16)
    reddish = (rgb[..., 0] - rgb[..., 1] > 70) & (rgb[..., 0] > 120)
    for ink, reach in ((g < 150, 25), (reddish, 9)):
        grown = cv2.dilate(ink.astype(np.uint8), np.ones((reach, reach), np.uint8))
        n, _labels, stats, _c = cv2.connectedComponentsWithStats(grown)
        for k in range(1, n):
            x, y, ww, hh = (int(v) for v in stats[k, :4])
            if hh < 70 or ww < 40 or not (hh >= 1.2 * ww or 0.7 <= hh / ww <= 1.4):
                continue
            sl = (slice(y, y + hh), slice(x, x + ww))
            block = ink[sl]
            solid = block.mean() > 0.45  # a solid block with letters cut out of it (阴文)
            if solid:
                block = ~block
            share = 14 if solid else 8  # a seal's frame is cut off with the margin
            my, mx = max(2, hh // share), max(2, ww // share)
            inner = block[my:-my, mx:-mx] if hh / ww < 1.4 else block
            out = relaid_columns(inner)
            if out is not None:
                yield out


def extra_readings(pdf: Path, lang: str) -> list[str]:
    """Mirrored, quarter-turned, pale-layer, column re-laid and barcode readings of every page."""
    texts: list[str] = []
    for img in _pages(pdf, dpi=200):
        gray = img.convert("L")
        mirrored = ImageOps.mirror(gray)
        texts.append(attacker._tesseract(mirrored, lang))
        texts.append(attacker._ppocr(ImageOps.mirror(img)))
        for deg in (90, 270):
            texts.append(attacker._tesseract(gray.rotate(deg, expand=True, fillcolor=255), lang))
        pale = gray.point(lambda v: 0 if 195 <= v <= 246 else 255).filter(ImageFilter.MedianFilter(3))
        texts.append(attacker._tesseract(pale, lang, psm=11))
        for view in vertical_views(img):
            texts.append(attacker._tesseract(view, lang, psm=7))
            texts.append(attacker._ppocr(view.convert("RGB")))
        try:
            import zxingcpp

            for code in zxingcpp.read_barcodes(img):
                texts.append(code.text)
                texts.extend(_base64_parts(code.text))
        except ImportError:
            pass
    return texts


def _base64_parts(payload: str) -> list[str]:
    """Every run of base64 in a code's payload, decoded (systems pack JSON into codes so)."""
    import base64
    import binascii
    import re

    out = []
    for run in re.findall(r"[A-Za-z0-9+/_-]{16,}={0,2}", payload):
        padded = run + "=" * (-len(run) % 4)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                out.append(decode(padded).decode("utf-8", "replace"))
            except (binascii.Error, ValueError):
                continue
    return out


def needles(cls: str, value: str) -> list[str]:
    """Partial needles, extended to this stop's classes."""
    if cls in ("account", "passport", "uscc", "plate"):
        return [attacker.norm(value)[-8:]] if len(value) > 8 else []
    return partial_needles(cls, value)


def attack(case_dir: Path, out_dir: Path) -> str:
    """One line: exit code, seconds, secret classes recovered fully or partly, share kept."""
    meta = json.loads((case_dir / "secrets.json").read_text(encoding="utf-8"))
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    rc_file = out_dir.parent / f"{out_dir.name}.rc"
    rc_parts = rc_file.read_text().split() if rc_file.exists() else ["?", "?"]
    secrets = [(s["class"], s["value"]) for s in meta["secrets"]]
    kind = "ordinary" if meta["ordinary"] else "secret"
    pdfs = sorted(out_dir.glob("*.pdf"))
    head = f"{case_dir.name}\t{kind}\trc={rc_parts[0]}\tt={rc_parts[-1]}s"
    if not pdfs:
        return f"{head}\tno output"
    full: list[str] = []
    part: list[str] = []
    kept = []
    inp = next(case_dir.glob("input.*"))
    for pdf in pdfs:
        kept.append(kept_share(inp, pdf, lang))
        if not secrets:
            continue
        got = set(attacker.recovered(pdf, tuple(v for _, v in secrets), lang, thorough=False))
        per_page = own_readings(pdf, lang)
        texts = [attacker.norm(t) for t in per_page]
        n_pages = len(_pages(pdf))
        if n_pages > 1:
            per_view = len(per_page) // n_pages
            for v in range(per_view):
                joined = (FOLIO.sub("", attacker.norm(per_page[p * per_view + v])) for p in range(n_pages))
                texts.append("".join(joined))
        texts += [attacker.norm(t) for t in extra_readings(pdf, lang)]
        for cls, value in secrets:
            if value in got or any(attacker.norm(value) in t for t in texts):
                full.append(cls)
                continue
            if any(n and n in t for n in needles(cls, value) for t in texts):
                part.append(cls)
    share = min(kept) if kept else 0.0
    return (
        f"{head}\tsecrets={len(secrets)}\tfull={','.join(full) or '-'}"
        f"\tpartial={','.join(part) or '-'}\tkept={share:.2f}"
    )


def main(argv: list[str]) -> int:
    """Attack every case (or those named) and print one verdict line each."""
    if len(argv) < 2:
        print("usage: python -m benchmarks.redteam43_attack CASES_DIR OUT_DIR [CASE ...]", file=sys.stderr)
        return 2
    cases, outs = Path(argv[0]), Path(argv[1])
    for case_dir in sorted(p for p in cases.iterdir() if p.is_dir()):
        if argv[2:] and case_dir.name not in argv[2:]:
            continue
        print(attack(case_dir, outs / case_dir.name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
