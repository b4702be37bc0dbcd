"""Orchestration of ``flag``, ``redact`` and ``verify`` over many documents.

Pages go through the same process pool as OCR (``redact.work`` in the workers); each
document's outputs are assembled here, checked by ``redact.verify``, and written only when
every check passes.  Reports carry rules, pages and boxes, never text or anything derived from it.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import pikepdf

from sandbox import outputs, pipeline
from sandbox.api import Failure, RunSummary, check_tools, deliver, open_inputs, summarise
from sandbox.config import OcrSettings
from sandbox.errors import ExitCode, OutputError, SandboxError, UsageError, VerifyError
from sandbox.models import Document, InputFile
from sandbox.pipeline import PageHook
from sandbox.redact import review as review_file
from sandbox.redact import verify, work
from sandbox.redact.policy import Policy
from sandbox.redact.textmap import fold
from sandbox.workdir import private_workdir

REDACT_FORMATS = ("pdf", "png", "txt", "json")
REPORT_SCHEMA = "ocr-sandbox/redaction-report"


@dataclass
class RedactSummary(RunSummary):
    rules: Counter[str] = field(default_factory=Counter)
    boxes: int = 0
    verified: list[str] = field(default_factory=list)
    unread: int = 0  # regions of ink no reading could read (flag: listed; redact: kept)
    names: list[tuple[str, str]] = field(default_factory=list)  # (output stem, input) for the terminal


def run_flag(
    args: Sequence[str],
    settings: OcrSettings,
    policy: Policy,
    review_path: Path,
    *,
    force: bool = False,
    write_dir: Path | None = None,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
) -> RedactSummary:
    """Write a review file with every finding (text included: the file is confidential)."""
    started = time.monotonic()
    summary = RedactSummary()
    settings = check_tools(settings)
    outputs.check_free([review_path], force)
    entries: list[dict[str, Any]] = []
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, stdin, summary)
        shas = [review_file.sha256(src.path) for src in inputs]
        job = work.RedactJob(apply=False, policy=policy)

        def collect(result: pipeline.DocumentResult[work.PageMarks]) -> None:
            src = inputs[result.index]
            if result.document is None:
                summary.failures.extend(Failure(src.display, msg, code) for msg, code in result.errors)
                return
            pms = [(i, pm) for i, pm in enumerate(result.extras) if isinstance(pm, work.PageMarks)]
            marks = [(i, pm.marks, pm.unread) for i, pm in pms]
            sizes = {i + 1: (pm.width, pm.height) for i, pm in pms}
            summary.unread += sum(len(u) for _, _, u in marks)
            entries.append(review_file.document_entry(src.display, shas[result.index], src.page_count, marks, sizes))
            summary.documents.append(summarise(result.document, src.display))

        if on_start is not None:
            on_start(sum(src.page_count for src in inputs))
        pipeline.run(inputs, _redact_settings(settings), workdir, collect, on_page, work.process, lambda d, p: job)
        if entries:
            data = review_file.dump(entries, settings.dpi, settings.lang, policy.highlights)
            deliver([(review_path, data)], review_path.parent, write_dir, summary, force)
    summary.seconds = time.monotonic() - started
    return summary


def _redact_settings(settings: OcrSettings) -> OcrSettings:
    """Redaction reads every page from pixels (born-digital pages through their layer too)."""
    return replace(settings, force_ocr=True, keep_images=False)


def run_redact(
    args: Sequence[str],
    settings: OcrSettings,
    policy: Policy,
    outdir: Path,
    formats: Sequence[str],
    *,
    review: review_file.Review | None = None,
    unread: work.UnreadMode = "ask",
    keep_names: bool = False,
    views: bool = True,
    force: bool = False,
    write_dir: Path | None = None,
    stdin: BinaryIO | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
) -> RedactSummary:
    """Redact every input into ``outdir``; a document whose checks fail gets no output."""
    started = time.monotonic()
    for fmt in formats:
        if fmt not in REDACT_FORMATS:
            raise UsageError(f"--to: redact writes {', '.join(REDACT_FORMATS)}, not '{fmt}'")
    if review is not None:
        settings = replace(settings, dpi=review.dpi, lang=review.lang)
        policy = replace(policy, highlights=review.highlights)
    summary = RedactSummary()
    settings = check_tools(settings)
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, stdin, summary)
        shas = [review_file.sha256(src.path) for src in inputs]
        planned = outputs.plan(inputs, [*formats, "report"], outdir, neutral=None if keep_names else "redacted")
        summary.names = [
            (planned[(i, "report")].name.removesuffix(".report.json"), src.display) for i, src in enumerate(inputs)
        ]
        pngs = [
            _png_name(p, n)
            for (i, fmt), p in planned.items()
            if fmt == "png"
            for n in range(1, inputs[i].page_count + 1)
        ]
        outputs.check_free([p for (_, fmt), p in planned.items() if fmt != "png"] + pngs, force)
        jobs: dict[int, review_file.ReviewDoc | None] = {}
        for i, sha in enumerate(shas):
            if review is None:
                jobs[i] = None
            elif sha in review.documents:
                jobs[i] = review.documents[sha]
            else:
                summary.failures.append(
                    Failure(
                        inputs[i].display,
                        f"{inputs[i].display}: not in the review file (content differs); run sandbox flag on it first",
                        int(ExitCode.USAGE),
                    )
                )
        todo = [
            i
            for i in range(len(inputs))
            if i in jobs and not any(f.file == inputs[i].display for f in summary.failures)
        ]
        run_inputs = [inputs[i] for i in todo]

        def job(doc: int, page: int) -> work.RedactJob:
            entry = jobs[todo[doc]]
            if entry is None:
                return work.RedactJob(apply=True, policy=policy, unread=unread, views=views)
            # the review's decisions apply; what the policy and --terms find that the review
            # did not decide is redacted as well, never dropped
            return work.RedactJob(
                apply=True,
                policy=policy.with_terms(entry.terms),
                review=entry.marks.get(page, ()),
                review_texts=entry.redact_texts,
                review_exact=entry.redact_exact,
                keep_texts=entry.keep_texts,
                unread=unread,
                decided=entry.decided.get(page, ()),
                views=views,
            )

        def finish(result: pipeline.DocumentResult[work.PageMarks]) -> None:
            index = todo[result.index]
            src = inputs[index]
            try:
                if result.document is None:
                    # fail closed: a page that cannot be read makes the whole document refused
                    for msg, code in result.errors:
                        summary.failures.append(Failure(src.display, msg, code))
                    return
                _write_document(
                    src, index, result, planned, formats, outdir, write_dir, summary, workdir, policy.text_layer, force
                )
            finally:
                for image in result.images:
                    if image is not None:
                        image.unlink(missing_ok=True)

        if on_start is not None:
            on_start(sum(src.page_count for src in run_inputs))
        if run_inputs:
            pipeline.run(run_inputs, _redact_settings(settings), workdir, finish, on_page, work.process, job)
    summary.seconds = time.monotonic() - started
    return summary


def _png_name(base: Path, n: int) -> Path:
    """Redacted pages as PNG: ``NAME-p001.png``, ``NAME-p002.png``, …"""
    return base.with_name(f"{base.stem}-p{n:03d}.png")


def _write_document(
    src: InputFile,
    index: int,
    result: pipeline.DocumentResult[work.PageMarks],
    planned: dict[tuple[int, str], Path],
    formats: Sequence[str],
    outdir: Path,
    write_dir: Path | None,
    summary: RedactSummary,
    workdir: Path,
    text_layer: bool,
    force: bool,
) -> None:
    from sandbox.writers import json_out, pdf, txt

    assert result.document is not None
    marks = [pm for pm in result.extras if isinstance(pm, work.PageMarks)]
    texts = sorted({t for pm in marks for t in pm.texts})
    exact = sorted({t for pm in marks for t in pm.exact})
    images = [p for p in result.images if p is not None]
    products: dict[str, bytes] = {}
    problems: list[str] = []
    if "pdf" in formats:
        layers = [pm.surviving if text_layer else None for pm in marks]
        data = pdf.render_pages([(img, pm.dpi, layer) for img, pm, layer in zip(images, marks, layers, strict=True)])
        check = workdir / f"check-{index}.pdf"
        check.write_bytes(data)
        boxes = [[m.box for m in pm.marks] for pm in marks]
        problems += verify.check_pdf(check, texts, boxes, [pm.dpi for pm in marks], exact)
        check.unlink()
        products["pdf"] = data
    if "txt" in formats:
        products["txt"] = txt.render(result.document)
        problems += verify.check_text(products["txt"], texts, "TXT", exact)
    if "json" in formats:
        products["json"] = json_out.render(result.document)
        problems += verify.check_text(products["json"], texts, "JSON", exact)
    pngs = [img.read_bytes() for img in images] if "png" in formats else []
    for data in pngs:
        problems += verify.check_image(data, texts, exact)
    if problems:
        err = VerifyError(
            f"{src.display}: verification failed ({'; '.join(sorted(set(problems)))}); nothing was written"
        )
        summary.failures.append(Failure(src.display, err.message, int(err.exit_code)))
        return
    report = _report(src, result.document, marks, formats)
    files = [(planned[(index, fmt)], data) for fmt, data in products.items()]
    files += [(_png_name(planned[(index, "png")], n), data) for n, data in enumerate(pngs, 1)]
    files.append((planned[(index, "report")], report))
    try:
        deliver(files, outdir, write_dir, summary, force)
    except OutputError as exc:
        summary.failures.append(Failure(src.display, exc.message, int(exc.exit_code)))
        return
    for pm in marks:
        summary.rules.update(m.rule for m in pm.marks)
        summary.boxes += len(pm.marks)
        summary.unread += len(pm.unread)
    summary.verified.append(src.display)
    summary.documents.append(summarise(result.document, src.display))


def _report(src: InputFile, document: Document, marks: list[work.PageMarks], formats: Sequence[str]) -> bytes:
    """Counts, kinds and boxes only: no text, and no hash anyone could confirm a guess with."""
    pages = []
    totals: Counter[str] = Counter()
    for n, (pm, page) in enumerate(zip(marks, document.pages, strict=True), 1):
        rules = Counter(m.rule for m in pm.marks)
        totals.update(rules)
        pages.append(
            {
                "page": n,
                "size": [pm.width, pm.height],
                "dpi": pm.dpi,
                "rotation": page.rotation,
                "rules": dict(sorted(rules.items())),
                "boxes": [{"rule": m.rule, "box": m.box.as_list()} for m in pm.marks],
                "regions_read_by_views": pm.regions,
                "boxes_grown_after_check": pm.grown,
                "unread_kept": [b.as_list() for b in pm.unread],
            }
        )
    data = {
        "schema": REPORT_SCHEMA,
        "version": 2,
        "input_type": src.kind.value,
        "pages": len(document.pages),
        "totals": dict(sorted(totals.items())),
        "unread_kept": sum(len(pm.unread) for pm in marks),
        "outputs": list(formats),
        "checks_passed": [
            "every burned page read again (plain, re-thresholded, and every view of ink left unread) "
            "finds no flagged item",
            "extracted text (pdftotext, TXT, JSON) holds no redacted item",
            "raw and decompressed bytes hold no redacted item (UTF-8, UTF-16BE, hex)",
            "one revision; no annotations, forms, JavaScript, attachments; metadata only /Producer",
            "PNG outputs: image data and the size chunk only (no text, ICC, EXIF or XMP)",
            "every box is opaque in the rendered output",
        ],
        "by_page": pages,
    }
    return (json.dumps(data, indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class VerifyResult:
    file: str
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # what cannot be shown either way (unread ink)


def _text_problems(
    text: str, policy: Policy, texts: Sequence[str], keep: set[str], where: str, exact: Sequence[str] = ()
) -> list[str]:
    from sandbox.redact.detectors import detect_text
    from sandbox.redact.textmap import PageText

    pt = PageText(text, tuple(-1 for _ in text), ())
    hits = [m for m in detect_text(pt, policy) if fold(text[m.start : m.end]).text not in keep]
    problems = [f"{where}: {rule} found" for rule in sorted({m.rule for m in hits})]
    if verify.text_leaks(text, texts, exact):
        problems.append(f"{where}: a redacted item is present")
    return problems


def run_verify(
    args: Sequence[str],
    settings: OcrSettings,
    policy: Policy,
    review: review_file.Review | None = None,
    on_start: Callable[[int], None] | None = None,
    on_page: PageHook | None = None,
) -> list[VerifyResult]:
    """Check files made by anyone: nothing the policy (or review) flags may be recoverable.

    Every page is read as ``flag`` reads it (plain, text layer, every view of ink left unread);
    PDFs are also rendered with their filled paths removed (text hidden under a drawn bar) and
    checked for hidden text and structure; images for metadata and embedded thumbnails (read
    too).  Ink that no reading can read is reported: it cannot be shown clean.
    """
    from sandbox.ingest import Candidate, expand, identify
    from sandbox.models import InputKind

    texts: list[str] = list(policy.terms)
    exact: list[str] = []
    keep: set[str] = set()
    if review is not None:
        settings = replace(settings, dpi=review.dpi, lang=review.lang)
        for doc in review.documents.values():
            texts += doc.redact_texts
            exact += doc.redact_exact
            keep.update(doc.keep_texts)
    settings = check_tools(replace(settings, force_ocr=True))
    check_policy = policy.with_terms(texts, exact)
    results: dict[str, list[str]] = {}
    order: list[str] = []
    with private_workdir() as workdir:
        documents: list[InputFile] = []
        owners: list[tuple[str, str]] = []  # (file the problems belong to, what was read)
        warnings: dict[str, list[str]] = {}

        def add(path: Path, display: str, what: str) -> None:
            found = identify(Candidate(path, display, path.name, True), settings.limits)
            if found is not None:
                documents.append(found)
                owners.append((display, what))

        for cand in expand(args, workdir):
            order.append(cand.display)
            problems = results.setdefault(cand.display, [])
            suffix = cand.path.suffix.lower()
            if suffix in (".txt", ".json", ".hocr"):
                content = cand.path.read_text(encoding="utf-8", errors="replace")
                problems += _text_problems(content, check_policy, texts, keep, "text")
                continue
            try:
                found = identify(Candidate(cand.path, cand.display, cand.name, True), settings.limits)
            except Exception as exc:  # unreadable: cannot be verified
                problems.append(f"unreadable ({getattr(exc, 'message', type(exc).__name__)})")
                continue
            if found is None:
                continue
            documents.append(found)
            owners.append((cand.display, "pixels"))
            extra = workdir / f"verify-{len(documents)}"
            extra.mkdir()
            if found.kind is InputKind.PDF:
                problems += verify.check_pdf(found.path, texts, exact=exact)
                try:
                    layer = verify.extracted_text(found.path)
                except SandboxError as exc:
                    problems.append(f"text layer could not be checked ({exc.message})")
                else:
                    problems += _text_problems(layer, check_policy, texts, keep, "text layer")
                with pikepdf.open(found.path) as pdf:
                    problems += _text_problems(verify.hidden_text(pdf), check_policy, texts, keep, "hidden text")
                if verify.without_fills(found.path, extra / "unfilled.pdf"):
                    add(extra / "unfilled.pdf", cand.display, "pixels with drawn bars removed")
            else:
                data = found.path.read_bytes()
                problems += verify.check_image(data, texts, exact, strict=False)
                problems += _text_problems(verify.metadata_text(data), check_policy, texts, keep, "metadata")
                for n, thumb in enumerate(verify.thumbnails(data), 1):
                    (extra / f"thumb-{n}.jpg").write_bytes(thumb)
                    with suppress(Exception):
                        add(extra / f"thumb-{n}.jpg", cand.display, "embedded thumbnail")
        job = work.RedactJob(apply=False, policy=check_policy, keep_texts=tuple(fold(t).text for t in keep))

        def done(result: pipeline.DocumentResult[work.PageMarks]) -> None:
            owner, what = owners[result.index]
            if result.document is None:
                results[owner] += [f"OCR failed: {msg}" for msg, _ in result.errors]
                return
            for n, pm in enumerate(result.extras, 1):
                if not isinstance(pm, work.PageMarks):
                    continue
                where = f"{what} page {n}"
                results[owner] += [f"{where}: {rule} found" for rule in sorted({f.rule for f in pm.findings})]
                if pm.unread:
                    warnings.setdefault(owner, []).append(
                        f"{where}: {len(pm.unread)} region(s) of ink no reading could read; look at them"
                    )

        if on_start is not None:
            on_start(sum(d.page_count for d in documents))
        if documents:
            pipeline.run(documents, settings, workdir, done, on_page, work.process, lambda d, p: job)
    return [VerifyResult(name, tuple(dict.fromkeys(results[name])), tuple(warnings.get(name, ()))) for name in order]
