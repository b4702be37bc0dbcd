"""jpegtran: a JPEG stored smaller without decoding it (Huffman tables optimised, progressive).

The DCT coefficients are copied, not recomputed, so the picture decodes to the same pixels;
:mod:`sandbox.compress` still compares a colour picture's decoded pixels before it uses a
result (its colour transform hangs on a marker).  Markers
(EXIF, comments, ICC — the PDF carries the colour space) are not copied.
"""

from __future__ import annotations

import shutil

from sandbox.tools import run_tool


def available() -> bool:
    """True when the ``jpegtran`` program is on PATH."""
    return shutil.which("jpegtran") is not None


def optimised(jpeg: bytes, progressive: bool = True, timeout: int = 60) -> bytes | None:
    """``jpeg`` losslessly re-stored, or None when jpegtran cannot."""
    cmd = ["jpegtran", "-copy", "none", "-optimize", *(["-progressive"] if progressive else [])]
    proc = run_tool(cmd, timeout=timeout, what="lossless JPEG optimisation (jpegtran)", check=False, stdin=jpeg)
    return proc.stdout if proc.returncode == 0 and proc.stdout.startswith(b"\xff\xd8\xff") else None
