"""Classes the stop-43 red team found (``benchmarks/redteam43.py``): data packed into a code as
base64, a passport's machine-readable lines, a product's EAN-13 taken for a payment card, and
a large Han character taken for a damaged Data Matrix (a title burned as an unread code)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from benchmarks.redteam41 import CJK, font
from sandbox.redact import codes
from sandbox.redact.detectors import detect_text, mrz_lines
from sandbox.redact.numbers import card_issuer
from sandbox.redact.policy import Policy
from sandbox.redact.textmap import PageText
from tests.conftest import run_cli

ID = "11010519491231002X"  # invented, with a valid check character


def test_base64_json_in_a_code_is_checked_like_text() -> None:
    packed = base64.urlsafe_b64encode(json.dumps({"n": "visitor", "id": ID, "m": "13912345678"}).encode()).decode()
    assert "pii-cn.id" in codes.payload_rules("https://pass.example/v?d=" + packed.rstrip("="), Policy())
    assert "pii-cn.mobile" in codes.payload_rules(packed, Policy())
    assert codes.payload_rules("PRODUCTSERIALNUMBER0001ABCDEFGH", Policy()) == []  # decodes to bytes, not text


def _rules(text: str) -> list[str]:
    pt = PageText(text, tuple(range(len(text))), ())
    return [m.rule for m in detect_text(pt, Policy())]


def test_a_passports_machine_readable_lines_are_burned_whole() -> None:
    page = "PASSPORT\nP<CHNOUYANG<<WEIMING<<<<<<<<<<<<<<<<<<<<<<<<<\nE123456784CHN8501017M3001012<<<<<<<<<<<<<<06"
    spans = list(mrz_lines(page))
    assert len(spans) == 2 and page[spans[0][0] : spans[0][0] + 5] == "P<CHN"
    assert "pii-intl.mrz" in _rules(page)
    read_k = "P KCHNOUYANGKKWEIMINGKKKKKKKKKKKKKKKKKKKKKKKKK"  # fillers read as K
    assert list(mrz_lines(read_k))
    for ordinary in ("THE QUARTERLY FIGURES AND THE SCHEDULE FOR AUDIT", "ISBN 978-7-5327-8453-1 <<A NOVEL>>"):
        assert not list(mrz_lines(ordinary))


def test_a_chinese_ean13_is_no_card_and_a_unionpay_card_is() -> None:
    assert not card_issuer("6901234567892")  # EAN-13, Luhn-valid, GS1 prefix 690 (China)
    assert card_issuer("6222021234567894")  # UnionPay debit, 16 digits
    assert "pii-intl.card" not in _rules("条码 6901234567892 单价 12.50")


def test_a_han_character_is_no_data_matrix() -> None:
    img = Image.new("L", (300, 200), 255)
    ImageDraw.Draw(img).text((20, 20), "数据资", font=font(CJK, 110), fill=0)
    binary = np.asarray(img, np.uint8)
    # the 尸 of 据: its top and left strokes are the finder's L, its right side half dark
    x0, y0 = 20 + 110, 20 + 12
    corners = [(x0 + 10.0, y0 + 8.0), (x0 + 100.0, y0 + 8.0), (x0 + 100.0, y0 + 98.0), (x0 + 10.0, y0 + 98.0)]
    assert not codes.matrix_like(binary, corners)
    # (a damaged symbol is still one: tests/test_codes_forms.py)


def test_bars_are_bars_and_a_line_of_han_type_is_not() -> None:
    bars = np.asarray(zxingcpp.create_barcode("ORDER-2026-0042", zxingcpp.BarcodeFormat.Code128).to_image(scale=3))
    bars = np.repeat(bars[:1], 90, axis=0) if bars.shape[0] < 10 else bars
    h, w = bars.shape
    assert codes.bars_like(bars, [(0.0, 0.0), (w - 1.0, 0.0), (w - 1.0, h - 1.0), (0.0, h - 1.0)])
    title = Image.new("L", (900, 140), 255)
    ImageDraw.Draw(title).text((10, 10), "关于数据资源管理的通知", font=font(CJK, 80), fill=0)
    arr = np.asarray(title, np.uint8)
    assert not codes.bars_like(arr, [(0.0, 0.0), (899.0, 0.0), (899.0, 139.0), (0.0, 139.0)])


def test_a_phone_list_without_a_cue_on_each_row_is_found_and_a_timetable_is_not() -> None:
    from sandbox.redact.numbers import phones

    def found(text: str) -> list[str]:
        return [text[a:b] for a, b in phones(text)]

    directory = "审计局内部电话簿\n（区号 0571）\n办公室 钟离修远 ........ 8702 3316\n财务科 8702-3362"
    assert found(directory) == ["8702 3316", "8702-3362"]
    table = "Staff directory, all numbers +852\nName Floor Direct line Mobile\nWong 3/F 2867 3159 9123 4706"
    assert found(table) == ["2867 3159", "9123 4706"]
    timetable = "列车时刻表 服务电话 12306\nG102 2105 2248 1318 公里\n年度 2023 2024\nISBN 978 7 5327 8453 1"
    assert found(timetable) == []
    assert found("Budget for the year\nItem 8702 3316") == []  # no page says it lists phones


def test_a_chinese_name_is_found_in_pinyin() -> None:
    from sandbox.redact.names import find_names

    text = "Dear Mr OUYANG, Ouyang Mingyuan and Mingyuan Ouyang (OUYANG Ming-yuan) met Shan Xiong; Wang Wei too."
    found = {text[bs:be] for _, _, bs, be, _ in find_names(text, ["欧阳明远", "单雄"])}
    assert found == {"OUYANG", "Ouyang Mingyuan", "Mingyuan Ouyang", "OUYANG Ming-yuan", "Shan Xiong"}
    assert not list(find_names("Ouyang Street is closed; Mingyuan Hotel.", ["欧阳明远"]))


@pytest.mark.slow
def test_a_table_with_a_pale_tinted_header_on_a_tilted_scan_is_not_refused(tmp_path: Path) -> None:
    """Red team 43, case 27: the tint's top and bottom edges, stepped by a 0.4° tilt, were 27
    unread regions and the ordinary page was refused; they are the tint's edge now."""
    import random

    from benchmarks import redteam41, redteam43

    redteam41.write(redteam43.c_ord_tinted_header(random.Random(43_027)), tmp_path / "case")
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(tmp_path / "case" / "input.png"), "-o", str(review), "-l", "eng", "--isolation", "none"])
    assert res.code == 0, res.stderr
    findings = json.loads(review.read_text())["documents"][0]["findings"]
    assert not [f for f in findings if f["rule"] == "unread"]
    assert sum(f.get("kind") == "band edge" for f in findings) >= 5


def test_faint_small_type_is_no_tint_edge() -> None:
    from PIL import ImageFont

    from sandbox.redact import edges, tints, views

    face = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 11)
    img = Image.new("RGB", (900, 200), (250, 250, 248))
    ImageDraw.Draw(img).text((20, 80), "Olivia Grant 13912345678 olivia@example.com", font=face, fill=(210, 210, 210))
    shown, grey, _ = tints.descreened(img, 200)
    ink, _ = views.ink_mask(shown, grey, 200)
    rgb = np.asarray(shown.convert("RGB"))
    lines = [r for r in views.regions(ink, 200, grey) if r.comps >= 2]
    assert lines and not any(edges.tint_edge(rgb, r.box, 200, ink) for r in lines)


def test_a_pen_tick_in_a_box_on_a_chinese_page_is_a_checkbox_and_a_framed_character_is_not() -> None:
    """Red team 43, case 26: a Chinese checklist's ticked and crossed boxes were unread ink
    (on a Chinese page a box with something inside was taken for 口 around a character)."""
    from sandbox.redact import formmarks

    img = Image.new("L", (1400, 300), 255)
    d = ImageDraw.Draw(img)
    for n, kind in enumerate(("tick", "cross", "empty")):
        x = 40 + n * 320
        d.rectangle((x, 40, x + 60, 100), outline=0, width=4)
        if kind == "tick":
            d.line((x + 12, 72, x + 24, 88), fill=0, width=5)
            d.line((x + 24, 88, x + 50, 50), fill=0, width=5)
        if kind == "cross":
            d.line((x + 12, 52, x + 48, 88), fill=0, width=5)
            d.line((x + 12, 88, x + 48, 52), fill=0, width=5)
    for n, ch in enumerate("回日国囚困因图四"):
        d.text((40 + n * 120, 180), ch, font=font(CJK, 60), fill=0)
    ink = (np.asarray(img) < 128).astype(np.uint8)
    _, items = formmarks.checkboxes(ink, 300, cjk=True)
    assert sorted((i.box.x0, i.kind) for i in items) == [
        (40, "checkbox ticked"),
        (360, "checkbox crossed"),
        (680, "checkbox empty"),
    ]
