"""WordprocessingML (DOCX, DOTX, DOCM) read into the document model, streaming: the body of
``word/document.xml`` goes through :func:`lxml.etree.iterparse` one top-level block (paragraph,
table, content control) at a time, each dropped once read, so memory does not grow with the
document's length beyond its text; styles, numbering, notes and running heads are small parts
parsed whole.  Parts are found through the package's relationships, as Word finds them.

Kept: the body in order (paragraphs, tables with merged cells, pictures' alternative texts),
headings (Title, Heading 1–6 and outline levels), lists with their levels and whether they are
numbered, checkboxes (☒/☐), running heads and feet (once each), footnotes and endnotes,
comments (marked as comments).  Deleted revisions and field codes are not text; inserted
revisions are.  Nothing is fetched, nothing is run: remote templates, linked pictures, macros
and embedded objects are reported as notices (:mod:`sandbox.extract.notices`).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sandbox.errors import InputError
from sandbox.extract import guard, notices
from sandbox.extract.base import CellText, Extracted, Flow, table
from sandbox.limits import Limits
from sandbox.structure.model import RegionKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "v": "urn:schemas-microsoft-com:vml",
}
_HEADING = re.compile(r"^(?:heading|标题|überschrift|titre)\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s+(bullet|number|paragraph)(?:\s+(\d))?$", re.IGNORECASE)


@functools.cache
def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


T, TAB, BR, CR, P, TBL, TR, TC = (_q(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:p", "w:tbl", "w:tr", "w:tc"))
SDT, SDT_CONTENT, INS, SMART = (_q(t) for t in ("w:sdt", "w:sdtContent", "w:ins", "w:smartTag"))
VAL = _q("w:val")
BODY = _q("w:body")
BODY_BLOCKS = (P, TBL, SDT, INS, SMART, _q("w:sectPr"))  # what the body holds that is read


class _Styles:
    """Paragraph styles: id → (name, heading level or 0, numbering (numId, ilvl) or None)."""

    def __init__(self, root: Any) -> None:
        self.by_id: dict[str, tuple[str, int, tuple[str, int] | None]] = {}
        based: dict[str, str] = {}
        for style in root.findall(_q("w:style")) if root is not None else ():
            sid = style.get(_q("w:styleId")) or ""
            name_el = style.find(_q("w:name"))
            name = (name_el.get(VAL) if name_el is not None else "") or sid
            level = _heading_level(name, style.find(_q("w:pPr")))
            self.by_id[sid] = (name, level, _numbering(style.find(_q("w:pPr"))))
            parent = style.find(_q("w:basedOn"))
            if parent is not None and parent.get(VAL):
                based[sid] = parent.get(VAL) or ""
        for sid, (name, level, num) in list(self.by_id.items()):  # "Report Heading" based on Heading 1
            ancestor, hops = based.get(sid), 0
            while not (level and num) and ancestor and hops < 10:
                _, up_level, up_num = self.by_id.get(ancestor, ("", 0, None))
                level, num = level or up_level, num or up_num
                ancestor, hops = based.get(ancestor), hops + 1
            self.by_id[sid] = (name, level, num)

    def get(self, sid: str | None) -> tuple[str, int, tuple[str, int] | None]:
        return self.by_id.get(sid or "", ("", 0, None))


def _heading_level(name: str, ppr: Any) -> int:
    if name.lower() == "title":
        return 1
    match = _HEADING.match(name.strip())
    if match:
        return max(1, min(6, int(match.group(1))))
    if ppr is not None:
        outline = ppr.find(_q("w:outlineLvl"))
        if outline is not None and (outline.get(VAL) or "").isdigit() and int(outline.get(VAL)) < 6:
            return int(outline.get(VAL)) + 1
    return 0


def _numbering(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(_q("w:numPr"))
    if num is None:
        return None
    num_id = num.find(_q("w:numId"))
    ilvl = num.find(_q("w:ilvl"))
    nid = num_id.get(VAL) if num_id is not None else None
    if not nid or nid == "0":
        return None
    lvl = ilvl.get(VAL) if ilvl is not None else "0"
    return nid, int(lvl) if lvl and lvl.isdigit() else 0


def _own_numbering(ppr: Any, style_num: tuple[str, int] | None) -> tuple[str, int] | None:
    """The paragraph's list: its own numPr (numId 0: the style's list is off; only a level:
    the style's list at that level), else its style's."""
    own = ppr.find(_q("w:numPr")) if ppr is not None else None
    if own is None:
        return style_num
    if own.find(_q("w:numId")) is None:
        ilvl = own.find(_q("w:ilvl"))
        raw = ilvl.get(VAL) if ilvl is not None else None
        return (style_num[0], int(raw)) if style_num and raw and raw.isdigit() else style_num
    return _numbering(ppr)


class _Numbering:
    """numId and level → numbered (True) or bulleted (False)."""

    def __init__(self, root: Any) -> None:
        self.formats: dict[tuple[str, int], str] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, str]] = {}
        for ab in root.findall(_q("w:abstractNum")):
            levels = {}
            for lvl in ab.findall(_q("w:lvl")):
                fmt = lvl.find(_q("w:numFmt"))
                ilvl = lvl.get(_q("w:ilvl")) or "0"
                levels[int(ilvl) if ilvl.isdigit() else 0] = (fmt.get(VAL) if fmt is not None else "") or "decimal"
            abstract[ab.get(_q("w:abstractNumId")) or ""] = levels
        for num in root.findall(_q("w:num")):
            ref = num.find(_q("w:abstractNumId"))
            levels = abstract.get(ref.get(VAL) if ref is not None else "", {})
            for ilvl, fmt in levels.items():
                self.formats[(num.get(_q("w:numId")) or "", ilvl)] = fmt

    def ordered(self, num: tuple[str, int]) -> bool:
        return self.formats.get(num, "bullet") not in ("bullet", "none")


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SKIPPED = frozenset({MC_FALLBACK, _q("w:moveFrom"), _q("w:del"), _q("w:instrText"), _q("w:delText")})
WINGDINGS = {0xF0FE: "☒", 0xF0FD: "☒", 0xF078: "☒", 0xF0A8: "☐", 0xF06F: "☐", 0xF071: "☐", 0xF0FC: "✓"}


def run_text(el: Any) -> str:
    """The visible text of a paragraph-like element: text, tabs, breaks, symbols, checkboxes;
    not deleted or moved-away text, not field codes, and a drawing's fallback copy (which
    repeats the text box it stands for) only once."""
    out: list[str] = []
    _collect(el, out, 0)
    return "".join(out)


def _collect(node: Any, out: list[str], depth: int) -> None:
    tag = node.tag
    if tag in SKIPPED or depth > 200:
        return
    if tag == T:
        out.append(node.text or "")
    elif tag == TAB:
        out.append("\t")
    elif tag in (BR, CR):
        out.append("\n")
    elif tag == _q("w:noBreakHyphen"):
        out.append("-")
    elif tag == _q("w:sym"):
        try:
            code = int(node.get(_q("w:char")) or "", 16)
        except ValueError:
            return
        out.append(WINGDINGS.get(code, "" if 0xE000 <= code <= 0xF8FF else chr(code)))
    elif tag == _q("w:checkBox"):  # a legacy form field
        checked = node.find(_q("w:checked"))
        default = node.find(_q("w:default"))
        on = checked is not None and checked.get(VAL) not in ("0", "false")
        on = on or (checked is None and default is not None and default.get(VAL) in ("1", "true"))
        out.append("☒" if on else "☐")
    else:
        for child in node:
            _collect(child, out, depth + 1)


def _paragraphs(el: Any, depth: int = 0) -> list[Any]:
    """The paragraphs of a cell, note or running head in order, nested tables and content
    controls opened, text boxes left to the paragraph that holds them (read once)."""
    found: list[Any] = []
    for child in el:
        if child.tag == P:
            found.append(child)
        elif child.tag not in SKIPPED and depth < 50:
            found += _paragraphs(child, depth + 1)
    return found


def _children(el: Any, tag: str, depth: int = 0) -> list[Any]:
    """``tag`` children of ``el``, also when wrapped in content controls or custom XML (rows
    of a table, cells of a row); never from a nested table."""
    found: list[Any] = []
    for child in el:
        if child.tag == tag:
            found.append(child)
        elif child.tag not in (TBL, P) and child.tag not in SKIPPED and depth < 10:
            found += _children(child, tag, depth + 1)
    return found


def _text_of(el: Any) -> str:
    return "\n".join(t for t in (run_text(p).strip() for p in _paragraphs(el)) if t)


def _alt_texts(el: Any) -> list[str]:
    alts = []
    for pr in el.iter(_q("wp:docPr")):
        alts.append((pr.get("descr") or pr.get("title") or "").strip())
    if not alts:  # VML pictures (older files; also the fallback copy of a drawing, counted once)
        for shape in el.iter(_q("v:shape")):
            if shape.find(_q("v:imagedata")) is not None:
                alts.append((shape.get("alt") or "").strip())
    return alts


class _Package:
    """The parts of an OOXML package reached through its relationships (never through names
    a file could fake), each parsed by the guarded parser; external targets are never used."""

    def __init__(self, archive: zipfile.ZipFile, display: str) -> None:
        self.archive, self.display = archive, display
        self.names = set(archive.namelist())
        main = [t for kind, t in self.rels("").values() if kind == "officeDocument"]
        self.main = main[0] if main and main[0] in self.names else "word/document.xml"
        if self.main not in self.names:
            raise InputError(f"{display}: the Word document is damaged (no main part); is it complete?")
        self.parts = self.rels(self.main)

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, target part name) of ``part`` ("" the package)."""
        folder, _, leaf = part.rpartition("/")
        root = self.xml(f"{folder}/_rels/{leaf}.rels" if part else "_rels/.rels")
        found: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
        return found

    def xml(self, name: str) -> Any:
        """The part parsed (no entities, DTD or network), or None when it is missing or empty."""
        from lxml import etree

        if name not in self.names:
            return None
        try:
            return etree.fromstring(self.archive.read(name), guard.xml_parser())
        except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, OSError, EOFError):
            raise InputError(f"{self.display}: the Word document is damaged (a part does not read)") from None

    def typed(self, kind: str) -> Any:
        """The main part's related part of ``kind`` (styles, numbering, footnotes …), parsed."""
        names = [name for k, name in self.parts.values() if k == kind]
        return self.xml(names[0]) if names else None

    def body(self, each: Callable[[Any], None]) -> None:
        """Call ``each`` with every top-level element of the body in order, then drop it."""
        from lxml import etree

        try:
            with self.archive.open(self.main) as fh:
                events = etree.iterparse(fh, events=("end",), tag=BODY_BLOCKS, resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False, recover=True)  # fmt: skip
                for _, el in events:
                    parent = el.getparent()
                    if parent is None or parent.tag != BODY:  # a paragraph in a cell: its table reads it
                        continue
                    each(el)
                    el.clear()
                    while el.getprevious() is not None:  # what came before in the body, read already
                        del parent[0]
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError):
            raise InputError(f"{self.display}: the Word document is damaged (its body does not read)") from None


class _Reader:
    def __init__(self, package: _Package, limits: Limits, display: str) -> None:
        self.package = package
        self.styles = _Styles(package.typed("styles"))
        self.numbering = _Numbering(package.typed("numbering"))
        self.limits = limits
        self.display = display
        self.seen = 0

    def _count(self) -> None:
        self.seen += 1
        if self.seen > self.limits.max_parts * 100:
            from sandbox.errors import LimitError

            raise LimitError(
                f"{self.display}: more than {self.limits.max_parts * 100:,} paragraphs and cells "
                "(raise it with --limit max-parts=N if the file is trusted)"
            )

    def blocks(self, parent: Any, flow: Flow) -> None:
        """Paragraphs and tables of a body-like element, in order (content controls and
        inserted revisions opened)."""
        for child in parent:
            self.block(child, flow)

    def block(self, child: Any, flow: Flow) -> None:
        """One paragraph, table or content control (and what it holds)."""
        tag = child.tag
        if tag == P:
            self.paragraph(child, flow)
        elif tag == TBL:
            self.table(child, flow)
        elif tag in (SDT, SDT_CONTENT, INS, SMART):
            inner = child if tag != SDT else child.find(SDT_CONTENT)
            if inner is not None:
                self.blocks(inner, flow)

    def paragraph(self, p: Any, flow: Flow) -> None:
        self._count()
        ppr = p.find(_q("w:pPr"))
        style_el = ppr.find(_q("w:pStyle")) if ppr is not None else None
        name, level, style_num = self.styles.get(style_el.get(VAL) if style_el is not None else None)
        own_level = _heading_level("", ppr) if ppr is not None else 0
        level = own_level or level
        text = run_text(p).strip()
        num = _own_numbering(ppr, style_num)
        if text:
            if level:
                flow.heading(text.replace("\n", " "), level)
            elif num is not None:
                match = _LIST_STYLE.match(name)  # "List Bullet 2" is level 1 whatever its numbering says
                implied = int(match.group(2)) - 1 if match and match.group(2) else 0
                flow.item(text, max(num[1], implied), self.numbering.ordered(num))
            else:
                match = _LIST_STYLE.match(name)
                if match and match.group(1).lower() != "paragraph":
                    lvl = int(match.group(2)) - 1 if match.group(2) else 0
                    flow.item(text, lvl, match.group(1).lower() == "number")
                else:
                    flow.paragraph(text)
        for alt in _alt_texts(p):
            flow.figure(alt)

    def table(self, tbl: Any, flow: Flow) -> None:
        cells: list[CellText] = []
        open_cols: dict[int, int] = {}  # grid column → index in cells of the cell a vMerge continues
        header_rows = 0
        for r, tr in enumerate(_children(tbl, TR)):
            trpr = tr.find(_q("w:trPr"))
            if trpr is not None and trpr.find(_q("w:tblHeader")) is not None and header_rows == r:
                header_rows = r + 1
            col = 0
            grid_before = trpr.find(_q("w:gridBefore")) if trpr is not None else None
            if grid_before is not None and (grid_before.get(VAL) or "").isdigit():
                col = int(grid_before.get(VAL))
            for tc in _children(tr, TC):
                self._count()
                tcpr = tc.find(_q("w:tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    gs = tcpr.find(_q("w:gridSpan"))
                    if gs is not None and (gs.get(VAL) or "").isdigit():
                        span = max(1, min(64, int(gs.get(VAL))))
                    vm = tcpr.find(_q("w:vMerge"))
                    if vm is not None:
                        vmerge = vm.get(VAL) or "continue"
                if vmerge == "continue" and col in open_cols:
                    n = open_cols[col]
                    c = cells[n]
                    cells[n] = CellText(c.row, c.col, c.text, r - c.row + 1, c.colspan)
                else:
                    text = _text_of(tc)
                    cells.append(CellText(r, col, text, 1, span))
                    if vmerge == "restart":
                        for k in range(span):
                            open_cols[col + k] = len(cells) - 1
                    else:
                        for k in range(span):
                            open_cols.pop(col + k, None)
                col += span
        flow.add_table(table(cells, header_rows))

    def notes(self, part: str, tag: str, kind: RegionKind, flow: Flow) -> None:
        """Footnotes, endnotes or comments from their part, each one region of ``kind``."""
        root = self.package.typed(part)
        if root is None:
            return
        for note in root.findall(_q(tag)):
            if note.get(_q("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = _text_of(note)
            if text:
                author = note.get(_q("w:author")) if kind is RegionKind.COMMENT else None
                flow.paragraph(f"{author}: {text}" if author else text, kind)


RUNNING = (("headerReference", "first", "heads"), ("headerReference", "default", "heads"),
           ("headerReference", "even", "heads"), ("footerReference", "first", "feet"),
           ("footerReference", "default", "feet"), ("footerReference", "even", "feet"))  # fmt: skip
SECT_PR, R_ID = _q("w:sectPr"), "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sections(el: Any) -> list[dict[tuple[str, str], str]]:
    """The section properties in ``el`` (a body block, or the body's own last one): for each,
    (reference, type) → relationship id of the running heads and feet it defines itself."""
    found = []
    for sect in [el] if el.tag == SECT_PR else el.iter(SECT_PR):
        refs = {}
        for ref in sect:
            local = ref.tag.rsplit("}", 1)[-1]
            if local in ("headerReference", "footerReference"):
                refs[(local, ref.get(_q("w:type")) or "default")] = ref.get(R_ID) or ""
        found.append(refs)
    return found


def read(path: Path, display: str, limits: Limits) -> Extracted:
    """A Word document: one part (the flow), notices for what was not used.  The body is read
    as a stream (one block at a time); the regions are in the order Word shows them: running
    heads, the body, footnotes, endnotes, comments, running feet."""
    with guard.check_zip(path, display, limits) as archive:
        found = notices.ooxml(archive)
        package = _Package(archive, display)
        reader = _Reader(package, limits, display)
        body = Flow()
        sections: list[dict[tuple[str, str], str]] = []

        def each(el: Any) -> None:
            sections.extend(_sections(el))
            if el.tag != SECT_PR:
                reader.block(el, body)

        package.body(each)
        running: dict[str, list[str]] = {"heads": [], "feet": []}
        for refs in sections:
            for ref, kind, which in RUNNING:
                rid = refs.get((ref, kind))
                target = package.parts.get(rid or "")
                root = package.xml(target[1]) if target else None
                text = _text_of(root) if root is not None else ""
                if text and text not in running[which]:
                    running[which].append(text)
        flow = Flow()
        for text in running["heads"]:
            flow.paragraph(text, RegionKind.HEADER)
        regions = body.done(0).regions
        if flow.regions and regions and regions[0].kind is RegionKind.TITLE:  # a title after a running head
            regions = (replace(regions[0], kind=RegionKind.HEADING), *regions[1:])
        flow.extend(list(regions))
        reader.notes("footnotes", "w:footnote", RegionKind.FOOTNOTE, flow)
        reader.notes("endnotes", "w:endnote", RegionKind.FOOTNOTE, flow)
        reader.notes("comments", "w:comment", RegionKind.COMMENT, flow)
        for text in running["feet"]:
            flow.paragraph(text, RegionKind.FOOTER)
    return Extracted("docx", (flow.done(0),), found)
