"""Why a file failed, as a catalogue key (``reason.<kind>``) the page turns into one sentence.

The CLI reports a failure as an exit code and one ``sandbox: error: FILE: cause`` line; the
page must show neither its flags nor its internal names (``in/001.pdf``), so each line is
reduced to the stored file it names and a *kind* from a short list.  A line this module does
not recognise still gives a kind from the exit code, so every failed file says something.
"""

from __future__ import annotations

import re

from sandbox.errors import ExitCode

PREFIX = "sandbox: error: "
UNREAD = "sandbox: warning: "  # a page with ink that no reading found text in (exit 6, no error)
# (kind, pattern on the cause), first match wins; the wording of the CLI may change, so only
# stable words are looked for.
_KINDS: tuple[tuple[str, str], ...] = (
    ("wrong_password", r"password does not open|wrong password|incorrect password"),
    ("encrypted", r"\bencrypted\b"),
    ("no_documents", r"no documents found"),
    ("empty", r"\bfile is empty\b|\bhas no pages\b"),
    ("unsupported", r"not a supported|unsupported|not a readable"),
    ("pixels", r"pixel limit|too many pixels"),
    ("pages", r"page limit|too many pages|more pages than"),
    ("size", r"byte limit|too large|larger than"),
    ("timeout", r"took longer|timed out|timeout|too long"),
    ("damaged", r"damaged|broken|cannot decode|cannot read|is the file complete|could not (read|render)"),
    ("verify", r"verif|still (carries|contains|readable)|recoverable"),
)
_BY_CODE = {
    int(ExitCode.LIMIT): "limit",
    int(ExitCode.MISSING_TOOL): "tool",
    int(ExitCode.VERIFY): "verify",
    int(ExitCode.ISOLATION): "isolation",
    int(ExitCode.INTERRUPTED): "interrupted",
    int(ExitCode.INTERNAL): "internal",
}
_STORED = re.compile(r"^(?:.*/)?(\d{3}(?:\.[a-z0-9]{1,5})?)(?: page \d+)?:\s")


def kind_of(cause: str, code: int) -> str:
    """The kind of one error cause (text after the file name), or of the exit code."""
    low = cause.lower()
    for kind, pattern in _KINDS:
        if re.search(pattern, low):
            return kind
    return _BY_CODE.get(code, "other")


def parse(stderr: str, code: int) -> tuple[dict[str, str], str]:
    """The CLI's error lines → ({stored file name: kind}, kind of the errors naming no file)."""
    per_file: dict[str, str] = {}
    general = ""
    for line in stderr.splitlines():
        if line.startswith(UNREAD) and "(unread page)" in line:
            named = _STORED.match(line.removeprefix(UNREAD))
            if named:
                per_file.setdefault(named.group(1), "unread")
            continue
        if not line.startswith(PREFIX):
            continue
        message = line.removeprefix(PREFIX)
        named = _STORED.match(message)
        if named:
            per_file.setdefault(named.group(1), kind_of(message[named.end() :], code))
        elif not general:
            general = kind_of(message, code)
    if code not in (0, int(ExitCode.PARTIAL)) and not per_file and not general:
        general = _BY_CODE.get(code, "other")
    return per_file, general
