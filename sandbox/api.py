"""Typed entry points the CLI calls; usable as a library.

``run_ocr`` expands and identifies the inputs, checks tools and output paths up front,
runs the page pipeline and writes each document's outputs as soon as it is complete.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sandbox import compress, courier, ingest, outputs, pages, pipeline, poppler
from sandbox.config import OcrSettings
from sandbox.engines import tesseract
from sandbox.errors import ExitCode, InputError, Interrupted, SandboxError, UsageError, WriteError
from sandbox.formats import Rendering, ocr_formats, render, structured_formats, written_formats
from sandbox.models import Document, InputFile, InputKind, PageSource
from sandbox.pipeline import PageHook

if TYPE_CHECKING:
    from sandbox.batch import Recorder
    from sandbox.structure.model import PageLayout
from sandbox.workdir import private_workdir
from sandbox.writers import check_request


@dataclass(frozen=True, slots=True)
class Failure:
    file: str
    message: str
    exit_code: int


@dataclass(frozen=True, slots=True)
class DocSummary:
    file: str
    pages: int
    ocr_pages: int
    text_pages: int
    words: int
    mean_conf: float | None
    unread_pages: tuple[int, ...] = ()  # 1-based numbers of pages with ink but no text read


@dataclass
class RunSummary:
    documents: list[DocSummary] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0
    converted: int = 0  # inputs converted without reading (they have no DocSummary)
    input_bytes: int = 0
    output_bytes: int = 0
    optimize_seconds: float = 0.0  # choosing and encoding page pictures (--optimize)
    resumed: int = 0  # inputs skipped by --resume: done before with the same content and settings
    recorder: Recorder | None = field(default=None, repr=False, compare=False)  # the batch journal
    allow_empty: bool = True  # False (ocr, convert without --allow-empty): an unread page is exit 6
    not_processed: list[str] = field(default_factory=list)  # left when the first write error stopped the run

    @property
    def succeeded(self) -> int:
        return len(self.documents) + self.converted

    @property
    def unread_pages(self) -> int:
        return sum(len(d.unread_pages) for d in self.documents)

    @property
    def exit_code(self) -> int:
        """The one rule for every command: 0 if nothing failed; 6 if some inputs failed and others
        succeeded; else the failures' common code (6 when they differ).  Unread pages (ink, no
        text) count as failed pages (6) unless ``allow_empty``."""
        if not self.failures:
            return int(ExitCode.PARTIAL if self.unread_pages and not self.allow_empty else ExitCode.OK)
        if self.succeeded:
            return int(ExitCode.PARTIAL)
        codes = {f.exit_code for f in self.failures}
        return codes.pop() if len(codes) == 1 else int(ExitCode.PARTIAL)

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.succeeded + len({f.file for f in self.failures}),
            "pages": sum(d.pages for d in self.documents),
            "ocr_pages": sum(d.ocr_pages for d in self.documents),
            "text_layer_pages": sum(d.text_pages for d in self.documents),
            "skipped_non_documents": self.skipped,
            "seconds": round(self.seconds, 3),
            "input_bytes": self.input_bytes,
            "output_bytes": self.output_bytes,
            "optimize_seconds": round(self.optimize_seconds, 3),
            "resumed": self.resumed,
            "unread_pages": self.unread_pages,
            "not_processed": self.not_processed,
            "exit_code": self.exit_code,
            "documents": [asdict(d) for d in self.documents],
            "failures": [asdict(f) for f in self.failures],
            "outputs": self.outputs,
        }


def render_format(
    fmt: str,
    document: Document,
    images: Sequence[Path | None],
    optimize: int = 1,
    layouts: Sequence[PageLayout | None] = (),
) -> bytes:
    """``document`` as ``fmt``, by the writer the format registry names (:mod:`sandbox.formats`).
    Structured formats (docx, md, html, xlsx; json's regions) use ``layouts``, each page's
    structure found in its worker; a page without one is laid out from its words alone."""
    if fmt not in written_formats():
        raise UsageError(f"--to: unknown format '{fmt}' (choose from {', '.join(ocr_formats())})")
    return render(fmt, Rendering(document, images, optimize, layouts))


def summarise(document: Document, display: str) -> DocSummary:
    words = [w for p in document.pages for w in p.words]
    ocr_words = [w.conf for p in document.pages if p.source is PageSource.OCR for w in p.words]
    return DocSummary(
        file=display,
        pages=len(document.pages),
        ocr_pages=sum(1 for p in document.pages if p.source is PageSource.OCR),
        text_pages=sum(1 for p in document.pages if p.source is PageSource.TEXT_LAYER),
        words=len(words),
        mean_conf=round(sum(ocr_words) / len(ocr_words), 3) if ocr_words else None,
        unread_pages=tuple(p.index + 1 for p in document.pages if p.unread),
    )


def check_tools(settings: OcrSettings) -> OcrSettings:
    """Tesseract and the asked-for languages must be there; returns normalised settings."""
    tesseract.require()
    lang = tesseract.check_languages(settings.lang)
    ingest.configure_pillow(settings.limits)
    return settings if lang == settings.lang else replace(settings, lang=lang)


def open_inputs(
    args: Sequence[str], settings: OcrSettings, work: Path, stdin: BinaryIO | None, summary: RunSummary
) -> list[InputFile]:
    """Expand and identify the inputs; unreadable ones become failures in ``summary``."""
    candidates: Iterable[ingest.Candidate] = ingest.expand(args, work, stdin)
    if summary.recorder is not None:
        candidates = summary.recorder.choose(candidates, outputs.stem)
        summary.resumed = summary.recorder.selection.resumed if summary.recorder.selection else 0
    inputs, errors, summary.skipped = ingest.identify_all(candidates, settings.limits, work, settings.password)
    summary.failures.extend(Failure(_file_of(e), e.message, int(e.exit_code)) for e in errors)
    if summary.recorder is not None:
        for e in errors:
            summary.recorder.document(_file_of(e), "failed", int(e.exit_code), message=e.message)
        known = {src.display for src in inputs} | {_file_of(e) for e in errors}
        for cand in candidates:  # the chosen list: not a document, so nothing to do (not a failure)
            if cand.display not in known:
                summary.recorder.document(cand.display, "skipped", 0)
    summary.input_bytes += sum(src.path.stat().st_size for src in inputs)
    if any(src.kind is InputKind.PDF for src in inputs):
        for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
            poppler.require(tool)
    if not inputs and not summary.failures and not summary.resumed and summary.recorder is None:
        raise InputError(
            "no documents found in the given paths (PDF, PNG, JPEG, TIFF, WebP, BMP, GIF, PNM, HEIC, JPEG 2000)"
        )
    return inputs


class Stopped(Exception):
    """The first write error: raised through the pipeline so that no more pages are read.
    The failed document is already recorded; what was delivered before it stays."""


def write_files(
    products: Sequence[tuple[Path, bytes]], outdir: Path, write_dir: Path | None, summary: RunSummary, force: bool
) -> list[Path]:
    """A document's files, all or none: every destination is checked first (inside ``outdir``,
    not existing unless ``force``), then each file is written atomically, in place or into the
    sandbox's staging directory; if one write fails, the files already written are removed."""
    for dest, _ in products:
        outputs.check_inside(dest, outdir)
    outputs.check_free([dest for dest, _ in products], force)
    scratch = summary.recorder.scratch if summary.recorder is not None and write_dir is None else None
    written: list[Path] = []
    try:
        for dest, data in products:
            target = dest if write_dir is None else write_dir / dest.relative_to(outdir)
            outputs.atomic_write(target, data, scratch)
            written.append(target)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return written


@dataclass
class Sink:
    """Where a run's documents end: their outputs (all or none), their failures, and the
    summary that gives the run's one exit code.

    Guarantees: ``summary.outputs`` lists only files in place — written here, or, inside
    bubblewrap, moved into the output folder by the launcher, which answered for each document
    before the next one (:mod:`sandbox.courier`).  The first write error is that document's
    failure and stops the run (:class:`Stopped`); every document delivered before it stays."""

    outdir: Path
    write_dir: Path | None
    force: bool
    summary: RunSummary
    link: courier.Courier | None = None  # inside bubblewrap: the launcher puts each document in place

    def __post_init__(self) -> None:
        if self.write_dir is not None and self.link is None:
            self.link = courier.connect()

    def expect(self, documents: int) -> None:
        """Tell the launcher how many documents this run sets out to write (its Ctrl-C line)."""
        if self.link is not None and self.write_dir is not None:
            self.link.send({"kind": "expect", "documents": documents})

    def deliver(self, products: Sequence[tuple[Path, bytes]], display: str | None = None, pages: int = 0) -> None:
        """One document's files, all or none, then counted; a :class:`WriteError` when they
        could not be put in place (nothing of the document is left)."""
        written = write_files(products, self.outdir, self.write_dir, self.summary, self.force)
        error = self._hand_over([dest for dest, _ in products], display, pages)
        if error is not None:
            for target in written:
                target.unlink(missing_ok=True)
            raise WriteError(error)
        self.summary.outputs.extend(str(dest) for dest, _ in products)
        self.summary.output_bytes += sum(len(data) for _, data in products)

    def _hand_over(self, dests: list[Path], display: str | None, pages: int) -> str | None:
        """Record the finished document; inside bubblewrap the launcher moves it into place
        first and answers: None, or why it could not."""
        recorder = self.summary.recorder
        if recorder is not None and display is not None:
            return recorder.document(display, "done", 0, dests, pages)
        if self.link is not None and self.write_dir is not None:
            rels = [str(dest.relative_to(self.outdir)) for dest in dests]
            return self.link.ask({"kind": "document", "status": "done", "input": display or "", "outputs": rels})
        return None

    def fail(self, display: str, exc: SandboxError) -> None:
        self.failed(display, [(exc.message, int(exc.exit_code))])

    def failed(self, display: str, errors: Sequence[tuple[str, int]]) -> None:
        """A document the pipeline could not finish (its pages' errors)."""
        self.summary.failures.extend(Failure(display, msg, code) for msg, code in errors)
        if self.summary.recorder is not None and errors:
            self.summary.recorder.document(display, "failed", errors[0][1], message=errors[0][0])

    def write(self, display: str, products: Sequence[tuple[Path, bytes]], document: Document | None = None) -> bool:
        """One input's outputs, all or none; a read ``document`` is counted in the summary.
        An error is recorded as that input's failure (False) and the batch goes on, except a
        write error, which stops the run (:class:`Stopped`)."""
        try:
            self.deliver(products, display, len(document.pages) if document is not None else 0)
        except WriteError as exc:
            self.fail(display, exc)
            raise Stopped(exc.message) from None
        except SandboxError as exc:
            self.fail(display, exc)
            return False
        if document is not None:
            self.summary.documents.append(summarise(document, display))
        return True


def deliver(
    products: Sequence[tuple[Path, bytes]], outdir: Path, write_dir: Path | None, summary: RunSummary, force: bool
) -> None:
    """One document's files through a :class:`Sink` (all or none, counted once in place)."""
    Sink(outdir, write_dir, force, summary).deliver(products)


def stopped(summary: RunSummary, names: Sequence[str]) -> None:
    """After :class:`Stopped`: the documents of ``names`` (input order) after the one whose write
    failed were not processed."""
    failed = summary.failures[-1].file if summary.failures else None
    at = next((i for i, name in enumerate(names) if name == failed), len(names) - 1)
    summary.not_processed = list(names[at + 1 :])


def interrupted(summary: RunSummary, total: int) -> Interrupted:
    """Ctrl-C or SIGTERM: the one line saying how many documents are in place."""
    return Interrupted(courier.stopped_line(summary.succeeded, total))


def run_ocr(
    args: Sequence[str],
    settings: OcrSettings,
    formats: Sequence[str],
    outdir: Path | None,
    *,
    force: bool = False,
    write_dir: Path | None = None,
    stdout: BinaryIO | None = None,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
    recorder: Recorder | None = None,
) -> RunSummary:
    """OCR ``args`` (files, directories, ``-``) into ``formats`` under ``outdir`` or to ``stdout``.

    ``write_dir``, when given, receives the files instead of ``outdir`` (same relative names):
    the sandbox's staging directory, from which the launcher moves them into ``outdir``.
    """
    started, encoded = time.monotonic(), compress.spent()
    check_request(formats, outdir)
    summary = RunSummary(recorder=recorder)
    settings = check_tools(settings)
    with private_workdir() as work:
        inputs = open_inputs(args, settings, work, stdin, summary)
        naming = summary.recorder.selection if summary.recorder else None
        planned = outputs.plan(inputs, formats, outdir, naming=naming) if outdir is not None else {}
        outputs.check_free(list(planned.values()), force)
        sink = Sink(outdir or Path(), write_dir, force, summary)
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

        if on_start is not None:
            on_start(sum(src.page_count for src in inputs))
        from sandbox.structure import worker as structure_worker

        worker = structure_worker.process if structured_formats() & set(formats) else pages.process
        sink.expect(len(inputs))
        try:
            pipeline.run(inputs, settings, work, write, on_page, worker=worker)
        except Stopped:  # the first write error: the documents after it are not read
            summary.not_processed = [src.display for i, src in enumerate(inputs) if i not in handled]
        except (KeyboardInterrupt, Interrupted):
            raise interrupted(summary, len(inputs)) from None
    summary.seconds = time.monotonic() - started
    summary.optimize_seconds = compress.spent() - encoded
    return summary


def _file_of(exc: SandboxError) -> str:
    return exc.message.split(":", 1)[0]
