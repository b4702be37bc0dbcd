"""What every command shares: turning errors into one line and an exit code, console output."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Annotated, Optional, ParamSpec, TypeVar

import typer

from sandbox.cli.failures import Finished, reported
from sandbox.config import default_jobs
from sandbox.engines.base import option_help as engine_help
from sandbox.errors import UsageError
from sandbox.isolation import Mode
from sandbox.limits import Limits
from sandbox.limits import load as limits_from

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

LimitOpt = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--limit",
        help="A resource limit, NAME=VALUE (repeat): max-file-size, max-pages, max-pixels, max-side, "
        "render-timeout, ocr-timeout, job-timeout, max-memory, office-timeout, staging-size, tmp-size. "
        "Also SANDBOX_LIMIT_* and the config file.",
    ),
]
PasswordFileOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--password-file", help="File whose first line is the password of encrypted PDFs.", dir_okay=False),
]
PasswordOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--password", help="Password of encrypted PDFs (visible to other local users: prefer --password-file)."
    ),
]

EngineOpt = Annotated[str, typer.Option("--engine", help=engine_help())]  # checked against the registry

OptimizeOpt = Annotated[
    int,
    typer.Option(
        "-O",
        "--optimize",
        min=0,
        max=2,
        help="Page pictures in output PDFs: 0 lossless as they are; 1 lossless but smaller (Group 4 for "
        "black-and-white, palettes, JPEG inputs kept; default); 2 visually lossless (JPEG, pngquant).",
    ),
]

JsonSummaryOpt = Annotated[
    bool, typer.Option("--json-summary", help="A machine-readable summary on standard output (sizes and times too).")
]

ShardOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--shard",
        help="Process only part I of N of the inputs (I/N, 0-based), or auto/N with the index from "
        "JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID. Keeps a journal in the output folder.",
    ),
]
ResumeOpt = Annotated[
    bool,
    typer.Option(
        "--resume",
        help="Keep a journal in the output folder and skip documents it records as done with the same "
        "content and settings; redo failed, changed and unfinished ones (their leftovers are replaced).",
    ),
]

DEFAULT_JOBS = default_jobs()
Inputs = Annotated[
    list[str],
    typer.Argument(help="Files, directories (searched recursively) or - for standard input.", show_default=False),
]
JobsOpt = Annotated[int, typer.Option("-j", "--jobs", help="Pages processed in parallel.", min=1)]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar or summary.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing outputs.")]
VerboseOpt = Annotated[
    bool, typer.Option("-v", "--verbose", help="A line per page on standard error (file, page, source, words).")
]

AllowEmptyOpt = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help="Exit 0 even when a page with ink gives no text (it is still counted as an unread page).",
    ),
]

NoSpaceCheckOpt = Annotated[
    bool,
    typer.Option(
        "--no-space-check",
        help="Do not refuse the run when the output folder has less free space than the outputs usually take.",
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`SandboxError` or Ctrl-C into one line on stderr and its exit code."""
    try:
        with reported(passing=(typer.Exit, typer.Abort)):
            yield
    except Finished as done:
        raise typer.Exit(done.code) from None


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return fn(*args, **kwargs)

    return wrapper


def load_limits(flags: list[str] | None) -> Limits:
    """Limits from flags, environment and config file (the sandboxed run gets them in the request)."""
    return limits_from(flags or ())


def read_password(password: str | None, password_file: Path | None) -> str | None:
    if password_file is not None:
        try:
            lines = password_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            raise UsageError(f"{password_file.name}: cannot read the password file") from None
        return lines[0] if lines else ""
    return password


def split_list(values: list[str] | None) -> list[str]:
    """``--to txt --to json`` and ``--to txt,json`` both give ['txt', 'json'] (order kept)."""
    out: list[str] = []
    for value in values or []:
        for part in value.split(","):
            part = part.strip().lower()
            if part and part not in out:
                out.append(part)
    return out
