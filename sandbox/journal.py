"""The journal of a batch: one JSON line per finished document, per shard, in the output folder.

``OUT/.sandbox-journal/shard-I-of-N.jsonl`` (``run.jsonl`` without shards).  Each line is
appended whole and synced before the next document starts, so a run killed at any moment
leaves every finished document recorded and nothing else; a torn last line is ignored.

Records (``kind``):

- ``plan``: the inputs this shard owns (``inputs``), out of ``total`` in the whole set;
- ``document``: ``input`` (its name as given), ``size``, ``sha256``, ``settings`` (fingerprint of
  every option that changes outputs), ``status`` (``done``/``failed``), ``code`` (exit code of a
  failure), ``outputs`` (paths relative to the output folder), ``pages``, ``message`` (a failure's
  one line, as the terminal shows it: file, cause, fix; never document text);
- ``run``: a finished run of the shard: ``seconds``, ``pages``, ``exit_code``, ``resumed``.

The journal names inputs and outputs (as the output folder does); never document text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

DIR = ".sandbox-journal"


def path_for(outdir: Path, shard: int, shards: int) -> Path:
    """The journal file of shard ``shard`` of ``shards`` in ``outdir`` (``run.jsonl`` unsharded); one file per shard."""
    name = "run.jsonl" if shards == 1 else f"shard-{shard:04d}-of-{shards:04d}.jsonl"
    return outdir / DIR / name


def scratch(outdir: Path, shard: int, shards: int) -> Path:
    """Where this shard writes files before moving them into place; only it writes there, so a
    new run of the shard may empty it (what a killed run was writing)."""
    return outdir / DIR / f"tmp-{shard:04d}-of-{shards:04d}"


def clear_scratch(outdir: Path, shard: int, shards: int) -> None:
    """Delete the regular files a killed run of this shard left in its scratch folder; links are left alone."""
    folder = scratch(outdir, shard, shards)
    if folder.is_dir():
        for leftover in folder.iterdir():
            if leftover.is_file() and not leftover.is_symlink():
                leftover.unlink(missing_ok=True)


def drop_scratch(folder: Path | None) -> None:
    """At the end of a run: the scratch folder goes when nothing is left in it (a complete run
    leaves no empty ``tmp-…`` folder behind)."""
    if folder is None:
        return
    with suppress(OSError):
        folder.rmdir()  # only when empty


def append(path: Path, record: dict[str, Any]) -> None:
    """Add one record, whole and on disk, before anything else happens."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def records(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a journal, in order; a missing file yields none, torn or non-object lines are
    skipped.
    """
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return
    for raw in lines:
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue  # a line torn by a kill
        if isinstance(record, dict):
            yield record


def files(outdir: Path) -> list[Path]:
    """Every journal file in ``outdir``, sorted; empty when there is none."""
    folder = outdir / DIR
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def finished(outdir: Path, fingerprint: str) -> dict[str, tuple[int, str]]:
    """Inputs done with these settings whose outputs are all still there: name → (size, sha256)."""
    latest: dict[str, dict[str, Any]] = {}
    for path in files(outdir):
        for record in records(path):
            if record.get("kind") == "document" and isinstance(record.get("input"), str):
                latest[record["input"]] = record
    done: dict[str, tuple[int, str]] = {}
    for name, record in latest.items():
        outputs = record.get("outputs") or []
        if (
            record.get("status") == "done"
            and record.get("settings") == fingerprint
            and all((outdir / str(rel)).is_file() for rel in outputs)
        ):
            done[name] = (int(record.get("size", -1)), str(record.get("sha256", "")))
    return done
