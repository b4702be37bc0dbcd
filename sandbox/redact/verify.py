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
import subprocess
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path

import pikepdf
from PIL import Image

from sandbox.models import BBox
from sandbox.redact.textmap import fold

FORBIDDEN_ROOT = ("/AcroForm", "/OpenAction", "/AA", "/Metadata", "/Names", "/Outlines", "/StructTreeRoot")
FORBIDDEN_PAGE = ("/Annots", "/AA", "/Metadata", "/PieceInfo")
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
    """How many redacted texts still occur in ``content`` (folded; ``exact`` ones with case)."""
    n = 0
    for keep_case, needles in ((False, texts), (True, exact)):
        hay = fold(content, keep_case=keep_case).text
        hay_nospace = hay.replace(" ", "")
        for text in needles:
            needle = fold(text, keep_case=keep_case).text.strip()
            if needle and (needle in hay or needle.replace(" ", "") in hay_nospace):
                n += 1
    return n


def structure_problems(pdf: pikepdf.Pdf, data: bytes) -> list[str]:
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
    return problems


def byte_problems(pdf: pikepdf.Pdf, data: bytes, texts: Sequence[str]) -> list[str]:
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


def extracted_text(path: Path) -> str:
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False)
    return proc.stdout.decode("utf-8", "replace")


def opacity_problems(path: Path, boxes: Sequence[Sequence[BBox]], dpis: Sequence[int]) -> list[str]:
    """Render each page at 72 DPI and check every box (shrunk for resampling) is dark."""
    problems: list[str] = []
    for n, (page_boxes, dpi) in enumerate(zip(boxes, dpis, strict=True), 1):
        if not page_boxes:
            continue
        proc = subprocess.run(
            ["pdftoppm", "-r", "72", "-gray", "-f", str(n), "-l", str(n), str(path)], capture_output=True, check=False
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
    if text_leaks(extracted_text(path), texts, exact):
        problems.append("text: a redacted item is in the extracted text")
    if boxes is not None and dpis is not None:
        problems += opacity_problems(path, boxes, dpis)
    return problems


def check_text(content: bytes, texts: Sequence[str], kind: str, exact: Sequence[str] = ()) -> list[str]:
    decoded = content.decode("utf-8", "replace")
    return [f"text: a redacted item is in the {kind} output"] if text_leaks(decoded, texts, exact) else []
