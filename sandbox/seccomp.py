"""The system-call filter of the sandboxed side, built with libseccomp and handed to bubblewrap.

At least as strict as Flatpak's default filter: a parser exploited by a crafted document runs
with a smaller kernel surface than an ordinary program.  Denied (the call fails, the process
goes on, so a library probing for a feature keeps working):

- debugging and introspection of other processes: ``ptrace``, ``process_vm_readv/writev``,
  ``kcmp``, ``perf_event_open``;
- kernel keyrings, BPF, ``userfaultfd``, io_uring, module loading, ``kexec``, ``reboot``,
  ``acct``, ``quotactl``, swap, clock setting, ``syslog``;
- everything that mounts or changes namespaces: ``mount``, ``umount2``, ``pivot_root``,
  ``chroot``, the new mount API, ``unshare``, ``setns``, ``clone`` with ``CLONE_NEWUSER``;
  ``clone3`` answers ``ENOSYS`` so that the C library falls back to ``clone``, whose flags
  the filter can see;
- ``personality`` other than ``PER_LINUX`` (no switching off address randomisation);
- the terminal injection ioctls ``TIOCSTI`` and ``TIOCLINUX``;
- sockets of every family but ``AF_UNIX`` (``EAFNOSUPPORT``).

System calls of another architecture (the 32-bit ABI) kill the process: libseccomp's filter
admits only the native one.  The filter is loaded by bubblewrap just before it starts the
command, with ``no_new_privs`` set (``/proc/PID/status``: ``Seccomp: 2``, ``NoNewPrivs: 1``).
"""

from __future__ import annotations

import errno
import importlib
import os
from functools import cache
from types import ModuleType
from typing import Any

from sandbox.errors import IsolationError

DENIED = (
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "perf_event_open",
    "keyctl", "add_key", "request_key", "bpf", "userfaultfd",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "acct", "quotactl", "swapon", "swapoff", "syslog", "settimeofday", "clock_settime", "clock_adjtime",
    "adjtimex", "uselib", "lookup_dcookie", "open_by_handle_at", "name_to_handle_at", "fanotify_init",
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr", "unshare", "setns",
)  # fmt: skip
CLONE_NEWUSER = 0x10000000
PER_LINUX = 0
TIOCSTI = 0x5412
TIOCLINUX = 0x541C
AF_UNIX = 1


SONAMES = {"c": "libc.so.6", "seccomp": "libseccomp.so.2"}


def _import_binding() -> ModuleType:
    """pyseccomp, loaded by the libraries' sonames when they load (its own ``find_library``
    runs ``ldconfig -p``: ~15 ms of every launch), else as it looks them up itself."""
    import ctypes
    import ctypes.util

    looked_up = ctypes.util.find_library

    def by_soname(name: str) -> str | None:
        soname = SONAMES.get(name)
        if soname is not None:
            try:
                ctypes.CDLL(soname)
                return soname
            except OSError:
                pass
        return looked_up(name)

    ctypes.util.find_library = by_soname
    try:
        return importlib.import_module("pyseccomp")
    finally:
        ctypes.util.find_library = looked_up


def _filter() -> Any:
    try:
        sc: Any = _import_binding()
    except (ImportError, RuntimeError, OSError) as exc:
        raise IsolationError(
            f"the system-call filter cannot be built (libseccomp: {type(exc).__name__}); "
            "install libseccomp2 (apt-get install libseccomp2)"
        ) from None
    f = sc.SyscallFilter(sc.ALLOW)
    eperm = sc.ERRNO(errno.EPERM)
    for name in DENIED:
        try:
            f.add_rule(eperm, name)
        except (ValueError, OSError):  # not a system call of this architecture
            continue
    f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
    f.add_rule(eperm, "clone", sc.Arg(0, sc.MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER))
    f.add_rule(eperm, "personality", sc.Arg(0, sc.NE, PER_LINUX))
    for request in (TIOCSTI, TIOCLINUX):
        f.add_rule(eperm, "ioctl", sc.Arg(1, sc.MASKED_EQ, 0xFFFFFFFF, request))
    no_family = sc.ERRNO(errno.EAFNOSUPPORT)
    for call in ("socket", "socketpair"):
        f.add_rule(no_family, call, sc.Arg(0, sc.LT, AF_UNIX))
        f.add_rule(no_family, call, sc.Arg(0, sc.GT, AF_UNIX))
    return f


@cache
def program() -> bytes:
    """The compiled filter (classic BPF, as ``seccomp_export_bpf`` writes it)."""
    f = _filter()
    try:
        with os.fdopen(os.memfd_create("sandbox-seccomp", os.MFD_CLOEXEC), "w+b") as sink:
            f.export_bpf(sink)
            sink.seek(0)
            return sink.read()
    except OSError as exc:
        raise IsolationError(f"the system-call filter cannot be built ({exc.strerror})") from None


def filter_fd() -> int:
    """A descriptor holding :func:`program` at offset 0, for ``bwrap --seccomp FD``."""
    fd = os.memfd_create("sandbox-seccomp", os.MFD_CLOEXEC)
    data = program()
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def apply() -> None:
    """Load the filter into this process (with ``no_new_privs``): processing in a container,
    where no bubblewrap stands between the parsers and the kernel, runs filtered as well."""
    try:
        _filter().load()
    except OSError as exc:
        raise IsolationError(f"the system-call filter could not be loaded ({exc.strerror})") from None
