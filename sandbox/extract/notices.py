"""What an office container holds that is never used, said in the outputs as notes.

Remote templates, linked pictures and linked objects are never fetched (there is no network in
the sandbox anyway); macros are never run; embedded objects are not opened.  The notes say
that they were there and never repeat the link itself.
"""

from __future__ import annotations

import re
import zipfile

_EXTERNAL = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_TYPE = re.compile(rb'Type="[^"]*/([A-Za-z]+)"')
KINDS = {
    b"attachedTemplate": "a remote template (not fetched)",
    b"image": "linked pictures (not fetched)",
    b"oleObject": "linked objects (not fetched)",
    b"subDocument": "linked sub-documents (not fetched)",
    b"frame": "linked frames (not fetched)",
    b"externalLinkPath": "links to other workbooks (not followed)",
    b"audio": "linked media (not fetched)",
    b"video": "linked media (not fetched)",
}
MAX_RELS_BYTES = 4 * 1024 * 1024


def ooxml(archive: zipfile.ZipFile) -> tuple[str, ...]:
    """Notes for an OOXML package: external relationships by kind, macros, embedded objects."""
    found: list[str] = []
    names = archive.namelist()
    for name in names:
        if not name.endswith(".rels"):
            continue
        with archive.open(name) as fh:
            data = fh.read(MAX_RELS_BYTES)
        for rel in _EXTERNAL.findall(data):
            if b'TargetMode="External"' not in rel:
                continue
            kind = _TYPE.search(rel)
            note = KINDS.get(kind.group(1)) if kind else None
            if note and note not in found:
                found.append(note)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        found.append("macros (never run)")
    if any("/embeddings/" in n for n in names):
        found.append("embedded objects (not read)")
    return tuple(found)
