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


@contextmanager
def private_workdir() -> Iterator[Path]:
    """Create the private directory, point ``tempfile`` at it, remove it afterwards."""
    path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=_base_dir()))
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
