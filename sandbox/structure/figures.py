"""Pictures on a scanned page (photos, charts, drawings) and what colour says about its text.

A figure is a region the layout model (:mod:`sandbox.structure.layout_model`) calls ``figure``
that the page's ink confirms: it holds ink that is not words (strokes, bars, photo tones) and
words cover little of it, and it is not a table already found.  Its crop of the page (the
page's own pixels, nothing else) goes into the outputs as a picture; the words read inside it
stay with it as its text, so no word is lost or read twice.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sandbox.models import BBox, Page, Word
from sandbox.structure.layout_model import Detection, detect

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from PIL import Image

MIN_AREA = 0.01  # share of the page a figure covers at least
MAX_WORDS = 0.35  # share of a figure's area its words may cover at most (more: it is text)
MIN_INK = 0.015  # share of a figure's area that must be ink outside the words
MAX_TABLE_OVERLAP = 0.3  # share of a figure that may lie on a table already found
MAX_SIDE = 1600  # pixels: a larger crop is scaled down (about 200 DPI across a page's width)
RED_SHARE = 0.5  # share of a line's ink that is red for the line to be red


@dataclass(frozen=True, slots=True)
class Found:
    """A figure: its box (page pixels), the words inside it and its crop, encoded."""

    bbox: BBox
    taken: frozenset[int]
    image: bytes
    image_type: str


def page_detections(picture: Image.Image | None, page: Page) -> list[Detection]:
    """The layout model's regions on ``picture``, in the page's pixels (empty without a picture)."""
    if picture is None or not page.width or not page.height:
        return []
    found = detect(picture)
    sx, sy = page.width / picture.width, page.height / picture.height
    if abs(sx - 1) < 1e-3 and abs(sy - 1) < 1e-3:
        return found
    out = []
    for d in found:
        box = BBox(round(d.bbox.x0 * sx), round(d.bbox.y0 * sy), round(d.bbox.x1 * sx), round(d.bbox.y1 * sy))
        out.append(Detection(d.label, box, d.score))
    return out


def _overlap(a: BBox, b: BBox) -> int:
    return max(0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0, min(a.y1, b.y1) - max(a.y0, b.y0))


def _inside(word: Word, box: BBox) -> bool:
    cx, cy = (word.bbox.x0 + word.bbox.x1) / 2, (word.bbox.y0 + word.bbox.y1) / 2
    return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1


def find(
    detections: Sequence[Detection],
    words: Sequence[Word],
    taken: set[int],
    tables: Sequence[BBox],
    dark: npt.NDArray[np.bool_] | None,
    picture: Image.Image | None,
    page: Page,
) -> list[Found]:
    """The figures among ``detections`` that the ink confirms (see the module), each with the
    indices of the words inside it that no table took."""
    if dark is None or picture is None:
        return []
    out: list[Found] = []
    used: set[int] = set(taken)
    for det in detections:
        box = det.bbox
        area = box.width * box.height
        if det.label != "figure" or area < MIN_AREA * page.width * page.height:
            continue
        if any(_overlap(box, t) > MAX_TABLE_OVERLAP * area for t in tables):
            continue
        if any(_overlap(box, f.bbox) > MAX_TABLE_OVERLAP * area for f in out):
            continue
        mine = [n for n, w in enumerate(words) if n not in used and _inside(w, box)]
        ink = dark[box.y0 : box.y1, box.x0 : box.x1].copy()
        covered = 0
        for n in mine:
            w = words[n].bbox
            covered += _overlap(w, box)
            ink[max(0, w.y0 - box.y0) : max(0, w.y1 - box.y0), max(0, w.x0 - box.x0) : max(0, w.x1 - box.x0)] = False
        if covered > MAX_WORDS * area or float(ink.mean()) < MIN_INK:
            continue
        image, kind = crop(picture, box, page)
        used.update(mine)
        out.append(Found(box, frozenset(mine), image, kind))
    return out


def crop(picture: Image.Image, box: BBox, page: Page) -> tuple[bytes, str]:
    """The picture's pixels inside ``box`` (page pixels) as (bytes, media type): PNG for drawings
    (at most 256 colours), JPEG for photos (a grey photo has at most 256 tones too: JPEG when
    it is less than half of the PNG); scaled down to ``MAX_SIDE`` on its longer side."""
    sx, sy = picture.width / page.width, picture.height / page.height
    part = picture.crop((round(box.x0 * sx), round(box.y0 * sy), round(box.x1 * sx), round(box.y1 * sy)))
    if part.mode not in ("L", "RGB"):
        part = part.convert("RGB")
    longest = max(part.size)
    if longest > MAX_SIDE:
        part = part.resize((max(1, part.width * MAX_SIDE // longest), max(1, part.height * MAX_SIDE // longest)))
    jpeg = io.BytesIO()
    part.save(jpeg, format="JPEG", quality=85)
    if part.getcolors(256) is not None:
        png = io.BytesIO()
        part.save(png, format="PNG", optimize=True)
        if 2 * jpeg.tell() >= png.tell():
            return png.getvalue(), "image/png"
    return jpeg.getvalue(), "image/jpeg"


def colour(picture: Image.Image | None, page: Page) -> npt.NDArray[np.uint8] | None:
    """The page's pixels as RGB in the page's size, or None when the picture has no colour."""
    if picture is None or picture.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return None
    import numpy as np

    rgb = picture.convert("RGB")
    if rgb.size != (page.width, page.height):
        rgb = rgb.resize((page.width, page.height))
    return np.asarray(rgb, dtype=np.uint8)


def red(rgb: npt.NDArray[np.uint8] | None, dark: npt.NDArray[np.bool_] | None, box: BBox) -> bool:
    """Whether most of the ink inside ``box`` is red (a 红头 masthead, a seal's text)."""
    if rgb is None or dark is None:
        return False
    import numpy as np

    pixels = rgb[max(0, box.y0) : box.y1, max(0, box.x0) : box.x1].astype(np.int16)
    ink = dark[max(0, box.y0) : box.y1, max(0, box.x0) : box.x1]
    if not ink.any():
        return False
    r, g, b = pixels[..., 0][ink], pixels[..., 1][ink], pixels[..., 2][ink]
    reddish = (r > 120) & (r - g > 60) & (r - b > 60)
    return float(reddish.mean()) >= RED_SHARE


def ink_colour(rgb: npt.NDArray[np.uint8] | None, dark: npt.NDArray[np.bool_] | None, box: BBox) -> str:
    """The colour of the ink inside ``box`` as ``#rrggbb``: the median of the darker half of its
    ink pixels (the strokes' cores, not their edges blended with the paper); "" when the page
    has no colour or the box no ink."""
    if rgb is None or dark is None:
        return ""
    import numpy as np

    pixels = rgb[max(0, box.y0) : box.y1, max(0, box.x0) : box.x1]
    ink = pixels[dark[max(0, box.y0) : box.y1, max(0, box.x0) : box.x1]].astype(np.int32)
    if not len(ink):
        return ""
    luma = ink @ np.array([299, 587, 114], dtype=np.int32)
    core = ink[luma <= np.median(luma)]
    r, g, b = (int(np.median(core[:, c])) for c in range(3))
    return f"#{r:02x}{g:02x}{b:02x}"
