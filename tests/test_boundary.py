"""The sandbox boundary against a compromised parser: the inner side is the attacker.

Unit tests hand :func:`sandbox.staged.promote` crafted staging trees.  The integration tests run
the real launcher with the sandboxed program replaced by tests/hostile_inner.py (through
tests/hostile_launch.py, a test fixture: the shipped CLI has no such switch) and check that each
attack is refused or contained, that nothing outside staging is read, written or deleted, and
that the exit code and message are the documented ones.
"""

from __future__ import annotations

import json
import os
import platform
import pty
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path, PurePosixPath

import numpy as np
import pytest
from PIL import Image

from sandbox import isolation, staged
from sandbox.errors import ExitCode, OutputError
from sandbox.staged import Stage, StagedTree
from tests.conftest import ROOT, SAMPLES, run_cli

HOSTILE = ROOT / "tests" / "hostile_inner.py"
LAUNCH = ROOT / "tests" / "hostile_launch.py"
LETTER = SAMPLES / "letter_en.png"


# --- promote on crafted trees ---------------------------------------------------------------


@pytest.fixture
def host_secret(tmp_path: Path) -> Path:
    folder = tmp_path / "host"
    folder.mkdir()
    (folder / "key.txt").write_text("host secret\n")
    return folder


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    stage, out = tmp_path / "stage", tmp_path / "out"
    stage.mkdir()
    out.mkdir()
    return stage, out


def test_promote_refuses_a_symlinked_folder_named_in_a_journal_line(tmp_path: Path, host_secret: Path) -> None:
    stage, out = _tree(tmp_path)
    (stage / "x").symlink_to(host_secret)
    with StagedTree.open(stage) as tree, pytest.raises(OutputError, match="not a plain folder"):
        staged.promote(tree, out, False, only=["x/key.txt"])
    assert (host_secret / "key.txt").read_text() == "host secret\n"  # neither copied nor deleted
    assert list(out.iterdir()) == []
    with StagedTree.open(stage) as tree, pytest.raises(OutputError):
        staged.promote(tree, out, False)  # the whole tree: refused too
    assert (host_secret / "key.txt").exists()


@pytest.mark.parametrize("kind", ["symlink", "fifo", "hardlink", "device"])
def test_promote_takes_only_regular_files(tmp_path: Path, kind: str) -> None:
    stage, out = _tree(tmp_path)
    (stage / "good.txt").write_text("fine")
    bad = stage / "bad.txt"
    if kind == "symlink":
        bad.symlink_to("/etc/hostname")
    elif kind == "fifo":
        os.mkfifo(bad)  # opening it must not block the launcher
    elif kind == "hardlink":
        os.link(stage / "good.txt", bad)
    else:
        if os.getuid() != 0:
            pytest.skip("making a device node needs root (CI runs as root)")
        os.mknod(bad, 0o600 | 0o020000, os.makedev(1, 3))  # a character device like /dev/null
    for only in (None, ["bad.txt"], ["good.txt", "bad.txt"]):
        with StagedTree.open(stage) as tree, pytest.raises(OutputError, match="nothing of it was moved"):
            staged.promote(tree, out, False, only=only)
        assert list(out.iterdir()) == []  # checked before anything moves
    assert (stage / "good.txt").exists()


@pytest.mark.parametrize("name", ["../escape.txt", "/etc/passwd", ".hidden", "a/../../b", "bell\x07\x1b]0;t\x07.txt"])
def test_promote_refuses_names_that_are_not_plain(tmp_path: Path, name: str) -> None:
    stage, out = _tree(tmp_path)
    with StagedTree.open(stage) as tree, pytest.raises(OutputError) as caught:
        staged.promote(tree, out, False, only=[name])
    assert "\x1b" not in caught.value.message and "\x07" not in caught.value.message


def test_promote_moves_nested_files_atomically_and_bounds_their_size(tmp_path: Path) -> None:
    stage, out = _tree(tmp_path)
    (stage / "sub").mkdir()
    (stage / "sub" / "a.txt").write_text("a")
    (stage / "b.pdf").write_bytes(b"b" * 5000)
    (stage / ".b.pdf.x.part").write_text("scratch")  # the sandbox's own scratch: not delivered
    with StagedTree.open(stage) as tree:
        with pytest.raises(OutputError, match="over the limit"):
            staged.promote(tree, out, False, max_bytes=4096)
        assert list(out.iterdir()) == []
        moved = staged.promote(tree, out, False, max_bytes=8192)
    assert sorted(p.relative_to(out) for p in moved) == [Path("b.pdf"), Path("sub/a.txt")]
    assert (out / "sub" / "a.txt").read_text() == "a" and not (stage / "b.pdf").exists()
    (stage / "b.pdf").write_text("again")
    with StagedTree.open(stage) as tree, pytest.raises(OutputError, match="output exists"):
        staged.promote(tree, out, False)
    assert (out / "b.pdf").read_bytes() == b"b" * 5000


def test_promote_never_writes_through_a_linked_output_folder(tmp_path: Path, host_secret: Path) -> None:
    stage, out = _tree(tmp_path)
    (stage / "sub").mkdir()
    (stage / "sub" / "key.txt").write_text("overwrite")
    (out / "sub").symlink_to(host_secret)
    with StagedTree.open(stage) as tree, pytest.raises(OutputError, match="symbolic link"):
        staged.promote(tree, out, True)
    assert (host_secret / "key.txt").read_text() == "host secret\n"


# --- the real launcher with a hostile inner program -----------------------------------------


def _hostile(mode: str, *cli: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(LAUNCH), mode, "--", *cli],
        capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _error_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("sandbox: error:")]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("resume", [True, False], ids=["journal", "whole-tree"])
def test_hostile_planted_link_reads_and_deletes_nothing(tmp_path: Path, host_secret: Path, resume: bool) -> None:
    out = tmp_path / "out"
    args = ["ocr", str(LETTER), "-o", str(out), *(["--resume"] if resume else [])]
    proc = _hostile(f"planted-link:{host_secret}", *args)
    assert proc.returncode == ExitCode.OUTPUT
    assert "not a plain folder" in _error_line(proc) or "not a regular file" in _error_line(proc)
    assert (host_secret / "key.txt").read_text() == "host secret\n"
    assert not any(p.name == "key.txt" for p in out.rglob("*")) if out.exists() else True


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["link-file:/etc/hostname", "fifo", "hardlink"])
def test_hostile_special_files_are_refused(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "out"
    proc = _hostile(mode, "ocr", str(LETTER), "-o", str(out), "--resume", timeout=60)
    assert proc.returncode == ExitCode.OUTPUT, proc.stderr
    assert "nothing of it was moved" in _error_line(proc)
    assert not (out / "a.txt").exists()


@pytest.mark.slow
def test_hostile_forged_journal_lines_are_skipped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _hostile("forged-journal", "ocr", str(LETTER), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [".sandbox-journal", "real.txt"]
    assert not (tmp_path / "escape.txt").exists()
    records = [json.loads(line) for line in (out / ".sandbox-journal" / "run.jsonl").read_text().splitlines()]
    assert all(len(json.dumps(r)) < 64 * 1024 for r in records)
    assert [r["outputs"] for r in records if r.get("status") == "done"] == [[], ["real.txt"]]


@pytest.mark.slow
def test_hostile_writes_stop_at_the_space_limits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    limits = ["--limit", "staging-size=8", "--limit", "tmp-size=8"]
    proc = _hostile(f"fill:{64 << 20}", "ocr", str(LETTER), "-o", str(out), *limits)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["staging"] in ("ENOSPC", "EFBIG") and report["tmp"] in ("ENOSPC", "EFBIG")
    assert [p.name for p in out.iterdir()] == ["small.txt"]


@pytest.mark.slow
def test_honest_run_over_the_output_space_is_a_limit_error(tmp_path: Path) -> None:
    noise, out = tmp_path / "noise.png", tmp_path / "out"  # pixels that do not compress: a PDF over 1 MiB
    Image.fromarray(np.random.default_rng(1).integers(0, 256, (800, 800, 3), dtype=np.uint8)).save(noise)
    res = run_cli(["ocr", str(noise), "-o", str(out), "--to", "pdf", "--limit", "staging-size=1"])
    assert res.code == ExitCode.LIMIT, res.stderr
    assert "staging-size" in res.stderr and "Traceback" not in res.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.slow
def test_honest_run_over_the_working_space_is_a_limit_error(tmp_path: Path) -> None:
    res = run_cli(["convert", str(SAMPLES / "report_scanned.pdf"), "-o", str(tmp_path / "out"), "--to", "png",
                   "--limit", "tmp-size=1"])  # fmt: skip
    assert res.code == ExitCode.LIMIT, res.stderr
    assert "tmp-size" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_page_file_cut_short_is_the_space_running_out(tmp_path: Path) -> None:
    """The working space can be free again when a page's render is checked (another worker's
    page deleted): a page file short of its pixels, or without a readable header, says the
    space ran out; a whole file, or a whole image of the wrong size, does not."""
    from PIL import Image

    from sandbox import pages, poppler

    geo = poppler.PageGeometry(72.0, 36.0, 0)  # 300 × 150 px at 300 DPI
    whole = tmp_path / "whole.pgm"
    Image.new("L", (300, 150), 255).save(whole)
    cut, empty, tiny = tmp_path / "cut.pgm", tmp_path / "empty.pgm", tmp_path / "tiny.pgm"
    cut.write_bytes(whole.read_bytes()[: 300 * 150 // 2])
    empty.write_bytes(b"")
    Image.new("L", (1, 1), 255).save(tiny)
    assert not pages._cut_off(whole, geo, 300, gray=True)
    assert pages._cut_off(cut, geo, 300, gray=True) and pages._cut_off(empty, geo, 300, gray=True)
    assert not pages._cut_off(tiny, geo, 300, gray=True)  # poppler out of memory: check_render names it


@pytest.mark.slow
@pytest.mark.skipif(platform.machine() != "x86_64", reason="system call numbers of x86_64")
def test_inner_side_runs_filtered_with_bounded_space() -> None:
    with Stage(8 << 20) as stage, tempfile.TemporaryFile() as out:
        code = isolation.run_inside(
            [sys.executable, str(HOSTILE), "syscalls", "-"], (HOSTILE,), stage, tmp_bytes=16 << 20, stdout=out.fileno()
        )
        out.seek(0)
        report = json.loads(out.read())
    assert code == 0
    assert report["Seccomp"] == "2" and report["NoNewPrivs"] == "1"
    assert report["size /tmp"] == 16 << 20 and report[f"size {Stage.INSIDE}"] == 8 << 20
    expected = {name: "EPERM" for name in report if name.islower() and not name.startswith(("size", "clone3"))}
    expected["clone3"] = "ENOSYS"
    assert {k: report[k] for k in expected} == expected
    for family in ("AF_INET", "AF_INET6", "AF_NETLINK", "AF_PACKET"):
        assert report[family] == "EAFNOSUPPORT", family
    assert report["AF_UNIX"] == "opened"


@pytest.mark.slow
def test_terminal_sequences_from_inside_are_contained(tmp_path: Path) -> None:
    main, sub = pty.openpty()  # the launcher's stdout is a terminal, its stderr a pipe
    try:
        proc = subprocess.Popen(
            [sys.executable, str(LAUNCH), "terminal", "--", "ocr", str(LETTER)],
            stdout=sub, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(sub)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        assert proc.stderr is not None
        said = proc.stderr.read()
        assert proc.wait(timeout=60) == 0
    finally:
        os.close(main)
    assert b"stdout" in shown and b"end" in shown and b"progress" in said and b"end" in said
    for stream in (shown, said):
        for bad in (b"\x1b]", b"\x1b[6n", b"\x1bP", b"\x07", b"\x9b", b"\xc2\x9b"):
            assert bad not in stream
    assert b"\x1b[32m" in said  # a progress bar's colours pass


# --- lifetimes: nothing outlives its launcher; one run per journal --------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in _children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _folder_of_scans(folder: Path, copies: int = 4) -> Path:
    folder.mkdir()
    for n in range(copies):
        (folder / f"scan{n}.pdf").write_bytes((SAMPLES / "report_scanned.pdf").read_bytes())
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("command", ["ocr", "watch"])
def test_sigkill_of_a_launcher_leaves_nothing_running(tmp_path: Path, command: str) -> None:
    scans, out = _folder_of_scans(tmp_path / "inbox"), tmp_path / "out"
    if command == "ocr":
        argv = ["ocr", str(scans), "-o", str(out), "--resume"]
    else:
        argv = ["watch", str(scans), "-o", str(out), "--settle", "0.2", "--", "ocr", "--to", "txt,pdf"]
    proc = subprocess.Popen([sys.executable, "-m", "sandbox", *argv], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _kill_when(proc, lambda: any("sandbox.cli.inner" in _cmdline(p) for p in _descendants(proc.pid)))


def _kill_when(proc: subprocess.Popen[bytes], started: Callable[[], bool]) -> None:
    """SIGKILL ``proc`` once ``started``; within 10 s none of its descendants may be alive (2 s
    on a quiet machine; a loaded one takes longer to tear a killed process down)."""
    try:
        _wait_for(started, 60, "the work never started")
        family = _descendants(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in family):
            time.sleep(0.2)
        assert {p: _cmdline(p)[:200] for p in family if _alive(p)} == {}
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow
def test_serve_jobs_die_with_the_server(tmp_path: Path) -> None:
    scans = _folder_of_scans(tmp_path / "in")
    job = ["ocr", str(scans), "-o", str(tmp_path / "out")]
    code = (
        "import threading, time\n"
        "from sandbox.web import jobs\n"
        f"threading.Thread(target=jobs._cli, args=({job!r}, 'none'), daemon=True).start()\n"
        "time.sleep(120)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_when(proc, lambda: len(_descendants(proc.pid)) >= 2)  # the job and its worker pool


@pytest.mark.slow
def test_two_runs_never_share_one_journal(tmp_path: Path) -> None:
    scans, out = _folder_of_scans(tmp_path / "in"), tmp_path / "out"
    first = subprocess.Popen([sys.executable, "-m", "sandbox", "ocr", str(scans), "-o", str(out), "--resume"],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        _wait_for(lambda: (out / ".sandbox-journal" / "run.jsonl").exists(), 30, "the first run never started")
        second = run_cli(["ocr", str(scans), "-o", str(out), "--resume"])
        assert first.poll() is None, "the first run ended before the second was tried"
        assert second.code == ExitCode.OUTPUT
        assert "another run is working on this output folder" in second.stderr and second.stderr.count("\n") == 1
        assert first.wait(timeout=240) == 0
    finally:
        if first.poll() is None:
            first.kill()
    assert len(list(out.glob("*.txt"))) == 4
    other = run_cli(["ocr", str(scans), "-o", str(out), "--resume", "--shard", "1/2"])
    assert other.code == 0, other.stderr  # another shard: its own journal and lock


def test_staged_files_are_listed_in_order(tmp_path: Path) -> None:
    stage, _out = _tree(tmp_path)
    for name in ("b.txt", "a.txt"):
        (stage / name).write_text(name)
    with StagedTree.open(stage) as tree:
        assert tree.files() == [PurePosixPath("a.txt"), PurePosixPath("b.txt")]
