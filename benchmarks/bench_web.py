"""The web page against the CLI (issue 15): one page, upload to result, vs the same CLI job.

    .venv/bin/python -m benchmarks.bench_web [--runs 3]

Starts ``sandbox serve`` on loopback (the only address this connects to), uploads a sample page
for a searchable PDF, waits for the end as the page does (long polls of ``/status?since=``),
and compares the median with the median time of ``sandbox ocr PAGE -o DIR --to pdf``.  Target: at most 1.1x (issue 28).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "sample_images" / "letter_en.png"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    serve = subprocess.Popen([sys.executable, "-m", "sandbox", "serve", "--port", "0"], stderr=subprocess.PIPE,
                             text=True)  # fmt: skip
    web, cli = [], []
    try:
        assert serve.stderr is not None
        url = next(line.split("open: ", 1)[1].strip() for line in serve.stderr if line.startswith("open: "))
        base = url.split("/?", 1)[0]
        with httpx.Client(base_url=base, trust_env=False, follow_redirects=False, timeout=120) as http:
            http.cookies.set("sbx_session", http.get(url).cookies["sbx_session"])
            csrf = http.get("/").text.split('data-csrf="', 1)[1].split('"', 1)[0]
            data = PAGE.read_bytes()
            with tempfile.TemporaryDirectory() as tmp:
                for n in range(args.runs):
                    started = time.monotonic()
                    res = http.post(f"/jobs?csrf={csrf}", data={"task": "searchable", "format": "pdf", "lang": "eng"},
                                    files={"files": (PAGE.name, data, "image/png")})  # fmt: skip
                    job = res.headers["location"]
                    seen = http.get(f"{job}/status").json()
                    while seen["state"] not in ("done", "failed"):
                        seen = http.get(f"{job}/status", params={"since": seen["token"]}).json()
                    web.append(time.monotonic() - started)
                    started = time.monotonic()
                    subprocess.run([sys.executable, "-m", "sandbox", "ocr", str(PAGE), "-o", f"{tmp}/o{n}", "--to",
                                    "pdf", "-q"], check=True)  # fmt: skip
                    cli.append(time.monotonic() - started)
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    w, c = statistics.median(web), statistics.median(cli)
    print(f"one page to a searchable PDF, median of {args.runs}: web {w:.2f} s, CLI {c:.2f} s, ratio {w / c:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
