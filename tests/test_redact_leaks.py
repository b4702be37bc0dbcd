"""Redaction against a reader better than Tesseract: every hostile case of
``benchmarks/leakcases.py`` is redacted and then attacked (re-thresholds, inversion, darkest
channel, turns, pdftotext, bytes, metadata, thumbnails); review-file, report, naming and
verify rules of issue 10 each get a case built here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, PngImagePlugin

from benchmarks import attacker, leakcases
from sandbox.errors import ExitCode
from tests.conftest import run_cli, text_image

pytestmark = pytest.mark.slow

CASES = {c.name: c for c in leakcases.cases()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("leaks")
    leakcases.build(root / "in")
    return root / "in", leakcases.terms_file(root / "terms.txt")


def _redact(src: Path, out: Path, terms: Path, *extra: str, lang: str = "eng") -> tuple[int, str]:
    res = run_cli(["redact", str(src), "-o", str(out), "--to", "pdf,png,txt,json", "--terms", str(terms),
                   "-l", lang, "--isolation", "none", *extra])  # fmt: skip
    return res.code, res.stderr


NAMES = sorted(CASES)
THOROUGH = ("upside-down", "stamp-30", "faint-200", "shaded-100", "dot-matrix")  # attacked with turns and blurs too
FIRST, SECOND = NAMES[: len(NAMES) // 2], NAMES[len(NAMES) // 2 :]  # two files: two workers share them


@pytest.mark.parametrize("name", FIRST)
def test_nothing_listed_is_recoverable(name: str, built: tuple[Path, Path], tmp_path: Path) -> None:
    check_case(name, built, tmp_path)


def check_case(name: str, built: tuple[Path, Path], tmp_path: Path) -> None:
    """Redact one hostile case, then attack every output as a better reader would."""
    case = CASES[name]
    src = built[0] / f"{name}{case.suffix}"
    code, err = _redact(src, tmp_path, built[1], *case.args, lang=case.lang)
    assert code == 0, err  # ordinary and hostile cases alike: an output, not a refusal
    for secret in case.secrets:
        assert secret not in err
    txt = (tmp_path / "redacted-001.txt").read_text(encoding="utf-8")
    kept = [w for w in case.innocent if attacker.norm(w) in attacker.norm(txt)]
    assert len(kept) >= 0.9 * len(case.innocent), kept
    for output in sorted(tmp_path.iterdir()):
        if output.name.endswith(".report.json"):
            continue
        thorough = output.suffix == ".png" and name in THOROUGH
        assert attacker.recovered(output, case.secrets, case.lang, thorough=thorough) == [], output.name


def test_unread_ink_fails_closed_and_can_be_decided(tmp_path: Path) -> None:
    """Ink no reading can read (a scribble of letters in no script) stops redact until decided."""
    img = text_image(["The committee reviewed the budget."], size=42)
    page = Image.new("L", (img.width, img.height + 200), 255)
    page.paste(img, (0, 0))
    from PIL import ImageDraw

    draw = ImageDraw.Draw(page)
    for i in range(14):  # glyph-like marks in a row: text-shaped, unreadable
        x = 120 + i * 60
        draw.arc((x, img.height + 40, x + 40, img.height + 90), 30 + 20 * i, 300, fill=0, width=6)
    page.save(tmp_path / "scribble.png", dpi=(300, 300))
    terms = tmp_path / "t.txt"
    terms.write_text("Nobody Listed\n")
    code, err = _redact(tmp_path / "scribble.png", tmp_path / "o1", terms)
    assert code == ExitCode.VERIFY and "--unread redact" in err
    assert not (tmp_path / "o1").exists() or not any((tmp_path / "o1").iterdir())
    code, err = _redact(tmp_path / "scribble.png", tmp_path / "o2", terms, "--unread", "redact")
    assert code == 0, err
    report = json.loads((tmp_path / "o2" / "redacted-001.report.json").read_text())
    assert report["totals"].get("unread", 0) >= 1
    review = tmp_path / "review.json"
    res = run_cli(["flag", str(tmp_path / "scribble.png"), "-o", str(review), "--terms", str(terms),
                   "--isolation", "none"])  # fmt: skip
    assert res.code == 0 and "unread region" in res.stderr
    data = json.loads(review.read_text())
    unread = [f for f in data["documents"][0]["findings"] if f["rule"] == "unread"]
    assert unread and all(f["decision"] == "undecided" for f in unread)
    for f in unread:
        f["decision"] = "keep"
    review.write_text(json.dumps(data))
    res = run_cli(["redact", str(tmp_path / "scribble.png"), "--review", str(review), "-o", str(tmp_path / "o3"),
                   "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(page=0), "page must be a number from 1 to 1"),
        (lambda m: m.update(page=2), "page must be a number from 1 to 1"),
        (lambda m: m.update(page="one"), "page must be a number"),
        (lambda m: m.update(box=[10, 10, 99999, 99999]), "outside the page"),
    ],
)
def test_review_entries_are_validated(tmp_path: Path, change: object, message: str) -> None:
    src = tmp_path / "page.png"
    text_image(["Budget for the archive, prepared by Thomas Brennan."]).save(src, dpi=(300, 300))
    review = tmp_path / "r.json"
    res = run_cli(["flag", str(src), "-o", str(review), "--isolation", "none"])
    assert res.code == 0, res.stderr
    data = json.loads(review.read_text())
    manual = {"page": 1, "box": [10, 10, 50, 50]}
    change(manual)  # type: ignore[operator]
    data["documents"][0]["manual"]["boxes"].append(manual)
    review.write_text(json.dumps(data))
    res = run_cli(["redact", str(src), "--review", str(review), "-o", str(tmp_path / "o"), "--isolation", "none"])
    assert res.code == ExitCode.USAGE and message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr


def test_review_plus_terms_redacts_both(tmp_path: Path) -> None:
    src = tmp_path / "page.png"
    text_image(["Minutes by Thomas Brennan for the archive."]).save(src, dpi=(300, 300))
    review = tmp_path / "r.json"
    assert run_cli(["flag", str(src), "-o", str(review), "--isolation", "none"]).code == 0
    terms = tmp_path / "t.txt"
    terms.write_text("Thomas Brennan\n")
    out = tmp_path / "o"
    res = run_cli(["redact", str(src), "--review", str(review), "--terms", str(terms), "-o", str(out), "--to",
                   "pdf,txt", "--isolation", "none"])  # fmt: skip
    assert res.code == 0, res.stderr
    assert "Brennan" not in (out / "redacted-001.txt").read_text()
    report = json.loads((out / "redacted-001.report.json").read_text())
    assert report["totals"]["terms"] >= 1
    assert "salt" not in report and "hash" not in json.dumps(report)  # nothing to confirm a guess with


def test_redact_auto_language_and_cropbox(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 14)
    pdf.text(100, 450, "Prepared by Thomas Brennan for the archive committee.")
    raw = io.BytesIO(bytes(pdf.output()))
    with pikepdf.open(raw) as doc:
        doc.pages[0].obj["/CropBox"] = [50, 300, 500, 600]
        doc.save(tmp_path / "cropped.pdf")
    terms = tmp_path / "t.txt"
    terms.write_text("Thomas Brennan\n")
    code, err = _redact(tmp_path / "cropped.pdf", tmp_path / "o", terms, lang="auto")
    assert code == 0, err
    assert "Brennan" not in (tmp_path / "o" / "redacted-001.txt").read_text()


def test_outputs_stay_inside_output_dir(tmp_path: Path) -> None:
    inbox = tmp_path / "in" / "sub"
    inbox.mkdir(parents=True)
    text_image(["Budget for the archive."]).save(inbox / "a.png", dpi=(300, 300))
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere)
    res = run_cli(["redact", str(tmp_path / "in"), "-o", str(out), "--keep-names", "--isolation", "none"])
    assert res.code != 0 and "symbolic link" in res.stderr
    assert not any(elsewhere.iterdir())


def _named_png(tmp_path: Path, secret: str, *, thumbnail: bool) -> Path:
    img = text_image(["Nothing to see here."])
    path = tmp_path / ("thumb.jpg" if thumbnail else "chunk.png")
    if thumbnail:
        thumb = text_image([secret], size=60).resize((800, 120))
        buf = io.BytesIO()
        thumb.convert("RGB").save(buf, format="JPEG", quality=95)
        exif = Image.Exif()
        exif[0x010E] = "scan"  # ImageDescription
        raw = exif.tobytes() + buf.getvalue()  # a thumbnail carried inside the EXIF block
        img.convert("RGB").save(path, format="JPEG", exif=raw)
    else:
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", secret)
        img.save(path, pnginfo=info)
    return path


@pytest.mark.parametrize("thumbnail", [False, True])
def test_verify_catches_image_metadata(tmp_path: Path, thumbnail: bool) -> None:
    path = _named_png(tmp_path, "Thomas Brennan", thumbnail=thumbnail)
    terms = tmp_path / "t.txt"
    terms.write_text("Thomas Brennan\n")
    res = run_cli(["verify", "--terms", str(terms), "--isolation", "none", str(path)])
    assert res.code == ExitCode.VERIFY, res.stderr
    assert "Brennan" not in res.stderr


def test_verify_catches_text_under_a_bar_without_unicode(tmp_path: Path) -> None:
    """A bar drawn over text whose font has no Unicode map: extraction gives nothing, the
    pixels show a bar; removing the bar's drawing shows the name."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 16)
    pdf.text(100, 200, "Witness: Thomas Brennan")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(95, 180, 260, 28, style="F")
    path = tmp_path / "bar.pdf"
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as doc:
        for obj in doc.objects:  # make the text unextractable: a font without encoding or map
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font:
                for key in ("/ToUnicode", "/Encoding"):
                    if key in obj:
                        del obj[key]
        doc.save(path)
    terms = tmp_path / "t.txt"
    terms.write_text("Thomas Brennan\n")
    res = run_cli(["verify", "--terms", str(terms), "--isolation", "none", str(path)])
    assert res.code == ExitCode.VERIFY, res.stderr
    assert "bars removed" in res.stderr or "text" in res.stderr


def test_verify_catches_unapplied_redact_annotation(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 16)
    pdf.text(100, 200, "The archive budget.")
    path = tmp_path / "annot.pdf"
    with pikepdf.open(io.BytesIO(bytes(pdf.output()))) as doc:
        annot = doc.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Redact, Rect=[90, 600, 300, 650])
        )
        doc.pages[0].obj["/Annots"] = pikepdf.Array([annot])
        doc.save(path)
    res = run_cli(["verify", "--isolation", "none", str(path)])
    assert res.code == ExitCode.VERIFY and "never applied" in res.stderr, res.stderr


def test_redacted_json_and_report_record_the_rotation(tmp_path: Path) -> None:
    src = tmp_path / "turned.png"
    text_image(["Minutes of the archive committee by Thomas Brennan.", "The budget was approved."]).rotate(180).save(
        src, dpi=(300, 300)
    )
    terms = tmp_path / "t.txt"
    terms.write_text("Thomas Brennan\n")
    code, err = _redact(src, tmp_path / "o", terms)
    assert code == 0, err
    page = json.loads((tmp_path / "o" / "redacted-001.json").read_text())["pages"][0]
    assert page["preprocess"]["rotation"] == 180
    report = json.loads((tmp_path / "o" / "redacted-001.report.json").read_text())
    assert report["by_page"][0]["rotation"] == 180
