"""Which conversions exist: targets by input kind, output names, page ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sandbox import formats
from sandbox.errors import UsageError

PILLOW_SAVE = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF", "webp": "WEBP", "bmp": "BMP"}


def supported() -> dict[str, tuple[str, ...]]:
    """What can be made from each kind of input ("image" covers every image type, "office"
    documents), from the format registry (:mod:`sandbox.formats`)."""
    return {group: formats.convert_targets(group) for group in formats.CONVERT_GROUPS}


def normalise(target: str) -> str:
    """``target`` trimmed, lower case, without a leading dot, an alias replaced by its target (not checked)."""
    t = target.strip().lower().lstrip(".")
    return formats.aliases().get(t, t)


def from_extension(name: str) -> str | None:
    """The conversion target a file name's extension names, or None when it names none."""
    match = re.search(r"\.([A-Za-z0-9]+)$", name)
    if not match:
        return None
    t = normalise(match.group(1))
    return t if t in formats.convert_targets() else None


def cannot_make(name: str) -> str | None:
    """For an output name whose extension is no target (``t.xlsx``): the line saying so, and what
    can be made (from the target tables, whatever they hold); None for a name without one."""
    match = re.search(r"\.([A-Za-z0-9]+)$", name)
    if not match or from_extension(name) is not None:
        return None
    by_targets: dict[tuple[str, ...], list[str]] = {}
    for group, made in supported().items():
        by_targets.setdefault(made, []).append(GROUP_NAMES.get(group, group))
    can = "; ".join(f"from {' and '.join(groups)}: {', '.join(made)}" for made, groups in by_targets.items())
    return f"-o {name}: {match.group(1).lower()} cannot be made from these inputs ({can}); give -o NAME.EXT or --to"


GROUP_NAMES = {"pdf": "PDFs", "image": "images", "office": "office documents", "born": "web pages, e-mails and text"}


def output_is_file(out: Path) -> bool:
    """One rule for ``-o``, decided once before isolation: an existing folder is a folder, a name
    ending in a known format's extension (``.pdf``, ``.png``, …) is a file, anything else a folder."""
    return not out.is_dir() and from_extension(out.name) is not None


def check(group: str, target: str, display: str) -> None:
    """Return quietly when the input's ``group`` can be made into ``target``; else raise ``UsageError`` listing what
    it can be made into.
    """
    made = formats.convert_targets(group)
    if target not in made:
        raise UsageError(
            f"{display}: cannot convert {group.upper() if group == 'pdf' else GROUP_NAMES.get(group, group)} "
            f"to '{target}'; "
            f"from this input: {', '.join(made)}"
        )


@dataclass(frozen=True, slots=True)
class PageRange:
    """1-based, inclusive page spans such as "1-3,7,10-" (open end = last page)."""

    spans: tuple[tuple[int, int | None], ...]

    def pages(self, count: int) -> list[int]:
        """0-based page indices in the order given, within ``count``; duplicates dropped."""
        out: list[int] = []
        for start, end in self.spans:
            stop = count if end is None else min(end, count)
            for n in range(start, stop + 1):
                if 1 <= n <= count and n - 1 not in out:
                    out.append(n - 1)
        return out


def parse_pages(spec: str | None) -> PageRange | None:
    """The page range of ``--pages`` (``1-3,7``, ``5-``), or None when not given or blank.

    Raises ``UsageError`` on a part that is not a page or range, or on a range that starts at 0 or ends before it
    starts.
    """
    if spec is None or not spec.strip():
        return None
    spans: list[tuple[int, int | None]] = []
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:\s*-\s*(\d*))?", part)
        if not m:
            raise UsageError(f"--pages: '{part}' is not a page or range (examples: 1-3,7 or 5-)")
        start = int(m.group(1))
        end: int | None = start if m.group(2) is None else (int(m.group(2)) if m.group(2) else None)
        if start < 1 or (end is not None and end < start):
            raise UsageError(f"--pages: '{part}' is not a valid range (pages count from 1, start ≤ end)")
        spans.append((start, end))
    return PageRange(tuple(spans))
