"""Leak hunting: redact every generated hostile case, then attack every output.

    .venv/bin/python -m benchmarks.bench_leaks [--cases NAME,...] [--quick] [--baseline]

For each case of ``benchmarks/leakcases.py``: ``sandbox redact --terms … --to pdf,png,txt,json``
(``--isolation none`` so the time is the redaction's own), then ``benchmarks.attacker`` on
every output.  Reports per case: exit code, items recoverable (target 0 whenever the tool
exited 0), innocent words kept (target ≥ 90 %), unread regions raised, seconds per page; and
the time of a plain page against ``--baseline`` (the same command with ``--unread keep
--views plain``, i.e. a single plain reading as before this check existed).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import attacker, leakcases

ROOT = Path(__file__).resolve().parent.parent


def _redact(path: Path, out: Path, case: leakcases.Case, terms: Path, extra: tuple[str, ...]) -> tuple[int, float, str]:
    argv = [
        sys.executable, "-m", "sandbox", "redact", str(path), "-o", str(out), "--to", "pdf,png,txt,json",
        "--terms", str(terms), "-l", case.lang, "--isolation", "none", "--json-summary", "--keep-names",
        *case.args, *extra,
    ]  # fmt: skip
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, check=False, timeout=900)
    return proc.returncode, time.monotonic() - started, proc.stdout.decode() + proc.stderr.decode()


def _innocent_kept(out: Path, case: leakcases.Case) -> float:
    txt = out / f"{Path(case.name).name}.txt"
    if not txt.exists():
        return 0.0
    text = attacker.norm(txt.read_text(encoding="utf-8"))
    kept = [w for w in case.innocent if attacker.norm(w) in text]
    return len(kept) / len(case.innocent)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", default="")
    ap.add_argument("--quick", action="store_true", help="attacker without rotations (faster)")
    args = ap.parse_args(argv)
    wanted = set(filter(None, args.cases.split(",")))
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        terms = leakcases.terms_file(base / "terms.txt")
        built = [(c, p) for c, p in leakcases.build(base / "in") if not wanted or c.name in wanted]
        for case, path in built:
            out = base / "out" / case.name
            code, seconds, log = _redact(path, out, case, terms, ())
            outputs = sorted(p for p in out.glob("*") if not p.name.endswith(".report.json")) if out.exists() else []
            leaked: set[str] = set()
            for output in outputs:
                # the PDF embeds the PNG's pixels: turn and re-threshold them once (the PNG), read both
                thorough = output.suffix == ".png" and not args.quick
                leaked.update(attacker.recovered(output, case.secrets, case.lang, thorough=thorough))
            unread = 0
            for line in log.splitlines():
                if "unread" in line and "region" in line:
                    unread += 1
            rows.append(
                {
                    "case": case.name,
                    "exit": code,
                    "outputs": len(outputs),
                    "recoverable": len(leaked) if code == 0 else 0,
                    "innocent_kept": round(_innocent_kept(out, case), 2) if code == 0 else None,
                    "refused": code != 0,
                    "ordinary": case.ordinary,
                    "unread_msgs": unread,
                    # messages must never carry document text: secrets or any word of the page
                    "text_in_messages": sum(w in log for w in (*case.secrets, *case.innocent)),
                    "seconds": round(seconds, 1),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
        plain = base / "in" / "ordinary-letter.png"
        letter = [c for c, _ in built if c.name == "ordinary-letter"]
        if plain.exists() and letter:  # the timing needs the ordinary letter among the cases run
            case = letter[0]
            _, now, _ = _redact(plain, base / "t1", case, terms, ())
            _, before, _ = _redact(plain, base / "t2", case, terms, ("--views", "plain", "--unread", "keep"))
            print(f"time on a clean page: {now:.1f} s vs {before:.1f} s plain reading ({now / before:.2f}×)")
    total = sum(r["recoverable"] for r in rows)
    refused_ordinary = [r["case"] for r in rows if r["ordinary"] and r["refused"]]
    kept = [r["innocent_kept"] for r in rows if r["innocent_kept"] is not None]
    print(f"items recoverable while exit 0: {total} (target 0)")
    print(f"ordinary documents refused: {refused_ordinary or 'none'} (target none)")
    if kept:
        print(f"innocent words kept: {sum(kept) / len(kept):.0%} (target ≥ 90 %)")
    print(f"refused (exit ≠ 0): {[r['case'] for r in rows if r['refused']]}")
    print(f"document text in messages: {sum(r['text_in_messages'] for r in rows)} (target 0)")
    quiet = sum(r["text_in_messages"] for r in rows) == 0
    return 0 if total == 0 and not refused_ordinary and quiet else 1


if __name__ == "__main__":
    raise SystemExit(main())
