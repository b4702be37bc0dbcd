"""Test files run heaviest first on the xdist workers (conftest.py's collection hook calls :func:`reorder`).

``scripts/test.sh`` runs whole files per worker (``--dist loadfile``, so a module fixture runs
once) and keeps the collection's order of files (``--no-loadscope-reorder``; xdist would
otherwise order files by their number of tests, which puts a file of a few long tests last).
:func:`reorder` sorts that order by :data:`SECONDS`: the longest files start first, one on each
worker, and the many short files fill in behind them, so that neither worker is left running one
long file alone at the end (longest-processing-time-first scheduling).  Files not listed keep
their place after the listed ones; the tests inside a file keep their order.  Without xdist
(``-n 0``, ``-p no:xdist``) nothing is reordered.
"""

from __future__ import annotations

import pytest

# Seconds one file took on one worker (pytest --durations=0 summed per file: setup, call and teardown),
# measured 2026-12-05 on the 2-core machine under a load of about 20, so several times a quiet
# machine's; only their order matters.  Files of less than 20 s are left out.  The two marked
# "estimate" had not run when that measurement stopped: their quiet-machine times (the container
# about 90 s, the browser about 90 s) times four.  Re-measure
# when a file grows a lot:
#   .venv/bin/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder --durations=0 -v
# The redaction of the samples (one file of 974 s measured alone, -p no:xdist, load about 9) was
# split in two; the two halves and test_ink_bands.py were measured the same way on the same day.
SECONDS: dict[str, float] = {
    "test_redact_leaks.py": 1250,
    "test_redact_cli.py": 960,
    "test_redact_samples.py": 590,
    "test_ink_bands.py": 430,
    "test_web.py": 420,  # estimate
    "test_codes.py": 410,
    "test_redact_leaks_more.py": 380,
    "test_container.py": 360,  # estimate
    "test_redact_samples_more.py": 305,
    "test_optimize.py": 300,
    "test_ink_colour.py": 280,
    "test_convert.py": 275,
    "test_reading.py": 275,
    "test_structure.py": 220,
    "test_libtess.py": 215,
    "test_forms.py": 215,
    "test_hostile.py": 195,
    "test_write_failures.py": 155,
    "test_reading_real.py": 85,
    "test_seams.py": 75,
    "test_cli.py": 70,
    "test_ocr_samples.py": 65,
    "test_ppocr_cost.py": 45,
    "test_boundary.py": 40,
    "test_extract_hostile.py": 30,
    "test_isolation.py": 30,
    "test_unread.py": 22,
    "test_messages.py": 20,
    "test_guard.py": 20,
}


def file_order(names: list[str]) -> dict[str, int]:
    """Each file name's rank: listed files by decreasing :data:`SECONDS`, then the others."""
    listed = sorted((n for n in set(names) if n in SECONDS), key=lambda n: (-SECONDS[n], n))
    return {name: rank for rank, name in enumerate(listed)}


def reorder(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On an xdist worker, put the items of the heaviest files first (a stable sort, in place)."""
    if not hasattr(config, "workerinput"):
        return
    rank = file_order([item.path.name for item in items])
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
