"""Issue 13: page pictures stored by content and ``--optimize``; sanitize at the input's own
resolution; sizes and times in the JSON summary; every redaction check on the final file."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zlib
from pathlib import Path

import img2pdf
import numpy as np
import pikepdf
import pytest
from PIL import Image

from sandbox import compress
from tests.conftest import SAMPLES, run_cli, text_image

LINES = ["Quarterly audit of the archive", "Boxes 14 to 29 were checked", "Signed by the records officer"]


def _bilevel_scan() -> Image.Image:
    """A black-and-white scan: text thresholded, with the specks a real scanner leaves."""
    img = text_image(LINES).point(lambda v: 0 if v < 128 else 255)
    arr = np.asarray(img).copy()
    rng = np.random.default_rng(3)
    ys, xs = rng.integers(0, arr.shape[0], 400), rng.integers(0, arr.shape[1], 400)
    arr[ys, xs] = 0
    return Image.fromarray(arr).convert("1")


def _images(pdf: Path) -> list[tuple[bytes, int]]:
    """(stored bytes, width) of every picture on the pages; a JPEG under Flate as the JPEG."""
    out = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for img in page.get_images().values():
                stored = img.read_raw_bytes()
                if _filter_list(img) == ["/FlateDecode", "/DCTDecode"]:
                    stored = zlib.decompress(stored)
                out.append((stored, int(img.Width)))
    return out


def _searchable_pdfs(src: Path, tmp_path: Path) -> dict[str, dict[str, float]]:
    """``ocr --to pdf`` of ``src`` at -O 1 and -O 2 into ``tmp_path/o1`` and ``o2``: their summaries."""
    summaries = {}
    for level in ("1", "2"):
        out = tmp_path / f"o{level}"
        res = run_cli(["ocr", str(src), "-o", str(out), "--to", "pdf", "-O", level, "-q", "--json-summary",
                       "--isolation", "none"])  # fmt: skip
        assert res.code == 0, res.stderr
        summaries[level] = json.loads(res.stdout)
    return summaries


def _pixels(jpeg: bytes) -> bytes:
    with Image.open(io.BytesIO(jpeg)) as img:
        return img.tobytes()


def _filter_list(img: pikepdf.Object) -> list[str]:
    found = img.get("/Filter")
    return [str(f) for f in found] if isinstance(found, pikepdf.Array) else [str(found)]


def _filters(pdf: Path) -> list[str]:
    """The compression of every picture (one filter each: ``/CCITTFaxDecode``, ``/DCTDecode``, …)."""
    with pikepdf.open(pdf) as doc:
        return [" ".join(_filter_list(img)) for page in doc.pages for img in page.get_images().values()]


def test_pictures_are_stored_by_content() -> None:
    two_tone = text_image(LINES).point(lambda v: 0 if v < 128 else 255)
    assert compress.picture(two_tone, 300, 1).kind in ("g4", "png")
    assert Image.open(io.BytesIO(compress.picture(two_tone, 300, 1).data)).mode == "1"  # bits, not bytes
    chart = Image.new("RGB", (600, 400), "white")
    chart.paste((200, 30, 30), (50, 50, 300, 200))
    chart.paste((30, 30, 200), (300, 200, 550, 350))
    enc = compress.picture(chart, 300, 1)
    assert enc.kind == "palette"
    back = Image.open(io.BytesIO(enc.data)).convert("RGB")
    assert np.array_equal(np.asarray(back), np.asarray(chart))  # lossless at level 1
    grey_in_rgb = text_image(LINES).convert("RGB")
    assert Image.open(io.BytesIO(compress.picture(grey_in_rgb, 300, 1).data)).mode in ("L", "1", "P")
    photo = Image.fromarray((np.random.default_rng(1).random((300, 400, 3)) * 255).astype(np.uint8))
    assert compress.picture(photo, 300, 1).kind == "png"
    assert compress.picture(photo, 300, 1, rendered=True).kind == "jpeg"
    assert compress.picture(photo, 300, 2).kind == "jpeg"
    assert compress.picture(photo, 300, 0).kind == "png"


@pytest.mark.slow
def test_a_jpeg_input_is_embedded_byte_for_byte(tmp_path: Path) -> None:
    src = tmp_path / "scan.jpg"
    text_image(LINES).save(src, quality=85, dpi=(300, 300))
    for level in ("0", "1", "2"):
        out = tmp_path / f"o{level}"
        res = run_cli(["ocr", str(src), "-o", str(out), "--to", "pdf", "-O", level, "-q", "--isolation", "none"])
        assert res.code == 0, res.stderr
        ((stored, _),) = _images(out / "scan.pdf")
        if level == "0":
            assert stored == src.read_bytes() and _filters(out / "scan.pdf") == ["/DCTDecode"]
        elif level == "1":  # the same JPEG (deflated on top at most)
            assert stored == src.read_bytes()


@pytest.mark.slow
def test_a_black_and_white_scan_is_stored_as_bits(tmp_path: Path) -> None:
    src = tmp_path / "bw.png"
    _bilevel_scan().convert("L").save(src, dpi=(300, 300))  # stored as 8-bit grey, as many scanners do
    sizes = {}
    for level in ("0", "1"):
        out = tmp_path / f"o{level}"
        res = run_cli(["ocr", str(src), "-o", str(out), "--to", "pdf,txt", "-O", level, "-q", "--isolation", "none"])
        assert res.code == 0, res.stderr
        sizes[level] = (out / "bw.pdf").stat().st_size
        assert "audit" in (out / "bw.txt").read_text(encoding="utf-8")
    assert "/CCITTFaxDecode" in _filters(tmp_path / "o1" / "bw.pdf") or sizes["1"] < sizes["0"]
    assert sizes["1"] < sizes["0"] * 0.8


@pytest.mark.slow
def test_sanitize_keeps_a_fax_at_its_own_resolution_and_size(tmp_path: Path) -> None:
    g4 = io.BytesIO()
    _bilevel_scan().save(g4, format="TIFF", compression="group4", dpi=(200, 200))
    src = tmp_path / "fax.pdf"
    src.write_bytes(img2pdf.convert(g4.getvalue()))
    out = tmp_path / "clean.pdf"
    res = run_cli(["sanitize", str(src), "-o", str(out), "--json-summary", "-q", "--isolation", "none"])
    assert res.code == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["input_bytes"] == src.stat().st_size and summary["output_bytes"] == out.stat().st_size
    assert summary["output_bytes"] <= 1.5 * summary["input_bytes"]
    assert _filters(out) == ["/CCITTFaxDecode"]
    ((_, width),) = _images(out)
    ((_, source_width),) = _images(src)
    assert width == source_width  # rendered at 200 DPI, the fax's own, not 300


@pytest.mark.slow
def test_a_scans_jpegs_deflated_at_level_1_and_restored_losslessly_at_level_2(tmp_path: Path) -> None:
    """A scan's mostly blank page: its JPEG under Flate is far smaller (level 1: the same JPEG);
    level 2 re-stores it with jpegtran, smaller still and decoding to the same pixels (this scan
    was stored below quality 80: it is not encoded again)."""
    src = SAMPLES / "report_scanned.pdf"
    sizes = {level: summary["output_bytes"] for level, summary in _searchable_pdfs(src, tmp_path).items()}
    for level in ("1", "2"):
        assert _filters(tmp_path / f"o{level}" / "report_scanned.pdf") == ["/FlateDecode /DCTDecode"] * 2
    assert sizes["2"] < sizes["1"] <= 0.6 * src.stat().st_size
    theirs = _images(src)
    assert _images(tmp_path / "o1" / "report_scanned.pdf") == theirs  # the same JPEGs, byte for byte
    again = _images(tmp_path / "o2" / "report_scanned.pdf")
    assert [(_pixels(j), w) for j, w in again] == [(_pixels(j), w) for j, w in theirs]  # re-stored, same pixels
    rendered = [subprocess.run(["pdftoppm", "-r", "50", "-gray", str(p)], capture_output=True, check=True).stdout
                for p in (src, tmp_path / "o2" / "report_scanned.pdf")]  # fmt: skip
    assert rendered[0] == rendered[1]


@pytest.mark.slow
def test_level_2_recompresses_a_scanned_pdf_and_it_reads_the_same(tmp_path: Path) -> None:
    noisy = np.asarray(text_image(LINES * 4)).astype(np.int16)
    noisy = noisy + np.random.default_rng(5).integers(-12, 13, noisy.shape)  # scanner grain
    picture = io.BytesIO()
    Image.fromarray(noisy.clip(0, 255).astype(np.uint8)).save(picture, format="JPEG", quality=97, dpi=(300, 300))
    src = tmp_path / "grainy.pdf"
    src.write_bytes(img2pdf.convert(picture.getvalue()))
    outs = _searchable_pdfs(src, tmp_path)
    for level in ("1", "2"):
        assert outs[level]["optimize_seconds"] < outs[level]["seconds"]
    assert outs["2"]["output_bytes"] < 0.85 * outs["1"]["output_bytes"]
    assert outs["1"]["output_bytes"] <= 1.1 * src.stat().st_size
    again = run_cli(["ocr", str(tmp_path / "o2" / "grainy.pdf"), "--force-ocr", "-q", "--isolation", "none"])
    first = run_cli(["ocr", str(src), "-q", "--isolation", "none"])
    words, words_again = set(first.stdout.split()), set(again.stdout.split())
    assert len(words) >= 10 and len(words & words_again) >= 0.97 * len(words)


@pytest.mark.slow
def test_a_page_only_turned_keeps_its_own_picture(tmp_path: Path) -> None:
    picture = io.BytesIO()
    text_image(LINES * 3).rotate(90, expand=True).save(picture, format="JPEG", quality=90, dpi=(300, 300))
    src = tmp_path / "sideways.pdf"
    src.write_bytes(img2pdf.convert(picture.getvalue()))
    out = tmp_path / "out"
    res = run_cli(["ocr", str(src), "-o", str(out), "--to", "pdf", "-q", "--isolation", "none"])
    assert res.code == 0, res.stderr
    with pikepdf.open(out / "sideways.pdf") as pdf:
        assert int(pdf.pages[0].obj.get("/Rotate", 0)) in (90, 270)
    ((stored, _),) = _images(out / "sideways.pdf")
    assert stored == picture.getvalue()  # the same JPEG (deflated on top at most)


@pytest.mark.slow
def test_redaction_at_level_2_is_checked_on_the_final_file(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("Harrowgate\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli(
        ["redact", str(SAMPLES / "letter_en.png"), "-o", str(out), "--terms", str(terms), "-O", "2", "-q",
         "--json-summary"]
    )  # fmt: skip
    assert res.code == 0, res.stderr
    assert json.loads(res.stdout)["output_bytes"] > 0
    check = run_cli(["verify", str(out / "redacted-001.pdf"), "--terms", str(terms), "-q"])
    assert check.code == 0, check.stderr


@pytest.mark.slow
def test_a_tilted_scan_keeps_its_picture_and_its_words_lie_on_the_ink(tmp_path: Path) -> None:
    picture = io.BytesIO()
    page = text_image(LINES * 4, size=44).rotate(3.5, expand=True, fillcolor=255)
    page.save(picture, format="JPEG", quality=90, dpi=(300, 300))
    src = tmp_path / "tilted.pdf"
    src.write_bytes(img2pdf.convert(picture.getvalue()))
    out = tmp_path / "out"
    res = run_cli(["ocr", str(src), "-o", str(out), "--to", "pdf,json", "-q", "--isolation", "none"])
    assert res.code == 0, res.stderr
    assert abs(json.loads((out / "tilted.json").read_text(encoding="utf-8"))["pages"][0]["preprocess"]["skew"]) > 2
    ((stored, _),) = _images(out / "tilted.pdf")
    assert stored == picture.getvalue()  # not a straightened copy: the scan itself
    bbox = subprocess.run(["pdftotext", "-bbox", str(out / "tilted.pdf"), "-"], capture_output=True, text=True).stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(\w+)<', bbox)
    assert sum(1 for *_, w in words if w == "archive") == 4
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-singlefile", str(out / "tilted.pdf"), str(tmp_path / "p")])
    with Image.open(tmp_path / "p.pgm") as shown:
        ink = np.asarray(shown)
    on_ink = 0
    for x0, y0, x1, y1, _ in words:
        cx, cy = int((float(x0) + float(x1)) / 2), int((float(y0) + float(y1)) / 2)
        if ink[max(0, cy - 3) : cy + 4, max(0, cx - 6) : cx + 7].min() < 128:
            on_ink += 1
    assert on_ink >= 0.9 * len(words)  # the invisible words sit on the visible ones
