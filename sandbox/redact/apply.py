"""``redact``: burn flagged text out of the pixels, rebuild the outputs, check them, write.

Each document's outputs are assembled here, checked by ``redact.checks``, and written only
when every check passes (all of them or none).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PIL import Image

from sandbox import compress, outputs, pipeline
from sandbox.config import OcrSettings
from sandbox.errors import Interrupted, UsageError, VerifyError
from sandbox.models import Document, InputFile
from sandbox.redact import burn, checks, pagebreaks, work
from sandbox.redact import review as review_file
from sandbox.redact.flag import redact_settings
from sandbox.redact.policy import Policy
from sandbox.redact.report import RedactSummary, document_report
from sandbox.redact.types import CodesMode, Mark, PageMarks, RedactJob, UnreadMode, check_formats
from sandbox.run.context import PLAIN, RunContext
from sandbox.run.inputs import check_tools, open_inputs
from sandbox.run.sink import Sink, Stopped, interrupted, stopped
from sandbox.workdir import private_workdir


def run_redact(
    args: Sequence[str],
    settings: OcrSettings,
    policy: Policy,
    outdir: Path,
    formats: Sequence[str],
    *,
    review: review_file.Review | None = None,
    unread: UnreadMode = "ask",
    keep_names: bool = False,
    views: bool = True,
    codes: CodesMode = "check",
    context: RunContext = PLAIN,
) -> RedactSummary:
    """Redact every input into ``outdir``; a document whose checks fail gets no output."""
    started, encoded = time.monotonic(), compress.spent()
    check_formats(formats)
    if review is not None:
        settings = replace(settings, dpi=review.dpi, lang=review.lang)
        policy = replace(policy, highlights=review.highlights)
    summary = RedactSummary(recorder=context.recorder)
    settings = check_tools(settings)
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, context.stdin, summary)
        shas = [review_file.sha256(src.given) for src in inputs]
        naming = summary.recorder.selection if summary.recorder else None
        planned = outputs.plan(
            inputs, [*formats, "report"], outdir, neutral=None if keep_names else "redacted", naming=naming
        )
        summary.names = [
            (planned[(i, "report")].name.removesuffix(".report.json"), src.display) for i, src in enumerate(inputs)
        ]
        pngs = [
            _png_name(p, n)
            for (i, fmt), p in planned.items()
            if fmt == "png"
            for n in range(1, inputs[i].page_count + 1)
        ]
        outputs.check_free([p for (_, fmt), p in planned.items() if fmt != "png"] + pngs, context.force)
        sink = context.sink(outdir, summary)
        jobs: dict[int, review_file.ReviewDoc | None] = {}
        for i, sha in enumerate(shas):
            if review is None:
                jobs[i] = None
            elif sha in review.documents:
                jobs[i] = review.documents[sha]
            else:
                missing = f"{inputs[i].display}: not in the review file (content differs); run sandbox flag on it first"
                sink.fail(inputs[i].display, UsageError(missing))
        todo = [
            i
            for i in range(len(inputs))
            if i in jobs and not any(f.file == inputs[i].display for f in summary.failures)
        ]
        run_inputs = [inputs[i] for i in todo]

        def job(doc: int, page: int) -> RedactJob:
            entry = jobs[todo[doc]]
            if entry is None:
                return RedactJob(apply=True, policy=policy, unread=unread, views=views, codes=codes)
            # the review's decisions apply; what the policy and --terms find that the review
            # did not decide is redacted as well, never dropped
            return RedactJob(
                apply=True,
                policy=policy.with_terms(entry.terms),
                review=entry.marks.get(page, ()),
                review_texts=entry.redact_texts,
                review_exact=entry.redact_exact,
                keep_texts=entry.keep_texts,
                unread=unread,
                decided=entry.decided.get(page, ()),
                views=views,
                codes=codes,
                lang=entry.languages.get(page, ""),
            )

        def finish(result: pipeline.DocumentResult[PageMarks]) -> None:
            index = todo[result.index]
            src = inputs[index]
            try:
                if result.document is None:
                    # fail closed: a page that cannot be read makes the whole document refused
                    sink.failed(src.display, result.errors)
                    return
                _write_document(src, index, result, planned, formats, sink, workdir, policy, settings.optimize)
            finally:
                for image in result.images:
                    if image is not None:
                        image.unlink(missing_ok=True)

        context.start(sum(src.page_count for src in run_inputs))
        sink.expect(len(run_inputs))
        try:
            if run_inputs:
                pipeline.run(run_inputs, redact_settings(settings), workdir, finish, context.on_page, work.process, job)
        except Stopped:  # the first write error: the documents after it are not read
            stopped(summary, [src.display for src in run_inputs])
        except (KeyboardInterrupt, Interrupted):
            raise interrupted(summary, len(run_inputs)) from None
    summary.seconds = time.monotonic() - started
    summary.optimize_seconds = compress.spent() - encoded
    return summary


def _png_name(base: Path, n: int) -> Path:
    """Redacted pages as PNG: ``NAME-p001.png``, ``NAME-p002.png``, …"""
    return base.with_name(f"{base.stem}-p{n:03d}.png")


def _write_document(
    src: InputFile,
    index: int,
    result: pipeline.DocumentResult[PageMarks],
    planned: dict[tuple[int, str], Path],
    formats: Sequence[str],
    sink: Sink,
    workdir: Path,
    policy: Policy,
    optimize: int,
) -> None:
    from sandbox.writers import json_out, pdf, txt

    assert result.document is not None
    text_layer = policy.text_layer
    marks = [pm for pm in result.extras if isinstance(pm, PageMarks)]
    images = [p for p in result.images if p is not None]
    document, marks = _across_pages(result.document, marks, images, policy)
    texts = sorted({t for pm in marks for t in pm.texts})
    exact = sorted({t for pm in marks for t in pm.exact})
    products: dict[str, bytes] = {}
    problems: list[str] = []
    if "pdf" in formats:
        layers = [pm.surviving if text_layer else None for pm in marks]
        pages = [(img, pm.dpi, layer) for img, pm, layer in zip(images, marks, layers, strict=True)]
        data = pdf.render_pages(pages, optimize)
        check = workdir / f"check-{index}.pdf"
        check.write_bytes(data)
        boxes = [[m.box for m in pm.marks] for pm in marks]
        problems += checks.check_pdf(check, texts, boxes, [pm.dpi for pm in marks], exact)
        check.unlink()
        products["pdf"] = data
    if "txt" in formats:
        products["txt"] = txt.render(document)
        problems += checks.check_text(products["txt"], texts, "TXT", exact)
    if "json" in formats:
        products["json"] = json_out.render(document)
        problems += checks.check_text(products["json"], texts, "JSON", exact)
    pngs = [img.read_bytes() for img in images] if "png" in formats else []
    for data in pngs:
        problems += checks.check_image(data, texts, exact)
    if problems:
        found = "; ".join(sorted(set(problems)))
        sink.fail(src.display, VerifyError(f"{src.display}: verification failed ({found}); nothing was written"))
        return
    report = document_report(src, document, marks, formats)
    files = [(planned[(index, fmt)], data) for fmt, data in products.items()]
    files += [(_png_name(planned[(index, "png")], n), data) for n, data in enumerate(pngs, 1)]
    files.append((planned[(index, "report")], report))
    if not sink.write(src.display, files, document):
        return
    summary = sink.summary
    assert isinstance(summary, RedactSummary)
    for pm in marks:
        summary.rules.update(m.rule for m in pm.marks)
        summary.boxes += len(pm.marks)
        summary.unread += len(pm.unread)
    summary.verified.append(src.display)


def _across_pages(
    document: Document, marks: list[PageMarks], images: list[Path], policy: Policy
) -> tuple[Document, list[PageMarks]]:
    """Burn what only two pages hold together (:mod:`sandbox.redact.pagebreaks`): each side's
    boxes into its page's image (in place, in the private work folder), its words out of the
    page's text and text layer, the item's text into the page's output checks."""
    read = [pm.read for pm in marks if pm.read is not None and pm.surviving is not None]
    if len(marks) < 2 or len(images) != len(marks) or len(read) != len(marks):
        return document, marks
    found = pagebreaks.cuts(read, policy)
    if not found:
        return document, marks
    pages = list(document.pages)
    for cut in found:
        n = cut.page
        pm = marks[n]
        with Image.open(images[n]) as img:
            img.load()
            dpi = img.info.get("dpi", (pm.dpi, pm.dpi))
            burned = burn.burn(img, cut.boxes)
        burned.save(images[n], format="PNG", dpi=dpi)
        assert pm.surviving is not None
        removed = burn.covered_words(pm.surviving, cut.boxes)
        new_marks = tuple(Mark(box, cut.rule, cut.text) for box in cut.boxes)
        marks[n] = replace(
            pm, marks=pm.marks + new_marks, surviving=burn.surviving(pm.surviving, removed), texts=(*pm.texts, cut.text)
        )
        if n < len(pages):
            page = pages[n]
            gone = burn.covered_words(page, cut.boxes)
            pages[n] = burn.redact_page(page, gone, dict.fromkeys(gone, cut.rule), policy.placeholder)
    return replace(document, pages=tuple(pages)), marks
