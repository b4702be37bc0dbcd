"""Tesseract through pytesseract: languages, version, and one run per page.

One run produces the TSV from which every output format is built, so no page is read
twice.  The image is handed over as a file path (pytesseract does not re-encode it), its
temporary files go to the process's private work directory, and every failure becomes a
:class:`SandboxError`.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sandbox.engines import tesslangs
from sandbox.errors import MissingToolError, PageError, UsageError
from sandbox.geometry import union
from sandbox.models import BBox, Line, Word

if TYPE_CHECKING:
    from PIL import Image

APT_HINT = "install it with: apt-get install tesseract-ocr"


def apt_package(lang: str) -> str:
    """Debian package that ships a Tesseract language: chi_sim -> tesseract-ocr-chi-sim."""
    return "tesseract-ocr-" + lang.lower().replace("_", "-")


def require() -> None:
    """Return quietly when the ``tesseract`` program is on PATH; else raise ``MissingToolError`` with the install
    hint.
    """
    if shutil.which("tesseract") is None:
        raise MissingToolError(f"tesseract is not installed; {APT_HINT}")


_listed: tuple[str, ...] | None = None


def languages() -> tuple[str, ...]:
    """Installed language packs (``osd`` excluded: it is not a reading language), asked once
    per process, or as :func:`assume_languages` was told."""
    global _listed
    if _listed is None:
        _listed = _list_languages()
    return _listed


def assume_languages(found: tuple[str, ...]) -> None:
    """The packs the launcher listed: the sandbox binds the same /usr and TESSDATA_PREFIX, so
    the sandboxed run need not start the program to ask again."""
    global _listed
    _listed = found


def _list_languages() -> tuple[str, ...]:
    """Asked of the program (the C API cannot list them before it is initialised)."""
    from sandbox.errors import SandboxError
    from sandbox.tools import run_tool

    require()
    try:
        proc = run_tool(["tesseract", "--list-langs"], timeout=30, what="listing Tesseract's languages")
    except SandboxError:
        raise MissingToolError("tesseract cannot list its languages; reinstall tesseract-ocr") from None
    lines = proc.stdout.decode("utf-8", "replace").splitlines()[1:]  # after "List of available languages …"
    return tuple(sorted(lang.strip() for lang in lines if lang.strip() and lang.strip() != "osd"))


def version() -> str | None:
    """The ``tesseract`` program's version string, or None when it is not installed or says none."""
    from sandbox.tools import run_tool

    if shutil.which("tesseract") is None:
        return None
    out = run_tool(["tesseract", "--version"], timeout=30, what="asking Tesseract's version", check=False).stdout
    first = out.decode("utf-8", "replace").split("\n", 1)[0].split()
    return first[1] if len(first) > 1 else None


def check_languages(spec: str) -> str:
    """Validate ``-l`` (e.g. ``chi_sim+eng``) against installed packs; return it normalised."""
    if spec.strip().lower() == "auto":  # chosen per page from the script (sandbox.reading)
        if "eng" not in languages():
            raise MissingToolError("-l auto needs English at least; install it with: apt-get install tesseract-ocr-eng")
        return "auto"
    parts = [p.strip() for p in spec.split("+") if p.strip()]
    if not parts:
        raise UsageError("-l/--lang: give at least one language, e.g. -l eng or -l chi_sim+eng")
    installed = set(languages())
    for lang in parts:
        if lang not in installed and not tesslangs.known(lang):
            raise UsageError(tesslangs.unknown_message(lang))
        if lang not in installed:
            raise MissingToolError(
                f"Tesseract language '{lang}' is not installed; install it with: apt-get install {apt_package(lang)}"
            )
    return "+".join(parts)


def _timed_out(display: str, page: int, timeout: int) -> PageError:
    return PageError(
        f"{display} page {page + 1}: OCR took longer than {timeout} s (raise it with --limit ocr-timeout=N)"
    )


def in_process() -> bool:
    """Whether Tesseract reads in this process (it can then be handed pixels, not files)."""
    from sandbox.engines import libtess

    return libtess.available()


def ocr_page(
    image: Path | Image.Image, lang: str, dpi: int, timeout: int, display: str, page: int, psm: int = 3
) -> list[Line]:
    """Read one page image; return its lines (words with boxes and confidence 0..1).

    In process (``engines.libtess``: models loaded once per worker) when the library loads,
    else through the ``tesseract`` program (which needs ``image`` to be a file)."""
    from sandbox.engines import libtess

    api = libtess.engine(lang, psm) if libtess.available() else None
    if api is not None:
        try:
            return parse_tsv(api.tsv(image, dpi, timeout))
        except libtess.TimedOut:
            raise _timed_out(display, page, timeout) from None
        except libtess.ReadFailed as exc:
            raise PageError(f"{display} page {page + 1}: Tesseract failed ({exc})") from None
    if not isinstance(image, Path):
        raise TypeError("the tesseract program reads files")
    import pytesseract

    config = f"--oem 1 --psm {psm}" + (f" --dpi {dpi}" if dpi > 0 else "")  # 0: the program's own guess
    try:
        tsv = pytesseract.image_to_data(str(image), lang=lang, config=config, timeout=timeout)
    except pytesseract.TesseractNotFoundError:
        raise MissingToolError(f"tesseract is not installed; {APT_HINT}") from None
    except pytesseract.TesseractError as exc:  # a RuntimeError subclass: catch it first
        raise PageError(f"{display} page {page + 1}: Tesseract failed with status {exc.status}") from None
    except RuntimeError as exc:  # pytesseract signals its timeout with a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise _timed_out(display, page, timeout) from None
        raise PageError(f"{display} page {page + 1}: OCR failed ({type(exc).__name__})") from None
    if not isinstance(tsv, str) or not tsv.startswith("level"):
        raise PageError(f"{display} page {page + 1}: Tesseract produced no result")
    return parse_tsv(tsv)


def osd(image: Path | Image.Image, dpi: int, timeout: int) -> str:
    """Tesseract's orientation and script detection (``--psm 0``) as its text report."""
    from sandbox.engines import libtess

    api = libtess.engine("osd", 0) if libtess.available() else None
    if api is not None:
        try:
            return api.osd(image, dpi)
        except libtess.ReadFailed:
            raise PageError("orientation detection found too little text") from None
    if not isinstance(image, Path):
        raise TypeError("the tesseract program reads files")
    import pytesseract

    try:
        out = pytesseract.image_to_osd(str(image), config=f"--psm 0 --dpi {dpi}", timeout=timeout)
    except (pytesseract.TesseractError, RuntimeError):
        raise PageError("orientation detection found too little text") from None
    return str(out)


def parse_tsv(tsv: str) -> list[Line]:
    """Group Tesseract's TSV rows (level 5 = word) into lines, keeping its reading order."""
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if header is None:
        return []
    col = {name: i for i, name in enumerate(header)}
    line_boxes: dict[tuple[int, int, int], BBox] = {}
    line_words: dict[tuple[int, int, int], list[Word]] = {}
    for row in reader:
        if len(row) < len(header):
            continue
        level = int(row[col["level"]])
        key = (int(row[col["block_num"]]), int(row[col["par_num"]]), int(row[col["line_num"]]))
        left, top = int(row[col["left"]]), int(row[col["top"]])
        box = BBox(left, top, left + int(row[col["width"]]), top + int(row[col["height"]]))
        if level == 4:
            line_boxes[key] = box
            line_words.setdefault(key, [])
        elif level == 5:
            text = row[col["text"]].strip()
            if not text:
                continue
            conf = max(0.0, min(1.0, float(row[col["conf"]]) / 100.0))
            line_words.setdefault(key, []).append(Word(text, box, round(conf, 4)))
    return [
        Line(tuple(words), line_boxes.get(key) or union(w.bbox for w in words), key[0], key[1])
        for key, words in line_words.items()
        if words
    ]
