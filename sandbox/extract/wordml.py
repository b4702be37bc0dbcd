"""WordprocessingML (DOCX, DOTX, DOCM) read with python-docx into the document model.

Kept: the body in order (paragraphs, tables with merged cells, pictures' alternative texts),
headings (Title, Heading 1–6 and outline levels), lists with their levels and whether they are
numbered, checkboxes (☒/☐), running heads and feet (once each), footnotes and endnotes,
comments (marked as comments).  Deleted revisions and field codes are not text; inserted
revisions are.  Nothing is fetched, nothing is run: remote templates, linked pictures, macros
and embedded objects are reported as notices (:mod:`sandbox.extract.notices`).
"""

from __future__ import annotations

import re
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


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


T, TAB, BR, CR, P, TBL, TR, TC = (_q(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:p", "w:tbl", "w:tr", "w:tc"))
SDT, SDT_CONTENT, INS, SMART = (_q(t) for t in ("w:sdt", "w:sdtContent", "w:ins", "w:smartTag"))
VAL = _q("w:val")


class _Styles:
    """Paragraph styles: id → (name, heading level or 0, numbering (numId, ilvl) or None)."""

    def __init__(self, doc: Any) -> None:
        self.by_id: dict[str, tuple[str, int, tuple[str, int] | None]] = {}
        based: dict[str, str] = {}
        for style in doc.styles.element.findall(_q("w:style")):
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

    def __init__(self, doc: Any) -> None:
        self.formats: dict[tuple[str, int], str] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
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


class _Reader:
    def __init__(self, doc: Any, limits: Limits, display: str) -> None:
        self.doc = doc
        self.styles = _Styles(doc)
        self.numbering = _Numbering(doc)
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

    def notes(self, partname: str, tag: str, kind: RegionKind, flow: Flow) -> None:
        """Footnotes, endnotes or comments from their part, each one region of ``kind``."""
        part = _part(self.doc, partname)
        if part is None:
            return
        from lxml import etree

        root = etree.fromstring(part.blob, guard.xml_parser())
        if root is None:
            return
        for note in root.findall(_q(tag)):
            if note.get(_q("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = _text_of(note)
            if text:
                author = note.get(_q("w:author")) if kind is RegionKind.COMMENT else None
                flow.paragraph(f"{author}: {text}" if author else text, kind)


def _part(doc: Any, partname: str) -> Any:
    for rel in doc.part.rels.values():
        if not rel.is_external and str(rel.target_part.partname) == partname:
            return rel.target_part
    return None


RUNNING = (("first_page_header", "heads"), ("header", "heads"), ("even_page_header", "heads"),
           ("first_page_footer", "feet"), ("footer", "feet"), ("even_page_footer", "feet"))  # fmt: skip


def _open(path: Path, display: str) -> Any:
    """The python-docx document, also for macro-enabled files (DOCM/DOTM), whose main part
    python-docx's front door refuses."""
    from docx.opc.exceptions import PackageNotFoundError
    from docx.package import Package

    try:
        package = Package.open(str(path))
        return package.main_document_part.document
    except (PackageNotFoundError, KeyError, ValueError, AttributeError) as exc:
        raise InputError(f"{display}: the Word document is damaged ({type(exc).__name__}); is it complete?") from None


def read(path: Path, display: str, limits: Limits) -> Extracted:
    """A Word document: one part (the flow), notices for what was not used."""
    with guard.check_zip(path, display, limits) as archive:
        found = notices.ooxml(archive)
    doc = _open(path, display)
    reader = _Reader(doc, limits, display)
    flow = Flow()
    running: dict[str, list[str]] = {"heads": [], "feet": []}
    for section in doc.sections:
        for attr, which in RUNNING:
            into = running[which]
            try:
                part = getattr(section, attr)
                if part.is_linked_to_previous:  # no definition of its own: nothing to read
                    continue
                text = _text_of(part._element)
            except (KeyError, AttributeError, ValueError):
                continue
            if text and text not in into:
                into.append(text)
    heads, feet = running["heads"], running["feet"]
    for text in heads:
        flow.paragraph(text, RegionKind.HEADER)
    reader.blocks(doc.element.body, flow)
    reader.notes("/word/footnotes.xml", "w:footnote", RegionKind.FOOTNOTE, flow)
    reader.notes("/word/endnotes.xml", "w:endnote", RegionKind.FOOTNOTE, flow)
    reader.notes("/word/comments.xml", "w:comment", RegionKind.COMMENT, flow)
    for text in feet:
        flow.paragraph(text, RegionKind.FOOTER)
    return Extracted("docx", (flow.done(0),), found)
