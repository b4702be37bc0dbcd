"""The request seam, in process: options settled once before isolation, one serialised object
handed to the sandboxed run, and the exit-code rule seen through the real CLI (typer's runner)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from sandbox import netguard
from sandbox.cli import launch
from sandbox.cli.app import app
from sandbox.config import OcrSettings
from sandbox.convert.options import ConvertOptions
from sandbox.convert.targets import parse_pages
from sandbox.errors import ExitCode
from sandbox.models import BBox
from sandbox.redact.policy import Policy
from sandbox.redact.review import Review, ReviewDoc
from sandbox.redact.types import Mark
from sandbox.request import Display, RedactOptions, Request, Target, dumps, loads
from tests.conftest import SAMPLES, FakeEngine, text_image

runner = CliRunner()


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[Request]:
    """Stand in for the launcher: record the request instead of starting a sandbox."""
    seen: list[Request] = []

    def run(request: Request) -> int:
        seen.append(request)
        return 0

    monkeypatch.setattr(launch, "run", run)
    return seen


def test_a_request_survives_serialisation_whole() -> None:
    mark = Mark(BBox(1, 2, 30, 40), "terms", "secret", "a secret here", 0)
    doc = ReviewDoc("ab" * 32, {0: (mark,)}, ("secret",), ("机密",), ("keep",), ("term",), {1: (BBox(0, 0, 5, 5),)})
    review = Review(300, "chi_sim+eng", True, {doc.sha: doc})
    request = Request(
        "redact", ("/in/a.pdf", "-"), OcrSettings(lang="auto", password="pw", engine="ppocr"),
        output=Target(Path("/out")), force=True, display=Display(quiet=True, json_summary=True),
        convert=ConvertOptions(target="png", pages=parse_pages("1-3,7-"), rotate=90),
        policy=Policy(terms=("x",), padding=9), review=review,
        redact=RedactOptions(("pdf", "txt"), "keep", True, False),
    )  # fmt: skip
    assert loads(dumps(request)) == request


@pytest.mark.parametrize(
    "args",
    [
        ["ocr", "IN", "--to", "docx"],
        ["ocr", "IN", "--engine", "bogus"],
        ["ocr", "IN", "-l", "klingon"],
        ["ocr", "IN", "-l", "kor"],
        ["ocr", "IN", "--json-summary"],
        ["convert", "IN", "-o", "OUT", "--rotate", "45"],
        ["convert", "IN", "-o", "OUT", "--page-size", "b9"],
        ["convert", "IN", "-o", "OUT.xyz"],
        ["redact", "IN", "-o", "OUT", "--to", "docx"],
        ["redact", "IN", "-o", "OUT", "--unread", "maybe"],
        ["redact", "IN", "-o", "OUT", "--placeholder", "stars"],
        ["redact", "IN", "-o", "OUT", "--policy", "POLICY"],
        ["flag", "IN", "-o", "OUT/review.json", "--policy", "POLICY"],
        ["verify", "IN", "--review", "POLICY"],
    ],
)
def test_usage_errors_come_before_isolation(tmp_path: Path, captured: list[Request], args: list[str]) -> None:
    (tmp_path / "bad.toml").write_text("packs = [\n", encoding="utf-8")
    swap = {"IN": str(SAMPLES / "letter_en.png"), "POLICY": str(tmp_path / "bad.toml")}
    argv = [swap.get(a, a.replace("OUT", str(tmp_path / "out"))) for a in args]
    res = runner.invoke(app, [*argv, "--isolation", "bwrap"])
    expected = ExitCode.MISSING_TOOL if "kor" in args else ExitCode.USAGE  # a real language pack not installed
    assert res.exit_code == expected, res.output
    assert captured == []  # the launcher was never asked
    assert "Traceback" not in res.output


def test_the_cli_settles_output_and_inputs_once(
    tmp_path: Path, captured: list[Request], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages.v2").mkdir()
    (tmp_path / "pw").write_text("hunter2\n", encoding="utf-8")
    res = runner.invoke(
        app,
        ["convert", "scan.pdf", "-o", "pages.v2", "--to", "png", "--password-file", "pw", "--limit", "max-pages=9"],
    )
    assert res.exit_code == 0, res.output
    (request,) = captured
    assert request.inputs == (str(tmp_path / "scan.pdf"),)
    assert request.output == Target(tmp_path / "pages.v2", is_file=False)  # a folder: it exists
    assert request.settings.password == "hunter2" and request.settings.limits.max_pages == 9
    assert loads(dumps(request)) == request  # what the sandboxed run gets is this very object
    captured.clear()
    assert runner.invoke(app, ["convert", "scan.pdf", "-o", "new.v2", "--to", "png"]).exit_code == 0
    assert runner.invoke(app, ["convert", "scan.pdf", "-o", "one.png"]).exit_code == 0
    assert [r.output for r in captured] == [Target(tmp_path / "new.v2"), Target(tmp_path / "one.png", is_file=True)]


def test_exit_codes_through_the_cli_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_engine: Callable[..., FakeEngine]
) -> None:
    monkeypatch.setattr(netguard, "install", lambda: None)  # the test process keeps its sockets
    fake_engine()  # every page reads as three words
    good, bad = tmp_path / "good.png", tmp_path / "bad.png"
    text_image(["A line of text to read"]).save(good)
    bad.write_bytes(b"not an image at all")
    out = tmp_path / "out"
    res = runner.invoke(app, ["ocr", str(good), "-o", str(out), "-q", "--isolation", "none"])
    assert res.exit_code == 0, res.output
    assert (out / "good.txt").read_text(encoding="utf-8").split() == ["one", "two", "three"]
    res = runner.invoke(app, ["ocr", str(good), str(bad), "-o", str(out), "-q", "--force", "--isolation", "none"])
    assert res.exit_code == ExitCode.PARTIAL
    res = runner.invoke(app, ["ocr", str(bad), "-o", str(out), "-q", "--isolation", "none"])
    assert res.exit_code == ExitCode.INPUT
    res = runner.invoke(app, ["ocr", str(good), "-o", str(out), "-q", "--isolation", "none"])
    assert res.exit_code == ExitCode.OUTPUT  # exists, no --force
    res = runner.invoke(
        app, ["convert", str(good), str(bad), "-o", str(tmp_path / "c"), "--to", "pdf", "-q", "--isolation", "none"]
    )
    assert res.exit_code == ExitCode.PARTIAL and (tmp_path / "c" / "good.pdf").exists()
    Image.new("L", (20, 20), 255).save(tmp_path / "blank.png")
    res = runner.invoke(
        app, ["convert", str(tmp_path / "blank.png"), "-o", str(tmp_path / "b.pdf"), "-q", "--isolation", "none"]
    )
    assert res.exit_code == 0 and (tmp_path / "b.pdf").exists()


def test_the_inner_module_refuses_outside_the_sandbox(tmp_path: Path) -> None:
    from sandbox.cli import inner

    saved = tmp_path / "request.pickle"
    saved.write_bytes(dumps(Request("verify", ("/x",), OcrSettings(), policy=Policy())))
    assert inner.main([str(saved)]) == ExitCode.ISOLATION


def test_the_sandboxed_run_is_told_the_languages(
    tmp_path: Path, captured: list[Request], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sandbox.engines import tesseract

    res = runner.invoke(app, ["ocr", str(SAMPLES / "letter_en.png"), "-o", str(tmp_path), "-l", "eng"])
    assert res.exit_code == 0, res.output
    (request,) = captured
    assert "eng" in request.languages and request.languages == tesseract.languages()
    assert loads(dumps(request)).languages == request.languages

    def never() -> tuple[str, ...]:
        raise AssertionError("the program was asked again")

    monkeypatch.setattr(tesseract, "_list_languages", never)
    monkeypatch.setattr(tesseract, "_listed", None)
    tesseract.assume_languages(request.languages)  # what launch.here does inside
    assert tesseract.check_languages("eng") == "eng"


def test_the_request_carries_what_processing_needs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDBOX_TESSERACT", "program")
    request = Request("verify", ("/x",), OcrSettings(), policy=Policy())
    assert request.tesseract_program and loads(dumps(request)).tesseract_program
    monkeypatch.delenv("SANDBOX_TESSERACT")
    assert loads(dumps(request)).tesseract_program  # decided where the request was made, not where it runs
    assert not Request("verify", ("/x",), OcrSettings(), policy=Policy()).tesseract_program


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unread", "maybe"], "--unread: choose ask, redact or keep"),
        (["--views", "some"], "--views: choose all or plain"),
        (["--placeholder", "stars"], "--placeholder: choose block or label"),
        (["--codes", "burn"], "--codes: choose check, redact or keep"),
        (["--to", "docx"], "--to: redact writes pdf, png, txt, json, not 'docx'"),
    ],
)
def test_redact_choices_are_checked_in_the_request(args: list[str], message: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["redact", str(SAMPLES / "letter_en.png"), "-o", str(tmp_path / "o"), *args])
    assert res.exit_code == ExitCode.USAGE and message in res.output


@pytest.mark.parametrize("command", [["convert", "--to", "docx"], ["flag"], ["redact"], ["verify"]])
def test_lang_is_checked_before_isolation_by_every_command_that_reads(
    command: list[str], tmp_path: Path, captured: list[Request]
) -> None:
    name, *rest = command
    out = [] if name == "verify" else ["-o", str(tmp_path / ("r.json" if name == "flag" else "o"))]
    res = runner.invoke(app, [name, str(SAMPLES / "letter_en.png"), *out, *rest, "-l", "xx_nope"])
    assert res.exit_code == ExitCode.USAGE and not captured  # refused before the request went anywhere
    res = runner.invoke(app, [name, str(SAMPLES / "letter_en.png"), *out, *rest, "-l", " eng+ "])
    assert res.exit_code == 0, res.output
    (request,) = captured
    assert request.settings.lang == "eng" and "eng" in request.languages  # normalised once, packs listed
