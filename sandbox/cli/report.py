"""Progress bar and end-of-run summary on standard error (never document text)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from sandbox.pages import PageOutcome
    from sandbox.run.summary import RunSummary


PROGRESS_ENV = "SANDBOX_PROGRESS"  # "lines": one "sandbox: progress: DONE/TOTAL" line per page (the web page)
PROGRESS_PREFIX = "sandbox: progress: "


class Reporter:
    """Shows a progress bar for multi-page work when stderr is a terminal; with
    ``SANDBOX_PROGRESS=lines`` (set by the web page, even with ``-q``) it writes the pages done
    and the pages in all as one line per page instead: two numbers, never a name or text."""

    def __init__(self, quiet: bool, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._lines: list[int] | None = None  # [done, total] in "lines" mode

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def start(self, total_pages: int) -> None:
        """Begin showing progress over ``total_pages``: a bar on a terminal, count lines when asked by the
        environment, nothing when quiet or for one page.
        """
        from sandbox.terminal import stderr_is_terminal

        if os.environ.get(PROGRESS_ENV) == "lines":
            self._lines = [0, total_pages]
            self._line()
            return
        if self.quiet or total_pages < 2 or not stderr_is_terminal():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # auto_refresh=False: no background thread while worker processes are forked.
        self._progress = Progress(
            TextColumn("pages"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True, force_terminal=True),
            transient=True,
            auto_refresh=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("pages", total=total_pages)
        self._progress.refresh()

    def _line(self) -> None:
        if self._lines is not None:
            sys.stderr.write(f"{PROGRESS_PREFIX}{self._lines[0]}/{self._lines[1]}\n")
            sys.stderr.flush()

    def advance(self, outcome: PageOutcome[Any] | None = None) -> None:
        """Count one page done; with ``--verbose`` also print its one-line outcome (never its text)."""
        if self._lines is not None:
            self._lines[0] += 1
            self._line()
        if self.verbose and outcome is not None:
            self._page_line(outcome)
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)
            self._progress.refresh()

    def _page_line(self, outcome: PageOutcome[Any]) -> None:
        """File, page, where the text came from and how much: never the text itself."""
        if outcome.page is None:
            line = f"page {outcome.index + 1}: failed"
        else:
            page = outcome.page
            line = (
                f"page {outcome.index + 1}: {page.source.value}, {len(page.words)} words, {page.width}x{page.height} px"
            )
        if self._progress is not None:
            self._progress.console.print(line, highlight=False, markup=False)
        else:
            sys.stderr.write(f"document {outcome.doc + 1} {line}\n")

    def report(self, summary: RunSummary, outdir: Path | None) -> None:
        """Failures and unread pages always, one line each; the summary table unless quiet."""
        for failure in summary.failures:
            sys.stderr.write(f"sandbox: error: {failure.message}\n")
        for doc in summary.documents:
            for number in doc.unread_pages:
                sys.stderr.write(f"sandbox: {unread_line(doc.file, number, summary.allow_empty)}\n")
        if summary.not_processed:
            n = len(summary.not_processed)
            sys.stderr.write(
                f"sandbox: error: stopped at the first write error: {n} more document(s) not processed; "
                "make room (or fix the output folder) and rerun with --resume\n"
            )
        if self.quiet:
            return
        files = summary.succeeded + len({f.file for f in summary.failures})
        if outdir is None and files <= 1:
            return
        from rich.console import Console
        from rich.table import Table

        console = Console(stderr=True)
        if summary.documents and (outdir is not None or len(summary.documents) > 1):
            table = Table(title=None, box=None, show_edge=False, pad_edge=False)
            for col, justify in (
                ("file", "left"),
                ("pages", "right"),
                ("ocr", "right"),
                ("text layer", "right"),
                ("words", "right"),
                ("mean conf", "right"),
            ):
                table.add_column(col, justify=justify)  # type: ignore[arg-type]
            for doc in summary.documents:
                conf = f"{doc.mean_conf:.2f}" if doc.mean_conf is not None else "-"
                table.add_row(doc.file, str(doc.pages), str(doc.ocr_pages), str(doc.text_pages), str(doc.words), conf)
            console.print(table)
        if not summary.succeeded and not summary.failures:
            return
        pages = sum(d.pages for d in summary.documents)
        failed = len({f.file for f in summary.failures})
        line = f"{summary.succeeded} file(s)"
        if summary.documents:
            line += f", {pages} page(s) read"
        elif summary.converted:
            line += " converted"
        line += f" in {summary.seconds:.1f} s"
        if failed:
            line += f"; {failed} file(s) failed"
        if summary.not_processed:
            line += f"; {len(summary.not_processed)} not processed"
        if summary.unread_pages:
            line += f"; {summary.unread_pages} unread page(s)"
        if summary.skipped:
            line += f"; {summary.skipped} non-document file(s) skipped"
        if outdir is not None and summary.outputs:
            line += f"; {len(summary.outputs)} output(s) in {outdir}"
        console.print(line, highlight=False, markup=False)


def unread_line(file: str, number: int, allowed: bool) -> str:
    """The one line for a page with ink that no reading found text in (never any text)."""
    fix = "accepted (--allow-empty)" if allowed else "look at it, or pass --allow-empty to accept such pages"
    return f"warning: {file} page {number}: ink but no text could be read (unread page); {fix}"
