"""What the sandboxed side prints reaches the user's terminal only through a filter.

A compromised parser could print escape sequences that set the window title, write to the
clipboard (OSC 52), ask the terminal to answer (device status reports typed back as input) or
redefine keys.  The launcher reads the sandbox's standard error (and its standard output when
that is a terminal) through :class:`Filter` and passes on only text, tabs, newlines, carriage
returns and the few CSI sequences progress bars use (colours, cursor movement along a line,
erasing a line, showing and hiding the cursor).  Everything else is dropped.

Inside, :func:`stderr_is_terminal` tells the program whether its standard error ends on a
terminal (it now ends on the launcher's pipe), so progress bars and terminal-only output
behave as before.
"""

from __future__ import annotations

import os
import re
import sys
import threading

TERMINAL_ENV = "SANDBOX_STDERR_TERMINAL"  # inside: "1" when the launcher's stderr is a terminal
SAFE_CSI = re.compile(rb"\x1b\[[0-9;?]{0,32}[ABCDGKJhlm]")
ANY_SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (titles, clipboard, links)
    rb"|\x1b[PX^_].*?\x1b\\"  # DCS, SOS, PM, APC
    rb"|\x1b[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e]",  # two-byte and nF escapes
    re.DOTALL,
)
CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf\xbd")
HOLD = 256  # an unfinished escape sequence at a chunk's end waits for the next chunk, this long


def clean(data: bytes) -> bytes:
    """``data`` as UTF-8 with every escape sequence but :data:`SAFE_CSI` and every control
    character but tab, newline and carriage return removed (C1 controls too, and bytes that
    are not UTF-8: an 8-bit terminal would take ``\\x9b`` for a CSI)."""
    data = data.decode("utf-8", "replace").encode("utf-8")
    out: list[bytes] = []
    pos = 0
    for match in ANY_SEQUENCE.finditer(data):
        out.append(CONTROLS.sub(b"", data[pos : match.start()].replace(b"\x1b", b"")))
        if SAFE_CSI.fullmatch(match.group()):
            out.append(match.group())
        pos = match.end()
    out.append(CONTROLS.sub(b"", data[pos:].replace(b"\x1b", b"")))
    return b"".join(out)


def _split(buffer: bytes) -> tuple[bytes, bytes]:
    """What can be cleaned now, and an unfinished escape sequence or UTF-8 character to keep
    for the next chunk."""
    start = buffer.rfind(b"\x1b")
    if start >= 0 and len(buffer) - start <= HOLD and ANY_SEQUENCE.match(buffer[start:]) is None:
        return buffer[:start], buffer[start:]
    for back in range(1, min(4, len(buffer)) + 1):
        byte = buffer[-back]
        if byte < 0x80:
            break
        if byte >= 0xC0:  # a lead byte: is its character complete?
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return (buffer[:-back], buffer[-back:]) if needed > back else (buffer, b"")
    return buffer, b""


class Filter:
    """Copy ``source`` (a pipe's read end, owned here) to ``sink`` through :func:`clean`."""

    def __init__(self, source: int, sink: int) -> None:
        self.source, self.sink = source, sink
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        pending = b""
        try:
            while chunk := os.read(self.source, 65536):
                ready, pending = _split(pending + chunk)
                _write_all(self.sink, clean(ready))
            _write_all(self.sink, clean(pending))
        except OSError:
            pass
        finally:
            os.close(self.source)

    def join(self, timeout: float = 10.0) -> None:
        """Wait up to ``timeout`` seconds for the filtering thread to finish passing output on."""
        self.thread.join(timeout)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def stderr_is_terminal() -> bool:
    """Whether standard error ends on a terminal, here or (inside) at the launcher."""
    return os.environ.get(TERMINAL_ENV) == "1" or sys.stderr.isatty()
