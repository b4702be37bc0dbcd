"""Ink accounting on generated pages: is the hidden name found, how much ink stays unread,
what is kept as form structure, and the time per page.

    .venv/bin/python -m benchmarks.bench_forms [--pages NAME,...] [--src DIR]

For each page of ``benchmarks/inkpages.py``: ``sandbox flag --terms … --isolation none`` and
the review file it writes.  Reports per page: whether the listed name was flagged (colour
pages), unread regions, structure kept by kind, seconds.  ``--src DIR`` runs the ``sandbox``
of another source tree (an older commit unpacked there) for a before/after comparison.
Nothing leaves loopback; no page text is printed.
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

from benchmarks import inkpages


def _flag(src: Path, review: Path, terms: Path, code: Path | None) -> tuple[int, float]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    argv = [sys.executable, "-m", "sandbox", "flag", str(src), "-o", str(review), "--terms", str(terms),
            "-l", "eng", "--isolation", "none"]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, check=False, timeout=900, env=env, cwd=code)
    return proc.returncode, time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", default="")
    ap.add_argument("--src", type=Path, default=None, help="source tree whose sandbox to run")
    args = ap.parse_args(argv)
    wanted = set(filter(None, args.pages.split(",")))
    pages = [p for p in inkpages.COLOUR_PAGES + inkpages.FORM_PAGES if not wanted or p.name in wanted]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        terms = base / "terms.txt"
        terms.write_text(inkpages.SECRET + "\n", encoding="utf-8")
        inkpages.build(base / "in", tuple(pages))
        for page in pages:
            review = base / f"{page.name}.json"
            code, seconds = _flag(base / "in" / f"{page.name}.png", review, terms, args.src)
            row: dict[str, Any] = {"page": page.name, "exit": code, "seconds": round(seconds, 1)}
            if review.exists():
                findings = json.loads(review.read_text())["documents"][0]["findings"]
                rules = Counter(f["rule"] for f in findings)
                row["name_flagged"] = rules.get("terms", 0) > 0 if page.secret else None
                row["unread"] = rules.get("unread", 0)
                row["readable_marks"] = page.readable_marks
                row["structure"] = dict(Counter(f.get("kind", "") for f in findings if f["rule"] == "structure"))
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
