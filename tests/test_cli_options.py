"""Issue 29: options several commands share are declared once, as option groups (``cli.common``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sandbox.cli.common import BatchOptions, Inputs, RunOptions, option_groups
from sandbox.isolation import Mode

runner = CliRunner()


def test_typer_sees_each_shared_option_and_the_command_gets_one_frozen_object(tmp_path: Path) -> None:
    seen: list[tuple[list[str], RunOptions, bool, BatchOptions]] = []

    @option_groups
    def toy(inputs: Inputs, *, run: RunOptions, force: bool = False, batch: BatchOptions) -> None:
        seen.append((inputs, run, force, batch))

    app = typer.Typer()
    app.command()(toy)
    app.command("other")(lambda: None)  # two commands: typer keeps the command name
    password = tmp_path / "password"
    password.write_text("secret\nignored\n")
    args = ["toy", "a.pdf", "-j", "3", "-q", "--limit", "max-pages=5", "--password-file", str(password)]
    result = runner.invoke(app, [*args, "--isolation", "none", "--force", "--shard", "1/4"])
    assert result.exit_code == 0, result.output
    [(inputs, run, force, batch)] = seen
    assert (inputs, force, batch) == (["a.pdf"], True, BatchOptions(shard="1/4", resume=False))
    assert run == RunOptions(jobs=3, quiet=True, limit=["max-pages=5"], password_file=password, isolation=Mode.NONE)
    settings = run.settings("eng", 300, optimize=2)
    assert (settings.jobs, settings.limits.max_pages, settings.password, settings.optimize) == (3, 5, "secret", 2)
    with pytest.raises(AttributeError):
        run.jobs = 1  # type: ignore[misc]


def test_a_command_without_the_parameter_is_refused_at_import() -> None:
    def plain(inputs: Inputs) -> None: ...

    with pytest.raises(TypeError, match="plain takes no option group"):
        option_groups(plain)


def test_help_lists_the_groups_options_where_the_group_stands() -> None:
    @option_groups
    def toy(inputs: Inputs, *, first: bool = False, run: RunOptions, last: bool = False) -> None: ...

    app = typer.Typer()
    app.command()(toy)
    app.command("other")(lambda: None)
    shown = runner.invoke(app, ["toy", "--help"], env={"COLUMNS": "200"}).output
    order = ["--first", "--jobs", "--quiet", "--limit", "--password-file", "--verbose", "--isolation", "--last"]
    assert [shown.index(option) for option in order] == sorted(shown.index(option) for option in order)
