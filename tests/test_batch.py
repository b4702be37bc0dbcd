"""Issue 14: shards, the journal, --resume after a kill, and ``sandbox report``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from sandbox import journal
from sandbox.batch import Batch, parse_shard, select, shard_of
from sandbox.errors import UsageError
from sandbox.ingest import expand
from sandbox.outputs import stem
from tests.conftest import DEJAVU, run_cli


def make_documents(folder: Path, count: int) -> None:
    """Small one-line scans in a folder tree, with a few broken files and a repeated name."""
    font = ImageFont.truetype(DEJAVU, 30)
    for n in range(count):
        sub = folder / ("a" if n % 3 == 0 else "b" if n % 3 == 1 else "")
        sub.mkdir(parents=True, exist_ok=True)
        img = Image.new("L", (760, 110), 255)
        ImageDraw.Draw(img).text((20, 30), f"Record {n:03d} of the archive", font=font, fill=0)
        img.save(sub / f"doc{n:03d}.png", dpi=(300, 300))
    (folder / "a" / "doc000.jpg").write_bytes((folder / "a" / "doc000.png").read_bytes())  # same stem, other type
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    (folder / "notes.dat").write_bytes(b"\x00\x01 not a document\n")  # text would be read (issue 32)


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and journal.DIR not in p.parts
    }


def test_shards_from_the_scheduler_environment() -> None:
    assert parse_shard("2/5", {}) == (2, 5)
    assert parse_shard("auto/4", {"JOB_COMPLETION_INDEX": "3"}) == (3, 4)
    assert parse_shard("auto/4", {"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1"}) == (3, 4)
    for bad in ("5/5", "-1/3", "x/3", "auto/3", "1"):
        with pytest.raises(UsageError):
            parse_shard(bad, {})


def test_shards_are_disjoint_stable_and_adding_files_moves_none(tmp_path: Path) -> None:
    names = [f"in/x{n}.png" for n in range(300)]
    owners = {name: shard_of(name, 4) for name in names}
    assert all(60 <= sum(1 for s in owners.values() if s == i) <= 90 for i in range(4))
    grown = {name: shard_of(name, 4) for name in [*names, "in/new.png"]}
    assert all(grown[name] == owner for name, owner in owners.items())  # a new file moves no other
    make_documents(tmp_path / "in", 9)
    chosen = [select(expand([str(tmp_path / "in")], tmp_path), Batch(i, 3), stem).chosen for i in range(3)]
    every = [c.display for part in chosen for c in part]
    assert sorted(every) == sorted(c.display for c in expand([str(tmp_path / "in")], tmp_path))


def test_the_journal_ignores_a_torn_line_and_checks_outputs(tmp_path: Path) -> None:
    path = journal.path_for(tmp_path, 0, 1)
    journal.append(path, {"kind": "document", "input": "in/a.png", "status": "done", "settings": "s1",
                          "size": 3, "sha256": "abc", "outputs": ["a.txt"]})  # fmt: skip
    journal.append(path, {"kind": "document", "input": "in/b.png", "status": "done", "settings": "s1",
                          "size": 3, "sha256": "def", "outputs": ["b.txt"]})  # fmt: skip
    with path.open("ab") as fh:
        fh.write(b'{"kind": "document", "input": "in/c.png", "stat')  # killed mid-line
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert journal.finished(tmp_path, "s1") == {"in/a.png": (3, "abc")}  # b's output is gone
    assert journal.finished(tmp_path, "s2") == {}  # other settings


def _sandbox(*args: str) -> list[str]:
    return [sys.executable, "-m", "sandbox", *args]


@pytest.mark.slow
def test_three_shards_killed_and_resumed_give_exactly_the_unsharded_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_documents(src, 60)
    args = ["ocr", str(src), "--to", "txt,pdf", "-q", "-j", "1"]
    single = run_cli([*args, "-o", str(tmp_path / "single")])
    assert single.code == 6, single.stderr  # the broken PDF fails; the others are written
    out = tmp_path / "sharded"
    procs = [
        subprocess.Popen(_sandbox(*args, "-o", str(out), "--shard", f"{i}/3"), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
        for i in range(3)
    ]  # fmt: skip
    victim = journal.path_for(out, 1, 3)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill shard 1 once it has finished a few documents
        done = [r for r in journal.records(victim) if r.get("kind") == "document"]
        if len(done) >= 3 or procs[1].poll() is not None:
            break
        time.sleep(0.05)
    os.killpg(procs[1].pid, signal.SIGKILL)
    for proc in procs:
        proc.wait(timeout=300)
    assert procs[1].returncode == -signal.SIGKILL
    before = run_cli(["report", str(out), "--json"])
    assert before.code == 6 and json.loads(before.stdout)["unfinished"]  # the killed shard left work
    again = run_cli([*args, "-o", str(out), "--shard", "1/3", "--resume"])
    assert again.code in (0, 6), again.stderr
    assert outputs(out) == outputs(tmp_path / "single")
    report = run_cli(["report", str(out), "--json"])
    found = json.loads(report.stdout)
    assert report.code == 6  # the broken PDF, as in the single run
    assert found["done"] == 61 and found["unfinished"] == [] and found["missing_shards"] == []
    assert [f["exit_code"] for f in found["failed"]] == [3] and found["skipped_non_documents"] == 1
    done = [r["input"] for p in journal.files(out) for r in journal.records(p)
            if r.get("kind") == "document" and r.get("status") == "done"]  # fmt: skip
    assert len(done) == len(set(done)) == 61  # every document finished exactly once
    resumed = run_cli([*args, "-o", str(out), "--shard", "1/3", "--resume", "--json-summary"])
    assert json.loads(resumed.stdout)["resumed"] > 0  # nothing is read twice


@pytest.mark.slow
def test_report_names_shards_that_never_ran(tmp_path: Path) -> None:
    src = tmp_path / "in"
    make_documents(src, 6)
    out = tmp_path / "out"
    for i in (0, 2):
        assert run_cli(["ocr", str(src), "-o", str(out), "--to", "txt", "-q", "--shard", f"{i}/3"]).code in (0, 6)
    res = run_cli(["report", str(out)])
    assert res.code == 6 and "never started: 1" in res.stdout
    assert run_cli(["report", str(tmp_path)]).code == 3  # no journal there


def test_batch_options_are_usage_errors_before_isolation(tmp_path: Path) -> None:
    png = tmp_path / "a.png"
    Image.new("L", (10, 10), 255).save(png)
    assert run_cli(["ocr", str(png), "--shard", "3/3", "-o", str(tmp_path / "o")]).code == 2
    assert run_cli(["ocr", str(png), "--resume"]).code == 2  # no -o: nowhere for the journal
    assert run_cli(["convert", str(png), "-o", str(tmp_path / "one.pdf"), "--resume"]).code == 2
    res = run_cli(["ocr", str(png), "-o", str(tmp_path / "o"), "--shard", "auto/2"], env={"JOB_COMPLETION_INDEX": ""})
    assert res.code == 2 and "JOB_COMPLETION_INDEX" in res.stderr
