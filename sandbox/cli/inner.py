"""The sandboxed side of a launch: load the serialised request and carry it out (no typer:
nothing to parse, and a faster start)."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path

from sandbox.cli.failures import Finished, reported


def main(argv: list[str]) -> int:
    """The process inside the sandbox: run the request in the file ``argv[0]`` and return the exit code.

    Refuses (``IsolationError``, exit 8) to run outside the sandbox the launcher builds; errors are reported as one
    line, never a traceback.
    """
    from sandbox.cli import launch
    from sandbox.errors import IsolationError
    from sandbox.isolation import inside_sandbox
    from sandbox.request import loads

    try:
        with reported():
            if not inside_sandbox():  # only the launcher starts this module, inside bubblewrap
                raise IsolationError("sandbox.cli.inner runs only inside the sandbox the launcher builds")
            return launch.here(loads(Path(argv[0]).read_bytes()))
    except Finished as done:
        return done.code


def _leave(code: int) -> None:
    """Exit without the interpreter's teardown (~20 ms): every file is written and closed, the
    work directory removed, the pool shut down; the sandbox and its /tmp go with this process."""
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # the reader went away, or the stream is closed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    _leave(main(sys.argv[1:]))
