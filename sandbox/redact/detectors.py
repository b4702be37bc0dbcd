"""Rule packs that find sensitive text on a page, mapped back to the words that carry it.

Every match is made over the page text (``textmap``) so it may span words, lines and CJK
runs; validation uses python-stdnum (identity numbers, credit codes, IBANs, Luhn) and
phonenumbers rather than hand-written checksums.  Markings count only in marking form
(``markings``), numbers in any grouping (``numbers``); terms also match as OCR misreads them
(``fuzzy``) and listed names as people write them (``names``).  Matches inside an
allow-listed phrase are dropped.  Nothing here logs or prints text.
"""

from __future__ import annotations

import ipaddress
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from sandbox.geometry import union
from sandbox.models import Page
from sandbox.redact.fuzzy import find_fuzzy
from sandbox.redact.markings import CN_MARKING as CN_MARKING  # re-exported: the samples' tests use them
from sandbox.redact.markings import EN_MARKING as EN_MARKING
from sandbox.redact.markings import marking_spans
from sandbox.redact.names import find_names
from sandbox.redact.numbers import (
    CARD,
    CN_ID,
    CN_ID_LONG,
    card_issuer,
    digits_of,
    emails,
    ocr_digits,
    phones,
    resident_id,
    resident_id_with_one_more,
    seps,
    ssns,
)
from sandbox.redact.policy import Policy
from sandbox.redact.strokes import coded, stroke_match_holds
from sandbox.redact.textmap import PageText, build, find_terms

# --- personal data -------------------------------------------------------------------------

# over ``numbers.seps(text)``: every separator is a space, a dot, a dash or a bracket there
CN_MOBILE = re.compile(r"(?<![\d+])(?:\(?\+?86\)?[\s.-]?)?1[3-9]\d[\s.-]?\d{4}[\s.-]?\d{4}(?!\d)")
CN_LANDLINE = re.compile(r"(?<![\d+.])(?:\(0\d{2,3}\)|0\d{2,3})\s*-?\s*(?P<local>\d{3,4}[\s.-]?\d{4})(?![\d]|\.\d)")
# a one of a seven-segment face may read as a stroke (``|``, ``!``): tried as 1 (``_LOOKALIKES``)
CN_USCC = re.compile(r"(?<![0-9A-Z])[0-9A-Z|!]{2}[\dOIl|!]{6}[0-9A-Z|!]{10}(?![0-9A-Z])")
CN_PASSPORT = re.compile(r"(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])")
IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30}")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
# a dotted quad that is a version number: v1.2.3.4, version 2.4.0.1, 2.4.0.1版本, build 10.0.19041.1
VERSION_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])[vV]|version|ver\.?|release|build|rev\.?|firmware|版本号?|版|固件)\s*[:：]?\s*$", re.IGNORECASE
)
VERSION_AFTER = re.compile(r"^\s*(?:版|release|build|beta|alpha|rc\d*|-\w)", re.IGNORECASE)
IPV6_DIGITS = 4  # hex digits an IPv6 address holds at least (``fe80::1``; ``2::a`` is stray marks)
IPV6 = re.compile(r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])")


@dataclass(frozen=True, slots=True)
class Match:
    """One hit of a rule in a page's text: the span it covers, how it matched, and the part of
    the span to black out when not all of it."""

    rule: str
    start: int  # span in the page text
    end: int
    kind: str = "exact"  # how a term matched: "exact", "fuzzy" (OCR-tolerant) or "name" (a written form)
    burn: tuple[int, int] | None = None  # the part of the span to black out, when not all of it


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's match on one page: the words that carry it and what to black out."""

    rule: str
    page: int  # 0-based
    words: tuple[int, ...]  # indices into page.words
    text: str  # the matched text (confidential: goes only into the review file)
    context: str
    scope: str = "words"  # "words", "line" or "page"
    match: str = "exact"  # "exact", "fuzzy" (within the OCR tolerance) or "name" (a written form of a name)


_LOOKALIKES: dict[str, str | int | None] = {"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "!": "1"}


def _ocr_variants(text: str) -> tuple[str, ...]:
    """The text, and the text with letters OCR reads for digits (O→0, I/l→1, a stroke ``|``
    or ``!`` for a seven-segment one →1) put back."""
    return text, text.translate(str.maketrans(_LOOKALIKES))


def _valid(check: Callable[[str], object], value: str) -> bool:
    try:
        return bool(check(value))
    except Exception:
        return False


def _cn_number(raw: str) -> bool:
    """Whether ``raw`` is a valid Chinese fixed-line number in phonenumbers' plan (a real area
    code and a local number of its length; the caller also asks that the local number not
    start with 0 or 1, which the plan never gives one): a timetable's ``0600 0620 0640``
    and ``0754 0801 0808`` have the shape of ``0755 8888 6666`` and are none.  A number OCR
    misread after a cue (``Tel``, 电话) is still found by ``cued_runs``."""
    import phonenumbers

    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(raw, "CN")))
    except phonenumbers.NumberParseException:
        return False


NUMBER_LINES = 3  # the most lines one card or identity number is found across


def _few_lines(number: str) -> bool:
    """Whether a card or identity number is written on at most ``NUMBER_LINES`` lines (one
    line, or wrapped in a narrow cell): digits on more lines are a column's values one under
    another (a table's quantities read as a tile), not one number."""
    return number.count("\n") < NUMBER_LINES


def markings(pt: PageText) -> Iterator[Match]:
    """Classification markings in marking form (``markings.marking_spans``), one match each."""
    for start, end in marking_spans(pt):
        yield Match("markings", start, end)


def pii_cn(pt: PageText) -> Iterator[Match]:
    """Chinese personal data: resident ID numbers and unified social credit codes (checksums
    decide), mobile and landline numbers, bank cards (Luhn) and passport numbers."""
    from stdnum import luhn
    from stdnum.cn import uscc

    text = pt.text
    flat = seps(text)
    for m in CN_ID.finditer(flat):
        if _few_lines(text[m.start() : m.end()]) and resident_id(digits_of(m.group())):
            yield Match("pii-cn.id", m.start(), m.end())
    for m in CN_ID_LONG.finditer(flat):
        if _few_lines(text[m.start() : m.end()]) and resident_id_with_one_more(digits_of(m.group())):
            yield Match("pii-cn.id", m.start(), m.end())
    for m in CN_MOBILE.finditer(flat):
        yield Match("pii-cn.mobile", m.start(), m.end())
    for m in CN_LANDLINE.finditer(flat):
        if m.group("local")[0] not in "01" and _cn_number(m.group()):
            yield Match("pii-cn.landline", m.start(), m.end())
    for m in CARD.finditer(flat):
        digits = digits_of(m.group())
        if (
            16 <= len(digits) <= 19
            and _few_lines(text[m.start() : m.end()])
            and card_issuer(digits)
            and _valid(luhn.is_valid, digits)
        ):
            yield Match("pii-cn.bank-card", m.start(), m.end())
    for m in CN_USCC.finditer(text):
        stroked = any(ch in "|!" for ch in m.group())  # and no letter of its own: a table row's cells
        if (not stroked or coded(m.group())) and any(_valid(uscc.is_valid, v) for v in _ocr_variants(m.group())):
            yield Match("pii-cn.uscc", m.start(), m.end())
    for m in CN_PASSPORT.finditer(text):
        yield Match("pii-cn.passport", m.start(), m.end())


MRZ_FILLER = "<«‹〈("  # the machine-readable zone's filler and what OCR reads it as
MRZ_LINE = re.compile(r"[A-Z0-9<«‹〈(]{28,}")  # a TD1 line has 30 characters, TD2 36, TD3 (passports) 44


def mrz_lines(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the lines of ``text`` that are a travel document's machine-readable zone (ICAO
    9303): 28 or more capitals, digits and fillers, spaces aside, with three fillers or more
    and two side by side (``P<CHNOUYANG<<WEI<<<…``, ``E123456784CHN…``), or a run of five
    ``K`` where OCR read the fillers so.  Every field in it is personal (name, number,
    nationality, birth date, sex, expiry), and the name is glued to the country code, so no
    listed term matches it: the whole line is the finding."""
    start = 0
    for line in text.split("\n"):
        squeezed = line.replace(" ", "")
        fillers = sum(squeezed.count(ch) for ch in MRZ_FILLER)
        doubled = any(a in MRZ_FILLER and b in MRZ_FILLER for a, b in itertools.pairwise(squeezed))
        if MRZ_LINE.fullmatch(squeezed) and ((fillers >= 3 and doubled) or "KKKKK" in squeezed):
            lead = len(line) - len(line.lstrip())
            yield start + lead, start + len(line.rstrip())
        start += len(line) + 1


def pii_intl(pt: PageText) -> Iterator[Match]:
    """International personal data: passport MRZ lines, e-mail addresses (obfuscations
    included), phone numbers, US social security numbers, IBANs and card numbers (checksums
    decide) and IP addresses."""
    from stdnum import iban, luhn

    text = pt.text
    for start, end in mrz_lines(text):
        yield Match("pii-intl.mrz", start, end)
    for start, end in emails(text):
        yield Match("pii-intl.email", start, end)
    for start, end in phones(text):
        yield Match("pii-intl.phone", start, end)
    for start, end in ssns(seps(text)):
        yield Match("pii-intl.ssn", start, end)
    for m in IBAN.finditer(text):
        raw = m.group()
        for end in range(len(raw), 14, -1):  # the longest prefix that is a valid IBAN
            if raw[end - 1] != " " and _valid(iban.is_valid, raw[:end]):
                yield Match("pii-intl.iban", m.start(), m.start() + end)
                break
    for m in CARD.finditer(seps(text)):
        digits = digits_of(m.group())
        if (
            13 <= len(digits) <= 19
            and _few_lines(text[m.start() : m.end()])
            and card_issuer(digits)
            and _valid(luhn.is_valid, digits)
        ):
            yield Match("pii-intl.card", m.start(), m.end())
    for m in IPV4.finditer(text):
        if _valid(ipaddress.IPv4Address, m.group()) and not _version(text, m.start(), m.end()):
            yield Match("pii-intl.ip", m.start(), m.end())
    for m in IPV6.finditer(text):
        if _ipv6_like(m.group()) and _valid(ipaddress.IPv6Address, m.group()):
            yield Match("pii-intl.ip", m.start(), m.end())


def _version(text: str, start: int, end: int) -> bool:
    """Whether a dotted quad is written as a version number (``v1.2.3.4``, ``2.4.0.1版本``)."""
    return bool(VERSION_BEFORE.search(text[max(0, start - 12) : start]) or VERSION_AFTER.match(text[end : end + 8]))


def _ipv6_like(text: str) -> bool:
    """Colons and at least two groups of hex digits, ``IPV6_DIGITS`` digits in all: "::",
    "::1" (what a reading makes of punctuation, or the loopback address) and "2 : : a" (a
    footer's page number and stray marks read with colons) identify no one; ``fe80::1`` and
    ``2001:db8::1`` are addresses."""
    groups = [g.strip() for g in text.split(":") if g.strip()]
    return text.count(":") >= 2 and len(groups) >= 2 and sum(len(g) for g in groups) >= IPV6_DIGITS


def _search(
    pt: PageText, needles: tuple[str, ...], rule: str, confusions: bool, keep_case: bool = False
) -> Iterator[Match]:
    """Literal phrases, through the one matcher every output check uses too."""
    for start, end, _ in find_terms(pt.text, needles, confusions=confusions, keep_case=keep_case):
        yield Match(rule, start, end)


def _written_forms(pt: PageText, policy: Policy) -> list[Match]:
    """Terms as OCR misreads them and listed names as people write them."""
    found: list[Match] = []
    if policy.name_forms:
        found += (Match("terms", s, e, "name", (bs, be)) for s, e, bs, be, _ in find_names(pt.text, policy.terms))
    if policy.fuzzy:
        fuzzy = find_fuzzy(pt.text, policy.terms, names=policy.name_forms)
        found += (Match("terms", s, e, "fuzzy") for s, e, _ in fuzzy)
    return found


# The packs that need nothing but the page text, in the order they are searched: a pack
# named in ``policy.PACKS`` and found here.  A new pack: its function, one entry here.
FINDERS: dict[str, Callable[[PageText], Iterable[Match]]] = {
    "markings": markings,
    "pii-cn": pii_cn,
    "pii-intl": pii_intl,
}


CN_NUMERALS = dict(zip("〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖貳參陸", "0012345678912123456789236", strict=True))
_NUMERAL = "〇零一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖貳參陸0-9"
NUMERAL_RUN = re.compile(f"[{_NUMERAL}][{_NUMERAL} \\-·.]{{5,}}[{_NUMERAL}Xx]")
NUMERAL_DIGITS = 7  # a run of at least this many numerals and digits is a number written out


def as_digits(text: str) -> str | None:
    """``text`` with every run of ``NUMERAL_DIGITS`` or more Chinese numerals and digits (一三九
    一二三四 …, 幺 for 1, the financial forms 壹贰叁) written as ASCII digits, one character for
    one (so positions are unchanged); None when there is no such run.  Phone and ID numbers
    dictated or typed in Chinese numerals are then found by the number packs."""
    out = None
    for m in NUMERAL_RUN.finditer(text):
        run = m.group()
        if sum(ch in CN_NUMERALS or ch.isdigit() for ch in run) < NUMERAL_DIGITS or not any(
            ch in CN_NUMERALS for ch in run
        ):
            continue
        out = out if out is not None else list(text)
        for i in range(m.start(), m.end()):
            out[i] = CN_NUMERALS.get(text[i], text[i])
    return None if out is None else "".join(out)


LONE = re.compile(r"(?<!\S)\S(?: {1,3}\S(?!\S))+")  # two or more lone characters, 1–3 spaces apart
SPACED_MIN = 4  # lone characters in a run that is letter-spaced on its own


def _spaced_runs(text: str) -> list[tuple[int, int]]:
    """Letter-spaced runs: four or more lone characters, or two or more that only white space
    parts from such a run (a comb field the reading cut into lines: ``… c o   d o t`` / ``u k``)."""
    runs = [(m.span(), len(m.group().split()) >= SPACED_MIN) for m in LONE.finditer(text)]
    changed = True
    while changed:
        changed = False
        for n, (span, ok) in enumerate(runs):
            if ok:
                continue
            near = [runs[k] for k in (n - 1, n + 1) if 0 <= k < len(runs)]
            if any(o and not text[min(s[1], span[1]) : max(s[0], span[0])].strip() for s, o in near):
                runs[n] = (span, True)
                changed = True
    return [span for span, ok in runs if ok]


def despaced(text: str, breaks: frozenset[int] = frozenset()) -> tuple[str, list[int]] | None:
    """``text`` with the spaces inside letter-spaced runs taken out (a comb field read one
    character per box: ``k . w h i t c o m b e @ e x a m p l e . c o m``), and for each of its
    characters the offset it had in ``text``; None when ``text`` has no such run.  A space at
    an offset in ``breaks`` stays (a gap between words: ``PageText.breaks``)."""
    runs = _spaced_runs(text)
    if not runs:
        return None
    out: list[str] = []
    back: list[int] = []
    inside = iter(runs)
    run = next(inside, None)
    for i, ch in enumerate(text):
        while run is not None and i >= run[1]:
            run = next(inside, None)
        if ch == " " and run is not None and run[0] <= i < run[1] and i not in breaks:
            continue
        out.append(ch)
        back.append(i)
    return "".join(out), back


HYPHEN_WRAP = re.compile(r"(?<=[A-Za-z0-9])-\n(?=[A-Za-z0-9])")  # a line that ends in a hyphen mid-word


def unwrapped(text: str) -> tuple[str, list[int]] | None:
    """``text`` with the line breaks after a hyphen between letters or digits taken out (an
    address or a number wrapped where it has a hyphen: ``k.whitcombe@north-`` / ``wind.com``),
    the hyphen kept, and for each character its offset in ``text``; None when no line is
    wrapped so."""
    cuts = {m.start() + 1 for m in HYPHEN_WRAP.finditer(text)}
    if not cuts:
        return None
    back = [i for i in range(len(text)) if i not in cuts]
    return "".join(text[i] for i in back), back


def _from_despaced(m: Match, back: list[int]) -> Match:
    start, end = back[m.start], back[m.end - 1] + 1
    burn = (back[m.burn[0]], back[m.burn[1] - 1] + 1) if m.burn is not None and m.burn[1] > m.burn[0] else None
    return replace(m, start=start, end=end, burn=burn)


def detect_text(pt: PageText, policy: Policy) -> list[Match]:
    """All matches of the policy's packs on one page text, allow-list applied; the number packs
    also on the text with numbers written in Chinese numerals as digits (:func:`as_digits`),
    with what OCR reads in and between digits as digits and spaces (``numbers.ocr_digits``; a
    seven-segment face's strokes as ones, where ``strokes.stroke_match_holds``), and
    with letter-spaced runs closed up (:func:`despaced`: a comb field's address or number),
    and with lines wrapped at a hyphen joined (:func:`unwrapped`)."""
    found: list[Match] = []
    digits = as_digits(pt.text)
    variants = [v for v in (digits, ocr_digits(pt.text), digits and ocr_digits(digits)) if v is not None]
    ones = ocr_digits(pt.text, strokes=True)  # a seven-segment face's ones read as strokes
    if ones in variants:
        ones = None
    # closed up whole, and with the wide gaps between words kept ("co dot uk"): a narrow glyph's
    # box (a full stop) makes a gap look wide too
    squeezed = [s for s in (despaced(pt.text), pt.breaks and despaced(pt.text, pt.breaks), unwrapped(pt.text)) if s]
    for pack, finder in FINDERS.items():
        if pack in policy.packs:
            found += finder(pt)
            if pack != "markings":
                for text in variants:
                    found += finder(replace(pt, text=text))
                if ones is not None:
                    found += (
                        m
                        for m in finder(replace(pt, text=ones))
                        if stroke_match_holds(m.rule, pt.text, ones, m.start, m.end)
                    )
                for closed, back in squeezed:  # comb fields: numbers and addresses one character per box
                    found += (_from_despaced(m, back) for m in finder(replace(pt, text=closed)))
    if "terms" in policy.packs and policy.terms:
        found += _search(pt, policy.terms, "terms", policy.ocr_confusions)
        found += _written_forms(pt, policy)
    if policy.exact_terms:
        found += _search(pt, policy.exact_terms, "terms", False, keep_case=True)
    if "names" in policy.packs:  # person names without a list: proposals for review
        from sandbox.redact.people import people

        found += (Match(rule, start, end) for rule, start, end in people(pt.text))
    if "regex" in policy.packs:
        for n, pattern in enumerate(policy.patterns, 1):
            found += (
                Match(f"regex.{n}", m.start(), m.end()) for m in re.finditer(pattern, pt.text) if m.end() > m.start()
            )
    if policy.allow:
        allowed = list(_search(pt, policy.allow, "allow", False))
        found = [m for m in found if not any(a.start <= m.start and m.end <= a.end for a in allowed)]
    return found


SPREAD_RULES = frozenset(
    (
        "pii-cn.id",
        "pii-cn.mobile",
        "pii-cn.landline",
        "pii-cn.bank-card",
        "pii-intl.phone",
        "pii-intl.card",
        "pii-intl.ssn",
    )
)
CELL_GAP = 6.0  # text heights of paper between two words of one line: they stand in different cells


def _across_cells(page: Page, words: tuple[int, ...]) -> bool:
    """Whether a number's words lie apart on their line by more than ``CELL_GAP`` text
    heights: values of a table row's cells (``MAT-579251``, ``260``, ``79.55`` read as one
    line), not one number written with spaces (a comb field's boxes or wide grouping leave a
    character or two between groups)."""
    boxes = [page.words[i].bbox for i in words if 0 <= i < len(page.words)]
    for a, b in itertools.pairwise(sorted(boxes, key=lambda box: box.x0)):
        tall = max(min(a.y1 - a.y0, b.y1 - b.y0), 1)  # the text's height (a box may hold a cell's rule)
        same_line = min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5 * tall
        if same_line and b.x0 - a.x1 > CELL_GAP * tall:
            return True
    return False


DOUBTFUL = 0.5  # word confidence under which a reading's word may be specks read as letters


def firm(page: Page) -> Page | None:
    """``page`` without its doubtful words (confidence under ``DOUBTFUL``), or None when it has
    none: specks read as a word between the words of a name (``Olivia ~ Grant``) must not part
    it, so the policy is also matched on this page.  Only ever searched besides ``page``: a
    match is added, never lost."""
    if not any(w.conf < DOUBTFUL for w in page.words):
        return None
    lines = tuple(
        replace(ln, words=kept, bbox=union(w.bbox for w in kept))
        for ln in page.lines
        if (kept := tuple(w for w in ln.words if w.conf >= DOUBTFUL))
    )
    return replace(page, lines=lines)


def with_firm(pages: Sequence[Page]) -> list[Page]:
    """Every page of ``pages``, each followed by its :func:`firm` page when it has one."""
    return [q for p in pages for q in (p, firm(p)) if q is not None]


def detect(page: Page, policy: Policy, pt: PageText | None = None) -> list[Finding]:
    """Findings on ``page``: overlapping matches on the same words are merged, and a number's
    match on words that a finding of its rule already covers adds nothing (a country code and
    its number found apart as well as together: ``numbers.detached_codes``)."""
    pt = pt or build(page)
    findings: list[Finding] = []
    seen: dict[tuple[int, ...], int] = {}
    numbers: list[tuple[str, frozenset[int]]] = []
    for match in sorted(detect_text(pt, policy), key=lambda m: (m.start, -(m.end - m.start))):
        words = tuple(pt.words_in(*(match.burn or (match.start, match.end))))
        if not words or (match.rule in SPREAD_RULES and _across_cells(page, words)):
            continue
        if match.rule in SPREAD_RULES:
            if any(rule == match.rule and held.issuperset(words) for rule, held in numbers):
                continue
            numbers.append((match.rule, frozenset(words)))
        scope = "words"
        if match.rule == "markings" and policy.marking_scope != "marking":
            scope = policy.marking_scope
        key = words
        if key in seen:
            continue
        seen[key] = len(findings)
        lo, hi = max(0, match.start - 12), min(len(pt.text), match.end + 12)
        context = pt.text[lo : match.start] + "[" + pt.text[match.start : match.end] + "]" + pt.text[match.end : hi]
        text = pt.text[match.start : match.end]
        findings.append(Finding(match.rule, page.index, words, text, context.replace("\n", " "), scope, match.kind))
    return findings
