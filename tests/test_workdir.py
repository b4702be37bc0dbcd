"""The private work directory: 0700, removed on success, error, SIGTERM and Ctrl-C."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandbox.errors import ExitCode
from sandbox.workdir import private_workdir
from tests.conftest import SAMPLES


def test_private_and_removed(workbase: Path) -> None:
    with private_workdir() as work:
        assert stat.S_IMODE(work.stat().st_mode) == 0o700
        assert work.parent == workbase
        (work / "page.png").write_bytes(b"x")
    assert not work.exists()


def test_removed_on_error(workbase: Path) -> None:
    with pytest.raises(ValueError), private_workdir() as work:
        raise ValueError("boom")
    assert not work.exists()


def _wait_for_workdir(base: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(base.iterdir()):
            # give the pool a moment to start rendering and running Tesseract
            time.sleep(0.8)
            return
        time.sleep(0.05)
    raise AssertionError("the run never created its work directory")


def _leftovers(marker: str) -> list[int]:
    """PIDs of processes this test started: those whose arguments mention ``marker`` (a path
    only this test uses): the CLI, its workers, Tesseract and poppler, bwrap."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in cmd and state != "Z":  # a zombie awaiting its parent is not running
            pids.append(int(entry.name))
    return pids


def _gone(marker: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while _leftovers(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_mid_run_leaves_nothing(tmp_path: Path, sig: signal.Signals) -> None:
    base = tmp_path / "base"
    base.mkdir()
    out = tmp_path / "out"
    big = [str(SAMPLES / "report_scanned.pdf")] * 1 + [str(SAMPLES / "letter_en.png")]
    env = dict(os.environ, SANDBOX_TMPDIR=str(base))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sandbox",
            "ocr",
            "--force-ocr",
            "-o",
            str(out),
            "--to",
            "txt,pdf",
            *big,
            str(SAMPLES / "mixed.pdf"),
            str(SAMPLES / "memo_skewed.tiff"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_for_workdir(base)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == ExitCode.INTERRUPTED, err
    assert b"Traceback" not in err
    assert list(base.iterdir()) == []  # no page image or text left behind
    assert _gone(str(tmp_path)), "a worker or its Tesseract outlived the signal"
    if out.exists():
        assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no half-written output


@pytest.mark.slow
@pytest.mark.parametrize(("delay", "isolation"), [(0.3, "auto"), (1.5, "auto"), (2.5, "auto"), (1.5, "none")])
def test_sigkill_at_any_point_leaves_nothing_after_the_next_run(tmp_path: Path, delay: float, isolation: str) -> None:
    """SIGKILL cannot be caught: the sandbox's /tmp vanishes with it, workers die with their
    parent, and the next run removes the work directory the killed one left."""
    base = tmp_path / "base"
    base.mkdir()
    env = dict(os.environ, SANDBOX_TMPDIR=str(base))
    proc = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "ocr", "--isolation", isolation, "--force-ocr", "-o", str(tmp_path / "out"),
         "--to", "txt,pdf", str(SAMPLES / "report_scanned.pdf"), str(SAMPLES / "mixed.pdf")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(delay)
    proc.kill()
    proc.wait()
    assert _gone(str(tmp_path)), "a worker, Tesseract or poppler outlived SIGKILL"
    res = subprocess.run([sys.executable, "-m", "sandbox", "langs"], env=env, capture_output=True, check=True)
    assert res.returncode == 0
    subprocess.run([sys.executable, "-m", "sandbox", "ocr", "--isolation", isolation, str(SAMPLES / "letter_en.png")],
                   env=env, capture_output=True, check=True)  # fmt: skip
    assert list(base.iterdir()) == []  # the killed run's leftovers are gone too
    out = tmp_path / "out"
    if out.exists():
        assert not [p for p in out.rglob("*") if p.name.startswith(".")]
