"""The start every run shares: the tools it needs, and its inputs expanded and identified
(unreadable ones recorded as failures, never raised one by one)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sandbox import ingest, outputs, poppler
from sandbox.config import OcrSettings
from sandbox.engines import tesseract
from sandbox.errors import InputError, SandboxError
from sandbox.models import InputFile, InputKind
from sandbox.run.summary import RunSummary


def check_tools(settings: OcrSettings) -> OcrSettings:
    """Tesseract and the asked-for languages must be there; returns normalised settings."""
    tesseract.require()
    lang = tesseract.check_languages(settings.lang)
    ingest.configure_pillow(settings.limits)
    return settings if lang == settings.lang else replace(settings, lang=lang)


def open_inputs(
    args: Sequence[str],
    settings: OcrSettings,
    work: Path,
    stdin: BinaryIO | None,
    summary: RunSummary,
    born_digital: bool = False,
) -> list[InputFile]:
    """Expand and identify the inputs; unreadable ones become failures in ``summary``.  Office
    documents, HTML, e-mail and text are read as they are only with ``born_digital`` (``ocr``);
    for redaction, which works on pixels, they are printed to pages first (:func:`as_pages`)."""
    candidates: Iterable[ingest.Candidate] = ingest.expand(args, work, stdin)
    if summary.recorder is not None:
        candidates = summary.recorder.choose(candidates, outputs.stem)
        summary.resumed = summary.recorder.selection.resumed if summary.recorder.selection else 0
    inputs, errors, summary.skipped = ingest.identify_all(candidates, settings.limits, work, settings.password)
    if not born_digital:
        inputs, refused = as_pages(inputs, settings, work)
        errors += refused
    for e in errors:
        summary.fail(file_of(e), e)
    if summary.recorder is not None:
        known = {src.display for src in inputs} | {file_of(e) for e in errors}
        for cand in candidates:  # the chosen list: not a document, so nothing to do (not a failure)
            if cand.display not in known:
                summary.recorder.document(cand.display, "skipped", 0)
    summary.input_bytes += sum(src.given.stat().st_size for src in inputs)
    if any(src.kind is InputKind.PDF for src in inputs):
        for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
            poppler.require(tool)
    if not inputs and not summary.failures and not summary.resumed and summary.recorder is None:
        raise InputError(
            "no documents found in the given paths (PDF, PNG, JPEG, TIFF, WebP, BMP, GIF, PNM, HEIC, JPEG 2000, "
            "DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF, HTML, EPUB, EML, MSG, CSV, TSV, TXT)"
        )
    return inputs


def as_pages(
    inputs: Sequence[InputFile], settings: OcrSettings, work: Path
) -> tuple[list[InputFile], list[SandboxError]]:
    """``flag`` and ``redact`` of born-digital documents: each one LibreOffice prints becomes the
    PDF of its pages, in the private work directory, rebuilt without the source's metadata.
    Its text layer is the document's own text, so terms and markings are found from the text
    and mapped to the rendered page, where the burn stays in pixels; the review file names the
    file given (its hash, not the print's).  E-mail and EPUB, which have no pages, are refused
    in one line."""
    import uuid

    from sandbox.extract import is_born_digital
    from sandbox.extract.run import PRINTABLE, printed

    kept: list[InputFile] = []
    errors: list[SandboxError] = []
    for src in inputs:
        if not is_born_digital(src.kind):
            kept.append(src)
            continue
        if src.kind not in PRINTABLE:
            errors.append(InputError(
                f"{src.display}: {src.kind.value.upper()} has no pages to redact; "
                "flag and redact read PDF, pictures and documents LibreOffice prints (office, HTML, text)"
            ))  # fmt: skip
            continue
        pdf = work / f"printed-{uuid.uuid4().hex}.pdf"
        try:
            pdf.write_bytes(printed(src, settings, work))
            count = poppler.page_count(pdf, src.display)
            settings.limits.check_pages(src.display, count)
        except SandboxError as exc:
            pdf.unlink(missing_ok=True)
            errors.append(exc)
            continue
        kept.append(replace(src, path=pdf, kind=InputKind.PDF, page_count=count, origin=src.path))
    return kept, errors


def file_of(exc: SandboxError) -> str:
    """The input an input error is about (its message starts with the name)."""
    return exc.message.split(":", 1)[0]
