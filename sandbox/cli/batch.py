"""``sandbox report``: one account of a sharded or resumed batch from the journals in its output folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from sandbox.cli.common import handles_errors


@handles_errors
def report(
    output: Annotated[Path, typer.Argument(help="The output folder of the batch (holds .sandbox-journal/).")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable, on standard output.")] = False,
) -> None:
    """Merge the journals of every shard: done, failed (with exit codes), unfinished, missing shards."""
    from sandbox.batchreport import merge

    found = merge(output)
    if as_json:
        sys.stdout.write(json.dumps(found.to_dict(), ensure_ascii=False, indent=1) + "\n")
        raise typer.Exit(found.exit_code)
    out = sys.stdout
    out.write(f"inputs {found.total}: done {found.done}, failed {len(found.failed)}, not documents {found.skipped}, ")
    out.write(f"unfinished {len(found.unfinished)}; pages {found.pages}; run time {found.seconds:.1f} s\n")
    out.write(f"shards {found.shards}")
    out.write(f", never started: {', '.join(map(str, found.missing_shards))}\n" if found.missing_shards else "\n")
    for name, code in found.failed:
        out.write(f"failed (exit {code}): {name}\n")
    for name in found.unfinished:
        out.write(f"unfinished: {name}\n")
    if found.exit_code:
        out.write("rerun the same command with --resume (for one shard: --shard I/N --resume) to finish\n")
    raise typer.Exit(found.exit_code)
