"""The review file: written by ``flag``, edited by a person, applied by ``redact --review``.

It is CONFIDENTIAL: it holds the flagged text itself, so a reviewer can decide.  Documents
are matched by the SHA-256 of their content, boxes are pixels at the file's DPI.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.errors import UsageError
from sandbox.models import BBox
from sandbox.redact.work import Mark
from sandbox.userfiles import read_json

SCHEMA = "ocr-sandbox/review"
WARNING = (
    "CONFIDENTIAL: this file contains the sensitive text it flags. Keep it with the originals, "
    "never share it, delete it when the redaction is done."
)
DECISIONS = ("redact", "keep")
_BOX_LIST = re.compile(r"\[\s*(-?\d+),\s*(-?\d+),\s*(-?\d+),\s*(-?\d+)\s*\]")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ReviewDoc:
    sha: str
    marks: dict[int, tuple[Mark, ...]]  # page index → boxes to burn
    redact_texts: tuple[str, ...]
    redact_exact: tuple[str, ...]  # redacted markings: compared with case
    keep_texts: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Review:
    dpi: int
    lang: str
    highlights: bool
    documents: dict[str, ReviewDoc]  # by sha256


def document_entry(file: str, sha: str, pages: int, page_marks: list[tuple[int, tuple[Mark, ...]]]) -> dict[str, Any]:
    """One document of the review file from each page's marks (grouped by finding)."""
    findings: list[dict[str, Any]] = []
    for page, marks in page_marks:
        groups: dict[int, list[Mark]] = {}
        for n, mark in enumerate(marks):
            groups.setdefault(mark.finding if mark.finding >= 0 else -1 - n, []).append(mark)
        for group in groups.values():
            first = group[0]
            findings.append(
                {
                    "id": f"p{page + 1}-{len(findings) + 1}",
                    "page": page + 1,
                    "rule": first.rule,
                    "boxes": [m.box.as_list() for m in group],
                    "text": first.text,
                    "context": first.context,
                    "decision": "redact",
                }
            )
    return {
        "file": file,
        "sha256": sha,
        "pages": pages,
        "findings": findings,
        "manual": {"terms": [], "boxes": []},
    }


def dump(documents: list[dict[str, Any]], dpi: int, lang: str, highlights: bool) -> bytes:
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


def _box(value: Any, where: str) -> BBox:
    if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) for v in value)):
        raise UsageError(f"{where}: a box must be [x0, y0, x1, y1] in whole pixels")
    box = BBox(*value)
    if box.x1 <= box.x0 or box.y1 <= box.y0:
        raise UsageError(f"{where}: a box must have x1 > x0 and y1 > y0")
    return box


def load(path: Path) -> Review:
    name = path.name
    data = read_json(path, "review file")
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("version") != 1:
        raise UsageError(f"{name}: not an ocr-sandbox review file (schema {SCHEMA} version 1)")
    settings = data.get("settings", {})
    docs: dict[str, ReviewDoc] = {}
    for d in data.get("documents", []):
        marks: dict[int, list[Mark]] = {}
        redact: set[str] = set()
        exact: set[str] = set()
        keep: set[str] = set()
        for f in d.get("findings", []):
            where = f"{name}: finding {f.get('id', '?')}"
            decision = f.get("decision")
            if decision not in DECISIONS:
                raise UsageError(f"{where}: decision must be 'redact' or 'keep'")
            text = str(f.get("text", ""))
            if decision == "keep":
                if text:
                    keep.add(text)
                continue
            if text:
                (exact if f.get("rule") == "markings" else redact).add(text)
            page = int(f.get("page", 0)) - 1
            for b in f.get("boxes", []):
                marks.setdefault(page, []).append(Mark(_box(b, where), str(f.get("rule", "review")), text))
        manual = d.get("manual", {}) or {}
        for m in manual.get("boxes", []):
            page = int(m.get("page", 0)) - 1
            marks.setdefault(page, []).append(Mark(_box(m.get("box"), f"{name}: manual box"), "manual"))
        terms = tuple(str(t) for t in manual.get("terms", []) if str(t).strip())
        from sandbox.redact.textmap import fold

        docs[str(d.get("sha256"))] = ReviewDoc(
            str(d.get("sha256")),
            {p: tuple(v) for p, v in marks.items()},
            tuple(sorted(redact)),
            tuple(sorted(exact)),
            tuple(sorted(fold(t).text for t in keep - redact - exact)),
            terms,
        )
    return Review(
        int(settings.get("dpi", 300)), str(settings.get("lang", "eng")), bool(settings.get("highlights")), docs
    )
