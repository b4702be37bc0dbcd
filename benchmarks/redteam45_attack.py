"""Redact the ``benchmarks.redteam45`` cases and attack the outputs; print per-case verdicts.

    .venv/bin/python -m benchmarks.redteam45_attack CASES_DIR OUT_DIR [--default|--unread-redact] [--full] [CASE ...]

Each case is redacted as ``benchmarks.redteam44_attack.run_case`` does (``sandbox redact IN -o
OUT_DIR/NAME --terms terms.txt -l LANG --to pdf --isolation none``; ``--default``: the built-in
policy, no terms, no language, into ``OUT_DIR/default``; ``--unread-redact``: the cases with
secrets the first run refused, again with ``--unread redact``, into ``OUT_DIR/unread_redact``).  A refused
case is also flagged (``sandbox flag``, review file in ``OUT_DIR/flag/NAME.json``: it holds
document text, keep it local) and every unread region is cut from the page into
``OUT_DIR/crops/NAME-unread-N.png`` with one contact sheet ``NAME-sheet.png``, to answer
"could a person read it" by looking.

Every output PDF is attacked like a reader better than the engine, the readings this stop's
kinds call for (each labelled, so a leak names the reading that found it): the quick views of
``benchmarks.attacker`` (grey, darkest channel, thresholds, stretch, inverse, PP-OCR and the
PDF's bytes), the red and blue channels contrast-stretched (blue ballpoint, red seals),
Tesseract sparse text (forms), the page with long horizontal and vertical rules removed
(a name written across a table rule), every ring found on the page unwrapped into a strip
(a listed name in a seal's ring; read by PP-OCR and Tesseract, strip doubled so the seam does
not matter), quarter turns when the input was turned (EXIF orientation, fax TIFF: an
rotation the engine may place boxes for wrongly), the
payload of every barcode, and the PDF's structure (``redteam44_attack.structure_text``:
info, XMP, annotations, forms, outlines, attachments).  ``--full`` adds every reading of
``redteam44_attack`` (mirrored, pale layer, columns re-laid, descreened, slanted, lifted).
Readings are also searched with Chinese numerals folded into digits (一三九 → 139, 幺 → 1),
so a phone number written in numerals counts when a reading gives it back.  The terminal
output and the report beside each output are searched too.  Kept, per output: the share of
the input's words (Tesseract tokens; on ordinary pages also PP-OCR tokens, steadier) the
output still holds, and by pixels the share of the input's ink not under a burned box and the
share of the page burned.

Only classes, counts and the names of readings are printed, never a value or document text.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence

from benchmarks import attacker
from benchmarks.redteam42_attack import FOLIO, _pages, tokens
from benchmarks.redteam43_attack import extra_readings, needles
from benchmarks.redteam44_attack import SANDBOX, _hit, more_views, run_case, structure_text

NUMERALS = str.maketrans("〇零○一二三四五六七八九幺壹贰叁肆伍陆柒捌玖两", "00012345678911234567892")


def input_pages(path: Path) -> list[Image.Image]:
    """The input as a person sees it: every TIFF frame (fax pixels made square), the EXIF
    rotation applied, 16-bit samples scaled to 8, a PDF rendered at 200 DPI."""
    if path.suffix == ".pdf":
        return _pages(path)
    Image.MAX_IMAGE_PIXELS = None
    out = []
    with Image.open(path) as img:
        for frame in ImageSequence.Iterator(img):
            f = ImageOps.exif_transpose(frame.copy())
            if f.mode.startswith("I"):
                f = Image.fromarray((np.asarray(f).astype(np.float64) / 257).clip(0, 255).astype(np.uint8))
            dpi = f.info.get("dpi") or img.info.get("dpi")
            if dpi and abs(float(dpi[0]) - float(dpi[1])) > 1:
                f = f.resize((f.width, round(f.height * float(dpi[0]) / float(dpi[1]))))
            out.append(f.convert("RGB"))
    return out


def kept_share(inp: Path, pdf: Path, lang: str) -> float:
    """Share of the input's Tesseract tokens that the output's reading still holds."""
    from collections import Counter

    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for img in input_pages(inp):
        before += tokens(attacker._tesseract(img.convert("L"), lang))
    for img in _pages(pdf, dpi=200):
        after += tokens(attacker._tesseract(img.convert("L"), lang))
    total = sum(before.values())
    return sum((before & after).values()) / total if total else 1.0


def ppocr_kept(inp: Path, pdf: Path) -> float:
    """As ``kept_share`` with PP-OCR readings (steadier than Tesseract on forms and photos)."""
    from collections import Counter

    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for img in input_pages(inp):
        before += tokens(attacker._ppocr(img))
    for img in _pages(pdf, dpi=200):
        after += tokens(attacker._ppocr(img))
    total = sum(before.values())
    return sum((before & after).values()) / total if total else 1.0


def ink_kept(inp: Path, pdf: Path) -> tuple[float, float]:
    """(share of the input's ink pixels not under a burned box, share of the page burned):
    pixels, no reading; the output is scaled to the input's size when they differ."""
    kept, burned = [], []
    for a, b in zip(input_pages(inp), _pages(pdf, dpi=200), strict=False):
        if b.size != a.size:
            b = b.resize(a.size)
        ga = np.asarray(a.convert("L")).astype(np.int16)
        gb = np.asarray(b.convert("L")).astype(np.int16)
        box = (gb < 16) & (ga > 60)  # black now, not black before: a burn
        ink = ga < 160
        kept.append(1.0 - float((ink & box).sum()) / max(1, int(ink.sum())))
        burned.append(float(box.mean()))
    return (min(kept) if kept else 0.0, max(burned) if burned else 0.0)


def rules_removed(img: Image.Image) -> Image.Image:
    """The page with long horizontal and vertical strokes (table rules, field lines) whitened."""
    import cv2

    g = np.asarray(img.convert("L"))
    ink = (g < 170).astype(np.uint8)
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, max(40, g.shape[1] // 25)), np.uint8))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((max(40, g.shape[0] // 30), 1), np.uint8))
    lines = cv2.dilate(np.maximum(h, v), np.ones((3, 3), np.uint8)) > 0
    out = g.copy()
    out[lines] = 255
    return Image.fromarray(out)


def ring_strips(img: Image.Image) -> list[Image.Image]:
    """Every ring 0.3–1.3 in across (at 200 DPI) unwrapped into a strip, outer edge up, doubled."""
    import cv2

    g = np.asarray(img.convert("L"))
    rgb = np.asarray(img.convert("RGB")).astype(np.int16)
    redness = np.clip(rgb[..., 0] - (rgb[..., 1] + rgb[..., 2]) // 2, 0, 255).astype(np.uint8)
    strips: list[Image.Image] = []
    for plane in (g, 255 - redness * 2):
        small = cv2.medianBlur(plane.astype(np.uint8), 5)
        circles = cv2.HoughCircles(
            small, cv2.HOUGH_GRADIENT, dp=2, minDist=120, param1=120, param2=90, minRadius=30, maxRadius=140
        )
        if circles is None:
            continue
        for cx, cy, r in circles[0][:2]:
            rr = int(r * 1.08)
            polar = cv2.warpPolar(plane, (rr, 1440), (float(cx), float(cy)), rr, cv2.WARP_POLAR_LINEAR)
            band = polar[:, int(rr * 0.5) :]  # rows: angle (clockwise), columns: radius
            strip = np.flipud(band.T)  # outer edge up, reading clockwise left to right
            strip = np.concatenate([strip, strip], axis=1)
            h = strip.shape[0]
            pil = Image.fromarray(strip).resize((strip.shape[1] * 48 // max(1, h) // 2, 48))
            strips.append(ImageOps.autocontrast(pil, cutoff=1))
    return strips


def fold(text: str) -> str:
    """``text`` normalised with Chinese numerals spelt as digits."""
    return attacker.norm(text.translate(NUMERALS))


def readings(pdf: Path, lang: str, secrets: tuple[str, ...], full: bool, turned: bool) -> dict[str, str]:
    """Every reading of ``pdf`` by label (normalised); quarter turns when the input was ``turned``."""
    texts: dict[str, str] = {"structure": attacker.norm(structure_text(pdf))}
    got = attacker.recovered(pdf, secrets, lang, thorough=False)
    texts["attacker-quick"] = "".join(attacker.norm(s) for s in got)
    pages = _pages(pdf, dpi=200)
    per_page_plain: list[str] = []
    for p, img in enumerate(pages):
        rgb = img.convert("RGB")
        r, _g, b = rgb.split()
        texts[f"p{p}-red-stretch"] = attacker._tesseract(ImageOps.autocontrast(r, cutoff=1), lang)
        texts[f"p{p}-blue-stretch"] = attacker._tesseract(ImageOps.autocontrast(b, cutoff=1), lang)
        texts[f"p{p}-sparse"] = attacker._tesseract(img.convert("L"), lang, psm=11)
        plain = attacker._ppocr(rgb)
        texts[f"p{p}-ppocr"] = plain
        per_page_plain.append(plain)
        norules = rules_removed(img)
        texts[f"p{p}-norules-tess"] = attacker._tesseract(norules, lang)
        texts[f"p{p}-norules-ppocr"] = attacker._ppocr(norules.convert("RGB"))
        for k, strip in enumerate(ring_strips(img)):
            texts[f"p{p}-ring{k}-ppocr"] = attacker._ppocr(strip.convert("RGB"))
            texts[f"p{p}-ring{k}-tess"] = attacker._tesseract(strip, lang, psm=7)
        for deg in (90, 270) if turned or full else ():
            texts[f"p{p}-turn{deg}"] = attacker._tesseract(
                img.convert("L").rotate(deg, expand=True, fillcolor=255), lang
            )
        try:
            import zxingcpp

            texts[f"p{p}-codes"] = " ".join(c.text for c in zxingcpp.read_barcodes(img))
        except ImportError:
            pass
        if full:
            for k, view in enumerate(more_views(img)):
                texts[f"p{p}-more{k}-tess"] = attacker._tesseract(view, lang)
    if len(pages) > 1:
        texts["pages-joined-ppocr"] = "".join(FOLIO.sub("", attacker.norm(t)) for t in per_page_plain)
    if full:
        for k, t in enumerate(extra_readings(pdf, lang)):
            texts[f"rt43view{k}"] = t
    out: dict[str, str] = {}
    for label, t in texts.items():
        out[label] = attacker.norm(t)
        folded = fold(t)
        if folded != out[label]:
            out[f"{label}#numerals"] = folded
    return out


def flag_unread(case_dir: Path, out_root: Path) -> str:
    """Flag a refused case; cut each unread region out; ``N(kind:count,…)``."""
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    inp = next(case_dir.glob("input.*"))
    review = out_root / "flag" / f"{case_dir.name}.json"
    review.parent.mkdir(parents=True, exist_ok=True)
    if not review.exists():
        cmd = ["nice", "-n", "10", SANDBOX, "flag", str(inp), "-l", lang, "--terms", str(case_dir / "terms.txt")]
        subprocess.run([*cmd, "-o", str(review), "--isolation", "none"], capture_output=True, check=False)
    if not review.exists():
        return "flag-failed"
    doc = json.loads(review.read_text(encoding="utf-8"))["documents"][0]
    pages = input_pages(inp)
    crops_dir = out_root / "crops"
    crops_dir.mkdir(exist_ok=True)
    kinds: dict[str, int] = {}
    crops: list[Image.Image] = []
    for f in doc["findings"]:
        if f["rule"] != "unread":
            continue
        kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
        p = int(f["page"]) - 1
        img = pages[min(p, len(pages) - 1)]
        sw, sh = doc["sizes"][str(f["page"])]
        sx, sy = img.width / sw, img.height / sh
        for x0, y0, x1, y1 in f["boxes"]:
            pad = 12
            c = img.crop((int(x0 * sx) - pad, int(y0 * sy) - pad, int(x1 * sx) + pad, int(y1 * sy) + pad))
            c.save(crops_dir / f"{case_dir.name}-unread-{len(crops) + 1}.png")
            crops.append(c)
    if crops:
        w = max(c.width for c in crops) + 10
        sheet = Image.new("RGB", (min(w, 1600), sum(c.height + 10 for c in crops)), (255, 0, 255))
        y = 0
        for c in crops:
            sheet.paste(c, (0, y))
            y += c.height + 10
        sheet.save(crops_dir / f"{case_dir.name}-sheet.png")
    n = sum(kinds.values())
    return f"{n}(" + ",".join(f"{k}:{v}" for k, v in sorted(kinds.items())) + ")"


def attack(case_dir: Path, out_dir: Path, out_root: Path, full: bool, refused_detail: bool) -> str:
    """One line: exit code, seconds, leaks (class@reading), partial leaks, share kept, unread, log leaks."""
    meta = json.loads((case_dir / "secrets.json").read_text(encoding="utf-8"))
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    rc_parts = (out_dir.parent / f"{out_dir.name}.rc").read_text().split()
    secrets = [(s["class"], s["value"]) for s in meta["secrets"]]
    kind = "ordinary" if meta["ordinary"] else "secret"
    head = f"{case_dir.name}\t{kind}\trc={rc_parts[0]}\tt={rc_parts[-1]}s"
    log = (out_dir.parent / f"{out_dir.name}.log").read_text(encoding="utf-8")
    reports = "".join(p.read_text(encoding="utf-8") for p in out_dir.glob("*.report.json"))
    log_leaks = [c for c, v in secrets if _hit({"log": attacker.norm(log + reports)}, v)]
    pdfs = sorted(out_dir.glob("*.pdf"))
    if not pdfs:
        unread = flag_unread(case_dir, out_root) if refused_detail and rc_parts[0] == "9" else "-"
        return f"{head}\tsecrets={len(secrets)}\tno output\tunread={unread}\tlog_leaks={','.join(log_leaks) or '-'}"
    full_leaks: list[str] = []
    part: list[str] = []
    kept = []
    inp = next(case_dir.glob("input.*"))
    extra_kept = ""
    for pdf in pdfs:
        kept.append(kept_share(inp, pdf, lang))
        ink, burned = ink_kept(inp, pdf)
        extra_kept = f"\tink_kept={ink:.3f}\tburned={burned:.3f}"
        if not secrets:
            extra_kept += f"\tkept_ppocr={ppocr_kept(inp, pdf):.2f}"
            continue
        turned = inp.suffix == ".tif" or (inp.suffix == ".jpg" and Image.open(inp).getexif().get(0x0112, 1) != 1)
        texts = readings(pdf, lang, tuple(v for _, v in secrets), full, turned)
        for cls, value in secrets:
            label = _hit(texts, value)
            if label:
                full_leaks.append(f"{cls}@{label}")
                continue
            if any(n and n in t for n in needles(cls, value) for t in texts.values()):
                part.append(cls)
    share = min(kept) if kept else 0.0
    return (
        f"{head}\tsecrets={len(secrets)}\tfull={','.join(full_leaks) or '-'}"
        f"\tpartial={','.join(part) or '-'}\tkept={share:.2f}{extra_kept}\tlog_leaks={','.join(log_leaks) or '-'}"
    )


def main(argv: list[str]) -> int:
    """Redact (when not done yet) and attack every case (or those named); one verdict line each."""
    flags = {"--default", "--unread-redact", "--full"}
    default, unread, full = ("--default" in argv), ("--unread-redact" in argv), ("--full" in argv)
    argv = [a for a in argv if a not in flags]
    if len(argv) < 2:
        print(
            "usage: python -m benchmarks.redteam45_attack CASES_DIR OUT_DIR"
            " [--default|--unread-redact] [--full] [CASE ...]",
            file=sys.stderr,
        )
        return 2
    cases, first = Path(argv[0]), Path(argv[1])
    outs = first / "default" if default else first / "unread_redact" if unread else first
    extra = ("--unread", "redact") if unread else ()
    for case_dir in sorted(p for p in cases.iterdir() if p.is_dir()):
        if argv[2:] and case_dir.name not in argv[2:]:
            continue
        rc_first = first / f"{case_dir.name}.rc"
        if unread and not (rc_first.exists() and rc_first.read_text().startswith("9")):
            continue
        if unread and json.loads((case_dir / "secrets.json").read_text(encoding="utf-8"))["ordinary"]:
            continue  # a user in a hurry with a page that has nothing to hide: not measured
        run_case(case_dir, outs / case_dir.name, default, extra)
        print(attack(case_dir, outs / case_dir.name, first, full, not (default or unread)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
