"""PresentationML (PPTX, PPTM, POTX) read with python-pptx: one part per slide, the slide's
title as a heading, body placeholders as lists with their levels, text boxes as paragraphs,
tables with merged cells, pictures' alternative texts, speaker notes as notes.  Shapes are read
top to bottom, left to right; groups are opened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sandbox.errors import InputError, LimitError
from sandbox.extract import guard, notices
from sandbox.extract.base import CellText, Extracted, Flow, table
from sandbox.limits import Limits
from sandbox.structure.model import RegionKind

TITLE_TYPES = {"TITLE", "CENTER_TITLE"}
LIST_TYPES = {"BODY", "OBJECT"}


def _placeholder(shape: Any) -> str:
    try:
        return str(shape.placeholder_format.type).split(".")[-1].split(" ")[0] if shape.is_placeholder else ""
    except (ValueError, AttributeError):
        return ""


def _text(frame: Any) -> str:
    return "\n".join(p.text.replace("\x0b", "\n").strip() for p in frame.paragraphs if p.text.strip())


def _table(shape: Any) -> list[CellText]:
    cells = []
    for r, row in enumerate(shape.table.rows):
        for c, cell in enumerate(row.cells):
            if cell.is_spanned:
                continue
            rs, cs = (cell.span_height, cell.span_width) if cell.is_merge_origin else (1, 1)
            cells.append(CellText(r, c, _text(cell.text_frame), rs, cs))
    return cells


def _shapes(shapes: Any, flow: Flow, depth: int = 0) -> None:
    if depth > 8:
        return
    ordered = sorted(shapes, key=lambda s: ((s.top or 0) // 100_000, s.left or 0))
    for shape in ordered:
        kind = _placeholder(shape)
        if shape.shape_type is not None and "GROUP" in str(shape.shape_type):
            _shapes(shape.shapes, flow, depth + 1)
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            flow.add_table(table(_table(shape), 1 if shape.table.first_row else 0))
            continue
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            if kind in TITLE_TYPES:
                flow.heading(_text(shape.text_frame).replace("\n", " "), 2)
            elif kind in LIST_TYPES:
                for p in shape.text_frame.paragraphs:
                    flow.item(p.text.replace("\x0b", " "), p.level)
            else:
                flow.paragraph(_text(shape.text_frame))
        pr = shape._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
        if pr is not None and shape.shape_type is not None and "PICTURE" in str(shape.shape_type):
            flow.figure(pr.get("descr") or pr.get("title") or "")


def read(path: Path, display: str, limits: Limits) -> Extracted:
    """A presentation: one part per slide, in order (hidden slides too: their text is in the file)."""
    import zipfile

    from pptx import Presentation

    with guard.check_zip(path, display, limits) as archive:
        found = notices.ooxml(archive)
    try:
        deck = Presentation(str(path))
    except (KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{display}: the presentation is damaged ({type(exc).__name__}); is it complete?") from None
    if len(deck.slides) > limits.max_pages:
        raise LimitError(f"{display}: more slides than the page limit (raise it with --limit max-pages=N)")
    parts = []
    for n, slide in enumerate(deck.slides):
        flow = Flow()
        _shapes(slide.shapes, flow)
        if slide.has_notes_slide:
            frame = slide.notes_slide.notes_text_frame
            if frame is not None:
                flow.paragraph(_text(frame), RegionKind.NOTE)
        parts.append(flow.done(n))
    return Extracted("pptx", tuple(parts), found)
