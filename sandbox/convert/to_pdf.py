"""Target ``pdf`` (no reading): images embedded as they are, PDF pages picked, turned, split, merged."""

from __future__ import annotations

from pathlib import Path

from sandbox.convert import images, pages
from sandbox.convert.job import Conversion, Item
from sandbox.errors import SandboxError


def pdf_file(conv: Conversion, item: Item, dest: Path) -> bool:
    """One input into ``dest`` (with ``--split``: ``NAME-p001.pdf``, … beside it)."""
    opts, display = conv.opts, item.source.display
    if opts.split:
        pdf = conv.as_pdf(item)
        parts = [
            (
                dest.with_name(f"{dest.stem}-p{n:03d}.pdf"),
                pages.assemble([(pdf, display, [index])], rotate=opts.rotate, keep_metadata=opts.keep_metadata),
            )
            for n, index in enumerate(conv.selected(pages.page_count(pdf, display)), 1)
        ]
        return conv.sink.write(display, parts)
    if item.group == "image" and not opts.pages and not opts.rotate:
        data = images.to_pdf(
            [(item.source.path, item.source.kind)], opts.page_size, conv.work, conv.settings.limits,
            conv.settings.optimize,
        )  # fmt: skip
        return conv.sink.write(display, [(dest, data)])
    pdf = conv.as_pdf(item)
    return conv.sink.write(display, [(dest, conv.assemble([(pdf, display, pages.page_count(pdf, display))]))])


def merged_pdf(conv: Conversion, items: list[Item], out: Path) -> int:
    """Every input into one PDF, in order: all of them or nothing.  Returns the inputs merged."""
    parts = []
    for item in items:
        try:
            pdf = conv.as_pdf(item)
            parts.append((pdf, item.source.display, pages.page_count(pdf, item.source.display)))
        except SandboxError as exc:
            conv.sink.fail(item.source.display, exc)
    if not parts or conv.sink.summary.failures:
        return 0
    return len(parts) if conv.sink.write(out.name, [(out, conv.assemble(parts))]) else 0
