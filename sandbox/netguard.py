"""Defence in depth: refuse Python-level IPv4/IPv6 sockets in processes that handle documents.

The sandbox already has no network; this makes any attempt fail loudly and early even when
isolation was switched off.  Unix sockets (used by multiprocessing) stay allowed.
"""

from __future__ import annotations

import socket
from typing import Any

_BLOCKED = {socket.AF_INET, socket.AF_INET6}


class NetworkRefused(OSError):
    """Raised instead of creating an IPv4 or IPv6 socket once the guard is installed."""

    pass


class _GuardedSocket(socket.socket):
    def __init__(self, family: Any = -1, type: Any = -1, proto: int = -1, fileno: int | None = None) -> None:
        if fileno is None and (family in _BLOCKED or family == -1):
            raise NetworkRefused("network sockets are disabled while documents are processed")
        super().__init__(family, type, proto, fileno)


def install() -> None:
    """Replace ``socket.socket`` for this process and the workers it forks."""
    if socket.socket is not _GuardedSocket:
        socket.socket = _GuardedSocket  # type: ignore[misc]
