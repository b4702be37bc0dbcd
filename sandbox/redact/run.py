"""Orchestration of ``flag``, ``redact`` and ``verify`` over many documents.

Pages go through the same process pool as OCR (``redact.work`` in the workers); each
document's outputs are assembled here, checked by ``redact.verify``, and written only when
every check passes.  Reports carry rules, pages, boxes and salted hashes, never text.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from sandbox import outputs, pipeline
from sandbox.api import Failure, RunSummary, check_tools, deliver, open_inputs, summarise
from sandbox.config import OcrSettings
from sandbox.errors import ExitCode, OutputError, UsageError, VerifyError
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


def _salted(salt: str, text: str) -> str:
    return hashlib.sha256((salt + fold(text).text).encode("utf-8")).hexdigest()[:16]


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
) -> RunSummary:
    """Write a review file with every finding (text included: the file is confidential)."""
    started = time.monotonic()
    summary = RunSummary()
    settings = check_tools(settings)
    outputs.check_free([review_path], force)
    entries: list[dict[str, Any]] = []
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, stdin, summary)
        shas = [review_file.sha256(src.path) for src in inputs]
        job = work.RedactJob(apply=False, policy=policy)

        def collect(result: pipeline.DocumentResult) -> None:
            src = inputs[result.index]
            if result.document is None:
                summary.failures.extend(Failure(src.display, msg, code) for msg, code in result.errors)
                return
            marks = [(i, pm.marks) for i, pm in enumerate(result.extras) if isinstance(pm, work.PageMarks)]
            entries.append(review_file.document_entry(src.display, shas[result.index], src.page_count, marks))
            summary.documents.append(summarise(result.document, src.display))

        if on_start is not None:
            on_start(sum(src.page_count for src in inputs))
        pipeline.run(inputs, _redact_settings(settings), workdir, collect, on_page, work.process, lambda d, p: job)
        if entries:
            data = review_file.dump(entries, settings.dpi, settings.lang, policy.highlights)
            deliver(review_path, data, review_path.parent, write_dir, summary)
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
    salt = secrets.token_hex(8)
    with private_workdir() as workdir:
        inputs = open_inputs(args, settings, workdir, stdin, summary)
        shas = [review_file.sha256(src.path) for src in inputs]
        planned = outputs.plan(inputs, [*formats, "report"], outdir)
        outputs.check_free([p for (_, fmt), p in planned.items() if fmt != "png"], force)
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
                return work.RedactJob(apply=True, policy=policy)
            return work.RedactJob(
                apply=True,
                policy=replace(policy, terms=entry.terms, packs=("terms",) if entry.terms else ()),
                review=entry.marks.get(page, ()),
                review_texts=entry.redact_texts,
                review_exact=entry.redact_exact,
                keep_texts=entry.keep_texts,
            )

        def finish(result: pipeline.DocumentResult) -> None:
            index = todo[result.index]
            src = inputs[index]
            try:
                if result.document is None:
                    # fail closed: a page that cannot be read makes the whole document refused
                    for msg, code in result.errors:
                        summary.failures.append(Failure(src.display, msg, code))
                    return
                _write_document(
                    src, index, result, planned, formats, outdir, write_dir, salt, summary, workdir, policy.text_layer
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


def _write_document(
    src: InputFile,
    index: int,
    result: pipeline.DocumentResult,
    planned: dict[tuple[int, str], Path],
    formats: Sequence[str],
    outdir: Path,
    write_dir: Path | None,
    salt: str,
    summary: RedactSummary,
    workdir: Path,
    text_layer: bool,
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
    if problems:
        err = VerifyError(
            f"{src.display}: verification failed ({'; '.join(sorted(set(problems)))}); nothing was written"
        )
        summary.failures.append(Failure(src.display, err.message, int(err.exit_code)))
        return
    report = _report(src, result.document, marks, salt, formats)
    try:
        for fmt, data in products.items():
            deliver(planned[(index, fmt)], data, outdir, write_dir, summary)
        if "png" in formats:
            base = planned[(index, "png")]
            for n, img in enumerate(images, 1):
                dest = base.with_name(f"{base.stem}-p{n:03d}.png")
                deliver(dest, img.read_bytes(), outdir, write_dir, summary)
        deliver(planned[(index, "report")], report, outdir, write_dir, summary)
    except OutputError as exc:
        summary.failures.append(Failure(src.display, exc.message, int(exc.exit_code)))
        return
    for pm in marks:
        summary.rules.update(m.rule for m in pm.marks)
        summary.boxes += len(pm.marks)
    summary.verified.append(src.display)
    summary.documents.append(summarise(result.document, src.display))


def _report(
    src: InputFile, document: Document, marks: list[work.PageMarks], salt: str, formats: Sequence[str]
) -> bytes:
    pages = []
    totals: Counter[str] = Counter()
    for n, pm in enumerate(marks, 1):
        rules = Counter(m.rule for m in pm.marks)
        totals.update(rules)
        pages.append(
            {
                "page": n,
                "size": [pm.width, pm.height],
                "dpi": pm.dpi,
                "rules": dict(sorted(rules.items())),
                "boxes": [
                    {"rule": m.rule, "box": m.box.as_list(), "hash": _salted(salt, m.text) if m.text else None}
                    for m in pm.marks
                ],
            }
        )
    data = {
        "schema": REPORT_SCHEMA,
        "version": 1,
        "input_type": src.kind.value,
        "pages": len(document.pages),
        "salt": salt,
        "hash": "sha256(salt + case/width-folded text), first 16 hex digits",
        "totals": dict(sorted(totals.items())),
        "outputs": list(formats),
        "checks_passed": [
            "fresh OCR of every burned page finds no flagged item",
            "extracted text (pdftotext, TXT, JSON) holds no redacted item",
            "raw and decompressed bytes hold no redacted item (UTF-8, UTF-16BE, hex)",
            "one revision; no annotations, forms, JavaScript, attachments; metadata only /Producer",
            "every box is opaque in the rendered output",
        ],
        "by_page": pages,
    }
    return (json.dumps(data, indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class VerifyResult:
    file: str
    problems: tuple[str, ...]


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
    """Check files made by anyone: nothing the policy (or review) flags may be recoverable."""
    from sandbox.ingest import Candidate, expand, identify
    from sandbox.models import InputKind
    from sandbox.text import page_text

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
            if found.kind is InputKind.PDF:
                problems += verify.check_pdf(found.path, texts, exact=exact)
                problems += _text_problems(verify.extracted_text(found.path), check_policy, texts, keep, "text layer")

        def ocr_done(result: pipeline.DocumentResult) -> None:
            src = documents[result.index]
            if result.document is None:
                results[src.display] += [f"OCR failed: {msg}" for msg, _ in result.errors]
                return
            for page in result.document.pages:
                found = _text_problems(page_text(page), check_policy, texts, keep, f"pixels page {page.index + 1}")
                results[src.display] += found

        if on_start is not None:
            on_start(sum(d.page_count for d in documents))
        if documents:
            pipeline.run(documents, settings, workdir, ocr_done, on_page)
    return [VerifyResult(name, tuple(dict.fromkeys(results[name]))) for name in order]
