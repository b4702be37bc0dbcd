"""``verify``: check files made by anyone — nothing flagged may be recoverable from them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pikepdf

from sandbox import pipeline
from sandbox.config import OcrSettings
from sandbox.errors import SandboxError
from sandbox.models import InputFile
from sandbox.pipeline import PageHook
from sandbox.redact import checks, codes, work
from sandbox.redact import review as review_file
from sandbox.redact.policy import Policy
from sandbox.redact.textmap import kept_form
from sandbox.redact.types import PageMarks, RedactJob, VerifyResult
from sandbox.run.inputs import check_tools
from sandbox.workdir import private_workdir


def _text_problems(
    text: str, policy: Policy, texts: Sequence[str], keep: set[str], where: str, exact: Sequence[str] = ()
) -> list[str]:
    from sandbox.redact.detectors import detect_text
    from sandbox.redact.textmap import PageText

    pt = PageText(text, tuple(-1 for _ in text), ())
    hits = [m for m in detect_text(pt, policy) if kept_form(text[m.start : m.end]) not in keep]
    problems = [f"{where}: {rule} found" for rule in sorted({m.rule for m in hits})]
    if checks.text_leaks(text, texts, exact):
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

    Every page is read as ``flag`` reads it (plain, text layer, every view of ink left unread)
    and whole through the attacker's views (``redact.attackviews``: PP-OCR as it is and
    mirrored, contrast-stretched, softened, Lab colour planes, descreened colour ink);
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
            keep.update(kept_form(t) for t in doc.keep_texts)
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
                problems += checks.check_pdf(found.path, texts, exact=exact)
                try:
                    layer = checks.extracted_text(found.path)
                except SandboxError as exc:
                    problems.append(f"text layer could not be checked ({exc.message})")
                else:
                    problems += _text_problems(layer, check_policy, texts, keep, "text layer")
                with pikepdf.open(found.path) as pdf:
                    problems += _text_problems(checks.hidden_text(pdf), check_policy, texts, keep, "hidden text")
                if checks.without_fills(found.path, extra / "unfilled.pdf"):
                    add(extra / "unfilled.pdf", cand.display, "pixels with drawn bars removed")
            else:
                data = found.path.read_bytes()
                problems += checks.check_image(data, texts, exact, strict=False)
                problems += _text_problems(checks.metadata_text(data), check_policy, texts, keep, "metadata")
                for n, thumb in enumerate(checks.thumbnails(data), 1):
                    (extra / f"thumb-{n}.jpg").write_bytes(thumb)
                    with suppress(Exception):
                        add(extra / f"thumb-{n}.jpg", cand.display, "embedded thumbnail")
        job = RedactJob(apply=False, policy=check_policy, keep_texts=tuple(keep), attacker=True)

        def done(result: pipeline.DocumentResult[PageMarks]) -> None:
            owner, what = owners[result.index]
            if result.document is None:
                results[owner] += [f"OCR failed: {msg}" for msg, _ in result.errors]
                return
            for n, pm in enumerate(result.extras, 1):
                if not isinstance(pm, PageMarks):
                    continue
                where = f"{what} page {n}"
                results[owner] += [f"{where}: {rule} found" for rule in sorted({f.rule for f in pm.findings})]
                results[owner] += codes.problems(pm.marks, where, warnings.setdefault(owner, []))
                if pm.unread:
                    warnings.setdefault(owner, []).append(
                        f"{where}: {len(pm.unread)} region(s) of ink no reading could read; look at them"
                    )

        if on_start is not None:
            on_start(sum(d.page_count for d in documents))
        if documents:
            pipeline.run(documents, settings, workdir, done, on_page, work.process, lambda d, p: job)
    return [VerifyResult(name, tuple(dict.fromkeys(results[name])), tuple(warnings.get(name, ()))) for name in order]
