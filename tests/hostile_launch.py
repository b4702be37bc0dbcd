"""Test fixture: the real ``sandbox`` CLI with the sandboxed program replaced by
tests/hostile_inner.py.  ``python tests/hostile_launch.py MODE[:ARG] -- CLI ARGS``.

Everything else — request, isolation decision, bubblewrap, seccomp, staging, journal keeper,
promotion, exit codes — is the shipped launcher's own code.
"""

from __future__ import annotations

import sys
from pathlib import Path

HOSTILE = Path(__file__).resolve().with_name("hostile_inner.py")


def main() -> None:
    mode = sys.argv[1]
    args = sys.argv[sys.argv.index("--") + 1 :]
    from sandbox.cli import app, launch

    def hostile(saved: Path) -> tuple[list[str], list[Path]]:
        return [sys.executable, str(HOSTILE), mode, str(saved)], [saved, HOSTILE]

    launch.inner_command = hostile
    sys.argv = ["sandbox", *args]
    app.main()


if __name__ == "__main__":
    main()
