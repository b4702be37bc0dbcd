"""``sandbox convert`` and ``sandbox sanitize``: local format conversion."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandbox import formats
from sandbox.cli.common import (
    DEFAULT_JOBS,
    AllowEmptyOpt,
    EngineOpt,
    ForceOpt,
    Inputs,
    IsolationOpt,
    JobsOpt,
    JsonSummaryOpt,
    LimitOpt,
    NoSpaceCheckOpt,
    OptimizeOpt,
    PasswordFileOpt,
    QuietOpt,
    ResumeOpt,
    ShardOpt,
    VerboseOpt,
    handles_errors,
    load_limits,
    read_password,
)
from sandbox.config import DEFAULT_DPI
from sandbox.isolation import Mode

if TYPE_CHECKING:
    from sandbox.config import OcrSettings
    from sandbox.convert.options import ConvertOptions
    from sandbox.request import Display

Output = Annotated[
    Path, typer.Option("-o", "--output", help="Output directory, or a file (its extension chooses the format).")
]


def _run(
    inputs: list[str],
    output: Path,
    opts: ConvertOptions,
    settings: OcrSettings,
    display: Display,
    force: bool,
    isolation: Mode,
    shard: str | None = None,
    resume: bool = False,
    space_check: bool = True,
) -> None:
    from sandbox import formats, preflight
    from sandbox.cli import launch
    from sandbox.convert.options import resolve_target
    from sandbox.convert.targets import output_is_file
    from sandbox.request import Request, Target, absolute, checked, with_batch

    target = Target(output.absolute(), output_is_file(output))  # file or folder: decided once, here
    kind, _ = resolve_target(opts, target.path, target.is_file)  # target usage errors before isolation
    request = Request("convert", absolute(inputs), settings, isolation, target, force, display, convert=opts)
    reads = kind in formats.read_targets() or (opts.ocr and kind == "pdf")  # -l matters only then
    request = with_batch(checked(request, reads), shard, resume)
    preflight.check(request, [kind], space=space_check)  # before any page is read
    raise typer.Exit(launch.run(request))


@handles_errors
def convert(
    inputs: Inputs,
    output: Output,
    to: Annotated[str | None, typer.Option("--to", "-t", help=f"{', '.join(formats.convert_targets())}.")] = None,
    pages: Annotated[str | None, typer.Option(help="Pages to use, e.g. 1-3,7 or 5-.")] = None,
    dpi: Annotated[
        int | None,
        typer.Option(
            help=f"Rendering DPI for PDF pages [default: {DEFAULT_DPI}; --sanitize: each page's own].", min=50, max=1200
        ),
    ] = None,
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
    optimize: OptimizeOpt = 1,
    json_summary: JsonSummaryOpt = False,
    shard: ShardOpt = None,
    resume: ResumeOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
    allow_empty: AllowEmptyOpt = False,
    no_space_check: NoSpaceCheckOpt = False,
) -> None:
    """Convert locally: PDF ↔ images, images → PDF, scan → DOCX/XLSX/HTML/Markdown/searchable PDF, page operations."""
    from sandbox.config import OcrSettings
    from sandbox.convert import targets
    from sandbox.convert.options import PAGE_SIZES, ConvertOptions
    from sandbox.errors import UsageError
    from sandbox.request import Display

    if rotate % 90:
        raise UsageError("--rotate: give 90, 180 or 270")
    if page_size and page_size.lower() not in PAGE_SIZES:
        raise UsageError(f"--page-size: choose from {', '.join(PAGE_SIZES)}")
    opts = ConvertOptions(
        target=to, pages=targets.parse_pages(pages), gray=gray, single_file=single_file, page_size=page_size,
        keep_metadata=keep_metadata, sanitize=sanitize, ocr=ocr, split=split, rotate=rotate % 360,
        native_dpi=dpi is None,
    )  # fmt: skip
    settings = OcrSettings(
        lang=lang, dpi=dpi or DEFAULT_DPI, jobs=jobs, limits=load_limits(limit),
        password=read_password(None, password_file), engine=engine, optimize=optimize,
    )  # fmt: skip
    display = Display(quiet, verbose, json_summary, allow_empty)
    _run(inputs, output, opts, settings, display, force, isolation, shard, resume, not no_space_check)


@handles_errors
def sanitize(
    inputs: Inputs,
    output: Output,
    ocr: Annotated[bool, typer.Option("--ocr", help="Add a fresh text layer read from the pixels.")] = False,
    dpi: Annotated[
        int | None,
        typer.Option(
            help="Resolution of the rebuilt pages [default: each page's own; 300 without pictures].", min=50, max=600
        ),
    ] = None,
    lang: Annotated[str, typer.Option("-l", "--lang", help="OCR languages for --ocr.")] = "eng",
    jobs: JobsOpt = DEFAULT_JOBS,
    force: ForceOpt = False,
    quiet: QuietOpt = False,
    limit: LimitOpt = None,
    password_file: PasswordFileOpt = None,
    verbose: VerboseOpt = False,
    optimize: OptimizeOpt = 1,
    json_summary: JsonSummaryOpt = False,
    isolation: IsolationOpt = Mode.AUTO,
    allow_empty: AllowEmptyOpt = False,
    no_space_check: NoSpaceCheckOpt = False,
) -> None:
    """Rebuild any PDF or image as a pixel-only PDF: no text, scripts, forms, links, files or metadata."""
    from sandbox.config import OcrSettings
    from sandbox.convert.options import ConvertOptions
    from sandbox.request import Display

    settings = OcrSettings(
        lang=lang, dpi=dpi or DEFAULT_DPI, jobs=jobs, limits=load_limits(limit),
        password=read_password(None, password_file), optimize=optimize,
    )  # fmt: skip
    opts = ConvertOptions(target="pdf", sanitize=True, ocr=ocr, native_dpi=dpi is None)
    display = Display(quiet, verbose, json_summary, allow_empty)
    _run(inputs, output, opts, settings, display, force, isolation, space_check=not no_space_check)
