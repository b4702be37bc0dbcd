"""The web page's application: routes, and the security of the page itself.

- Bound to loopback by the command; every request must carry the session cookie, which the
  one-time token in the printed URL sets (the token works once); others get 403.
- ``Host`` must be the address the server was started on (defeats DNS rebinding); a POST's
  ``Origin``, when sent, must be that address too; every POST carries the session's CSRF token.
- ``Content-Security-Policy: default-src 'self'`` with no inline script, ``frame-ancestors
  'none'``, no CORS headers, ``no-store`` caching; uploaded names are only ever shown escaped.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from sandbox.web import i18n
from sandbox.web.jobs import DEFAULT_PACKS, LANGS, MAX_FILES, PACKS, TASKS, Job, JobStore, Redaction
from sandbox.web.pages import MAX_TERMS, Pages, rule_label, wants_json

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
    """What the local web page checks on each request: the Host header, the one-time token, the session and its CSRF
    token.
    """

    hosts: frozenset[str]  # accepted Host headers, e.g. {"127.0.0.1:8765", "localhost:8765"}
    token: str  # the one-time token of the printed URL
    sessions: dict[str, str] = field(default_factory=dict)  # session id → CSRF token

    def session(self, request: Request) -> str | None:
        """The session id of the request's cookie when it is a session this guard opened, else None."""
        sid = request.cookies.get(COOKIE, "")
        return sid if sid and sid in self.sessions else None


FORM: dict[str, Any] = {"tasks": TASKS, "langs": LANGS, "packs": PACKS, "default_packs": DEFAULT_PACKS}


def create_app(store: JobStore, guard: Guard, max_bytes: int) -> Starlette:
    """The Starlette app of the local web page: requests checked by ``guard``, uploads limited to ``max_bytes``,
    jobs run through ``store``.
    """
    pages = Pages(lambda request: guard.sessions.get(guard.session(request) or "", ""), max_bytes)
    static = resources.files("sandbox.web").joinpath("static")

    def page(name: str, request: Request, status: int = 200, **values: Any) -> HTMLResponse:
        return pages.render(name, request, status, **values)

    def form_page(request: Request, error_key: str, status: int, chosen: dict[str, Any] | None = None) -> Response:
        locale = pages.locale(request)
        message = locale.gettext(error_key).format(files=MAX_FILES, mb=max_bytes // (1024 * 1024))
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return page("index.html", request, status, **FORM, error=message, chosen=chosen or {})

    async def index(request: Request) -> Response:
        return page("index.html", request, **FORM, chosen={})

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ("app.js", "style.css"):
            return page("notfound.html", request, 404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response(static.joinpath(name).read_bytes(), media_type=kind)

    async def create(request: Request) -> Response:
        try:
            form = await request.form(max_files=MAX_FILES, max_fields=20 + len(PACKS))
        except HTTPException:
            return form_page(request, "error.too_many", 400)
        task, fmt, lang = str(form.get("task", "")), str(form.get("format", "")), str(form.get("lang", "auto"))
        if task not in TASKS or fmt not in TASKS[task] or lang not in LANGS:
            return form_page(request, "error.choose", 400)
        terms = tuple(t.strip() for t in str(form.get("terms", "")).splitlines() if t.strip())[:MAX_TERMS]
        packs = tuple(p for p in (str(v) for v in form.getlist("packs")) if p in PACKS)
        redaction = Redaction(terms, packs, keep_names=form.get("keep_names") == "1")
        chosen = {"task": task, "format": fmt, "lang": lang, "terms": "\n".join(terms), "packs": packs}
        if task == "redact" and not terms and not packs:
            return form_page(request, "error.nothing_to_find", 400, chosen)
        files: list[tuple[str, bytes]] = []
        for item in form.getlist("files"):
            if isinstance(item, UploadFile) and item.filename:
                data = await item.read(max_bytes + 1)
                if len(data) > max_bytes:
                    return form_page(request, "error.too_large", 413, chosen)
                files.append((item.filename, data))
        if not files:
            return form_page(request, "error.no_files", 400, chosen)
        job = store.create(task, fmt, lang, files, redaction)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def job_of(request: Request) -> Job | None:
        return store.get(str(request.path_params["job"]))

    async def show(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return page("gone.html", request, 404)
        if job.state == "review":
            locale = pages.locale(request)
            review = store.review(job)
            labels = {f["rule"]: rule_label(locale, str(f["rule"])) for d in review["documents"] for f in d["findings"]}
            return page("review.html", request, job=job, review=review, labels=labels)
        return page("job.html", request, job=job)

    async def status(request: Request) -> Response:
        """The job's state as JSON.  With ``?since=TOKEN`` (the ``token`` of the last answer) the
        answer waits, up to ``LONG_POLL_S``, until something a visitor sees has changed: the page
        learns of the end of a job within ``LONG_POLL_STEP_S`` without polling in a loop."""
        job = job_of(request)
        if job is None:
            return JSONResponse({"state": "gone"}, status_code=404)
        since = request.query_params.get("since", "")
        progress, counts, token = _seen(job)
        deadline = time.monotonic() + LONG_POLL_S
        while since == token and time.monotonic() < deadline:
            await asyncio.sleep(LONG_POLL_STEP_S)
            progress, counts, token = _seen(job)
        locale = pages.locale(request)
        return JSONResponse(
            {
                "token": token,
                "state": job.state,
                "state_text": locale.gettext(f"state.{job.shown_state}"),
                "error": locale.gettext(f"reason.{job.error}") if job.error else "",
                "needs_password": job.needs_password and job.state == "failed",
                "progress": _progress(locale, job, counts),
                "pages": list(job.pages),
                "seconds": round(job.seconds, 2),
                "files": [
                    {
                        "name": u.shown,
                        "state": progress[u.stored],
                        "state_text": locale.gettext(f"badge.{progress[u.stored]}"),
                        "reason": _reason(locale, job, u.stored, progress[u.stored]),
                    }
                    for u in job.uploads
                ],
                "outputs": [{"path": o, "name": job.download_name(o)} for o in job.outputs()]
                if job.state == "done"
                else [],
            }
        )

    async def password(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.state != "failed" or not job.needs_password:
            return page("gone.html", request, 404) if job is None else RedirectResponse(f"/jobs/{job.id}", 303)
        try:
            form = await request.form(max_files=0, max_fields=2)
        except HTTPException:
            return RedirectResponse(f"/jobs/{job.id}", status_code=303)
        secret = str(form.get("password", ""))
        if not secret or "\n" in secret or "\r" in secret or len(secret) > 1024:
            return RedirectResponse(f"/jobs/{job.id}", status_code=303)
        store.retry(job, secret)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    async def picture(request: Request) -> Response:
        job = job_of(request)
        name = str(request.path_params["name"])
        if job is None or name not in {p.name for p in (job.folder / "previews").glob("*.png")}:
            return page("notfound.html", request, 404)
        return FileResponse(job.folder / "previews" / name, media_type="image/png")

    async def apply(request: Request) -> Response:
        job = job_of(request)
        locale = pages.locale(request)
        if job is None or job.state != "review":
            return JSONResponse({"error": locale.gettext("error.nothing_to_apply")}, status_code=409)
        body = await request.json()
        decisions = {str(k): str(v) for k, v in dict(body.get("decisions", {})).items()}
        boxes = [b for b in body.get("boxes", []) if isinstance(b, dict)]
        try:
            store.apply(job, decisions, boxes)
        except (KeyError, ValueError, TypeError):
            return JSONResponse({"error": locale.gettext("error.bad_box")}, status_code=400)
        return JSONResponse({"next": f"/jobs/{job.id}"})

    async def download(request: Request) -> Response:
        job = job_of(request)
        wanted = str(request.path_params["path"])
        if job is None or job.state != "done" or wanted not in job.outputs():
            return page("notfound.html", request, 404)
        if request.method == "GET":  # HEAD (a link checker, a preview) is not the one download
            store.downloaded(job, wanted)
        return FileResponse(job.out / wanted, headers=_attachment(job.download_name(wanted)))

    async def bundle(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.state != "done":
            return page("notfound.html", request, 404)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in job.outputs():
                zf.write(job.out / name, job.download_name(name))
        if request.method == "GET":
            store.downloaded(job, None)
        return Response(buf.getvalue(), media_type="application/zip", headers=_attachment("results.zip"))

    routes = [
        Route("/", index),
        Route("/static/{name}", asset),
        Route("/jobs", create, methods=["POST"]),
        Route("/jobs/{job}", show),
        Route("/jobs/{job}/status", status),
        Route("/jobs/{job}/password", password, methods=["POST"]),
        Route("/jobs/{job}/pictures/{name}", picture),
        Route("/jobs/{job}/apply", apply, methods=["POST"]),
        Route("/jobs/{job}/files/{path:path}", download),
        Route("/jobs/{job}/results.zip", bundle),
    ]

    async def missing(request: Request, exc: Exception) -> Response:
        return page("notfound.html", request, 404)

    app = Starlette(routes=routes, exception_handlers={404: missing, 405: missing})
    return _Secured(app, guard, pages)  # type: ignore[return-value]


LONG_POLL_S = 10.0  # a status request with ?since= waits at most this long for a change
LONG_POLL_STEP_S = 0.05  # ... looking this often


def _seen(job: Job) -> tuple[dict[str, str], dict[str, int], str]:
    """What a visitor sees of a job (files' states, counts) and a token that changes with it."""
    progress, counts = job.progress(), job.counts()
    shown = repr(
        (job.state, job.error, job.needs_password, job.pages, sorted(progress.items()), sorted(counts.items()))
    )
    return progress, counts, hashlib.blake2s(shown.encode(), digest_size=8).hexdigest()


def _progress(locale: i18n.Locale, job: Job, counts: dict[str, int]) -> str:
    """Pages done / pages in all while the CLI works through them, else the files done."""
    done, total = job.pages
    if job.state in ("queued", "running") and total:
        return locale.gettext("progress.pages").format(done=done, total=total)
    return locale.gettext("progress.files").format(
        done=counts["files_done"], total=counts["files_total"], pages=counts["pages_done"]
    )


def _reason(locale: i18n.Locale, job: Job, stored: str, state: str) -> str:
    """One sentence on why a file failed or was skipped, in the visitor's language ("" if it did not)."""
    if state == "skipped":
        return locale.gettext("reason.skipped")
    if state != "failed":
        return ""
    return locale.gettext(f"reason.{job.reasons.get(stored, 'other')}")


def _attachment(name: str) -> dict[str, str]:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}


class _Secured:
    """ASGI wrapper: Host, token/session, Origin and CSRF checks, and the security headers."""

    def __init__(self, app: Starlette, guard: Guard, pages: Pages) -> None:
        self.app, self.guard, self.pages = app, guard, pages

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
            return self._refused(request, "denied.used")
        if request.url.path in ("/static/app.js", "/static/style.css") and request.method in ("GET", "HEAD"):
            return None  # the page's own code and style, public anyway: the refusal pages need them
        sid = guard.session(request)
        if sid is None:
            return self._refused(request, "denied.no_key")
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("origin")
            if origin is not None and origin.removeprefix("http://") not in guard.hosts:
                return self._refused(request, "denied.origin")
            sent = request.headers.get("x-csrf-token") or request.query_params.get("csrf") or ""
            if not secrets.compare_digest(sent, guard.sessions[sid]):  # forms carry it in their action URL
                return self._refused(request, "denied.csrf")
        return None

    def _refused(self, request: Request, reason: str) -> Response:
        """A 403 in the visitor's language that says how to get in: the link ``sandbox serve`` printed."""
        if wants_json(request):
            return JSONResponse({"error": self.pages.locale(request).gettext(reason)}, status_code=403)
        return self.pages.render("denied.html", request, 403, reason=reason)
