"""Pages whose pixels are not square (a standard-resolution fax: 204 × 98 dpi, text squashed
to half height in the stored pixels) are read, converted and redacted at their true shape:
page sizes from both densities, text read upright, the burn covering what it names."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from sandbox.pages import pixel_aspect
from tests.conftest import run_cli

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
LINES = ("FAX  NORTHWIND ESTATES LTD", "TO: Margaret Holloway", "DATE: 12 Mar 2024", "Keys are with the night desk.")
WIDE, TALL = 1728, 560  # stored pixels: 8.47 in × 5.71 in at 204 × 98 dpi


def fax_tiff(path: Path) -> Path:
    """A 1-bit G3 TIFF drawn at 204 dpi both ways, then squashed to 98 lines an inch, as a fax
    machine stores a page."""
    tall = round(TALL * 204 / 98)
    img = Image.new("L", (WIDE, tall), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(MONO, 44)
    for i, line in enumerate(LINES):
        draw.text((120, 120 + i * 110), line, font=font, fill=0)
    fax = img.resize((WIDE, TALL), Image.Resampling.BILINEAR).point(lambda v: 255 if v > 150 else 0).convert("1")
    fax.save(path, compression="group3", dpi=(204, 98))
    return path


def page_inches(pdf: Path) -> tuple[float, float]:
    with pikepdf.open(pdf) as doc:
        box = [float(v) for v in doc.pages[0].mediabox]
    return (box[2] - box[0]) / 72, (box[3] - box[1]) / 72


def true_shape(size: tuple[float, float]) -> bool:
    return abs(size[0] - WIDE / 204) < 0.05 and abs(size[1] - TALL / 98) < 0.05


@pytest.mark.parametrize(
    ("dpi", "want"),
    [
        ((204, 98), (1.0, 204 / 98)),
        ((98, 204), (204 / 98, 1.0)),
        ((300, 300), None),
        ((300, 304), None),
        ((204, 1), None),
    ],
)
def test_pixel_aspect_only_for_two_believable_densities(dpi: tuple[int, int], want: tuple[float, float] | None) -> None:
    got = pixel_aspect({"dpi": dpi})
    assert got == (pytest.approx(want) if want else None)


@pytest.mark.slow
def test_ocr_and_convert_keep_a_fax_page_at_its_shape(tmp_path: Path) -> None:
    src = fax_tiff(tmp_path / "fax.tif")
    res = run_cli(["ocr", str(src), "-o", str(tmp_path / "o"), "-l", "eng", "--to", "pdf,txt"])
    assert res.code == 0, res.stderr
    assert "Holloway" in (tmp_path / "o" / "fax.txt").read_text()
    assert true_shape(page_inches(tmp_path / "o" / "fax.pdf"))
    for extra in ([], ["--sanitize"]):
        out = tmp_path / f"c{len(extra)}"
        res = run_cli(["convert", str(src), "-o", str(out), "--to", "pdf", *extra])
        assert res.code == 0, res.stderr
        assert true_shape(page_inches(out / "fax.pdf")), extra


@pytest.mark.slow
def test_redaction_of_a_fax_burns_the_name_and_keeps_the_shape(tmp_path: Path) -> None:
    src = fax_tiff(tmp_path / "fax.tif")
    terms = tmp_path / "terms.txt"
    terms.write_text("Margaret Holloway\n")
    res = run_cli(["redact", str(src), "-o", str(tmp_path / "r"), "-l", "eng", "--terms", str(terms), "--to", "pdf"])
    assert res.code == 0, res.stderr
    (out,) = (tmp_path / "r").glob("*.pdf")
    assert true_shape(page_inches(out))
    page = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(out), str(page)], check=True)
    text = subprocess.run(
        ["tesseract", str(page.with_suffix(".png")), "-", "-l", "eng"], capture_output=True, text=True, check=True
    ).stdout
    assert "DATE" in text and "Holloway" not in text
