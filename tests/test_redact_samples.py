"""Redaction of the bundled samples, end to end through the CLI (``tests/redact_samples.py``
says what is checked): the English letter, memo, scanned report and supplier review.
``tests/test_redact_samples_more.py`` checks the other samples, on the other test worker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import redact_samples as samples

pytestmark = pytest.mark.slow

GROUPS = (samples.Group("eng", ("letter_en.png", "memo_skewed.tiff", "report_scanned.pdf", "supplier_review.pdf")),)
STEMS = [stem for g in GROUPS for stem in g.stems]
# this file's share of the precision check: more than half of the 50 findings' words the two files
# need together, and at most 5 % of them not sensitive (so both files together are too)
MIN_WORDS = 26


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
