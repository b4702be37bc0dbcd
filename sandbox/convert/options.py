"""What ``convert`` and ``sanitize`` were asked to do (part of the request; imports nothing heavy)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sandbox import formats
from sandbox.convert import targets
from sandbox.errors import UsageError

PAGE_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4), "a3": (297.0, 420.0), "legal": (215.9, 355.6)}


@dataclass(frozen=True, slots=True)
class ConvertOptions:
    """The options of ``sandbox convert``, validated by the launcher before isolation."""

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
    native_dpi: bool = False  # sanitize: each page at its own pictures' resolution (no --dpi given)

    @property
    def turn_only(self) -> bool:
        """``--rotate`` with ``--pages``: every page is kept, the selected ones are turned."""
        return bool(self.rotate and self.pages)


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
        raise UsageError(
            targets.cannot_make(out.name)
            or "give --to FORMAT, or an output file name with an extension (e.g. -o out.pdf)"
        )
    choices = formats.convert_targets()
    if target not in choices:
        raise UsageError(f"--to: unknown format '{target}' (choose from {', '.join(choices)})")
    is_file = from_name is not None and not opts.split
    if is_file and from_name != target:
        raise UsageError(f"-o {out.name}: the extension does not match --to {target}")
    return target, is_file
