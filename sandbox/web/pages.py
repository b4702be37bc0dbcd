"""The page's HTML: templates rendered in the visitor's language, and the words for codes.

- Every template gets ``_`` (the catalogue of the language chosen by :func:`sandbox.web.i18n.choose`),
  the session's CSRF token, the limits, and the language switch's links; ``?ui=`` is remembered
  in a cookie (SameSite=Strict; it holds a language code and nothing else).
- Templates are autoescaped: file names and document text shown in them are always escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sandbox.web import i18n
from sandbox.web.jobs import MAX_FILES

JS_KEYS = ("js.gone", "js.apply_failed")  # strings app.js shows itself
MAX_TERMS = 200


def _templates() -> Environment:
    return Environment(loader=PackageLoader("sandbox.web", "templates"), autoescape=select_autoescape(default=True))


def rule_label(locale: i18n.Locale, rule: str) -> str:
    """A review finding's rule id (``pii-cn.mobile``, ``regex.2``) → the kind people know."""
    for key in (f"rule.{rule}", f"rule.{rule.split('.', 1)[0]}", "rule.other"):
        if key in locale.messages or key in i18n.catalogues()[i18n.FALLBACK].messages:
            return locale.gettext(key)
    return locale.gettext("rule.other")


class Pages:
    """Renders the templates in the visitor's language (``?ui=``, cookie, ``Accept-Language``)."""

    def __init__(self, csrf_of: Callable[[Request], str], max_bytes: int) -> None:
        self.env, self.csrf_of, self.max_bytes = _templates(), csrf_of, max_bytes

    @staticmethod
    def locale(request: Request) -> i18n.Locale:
        """The page language: ``?ui=``, else the cookie, else ``Accept-Language``, else English."""
        return i18n.choose(
            request.query_params.get("ui"), request.cookies.get(i18n.COOKIE), request.headers.get("accept-language", "")
        )

    def render(self, name: str, request: Request, status: int = 200, **values: Any) -> HTMLResponse:
        """Render the template with the request's language and CSRF token; remembers a language chosen with ``?ui=``
        in a cookie.
        """
        locale = self.locale(request)
        html = self.env.get_template(name).render(
            csrf=self.csrf_of(request),
            _=locale.gettext,
            locale=locale,
            locales=list(i18n.catalogues().values()),
            js_strings={key: locale.gettext(key) for key in JS_KEYS},
            here=_here(request),
            max_files=MAX_FILES,
            max_mb=self.max_bytes // (1024 * 1024),
            max_bytes=self.max_bytes,
            **values,
        )
        response = HTMLResponse(html, status_code=status)
        asked = request.query_params.get("ui")
        if asked and asked == locale.code:  # the switch: remembered for the next pages
            response.set_cookie(i18n.COOKIE, locale.code, samesite="strict", path="/", max_age=365 * 86400)
        return response


def _here(request: Request) -> str:
    """Where the language switch leads: this page when it was a GET to one of our own paths
    (never ``//host``: a link off the site), else the start page."""
    path = request.url.path
    safe = request.method == "GET" and re.fullmatch(r"(/[A-Za-z0-9_.~-]+)*/?", path) is not None
    return path if safe and not path.startswith("//") else "/"


def wants_json(request: Request) -> bool:
    """True when the client asked for JSON (``Accept: application/json``) rather than a page."""
    return "application/json" in request.headers.get("accept", "")
