"""Redaction's data types: what to black out, the work of one page, and what a page yields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from sandbox.errors import UsageError
from sandbox.models import BBox, Page
from sandbox.redact.policy import Policy

if TYPE_CHECKING:  # not at run time: the request (and the launcher) need not load the detectors
    from sandbox.redact.detectors import Finding

UnreadMode = Literal["ask", "redact", "keep"]
CodesMode = Literal["check", "redact", "keep"]  # barcodes: burn matching/undecodable, burn all, leave
CODES_MODES = ("check", "redact", "keep")
REDACT_FORMATS = ("pdf", "png", "txt", "json")


def check_formats(formats: Sequence[str]) -> list[str]:
    """``formats`` as a list when every one is a format redact writes; else a one-line
    usage error naming the first that is not."""
    for fmt in formats:
        if fmt not in REDACT_FORMATS:
            raise UsageError(f"--to: redact writes {', '.join(REDACT_FORMATS)}, not '{fmt}'")
    return list(formats)


@dataclass(frozen=True, slots=True)
class Mark:
    """Something to black out on a page: a box, the rule behind it, the text it hides."""

    box: BBox
    rule: str
    text: str = ""  # confidential; empty for highlights and manual boxes
    context: str = ""
    finding: int = -1  # index of the finding it belongs to on this page
    match: str = "exact"  # how its finding matched: "exact", "fuzzy" (OCR-tolerant) or "name"


@dataclass(frozen=True, slots=True)
class RedactJob:
    """What one page's flag, redact or verify run is asked to do: apply or only flag, the
    policy, a review's decisions, whether the extra views read it, what to do with unread ink
    and with codes, and whether the attacker's views read it too (``verify``)."""

    apply: bool  # False: only flag
    policy: Policy
    review: tuple[Mark, ...] | None = None  # a review file's redact decisions for this page
    review_texts: tuple[str, ...] = ()  # texts the review redacts (checked after burning)
    review_exact: tuple[str, ...] = ()  # ... of markings: compared with case
    keep_texts: tuple[str, ...] = ()  # folded texts a review decided to keep
    unread: UnreadMode = "ask"  # undecided unread ink: stop, burn it, or accept it
    decided: tuple[BBox, ...] = ()  # unread regions a review decided (kept or in ``review``)
    views: bool = True  # False: one plain reading only (the benchmark's baseline)
    codes: CodesMode = "check"  # barcodes and QR codes (``redact.codes``)
    lang: str = ""  # the languages a review recorded for this page ("": the run's ``-l``)
    attacker: bool = False  # also read the page whole through ``redact.attackviews`` (``verify``)


@dataclass(frozen=True, slots=True)
class PageMarks:
    """What one page's run found and burned: its size, the marks and findings, unread regions
    and structure kept, and the words that survive.  Holds document text (the marks' and
    findings' texts, the words): it goes to the review file and the outputs, never to a log."""

    width: int
    height: int
    dpi: int
    marks: tuple[Mark, ...]
    findings: tuple[Finding, ...] = ()
    surviving: Page | None = None  # words left after redaction (text layer)
    texts: tuple[str, ...] = field(default=(), repr=False)  # what was redacted (for output checks)
    exact: tuple[str, ...] = field(default=(), repr=False)  # redacted markings, compared with case
    unread: tuple[BBox, ...] = ()  # ink no reading could read (undecided, or kept)
    structure: tuple[tuple[BBox, str], ...] = ()  # ink that is form structure: (box, kind), kept
    unread_kinds: tuple[tuple[BBox, str], ...] = ()  # what a person would call each unread region
    regions: int = 0  # ink regions read through the extra views
    grown: int = 0  # boxes grown after the check still read an item
    languages: str = ""  # the languages the page was read in (``-l auto`` chooses per page)
    read: Page | None = None  # the page's words as read, before redaction (items across pages)


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """One output file's verification: its problems (any one fails it) and warnings (what
    cannot be shown either way).  Problems never quote document text."""

    file: str
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # what cannot be shown either way (unread ink)
