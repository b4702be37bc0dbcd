"""Redact the ``benchmarks.redteam44`` cases and attack the outputs; print per-case verdicts.

    .venv/bin/python -m benchmarks.redteam44_attack CASES_DIR OUT_DIR [--default|--unread-redact] [CASE ...]

For each case not yet run, ``sandbox redact input.* -o OUT_DIR/NAME --terms terms.txt -l LANG
--to pdf --isolation none`` is run (``--default``: no ``--terms`` and no ``-l``, the built-in
policy as a user would first try it, into ``OUT_DIR/default/NAME``; ``--unread-redact``: the
cases the first run refused, again with ``--unread redact`` as a user in a hurry would, into
``OUT_DIR/unread_redact/NAME``: what leaks there was read wrongly, not left unread); its
exit code and time go to ``OUT_DIR/NAME.rc``, its terminal output to ``OUT_DIR/NAME.log``.  Then every output PDF is
attacked as ``benchmarks.redteam43_attack`` does (the quick views of ``benchmarks.attacker``,
sparse text, colour channels, doubled PP-OCR, mirrored, quarter turns, pale layer, columns
re-laid, barcode payloads and their base64) plus, new here: the page descreened (blurred 2 and
3 px, then contrast-stretched and thresholded: moiré, dot screens), turned 45° both ways
(slanted axis labels), gamma-lifted darkest channel (pale cyan and pink print), and the
PDF's structure read with pikepdf (document info, XMP, annotations and their appearance
streams, form fields, outlines, attachments, optional-content groups).  The terminal output
and the ``report.json`` beside each output are searched too (they must never carry document
text).  A secret is *recovered* when one reading holds all of it; a value written
``A|B`` (a name split into cells) is recovered when every part is in some reading.  Only
classes, counts and the name of the reading that found each leak are printed, never a value.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from benchmarks import attacker
from benchmarks.redteam41_attack import own_readings
from benchmarks.redteam42_attack import FOLIO, _pages, kept_share
from benchmarks.redteam43_attack import extra_readings, needles

SANDBOX = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "sandbox")


def run_case(case_dir: Path, out: Path, default: bool, extra: tuple[str, ...] = ()) -> None:
    """Redact one case into ``out`` (skipped when its exit code is already recorded)."""
    rc_file = out.parent / f"{out.name}.rc"
    if rc_file.exists():
        return
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    inp = next(case_dir.glob("input.*"))
    cmd = ["nice", "-n", "10", SANDBOX, "redact", str(inp), "-o", str(out), "--to", "pdf", "--isolation", "none"]
    cmd += extra
    if not default:
        cmd += ["--terms", str(case_dir / "terms.txt"), "-l", lang]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    secs = time.monotonic() - t0
    out.parent.mkdir(parents=True, exist_ok=True)
    (out.parent / f"{out.name}.log").write_text(proc.stdout + "\n" + proc.stderr, encoding="utf-8")
    rc_file.write_text(f"{proc.returncode} {secs:.0f}\n")


def structure_text(pdf: Path) -> str:
    """Everything a PDF carries besides its page pixels: info, XMP, annotations, forms, outlines, files."""
    import pikepdf

    out: list[str] = []
    for args in (["pdftotext", "-enc", "UTF-8"], ["pdftotext", "-layout", "-enc", "UTF-8"]):
        proc = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=False)
        out.append(proc.stdout.decode("utf-8", "replace"))
    with pikepdf.open(pdf) as doc:
        out.append(repr(dict(doc.docinfo.items())))
        with contextlib.suppress(Exception):  # a broken XMP packet is no leak
            out.append(str(doc.open_metadata()))
        for name, spec in doc.attachments.items():
            out.append(name)
            out.append(spec.get_file().read_bytes().decode("utf-8", "replace"))
        with doc.open_outline() as outline:
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                out.append(str(item.title))
                stack.extend(item.children)
        for page in doc.pages:
            for annot in page.get("/Annots", []):
                for key in ("/Contents", "/V", "/T", "/TU", "/RC"):
                    if key in annot:
                        out.append(str(annot[key]))
                ap = annot.get("/AP")
                if ap is not None and "/N" in ap and isinstance(ap.N, pikepdf.Stream):
                    out.append(ap.N.read_bytes().decode("latin-1"))
        if "/AcroForm" in doc.Root:
            out.append(repr(doc.Root.AcroForm))
        if "/OCProperties" in doc.Root:
            out.append("OCPROPERTIES")
    return "\n".join(out)


def more_views(img: Image.Image) -> list[Image.Image]:
    """Descreened, slanted and gamma-lifted views of a rendered page."""
    gray = img.convert("L")
    views: list[Image.Image] = []
    for r in (2.0, 3.0):
        soft = ImageOps.autocontrast(gray.filter(ImageFilter.GaussianBlur(r)), cutoff=2)
        views.append(soft)
        views.append(soft.point(lambda v: 0 if v < 150 else 255))
    for deg in (45, -45):
        views.append(gray.rotate(deg, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC))
    darkest = Image.fromarray(np.asarray(img.convert("RGB")).min(axis=2))
    lifted = darkest.point(lambda v: int(255 * (v / 255) ** 4))
    views.append(ImageOps.autocontrast(lifted, cutoff=1))
    return views


def _hit(texts: dict[str, str], value: str) -> str | None:
    """The name of a reading holding ``value`` (every part of an ``A|B`` value), else None."""
    parts = [attacker.norm(p) for p in value.split("|")]
    for label, t in texts.items():
        if all(p and p in t for p in parts):
            return label
    if len(parts) > 1 and all(any(p in t for t in texts.values()) for p in parts):
        return "parts-apart"
    return None


def attack(case_dir: Path, out_dir: Path) -> str:
    """One line: exit code, seconds, leaks (class@reading), partial leaks, share kept, log leaks."""
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
        return f"{head}\tsecrets={len(secrets)}\tno output\tlog_leaks={','.join(log_leaks) or '-'}"
    full: list[str] = []
    part: list[str] = []
    kept = []
    inp = next(case_dir.glob("input.*"))
    for pdf in pdfs:
        kept.append(kept_share(inp, pdf, lang))
        if not secrets:
            continue
        texts: dict[str, str] = {"structure": attacker.norm(structure_text(pdf))}
        got = set(attacker.recovered(pdf, tuple(v for _, v in secrets if "|" not in v), lang, thorough=False))
        per_page = own_readings(pdf, lang)
        for k, t in enumerate(per_page):
            texts[f"own{k}"] = attacker.norm(t)
        n_pages = len(_pages(pdf))
        if n_pages > 1:
            per_view = len(per_page) // n_pages
            for v in range(per_view):
                joined = (FOLIO.sub("", attacker.norm(per_page[p * per_view + v])) for p in range(n_pages))
                texts[f"joined{v}"] = "".join(joined)
        for k, t in enumerate(extra_readings(pdf, lang)):
            texts[f"rt43view{k}"] = attacker.norm(t)
        for p, img in enumerate(_pages(pdf, dpi=200)):
            for k, view in enumerate(more_views(img)):
                texts[f"p{p}more{k}-tess"] = attacker.norm(attacker._tesseract(view, lang))
                if k < 4:
                    texts[f"p{p}more{k}-ppocr"] = attacker.norm(attacker._ppocr(view.convert("RGB")))
        for cls, value in secrets:
            if value in got:
                full.append(f"{cls}@attacker")
                continue
            label = _hit(texts, value)
            if label:
                full.append(f"{cls}@{label}")
                continue
            if any(n and n in t for n in needles(cls, value) for t in texts.values()):
                part.append(cls)
    share = min(kept) if kept else 0.0
    return (
        f"{head}\tsecrets={len(secrets)}\tfull={','.join(full) or '-'}"
        f"\tpartial={','.join(part) or '-'}\tkept={share:.2f}\tlog_leaks={','.join(log_leaks) or '-'}"
    )


def main(argv: list[str]) -> int:
    """Redact (when not done yet) and attack every case (or those named); one verdict line each."""
    default = "--default" in argv
    unread = "--unread-redact" in argv
    argv = [a for a in argv if a not in ("--default", "--unread-redact")]
    if len(argv) < 2:
        print(
            "usage: python -m benchmarks.redteam44_attack CASES_DIR OUT_DIR [--default|--unread-redact] [CASE ...]",
            file=sys.stderr,
        )
        return 2
    cases, first = Path(argv[0]), Path(argv[1])
    outs = first / "default" if default else first / "unread_redact" if unread else first
    extra = ("--unread", "redact") if unread else ()
    for case_dir in sorted(p for p in cases.iterdir() if p.is_dir()):
        if argv[2:] and case_dir.name not in argv[2:]:
            continue
        if unread and not (first / f"{case_dir.name}.rc").read_text().startswith("9"):
            continue
        run_case(case_dir, outs / case_dir.name, default, extra)
        print(attack(case_dir, outs / case_dir.name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
