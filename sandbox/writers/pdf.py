"""Searchable PDF: each page's picture with an invisible text layer on top.

The picture is the original PDF page (scanned PDFs keep their own image — turned by /Rotate,
or with the text layer drawn tilted when the page was read straightened — and born-digital
pages are copied untouched) or, for image inputs, the image stored as ``--optimize`` chooses
(``sandbox.compress``).  The
text layer is written here, not by Tesseract, so that Chinese lines are one run of glyphs
without spaces between characters: ``pdftotext`` and viewers find whole phrases.  It uses a
glyph-less font (Tesseract's ``pdf.ttf``), text render mode 3, and a ToUnicode map.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream

from sandbox import __version__
from sandbox.errors import InputError
from sandbox.models import Document, InputKind, Line, Page, PageSource
from sandbox.text import needs_space

if TYPE_CHECKING:
    from sandbox.formats import Rendering

PRODUCER = f"ocr-sandbox {__version__}"
CHAR_WIDTH = 500  # glyph advance in the glyph-less font, 1/1000 em
TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def glyphless_font(pdf: Pdf) -> pikepdf.Object:
    """The Type0 font used for invisible text; one per output file."""
    ttf = resources.files("sandbox").joinpath("data/glyphless.ttf").read_bytes()
    cid_to_gid = Stream(pdf, b"\x00\x01" * 65536)  # every CID draws glyph 1
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name.GlyphLessFont,
        Flags=5,
        FontBBox=Array([0, 0, CHAR_WIDTH, 1000]),
        ItalicAngle=0,
        Ascent=1000,
        Descent=0,
        CapHeight=1000,
        StemV=80,
        FontFile2=Stream(pdf, ttf),
    )
    cid_font = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name.GlyphLessFont,
        CIDSystemInfo=Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=CHAR_WIDTH,
        CIDToGIDMap=cid_to_gid,
    )
    font = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name.GlyphLessFont,
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(cid_font)]),
        ToUnicode=Stream(pdf, TO_UNICODE),
    )
    return pdf.make_indirect(font)


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _runs(line: Line) -> list[tuple[str, int, int]]:
    """Split a line into runs of words joined without spaces: (text, x0, x1) in pixels.

    Each run but the last ends with a space and reaches to where the next run starts, so a
    text extractor sees exactly one space between runs and none inside a CJK run.
    """
    groups: list[list[int]] = []
    for i, word in enumerate(line.words):
        if groups and not needs_space(line.words[i - 1].text, word.text):
            groups[-1].append(i)
        else:
            groups.append([i])
    runs: list[tuple[str, int, int]] = []
    for g, idx in enumerate(groups):
        words = [line.words[i] for i in idx]
        text = "".join(w.text for w in words)
        x0 = words[0].bbox.x0
        if g + 1 < len(groups):
            text += " "
            x1 = line.words[groups[g + 1][0]].bbox.x0
        else:
            x1 = words[-1].bbox.x1
        runs.append((text, x0, max(x1, x0 + 1)))
    return runs


def text_layer_ops(page: Page, font_name: str, width_pt: float, height_pt: float) -> bytes:
    """Content-stream operators for the invisible text of ``page``, in displayed-page points."""
    kx = width_pt / page.width
    ky = height_pt / page.height
    ops = ["BT", "3 Tr"]
    for line in page.lines:  # the font size is set once a line; numbers to 0.1 pt (the layer is invisible)
        size = max(1.0, line.bbox.height * ky)
        baseline = height_pt - (line.bbox.y1 - line.bbox.height * 0.2) * ky
        ops.append(f"{font_name} {size:.1f} Tf")
        for text, x0, x1 in _runs(line):
            natural = len(text.encode("utf-16-be")) / 2 * round(size, 1) * CHAR_WIDTH / 1000
            scale = 100.0 * (x1 - x0) * kx / natural
            ops.append(f"{scale:.1f} Tz 1 0 0 1 {x0 * kx:.1f} {baseline:.1f} Tm <{_hex(text)}> Tj")
    ops.append("ET")
    return ("\n".join(ops) + "\n").encode("ascii")


def _display_matrix(page: pikepdf.Page) -> tuple[list[float], float, float]:
    """Matrix from displayed-page points to user space, and the displayed size."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    w, h = x1 - x0, y1 - y0
    rotate = int(page.obj.get("/Rotate", 0)) % 360
    if rotate == 90:
        return [0, 1, -1, 0, w + x0, y0], h, w
    if rotate == 180:
        return [-1, 0, 0, -1, w + x0, h + y0], w, h
    if rotate == 270:
        return [0, -1, 1, 0, x0, h + y0], h, w
    return [1, 0, 0, 1, x0, y0], w, h


def add_text_layer(pdf: Pdf, page: pikepdf.Page, content: Page, font: pikepdf.Object, tilted: bool = False) -> None:
    """Draw ``content``'s words invisibly over ``page``, leaving its own drawing untouched.

    ``tilted``: the words were read from the page straightened by ``content.skew`` degrees
    (the picture grown to hold it); they are drawn turned back, over the page's own picture."""
    if not content.lines:
        return
    fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
    name = next(Name(f"/OcrSbx{n}") for n in range(1, 10_000) if f"/OcrSbx{n}" not in fonts)  # same every run
    page.add_resource(font, Name.Font, name=name)
    matrix, width, height = _display_matrix(page)
    cm = " ".join(f"{v:.4f}" for v in matrix)
    if tilted and content.skew:
        # the straightened picture in points, its centre on the page's centre, turned back
        cw, ch = content.width * 72.0 / content.dpi, content.height * 72.0 / content.dpi
        angle = math.radians(-content.skew)
        cos, sin = math.cos(angle), math.sin(angle)
        tx = width / 2 - (cos * cw / 2 - sin * ch / 2)
        ty = height / 2 - (sin * cw / 2 + cos * ch / 2)
        cm += f" cm {cos:.6f} {sin:.6f} {-sin:.6f} {cos:.6f} {tx:.4f} {ty:.4f}"
        width, height = cw, ch
    ops = text_layer_ops(content, str(name), width, height)
    page.contents_add(Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(Stream(pdf, b"Q\nq " + cm.encode() + b" cm\n" + ops + b"Q\n"))


def image_page(image: Path, dpi: int, optimize: int = 1, rendered: bool = False) -> Pdf:
    """A one-page PDF showing ``image`` at ``dpi``, stored as ``--optimize`` chooses (``compress``)."""
    import logging

    import img2pdf

    from sandbox import compress

    logging.getLogger("img2pdf").setLevel(logging.CRITICAL)  # it warns on stderr; we raise instead
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    try:
        embed = compress.page_file(image, dpi, optimize, rendered)
        data = img2pdf.convert(
            str(embed) if isinstance(embed, Path) else embed, layout_fun=layout, nodate=True, producer=PRODUCER
        )
    except Exception as exc:  # img2pdf raises many kinds (too small, truncated, unsupported)
        raise InputError(
            f"page image cannot be embedded in a PDF ({type(exc).__name__}); is it damaged or tiny?"
        ) from None
    return Pdf.open(io.BytesIO(data))


def _layout_dpi(image: Path, page: Page) -> int:
    """The DPI that lays ``image`` out at the page's size (it may be stored below the reading's DPI)."""
    from PIL import Image

    with Image.open(image) as img:
        width = img.width
    return max(1, round(page.dpi * width / page.width)) if page.width else page.dpi


def render(document: Document, images: Sequence[Path | None], optimize: int = 1) -> bytes:
    """The searchable PDF of ``document``; ``images`` are the page images of image inputs."""
    display = document.source.display
    try:
        return _render(document, images, optimize)
    except InputError as exc:
        raise InputError(f"{display}: {exc.message}") from None
    except (pikepdf.PdfError, RecursionError):
        raise InputError(f"{display}: the PDF's structure is broken; no searchable PDF can be built from it") from None


def _render(document: Document, images: Sequence[Path | None], optimize: int) -> bytes:
    """Source PDFs stay open until the output is saved: qpdf copies stream data lazily."""
    with ExitStack() as stack:
        out = stack.enter_context(Pdf.new())
        font = glyphless_font(out)
        src_pdf = None
        if document.source.kind is InputKind.PDF:
            src_pdf = stack.enter_context(Pdf.open(document.source.path))
        for page, image in zip(document.pages, images, strict=True):
            if src_pdf is not None and image is None:
                out.pages.append(src_pdf.pages[page.index])
                if page.source is PageSource.OCR and page.rotation % 360:  # turned upright: the page's
                    shown = out.pages[-1]  # own picture, untouched, shown turned (no new picture)
                    shown.Rotate = (int(shown.obj.get("/Rotate", 0)) + page.rotation) % 360
            else:
                if image is None:
                    raise ValueError("image page without an image")
                rendered = src_pdf is not None  # drawn from a PDF page: a lossy scan stays JPEG at -O 1
                single = stack.enter_context(image_page(image, _layout_dpi(image, page), optimize, rendered))
                out.pages.append(single.pages[0])
            if page.source is PageSource.OCR:
                add_text_layer(out, out.pages[-1], page, font, tilted=src_pdf is not None and image is None)
        return saved(out, optimize)


def saved(pdf: Pdf, optimize: int) -> bytes:
    """The PDF's bytes: one plain revision, compressed, its JPEGs stored as ``optimize`` says
    (:func:`sandbox.compress.store_jpegs`), only our /Producer as metadata, and an id derived
    from the content (the same document gives the same bytes)."""
    if optimize:
        from sandbox import compress

        compress.store_jpegs(pdf, optimize)
    pdf.docinfo = pdf.make_indirect(Dictionary(Producer=PRODUCER))
    buf = io.BytesIO()
    pdf.save(
        buf,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        linearize=False,
        deterministic_id=True,
    )
    return buf.getvalue()


def single_revision(data: bytes, optimize: int) -> bytes:
    """Re-save a PDF as one plain revision (img2pdf linearizes: two xref sections, /Prev)
    whose only metadata is our /Producer."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        return saved(pdf, optimize)


def render_pages(pages: Sequence[tuple[Path, int, Page | None]], optimize: int = 1) -> bytes:
    """A new PDF from page images only (redaction): nothing of any source is carried over.

    Each entry is (image, dpi, words for an invisible text layer or ``None``).
    """
    with ExitStack() as stack:
        out = stack.enter_context(Pdf.new())
        font = None
        for image, dpi, words in pages:
            single = stack.enter_context(image_page(image, dpi, optimize))
            out.pages.append(single.pages[0])
            if words is not None and words.lines:
                font = font or glyphless_font(out)
                add_text_layer(out, out.pages[-1], words, font)
        return saved(out, optimize)


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document, job.images, job.optimize)
