"""``sandbox flag``, ``sandbox redact`` and ``sandbox verify``: the redaction workflow."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandbox.cli.common import (
    DEFAULT_JOBS,
    Inputs,
    IsolationOpt,
    JobsOpt,
    LimitOpt,
    PasswordFileOpt,
    QuietOpt,
    VerboseOpt,
    files,
    handles_errors,
    read_password,
    resolve_limits,
    split_list,
)
from sandbox.cli.launch import isolated
from sandbox.config import DEFAULT_DPI
from sandbox.isolation import Mode
from sandbox.limits import Limits

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


def _policy(policy: Path | None, terms: Path | None, highlights: bool) -> Policy:
    from dataclasses import replace

    from sandbox.redact import policy as pol

    loaded = pol.load(policy)
    if terms is not None:
        loaded = loaded.with_terms(pol.read_terms(terms))
    return replace(loaded, highlights=highlights or loaded.highlights)


def _settings(lang: str, dpi: int, jobs: int, limits: Limits, password_file: Path | None) -> OcrSettings:
    from sandbox.config import OcrSettings

    return OcrSettings(lang=lang, dpi=dpi, jobs=jobs, limits=limits, password=read_password(None, password_file))


@handles_errors
def flag(
    ctx: typer.Context,
    inputs: Inputs,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Review file to write (JSON; CONFIDENTIAL).", dir_okay=False)
    ],
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    highlights: HighlightsOpt = False,
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
    from sandbox.cli.report import Reporter
    from sandbox.redact.run import run_flag

    pol = _policy(policy, terms, highlights)  # a bad policy is a usage error before isolation
    limits = resolve_limits(ctx, limit)
    write_dir = isolated(
        ctx, isolation, inputs, output.parent, force, extra_read_only=files(policy, terms, password_file)
    )
    reporter = Reporter(quiet=quiet, verbose=verbose)
    with reporter:
        summary = run_flag(
            inputs,
            _settings(lang, dpi, jobs, limits, password_file),
            pol,
            output.absolute(),
            force=force,
            write_dir=write_dir,
            stdin=sys.stdin.buffer,
            on_start=reporter.start,
            on_page=reporter.advance,
        )
    reporter.report(summary, None)
    if summary.outputs and not quiet:
        sys.stderr.write(f"review file written: {output.name} (CONFIDENTIAL: it contains the flagged text)\n")
        if summary.unread:
            sys.stderr.write(f"{summary.unread} unread region(s) of ink: decide each in the review file\n")
    raise typer.Exit(summary.exit_code)


@handles_errors
def redact(
    ctx: typer.Context,
    inputs: Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.", file_okay=False)],
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
    keep_names: Annotated[
        bool, typer.Option("--keep-names", help="Name outputs after their inputs (default: redacted-001, …).")
    ] = False,
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

    from sandbox.cli.report import Reporter
    from sandbox.errors import UsageError
    from sandbox.redact import review as review_file
    from sandbox.redact.run import run_redact

    formats = split_list(to) or ["pdf"]
    if unread not in ("ask", "redact", "keep"):
        raise UsageError("--unread: choose ask, redact or keep")
    if views not in ("all", "plain"):
        raise UsageError("--views: choose all or plain")
    pol = _policy(policy, terms, highlights)
    if placeholder and placeholder not in ("block", "label"):
        raise UsageError("--placeholder: choose block or label")
    loaded = review_file.load(review) if review is not None else None
    limits = resolve_limits(ctx, limit)
    write_dir = isolated(
        ctx, isolation, inputs, output, force, extra_read_only=files(policy, terms, review, password_file)
    )
    pol = replace(
        pol,
        text_layer=text_layer or pol.text_layer,
        cover_lines=cover_lines or pol.cover_lines,
        placeholder=placeholder or pol.placeholder,
        padding=pol.padding if padding < 0 else padding,
    )
    reporter = Reporter(quiet=quiet or json_summary, verbose=verbose)
    with reporter:
        summary = run_redact(
            inputs,
            _settings(lang, dpi, jobs, limits, password_file),
            pol,
            output.absolute(),
            formats,
            review=loaded,
            unread=unread,  # type: ignore[arg-type]  # checked above
            keep_names=keep_names,
            views=views == "all",
            force=force,
            write_dir=write_dir,
            stdin=sys.stdin.buffer,
            on_start=reporter.start,
            on_page=reporter.advance,
        )
    reporter.report(summary, output)
    if not (quiet or json_summary) and summary.verified:
        rules = ", ".join(f"{rule} {n}" for rule, n in sorted(summary.rules.items())) or "nothing flagged"
        sys.stderr.write(f"redacted {summary.boxes} box(es): {rules}; verified: {len(summary.verified)} document(s)\n")
        if summary.unread:
            sys.stderr.write(f"kept {summary.unread} unread region(s) of ink (--unread keep); see the report\n")
        if not keep_names and sys.stderr.isatty():  # the mapping goes to the terminal only
            for stem, source in summary.names:
                sys.stderr.write(f"  {stem} ← {source}\n")
    if json_summary:
        data = summary.to_dict() | {"rules": dict(summary.rules), "boxes": summary.boxes}
        sys.stdout.write(json.dumps(data, indent=1) + "\n")
    raise typer.Exit(summary.exit_code)


@handles_errors
def verify(
    ctx: typer.Context,
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
    from sandbox.cli.report import Reporter
    from sandbox.errors import ExitCode
    from sandbox.redact import review as review_file
    from sandbox.redact.run import run_verify

    pol = _policy(policy, terms, False)
    limits = resolve_limits(ctx, limit)
    isolated(ctx, isolation, inputs, None, False, extra_read_only=files(policy, terms, review, password_file))
    loaded = review_file.load(review) if review is not None else None
    reporter = Reporter(quiet=quiet, verbose=verbose)
    with reporter:
        results = run_verify(
            inputs, _settings(lang, dpi, jobs, limits, password_file), pol, loaded, reporter.start, reporter.advance
        )
    failed = 0
    for res in results:
        if res.problems:
            failed += 1
            for problem in res.problems:
                sys.stderr.write(f"sandbox: verify: {res.file}: {problem}\n")
        elif not quiet:
            sys.stderr.write(f"{res.file}: ok\n")
        for warning in res.warnings:
            sys.stderr.write(f"sandbox: verify: warning: {res.file}: {warning}\n")
    raise typer.Exit(int(ExitCode.VERIFY) if failed else 0)
