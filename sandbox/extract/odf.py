"""OpenDocument (ODT, ODS, ODP), RTF and legacy DOC/XLS/PPT: LibreOffice headless, in the sandbox, saves them as
their OOXML counterpart (DOCX, XLSX, PPTX) in the private work directory, which the OOXML
readers then read; headings, lists, tables with merged cells, notes and comments survive the
step as LibreOffice writes them.  The container is checked (:mod:`sandbox.extract.guard`)
before LibreOffice opens it; LibreOffice runs with a fresh profile, no macros, within
``office-timeout``."""

from __future__ import annotations

from pathlib import Path

from sandbox.extract import guard
from sandbox.extract.base import Extracted
from sandbox.limits import Limits
from sandbox.models import InputKind

TARGETS = {InputKind.ODT: "docx", InputKind.RTF: "docx", InputKind.ODS: "xlsx", InputKind.ODP: "pptx",
           InputKind.DOC: "docx", InputKind.XLS: "xlsx", InputKind.PPT: "pptx"}  # fmt: skip


def read(path: Path, kind: InputKind, display: str, limits: Limits, work: Path) -> Extracted:
    from dataclasses import replace

    from sandbox.convert import office

    if kind in (InputKind.ODT, InputKind.ODS, InputKind.ODP):
        guard.check_zip(path, display, limits).close()
    target = TARGETS[kind]
    saved = office.convert_to(path, display, kind.value, work, limits.office_timeout_s, target)
    try:
        if target == "docx":
            from sandbox.extract import wordml

            found = wordml.read(saved, display, limits)
        elif target == "xlsx":
            from sandbox.extract import sheets

            found = sheets.read(saved, display, limits)
        else:
            from sandbox.extract import slides

            found = slides.read(saved, display, limits)
    finally:
        saved.unlink(missing_ok=True)
    return replace(found, kind=kind.value)
