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
from pathlib import Path, PurePosixPath

from sandbox import isolation, journal, netguard
from sandbox.errors import ExitCode, SandboxError
from sandbox.request import Request, dumps


def here(request: Request) -> int:
    """Carry the request out in this process (already isolated, or isolation declined)."""
    from sandbox.cli.execute import execute

    netguard.install()
    if request.languages:
        from sandbox.engines import tesseract

        tesseract.assume_languages(request.languages)
    staged = os.environ.get(isolation.STAGING_ENV)
    return execute(request, Path(staged) if staged else None)


def run(request: Request) -> int:
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
    with private_workdir() as work:
        saved = work / "request.pickle"
        saved.write_bytes(dumps(request))
        saved.chmod(0o400)  # the password of encrypted PDFs may be in it
        staging = work / "staging"
        staging.mkdir(mode=0o700)  # inside, our uid maps to the sandbox user: it may write here
        command = [sys.executable, "-m", "sandbox.cli.inner", str(saved)]
        keeper = _JournalKeeper(request, staging) if request.batch is not None and target is not None else None
        try:
            code = isolation.run_inside(
                command, [*read_only, saved], staging if target is not None else None, view,
                keeper.fd if keeper else None,
            )  # fmt: skip
        except KeyboardInterrupt:
            return int(ExitCode.INTERRUPTED)
        finally:
            if keeper is not None:
                keeper.close()
        if target is not None and code != ExitCode.INTERRUPTED:
            isolation.promote(staging, target.folder, request.force, scratch=keeper.scratch if keeper else None)
    return code


class _JournalKeeper:
    """Outside the sandbox: each document the sandboxed run reports finished is moved into the
    output folder at once and then recorded, so a batch killed at any point loses no finished
    document.  Reports come from the sandbox and are checked as untrusted."""

    KINDS = ("plan", "document", "run")

    def __init__(self, request: Request, staging: Path) -> None:
        import threading

        assert request.batch is not None and request.output is not None
        self.outdir, self.staging, self.force = request.output.folder, staging, request.force
        self.path = journal.path_for(self.outdir, request.batch.shard, request.batch.shards)
        self.scratch = journal.scratch(self.outdir, request.batch.shard, request.batch.shards)
        journal.clear_scratch(self.outdir, request.batch.shard, request.batch.shards)
        read_fd, self.fd = os.pipe()
        self.reader = os.fdopen(read_fd, "rb")
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._follow, daemon=True)
        self.thread.start()

    def _follow(self) -> None:
        for line in self.reader:
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if not isinstance(record, dict) or record.get("kind") not in self.KINDS:
                continue
            outputs = [str(rel) for rel in record.get("outputs", []) if _relative(str(rel))]
            if record["kind"] == "document":
                record["outputs"] = outputs
            try:
                if record["kind"] == "document" and record.get("status") == "done":
                    isolation.promote(self.staging, self.outdir, self.force, only=outputs, scratch=self.scratch)
                journal.append(self.path, record)
            except Exception as exc:
                self.error = exc

    def close(self) -> None:
        os.close(self.fd)  # the sandbox has ended: its copy of the write end is gone too
        self.thread.join(timeout=60)
        self.reader.close()
        if isinstance(self.error, SandboxError):
            raise self.error


def _relative(rel: str) -> bool:
    path = PurePosixPath(rel)
    return bool(rel) and not path.is_absolute() and ".." not in path.parts
