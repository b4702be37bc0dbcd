"""What a run did: each document read, each failure, the files written, and the run's one
exit code (:attr:`RunSummary.exit_code`, the rule every command shares)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sandbox.errors import ExitCode, SandboxError
from sandbox.models import Document, PageSource

if TYPE_CHECKING:
    from sandbox.batch import Recorder


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that failed: its name as shown, the one-line message and its exit code."""

    file: str
    message: str
    exit_code: int


@dataclass(frozen=True, slots=True)
class DocSummary:
    """One document read: its pages by source, words and mean OCR confidence."""

    file: str
    pages: int
    ocr_pages: int
    text_pages: int
    words: int
    mean_conf: float | None
    unread_pages: tuple[int, ...] = ()  # 1-based numbers of pages with ink but no text read


@dataclass
class RunSummary:
    """A run's account, filled as it goes; :meth:`to_dict` is ``--json-summary``."""

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
        """How many documents were written (read and converted)."""
        return len(self.documents) + self.converted

    @property
    def unread_pages(self) -> int:
        """How many pages had writing-like ink but no text found, over every document."""
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

    def fail(self, display: str, exc: SandboxError) -> None:
        """``display`` failed with ``exc`` (recorded in the batch journal too)."""
        self.failed(display, [(exc.message, int(exc.exit_code))])

    def failed(self, display: str, errors: Sequence[tuple[str, int]]) -> None:
        """A document that could not be finished (its pages' errors), recorded in the journal
        with the first error."""
        self.failures.extend(Failure(display, msg, code) for msg, code in errors)
        if self.recorder is not None and errors:
            self.recorder.document(display, "failed", errors[0][1], message=errors[0][0])

    def to_dict(self) -> dict[str, object]:
        """The summary as ``--json`` prints it: counts, short names and exit codes, never document text."""
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


def summarise(document: Document, display: str) -> DocSummary:
    """The summary line of a read document."""
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
