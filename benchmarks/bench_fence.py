"""What the sandbox's fences cost a run (issue 24): the seccomp filter, the sized tmpfs mounts,
the staging area attached through ``/proc/PID/root``.

    .venv/bin/python -m benchmarks.bench_fence [--runs N]

In one process, medians of N runs each:

- ``filter build``: building and exporting the libseccomp filter (once per launch, cold);
- ``bare``: an empty bubblewrap sandbox as the launcher built it before (no filter, unsized
  ``/tmp``, no staging), running ``/bin/true``;
- ``fenced``: the same through :func:`sandbox.isolation.run_inside` with everything on (filter,
  sized ``/tmp``, staging tmpfs attached, ``RLIMIT_FSIZE``, stderr filtered).

The difference ``fenced - bare`` is what the fences add to every run (target: under 20 ms).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import time

from sandbox import isolation, seccomp
from sandbox.staged import Stage


def _bare() -> float:
    argv = isolation._sandbox_argv(["/bin/true"], (), None)
    start = time.perf_counter()
    subprocess.run(argv, check=True)
    return time.perf_counter() - start


def _fenced() -> float:
    start = time.perf_counter()
    with Stage(64 << 20) as stage:
        code = isolation.run_inside(["/bin/true"], (), stage, tmp_bytes=1 << 30)
    assert code == 0 and stage.size == 64 << 20
    return time.perf_counter() - start


def _filter_cold() -> float:
    seccomp.program.cache_clear()
    sys.modules.pop("pyseccomp", None)
    start = time.perf_counter()
    seccomp.program()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    importlib.import_module("pyseccomp")  # the first import loads libseccomp's file; not per run
    build = statistics.median(_filter_cold() for _ in range(runs))
    bare, fenced = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        bare.append(_bare())
        fenced.append(_fenced())
    b, f = statistics.median(bare), statistics.median(fenced)
    print(f"filter build (cold)  {build * 1000:7.1f} ms")
    print(f"bare sandbox         {b * 1000:7.1f} ms")
    print(f"fenced sandbox       {f * 1000:7.1f} ms   (includes a cached filter)")
    print(f"fences add           {(f - b + build) * 1000:7.1f} ms a run (target < 20)")


if __name__ == "__main__":
    main()
