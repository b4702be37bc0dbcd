"""Nothing lost, nothing misreported (issue 27), through the real CLI: a full or read-only output
file system is found before the work or stops the run at the first failed write; summaries list
exactly the files that exist; Ctrl-C says how many documents are in place."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run_cli

LETTER = SAMPLES / "letter_en.png"  # 165 kB; its searchable PDF about 176 kB

root_mounts = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare for a private tmpfs"
)


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(1, n + 1):
        shutil.copy(LETTER, folder / f"doc{i:02d}.png")
    return folder


def _on_tmpfs(mount: Path, options: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """``sandbox ARGS`` in a private mount namespace where ``mount`` is a tmpfs with ``options``."""
    mount.mkdir(exist_ok=True)
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    argv = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", options, str(mount)]
    return subprocess.run(
        [*argv, sys.executable, "-m", "sandbox", *args], capture_output=True, text=True, timeout=600, check=False
    )


@root_mounts
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["bwrap", "none"])
def test_full_disk_stops_at_the_first_failed_write(tmp_path: Path, mode: str) -> None:
    """Room for about one document's txt+pdf: the second document's write fails, the run stops
    there (the other four are not read), the first stays whole, exit 6, and the summary, the
    JSON summary and the folder agree."""
    inbox = _inputs(tmp_path / "in", 6)
    mount = tmp_path / "small"
    script = (
        'mount -t tmpfs -o size=300k tmpfs "$1" && shift && "$@"; code=$?; '
        'ls -A "$OUT" > "$LISTING"; exit $code'
    )  # the listing is taken inside the namespace: the tmpfs goes with it
    mount.mkdir()
    env = dict(os.environ, OUT=str(mount / "out"), LISTING=str(tmp_path / "listing"))
    args = ["ocr", str(inbox), "-o", str(mount / "out"), "--to", "txt,pdf", "-j", "1", "--isolation", mode]
    proc = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(mount),
         sys.executable, "-m", "sandbox", *args, "--no-space-check", "--json-summary"],
        capture_output=True, text=True, timeout=600, check=False, env=env,
    )  # fmt: skip
    assert proc.returncode == 6, proc.stderr
    summary = json.loads(proc.stdout)
    existing = sorted((tmp_path / "listing").read_text().split())
    assert existing == ["doc01.pdf", "doc01.txt"]  # one whole document, no part of the second
    assert sorted(Path(p).name for p in summary["outputs"]) == existing
    assert [f["file"] for f in summary["failures"]] == ["in/doc02.png"]
    assert "No space left on device" in summary["failures"][0]["message"]
    assert summary["not_processed"] == [f"in/doc{i:02d}.png" for i in range(3, 7)]
    assert summary["exit_code"] == 6 and len(summary["documents"]) == 1
    lines = [line for line in proc.stderr.splitlines() if line.startswith("sandbox: error:")]
    assert len(lines) == 2, proc.stderr  # the failed write, and what was not processed
    assert "doc02.pdf: cannot write to" in lines[0] or "doc02.txt: cannot write to" in lines[0]
    assert "4 more document(s) not processed" in lines[1] and "--resume" in lines[1]


@root_mounts
def test_too_little_space_is_refused_before_reading(tmp_path: Path) -> None:
    inbox = _inputs(tmp_path / "in", 6)
    mount = tmp_path / "small"
    started = time.monotonic()
    proc = _on_tmpfs(mount, "size=300k", ["ocr", str(inbox), "-o", str(mount / "out"), "--to", "txt,pdf"])
    assert proc.returncode == 5, proc.stderr
    assert "needed for txt,pdf" in proc.stderr and "free" in proc.stderr and "nothing was read" in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert time.monotonic() - started < 10  # no page was read


@root_mounts
def test_read_only_output_is_refused_before_reading(tmp_path: Path) -> None:
    inbox = _inputs(tmp_path / "in", 3)
    mount = tmp_path / "ro"
    proc = _on_tmpfs(mount, "size=1m,ro", ["ocr", str(inbox), "-o", str(mount / "out"), "--to", "txt"])
    assert proc.returncode == 5, proc.stderr
    assert proc.stderr.strip() == (
        f"sandbox: error: {mount / 'out'}: cannot write there (read-only file system); "
        "choose another -o (nothing was read)"
    )


def test_output_path_that_is_a_file_is_our_own_error(tmp_path: Path) -> None:
    afile = tmp_path / "t.txt"
    afile.write_text("keep")
    res = run_cli(["ocr", str(LETTER), "-o", str(afile)])
    assert res.code == 2
    assert res.stderr.startswith("sandbox: error: -o t.txt: is a file, not a folder") and "Directory" not in res.stderr
    assert afile.read_text() == "keep"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("mode", ["bwrap", "none"])
def test_interrupt_says_how_many_documents_are_in_place(tmp_path: Path, mode: str, sig: signal.Signals) -> None:
    """SIGINT or SIGTERM to the process group mid-batch: one line with the count of documents
    written, exactly the files there; nothing partial (no half-written or temporary file)."""
    inbox = _inputs(tmp_path / "in", 12)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "ocr", str(inbox), "-o", str(out), "--to", "txt,json", "-j", "2",
         "--isolation", mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 2 and proc.poll() is None:
        time.sleep(0.1)
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=60)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    files = sorted(p.name for p in out.iterdir())
    done = sorted(p.stem for p in out.glob("*.json"))
    assert files == sorted([f"{s}.json" for s in done] + [f"{s}.txt" for s in done])  # whole documents only
    assert 2 <= len(done) < 12
    line = f"sandbox: error: stopped: {len(done)} of 12 documents written; rerun with --resume to continue"
    assert line in stderr.splitlines(), stderr


@pytest.mark.slow
def test_resume_run_leaves_no_empty_scratch_folder(tmp_path: Path) -> None:
    inbox = _inputs(tmp_path / "in", 2)
    out = tmp_path / "out"
    res = run_cli(["ocr", str(inbox), "-o", str(out), "--to", "txt", "--resume", "-q"])
    assert res.code == 0, res.stderr
    assert sorted(p.name for p in (out / ".sandbox-journal").iterdir()) == ["run.jsonl"]
    res = run_cli(["ocr", str(inbox), "-o", str(out), "--to", "txt", "--resume", "-q", "--isolation", "none"])
    assert res.code == 0, res.stderr
    assert sorted(p.name for p in (out / ".sandbox-journal").iterdir()) == ["run.jsonl"]
