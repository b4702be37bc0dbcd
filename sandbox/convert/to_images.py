"""Image targets (png, jpeg, tiff, webp, bmp): pages as pictures, one file each or one TIFF."""

from __future__ import annotations

from pathlib import Path

from sandbox.convert import images
from sandbox.convert.job import Conversion, Item


def image_files(conv: Conversion, item: Item, dest: Path) -> bool:
    """One input's pages: ``dest`` for one page (or a multi-page TIFF), else ``NAME-p001.EXT``, …"""
    opts, target, src = conv.opts, conv.target, item.source
    pics = conv.pictures(item, opts.gray)
    dpi = (conv.settings.dpi, conv.settings.dpi) if item.group != "image" else images.image_dpi(src.path, src.kind)
    keep = images.kept_metadata(src.path, src.kind) if opts.keep_metadata and item.group == "image" else None
    if target == "tiff" and (opts.single_file or len(pics) == 1):
        data = images.save_pages(pics, dpi) if len(pics) > 1 else images.save(pics[0], "tiff", dpi=dpi, keep=keep)
        return conv.sink.write(src.display, [(dest, data)])
    if len(pics) == 1:
        return conv.sink.write(src.display, [(dest, images.save(pics[0], target, dpi=dpi, keep=keep))])
    files = [
        (dest.with_name(f"{dest.stem}-p{n:03d}{dest.suffix}"), images.save(pic, target, dpi=dpi))
        for n, pic in enumerate(pics, 1)
    ]
    return conv.sink.write(src.display, files)


def multipage_tiff(conv: Conversion, items: list[Item], out: Path) -> bool:
    """Every page of every input into one TIFF."""
    pics = [p for item in items for p in conv.pictures(item, conv.opts.gray)]
    return conv.sink.write(out.name, [(out, images.save_pages(pics, None))])
