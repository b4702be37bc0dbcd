"""EPUB (2 and 3): the chapters in spine order, each XHTML file read as HTML
(:mod:`sandbox.extract.web`) into one flow.  The container is fenced first
(:mod:`sandbox.extract.guard`: member count, uncompressed size, no DTD in its XML parts);
remote resources are never loaded."""

from __future__ import annotations

import posixpath
from pathlib import Path

from sandbox.errors import InputError
from sandbox.extract import guard, web
from sandbox.extract.base import Extracted, Flow
from sandbox.limits import Limits

CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"
HTML_TYPES = ("application/xhtml+xml", "text/html")


def read(path: Path, display: str, limits: Limits) -> Extracted:
    from lxml import etree

    flow = Flow()
    notices: set[str] = set()
    with guard.check_zip(path, display, limits) as archive:
        try:
            container = etree.fromstring(archive.read("META-INF/container.xml"), guard.xml_parser())
            rootfile = container.find(f".//{CONTAINER}rootfile")
            opf_path = rootfile.get("full-path") if rootfile is not None else None
            if not opf_path:
                raise KeyError("rootfile")
            opf = etree.fromstring(archive.read(opf_path), guard.xml_parser())
        except (KeyError, etree.XMLSyntaxError, ValueError) as exc:
            raise InputError(f"{display}: the EPUB is damaged ({type(exc).__name__}); is it complete?") from None
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): (posixpath.normpath(posixpath.join(base, item.get("href") or "")), item.get("media-type"))
            for item in opf.iter(f"{OPF}item")
        }
        names = set(archive.namelist())
        for ref in opf.iter(f"{OPF}itemref"):
            href, media = manifest.get(ref.get("idref"), ("", ""))
            if media not in HTML_TYPES or href not in names:
                continue
            root = web.parse(archive.read(href), display)
            web.flow_of(root, display, limits, flow)
            notices.update(web.notices_of(root))
    return Extracted("epub", (flow.done(0),), tuple(sorted(notices)))
