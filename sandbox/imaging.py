"""Pixel-mode rules every image path shares: flattening onto white and the DPI tag.

One place decides how transparency, 16-bit, CMYK and palette images become the L/RGB pixels
the rest of the code works on, and how an image's DPI tag is read (reading and conversion
then apply their own use of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PIL import Image

if TYPE_CHECKING:
    from numpy.typing import NDArray

ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
FLAT = 24  # grey levels: an image whose values span less than this shows nothing


def on_white(img: Image.Image) -> Image.Image:
    """Transparent pixels composited onto white, as RGB (viewers show transparency as paper).

    When that leaves nothing to see although the alpha channel has a shape (white writing on a
    transparent background, as icons and overlays have), it is composited onto black instead.
    """
    rgba = img.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(white, rgba).convert("RGB")
    if _span(flat.convert("L")) < FLAT and _span(rgba.getchannel("A")) >= FLAT:
        black = Image.new("RGBA", rgba.size, (0, 0, 0, 255))
        return Image.alpha_composite(black, rgba).convert("RGB")
    return flat


def _span(channel: Image.Image) -> int:
    low, high = channel.getextrema()
    return int(high) - int(low)  # type: ignore[arg-type]


def flatten(img: Image.Image) -> Image.Image:
    """1, L or RGB: alpha composited on white, palette expanded, 16-bit and CMYK made 8-bit."""
    if img.mode in ("1", "L", "RGB"):
        return img
    if img.mode in ("I;16", "I;16B", "I;16L"):
        return img.point(lambda v: v / 256).convert("L")
    if img.mode == "I":
        return img.convert("L")
    if img.mode in ("P", *ALPHA_MODES):
        return on_white(img)
    return img.convert("RGB")


def gray(img: Image.Image) -> Image.Image:
    """The image as 8-bit grey, transparency on white."""
    return img if img.mode == "L" else flatten(img).convert("L")


def dpi_tag(info: dict[str, object]) -> tuple[float, float] | None:
    """The DPI an image file states (Pillow's ``info["dpi"]``), when it states a usable one."""
    raw = info.get("dpi")
    if not isinstance(raw, tuple) or len(raw) != 2:
        return None
    try:
        x, y = float(raw[0]), float(raw[1])
    except (TypeError, ValueError):
        return None
    return (x, y) if x > 1 and y > 1 else None


def two_tone(img: Image.Image) -> Image.Image:
    """A black-and-white scan's bits again, from a rendering that smoothed its edges into greys."""
    return img.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")


def channel_min(pixels: NDArray[Any]) -> NDArray[Any]:
    """Per-pixel minimum over the channels of an H×W×C array: exactly ``pixels.min(axis=2)``
    (a new contiguous array of its type), without NumPy's slow reduction over the last axis
    (about 25 times the time on a page)."""
    import numpy as np

    out = np.array(pixels[..., 0], copy=True, order="C")
    for c in range(1, pixels.shape[2]):
        np.minimum(out, pixels[..., c], out=out)
    return out


def channel_max(pixels: NDArray[Any]) -> NDArray[Any]:
    """Per-pixel maximum over the channels of an H×W×C array: exactly ``pixels.max(axis=2)``."""
    import numpy as np

    out = np.array(pixels[..., 0], copy=True, order="C")
    for c in range(1, pixels.shape[2]):
        np.maximum(out, pixels[..., c], out=out)
    return out
