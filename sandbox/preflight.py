"""Before any page is read: can the output folder take the outputs at all?

Runs in the launching process (outside the sandbox, which sees the output folder read-only), on
the request as it will be carried out.  Guarantees: an output path that is a file where a folder
is wanted, a folder that cannot be written (read-only file system, no permission), and a file
system with less free space than the outputs usually take are each one error line before any
input is opened.  The space needed is an estimate: the inputs' size times each format's usual
factor (:data:`FACTORS`, measured on the samples and the dev corpus); ``--no-space-check`` skips
it when the user knows better.  Messages name the folder, never a document's content.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from sandbox.errors import OutputError, UsageError
from sandbox.request import Request

# output bytes per input byte, usual (not worst) case: a searchable PDF embeds the page picture
# (JPEG byte for byte, PNG as it is), so about the input; text formats are a few per cent
FACTORS = {
    "pdf": 1.1, "txt": 0.01, "md": 0.01, "json": 0.06, "hocr": 0.05, "docx": 0.05, "report": 0.01,
    "png": 1.0, "jpeg": 1.0, "tiff": 1.0, "webp": 1.0, "bmp": 1.0,
}  # fmt: skip
UNKNOWN_FACTOR = 1.0
MB = 1024 * 1024


def check(request: Request, formats: Sequence[str], *, space: bool = True) -> None:
    """Refuse the run now when its outputs cannot be written (see the module's guarantees)."""
    target = request.output
    if target is None:
        return
    if not target.is_file and target.path.exists() and not target.path.is_dir():
        raise UsageError(
            f"-o {target.path.name}: is a file, not a folder; give a folder for the outputs (it is made if missing)"
        )
    base = _existing(target.folder)
    if not base.is_dir():
        raise UsageError(f"-o: {base.name} is a file, so no folder can be made under it; give another -o")
    reason = _unwritable(base)
    if reason:
        raise OutputError(f"{target.folder}: cannot write there ({reason}); choose another -o (nothing was read)")
    if not space:
        return
    need = estimate(_input_bytes(i for i in request.inputs if i != "-"), formats)
    if request.batch is not None and request.batch.done:
        need = max(0, need - estimate(sum(max(0, size) for size, _ in request.batch.done.values()), formats))
    stat = os.statvfs(base)
    free = stat.f_bavail * stat.f_frsize
    if need > free:
        raise OutputError(
            f"{target.folder}: about {_mb(need)} needed for {','.join(formats)}, {_mb(free)} free; "
            "make room or choose another -o (nothing was read; --no-space-check if the estimate is wrong)"
        )


def estimate(input_bytes: int, formats: Sequence[str]) -> int:
    """Bytes the outputs of ``input_bytes`` of input usually take in ``formats``."""
    return int(input_bytes * sum(FACTORS.get(fmt, UNKNOWN_FACTOR) for fmt in formats))


def _existing(folder: Path) -> Path:
    """The folder, or its nearest ancestor that exists (the rest is made when writing)."""
    current = folder
    while not current.exists() and current != current.parent:
        current = current.parent
    return current


def _unwritable(folder: Path) -> str | None:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "read-only file system"
    except OSError as exc:
        return exc.strerror or "cannot be looked at"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "permission denied"
    return None


def _input_bytes(args: Iterable[str]) -> int:
    total = 0
    for arg in args:
        path = Path(arg)
        try:
            if path.is_dir():
                for root, dirs, files in os.walk(path):
                    dirs[:] = [d for d in dirs if not d.startswith(".")]
                    total += sum(_size(Path(root) / name) for name in files)
            else:
                total += _size(path)
        except OSError:
            continue  # reported when the input is opened
    return total


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"
