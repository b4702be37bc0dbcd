"""The review file: written by ``flag``, edited by a person, applied by ``redact --review``.

It is CONFIDENTIAL: it holds the flagged text itself, so a reviewer can decide.  Documents
are matched by the SHA-256 of their content, boxes are pixels at the file's DPI.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sandbox.engines.tesseract import check_languages
from sandbox.errors import UsageError
from sandbox.models import BBox
from sandbox.redact.types import Mark
from sandbox.userfiles import read_json

SCHEMA = "ocr-sandbox/review"
WARNING = (
    "CONFIDENTIAL: this file contains the sensitive text it flags. Keep it with the originals, "
    "never share it, delete it when the redaction is done."
)
DECISIONS = ("redact", "keep")
UNREAD = "unread"  # rule of an entry for ink no reading could read; decision starts "undecided"
STRUCTURE = "structure"  # rule of an entry for form structure (checkbox, rule): kept unless decided
_LANGS = re.compile(r"[a-z][a-z_]{1,20}(\+[a-z][a-z_]{1,20}){0,5}")
_BOX_LIST = re.compile(r"\[\s*(-?\d+),\s*(-?\d+),\s*(-?\d+),\s*(-?\d+)\s*\]")


def sha256(path: Path) -> str:
    """The SHA-256 of the file at ``path`` in hex, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ReviewDoc:
    """One document's decisions in a review file: its input's SHA-256 (a changed input is
    refused), the boxes to burn per page, and the texts redacted or kept."""

    sha: str
    marks: dict[int, tuple[Mark, ...]]  # page index → boxes to burn
    redact_texts: tuple[str, ...]
    redact_exact: tuple[str, ...]  # redacted markings: compared with case
    keep_texts: tuple[str, ...]
    terms: tuple[str, ...]
    decided: dict[int, tuple[BBox, ...]]  # page index → unread regions the reviewer decided
    languages: dict[int, str] = field(default_factory=dict)  # page index → languages it was read in


@dataclass(frozen=True, slots=True)
class Review:
    """A parsed review file: the settings it was made with (DPI, languages, highlights) and
    each document's decisions."""

    dpi: int
    lang: str
    highlights: bool
    documents: dict[str, ReviewDoc]  # by sha256


def document_entry(
    file: str,
    sha: str,
    pages: int,
    page_marks: list[tuple[int, tuple[Mark, ...], tuple[BBox, ...]]],
    sizes: dict[int, tuple[int, int]] | None = None,
    structure: dict[int, tuple[tuple[BBox, str], ...]] | None = None,
    languages: dict[int, str] | None = None,
    unread_kinds: dict[int, tuple[tuple[BBox, str], ...]] | None = None,
) -> dict[str, Any]:
    """One document of the review file from each page's marks (grouped by finding), the
    regions of ink no reading could read (to be decided: redact or keep), and the form
    structure found (checkboxes, rules: kept, listed by kind so a person can black one out),
    and the languages each page was read in (1-based page → ``chi_sim+eng``): ``redact`` reads
    each page in those again, so what the review lists is what is burned."""
    findings: list[dict[str, Any]] = []
    for page, marks, unread in page_marks:
        for box, kind in (structure or {}).get(page, ()):
            findings.append(
                {
                    "id": f"p{page + 1}-{len(findings) + 1}",
                    "page": page + 1,
                    "rule": STRUCTURE,
                    "kind": kind,
                    "boxes": [box.as_list()],
                    "text": "",
                    "context": f"{kind}: form structure, kept; set 'redact' to black it out",
                    "decision": "keep",
                }
            )
        named = dict((unread_kinds or {}).get(page, ()))
        for box in unread:
            kind = named.get(box, "handwriting or text")
            findings.append(
                {
                    "id": f"p{page + 1}-{len(findings) + 1}",
                    "page": page + 1,
                    "rule": UNREAD,
                    "kind": kind,
                    "boxes": [box.as_list()],
                    "text": "",
                    "context": f"{kind}? ink that no reading could read: look at the page and decide",
                    "decision": "undecided",
                }
            )
        groups: dict[int, list[Mark]] = {}
        for n, mark in enumerate(marks):
            groups.setdefault(mark.finding if mark.finding >= 0 else -1 - n, []).append(mark)
        for group in groups.values():
            first = group[0]
            entry: dict[str, Any] = {
                "id": f"p{page + 1}-{len(findings) + 1}",
                "page": page + 1,
                "rule": first.rule,
                "boxes": [m.box.as_list() for m in group],
                "text": first.text,
                "context": first.context,
                "decision": "redact",
            }
            if first.match != "exact":  # "fuzzy": read within the OCR tolerance; "name": a written form
                entry["match"] = first.match
            findings.append(entry)
    return {
        "file": file,
        "sha256": sha,
        "pages": pages,
        "sizes": {str(p): list(wh) for p, wh in sorted((sizes or {}).items())},  # 1-based page → [w, h] px
        "languages": {str(p): lang for p, lang in sorted((languages or {}).items())},
        "findings": findings,
        "manual": {"terms": [], "boxes": []},
    }


def dump(documents: list[dict[str, Any]], dpi: int, lang: str, highlights: bool) -> bytes:
    """A review file's bytes (JSON, marked confidential) for ``documents`` read at ``dpi``
    in ``lang``; every finding carries its decision, which a person may change."""
    data = {
        "schema": SCHEMA,
        "version": 1,
        "confidential": WARNING,
        "how_to": "Set a finding's decision to 'keep' to leave it; add terms or boxes "
        "({'page': N, 'box': [x0, y0, x1, y1]} in pixels at 'dpi') under 'manual'.",
        "settings": {"dpi": dpi, "lang": lang, "highlights": highlights},
        "documents": documents,
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = _BOX_LIST.sub(lambda m: "[" + ", ".join(m.group(1, 2, 3, 4)) + "]", text)  # one box per line
    return (text + "\n").encode("utf-8")


def _box(value: Any, where: str, size: tuple[int, int] | None = None) -> BBox:
    if not (isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value)):
        raise UsageError(f"{where}: a box must be [x0, y0, x1, y1] in whole pixels")
    box = BBox(*value)
    if box.x1 <= box.x0 or box.y1 <= box.y0:
        raise UsageError(f"{where}: a box must have x1 > x0 and y1 > y0")
    if box.x0 < 0 or box.y0 < 0 or (size is not None and (box.x1 > size[0] + 2 or box.y1 > size[1] + 2)):
        raise UsageError(f"{where}: the box {box.as_list()} lies outside the page; fix it in the review file")
    return box


def _page(value: Any, pages: int, where: str) -> int:
    """A 1-based page number that exists in the document, as a 0-based index."""
    if type(value) is not int or not 1 <= value <= pages:
        raise UsageError(f"{where}: page must be a number from 1 to {pages}; fix it in the review file")
    return int(value) - 1


def _sizes(value: Any, name: str) -> dict[int, tuple[int, int]]:
    """The page sizes ``flag`` recorded ({"1": [w, h], …}): what boxes are checked against."""
    if value is None:
        return {}
    ok = isinstance(value, dict) and all(
        isinstance(k, str) and k.isdigit() and isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v)
        for k, v in value.items()
    )
    if not ok:
        raise UsageError(f'{name}: a document\'s sizes must be {{"PAGE": [width, height]}} in whole pixels')
    return {int(k): (v[0], v[1]) for k, v in value.items()}


def _languages(value: Any, pages: int, name: str) -> dict[int, str]:
    """The languages ``flag`` read each page in ({"1": "chi_sim+eng"}), as 0-based page → languages,
    each checked like ``-l`` (installed packs only)."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise UsageError(f'{name}: a document\'s languages must be {{"PAGE": "LANGUAGES"}}, e.g. {{"1": "eng"}}')
    out: dict[int, str] = {}
    for key, spec in value.items():
        page = _page(int(key) if key.isdigit() else None, pages, f"{name}: languages")
        if spec.strip().lower() == "auto" or not _LANGS.fullmatch(spec):
            raise UsageError(f"{name}: languages of page {key} must be Tesseract codes such as chi_sim+eng")
        out[page] = check_languages(spec)
    return out


def load(path: Path) -> Review:
    """Read and check a review file; any bad entry is a usage error naming it."""
    name = path.name
    data = read_json(path, "review file")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("version") != 1:
        raise UsageError(f"{name}: not an ocr-sandbox review file (schema {SCHEMA} version 1)")
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise UsageError(f"{name}: settings must be an object")
    dpi = settings.get("dpi", 300)
    if type(dpi) is not int or not 50 <= dpi <= 1200:
        raise UsageError(f"{name}: settings.dpi must be a whole number from 50 to 1200")
    docs: dict[str, ReviewDoc] = {}
    documents = data.get("documents", [])
    if not isinstance(documents, list):
        raise UsageError(f"{name}: documents must be a list")
    from sandbox.redact.textmap import fold

    for d in documents:
        if not isinstance(d, dict):
            raise UsageError(f"{name}: every document must be an object")
        pages = d.get("pages", 1)
        if type(pages) is not int or pages < 1:
            raise UsageError(f"{name}: a document's pages must be a positive number")
        sizes = _sizes(d.get("sizes"), name)
        marks: dict[int, list[Mark]] = {}
        decided: dict[int, list[BBox]] = {}
        redact: set[str] = set()
        exact: set[str] = set()
        keep: set[str] = set()
        for f in d.get("findings", []):
            where = f"{name}: finding {f.get('id', '?')}"
            decision = f.get("decision")
            rule = str(f.get("rule", "review"))
            if rule == UNREAD and decision == "undecided":
                continue  # still undecided: redact stops unless --unread says what to do
            if decision not in DECISIONS:
                raise UsageError(f"{where}: decision must be 'redact' or 'keep'")
            page = _page(f.get("page"), pages, where)
            boxes = [_box(b, where, sizes.get(page + 1)) for b in f.get("boxes", [])]
            text = str(f.get("text", ""))
            if rule == UNREAD or rule.startswith("code:"):  # a code's decision holds for its place
                decided.setdefault(page, []).extend(boxes)
            if decision == "keep":
                if text:
                    keep.add(text)
                continue
            if text:
                (exact if rule == "markings" else redact).add(text)
            marks.setdefault(page, []).extend(Mark(b, rule, text) for b in boxes)
        manual = d.get("manual", {}) or {}
        for n, m in enumerate(manual.get("boxes", []), 1):
            where = f"{name}: manual box {n}"
            if not isinstance(m, dict):
                raise UsageError(f"{where}: must be {{'page': N, 'box': [x0, y0, x1, y1]}}")
            page = _page(m.get("page"), pages, where)
            marks.setdefault(page, []).append(Mark(_box(m.get("box"), where, sizes.get(page + 1)), "manual"))
        terms = tuple(str(t) for t in manual.get("terms", []) if str(t).strip())
        docs[str(d.get("sha256"))] = ReviewDoc(
            str(d.get("sha256")),
            {p: tuple(v) for p, v in marks.items()},
            tuple(sorted(redact)),
            tuple(sorted(exact)),
            tuple(sorted(fold(t).text for t in keep - redact - exact)),
            terms,
            {p: tuple(v) for p, v in decided.items()},
            _languages(d.get("languages"), pages, name),
        )
    return Review(dpi, str(settings.get("lang", "eng")), bool(settings.get("highlights")), docs)
