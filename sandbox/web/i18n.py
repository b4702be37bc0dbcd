"""The page's languages: message catalogues (``locales/<code>.po``) and the choice of one.

- A catalogue is a gettext ``.po`` file of the package, read by the small pure-Python reader
  below (no compile step, nothing to build): a third language is one more file.
- Message ids are symbolic keys (``task.word.name``); ``en.po`` holds the English words, and a
  key missing from a catalogue falls back to English, then to the key itself (which the tests
  look for on every page, so a missing translation is caught).
- The language is the visitor's choice (``?ui=`` once, then a cookie), else the best match of
  the browser's ``Accept-Language``, else English.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

FALLBACK = "en"
COOKIE = "sbx_ui"


def read_po(text: str) -> dict[str, str]:
    """``msgid`` → ``msgstr`` of a ``.po`` file (comments, contexts and plurals are not used)."""
    entries: dict[str, str] = {}
    key: list[str] | None = None
    value: list[str] | None = None
    current: list[str] | None = None

    def flush() -> None:
        if key is not None and value is not None:
            msgid, msgstr = "".join(key), "".join(value)
            if msgid and msgstr:
                entries[msgid] = msgstr

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            key, value = [], None
            current = key
            line = line[6:].strip()
        elif line.startswith("msgstr "):
            value = []
            current = value
            line = line[7:].strip()
        if current is not None and line.startswith('"') and line.endswith('"'):
            current.append(ast.literal_eval(line))  # a C-style quoted string, escapes and all
    flush()
    return entries


@dataclass(frozen=True)
class Locale:
    """One language of the web page: its BCP 47 code, its own name and its messages."""

    code: str  # BCP 47, as in <html lang>: en, zh-Hans, zh-Hant
    name: str  # the language's own name, for the switch
    messages: dict[str, str]

    def gettext(self, key: str) -> str:
        """The message for ``key`` in this language, else in English, else the key itself: never an error."""
        return self.messages.get(key) or catalogues()[FALLBACK].messages.get(key) or key


@cache
def catalogues() -> dict[str, Locale]:
    """Every ``locales/*.po`` of the package, by code (``zh_Hans.po`` → ``zh-Hans``)."""
    found: dict[str, Locale] = {}
    folder = resources.files("sandbox.web").joinpath("locales")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".po"):
            code = entry.name.removesuffix(".po").replace("_", "-")
            messages = read_po(entry.read_text(encoding="utf-8"))
            found[code] = Locale(code, messages.get("locale.name", code), messages)
    return found


def _ranked(header: str) -> list[str]:
    """The tags of an ``Accept-Language`` header, best first (``q=0`` dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        found = re.search(r"q\s*=\s*([0-9.]+)", params)
        if found:
            try:
                q = float(found.group(1))
            except ValueError:
                q = 0.0
        if tag and q > 0:
            ranked.append((-q, n, tag.strip().lower()))
    return [tag for _, _, tag in sorted(ranked)]


def _match(tag: str, codes: dict[str, str]) -> str | None:
    """A browser tag → one of ours: zh-TW/HK/MO and *-Hant are Traditional, other zh Simplified."""
    tag = tag.lower().replace("_", "-")
    if tag in codes:
        return codes[tag]
    parts = tag.split("-")
    if parts[0] == "zh":
        traditional = "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts)
        wanted = "zh-hant" if traditional and "hans" not in parts else "zh-hans"
        return codes.get(wanted) or codes.get("zh-hans")
    return next((code for low, code in codes.items() if low.split("-")[0] == parts[0]), None)


def choose(asked: str | None, cookie: str | None, accept: str) -> Locale:
    """The page's language: an explicit choice, the cookie, ``Accept-Language``, English."""
    known = catalogues()
    codes = {code.lower(): code for code in known}
    for explicit in (asked, cookie):
        if explicit and explicit.lower() in codes:
            return known[codes[explicit.lower()]]
    for tag in _ranked(accept):
        code = _match(tag, codes)
        if code:
            return known[code]
    return known[FALLBACK]
