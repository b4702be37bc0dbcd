"""The sandboxed side of a launch: load the serialised request and carry it out (no typer:
nothing to parse, and a faster start)."""

from __future__ import annotations

import sys
from pathlib import Path

from sandbox.cli.failures import Finished, reported


def main(argv: list[str]) -> int:
    from sandbox.cli import launch
    from sandbox.errors import IsolationError
    from sandbox.isolation import inside_sandbox
    from sandbox.request import loads

    try:
        with reported():
            if not inside_sandbox():  # only the launcher starts this module, inside bubblewrap
                raise IsolationError("sandbox.cli.inner runs only inside the sandbox the launcher builds")
            return launch.here(loads(Path(argv[0]).read_bytes()))
    except Finished as done:
        return done.code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
