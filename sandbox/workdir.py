"""The one private working directory of a run, removed on exit, error and signals.

It lives in memory (``/dev/shm``) when that is available, is created with mode 0700, and
becomes the ``tempfile`` directory of the process so that pytesseract and pdf2image write
their temporary files inside it.  SIGTERM is turned into an exception so that ``finally``
blocks (and this directory's removal) run.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from sandbox.errors import Interrupted

PREFIX = "ocr-sandbox-"


def _base_dir() -> str | None:
    """``$SANDBOX_TMPDIR`` if set, else ``/dev/shm`` (memory), else the system default."""
    chosen = os.environ.get("SANDBOX_TMPDIR")
    if chosen:
        return chosen
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return None


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(f"stopped by signal {signal.Signals(signum).name}")


def remove_stale(base: str | None) -> int:
    """Remove work directories left by runs that were killed (SIGKILL, power loss).

    Each directory is named after the process that made it; one whose process is gone and
    that belongs to this user is removed.  Returns how many were removed.
    """
    root = Path(base or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(root.glob(PREFIX + "*"))
    except OSError:
        return 0
    for entry in entries:
        pid_text = entry.name[len(PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            if entry.stat().st_uid != os.getuid():
                continue
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
            removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def private_workdir() -> Iterator[Path]:
    """Create the private directory, point ``tempfile`` at it, remove it afterwards."""
    base = _base_dir()
    remove_stale(base)
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
    os.chmod(path, 0o700)
    old_tempdir = tempfile.tempdir
    old_term = signal.getsignal(signal.SIGTERM)
    tempfile.tempdir = str(path)
    with suppress(ValueError):  # not the main thread (e.g. inside a test runner thread)
        signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield path
    finally:
        tempfile.tempdir = old_tempdir
        with suppress(ValueError, TypeError):
            signal.signal(signal.SIGTERM, old_term)
        shutil.rmtree(path, ignore_errors=True)
