"""One request per command: every option parsed, checked and normalised here, once, before isolation.

Choices are typed (``Literal`` types checked by :func:`choose`; engines and formats against
their registries); ``-l`` is checked against the installed packs and normalised by
:func:`checked` for every command that reads; what processing needs from the environment
(``SANDBOX_TESSERACT``) is read here, outside, and travels in the request.

The command line builds a :class:`Request`; the launcher pickles that same object into its
private work directory and the sandboxed run loads it back — nothing is rebuilt from parsed
options.  Pickle only travels inward: the launcher wrote the file, the sandbox may only read
it, and nothing the sandbox writes is ever unpickled (what comes out is files and the
journal's JSON lines).  A batch's fingerprint is the request as canonical JSON (``cattrs``).
Files the options name (policy, terms, review, password) are read outside and travel as data,
so the sandbox sees only the inputs.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from sandbox.config import OcrSettings
from sandbox.errors import UsageError
from sandbox.isolation import Mode

if TYPE_CHECKING:  # imported where used (every command loads this module, twice: ~45 ms of CPU)
    from sandbox.batch import Batch
    from sandbox.convert.options import ConvertOptions
    from sandbox.redact.policy import Policy
    from sandbox.redact.review import Review
    from sandbox.redact.types import CodesMode, UnreadMode

Command = str  # a command of sandbox.cli.commands with a runner
Views = Literal["all", "plain"]  # redact's readings of the burnt page (plain: one, for benchmarks)


def choose(option: str, value: str, kind: Any) -> Any:
    """``value`` as one of the ``Literal`` type ``kind``'s values, or the one-line usage error
    ``OPTION: choose a, b or c``.  (Returns ``Any``: the caller's annotation names ``kind``.)"""
    allowed = get_args(kind)
    if value not in allowed:
        *first, last = allowed
        raise UsageError(f"{option}: choose {', '.join(first)} or {last}")
    return value


def _tesseract_program() -> bool:
    """``SANDBOX_TESSERACT=program``: read with the program, not the library in process (read
    where the request is made; the sandboxed run is told, never reads the environment)."""
    return os.environ.get("SANDBOX_TESSERACT") == "program"


@dataclass(frozen=True, slots=True)
class Target:
    """Where outputs go, decided once: ``path`` is a file (``is_file``) or a folder."""

    path: Path  # absolute
    is_file: bool = False

    @property
    def folder(self) -> Path:
        """The folder outputs go in: the parent of a file target, else the target itself."""
        return self.path.parent if self.is_file else self.path


@dataclass(frozen=True, slots=True)
class Display:
    """What the terminal shows (quiet, verbose, JSON summary) and whether unread pages change the exit code."""

    quiet: bool = False
    verbose: bool = False
    json_summary: bool = False
    allow_empty: bool = False  # unread pages (ink, no text) do not change the exit code


@dataclass(frozen=True, slots=True)
class RedactOptions:
    """What ``redact`` (and ``flag``: ``codes``) were asked for beyond the policy; see :func:`redact_options`."""

    formats: tuple[str, ...] = ("pdf",)
    unread: UnreadMode = "ask"
    keep_names: bool = False
    views: bool = True  # every reading of the burnt page (False: plain only, benchmarks)
    codes: CodesMode = "check"  # barcodes and QR codes: burn matching/undecodable ones, all, or none


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a run needs, decided and validated by the launcher before isolation.

    The sandboxed process reads only this (pickled through a file), never the caller's options or environment.
    """

    command: Command
    inputs: tuple[str, ...]  # absolute paths, or "-" for standard input
    settings: OcrSettings
    isolation: Mode = Mode.AUTO
    output: Target | None = None  # None: standard output (ocr) or nothing written (verify)
    force: bool = False
    display: Display = field(default_factory=Display)
    formats: tuple[str, ...] = ()  # ocr
    convert: ConvertOptions | None = None
    policy: Policy | None = None  # flag, redact, verify
    review: Review | None = None  # redact, verify
    redact: RedactOptions | None = None
    batch: Batch | None = None  # --shard / --resume: a journal in the output folder
    languages: tuple[str, ...] = ()  # Tesseract's packs, when the launcher listed them to check -l
    tesseract_program: bool = field(default_factory=_tesseract_program)  # SANDBOX_TESSERACT=program


def redact_options(
    formats: list[str], unread: str = "ask", keep_names: bool = False, views: str = "all", codes: str = "check"
) -> RedactOptions:
    """``redact``'s and ``flag``'s options, each checked: the formats redact writes, ``--unread``,
    ``--views`` and ``--codes`` among their choices."""
    from sandbox.redact.types import CodesMode, UnreadMode, check_formats

    checked_formats = tuple(check_formats(formats))
    unread_mode: UnreadMode = choose("--unread", unread, UnreadMode)
    every_view = choose("--views", views, Views) == "all"
    return RedactOptions(checked_formats, unread_mode, keep_names, every_view, choose("--codes", codes, CodesMode))


def checked(request: Request, reads: bool = True) -> Request:
    """The request with ``--engine`` checked against the engine registry and, when the run reads
    pages (``reads``), ``-l`` checked against Tesseract's installed packs and normalised, and the
    packs listed (the sandboxed run is told them rather than asking again).  Usage errors come
    here, before isolation: instant, not after the sandbox has come up."""
    from sandbox.engines import base

    settings = replace(request.settings, engine=base.check(request.settings.engine))
    if not reads:
        return replace(request, settings=settings)
    from sandbox.engines import tesseract

    tesseract.require()
    settings = replace(settings, lang=tesseract.check_languages(settings.lang))
    return replace(request, settings=settings, languages=tesseract.languages())


def absolute(inputs: list[str]) -> tuple[str, ...]:
    """Inputs as absolute paths (``-`` kept), so the run reads the same files wherever it starts."""
    if not inputs:
        raise UsageError("no input given: name files or directories, or - for standard input")
    return tuple(item if item == "-" else os.path.abspath(item) for item in inputs)


def fingerprint(request: Request) -> str:
    """What makes outputs differ: every option but the inputs, where they go, how the run is
    shown or isolated, the number of workers, and the password (never written anywhere)."""
    import hashlib

    settings = replace(request.settings, password=None, jobs=1)
    neutral = replace(
        request, inputs=(), output=None, force=False, display=Display(), isolation=Mode.AUTO, batch=None,
        settings=settings, languages=(), tesseract_program=False,
    )  # fmt: skip
    from cattrs.preconf.json import make_converter  # only batches need it: ~20 ms kept off every start

    _resolvable()
    return hashlib.sha256(make_converter().dumps(neutral).encode("utf-8")).hexdigest()[:16]


def _resolvable() -> None:
    """The types the fields name, which this module imports only where they are used, made
    resolvable here (cattrs resolves every field's annotation to write the fingerprint)."""
    from sandbox.batch import Batch
    from sandbox.convert.options import ConvertOptions
    from sandbox.redact.policy import Policy
    from sandbox.redact.review import Review
    from sandbox.redact.types import CodesMode, UnreadMode

    found = {"Batch": Batch, "ConvertOptions": ConvertOptions, "Policy": Policy, "Review": Review}
    globals().update(found, CodesMode=CodesMode, UnreadMode=UnreadMode)


def with_batch(request: Request, shard: str | None, resume: bool) -> Request:
    """The request as one part of a batch (``--shard``, ``--resume``), or unchanged without them.

    With ``--resume`` the journals in the output folder say what is done already; outputs of
    documents not recorded as done (left by a killed run) are replaced."""
    if shard is None and not resume:
        return request
    if request.output is None or request.output.is_file:
        raise UsageError("--shard and --resume need -o DIR: the journal is kept in the output folder")
    from sandbox import journal
    from sandbox.batch import Batch, parse_shard

    index, count = parse_shard(shard) if shard else (0, 1)

    stamp = fingerprint(request)
    done = journal.finished(request.output.folder, stamp) if resume else {}
    batch = Batch(index, count, resume, stamp, done)
    return replace(request, batch=batch, force=request.force or resume)


def dumps(request: Request) -> bytes:
    """The request for the sandboxed run (the launcher's own file; see the module's note)."""
    return pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Request:
    """The request the launcher wrote; raises ``TypeError`` when the data is not a ``Request``."""
    request = pickle.loads(data)  # written by the launcher; read-only inside
    if not isinstance(request, Request):
        raise TypeError(f"not a request: {type(request).__name__}")
    return request
