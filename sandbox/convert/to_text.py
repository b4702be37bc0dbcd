"""Targets that need reading (docx, xlsx, html, md, txt, and PDF with ``--ocr``): one pipeline run over the
pages of all such inputs, each document written as it completes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sandbox import formats, pipeline
from sandbox import pages as pages_io
from sandbox.convert import pages
from sandbox.convert.job import Conversion, Item
from sandbox.errors import SandboxError
from sandbox.models import InputKind
from sandbox.run.render import render_format
from sandbox.structure import worker as structure_worker
from sandbox.structure.model import PageLayout


def read(conv: Conversion, items: list[Item], dests: list[Path], force_ocr: bool = False) -> None:
    """Read ``items`` (office documents converted to PDF first) and write each as ``conv.target`` to its ``dests``
    entry; a document that fails is recorded in the sink and the others go on.
    """
    if conv.target in formats.read_targets() and any(i.group in ("office", "born") for i in items):
        from sandbox.extract.run import split_items

        items, dests = split_items(conv, items, dests)  # born-digital ones are read as they are
        if not items:
            return
    sources = []
    for item in items:
        src = item.source
        if item.group == "office":
            src = replace(src, path=conv.as_pdf(item), kind=InputKind.PDF)
            src = replace(src, page_count=pages.page_count(src.path, src.display))
        sources.append(src)
    settings = replace(conv.settings, force_ocr=force_ocr or conv.settings.force_ocr, keep_images=conv.target == "pdf")

    def done(result: pipeline.DocumentResult[PageLayout]) -> None:
        display = items[result.index].source.display
        try:
            if result.document is None:
                conv.sink.failed(display, result.errors)
                return
            data = render_format(conv.target, result.document, result.images, conv.settings.optimize, result.extras)
            conv.sink.write(display, [(dests[result.index], data)], result.document)
        except SandboxError as exc:
            conv.sink.fail(display, exc)
        finally:
            for image in result.images:
                if image is not None and image != sources[result.index].path:
                    image.unlink(missing_ok=True)

    structured = conv.target in formats.structured_formats()
    worker = structure_worker.process if structured else pages_io.process
    pipeline.run(sources, settings, conv.work, done, conv.on_page, worker=worker)
