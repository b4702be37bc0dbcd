"""The web page's application: routes, and the security of the page itself.

- Bound to loopback by the command; every request must carry the session cookie, which the
  one-time token in the printed URL sets (the token works once); others get 403.
- ``Host`` must be the address the server was started on (defeats DNS rebinding); a POST's
  ``Origin``, when sent, must be that address too; every POST carries the session's CSRF token.
- ``Content-Security-Policy: default-src 'self'`` with no inline script, ``frame-ancestors
  'none'``, no CORS headers, ``no-store`` caching; uploaded names are only ever shown escaped.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from sandbox.web.jobs import LANGS, MAX_FILES, TASKS, Job, JobStore

COOKIE = "sbx_session"
CSP = (
    "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no-referrer would make browsers send "Origin: null" on our own forms
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass
class Guard:
    hosts: frozenset[str]  # accepted Host headers, e.g. {"127.0.0.1:8765", "localhost:8765"}
    token: str  # the one-time token of the printed URL
    sessions: dict[str, str] = field(default_factory=dict)  # session id → CSRF token

    def session(self, request: Request) -> str | None:
        sid = request.cookies.get(COOKIE, "")
        return sid if sid and sid in self.sessions else None


def _templates() -> Environment:
    return Environment(loader=PackageLoader("sandbox.web", "templates"), autoescape=select_autoescape(default=True))


def create_app(store: JobStore, guard: Guard, max_bytes: int) -> Starlette:
    env = _templates()
    static = resources.files("sandbox.web").joinpath("static")

    def page(name: str, request: Request, **values: Any) -> HTMLResponse:
        sid = guard.session(request)
        html = env.get_template(name).render(csrf=guard.sessions.get(sid or "", ""), **values)
        return HTMLResponse(html)

    async def index(request: Request) -> Response:
        return page("index.html", request, tasks=TASKS, langs=LANGS, max_files=MAX_FILES)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("app.js", "style.css"):
            return Response("not found", 404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(static.joinpath(name).read_bytes(), media_type=kind)

    async def create(request: Request) -> Response:
        form = await request.form(max_files=MAX_FILES, max_fields=20)
        task, fmt, lang = str(form.get("task", "")), str(form.get("format", "")), str(form.get("lang", "auto"))
        if task not in TASKS or fmt not in TASKS[task] or lang not in LANGS:
            return page("index.html", request, tasks=TASKS, langs=LANGS, max_files=MAX_FILES,
                        error="choose a task, a format and a language from the lists")  # fmt: skip
        files: list[tuple[str, bytes]] = []
        for item in form.getlist("files"):
            if isinstance(item, UploadFile) and item.filename:
                data = await item.read(max_bytes + 1)
                if len(data) > max_bytes:
                    return page("index.html", request, tasks=TASKS, langs=LANGS, max_files=MAX_FILES,
                                error=f"a file is larger than the limit ({max_bytes // (1024 * 1024)} MB)")  # fmt: skip
                files.append((item.filename, data))
        if not files:
            return page("index.html", request, tasks=TASKS, langs=LANGS, max_files=MAX_FILES,
                        error="choose at least one file")  # fmt: skip
        job = store.create(task, fmt, lang, files)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def job_of(request: Request) -> Job | None:
        return store.get(str(request.path_params["job"]))

    async def show(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return page("gone.html", request)
        if job.state == "review":
            return page("review.html", request, job=job, review=store.review(job))
        return page("job.html", request, job=job)

    async def status(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return JSONResponse({"state": "gone"}, status_code=404)
        progress = job.progress()
        return JSONResponse(
            {
                "state": job.state,
                "error": job.error,
                "seconds": round(job.seconds, 2),
                "files": [{"name": u.shown, "state": progress[u.stored]} for u in job.uploads],
                "outputs": [{"path": o, "name": job.download_name(o)} for o in job.outputs()]
                if job.state == "done"
                else [],
            }
        )

    async def picture(request: Request) -> Response:
        job = job_of(request)
        name = str(request.path_params["name"])
        if job is None or name not in {p.name for p in (job.folder / "previews").glob("*.png")}:
            return Response("not found", 404)
        return FileResponse(job.folder / "previews" / name, media_type="image/png")

    async def apply(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.state != "review":
            return JSONResponse({"error": "nothing to apply"}, status_code=409)
        body = await request.json()
        decisions = {str(k): str(v) for k, v in dict(body.get("decisions", {})).items()}
        boxes = [b for b in body.get("boxes", []) if isinstance(b, dict)]
        try:
            store.apply(job, decisions, boxes)
        except (KeyError, ValueError, TypeError):
            return JSONResponse({"error": "a box is not [x0, y0, x1, y1] on a page"}, status_code=400)
        return JSONResponse({"next": f"/jobs/{job.id}"})

    async def download(request: Request) -> Response:
        job = job_of(request)
        wanted = str(request.path_params["path"])
        if job is None or job.state != "done" or wanted not in job.outputs():
            return Response("not found", 404)
        store.downloaded(job, wanted)
        return FileResponse(job.out / wanted, headers=_attachment(job.download_name(wanted)))

    async def bundle(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.state != "done":
            return Response("not found", 404)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in job.outputs():
                zf.write(job.out / name, job.download_name(name))
        store.downloaded(job, None)
        return Response(buf.getvalue(), media_type="application/zip", headers=_attachment("results.zip"))

    routes = [
        Route("/", index),
        Route("/static/{name}", asset),
        Route("/jobs", create, methods=["POST"]),
        Route("/jobs/{job}", show),
        Route("/jobs/{job}/status", status),
        Route("/jobs/{job}/pictures/{name}", picture),
        Route("/jobs/{job}/apply", apply, methods=["POST"]),
        Route("/jobs/{job}/files/{path:path}", download),
        Route("/jobs/{job}/results.zip", bundle),
    ]
    app = Starlette(routes=routes)
    return _Secured(app, guard)  # type: ignore[return-value]


def _attachment(name: str) -> dict[str, str]:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}


class _Secured:
    """ASGI wrapper: Host, token/session, Origin and CSRF checks, and the security headers."""

    def __init__(self, app: Starlette, guard: Guard) -> None:
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        refused = self._check(request)
        if isinstance(refused, Response):
            await self._send(refused, scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _send(self, response: Response, scope: Scope, receive: Receive, send: Send) -> None:
        response.headers.update(HEADERS)
        await response(scope, receive, send)

    def _check(self, request: Request) -> Response | None:
        guard = self.guard
        if request.headers.get("host", "") not in guard.hosts:
            return Response("wrong host", status_code=421)
        token = request.query_params.get("token")
        if token:
            if guard.token and secrets.compare_digest(token, guard.token):
                guard.token = ""  # one time only
                fresh = secrets.token_urlsafe(32)
                guard.sessions[fresh] = secrets.token_urlsafe(32)
                response = RedirectResponse(request.url.path, status_code=303)
                response.set_cookie(COOKIE, fresh, httponly=True, samesite="strict", path="/")
                return response
            return Response("this link was used already; start sandbox serve again for a new one", status_code=403)
        sid = guard.session(request)
        if sid is None:
            return Response("open the link sandbox serve printed (it holds the key)", status_code=403)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin.removeprefix("http://") not in guard.hosts:
                return Response("cross-origin request refused", status_code=403)
            sent = request.headers.get("x-csrf-token") or request.query_params.get("csrf") or ""
            if not secrets.compare_digest(sent, guard.sessions[sid]):  # forms carry it in their action URL
                return Response("missing or wrong CSRF token", status_code=403)
        return None
