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

from sandbox.errors import IsolationError, OutputError, SandboxError
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
KEPT_ENV = ("LANG", "LC_ALL", "TESSDATA_PREFIX", "SANDBOX_DEBUG", "SANDBOX_TESSERACT", "TERM", "COLUMNS", "NO_COLOR")
PROXY_VARS = ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy")


class Mode(StrEnum):
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
    return (
        os.environ.get(CONTAINER_ENV) == "1"
        or Path("/.dockerenv").exists()
        or Path("/run/.containerenv").exists()
        or bool(os.environ.get("container"))  # noqa: SIM112 - systemd's convention is lower case
    )


def inside_sandbox() -> bool:
    return os.environ.get(INSIDE_ENV) == "1"


def bwrap_path() -> str | None:
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
) -> list[str]:
    """The bubblewrap command line: no network, read-only system, private /tmp, no caps.

    ``read_only`` and ``writable`` paths are bound at the same place inside; ``command`` is
    run there with a clean environment holding only ``env``.
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
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
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


def inner_env(staging: Path | None) -> dict[str, str]:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "SANDBOX_TMPDIR": "/tmp",
        "OMP_THREAD_LIMIT": "1",
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
    staging: Path | None,
    view: tuple[Path, Path] | None = None,
    extra_env: dict[str, str] | None = None,
) -> list[str]:
    bwrap = bwrap_path()
    if bwrap is None:
        raise IsolationError("bubblewrap (bwrap) is not installed; install it with: apt-get install bubblewrap")
    env = inner_env(staging) | (extra_env or {})
    if view is not None:
        from sandbox.outputs import OUTDIR_VIEW_ENV

        env[OUTDIR_VIEW_ENV] = f"{view[0]}={view[1]}"
    return bwrap_argv(
        bwrap,
        command,
        read_only=read_only,
        writable=[staging] if staging is not None else [],
        env=env,
        uid=SANDBOX_UID if os.getuid() == 0 else None,
        views=[view] if view is not None else [],
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


def run_inside(
    command: Sequence[str],
    read_only: Sequence[Path],
    staging: Path | None,
    view: tuple[Path, Path] | None = None,
    journal_fd: int | None = None,
) -> int:
    """Run ``command`` in a bubblewrap sandbox and return its exit code.

    Standard streams pass through (progress bars still see the terminal).  SIGINT and
    SIGTERM in the launcher kill the sandbox; its PID namespace, processes and /tmp go with it.
    ``journal_fd``: the write end of a pipe the sandboxed run reports finished documents on
    (``JOURNAL_FD_ENV`` tells it the number).
    """
    stamp = _preflight_stamp()
    if not stamp.exists():  # once per boot and user: later runs skip the empty sandbox (~40 ms)
        preflight()
        with suppress(OSError):
            stamp.touch(mode=0o600)
    extra = {JOURNAL_FD_ENV: str(journal_fd)} if journal_fd is not None else None
    argv = _sandbox_argv(command, read_only, staging, view, extra)
    info_read, info_write = os.pipe()  # bwrap writes to it once the sandbox is set up
    argv[1:1] = ["--info-fd", str(info_write)]
    passed = (info_write,) if journal_fd is None else (info_write, journal_fd)
    try:
        proc = subprocess.Popen(argv, pass_fds=passed)
    finally:
        os.close(info_write)

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        proc.kill()
        raise KeyboardInterrupt

    old_int = signal.signal(signal.SIGINT, _stop)
    old_term = signal.signal(signal.SIGTERM, _stop)
    try:
        code = proc.wait()
        with os.fdopen(info_read, "rb") as info:
            started = bool(info.read())
        if not started:
            stamp.unlink(missing_ok=True)
            raise IsolationError(NO_SANDBOX.format(reason=""))
        return code
    finally:
        signal.signal(signal.SIGINT, old_int)
        signal.signal(signal.SIGTERM, old_term)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _preflight_stamp() -> Path:
    base = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else Path(tempfile.gettempdir())
    return base / f"ocr-sandbox-bwrap-ok-{os.getuid()}"


def promote(
    staging: Path, outdir: Path, force: bool, only: Sequence[str] | None = None, scratch: Path | None = None
) -> list[Path]:
    """Move what the sandbox wrote into ``outdir``: regular files only, atomically each
    (``only``: these paths relative to the staging directory, one finished document's)."""
    from sandbox.outputs import atomic_write, check_inside

    files: list[Path] = []
    found = sorted(staging.rglob("*")) if only is None else [staging / rel for rel in only if (staging / rel).exists()]
    for path in found:
        if path.is_symlink() or (not path.is_file() and not path.is_dir()):
            raise OutputError(f"{path.name}: the sandbox left something that is not a regular file; nothing was moved")
        if path.is_file() and not path.name.startswith("."):
            files.append(path)
    if not force:
        for path in files:
            dest = outdir / path.relative_to(staging)
            if dest.exists():
                raise OutputError(
                    f"{dest.name}: output exists in {dest.parent}; use --force to overwrite (nothing was written)"
                )
    for path in files:
        check_inside(outdir / path.relative_to(staging), outdir)
    moved: list[Path] = []
    for path in files:
        dest = outdir / path.relative_to(staging)
        atomic_write(dest, path.read_bytes(), scratch)
        path.unlink()
        moved.append(dest)
    return moved
