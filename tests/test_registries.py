"""Issue 29: a format and an engine are each one module and one registry entry — registered at
run time, they are offered by the CLI's choices and used by a real run (in process, no isolation)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from sandbox import formats, netguard
from sandbox.cli.app import app
from sandbox.engines import base
from sandbox.errors import ExitCode
from sandbox.models import BBox, Line, Word
from tests.conftest import FakeEngine, text_image

runner = CliRunner()


def _toy_words(engine: FakeEngine, img: Image.Image) -> list[Line]:
    words = (Word("toy", BBox(10, 10, 60, 40), 0.99), Word("engine", BBox(70, 10, 160, 40), 0.99))
    return [Line(words, BBox(10, 10, 160, 40), 0, 0)]


def _toy_writer(job: formats.Rendering) -> bytes:
    """A toy format: the words of each page as a JSON list."""
    return json.dumps([[w.text for w in page.words] for page in job.document.pages]).encode()


@pytest.fixture
def toys(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    """A toy engine ("toy") and a toy format ("toyfmt", made by ``ocr`` and ``convert``)."""
    monkeypatch.setattr(netguard, "install", lambda: None)  # the test process keeps its sockets
    engine = FakeEngine(_toy_words, name="toy")
    base.register(base.Engine("toy", "Toy", lambda: engine, help="a toy engine for the tests"))
    formats.register(formats.Format("toyfmt", ".toy", _toy_writer, ocr=True, convert_from=("pdf", "image"), reads=True))
    try:
        yield engine
    finally:
        base.unregister("toy")
        formats.unregister("toyfmt")


def test_the_toys_are_offered_by_the_choices(toys: FakeEngine) -> None:
    assert "toy" in base.choices() and "toy (a toy engine for the tests)" in base.option_help()
    assert "toyfmt" in formats.ocr_formats() and formats.extensions()["toyfmt"] == ".toy"
    res = runner.invoke(app, ["ocr", "x.png", "--engine", "nope"])
    assert res.exit_code == ExitCode.USAGE and "choose from auto, tesseract, ppocr, toy" in res.output
    res = runner.invoke(app, ["ocr", "x.png", "-o", "out", "--to", "nope"])
    assert res.exit_code == ExitCode.USAGE and "toyfmt" in res.output
    res = runner.invoke(app, ["convert", "x.png", "-o", "out", "--to", "nope"])
    assert res.exit_code == ExitCode.USAGE and "toyfmt" in res.output


def test_the_toys_are_used_by_ocr_and_convert(tmp_path: Path, toys: FakeEngine) -> None:
    src = tmp_path / "page.png"
    text_image(["Something to read"]).save(src)
    out = tmp_path / "out"
    res = runner.invoke(
        app, ["ocr", str(src), "-o", str(out), "--to", "toyfmt,txt", "--engine", "toy", "-q", "--isolation", "none"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads((out / "page.toy").read_text()) == [["toy", "engine"]]
    assert (out / "page.txt").read_text(encoding="utf-8").split() == ["toy", "engine"]
    one = tmp_path / "one.toy"  # the registered extension makes -o a file of that format
    res = runner.invoke(app, ["convert", str(src), "-o", str(one), "--engine", "toy", "-q", "--isolation", "none"])
    assert res.exit_code == 0, res.output
    assert json.loads(one.read_text()) == [["toy", "engine"]]


def test_unregistered_toys_are_gone(toys: FakeEngine) -> None:
    base.unregister("toy")
    formats.unregister("toyfmt")
    assert "toy" not in base.choices() and "toyfmt" not in formats.ocr_formats()
    res = runner.invoke(app, ["ocr", "x.png", "--engine", "toy"])
    assert res.exit_code == ExitCode.USAGE
