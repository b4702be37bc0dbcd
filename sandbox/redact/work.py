"""The redaction work on one page, run in a worker process.

flag:  page image → plain OCR (of the ink-free image when highlights are on), the text layer
       of PDF pages (mapped onto the upright page), and the independent views of
       ``redact.views`` for every ink region the readings did not cover → findings, plus the
       *unread* regions no view could read.
apply: the same (or a review file's decisions, plus any policy hit the review did not
       decide) → boxes burned into the pixels → the burned page is read again through the
       same views plus a whole-page re-threshold: a redacted item still readable makes the
       burn grow over its line, twice at most, then the page fails and nothing of the
       document is written.  Undecided unread ink fails the page too (``--unread``).
       Before burning, marks fainter than every ink finder's floor are made paper
       (``redact.subfloor``): what no reading sees cannot stay for a contrast stretch.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image

from sandbox.engines import ppocr
from sandbox.engines.base import OcrEngine, Tesseract, for_languages
from sandbox.errors import PageError, VerifyError
from sandbox.models import BBox, InputKind, Line, Page, PageSource, Word
from sandbox.pages import PageOutcome, PageTask, guarded, prepare_image, read, reader, render_pixels, text_layer_page
from sandbox.reading import Reader
from sandbox.redact import (
    attackviews,
    burn,
    charboxes,
    codes,
    highlights,
    inkmap,
    reach,
    subfloor,
    tints,
    vertical,
    views,
)
from sandbox.redact.detectors import Finding, detect, with_firm
from sandbox.redact.numbers import misread_number
from sandbox.redact.policy import Policy
from sandbox.redact.textmap import fold, kept_form
from sandbox.redact.types import Mark, PageMarks, RedactJob
from sandbox.text import join_words

GROW_ROUNDS = 2  # times the burn may grow over a line that still reads
DECIDED = 0.5  # share of an unread region inside a decided box for it to count as decided
SAME_ITEM = 0.6  # share of a hit's boxes under marks of the same text for it to be the same item
UNDER_OTHERS = 0.95  # ... under marks of any text (a hit three quarters under another item's box is
# its own item: what sticks out of the other box would stay readable)


def process(task: PageTask[RedactJob]) -> PageOutcome[PageMarks]:
    return guarded(task, _work)


def _page_image(task: PageTask[RedactJob]) -> tuple[Image.Image, Path | None, int]:
    """The page's picture (a PDF page rendered into memory, in colour — coloured print is its
    own view), the image file it came from (read as Tesseract reads files) and its DPI."""
    if task.source.kind is InputKind.PDF:
        return render_pixels(task, gray=False), None, task.settings.dpi
    path, _, _, dpi = prepare_image(task)
    try:
        with Image.open(path) as im:
            im.load()
    except BaseException:
        if path != task.source.path:
            path.unlink(missing_ok=True)
        raise
    return im, path, dpi


def _turn_box(b: BBox, rotation: int, w: int, h: int) -> BBox:
    """A box of a W×H page, on the page turned clockwise by ``rotation`` degrees."""
    r = rotation % 360
    if r == 90:
        return BBox(h - b.y1, b.x0, h - b.y0, b.x1)
    if r == 180:
        return BBox(w - b.x1, h - b.y1, w - b.x0, h - b.y0)
    if r == 270:
        return BBox(b.y0, w - b.x1, b.y1, w - b.x0)
    return b


def _skew_box(b: BBox, angle: float, w: int, h: int, new_w: int, new_h: int) -> BBox:
    """A box on the page rotated counter-clockwise by ``angle`` with expand (Pillow's rotate)."""
    if abs(angle) < 0.05:
        return b
    t = math.radians(angle)
    cx, cy, ncx, ncy = w / 2, h / 2, new_w / 2, new_h / 2
    pts = []
    for x, y in ((b.x0, b.y0), (b.x1, b.y0), (b.x0, b.y1), (b.x1, b.y1)):
        dx, dy = x - cx, y - cy
        pts.append((ncx + dx * math.cos(t) + dy * math.sin(t), ncy - dx * math.sin(t) + dy * math.cos(t)))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return BBox(math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


def _layer(task: PageTask[RedactJob], page: Page, width: int, height: int) -> Page | None:
    """The page's text layer (private-use glyphs dropped), CJK words split into characters
    (``charboxes``), on the upright page whatever was turned."""
    layer = text_layer_page(task, lenient=True)
    if layer is None:
        return None
    layer = charboxes.split_cjk(layer)
    if page.rotation or page.skew:
        lw, lh = layer.width, layer.height
        turned_w, turned_h = (lh, lw) if page.rotation % 180 == 90 else (lw, lh)

        def move(b: BBox) -> BBox:
            return _skew_box(_turn_box(b, page.rotation, lw, lh), page.skew, turned_w, turned_h, width, height)

        lines = tuple(
            Line(tuple(Word(w.text, move(w.bbox), w.conf) for w in ln.words), move(ln.bbox), ln.block, ln.paragraph)
            for ln in layer.lines
        )
        layer = replace(layer, lines=lines)
    return replace(layer, width=width, height=height)


def _same(text: str) -> str:
    """What two readings of one item have in common: the folded text without spaces."""
    return fold(text).text.replace(" ", "")


def _marks(
    pages: Sequence[Page], policy: Policy, keep: set[str], existing: Sequence[Mark]
) -> tuple[list[Mark], list[Finding]]:
    """Marks for every policy hit on every reading; a hit already under ``existing`` boxes or
    kept by a review adds nothing."""
    marks: list[Mark] = []
    findings: list[Finding] = []
    covered = [m.box for m in existing]
    by_text: dict[str, list[BBox]] = {}
    for m in existing:
        by_text.setdefault(_same(m.text), []).append(m.box)
    for page in with_firm(pages):
        for f in detect(page, policy):
            if kept_form(f.text) in keep:
                continue
            boxes = burn.boxes_for(page, f.words, scope=f.scope, padding=policy.padding, cover_lines=policy.cover_lines)
            same = by_text.get(_same(f.text), [])
            if boxes and all(
                burn.share_inside(b, same) >= SAME_ITEM or burn.share_inside(b, covered) >= UNDER_OTHERS for b in boxes
            ):
                continue  # the same item, already found in another reading
            n = len(findings)
            findings.append(f)
            marks += [Mark(b, f.rule, f.text, f.context, n, f.match) for b in boxes]
            covered += boxes
            by_text.setdefault(_same(f.text), []).extend(boxes)
    return marks, findings


def _highlight_marks(page: Page, hl: list[BBox], policy: Policy, first: int) -> list[Mark]:
    out = []
    for n, box in enumerate(hl):
        hl_box = burn.clip(burn.pad(box, policy.padding), page.width, page.height)
        # the words read (from the ink-free image) under the ink: checked again after burning
        under = sorted(burn.covered_words(page, [hl_box]))
        text = join_words([page.words[i].text for i in under])
        out.append(Mark(hl_box, "highlight", text, "[" + text + "]", first + n))
    return out


def _work(task: PageTask[RedactJob]) -> PageOutcome[PageMarks]:
    job = task.job
    assert isinstance(job, RedactJob)
    if job.lang:  # burn in the languages the review was read in: the review shows what is burned
        task = replace(task, settings=replace(task.settings, lang=job.lang))
    policy = job.policy
    picture, image, dpi = _page_image(task)
    width, height = picture.size
    try:
        ocr_source: Path | Image.Image = image or picture
        if policy.highlights and picture.mode in ("RGB", "RGBA"):
            ocr_source = highlights.ink_free(picture)
        reading = read(task, ocr_source, width, height, dpi)
        page = reading.page
        lang = page.languages or "eng"
        if reading.upright is not None:  # burn and output the upright page the words were read from
            picture = reading.upright.convert(picture.mode) if picture.mode in ("RGB", "L") else reading.upright
            width, height = picture.size
        rd = reader(task)
        ocr = partial(_ocr_as, rd, dpi, lang)
        # ink the page's languages cannot read may be in another script
        others: list[views.OcrFn] = [partial(_ocr_as, rd, dpi, alt) for alt in _other_scripts(lang)]
        # the burned page is also read whole by the engine that read the page (PP-OCR for Chinese)
        engine = for_languages(task.settings.engine, lang)
        if job.views and engine.name == "tesseract" and ppocr.available():
            # small print a fax or a poor scan left, that no Tesseract view reads: PP-OCR tries it
            # last before it is called unread (its confidence on scribbles runs high: see _strict;
            # on a Chinese page, read whole by PP-OCR already, it passed a stamp over an address on
            # a dot screen as read: seed 12, document 54)
            ppocr_last = partial(_strict, partial(_ocr_as, rd, dpi, lang, engine=ppocr.PpOcr(as_drawn=True)))
            others.append(views.Upright(ppocr_last))
        whole_by = engine.name if engine.name != "tesseract" else ""
        whole = [partial(_ocr_as, rd, dpi, lang, engine=engine)] if whole_by else []
        if not whole and job.views and coloured(picture) and ppocr.available():
            # ink in colours of one lightness (blue on dark red, through a dot screen) can be
            # lost to every grey and single-colour view, yet PP-OCR reads it from the colour
            # picture: an attacker has PP-OCR, so a colour page is read whole by it too
            whole_by = "ppocr"
            whole = [partial(_ocr_as, rd, dpi, lang, engine=for_languages("ppocr", lang))]

        hl = highlights.regions(picture) if policy.highlights else []
        readings = [page]
        if task.source.kind is InputKind.PDF:
            layer = _layer(task, page, width, height)
            if layer is not None:
                readings.append(layer)
        seen = views.ViewReading((), (), 0)
        ruled: list[Page] = []
        descreened = tints.descreened(picture, dpi)[0]
        symbols = codes.symbols(descreened) if job.codes != "keep" else []
        decoded = codes.burned_for_sure(symbols, policy, job.codes, job.decided)  # their ink is burned
        if job.views:  # found by, but covering no ink for, the views: its confident nonsense
            # (a mirrored line read the wrong way round) must not keep a region from them
            ruled = _ruled_readings(picture, dpi, ocr, page.index, hl)
            # a seal's ring, unwrapped, is read by PP-OCR too: it reads the ring's Chinese well
            rings = [partial(_ocr_as, rd, dpi, lang, engine=ppocr.PpOcr(as_drawn=True))] if ppocr.available() else []
            seen = views.look(
                picture, readings, dpi, ocr, lang, exclude=hl, others=others, skip=decoded, seal_readers=rings
            )
        if not whole and job.views and ppocr.available() and _misread(readings, seen.pages):
            # a number Tesseract misread in every view (hollow type on a dot screen: ``S2OLO2L``
            # for ``320102``, read confidently, so its ink counts as read): PP-OCR reads it whole
            whole_by = "ppocr"
            whole = [partial(_ocr_as, rd, dpi, lang, engine=for_languages("ppocr", lang))]
        keep = {kept_form(t) for t in job.keep_texts}
        base: list[Mark] = list(job.review) if job.review is not None else []
        extra = [read_whole(picture) for read_whole in whole] if job.views else []  # items found, no ink read
        if job.attacker:  # verify: the whole page through the attacker's views too
            pp: views.OcrFn | None = None
            if ppocr.available():
                pp = partial(_ocr_as, rd, dpi, lang, engine=for_languages("ppocr", lang))
            if pp is not None and extra and whole_by == "ppocr":  # that same call was just made
                pp = _reusing(pp, picture, extra[0])
            extra += attackviews.same_index(attackviews.readings(picture, dpi, coloured(picture), ocr, pp), page.index)
        every = vertical.with_columns([*readings, *ruled, *seen.pages, *extra])  # and vertical CJK as written
        found_marks, findings = _marks(every, policy, keep, base)
        marks = base + found_marks
        # a fax's dithered highlight is no barcode, nor is a checkbox crossed through: a symbol
        # seen (not decoded) where the views found a checkbox or an option circle is that mark
        boxes = [burn.pad(i.box, 10) for i in seen.structure if i.kind.startswith(("checkbox", "radio"))]
        code = codes.look(
            descreened,
            policy,
            job.codes,
            [*job.decided, *boxes],
            f"{task.source.display} page {task.index + 1}",
            symbols,
        )
        marks += code.marks
        if job.review is None:
            marks += _highlight_marks(page, hl, policy, len(findings))
        marks = reach.to_glyphs(picture, marks, dpi)  # no sliver of a glyph a bar cuts is left
        unread = _undecided(seen.unread, job, [m.box for m in marks] + code.kept)
        if not job.apply:
            pm = PageMarks(
                width, height, dpi, tuple(marks), tuple(findings), unread=unread, regions=seen.regions,
                structure=_structure(seen), languages=lang, unread_kinds=seen.unread_kinds,
            )  # fmt: skip
            return PageOutcome(task.doc, task.index, page, None, extra=pm)
        if unread and job.unread == "ask":
            raise VerifyError(
                f"{task.source.display} page {task.index + 1}: {len(unread)} region(s) of ink that no reading could "
                "read; nothing was written — decide them in a review file (sandbox flag), or pass --unread redact "
                "or --unread keep"
            )
        if unread and job.unread == "redact":
            marks += [Mark(burn.clip(burn.pad(b, policy.padding), width, height), "unread") for b in unread]
        return _apply(task, job, picture, page, marks, findings, dpi, ocr, lang, seen, unread, others, whole, decoded)
    finally:
        if image is not None and image != task.source.path:
            image.unlink(missing_ok=True)


def _reusing(read: views.OcrFn, picture: Image.Image, done: Page) -> views.OcrFn:
    """``read``, except that ``picture`` itself gives ``done``: its reading by the same call
    (same reader, engine, languages and pixels) made just before, not made twice."""
    return lambda img: done if img is picture else read(img)


def _ruled_readings(
    picture: Image.Image, dpi: int, ocr: views.OcrFn, index: int, exclude: Sequence[BBox]
) -> list[Page]:
    """The whole page read with its rules and box walls removed, thresholded and in its own
    greys, when it has any (tables, comb fields: the attacker's views of them); no reading on a
    page without rules."""
    return [replace(ocr(bare), index=index) for bare in views.without_rules(picture, dpi, exclude)]


def coloured(picture: Image.Image) -> bool:
    """Whether a page has coloured ink worth a whole PP-OCR reading: over 0.5 % of its thumbnail's
    pixels coloured (:func:`sandbox.redact.inkmap.has_colour`)."""
    return inkmap.has_colour(picture, share=0.005)


def _ocr_as(rd: Reader, dpi: int, lang: str, img: Image.Image, engine: OcrEngine | None = None) -> Page:
    """The extra readings of views and mosaics: Tesseract, whose behaviour on tiles they are
    built for, unless ``engine`` is given."""
    return rd.ocr_image(img, dpi, lang, engine or Tesseract())


PPOCR_DISCOUNT = 0.4  # taken off PP-OCR's word confidences when it reads what other views did not


def _misread(*readings: Sequence[Page]) -> bool:
    """Whether any OCR word of ``readings`` looks like a misread number (``numbers.misread_number``)."""
    return any(w.conf < 1.0 and misread_number(w.text) for pages in readings for page in pages for w in page.words)


PPOCR_SLICE = ppocr.MAX_SIDE  # px: a mosaic of view tiles is read by PP-OCR in slices at most this tall


def _strict(read_tiles: views.OcrFn, img: Image.Image) -> Page:
    """PP-OCR's reading of a mosaic of view tiles, in slices cut between tiles (a tall mosaic
    is more than its detector takes), with its confidences lowered by ``PPOCR_DISCOUNT``: it
    reads a signature or a stamp's scroll as a confident word, so it counts as having read a
    region only at 0.95 (the words still count for finding terms, whatever their confidence).
    A slice it fails on reads nothing: its regions stay unread (fail closed)."""
    arr = np.asarray(img.convert("L"))
    blank = np.nonzero((arr >= 250).all(axis=1))[0]
    cuts = [0]
    while arr.shape[0] - cuts[-1] > PPOCR_SLICE:
        fits = blank[(blank > cuts[-1]) & (blank <= cuts[-1] + PPOCR_SLICE)]
        cuts.append(int(fits[-1]) if len(fits) else cuts[-1] + PPOCR_SLICE)
    cuts.append(arr.shape[0])
    lines: list[Line] = []
    first: Page | None = None
    for top, bottom in itertools.pairwise(cuts):
        if bottom <= top:
            continue
        try:
            page = read_tiles(img.crop((0, top, img.width, bottom)))
        except PageError:
            continue
        first = first or page
        for line in page.lines:
            words = tuple(
                replace(w, bbox=BBox(w.bbox.x0, w.bbox.y0 + top, w.bbox.x1, w.bbox.y1 + top),
                        conf=max(0.0, w.conf - PPOCR_DISCOUNT))
                for w in line.words
            )  # fmt: skip
            box = BBox(line.bbox.x0, line.bbox.y0 + top, line.bbox.x1, line.bbox.y1 + top)
            lines.append(replace(line, words=words, bbox=box))
    if first is None:
        return Page(0, img.width, img.height, 300, PageSource.OCR, (), "", engine="ppocr")
    return replace(first, width=img.width, height=img.height, lines=tuple(lines))


def _other_scripts(lang: str) -> list[str]:
    """Further language sets for what the page's own did not read: on a page of Chinese and a
    Latin language, the Chinese sets alone first (Tesseract's mixed set reads a bold Chinese
    line, or one beside a seal's stray strokes, as Latin nonsense that the Chinese set alone
    reads right), then the other script: English for a Chinese page, Chinese for a Latin one."""
    from sandbox.engines import tesseract

    installed = set(tesseract.languages())
    parts = lang.split("+")
    chinese = [p for p in parts if p.startswith("chi")]
    if chinese:
        alone = ["+".join(chinese)] if len(chinese) < len(parts) else []
        return alone + (["eng"] if "eng" in installed else [])
    return ["chi_sim+eng"] if {"chi_sim", "eng"} <= installed else []


def _structure(seen: views.ViewReading) -> tuple[tuple[BBox, str], ...]:
    return tuple((item.box, item.kind) for item in seen.structure)


def _undecided(unread: Sequence[BBox], job: RedactJob, burned: Sequence[BBox]) -> tuple[BBox, ...]:
    decided = [*job.decided, *burned]
    return tuple(b for b in unread if burn.share_inside(b, decided) < DECIDED)


def _apply(
    task: PageTask[RedactJob],
    job: RedactJob,
    picture: Image.Image,
    page: Page,
    marks: list[Mark],
    findings: list[Finding],
    dpi: int,
    ocr: views.OcrFn,
    lang: str,
    seen: views.ViewReading,
    unread: tuple[BBox, ...],
    others: Sequence[views.OcrFn],
    whole: Sequence[views.OcrFn],
    decoded: Sequence[BBox] = (),
) -> PageOutcome[PageMarks]:
    policy = job.policy
    width, height = picture.size
    grown = 0
    picture = subfloor.flattened(burn.burn(picture, ()), dpi)  # nothing fainter than the finders see
    for attempt in range(GROW_ROUNDS + 1):
        texts = tuple(sorted({m.text for m in marks if m.text and m.rule != "markings"} | set(job.review_texts)))
        exact = tuple(sorted({m.text for m in marks if m.text and m.rule == "markings"} | set(job.review_exact)))
        boxes = [m.box for m in marks]
        burned = burn.burn(picture, boxes)
        leaks = _still_readable(burned, boxes, dpi, ocr, lang, policy, job, texts, exact, others, whole, decoded)
        if not leaks:
            break
        if attempt == GROW_ROUNDS:
            rules = ", ".join(sorted({f.rule for _, f in leaks}))
            raise VerifyError(
                f"{task.source.display} page {task.index + 1}: {len(leaks)} flagged item(s) still readable after "
                f"burning ({rules}); nothing was written — widen --padding or use --cover-lines"
            )
        scope = "words" if attempt == 0 else "line"  # first the item's line region, then the full line
        for p, f in leaks:
            if attempt == 0 and _clear_of(p, f, boxes):  # a hit the detection missed: burned as one
                grow = burn.boxes_for(p, f.words, scope=f.scope, padding=policy.padding, cover_lines=policy.cover_lines)
            else:
                grow = burn.boxes_for(p, f.words, scope=scope, padding=policy.padding * 2, cover_lines=True)
            for box in grow:
                marks.append(Mark(box, f.rule, f.text, f.context))
                grown += 1
    out = task.workdir / f"d{task.doc}" / f"redacted-{task.index + 1:05d}.png"
    out.parent.mkdir(exist_ok=True)
    burned.save(out, format="PNG", dpi=(dpi, dpi))
    boxes = [m.box for m in marks]
    removed = burn.covered_words(page, boxes)
    labels: dict[int, str] = {}
    for i, word in enumerate(page.words):
        for m in marks:
            if i in removed and burn.intersects(word.bbox, m.box):
                labels.setdefault(i, m.rule)
    redacted = burn.redact_page(page, removed, labels, policy.placeholder)
    result = PageMarks(
        width, height, dpi, tuple(marks), tuple(findings), burn.surviving(page, removed), texts, exact,
        unread=unread if job.unread == "keep" else (), regions=seen.regions, grown=grown,
        structure=_structure(seen), languages=lang, read=page,
    )  # fmt: skip
    return PageOutcome(task.doc, task.index, redacted, out, extra=result)


def _clear_of(page: Page, finding: Finding, boxes: Sequence[BBox]) -> bool:
    """Whether every word of a hit on a burned page's reading lies clear of every bar: an item
    the detection's readings missed (another reading found it, or the text of a burned item
    stands again elsewhere on the page), not the rim of a burned one that the bar left
    readable.  Such a hit is first burned on its own words, as a finding is: growing it to its
    line would black out words that are none of it."""
    return all(
        not any(burn.intersects(page.words[i].bbox, b) for b in boxes) for i in finding.words if i < len(page.words)
    )


def _still_readable(
    burned: Image.Image,
    boxes: Sequence[BBox],
    dpi: int,
    ocr: views.OcrFn,
    lang: str,
    policy: Policy,
    job: RedactJob,
    texts: tuple[str, ...],
    exact: tuple[str, ...],
    others: Sequence[views.OcrFn],
    whole: Sequence[views.OcrFn] = (),
    decoded: Sequence[BBox] = (),
) -> list[tuple[Page, Finding]]:
    """Read the burned page as an attacker would (plain, re-thresholded, every view of ink
    left unread, and whole by ``whole`` engines): nothing redacted, and no new policy hit,
    may be readable.  ``decoded``: codes burned for their payload, whose bars need no view."""
    check = policy.with_terms(texts, exact)
    keep = {kept_form(t) for t in job.keep_texts}
    fresh = ocr(burned)
    readings = [fresh, *(read_whole(burned) for read_whole in whole)]
    if job.views:
        readings.append(ocr(views.rethreshold(burned, dpi, boxes)))
        ruled = _ruled_readings(burned, dpi, ocr, fresh.index, boxes)
        readings += [
            *views.look(burned, readings, dpi, ocr, lang, exclude=boxes, others=others, skip=decoded).pages,
            *ruled,
        ]
    leaks = []
    for p in with_firm(vertical.with_columns(readings)):
        for f in detect(p, check):
            if kept_form(f.text) not in keep:
                leaks.append((p, f))
    return leaks
