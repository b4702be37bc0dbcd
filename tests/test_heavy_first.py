"""The order in which the full tier hands files to its workers (tests/heavy_first.py)."""

from __future__ import annotations

from pathlib import Path

from tests.heavy_first import SECONDS, file_order

HERE = Path(__file__).resolve().parent


def test_every_listed_file_is_a_test_file() -> None:
    missing = [name for name in SECONDS if not (HERE / name).is_file() or not name.startswith("test_")]
    assert not missing, f"tests/heavy_first.py lists files that are gone: {missing}"


def test_heaviest_files_first_and_the_others_after_in_no_rank() -> None:
    heavy = max(SECONDS, key=lambda n: SECONDS[n])
    light = min(SECONDS, key=lambda n: SECONDS[n])
    rank = file_order(["test_unlisted.py", light, heavy, light])
    assert rank == {heavy: 0, light: 1}  # an unlisted file has no rank: it sorts after every listed one


def test_the_test_script_keeps_the_collection_order() -> None:
    script = (HERE.parent / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "--dist loadfile --no-loadscope-reorder" in script  # else xdist sorts files by test count
