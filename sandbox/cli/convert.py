"""``sandbox convert`` and ``sandbox sanitize``: local format conversion."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sandbox import formats
from sandbox.cli import common
from sandbox.cli.common import handles_errors, option_groups
from sandbox.config import DEFAULT_DPI

if TYPE_CHECKING:
    from sandbox.config import OcrSettings
    from sandbox.convert.options import ConvertOptions
    from sandbox.isolation import Mode
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
    batch: common.BatchOptions | None = None,
    space_check: bool = True,
) -> None:
    from sandbox import formats, preflight
    from sandbox.cli import launch
    from sandbox.convert.options import resolve_target
    from sandbox.convert.targets import output_is_file
    from sandbox.request import Request, Target, absolute, checked

    target = Target(output.absolute(), output_is_file(output))  # file or folder: decided once, here
    kind, _ = resolve_target(opts, target.path, target.is_file)  # target usage errors before isolation
    request = Request("convert", absolute(inputs), settings, isolation, target, force, display, convert=opts)
    reads = kind in formats.read_targets() or (opts.ocr and kind == "pdf")  # -l matters only then
    request = checked(request, reads)
    request = batch.apply(request) if batch is not None else request
    preflight.check(request, [kind], space=space_check)  # before any page is read
    raise typer.Exit(launch.run(request))


@handles_errors
@option_groups
def convert(
    inputs: common.Inputs,
    output: Output,
    *,
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
    run: common.RunOptions,
    force: common.ForceOpt = False,
    engine: common.EngineOpt = "auto",
    optimize: common.OptimizeOpt = 1,
    json_summary: common.JsonSummaryOpt = False,
    batch: common.BatchOptions,
    allow_empty: common.AllowEmptyOpt = False,
    no_space_check: common.NoSpaceCheckOpt = False,
) -> None:
    """Convert locally: PDF ↔ images, images → PDF, scan → DOCX/XLSX/HTML/Markdown/searchable PDF, page operations.

    Office documents, HTML, EPUB, e-mail, CSV and text → DOCX/XLSX/HTML/Markdown/TXT are read as they are."""
    from sandbox.convert import targets
    from sandbox.convert.options import PAGE_SIZES, ConvertOptions
    from sandbox.errors import UsageError

    if rotate % 90:
        raise UsageError("--rotate: give 90, 180 or 270")
    if page_size and page_size.lower() not in PAGE_SIZES:
        raise UsageError(f"--page-size: choose from {', '.join(PAGE_SIZES)}")
    opts = ConvertOptions(
        target=to, pages=targets.parse_pages(pages), gray=gray, single_file=single_file, page_size=page_size,
        keep_metadata=keep_metadata, sanitize=sanitize, ocr=ocr, split=split, rotate=rotate % 360,
        native_dpi=dpi is None,
    )  # fmt: skip
    settings = run.settings(lang, dpi or DEFAULT_DPI, engine=engine, optimize=optimize)
    display = run.display(json_summary, allow_empty)
    _run(inputs, output, opts, settings, display, force, run.isolation, batch, not no_space_check)


@handles_errors
@option_groups
def sanitize(
    inputs: common.Inputs,
    output: Output,
    *,
    ocr: Annotated[bool, typer.Option("--ocr", help="Add a fresh text layer read from the pixels.")] = False,
    dpi: Annotated[
        int | None,
        typer.Option(
            help="Resolution of the rebuilt pages [default: each page's own; 300 without pictures].", min=50, max=600
        ),
    ] = None,
    lang: Annotated[str, typer.Option("-l", "--lang", help="OCR languages for --ocr.")] = "eng",
    run: common.RunOptions,
    force: common.ForceOpt = False,
    optimize: common.OptimizeOpt = 1,
    json_summary: common.JsonSummaryOpt = False,
    allow_empty: common.AllowEmptyOpt = False,
    no_space_check: common.NoSpaceCheckOpt = False,
) -> None:
    """Rebuild any PDF or image as a pixel-only PDF: no text, scripts, forms, links, files or metadata."""
    from sandbox.convert.options import ConvertOptions

    settings = run.settings(lang, dpi or DEFAULT_DPI, optimize=optimize)
    opts = ConvertOptions(target="pdf", sanitize=True, ocr=ocr, native_dpi=dpi is None)
    display = run.display(json_summary, allow_empty)
    _run(inputs, output, opts, settings, display, force, run.isolation, space_check=not no_space_check)
