"""Run a command and measure wall time and peak memory of its whole process tree.

Peak memory is the largest sum over the command and all its descendants seen while sampling
/proc every 20 ms (workers and Tesseract included): resident set sizes (RSS: memory a forked
worker shares with its parent is counted in each, and so is a child caught between fork and
exec), and for memory runs also proportional set sizes every 100 ms (PSS: shared pages divided
among the processes sharing them, so the tree's real use, models counted once per worker).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_rss_mb: float
    returncode: int
    peak_pss_mb: float = 0.0


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _kb(pid: int, file: str, field: str) -> int:
    """A "Field:  N kB" line of /proc/PID/FILE (0 when the process has gone)."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_kb(root: int, pss: bool = False) -> tuple[int, int]:
    """(RSS, PSS) summed over ``root`` and its descendants, in KiB (PSS 0 unless asked: reading
    it walks each process's page tables under its memory lock, which slows a busy process)."""
    kids = _children_map()
    rss_sum, pss_sum, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        rss_sum += _kb(pid, "status", "VmRSS:")
        pss_sum += _kb(pid, "smaps_rollup", "Pss:") if pss else 0
        stack.extend(kids.get(pid, []))
    return rss_sum, pss_sum


def measure(
    cmd: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    pss: bool = False,
    memory: bool = True,
) -> Measurement:
    """Wall time and peak memory; PSS only with ``pss`` (sampled every 100 ms), for memory runs:
    it would slow the command it measures, so timed runs do without.  ``memory=False``: time
    alone, nothing sampled (walking /proc every 20 ms takes a few per cent of a core from the
    command measured on a small machine)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        n = 0
        while not done.is_set():
            rss, proportional = tree_kb(proc.pid, pss=pss and n % 5 == 0)
            peak, peak_pss = max(peak, rss), max(peak_pss, proportional)
            n += 1
            done.wait(0.02)

    sampler = threading.Thread(target=sample if memory else done.wait, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.monotonic() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        print(f"command failed ({proc.returncode}): {' '.join(cmd[:3])} …\n{err.decode(errors='replace')[-2000:]}")
    return Measurement(seconds, peak / 1024, proc.returncode, peak_pss / 1024)
