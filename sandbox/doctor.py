"""Self-check of the place where documents are processed: isolation, network, privileges,
tools.  Reads files in /proc and the environment only; makes no connection."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sandbox import isolation, poppler
from sandbox.engines import libtess, tesseract


def _status_fields() -> dict[str, str]:
    fields: dict[str, str] = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("CapEff", "NoNewPrivs", "Seccomp"):
                fields[key] = value.strip()
    except OSError:
        pass
    return fields


def _root_read_only() -> bool:
    try:
        return bool(os.statvfs("/").f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _space(path: str) -> int | None:
    """The size of the file system at ``path`` in bytes (a bounded tmpfs shows its bound)."""
    try:
        info = os.statvfs(path)
    except OSError:
        return None
    return info.f_blocks * info.f_frsize


def _inet_socket() -> str:
    """Whether an Internet socket can be created at all (none is connected): "refused" under
    the sandbox's system-call filter, whatever a container's own profile allows."""
    import errno
    import socket

    try:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
    except OSError as exc:
        return f"refused ({errno.errorcode.get(exc.errno or 0, exc.errno)})"
    return "allowed"


def probe() -> dict[str, Any]:
    """What this process sees (run it where processing runs)."""
    view = isolation.network_view()
    status = _status_fields()
    try:
        langs = list(tesseract.languages())
    except Exception:  # reported as missing below
        langs = []
    return {
        "interfaces": list(view.interfaces),
        "routes": view.routes,
        "network_isolated": view.isolated,
        "uid": os.getuid(),
        "gid": os.getgid(),
        "capabilities_effective": status.get("CapEff", "unknown"),
        "no_new_privs": status.get("NoNewPrivs") == "1",
        "seccomp": status.get("Seccomp", "unknown"),
        "inet_socket": _inet_socket(),
        "root_read_only": _root_read_only(),
        "tmp_bytes": _space("/tmp"),
        "proxy_variables": sorted(k for k in os.environ if k.lower() in isolation.PROXY_VARS),
        "display_variables": sorted(
            k for k in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS") if k in os.environ
        ),
        "tesseract": tesseract.version(),
        "tesseract_in_process": libtess.version(),
        "poppler": poppler.version(),
        "languages": langs,
        "in_container": isolation.in_container(),
    }
