"""``flag`` of a born-digital document reads its extracted text too: what the policy finds in
the document's own text (the body, comments, footnotes, speaker notes, hidden sheets, running
heads, attachments) but no finding on its printed pages carries is listed in the review file
under ``not_on_pages``, for the reviewer.  Nothing there can be burned, and nothing there is in
the redacted PDF, which holds only the printed pages: the list says what the file itself still
holds.  Runs in the sandbox, as every reader does; the list goes only into the review file
(confidential), never into messages.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

from sandbox.errors import SandboxError
from sandbox.limits import Limits
from sandbox.models import InputFile
from sandbox.redact.policy import Policy


def key(text: str) -> str:
    """A finding's text compared without case, width or whitespace."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if not ch.isspace())


def not_on_pages(
    source: InputFile, policy: Policy, limits: Limits, work: Path, on_pages: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The findings of the extracted text of ``source`` (a printed born-digital document) that
    none of ``on_pages`` (the review entry's findings) has the same text and rule as; each with
    its rule, text, context, and the part it is in (1-based; its title).  Empty when the file
    cannot be read as it is (the pages were still flagged)."""
    from sandbox.extract import read, sniff
    from sandbox.extract.document import to_document
    from sandbox.redact.detectors import detect

    given = source.given
    kind = sniff(given)
    if kind is None:
        return []
    try:
        extracted = read(given, kind, source.display, limits, work)
    except SandboxError:
        return []
    document, layouts = to_document(extracted, replace(source, path=given, kind=kind, origin=None))
    seen = {(f.get("rule"), key(str(f.get("text", "")))) for f in on_pages}
    out: list[dict[str, Any]] = []
    for page, layout in zip(document.pages, layouts, strict=True):
        for finding in detect(page, policy):
            mark = (finding.rule, key(finding.text))
            if mark in seen or not mark[1]:
                continue
            seen.add(mark)
            out.append({"rule": finding.rule, "text": finding.text, "context": finding.context,
                        "part": page.index + 1, "part_title": layout.title})  # fmt: skip
    return out
