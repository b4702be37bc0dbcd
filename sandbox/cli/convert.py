"""``sandbox convert`` and ``sandbox sanitize``: local format conversion."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sandbox.cli.common import (
    DEFAULT_JOBS,
    EngineOpt,
    ForceOpt,
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
)
from sandbox.cli.launch import isolated
from sandbox.config import DEFAULT_DPI
from sandbox.isolation import Mode

if TYPE_CHECKING:
    from sandbox.convert.run import ConvertOptions

OutputKind = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here
    typer.Option("--output-kind", hidden=True, help="file or dir: how -o was understood (set by the launcher)."),
]
Output = Annotated[
    Path, typer.Option("-o", "--output", help="Output directory, or a file (its extension chooses the format).")
]


def _run(
    ctx: typer.Context,
    inputs: list[str],
    output: Path,
    opts: ConvertOptions,
    lang: str,
    dpi: int,
    jobs: int,
    force: bool,
    quiet: bool,
    isolation: Mode,
    limit: list[str] | None,
    password_file: Path | None,
    verbose: bool,
    output_kind: str | None,
    engine: str = "auto",
) -> None:
    from sandbox.cli.report import Reporter
    from sandbox.config import OcrSettings
    from sandbox.convert.run import resolve_target, run_convert
    from sandbox.convert.targets import output_is_file

    limits = resolve_limits(ctx, limit)
    if output_kind is None:  # decided here, before isolation; the sandboxed run is told, not left to guess
        output_kind = "file" if output_is_file(output) else "dir"
        ctx.params["output_kind"] = output_kind
    outdir = output.parent if output_kind == "file" else output
    resolve_target(opts, output, output_kind == "file")  # target usage errors before isolation
    write_dir = isolated(ctx, isolation, inputs, outdir, force, extra_read_only=files(password_file))
    settings = OcrSettings(
        lang=lang, dpi=dpi, jobs=jobs, limits=limits, password=read_password(None, password_file), engine=engine
    )
    reporter = Reporter(quiet=quiet, verbose=verbose)
    with reporter:
        summary = run_convert(
            inputs,
            settings,
            output.absolute(),
            opts,
            out_is_file=output_kind == "file",
            force=force,
            write_dir=write_dir,
            stdin=sys.stdin.buffer,
            on_start=reporter.start,
            on_page=reporter.advance,
        )
    reporter.report(summary, outdir)
    raise typer.Exit(summary.exit_code)


@handles_errors
def convert(
    ctx: typer.Context,
    inputs: Inputs,
    output: Output,
    to: Annotated[
        str | None, typer.Option("--to", "-t", help="pdf, png, jpeg, tiff, webp, bmp, docx, md, txt.")
    ] = None,
    pages: Annotated[str | None, typer.Option(help="Pages to use, e.g. 1-3,7 or 5-.")] = None,
    dpi: Annotated[int, typer.Option(help="Rendering DPI for PDF pages.", min=50, max=1200)] = DEFAULT_DPI,
    gray: Annotated[bool, typer.Option("--gray", help="Grayscale images.")] = False,
    single_file: Annotated[bool, typer.Option("--single-file", help="PDF → TIFF: one multi-page TIFF.")] = False,
    page_size: Annotated[str | None, typer.Option(help="Images → PDF: fit pages into a4, letter, a3 or legal.")] = None,
    split: Annotated[bool, typer.Option("--split", help="PDF → one PDF per page.")] = False,
    rotate: Annotated[int, typer.Option(help="Rotate the (selected) pages by 90, 180 or 270 degrees.")] = 0,
    ocr: Annotated[bool, typer.Option("--ocr", help="PDF output: add a text layer read from the pixels.")] = False,
    sanitize: Annotated[
        bool, typer.Option("--sanitize", help="Pixel-only PDF, nothing of the source's structure.")
    ] = False,
    keep_metadata: Annotated[
        bool, typer.Option("--keep-metadata", help="Keep the source's metadata (off: stripped).")
    ] = False,
    lang: Annotated[str, typer.Option("-l", "--lang", help="OCR languages for docx, md, txt and --ocr.")] = "eng",
    jobs: JobsOpt = DEFAULT_JOBS,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    engine: EngineOpt = "auto",
    isolation: IsolationOpt = Mode.AUTO,
    output_kind: OutputKind = None,
) -> None:
    """Convert locally: PDF ↔ images, images → PDF, scan → DOCX/Markdown/searchable PDF, page operations."""
    from sandbox.convert import targets
    from sandbox.convert.images import PAGE_SIZES
    from sandbox.convert.run import ConvertOptions
    from sandbox.engines import base
    from sandbox.errors import UsageError

    engine = base.check(engine)
    if rotate % 90:
        raise UsageError("--rotate: give 90, 180 or 270")
    if page_size and page_size.lower() not in PAGE_SIZES:
        raise UsageError(f"--page-size: choose from {', '.join(PAGE_SIZES)}")
    opts = ConvertOptions(
        target=to, pages=targets.parse_pages(pages), gray=gray, single_file=single_file, page_size=page_size,
        keep_metadata=keep_metadata, sanitize=sanitize, ocr=ocr, split=split, rotate=rotate % 360,
    )  # fmt: skip
    _run(
        ctx, inputs, output, opts, lang, dpi, jobs, force, quiet, isolation, limit, password_file, verbose, output_kind,
        engine,
    )  # fmt: skip


@handles_errors
def sanitize(
    ctx: typer.Context,
    inputs: Inputs,
    output: Output,
    ocr: Annotated[bool, typer.Option("--ocr", help="Add a fresh text layer read from the pixels.")] = False,
    dpi: Annotated[int, typer.Option(help="Resolution of the rebuilt pages.", min=50, max=600)] = DEFAULT_DPI,
    lang: Annotated[str, typer.Option("-l", "--lang", help="OCR languages for --ocr.")] = "eng",
    jobs: JobsOpt = DEFAULT_JOBS,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
    output_kind: OutputKind = None,
) -> None:
    """Rebuild any PDF or image as a pixel-only PDF: no text, scripts, forms, links, files or metadata."""
    from sandbox.convert.run import ConvertOptions

    _run(
        ctx,
        inputs,
        output,
        ConvertOptions(target="pdf", sanitize=True, ocr=ocr),
        lang,
        dpi,
        jobs,
        force,
        quiet,
        isolation,
        limit,
        password_file,
        verbose,
        output_kind,
    )
