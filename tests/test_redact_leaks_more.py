"""The second half of the hostile redaction cases of ``test_redact_leaks`` (a file of its own,
so that the two halves run on different test workers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_redact_leaks import SECOND, built, check_case

pytestmark = pytest.mark.slow
__all__ = ["built"]  # the module fixture, built once for this file's worker too


@pytest.mark.parametrize("name", SECOND)
def test_nothing_listed_is_recoverable(name: str, built: tuple[Path, Path], tmp_path: Path) -> None:
    check_case(name, built, tmp_path)
