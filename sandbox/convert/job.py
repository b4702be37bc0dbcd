"""One conversion run's shared state, and its inputs seen as PDF files or as pictures.

The per-target functions (``to_pdf``, ``to_images``, ``sanitize``, ``to_text``) take a
:class:`Conversion` and write through its :class:`~sandbox.run.sink.Sink`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from sandbox import pages as pages_io
from sandbox import pipeline, poppler
from sandbox.config import OcrSettings
from sandbox.convert import images, office, pages
from sandbox.convert.options import ConvertOptions
from sandbox.models import InputFile
from sandbox.pages import PageTask
from sandbox.pipeline import PageHook
from sandbox.run.sink import Sink

__all__ = ["Conversion", "ConvertOptions", "Item", "render_picture"]


@dataclass(frozen=True, slots=True)
class Item:
    """One input of a conversion and its group (``pdf``, ``image`` or ``office``), which decides the targets it can be
    made into.
    """

    source: InputFile  # kind is PDF for office documents once converted
    group: str  # "pdf", "image" or "office"
    office_ext: str = ""


@dataclass(frozen=True, slots=True)
class _Render:
    task: PageTask[None]
    gray: bool


def render_picture(req: _Render) -> Image.Image:
    """One PDF page as a picture, in a worker: size checked before and after rendering
    (as for OCR, so poppler's 1x1 image on exhaustion is an error, not a page)."""
    image, _, _ = pages_io.render(req.task, gray=req.gray)
    try:
        with Image.open(image) as img:
            img.load()
            return img.copy()
    finally:
        image.unlink(missing_ok=True)


def _turned(pic: Image.Image, degrees: int) -> Image.Image:
    turned = pic.rotate(-degrees, expand=True)
    turned.info.update(pic.info)
    return turned


@dataclass(frozen=True, slots=True)
class Conversion:
    """What every step of one ``convert`` run shares: settings, options, target, work folder, sink and the page hook."""

    settings: OcrSettings
    opts: ConvertOptions
    target: str
    work: Path
    sink: Sink
    on_page: PageHook | None = None

    def tick(self, n: int = 1) -> None:
        """Report ``n`` pages done to the progress hook, if any."""
        if self.on_page is not None:
            for _ in range(n):
                self.on_page(None)

    def as_pdf(self, item: Item) -> Path:
        """The item as a PDF file (office documents converted, images embedded losslessly)."""
        if item.group == "office":
            return office.to_pdf(
                item.source.path, item.source.display, item.office_ext, self.work, self.settings.limits.office_timeout_s
            )
        if item.group == "image":
            tmp = self.work / f"img-{id(item)}.pdf"
            tmp.write_bytes(
                images.to_pdf(
                    [(item.source.path, item.source.kind)],
                    self.opts.page_size,
                    self.work,
                    self.settings.limits,
                    self.settings.optimize,
                )
            )
            return tmp
        return item.source.path

    def selected(self, count: int) -> list[int]:
        """The 0-based pages ``--pages`` picks from ``count`` pages, in order; all of them without ``--pages``."""
        return self.opts.pages.pages(count) if self.opts.pages else list(range(count))

    def page_dpi(self, pdf: Path, display: str, index: int) -> tuple[int, bool]:
        """(rendering DPI, the page is a black-and-white scan): the run's DPI, or with
        ``native_dpi`` the resolution of the page's own pictures (72–600; pages without any: the run's)."""
        if not self.opts.native_dpi:
            return self.settings.dpi, False
        found = poppler.page_pictures(pdf, display, index, self.settings.limits.render_timeout_s)
        if found.ppi is None:
            return self.settings.dpi, False
        return max(72, min(600, found.ppi)), found.bilevel

    def pictures(self, item: Item, gray: bool) -> list[Image.Image]:
        """Every selected page of the item as a picture (turned by ``--rotate``, clockwise as a
        PDF's /Rotate), PDF pages rendered in parallel by capped workers.  Each picture's
        ``info["dpi"]`` is its resolution; ``info["bilevel"]`` marks a black-and-white scan."""
        turn_only = self.opts.turn_only
        if item.group == "image":
            frames = list(images.frames(item.source.path, item.source.kind, self.settings.limits, item.source.display))
            indices = list(range(len(frames))) if turn_only else self.selected(len(frames))
            self.tick(len(frames))
            pics = [frames[i].convert("L") if gray else frames[i] for i in indices]
        else:
            pdf = self.as_pdf(item)
            count = pages.page_count(pdf, item.source.display)
            indices = list(range(count)) if turn_only else self.selected(count)
            src = replace(item.source, path=pdf)
            dpis = [self.page_dpi(pdf, item.source.display, i) for i in indices]
            tasks = [
                _Render(PageTask(0, src, i, replace(self.settings, dpi=dpi), self.work), gray)
                for i, (dpi, _) in zip(indices, dpis, strict=True)
            ]
            pics = pipeline.map_pages(render_picture, tasks, self.settings, self.work)
            for pic, (dpi, bilevel) in zip(pics, dpis, strict=True):
                pic.info["dpi"], pic.info["bilevel"] = (dpi, dpi), bilevel
            self.tick(len(pics))
        turn = set(self.selected(len(indices))) if turn_only else set(range(len(indices)))
        if self.opts.rotate:
            pics = [_turned(p, self.opts.rotate) if n in turn else p for n, p in enumerate(pics)]
        return pics

    def assemble(self, parts: list[tuple[Path, str, int]]) -> bytes:
        """One PDF of (file, name, page count) parts.  ``--pages`` picks the pages to keep, or,
        with ``--rotate``, the pages to turn: the others stay, in place."""
        chosen = [(path, name, self.selected(count)) for path, name, count in parts]
        if not self.opts.turn_only:
            return pages.assemble(chosen, rotate=self.opts.rotate, keep_metadata=self.opts.keep_metadata)
        turn = {(part, i) for part, (_, _, indices) in enumerate(chosen) for i in indices}
        return pages.assemble(
            [(path, name, list(range(count))) for path, name, count in parts],
            rotate=self.opts.rotate,
            rotate_pages=turn,
            keep_metadata=self.opts.keep_metadata,
        )
