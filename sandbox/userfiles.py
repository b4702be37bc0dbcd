"""Reading the small files a user hands over (policy, config, review): one place for the
errors, which name the file and never echo its content."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sandbox.errors import UsageError

Why = Callable[[Exception], str]  # the cause of a parse error, in words that never quote the file


def _parsed(path: Path, what: str, parse: Callable[[str], Any], error: type[ValueError], why: Why) -> Any:
    """``parse`` of the file's UTF-8 text.

    Raises ``UsageError`` naming the file and ``what`` it is: not found, or, for ``error`` and a
    file that is not UTF-8, ``why(exc)`` (which must not quote the content).
    """
    try:
        return parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path.name}: {what} not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path.name}: a folder, not a {what}; give the {what} itself") from None
    except (NotADirectoryError, PermissionError) as exc:
        cause = "a part of its path is a file, not a folder" if isinstance(exc, NotADirectoryError) else "not readable"
        raise UsageError(f"{path.name}: {what} cannot be opened ({cause}); check the path") from None
    except (error, UnicodeDecodeError) as exc:
        raise UsageError(f"{path.name}: {why(exc)}") from None


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML file as a table; raises ``UsageError`` (file name, what it is, why) when it is missing or not
    valid TOML.
    """
    import tomllib  # only where a TOML file is read: a run without a config file never loads it

    table: dict[str, Any] = _parsed(
        path, what, tomllib.loads, tomllib.TOMLDecodeError, lambda exc: f"not a valid TOML {what} ({exc})"
    )
    return table


def read_json(path: Path, what: str) -> Any:
    """The JSON file's value; raises ``UsageError`` (file name, what it is, kind of error, never content) when it is
    missing or not valid JSON.
    """
    return _parsed(
        path, what, json.loads, json.JSONDecodeError, lambda exc: f"not a valid {what} ({type(exc).__name__})"
    )
