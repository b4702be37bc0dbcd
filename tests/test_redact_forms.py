"""End to end through Tesseract: terms as OCR misreads them, names and numbers as people
write them are burned; version numbers and marking words in prose are kept; the review says
which findings matched within the OCR tolerance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.conftest import run_cli, text_image

pytestmark = pytest.mark.slow

LINES = [
    "Letter from Danie! Okafor about the budget.",
    "Call 020 7946 0958 or (212) 555-0173 today.",
    "Write to jane [at] example.com for the minutes.",
    "Signed by Olivia J. Grant and Raman, Priya.",
    "Upgrade to firmware v1.2.3.4 before June.",
    "The INTERNAL AUDIT team met in spring.",
]
SECRETS = ["Okafor", "7946", "0958", "555-0173", "jane", "example.com", "Olivia", "Grant", "Raman", "Priya"]
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
ZH_LINES = [
    "关于年度预算编制工作的通知",
    "联系人张伟负责本项目的年度预算编制工作。",
    "本公司内部控制制度健全，敏感性分析见附表。",
    "各部门应保守商业秘密，按时报送材料。",
]
KEPT = ["Letter", "budget", "Call", "today", "minutes", "Signed", "firmware", "v1.2.3.4", "INTERNAL", "AUDIT", "spring"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("forms")
    src = root / "letter.png"
    text_image(LINES, size=38).save(src, dpi=(300, 300))
    terms = root / "terms.txt"
    terms.write_text("Daniel Okafor\nOlivia Grant\nPriya Raman\n", encoding="utf-8")
    return src, terms


def test_written_forms_are_burned_and_prose_kept(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    src, terms = inputs
    res = run_cli(["redact", str(src), "-o", str(tmp_path), "--to", "png,txt", "--terms", str(terms),
                   "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    txt = (tmp_path / "redacted-001.txt").read_text(encoding="utf-8")
    assert [s for s in SECRETS if s in txt] == []
    assert [k for k in KEPT if k not in txt] == []
    for secret in SECRETS:
        assert secret not in res.stderr and secret not in res.stdout
    report = (tmp_path / "redacted-001.report.json").read_text(encoding="utf-8")
    assert "fuzzy" not in report and not any(s in report for s in SECRETS)  # reports carry no text


def test_review_shows_how_a_term_matched(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    src, terms = inputs
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(src), "-o", str(review), "--terms", str(terms), "--isolation", "none"])
    assert res.code == 0, res.stderr
    findings = json.loads(review.read_text(encoding="utf-8"))["documents"][0]["findings"]
    matches = {f["text"]: f.get("match", "exact") for f in findings if f["rule"] == "terms"}
    assert matches.get("Danie! Okafor") == "fuzzy", matches
    assert matches.get("Raman, Priya") == "name", matches
    # Tesseract reads the initial as "J]." or "J.": a middle initial either way
    assert [m for t, m in matches.items() if t.startswith("Olivia J") and t.endswith("Grant")] == ["name"], matches
    rules = {f["rule"] for f in findings}
    assert {"pii-intl.phone", "pii-intl.email"} <= rules and "markings" not in rules and "pii-intl.ip" not in rules


def test_born_digital_chinese_report_loses_only_the_hit(tmp_path: Path) -> None:
    """A text layer gives a Chinese line as one word: the hit burns two characters, not the line;
    marking words in prose (内部控制, 敏感性分析, 保守商业秘密) burn nothing."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(595, 842))
    pdf.add_font("wqy", "", CJK_FONT)
    pdf.add_page()
    pdf.set_font("wqy", "", 16)
    for n, line in enumerate(ZH_LINES):
        pdf.text(72, 100 + 40 * n, line)
    src = tmp_path / "report.pdf"
    pdf.output(str(src))
    terms = tmp_path / "terms.txt"
    terms.write_text("张伟\n", encoding="utf-8")
    res = run_cli(["redact", str(src), "-o", str(tmp_path / "out"), "--to", "txt", "--terms", str(terms),
                   "-l", "chi_sim+eng", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    txt = (tmp_path / "out" / "redacted-001.txt").read_text(encoding="utf-8")
    assert "张伟" not in txt
    for kept in ("联系人", "负责本项目的年度预算编制工作", "本公司内部控制制度健全", "敏感性分析", "保守商业秘密"):
        assert kept in txt, kept
    report = json.loads((tmp_path / "out" / "redacted-001.report.json").read_text(encoding="utf-8"))
    assert report["totals"] == {"terms": 1}


MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _comb_page(text: str, box: int = 58) -> Image.Image:
    """A paper form: a label, then one character per box of a comb field."""
    img = text_image(["Application form", "Surname / Name"], size=36, width=1600)
    page = Image.new("L", (1600, 420), 255)
    page.paste(img, (0, 0))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(MONO, int(box * 0.7))
    x, y = 80, 260
    for ch in text:
        draw.rectangle((x, y, x + box, y + box), outline=0, width=3)
        if ch != " ":
            draw.text((x + box * 0.18, y + box * 0.1), ch, font=font, fill=0)
        x += box
    page.info["dpi"] = (300, 300)
    return page


def _rules_removed(img: Image.Image) -> Image.Image:
    """The attacker's view of a form: long horizontal and vertical strokes made white."""
    import cv2
    import numpy as np

    a = np.asarray(img.convert("L"), dtype=np.uint8)
    ink = (a < 160).astype(np.uint8) * 255
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (45, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 45)))
    out = a.copy()
    out[cv2.dilate(np.maximum(h, v), np.ones((3, 3), np.uint8)) > 0] = 255
    return Image.fromarray(out)


def test_a_name_in_a_comb_field_is_burned(tmp_path: Path) -> None:
    """One letter per box (with a middle initial): read with the box walls removed, matched
    letter-spaced; the attacker's walls-removed reading of the output holds no part of it."""
    src = tmp_path / "form.png"
    _comb_page("Daniel A. Okafor").save(src, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("Daniel Okafor\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "png", "--terms", str(terms), "--isolation", "none"])
    assert res.code == 0, res.stderr
    with Image.open(out / "redacted-001-p001.png") as img:
        seen = tesseract_text(_rules_removed(img))
    letters = "".join(ch for ch in seen.casefold() if ch.isalpha())
    assert "okafor" not in letters and "daniel" not in letters
    assert "application" in letters  # the form itself is kept


def test_a_number_in_a_blurred_comb_field_is_burned(tmp_path: Path) -> None:
    """A mobile number one digit per box, its groups parted by middle dots, the page blurred: the
    thresholded walls-removed reading swells the digits into one another (``0`` read ``08``);
    the reading in the page's own greys reads it (the dots as colons or dashes, a stray space),
    and the number is burned: the attacker's walls-removed reading of the output holds none of
    its groups."""
    from PIL import ImageFilter

    src = tmp_path / "form.png"
    _comb_page("133·0904·3973").filter(ImageFilter.GaussianBlur(1.6)).save(src, dpi=(300, 300))
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "png", "--isolation", "none"])
    assert res.code == 0, res.stderr
    with Image.open(out / "redacted-001-p001.png") as img:
        seen = tesseract_text(_rules_removed(img))
    digits = "".join(ch for ch in seen if ch.isdigit())
    assert "0904" not in digits and "3973" not in digits and "133" not in digits
    assert "application" in seen.casefold()  # the form itself is kept


def test_the_walls_removed_readings_of_a_blurred_comb_field_find_its_number() -> None:
    """Blurred print thresholded swells into itself (``0904`` read ``09684``); the walls-removed
    view in the page's own greys keeps the digits apart, and its reading is a phone number."""
    from PIL import ImageFilter

    from sandbox.redact import views
    from sandbox.redact.detectors import detect_text
    from sandbox.redact.policy import Policy
    from sandbox.redact.textmap import PageText

    page = _comb_page("133·0904·3973").filter(ImageFilter.GaussianBlur(1.6))
    found = []
    for view in views.without_rules(page.convert("RGB"), 300):
        text = tesseract_text(view)
        pt = PageText(text, tuple(range(len(text))), tuple(0 for _ in text))
        found += [m.rule for m in detect_text(pt, Policy())]
    assert "pii-intl.phone" in found


def tesseract_text(img: Image.Image) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".png") as fh:
        img.save(fh.name)
        proc = subprocess.run(["tesseract", fh.name, "-", "-l", "eng"], capture_output=True, check=True)
    return proc.stdout.decode("utf-8", "replace")


def test_a_mirrored_line_of_wide_words_is_read_whole_and_burned(tmp_path: Path) -> None:
    """Show-through: a mirrored, lighter line in a large monospace face splits into word regions
    that plain readings cover with confident nonsense; read mirrored as one line, the number
    across its words is found and burned."""
    page = text_image(["Quarterly operations note", "The committee met on Tuesday."], size=40, width=2000)
    canvas = Image.new("L", (2000, 600), 255)
    canvas.paste(page, (0, 0))
    line = Image.new("L", (1900, 140), 0)
    ImageDraw.Draw(line).text((10, 10), "Prepared by +86 20 4059 9620", font=ImageFont.truetype(MONO, 96), fill=255)
    line = line.transpose(Image.Transpose.FLIP_LEFT_RIGHT).point(lambda v: int(v * 0.7))
    canvas.paste(0, (40, 400), line)
    src = tmp_path / "through.png"
    canvas.save(src, dpi=(300, 300))
    out = tmp_path / "out"
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "png", "--isolation", "none"])
    assert res.code == 0, res.stderr
    with Image.open(out / "redacted-001-p001.png") as img:
        seen = tesseract_text(img.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    digits = "".join(ch for ch in seen if ch.isdigit())
    assert "4059" not in digits and "9620" not in digits
