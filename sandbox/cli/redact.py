"""``sandbox flag``, ``sandbox redact`` and ``sandbox verify``: the redaction workflow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandbox.cli import common
from sandbox.cli.common import handles_errors, option_groups, split_list
from sandbox.config import DEFAULT_DPI

if TYPE_CHECKING:
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


@handles_errors
@option_groups
def flag(
    inputs: common.Inputs,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Review file to write (JSON; CONFIDENTIAL).", dir_okay=False)
    ],
    *,
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    highlights: HighlightsOpt = False,
    codes: CodesOpt = "check",
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    run: common.RunOptions,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing review file.")] = False,
) -> None:
    """Find sensitive text and write a review file to check before redacting.

    Office documents, HTML and text files are printed to pages by LibreOffice first: what is
    flagged is found in their own text and placed on those pages (e-mail and EPUB: no)."""
    from sandbox.cli import launch
    from sandbox.request import Request, Target, absolute, checked, redact_options

    pol = _policy(policy, terms, highlights)  # a bad policy is a usage error before isolation
    target = Target(output.absolute(), is_file=True)
    request = Request(
        "flag", absolute(inputs), run.settings(lang, dpi), run.isolation, target, force, run.display(), policy=pol,
        redact=redact_options(["pdf"], codes=codes),
    )  # fmt: skip
    raise typer.Exit(launch.run(checked(request)))


@handles_errors
@option_groups
def redact(
    inputs: common.Inputs,
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")],
    *,
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
    optimize: common.OptimizeOpt = 1,
    batch: common.BatchOptions,
    views: Annotated[
        str,
        typer.Option("--views", hidden=True, help="all (default) or plain: one reading only, for benchmarks (unsafe)."),
    ] = "all",
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    run: common.RunOptions,
    force: common.ForceOpt = False,
    json_summary: Annotated[
        bool, typer.Option("--json-summary", help="Machine-readable summary on standard output.")
    ] = False,
) -> None:
    """Burn flagged text out of the pixels, rebuild clean outputs, verify, then write.

    Office documents, HTML and text files are printed to pages by LibreOffice first and come
    out as redacted PDFs (e-mail and EPUB: no)."""
    from dataclasses import replace

    from sandbox import preflight
    from sandbox.cli import launch
    from sandbox.redact import review as review_file
    from sandbox.redact.policy import Placeholder
    from sandbox.request import Request, Target, absolute, checked, choose, redact_options

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
        "redact", absolute(inputs), run.settings(lang, dpi, optimize=optimize), run.isolation,
        Target(output.absolute()), force, run.display(json_summary), policy=pol,
        review=review_file.load(review) if review is not None else None, redact=options,
    )  # fmt: skip
    request = batch.apply(checked(request))
    preflight.check(request, [*options.formats, "report"])  # before any page is read
    raise typer.Exit(launch.run(request))


@handles_errors
@option_groups
def verify(
    inputs: common.Inputs,
    *,
    policy: PolicyOpt = None,
    terms: TermsOpt = None,
    review: Annotated[
        Path | None, typer.Option("--review", help="Check that this review's redactions hold.", dir_okay=False)
    ] = None,
    lang: LangOpt = "eng",
    dpi: DpiOpt = DEFAULT_DPI,
    run: common.RunOptions,
) -> None:
    """Check any files: nothing the policy, terms or review flag may be recoverable (exit 9 if so)."""
    from sandbox.cli import launch
    from sandbox.redact import review as review_file
    from sandbox.request import Request, absolute, checked

    request = Request(
        "verify", absolute(inputs), run.settings(lang, dpi), run.isolation,
        display=run.display(), policy=_policy(policy, terms, False),
        review=review_file.load(review) if review is not None else None,
    )  # fmt: skip
    raise typer.Exit(launch.run(checked(request)))
