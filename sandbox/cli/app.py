"""The typer application ``sandbox``.  Commands import their heavy modules lazily so that
``sandbox --help`` stays fast."""

from __future__ import annotations

import typer

from sandbox.cli.batch import report
from sandbox.cli.convert import convert, sanitize
from sandbox.cli.doctor import doctor
from sandbox.cli.langs import langs
from sandbox.cli.ocr import ocr
from sandbox.cli.redact import flag, redact, verify
from sandbox.cli.serve import serve
from sandbox.cli.watch import watch

app = typer.Typer(
    name="sandbox",
    help="Offline OCR, text extraction and format conversion for confidential scans.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # a traceback must never print document text
    add_completion=False,
    rich_markup_mode=None,  # plain click usage errors: short, no boxes
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("ocr")(ocr)
app.command("langs")(langs)
app.command("convert")(convert)
app.command("sanitize")(sanitize)
app.command("flag")(flag)
app.command("redact")(redact)
app.command("verify")(verify)
app.command("doctor")(doctor)
app.command("report")(report)
app.command("watch")(watch)
app.command("serve")(serve)


def main() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold page pixels
    app()
