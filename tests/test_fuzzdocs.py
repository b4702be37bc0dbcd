"""The leak fuzzer's documents: reproducible, drawn from the declared distribution, and
planting what they say they plant (valid numbers, codes that decode)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import phonenumbers
import pytest
import zxingcpp
from PIL import Image
from stdnum.cn import ric

from benchmarks import attacker, bench_fuzz, fuzzdocs


def test_same_seed_same_documents(tmp_path: Path) -> None:
    a = fuzzdocs.make(7, 3, tmp_path / "a")
    b = fuzzdocs.make(7, 3, tmp_path / "b")
    assert a.traits == b.traits and a.items == b.items
    assert a.path.read_bytes() == b.path.read_bytes()
    assert fuzzdocs.make(8, 3, tmp_path / "c").items != a.items


def test_traits_come_from_the_distribution(tmp_path: Path) -> None:
    for i in range(12):
        doc = fuzzdocs.make(1, i, tmp_path)
        for trait, value in doc.traits.items():
            assert value in fuzzdocs.DISTRIBUTION[trait]
        assert 2 <= len(doc.items) <= 6  # up to 4 planted, a watermark's name, a twist's item
        assert doc.path.exists() and doc.innocent


def test_planted_numbers_are_valid() -> None:
    rng = random.Random(5)
    for _ in range(20):
        number = fuzzdocs.item(rng, "id.cn").written
        assert ric.is_valid("".join(ch for ch in number if ch.isalnum()))
    for kind, region in (("phone.cn-mobile", "CN"), ("phone.hk", "HK"), ("phone.gb", "GB"), ("phone.us", "US")):
        for _ in range(5):
            written = fuzzdocs.item(rng, kind).written
            digits = "".join(ch for ch in written if ch.isdigit() or ch == "+")
            assert phonenumbers.is_valid_number(phonenumbers.parse(digits, region)), kind


@pytest.mark.slow
def test_codes_decode_and_the_attacker_reads_them(tmp_path: Path) -> None:
    for i in range(200):  # the first barcode document of seed 1
        doc = fuzzdocs.make(1, i, tmp_path)
        if doc.traits["layout"] == "barcode" and doc.traits["print"] == "clean" and doc.path.suffix == ".png":
            break
    coded = [it for it in doc.items if it.kind.startswith("code.")]
    assert len(coded) == 1
    with Image.open(doc.path) as img:
        payloads = [attacker.norm(p) for p in bench_fuzz.barcodes(img)]
        assert any(attacker.norm(s) in p for s in coded[0].secrets for p in payloads)
        assert len(zxingcpp.read_barcodes(img)) == 2  # the planted code and an innocent one


@pytest.mark.slow
def test_twists_plant_what_they_say(tmp_path: Path) -> None:
    """Every twist is drawn from its table; its items are valid numbers, listed names, codes
    that decode; a twist does not change the rest of the document."""
    from stdnum import luhn

    seen = set()
    for i in range(40):
        doc = fuzzdocs.make(3, i, tmp_path)
        twist = doc.traits["twist"]
        assert twist in fuzzdocs.TWISTS
        seen.add(twist)
        for it in doc.items:
            if it.kind == "card.bank":
                assert luhn.is_valid(it.written.replace(" ", ""))
            if it.kind in ("name.caps-surname-first", "name.initial"):
                assert it.term in fuzzdocs.LISTED and it.term.split()[-1].casefold() in it.written.casefold()
    assert len(seen) >= 8


def test_styles_draw_ink() -> None:
    rng = random.Random(1)
    for style in fuzzdocs.FONTS:
        f = fuzzdocs._font(style, 60, False)
        mask = fuzzdocs.text_mask("Grant 0755", style, f, rng)
        assert mask.getextrema() == (0, 255), style


def test_report_lines_carry_no_planted_text(tmp_path: Path) -> None:
    """Progress lines, the table and the JSON summary name ids, classes and traits only."""
    results = []
    for i in range(6):
        doc = fuzzdocs.make(2, i, tmp_path)
        res = bench_fuzz.Result(doc, 0 if i % 2 else 9, 1.0, 2.0, [it.kind for it in doc.items[:1]], 4, 3)
        results.append(res)
    summary = bench_fuzz.summarise(results, 2, 10.0)
    out = "\n".join([*(bench_fuzz._line(r) for r in results), bench_fuzz.table(summary), json.dumps(summary)])
    for r in results:
        for it in r.doc.items:
            for secret in (it.written, *it.secrets):
                assert secret not in out
        assert not any(w in out for w in r.doc.innocent)
    assert summary["items_recovered_exit0"] == 3 and summary["refused"] == {"9": 3}


def test_pieces_of_a_run_merge_into_the_whole(tmp_path: Path) -> None:
    """A run made in pieces (``--start``) reports as the run made in one piece."""
    results = [
        bench_fuzz.Result(fuzzdocs.make(2, i, tmp_path), 0 if i % 3 else 9, 1.0 + i, 2.0, [], 4 + i, 3)
        for i in range(6)
    ]
    whole = bench_fuzz.summarise(results, 2, 12.0)
    parts = [bench_fuzz.summarise(results[:2], 2, 4.0), bench_fuzz.summarise(results[2:], 2, 8.0)]
    merged = json.loads(json.dumps(bench_fuzz.merge(parts[::-1])))
    assert merged == json.loads(json.dumps(whole))
    with pytest.raises(ValueError, match="two pieces"):
        bench_fuzz.merge([parts[0], parts[0]])
