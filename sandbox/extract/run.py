"""The one hook between the runs (``ocr``, ``convert``) and the born-digital readers.

Runs where the rest of the run runs: inside the sandbox.  Each document is read, turned into
the writers' :class:`~sandbox.models.Document` and written through the run's
:class:`~sandbox.api.Sink` (all its files or none); a document that cannot be read is that
document's failure (its typed error's exit code), never the batch's end.  Messages name the
file and the cause, never the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from sandbox.config import OcrSettings
from sandbox.errors import ExitCode, InputError, SandboxError
from sandbox.extract import is_born_digital
from sandbox.extract import read as read_document
from sandbox.extract.document import to_document
from sandbox.limits import Limits
from sandbox.models import Document, InputFile, InputKind
from sandbox.pipeline import PageHook
from sandbox.structure.model import PageLayout

FORMATS = ("txt", "json", "md", "html", "docx", "xlsx")  # what a born-digital document can become


def render(fmt: str, document: Document, layouts: Sequence[PageLayout]) -> bytes:
    """``document`` as ``fmt`` through the same writers scans use."""
    if fmt not in FORMATS:
        raise InputError(
            f"{document.source.display}: a born-digital document gives {', '.join(FORMATS)} and pdf, not {fmt}; "
            "leave it out of --to for it"
        )
    from sandbox.run.render import render_format

    return render_format(fmt, document, [], 1, layouts)


# formats LibreOffice prints to PDF (ocr --to pdf: the file's own text, no OCR); not e-mail or EPUB
PRINTABLE = {InputKind.DOCX: "docx", InputKind.XLSX: "xlsx", InputKind.PPTX: "pptx", InputKind.ODT: "odt",
             InputKind.ODS: "ods", InputKind.ODP: "odp", InputKind.RTF: "rtf", InputKind.DOC: "doc",
             InputKind.XLS: "xls", InputKind.PPT: "ppt", InputKind.HTML: "html", InputKind.TEXT: "txt",
             InputKind.CSV: "csv"}  # fmt: skip


def printed(source: InputFile, settings: OcrSettings, work: Path) -> bytes:
    """``ocr --to pdf`` of a born-digital document: LibreOffice's PDF (its text layer is the
    file's own text), rebuilt page by page without the source's metadata, as ``convert --to
    pdf`` makes it.  An InputError for e-mail and EPUB, which LibreOffice does not print."""
    ext = PRINTABLE.get(source.kind)
    if ext is None:
        raise InputError(
            f"{source.display}: {source.kind.value.upper()} gives {', '.join(FORMATS)}, not pdf or hocr; "
            "leave those out of --to for it"
        )
    from sandbox.convert import office, pages

    pdf = office.convert_to(source.path, source.display, ext, work, settings.limits.office_timeout_s, "pdf")
    try:
        count = pages.page_count(pdf, source.display)
        return pages.assemble([(pdf, source.display, list(range(count)))])
    finally:
        pdf.unlink(missing_ok=True)


def extracted(source: InputFile, limits: Limits, work: Path) -> tuple[Document, list[PageLayout]]:
    """Read ``source`` (a born-digital input) into the writers' document and its layouts."""
    return to_document(read_document(source.path, source.kind, source.display, limits, work), source)


def _job(args: tuple[InputFile, Limits, Path]) -> tuple[Document, list[PageLayout]]:
    return extracted(*args)


def extracted_in_worker(source: InputFile, settings: OcrSettings, work: Path) -> tuple[Document, list[PageLayout]]:
    """:func:`extracted` in a worker set up as the OCR workers are: its address space capped
    (``max-memory``: a document whose parse needs more is refused, exit 7), the run's
    ``job-timeout``, no core dumps, killed with the sandbox."""
    from sandbox import pipeline

    return pipeline.map_pages(_job, [(source, settings.limits, work)], replace(settings, jobs=1), work)[0]


def split(
    inputs: Sequence[InputFile], planned: dict[tuple[int, str], Path]
) -> tuple[list[tuple[InputFile, dict[str, Path]]], list[InputFile], dict[tuple[int, str], Path]]:
    """(born-digital inputs with their planned outputs by format, the other inputs, their plan
    renumbered): the others go through the page pipeline as before."""
    born: list[tuple[InputFile, dict[str, Path]]] = []
    rest: list[InputFile] = []
    replanned: dict[tuple[int, str], Path] = {}
    for n, src in enumerate(inputs):
        mine = {fmt: path for (i, fmt), path in planned.items() if i == n}
        if is_born_digital(src.kind):
            born.append((src, mine))
        else:
            replanned.update({(len(rest), fmt): path for fmt, path in mine.items()})
            rest.append(src)
    return born, rest, replanned


def write_all(
    born: Sequence[tuple[InputFile, dict[str, Path]]],
    formats: Sequence[str],
    settings: OcrSettings,
    work: Path,
    sink: object,
    stdout: BinaryIO | None = None,
    on_page: PageHook | None = None,
) -> None:
    """Read and write each born-digital input: to its planned files, or (no plan) to ``stdout``;
    ``on_page`` ticks once per document (the progress counts it as one page)."""
    from sandbox.run.sink import Sink
    from sandbox.run.summary import summarise

    assert isinstance(sink, Sink)
    for src, dests in born:
        if on_page is not None:
            on_page(None)
        try:
            document, layouts = extracted_in_worker(src, settings, work)
            products = [
                (fmt, printed(src, settings, work) if fmt == "pdf" else render(fmt, document, layouts))
                for fmt in formats
            ]
        except SandboxError as exc:
            sink.fail(src.display, exc)
            continue
        except Exception as exc:  # a reader bug must not lose the rest of the batch
            msg = f"{src.display}: reading the document failed (internal error {type(exc).__name__})"
            sink.failed(src.display, [(msg, int(ExitCode.INTERNAL))])
            continue
        if dests:
            sink.write(src.display, [(dests[fmt], data) for fmt, data in products], document)
            continue
        assert stdout is not None
        for _, data in products:
            stdout.write(data)
            stdout.flush()
        sink.summary.documents.append(summarise(document, src.display))


def split_items(conv: Any, items: list[Any], dests: list[Path]) -> tuple[list[Any], list[Path]]:
    """``convert`` to a document format: write the born-digital items (office documents and the
    rest) here; return the other items and their destinations for the page pipeline."""
    from sandbox.extract import sniff

    rest: list[Any] = []
    rest_dests: list[Path] = []
    for item, dest in zip(items, dests, strict=True):
        if item.group not in ("office", "born"):
            rest.append(item)
            rest_dests.append(dest)
            continue
        source = item.source
        if item.group == "office":
            kind = sniff(source.path)
            if kind is None:
                conv.sink.fail(source.display, InputError(f"{source.display}: not a document this tool can read"))
                continue
            source = replace(source, kind=kind)
        write_all([(source, {conv.target: dest})], [conv.target], conv.settings, conv.work, conv.sink,
                  on_page=conv.on_page)  # fmt: skip
    return rest, rest_dests
