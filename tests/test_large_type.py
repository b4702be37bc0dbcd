"""Display type, half an inch tall and more, is read at a reduced scale (``redact.large``).

A name printed huge and pale across a report (red team, stop 48) was no region to the views
(taller than any letter) and no word to Tesseract at the page's scale: ``redact`` exited 0 and
left it for anyone who shrinks the page.  Pages are drawn here, never taken from a corpus.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks import attacker
from sandbox.redact import large
from tests.conftest import DEJAVU, run_cli

BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"
NAME = "Olivia Grant"
BODY = "Our spring programme brings walks, talks and workshops to the valley; members receive the newsletter."


def _report(backdrop: tuple[int, int, int] | None) -> Image.Image:
    """A landscape report page at 300 DPI: body text above and below, and, with ``backdrop``,
    the name 1.4 inches tall across the middle in that colour; a scanner's grain."""
    img = Image.new("RGB", (3300, 2550), (250, 250, 247))
    d = ImageDraw.Draw(img)
    body = ImageFont.truetype(DEJAVU, 40)
    words = BODY.split()
    for top, lines in ((200, 5), (1900, 6)):
        for i in range(lines):
            d.text((150, top + 60 * i), " ".join(words[i % 4 : i % 4 + 9]), fill=(30, 30, 30), font=body)
    if backdrop is not None:
        d.text((120, 900), NAME, fill=backdrop, font=ImageFont.truetype(BOLD, 520))
    noise = cv2.GaussianBlur(np.random.default_rng(1).normal(0, 1.5, (2550, 3300, 3)).astype(np.float32), (0, 0), 0.7)
    return Image.fromarray(np.clip(np.asarray(img, np.float32) + noise, 0, 255).astype(np.uint8))


def _read_shrunk(path: Path) -> str:
    """What the attacker's shrunk views of the image at ``path`` read (``benchmarks.attacker``)."""
    with Image.open(path) as img:
        gray = img.convert("L")
    small = [gray.reduce(k) for k in attacker.SHRINKS]
    views = [v.point(lambda p: 0 if p < attacker.PALE else 255) for v in small]
    return " ".join(attacker.norm(attacker._tesseract(v, "eng")) for v in views)


def _ink(img: Image.Image) -> np.ndarray:
    return (np.asarray(img.convert("L")) < 235).astype(np.uint8)


def test_only_a_page_with_display_type_is_read_shrunk() -> None:
    """Body text alone, or with a form's frame around it, costs no reading; letters 1.4 inches
    tall are read 4 or 8 times smaller."""
    assert large.shrinks(_ink(_report(None)), 300) == []
    framed = _report(None)
    ImageDraw.Draw(framed).rectangle((100, 150, 3200, 1800), outline=(30, 30, 30), width=4)
    assert large.shrinks(_ink(framed), 300) == []
    found = large.shrinks(_ink(_report((185, 205, 235))), 300)
    assert found and set(found) <= {4, 8}


@pytest.mark.slow
def test_a_huge_pale_name_behind_a_report_is_burned(tmp_path: Path) -> None:
    """The attacker's shrunk views read the pale name on the page; after ``redact`` (exit 0)
    they read it no more, and the body text is still there."""
    page = tmp_path / "report.png"
    _report((185, 205, 235)).save(page)
    assert attacker.norm(NAME) in _read_shrunk(page)
    terms = tmp_path / "terms.txt"
    terms.write_text(NAME + "\n", encoding="utf-8")
    out = tmp_path / "out"
    options = ["--terms", str(terms), "-l", "eng", "--to", "png,txt", "--isolation", "none"]
    res = run_cli(["redact", str(page), "-o", str(out), *options])
    assert res.code == 0, res.stderr
    [png] = out.glob("*.png")
    assert attacker.norm(NAME) not in _read_shrunk(png)
    assert "workshops" in next(out.glob("*.txt")).read_text(encoding="utf-8")
