"""Run a processing command where isolation holds: here, or re-run inside bubblewrap.

``isolated(ctx, …)`` is called first by every command that touches documents.  When the
command must move into the sandbox, it rebuilds the command line from the parsed options
(inputs and output made absolute), runs it inside bubblewrap, moves the staged outputs into
place and exits with the sandboxed run's code.  Otherwise it returns the directory to write
outputs to (the staging directory inside the sandbox, else ``None``: write in place).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from sandbox import isolation, netguard
from sandbox.errors import ExitCode


def _rebuild(ctx: typer.Context, path_params: tuple[str, ...]) -> list[str]:
    args: list[str] = []
    positional: list[str] = []
    for param in ctx.command.params:
        name = param.name or ""
        value: Any = ctx.params.get(name)
        if value is None or name == "isolation":
            continue
        if param.param_type_name == "argument":
            items = value if isinstance(value, list | tuple) else [value]
            positional += isolation.absolute_inputs([str(v) for v in items])
            continue
        opt = max(param.opts, key=len)
        if getattr(param, "is_flag", False):
            if value:
                args.append(opt)
            continue
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            text = os.path.abspath(str(item)) if name in path_params else str(item)
            args += [opt, text]
    return [ctx.command.name or "", *args, "--", *positional]


def isolated(
    ctx: typer.Context,
    mode: isolation.Mode,
    inputs: list[str],
    outdir: Path | None,
    force: bool,
    path_params: tuple[str, ...] = ("output", "policy", "terms", "review", "password_file"),
    extra_read_only: tuple[Path, ...] = (),
) -> Path | None:
    decision = isolation.decide(mode)
    if decision.warning:
        sys.stderr.write(decision.warning + "\n")
    if not decision.launch:
        netguard.install()
        staged = os.environ.get(isolation.STAGING_ENV)
        return Path(staged) if staged else None

    from sandbox.workdir import private_workdir

    command = [sys.executable, "-m", "sandbox", *_rebuild(ctx, path_params)]
    read_only = isolation.binds_for(isolation.absolute_inputs(inputs)) + list(extra_read_only)
    view = None
    if outdir is not None and outdir.is_dir():  # seen read-only, elsewhere, to refuse overwrites early
        view = (outdir.resolve(), Path(isolation.OUTDIR_VIEW))
    with private_workdir() as work:
        staging = work / "staging"
        staging.mkdir(mode=0o700)  # inside, our uid maps to the sandbox user: it may write here
        try:
            code = isolation.run_inside(command, read_only, staging if outdir is not None else None, view)
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        if outdir is not None and code != ExitCode.INTERRUPTED:
            isolation.promote(staging, outdir.resolve(), force)
    raise typer.Exit(code)
