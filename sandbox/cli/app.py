"""The typer application ``sandbox``.

Commands import their heavy modules lazily so that ``sandbox --help`` stays fast, and a run of
one command builds the application with that command alone: typer inspects every registered
command's signature when it starts, ~25 ms for all eleven that one run does not need.
"""

from __future__ import annotations

import sys
from functools import cache

import typer

from sandbox.cli.commands import COMMANDS, cli_function

HELP = "Offline OCR, text extraction and format conversion for confidential scans."


def _group() -> None:
    """The group a one-command application stays (its help is :data:`HELP`)."""


@cache
def build(only: str | None = None) -> typer.Typer:
    """The application with every command, or with ``only`` that one (still a group, so that
    its usage and errors read ``sandbox NAME …`` as they do in the full application)."""
    from sandbox.errors import exit_code_table

    epilog = exit_code_table()
    cli = typer.Typer(
        name="sandbox",
        help=HELP,
        epilog=epilog,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,  # a traceback must never print document text
        add_completion=False,
        rich_markup_mode=None,  # plain click usage errors: short, no boxes
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    if only is not None:
        cli.callback()(_group)  # one command and no callback would make the app that command
    for name in COMMANDS:  # the registry: sandbox.cli.commands
        if only in (None, name):
            cli.command(name, epilog=epilog)(cli_function(name))
    return cli


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole application (tests, typer's runner)
        return build()
    raise AttributeError(name)


def main() -> None:
    """The ``sandbox`` console script: no core dumps (they would hold page pixels), then only the command asked for is
    built and run.
    """
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a core dump would hold page pixels
    command = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] in COMMANDS else None
    build(command)()
