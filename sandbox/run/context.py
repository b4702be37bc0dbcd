"""How a run meets its caller: one frozen :class:`RunContext` instead of six keyword arguments.

Every ``run_*`` (``api.run_ocr``, ``convert.run.run_convert``, ``redact.flag.run_flag``,
``redact.apply.run_redact``) takes the same things from whoever calls it: whether outputs may
be overwritten, where the sandbox stages them, standard input, the two progress hooks and the
batch journal. ``cli/execute.py`` builds one per request; library callers may leave it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from sandbox.run.sink import Sink

if TYPE_CHECKING:
    from sandbox.batch import Recorder
    from sandbox.pipeline import PageHook
    from sandbox.run.summary import RunSummary


@dataclass(frozen=True, slots=True)
class RunContext:
    """What a run takes from its caller; the defaults are a plain library call.

    ``write_dir``, when given, receives the files instead of the output folder (same relative
    names): the sandbox's staging directory, from which the launcher moves them into place.
    ``recorder`` is the batch journal (``--shard``/``--resume``), None when the run keeps none.
    """

    force: bool = False
    write_dir: Path | None = None
    stdin: BinaryIO | None = None
    on_start: Callable[[int], None] | None = None
    on_page: PageHook | None = None
    recorder: Recorder | None = None

    def start(self, pages: int) -> None:
        """Tell the caller how many pages the run will read (once, before the first)."""
        if self.on_start is not None:
            self.on_start(pages)

    def sink(self, outdir: Path, summary: RunSummary) -> Sink:
        """The sink that delivers this run's documents into ``outdir`` (or ``write_dir``), honouring ``force``."""
        return Sink(outdir, self.write_dir, self.force, summary)


PLAIN = RunContext()  # a library call: nothing staged, no hooks, no journal, nothing overwritten
