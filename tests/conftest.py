"""Shared fixtures: the bundled samples, a CLI runner (a real subprocess), image makers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from sandbox.engines import base
from sandbox.models import BBox, Line, Word
from tests import heavy_first

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


def three_words(engine: FakeEngine, img: Image.Image) -> list[Line]:
    """Every picture reads as the same three confident words."""
    words = tuple(Word(t, BBox(10 + 90 * i, 10, 90 + 90 * i, 40), 0.95) for i, t in enumerate(("one", "two", "three")))
    return [Line(words, BBox(10, 10, 270, 40), 0, 0)]


Answer = Callable[["FakeEngine", Image.Image], list[Line]]


@dataclass
class FakeEngine:
    """The one fake OCR engine of the tests (an :class:`~sandbox.engines.base.OcrEngine`):
    ``answer(self, picture)`` gives the lines; every picture's size and page are recorded.
    ``pixels``: whether it takes pictures as pixels (``read_pixels``) or only files."""

    answer: Answer = three_words
    name: str = "tesseract"
    pixels: bool = False
    sizes: list[tuple[int, int]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def read(self, image: Path, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int) -> list[Line]:
        with Image.open(image) as img:
            return self._answer(img, page)

    def reads_pixels(self) -> bool:
        return self.pixels

    def read_pixels(
        self, img: Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int
    ) -> list[Line]:
        return self._answer(img, page)

    def _answer(self, img: Image.Image, page: int) -> list[Line]:
        self.sizes.append(img.size)
        self.pages.append(page)
        return self.answer(self, img)


@pytest.fixture
def fake_engine() -> Iterator[Callable[..., FakeEngine]]:
    """Install a :class:`FakeEngine` in the engine registry in place of an engine (default:
    Tesseract, the default one), so that every page reads through it; restored afterwards."""
    replaced: list[base.Engine] = []

    def install(answer: Answer = three_words, name: str = "tesseract") -> FakeEngine:
        fake = FakeEngine(answer, name)
        entry = next(e for e in base.engines() if e.name == name)
        base.register(replace(entry, make=lambda: fake))
        replaced.append(entry)
        return fake

    yield install
    for entry in reversed(replaced):
        base.register(entry)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist, the heaviest test files first (see ``tests/heavy_first.py``)."""
    heavy_first.reorder(config, items)
