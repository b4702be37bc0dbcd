"""Run a request where isolation holds: here, or once more inside bubblewrap.

``run(request)`` is the last step of every command that touches documents.  When the work
must move into the sandbox, the request is serialised into the private work directory, the
sandboxed process (``python -m sandbox.cli.inner FILE``) loads the very same object, the
staged outputs are moved into place and the sandboxed run's exit code is returned.
Otherwise the request is carried out here (in a network-less container, or with
``--isolation none``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sandbox import isolation, netguard
from sandbox.errors import ExitCode
from sandbox.request import Request, dumps


def here(request: Request) -> int:
    """Carry the request out in this process (already isolated, or isolation declined)."""
    from sandbox.cli.execute import execute

    netguard.install()
    staged = os.environ.get(isolation.STAGING_ENV)
    return execute(request, Path(staged) if staged else None)


def run(request: Request) -> int:
    decision = isolation.decide(request.isolation)
    if decision.warning:
        sys.stderr.write(decision.warning + "\n")
    if not decision.launch:
        return here(request)

    from sandbox.workdir import private_workdir

    target = request.output
    read_only = isolation.binds_for([i for i in request.inputs if i != "-"])
    view = None
    if target is not None and target.folder.is_dir():  # seen read-only, elsewhere, to refuse overwrites early
        view = (target.folder, Path(isolation.OUTDIR_VIEW))
    with private_workdir() as work:
        saved = work / "request.json"
        saved.write_text(dumps(request), encoding="utf-8")
        saved.chmod(0o400)  # the password of encrypted PDFs may be in it
        staging = work / "staging"
        staging.mkdir(mode=0o700)  # inside, our uid maps to the sandbox user: it may write here
        command = [sys.executable, "-m", "sandbox.cli.inner", str(saved)]
        try:
            code = isolation.run_inside(command, [*read_only, saved], staging if target is not None else None, view)
        except KeyboardInterrupt:
            return int(ExitCode.INTERRUPTED)
        if target is not None and code != ExitCode.INTERRUPTED:
            isolation.promote(staging, target.folder, request.force)
    return code
