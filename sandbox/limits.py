"""Named resource limits and the checks that apply them.

Defaults follow ``SECURITY.md``; every value can be changed from the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.errors import LimitError


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    max_dpi: int = 600
    max_side_px: int = 10_000  # a rendered PDF page, per side
    max_image_pixels: int = 100_000_000  # any decoded image or rendered page
    render_timeout_s: int = 60  # per page
    ocr_timeout_s: int = 180  # per page

    def check_pixels(self, display: str, width: int, height: int, page: int | None = None) -> None:
        where = f"{display} page {page + 1}" if page is not None else display
        if width * height > self.max_image_pixels:
            raise LimitError(
                f"{where}: {width}x{height} pixels exceeds the limit of {self.max_image_pixels:,} "
                "(raise it with --max-pixels if the input is trusted)"
            )

    def check_pages(self, display: str, pages: int) -> None:
        if pages > self.max_pages:
            raise LimitError(
                f"{display}: {pages} pages exceeds the limit of {self.max_pages} (raise it with --max-pages)"
            )

    def check_rendered_size(self, display: str, page: int, width_pt: float, height_pt: float, dpi: int) -> None:
        """Refuse before rendering when a PDF page at ``dpi`` would be too large."""
        w = width_pt * dpi / 72.0
        h = height_pt * dpi / 72.0
        if max(w, h) > self.max_side_px:
            raise LimitError(
                f"{display} page {page + 1}: {width_pt:.0f}x{height_pt:.0f} pt at {dpi} DPI renders to "
                f"{w:.0f}x{h:.0f} px, over {self.max_side_px} px a side (lower --dpi)"
            )
        self.check_pixels(display, int(w), int(h), page)
