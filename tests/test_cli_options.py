"""Issue 29: the options every reading command shares are declared once (``cli.common.RunOptions``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sandbox.cli.common import RUN_DEFAULTS, Inputs, RunOptions, run_options
from sandbox.isolation import Mode

runner = CliRunner()


def test_typer_sees_each_shared_option_and_the_command_gets_one_frozen_object(tmp_path: Path) -> None:
    seen: list[tuple[list[str], RunOptions, bool]] = []

    @run_options
    def toy(inputs: Inputs, run: RunOptions = RUN_DEFAULTS, force: bool = False) -> None:
        seen.append((inputs, run, force))

    app = typer.Typer()
    app.command()(toy)
    app.command("other")(lambda: None)  # two commands: typer keeps the command name
    password = tmp_path / "password"
    password.write_text("secret\nignored\n")
    args = ["toy", "a.pdf", "-j", "3", "-q", "--limit", "max-pages=5", "--password-file", str(password)]
    result = runner.invoke(app, [*args, "--isolation", "none", "--force"])
    assert result.exit_code == 0, result.output
    [(inputs, run, force)] = seen
    assert (inputs, force) == (["a.pdf"], True)
    assert run == RunOptions(jobs=3, quiet=True, limit=["max-pages=5"], password_file=password, isolation=Mode.NONE)
    settings = run.settings("eng", 300, optimize=2)
    assert (settings.jobs, settings.limits.max_pages, settings.password, settings.optimize) == (3, 5, "secret", 2)
    with pytest.raises(AttributeError):
        run.jobs = 1  # type: ignore[misc]


def test_a_command_without_the_parameter_is_refused_at_import() -> None:
    def plain(inputs: Inputs) -> None: ...

    with pytest.raises(TypeError, match="plain has no RunOptions parameter"):
        run_options(plain)
