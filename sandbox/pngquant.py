"""pngquant: palette quantisation of few-colour page images (``--optimize 2``)."""

from __future__ import annotations

import shutil

from sandbox.tools import run_tool

QUALITY = "70-95"  # pngquant refuses (exit 99) when it cannot reach 70: the page keeps its encoding


def available() -> bool:
    """True when the ``pngquant`` program is on PATH."""
    return shutil.which("pngquant") is not None


def quantise(png: bytes, timeout: int = 60) -> bytes | None:
    """A palette PNG of ``png`` (at most 256 colours), or None when pngquant cannot keep the quality."""
    proc = run_tool(
        ["pngquant", "--quality", QUALITY, "--speed", "3", "--strip", "-"],
        timeout=timeout,
        what="palette quantisation (pngquant)",
        check=False,
        stdin=png,
    )
    return proc.stdout if proc.returncode == 0 and proc.stdout.startswith(b"\x89PNG") else None
