"""The redaction policy: which rule packs run, what they match and how outputs look.

Loaded from TOML (``--policy FILE``; format in docs/policy.md) over the built-in default
``sandbox/data/default-policy.toml``; ``--terms FILE`` adds terms without writing a policy.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from sandbox.errors import UsageError
from sandbox.userfiles import read_toml

PACKS = ("markings", "pii-cn", "pii-intl", "terms", "regex", "names")
DEFAULT_PACKS = ("markings", "pii-cn", "pii-intl")
SCOPES = ("marking", "line", "page")
Placeholder = Literal["block", "label"]  # how TXT/JSON outputs show a redaction
PLACEHOLDERS: tuple[str, ...] = get_args(Placeholder)


@dataclass(frozen=True, slots=True)
class Policy:
    """What to redact and how: the rule packs that run, terms and patterns, what is allowed,
    the placeholder, padding and scopes.  Built by :func:`parse` from TOML; frozen."""

    packs: tuple[str, ...] = DEFAULT_PACKS
    marking_scope: str = "marking"
    terms: tuple[str, ...] = ()
    exact_terms: tuple[str, ...] = ()  # matched with case (markings re-checked after redaction)
    ocr_confusions: bool = False
    fuzzy: bool = True  # terms also match within the OCR tolerance (docs/policy.md)
    name_forms: bool = True  # listed names also match as people write them
    patterns: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    placeholder: Placeholder = "block"
    padding: int = 6
    cover_lines: bool = False
    text_layer: bool = False
    highlights: bool = False

    def with_terms(self, terms: Sequence[str], exact: Sequence[str] = ()) -> Policy:
        """This policy plus literal terms (``exact`` ones are matched with case)."""
        if not terms and not exact:
            return self
        packs = self.packs if "terms" in self.packs else (*self.packs, "terms")
        return replace(self, terms=(*self.terms, *terms), exact_terms=(*self.exact_terms, *exact), packs=packs)


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{where}: [{key}] must be a table")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: expected a list of strings")
    return tuple(v for v in value if v.strip())


def parse(data: dict[str, Any], where: str) -> Policy:
    """Build a policy from parsed TOML, checking every value."""
    if data.get("version", 1) != 1:
        raise UsageError(f"{where}: unsupported policy version {data.get('version')!r} (expected 1)")
    packs = _strings(data.get("packs", list(DEFAULT_PACKS)), f"{where}: packs")
    for pack in packs:
        if pack not in PACKS:
            raise UsageError(f"{where}: unknown pack '{pack}' (choose from {', '.join(PACKS)})")
    markings = _table(data, "markings", where)
    terms = _table(data, "terms", where)
    regex = _table(data, "regex", where)
    allow = _table(data, "allow", where)
    output = _table(data, "output", where)
    scope = markings.get("scope", "marking")
    if scope not in SCOPES:
        raise UsageError(f"{where}: markings.scope must be one of {', '.join(SCOPES)}")
    placeholder = output.get("placeholder", "block")
    if placeholder not in PLACEHOLDERS:
        raise UsageError(f"{where}: output.placeholder must be 'block' or 'label'")
    patterns = _strings(regex.get("patterns", []), f"{where}: regex.patterns")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UsageError(
                f"{where}: regex pattern number {patterns.index(pattern) + 1} is invalid ({exc.msg})"
            ) from None
    padding = output.get("padding", 6)
    if not isinstance(padding, int) or not 0 <= padding <= 100:
        raise UsageError(f"{where}: output.padding must be a whole number of pixels from 0 to 100")
    return Policy(
        packs=packs,
        marking_scope=scope,
        terms=_strings(terms.get("list", []), f"{where}: terms.list"),
        ocr_confusions=bool(terms.get("ocr_confusions", False)),
        fuzzy=bool(terms.get("fuzzy", True)),
        name_forms=bool(terms.get("name_forms", True)),
        patterns=patterns,
        allow=_strings(allow.get("list", []), f"{where}: allow.list"),
        placeholder=placeholder,
        padding=padding,
        cover_lines=bool(output.get("cover_lines", False)),
        text_layer=bool(output.get("text_layer", False)),
    )


def default() -> Policy:
    """The built-in policy (``sandbox/data/default-policy.toml``): markings and personal data."""
    text = resources.files("sandbox").joinpath("data/default-policy.toml").read_text(encoding="utf-8")
    return parse(tomllib.loads(text), "built-in policy")


def load(path: Path | None) -> Policy:
    """The policy in the TOML file ``path``, or the built-in one when ``path`` is None; a bad
    file is a one-line usage error naming it."""
    if path is None:
        return default()
    return parse(read_toml(path, "policy"), path.name)


def read_terms(path: Path) -> tuple[str, ...]:
    """One term per line; blank lines and lines starting with # are ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(f"{path.name}: terms file not found") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path.name}: terms file must be UTF-8 text, one term per line") from None
    return tuple(t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#"))
