"""hOCR 1.2 built from the document model (the same for OCR'd and text-layer pages)."""

from __future__ import annotations

from html import escape
from itertools import groupby
from typing import TYPE_CHECKING

from sandbox import __version__
from sandbox.geometry import union
from sandbox.models import BBox, Document, Page

if TYPE_CHECKING:
    from sandbox.formats import Rendering


def _bbox(box: BBox) -> str:
    return f"bbox {box.x0} {box.y0} {box.x1} {box.y1}"


def _page(page: Page) -> list[str]:
    n = page.index + 1
    out = [
        f"  <div class='ocr_page' id='page_{n}' title='image \"page-{n}\"; "
        f"bbox 0 0 {page.width} {page.height}; ppageno {page.index}; scan_res {page.dpi} {page.dpi}'>"
    ]
    word_no = 0
    line_no = 0
    for (block, par), lines_iter in groupby(page.lines, key=lambda line: (line.block, line.paragraph)):
        lines = list(lines_iter)
        box = union(li.bbox for li in lines)
        out.append(f"   <p class='ocr_par' id='par_{n}_{block}_{par}' title='{_bbox(box)}'>")
        for line in lines:
            line_no += 1
            out.append(f"    <span class='ocr_line' id='line_{n}_{line_no}' title='{_bbox(line.bbox)}'>")
            for word in line.words:
                word_no += 1
                conf = round(word.conf * 100)
                out.append(
                    f"     <span class='ocrx_word' id='word_{n}_{word_no}' "
                    f"title='{_bbox(word.bbox)}; x_wconf {conf}'>{escape(word.text)}</span>"
                )
            out.append("    </span>")
        out.append("   </p>")
    out.append("  </div>")
    return out


def render(document: Document) -> bytes:
    """The document as hOCR (XHTML) bytes: pages, paragraphs, lines and words with their boxes; all text escaped."""
    langs = sorted({p.languages for p in document.pages if p.languages})
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
        '    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
        " <head>",
        "  <title></title>",
        '  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        f"  <meta name='ocr-system' content='ocr-sandbox {__version__} (tesseract)'/>",
        "  <meta name='ocr-capabilities' content='ocr_page ocr_par ocr_line ocrx_word'/>",
        f"  <meta name='ocr-langs' content='{escape('+'.join(langs))}'/>",
        " </head>",
        " <body>",
    ]
    body = [line for page in document.pages for line in _page(page)]
    return ("\n".join(head + body + [" </body>", "</html>"]) + "\n").encode("utf-8")


def write(job: Rendering) -> bytes:
    """The format registry's entry point (:mod:`sandbox.formats`)."""
    return render(job.document)
