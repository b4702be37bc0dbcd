"""Children die with their parent, and one run at a time works on one journal.

- :func:`die_with_parent_of` makes a ``preexec_fn``: the kernel sends the child
  ``SIGKILL`` when the thread that started it ends (``PR_SET_PDEATHSIG``), including when the
  parent is killed with ``SIGKILL`` and runs no handler.  A parent that died in the instant
  before the call is caught by comparing the parent's pid.
- :func:`exclusive` takes an ``flock`` on a file for as long as a run lasts; a second run finds
  it taken and is refused with one line, instead of racing.  The kernel drops the lock when
  its holder dies, however it dies.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sandbox.errors import OutputError

PR_SET_PDEATHSIG = 1
_prctl = ctypes.CDLL(None, use_errno=True).prctl  # resolved here: nothing to look up after fork


def die_with_parent_of(parent: int) -> Callable[[], None]:
    """A ``preexec_fn`` for children of ``parent`` (pass ``os.getpid()`` of the starter)."""

    def arm() -> None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent was gone before the signal was armed
            os.kill(os.getpid(), signal.SIGKILL)

    return arm


@contextmanager
def exclusive(path: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created 0600 if missing, never through a link).

    ``what`` names the thing in the refusal: "OUT/.sandbox-journal/run.jsonl: another run is
    working on {what}; wait for it to end or use another output folder"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise OutputError(f"{path.name}: cannot open the lock of {what} ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"{path.parent.name}/{path.name}: another run is working on {what}; "
                "wait for it to end, or use another output folder"
            ) from None
        yield
    finally:
        os.close(fd)
