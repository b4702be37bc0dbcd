"""``sanitize`` / ``--sanitize``: pixels only — every page rendered and rebuilt into a fresh PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import img2pdf

from sandbox.convert import images
from sandbox.convert.job import Conversion, Item
from sandbox.convert.to_text import read
from sandbox.models import InputKind
from sandbox.writers.pdf import PRODUCER, single_revision


def sanitized_pdf(conv: Conversion, item: Item, dest: Path) -> bool:
    """A fresh PDF of the item's pages as pictures (with ``--ocr``, a text layer read from them)."""
    pics = conv.pictures(item, gray=False)
    src = item.source
    dpi = (
        conv.settings.dpi
        if item.group != "image"
        else (images.image_dpi(src.path, src.kind) or (conv.settings.dpi, conv.settings.dpi))[0]
    )
    encoded = []
    for pic in pics:
        buf = io.BytesIO()
        rgb = pic.convert("RGB") if pic.mode not in ("L", "RGB") else pic
        rgb.save(buf, format="JPEG", quality=88, dpi=(dpi, dpi))
        encoded.append(buf.getvalue())
    data = img2pdf.convert(
        encoded, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)), nodate=True, producer=PRODUCER
    )
    assert isinstance(data, bytes)
    data = single_revision(data)
    if not conv.opts.ocr:
        return conv.sink.write(src.display, [(dest, data)])
    clean = conv.work / f"clean-{id(item)}.pdf"
    clean.write_bytes(data)
    read(
        conv, [Item(replace(src, path=clean, kind=InputKind.PDF, page_count=len(pics)), "pdf")], [dest], force_ocr=True
    )
    return False  # counted by read() as a document read
