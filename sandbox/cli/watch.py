"""``sandbox watch``: a hot folder for scanners (see ``sandbox.hotfolder``)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from sandbox.cli.common import handles_errors


@handles_errors
def watch(
    inbox: Annotated[Path, typer.Argument(help="Folder scanners drop files into.", file_okay=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the results.", file_okay=False)],
    task: Annotated[
        list[str],
        typer.Argument(help="After --: the task and its options, e.g. -- ocr --to txt,pdf -l auto", show_default=False),
    ],
    settle: Annotated[
        float, typer.Option(help="Seconds a file's size must stay the same before it is taken.", min=0.1)
    ] = 2.0,
    poll: Annotated[
        bool, typer.Option("--poll", help="Scan every second instead of inotify (network shares).")
    ] = False,
    once: Annotated[bool, typer.Option("--once", help="Process what is there, then exit.")] = False,
) -> None:
    """Process every file dropped into INBOX once it is complete; originals go to done/ or failed/."""
    from sandbox.hotfolder import HotFolder, task_command
    from sandbox.hotfolder import watch as run_watch

    command = task_command(task)
    folder = HotFolder(inbox.resolve(), output.resolve(), command, settle)
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    run_watch(folder, poll, once, stop)
