"""Colour in structured outputs: a scanned PDF page in colour gives its figures in colour (its
structure sees the page rendered in colour, turned as its reading was), a masthead keeps the
colour measured on the page (DOCX, HTML, JSON), and a figure's picture and caption are in the
JSON."""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.structure_pages import CJK, generate
from sandbox import pages
from sandbox import preprocess as pp
from sandbox.config import OcrSettings
from sandbox.models import BBox, Document, InputFile, InputKind, Line, Page, PageSource, Word
from sandbox.reading import Reading
from sandbox.structure import build, figures
from sandbox.structure.model import PageLayout, Region, RegionKind
from sandbox.writers import docx_out, html_out, json_out
from tests.conftest import DEJAVU, run_cli

RED = (208, 0, 0)


def _scan_pdf(path: Path, mode: str) -> Path:
    """A one-page image-only PDF at 100 DPI (a scan, no text layer): a line of text and, in
    colour, a blue-to-orange chart block and a red rule (grey when ``mode`` is "L")."""
    img = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), "Field notes of the survey", font=ImageFont.truetype(DEJAVU, 28), fill="black")
    for k in range(6):
        draw.rectangle((80 + 70 * k, 300 - 25 * k, 130 + 70 * k, 520), fill=(40 + 35 * k, 90, 220 - 30 * k))
    draw.rectangle((60, 600, 540, 606), fill=RED)
    (img if mode == "RGB" else img.convert("L")).save(path, resolution=100)
    return path


def _task(pdf: Path, tmp_path: Path) -> pages.PageTask[None]:
    src = InputFile(pdf, pdf.name, pdf.name, InputKind.PDF, 1)
    return pages.PageTask(0, src, 0, OcrSettings(dpi=100), tmp_path)


def test_a_scanned_pdf_page_in_colour_gives_its_structure_the_colour_picture(tmp_path: Path) -> None:
    page, _, picture = pages.read_page(_task(_scan_pdf(tmp_path / "colour.pdf", "RGB"), tmp_path), picture=True)
    assert picture is not None and picture.mode == "RGB" and picture.size == (page.width, page.height)
    r, g, b = picture.getpixel((100, 500))  # type: ignore[misc]
    assert (r, g, b) == pytest.approx((40, 90, 220), abs=12)  # the first bar, in its colour
    _, _, grey = pages.read_page(_task(_scan_pdf(tmp_path / "grey.pdf", "L"), tmp_path), picture=True)
    assert grey is not None and grey.mode == "L"  # a grey page: the rendering that was read


def test_the_colour_picture_is_turned_and_straightened_as_the_reading_was(tmp_path: Path) -> None:
    """The boxes refer to the upright page: the colour picture must be that page, pixel for pixel."""
    task = _task(_scan_pdf(tmp_path / "colour.pdf", "RGB"), tmp_path)
    rendered = pages.render_pixels(task, gray=True)
    upright = pp.deskew(pp.rotate(rendered, 90), 2.0)
    page = Page(0, upright.width, upright.height, 100, PageSource.OCR, (), "eng", rotation=90, skew=2.0)
    picture = pages._in_colour(task, Reading(page, upright), upright)
    assert picture.mode == "RGB" and picture.size == upright.size
    diff = np.abs(np.asarray(picture.convert("L"), dtype=np.int16) - np.asarray(upright, dtype=np.int16))
    assert float(diff.mean()) < 2.0
    assert pages._in_colour(task, Reading(page, None), upright) is upright  # sizes differ: the grey one


def test_ink_colour_is_the_strokes_core_not_their_edges() -> None:
    rgb = np.full((40, 60, 3), 255, dtype=np.uint8)
    rgb[10:30, 10:50] = RED
    rgb[9, 10:50] = rgb[30, 10:50] = (230, 120, 120)  # anti-aliased edges, blended with the paper
    dark = np.zeros((40, 60), dtype=bool)
    dark[9:31, 10:50] = True
    assert figures.ink_colour(rgb, dark, BBox(0, 0, 60, 40)) == "#d00000"
    assert figures.ink_colour(None, dark, BBox(0, 0, 60, 40)) == ""  # a grey page: nothing measured
    assert figures.ink_colour(rgb, np.zeros_like(dark), BBox(0, 0, 60, 40)) == ""


def _notice(colour: tuple[int, int, int]) -> tuple[Page, Image.Image]:
    """A notice in colour: a masthead in ``colour`` (not saying 文件: only its red makes it a
    masthead), a title and body lines; one word a line where it was drawn."""
    img = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(img)
    lines = []
    texts = [("某市人民政府办公室", 110, colour), ("关于做好年度安全检查工作的通知", 64, (0, 0, 0))]
    texts += [("请各单位于每月五日前报送上月工作进展情况，重大事项随时报告。", 42, (0, 0, 0))] * 4
    y = 220
    for n, (text, size, fill) in enumerate(texts):
        font = ImageFont.truetype(CJK, size)
        draw.text((220, y), text, font=font, fill=fill)
        box = BBox(*(int(v) for v in draw.textbbox((220, y), text, font=font)))
        lines.append(Line((Word(text, box, 0.95),), box, n, 0))
        y += 300 if n < 2 else 90
    return Page(0, 2480, 3508, 300, PageSource.OCR, tuple(lines), "chi_sim", engine="tesseract"), img


def _one_page(layout: PageLayout) -> Document:
    page = Page(0, layout.width, layout.height, 300, PageSource.OCR, (), "chi_sim+eng")
    return Document(InputFile(Path("page.png"), "page.png", "page.png", InputKind.PNG, 1), (page,))


def test_a_masthead_keeps_its_measured_colour_in_docx_html_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "page_detections", lambda picture, page: [])  # no layout model: fast
    page, img = _notice(RED)
    layout = build.analyse(page, img)
    head = layout.regions[0]
    assert head.kind is RegionKind.MASTHEAD and head.colour == "#d00000"
    doc = _one_page(layout)
    with zipfile.ZipFile(io.BytesIO(docx_out.render(doc, [layout]))) as z:
        body = z.read("word/document.xml").decode()
    assert re.search(r'<w:color w:val="D00000"/>.*某市人民政府办公室', body)
    html = html_out.render(doc, [layout]).decode()
    assert '<p class="masthead" style="color:#d00000">某市人民政府办公室</p>' in html
    assert "style-src 'unsafe-inline'" in html and "<script" not in html
    assert json.loads(json_out.render(doc, [layout]))["pages"][0]["regions"][0]["colour"] == "#d00000"
    grey = build.analyse(page, img.convert("L"))  # a grey page: no colour measured, none drawn
    assert all(r.colour == "" for r in grey.regions)
    with zipfile.ZipFile(io.BytesIO(docx_out.render(doc, [grey]))) as z:
        assert "<w:color" not in z.read("word/document.xml").decode()


def test_json_figures_carry_their_picture_and_caption() -> None:
    pic = Image.new("RGB", (30, 20), (30, 120, 200))
    buf = io.BytesIO()
    pic.save(buf, format="PNG")
    regions = (
        Region(RegionKind.CAPTION, BBox(400, 420, 1200, 460), ("Figure 1. Rainfall by month",)),
        Region(RegionKind.FIGURE, BBox(400, 500, 1600, 1300), ("Jan",), image=buf.getvalue(), image_type="image/png"),
        Region(RegionKind.PARAGRAPH, BBox(400, 1400, 1600, 1500), ("After the figure.",)),
    )
    layout = PageLayout(0, 2480, 3508, regions)
    doc = _one_page(layout)
    out = json.loads(json_out.render(doc, [layout]))["pages"][0]["regions"]
    figure = out[1]
    assert figure["kind"] == "figure" and figure["bbox"] == [400, 500, 1600, 1300] and figure["caption"] == 0
    kind, data = figure["image"].split(",", 1)
    assert kind == "data:image/png;base64" and base64.b64decode(data) == buf.getvalue()
    assert out[0] == {"order": 0, "kind": "caption", "bbox": [400, 420, 1200, 460], "text": regions[0].text}
    assert "image" not in out[2] and "caption" not in out[2]
    html = html_out.render(doc, [layout]).decode()  # a caption above its figure: its figcaption too
    assert html.count("Figure 1.") == 1 and "<figcaption>Figure 1. Rainfall by month</figcaption></figure>" in html


# --- through the CLI ------------------------------------------------------------------------


def _pdf(kind: str, tmp_path: Path) -> Path:
    """A generated colour page (seed 1) as an image-only PDF: a scan in colour."""
    out = tmp_path / f"{kind}.pdf"
    generate(kind, 1).image.save(out, resolution=300)
    return out


def _pictures(html: str) -> list[Image.Image]:
    found = re.findall(r'src="data:image/\w+;base64,([^"]+)"', html)
    return [Image.open(io.BytesIO(base64.b64decode(data))) for data in found]


@pytest.mark.slow  # OCR and the layout model on two full pages
def test_a_colour_scanned_pdf_converts_with_colour_figures_and_a_red_masthead(tmp_path: Path) -> None:
    report = _pdf("figure-en", tmp_path)
    res = run_cli(["convert", str(report), "-o", str(tmp_path / "report.html"), "--isolation", "none", "-q", "-j", "1"])
    assert res.code == 0, res.stderr
    shots = _pictures((tmp_path / "report.html").read_text())
    assert len(shots) == 2
    for shot in shots:  # the chart's bars and the photo's sky and hills keep their colour
        rgb = np.asarray(shot.convert("RGB"), dtype=np.int16)
        assert shot.mode == "RGB" and float(((rgb.max(axis=2) - rgb.min(axis=2)) > 48).mean()) > 0.1
    notice = _pdf("masthead-zh", tmp_path)
    for target in ("docx", "html"):
        res = run_cli(["convert", str(notice), "-o", str(tmp_path / f"notice.{target}"), "--isolation", "none", "-q",
                       "-j", "1", "-l", "chi_sim+eng"])  # fmt: skip
        assert res.code == 0, res.stderr
    with zipfile.ZipFile(tmp_path / "notice.docx") as z:
        found = re.search(r'<w:color w:val="([0-9A-F]{6})"/>', z.read("word/document.xml").decode())
    assert found is not None
    r, g, b = bytes.fromhex(found.group(1))
    assert r > 150 and g < 60 and b < 60  # red, as drawn (208, 0, 0) and read back through a JPEG
    assert re.search(r'<p class="masthead" style="color:#[0-9a-f]{6}">', (tmp_path / "notice.html").read_text())


def test_a_grey_photo_is_cropped_as_jpeg_and_a_grey_drawing_as_png() -> None:
    """A grey page's photo has at most 256 tones like a drawing, but PNG makes it several times larger."""
    page = Page(0, 800, 600, 100, PageSource.OCR, (), "eng")
    tones = Image.linear_gradient("L").resize((800, 600))
    photo = Image.blend(tones, Image.effect_noise((800, 600), 40), 0.3)
    assert figures.crop(photo, BBox(100, 100, 700, 500), page)[1] == "image/jpeg"
    drawing = Image.new("L", (800, 600), 255)
    ImageDraw.Draw(drawing).rectangle((200, 200, 400, 450), fill=90)
    data, kind = figures.crop(drawing, BBox(100, 100, 700, 500), page)
    assert kind == "image/png" and Image.open(io.BytesIO(data)).size == (600, 400)
