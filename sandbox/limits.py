"""Named resource limits, where they come from, and the checks that apply them.

Every limit has a name used everywhere: ``--limit NAME=VALUE`` on any command, the
environment variable ``SANDBOX_LIMIT_NAME`` (upper case, ``-`` as ``_``), or ``NAME = VALUE``
in the ``[limits]`` table of the config file (``$SANDBOX_CONFIG``, else
``~/.config/ocr-sandbox/config.toml``).  Flags win over the environment, which wins over the
file.  Defaults and their reasons: docs/user-guide.md, "Limits and hostile input".
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sandbox.errors import LimitError, UsageError
from sandbox.userfiles import read_toml

HARD_MAX_PAGES = 10_000
# limit name → (field, unit shown in messages)
NAMES = {
    "max-file-size": ("max_file_bytes", "bytes"),
    "max-pages": ("max_pages", "pages"),
    "max-pixels": ("max_image_pixels", "pixels"),
    "max-side": ("max_side_px", "pixels a side"),
    "render-timeout": ("render_timeout_s", "seconds a page"),
    "ocr-timeout": ("ocr_timeout_s", "seconds a page"),
    "job-timeout": ("job_timeout_s", "seconds"),
    "max-memory": ("max_memory_mb", "MiB a worker"),
    "office-timeout": ("office_timeout_s", "seconds a document"),
    "staging-size": ("staging_mb", "MiB"),
    "tmp-size": ("tmp_mb", "MiB"),
    "max-unpacked": ("max_unpacked_mb", "MiB a document"),
    "max-parts": ("max_parts", "parts a document"),
    "max-attachments": ("max_attachments", "attachments an e-mail"),
    "max-nesting": ("max_nesting", "levels"),
}


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits on one input: file size, pages, rendered page side and decoded pixels.
    Exceeding one is a one-line error naming the file and the limit."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    max_side_px: int = 10_000  # a rendered PDF page, per side
    max_image_pixels: int = 100_000_000  # any decoded image or rendered page
    render_timeout_s: int = 60  # per page
    ocr_timeout_s: int = 180  # per page
    job_timeout_s: int = 3600  # the whole run
    max_memory_mb: int = 4096  # address space of each worker and its Tesseract/poppler
    office_timeout_s: int = 180  # LibreOffice converting one document to PDF
    staging_mb: int = 4096  # the sandbox's outputs not yet moved into place (a tmpfs in memory)
    tmp_mb: int = 2048  # the sandbox's private /tmp: pages, intermediate files (a tmpfs in memory)
    max_unpacked_mb: int = 256  # born-digital: a document's ZIP members (or an e-mail's parts), uncompressed
    max_parts: int = 10_000  # born-digital: ZIP members, MIME parts, HTML elements (thousands)
    max_attachments: int = 200  # an e-mail's attachments (each read as a document of its own)
    max_nesting: int = 3  # attachments inside attachments (an e-mail in an e-mail in an e-mail)

    def check_pixels(self, display: str, width: int, height: int, page: int | None = None) -> None:
        """Raise :class:`LimitError` when a ``width`` × ``height`` image (page ``page`` of
        ``display``) exceeds ``max_image_pixels``."""
        where = f"{display} page {page + 1}" if page is not None else display
        if width * height > self.max_image_pixels:
            raise LimitError(
                f"{where}: {width}x{height} pixels exceeds the limit of {self.max_image_pixels:,} "
                "(raise it with --limit max-pixels=N if the input is trusted)"
            )

    def check_pages(self, display: str, pages: int) -> None:
        """Raise :class:`LimitError` when ``display`` has more than ``max_pages`` pages."""
        if pages > self.max_pages:
            raise LimitError(
                f"{display}: {pages} pages exceeds the limit of {self.max_pages} (raise it with --limit max-pages=N)"
            )

    def check_rendered_size(self, display: str, page: int, width_pt: float, height_pt: float, dpi: int) -> None:
        """Refuse before rendering when a PDF page at ``dpi`` would be too large."""
        w = width_pt * dpi / 72.0
        h = height_pt * dpi / 72.0
        if max(w, h) > self.max_side_px:
            raise LimitError(
                f"{display} page {page + 1}: {width_pt:.0f}x{height_pt:.0f} pt at {dpi} DPI renders to "
                f"{w:.0f}x{h:.0f} px, over {self.max_side_px} px a side (lower --dpi or --limit max-side=N)"
            )
        self.check_pixels(display, int(w), int(h), page)


def _config_file() -> Path | None:
    explicit = os.environ.get("SANDBOX_CONFIG")
    if explicit:
        return Path(explicit)
    default = Path.home() / ".config" / "ocr-sandbox" / "config.toml"
    return default if default.is_file() else None


def _set(limits: Limits, name: str, raw: object, where: str) -> Limits:
    if name not in NAMES:
        raise UsageError(f"{where}: unknown limit '{name}' (known: {', '.join(NAMES)})")
    try:
        value = int(str(raw).replace("_", ""))
    except ValueError:
        raise UsageError(f"{where}: limit {name} must be a whole number") from None
    if value < 1:
        raise UsageError(f"{where}: limit {name} must be at least 1")
    if name == "max-pages" and value > HARD_MAX_PAGES:
        raise UsageError(f"{where}: max-pages cannot exceed {HARD_MAX_PAGES}")
    return replace(limits, **{NAMES[name][0]: value})


def load(flags: Sequence[str] = (), env: Mapping[str, str] | None = None, config: Path | None = None) -> Limits:
    """Defaults, then the config file, then the environment, then ``--limit`` flags."""
    env = os.environ if env is None else env
    limits = Limits()
    path = config or _config_file()
    if path is not None:
        data = read_toml(path, "config file")
        table = data.get("limits", {})
        if not isinstance(table, dict):
            raise UsageError(f"{path.name}: [limits] must be a table")
        for name, raw in table.items():
            limits = _set(limits, str(name), raw, path.name)
    for name in NAMES:
        key = "SANDBOX_LIMIT_" + name.upper().replace("-", "_")
        if key in env:
            limits = _set(limits, name, env[key], key)
    for flag in flags:
        name, sep, raw = flag.partition("=")
        if not sep:
            raise UsageError(f"--limit {flag}: give NAME=VALUE, e.g. --limit max-pages=50")
        limits = _set(limits, name.strip(), raw.strip(), "--limit")
    return limits
