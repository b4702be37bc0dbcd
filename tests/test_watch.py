"""Issue 14's hot folder: bursts of files (slow writers, temporary names, broken files,
duplicates) each processed once, broken ones in failed/ with a reason, a kill loses nothing."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.conftest import DEJAVU, run_cli


def _png(n: int) -> bytes:
    img = Image.new("L", (700, 100), 255)
    ImageDraw.Draw(img).text((20, 30), f"Intake sheet {n:03d}", font=ImageFont.truetype(DEJAVU, 30), fill=0)
    buf = io.BytesIO()
    img.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()


def _start(inbox: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sandbox", "watch", str(inbox), "-o", str(out), "--settle", "0.5", "--", "ocr",
         "--to", "txt", "-j", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def _settled(inbox: Path) -> int:
    return sum(1 for p in (inbox / "done").iterdir() if not p.name.endswith(".reason.txt")) + sum(
        1 for p in (inbox / "failed").iterdir() if not p.name.endswith(".reason.txt")
    )


@pytest.mark.slow
def test_two_hundred_files_in_bursts_each_processed_once_across_a_kill(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    watcher = _start(inbox, out)
    good: list[int] = []
    broken: list[int] = []
    dups: list[int] = []
    try:
        for burst in range(4):  # 4 bursts of 50
            for k in range(50):
                n = burst * 50 + k
                if n % 25 == 7:
                    (inbox / f"broken{n:03d}.pdf").write_bytes(b"%PDF-1.7\nthis is not a document")
                    broken.append(n)
                elif n % 25 == 11 and burst >= 2:  # the content of a file done long before, a new name
                    (inbox / f"again{n:03d}.png").write_bytes(_png(good[0]))
                    dups.append(n)
                elif n % 25 == 13:  # a scanner writing under a temporary name, renamed when done
                    (inbox / f"s{n:03d}.png.part").write_bytes(_png(n))
                    os.replace(inbox / f"s{n:03d}.png.part", inbox / f"s{n:03d}.png")
                    good.append(n)
                elif n % 25 == 17:  # a slow writer: the file grows for more than the settle time
                    data = _png(n)
                    with (inbox / f"s{n:03d}.png").open("wb") as fh:
                        for i in range(0, len(data), len(data) // 4 + 1):
                            fh.write(data[i : i + len(data) // 4 + 1])
                            fh.flush()
                            time.sleep(0.3)
                    good.append(n)
                else:
                    (inbox / f"s{n:03d}.png").write_bytes(_png(n))
                    good.append(n)
            if burst == 1:  # the machine goes down mid-way; the watcher is started again
                deadline = time.monotonic() + 120
                while _settled(inbox) < 30 and time.monotonic() < deadline:
                    time.sleep(0.1)
                os.killpg(watcher.pid, signal.SIGKILL)
                watcher.wait(timeout=30)
                watcher = _start(inbox, out)
            time.sleep(0.5)
        deadline = time.monotonic() + 400
        while _settled(inbox) < 200 and time.monotonic() < deadline:
            time.sleep(0.25)
    finally:
        os.killpg(watcher.pid, signal.SIGTERM)
        watcher.wait(timeout=60)
    assert _settled(inbox) == 200
    assert not list((inbox / ".processing").iterdir()) or not any((inbox / ".processing").rglob("*.png"))
    done = {p.name for p in (inbox / "done").iterdir()}
    failed = {p.name for p in (inbox / "failed").iterdir()}
    assert {f"broken{n:03d}.pdf" for n in broken} <= failed
    assert all(f"broken{n:03d}.pdf.reason.txt" in failed for n in broken)
    assert {f"s{n:03d}.png" for n in good} <= done
    texts = sorted(p.name for p in out.glob("*.txt"))
    assert texts == sorted(f"s{n:03d}.txt" for n in good)  # one output each; duplicates not read again
    for n in dups:
        assert f"again{n:03d}.png" in done
        assert "duplicate" in (inbox / "done" / f"again{n:03d}.png.reason.txt").read_text(encoding="utf-8")
    for n in good[:5]:
        assert f"{n:03d}" in (out / f"s{n:03d}.txt").read_text(encoding="utf-8")


def test_watch_task_is_checked_before_anything_runs(tmp_path: Path) -> None:
    res = run_cli(["watch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--", "rm", "-rf"])
    assert res.code == 2 and "ocr, convert, redact" in res.stderr
    res = run_cli(["watch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--", "ocr", "-o", "/elsewhere"])
    assert res.code == 2
