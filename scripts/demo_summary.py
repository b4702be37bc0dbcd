"""Print the demo's one-screen summary: per sample, pages, words and CER against ground truth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.metrics import cer


def main(samples: Path, out: Path) -> int:
    table = Table(title=f"ocr-sandbox demo: outputs in {out}/", box=None)
    for col in ("sample", "pages", "read from", "languages", "words", "CER", "outputs"):
        table.add_column(col)
    worst = 0.0
    for truth in sorted(samples.glob("*.gt.txt")):
        stem = truth.name.removesuffix(".gt.txt")
        doc = out / f"{stem}.json"
        if not doc.exists():
            table.add_row(stem, "-", "-", "-", "missing", "")
            worst = 1.0
            continue
        data = json.loads(doc.read_text(encoding="utf-8"))
        sources = sorted({p["source"] for p in data["pages"]})
        langs = ",".join(sorted({p["languages"] for p in data["pages"] if p["languages"]})) or "-"
        words = sum(len(line["words"]) for p in data["pages"] for line in p["lines"])
        error = cer(truth.read_text(encoding="utf-8"), (out / f"{stem}.txt").read_text(encoding="utf-8"))
        marked = (samples / f"{stem}.marked.txt").exists()  # highlighted lines: for redact --highlights
        if not marked:
            worst = max(worst, error)
        produced = " ".join(ext for ext in ("txt", "json", "hocr", "pdf") if (out / f"{stem}.{ext}").exists())
        shown = f"{error:.1%}" + (" (highlighted lines: redact --highlights)" if marked else "")
        table.add_row(stem, str(data["page_count"]), "+".join(sources), langs, str(words), shown, produced)
    Console().print(table)
    return 0 if worst < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
