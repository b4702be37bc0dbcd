"""Orchestration of ``sandbox convert`` and ``sandbox sanitize`` over many inputs.

The target comes from ``--to`` or the output file's extension.  With an output *file*, all
inputs go into it (PDF: merged in order; TIFF: a multi-page TIFF); with an output *directory*,
each input gives its own file(s).  Conversions that need reading (DOCX, Markdown, TXT,
searchable PDF) go through the OCR pipeline; everything else is pixels and page structure.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from sandbox import ingest, outputs, pipeline, poppler
from sandbox.api import Failure, RunSummary, check_tools, deliver, render_format, summarise
from sandbox.config import OcrSettings
from sandbox.convert import images, office, pages, targets
from sandbox.errors import InputError, SandboxError, UsageError
from sandbox.models import InputFile, InputKind
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


def resolve_target(opts: ConvertOptions, out: Path) -> tuple[str, bool]:
    """(target, output is a file)."""
    from_name = targets.from_extension(out.name) if not out.is_dir() else None
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
    force: bool = False,
    write_dir: Path | None = None,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
) -> RunSummary:
    started = time.monotonic()
    target, is_file = resolve_target(opts, out)
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
        outputs.check_free([dest], self.force)
        deliver(dest, data, self.outdir, self.write_dir, self.summary)

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
            return office.to_pdf(item.source.path, item.source.display, item.office_ext, self.work)
        if item.group == "image":
            tmp = self.work / f"img-{id(item)}.pdf"
            tmp.write_bytes(images.to_pdf([(item.source.path, item.source.kind)], self.opts.page_size, self.work))
            return tmp
        return item.source.path

    def selected(self, count: int) -> list[int]:
        return self.opts.pages.pages(count) if self.opts.pages else list(range(count))

    def render(self, item: Item, pdf: Path, index: int, gray: bool) -> Image.Image:
        src = replace(item.source, path=pdf)
        geo = poppler.page_geometry(pdf, src.display, index)
        self.settings.limits.check_rendered_size(src.display, index, geo.width_pt, geo.height_pt, self.settings.dpi)
        folder = self.work / f"r-{id(item)}-{index}"
        folder.mkdir()
        path = poppler.render_page(
            pdf, src.display, index, self.settings.dpi, folder, self.settings.limits.render_timeout_s, gray=gray
        )
        with Image.open(path) as img:
            img.load()
            picture = img.copy()
        path.unlink()
        folder.rmdir()
        self.tick()
        return picture

    def pictures(self, item: Item, gray: bool) -> list[Image.Image]:
        """Every selected page of the item as a picture, PDF pages rendered in parallel."""
        if item.group == "image":
            frames = list(images.frames(item.source.path, item.source.kind))
            chosen = [frames[i] for i in self.selected(len(frames))]
            self.tick(len(frames))
            return [f.convert("L") if gray else f for f in chosen]
        pdf = self.as_pdf(item)
        indices = self.selected(pages.page_count(pdf, item.source.display))
        with ThreadPoolExecutor(max_workers=max(1, self.settings.jobs)) as pool:
            return list(pool.map(lambda i: self.render(item, pdf, i, gray), indices))

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
                elif self.target == "pdf":
                    self.to_pdf(item, dest)
                else:
                    self.to_images(item, dest)
            except SandboxError as exc:
                self.fail(item, exc)
        if ocr_items:
            self.read([i for _, i in ocr_items], [plan[(n, self.target)] for n, _ in ocr_items])

    def to_pdf(self, item: Item, dest: Path) -> None:
        if self.opts.split:
            pdf = self.as_pdf(item)
            for n, index in enumerate(self.selected(pages.page_count(pdf, item.source.display)), 1):
                data = pages.assemble(
                    [(pdf, item.source.display, [index])],
                    rotate=self.opts.rotate,
                    keep_metadata=self.opts.keep_metadata,
                )
                self.write(dest.with_name(f"{dest.stem}-p{n:03d}.pdf"), data)
            return
        if item.group == "image" and not self.opts.pages and not self.opts.rotate:
            self.write(dest, images.to_pdf([(item.source.path, item.source.kind)], self.opts.page_size, self.work))
            return
        pdf = self.as_pdf(item)
        indices = self.selected(pages.page_count(pdf, item.source.display))
        self.write(
            dest,
            pages.assemble(
                [(pdf, item.source.display, indices)], rotate=self.opts.rotate, keep_metadata=self.opts.keep_metadata
            ),
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
        for n, pic in enumerate(pics, 1):
            self.write(dest.with_name(f"{dest.stem}-p{n:03d}{dest.suffix}"), images.save(pic, self.target, dpi=dpi))

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

        def done(result: pipeline.DocumentResult) -> None:
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
                    parts.append((pdf, item.source.display, self.selected(pages.page_count(pdf, item.source.display))))
                except SandboxError as exc:
                    self.fail(item, exc)
            if parts and not self.summary.failures:  # one file from all inputs: all of them or nothing
                self.write(out, pages.assemble(parts, rotate=self.opts.rotate, keep_metadata=self.opts.keep_metadata))
            return
        if self.target == "tiff" and len(items) > 1:
            pics = [p for item in items for p in self.pictures(item, self.opts.gray)]
            self.write(out, images.save_pages(pics, None))
            return
        if len(items) != 1:
            raise UsageError(f"-o {out.name}: several inputs into one file need --to pdf or tiff")
        if self.opts.sanitize:
            self.sanitize(items[0], out)
        elif self.target in targets.DOC_TARGETS or self.opts.ocr:
            self.read(items, [out])
        elif self.target == "pdf":
            self.to_pdf(items[0], out)
        else:
            self.to_images(items[0], out)
