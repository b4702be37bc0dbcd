"""The redaction work on one page, run in a worker process.

flag:  page image → OCR (of the ink-free image when highlights are on) + the text layer of
       born-digital pages → findings (rules, highlights).
apply: the same, or the boxes of a review file → boxes burned into the pixels → the burned
       image is written as PNG and read again by Tesseract: if any redacted item (or a new
       policy hit) is still readable, the page fails and nothing of the document is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image

from sandbox import preprocess
from sandbox.errors import VerifyError
from sandbox.models import BBox, InputKind, Page
from sandbox.pages import PageOutcome, PageTask, guarded, ocr_image, prepare_image, read, render, text_layer_page
from sandbox.redact import burn, highlights
from sandbox.redact.detectors import Finding, detect
from sandbox.redact.policy import Policy
from sandbox.redact.textmap import fold
from sandbox.text import join_words


@dataclass(frozen=True, slots=True)
class Mark:
    """Something to black out on a page: a box, the rule behind it, the text it hides."""

    box: BBox
    rule: str
    text: str = ""  # confidential; empty for highlights and manual boxes
    context: str = ""
    finding: int = -1  # index of the finding it belongs to on this page


@dataclass(frozen=True, slots=True)
class RedactJob:
    apply: bool  # False: only flag
    policy: Policy
    review: tuple[Mark, ...] | None = None  # a review file's redact decisions for this page
    review_texts: tuple[str, ...] = ()  # texts the review redacts (checked after burning)
    review_exact: tuple[str, ...] = ()  # ... of markings: compared with case
    keep_texts: tuple[str, ...] = ()  # folded texts a review decided to keep


@dataclass(frozen=True, slots=True)
class PageMarks:
    width: int
    height: int
    dpi: int
    marks: tuple[Mark, ...]
    findings: tuple[Finding, ...] = ()
    surviving: Page | None = None  # words left after redaction (text layer)
    texts: tuple[str, ...] = field(default=(), repr=False)  # what was redacted (for output checks)
    exact: tuple[str, ...] = field(default=(), repr=False)  # redacted markings, compared with case


def process(task: PageTask) -> PageOutcome:
    return guarded(task, _work)


def _page_image(task: PageTask, colour: bool) -> tuple[Path, int, int, int, bool]:
    if task.source.kind is InputKind.PDF:
        path, w, h = render(task, gray=not colour)
        return path, w, h, task.settings.dpi, True
    path, w, h, dpi = prepare_image(task)
    return path, w, h, dpi, path != task.source.path


def _marks_from_policy(
    page: Page, layer: Page | None, hl: list[BBox], policy: Policy
) -> tuple[list[Mark], list[Finding]]:
    marks: list[Mark] = []
    findings = detect(page, policy)
    for n, f in enumerate(findings):
        for box in burn.boxes_for(page, f.words, scope=f.scope, padding=policy.padding, cover_lines=policy.cover_lines):
            marks.append(Mark(box, f.rule, f.text, f.context, n))
    if layer is not None:
        offset = len(findings)
        layer_findings = detect(layer, policy)
        for n, f in enumerate(layer_findings):
            boxes = burn.boxes_for(
                layer, f.words, scope=f.scope, padding=policy.padding, cover_lines=policy.cover_lines
            )
            marks.extend(Mark(box, f.rule, f.text, f.context, offset + n) for box in boxes)
        findings += layer_findings
    words = page.words
    for box in hl:
        hl_box = burn.clip(burn.pad(box, policy.padding), page.width, page.height)
        # the words read (from the ink-free image) under the ink: checked again after burning
        under = sorted(burn.covered_words(page, [hl_box]))
        text = join_words([words[i].text for i in under])
        marks.append(Mark(hl_box, "highlight", text, "[" + text + "]", len(findings) + len(marks)))
    return marks, findings


def _work(task: PageTask) -> PageOutcome:
    job = task.job
    assert isinstance(job, RedactJob)
    policy = job.policy
    image, width, height, dpi, temporary = _page_image(task, colour=policy.highlights)
    ink_free: Path | None = None
    try:
        with Image.open(image) as im:
            im.load()
            picture = im.copy()
        ocr_source = image
        if policy.highlights and picture.mode in ("RGB", "RGBA"):
            ink_free = task.workdir / f"d{task.doc}" / f"inkfree-{task.index + 1:05d}.png"
            ink_free.parent.mkdir(exist_ok=True)
            highlights.ink_free(picture).save(ink_free, format="PNG", compress_level=1)
            ocr_source = ink_free
        page = read(task, ocr_source, width, height, dpi).page
        transformed = page.rotation != 0 or page.skew != 0.0
        if transformed:  # burn and output the upright page the words were read from
            picture = preprocess.deskew(preprocess.rotate(picture, page.rotation), page.skew)
            width, height = picture.size
        hl = highlights.regions(picture) if policy.highlights else []
        layer = None
        if task.source.kind is InputKind.PDF and not transformed:
            layer = text_layer_page(task)
            if layer is not None and (layer.width, layer.height) != (width, height):
                layer = None if abs(layer.width - width) > 3 else replace(layer, width=width, height=height)
        if job.review is not None:
            marks = list(job.review)
            if policy.terms:
                extra, _ = _marks_from_policy(page, layer, [], replace(policy, packs=("terms",)))
                marks += extra
            findings: list[Finding] = []
        else:
            marks, findings = _marks_from_policy(page, layer, hl, policy)
        if not job.apply:
            return PageOutcome(
                task.doc, task.index, page, None, extra=PageMarks(width, height, dpi, tuple(marks), tuple(findings))
            )
        boxes = [m.box for m in marks]
        burned = burn.burn(picture, boxes)
        out = task.workdir / f"d{task.doc}" / f"redacted-{task.index + 1:05d}.png"
        out.parent.mkdir(exist_ok=True)
        burned.save(out, format="PNG", dpi=(dpi, dpi))
        removed = burn.covered_words(page, boxes)
        labels: dict[int, str] = {}
        for i, word in enumerate(page.words):
            for m in marks:
                if i in removed and burn.intersects(word.bbox, m.box):
                    labels.setdefault(i, m.rule)
        texts = tuple(sorted({m.text for m in marks if m.text and m.rule != "markings"} | set(job.review_texts)))
        exact = tuple(sorted({m.text for m in marks if m.text and m.rule == "markings"} | set(job.review_exact)))
        _verify_pixels(task, out, width, height, dpi, policy, job, texts, exact)
        redacted = burn.redact_page(page, removed, labels, policy.placeholder)
        result = PageMarks(
            width, height, dpi, tuple(marks), tuple(findings), burn.surviving(page, removed), texts, exact
        )
        return PageOutcome(task.doc, task.index, redacted, out, extra=result)
    finally:
        if temporary:
            image.unlink(missing_ok=True)
        if ink_free is not None:
            ink_free.unlink(missing_ok=True)


def _verify_pixels(
    task: PageTask,
    png: Path,
    width: int,
    height: int,
    dpi: int,
    policy: Policy,
    job: RedactJob,
    texts: tuple[str, ...],
    exact: tuple[str, ...],
) -> None:
    """Read the burned page again: nothing redacted, and no new policy hit, may be readable."""
    fresh = ocr_image(task, png, width, height, dpi)
    check = policy.with_terms(texts, exact)
    if job.review is not None:  # exactly the review's decisions: check what it redacts
        check = replace(check, packs=("terms",))
    keep = set(job.keep_texts)
    leaks = [f for f in detect(fresh, check) if fold(f.text).text not in keep]
    if leaks:
        rules = ", ".join(sorted({f.rule for f in leaks}))
        raise VerifyError(
            f"{task.source.display} page {task.index + 1}: {len(leaks)} flagged item(s) still readable after burning "
            f"({rules}); nothing was written — widen --padding or use cover_lines"
        )
