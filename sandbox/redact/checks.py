"""Independent checks that nothing redacted can be recovered from an output.

Each check looks at the output as an attacker would, not at how it was made:
text (pdftotext; TXT/JSON content), raw and decompressed bytes (UTF-8, UTF-16BE and its hex
form as used in content streams), PDF structure (one revision, no annotations, forms,
JavaScript, attachments, metadata beyond /Producer) and the opacity of every box in the
rendered pixels.  (The fresh OCR of the burned pixels runs per page in the worker.)
Problems name the check and the page, never the text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path

import pikepdf
from PIL import Image

from sandbox.errors import SandboxError
from sandbox.models import BBox
from sandbox.redact.textmap import find_terms
from sandbox.tools import run_tool

FORBIDDEN_ROOT = ("/AcroForm", "/OpenAction", "/AA", "/Metadata", "/Names", "/Outlines", "/StructTreeRoot")
FORBIDDEN_PAGE = ("/Annots", "/AA", "/Metadata", "/PieceInfo", "/Thumb")
# text a PDF carries without drawing it: alternate/actual text, field names and values,
# annotation contents, bookmark titles
HIDDEN_TEXT_KEYS = ("/Alt", "/ActualText", "/TU", "/T", "/V", "/Contents", "/Title")
MIN_RAW_BYTES = 6  # shorter needles could occur by chance in compressed image data
DARK = 40  # a burned pixel is at most this bright (of 255)


def _needles(texts: Iterable[str]) -> list[bytes]:
    out: set[bytes] = set()
    for text in texts:
        for variant in {text, text.replace(" ", "")}:
            if not variant.strip():
                continue
            u16 = variant.encode("utf-16-be")
            for enc in (variant.encode("utf-8"), u16, u16.hex().encode(), u16.hex().upper().encode()):
                out.add(enc)
            with suppress(UnicodeEncodeError):
                out.add(variant.encode("latin-1"))
    return sorted(out)


def text_leaks(content: str, texts: Iterable[str], exact: Iterable[str] = ()) -> int:
    """How many redacted texts still occur in ``content`` (the detection matcher; ``exact``
    ones with case)."""
    n = 0
    for keep_case, needles in ((False, texts), (True, exact)):
        for needle in dict.fromkeys(needles):
            if any(True for _ in find_terms(content, (needle,), keep_case=keep_case)):
                n += 1
    return n


def structure_problems(pdf: pikepdf.Pdf, data: bytes) -> list[str]:
    """What a redacted PDF holds beyond pages of pixels: more than one revision,
    incremental updates, encryption, forbidden document or page keys (forms, open actions,
    names and attachments, outlines, metadata, annotations, thumbnails …) or document
    information beyond ``/Producer``; one line per
    problem, never the document's text."""
    problems: list[str] = []
    if data.count(b"%%EOF") != 1:
        problems.append("structure: more than one revision (%%EOF)")
    if "/Prev" in pdf.trailer or "/Encrypt" in pdf.trailer:
        problems.append("structure: incremental update or encryption in the trailer")
    for key in FORBIDDEN_ROOT:
        if key in pdf.Root:
            problems.append(f"structure: document has {key}")
    if set(pdf.docinfo.keys()) - {"/Producer"}:
        problems.append("structure: document information beyond /Producer")
    for n, page in enumerate(pdf.pages, 1):
        for key in FORBIDDEN_PAGE:
            if key in page.obj:
                problems.append(f"structure: page {n} has {key}")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for key in ("/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/Launch"):
                if key in obj or obj.get("/Type") == pikepdf.Name(key) or obj.get("/S") == pikepdf.Name(key):
                    problems.append(f"structure: object with {key}")
            if obj.get("/Subtype") == pikepdf.Name.Redact:
                problems.append("structure: a redaction annotation that was never applied")
            if obj.get("/Subtype") == pikepdf.Name.Form and obj.get("/Type") == pikepdf.Name.XObject:
                problems.append("structure: a form XObject (content that can hide under or over a page)")
            for key in ("/Alt", "/ActualText", "/TU"):
                if key in obj:
                    problems.append(f"structure: object with {key} (text that is not drawn)")
    return problems


def hidden_text(pdf: pikepdf.Pdf) -> str:
    """Text a PDF carries without drawing it: annotations' contents, alternate and actual
    text, form field names and values, bookmarks (for the policy's detectors)."""
    out: list[str] = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            for key in HIDDEN_TEXT_KEYS:
                value = obj.get(key)
                if isinstance(value, pikepdf.String):
                    out.append(str(value))
    return "\n".join(out)


FILL_OPERATORS = {"f", "F", "f*", "B", "B*", "b", "b*"}


def without_fills(src: Path, dest: Path) -> bool:
    """A copy of ``src`` with every filled path drawn as nothing (bars over text gone) and
    annotations dropped; False when no page had a filled path (nothing to uncover)."""
    changed = False
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            try:
                ops = pikepdf.parse_content_stream(page)
            except pikepdf.PdfError:
                continue
            new: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
            for instr in ops:
                if isinstance(instr, pikepdf.ContentStreamInstruction) and str(instr.operator) in FILL_OPERATORS:
                    new.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("n")))
                    changed = True
                else:
                    new.append(instr)
            page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(new))
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
                changed = True
        if changed:
            pdf.save(dest)
    return changed


def byte_problems(pdf: pikepdf.Pdf, data: bytes, texts: Sequence[str]) -> list[str]:
    """Whether any redacted item (``texts``, with and without spaces, in UTF-8, UTF-16BE and
    its hex) occurs in the raw file or in any decoded non-image stream; one line per problem,
    never the item."""
    needles = _needles(texts)
    problems: list[str] = []
    if any(len(n) >= MIN_RAW_BYTES and n in data for n in needles):
        problems.append("bytes: a redacted item occurs in the raw file")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") != pikepdf.Name.Image:
            try:
                body = obj.read_bytes()
            except pikepdf.PdfError:
                problems.append("bytes: a stream cannot be decoded")
                continue
            if any(n in body for n in needles):
                problems.append("bytes: a redacted item occurs in a decompressed stream")
                break
    return problems


TOOL_TIMEOUT_S = 300  # one check of one output file; a tool that fails or hangs fails the check


def extracted_text(path: Path) -> str:
    """All text ``pdftotext`` finds; raises (never returns "") when pdftotext fails."""
    proc = run_tool(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], timeout=TOOL_TIMEOUT_S, what="text extraction (pdftotext)"
    )
    return proc.stdout.decode("utf-8", "replace")


def opacity_problems(path: Path, boxes: Sequence[Sequence[BBox]], dpis: Sequence[int]) -> list[str]:
    """Render each page at 72 DPI and check every box (shrunk for resampling) is dark."""
    problems: list[str] = []
    for n, (page_boxes, dpi) in enumerate(zip(boxes, dpis, strict=True), 1):
        if not page_boxes:
            continue
        proc = run_tool(
            ["pdftoppm", "-cropbox", "-r", "72", "-gray", "-f", str(n), "-l", str(n), str(path)],
            timeout=TOOL_TIMEOUT_S,
            what="rendering for the opacity check",
            check=False,
        )
        if proc.returncode != 0:
            problems.append(f"pixels: page {n} could not be rendered")
            continue
        img = Image.open(io.BytesIO(proc.stdout))
        k = 72 / dpi
        for b in page_boxes:
            x0, y0, x1, y1 = int(b.x0 * k) + 2, int(b.y0 * k) + 2, int(b.x1 * k) - 2, int(b.y1 * k) - 2
            if x1 <= x0 or y1 <= y0:
                continue
            extrema = img.crop((x0, y0, x1, y1)).getextrema()
            brightest = extrema[1] if isinstance(extrema[1], int) else 255
            if brightest > DARK:
                problems.append(f"pixels: a box on page {n} is not opaque")
                break
    return problems


def check_pdf(
    path: Path,
    texts: Sequence[str],
    boxes: Sequence[Sequence[BBox]] | None = None,
    dpis: Sequence[int] | None = None,
    exact: Sequence[str] = (),
) -> list[str]:
    """Every PDF check; an empty list means the file passed."""
    data = path.read_bytes()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError:
        return ["structure: not a readable PDF"]
    with pdf:
        problems = structure_problems(pdf, data) + byte_problems(pdf, data, [*texts, *exact])
    try:
        if text_leaks(extracted_text(path), texts, exact):
            problems.append("text: a redacted item is in the extracted text")
    except SandboxError as exc:  # a tool that failed found nothing: that is not a pass
        problems.append(f"text: could not be checked ({exc.message})")
    if boxes is not None and dpis is not None:
        problems += opacity_problems(path, boxes, dpis)
    return problems


def check_text(content: bytes, texts: Sequence[str], kind: str, exact: Sequence[str] = ()) -> list[str]:
    """One problem line when a redacted item of ``texts`` (or of ``exact``, matched with case)
    is in the text output ``content`` of ``kind``; none otherwise.  The item is never named."""
    decoded = content.decode("utf-8", "replace")
    return [f"text: a redacted item is in the {kind} output"] if text_leaks(decoded, texts, exact) else []


# --- images: metadata, bytes, thumbnails ------------------------------------------------------

PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"pHYs", b"tRNS"}  # what a PNG output may hold


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    out: list[tuple[bytes, bytes]] = []
    at = 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        out.append((kind, data[at + 8 : at + 8 + length]))
        at += 12 + length
    return out


def _inflate(payload: bytes) -> bytes:
    """The compressed part of a zTXt/iTXt/iCCP chunk (after its keyword), if any."""
    import zlib

    keyword_end = payload.find(b"\0")
    if keyword_end >= 0:
        for skip in (2, 4, 1):  # zTXt/iCCP: NUL, method; iTXt: NUL, flag, method, language, …
            with suppress(zlib.error):
                return zlib.decompress(payload[keyword_end + skip :])
    return b""


def image_metadata(data: bytes) -> list[tuple[str, bytes]]:
    """Every block of an image file that is not pixels: (what it is, its bytes, decompressed)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        blocks = []
        for kind, payload in _png_chunks(data):
            if kind not in PIXEL_CHUNKS:
                name = kind.decode("latin-1", "replace")
                blocks.append((f"PNG {name} chunk", payload + b"\n" + _inflate(payload)))
        return blocks
    try:
        with Image.open(io.BytesIO(data)) as img:
            info = dict(img.info)
            exif = img.getexif()
    except (OSError, ValueError, Image.DecompressionBombError):
        return [("unreadable image", data)]
    blocks = []
    for key, value in info.items():
        if key in ("dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression"):
            continue
        raw = value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
        blocks.append((f"{key} metadata", raw))
    if exif and not any(k == "exif metadata" for k, _ in blocks):
        blocks.append(("EXIF", exif.tobytes()))
    return blocks


def thumbnails(data: bytes) -> list[bytes]:
    """Embedded preview images (EXIF thumbnails are whole JPEGs inside a metadata block)."""
    found = []
    for _, block in image_metadata(data):
        start = block.find(b"\xff\xd8\xff")
        while start >= 0:
            end = block.find(b"\xff\xd9", start)
            if end < 0:
                break
            found.append(block[start : end + 2])
            start = block.find(b"\xff\xd8\xff", end)
    return found


def _block_text(block: bytes) -> str:
    return "\n".join((block.decode("utf-8", "replace"), block.decode("utf-16-be", "replace"), block.decode("latin-1")))


def check_image(data: bytes, texts: Sequence[str], exact: Sequence[str] = (), *, strict: bool = True) -> list[str]:
    """An image output: nothing but pixels (``strict``), and no redacted item in any byte."""
    problems: list[str] = []
    blocks = image_metadata(data)
    if strict and blocks:
        kinds = ", ".join(sorted({k for k, _ in blocks}))
        problems.append(f"metadata: the image carries {kinds} (only pixels may be written)")
    for kind, block in blocks:
        if text_leaks(_block_text(block), texts, exact):
            problems.append(f"metadata: a redacted item is in the {kind}")
    needles = _needles([*texts, *exact])
    if any(len(n) >= MIN_RAW_BYTES and n in data for n in needles):
        problems.append("bytes: a redacted item occurs in the raw file")
    return problems


def metadata_text(data: bytes) -> str:
    """All metadata of an image as text, for the policy's detectors (``sandbox verify``)."""
    return "\n".join(_block_text(b) for _, b in image_metadata(data))
