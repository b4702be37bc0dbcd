"""Outlook e-mail (MSG, [MS-OXMSG]) read with :mod:`olefile`: a compound file whose properties
give the subject as the title, the sender, recipients and sending time as a header block, the
body (the HTML body read with :mod:`sandbox.extract.web` when there is one, else the plain
text, else the compressed RTF body, decompressed by ``compressed_rtf`` and read through
LibreOffice as RTF files are), then each attachment as a document of its own, exactly as an
EML's are: "Attachment N: name", read by the reader of its own format.  An embedded message
(an e-mail attached as an Outlook item) is read from its storage as a message of its own, one
nesting level deeper.

Bounds, each checked before anything is read (exit 7 over them):

- at most ``max-parts`` directory entries in the compound file;
- at most ``max-attachments`` attachments on each message;
- at most ``max-unpacked`` MiB of streams read in all (bodies, attachments, embedded
  messages), judged by each stream's declared size before it is read;
- at most ``max-nesting`` messages inside messages.

Attachments by reference (a link) and OLE objects are named in the notes, never followed or
opened.  olefile itself checks sector chains (loops, out-of-range sectors): a damaged file is
exit 3.
"""

from __future__ import annotations

import codecs
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from sandbox.errors import InputError, LimitError
from sandbox.extract import guard
from sandbox.extract.base import Extracted, Flow
from sandbox.extract.mail import attachment, label, labelled
from sandbox.limits import Limits
from sandbox.structure.model import PageLayout, RegionKind

MIB = 1024 * 1024
PROPS = "__properties_version1.0"
ATTACH = "__attach_version1.0_#"
RECIP = "__recip_version1.0_#"
EMBEDDED = "__substg1.0_3701000D"
PT_LONG, PT_SYSTIME, PT_STRING8, PT_STRING, PT_BINARY = 0x0003, 0x0040, 0x001E, 0x001F, 0x0102
SUBJECT, SENDER_NAME, SENDER_SMTP, SENDER_ADDRESS = 0x0037, 0x0C1A, 0x5D01, 0x0C1F
REPRESENTING_NAME, DISPLAY_TO, DISPLAY_CC, SUBMIT_TIME, DELIVERY_TIME = 0x0042, 0x0E04, 0x0E03, 0x0039, 0x0E06
BODY, HTML, RTF, INTERNET_CPID, MESSAGE_CODEPAGE = 0x1000, 0x1013, 0x1009, 0x3FDE, 0x3FFD
RECIPIENT_TYPE, DISPLAY_NAME, SMTP_ADDRESS, EMAIL_ADDRESS = 0x0C15, 0x3001, 0x39FE, 0x3003
ATTACH_METHOD, ATTACH_DATA, LONG_FILENAME, FILENAME = 0x3705, 0x3701, 0x3707, 0x3704
BY_VALUE, EMBEDDED_MESSAGE, OLE_OBJECT = 1, 5, 6
CODE_PAGES = {65001: "utf-8", 1200: "utf-16-le", 20127: "ascii", 28591: "latin-1", 54936: "gb18030", 936: "gbk",
              950: "big5", 932: "cp932", 949: "cp949", 50220: "iso2022_jp", 51932: "euc_jp",
              20866: "koi8_r"}  # fmt: skip


def codec(cpid: int | None) -> str | None:
    """The Python codec of a Windows code page number (None when unknown)."""
    if cpid is None:
        return None
    name = CODE_PAGES.get(cpid) or (f"iso8859_{cpid - 28590}" if 28592 <= cpid <= 28605 else f"cp{cpid}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass
class _Budget:
    """Bytes of streams still allowed (``max-unpacked``), shared by a message and everything in it."""

    display: str
    limits: Limits
    spent: int = 0

    def take(self, size: int) -> None:
        self.spent += size
        if self.spent > self.limits.max_unpacked_mb * MIB:
            raise LimitError(
                f"{self.display}: the message's streams are over {self.limits.max_unpacked_mb} MiB "
                "(raise it with --limit max-unpacked=N if the e-mail is trusted)"
            )


class _Storage:
    """One storage of the compound file (the message, an attachment, a recipient): its
    properties stream parsed, its ``__substg1.0_`` streams read on demand within the budget."""

    def __init__(self, ole: Any, path: list[str], budget: _Budget, header: int) -> None:
        self.ole, self.path, self.budget = ole, path, budget
        self.entry = _entry(ole, path)
        self.fixed: dict[int, tuple[int, bytes]] = {}
        raw = self.stream(PROPS) or b""
        for off in range(header, len(raw) - 15, 16):
            ptype, tag, _flags = struct.unpack_from("<HHI", raw, off)
            self.fixed.setdefault(tag, (ptype, raw[off + 8 : off + 16]))

    def child(self, name: str) -> Any | None:
        return self.entry.kids_dict.get(name.lower())

    def stream(self, name: str) -> bytes | None:
        found = self.child(name)
        if found is None or found.entry_type != 2:  # olefile.STGTY_STREAM
            return None
        self.budget.take(found.size)
        data = self.ole.openstream([*self.path, name]).read()
        return bytes(data[: found.size])

    def long(self, tag: int) -> int | None:
        ptype, value = self.fixed.get(tag, (0, b""))
        return struct.unpack("<i", value[:4])[0] if ptype == PT_LONG and len(value) >= 4 else None

    def time(self, tag: int) -> datetime | None:
        ptype, value = self.fixed.get(tag, (0, b""))
        if ptype != PT_SYSTIME or len(value) < 8:
            return None
        ticks = struct.unpack("<Q", value[:8])[0]
        try:
            return datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=ticks // 10)
        except OverflowError:
            return None

    def string(self, tag: int, codepage: str | None = None) -> str:
        data = self.stream(f"__substg1.0_{tag:04X}{PT_STRING:04X}")
        if data is not None:
            return data.decode("utf-16-le", "replace").split("\0", 1)[0]
        data = self.stream(f"__substg1.0_{tag:04X}{PT_STRING8:04X}")
        if data is not None:
            return data.decode(codepage or "cp1252", "replace").split("\0", 1)[0]
        return ""

    def binary(self, tag: int) -> bytes | None:
        return self.stream(f"__substg1.0_{tag:04X}{PT_BINARY:04X}")

    def kids(self, prefix: str) -> list[str]:
        return sorted(k.name for k in self.entry.kids if k.name.startswith(prefix) and k.entry_type == 1)


def _entry(ole: Any, path: list[str]) -> Any:
    node = ole.root
    for name in path:
        node = node.kids_dict[name.lower()]
    return node


def _one_line(text: str) -> str:
    return " ".join(text.replace("\0", " ").split())


@dataclass
class _Reader:
    ole: Any
    display: str
    limits: Limits
    work: Path
    budget: _Budget

    def message(self, path: list[str], depth: int, embedded: bool) -> Extracted:
        guard.nesting(self.display, depth, self.limits)
        msg = _Storage(self.ole, path, self.budget, 24 if embedded else 32)
        cp = codec(msg.long(MESSAGE_CODEPAGE))
        flow = Flow()
        subject = _one_line(msg.string(SUBJECT, cp))
        if subject:
            flow.heading(subject, 1)
        flow.paragraph("\n".join(f"{k}: {v}" for k, v in self.headers(msg, cp) if v), RegionKind.HEADER)
        self.body(msg, cp, flow)
        parts, notices = self.attachments(msg, depth)
        return Extracted("msg", (flow.done(0), *parts), tuple(notices))

    def headers(self, msg: _Storage, cp: str | None) -> list[tuple[str, str]]:
        name = _one_line(msg.string(REPRESENTING_NAME, cp) or msg.string(SENDER_NAME, cp))
        address = _one_line(msg.string(SENDER_SMTP, cp) or msg.string(SENDER_ADDRESS, cp))
        sender = f"{name} <{address}>" if name and address and name != address else name or address
        to: list[str] = []
        cc: list[str] = []
        for kid in msg.kids(RECIP):
            recip = _Storage(self.ole, [*msg.path, kid], self.budget, 8)
            who = _one_line(recip.string(DISPLAY_NAME, cp))
            addr = _one_line(recip.string(SMTP_ADDRESS, cp) or recip.string(EMAIL_ADDRESS, cp))
            shown = f"{who} <{addr}>" if who and addr and who != addr else who or addr
            rtype = recip.long(RECIPIENT_TYPE)
            if shown and rtype in (1, 2):  # To, Cc (Bcc, as a sender's copy keeps it, is not shown)
                (to if rtype == 1 else cc).append(shown)
        when = msg.time(SUBMIT_TIME) or msg.time(DELIVERY_TIME)
        return [
            ("From", sender),
            ("To", ", ".join(to) or _one_line(msg.string(DISPLAY_TO, cp))),
            ("Cc", ", ".join(cc) or _one_line(msg.string(DISPLAY_CC, cp))),
            ("Date", format_datetime(when) if when else ""),
        ]

    def body(self, msg: _Storage, cp: str | None, flow: Flow) -> None:
        from sandbox.extract import web
        from sandbox.extract.mail import _recode

        html = msg.binary(HTML)
        if html is None and (text := msg.string(HTML, cp)):
            html = text.encode("utf-8")
        if html and html.strip(b"\0 \r\n\t"):
            charset = codec(msg.long(INTERNET_CPID))
            web.flow_of(web.parse(_recode(html, charset), self.display, declared=not charset),
                        self.display, self.limits, flow)  # fmt: skip
            return
        text = msg.string(BODY, cp).replace("\r\n", "\n")
        if text.strip():
            for block in text.split("\n\n"):
                flow.paragraph(block)
            return
        rtf = msg.binary(RTF)
        if rtf:
            flow.extend(self.rtf(rtf))

    def rtf(self, compressed: bytes) -> list[Any]:
        """The regions of a compressed RTF body ([MS-OXRTFCP]), read as an RTF file is."""
        import compressed_rtf

        if len(compressed) < 16:
            return []
        raw_size = struct.unpack_from("<I", compressed, 4)[0]
        self.budget.take(raw_size)  # what the header says it inflates to, checked before inflating
        try:
            data = compressed_rtf.decompress(compressed)
        except Exception:  # the decoder raises bare Exceptions for a bad magic or CRC
            raise InputError(f"{self.display}: the message's RTF body is damaged") from None
        data = data[:raw_size]
        if not data.lstrip().startswith(b"{\\rtf"):
            return []
        from sandbox.extract import read
        from sandbox.models import InputKind

        path = self.work / f"body-{uuid.uuid4().hex}.rtf"
        path.write_bytes(data)
        try:
            found = read(path, InputKind.RTF, f"{self.display} body", self.limits, self.work)
        finally:
            path.unlink(missing_ok=True)
        return [region for part in found.parts for region in part.regions]

    def attachments(self, msg: _Storage, depth: int) -> tuple[list[PageLayout], list[str]]:
        kids = msg.kids(ATTACH)
        if len(kids) > self.limits.max_attachments:
            raise LimitError(
                f"{self.display}: more than {self.limits.max_attachments} attachments exceeds the limit "
                "(raise it with --limit max-attachments=N if the e-mail is trusted)"
            )
        parts: list[PageLayout] = []
        notices: list[str] = []
        for n, kid in enumerate(kids, 1):
            att = _Storage(self.ole, [*msg.path, kid], self.budget, 8)
            name = _one_line(att.string(LONG_FILENAME) or att.string(FILENAME) or att.string(DISPLAY_NAME))
            method = att.long(ATTACH_METHOD)
            if method == EMBEDDED_MESSAGE or (att.child(EMBEDDED) is not None and method != OLE_OBJECT):
                inner = self.message([*att.path, EMBEDDED], depth + 1, embedded=True)
                found, noted = labelled(label(n, name), inner)
            elif method in (BY_VALUE, None) and (data := att.binary(ATTACH_DATA)) is not None:
                found, noted = attachment(data, name, n, self.display, self.limits, self.work, depth)
            else:
                what = "an embedded object" if method == OLE_OBJECT else "a link to a file, not followed"
                found, noted = [], [f"{label(n, name).lower()}: {what}"]
            parts.extend(found)
            notices.extend(noted)
        return parts, notices


def read(path: Path, display: str, limits: Limits, work: Path, depth: int = 0) -> Extracted:
    """An Outlook message: the message, then each attachment, each its own part."""
    import olefile

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError, struct.error, IndexError, KeyError):
        raise InputError(f"{display}: the Outlook message is damaged (its compound file does not open)") from None
    try:
        entries = sum(1 for e in ole.direntries if e is not None)
        if entries > limits.max_parts:
            raise LimitError(f"{display}: more than {limits.max_parts:,} entries in the message (--limit max-parts=N)")
        reader = _Reader(ole, display, limits, work, _Budget(display, limits))
        try:
            return reader.message([], depth, embedded=False)
        except (OSError, ValueError, struct.error, IndexError, KeyError):
            raise InputError(f"{display}: the Outlook message is damaged (a stream does not read)") from None
    finally:
        ole.close()
