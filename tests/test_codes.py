"""Barcodes and QR codes: payloads checked like text, matching and undecodable codes burned.

Codes are written with zxing-cpp itself, redacted through the real CLI, and the output is
decoded again with zxing-cpp as an attacker's phone would: nothing sensitive may decode.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pikepdf
import pytest
import zxingcpp
from PIL import Image, ImageDraw
from stdnum.cn import ric

from sandbox.models import BBox
from sandbox.redact import burn, codes
from sandbox.redact.policy import Policy
from tests.conftest import run_cli, text_image

CN_ID = "44030419850712452"
CN_ID += ric.calc_check_digit(CN_ID + "0")  # it ignores the last digit
EMAIL = "olivia.grant@harrowgate.example.com"
INNOCENT = "INV-2291 SHELF 14"


def _code(payload: str, fmt: zxingcpp.BarcodeFormat, scale: int = 4) -> Image.Image:
    return Image.fromarray(np.asarray(zxingcpp.create_barcode(payload, fmt).to_image(scale=scale)))


def _page(codes_at: list[tuple[Image.Image, tuple[int, int]]]) -> Image.Image:
    page = text_image(["Shipping note", "Items listed below were checked on arrival."], width=2000)
    page = page.resize((2000, 2600)) if page.height < 2600 else page
    canvas = Image.new("L", (2000, 2600), 255)
    canvas.paste(page.crop((0, 0, 2000, 300)), (0, 0))
    for img, at in codes_at:
        canvas.paste(img, at)
    canvas.info["dpi"] = (300, 300)
    return canvas


def _decoded(path: Path) -> list[str]:
    """Every distinct payload zxing-cpp reads on every page of a PDF (rendered at 300 DPI) or image."""
    from pdf2image import convert_from_path

    pages = convert_from_path(str(path), dpi=300) if path.suffix == ".pdf" else [Image.open(path)]
    found: list[str] = []
    for page in pages:
        for view in (page.convert("L"), page.convert("L").point(lambda v: 255 if v > 128 else 0)):
            found += [c.text for c in zxingcpp.read_barcodes(view, return_errors=True) if c.valid]
    return sorted(set(found))


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("codes")
    img = _page(
        [
            (_code(CN_ID, zxingcpp.BarcodeFormat.Code39, 3), (120, 400)),
            (_code(EMAIL, zxingcpp.BarcodeFormat.Code128, 3), (120, 1000)),
            (_code(INNOCENT, zxingcpp.BarcodeFormat.QRCode, 8), (1400, 1600)),
        ]
    )
    path = folder / "note.png"
    img.save(path, dpi=(300, 300))
    assert _decoded(path) == sorted([CN_ID, EMAIL, INNOCENT])  # the input holds all three
    return path


def _redact(src: Path, out: Path, *extra: str) -> tuple[int, str]:
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "pdf", "--isolation", "none", *extra])
    for secret in (CN_ID, EMAIL, INNOCENT):
        assert secret not in res.stderr and secret not in res.stdout
    return res.code, res.stderr


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redacted(page_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page redacted with the default options (what two tests look at: made once)."""
    out = tmp_path_factory.mktemp("redacted")
    code, err = _redact(page_file, out)
    assert code == 0, err
    return out


def test_sensitive_codes_burned_innocent_kept(redacted: Path) -> None:
    assert _decoded(redacted / "redacted-001.pdf") == [INNOCENT]
    report = (redacted / "redacted-001.report.json").read_text()
    totals = json.loads(report)["totals"]
    assert totals.get("code:pii-cn.id") == 1 and totals.get("code:pii-intl.email") == 1
    assert CN_ID not in report and EMAIL not in report and INNOCENT not in report


def test_codes_redact_burns_every_code(page_file: Path, tmp_path: Path) -> None:
    code, err = _redact(page_file, tmp_path, "--codes", "redact")
    assert code == 0, err
    assert _decoded(tmp_path / "redacted-001.pdf") == []
    assert json.loads((tmp_path / "redacted-001.report.json").read_text())["totals"].get("code:all") == 1


def test_codes_keep_leaves_codes(page_file: Path, tmp_path: Path) -> None:
    code, err = _redact(page_file, tmp_path, "--codes", "keep", "--unread", "keep")
    assert code == 0, err
    assert _decoded(tmp_path / "redacted-001.pdf") == sorted([CN_ID, EMAIL, INNOCENT])


def test_review_names_the_rule_never_the_payload(page_file: Path, tmp_path: Path) -> None:
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(page_file), "-o", str(review), "--isolation", "none"])
    assert res.code == 0, res.stderr
    data = review.read_text(encoding="utf-8")
    assert CN_ID not in data and EMAIL not in data and INNOCENT not in data
    rules = {f["rule"] for d in json.loads(data)["documents"] for f in d["findings"]}
    assert {"code:pii-cn.id", "code:pii-intl.email"} <= rules


def test_terms_match_in_payload_and_pdf_input(tmp_path: Path) -> None:
    """A listed term inside a URL-encoded QR payload, on a PDF page."""
    url = "https://intra.example/p?who=Kestrel%20Project"
    img = _page([(_code(url, zxingcpp.BarcodeFormat.QRCode, 8), (300, 800))])
    src = tmp_path / "in.pdf"
    img.convert("RGB").save(src, resolution=300)
    terms = tmp_path / "terms.txt"
    terms.write_text("Kestrel Project\n", encoding="utf-8")
    code, err = _redact(src, tmp_path / "out", "--terms", str(terms))
    assert code == 0, err
    assert _decoded(tmp_path / "out" / "redacted-001.pdf") == []
    with pikepdf.open(tmp_path / "out" / "redacted-001.pdf") as pdf:
        assert len(pdf.pages) == 1


def test_damaged_code_is_burned_as_unread(tmp_path: Path) -> None:
    """A symbol seen but not decoded (a strip torn out) cannot be shown harmless: burned."""
    img = _code(INNOCENT, zxingcpp.BarcodeFormat.Code128, 4)
    ImageDraw.Draw(img).rectangle((img.width // 2, 0, img.width // 2 + 14, img.height), fill=255)
    page = _page([(img, (200, 700))])
    found = codes.look(page, Policy(), "check").marks
    assert [m.rule for m in found] and all(m.rule == codes.UNREAD for m in found)
    burned = burn.burn(page, [m.box for m in found])
    assert codes.symbols(burned) == []


def test_payload_rules_on_variants() -> None:
    policy = Policy()
    assert "pii-intl.email" in codes.payload_rules("mailto:" + EMAIL.replace("@", "%40"), policy)
    assert "pii-cn.id" in codes.payload_rules(f"ID:{CN_ID};", policy)
    assert codes.payload_rules(INNOCENT, policy) == []


@pytest.mark.parametrize(
    "payload", ["4155111823", "+14155111823", "13912345678", "02162345678", "+85221234567", "02079460958"]
)
def test_a_bare_number_payload_is_checked_as_a_phone_number(payload: str) -> None:
    """A code holds a number without the grouping or cue prose gives it (US, CN, HK, GB)."""
    assert any(rule.endswith((".phone", ".mobile", ".landline")) for rule in codes.payload_rules(payload, Policy()))


def test_a_bare_number_that_is_no_phone_number_stays() -> None:
    assert codes.payload_rules("0000000", Policy()) == []
    assert codes.payload_rules("1234", Policy()) == []
    assert codes.payload_rules("4006381333931", Policy()) == []  # a product's EAN-13


def test_a_cue_in_the_payload_announces_a_phone_but_no_made_up_cue_does() -> None:
    """A payload that says ``Tel.`` announces a phone number, valid or not; a bare number is
    checked as a phone number by the validity checks only (no cue of its own), and stays when
    the allow-list holds it."""
    assert codes.payload_rules("Tel. 902 0772 7242", Policy()) == ["pii-intl.phone"]  # valid nowhere
    assert codes.payload_rules("90207727242", Policy()) == []  # 11 digits, valid nowhere
    assert codes.payload_rules("02079460958", Policy(packs=("pii-intl",))) == ["pii-intl.phone"]
    assert codes.payload_rules("02079460958", Policy(packs=("pii-intl",), allow=("02079460958",))) == []


def test_keep_decodes_nothing() -> None:
    page = _page([(_code(CN_ID, zxingcpp.BarcodeFormat.Code39, 3), (120, 400))])
    assert codes.look(page, Policy(), "keep") == codes.CodeMarks([], [])
    assert [m.rule for m in codes.look(page, Policy(), "check").marks] == ["code:pii-cn.id"]


def test_verify_names_a_flagged_code(page_file: Path, redacted: Path) -> None:
    """verify fails a file whose code holds an ID number (the rule named, never the payload),
    and passes the redacted output."""
    res = run_cli(["verify", str(page_file), "--isolation", "none"])
    assert res.code == 9, res.stderr
    assert "code:pii-cn.id found" in res.stderr and "code:pii-intl.email found" in res.stderr
    assert CN_ID not in res.stderr and EMAIL not in res.stderr
    res = run_cli(["verify", str(redacted / "redacted-001.pdf"), "--isolation", "none"])
    assert "code:" not in res.stderr, res.stderr


@pytest.mark.parametrize(("encoding", "name"), [("gbk", "欧阳建国"), ("big5", "歐陽建國"), ("utf-8", "欧阳建国")])
def test_a_payload_of_legacy_cjk_bytes_without_eci_is_checked_as_that_text(encoding: str, name: str) -> None:
    """A code holding GBK (or Big5, UTF-8) bytes and no ECI marker decodes as ISO-8859-1
    mojibake; the bytes are read again in each legacy encoding, so a listed name or an ID number
    with a Chinese label inside is found."""
    mojibake = f"{name} {CN_ID}".encode(encoding).decode("latin-1")
    assert any(name in v for v in codes.payload_variants(mojibake))
    policy = Policy().with_terms([name], [])
    assert "terms" in codes.payload_rules(mojibake, policy)
    assert codes.payload_variants("plain ascii") == ("plain ascii",)


def test_a_burn_box_grows_over_the_bars_it_cuts_not_the_frame() -> None:
    img = Image.new("RGB", (800, 500), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((20, 20, 780, 480), outline="black", width=4)  # the form's frame around the code
    for x in range(200, 520, 16):
        draw.rectangle((x, 150, x + 7, 330), fill="black")  # bars 180 px tall
    (grown,) = codes.whole_bars(img, [BBox(230, 170, 500, 310)])  # a detector's box inside them
    assert (grown.x0, grown.y0, grown.x1, grown.y1) == (200, 150, 512, 331)


@pytest.mark.parametrize(
    ("payload", "phone"),
    [
        ("08613800138000", True),  # +86 138…, padded by one zero to ITF's even count (fuzzer seed 15, doc 40)
        ("00012345678905", False),  # a GTIN-14
        ("01234567890128", False),
        ("6901234567892", False),  # an EAN-13
    ],
)
def test_a_padded_international_number_in_a_code_is_a_phone(payload: str, phone: bool) -> None:
    from sandbox.redact import codes
    from sandbox.redact import policy as pol

    assert codes.bare_phone(payload, pol.default()) is phone
