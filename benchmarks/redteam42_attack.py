"""Attack the redacted outputs of ``benchmarks.redteam42`` cases; print per-case verdicts.

    .venv/bin/python -m benchmarks.redteam42_attack CASES_DIR OUT_DIR [CASE ...]

``OUT_DIR/NAME/`` holds what ``sandbox redact`` wrote for ``CASES_DIR/NAME/input.*`` and
``OUT_DIR/NAME.rc`` its exit code.  Every output PDF is attacked as in
``benchmarks.redteam41_attack`` (the quick views of ``benchmarks.attacker`` plus sparse text,
colour channels and doubled PP-OCR), and, new here, with the readings of consecutive pages
joined (folios such as "page 1 of 2" dropped), so a name or number split over a page
break counts when both halves survive.  A secret is *recovered* when a reading holds all of
it, *partial* when it holds a name's longer word or a number's last eight digits.  For every
case it also measures how much innocent text survived: the share of the input's reading
(Tesseract, tokens: Han characters and Latin/digit words) found again in the output's reading.
Only classes and counts are printed, never a secret's value or any document text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from PIL import Image

from benchmarks import attacker
from benchmarks.redteam41_attack import own_readings, partial_needles

TOKEN = re.compile(r"[\u3400-\u9fff]|[0-9a-z]{2,}")
FOLIO = re.compile(r"page\d+of\d+|第\d+页共\d+页")  # a running footer between two pages' texts


def _pages(path: Path, dpi: int = 200) -> list[Image.Image]:
    if path.suffix != ".pdf":
        with Image.open(path) as img:
            return [img.convert("RGB")]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), f"{tmp}/p"], check=True)
        return [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p*.png"))]


def tokens(text: str) -> Counter[str]:
    """Han characters and Latin/digit words of a reading, folded as the attacker folds."""
    import unicodedata

    import opencc

    folded = opencc.OpenCC("t2s").convert(unicodedata.normalize("NFKC", text)).casefold()
    return Counter(TOKEN.findall(folded))


def kept_share(input_path: Path, out_pdf: Path, lang: str) -> float:
    """Share of the input's reading (tokens) that the output's reading still holds."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for img in _pages(input_path):
        before += tokens(attacker._tesseract(img.convert("L"), lang))
    for img in _pages(out_pdf, dpi=200):
        after += tokens(attacker._tesseract(img.convert("L"), lang))
    total = sum(before.values())
    return sum((before & after).values()) / total if total else 1.0


def attack(case_dir: Path, out_dir: Path) -> str:
    """One line: exit code, secret classes recovered fully or partly, share of text kept."""
    meta = json.loads((case_dir / "secrets.json").read_text(encoding="utf-8"))
    lang = (case_dir / "lang.txt").read_text(encoding="utf-8").strip()
    rc_file = out_dir.parent / f"{out_dir.name}.rc"
    rc = rc_file.read_text().split()[0] if rc_file.exists() else "?"
    secrets = [(s["class"], s["value"]) for s in meta["secrets"]]
    kind = "ordinary" if meta["ordinary"] else "secret"
    pdfs = sorted(out_dir.glob("*.pdf"))
    if not pdfs:
        return f"{case_dir.name}\t{kind}\trc={rc}\tno output"
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
        if n_pages > 1:  # the same view of every page, joined in page order
            per_view = len(per_page) // n_pages
            for v in range(per_view):
                joined = (FOLIO.sub("", attacker.norm(per_page[p * per_view + v])) for p in range(n_pages))
                texts.append("".join(joined))
        for cls, value in secrets:
            if value in got or any(attacker.norm(value) in t for t in texts):
                full.append(cls)
                continue
            if any(n and n in t for n in partial_needles(cls, value) for t in texts):
                part.append(cls)
    share = min(kept) if kept else 0.0
    return (
        f"{case_dir.name}\t{kind}\trc={rc}\tsecrets={len(secrets)}\tfull={','.join(full) or '-'}"
        f"\tpartial={','.join(part) or '-'}\tkept={share:.2f}"
    )


def main(argv: list[str]) -> int:
    """Attack every case (or those named) and print one verdict line each."""
    if len(argv) < 2:
        print("usage: python -m benchmarks.redteam42_attack CASES_DIR OUT_DIR [CASE ...]", file=sys.stderr)
        return 2
    cases, outs = Path(argv[0]), Path(argv[1])
    for case_dir in sorted(p for p in cases.iterdir() if p.is_dir()):
        if argv[2:] and case_dir.name not in argv[2:]:
            continue
        print(attack(case_dir, outs / case_dir.name), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
