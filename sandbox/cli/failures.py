"""Every failure as one line on standard error and an exit code (see the table in README.md).

Free of typer: the sandboxed side of a launch (``sandbox.cli.inner``) parses no command line
and starts faster without it; ``sandbox.cli.common`` turns :class:`Finished` into typer's exit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sandbox.errors import ExitCode, SandboxError


class Finished(Exception):
    """The command ends with ``code``; its one line (if any) has been written."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def error_line(message: str) -> None:
    """Write ``sandbox: error: MESSAGE`` as one line to standard error and flush it; the caller keeps document text
    out of ``message``.
    """
    sys.stderr.write(f"sandbox: error: {message}\n")
    sys.stderr.flush()


@contextmanager
def reported(passing: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Turn a :class:`SandboxError`, a closed pipe, Ctrl-C or a bug into one line and
    :class:`Finished`; exceptions of the ``passing`` types go through untouched."""
    try:
        yield
    except SandboxError as exc:
        error_line(exc.message)
        raise Finished(int(exc.exit_code)) from None
    except Finished:
        raise
    except passing:
        raise
    except BrokenPipeError:  # e.g. `sandbox ocr scan.png | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise Finished(int(ExitCode.BROKEN_PIPE)) from None
    except KeyboardInterrupt:
        error_line("interrupted; no partial output was left behind")
        raise Finished(int(ExitCode.INTERRUPTED)) from None
    except Exception as exc:
        if os.environ.get("SANDBOX_DEBUG"):
            raise
        error_line(f"internal error ({type(exc).__name__}); please report it, with SANDBOX_DEBUG=1 for details")
        raise Finished(int(ExitCode.INTERNAL)) from None
