"""HTML and XHTML read with lxml (no network, no entities, no DTD): headings ``h1``–``h6``,
paragraphs and other blocks, nested ``ul``/``ol`` lists with levels, tables with ``rowspan``
and ``colspan`` (header rows from ``thead`` or rows of ``th``), pictures' ``alt`` texts,
checkboxes.  Scripts, styles and templates are dropped, never run; remote pictures, frames and
style sheets are never loaded (the outputs note that the page referred to them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sandbox.errors import InputError, LimitError
from sandbox.extract import guard
from sandbox.extract.base import CellText, Extracted, Flow, table
from sandbox.extract.plain import decode
from sandbox.limits import Limits

SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "object", "embed", "svg",
        "math", "select", "button", "iframe", "frame", "frameset", "canvas", "audio", "video"}  # fmt: skip
BLOCKS = {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre",
          "figure", "figcaption", "address", "dl", "dt", "dd", "form", "fieldset", "legend", "center", "details",
          "summary", "body", "html", "caption", "hr", "li", "tr", "td", "th"}  # fmt: skip
HEADINGS = {f"h{n}": n for n in range(1, 7)}


def _tag(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _norm(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


class _Walker:
    def __init__(self, flow: Flow, display: str, limits: Limits) -> None:
        self.flow = flow
        self.buf: list[str] = []
        self.display = display
        self.budget = limits.max_parts * 100

    def _tick(self) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise LimitError(f"{self.display}: too many HTML elements (raise it with --limit max-parts=N)")

    def flush(self) -> None:
        text = _norm("".join(self.buf))
        self.buf = []
        if text:
            self.flow.paragraph(text)

    def inline(self, el: Any, stop: frozenset[str] = frozenset()) -> str:
        """The text of ``el`` as one run (line breaks kept), skipping ``stop`` elements."""
        out: list[str] = [el.text or ""]
        for child in el:
            tag = _tag(child)
            self._tick()
            if tag and tag not in SKIP and tag not in stop:
                if tag == "br":
                    out.append("\n")
                elif tag == "img":
                    out.append("")
                elif tag == "input" and (child.get("type") or "").lower() in ("checkbox", "radio"):
                    out.append("☒ " if child.get("checked") is not None else "☐ ")
                else:
                    out.append(self.inline(child, stop))
                    if tag in BLOCKS:
                        out.append(" ")
            out.append(child.tail or "")
        return "".join(out)

    def visit(self, el: Any) -> None:
        self._tick()
        tag = _tag(el)
        if not tag or tag in SKIP:
            return
        if tag in HEADINGS:
            self.flush()
            self.flow.heading(" ".join(self.inline(el).split()), HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self.flush()
            self.list(el, 0)
        elif tag == "table":
            self.flush()
            self.flow.add_table(self.table(el))
        elif tag == "img":
            self.flush()
            self.flow.figure(el.get("alt") or "")
        elif tag == "br":
            self.buf.append("\n")
        elif tag == "input" and (el.get("type") or "").lower() in ("checkbox", "radio"):
            self.buf.append("☒ " if el.get("checked") is not None else "☐ ")
        elif tag == "pre":
            self.flush()
            text = el.text_content().strip("\n")
            if text.strip():
                self.flow.paragraph(text)
        elif tag in BLOCKS:
            self.flush()
            self.buf.append(el.text or "")
            for child in el:
                self.visit(child)
                self.buf.append(child.tail or "")
            self.flush()
        else:
            self.buf.append(el.text or "")
            for child in el:
                self.visit(child)
                self.buf.append(child.tail or "")

    def list(self, el: Any, level: int) -> None:
        ordered = _tag(el) == "ol"
        for li in el:
            tag = _tag(li)
            if tag in ("ul", "ol"):
                self.list(li, level + 1)
                continue
            if tag != "li":
                continue
            self._tick()
            self.flow.item(_norm(self.inline(li, frozenset({"ul", "ol", "table"}))), level, ordered)
            for sub in li.iter():
                if sub is not li and _tag(sub) in ("ul", "ol") and _nearest(sub, ("li",)) is li:
                    self.list(sub, level + 1)

    def table(self, el: Any) -> Any:
        rows = [tr for tr in el.iter() if _tag(tr) == "tr" and _nearest(tr, ("table",)) is el]
        cells: list[CellText] = []
        taken: set[tuple[int, int]] = set()
        header_rows = 0
        for r, tr in enumerate(rows):
            tds = [td for td in tr if _tag(td) in ("td", "th")]
            in_head = (
                _nearest(tr, ("thead", "tbody", "tfoot", "table")) is not None
                and _tag(_nearest(tr, ("thead", "tbody", "tfoot", "table"))) == "thead"
            )
            if header_rows == r and tds and (in_head or all(_tag(td) == "th" for td in tds)):
                header_rows = r + 1
            col = 0
            for td in tds:
                self._tick()
                while (r, col) in taken:
                    col += 1
                rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
                rs = min(rs, len(rows) - r)
                cells.append(CellText(r, col, _norm(self.inline(td)), rs, cs))
                taken.update((r + i, col + k) for i in range(rs) for k in range(cs))
                col += cs
        return table(cells, header_rows if header_rows < len(rows) else 0)


def _span(raw: str | None) -> int:
    try:
        return max(1, min(1000, int((raw or "1").strip())))
    except ValueError:
        return 1


def _nearest(el: Any, tags: tuple[str, ...]) -> Any:
    parent = el.getparent()
    while parent is not None and _tag(parent) not in tags:
        parent = parent.getparent()
    return parent


def notices_of(root: Any) -> tuple[str, ...]:
    found = []
    remote = ("http:", "https:", "//", "ftp:")
    if any((img.get("src") or "").strip().lower().startswith(remote) for img in root.iter("img")):
        found.append("remote pictures (not fetched)")
    if any(_tag(e) in ("iframe", "frame", "object", "embed") for e in root.iter()):
        found.append("frames or embedded objects (not loaded)")
    if any(_tag(e) == "script" for e in root.iter()):
        found.append("scripts (never run)")
    if any(_tag(e) == "link" and (e.get("href") or "").strip().lower().startswith(remote) for e in root.iter()):
        found.append("remote style sheets (not fetched)")
    return tuple(found)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def _declared(data: bytes) -> str | None:
    """The page decoded by the charset it declares (meta or XML declaration), when it declares
    one Python knows and there is no BOM; else None (then: UTF-8, or detection)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if found is None:
        return None
    name = found.group(1).decode("ascii").lower()
    name = "gb18030" if name in ("gb2312", "gbk", "x-gbk") else name
    try:
        return data.decode(name, "replace")
    except LookupError:
        return None


def parse(data: bytes, display: str, declared: bool = True) -> Any:
    """The document's root element, parsed without network, entities or DTD; ``declared``:
    the page's own charset declaration is believed (False: ``data`` is UTF-8 already)."""
    from lxml import etree, html

    text = (_declared(data) if declared else None) or decode(data, display)
    if text.lstrip().startswith("<?xml"):
        text = text.split("?>", 1)[1] if "?>" in text else text
    try:
        root = html.fromstring(text or "<html></html>", parser=guard.html_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{display}: the HTML cannot be read ({type(exc).__name__})") from None
    return root


def flow_of(root: Any, display: str, limits: Limits, flow: Flow | None = None) -> Flow:
    flow = flow if flow is not None else Flow()
    body = root.find(".//body")
    walker = _Walker(flow, display, limits)
    walker.visit(body if body is not None else root)
    walker.flush()
    return flow


def read(path: Path, display: str, limits: Limits) -> Extracted:
    data = path.read_bytes()
    if len(data) > limits.max_unpacked_mb * 1024 * 1024:
        raise LimitError(f"{display}: HTML over the limit of {limits.max_unpacked_mb} MiB (--limit max-unpacked=N)")
    root = parse(data, display)
    return Extracted("html", (flow_of(root, display, limits).done(0),), notices_of(root))
