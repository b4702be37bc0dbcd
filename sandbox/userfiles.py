"""Reading the small files a user hands over (policy, config, review): one place for the
errors, which name the file and never echo its content."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from sandbox.errors import UsageError


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML file as a table; raises ``UsageError`` (file name, what it is, why) when it is missing or not valid
    TOML.
    """
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path.name}: {what} not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path.name}: not a valid TOML {what} ({exc})") from None


def read_json(path: Path, what: str) -> Any:
    """The JSON file's value; raises ``UsageError`` (file name, what it is, kind of error, never content) when it is
    missing or not valid JSON.
    """
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path.name}: {what} not found") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path.name}: not a valid {what} ({type(exc).__name__})") from None
