"""``sandbox flag``, ``sandbox redact`` and ``sandbox verify``: the redaction workflow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandbox.cli.common import (
    DEFAULT_JOBS,
    Inputs,
    IsolationOpt,
    JobsOpt,
    LimitOpt,
    OptimizeOpt,
    PasswordFileOpt,
    QuietOpt,
    ResumeOpt,
    ShardOpt,
    VerboseOpt,
    handles_errors,
    load_limits,
    read_password,
    split_list,
)
from sandbox.config import DEFAULT_DPI
from sandbox.isolation import Mode

if TYPE_CHECKING:
    from sandbox.config import OcrSettings
    from sandbox.redact.policy import Policy

PolicyOpt = Annotated[
    Path | None,
    typer.Option("--policy", help="TOML policy (default: built-in: markings and personal data).", dir_okay=False),
]
TermsOpt = Annotated[
    Path | None, typer.Option("--terms", help="File with one term per line to redact as well.", dir_okay=False)
]
HighlightsOpt = Annotated[bool, typer.Option("--highlights", help="Redact passages marked with a highlighter pen.")]
LangOpt = Annotated[str, typer.Option("-l", "--lang", help="Tesseract languages, e.g. eng or chi_sim+eng.")]
DpiOpt = Annotated[int, typer.Option(help="Rendering DPI for PDF pages.", min=50, max=1200)]
CodesOpt = Annotated[
    str,
    typer.Option(
        "--codes",
        help="Barcodes and QR codes: check (burn those whose content is flagged or cannot be decoded), "
        "redact (burn every code) or keep (leave them).",
    ),
]


def _policy(policy: Path | None, terms: Path | None, highlights: bool) -> Policy:
    from dataclasses import replace

    from sandbox.redact import policy as pol

    loaded = pol.load(policy)
    if terms is not None:
        loaded = loaded.with_terms(pol.read_terms(terms))
    return replace(loaded, highlights=highlights or loaded.highlights)


def _settings(
    lang: str, dpi: int, jobs: int, limit: list[str] | None, password_file: Path | None, optimize: int = 1
) -> OcrSettings:
    from sandbox.config import OcrSettings

    return OcrSettings(
        lang=lang, dpi=dpi, jobs=jobs, limits=load_limits(limit), password=read_password(None, password_file),
        optimize=optimize,
    )  # fmt: skip


@handles_errors
def flag(
    inputs: Inputs,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Review file to write (JSON; CONFIDENTIAL).", dir_okay=False)
    ],
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    highlights: HighlightsOpt = False,
    codes: CodesOpt = "check",
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    jobs: JobsOpt = DEFAULT_JOBS,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing review file.")] = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
) -> None:
    """Find sensitive text and write a review file to check before redacting."""
    from sandbox.cli import launch
    from sandbox.request import Display, Request, Target, absolute, checked, redact_options

    pol = _policy(policy, terms, highlights)  # a bad policy is a usage error before isolation
    settings = _settings(lang, dpi, jobs, limit, password_file)
    target = Target(output.absolute(), is_file=True)
    request = Request(
        "flag", absolute(inputs), settings, isolation, target, force, Display(quiet, verbose), policy=pol,
        redact=redact_options(["pdf"], codes=codes),
    )  # fmt: skip
    raise typer.Exit(launch.run(checked(request)))


@handles_errors
def redact(
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")],
    to: Annotated[list[str] | None, typer.Option("--to", "-t", help="pdf, png, txt, json (default pdf).")] = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Apply exactly this review file's decisions.", dir_okay=False)
    ] = None,
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    highlights: HighlightsOpt = False,
    text_layer: Annotated[
        bool, typer.Option("--text-layer", help="Searchable PDF from the surviving words only.")
    ] = False,
    cover_lines: Annotated[
        bool, typer.Option("--cover-lines", help="Black out whole lines so lengths reveal nothing.")
    ] = False,
    placeholder: Annotated[str, typer.Option(help="In TXT/JSON: block (█████) or label ([REDACTED:rule]).")] = "",
    padding: Annotated[
        int, typer.Option(help="Pixels added around every box (default: policy, 6).", min=-1, max=100)
    ] = -1,
    unread: Annotated[
        str,
        typer.Option(
            "--unread",
            help="Ink no reading could read: ask (stop, exit 9, decide in a review file), redact (burn it) or keep.",
        ),
    ] = "ask",
    codes: CodesOpt = "check",
    keep_names: Annotated[
        bool, typer.Option("--keep-names", help="Name outputs after their inputs (default: redacted-001, …).")
    ] = False,
    optimize: OptimizeOpt = 1,
    shard: ShardOpt = None,
    resume: ResumeOpt = False,
    views: Annotated[
        str,
        typer.Option("--views", hidden=True, help="all (default) or plain: one reading only, for benchmarks (unsafe)."),
    ] = "all",
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    jobs: JobsOpt = DEFAULT_JOBS,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing outputs.")] = False,
    quiet: QuietOpt = False,
    json_summary: Annotated[
        bool, typer.Option("--json-summary", help="Machine-readable summary on standard output.")
    ] = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
) -> None:
    """Burn flagged text out of the pixels, rebuild clean outputs, verify, then write."""
    from dataclasses import replace

    from sandbox import preflight
    from sandbox.cli import launch
    from sandbox.redact import review as review_file
    from sandbox.redact.policy import Placeholder
    from sandbox.request import Display, Request, Target, absolute, checked, choose, redact_options, with_batch

    options = redact_options(split_list(to) or ["pdf"], unread, keep_names, views, codes)
    shown: Placeholder | None = choose("--placeholder", placeholder, Placeholder) if placeholder else None
    pol = _policy(policy, terms, highlights)
    pol = replace(
        pol,
        text_layer=text_layer or pol.text_layer,
        cover_lines=cover_lines or pol.cover_lines,
        placeholder=shown or pol.placeholder,
        padding=pol.padding if padding < 0 else padding,
    )
    request = Request(
        "redact", absolute(inputs), _settings(lang, dpi, jobs, limit, password_file, optimize), isolation,
        Target(output.absolute()), force, Display(quiet, verbose, json_summary), policy=pol,
        review=review_file.load(review) if review is not None else None, redact=options,
    )  # fmt: skip
    request = with_batch(checked(request), shard, resume)
    preflight.check(request, [*options.formats, "report"])  # before any page is read
    raise typer.Exit(launch.run(request))


@handles_errors
def verify(
    inputs: Inputs,
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Check that this review's redactions hold.", dir_okay=False)
    ] = None,
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    jobs: JobsOpt = DEFAULT_JOBS,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
) -> None:
    """Check any files: nothing the policy, terms or review flag may be recoverable (exit 9 if so)."""
    from sandbox.cli import launch
    from sandbox.redact import review as review_file
    from sandbox.request import Display, Request, absolute, checked

    request = Request(
        "verify", absolute(inputs), _settings(lang, dpi, jobs, limit, password_file), isolation,
        display=Display(quiet, verbose), policy=_policy(policy, terms, False),
        review=review_file.load(review) if review is not None else None,
    )  # fmt: skip
    raise typer.Exit(launch.run(checked(request)))
