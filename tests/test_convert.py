"""``sandbox convert`` and ``sandbox sanitize`` on real files: round trips pixel-exact where
lossless, page counts, sizes and rotations kept, metadata gone, sanitised PDFs clean."""

from __future__ import annotations

import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from sandbox.errors import ExitCode
from sandbox.redact.checks import structure_problems
from tests.conftest import SAMPLES, run_cli, text_image

pytestmark = pytest.mark.slow


def convert(*args: str) -> None:
    res = run_cli(["convert", *args])
    assert res.code == 0, res.stderr


def same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def embedded_images(pdf_path: Path) -> list[Image.Image]:
    out = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for raw in page.get_images().values():
                assert isinstance(raw, pikepdf.Stream)
                out.append(pikepdf.PdfImage(raw).as_pil_image())
    return out


def test_pdf_to_png_pages_range_dpi_gray(tmp_path: Path) -> None:
    convert(str(SAMPLES / "report_scanned.pdf"), "-o", str(tmp_path), "--to", "png", "--dpi", "100", "--gray")
    pages = sorted(tmp_path.glob("report_scanned-p*.png"))
    assert [p.name for p in pages] == ["report_scanned-p001.png", "report_scanned-p002.png"]
    with Image.open(pages[0]) as img:
        assert img.size == (827, 1170) and img.mode == "L"  # A4 at 100 DPI
    convert(str(SAMPLES / "report_scanned.pdf"), "-o", str(tmp_path / "one.jpg"), "--pages", "2", "--dpi", "72")
    with Image.open(tmp_path / "one.jpg") as img:
        assert img.format == "JPEG" and abs(img.size[0] - 595) <= 1 and abs(img.size[1] - 842) <= 1
    convert(str(SAMPLES / "mixed.pdf"), "-o", str(tmp_path / "all.tif"), "--single-file", "--dpi", "72")
    with Image.open(tmp_path / "all.tif") as img:
        assert getattr(img, "n_frames", 1) == 2


def test_png_to_pdf_to_png_pixel_exact(tmp_path: Path) -> None:
    src = SAMPLES / "letter_en.png"
    convert(str(src), "-o", str(tmp_path / "l.pdf"))
    (back,) = embedded_images(tmp_path / "l.pdf")
    with Image.open(src) as original:
        assert same_pixels(original, back)
    with pikepdf.open(tmp_path / "l.pdf") as pdf:  # page size from the 300 DPI of the image
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]
        assert set(pdf.docinfo.keys()) == {"/Producer"}
    convert(str(tmp_path / "l.pdf"), "-o", str(tmp_path / "back.png"), "--dpi", "300", "--gray")
    with Image.open(src) as original, Image.open(tmp_path / "back.png") as rendered:
        assert rendered.size == original.size


def test_multipage_tiff_to_pdf_every_page_exact(tmp_path: Path) -> None:
    frames = [text_image([f"Section {n}"]) for n in range(3)]
    tiff = tmp_path / "multi.tif"
    frames[0].save(tiff, save_all=True, append_images=frames[1:], dpi=(300, 300))
    convert(str(tiff), "-o", str(tmp_path / "multi.pdf"))
    pages = embedded_images(tmp_path / "multi.pdf")
    assert len(pages) == 3 and all(same_pixels(a, b) for a, b in zip(frames, pages, strict=True))


def test_jpeg_embedded_unchanged_and_images_in_order(tmp_path: Path) -> None:
    jpg = SAMPLES / "notice_zh_hant.jpg"
    convert(str(SAMPLES / "letter_en.png"), str(jpg), "-o", str(tmp_path / "both.pdf"), "--page-size", "a4")
    with pikepdf.open(tmp_path / "both.pdf") as pdf:
        assert len(pdf.pages) == 2
        raw = next(iter(pdf.pages[1].get_images().values()))
        found = raw.Filter
        filters = list(found) if isinstance(found, pikepdf.Array) else [found]
        stored = raw.read_raw_bytes()
        if filters == [pikepdf.Name.FlateDecode, pikepdf.Name.DCTDecode]:  # deflated on top (saves >= 5 %)
            stored = zlib.decompress(stored)
        else:
            assert filters == [pikepdf.Name.DCTDecode]
        assert stored == jpg.read_bytes()


def test_image_to_image_lossless_and_metadata_stripped(tmp_path: Path) -> None:
    img = text_image(["Badge audit 4471"]).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # rotate 90° clockwise to view
    gps = exif.get_ifd(0x8825)
    gps[2] = (51.0, 30.0, 0.0)
    icc = b"\x00" * 4 + b"fake-icc"
    src = tmp_path / "photo.jpg"
    img.save(src, quality=95, exif=exif, icc_profile=icc)
    convert(str(src), "-o", str(tmp_path / "clean.jpg"))
    with Image.open(tmp_path / "clean.jpg") as out:
        assert not out.getexif() and "exif" not in out.info
        assert out.info.get("icc_profile") == icc  # colours kept
        assert out.size == (img.height, img.width)  # EXIF rotation applied to the pixels
    convert(str(src), "-o", str(tmp_path / "kept.jpg"), "--keep-metadata")
    with Image.open(tmp_path / "kept.jpg") as out:
        assert out.getexif().get(0x010F) == "PhoneMaker"
    png = tmp_path / "a.png"
    img.save(png)
    for fmt in ("webp", "tiff", "bmp"):
        convert(str(png), "-o", str(tmp_path / f"a.{fmt}"))
        convert(str(tmp_path / f"a.{fmt}"), "-o", str(tmp_path / f"back-{fmt}.png"))
        with Image.open(tmp_path / f"back-{fmt}.png") as back:
            assert same_pixels(img, back), fmt


def test_heic_photo_as_input(tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    src = tmp_path / "IMG_0001.HEIC"
    text_image(["Visitor register page 7"], size=60).convert("RGB").save(src, format="HEIF", quality=95)
    convert(str(src), "-o", str(tmp_path / "photo.png"))
    with Image.open(tmp_path / "photo.png") as out:
        assert out.format == "PNG"
    res = run_cli(["ocr", str(src)])
    assert res.code == 0 and "Visitor register" in res.stdout


def _meta_pdf(path: Path) -> None:
    with pikepdf.open(SAMPLES / "report_scanned.pdf") as pdf:
        pdf.docinfo["/Title"] = "Secret Plans"
        pdf.docinfo["/Author"] = "Thomas Brennan"
        with pdf.open_metadata() as meta:
            meta["dc:title"] = "Secret Plans"
        pdf.save(path)


def test_page_operations_and_no_source_metadata(tmp_path: Path) -> None:
    src = tmp_path / "meta.pdf"
    _meta_pdf(src)
    convert(str(src), str(SAMPLES / "mixed.pdf"), "-o", str(tmp_path / "merged.pdf"))
    convert(str(src), "--split", "-o", str(tmp_path / "split"))
    convert(str(src), "--pages", "2", "--rotate", "90", "-o", str(tmp_path / "p2.pdf"))
    convert(str(src), "--pages", "2-", "-o", str(tmp_path / "kept.pdf"), "--keep-metadata")
    with pikepdf.open(tmp_path / "merged.pdf") as pdf:
        assert len(pdf.pages) == 4
        assert set(pdf.docinfo.keys()) == {"/Producer"} and "/Metadata" not in pdf.Root
        assert b"Secret Plans" not in (tmp_path / "merged.pdf").read_bytes()
    assert sorted(p.name for p in (tmp_path / "split").iterdir()) == ["meta-p001.pdf", "meta-p002.pdf"]
    with pikepdf.open(tmp_path / "p2.pdf") as pdf:
        assert [int(p.obj.get("/Rotate", 0)) for p in pdf.pages] == [0, 90]  # page 2 turned in place
        assert [round(float(v)) for v in pdf.pages[0].mediabox] == [0, 0, 595, 842]
    with pikepdf.open(tmp_path / "kept.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "Secret Plans"


def _hostile_pdf(path: Path) -> None:
    """A PDF with JavaScript, a form field, a link, an attachment and metadata."""
    with pikepdf.open(SAMPLES / "supplier_review.pdf") as pdf:
        js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = js
        field = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("name"),
            Rect=[100, 100, 300, 120], V=pikepdf.String("Olivia Grant"),
        ))  # fmt: skip
        link = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[100, 200, 300, 220],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.invalid/")),
        ))  # fmt: skip
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([field, link]))
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))
        pdf.attachments["payload.txt"] = pikepdf.AttachedFileSpec(pdf, b"secret attachment")
        pdf.docinfo["/Title"] = "Confidential supplier list"
        pdf.save(path)


def test_sanitize_leaves_only_pixels(tmp_path: Path) -> None:
    src = tmp_path / "hostile.pdf"
    _hostile_pdf(src)
    res = run_cli(["sanitize", str(src), "-o", str(tmp_path / "clean")])
    assert res.code == 0, res.stderr
    out = tmp_path / "clean" / "hostile.pdf"
    data = out.read_bytes()
    with pikepdf.open(out) as pdf:
        assert structure_problems(pdf, data) == []
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert "/Font" not in page.obj.Resources and len(page.obj.Resources.XObject) == 1
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
        content = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page))
        assert b"Tj" not in content and b"TJ" not in content  # no text operators
    assert b"secret attachment" not in data and b"app.alert" not in data
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.strip() == ""
    res = run_cli(["sanitize", "--ocr", str(src), "-o", str(tmp_path / "clean-ocr")])
    assert res.code == 0, res.stderr
    out = tmp_path / "clean-ocr" / "hostile.pdf"
    with pikepdf.open(out) as pdf:
        assert structure_problems(pdf, out.read_bytes()) == []
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Bluefield Printing Services" in text  # a fresh text layer, read from the pixels


def test_sanitize_an_image(tmp_path: Path) -> None:
    res = run_cli(["sanitize", str(SAMPLES / "minutes_highlighted.jpg"), "-o", str(tmp_path)])
    assert res.code == 0, res.stderr
    with pikepdf.open(tmp_path / "minutes_highlighted.pdf") as pdf:
        assert (
            len(pdf.pages) == 1 and structure_problems(pdf, (tmp_path / "minutes_highlighted.pdf").read_bytes()) == []
        )


def test_scan_to_docx_markdown_txt(tmp_path: Path) -> None:
    from docx import Document

    convert(str(SAMPLES / "report_scanned.pdf"), "-o", str(tmp_path), "--to", "docx")
    doc = Document(str(tmp_path / "report_scanned.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Incident Report 2026-041" in text and "Aisha Karimi" in text
    assert doc.core_properties.author == "" and doc.core_properties.title == ""
    convert(str(SAMPLES / "notice_zh_hans.png"), "-l", "chi_sim+eng", "-o", str(tmp_path / "zh.docx"))
    zh = Document(str(tmp_path / "zh.docx"))
    assert any("安全检查工作" in p.text for p in zh.paragraphs)
    assert b"w:eastAsia" in zh.element.xml.encode()
    # It opens in LibreOffice too: back to PDF through it, the text is there.
    convert(str(tmp_path / "zh.docx"), "-o", str(tmp_path / "zh.pdf"))
    assert (
        "安全检查工作"
        in subprocess.run(["pdftotext", str(tmp_path / "zh.pdf"), "-"], capture_output=True, text=True).stdout
    )
    convert(str(SAMPLES / "letter_en.png"), "-o", str(tmp_path / "letter.md"))
    md = (tmp_path / "letter.md").read_text()
    # bold lines are headings, the address its own paragraph
    assert "## CONFIDENTIAL\n\n## Harrowgate Marine Engineering Ltd\n\n14 Quayside Road" in md
    assert "daniel.okafor@harrowgate.example.com" in md
    convert(str(SAMPLES / "mixed.pdf"), "-o", str(tmp_path / "mixed.txt"))
    assert "\f" in (tmp_path / "mixed.txt").read_text()


def test_scan_to_searchable_pdf(tmp_path: Path) -> None:
    convert(str(SAMPLES / "report_scanned.pdf"), "--ocr", "-o", str(tmp_path / "s.pdf"))
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Incident Report" in text


def test_office_documents_to_pdf(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Quarterly archive report")
    doc.core_properties.author = "Thomas Brennan"
    doc.save(str(tmp_path / "report.docx"))
    (tmp_path / "memo.rtf").write_text(r"{\rtf1\ansi\pard Memo about the depot visit.\par}")
    (tmp_path / "table.csv").write_text("item,count\nbadges,12\n")
    lo = ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(tmp_path / "table.csv")]
    subprocess.run(
        lo, capture_output=True, check=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    )
    out = tmp_path / "out"
    convert(
        str(tmp_path / "report.docx"),
        str(tmp_path / "memo.rtf"),
        str(tmp_path / "table.xlsx"),
        "-o",
        str(out),
        "--to",
        "pdf",
    )
    for name, expected in (("report", "Quarterly archive report"), ("memo", "depot visit"), ("table", "badges")):
        pdf = out / f"{name}.pdf"
        assert expected in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        with pikepdf.open(pdf) as opened:
            assert set(opened.docinfo.keys()) == {"/Producer"}
        assert b"Brennan" not in pdf.read_bytes()


def test_unsupported_pairs_and_missing_office(tmp_path: Path) -> None:
    (tmp_path / "memo.rtf").write_text(r"{\rtf1\ansi\pard Memo.\par}")
    res = run_cli(["convert", str(tmp_path / "memo.rtf"), "-o", str(tmp_path), "--to", "png"])
    assert res.code == ExitCode.USAGE and "from this input: pdf" in res.stderr
    res = run_cli(["convert", str(SAMPLES / "letter_en.png"), "-o", str(tmp_path), "--to", "odt"])
    assert res.code == ExitCode.USAGE and "unknown format 'odt'" in res.stderr
    res = run_cli(["convert", str(SAMPLES / "letter_en.png"), "-o", str(tmp_path)])
    assert res.code == ExitCode.USAGE and "--to" in res.stderr
    bindir = tmp_path / "bin"
    bindir.mkdir()
    res = run_cli(["convert", "--isolation", "none", str(tmp_path / "memo.rtf"), "-o", str(tmp_path / "x.pdf")],
                  env={"PATH": str(bindir)})  # fmt: skip
    assert res.code == ExitCode.MISSING_TOOL and "libreoffice" in res.stderr.lower()


def test_round_trip_images_keep_orientation(tmp_path: Path) -> None:
    landscape = text_image(["wide page"], width=2000).convert("RGB")
    landscape.save(tmp_path / "wide.png", dpi=(200, 200))
    convert(str(tmp_path / "wide.png"), "-o", str(tmp_path / "wide.pdf"))
    with pikepdf.open(tmp_path / "wide.pdf") as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
        assert box[2] > box[3]  # landscape stays landscape
    convert(str(tmp_path / "wide.pdf"), "-o", str(tmp_path / "wide-back.png"), "--dpi", "200")
    with Image.open(tmp_path / "wide-back.png") as back:
        assert back.size == landscape.size
