"""Shared fixtures: the bundled samples, a CLI runner (a real subprocess), image makers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_images"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def run_cli(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 300,
) -> Result:
    """Run ``python -m sandbox ARGS`` as a user would; never inherit a TTY."""
    full_env = dict(os.environ)
    full_env.pop("SANDBOX_DEBUG", None)
    if env:
        full_env.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "sandbox", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    return Result(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        proc.stdout,
    )


def text_image(lines: Sequence[str], size: int = 40, width: int = 1700, dpi: int = 300) -> Image.Image:
    """A clean grayscale page image with ``lines`` of text in DejaVu Sans."""
    font = ImageFont.truetype(DEJAVU, size)
    height = 160 + int(len(lines) * size * 1.6)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((80, 80 + int(i * size * 1.6)), line, font=font, fill=0)
    img.info["dpi"] = (dpi, dpi)
    return img


@pytest.fixture
def workbase(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private base for the run's work directory, to check that nothing is left in it."""
    base = tmp_path / "workbase"
    base.mkdir()
    monkeypatch.setenv("SANDBOX_TMPDIR", str(base))
    return base
