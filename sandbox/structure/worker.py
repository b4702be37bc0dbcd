"""The page worker for structured outputs: the usual reading, plus the page's layout computed
in the worker from the words read and the page's own pixels (which never leave the worker)."""

from __future__ import annotations

from typing import Any

from sandbox.pages import PageOutcome, PageTask, guarded, read_page
from sandbox.structure.build import analyse
from sandbox.structure.model import PageLayout


def process(task: PageTask[Any]) -> PageOutcome[PageLayout]:
    """Entry point in the worker: never raises for a page problem, reports it instead."""
    return guarded(task, _work)


def _work(task: PageTask[Any]) -> PageOutcome[PageLayout]:
    page, image, picture = read_page(task, picture=True)
    try:
        layout = analyse(page, picture)
    except (ValueError, ArithmeticError, MemoryError):  # pixels that defeat the rule search: words alone
        layout = analyse(page)
    finally:
        if picture is not None:
            picture.close()
    return PageOutcome(task.doc, task.index, page, image, extra=layout)
