"""Bands and layers the views must not mistake: a reverse-video band a stamp's ring runs
into is still a band (read inverted), a frame around a line of type is no band, and words
read in one colour layer (a red stamp) explain none of the other layer's ink."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from benchmarks import fuzzdocs
from sandbox.models import BBox, Page, PageSource
from sandbox.redact import views
from tests.conftest import run_cli

DPI = 300


def _page() -> np.ndarray:
    return np.full((700, 1100), 255, np.uint8)


def _band_with_ring(gray: np.ndarray) -> None:
    """A dark band 0.2 in tall with light type on it, a stamp's ring crossing it."""
    gray[300:360, 100:900] = 30
    cv2.putText(gray, "Ref 4471 north", (130, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 235, 3)
    cv2.circle(gray, (420, 380), 150, 0, 9)


def _ink(gray: np.ndarray) -> np.ndarray:
    return (gray < 128).astype(np.uint8)


def test_a_band_a_ring_runs_into_is_still_a_band() -> None:
    gray = _page()
    _band_with_ring(gray)
    bands = [r for r in views.regions(_ink(gray), DPI, gray) if r.band]
    assert len(bands) == 1
    b = bands[0].box
    assert b.x0 <= 105 and b.x1 >= 895 and 295 <= b.y0 <= 305 and 355 <= b.y1 <= 365  # the band, not the ring


@pytest.mark.parametrize("shape", ["frame", "blob", "light"])
def test_what_is_no_band_inside_a_large_shape_stays_none(shape: str) -> None:
    gray = _page()
    if shape == "frame":  # a frame around a line of type, two boxes joined by a rule
        cv2.rectangle(gray, (100, 300), (900, 360), 0, 10)
        cv2.rectangle(gray, (100, 400), (900, 460), 0, 10)
        cv2.line(gray, (500, 360), (500, 400), 0, 10)
        cv2.putText(gray, "Copy to the file", (130, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    elif shape == "blob":  # a picture's dark area: a disc with a highlight, a ring joined to it
        cv2.circle(gray, (500, 350), 120, 20, -1)
        cv2.circle(gray, (470, 320), 20, 240, -1)
        cv2.circle(gray, (500, 350), 200, 0, 9)
        cv2.line(gray, (620, 350), (700, 350), 0, 9)
    else:  # a mid-grey tint (not reverse video) a ring runs into
        gray[300:360, 100:900] = 150
        cv2.putText(gray, "Ref 4471 north", (130, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 250, 3)
        cv2.circle(gray, (420, 380), 150, 0, 9)
        ink = _ink(gray)
        ink[300:360, 100:900] = 1  # as the colour mask may see it: the tint is ink
        assert not [r for r in views.regions(ink, DPI, gray) if r.band]
        return
    assert not [r for r in views.regions(_ink(gray), DPI, gray) if r.band]


def _bold_run_together(gray: np.ndarray, text: str, at: tuple[int, int]) -> None:
    """Bold type a soft scan ran together: each word one dark component, its counters and the
    pinholes between its letters enclosed (a form's heading, as ``sf424`` scans show it)."""
    ink = np.zeros_like(gray)
    cv2.putText(ink, text, at, cv2.FONT_HERSHEY_SIMPLEX, 1.0, 255, 5)
    ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    gray[ink > 0] = 20


@pytest.mark.parametrize("text", ["Federal", "era 20", "Sebastopol"])
def test_bold_letters_run_together_are_type_not_a_band(text: str) -> None:
    gray = _page()
    _bold_run_together(gray, text, (130, 345))
    found = views.regions(_ink(gray), DPI, gray)
    assert not [r for r in found if r.band]
    assert any(r.box.x0 <= 140 and r.box.y0 <= 330 for r in found)  # read as dark type


@pytest.mark.parametrize("tilt", [0.0, 1.5])
def test_a_small_reverse_video_label_is_still_a_band(tilt: float) -> None:
    gray = _page()
    gray[300:350, 100:330] = 25
    cv2.putText(gray, "ID 4421", (112, 338), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 240, 2)
    turn = cv2.getRotationMatrix2D((215.0, 325.0), tilt, 1.0)
    turned = np.asarray(cv2.warpAffine(gray, turn, (gray.shape[1], gray.shape[0]), borderValue=255), np.uint8)
    bands = [r for r in views.regions(_ink(turned), DPI, turned) if r.band]
    assert len(bands) == 1 and bands[0].box.width >= 220


def test_a_stamp_read_in_its_own_layer_explains_none_of_the_print_under_it() -> None:
    ink = np.zeros((200, 600), np.uint8)
    print_ink = np.zeros_like(ink)
    for k in range(18):  # black digits along the line
        print_ink[60:100, 20 + 30 * k : 36 + 30 * k] = 1
    stamp = np.zeros_like(ink)
    stamp[70:90, 150:450] = 1  # the red word across them
    ink[:] = np.maximum(print_ink, stamp)
    region = views.Region(BBox(10, 50, 570, 110), False, 18, 40.0)
    cover = views.Cover([region], ink)
    box = region.box
    carries_stamp = stamp[box.y0 : box.y1, box.x0 : box.x1].copy()
    word = [BBox(150, 70, 450, 90)]
    assert not views._explains(cover, 0, word, carries_stamp)
    whole_line = [BBox(15, 55, 565, 105)]
    assert views._explains(views.Cover([region], ink), 0, whole_line)  # a reading of all the ink does


def test_type_read_in_its_layer_on_a_tint_explains_its_region() -> None:
    ink = np.zeros((200, 600), np.uint8)
    ink[50:110, 10:570] = 1  # the tint, ink to the colour mask
    region = views.Region(BBox(10, 50, 570, 110), False, 10, 30.0)
    typed = np.zeros((60, 560), np.uint8)
    typed[15:45, 20:540:12] = 1  # the type's layer
    tint = 1 - typed
    assert float(tint.mean()) > views.BLOCK_FILL
    assert views._explains(views.Cover([region], ink), 0, [BBox(25, 60, 555, 100)], typed)


@pytest.mark.slow
def test_the_screened_band_under_a_stamp_is_not_passed_unread(tmp_path: Path) -> None:
    """The fuzzer's seed 12 document 54: an address in white 6 pt type on a navy dot screen, a
    red stamp across it and across an ID number.  Before, the ring joined the band to a
    shape no view looked at, the stamp's word read in red explained the print under it, and
    the page was passed with both: now each is read and burned or the page is refused."""
    doc = fuzzdocs.make(12, 54, tmp_path / "in")
    out = tmp_path / "out"
    res = run_cli(["redact", str(doc.path), "-o", str(out), "--to", "pdf", "-l", doc.lang, "--quiet"])
    if res.code == 0:
        report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
        rules = report["totals"]
        assert rules.get("pii-intl.email") and rules.get("pii-cn.id"), rules
    else:
        assert res.code == 9 and "no reading could read" in res.stderr
        assert not list(out.glob("*.pdf"))


def _nothing(image: object) -> Page:
    """A reader that reads nothing: what a view would make of a scanner's border."""
    return Page(0, 1, 1, DPI, PageSource.OCR, (), "eng")


@pytest.mark.parametrize(("top", "kind"), [(0, "page edge"), (300, None)])
def test_a_dark_band_at_the_page_edge_is_its_edge_and_elsewhere_unread(top: int, kind: str | None) -> None:
    gray = _page()
    gray[top : top + 9, :] = 88  # a scanner's border (sf424's scan), or a bar inside the page
    ink = _ink(gray)
    ink[top + 9 : top + 16, 300:349] = 1  # a fringe of ink hanging from it
    ink[top + 4 : top + 7, 310:318] = 0  # light marks in it: a band's, read inverted
    ink[top + 4 : top + 7, 322:330] = 0
    ink[top + 4 : top + 7, 334:340] = 0
    band = views.Region(BBox(300, top, 349, top + 16), True, 1, 16.0)
    seen = views.read_views(gray, [band], np.where(ink > 0, 0, 255).astype(np.uint8), ink, DPI, _nothing, 0, "eng")
    if kind is None:
        assert seen.unread == (band.box,) and not seen.structure
    else:
        assert not seen.unread and [i.kind for i in seen.structure] == [kind]


@pytest.mark.slow
def test_a_number_in_hollow_type_misread_everywhere_is_read_by_ppocr(tmp_path: Path) -> None:
    """The fuzzer's seed 51 document 4: an ID number in outlined 8-11 pt type on a dot screen,
    read by Tesseract in every view as ``S2OLO2L LOB7`` with confidence, so its ink counted as
    read and the page was passed with the number (PP-OCR, an attacker's reader, read it).  A
    page with a word that looks like a misread number is now read whole by PP-OCR too."""
    doc = fuzzdocs.make(51, 4, tmp_path / "in")
    out = tmp_path / "out"
    res = run_cli(["redact", str(doc.path), "-o", str(out), "--to", "pdf", "-l", doc.lang, "--quiet"])
    assert res.code == 0, res.stderr
    report = json.loads(next(out.glob("*.report.json")).read_text(encoding="utf-8"))
    assert report["totals"].get("pii-cn.id"), report["totals"]
