"""Writers from a hand-made document: txt, JSON schema, hOCR and the searchable PDF layer."""

from __future__ import annotations

import io
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from sandbox.models import BBox, Document, InputFile, InputKind, Line, Page, PageSource, Word
from sandbox.poppler import parse_bbox_layout
from sandbox.writers import hocr, json_out, pdf, txt

W, H, DPI = 1200, 600, 300


def _doc(tmp_path: Path, kind: InputKind = InputKind.PNG) -> tuple[Document, Path]:
    image = tmp_path / "page.png"
    Image.new("L", (W, H), 255).save(image, dpi=(DPI, DPI))
    lines = (
        Line(
            (
                Word("Hello", BBox(100, 100, 300, 150), 0.9),
                Word("world", BBox(330, 100, 520, 150), 0.8),
            ),
            BBox(100, 100, 520, 150),
            1,
            1,
        ),
        Line(
            (
                Word("安全", BBox(100, 300, 200, 350), 0.95),
                Word("检查", BBox(205, 300, 305, 350), 0.97),
                Word("<&>", BBox(340, 300, 400, 350), 0.5),
            ),
            BBox(100, 300, 400, 350),
            2,
            1,
        ),
    )
    page = Page(0, W, H, DPI, PageSource.OCR, lines, "chi_sim+eng")
    src = InputFile(image, "page.png", "page.png", kind, 1)
    return Document(src, (page,)), image


def test_txt(tmp_path: Path) -> None:
    doc, _ = _doc(tmp_path)
    assert txt.render(doc).decode() == "Hello world\n\n安全检查<&>\n"


def test_json_schema(tmp_path: Path) -> None:
    doc, _ = _doc(tmp_path)
    data = json.loads(json_out.render(doc))
    assert data["schema"] == "ocr-sandbox/document" and data["version"] == 1
    assert "page.png" not in json.dumps(data)  # outputs never name their input
    page = data["pages"][0]
    assert (page["width"], page["height"], page["dpi"], page["source"]) == (W, H, DPI, "ocr")
    line = page["lines"][1]
    assert line["text"] == "安全检查<&>"
    assert line["words"][0] == {"text": "安全", "bbox": [100, 300, 200, 350], "conf": 0.95}


def test_hocr_is_wellformed_xml(tmp_path: Path) -> None:
    doc, _ = _doc(tmp_path)
    root = ET.fromstring(hocr.render(doc))
    ns = "{http://www.w3.org/1999/xhtml}"
    words = [el for el in root.iter(f"{ns}span") if el.get("class") == "ocrx_word"]
    assert [w.text for w in words] == ["Hello", "world", "安全", "检查", "<&>"]
    assert words[0].get("title") == "bbox 100 100 300 150; x_wconf 90"
    page = next(el for el in root.iter(f"{ns}div") if el.get("class") == "ocr_page")
    assert f"bbox 0 0 {W} {H}" in (page.get("title") or "")


def _pdftotext_words(data: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True).stdout
    layer = parse_bbox_layout(xml)
    return [(w.text, w.x0, w.y0) for line in layer.lines for w in line.words]


@pytest.mark.slow
def test_pdf_text_layer_positions_and_cjk_without_spaces(tmp_path: Path) -> None:
    doc, image = _doc(tmp_path)
    data = pdf.render(doc, [image])
    words = _pdftotext_words(data, tmp_path)
    assert [w[0] for w in words] == ["Hello", "world", "安全检查<&>"]
    k = 72 / DPI
    hello = words[0]
    assert abs(hello[1] - 100 * k) < 2 and abs(hello[2] - 100 * k) < 4
    with pikepdf.open(io.BytesIO(data)) as out:
        assert str(out.docinfo.get("/Producer")).startswith("ocr-sandbox")
        assert len(out.docinfo.keys()) == 1
        page = out.pages[0]
        assert float(page.mediabox[2]) == pytest.approx(W * k) and float(page.mediabox[3]) == pytest.approx(H * k)
        # The image is embedded once and the text is invisible (render mode 3).
        content = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page))
        assert b"3 Tr" in content  # invisible text
        assert content.count(b"Do") == 1  # the page image, drawn once


@pytest.mark.slow
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_pdf_text_layer_on_rotated_page(tmp_path: Path, rotate: int) -> None:
    """A /Rotate page is rendered upright; the layer must land where the words are shown."""
    doc, image = _doc(tmp_path)
    # Make a source PDF whose *displayed* page is W x H: store it rotated back.
    stored = Image.open(image).rotate(rotate, expand=True)  # counter-clockwise by `rotate`
    stored_path = tmp_path / "stored.png"
    stored.save(stored_path, dpi=(DPI, DPI))
    src_pdf = tmp_path / "src.pdf"
    with pdf.image_page(stored_path, DPI) as one:
        one.pages[0].obj.Rotate = rotate
        one.save(src_pdf)
    src = InputFile(src_pdf, "src.pdf", "src.pdf", InputKind.PDF, 1)
    data = pdf.render(Document(src, doc.pages), [None])
    words = _pdftotext_words(data, tmp_path)
    k = 72 / DPI
    found = {w[0]: (w[1], w[2]) for w in words}
    assert abs(found["Hello"][0] - 100 * k) < 3 and abs(found["Hello"][1] - 100 * k) < 5
    assert abs(found["安全检查<&>"][0] - 100 * k) < 3 and abs(found["安全检查<&>"][1] - 300 * k) < 5
