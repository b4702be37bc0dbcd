"""Attack the redacted outputs of ``benchmarks.redteam41`` cases; print per-case verdicts.

    .venv/bin/python -m benchmarks.redteam41_attack CASES_DIR OUT_DIR [CASE ...]

``OUT_DIR/NAME/`` holds what ``sandbox redact`` wrote for ``CASES_DIR/NAME/input.*``.  Every
PDF there is attacked with ``benchmarks.attacker.recovered`` (quick views) and with readings
of our own: Tesseract ``--psm 11`` (sparse text) on the page doubled in size, each colour
channel contrast-stretched, and PP-OCR on the doubled page.  A secret counts as *recovered*
when a reading holds all of it (case, width, spaces and punctuation folded); as *partial*
when a reading holds a name's longer word or a number's last eight digits.  Only each
secret's class is printed, never its value.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from benchmarks import attacker


def _pages(pdf: Path, dpi: int = 200) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True)
        return [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p*.png"))]


def own_readings(pdf: Path, lang: str) -> list[str]:
    """Readings the quick attacker does not make: sparse text, channels, doubled PP-OCR."""
    texts = []
    for img in _pages(pdf):
        big = img.resize((img.width * 2, img.height * 2))
        texts.append(attacker._tesseract(big.convert("L"), lang, psm=11))
        for band in img.split():
            texts.append(attacker._tesseract(ImageOps.autocontrast(band, cutoff=1), lang))
        texts.append(attacker._ppocr(big))
    return texts


def partial_needles(cls: str, value: str) -> list[str]:
    """The pieces of a secret that are already a leak on their own."""
    v = attacker.norm(value)
    if cls == "name":
        words = [attacker.norm(w) for w in value.replace("-", " ").split()]
        return [w for w in words if len(w) >= 5] if len(words) > 1 else ([v[1:]] if len(v) >= 3 else [])
    if cls in ("phone", "id", "card", "iban"):
        return [v[-8:]]
    if cls == "email":
        return [attacker.norm(value.split("@")[0])]
    return []


def attack(case_dir: Path, out_dir: Path) -> str:
    """One line: the case's verdict by secret class (recovered fully or partly)."""
    meta = json.loads((case_dir / "secrets.json").read_text(encoding="utf-8"))
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    secrets = [(s["class"], s["value"]) for s in meta["secrets"]]
    pdfs = sorted(out_dir.glob("*.pdf"))
    if not pdfs:
        return f"{case_dir.name}\tno output"
    full: list[str] = []
    part: list[str] = []
    for pdf in pdfs:
        got = set(attacker.recovered(pdf, tuple(v for _, v in secrets), lang, thorough=False))
        texts = [attacker.norm(t) for t in own_readings(pdf, lang)]
        for cls, value in secrets:
            if value in got or any(attacker.norm(value) in t for t in texts):
                full.append(cls)
                continue
            if any(n and n in t for n in partial_needles(cls, value) for t in texts):
                part.append(cls)
    return f"{case_dir.name}\tfull={','.join(full) or '-'}\tpartial={','.join(part) or '-'}"


def main(argv: list[str]) -> int:
    """Attack every case (or those named) and print one verdict line each."""
    if len(argv) < 2:
        print("usage: python -m benchmarks.redteam41_attack CASES_DIR OUT_DIR [CASE ...]", file=sys.stderr)
        return 2
    cases, outs = Path(argv[0]), Path(argv[1])
    for case_dir in sorted(cases.iterdir()):
        if argv[2:] and case_dir.name not in argv[2:]:
            continue
        print(attack(case_dir, outs / case_dir.name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
