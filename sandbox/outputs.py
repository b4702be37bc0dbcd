"""Where outputs go and how they are written: names per input and format, no silent
overwrites, atomic replacement (a temporary file in the destination directory, renamed)."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Protocol

from sandbox.errors import LimitError, OutputError, SandboxError, WriteError
from sandbox.models import InputFile

REPORT_EXTENSION = ".report.json"  # redact's per-document report (not an output format)


def _extension(fmt: str) -> str:
    """The file extension of ``fmt`` (:mod:`sandbox.formats`), or of redact's ``report``."""
    from sandbox import formats

    return REPORT_EXTENSION if fmt == "report" else formats.extensions()[fmt]


MAX_STEM_BYTES = 180  # leaves room for suffixes such as "-p001.report.json" under NAME_MAX


def _safe_part(part: str) -> str:
    """A path component without control characters, leading dashes or more than 180 bytes."""
    clean = "".join(ch if ch.isprintable() else "_" for ch in part).lstrip("-") or "_"
    while len(clean.encode("utf-8")) > MAX_STEM_BYTES:
        clean = clean[:-1]
    return clean


def stem(display: str) -> PurePath:
    """Relative output stem for an input's name (directories keep their layout)."""
    rel = PurePath(display)
    parts = [_safe_part(p) for p in rel.parts if p not in ("", ".", "..", "/")]
    rel = PurePath(*parts) if parts else PurePath("document")
    return rel.with_suffix("") if rel.suffix else rel


def _kind_of(src: InputFile) -> str:
    """What tells apart inputs whose names differ only in the extension: the extension (so the
    name does not depend on which other inputs a run sees), else the detected type."""
    ext = PurePath(src.name).suffix.lower().lstrip(".")
    return _safe_part(ext) if ext else src.kind.value


class Naming(Protocol):
    """The whole input set of a batch (``batch.Selection``)."""

    @property
    def stems(self) -> Mapping[PurePath, int]: ...

    def numbers(self, inputs: Sequence[InputFile]) -> list[int]: ...


def plan(
    inputs: Sequence[InputFile],
    formats: Sequence[str],
    outdir: Path,
    *,
    neutral: str | None = None,
    naming: Naming | None = None,
) -> dict[tuple[int, str], Path]:
    """One path per (input, format); inputs whose stems collide get the type as a suffix.

    ``neutral``: outputs do not carry the input's name but ``NEUTRAL-001``, ``NEUTRAL-002``, …
    in input order (redaction: a file name can be as sensitive as the text).  ``naming``: the
    whole input set of a batch, so that a shard names its documents as an unsharded run would.
    """
    if neutral is not None:
        numbers = naming.numbers(inputs) if naming else range(1, len(inputs) + 1)
        stems = [PurePath(f"{neutral}-{i:03d}") for i in numbers]
    else:
        stems = [stem(src.name) for src in inputs]
    counts: dict[PurePath, int] = dict(naming.stems) if naming else {}
    if naming is None:
        for one in stems:
            counts[one] = counts.get(one, 0) + 1
    result: dict[tuple[int, str], Path] = {}
    seen: set[Path] = set()
    for i, (src, one) in enumerate(zip(inputs, stems, strict=True)):
        base = one if counts.get(one, 1) == 1 else one.with_name(f"{one.name}-{_kind_of(src)}")
        for fmt in formats:
            path = outdir / base.with_name(base.name + _extension(fmt))
            n = 2
            while path in seen:
                path = outdir / base.with_name(f"{base.name}-{n}{_extension(fmt)}")
                n += 1
            seen.add(path)
            result[(i, fmt)] = path
    return result


OUTDIR_VIEW_ENV = "SANDBOX_OUTDIR_VIEW"  # inside the sandbox: "<outdir>=<read-only view of it>"


def _visible(path: Path) -> Path:
    """Where ``path`` can be looked at: inside the sandbox the output directory is bound
    read-only at another place (binding it at its own path could hide symlinked inputs)."""
    spec = os.environ.get(OUTDIR_VIEW_ENV)
    if spec:
        outdir, _, view = spec.partition("=")
        try:
            return Path(view) / path.relative_to(outdir)
        except ValueError:
            return path
    return path


def check_free(paths: Sequence[Path], force: bool) -> None:
    """Refuse before any work when an output exists (unless ``force``)."""
    if force:
        return
    for path in paths:
        if _visible(path).exists():
            raise OutputError(f"{path.name}: output exists in {path.parent}; use --force to overwrite")


def check_inside(dest: Path, outdir: Path) -> None:
    """Refuse an output whose folder under ``outdir`` is (or passes through) a symbolic link:
    outputs stay inside ``-o`` whatever its sub-folders point at."""
    try:
        rel = dest.parent.relative_to(outdir)
    except ValueError:
        raise OutputError(f"{dest.name}: would be written outside the output directory; nothing was written") from None
    current = outdir
    for part in rel.parts:
        current = current / part
        if current.is_symlink():
            raise OutputError(
                f"{dest.name}: the folder {part!r} in the output directory is a symbolic link; "
                "remove it or choose another -o (nothing was written there)"
            )


def atomic_write(path: Path, data: bytes, scratch: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the complete new one.

    The new file is written beside it, or in ``scratch`` (a batch's own folder on the same
    file system, so that a kill leaves no half-written file among the outputs)."""

    atomic_fill(path, lambda fd: _write_all(fd, data), scratch)


def _write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (``os.write`` may take part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _file_mode() -> int:
    """The mode a new output gets: ``0o666`` under the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _unnamed(where: Path) -> int | None:
    """A file with no name yet in the folder ``where`` (Linux ``O_TMPFILE``), or None where the
    file system or the process has none (no ``/proc`` to name it by)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(where, flag | os.O_RDWR | os.O_CLOEXEC, 0o600)
    except OSError:
        return None


def _fill_unnamed(path: Path, fd: int, fill: Callable[[int], object]) -> None:
    """Fill the unnamed file ``fd`` and give it ``path``'s name: a kill while it is filled
    leaves nothing in the folder (the file never had a name); only for the instant between
    naming it beside ``path`` and the rename does a hidden ``.part`` name exist."""
    tmp = path.parent / f".{path.name}.{os.urandom(4).hex()}.part"
    try:
        try:
            fill(fd)
            os.fsync(fd)
            os.fchmod(fd, _file_mode())
            try:
                procfd = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
                try:  # linkat(AT_SYMLINK_FOLLOW): a plain link() would link the /proc entry itself
                    os.link(str(fd), tmp, src_dir_fd=procfd, follow_symlinks=True)
                finally:
                    os.close(procfd)
            except OSError:  # no naming by /proc here (a container's file system): copy it out
                _copy_out(fd, tmp)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def _copy_out(fd: int, tmp: Path) -> None:
    """Copy the unnamed file ``fd`` into a new file named ``tmp``, with its mode."""
    out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, os.fstat(fd).st_mode & 0o777)
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        while chunk := os.read(fd, 1 << 20):
            _write_all(out, chunk)
        os.fsync(out)
    finally:
        os.close(out)


def atomic_fill(path: Path, fill: Callable[[int], object], scratch: Path | None = None) -> None:
    """As :func:`atomic_write`, the content written by ``fill`` into an open descriptor
    (streamed: a large file is never held whole).  Beside ``path``, the file is written with no
    name until it is whole where Linux allows (``O_TMPFILE``): a SIGKILL, which no handler
    sees, then leaves no ``.part`` file among the outputs."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if scratch is not None:
            scratch.mkdir(parents=True, exist_ok=True)
        where = scratch if scratch is not None else path.parent
        unnamed = _unnamed(where) if scratch is None else None
        if unnamed is not None:
            _fill_unnamed(path, unnamed, fill)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=where)
    except OSError as exc:
        raise WriteError(f"{path.name}: cannot write to {path.parent} ({exc.strerror})") from None
    try:
        try:
            fill(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def _write_error(path: Path, exc: OSError) -> SandboxError:
    """A failed write as the user's error: the sandbox's bounded output space is a limit."""
    from sandbox.isolation import STAGING_ENV

    staging = os.environ.get(STAGING_ENV)
    if staging and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) and path.is_relative_to(staging):
        return LimitError(
            f"{path.name}: the sandbox's output space is full (raise it with --limit staging-size=MiB); "
            "nothing of this document was delivered"
        )
    return WriteError(f"{path.name}: cannot write to {path.parent} ({exc.strerror})")
