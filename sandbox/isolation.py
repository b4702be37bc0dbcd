"""Where processing runs: detect isolation, build and enter the bubblewrap sandbox.

Modes (``--isolation``):

- ``auto``: already in a network-less container → process here; otherwise bubblewrap.
- ``bwrap``: always bubblewrap.  ``container``: only inside a network-less container.
- ``none``: process here without isolation, with a warning on every run.

When bubblewrap is used, the command re-runs itself inside the sandbox (marked by
``SANDBOX_INSIDE=1``) with the inputs bound read-only, the output directory bound read-only
(to see what exists) and a staging directory as the only writable place.  The launcher then
checks what the sandbox left in staging and moves it into place.  If isolation cannot be
established the command refuses (fail closed).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import FrameType

from sandbox import lifetime
from sandbox.errors import IsolationError, SandboxError
from sandbox.staged import Stage
from sandbox.tools import run_tool

INSIDE_ENV = "SANDBOX_INSIDE"  # set inside our bubblewrap sandbox
STAGING_ENV = "SANDBOX_STAGING"  # where the sandboxed run writes its outputs
CONTAINER_ENV = "SANDBOX_IN_CONTAINER"  # set by the project's Dockerfile
BWRAP_ENV = "SANDBOX_BWRAP"  # path of bwrap, to override the one on PATH
# what programs need from /etc: the dynamic linker's cache, alternatives, fonts, LibreOffice's
# configuration (its /usr files link there); nothing with accounts, secrets or sockets
ETC_READ_ONLY = (
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/fonts", "/etc/libreoffice",
)  # fmt: skip
OUTDIR_VIEW = "/outdir-view"
NO_SANDBOX = (
    "bubblewrap could not create the sandbox{reason}; if this system forbids unprivileged user namespaces, "
    "allow them for bwrap (e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0) or run in the container"
)  # where the output directory is seen, read-only, inside
SANDBOX_UID = 65534  # "nobody" inside the sandbox when started as root
JOURNAL_FD_ENV = "SANDBOX_JOURNAL_FD"  # inside: the pipe finished documents are reported on
KEPT_ENV = ("LANG", "LC_ALL", "TESSDATA_PREFIX", "SANDBOX_DEBUG", "SANDBOX_TESSERACT", "TERM", "COLUMNS", "NO_COLOR",
            "SANDBOX_PROGRESS")  # fmt: skip
PROXY_VARS = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy")


class Mode(StrEnum):
    """How a run is isolated from the network: chosen, or ``auto`` (bubblewrap, else a container that already is)."""

    AUTO = "auto"
    BWRAP = "bwrap"
    CONTAINER = "container"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class NetworkView:
    """What the network looks like from this process (no connection is made)."""

    interfaces: tuple[str, ...]
    routes: int  # non-loopback IPv4 + IPv6 routes

    @property
    def isolated(self) -> bool:
        """True when loopback is the only interface and there is no route: nothing can be reached."""
        return set(self.interfaces) <= {"lo"} and self.routes == 0


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text().splitlines()
    except OSError:
        return []


def network_view(proc: Path = Path("/proc")) -> NetworkView:
    """Interfaces from ``/proc/net/dev`` and routes from ``/proc/net/{route,ipv6_route}``."""
    interfaces = [name for line in _lines(proc / "net/dev")[2:] if (name := line.split(":", 1)[0].strip())]
    routes = sum(1 for line in _lines(proc / "net/route")[1:] if line.strip())
    routes += sum(1 for line in _lines(proc / "net/ipv6_route") if line.split() and line.split()[-1] != "lo")
    return NetworkView(tuple(interfaces), routes)


def in_container() -> bool:
    """True when this process runs in a container (by the marker files or variables engines set)."""
    return (
        os.environ.get(CONTAINER_ENV) == "1"
        or Path("/.dockerenv").exists()
        or Path("/run/.containerenv").exists()
        or bool(os.environ.get("container"))  # noqa: SIM112 - systemd's convention is lower case
    )


def inside_sandbox() -> bool:
    """True in the process the launcher started inside the sandbox."""
    return os.environ.get(INSIDE_ENV) == "1"


def bwrap_path() -> str | None:
    """The bubblewrap executable: ``SANDBOX_BWRAP`` when set and executable (else None), or ``bwrap`` on PATH."""
    override = os.environ.get(BWRAP_ENV)
    if override:
        return override if os.access(override, os.X_OK) else None
    return shutil.which("bwrap")


@dataclass(frozen=True, slots=True)
class Decision:
    """How this command will run: here (``launch`` False) or re-run inside bubblewrap."""

    mode: Mode  # the mode actually in force (never AUTO)
    launch: bool
    warning: str | None = None


def decide(requested: Mode) -> Decision:
    """Resolve ``--isolation``; raise :class:`IsolationError` when it cannot be had."""
    if inside_sandbox():
        view = network_view()
        if not view.isolated:
            raise IsolationError("the sandbox sees a network interface or route; refusing to process")
        return Decision(Mode.BWRAP, launch=False)
    if requested is Mode.NONE:
        return Decision(
            Mode.NONE,
            launch=False,
            warning="warning: --isolation none: documents are processed WITHOUT network isolation",
        )
    container_ok = in_container() and network_view().isolated
    if requested is Mode.CONTAINER or (requested is Mode.AUTO and container_ok):
        if not container_ok:
            raise IsolationError(
                "--isolation container: not inside a container without network; "
                "run the container with --network none, or use --isolation bwrap"
            )
        return Decision(Mode.CONTAINER, launch=False)
    if bwrap_path() is None:
        raise IsolationError(
            "bubblewrap (bwrap) is not installed, so the network cannot be cut off; "
            "install it with: apt-get install bubblewrap (or run in the container, or pass "
            "--isolation none to process without isolation)"
        )
    return Decision(Mode.BWRAP, launch=True)


def _python_roots() -> list[Path]:
    """Directories the interpreter and the installed project need, outside /usr."""
    import sandbox

    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sandbox.__file__).resolve().parent}
    return sorted(p for p in roots if not _under(p, Path("/usr")))


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def bwrap_argv(
    bwrap: str,
    command: Sequence[str],
    *,
    read_only: Sequence[Path] = (),
    writable: Sequence[Path] = (),
    env: dict[str, str] | None = None,
    uid: int | None = None,
    views: Sequence[tuple[Path, Path]] = (),
    tmp_bytes: int | None = None,
    staging: tuple[str, int] | None = None,
) -> list[str]:
    """The bubblewrap command line: no network, read-only system, private /tmp, no caps.

    ``read_only`` and ``writable`` paths are bound at the same place inside; ``command`` is
    run there with a clean environment holding only ``env``.  ``tmp_bytes`` bounds the private
    ``/tmp``; ``staging`` (inside path, bytes) adds the size-limited tmpfs the outputs go to.
    """
    argv = [
        bwrap,
        "--unshare-all",  # net, pid, ipc, uts, cgroup, user (where possible)
        "--die-with-parent",
        "--new-session",  # setsid: no controlling terminal to inject keystrokes into
        "--clearenv",
    ]
    if uid is not None:
        argv += ["--unshare-user", "--uid", str(uid), "--gid", str(uid)]
    for key, value in sorted((env or {}).items()):
        argv += ["--setenv", key, value]
    argv += [
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin",
        "--symlink", "usr/sbin", "/sbin",
    ]  # fmt: skip
    for etc in ETC_READ_ONLY:
        if os.path.exists(etc):
            argv += ["--ro-bind", etc, etc]
    # Fresh /proc, /dev and /tmp first, so that what lives under /tmp or /dev/shm (a virtual
    # environment, inputs, the staging directory) is bound over them, not hidden by them.
    argv += ["--proc", "/proc", "--dev", "/dev"]
    argv += [*_sized(tmp_bytes), "--tmpfs", "/tmp"]
    if staging is not None:
        argv += [*_sized(staging[1]), "--perms", "0700", "--tmpfs", staging[0]]
    for path in _python_roots():
        argv += ["--ro-bind", str(path), str(path)]
    for path in sorted(set(read_only), key=lambda p: (len(p.parts), str(p))):  # outer before inner
        argv += ["--ro-bind", str(path), str(path)]
    for source, dest in views:  # read-only, at another place
        argv += ["--ro-bind", str(source), str(dest)]
    for path in writable:
        argv += ["--bind", str(path), str(path)]
    argv += ["--remount-ro", "/", "--cap-drop", "ALL", "--chdir", "/tmp", "--", *command]
    return argv


def _sized(size: int | None) -> list[str]:
    return [] if size is None else ["--size", str(size)]


def inner_env(staging: Path | None) -> dict[str, str]:
    """The whole environment of the sandboxed process: a fixed PATH, HOME and TMPDIR, one OCR and BLAS thread, and
    only the ``KEPT_ENV`` variables of this one.

    Nothing else crosses, so no credential or proxy setting in the caller's environment reaches the inside.
    """
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "SANDBOX_TMPDIR": "/tmp",
        "OMP_THREAD_LIMIT": "1",
        "OPENBLAS_NUM_THREADS": "1",  # NumPy's BLAS: no thread pool set up per process (~30 ms of CPU)
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
        INSIDE_ENV: "1",
    }
    for key in KEPT_ENV:
        if key in os.environ:
            env[key] = os.environ[key]
    if staging is not None:
        env[STAGING_ENV] = str(staging)
    return env


def binds_for(args: Sequence[str]) -> list[Path]:
    """Read-only binds for the inputs that exist (missing ones are reported inside)."""
    out: list[Path] = []
    for arg in args:
        if arg == "-":
            continue
        path = Path(arg)
        if path.exists() and path not in out:
            out.append(path)
    return out


def _sandbox_argv(
    command: Sequence[str],
    read_only: Sequence[Path],
    stage: Stage | None,
    view: tuple[Path, Path] | None = None,
    extra_env: dict[str, str] | None = None,
    tmp_bytes: int | None = None,
) -> list[str]:
    bwrap = bwrap_path()
    if bwrap is None:
        raise IsolationError("bubblewrap (bwrap) is not installed; install it with: apt-get install bubblewrap")
    env = inner_env(Path(Stage.INSIDE) if stage is not None else None) | (extra_env or {})
    if view is not None:
        from sandbox.outputs import OUTDIR_VIEW_ENV

        env[OUTDIR_VIEW_ENV] = f"{view[0]}={view[1]}"
    return bwrap_argv(
        bwrap,
        command,
        read_only=read_only,
        env=env,
        uid=SANDBOX_UID if os.getuid() == 0 else None,
        views=[view] if view is not None else [],
        tmp_bytes=tmp_bytes,
        staging=(Stage.INSIDE, stage.size) if stage is not None else None,
    )


def preflight() -> None:
    """Start an empty sandbox once so a refusal is one clear line, not bwrap's own words."""
    argv = _sandbox_argv(["/bin/true"], (), None)
    try:
        proc = run_tool(argv, timeout=30, what="an empty bubblewrap sandbox", check=False)
    except (OSError, SandboxError) as exc:
        raise IsolationError(f"bubblewrap could not be started ({type(exc).__name__}); reinstall bubblewrap") from None
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        reason = (stderr.strip().splitlines() or ["unknown reason"])[-1].removeprefix("bwrap: ")
        raise IsolationError(NO_SANDBOX.format(reason=f" ({reason})"))


def _child_pid(info_read: int, proc: subprocess.Popen[bytes]) -> int | None:
    """The sandbox's first process, from bubblewrap's ``--info-fd`` JSON (None: it never started)."""
    data = b""
    while b"}" not in data and len(data) < 4096:
        chunk = os.read(info_read, 4096)
        if not chunk:
            break
        data += chunk
    try:
        pid = json.loads(data.decode("ascii", "replace")).get("child-pid")
    except (json.JSONDecodeError, AttributeError):
        return None
    return pid if isinstance(pid, int) and pid > 0 and proc.poll() is None else None


def run_inside(
    command: Sequence[str],
    read_only: Sequence[Path],
    stage: Stage | None,
    view: tuple[Path, Path] | None = None,
    journal_fd: int | None = None,
    tmp_bytes: int | None = None,
    stdout: int | None = None,
) -> int:
    """Run ``command`` in a bubblewrap sandbox and return its exit code.

    The sandbox has no network, a read-only system, a size-limited private ``/tmp``
    (``tmp_bytes``), the system-call filter of :mod:`sandbox.seccomp`, and files no larger than
    its writable space (``RLIMIT_FSIZE``).  ``stage``: the size-limited tmpfs the outputs are
    written to, attached to the launcher through ``/proc/PID/root`` before the command starts
    (bubblewrap waits on ``--block-fd`` until then).  Standard streams pass through (progress
    bars still see the terminal, see below).  SIGINT and SIGTERM in the launcher kill the sandbox; its PID
    namespace, processes and tmpfs mounts go with it.  What it prints reaches this process's
    standard error (and standard output, when that is a terminal) through
    :class:`sandbox.terminal.Filter`: no escape sequence but a progress bar's.  ``journal_fd``: the write end of a pipe
    the sandboxed run reports finished documents on (``JOURNAL_FD_ENV`` tells it the number).
    ``stdout``: a descriptor for the command's standard output instead of this one's.
    """
    from sandbox import seccomp

    stamp = _preflight_stamp()
    if not stamp.exists():  # once per boot and user: later runs skip the empty sandbox (~40 ms)
        preflight()
        with suppress(OSError):
            stamp.touch(mode=0o600)
    from sandbox import terminal

    extra = {JOURNAL_FD_ENV: str(journal_fd)} if journal_fd is not None else {}
    if sys.stderr.isatty():
        extra[terminal.TERMINAL_ENV] = "1"
    argv = _sandbox_argv(command, read_only, stage, view, extra, tmp_bytes)
    info_read, info_write = os.pipe()  # bwrap writes the sandbox's pid to it once it exists
    block_read, block_write = os.pipe()  # the sandbox waits on it: staging is attached first
    filter_fd = seccomp.filter_fd()
    argv[1:1] = ["--info-fd", str(info_write), "--block-fd", str(block_read), "--seccomp", str(filter_fd)]
    passed = (info_write, block_read, filter_fd) + (() if journal_fd is None else (journal_fd,))
    err_read, err_write = os.pipe()  # what the sandbox says reaches the terminal filtered
    out_pipe = os.pipe() if stdout is None and sys.stdout.isatty() else None
    try:
        # bwrap dies with the launcher (the kernel's SIGKILL, however the launcher ends), and the
        # sandbox with bwrap (--die-with-parent): nothing waits for the sandboxed side to notice
        proc = subprocess.Popen(
            argv, pass_fds=passed, stdout=out_pipe[1] if out_pipe else stdout, stderr=err_write,
            preexec_fn=lifetime.die_with_parent_of(os.getpid()),
        )  # fmt: skip
    except BaseException:
        for fd in (err_read, *(out_pipe or ())):
            os.close(fd)
        raise
    finally:
        for fd in (info_write, block_read, filter_fd, err_write, *(out_pipe[1:] if out_pipe else ())):
            os.close(fd)
    filters = [terminal.Filter(err_read, sys.stderr.fileno())]
    if out_pipe is not None:
        filters.append(terminal.Filter(out_pipe[0], sys.stdout.fileno()))

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        proc.kill()
        raise KeyboardInterrupt

    old_int = signal.signal(signal.SIGINT, _stop)
    old_term = signal.signal(signal.SIGTERM, _stop)
    try:
        with os.fdopen(info_read, "rb", buffering=0) as info:
            pid = _child_pid(info.fileno(), proc)
            if pid is not None:
                _fence(pid, stage, tmp_bytes)
            with suppress(OSError):  # a sandbox that never started has closed its end
                os.write(block_write, b"go")
            os.close(block_write)
            block_write = -1
            code = proc.wait()
        if pid is None:
            stamp.unlink(missing_ok=True)
            raise IsolationError(NO_SANDBOX.format(reason=""))
        return code
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
        if block_write >= 0:
            os.close(block_write)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for one in filters:
            one.join()


def _fence(pid: int, stage: Stage | None, tmp_bytes: int | None) -> None:
    """Before the sandboxed command starts: bound the size of any file it writes, and hold
    its staging tmpfs."""
    import resource

    sizes = [size for size in (tmp_bytes, stage.size if stage else None) if size is not None]
    if sizes:
        with suppress(OSError):  # the sandbox died already: nothing will run
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (max(sizes), max(sizes)))
    if stage is not None:
        stage.attach(pid)


def _preflight_stamp() -> Path:
    base = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else Path(tempfile.gettempdir())
    return base / f"ocr-sandbox-bwrap-ok-{os.getuid()}"
