"""Run a request where isolation holds: here, or once more inside bubblewrap.

``run(request)`` is the last step of every command that touches documents.  When the work
must move into the sandbox, the request is serialised into the private work directory, the
sandboxed process (``python -m sandbox.cli.inner FILE``) loads the very same object, the
staged outputs are moved into place and the sandboxed run's exit code is returned.
Otherwise the request is carried out here (in a network-less container, or with
``--isolation none``).
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from sandbox import courier, isolation, journal, netguard, staged
from sandbox.errors import ExitCode, Interrupted, OutputError, SandboxError
from sandbox.request import Request, dumps
from sandbox.staged import Stage

MIB = 1024 * 1024
MAX_RECORD = 64 * 1024  # bytes of one journal line from the sandbox
MAX_OUTPUTS = 1000  # outputs one document may claim


def here(request: Request) -> int:
    """Carry the request out in this process (already isolated, or isolation declined).

    In a network-less container this process is the sandbox: it loads the system-call filter
    of :mod:`sandbox.seccomp` first (inside bubblewrap, bubblewrap has loaded it already)."""
    from sandbox.cli.execute import execute

    if request.isolation is not isolation.Mode.NONE and not isolation.inside_sandbox():
        from sandbox import seccomp

        seccomp.apply()
    netguard.install()
    from sandbox.engines import libtess

    libtess.use_program(request.tesseract_program)  # not read from the environment in here
    if request.languages:
        from sandbox.engines import tesseract

        tesseract.assume_languages(request.languages)
    staged = os.environ.get(isolation.STAGING_ENV)
    return execute(request, Path(staged) if staged else None)


def run(request: Request) -> int:
    """Carry the request out where isolation holds; a batch holds its journal's lock throughout
    (a second run on the same output folder and shard is refused, not raced)."""
    if request.batch is not None and request.output is not None:
        from sandbox.lifetime import exclusive

        batch = request.batch
        lock = journal.path_for(request.output.folder, batch.shard, batch.shards)
        what = "this output folder" if batch.shards == 1 else f"shard {batch.label} of this output folder"
        with exclusive(lock, what):
            return _run(request)
    return _run(request)


def _run(request: Request) -> int:
    decision = isolation.decide(request.isolation)
    if decision.warning:
        sys.stderr.write(decision.warning + "\n")
    if not decision.launch:
        return here(request)

    from sandbox.workdir import private_workdir

    target = request.output
    read_only = isolation.binds_for([i for i in request.inputs if i != "-"])
    view = None
    if target is not None and target.folder.is_dir():  # seen read-only, elsewhere, to refuse overwrites early
        view = (target.folder, Path(isolation.OUTDIR_VIEW))
    limits = request.settings.limits
    with private_workdir() as work, Stage(limits.staging_mb * MIB) as stage:
        saved = work / "request.pickle"
        saved.write_bytes(dumps(request))
        saved.chmod(0o400)  # the password of encrypted PDFs may be in it
        command, binds = inner_command(saved)
        keeper = _JournalKeeper(request, stage) if target is not None else None
        try:
            code = isolation.run_inside(
                command, [*read_only, *binds], stage if target is not None else None, view,
                keeper.fd if keeper else None, limits.tmp_mb * MIB,
            )  # fmt: skip
        except KeyboardInterrupt:
            if keeper is not None:  # what is in place: the documents the keeper moved
                keeper.close()
                raise Interrupted(courier.stopped_line(keeper.delivered, keeper.expected)) from None
            return int(ExitCode.INTERRUPTED)
        finally:
            if keeper is not None:
                keeper.close()
        if target is not None and code != ExitCode.INTERRUPTED and stage.tree is not None:
            staged.promote(
                stage.tree, target.folder, request.force, scratch=keeper.scratch if keeper else None,
                max_bytes=stage.size,
            )  # fmt: skip
    return code


def inner_command(saved: Path) -> tuple[list[str], list[Path]]:
    """The sandboxed program for a saved request, and what it needs bound read-only."""
    return [sys.executable, "-m", "sandbox.cli.inner", str(saved)], [saved]


class _JournalKeeper:
    """Outside the sandbox: each document the sandboxed run reports finished is moved into the
    output folder at once (all its files or none), then recorded (batches), and the sandboxed
    run is answered (:mod:`sandbox.courier`): so a run killed at any point loses no finished
    document, and a write error stops the run at the document it hit.  Reports come from the
    sandbox and are checked as untrusted."""

    KINDS = ("plan", "document", "run")

    def __init__(self, request: Request, stage: Stage) -> None:
        import socket
        import threading

        assert request.output is not None
        self.outdir, self.stage, self.force = request.output.folder, stage, request.force
        self.path: Path | None = None
        self.scratch: Path | None = None
        if request.batch is not None:
            self.path = journal.path_for(self.outdir, request.batch.shard, request.batch.shards)
            self.scratch = journal.scratch(self.outdir, request.batch.shard, request.batch.shards)
            journal.clear_scratch(self.outdir, request.batch.shard, request.batch.shards)
        ours, theirs = socket.socketpair()  # one socket both ways: reports in, answers out
        self.fd = theirs.detach()
        self.reader = os.fdopen(ours.detach(), "rb")
        self.delivered = self.expected = 0
        self.closed = False
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._follow, daemon=True)
        self.thread.start()

    def _follow(self) -> None:
        """Read records until the sandbox closes the pipe; never stops early (a stopped reader
        would block the sandbox), whatever the lines hold."""
        while line := _bounded_line(self.reader):
            try:
                self._take(line)
            except Exception as exc:  # recorded, raised in the launcher by close()
                self.error = self.error or exc

    def _take(self, line: bytes) -> None:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return
        if isinstance(record, dict) and record.get("kind") == "expect":
            count = record.get("documents")
            self.expected = count if isinstance(count, int) and count >= 0 else 0
            return
        if not isinstance(record, dict) or record.get("kind") not in self.KINDS:
            return
        claimed = record.get("outputs", [])
        if not isinstance(claimed, list) or len(claimed) > MAX_OUTPUTS or not all(isinstance(c, str) for c in claimed):
            if courier.delivers(record):  # the sandboxed run waits for an answer: never leave it hanging
                self._answer("the sandbox's report of this document was refused; nothing of it was moved")
            return
        outputs = [rel for rel in claimed if _relative(rel)]
        if record["kind"] == "document":
            record["outputs"] = outputs
        if courier.delivers(record):
            self._answer(self._deliver(outputs, record))
        elif self.path is not None:
            journal.append(self.path, record)

    def _deliver(self, outputs: list[str], record: dict[str, object]) -> str | None:
        """One document's files into place, all or none, then its journal record; None, or the
        one-line cause (a write error: the sandboxed run stops there)."""
        moved: list[Path] = []
        try:
            if self.stage.tree is None:
                raise OutputError("the sandbox reported a document before its output space was attached")
            for rel in outputs:
                moved += staged.promote(
                    self.stage.tree, self.outdir, self.force, only=[rel], scratch=self.scratch,
                    max_bytes=self.stage.size,
                )  # fmt: skip
            if self.path is not None:
                journal.append(self.path, record)
        except (SandboxError, OSError) as exc:
            for dest in moved:
                dest.unlink(missing_ok=True)
            return exc.message if isinstance(exc, SandboxError) else f"cannot record the document ({exc.strerror})"
        self.delivered += 1
        return None

    def _answer(self, error: str | None) -> None:
        with suppress(OSError):  # the sandbox has gone (killed): nobody to answer
            os.write(self.reader.fileno(), courier.answer(error))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        os.close(self.fd)  # the sandbox has ended: its copy of the write end is gone too
        self.thread.join(timeout=60)
        self.reader.close()
        journal.drop_scratch(self.scratch)
        if isinstance(self.error, SandboxError):
            raise self.error


def _bounded_line(reader: BinaryIO) -> bytes:
    """The next line of at most :data:`MAX_RECORD` bytes; longer lines are read past and
    skipped (an empty result means the sandbox's end has closed, or was reset: a sandbox that
    left an answer unread)."""
    try:
        return _next_line(reader)
    except ConnectionResetError:
        return b""


def _next_line(reader: BinaryIO) -> bytes:
    while True:
        line = reader.readline(MAX_RECORD + 1)
        if len(line) <= MAX_RECORD or line.endswith(b"\n"):
            return line
        while line and not line.endswith(b"\n"):  # the rest of an oversized line
            line = reader.readline(MAX_RECORD)


def _relative(rel: str) -> bool:
    path = PurePosixPath(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts
