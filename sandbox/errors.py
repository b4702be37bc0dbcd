"""Exit codes and the exceptions that carry them.

Every failure a user can cause or fix is one of these exceptions; its message is one line
naming the file (short name only), the cause and the fix.  Only the CLI turns them into
exit codes.  Messages never contain document text.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (README.md and docs/user-guide.md, "Exit codes")."""

    OK = 0
    INTERNAL = 1  # a bug: reported in one line, traceback only with SANDBOX_DEBUG=1
    USAGE = 2  # bad command line (typer uses 2 as well)
    INPUT = 3  # an input could not be read or is not a supported type
    MISSING_TOOL = 4  # tesseract, poppler or a language pack is missing
    OUTPUT = 5  # an output exists (no --force) or cannot be written
    PARTIAL = 6  # some files or pages failed, others succeeded
    LIMIT = 7  # an input was refused by a resource limit
    ISOLATION = 8  # network isolation could not be established
    VERIFY = 9  # redaction verification found recoverable content
    INTERRUPTED = 130  # SIGINT / SIGTERM
    BROKEN_PIPE = 141  # standard output closed by its reader (as for SIGPIPE)


MEANINGS = {
    ExitCode.OK: "success",
    ExitCode.INTERNAL: "internal error (a bug)",
    ExitCode.USAGE: "usage error",
    ExitCode.INPUT: "an input cannot be read or a page failed",
    ExitCode.MISSING_TOOL: "a tool or language pack is missing",
    ExitCode.OUTPUT: "an output exists (--force) or cannot be written",
    ExitCode.PARTIAL: "some documents or pages failed (unread pages too), others were written",
    ExitCode.LIMIT: "refused by a limit",
    ExitCode.ISOLATION: "no network isolation",
    ExitCode.VERIFY: "redaction verification found something",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C, SIGTERM)",
}


def exit_code_table() -> str:
    """The short table every --help ends with (docs/user-guide.md has the long one)."""
    rows = [f"  {int(code):>3}  {meaning}" for code, meaning in MEANINGS.items()]
    return "\b\nExit codes:\n" + "\n".join(rows)  # \b: click keeps these lines as they are


class SandboxError(Exception):
    """Base class: a one-line, actionable message plus an exit code."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, file: str | None = None, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file  # the input's short name, when the error is about one
        self.page = page  # 0-based page, when the error is about one

    def __str__(self) -> str:
        return self.message


class UsageError(SandboxError):
    """A bad command line or option value: exit code 2, nothing is read."""

    exit_code = ExitCode.USAGE


class InputError(SandboxError):
    """An input cannot be read, is not a supported type, or a page failed: exit code 3."""

    exit_code = ExitCode.INPUT


class MissingToolError(SandboxError):
    """A required tool, library or language pack is not installed: exit code 4; the message names what to install."""

    exit_code = ExitCode.MISSING_TOOL


class OutputError(SandboxError):
    """An output exists (and no ``--force``) or cannot be written: exit code 5."""

    exit_code = ExitCode.OUTPUT


class WriteError(OutputError):
    """Writing an output failed (disk full, read-only, permissions): the run stops at once."""


class LimitError(SandboxError):
    """An input was refused by a resource limit (pixels, pages, size, time): exit code 7."""

    exit_code = ExitCode.LIMIT


class PageError(SandboxError):
    """One page failed (OCR error, timeout, render failure)."""

    exit_code = ExitCode.INPUT


class IsolationError(SandboxError):
    """The network sandbox could not be set up: exit code 8; nothing is processed without it."""

    exit_code = ExitCode.ISOLATION


class Interrupted(SandboxError):
    """SIGINT or SIGTERM arrived: exit code 130; the message says how far the run got."""

    exit_code = ExitCode.INTERRUPTED


class VerifyError(SandboxError):
    """A redacted output still carries something flagged: nothing is written."""

    exit_code = ExitCode.VERIFY
