"""Run the pages of all inputs through a process pool and hand back whole documents.

Pages are submitted lazily (a few more than there are workers) so memory does not grow
with the page count; each worker renders and reads exactly one page at a time.  Documents
are handed to ``on_document`` in input order as soon as all their pages are done.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from types import FrameType
from typing import Any, Generic, TypeVar

from sandbox import pages
from sandbox.config import OcrSettings
from sandbox.errors import LimitError
from sandbox.ingest import configure_pillow
from sandbox.limits import Limits
from sandbox.models import Document, InputFile
from sandbox.pages import PageOutcome, PageTask

T = TypeVar("T")
U = TypeVar("U")
J = TypeVar("J")  # per-page input of a specialised worker
X = TypeVar("X")  # its per-page result
PageHook = Callable[[PageOutcome[Any] | None], None]  # called once per finished page


@dataclass(frozen=True, slots=True)
class DocumentResult(Generic[X]):
    """One document once every page is back: the document (None when any page failed), kept images and per-page
    errors.
    """

    index: int
    document: Document | None  # None when any page failed
    images: tuple[Path | None, ...]  # per page, when settings.keep_images
    errors: tuple[tuple[str, int], ...] = ()  # (message, exit code) per failed page
    extras: tuple[X | None, ...] = ()  # per page, a specialised worker's results


@dataclass
class _Pending(Generic[X]):
    source: InputFile
    outcomes: dict[int, PageOutcome[X]] = field(default_factory=dict)


ORPHAN_POLL = 0.2  # seconds between a worker's looks at whether its parent is alive


def _watch_parent(parent: int) -> None:
    """Kill this worker's process group (it and its tool children) once ``parent`` is gone."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_POLL)
    os.killpg(os.getpid(), signal.SIGKILL)


def _worker_init(workdir: str, limits: Limits) -> None:
    """Each worker: own process group (Ctrl-C reaches only the parent), dies with it."""
    os.setpgrp()
    try:
        libc = ctypes.CDLL(None)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: parent gone -> SIGTERM
    except (OSError, AttributeError):  # pragma: no cover - non-Linux
        pass

    def _die(_signum: int, _frame: FrameType | None) -> None:
        os.killpg(os.getpid(), signal.SIGKILL)  # the worker and its Tesseract/poppler child

    signal.signal(signal.SIGTERM, _die)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A handler runs only when the main thread is back in Python: a worker inside a long C call
    # (libtesseract, onnxruntime) would outlive its parent by that call.  This thread, which
    # those calls leave the GIL to, notices the parent gone within ORPHAN_POLL seconds.
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), name="orphan-watch", daemon=True).start()
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # read when NumPy loads
    # NumPy is loaded before the cap: its import reserves address space, and an import failing
    # under a low max-memory would be a crash, not the typed limit error the cap is meant to give
    import numpy  # noqa: F401

    cap = limits.max_memory_mb * 1024 * 1024  # inherited by Tesseract and poppler
    with suppress(ValueError, OSError):  # a lower hard limit may already be in force
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.environ["OMP_THREAD_LIMIT"] = "1"
    os.environ["TMPDIR"] = workdir
    tempfile.tempdir = workdir
    configure_pillow(limits)


def _pool(jobs: int, workdir: Path, limits: Limits) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=get_context("fork"), initializer=_worker_init, initargs=(str(workdir), limits)
    )


def _killed() -> LimitError:
    return LimitError("a worker process was killed (out of memory?); lower --dpi or raise --limit max-memory=N")


def map_pages(fn: Callable[[T], U], items: Sequence[T], settings: OcrSettings, workdir: Path) -> list[U]:
    """``fn`` over ``items`` in workers set up as the OCR workers are (memory cap, no core dumps,
    private temporary directory, killed with the parent); results in order, the first error raised."""
    if not items:
        return []
    executor = _pool(min(max(1, settings.jobs), len(items)), workdir, settings.limits)
    try:
        futures = [executor.submit(fn, item) for item in items]
        deadline = time.monotonic() + settings.limits.job_timeout_s
        results: list[U] = []
        for fut in futures:
            try:
                results.append(fut.result(timeout=max(0.0, deadline - time.monotonic())))
            except BrokenProcessPool:
                raise _killed() from None
            except MemoryError:
                raise LimitError(
                    "a page needs more memory than a worker may use (raise it with --limit max-memory=N)"
                ) from None
            except TimeoutError:
                raise LimitError(
                    f"the run took longer than {settings.limits.job_timeout_s} s and was stopped "
                    "(raise it with --limit job-timeout=N)"
                ) from None
        return results
    except BaseException:
        _kill_workers(executor)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def run(
    inputs: Sequence[InputFile],
    settings: OcrSettings,
    workdir: Path,
    on_document: Callable[[DocumentResult[X]], None],
    on_page: PageHook | None = None,
    worker: Callable[[PageTask[J]], PageOutcome[X]] = pages.process,
    job: Callable[[int, int], J] | None = None,
) -> None:
    """OCR every page of ``inputs``; call ``on_document`` once per input, in input order."""

    def tasks() -> Iterator[PageTask[J]]:
        for doc, src in enumerate(inputs):
            for index in range(src.page_count):
                yield PageTask(doc, src, index, settings, workdir, job(doc, index) if job else None)

    pending: dict[int, _Pending[X]] = {i: _Pending(src) for i, src in enumerate(inputs)}
    finished: dict[int, DocumentResult[X]] = {}
    next_doc = 0
    # no more workers than pages: each worker started costs its start-up (NumPy loaded before
    # the memory cap, ~60 ms of CPU), which a single image read in its own command would pay twice
    jobs = max(1, min(settings.jobs, sum(src.page_count for src in inputs)))
    queue = tasks()
    in_flight: set[Future[PageOutcome[X]]] = set()
    executor = _pool(jobs, workdir, settings.limits)
    deadline = time.monotonic() + settings.limits.job_timeout_s
    try:
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < jobs * 2:
                task = next(queue, None)
                if task is None:
                    exhausted = True
                    break
                in_flight.add(executor.submit(worker, task))
            if not in_flight:
                break
            done, in_flight = wait(
                in_flight, timeout=max(0.0, deadline - time.monotonic()), return_when=FIRST_COMPLETED
            )
            if not done:
                raise LimitError(
                    f"the run took longer than {settings.limits.job_timeout_s} s and was stopped "
                    "(raise it with --limit job-timeout=N)"
                )
            for fut in done:
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    raise _killed() from None
                if on_page is not None:
                    on_page(outcome)
                entry = pending[outcome.doc]
                entry.outcomes[outcome.index] = outcome
                if len(entry.outcomes) == entry.source.page_count:
                    finished[outcome.doc] = _assemble(outcome.doc, entry)
                    del pending[outcome.doc]
            if exhausted and not in_flight:  # every page read: the workers (and their models) go
                executor.shutdown(wait=True)  # before the last documents are written, not after
            while next_doc in finished:
                on_document(finished.pop(next_doc))
                next_doc += 1
    except BaseException:
        _kill_workers(executor)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _assemble(doc: int, entry: _Pending[X]) -> DocumentResult[X]:
    ordered = [entry.outcomes[i] for i in range(entry.source.page_count)]
    errors = tuple((o.error, o.exit_code) for o in ordered if o.error is not None)
    images = tuple(o.image for o in ordered)
    if errors:
        for path in images:
            if path is not None and path != entry.source.path:
                path.unlink(missing_ok=True)
        return DocumentResult(doc, None, (), errors)
    document = Document(entry.source, tuple(o.page for o in ordered if o.page is not None))
    return DocumentResult(doc, document, images, (), tuple(o.extra for o in ordered))


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Stop workers and their children now (used on error, Ctrl-C and SIGTERM)."""
    processes = getattr(executor, "_processes", None) or {}
    for proc in list(processes.values()):
        try:
            if proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
