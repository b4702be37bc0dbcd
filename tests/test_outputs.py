"""Output names, overwrite refusal and atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox import outputs
from sandbox.errors import OutputError
from sandbox.models import InputFile, InputKind


def _src(name: str, kind: InputKind = InputKind.PNG) -> InputFile:
    return InputFile(Path("/in") / name, name, name, kind, 1)


def test_plan_one_path_per_input_and_format() -> None:
    plan = outputs.plan([_src("a.png"), _src("sub/b.pdf", InputKind.PDF)], ["txt", "pdf"], Path("/out"))
    assert plan[(0, "txt")] == Path("/out/a.txt")
    assert plan[(1, "pdf")] == Path("/out/sub/b.pdf")


def test_plan_disambiguates_same_stem() -> None:
    plan = outputs.plan([_src("scan.png"), _src("scan.pdf", InputKind.PDF)], ["txt"], Path("/out"))
    assert {plan[(0, "txt")].name, plan[(1, "txt")].name} == {"scan-png.txt", "scan-pdf.txt"}


def test_plan_never_escapes_outdir() -> None:
    plan = outputs.plan([_src("../../etc/passwd")], ["txt"], Path("/out"))
    assert plan[(0, "txt")] == Path("/out/etc/passwd.txt")


def test_check_free(tmp_path: Path) -> None:
    existing = tmp_path / "a.txt"
    existing.write_text("x")
    with pytest.raises(OutputError, match="--force"):
        outputs.check_free([existing], force=False)
    outputs.check_free([existing], force=True)


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    dest = tmp_path / "deep" / "out.txt"
    outputs.atomic_write(dest, b"first")
    outputs.atomic_write(dest, b"second")
    assert dest.read_bytes() == b"second"
    assert [p.name for p in dest.parent.iterdir()] == ["out.txt"]


def test_atomic_write_failure_is_a_typed_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        outputs.atomic_write(not_a_dir / "x.txt", b"data")
    assert not_a_dir.read_text() == "x"
