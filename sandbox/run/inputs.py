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
    documents, HTML, e-mail and text are inputs only with ``born_digital`` (``ocr``); redaction
    works on pixels and names the way there instead."""
    candidates: Iterable[ingest.Candidate] = ingest.expand(args, work, stdin)
    if summary.recorder is not None:
        candidates = summary.recorder.choose(candidates, outputs.stem)
        summary.resumed = summary.recorder.selection.resumed if summary.recorder.selection else 0
    inputs, errors, summary.skipped = ingest.identify_all(candidates, settings.limits, work, settings.password)
    if not born_digital:
        from sandbox.extract import is_born_digital

        errors += [
            InputError(f"{i.display}: {i.kind.value.upper()} is redacted as pages: make a PDF first "
                       "(sandbox convert FILE --to pdf), then redact the PDF")
            for i in inputs if is_born_digital(i.kind)
        ]  # fmt: skip
        inputs = [i for i in inputs if not is_born_digital(i.kind)]
    for e in errors:
        summary.fail(file_of(e), e)
    if summary.recorder is not None:
        known = {src.display for src in inputs} | {file_of(e) for e in errors}
        for cand in candidates:  # the chosen list: not a document, so nothing to do (not a failure)
            if cand.display not in known:
                summary.recorder.document(cand.display, "skipped", 0)
    summary.input_bytes += sum(src.path.stat().st_size for src in inputs)
    if any(src.kind is InputKind.PDF for src in inputs):
        for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
            poppler.require(tool)
    if not inputs and not summary.failures and not summary.resumed and summary.recorder is None:
        raise InputError(
            "no documents found in the given paths (PDF, PNG, JPEG, TIFF, WebP, BMP, GIF, PNM, HEIC, JPEG 2000, "
            "DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF, HTML, EPUB, EML, MSG, CSV, TSV, TXT)"
        )
    return inputs


def file_of(exc: SandboxError) -> str:
    """The input an input error is about (its message starts with the name)."""
    return exc.message.split(":", 1)[0]
