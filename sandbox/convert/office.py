"""LibreOffice headless: office documents (DOCX, ODT, XLSX, PPTX, RTF) to PDF.

Sniffed by content: RTF by its header, OOXML and ODF by the ZIP members that define them.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from sandbox.errors import InputError, LimitError, MissingToolError
from sandbox.tools import run_tool

HINT = (
    "LibreOffice is needed for office documents: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui libreoffice-impress-nogui (or build the container with --build-arg OFFICE=1)"
)


def kind(path: Path) -> str | None:
    """'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp' or 'rtf' from the content, else None."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                mime = z.read("mimetype")[:100].decode("ascii", "replace")
                for suffix, ext in (("text", "odt"), ("spreadsheet", "ods"), ("presentation", "odp")):
                    if mime.endswith(suffix):
                        return ext
            if "[Content_Types].xml" in names:
                for prefix, ext in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
                    if any(n.startswith(prefix) for n in names):
                        return ext
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def binary() -> str:
    """The LibreOffice executable (``soffice``, else ``libreoffice``); raises ``MissingToolError`` with the install
    hint when neither is on PATH.
    """
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise MissingToolError(HINT)


def to_pdf(path: Path, display: str, ext: str, workdir: Path, timeout: int) -> Path:
    """Convert with a private profile in ``workdir``; returns the PDF's path."""
    return convert_to(path, display, ext, workdir, timeout, "pdf")


def convert_to(path: Path, display: str, ext: str, workdir: Path, timeout: int, target: str) -> Path:
    """Convert to ``target`` (pdf, docx, xlsx, pptx) with a private profile in ``workdir``."""
    exe = binary()
    job = workdir / f"office-{abs(hash(str(path)))}"
    job.mkdir(parents=True, exist_ok=True)
    src = job / f"input.{ext}"  # a neutral name: the PDF must not carry the user's file name
    shutil.copyfile(path, src)
    cmd = [
        exe, "--headless", "--norestore", "--nolockcheck",
        f"-env:UserInstallation=file://{job / 'profile'}",
        "--convert-to", target, "--outdir", str(job), str(src),
    ]  # fmt: skip
    try:
        proc = run_tool(
            cmd, timeout=timeout, what="LibreOffice", file=display, check=False,
            env={"HOME": str(job), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    except LimitError:
        raise LimitError(
            f"{display}: LibreOffice took longer than {timeout} s (raise it with --limit office-timeout=N)",
            file=display,
        ) from None
    out = job / f"input.{target}"
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise InputError(f"{display}: LibreOffice could not convert this {ext.upper()} file; is it damaged?")
    return out
