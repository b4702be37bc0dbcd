"""Orchestration of ``sandbox convert`` and ``sandbox sanitize`` over many inputs.

The target comes from ``--to`` or the output file's extension.  With an output *file*, all
inputs go into it (PDF: merged in order; TIFF: a multi-page TIFF); with an output *directory*,
each input gives its own file(s).  Conversions that need reading (DOCX, Markdown, TXT,
searchable PDF) go through the OCR pipeline; everything else is pixels and page structure.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sandbox import compress, formats, ingest, outputs, poppler
from sandbox.config import OcrSettings
from sandbox.convert import office, targets
from sandbox.convert.job import Conversion, Item
from sandbox.convert.options import ConvertOptions, resolve_target
from sandbox.convert.sanitize import sanitized_pdf
from sandbox.convert.to_images import image_files, multipage_tiff
from sandbox.convert.to_pdf import merged_pdf, pdf_file
from sandbox.convert.to_text import read
from sandbox.errors import InputError, Interrupted, SandboxError, UsageError
from sandbox.models import InputFile, InputKind
from sandbox.run.context import PLAIN, RunContext
from sandbox.run.inputs import check_tools
from sandbox.run.sink import Stopped, interrupted, stopped
from sandbox.run.summary import RunSummary
from sandbox.workdir import private_workdir

if TYPE_CHECKING:
    pass

__all__ = ["ConvertOptions", "resolve_target", "run_convert"]


def _identify(
    args: Sequence[str], settings: OcrSettings, work: Path, stdin: BinaryIO | None, summary: RunSummary
) -> list[Item]:
    items: list[Item] = []
    candidates: Iterable[ingest.Candidate] = ingest.expand(args, work, stdin)
    if summary.recorder is not None:
        candidates = summary.recorder.choose(candidates, outputs.stem)
        summary.resumed = summary.recorder.selection.resumed if summary.recorder.selection else 0
    for cand in candidates:
        try:
            ext = office.kind(cand.path) if cand.path.is_file() else None
            if ext:
                items.append(Item(InputFile(cand.path, cand.display, cand.name, InputKind.PDF, 1), "office", ext))
                continue
            found = ingest.identify(cand, settings.limits, work, settings.password)
        except SandboxError as exc:
            summary.fail(cand.display, exc)
            continue
        except OSError as exc:
            summary.fail(cand.display, InputError(f"{cand.display}: cannot read ({exc.strerror})"))
            continue
        if found is not None:
            group = "pdf" if found.kind is InputKind.PDF else "image" if found.kind.is_image else "born"
            items.append(Item(found, group))
            summary.input_bytes += found.path.stat().st_size
        else:
            summary.skipped += 1
            if summary.recorder is not None:
                summary.recorder.document(cand.display, "skipped", 0)
    if not items and not summary.failures and not summary.resumed and summary.recorder is None:
        raise InputError("no documents found in the given paths")
    return items


def run_convert(
    args: Sequence[str],
    settings: OcrSettings,
    out: Path,
    opts: ConvertOptions,
    *,
    out_is_file: bool | None = None,
    context: RunContext = PLAIN,
) -> RunSummary:
    started, encoded = time.monotonic(), compress.spent()
    target, is_file = resolve_target(opts, out, targets.output_is_file(out) if out_is_file is None else out_is_file)
    outdir = out.parent if is_file else out
    ocr_needed = target in formats.read_targets() or (opts.ocr and target == "pdf")
    if ocr_needed:
        settings = check_tools(settings)
    ingest.configure_pillow(settings.limits)
    summary = RunSummary(recorder=context.recorder)
    with private_workdir() as work:
        items = _identify(args, settings, work, context.stdin, summary)
        for item in items:
            targets.check(item.group, target, item.source.display)
        if is_file and len(items) > 1 and target not in ("pdf", "tiff"):
            raise UsageError(f"-o {out.name}: several inputs go into one file only for PDF or TIFF; give -o DIR")
        if is_file and target in formats.read_targets() and len(items) > 1:
            raise UsageError(f"-o {out.name}: one input per {target} file; give -o DIR")
        if any(i.group == "pdf" for i in items):
            poppler.require("pdftoppm")
        sink = context.sink(outdir, summary)
        conv = Conversion(settings, opts, target, work, sink, context.on_page)
        context.start(sum(i.source.page_count for i in items))
        sink.expect(1 if is_file else len(items))
        try:
            if is_file:
                _one_file(conv, items, out)
            else:
                _each(conv, items, outdir)
        except Stopped:  # the first write error: the inputs after it are not converted
            stopped(summary, [i.source.display for i in items])
        except (KeyboardInterrupt, Interrupted):
            raise interrupted(summary, 1 if is_file else len(items)) from None
    summary.seconds = time.monotonic() - started
    summary.optimize_seconds = compress.spent() - encoded
    return summary


def _needs_reading(conv: Conversion) -> bool:
    return conv.target in formats.read_targets() or (conv.opts.ocr and conv.target == "pdf" and not conv.opts.sanitize)


def _each(conv: Conversion, items: list[Item], outdir: Path) -> None:
    """Each input into its own file(s) in ``outdir``; a failing input does not stop the others."""
    naming = conv.sink.summary.recorder.selection if conv.sink.summary.recorder else None
    plan = outputs.plan([i.source for i in items], [conv.target], outdir, naming=naming)
    if _needs_reading(conv):
        read(conv, items, [plan[(n, conv.target)] for n in range(len(items))])
        return
    convert_one = sanitized_pdf if conv.opts.sanitize else pdf_file if conv.target == "pdf" else image_files
    for n, item in enumerate(items):
        try:
            written = convert_one(conv, item, plan[(n, conv.target)])
        except SandboxError as exc:
            conv.sink.fail(item.source.display, exc)
        else:
            conv.sink.summary.converted += written  # read documents are counted as documents


def _one_file(conv: Conversion, items: list[Item], out: Path) -> None:
    """Every input into the one file ``out`` (PDF merged, TIFF pages), or the one input into it."""
    summary = conv.sink.summary
    if conv.target == "pdf" and not conv.opts.sanitize and not conv.opts.ocr:
        summary.converted += merged_pdf(conv, items, out)
        return
    if conv.target == "tiff" and len(items) > 1:
        summary.converted += len(items) if multipage_tiff(conv, items, out) else 0
        return
    if not items:  # the one input failed (its error is recorded): nothing to write
        return
    if len(items) != 1:
        raise UsageError(f"-o {out.name}: several inputs into one file need --to pdf or tiff")
    if _needs_reading(conv) or (conv.opts.ocr and not conv.opts.sanitize):
        read(conv, items, [out])
        return
    convert_one = sanitized_pdf if conv.opts.sanitize else pdf_file if conv.target == "pdf" else image_files
    summary.converted += convert_one(conv, items[0], out)
