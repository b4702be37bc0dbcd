"""``sandbox ocr``: scans and PDFs to text, JSON, hOCR and searchable PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sandbox import formats
from sandbox.cli import common
from sandbox.cli.common import handles_errors, option_groups, split_list
from sandbox.config import DEFAULT_DPI


@handles_errors
@option_groups
def ocr(
    inputs: common.Inputs,
    *,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Output directory; without it text goes to standard output."),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to", "-t", help=f"Output formats: {', '.join(formats.ocr_formats())} (repeat or comma-separate)."
        ),
    ] = None,
    lang: Annotated[
        str, typer.Option("-l", "--lang", help="Tesseract languages, e.g. eng, chi_sim+eng, or auto (by script).")
    ] = "eng",
    dpi: Annotated[
        int, typer.Option(help="Rendering DPI for PDF pages; assumed DPI of images that carry none.", min=50, max=1200)
    ] = DEFAULT_DPI,
    force_ocr: Annotated[
        bool, typer.Option("--force-ocr", help="OCR every PDF page, even those with a text layer.")
    ] = False,
    run: common.RunOptions,
    force: common.ForceOpt = False,
    json_summary: Annotated[
        bool, typer.Option("--json-summary", help="Print a machine-readable summary to standard output (needs -o).")
    ] = False,
    psm: Annotated[int, typer.Option(help="Tesseract page segmentation mode.", min=0, max=13)] = 3,
    no_rotate: Annotated[bool, typer.Option("--no-rotate", help="Do not turn pages that read badly upright.")] = False,
    no_deskew: Annotated[bool, typer.Option("--no-deskew", help="Do not straighten tilted pages.")] = False,
    no_scale: Annotated[bool, typer.Option("--no-scale", help="Do not enlarge small or low-resolution text.")] = False,
    no_clean: Annotated[bool, typer.Option("--no-clean", help="Do not clean faint or tinted pages.")] = False,
    password: common.PasswordOpt = None,
    engine: common.EngineOpt = "auto",
    optimize: common.OptimizeOpt = 1,
    batch: common.BatchOptions,
    allow_empty: common.AllowEmptyOpt = False,
    no_space_check: common.NoSpaceCheckOpt = False,
) -> None:
    """OCR scans and PDFs into text, JSON (word boxes), hOCR and searchable PDF.

    Word, Excel, PowerPoint, OpenDocument, RTF, HTML, EPUB, e-mail (EML, MSG), CSV/TSV and text files
    are read as they are, no OCR (txt, json, md, html, docx, xlsx; pdf through LibreOffice); sandbox langs
    --formats lists them."""
    from sandbox import preflight
    from sandbox.cli import launch
    from sandbox.config import Steps
    from sandbox.errors import UsageError
    from sandbox.request import Request, Target, absolute, checked
    from sandbox.writers import check_request

    formats = split_list(to) or ["txt"]
    if json_summary and output is None:
        raise UsageError("--json-summary needs -o DIR (standard output carries the text)")
    check_request(formats, output)
    settings = run.settings(
        lang, dpi, password, force_ocr=force_ocr, psm=psm, engine=engine, optimize=optimize,
        steps=Steps(rotate=not no_rotate, deskew=not no_deskew, scale=not no_scale, clean=not no_clean),
    )  # fmt: skip
    request = Request(
        "ocr", absolute(inputs), settings, run.isolation, Target(output.absolute()) if output else None, force,
        run.display(json_summary, allow_empty), tuple(formats),
    )  # fmt: skip
    request = batch.apply(checked(request))  # -l and --engine checked, -l normalised
    preflight.check(request, formats, space=not no_space_check)  # before any page is read
    raise typer.Exit(launch.run(request))
