"""Print the demo's one-screen summary: per sample, pages, source, languages, words and CER."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.metrics import cer

FORMATS = ("txt", "json", "hocr", "pdf")


def main(samples: Path, out: Path) -> int:
    table = Table(title=f"ocr-sandbox demo: OCR of {samples}/ into {out}/", box=None)
    for col in ("sample", "pages", "read from", "languages", "words", "CER"):
        table.add_column(col, no_wrap=True)
    worst = 0.0
    complete = True
    for truth in sorted(samples.glob("*.gt.txt")):
        stem = truth.name.removesuffix(".gt.txt")
        doc = out / f"{stem}.json"
        if not doc.exists():
            table.add_row(stem, "-", "-", "-", "-", "missing")
            worst = 1.0
            continue
        data = json.loads(doc.read_text(encoding="utf-8"))
        sources = "+".join(sorted({p["source"] for p in data["pages"]}))
        langs = ",".join(sorted({p["languages"] for p in data["pages"] if p["languages"]})) or "-"
        words = sum(len(line["words"]) for p in data["pages"] for line in p["lines"])
        error = cer(truth.read_text(encoding="utf-8"), (out / f"{stem}.txt").read_text(encoding="utf-8"))
        marked = (samples / f"{stem}.marked.txt").exists()  # highlighted lines are for redact --highlights
        if not marked:
            worst = max(worst, error)
        complete &= all((out / f"{stem}.{ext}").exists() for ext in FORMATS)
        table.add_row(
            stem, str(data["page_count"]), sources, langs, str(words), f"{error:.1%}" + (" *" if marked else "")
        )
    console = Console(width=100)
    console.print(table)
    console.print(f"outputs: {', '.join(FORMATS)} for every sample{'' if complete else ' (SOME MISSING)'}")
    console.print("* highlighted lines: plain OCR drops them; `sandbox redact --highlights` reads them")
    return 0 if worst < 0.1 and complete else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
