"""``sandbox serve``: the local web page (``sandbox.web``)."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
import threading
from typing import Annotated

import typer

from sandbox.cli.common import IsolationOpt, LimitOpt, handles_errors, load_limits
from sandbox.isolation import Mode


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@handles_errors
def serve(
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free one).", min=0, max=65535)] = 8765,
    host: Annotated[str, typer.Option("--host", help="Loopback address to listen on.")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    limit: LimitOpt = None,
    isolation: IsolationOpt = Mode.AUTO,
) -> None:
    """A local web page: drop files, get text, searchable PDF, Word, converted, sanitised or redacted copies."""
    import tempfile

    import uvicorn

    from sandbox import isolation as iso
    from sandbox.errors import UsageError
    from sandbox.web.app import Guard, create_app
    from sandbox.web.jobs import JobStore
    from sandbox.workdir import private_workdir

    if not _loopback(host):
        raise UsageError(
            f"--host {host}: the page listens on loopback only (127.0.0.1 or ::1); to reach it from a "
            "container host, serve on the host itself: every job still runs in the network-less sandbox"
        )
    limits = load_limits(limit)
    decision = iso.decide(isolation)  # fail closed now, not at the first upload
    if decision.warning:
        sys.stderr.write(decision.warning + "\n")
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
        listener.listen(128)  # connections wait from now on: the printed link works at once
    except OSError as exc:
        raise UsageError(f"--port {port}: cannot listen there ({exc.strerror}); try --port 0") from None
    port = listener.getsockname()[1]
    token = secrets.token_urlsafe(24)
    shown = f"[{host}]" if ":" in host else host
    hosts = frozenset(
        {f"{shown}:{port}", f"localhost:{port}"} | ({f"127.0.0.1:{port}"} if host == "localhost" else set())
    )
    with private_workdir() as work:
        uploads = work / "uploads"
        uploads.mkdir()
        tempfile.tempdir = str(uploads)  # the multipart parser spools uploads here, not in /tmp
        store = JobStore(work / "jobs", isolation.value)
        app = create_app(store, Guard(hosts, token), limits.max_file_bytes)
        url = f"http://{shown}:{port}/?token={token}"
        sys.stderr.write(f"ocr-sandbox is serving on {shown}:{port} (this computer only)\nopen: {url}\n")
        sys.stderr.flush()
        stop = threading.Event()

        def sweep() -> None:
            while not stop.wait(60):
                store.sweep()

        threading.Thread(target=sweep, daemon=True).start()
        if open_browser:
            import webbrowser

            threading.Timer(1.0, webbrowser.open, args=(url,)).start()
        config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, date_header=False)
        try:
            uvicorn.Server(config).run(sockets=[listener])
        finally:
            stop.set()
    sys.stderr.write("stopped; every upload and result was deleted\n")
