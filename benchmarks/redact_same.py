"""Does a change to redaction change any output?  Old and new code, same inputs, compared.

    .venv/bin/python -m benchmarks.redact_same --old /path/to/old/checkout [--new .]
        [--fuzz 11:0-23] [--tests] [--flag] [--isolation none] [--dpi 150] [--work DIR]

``--old``/``--new`` are two checkouts of the project, each with its own ``.venv`` (e.g. a
``git worktree`` of the branch point beside the working tree).  Every input is redacted by
both (``sandbox redact IN -o OUT --to pdf,json --keep-names``, the input's terms, languages
and options), one after the other, the order alternating from input to input so that a
loaded machine favours neither; with ``--flag`` each is also flagged (``sandbox flag``: the
review file with its findings, unread regions and structure).

Compared, input by input: the exit code and the messages; the names of the files written;
the redaction reports (every box, rule, unread and structure list) and the JSON text, byte
for byte; the review files (``--flag``), whole; and the output PDFs' pages rendered by
``pdftoppm`` at ``--dpi``, pixel for pixel.  Any difference is printed (names of inputs and
of the fields that differ, never document text) and the exit code is 1.

Inputs: ``--fuzz SEED:A-B`` fuzz documents (``benchmarks.fuzzdocs``, planted terms listed);
``--tests`` the inputs of the heaviest redaction tests: the leak cases (``benchmarks/
leakcases.py``, as ``tests/test_redact_leaks.py`` runs them), the bundled samples in the
groups of ``tests/test_redact_samples*.py``, the colour-band pages of ``tests/
test_ink_bands.py``, the barcode page of ``tests/test_codes.py`` (``--codes keep``) and the
scribble of the unread test (default and ``--unread redact``).

The wall time and the CPU time (user + system, the command and its workers) of every run are
printed and summed per side: ratios, as the machine may be busy; CPU time is the steadier.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Input:
    """One redaction to compare: a file (or folder), its terms file, languages and options."""

    name: str
    path: Path
    terms: Path | None
    lang: str
    args: tuple[str, ...] = ()


def fuzz_inputs(spec: str, dest: Path) -> list[Input]:
    """``SEED:A-B``: fuzz documents A..B of the run with SEED, with their planted terms."""
    from benchmarks import fuzzdocs

    seed, _, span = spec.partition(":")
    first, _, last = span.partition("-")
    out = []
    for index in range(int(first), int(last or first) + 1):
        doc = fuzzdocs.make(int(seed), index, dest)
        terms = dest / f"{doc.id}.terms.txt"
        listed = sorted({it.term for it in doc.items if it.term})
        terms.write_text("".join(t + "\n" for t in listed) or "# none\n", encoding="utf-8")
        out.append(Input(doc.id, doc.path, terms, doc.lang))
    return out


def test_inputs(dest: Path) -> list[Input]:
    """The inputs of the heaviest redaction tests (see the module's docstring)."""
    import zxingcpp
    from PIL import ImageDraw

    from benchmarks import bandpages, leakcases
    from tests import redact_samples, test_codes, test_redact_samples, test_redact_samples_more
    from tests.conftest import SAMPLES, text_image

    out = []
    leaks = dest / "leaks"
    leaks.mkdir(parents=True, exist_ok=True)
    for case, path in leakcases.build(leaks):
        terms = leakcases.terms_file(leaks / f"{Path(case.name).name}.terms.txt")
        out.append(Input(f"leak-{case.name}", path, terms, case.lang, case.args))
    groups: list[redact_samples.Group] = [*test_redact_samples.GROUPS, *test_redact_samples_more.GROUPS]
    for n, group in enumerate(groups):
        folder = dest / f"samples-{n}"
        folder.mkdir(exist_ok=True)
        for name in group.names:
            (folder / name).write_bytes((SAMPLES / name).read_bytes())
        extra = ("--highlights",) if group.highlights else ()
        out.append(Input(f"samples-{n}", folder, SAMPLES / "terms.txt", group.lang, extra))
    bands = dest / "bands"
    bands.mkdir(exist_ok=True)
    for band in (bandpages.page(25, n, effect) for n, effect in enumerate(bandpages.PRINTS)):
        if band.print in ("screen-8", "dither"):
            band.image.save(bands / f"{band.name}.png", dpi=(300, 300))
    band_terms = dest / "bands.terms.txt"
    band_terms.write_text("".join(n + "\n" for n in bandpages.NAMES), encoding="utf-8")
    out.append(Input("bands", bands, band_terms, "eng", ("--unread", "redact")))
    codes = test_codes._page(
        [
            (test_codes._code(test_codes.CN_ID, zxingcpp.BarcodeFormat.Code39, 3), (120, 400)),
            (test_codes._code(test_codes.EMAIL, zxingcpp.BarcodeFormat.Code128, 3), (120, 1000)),
            (test_codes._code(test_codes.INNOCENT, zxingcpp.BarcodeFormat.QRCode, 8), (1400, 1600)),
        ]
    )
    codes.save(dest / "codes.png", dpi=(300, 300))
    out.append(Input("codes-keep", dest / "codes.png", None, "eng", ("--codes", "keep", "--unread", "keep")))
    out.append(Input("codes-check", dest / "codes.png", None, "eng"))
    img = text_image(["The committee reviewed the budget."], size=42)
    page = Image.new("L", (img.width, img.height + 200), 255)
    page.paste(img, (0, 0))
    draw = ImageDraw.Draw(page)
    for i in range(14):  # as tests/test_redact_leaks.py draws it
        x = 120 + i * 60
        draw.arc((x, img.height + 40, x + 40, img.height + 90), 30 + 20 * i, 300, fill=0, width=6)
    page.save(dest / "scribble.png", dpi=(300, 300))
    scribble_terms = dest / "scribble.terms.txt"
    scribble_terms.write_text("Nobody Listed\n", encoding="utf-8")
    out.append(Input("scribble", dest / "scribble.png", scribble_terms, "eng"))
    out.append(Input("scribble-redact", dest / "scribble.png", scribble_terms, "eng", ("--unread", "redact")))
    return out


@dataclass(frozen=True)
class Run:
    """What one side made of one input."""

    code: int
    seconds: float  # wall time
    cpu: float  # user + system time of the command and every process it waited for
    messages: str
    folder: Path


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(root: Path, argv: list[str], folder: Path) -> Run:
    started, cpu = time.monotonic(), _cpu()
    proc = subprocess.run(
        [str(root / ".venv" / "bin" / "python"), "-m", "sandbox", *argv],
        capture_output=True, check=False, timeout=1800, cwd=root, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.monotonic() - started
    text = (proc.stdout + proc.stderr).decode("utf-8", "replace").replace(str(folder), "OUT")
    return Run(proc.returncode, seconds, _cpu() - cpu, text, folder)


def redact(root: Path, item: Input, out: Path, isolation: str) -> Run:
    """``sandbox redact`` of ``item`` by the checkout at ``root`` into ``out`` (PDF and JSON)."""
    argv = ["redact", str(item.path), "-o", str(out), "--to", "pdf,json", "--keep-names", "-l", item.lang,
            "--isolation", isolation, "--quiet", *item.args]  # fmt: skip
    if item.terms is not None:
        argv += ["--terms", str(item.terms)]
    return _run(root, argv, out)


def flag(root: Path, item: Input, out: Path, isolation: str) -> Run:
    """``sandbox flag`` of ``item`` by the checkout at ``root``: ``out/review.json``."""
    out.mkdir(parents=True, exist_ok=True)
    argv = ["flag", str(item.path), "-o", str(out / "review.json"), "-l", item.lang, "--isolation", isolation,
            "--quiet", *(a for a in item.args if a == "--highlights")]  # fmt: skip
    if item.terms is not None:
        argv += ["--terms", str(item.terms)]
    return _run(root, argv, out)


def _pages(pdf: Path, dpi: int, scratch: Path) -> list[np.ndarray]:
    scratch.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(scratch / "p")], check=True)
    return [np.asarray(Image.open(p)) for p in sorted(scratch.glob("p*.png"))]


def differences(old: Run, new: Run, dpi: int, scratch: Path) -> list[str]:
    """What differs between two runs of one input (field names only, never text)."""
    out = []
    if old.code != new.code:
        out.append(f"exit code {old.code} vs {new.code}")
    if old.messages != new.messages:
        out.append("messages")
    names_old = sorted(p.relative_to(old.folder) for p in old.folder.rglob("*") if p.is_file())
    names_new = sorted(p.relative_to(new.folder) for p in new.folder.rglob("*") if p.is_file())
    if names_old != names_new:
        out.append(f"files written: {len(names_old)} vs {len(names_new)}")
    for rel in set(names_old) & set(names_new):
        a, b = old.folder / rel, new.folder / rel
        if rel.suffix == ".json":
            if json.loads(a.read_bytes()) != json.loads(b.read_bytes()):
                out.append(f"{rel}: content")
        elif rel.suffix == ".pdf":
            pa, pb = _pages(a, dpi, scratch / "a" / rel), _pages(b, dpi, scratch / "b" / rel)
            same = len(pa) == len(pb) and all(
                x.shape == y.shape and np.array_equal(x, y) for x, y in zip(pa, pb, strict=True)
            )
            if not same:
                out.append(f"{rel}: rendered pixels")
        elif a.read_bytes() != b.read_bytes():
            out.append(f"{rel}: bytes")
    return out


def main(argv: list[str] | None = None) -> int:
    """Compare every input's outputs; 1 when any differs."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", type=Path, required=True, help="checkout of the old code (with its .venv)")
    ap.add_argument("--new", type=Path, default=ROOT, help="checkout of the new code (default: this one)")
    ap.add_argument("--fuzz", action="append", default=[], help="SEED:A-B fuzz documents (repeatable)")
    ap.add_argument("--tests", action="store_true", help="the inputs of the heaviest redaction tests")
    ap.add_argument("--flag", action="store_true", help="compare sandbox flag's review files too")
    ap.add_argument("--only", default="", help="comma-separated input names to keep")
    ap.add_argument("--isolation", default="none", choices=("none", "auto", "bwrap"))
    ap.add_argument("--dpi", type=int, default=150, help="resolution the PDFs are rendered at to compare")
    ap.add_argument("--work", type=Path, default=None, help="folder for inputs and outputs (default: a temp one)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="redact-same-") as tmp:
        work = args.work or Path(tmp)
        inputs = [i for spec in args.fuzz for i in fuzz_inputs(spec, work / "in")]
        if args.tests:
            inputs += test_inputs(work / "in")
        if args.only:
            keep = set(args.only.split(","))
            inputs = [i for i in inputs if i.name in keep]
        total = {"old": 0.0, "new": 0.0}
        cpu = {"old": 0.0, "new": 0.0}
        differing = 0
        for n, item in enumerate(inputs):
            sides = {"old": args.old.resolve(), "new": args.new.resolve()}
            order = ["old", "new"] if n % 2 == 0 else ["new", "old"]
            runs: dict[str, list[Run]] = {"old": [], "new": []}
            for side in order:
                runs[side].append(redact(sides[side], item, work / "out" / side / item.name, args.isolation))
                if args.flag:
                    runs[side].append(flag(sides[side], item, work / "flag" / side / item.name, args.isolation))
            found = [
                d
                for k, (a, b) in enumerate(zip(runs["old"], runs["new"], strict=True))
                for d in differences(a, b, args.dpi, work / "render" / item.name / str(k))
            ]
            seconds = {side: sum(r.seconds for r in runs[side]) for side in runs}
            used = {side: sum(r.cpu for r in runs[side]) for side in runs}
            for side in total:
                total[side] += seconds[side]
                cpu[side] += used[side]
            differing += bool(found)
            status = "same" if not found else "DIFFERENT: " + "; ".join(found)
            print(
                f"{item.name:<28} exit {runs['old'][0].code}/{runs['new'][0].code} "
                f"old {seconds['old']:6.1f} s new {seconds['new']:6.1f} s "
                f"({seconds['new'] / max(seconds['old'], 1e-9):.2f}×) "
                f"cpu {used['old']:6.1f}/{used['new']:6.1f} s ({used['new'] / max(used['old'], 1e-9):.2f}×)  {status}",
                flush=True,
            )
        ratio = total["new"] / max(total["old"], 1e-9)
        cpu_ratio = cpu["new"] / max(cpu["old"], 1e-9)
        print(
            f"{len(inputs)} inputs, {differing} with differences; wall old {total['old']:.1f} s, "
            f"new {total['new']:.1f} s ({ratio:.2f}×); cpu old {cpu['old']:.1f} s, new {cpu['new']:.1f} s "
            f"({cpu_ratio:.2f}×)"
        )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
