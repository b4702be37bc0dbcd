"""Plain text in any common encoding: BOMs first, then UTF-8, then charset-normalizer's best
reading (GB18030/GBK, Big5, Shift-JIS, the Windows code pages … are detected, not guessed from the
locale).  Paragraphs are blocks separated by blank lines; a Markdown-style ``#`` line stays text."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from sandbox.errors import InputError
from sandbox.extract.base import Extracted, Flow
from sandbox.limits import Limits

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def decode(data: bytes, display: str) -> str:
    """``data`` as text, by BOM, strict UTF-8, or detection; an InputError when nothing fits."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise InputError(f"{display}: the text's encoding could not be recognised; save it as UTF-8 and retry")
    encoding = "gb18030" if best.encoding in ("gb2312", "gbk") else best.encoding  # GB18030 is the superset
    return data.decode(encoding, "replace")


def looks_text(head: bytes) -> bool:
    """True when the first bytes of a file are text in some common encoding: a Unicode BOM,
    UTF-8 (a character cut at the end allowed), or an encoding charset-normalizer recognises
    with little noise; never with NUL bytes outside UTF-16/32 or with other control characters
    than tab, line and page breaks, escape and form feed in more than 1 % of the characters."""
    if not head.strip():
        return False
    for bom, codec in BOMS:
        if head.startswith(bom):
            text = head.decode(codec, "replace")
            break
    else:
        if b"\0" in head:
            return False
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = "" if exc.start < len(head) - 3 else head[: exc.start].decode("utf-8")
        if not text:
            from charset_normalizer import from_bytes

            best = from_bytes(head).best()
            if best is None or best.encoding is None:
                return False
            text = str(best)
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\x1b") or 0x7F <= ord(ch) < 0xA0)
    return controls <= len(text) // 100


def read_text(path: Path, display: str, limits: Limits) -> str:
    data = path.read_bytes()
    if len(data) > limits.max_unpacked_mb * 1024 * 1024:
        from sandbox.errors import LimitError

        raise LimitError(f"{display}: text over the limit of {limits.max_unpacked_mb} MiB (--limit max-unpacked=N)")
    return decode(data, display).replace("\r\n", "\n").replace("\r", "\n")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def read(path: Path, display: str, limits: Limits) -> Extracted:
    """Paragraphs at blank lines; in a ``.md`` file, ``#`` headings and ``-``/``1.`` list items
    too (the rest of Markdown stays text)."""
    text = read_text(path, display, limits)
    markdown = path.suffix.lower() == ".md"
    flow = Flow()
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if not markdown:
            flow.paragraph("\n".join(lines))
            continue
        para: list[str] = []
        for line in lines:
            heading, item = _MD_HEADING.match(line), _MD_ITEM.match(line)
            if heading or item:
                flow.paragraph("\n".join(para))
                para = []
            if heading:
                flow.heading(heading.group(2), len(heading.group(1)))
            elif item:
                flow.item(item.group(3), len(item.group(1).expandtabs(4)) // 2, item.group(2)[0].isdigit())
            else:
                para.append(line)
        flow.paragraph("\n".join(para))
    return Extracted("text", (flow.done(0),))
