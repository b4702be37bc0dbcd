"""Fences every born-digital reader passes its input through before a library sees it.

Guarantees (each refusal a typed, one-line error naming the file, the cause and the fix):

- a ZIP container (OOXML, ODF, EPUB) has at most ``max-parts`` members and at most
  ``max-unpacked`` MiB uncompressed by its own declaration; :mod:`zipfile` never inflates a
  member past its declared size, so a lying header cannot exceed the bound either (exit 7);
- no XML part carries a document type declaration: OOXML and ODF never need one, and it is
  what entity bombs and external entities (XXE) are made of (exit 3);
- an encrypted Office file (an OLE container holding ``EncryptedPackage``) is named as such
  (exit 3), not reported as damaged;
- :func:`xml_parser` and :func:`html_parser` never resolve entities, load a DTD or touch the
  network, and refuse huge trees.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sandbox.errors import InputError, LimitError
from sandbox.limits import Limits

MIB = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
DTD_SCAN_BYTES = 4096  # a declaration comes before the root element


def encrypted_office(path: Path) -> bool:
    """An OOXML file saved with a password (MS-OFFCRYPTO): an OLE file with EncryptedPackage."""
    with open(path, "rb") as fh:
        if fh.read(8) != OLE_MAGIC:
            return False
        fh.seek(0)
        return ENCRYPTED_STREAM in fh.read(8 * MIB)


def refuse_encrypted(display: str) -> InputError:
    return InputError(
        f"{display}: the document is encrypted (password-protected); save it without a password and retry"
    )


def check_zip(path: Path, display: str, limits: Limits) -> zipfile.ZipFile:
    """The file opened as a ZIP after its member count, declared size and XML parts are checked."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{display}: the file is damaged (not a readable ZIP container); is it complete?") from None
    try:
        infos = archive.infolist()
        if len(infos) > limits.max_parts:
            raise LimitError(
                f"{display}: {len(infos):,} parts in the container exceeds the limit of {limits.max_parts:,} "
                "(raise it with --limit max-parts=N if the file is trusted)"
            )
        total = sum(max(0, i.file_size) for i in infos)
        if total > limits.max_unpacked_mb * MIB:
            raise LimitError(
                f"{display}: {total // MIB:,} MiB uncompressed exceeds the limit of {limits.max_unpacked_mb:,} MiB "
                "(a ZIP bomb? raise it with --limit max-unpacked=N if the file is trusted)"
            )
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".opf", ".ncx")) and _has_dtd(archive, info):
                raise InputError(
                    f"{display}: an XML part declares a DTD (entity expansion or external entities); "
                    "the file is refused: re-save it from its application"
                )
    except BaseException:
        archive.close()
        raise
    return archive


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    try:
        with archive.open(info) as fh:
            head = fh.read(DTD_SCAN_BYTES)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return False  # unreadable members are the reader's to report
    upper = head.upper()
    return b"<!DOCTYPE" in upper or b"<!ENTITY" in upper


def xml_parser() -> Any:
    """An lxml parser for untrusted XML: no entities, no DTD, no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, recover=True
    )


def html_parser() -> Any:
    """An lxml HTML parser for untrusted HTML: no network, no huge trees, comments dropped."""
    from lxml import html

    return html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)


def nesting(display: str, depth: int, limits: Limits) -> None:
    """Refuse a document nested deeper than ``max-nesting`` (attachments of attachments)."""
    if depth > limits.max_nesting:
        raise LimitError(
            f"{display}: attachments nested {depth} deep exceed the limit of {limits.max_nesting} "
            "(raise it with --limit max-nesting=N if the file is trusted)"
        )
