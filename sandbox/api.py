"""The library entry: ``run_ocr`` OCRs files into output formats, as ``sandbox ocr`` does.

``run_ocr`` expands and identifies the inputs, checks tools and output paths up front,
runs the page pipeline and writes each document's outputs as soon as it is complete; it
returns a :class:`~sandbox.run.summary.RunSummary` whose ``exit_code`` is the command's.
``render_format`` renders one read document.  The plumbing the commands share is
:mod:`sandbox.run`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sandbox import compress, outputs, pages, pipeline
from sandbox.config import OcrSettings
from sandbox.errors import ExitCode, Interrupted, SandboxError
from sandbox.formats import structured_formats
from sandbox.models import InputKind
from sandbox.run.context import PLAIN, RunContext
from sandbox.run.inputs import check_tools, open_inputs
from sandbox.run.render import render_format
from sandbox.run.sink import Stopped, interrupted
from sandbox.run.summary import RunSummary, summarise
from sandbox.workdir import private_workdir
from sandbox.writers import check_request

if TYPE_CHECKING:
    from sandbox.structure.model import PageLayout

__all__ = ["RunSummary", "render_format", "run_ocr"]


def run_ocr(
    args: Sequence[str],
    settings: OcrSettings,
    formats: Sequence[str],
    outdir: Path | None,
    *,
    stdout: BinaryIO | None = None,
    context: RunContext = PLAIN,
) -> RunSummary:
    """OCR ``args`` (files, directories, ``-``) into ``formats`` under ``outdir`` or to ``stdout``.

    ``context`` carries ``force``, the staging ``write_dir``, standard input, the progress hooks
    and the batch journal (:class:`~sandbox.run.context.RunContext`).
    """
    started, encoded = time.monotonic(), compress.spent()
    check_request(formats, outdir)
    summary = RunSummary(recorder=context.recorder)
    settings = check_tools(settings)
    with private_workdir() as work:
        inputs = open_inputs(args, settings, work, context.stdin, summary, born_digital=True)
        naming = summary.recorder.selection if summary.recorder else None
        planned = outputs.plan(inputs, formats, outdir, naming=naming) if outdir is not None else {}
        outputs.check_free(list(planned.values()), context.force)
        sink = context.sink(outdir or Path(), summary)
        if "pdf" in formats:
            settings = replace(settings, keep_images=True)

        handled: set[int] = set()

        def write(result: pipeline.DocumentResult[PageLayout]) -> None:
            handled.add(result.index)
            src = inputs[result.index]
            if result.document is None:
                sink.failed(src.display, result.errors)
                return
            try:
                # every format first, then the files: a document gets all its outputs or none
                products = [
                    (fmt, render_format(fmt, result.document, result.images, settings.optimize, result.extras))
                    for fmt in formats
                ]
                if outdir is not None:  # all the files, or none; counted by the sink
                    files = [(planned[(result.index, fmt)], data) for fmt, data in products]
                    sink.write(src.display, files, result.document)
                    return
                assert stdout is not None
                for _, data in products:
                    stdout.write(data)
                    stdout.flush()
            except SandboxError as exc:
                sink.fail(src.display, exc)
                return
            except (BrokenPipeError, Stopped):
                raise
            except Exception as exc:  # a writer bug must not lose the rest of the batch
                msg = f"{src.display}: writing output failed (internal error {type(exc).__name__})"
                sink.failed(src.display, [(msg, int(ExitCode.INTERNAL))])
                return
            finally:
                for image in result.images:
                    if image is not None and image != src.path:
                        image.unlink(missing_ok=True)
            summary.documents.append(summarise(result.document, src.display))

        context.start(sum(src.page_count for src in inputs))
        worker = pages.process
        if structured_formats() & set(formats):  # NumPy and the layout code only when asked for
            from sandbox.structure import worker as structure_worker

            worker = structure_worker.process
        sink.expect(len(inputs))
        scans = all(src.kind.is_image or src.kind is InputKind.PDF for src in inputs)
        if not scans:  # born-digital: read, not OCR'd (their readers are loaded only for them)
            from sandbox.extract import run as extract_run

            born, inputs, planned = extract_run.split(inputs, planned)
        try:
            if not scans:
                extract_run.write_all(born, formats, settings, work, sink, stdout, context.on_page)
            if inputs:
                pipeline.run(inputs, settings, work, write, context.on_page, worker=worker)
        except Stopped:  # the first write error: the documents after it are not read
            summary.not_processed = [src.display for i, src in enumerate(inputs) if i not in handled]
        except (KeyboardInterrupt, Interrupted):
            raise interrupted(summary, len(inputs)) from None
    summary.seconds = time.monotonic() - started
    summary.optimize_seconds = compress.spent() - encoded
    return summary
