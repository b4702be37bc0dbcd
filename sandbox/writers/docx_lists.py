"""Word list numbering for the items of a scanned page's lists: each run of items whose markers
count on in one style (``1. 2. 3.``, ``(1) (2)``, ``①②``, ``一、二、``, ``（一）（二）``, bullets)
becomes a real Word list — a numbering definition (``w:abstractNum``) per style, an instance
(``w:num``) per run starting at the page's own first number, and each item a paragraph with
``w:numPr`` — so Word and LibreOffice draw the markers and the text holds the item only.

Guarantee: the markers Word draws are the page's own (same style, same numbers, in order): the
runs are :func:`sandbox.structure.lists.runs`.
"""

from __future__ import annotations

from typing import Any

# style: (w:numFmt, w:lvlText); %1 is the item's number
FORMATS: dict[str, tuple[str, str]] = {
    "bullet": ("bullet", "•"),
    "decimal": ("decimal", "%1."),
    "decimal-paren": ("decimal", "%1)"),
    "decimal-comma": ("decimal", "%1、"),
    "paren": ("decimal", "(%1)"),
    "full-paren": ("decimal", "（%1）"),
    "circled": ("decimalEnclosedCircle", "%1"),
    "cjk": ("chineseCounting", "%1、"),
    "cjk-paren": ("chineseCounting", "（%1）"),
    "alpha": ("lowerLetter", "%1."),
}
FIRST_ID = 101  # numbering ids of ours start here (the template's own use the low numbers)
INDENT = 420  # twips: where the item's text starts (the marker hangs in front of it)


class Numbering:
    """The document's numbering part with our definitions added on demand (one per style)."""

    def __init__(self, doc: Any) -> None:
        self._root = doc.part.numbering_part.element
        self._abstract: dict[str, int] = {}
        used = [int(n) for n in self._root.xpath("./w:abstractNum/@w:abstractNumId | ./w:num/@w:numId")]
        self._next = max([FIRST_ID - 1, *used]) + 1

    def _abstract_for(self, style: str) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if style in self._abstract:
            return self._abstract[style]
        ident = self._next
        self._next += 1
        fmt, text = FORMATS[style]
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{INDENT}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
            "</w:abstractNum>"
        )
        nums = self._root.xpath("./w:num")
        if nums:  # the schema wants every abstractNum before the first num
            nums[0].addprevious(element)
        else:
            self._root.append(element)
        self._abstract[style] = ident
        return ident

    def instance(self, style: str, start: int) -> int:
        """A new ``w:num`` of ``style`` counting from ``start``: its numId."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        abstract = self._abstract_for(style)
        ident = self._next
        self._next += 1
        self._root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
            )
        )
        return ident


def number(paragraph: Any, num_id: int) -> None:
    """Make ``paragraph`` an item of list instance ``num_id`` (level 0)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
