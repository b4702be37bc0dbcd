"""The one runner for external programs (poppler, qpdf, LibreOffice, bubblewrap, …).

``run_tool`` turns a missing program, a timeout or a failure exit into a typed error that
names the file (and page) as fields and in its one-line message, so no caller can mistake a
tool that failed for a tool that found nothing.  Two calls do not come here: Tesseract
runs through pytesseract or its C API (:mod:`sandbox.engines.tesseract` maps its failures the
same way) and pdftoppm for conversion through pdf2image (:func:`sandbox.poppler.render_page`;
reading and redaction stream pages through ``run_tool``); the sandboxed run itself
(:func:`sandbox.isolation.run_inside`) is a ``Popen`` because it shares the terminal.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping, Sequence

from sandbox.errors import LimitError, MissingToolError, PageError

APT_HINT = "install it (Debian: bash scripts/bootstrap.sh installs everything the project needs)"


def _where(file: str | None, page: int | None) -> str:
    """``name page 3: `` (page 0-based in, 1-based out), ``name: ``, or nothing."""
    if file is None:
        return ""
    return f"{file} page {page + 1}: " if page is not None else f"{file}: "


def _lifetime() -> Callable[[], None] | None:
    """Outside the sandbox a program dies with the process that started it (inside, the
    sandbox's PID namespace ends them all; there the faster spawn without a hook is kept)."""
    if os.environ.get("SANDBOX_INSIDE") == "1":
        return None
    from sandbox.lifetime import die_with_parent_of

    return die_with_parent_of(os.getpid())


def run_tool(
    argv: Sequence[str],
    *,
    timeout: float,
    what: str,
    file: str | None = None,
    page: int | None = None,
    check: bool = True,
    env: Mapping[str, str] | None = None,
    stdin: bytes | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``argv`` with captured output; ``what`` names the step in messages ("text extraction").

    Raises :class:`MissingToolError` when the program is absent, :class:`LimitError` after
    ``timeout`` seconds (the process is killed), and with ``check`` a :class:`PageError` for a
    non-zero exit status.  Without ``check`` the caller reads ``returncode`` itself.
    """
    prefix = _where(file, page)
    try:
        proc = subprocess.run(
            list(argv), capture_output=True, timeout=timeout, check=False,
            env=dict(env) if env is not None else None, input=stdin, preexec_fn=_lifetime(),
        )  # fmt: skip
    except FileNotFoundError:
        raise MissingToolError(f"{argv[0]} is not installed; {APT_HINT}", file=file, page=page) from None
    except subprocess.TimeoutExpired:
        msg = f"{prefix}{what} took longer than {timeout:g} s and was stopped"
        raise LimitError(msg, file=file, page=page) from None
    if check and proc.returncode != 0:
        name = argv[0].rsplit("/", 1)[-1]
        raise PageError(f"{prefix}{what} failed ({name} exit status {proc.returncode})", file=file, page=page)
    return proc
