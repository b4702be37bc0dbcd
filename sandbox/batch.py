"""Batches beyond one run: shards of the input set, resume from the journal, one record per document.

A shard owns the inputs whose name hashes to it (``sha256(name) mod N``): stable, and adding files
moves none of the others.  Output names are planned from the whole input set, so every shard
names a document as an unsharded run would.  With ``--resume``, an input recorded as done with
the same content and settings (and its outputs still present) is not processed again.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from sandbox.errors import UsageError

if TYPE_CHECKING:
    from sandbox.ingest import Candidate
    from sandbox.models import InputFile

SHARD_ENV = ("JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID")  # Kubernetes Indexed Job, Slurm array


@dataclass(frozen=True, slots=True)
class Batch:
    """Part of the request: which shard, resume or not, and what the journals say is done."""

    shard: int = 0
    shards: int = 1
    resume: bool = False
    fingerprint: str = ""  # of every setting that changes outputs
    done: dict[str, tuple[int, str]] = field(default_factory=dict)  # name → (size, sha256)

    @property
    def label(self) -> str:
        """``I/N`` as the journal and the terminal show it; ``0/1`` for an unsharded run."""
        return f"{self.shard}/{self.shards}"


def parse_shard(text: str, env: Mapping[str, str] | None = None) -> tuple[int, int]:
    """``I/N`` (0 ≤ I < N) or ``auto/N``: I from ``JOB_COMPLETION_INDEX`` (Kubernetes) or
    ``SLURM_ARRAY_TASK_ID`` minus ``SLURM_ARRAY_TASK_MIN`` (Slurm)."""
    env = os.environ if env is None else env
    index, _, count = text.partition("/")
    try:
        shards = int(count)
        if index.strip().lower() == "auto":
            found = next((name for name in SHARD_ENV if env.get(name, "").strip()), None)
            if found is None:
                raise UsageError(f"--shard auto/{count}: neither {' nor '.join(SHARD_ENV)} is set; give --shard I/N")
            shard = int(env[found]) - (int(env.get("SLURM_ARRAY_TASK_MIN", "0")) if found.startswith("SLURM") else 0)
        else:
            shard = int(index)
    except ValueError:
        raise UsageError(f"--shard {text}: give I/N (e.g. 0/4) or auto/N") from None
    if shards < 1 or not 0 <= shard < shards:
        raise UsageError(f"--shard {text}: I must be 0 … N-1 (got {shard} of {shards})")
    return shard, shards


def shard_of(name: str, shards: int) -> int:
    """The shard (0 ≤ result < ``shards``) that owns ``name``: stable across runs and machines, independent of the
    other names.
    """
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % shards


def identity(path: Path) -> tuple[int, str]:
    """(size, sha256) of an input file: what "the same content" means for resume."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return path.stat().st_size, digest.hexdigest()


@dataclass
class Selection:
    """What one run of a shard does, and how its outputs are named as in the whole set."""

    chosen: list[Candidate]
    numbers_by_name: dict[str, int]  # input name → 1-based place in the whole input set
    stems: Counter[PurePath]  # output stems over the whole set (collisions decided globally)
    identities: dict[str, tuple[int, str]]
    owned: list[str]  # every input of this shard, done or not
    resumed: int = 0  # inputs skipped as already done

    def numbers(self, inputs: Sequence[InputFile]) -> list[int]:
        """Each input's number in the whole input set (1-based), so every shard numbers a document as an unsharded run
        would; inputs not planned keep their position.
        """
        return [self.numbers_by_name.get(src.display, n) for n, src in enumerate(inputs, 1)]


def select(candidates: Iterable[Candidate], batch: Batch, stem: Callable[[str], PurePath]) -> Selection:
    """Plan a shard's share of ``candidates``: those it owns, minus those ``batch.done`` records with the same size
    and digest when resuming.

    Numbers and output stems are planned over all candidates, not the shard's share. An input that cannot be read
    for its identity is kept (and fails when processed) rather than dropped here.
    """
    every = list(candidates)
    numbers = {c.display: n for n, c in enumerate(every, 1)}
    stems = Counter(stem(c.name) for c in every)
    chosen: list[Candidate] = []
    identities: dict[str, tuple[int, str]] = {}
    owned: list[str] = []
    resumed = 0
    for cand in every:
        if batch.shards > 1 and shard_of(cand.display, batch.shards) != batch.shard:
            continue
        owned.append(cand.display)
        try:
            ident = identity(cand.path)
        except OSError:
            ident = (-1, "")  # reported as unreadable when processed
        if batch.resume and batch.done.get(cand.display) == ident:
            resumed += 1
            continue
        chosen.append(cand)
        identities[cand.display] = ident
    return Selection(chosen, numbers, stems, identities, owned, resumed)


MAX_MESSAGE = 500  # a failure's one line (never document text), as the terminal shows it
Emit = Callable[[dict[str, Any]], "str | None"]  # None, or why a finished document was not moved into place


@dataclass
class Recorder:
    """Writes a run's journal records through ``emit`` (to the journal file, or out of the sandbox
    to the launcher, which moves the document's outputs into place and then records it)."""

    batch: Batch
    outdir: Path
    emit: Emit
    selection: Selection | None = None

    @property
    def scratch(self) -> Path:
        """The shard's own scratch folder in ``outdir`` (``journal.scratch``); no two shards share one."""
        from sandbox import journal

        return journal.scratch(self.outdir, self.batch.shard, self.batch.shards)

    def choose(self, candidates: Iterable[Candidate], stem: Callable[[str], PurePath]) -> list[Candidate]:
        """Select this shard's inputs, record the plan (names, never content), and return the inputs to process, in
        input order.
        """
        self.selection = select(candidates, self.batch, stem)
        self.emit(
            {
                "kind": "plan",
                "shard": self.batch.label,
                "settings": self.batch.fingerprint,
                "total": len(self.selection.numbers_by_name),
                "inputs": self.selection.owned,
            }
        )
        return self.selection.chosen

    def document(
        self, name: str, status: str, code: int, outputs: Iterable[Path] = (), pages: int = 0, message: str = ""
    ) -> str | None:
        """Record a document; for a finished one under bubblewrap, the launcher's answer: None
        when its outputs are in place, else the one-line cause (they are not, nothing is recorded)."""
        size, sha = self.selection.identities.get(name, (-1, "")) if self.selection else (-1, "")
        rels = []
        for path in outputs:
            try:
                rels.append(str(path.relative_to(self.outdir)))
            except ValueError:
                rels.append(path.name)
        return self.emit(
            {
                "kind": "document",
                "shard": self.batch.label,
                "input": name,
                "size": size,
                "sha256": sha,
                "settings": self.batch.fingerprint,
                "status": status,
                "code": code,
                "outputs": rels,
                "pages": pages,
            }
            | ({"message": message[:MAX_MESSAGE]} if message else {})
        )

    def finished(self, seconds: float, pages: int, exit_code: int) -> None:
        """Record the end of the run: its time, pages, exit code and how many inputs resume skipped."""
        resumed = self.selection.resumed if self.selection else 0
        self.emit(
            {
                "kind": "run",
                "shard": self.batch.label,
                "seconds": round(seconds, 3),
                "pages": pages,
                "exit_code": exit_code,
                "resumed": resumed,
            }
        )
