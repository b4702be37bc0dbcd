"""Where a run's documents end: each one's files all or none, counted once in place, and the
first write error stopping the run (:class:`Stopped`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sandbox import courier, outputs
from sandbox.errors import Interrupted, SandboxError, WriteError
from sandbox.models import Document
from sandbox.run.summary import RunSummary, summarise


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
        """``display`` failed with ``exc`` (:meth:`RunSummary.fail`)."""
        self.summary.fail(display, exc)

    def failed(self, display: str, errors: Sequence[tuple[str, int]]) -> None:
        """A document the pipeline could not finish (its pages' errors)."""
        self.summary.failed(display, errors)

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
