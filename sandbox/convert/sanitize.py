"""``sanitize`` / ``--sanitize``: pixels only — every page rendered and rebuilt into a fresh PDF.

Pages are rendered at their own pictures' resolution (a 300-DPI scan at 300 DPI, a 200-DPI fax
at 200) unless ``--dpi`` is given; black-and-white scans are stored as bits again (Group 4),
everything else as ``--optimize`` chooses (``sandbox.compress``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import img2pdf

from sandbox import compress
from sandbox.convert import images
from sandbox.convert.job import Conversion, Item
from sandbox.convert.to_text import read
from sandbox.imaging import dpi_tag, two_tone
from sandbox.models import InputKind
from sandbox.writers.pdf import PRODUCER, single_revision


def sanitized_pdf(conv: Conversion, item: Item, dest: Path) -> bool:
    """A fresh PDF of the item's pages as pictures (with ``--ocr``, a text layer read from them)."""
    pics = conv.pictures(item, gray=False)
    src = item.source
    fallback = (conv.settings.dpi, conv.settings.dpi)
    if item.group == "image":  # the file's own densities, both: a fax's pixels are not square
        fallback = images.image_dpi(src.path, src.kind) or fallback
    encoded = []
    for pic in pics:
        tag = dpi_tag({"dpi": pic.info.get("dpi")})
        dpi = (round(tag[0]), round(tag[1])) if tag else fallback
        if pic.info.get("bilevel"):  # a black-and-white scan: its bits again (rendering smooths edges)
            pic = two_tone(pic)
        encoded.append(compress.picture(pic, dpi, conv.settings.optimize, rendered=True).data)
    data = img2pdf.convert(encoded, nodate=True, producer=PRODUCER)
    assert isinstance(data, bytes)
    data = single_revision(data, conv.settings.optimize)
    if not conv.opts.ocr:
        return conv.sink.write(src.display, [(dest, data)])
    clean = conv.work / f"clean-{id(item)}.pdf"
    clean.write_bytes(data)
    rebuilt = Item(replace(src, path=clean, kind=InputKind.PDF, page_count=len(pics)), "pdf")
    read(conv, [rebuilt], [dest], force_ocr=True)
    return False  # counted by read() as a document read
