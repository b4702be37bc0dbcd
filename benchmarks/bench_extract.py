"""Born-digital extraction (sandbox.extract) on a development set, side by side with MarkItDown.

The set: documents generated from known sources (headings, paragraphs, nested lists, tables
with merged cells, English and Chinese), each written as DOCX (python-docx), HTML, PPTX
(python-pptx) and XLSX (openpyxl, its tables), and as ODT and RTF by LibreOffice from the DOCX;
plus the real Word and PowerPoint files shipped as test fixtures in the python-docx and
python-pptx sdists (``--fixtures DIR``: no ground truth; counted as read or not, and timed).

Scores, on the Markdown each tool writes (markup stripped for the text): documents read, text
CER, headings precision/recall (a found heading matches a true one within CER 0.2), tables TEDS
(:mod:`table_recognition_metric`, as bench_structure), seconds per document (in process;
LibreOffice's conversion for ODT/RTF is timed apart).  ``--big`` times 20-, 100- and 500-page
DOCX files and the peak memory of a fresh process reading each, with the 500 / 20 ratio.
MSG: an Outlook message (written by tests/msg_files.py) whose HTML body is the source, with its
plain twin.  MarkItDown runs from ``--markitdown PYTHON`` (a separate
venv); it is only a reference, never a dependency.

    .venv/bin/python -m benchmarks.bench_extract --seeds 4 --markitdown /tmp/mid-venv/bin/python \\
        --fixtures /tmp/sd --big
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.metrics import cer, match_headings

WORDS = [
    "archive",
    "depot",
    "harbour",
    "report",
    "budget",
    "staff",
    "review",
    "notice",
    "committee",
    "quarterly",
    "office",
    "spring",
    "plan",
    "schedule",
    "meeting",
    "record",
    "transfer",
    "inventory",
    "policy",
    "safety",
    "training",
    "visit",
    "contract",
    "supplier",
    "invoice",
]
ZH = "仓库档案会议预算员工审查通知委员会季度办公室春季计划安排记录转移库存政策安全培训合同供应商发票"


@dataclass
class Source:
    """A document's ground truth: blocks in order."""

    name: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def text(self) -> str:
        out: list[str] = []
        for kind, value in self.blocks:
            if kind in ("h1", "h2", "h3", "p"):
                out.append(str(value))
            elif kind == "list":
                out += [t for t, _ in value]
            elif kind == "table":
                out += [c[0] for row in value for c in row if c[0]]
        return " ".join(out)

    def headings(self) -> list[str]:
        return [str(v) for k, v in self.blocks if k in ("h1", "h2", "h3")]

    def tables(self) -> list[str]:
        return [_table_html(v) for k, v in self.blocks if k == "table"]


def _sentence(rng: random.Random, zh: bool) -> str:
    if zh:
        return "".join(rng.choice(ZH) for _ in range(rng.randint(12, 30))) + "。"
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    return " ".join(words).capitalize() + "."


def make_source(seed: int) -> Source:
    rng = random.Random(seed)
    zh = seed % 4 == 3
    src = Source(f"gen{seed:02d}")
    src.blocks.append(("h1", _sentence(rng, zh)[:40].rstrip(" .。")))
    for _ in range(rng.randint(2, 3)):
        src.blocks.append(("h2", _sentence(rng, zh)[:30].rstrip(" .。")))
        for _ in range(rng.randint(1, 3)):
            src.blocks.append(("p", " ".join(_sentence(rng, zh) for _ in range(rng.randint(1, 3)))))
        if rng.random() < 0.7:
            items = [(_sentence(rng, zh)[:50].rstrip(" .。"), 0)]
            for _ in range(rng.randint(1, 4)):
                items.append((_sentence(rng, zh)[:50].rstrip(" .。"), rng.choice((0, 0, 1))))
            src.blocks.append(("list", items))
        if rng.random() < 0.8:
            rows, cols = rng.randint(3, 5), rng.randint(2, 4)
            grid: list[list[tuple[str, int, int]]] = []
            for r in range(rows):
                grid.append([(str(rng.randint(1, 9999)) if r and c else rng.choice(WORDS), 1, 1) for c in range(cols)])
            if cols > 2:  # a title cell across two columns in the first row
                grid[0][0] = (grid[0][0][0], 1, 2)
                grid[0][1] = ("", 0, 0)
            if rows > 3 and rng.random() < 0.6:  # a label down two rows of the first column
                grid[1][0] = (grid[1][0][0], 2, 1)
                grid[2][0] = ("", 0, 0)
            src.blocks.append(("table", grid))
    return src


def _table_html(grid: list[list[tuple[str, int, int]]]) -> str:
    rows = []
    for row in grid:
        cells = []
        for text, rs, cs in row:
            if rs == 0:
                continue
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


# --- writers of the development set ------------------------------------------------------------


def write_docx(src: Source, path: Path) -> None:
    from docx import Document

    doc = Document()
    for kind, value in src.blocks:
        if kind in ("h1", "h2", "h3"):
            doc.add_heading(str(value), int(kind[1]))
        elif kind == "p":
            doc.add_paragraph(str(value))
        elif kind == "list":
            for text, level in value:
                doc.add_paragraph(text, style="List Bullet 2" if level else "List Bullet")
        elif kind == "table":
            grid = value
            table = doc.add_table(rows=len(grid), cols=len(grid[0]))
            table.style = "Table Grid"
            for r, row in enumerate(grid):
                for c, (text, rs, cs) in enumerate(row):
                    if rs == 0:
                        continue
                    cell = table.cell(r, c)
                    if cs > 1 or rs > 1:
                        cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
                    cell.text = text
    doc.save(str(path))


def write_html(src: Source, path: Path) -> None:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"]
    for kind, value in src.blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{html.escape(str(value))}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{html.escape(str(value))}</p>")
        elif kind == "list":
            items = list(value)
            parts, open_sub = ["<ul>"], False
            for n, (text, level) in enumerate(items):
                if level and not open_sub:
                    parts.append("<ul>")
                    open_sub = True
                elif not level and open_sub:
                    parts.append("</ul></li>")
                    open_sub = False
                elif n and not level:
                    parts.append("</li>")
                parts.append(f"<li>{html.escape(text)}" + ("</li>" if level else ""))
            parts.append("</ul></li></ul>" if open_sub else "</li></ul>")
            out.append("".join(parts))
        elif kind == "table":
            out.append(_table_html(value))
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def write_msg(src: Source, path: Path) -> None:
    """An Outlook message whose HTML body is the source as :func:`write_html` writes it, with its
    plain-text twin (Outlook keeps both; MarkItDown reads the plain one), no subject or sender."""
    from tests.msg_files import Message

    page = path.with_suffix(".body.html")
    write_html(src, page)
    plain: list[str] = []
    for kind, value in src.blocks:
        if kind == "list":
            plain += [("    " if level else "") + "- " + text for text, level in value]
        elif kind == "table":
            plain += ["\t".join(c[0] for c in row) for row in value]
        else:
            plain.append(str(value))
    path.write_bytes(Message(html=page.read_bytes(), body="\r\n\r\n".join(plain), cpid=65001).bytes())
    page.unlink()


def write_pptx(src: Source, path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = None
    top = 0
    for kind, value in src.blocks:
        if kind in ("h1", "h2", "h3"):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            assert slide.shapes.title is not None
            slide.shapes.title.text = str(value)
            top = 2
            continue
        assert slide is not None
        if kind == "p" or kind == "list":
            box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(9), Inches(1))
            lines = [str(value)] if kind == "p" else [t for t, _ in value]
            frame = box.text_frame
            frame.text = lines[0]
            for line in lines[1:]:
                frame.add_paragraph().text = line
            for p in frame.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(10)
            top += 1
        elif kind == "table":
            grid = value
            shape = slide.shapes.add_table(len(grid), len(grid[0]), Inches(0.5), Inches(top), Inches(9), Inches(2))
            shape.table.first_row = False
            for r, row in enumerate(grid):
                for c, (text, rs, cs) in enumerate(row):
                    if rs == 0:
                        continue
                    cell = shape.table.cell(r, c)
                    if cs > 1 or rs > 1:
                        cell.merge(shape.table.cell(r + rs - 1, c + cs - 1))
                    cell.text = text
            top += 2
    prs.save(str(path))


def write_xlsx(src: Source, path: Path) -> Source:
    """The tables, one sheet each; the ground truth of this file is its tables only."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    truth = Source(src.name)
    for n, (kind, value) in enumerate(b for b in src.blocks if b[0] == "table"):
        ws = book.create_sheet(f"T{n + 1}")
        for r, row in enumerate(value):
            for c, (text, rs, cs) in enumerate(row):
                if rs == 0:
                    continue
                ws.cell(row=r + 1, column=c + 1, value=int(text) if text.isdigit() else text)
                if cs > 1 or rs > 1:
                    ws.merge_cells(start_row=r + 1, start_column=c + 1, end_row=r + rs, end_column=c + cs)
        truth.blocks.append((kind, value))
    book.save(path)
    return truth


# --- scoring ------------------------------------------------------------------------------------


def _cells_text(table_html: str) -> str:
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table_html, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells if c.strip())


def _tables_in_order(md: str) -> tuple[list[str], str]:
    """(tables as HTML in document order, the Markdown with each table replaced by its cells'
    text in place): pipe tables and HTML tables."""
    found: list[str] = []
    held: list[str] = []

    def hold(m: re.Match[str]) -> str:
        held.append(m.group(0))
        return f"\n\x00{len(held) - 1}\x00\n"

    md = re.sub(r"<table>.*?</table>", hold, md, flags=re.S)
    rest: list[str] = []
    block: list[str] = []
    for line in [*md.split("\n"), ""]:
        if line.strip().startswith("|"):
            block.append(line)
            continue
        if block:
            rows = [r for r in block if not re.fullmatch(r"\s*\|(\s*:?-+:?\s*\|)+\s*", r)]
            cells = [[c.strip() for c in r.strip().strip("|").split("|")] for r in rows]
            table = (
                "<table>"
                + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(_unescape(c))}</td>" for c in row) + "</tr>" for row in cells
                )
                + "</table>"
            )
            found.append(table)
            rest.append(_cells_text(table))
            block = []
        marker = re.fullmatch(r"\x00(\d+)\x00", line)
        if marker:
            table = held[int(marker.group(1))]
            found.append(table)
            rest.append(_cells_text(table))
            continue
        rest.append(line)
    return found, "\n".join(rest)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _plain(md: str) -> tuple[str, list[str], list[str]]:
    """(text without markup, headings, tables as HTML) of a Markdown file."""
    tables, rest = _tables_in_order(md)
    headings = [_unescape(m.group(1)).strip() for m in re.finditer(r"^#{1,6}\s+(.*)$", rest, flags=re.M)]
    text = re.sub(r"^#{1,6}\s+", "", rest, flags=re.M)
    text = re.sub(r"^\s*([-*+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"^>\s*(\*\*\w+:\*\*)?", "", text, flags=re.M)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\*\*|__|^---$", "", text, flags=re.M)
    return _unescape(text), headings, tables


def _teds(truth: list[str], found: list[str]) -> list[float]:
    from table_recognition_metric import TEDS

    metric = TEDS(structure_only=False)
    plain = [re.sub(r">\s+<", "><", re.sub(r"</?t(head|body)>", "", t).replace("<th", "<td").replace("</th>", "</td>"))
             for t in found]  # fmt: skip
    return [
        float(metric(f"<html><body>{t}</body></html>", f"<html><body>{plain[n]}</body></html>"))
        if n < len(plain)
        else 0.0
        for n, t in enumerate(truth)
    ]


@dataclass
class Score:
    read: int = 0
    docs: int = 0
    cers: list[float] = field(default_factory=list)
    heads: list[int] = field(default_factory=lambda: [0, 0, 0])
    teds: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    def add(self, truth: Source | None, md: str | None, seconds: float) -> None:
        self.docs += 1
        if md is None:
            if truth is not None:
                self.cers.append(1.0)
                self.heads[2] += len(truth.headings())
                self.teds += [0.0] * len(truth.tables())
            return
        self.read += 1
        if seconds == seconds:  # not NaN (LibreOffice formats are timed apart)
            self.seconds.append(seconds)
        if truth is None:
            return
        text, heads, tables = _plain(md)
        self.cers.append(min(1.0, cer(truth.text(), text)))
        for n, v in enumerate(match_headings(truth.headings(), heads)):
            self.heads[n] += v
        self.teds += _teds(truth.tables(), tables)

    def row(self, label: str) -> str:
        p = self.heads[0] / self.heads[1] if self.heads[1] else float("nan")
        r = self.heads[0] / self.heads[2] if self.heads[2] else float("nan")
        return (f"| {label} | {self.read} of {self.docs} | {mean(self.cers):.3f} | {p:.2f} / {r:.2f} | "
                f"{mean(self.teds):.2f} | {mean(self.seconds) * 1000:.0f} ms |")  # fmt: skip


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


# --- the two tools ------------------------------------------------------------------------------


def ours(path: Path, work: Path) -> tuple[str | None, float]:
    from sandbox.errors import SandboxError
    from sandbox.extract import sniff
    from sandbox.extract.run import extracted, render
    from sandbox.limits import Limits
    from sandbox.models import InputFile

    started = time.perf_counter()
    try:
        kind = sniff(path)
        if kind is None:
            return None, 0.0
        document, layouts = extracted(InputFile(path, path.name, path.name, kind, 1), Limits(), work)
        md = render("md", document, layouts).decode("utf-8")
    except SandboxError:
        return None, 0.0
    return md, time.perf_counter() - started


MID_SCRIPT = r"""
import json, sys, time
from markitdown import MarkItDown
md = MarkItDown(enable_plugins=False)
out = {}
for path in sys.argv[1:]:
    t = time.perf_counter()
    try:
        out[path] = [md.convert(path).text_content, time.perf_counter() - t]
    except Exception as exc:
        out[path] = [None, 0.0, type(exc).__name__]
print(json.dumps(out))
"""


def markitdown(python: str, paths: list[Path]) -> dict[str, tuple[str | None, float]]:
    proc = subprocess.run([python, "-c", MID_SCRIPT, *map(str, paths)], capture_output=True, text=True, timeout=1800)
    if proc.returncode:
        sys.stderr.write("markitdown failed to run\n")
        return {}
    data = json.loads(proc.stdout)
    return {k: (v[0], v[1]) for k, v in data.items()}


def libreoffice(src: Path, fmt: str, outdir: Path) -> Path | None:
    try:
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                       capture_output=True, timeout=180, check=True,
                       env={"HOME": str(outdir), "PATH": "/usr/bin:/bin"})  # fmt: skip
    except (subprocess.SubprocessError, OSError):
        return None
    out = outdir / f"{src.stem}.{fmt}"
    return out if out.exists() else None


def big_docx(path: Path, pages: int) -> None:
    rng = random.Random(pages)
    src = Source("big")
    for n in range(pages):
        src.blocks.append(("h2", f"Section {n + 1}"))
        for _ in range(5):
            src.blocks.append(("p", " ".join(_sentence(rng, False) for _ in range(6))))
        src.blocks.append(("list", [(_sentence(rng, False), k % 2) for k in range(4)]))
        if n % 2 == 0:
            src.blocks.append(("table", [[(str(rng.randint(1, 999)), 1, 1) for _ in range(4)] for _ in range(6)]))
    write_docx(src, path)


def _peak(path: Path | None) -> float:
    """Peak resident memory (MiB) of a fresh process that imports the readers and the writers and
    reads ``path`` to Markdown (None: the imports alone)."""
    code = (
        "import sys, resource; from pathlib import Path; from benchmarks.bench_extract import ours;"
        "import sandbox.extract.wordml, sandbox.run.render, sandbox.writers.md, docx, lxml.etree;"
        "len(sys.argv) > 1 and ours(Path(sys.argv[1]), Path(sys.argv[2]));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    where = [str(path), str(path.parent)] if path is not None else []
    proc = subprocess.run([sys.executable, "-c", code, *where], capture_output=True, text=True)
    return float(proc.stdout.strip() or "nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--markitdown", help="python of a venv with markitdown[docx,xlsx,pptx]")
    ap.add_argument("--fixtures", type=Path, help="folder of unpacked sdists (real .docx/.pptx test files)")
    ap.add_argument("--no-office", action="store_true", help="skip ODT/RTF (LibreOffice)")
    ap.add_argument("--big", action="store_true", help="time a 20-page DOCX, peak memory 20 vs 100 pages")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs: list[tuple[str, Path, Source | None]] = []
        lo_seconds: list[float] = []
        for seed in range(args.seeds):
            src = make_source(seed)
            for fmt, writer in (("docx", write_docx), ("html", write_html), ("pptx", write_pptx), ("msg", write_msg)):
                path = work / f"{src.name}.{fmt}"
                writer(src, path)
                docs.append((fmt, path, src))
            xlsx = work / f"{src.name}.xlsx"
            docs.append(("xlsx", xlsx, write_xlsx(src, xlsx)))
            if not args.no_office:
                for fmt in ("odt", "rtf"):
                    sub = work / fmt
                    sub.mkdir(exist_ok=True)
                    out = libreoffice(work / f"{src.name}.docx", fmt, sub)
                    if out is not None:
                        docs.append((fmt, out, src))
        if args.fixtures:
            for path in sorted(args.fixtures.rglob("*")):
                if path.suffix in (".docx", ".pptx", ".xlsx") and "/w/" not in str(path):
                    docs.append(("fixture-" + path.suffix[1:], path, None))
        theirs = markitdown(args.markitdown, [p for _, p, _ in docs]) if args.markitdown else {}
        groups = sorted({fmt for fmt, _, _ in docs})
        print("| format | tool | documents read | text CER | headings P / R | tables TEDS | time per document |")
        print("|---|---|---|---|---|---|---|")
        total_ours, total_theirs = Score(), Score()
        for fmt in groups:
            mine, other = Score(), Score()
            for f, path, truth in docs:
                if f != fmt:
                    continue
                if fmt in ("odt", "rtf"):
                    started = time.perf_counter()
                    md, _ = ours(path, work)
                    lo_seconds.append(time.perf_counter() - started)
                    seconds = float("nan")
                else:
                    md, seconds = ours(path, work)
                mine.add(truth, md, seconds)
                total_ours.add(truth, md, seconds)
                if theirs:
                    tmd, tsec = theirs.get(str(path), (None, 0.0))
                    other.add(truth, tmd, tsec)
                    total_theirs.add(truth, tmd, tsec)
            print(mine.row(f"{fmt} | sandbox"))
            if theirs:
                print(other.row(f"{fmt} | MarkItDown"))
        print(total_ours.row("all | sandbox"))
        if theirs:
            print(total_theirs.row("all | MarkItDown"))
        if lo_seconds:
            print(f"\nODT/RTF (LibreOffice to OOXML included): {sum(lo_seconds) / len(lo_seconds):.2f} s per document")
        if args.big:
            peaks: dict[int, float] = {}
            base = _peak(None)
            for pages in (20, 100, 500):
                path = work / f"big{pages}.docx"
                big_docx(path, pages)
                runs = [ours(path, work)[1] for _ in range(3)]
                peaks[pages] = _peak(path)
                print(f"{pages}-page DOCX ({path.stat().st_size // 1024} KiB): {min(runs):.2f} s to Markdown "
                      f"(best of 3), peak RSS {peaks[pages]:.0f} MiB ({peaks[pages] - base:.0f} MiB over the "
                      f"{base:.0f} MiB of the imports)")  # fmt: skip
            print(f"memory ratio 500 / 20 pages: {peaks[500] / peaks[20]:.2f} (peak RSS), "
                  f"{(peaks[500] - base) / max(1.0, peaks[20] - base):.2f} (over the imports)")  # fmt: skip


if __name__ == "__main__":
    main()
