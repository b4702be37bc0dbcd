"""Images and pages as pictures: image → image, images → PDF, PDF pages → images.

Metadata is dropped unless asked to keep it (EXIF with its thumbnail and GPS, XMP, comments);
the ICC profile stays so colours do not shift.  An EXIF rotation is applied to the pixels
before EXIF is dropped.  Images → PDF is lossless where the format allows (img2pdf: JPEG
kept as JPEG, PNG not recompressed); what img2pdf cannot embed (alpha, WebP, HEIF, 16-bit)
is first made a lossless PNG.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps

from sandbox.convert.options import PAGE_SIZES
from sandbox.convert.targets import PILLOW_SAVE
from sandbox.imaging import ALPHA_MODES, dpi_tag, on_white
from sandbox.ingest import MULTI_PAGE, open_image
from sandbox.limits import Limits
from sandbox.models import InputKind
from sandbox.writers.pdf import PRODUCER, single_revision


def frames(path: Path, kind: InputKind, limits: Limits | None = None, display: str = "") -> Iterator[Image.Image]:
    """Every page of the image (all frames of a TIFF), upright, loaded; with ``limits``, each
    frame's size is checked before its pixels are decoded."""
    with open_image(path, kind) as img:
        count = getattr(img, "n_frames", 1) if kind in MULTI_PAGE else 1
        for n in range(count):
            img.seek(n)
            if limits is not None:
                limits.check_pixels(display or path.name, img.width, img.height, n)
            frame = ImageOps.exif_transpose(img)
            frame.load()
            yield frame


def _for_target(img: Image.Image, target: str) -> Image.Image:
    if target in ("jpeg", "bmp") and img.mode not in ("L", "RGB", "CMYK" if target == "jpeg" else "RGB"):
        return on_white(img) if img.mode in ("P", *ALPHA_MODES) else img.convert("RGB")
    if img.mode.startswith("I;16") and target in ("webp", "bmp", "jpeg"):
        return img.convert("I").point(lambda v: v / 256).convert("L")
    return img


def save(img: Image.Image, target: str, *, dpi: tuple[int, int] | None, keep: dict[str, object] | None = None) -> bytes:
    """Encode one image; only the ICC profile (and DPI) is carried unless ``keep`` has more."""
    out = _for_target(img, target)
    params: dict[str, object] = {}
    if dpi and target in ("png", "jpeg", "tiff", "bmp"):
        params["dpi"] = dpi
    icc = img.info.get("icc_profile")
    if icc and target in ("png", "jpeg", "tiff", "webp"):
        params["icc_profile"] = icc
    if target == "jpeg":
        params.update(quality=92, subsampling=0)
    if target == "webp":
        params.update(lossless=True)
    if target == "tiff":
        params.update(compression="tiff_deflate" if out.mode != "1" else "group4")
    if keep:
        params.update(keep)
    buf = io.BytesIO()
    out.save(buf, format=PILLOW_SAVE[target], **params)
    return buf.getvalue()


def save_pages(pages: list[Image.Image], dpi: tuple[int, int] | None) -> bytes:
    """A multi-page TIFF."""
    buf = io.BytesIO()
    first, rest = pages[0], pages[1:]
    params: dict[str, object] = {"compression": "tiff_deflate", "save_all": True, "append_images": rest}
    if dpi:
        params["dpi"] = dpi
    first.save(buf, format="TIFF", **params)
    return buf.getvalue()


def kept_metadata(path: Path, kind: InputKind) -> dict[str, object]:
    """EXIF and XMP of the source, for --keep-metadata."""
    with open_image(path, kind) as img:
        out: dict[str, object] = {}
        exif = img.info.get("exif")
        if exif:
            out["exif"] = exif
        xmp = img.info.get("xmp")
        if xmp:
            out["xmp"] = xmp
        return out


def image_dpi(path: Path, kind: InputKind) -> tuple[int, int] | None:
    """The DPI the file states (kept as it is in conversions: it sets the page size)."""
    with open_image(path, kind) as img:
        tag = dpi_tag(img.info)
    return (round(tag[0]), round(tag[1])) if tag else None


def to_pdf(
    images: list[tuple[Path, InputKind]],
    page_size: str | None,
    workdir: Path,
    limits: Limits | None = None,
    optimize: int = 1,
) -> bytes:
    """One PDF of every image (every TIFF page) in order: JPEG kept byte for byte, the rest as
    ``--optimize`` chooses (``sandbox.compress``; 0: lossless as the format allows)."""
    import img2pdf

    from sandbox import compress

    sources: list[str | bytes] = []
    for path, kind in images:
        if (kind is InputKind.JPEG or (kind is InputKind.PNG and optimize == 0)) and _img2pdf_can(path, kind):
            sources.append(str(path))
            continue
        for frame in frames(path, kind, limits):
            dpi = image_dpi(path, kind)
            clean = frame if frame.mode in ("1", "L", "RGB", "CMYK") else _for_target(frame, "jpeg")
            if optimize and clean.mode != "CMYK":
                sources.append(compress.picture(clean, dpi, optimize).data)
            else:
                sources.append(save(clean, "png", dpi=dpi))
    kwargs: dict[str, object] = {"nodate": True, "producer": PRODUCER, "rotation": img2pdf.Rotation.ifvalid}
    if page_size:
        w, h = PAGE_SIZES[page_size.lower()]
        kwargs["layout_fun"] = img2pdf.get_layout_fun(
            (img2pdf.mm_to_pt(w), img2pdf.mm_to_pt(h)), fit=img2pdf.FitMode.into
        )
    data = img2pdf.convert(sources, **kwargs)
    assert isinstance(data, bytes)
    return single_revision(data, optimize)


def _img2pdf_can(path: Path, kind: InputKind) -> bool:
    with open_image(path, kind) as img:
        return img.mode in ("1", "L", "RGB", "CMYK")
