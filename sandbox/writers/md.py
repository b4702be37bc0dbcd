"""Markdown from the OCR layout: paragraphs separated by blank lines, lines kept with a hard
break, a horizontal rule between pages; Markdown's special characters are escaped."""

from __future__ import annotations

import re
from itertools import groupby

from sandbox.models import Document
from sandbox.text import line_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_LEADING = re.compile(r"^(\s*)([-+]|\d+\.)(\s)")


def _escape(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2) + m.group(3), text)


def render(document: Document) -> bytes:
    pages: list[str] = []
    for page in document.pages:
        paras = []
        for _key, lines in groupby(page.lines, key=lambda line: (line.block, line.paragraph)):
            paras.append("  \n".join(_escape(line_text(line)) for line in lines))
        pages.append("\n\n".join(paras))
    return ("\n\n---\n\n".join(pages) + "\n").encode("utf-8")
