"""What the sandbox wrote, read as the attacker's: a directory descriptor walked without links.

The sandboxed run writes its outputs into a size-limited tmpfs that exists only inside the
sandbox.  Before the sandboxed program starts, the launcher opens that directory through
``/proc/PID/root`` and keeps the descriptor (the files stay readable through it after the
sandbox has ended); everything it then takes from there goes through :class:`StagedTree`:

- every path component is opened relative to its parent's descriptor with ``O_NOFOLLOW``: a
  symbolic link anywhere on the way is refused, never followed, so nothing outside the
  staging area is ever read;
- only regular files with one link are taken; FIFOs (opened non-blocking, so they cannot
  hang the launcher), sockets, devices and hard-linked files are refused;
- names are relative, without ``..``, control characters or hidden parts, and at most
  :data:`MAX_DEPTH` folders deep; a tree holds at most :data:`MAX_ENTRIES` entries; hidden
  entries (the sandbox's own scratch files) are neither entered nor delivered;
- files are copied out in chunks, at most ``max_bytes`` each, never loaded whole;
- removal is ``unlinkat`` in the parent reached that way, so it can never delete through a link.

Any refusal is an :class:`~sandbox.errors.OutputError` naming at most a cleaned file name.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from pathlib import Path, PurePosixPath

from sandbox.errors import IsolationError, OutputError

MAX_DEPTH = 16  # folders below the staging root
MAX_ENTRIES = 100_000  # entries in one staging tree
CHUNK = 1 << 20
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def shown(name: str) -> str:
    """A name from the sandbox made safe to print: printable, at most 60 characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 60 else clean[:57] + "..."


def _refuse(name: str, why: str) -> OutputError:
    return OutputError(f"{shown(name)}: the sandbox left {why}; nothing of it was moved")


def check_name(rel: str) -> PurePosixPath:
    """``rel`` as a staged path, or :class:`OutputError` when it could escape or is hidden."""
    path = PurePosixPath(rel)
    parts = path.parts
    if (
        not rel
        or path.is_absolute()
        or not parts
        or len(parts) > MAX_DEPTH + 1
        or any(p in (".", "..") or p.startswith(".") or not p.isprintable() for p in parts)
        or "\x00" in rel
    ):
        raise _refuse(rel.rsplit("/", 1)[-1], "a path that is not a plain relative name")
    return path


class StagedTree:
    """A staging directory held by its descriptor; see the module's rules."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    @classmethod
    def open(cls, path: Path) -> StagedTree:
        """Hold ``path`` (itself not a link) as a staging tree."""
        return cls(os.open(path, DIR_FLAGS))

    def close(self) -> None:
        """Close the held descriptor; calling it again does nothing."""
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> StagedTree:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _parent(self, rel: PurePosixPath) -> Iterator[int]:
        """The descriptor of ``rel``'s folder, reached one component at a time without links."""
        fds: list[int] = []
        current = self.fd
        try:
            for part in rel.parts[:-1]:
                try:
                    current = os.open(part, DIR_FLAGS, dir_fd=current)
                except OSError as exc:
                    raise _refuse(rel.name, f"a folder that is not a plain folder ({exc.strerror})") from None
                fds.append(current)
            yield current
        finally:
            for fd in reversed(fds):
                os.close(fd)

    def _open_regular(self, parent: int, name: str) -> tuple[int, os.stat_result]:
        try:
            fd = os.open(name, FILE_FLAGS, dir_fd=parent)
        except OSError as exc:
            raise _refuse(name, f"something that is not a regular file ({exc.strerror})") from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            os.close(fd)
            raise _refuse(name, "something that is not a regular file")
        return fd, info

    def files(self) -> list[PurePosixPath]:
        """Every file in the tree, sorted; refuses the whole tree if anything is not a plain
        folder or regular file (hidden names, the sandbox's own scratch files, are skipped)."""
        found: list[PurePosixPath] = []
        count = 0

        def walk(fd: int, prefix: PurePosixPath, depth: int) -> None:
            nonlocal count
            with os.scandir(fd) as entries:
                listed = sorted(entries, key=lambda e: e.name)
            for entry in listed:
                count += 1
                if count > MAX_ENTRIES:
                    raise _refuse(entry.name, f"more than {MAX_ENTRIES} entries")
                if entry.name.startswith("."):  # the sandbox's own scratch: never delivered, never entered
                    continue
                info = entry.stat(follow_symlinks=False)
                rel = prefix / entry.name
                if stat.S_ISDIR(info.st_mode):
                    if depth >= MAX_DEPTH:
                        raise _refuse(entry.name, f"folders more than {MAX_DEPTH} deep")
                    sub = os.open(entry.name, DIR_FLAGS, dir_fd=fd)
                    try:
                        walk(sub, rel, depth + 1)
                    finally:
                        os.close(sub)
                elif not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                    raise _refuse(entry.name, "something that is not a regular file")
                else:
                    found.append(check_name(str(rel)))

        try:
            walk(self.fd, PurePosixPath(), 0)
        except OSError as exc:
            msg = f"the sandbox's staging area could not be read ({exc.strerror}); nothing was moved"
            raise OutputError(msg) from None
        return found

    def present(self, rel: PurePosixPath) -> bool:
        """Whether ``rel`` names something at all (a link or a special file counts: it is
        refused when taken, not silently skipped)."""
        try:
            with self._parent(rel) as parent:
                os.stat(rel.name, dir_fd=parent, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return True

    def check(self, rel: PurePosixPath, max_bytes: int) -> int:
        """The size of the regular file ``rel``; refuses anything else or anything larger."""
        with self._parent(rel) as parent:
            fd, info = self._open_regular(parent, rel.name)
            os.close(fd)
        if info.st_size > max_bytes:
            raise _refuse(rel.name, f"a file over the limit of {max_bytes:,} bytes")
        return info.st_size

    def copy_to(self, rel: PurePosixPath, sink: int, max_bytes: int) -> int:
        """Copy the regular file ``rel`` into the open file ``sink``; returns the byte count."""
        with self._parent(rel) as parent:
            fd, _info = self._open_regular(parent, rel.name)
        try:
            total = 0
            while chunk := os.read(fd, CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise _refuse(rel.name, f"a file over the limit of {max_bytes:,} bytes")
                view = memoryview(chunk)
                while view:
                    view = view[os.write(sink, view) :]
            return total
        finally:
            os.close(fd)

    def remove(self, rel: PurePosixPath) -> None:
        """Unlink ``rel`` in its own folder (``unlinkat``: the last component is never followed)."""
        with self._parent(rel) as parent:
            os.unlink(rel.name, dir_fd=parent)


class Stage:
    """The staging tmpfs of one sandboxed run: mounted at :data:`INSIDE` in the sandbox with
    ``size`` bytes, held by the launcher once :meth:`attach` has found it."""

    INSIDE = "/staging"
    ATTACH_SECONDS = 10.0

    def __init__(self, size: int) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        self.size = -(-size // page) * page  # tmpfs sizes are whole pages
        self.tree: StagedTree | None = None

    def attach(self, pid: int) -> StagedTree:
        """Open the sandbox's staging through ``/proc/PID/root`` once its mount is in place.

        Until bubblewrap has pivoted into the new root that path leads elsewhere, so a
        directory is accepted only if it is an empty tmpfs of exactly this stage's size and
        mode 0700; the sandboxed command has not started yet (``--block-fd``)."""
        deadline = time.monotonic() + self.ATTACH_SECONDS
        where = f"/proc/{pid}/root{self.INSIDE}"
        while time.monotonic() < deadline:
            try:
                fd = os.open(where, DIR_FLAGS)
            except OSError:
                if not os.path.exists(f"/proc/{pid}"):
                    break
                time.sleep(0.001)
                continue
            if self._is_ours(fd):
                self.tree = StagedTree(fd)
                return self.tree
            os.close(fd)
            time.sleep(0.001)
        raise IsolationError("the sandbox's output space could not be attached; nothing was processed")

    def _is_ours(self, fd: int) -> bool:
        info, space = os.fstat(fd), os.fstatvfs(fd)
        if stat.S_IMODE(info.st_mode) != 0o700 or space.f_blocks * space.f_frsize != self.size:
            return False
        with os.scandir(fd) as entries:
            return next(iter(entries), None) is None

    def close(self) -> None:
        """Release the attached staging tree, if any; calling it again does nothing."""
        if self.tree is not None:
            self.tree.close()
            self.tree = None

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _copy(tree: StagedTree, rel: PurePosixPath, max_bytes: int, sink: int) -> None:
    tree.copy_to(rel, sink, max_bytes)


def promote(
    tree: StagedTree,
    outdir: Path,
    force: bool,
    only: Sequence[str] | None = None,
    scratch: Path | None = None,
    max_bytes: int = 1 << 40,
) -> list[Path]:
    """Move what the sandbox wrote into ``outdir``, each file atomically; return what exists now.

    ``only``: these paths (relative to staging, as a journal line from inside names them: a
    claim to check, not a fact), else the whole tree.  Everything to move is checked first
    (see the module's rules), so a refusal moves nothing; an existing output is refused unless
    ``force``; no output lands outside ``outdir`` whatever its sub-folders point at.
    """
    from sandbox.outputs import atomic_fill, check_inside

    if only is None:
        rels = tree.files()
    else:
        rels = [rel for rel in dict.fromkeys(check_name(str(one)) for one in only) if tree.present(rel)]
    for rel in rels:
        tree.check(rel, max_bytes)
    if not force:
        for rel in rels:
            dest = outdir / rel
            if dest.exists():
                msg = f"{shown(dest.name)}: output exists in {dest.parent}; use --force to overwrite"
                raise OutputError(msg + " (nothing was written)")
    for rel in rels:
        check_inside(outdir / rel, outdir)
    moved: list[Path] = []
    for rel in rels:
        dest = outdir / rel
        atomic_fill(dest, partial(_copy, tree, rel, max_bytes), scratch)
        with suppress(FileNotFoundError):
            tree.remove(rel)
        moved.append(dest)
    return moved
