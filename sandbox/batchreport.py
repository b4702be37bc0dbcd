"""``sandbox report OUT``: the journals of every shard in ``OUT`` merged into one account.

Counts of documents done and failed (with their exit codes), documents a shard owns but has not
finished, shards that never started, pages, and the time the runs took.  Exit code: 0 when every
document of the set is done; 6 when some failed or are missing; 3 when ``OUT`` has no journal.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox import journal
from sandbox.errors import ExitCode, InputError


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What ``sandbox report`` says about a batch: counts and names only, never document text."""

    shards: int
    total: int  # documents in the whole input set (as the plans saw it)
    done: int
    skipped: int  # not documents (in a folder given as input)
    failed: tuple[tuple[str, int], ...]  # (input, exit code)
    unfinished: tuple[str, ...]  # owned by a shard that ran, no final record
    missing_shards: tuple[int, ...]
    pages: int
    seconds: float  # all runs of all shards, added up
    resumed: int
    codes: dict[int, int] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """6 (partial) when any document failed, is unfinished, or a shard never ran; else 0."""
        if self.failed or self.unfinished or self.missing_shards:
            return int(ExitCode.PARTIAL)
        return int(ExitCode.OK)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, with stable keys (``report --json``); codes sorted."""
        return {
            "shards": self.shards,
            "documents": self.total,
            "done": self.done,
            "skipped_non_documents": self.skipped,
            "failed": [{"input": name, "exit_code": code} for name, code in self.failed],
            "failed_by_code": {str(k): v for k, v in sorted(self.codes.items())},
            "unfinished": list(self.unfinished),
            "missing_shards": list(self.missing_shards),
            "pages": self.pages,
            "seconds": round(self.seconds, 3),
            "resumed": self.resumed,
            "exit_code": self.exit_code,
        }


def _shard(label: object) -> tuple[int, int] | None:
    try:
        index, count = str(label).split("/")
        return int(index), int(count)
    except ValueError:
        return None


def merge(outdir: Path) -> BatchReport:
    """Merge every journal in ``outdir`` into one report; the latest record of a document wins.

    Raises ``InputError`` when ``outdir`` holds no journal. Unparseable lines are skipped by ``journal.records``.
    """
    paths = journal.files(outdir)
    if not paths:
        raise InputError(f"{outdir.name}: no batch journal here (run with --resume or --shard -o this folder)")
    plans: dict[tuple[int, int], list[str]] = {}
    latest: dict[str, dict[str, Any]] = {}
    seconds, resumed, total = 0.0, 0, 0
    for path in paths:
        for record in journal.records(path):
            kind, shard = record.get("kind"), _shard(record.get("shard"))
            if kind == "plan" and shard is not None:
                plans[shard] = [str(name) for name in record.get("inputs", [])]
                total = max(total, int(record.get("total", 0)))
            elif kind == "document" and isinstance(record.get("input"), str):
                latest[record["input"]] = record
            elif kind == "run":
                seconds += float(record.get("seconds", 0.0))
                resumed = max(resumed, int(record.get("resumed", 0)))
    counts = Counter(count for _, count in plans)
    shards = counts.most_common(1)[0][0] if counts else 1
    seen = {index for index, count in plans if count == shards}
    owned = [name for (index, count), names in sorted(plans.items()) if count == shards for name in names]
    done = [name for name in owned if latest.get(name, {}).get("status") == "done"]
    failed = tuple(
        (name, int(latest[name].get("code", 1))) for name in owned if latest.get(name, {}).get("status") == "failed"
    )
    unfinished = tuple(name for name in owned if name not in latest)
    skipped = sum(1 for name in owned if latest.get(name, {}).get("status") == "skipped")
    pages = sum(int(latest[name].get("pages", 0)) for name in done)
    return BatchReport(
        shards=shards,
        total=total or len(owned),
        done=len(done),
        skipped=skipped,
        failed=failed,
        unfinished=unfinished,
        missing_shards=tuple(i for i in range(shards) if i not in seen),
        pages=pages,
        seconds=seconds,
        resumed=resumed,
        codes=dict(Counter(code for _, code in failed)),
    )
