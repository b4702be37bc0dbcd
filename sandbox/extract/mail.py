"""E-mail (EML, RFC 5322 with MIME) read with the standard :mod:`email` package: the subject as
the title, the sender, recipients and date as a header block, the body (its HTML part read
with :mod:`sandbox.extract.web` when there is one, else its plain text), then each attachment
as a document of its own: a further part titled "Attachment N: name", read by the reader of
its own format (an attached e-mail's attachments too, down to ``max-nesting`` levels).

Bounds: at most ``max-parts`` MIME parts, ``max-attachments`` attachments and
``max-unpacked`` MiB of decoded attachments; over any of them the e-mail is refused (exit 7).
Attachments are written to the private work directory under neutral names and removed after
reading.  Pictures and PDFs attached are named, not read (``sandbox ocr`` reads them).
"""

from __future__ import annotations

import base64
import email
import email.policy
import re
import uuid
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sandbox.errors import LimitError, SandboxError
from sandbox.extract.base import Extracted, Flow
from sandbox.extract.plain import decode
from sandbox.limits import Limits
from sandbox.structure.model import PageLayout, RegionKind

HEADERS = ("From", "To", "Cc", "Date")
MIB = 1024 * 1024


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        return ""
    return " ".join(str(value).split()) if value is not None else ""


def _body(msg: EmailMessage, flow: Flow, display: str, limits: Limits) -> None:
    try:
        part = msg.get_body(preferencelist=("html", "plain"))
    except (KeyError, ValueError, AttributeError):
        part = None
    if part is None:
        return
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset()
    if part.get_content_subtype() == "html":
        from sandbox.extract import web

        web.flow_of(web.parse(_recode(data, charset), display, declared=not charset), display, limits, flow)
        return
    text = _text(data, charset, display).replace("\r\n", "\n")
    for block in text.split("\n\n"):
        flow.paragraph(block)


def _recode(data: bytes, charset: str | None) -> bytes:
    """HTML bytes in UTF-8 when the MIME part names its charset (the HTML may not)."""
    if not charset:
        return data
    try:
        return data.decode(charset, "replace").encode("utf-8")
    except LookupError:
        return data


def _text(data: bytes, charset: str | None, display: str) -> str:
    if charset:
        try:
            return data.decode(charset, "replace")
        except LookupError:
            pass
    return decode(data, display)


def _attachments(msg: EmailMessage, display: str, limits: Limits) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for parts, _ in enumerate(msg.walk(), 1):
        if parts > limits.max_parts:
            raise LimitError(f"{display}: more than {limits.max_parts:,} MIME parts (--limit max-parts=N)")
    for part in msg.iter_attachments():
        found.append((part.get_filename() or "", part))
        if len(found) > limits.max_attachments:
            raise LimitError(
                f"{display}: more than {limits.max_attachments} attachments exceeds the limit "
                "(raise it with --limit max-attachments=N if the e-mail is trusted)"
            )
    return found


def label(n: int, name: str) -> str:
    """The label "Attachment N: name", the name cut to printable characters (it is the sender's text)."""
    shown = " ".join("".join(ch for ch in name if ch.isprintable()).split())[:200]
    return f"Attachment {n}" + (f": {shown}" if shown else "")


def labelled(label: str, inner: Extracted) -> tuple[list[PageLayout], list[str]]:
    """An attachment's parts titled after it, and its notices prefixed with it."""
    parts = []
    for k, sub in enumerate(inner.parts):
        title = label + (f" — {sub.title}" if sub.title else "") if k == 0 or sub.title else ""
        parts.append(PageLayout(0, 0, 0, sub.regions, title=title or label))
    return parts, [f"{label.lower()}: {note}" for note in inner.notices]


def attachment(
    data: bytes, name: str, n: int, display: str, limits: Limits, work: Path, depth: int
) -> tuple[list[PageLayout], list[str]]:
    """One attached file read as a document of its own, by its own reader (sniffed by content),
    one level deeper: its parts, and notices.  Written to the private work directory under a
    neutral name and removed once read; a LimitError ends the whole message, any other refusal
    of the attachment becomes a notice."""
    from sandbox.extract import read, sniff

    mark = label(n, name)
    suffix = re.sub(r"[^a-z0-9]", "", Path(name.replace("\0", "")).suffix.lower())[:6] if name else ""
    path = work / f"attachment-{uuid.uuid4().hex}{'.' + suffix if suffix else ''}"  # neutral; the type's hint
    path.write_bytes(data)
    try:
        kind = sniff(path)
        if kind is None:
            return [], [f"{mark.lower()} in a format not read here (pictures and PDFs: sandbox ocr)"]
        inner = read(path, kind, f"{display} attachment {n}", limits, work, depth + 1)
    except LimitError:
        raise
    except SandboxError as exc:
        return [], [f"{mark.lower()} that could not be read ({exc.message.rsplit(': ', 1)[-1]})"]
    finally:
        path.unlink(missing_ok=True)
    return labelled(mark, inner)


def _attachment_parts(
    msg: EmailMessage, display: str, limits: Limits, work: Path, depth: int
) -> tuple[list[PageLayout], list[str]]:
    parts: list[PageLayout] = []
    notices: list[str] = []
    spent = 0
    for n, (name, part) in enumerate(_attachments(msg, display, limits), 1):
        inner = part.get_payload()
        if isinstance(inner, list):  # an attached e-mail, parsed already (or its base64 text, parsed as one)
            data = inner[0].as_bytes() if inner else b""
            if inner and (part.get("Content-Transfer-Encoding") or "").strip().lower() == "base64":
                try:
                    data = base64.b64decode("".join(inner[0].as_string().split()) + "==", validate=False)
                except ValueError:  # binascii.Error: not base64 after all
                    data = b""
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
        spent += len(data)
        if spent > limits.max_unpacked_mb * MIB:
            raise LimitError(
                f"{display}: attachments over {limits.max_unpacked_mb} MiB decoded (--limit max-unpacked=N)"
            )
        found, noted = attachment(data, name, n, display, limits, work, depth)
        parts.extend(found)
        notices.extend(noted)
    return parts, notices


def read(path: Path, display: str, limits: Limits, work: Path, depth: int = 0) -> Extracted:
    """An e-mail: the message, then each attachment, each its own part."""
    with open(path, "rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    flow = Flow()
    subject = _header(msg, "Subject")
    if subject:
        flow.heading(subject, 1)
    head = "\n".join(f"{name}: {value}" for name in HEADERS if (value := _header(msg, name)))
    flow.paragraph(head, RegionKind.HEADER)
    _body(msg, flow, display, limits)
    attached, notices = _attachment_parts(msg, display, limits, work, depth)
    return Extracted("eml", (flow.done(0), *attached), tuple(notices))
