"""The hot folder behind ``sandbox watch INBOX -o OUTBOX TASK…``: scanners drop files, the
task runs on them in the sandbox, originals end in ``INBOX/done/`` or ``INBOX/failed/``.

- A file is taken when it is complete: its size and time unchanged for ``settle`` seconds, and
  not a temporary name (``.part``, ``.tmp``, ``~…``, ``.…``: scanners rename when done).
- Taken files are moved (one rename) into ``INBOX/.processing/BATCH/``; every file ready at that
  moment goes into one batch, so a burst of hundreds shares one run and one pool of workers.
- The batch runs as ``sandbox TASK BATCH -o OUTBOX --resume …`` (a separate, isolated process
  that writes the journal in OUTBOX); the journal then says which file is done or failed.
- A restart finds the unfinished batches in ``.processing`` and runs them again with
  ``--resume``: documents already done are not read twice, nothing is lost.
- The same content dropped again is not processed again (``INBOX/.sandbox-watch.jsonl`` keeps
  the hashes of what was done); a new file with a name used before gets ``NAME-2.EXT``.

The watcher itself never opens a document: it moves files, hashes them and starts runs.
inotify (``watchdog``) wakes it early; ``--poll`` (network shares) only scans every second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sandbox import journal
from sandbox.batch import identity
from sandbox.errors import ExitCode, UsageError

TASKS = ("ocr", "convert", "redact")
TEMPORARY = (".part", ".tmp", ".crdownload", ".partial", ".download", ".filepart")
LEDGER = ".sandbox-watch.jsonl"
LOCK = ".sandbox-watch.lock"  # held by the running watcher
REASONS = {
    int(ExitCode.INPUT): "the file could not be read, or is not a supported document",
    int(ExitCode.MISSING_TOOL): "a program or language pack is missing on this machine",
    int(ExitCode.OUTPUT): "its output could not be written",
    int(ExitCode.LIMIT): "it was refused by a resource limit (pages, pixels, time, memory)",
    int(ExitCode.ISOLATION): "network isolation could not be established",
    int(ExitCode.VERIFY): "redaction verification found something recoverable",
}


ERROR_PREFIX = "sandbox: error: "
NOT_A_DOCUMENT = "not a document this tool reads (PDF, images, office documents, HTML, EPUB, e-mail, CSV, text)"


def _one_line(text: object) -> str:
    """A message kept to one printable line (it came from the sandboxed run)."""
    if not isinstance(text, str):
        return ""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()[:500]


def task_command(task: Sequence[str]) -> list[str]:
    """Check and return the task a watcher runs for each file (``ocr …``, ``convert …``…).

    Raises ``UsageError`` when the task is not a known command, or sets ``-o``, ``--shard`` or ``--resume``, which
    the watcher owns.
    """
    if not task or task[0] not in TASKS:
        raise UsageError(f"sandbox watch: give the task after the folders: one of {', '.join(TASKS)} and its options")
    if any(arg in ("-o", "--output", "--shard", "--resume") for arg in task[1:]):
        raise UsageError("sandbox watch: -o, --shard and --resume are set by the watcher; leave them out of the task")
    return list(task)


@dataclass
class _Seen:
    size: int
    mtime: float
    since: float


@dataclass
class HotFolder:
    """A watched inbox: files that stop changing are processed once each into the outbox.

    Creating one creates its folders and reloads the ledger, so a file already processed (same sha256) is not
    processed again after a restart.
    """

    inbox: Path
    outbox: Path
    task: list[str]
    settle: float = 2.0
    counter: int = 0
    watching: dict[Path, _Seen] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # sha256 → the name it was processed as
    names: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for sub in (self.processing, self.inbox / "done", self.inbox / "failed"):
            sub.mkdir(parents=True, exist_ok=True)
        self.outbox.mkdir(parents=True, exist_ok=True)
        for record in journal.records(self.inbox / LEDGER):
            self.hashes[str(record.get("sha256"))] = str(record.get("name"))
            self.names.add(str(record.get("name")))

    @property
    def processing(self) -> Path:
        """The folder a file is moved into while its task runs (``INBOX/.processing``)."""
        return self.inbox / ".processing"

    # --- what is ready ----------------------------------------------------------------------

    def _candidates(self) -> list[Path]:
        found = []
        for entry in os.scandir(self.inbox):
            name = entry.name
            if name.startswith((".", "~")) or name.endswith(TEMPORARY) or not entry.is_file(follow_symlinks=False):
                continue
            found.append(Path(entry.path))
        return sorted(found)

    def ready(self, now: float | None = None) -> list[Path]:
        """Files whose size and time have not changed for ``settle`` seconds."""
        now = time.monotonic() if now is None else now
        out: list[Path] = []
        present = self._candidates()
        for path in present:
            try:
                st = path.stat()
            except OSError:
                continue
            seen = self.watching.get(path)
            if seen is None or (seen.size, seen.mtime) != (st.st_size, st.st_mtime):
                self.watching[path] = _Seen(st.st_size, st.st_mtime, now)
            elif now - seen.since >= self.settle:
                out.append(path)
        self.watching = {p: s for p, s in self.watching.items() if p in set(present)}
        return out

    def waiting(self) -> int:
        """How many files in the inbox are waiting to settle or be processed."""
        return len(self._candidates())

    # --- taking and running -----------------------------------------------------------------

    def _unique(self, name: str, taken: set[str]) -> str:
        stem, dot, ext = name.rpartition(".") if "." in name else (name, "", "")
        candidate, n = name, 2
        while candidate in self.names or candidate in taken or (self.inbox / "done" / candidate).exists():
            candidate = f"{stem}-{n}{dot}{ext}"
            n += 1
        return candidate

    def take(self, files: Sequence[Path]) -> Path | None:
        """Move ready files into a new batch folder (duplicates of done files go to done/)."""
        self.counter += 1
        batch = self.processing / f"b{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{self.counter:04d}"
        taken: set[str] = set()
        contents: set[str] = set()
        for path in files:
            try:
                sha = identity(path)[1]
            except OSError:
                continue
            if sha in self.hashes:  # the same content again: done once already
                self.watching.pop(path, None)
                self._settle_file(path, "done", f"duplicate of {self.hashes[sha]}, processed before\n")
                continue
            if sha in contents:  # twice in one burst: it waits for the first one's outcome
                continue
            contents.add(sha)
            self.watching.pop(path, None)
            batch.mkdir(exist_ok=True)
            name = self._unique(path.name, taken)
            taken.add(name)
            os.replace(path, batch / name)
        return batch if taken else None

    def run(self, batch: Path) -> int:
        """The task on one batch, isolated as any command is; then each file to done/ or failed/.
        The run's error lines are passed on to this process's standard error as they were."""
        head, rest = self.task[0], self.task[1:]
        argv = [sys.executable, "-m", "sandbox", head, str(batch), "-o", str(self.outbox), "--resume", "-q", *rest]
        from sandbox.lifetime import die_with_parent_of

        arm = die_with_parent_of(os.getpid())  # a killed watcher leaves no run behind
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, preexec_fn=arm)
        sys.stderr.buffer.write(proc.stderr)
        sys.stderr.flush()
        lines = proc.stderr.decode("utf-8", "replace").splitlines()
        errors = [line.removeprefix(ERROR_PREFIX) for line in lines if line.startswith(ERROR_PREFIX)]
        self.finish(batch, proc.returncode, errors[-1] if errors else None)
        return proc.returncode

    def finish(self, batch: Path, code: int, run_error: str | None = None) -> None:
        """Each file of ``batch`` to done/ or failed/; a failed one's reason file holds the same
        one line the terminal showed for it (from its journal record, or the run's own error)."""
        latest: dict[str, dict[str, object]] = {}
        for path in journal.files(self.outbox):
            for entry in journal.records(path):
                name = entry.get("input")
                if entry.get("kind") == "document" and isinstance(name, str) and name.startswith(batch.name + "/"):
                    latest[name.split("/", 1)[1]] = entry
        for path in sorted(batch.iterdir()):
            record = latest.get(path.name)
            status = record.get("status") if record else None
            if status == "done":
                sha = identity(path)[1]
                journal.append(self.inbox / LEDGER, {"sha256": sha, "name": path.name, "batch": batch.name})
                self.hashes[sha] = path.name
                self.names.add(path.name)
                self._settle_file(path, "done", None)
            elif status == "failed" and record is not None:
                failure = int(str(record.get("code", 3)))
                message = _one_line(record.get("message")) or REASONS.get(failure, "it could not be processed")
                self._settle_file(path, "failed", f"exit {failure}: {message}\n")
            elif status == "skipped":
                self._settle_file(path, "failed", f"exit 3: {path.name}: {NOT_A_DOCUMENT}\n")
            elif code not in (0, int(ExitCode.PARTIAL), int(ExitCode.INTERRUPTED)):
                why = _one_line(run_error) or f"{REASONS.get(code, 'the run failed')} (the whole run failed)"
                self._settle_file(path, "failed", f"exit {code}: {why}\n")
        if not any(batch.iterdir()):
            batch.rmdir()

    def _settle_file(self, path: Path, where: str, reason: str | None) -> None:
        dest_dir = self.inbox / where
        name = path.name
        n = 2
        while (dest_dir / name).exists():
            stem, dot, ext = path.name.rpartition(".") if "." in path.name else (path.name, "", "")
            name = f"{stem}-{n}{dot}{ext}"
            n += 1
        os.replace(path, dest_dir / name)
        if reason is not None:
            (dest_dir / f"{name}.reason.txt").write_text(reason, encoding="utf-8")

    def unfinished(self) -> list[Path]:
        """The work folders a killed watcher left in ``.processing``, sorted by name."""
        return sorted(p for p in self.processing.iterdir() if p.is_dir())


def watch(folder: HotFolder, poll: bool, once: bool, stop: threading.Event) -> None:
    """Run until ``stop`` (or, with ``once``, until the inbox is empty and settled).

    One watcher per inbox: a second one is refused while the first lives."""
    from sandbox.lifetime import exclusive

    with exclusive(folder.inbox / LOCK, "this inbox (another sandbox watch)"):
        _watch(folder, poll, once, stop)


def _watch(folder: HotFolder, poll: bool, once: bool, stop: threading.Event) -> None:
    for batch in folder.unfinished():  # a restart: what was taken is finished first
        folder.run(batch)
    wake = threading.Event()
    observer = None
    if not poll:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        class _Wake(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                wake.set()

        observer = Observer()
        observer.schedule(_Wake(), str(folder.inbox), recursive=False)
        observer.start()
    try:
        while not stop.is_set():
            ready = folder.ready()
            if ready:
                taken = folder.take(ready)
                if taken is not None:
                    folder.run(taken)
                continue
            if once and folder.waiting() == 0:
                return
            wake.wait(timeout=min(1.0, max(0.1, folder.settle / 2)))
            wake.clear()
    finally:
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
