"""Orchestration of ``sandbox convert`` and ``sandbox sanitize`` over many inputs.

The target comes from ``--to`` or the output file's extension.  With an output *file*, all
inputs go into it (PDF: merged in order; TIFF: a multi-page TIFF); with an output *directory*,
each input gives its own file(s).  Conversions that need reading (DOCX, Markdown, TXT,
searchable PDF) go through the OCR pipeline; everything else is pixels and page structure.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from sandbox import ingest, outputs, pipeline, poppler
from sandbox import pages as pages_io
from sandbox.api import Failure, RunSummary, check_tools, deliver, render_format, summarise
from sandbox.config import OcrSettings
from sandbox.convert import images, office, pages, targets
from sandbox.errors import InputError, SandboxError, UsageError
from sandbox.models import InputFile, InputKind
from sandbox.pages import PageTask
from sandbox.pipeline import PageHook
from sandbox.workdir import private_workdir
from sandbox.writers.pdf import PRODUCER, single_revision


@dataclass(frozen=True, slots=True)
class ConvertOptions:
    target: str | None = None
    pages: targets.PageRange | None = None
    gray: bool = False
    single_file: bool = False
    page_size: str | None = None
    keep_metadata: bool = False
    sanitize: bool = False
    ocr: bool = False
    split: bool = False
    rotate: int = 0

    @property
    def turn_only(self) -> bool:
        """``--rotate`` with ``--pages``: every page is kept, the selected ones are turned."""
        return bool(self.rotate and self.pages)


@dataclass(frozen=True, slots=True)
class Item:
    source: InputFile  # kind is PDF for office documents once converted
    group: str  # "pdf", "image" or "office"
    office_ext: str = ""


def _identify(
    args: Sequence[str], settings: OcrSettings, work: Path, stdin: BinaryIO | None, summary: RunSummary
) -> list[Item]:
    items: list[Item] = []
    for cand in ingest.expand(args, work, stdin):
        try:
            ext = office.kind(cand.path) if cand.path.is_file() else None
            if ext:
                items.append(Item(InputFile(cand.path, cand.display, cand.name, InputKind.PDF, 1), "office", ext))
                continue
            found = ingest.identify(cand, settings.limits, work, settings.password)
        except SandboxError as exc:
            summary.failures.append(Failure(cand.display, exc.message, int(exc.exit_code)))
            continue
        except OSError as exc:
            summary.failures.append(Failure(cand.display, f"{cand.display}: cannot read ({exc.strerror})", 3))
            continue
        if found is not None:
            items.append(Item(found, "pdf" if found.kind is InputKind.PDF else "image"))
        else:
            summary.skipped += 1
    if not items and not summary.failures:
        raise InputError("no documents found in the given paths")
    return items


def resolve_target(opts: ConvertOptions, out: Path, out_is_file: bool) -> tuple[str, bool]:
    """(target, output is a file); ``out_is_file`` as decided by :func:`targets.output_is_file`."""
    from_name = targets.from_extension(out.name) if out_is_file else None
    if opts.sanitize or opts.split:
        target = "pdf"
    elif opts.target:
        target = targets.normalise(opts.target)
    elif from_name:
        target = from_name
    else:
        raise UsageError("give --to FORMAT, or an output file name with an extension (e.g. -o out.pdf)")
    if target not in targets.EXTENSIONS:
        raise UsageError(f"--to: unknown format '{target}' (choose from {', '.join(targets.EXTENSIONS)})")
    is_file = from_name is not None and not opts.split
    if is_file and from_name != target:
        raise UsageError(f"-o {out.name}: the extension does not match --to {target}")
    return target, is_file


def run_convert(
    args: Sequence[str],
    settings: OcrSettings,
    out: Path,
    opts: ConvertOptions,
    *,
    out_is_file: bool | None = None,
    force: bool = False,
    write_dir: Path | None = None,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
) -> RunSummary:
    started = time.monotonic()
    target, is_file = resolve_target(opts, out, targets.output_is_file(out) if out_is_file is None else out_is_file)
    outdir = out.parent if is_file else out
    ocr_needed = target in targets.DOC_TARGETS or (opts.ocr and target == "pdf")
    if ocr_needed:
        settings = check_tools(settings)
    ingest.configure_pillow(settings.limits)
    summary = RunSummary()
    with private_workdir() as work:
        items = _identify(args, settings, work, stdin, summary)
        for item in items:
            targets.check(item.group, target, item.source.display)
        if is_file and len(items) > 1 and target not in ("pdf", "tiff"):
            raise UsageError(f"-o {out.name}: several inputs go into one file only for PDF or TIFF; give -o DIR")
        if is_file and target in targets.DOC_TARGETS and len(items) > 1:
            raise UsageError(f"-o {out.name}: one input per {target} file; give -o DIR")
        if any(i.group == "pdf" for i in items):
            poppler.require("pdftoppm")
        ctx = _Context(settings, opts, target, work, outdir, write_dir, force, summary, on_page)
        if on_start is not None:
            on_start(sum(i.source.page_count for i in items))
        if is_file:
            ctx.one_file(items, out)
        else:
            ctx.each(items)
    summary.seconds = time.monotonic() - started
    return summary


@dataclass(frozen=True, slots=True)
class _Render:
    task: PageTask[None]
    gray: bool


def _render_picture(req: _Render) -> Image.Image:
    """One PDF page as a picture, in a worker: size checked before and after rendering
    (as for OCR, so poppler's 1x1 image on exhaustion is an error, not a page)."""
    image, _, _ = pages_io.render(req.task, gray=req.gray)
    try:
        with Image.open(image) as img:
            img.load()
            return img.copy()
    finally:
        image.unlink(missing_ok=True)


class _Context:
    """One conversion run: settings, where to write, and the summary to fill."""

    def __init__(
        self, settings: OcrSettings, opts: ConvertOptions, target: str, work: Path, outdir: Path,
        write_dir: Path | None, force: bool, summary: RunSummary, on_page: PageHook | None,
    ) -> None:  # fmt: skip
        self.settings, self.opts, self.target, self.work = settings, opts, target, work
        self.outdir, self.write_dir, self.force, self.summary, self.on_page = outdir, write_dir, force, summary, on_page

    # --- writing --------------------------------------------------------------------------

    def write(self, dest: Path, data: bytes) -> None:
        self.write_all([(dest, data)])

    def write_all(self, products: list[tuple[Path, bytes]]) -> None:
        """All files of one input, or none (see :func:`sandbox.api.deliver`)."""
        deliver(products, self.outdir, self.write_dir, self.summary, self.force)

    def fail(self, item: Item, exc: SandboxError) -> None:
        self.summary.failures.append(Failure(item.source.display, exc.message, int(exc.exit_code)))

    def tick(self, n: int = 1) -> None:
        if self.on_page is not None:
            for _ in range(n):
                self.on_page(None)

    # --- inputs as PDFs or pictures -------------------------------------------------------

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
                    [(item.source.path, item.source.kind)], self.opts.page_size, self.work, self.settings.limits
                )
            )
            return tmp
        return item.source.path

    def selected(self, count: int) -> list[int]:
        return self.opts.pages.pages(count) if self.opts.pages else list(range(count))

    def pictures(self, item: Item, gray: bool) -> list[Image.Image]:
        """Every selected page of the item as a picture (turned by ``--rotate``, clockwise as a
        PDF's /Rotate), PDF pages rendered in parallel."""
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
            tasks = [_Render(PageTask(0, src, i, self.settings, self.work), gray) for i in indices]
            pics = pipeline.map_pages(_render_picture, tasks, self.settings, self.work)
            self.tick(len(pics))
        turn = set(self.selected(len(indices))) if turn_only else set(range(len(indices)))
        if self.opts.rotate:
            pics = [p.rotate(-self.opts.rotate, expand=True) if n in turn else p for n, p in enumerate(pics)]
        return pics

    # --- per input ------------------------------------------------------------------------

    def each(self, items: list[Item]) -> None:
        plan = outputs.plan([i.source for i in items], [self.target], self.outdir)
        ocr_items: list[tuple[int, Item]] = []
        for n, item in enumerate(items):
            dest = plan[(n, self.target)]
            try:
                if self.target in targets.DOC_TARGETS or (
                    self.opts.ocr and self.target == "pdf" and not self.opts.sanitize
                ):
                    ocr_items.append((n, item))
                elif self.opts.sanitize:
                    self.sanitize(item, dest)
                    self.summary.converted += not self.opts.ocr  # with --ocr, read() counts it
                elif self.target == "pdf":
                    self.to_pdf(item, dest)
                    self.summary.converted += 1
                else:
                    self.to_images(item, dest)
                    self.summary.converted += 1
            except SandboxError as exc:
                self.fail(item, exc)
        if ocr_items:
            self.read([i for _, i in ocr_items], [plan[(n, self.target)] for n, _ in ocr_items])

    def to_pdf(self, item: Item, dest: Path) -> None:
        if self.opts.split:
            pdf = self.as_pdf(item)
            parts = [
                (
                    dest.with_name(f"{dest.stem}-p{n:03d}.pdf"),
                    pages.assemble(
                        [(pdf, item.source.display, [index])],
                        rotate=self.opts.rotate,
                        keep_metadata=self.opts.keep_metadata,
                    ),
                )
                for n, index in enumerate(self.selected(pages.page_count(pdf, item.source.display)), 1)
            ]
            self.write_all(parts)
            return
        if item.group == "image" and not self.opts.pages and not self.opts.rotate:
            self.write(
                dest,
                images.to_pdf(
                    [(item.source.path, item.source.kind)], self.opts.page_size, self.work, self.settings.limits
                ),
            )
            return
        pdf = self.as_pdf(item)
        self.write(dest, self.assemble([(pdf, item.source.display, pages.page_count(pdf, item.source.display))]))

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

    def to_images(self, item: Item, dest: Path) -> None:
        pics = self.pictures(item, self.opts.gray)
        dpi = (
            (self.settings.dpi, self.settings.dpi)
            if item.group != "image"
            else images.image_dpi(item.source.path, item.source.kind)
        )
        keep = (
            images.kept_metadata(item.source.path, item.source.kind)
            if self.opts.keep_metadata and item.group == "image"
            else None
        )
        if self.target == "tiff" and (self.opts.single_file or len(pics) == 1):
            self.write(
                dest,
                images.save_pages(pics, dpi) if len(pics) > 1 else images.save(pics[0], "tiff", dpi=dpi, keep=keep),
            )
            return
        if len(pics) == 1:
            self.write(dest, images.save(pics[0], self.target, dpi=dpi, keep=keep))
            return
        self.write_all(
            [
                (dest.with_name(f"{dest.stem}-p{n:03d}{dest.suffix}"), images.save(pic, self.target, dpi=dpi))
                for n, pic in enumerate(pics, 1)
            ]
        )

    def sanitize(self, item: Item, dest: Path) -> None:
        """Pixels only: every page rendered, rebuilt into a fresh PDF (optionally with OCR)."""
        import io

        import img2pdf

        pics = self.pictures(item, gray=False)
        dpi = (
            self.settings.dpi
            if item.group != "image"
            else (images.image_dpi(item.source.path, item.source.kind) or (self.settings.dpi, self.settings.dpi))[0]
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
        if not self.opts.ocr:
            self.write(dest, data)
            return
        clean = self.work / f"clean-{id(item)}.pdf"
        clean.write_bytes(data)
        self.read(
            [Item(replace(item.source, path=clean, kind=InputKind.PDF, page_count=len(pics)), "pdf")],
            [dest],
            force_ocr=True,
        )

    def read(self, items: list[Item], dests: list[Path], force_ocr: bool = False) -> None:
        """Conversions that need OCR: one pipeline run over every page of these inputs."""
        sources = []
        for item in items:
            src = item.source
            if item.group == "office":
                src = replace(src, path=self.as_pdf(item), kind=InputKind.PDF)
                src = replace(src, page_count=pages.page_count(src.path, src.display))
            sources.append(src)
        settings = replace(
            self.settings, force_ocr=force_ocr or self.settings.force_ocr, keep_images=self.target == "pdf"
        )

        def done(result: pipeline.DocumentResult[None]) -> None:
            item, dest = items[result.index], dests[result.index]
            try:
                if result.document is None:
                    for msg, code in result.errors:
                        self.summary.failures.append(Failure(item.source.display, msg, code))
                    return
                self.write(dest, render_format(self.target, result.document, result.images))
                self.summary.documents.append(summarise(result.document, item.source.display))
            except SandboxError as exc:
                self.fail(item, exc)
            finally:
                for image in result.images:
                    if image is not None and image != sources[result.index].path:
                        image.unlink(missing_ok=True)

        pipeline.run(sources, settings, self.work, done, self.on_page)

    # --- everything into one file ----------------------------------------------------------

    def one_file(self, items: list[Item], out: Path) -> None:
        if self.target == "pdf" and not self.opts.sanitize and not self.opts.ocr:
            parts = []
            for item in items:
                try:
                    pdf = self.as_pdf(item)
                    parts.append((pdf, item.source.display, pages.page_count(pdf, item.source.display)))
                except SandboxError as exc:
                    self.fail(item, exc)
            if parts and not self.summary.failures:  # one file from all inputs: all of them or nothing
                self.write(out, self.assemble(parts))
                self.summary.converted += len(parts)
            return
        if self.target == "tiff" and len(items) > 1:
            pics = [p for item in items for p in self.pictures(item, self.opts.gray)]
            self.write(out, images.save_pages(pics, None))
            self.summary.converted += len(items)
            return
        if len(items) != 1:
            raise UsageError(f"-o {out.name}: several inputs into one file need --to pdf or tiff")
        if self.opts.sanitize:
            self.sanitize(items[0], out)
            self.summary.converted += not self.opts.ocr
        elif self.target in targets.DOC_TARGETS or self.opts.ocr:
            self.read(items, [out])
        else:
            (self.to_pdf if self.target == "pdf" else self.to_images)(items[0], out)
            self.summary.converted += 1
