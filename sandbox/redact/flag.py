"""``flag``: read every page, find what the policy flags, write the review file.

Pages go through the same process pool as OCR (``redact.work`` in the workers).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from sandbox import outputs, pipeline
from sandbox.config import OcrSettings
from sandbox.redact import review as review_file
from sandbox.redact import work
from sandbox.redact.policy import Policy
from sandbox.redact.report import RedactSummary
from sandbox.redact.types import CodesMode, PageMarks, RedactJob
from sandbox.run.context import PLAIN, RunContext
from sandbox.run.inputs import check_tools, open_inputs
from sandbox.run.summary import summarise
from sandbox.workdir import private_workdir


def run_flag(
    args: Sequence[str],
    settings: OcrSettings,
    policy: Policy,
    review_path: Path,
    *,
    codes: CodesMode = "check",
    context: RunContext = PLAIN,
) -> RedactSummary:
    """Write a review file with every finding (text included: the file is confidential)."""
    started = time.monotonic()
    summary = RedactSummary()
    settings = check_tools(settings)
    outputs.check_free([review_path], context.force)
    entries: list[dict[str, Any]] = []
    sink = context.sink(review_path.parent, summary)
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, context.stdin, summary)
        shas = [review_file.sha256(src.given) for src in inputs]
        job = RedactJob(apply=False, policy=policy, codes=codes)

        def collect(result: pipeline.DocumentResult[PageMarks]) -> None:
            src = inputs[result.index]
            if result.document is None:
                sink.failed(src.display, result.errors)
                return
            pms = [(i, pm) for i, pm in enumerate(result.extras) if isinstance(pm, PageMarks)]
            marks = [(i, pm.marks, pm.unread) for i, pm in pms]
            sizes = {i + 1: (pm.width, pm.height) for i, pm in pms}
            summary.unread += sum(len(u) for _, _, u in marks)
            structure = {i: pm.structure for i, pm in pms}
            langs = {i + 1: pm.languages for i, pm in pms if pm.languages}
            named = {i: pm.unread_kinds for i, pm in pms}
            entry = review_file.document_entry(
                src.display, shas[result.index], src.page_count, marks, sizes, structure, langs, named
            )
            if src.origin is not None:  # a printed born-digital document: its own text read too
                from sandbox.redact.textonly import not_on_pages

                entry["not_on_pages"] = not_on_pages(src, policy, settings.limits, workdir, entry["findings"])
            entries.append(entry)
            summary.documents.append(summarise(result.document, src.display))

        context.start(sum(src.page_count for src in inputs))
        hook = context.on_page
        pipeline.run(inputs, redact_settings(settings), workdir, collect, hook, work.process, lambda d, p: job)
        if entries:
            data = review_file.dump(entries, settings.dpi, settings.lang, policy.highlights)
            sink.deliver([(review_path, data)])
    summary.seconds = time.monotonic() - started
    return summary


def redact_settings(settings: OcrSettings) -> OcrSettings:
    """Redaction reads every page from pixels (born-digital pages through their layer too)."""
    return replace(settings, force_ocr=True, keep_images=False)
