"""Round seals (公章) over a signature block: the ring found, the issuer's name along it read
by unwrapping the ring, so an ordinary official notice is not refused for it; a black ring
is left alone, and what is written inside a seal still has to be read or is unread."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks import sealpages
from sandbox.redact import seals, tints, views
from tests.conftest import run_cli

DPI = 300


def _ink(path: Path) -> tuple[np.ndarray, np.ndarray]:
    img = Image.open(path).convert("RGB")
    descreened, gray, _ = tints.descreened(img, DPI)
    ink, _ = views.ink_mask(descreened, gray, DPI)
    return np.asarray(img), ink


@pytest.mark.slow
@pytest.mark.parametrize("colour", [(220, 30, 40), (30, 60, 200)])
def test_a_coloured_ring_over_the_signature_is_found(tmp_path: Path, colour: tuple[int, int, int]) -> None:
    rgb, ink = _ink(sealpages.notice(tmp_path / "notice.png", colour=colour))
    (seal,) = seals.find(rgb, ink, DPI)
    assert abs(seal.cx - sealpages.CENTRE[0]) < 8 and abs(seal.cy - sealpages.CENTRE[1]) < 8
    assert abs(seal.radius - sealpages.RADIUS) < 0.08 * sealpages.RADIUS


def test_a_black_ring_and_a_page_without_one_have_no_seal(tmp_path: Path) -> None:
    page = Image.new("RGB", (1600, 1600), "white")
    draw = ImageDraw.Draw(page)
    draw.ellipse((500, 500, 960, 960), outline="black", width=14)  # a black ring: its ink is the print's
    draw.text((520, 700), "Ref 4471 north", fill="black")
    page.save(tmp_path / "black.png", dpi=(DPI, DPI))
    assert seals.find(*_ink(tmp_path / "black.png"), DPI) == []
    blank = Image.new("RGB", (1600, 1600), "white")
    ImageDraw.Draw(blank).text((100, 100), "Quarterly note", fill="black")
    blank.save(tmp_path / "plain.png", dpi=(DPI, DPI))
    assert seals.find(*_ink(tmp_path / "plain.png"), DPI) == []


def _findings(review: Path) -> list[dict[str, object]]:
    return json.loads(review.read_text(encoding="utf-8"))["documents"][0]["findings"]  # type: ignore[no-any-return]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "kw"), [("plain.jpg", {}), ("soft.jpg", {"blur": 0.8}), ("opaque.png", {"alpha": 255})]
)
def test_an_official_notice_with_its_seal_is_not_refused(tmp_path: Path, name: str, kw: dict[str, object]) -> None:
    """Before, every such page was refused: 1–5 regions of the seal's ring and name unread."""
    src = sealpages.notice(tmp_path / name, **kw)  # type: ignore[arg-type]
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(src), "-o", str(review), "-l", "chi_sim+eng", "--isolation", "none", "--quiet"])
    assert res.code == 0, res.stderr
    found = _findings(review)
    assert not [f for f in found if f["rule"] == "unread"]
    assert [f["kind"] for f in found if f["rule"] == "structure"] == ["seal"]


@pytest.mark.slow
def test_a_listed_name_in_the_seal_is_found_there(tmp_path: Path) -> None:
    src = sealpages.notice(tmp_path / "notice.png", issuer="某某市安全生产委员会")
    terms = tmp_path / "terms.txt"
    terms.write_text("安全生产\n", encoding="utf-8")
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(src), "-o", str(review), "-l", "chi_sim+eng", "--isolation", "none",
                   "--terms", str(terms), "--quiet"])  # fmt: skip
    assert res.code == 0, res.stderr
    cx, cy, r = (*sealpages.CENTRE, sealpages.RADIUS)
    hits = [b for f in _findings(review) if f["rule"] == "terms" for b in f["boxes"]]  # type: ignore[attr-defined]
    in_seal = [b for b in hits if cx - r <= b[0] and b[2] <= cx + r and cy - r <= b[1] and b[3] <= cy + r]
    assert in_seal, hits  # the name along the ring (the office's line under it is found too)


@pytest.mark.slow
def test_an_id_written_inside_a_seal_is_burned_or_refused(tmp_path: Path) -> None:
    from stdnum.cn import ric

    base = "11010119900307123"
    number = base + ric.calc_check_digit(base + "0")
    src = sealpages.notice(tmp_path / "inside.png", inside=number)
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "pdf", "-l", "chi_sim+eng", "--quiet"])
    if res.code == 0:
        report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
        assert report["totals"].get("pii-cn.id"), report["totals"]
    else:
        assert res.code == 9 and not list(out.glob("*.pdf"))
