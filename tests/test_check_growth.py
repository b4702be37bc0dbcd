"""The check after burning: a hit clear of every bar is burned on its own words, not its line.

Red team: a listed name (or a number) the detection's readings missed and the check's found —
another reading, or the text of a burned item standing again elsewhere on the page — was
burned by growing a bar over its whole line (``work._apply``'s first growth round takes the
line's words), blacking out every word beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, text_image


@pytest.mark.slow
def test_a_burned_items_text_found_again_elsewhere_is_burned_on_its_own_words(tmp_path: Path) -> None:
    src = tmp_path / "fax.png"
    lines = ["FAX: 01632960983", "Order 01632960983 was shipped on Monday to the depot"]
    text_image(lines).save(src, dpi=(300, 300))
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "png", "--isolation", "none"])
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    boxes = [b["box"] for b in report["by_page"][0]["boxes"]]
    first = [b for b in boxes if b[1] < 130]  # the fax number's bar, found by the detection
    second = [b for b in boxes if b[1] >= 130]  # the same number again, found by the check
    assert first and second
    wide = max(b[2] - b[0] for b in first)
    assert all(b[2] - b[0] <= wide + 40 for b in second), (first, second)  # the number, not the line
