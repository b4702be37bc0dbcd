"""``sandbox langs``: the Tesseract languages installed here."""

from __future__ import annotations

from typing import Annotated

import typer

from sandbox.cli.common import handles_errors


@handles_errors
def langs(
    formats: Annotated[
        bool, typer.Option("--formats", help="List the input formats instead, and how each is read.")
    ] = False,
) -> None:
    """List installed OCR languages and the Debian package that provides each (--formats: input formats)."""
    if formats:
        from sandbox.extract import INPUT_FORMATS

        for name, how in INPUT_FORMATS:
            typer.echo(f"{name}\t{how}")
        return
    from sandbox.engines import tesseract

    for lang in tesseract.languages():
        typer.echo(f"{lang}\t{tesseract.apt_package(lang)}")
