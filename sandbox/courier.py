"""Inside the sandbox: hand each finished document to the launcher, which moves it into place.

The sandboxed run writes a document's outputs into staging and reports it finished on the socket
the launcher passed in (``JOURNAL_FD_ENV``).  The launcher moves the files into the output
folder (all of them, or none) and answers one line: ``ok``, or ``error`` and the one-line cause
(``report.pdf: cannot write to /out (No space left on device)``).  The run waits for that answer
before the next document, so a write error is known at once (the run stops, no more pages are
read) and the summary counts only files that exist.  Other records (plan, failures, the run's
end) are sent without an answer.  Nothing here carries document text.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from typing import Any

ENV = "SANDBOX_JOURNAL_FD"  # = isolation.JOURNAL_FD_ENV (not imported: the inner side starts fast)
OK = b"ok"
ERROR = b"error "
MAX_LINE = 64 * 1024  # = launch.MAX_RECORD: longer reports are skipped by the launcher
MAX_OUTPUTS = 1000  # = launch.MAX_OUTPUTS
NO_ANSWER = "the launcher gave no answer about the outputs; nothing more was written"


@dataclass(frozen=True, slots=True)
class Courier:
    """The sandboxed side of the socket to the launcher."""

    fd: int

    def send(self, record: dict[str, Any]) -> None:
        """Write ``record`` as one JSON line to the descriptor, completely (short writes are retried)."""
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        while line:
            line = line[os.write(self.fd, line) :]

    def ask(self, record: dict[str, Any]) -> str | None:
        """Send a finished document and wait: None when its files are in place, else the cause.

        A report larger than the launcher reads (``MAX_LINE`` bytes, ``MAX_OUTPUTS`` files: a
        conversion into thousands of page images) is not sent: that document stays in staging
        and is moved with the rest when the run ends, as every document was before."""
        line = json.dumps(record, ensure_ascii=False).encode("utf-8")
        if len(line) >= MAX_LINE or len(record.get("outputs", ())) > MAX_OUTPUTS:
            return None
        self.send(record)
        answer = b""
        while not answer.endswith(b"\n"):
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return NO_ANSWER
            answer += chunk
        answer = answer.rstrip(b"\n")
        if answer == OK:
            return None
        return answer.removeprefix(ERROR).decode("utf-8", "replace") or NO_ANSWER

    def post(self, record: dict[str, Any]) -> str | None:
        """A finished document is asked about; anything else is only sent."""
        if delivers(record):
            return self.ask(record)
        self.send(record)
        return None


def delivers(record: dict[str, Any]) -> bool:
    """A record that asks the launcher to move a document's outputs into place."""
    return record.get("kind") == "document" and record.get("status") == "done"


def answer(error: str | None) -> bytes:
    """The launcher's answer line about one document (its cause kept to one line)."""
    if error is None:
        return OK + b"\n"
    return ERROR + " ".join(error.split()).encode("utf-8") + b"\n"


@cache
def connect() -> Courier | None:
    """The courier of this sandboxed run, or None (not inside bubblewrap: files are written in place)."""
    fd = os.environ.get(ENV)
    return Courier(int(fd)) if fd and fd.isdigit() else None


def stopped_line(written: int, total: int) -> str:
    """What an interrupted run says (Ctrl-C, SIGTERM): how many documents are in place."""
    return f"stopped: {written} of {total} documents written; rerun with --resume to continue"
