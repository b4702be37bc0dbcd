"""Red team 44's classes (``benchmarks/redteam44.py``), each with the test that failed before
its fix: a badge's vCard code holding only ``N:Family;Given``; a Chinese notice's large red
title and its seal (ring read a little small, a star's tip cut off by the signature line)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from sandbox.redact import codes, views
from sandbox.redact.policy import Policy
from tests.conftest import run_cli

POLICY = Policy().with_terms(["Wilhelmina Sloane", "Harriet Vance"])


def test_a_vcard_structured_name_matches_the_listed_name() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Sloane;Wilhelmina;;;\r\nEND:VCARD"
    assert "terms" in codes.payload_rules(card, POLICY)
    assert "terms" in codes.payload_rules("BEGIN:VCARD\nN;CHARSET=UTF-8:Vance;Harriet;J.;Dr;\nEND:VCARD", POLICY)
    assert codes.payload_rules("BEGIN:VCARD\r\nN:Sloane;Peter;;;\r\nEND:VCARD", POLICY) == []
    assert codes._vcard_names("N:Sloane;;;;") == []  # no given name: nothing to put in order


def test_the_rims_of_large_red_type_are_its_own_ink_and_black_print_is_not() -> None:
    red = np.array([200, 30, 30], np.uint8)
    rgb = np.full((60, 60, 3), 255, np.uint8)
    rgb[10:50, 10:20] = red  # a stroke's core
    rgb[10:50, 20:24] = (255 + red.astype(int) * 2) // 3  # its rim, the red thinned by paper
    rgb[10:50, 40:43] = 20  # black print crossing the word's box
    ink = (rgb.min(axis=2) < 225).astype(np.uint8)
    own = views._own_colour(ink, views.lab_array(rgb))
    assert own is not None
    assert own[10:50, 10:24].all()  # core and rim
    assert not own[10:50, 40:43].any()  # the black print is another ink


@pytest.mark.slow
def test_a_red_headed_notice_with_its_seal_is_not_refused(tmp_path: Path) -> None:
    """Red team 44, case 23: a 通知 with its red 40-pt title (红头) and the office's round
    seal over the signature.  Before: exit 9, three unread regions — the title (its rims'
    pale red did not count as its own ink), a ring character and a star's tip that the
    signature line cut off (the ring was found a little small, on its pale inner rim)."""
    from benchmarks import redteam44

    redteam44.write44(redteam44.c_ord_tongzhi(random.Random(44_023)), tmp_path / "case")
    out = tmp_path / "out"
    src = tmp_path / "case" / "input.png"
    res = run_cli(["redact", str(src), "-o", str(out), "-l", "chi_sim+eng", "--to", "png", "--isolation", "none"])
    assert res.code == 0, res.stderr
    assert "redacted 0 box(es)" in res.stdout + res.stderr  # nothing on an ordinary notice is burned
