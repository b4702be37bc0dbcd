"""Outlook MSG files made at test time: a small Compound File Binary writer ([MS-CFB], version 3,
512-byte sectors, a mini stream for streams under 4096 bytes, balanced sibling trees) and an
[MS-OXMSG] message builder on top of it (properties stream, ``__substg1.0_`` streams,
recipients, attachments by value and embedded messages).  Nothing here is read from outside:
every file is written from the specs, so hostile variants (thousands of attachments, deep
nesting, lying stream sizes) are as easy to make as good ones."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
Tree = dict[str, "bytes | Tree"]


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    kids: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = END
    size: int = 0


def _flatten(tree: Tree, entries: list[_Entry], parent: int) -> None:
    for name, value in tree.items():
        entries.append(_Entry(name, 2, value) if isinstance(value, bytes) else _Entry(name, 1))
        me = len(entries) - 1
        entries[parent].kids.append(me)
        if not isinstance(value, bytes):
            _flatten(value, entries, me)


def _balance(entries: list[_Entry], ids: list[int]) -> int:
    if not ids:
        return NOSTREAM
    mid = len(ids) // 2
    root = ids[mid]
    entries[root].left = _balance(entries, ids[:mid])
    entries[root].right = _balance(entries, ids[mid + 1 :])
    return root


def _chain(fat: list[int], first: int, count: int) -> None:
    for k in range(count):
        fat[first + k] = first + k + 1 if k < count - 1 else END


def cfb(tree: Tree, lie: dict[str, int] | None = None) -> bytes:
    """A compound file holding ``tree`` (names to bytes for streams, to dicts for storages).
    ``lie`` sets the size a stream's directory entry declares, whatever it holds."""
    entries = [_Entry("Root Entry", 5)]
    _flatten(tree, entries, 0)
    for e in entries:
        if e.kids:
            e.child = _balance(entries, sorted(e.kids, key=lambda i: (len(entries[i].name), entries[i].name.upper())))
    mini = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for e in entries:
        if e.kind != 2 or not e.data:
            continue
        e.size = len(e.data)
        if e.size < CUTOFF:
            e.start = len(mini) // MINI
            count = -(-e.size // MINI)
            mini += e.data.ljust(count * MINI, b"\0")
            minifat += [e.start + k + 1 if k < count - 1 else END for k in range(count)]
        else:
            big.append(e)
    body = bytearray()
    fat: list[int] = []
    for e in big:
        e.start = len(body) // SECTOR
        count = -(-e.size // SECTOR)
        body += e.data.ljust(count * SECTOR, b"\0")
        fat += [0] * count
        _chain(fat, e.start, count)
    root = entries[0]
    if mini:
        root.start, root.size = len(body) // SECTOR, len(mini)
        count = -(-len(mini) // SECTOR)
        body += bytes(mini).ljust(count * SECTOR, b"\0")
        fat += [0] * count
        _chain(fat, root.start, count)
    minifat_start, minifat_count = END, 0
    if minifat:
        raw = b"".join(struct.pack("<I", v) for v in minifat)
        minifat_count = -(-len(raw) // SECTOR)
        minifat_start = len(body) // SECTOR
        body += raw.ljust(minifat_count * SECTOR, b"\xff")
        fat += [0] * minifat_count
        _chain(fat, minifat_start, minifat_count)
    for name, size in (lie or {}).items():
        next(e for e in entries if e.name == name).size = size
    directory = b"".join(_dirent(e) for e in entries)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    dir_start, dir_count = len(body) // SECTOR, len(directory) // SECTOR
    body += directory
    fat += [0] * dir_count
    _chain(fat, dir_start, dir_count)
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    assert fat_count <= 109, "the test writer keeps every FAT sector in the header"
    fat_start = len(fat)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * (SECTOR // 4) - len(fat))
    difat = [fat_start + k for k in range(fat_count)] + [FREE] * (109 - fat_count)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_count, dir_start, 0, CUTOFF, minifat_start, minifat_count, END, 0)
        + b"".join(struct.pack("<I", v) for v in difat)
    )
    return header + bytes(body) + b"".join(struct.pack("<I", v) for v in fat)


def _dirent(e: _Entry) -> bytes:
    name = (e.name + "\0").encode("utf-16-le")
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", len(name), e.kind, 1)
        + struct.pack("<III", e.left, e.right, e.child)
        + b"\0" * 16
        + struct.pack("<I", 0)
        + b"\0" * 16
        + struct.pack("<IQ", e.start if e.kind != 1 else 0, e.size)
    )


# ---- MS-OXMSG ---------------------------------------------------------------------------------

PT_LONG, PT_SYSTIME, PT_STRING, PT_BINARY, PT_OBJECT = 0x0003, 0x0040, 0x001F, 0x0102, 0x000D


def _props(fixed: list[tuple[int, int, bytes]], variable: list[tuple[int, int, int]], header: int) -> bytes:
    out = bytearray(b"\0" * header)
    for tag, ptype, value in fixed:
        out += struct.pack("<HHI", ptype, tag, 6) + value.ljust(8, b"\0")
    for tag, ptype, size in variable:
        out += struct.pack("<HHII", ptype, tag, 6, size) + b"\0" * 4
    return bytes(out)


def _strings(values: dict[int, str | bytes]) -> tuple[Tree, list[tuple[int, int, int]]]:
    tree: Tree = {}
    declared = []
    for tag, value in values.items():
        if isinstance(value, str):
            data = value.encode("utf-16-le")
            tree[f"__substg1.0_{tag:04X}{PT_STRING:04X}"] = data
            declared.append((tag, PT_STRING, len(data) + 2))
        else:
            tree[f"__substg1.0_{tag:04X}{PT_BINARY:04X}"] = value
            declared.append((tag, PT_BINARY, len(value)))
    return tree, declared


@dataclass
class Attachment:
    """An attachment: a file by value, or (``message``) an embedded message."""

    name: str
    data: bytes = b""
    message: Message | None = None


@dataclass
class Message:
    """What an MSG file says; ``to``/``cc`` are (name, address) pairs."""

    subject: str = ""
    sender: tuple[str, str] = ("", "")
    to: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str, str]] = field(default_factory=list)
    sent: datetime | None = None
    body: str | None = None
    html: bytes | None = None
    rtf: bytes | None = None  # compressed RTF (PR_RTF_COMPRESSED) as stored
    cpid: int | None = None  # PR_INTERNET_CPID: the HTML body's code page
    attachments: list[Attachment] = field(default_factory=list)

    def tree(self, embedded: bool = False) -> Tree:
        values: dict[int, str | bytes] = {0x001A: "IPM.Note"}  # PR_MESSAGE_CLASS
        if self.subject:
            values[0x0037] = self.subject
        if self.sender[0]:
            values[0x0C1A] = self.sender[0]
        if self.sender[1]:
            values[0x5D01] = self.sender[1]
        if self.body is not None:
            values[0x1000] = self.body
        if self.html is not None:
            values[0x1013] = self.html
        if self.rtf is not None:
            values[0x1009] = self.rtf
        tree, declared = _strings(values)
        fixed = []
        if self.sent is not None:
            ticks = int((self.sent - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)
            fixed.append((0x0039, PT_SYSTIME, struct.pack("<Q", ticks)))
        if self.cpid is not None:
            fixed.append((0x3FDE, PT_LONG, struct.pack("<I", self.cpid)))
        recipients = [(1, r) for r in self.to] + [(2, r) for r in self.cc]
        for n, (rtype, (name, address)) in enumerate(recipients):
            sub, sub_declared = _strings({0x3001: name, 0x39FE: address})
            sub["__properties_version1.0"] = _props([(0x0C15, PT_LONG, struct.pack("<I", rtype))], sub_declared, 8)
            tree[f"__recip_version1.0_#{n:08X}"] = sub
        for n, att in enumerate(self.attachments):
            tree[f"__attach_version1.0_#{n:08X}"] = att_tree(att, n)
        if not embedded:
            tree["__nameid_version1.0"] = {"__substg1.0_00020102": b"", "__substg1.0_00030102": b"",
                                           "__substg1.0_00040102": b""}  # fmt: skip
        head = struct.pack("<8xIIII", len(recipients), len(self.attachments), len(recipients), len(self.attachments))
        props = _props(fixed, declared, 24 if embedded else 32)
        tree["__properties_version1.0"] = props[:8] + head[8:24] + props[24:] if not embedded else props
        return tree

    def bytes(self, lie: dict[str, int] | None = None) -> bytes:
        return cfb(self.tree(), lie)


def att_tree(att: Attachment, n: int) -> Tree:
    values: dict[int, str | bytes] = {0x3707: att.name, 0x3001: att.name}
    if att.message is None:
        values[0x3701] = att.data
    tree, declared = _strings(values)
    method = 1 if att.message is None else 5
    if att.message is not None:
        tree["__substg1.0_3701000D"] = att.message.tree(embedded=True)
        declared.append((0x3701, PT_OBJECT, 0xFFFFFFFF))
    fixed = [(0x3705, PT_LONG, struct.pack("<I", method)), (0x0E21, PT_LONG, struct.pack("<I", n))]
    tree["__properties_version1.0"] = _props(fixed, declared, 8)
    return tree
