"""What every command shares: turning errors into one line and an exit code, console output."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, ParamSpec, TypeVar, get_type_hints

import typer

from sandbox.cli.failures import Finished, reported
from sandbox.config import default_jobs
from sandbox.engines.base import option_help as engine_help
from sandbox.errors import UsageError
from sandbox.isolation import Mode
from sandbox.limits import Limits
from sandbox.limits import load as limits_from

if TYPE_CHECKING:
    from sandbox.config import OcrSettings
    from sandbox.request import Display, Request

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


@dataclass(frozen=True, slots=True)
class RunOptions:
    """The options every command that reads documents takes (ocr, convert, sanitize, flag, redact, verify).

    A command asks for them with one keyword-only parameter annotated ``RunOptions`` and the
    :func:`option_groups` decorator; its ``--help`` lists these options where that parameter stands, in this order.
    Adding a shared option is one field here.
    """

    jobs: JobsOpt = DEFAULT_JOBS
    quiet: QuietOpt = False
    limit: LimitOpt = None
    password_file: PasswordFileOpt = None
    verbose: VerboseOpt = False
    isolation: IsolationOpt = Mode.AUTO

    def settings(self, lang: str, dpi: int, password: str | None = None, **more: Any) -> OcrSettings:
        """Settings with these jobs, limits and password (the file's first line wins over ``password``).

        Raises ``UsageError`` for a bad ``--limit`` or an unreadable password file, before isolation.
        """
        from sandbox.config import OcrSettings

        return OcrSettings(
            lang=lang, dpi=dpi, jobs=self.jobs, limits=load_limits(self.limit),
            password=read_password(password, self.password_file), **more,
        )  # fmt: skip

    def display(self, json_summary: bool = False, allow_empty: bool = False) -> Display:
        """What the terminal shows: these quiet and verbose flags with the command's own two."""
        from sandbox.request import Display

        return Display(self.quiet, self.verbose, json_summary, allow_empty)


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """``--shard`` and ``--resume``: the options of the commands whose outputs may be a batch
    (ocr, convert, redact); taken as one parameter like :class:`RunOptions`."""

    shard: ShardOpt = None
    resume: ResumeOpt = False

    def apply(self, request: Request) -> Request:
        """``request`` as one part of a batch, or unchanged without either option (``with_batch``).

        Raises ``UsageError`` for a bad ``--shard`` or when the output is not a folder.
        """
        from sandbox.request import with_batch

        return with_batch(request, self.shard, self.resume)


GROUPS = (RunOptions, BatchOptions)  # the option groups a command may take as one parameter each


def option_groups(fn: Callable[..., R]) -> Callable[..., R]:
    """Let ``fn`` take each option group (:data:`GROUPS`) as one keyword-only parameter.

    Typer sees the group's fields as options in place of that parameter, in field order; the
    values it parses are gathered into one frozen object per group. Raises ``TypeError`` at
    import when ``fn`` takes no group.
    """
    hints = get_type_hints(fn, include_extras=True)
    own = inspect.signature(fn, eval_str=True)
    groups = {name: hint for name, hint in hints.items() if hint in GROUPS}
    if not groups:
        raise TypeError(f"{fn.__name__} takes no option group")
    members: dict[str, list[inspect.Parameter]] = {}
    for name, group in groups.items():
        group_hints = get_type_hints(group, include_extras=True)
        members[name] = [
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=group_hints[f.name])
            for f in fields(group)
        ]
    params: list[inspect.Parameter] = []
    for param in own.parameters.values():
        params.extend(members.get(param.name, [param.replace(kind=inspect.Parameter.KEYWORD_ONLY)]))

    @wraps(fn)
    def wrapper(**kwargs: Any) -> R:
        for name, group in groups.items():
            kwargs[name] = group(**{p.name: kwargs.pop(p.name) for p in members[name]})
        return fn(**kwargs)

    wrapper.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params} | {"return": own.return_annotation}
    return wrapper


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a :class:`SandboxError` or Ctrl-C into one line on stderr and its exit code."""
    try:
        with reported(passing=(typer.Exit, typer.Abort)):
            yield
    except Finished as done:
        raise typer.Exit(done.code) from None


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so that a ``SandboxError`` becomes its one-line message and exit code (``user_errors``), never a
    traceback.
    """

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with user_errors():
            return fn(*args, **kwargs)

    return wrapper


def load_limits(flags: list[str] | None) -> Limits:
    """Limits from flags, environment and config file (the sandboxed run gets them in the request)."""
    return limits_from(flags or ())


def read_password(password: str | None, password_file: Path | None) -> str | None:
    """The password to use: the first line of ``password_file`` when given (empty if the file is), else ``password``;
    raises ``UsageError`` when the file cannot be read.
    """
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
