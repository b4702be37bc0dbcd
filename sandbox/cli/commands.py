"""The commands: one registry, the single source of the application's commands, the order
``--help`` lists them in, and which function carries out a command's request where isolation
holds.  Imports nothing (typer included), so that the sandboxed run can look a runner up.

Adding a command is one module (its typer function; a runner if it processes documents) and
one entry below (see ``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sandbox.request import Request

Runner = Callable[["Request", "Path | None"], int]


@dataclass(frozen=True, slots=True)
class Command:
    """A command: ``cli`` is ``"module:function"``, the typer function (its docstring is the
    command's help); ``runner``, for commands that process documents, is ``"module:function"``
    taking the :class:`~sandbox.request.Request` and the staging directory and returning the
    exit code."""

    name: str
    cli: str
    runner: str | None = None


def _resolve(spec: str) -> Callable[..., object]:
    module, function = spec.split(":")
    found: Callable[..., object] = getattr(importlib.import_module(module), function)
    return found


COMMANDS: dict[str, Command] = {}


def register(command: Command) -> None:
    """Add (or replace) a command; ``--help`` lists commands in the order registered."""
    COMMANDS[command.name] = command


def cli_function(name: str) -> Callable[..., object]:
    """The typer function of the command ``name`` (its module is imported now)."""
    return _resolve(COMMANDS[name].cli)


def runner(name: str) -> Runner:
    """The function that carries out a request of the command ``name``."""
    spec = COMMANDS[name].runner
    if spec is None:
        raise KeyError(f"{name} carries no request")
    found: Runner = _resolve(spec)  # type: ignore[assignment]  # a runner by the registry's contract
    return found


_RUN = "sandbox.cli.execute"
for _command in (
    Command("ocr", "sandbox.cli.ocr:ocr", f"{_RUN}:ocr"),
    Command("langs", "sandbox.cli.langs:langs"),
    Command("convert", "sandbox.cli.convert:convert", f"{_RUN}:convert"),
    Command("sanitize", "sandbox.cli.convert:sanitize"),  # a convert request
    Command("flag", "sandbox.cli.redact:flag", f"{_RUN}:flag"),
    Command("redact", "sandbox.cli.redact:redact", f"{_RUN}:redact"),
    Command("verify", "sandbox.cli.redact:verify", f"{_RUN}:verify"),
    Command("doctor", "sandbox.cli.doctor:doctor"),
    Command("report", "sandbox.cli.batch:report"),
    Command("watch", "sandbox.cli.watch:watch"),
    Command("serve", "sandbox.cli.serve:serve"),
):
    register(_command)
