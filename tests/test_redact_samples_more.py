"""Redaction of the bundled samples, end to end through the CLI (``tests/redact_samples.py``
says what is checked): the mixed PDF, the two Chinese notices and the highlighted minutes.
``tests/test_redact_samples.py`` checks the other samples, on the other test worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import redact_samples as samples

pytestmark = pytest.mark.slow

GROUPS = (
    samples.Group("eng", ("mixed.pdf",)),
    samples.Group("chi_sim+eng", ("notice_zh_hans.png",)),
    samples.Group("chi_tra+eng", ("notice_zh_hant.jpg",)),
    samples.Group("eng", ("minutes_highlighted.jpg",), highlights=True),
)
STEMS = [stem for g in GROUPS for stem in g.stems]
MIN_WORDS = 26  # this file's share of the precision check (see tests/test_redact_samples.py)


def test_the_two_files_share_every_sample() -> None:
    from tests import test_redact_samples as first

    assert sorted(STEMS + first.STEMS) == sorted(samples.PLANTED)
    assert MIN_WORDS + first.MIN_WORDS > 50  # the precision check over every sample: over 50 words


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return samples.redact(tmp_path_factory.mktemp("redact"), GROUPS)


@pytest.mark.parametrize("stem", STEMS)
def test_every_planted_item_is_covered(runs: Path, stem: str) -> None:
    samples.check_covered(runs, stem)


def test_nothing_planted_is_recoverable(runs: Path, tmp_path: Path) -> None:
    samples.check_nothing_recoverable(runs, GROUPS, tmp_path)


def test_precision_at_least_95_percent(runs: Path) -> None:
    total, wrong = samples.precision(runs)
    assert total >= MIN_WORDS
    assert wrong / total <= 0.05


def test_outputs_are_rebuilt_from_pixels(runs: Path) -> None:
    samples.check_rebuilt(runs)
