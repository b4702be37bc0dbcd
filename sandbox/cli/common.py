"""What every command shares: turning errors into one line and an exit code, console output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer

from sandbox.errors import ExitCode, SandboxError
from sandbox.isolation import Mode

IsolationOpt = Annotated[
    Mode,
    typer.Option(
        "--isolation",
        help="auto: container if already in a network-less one, else bubblewrap; bwrap; container; "
        "none (no isolation, warns).",
        envvar="SANDBOX_ISOLATION",
        case_sensitive=False,
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def error_line(message: str) -> None:
    sys.stderr.write(f"sandbox: error: {message}\n")
    sys.stderr.flush()


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`SandboxError` or Ctrl-C into one line on stderr and its exit code."""
    try:
        yield
    except SandboxError as exc:
        error_line(exc.message)
        raise typer.Exit(int(exc.exit_code)) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:  # e.g. `sandbox ocr scan.png | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
    except KeyboardInterrupt:
        error_line("interrupted; no partial output was left behind")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except Exception as exc:
        if os.environ.get("SANDBOX_DEBUG"):
            raise
        error_line(f"internal error ({type(exc).__name__}); please report it, with SANDBOX_DEBUG=1 for details")
        raise typer.Exit(int(ExitCode.INTERNAL)) from None


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return fn(*args, **kwargs)

    return wrapper


def split_list(values: list[str] | None) -> list[str]:
    """``--to txt --to json`` and ``--to txt,json`` both give ['txt', 'json'] (order kept)."""
    out: list[str] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip().lower()
            if part and part not in out:
                out.append(part)
    return out
