"""Output names, overwrite refusal and atomic writes."""

from __future__ import annotations

import os
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


def test_a_file_being_written_has_no_name_in_its_folder(tmp_path: Path) -> None:
    """While an output is written beside where it goes, the folder shows nothing of it (an
    unnamed file, Linux ``O_TMPFILE``): a SIGKILL then leaves no hidden ``.part`` file among
    the outputs (the CI of stop 51 found one after a kill during a write)."""
    dest = tmp_path / "out" / "report.txt"
    seen: list[list[str]] = []

    def fill(fd: int) -> None:
        os.write(fd, b"half")
        seen.append(sorted(p.name for p in dest.parent.iterdir()))
        os.write(fd, b" and whole")

    outputs.atomic_fill(dest, fill)
    assert seen == [[]]
    assert dest.read_bytes() == b"half and whole"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["report.txt"]
    assert oct(dest.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_where_proc_cannot_name_the_file_it_is_copied_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's file system that refuses ``linkat`` through ``/proc``: the unnamed file is
    copied into a hidden name and renamed, whole, with its mode."""
    real_link = os.link

    def refuse(src: str, dst: str, *args: object, **kwargs: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    dest = tmp_path / "report.txt"
    outputs.atomic_write(dest, b"x" * 3_000_000)
    monkeypatch.setattr(os, "link", real_link)
    assert dest.read_bytes() == b"x" * 3_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
