"""``sandbox langs``: the Tesseract languages installed here."""

from __future__ import annotations

import typer

from sandbox.cli.common import handles_errors


@handles_errors
def langs() -> None:
    """List installed OCR languages and the Debian package that provides each."""
    from sandbox.engines import tesseract

    for lang in tesseract.languages():
        typer.echo(f"{lang}\t{tesseract.apt_package(lang)}")
