"""Barcodes and QR codes on a page: decoded, their payload checked like text, burned.

A phone reads a code that no OCR reading sees, so every code on a page is looked at:

1. **Decoding.**  zxing-cpp reads every format it knows (1D and 2D, any turn, inverted) on
   three views of the page: its grey image, a binarised darkest channel (coloured and pale
   print) and a softened copy (dot screens, dither, halftone).
2. **Checking.**  Each decoded payload (raw, URL-decoded, with URL/vCard punctuation
   as spaces) is read as a one-line page by the policy's own detectors
   (``detectors.detect``): terms, markings, personal data.  A payload that is one bare
   number is also checked as a phone number by the validity checks alone
   (``numbers.phones(..., announced=False)``): a cue made up for it must not count as the
   page announcing a phone number, or every product's EAN would be one.
3. **Seen, not decoded.**  A symbol zxing-cpp finds but cannot decode (checksum or format
   errors) and a 1D symbol OpenCV's detector finds where nothing decoded cannot be
   shown harmless, so it is burned like a match.
4. **Burning holds.**  Each box grows over the bars it cuts (a detector's box is
   approximate); the page is burned with the chosen boxes and looked at again; a
   symbol still decoded or seen there widens the burn (``ROUNDS`` times), then the page fails.

Modes (``--codes``): ``check`` (default) burns matching and undecodable codes, ``redact``
burns every code, ``keep`` leaves codes alone (nothing is decoded).  A code inside a region
a review decided (kept or redacted) is left to that decision.

Marks carry the rule kind only (``code:<rule>``, ``code:unread``, ``code:all``) and no
text: the payload never leaves this module, not even into the confidential review file.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from sandbox.errors import VerifyError
from sandbox.geometry import union
from sandbox.imaging import channel_min
from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import burn
from sandbox.redact.burn import share_inside
from sandbox.redact.policy import Policy
from sandbox.redact.types import CodesMode, Mark

ROUNDS = 3  # times the burn may widen over a symbol still seen after burning
MARGIN = 0.08  # share of a symbol's size added around it (quiet zone, blur, misplaced corners)
MIN_MARGIN = 8  # px, at least
SAME = 0.3  # share of a box under another for both to be one symbol
DECIDED = 0.5  # share of a symbol inside a review's decided regions for the review to decide it
EDGES = 0.6  # an undecoded symbol wider and taller than this share of the page is its edges
SOFTEN = 1.6  # Gaussian radius (px at the page's scale) of the softened view
UNREAD = "code:unread"
ALL = "code:all"


@dataclass(frozen=True, slots=True)
class Symbol:
    """One code on the page: where it is, and its payload (``None``: seen, not decoded)."""

    box: BBox
    payload: str | None


def _box(points: Sequence[tuple[float, float]], width: int, height: int) -> BBox:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0, x1, y1 = int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1
    mx = max(MIN_MARGIN, int((x1 - x0) * MARGIN))
    my = max(MIN_MARGIN, int((y1 - y0) * MARGIN))
    return burn.clip(BBox(x0 - mx, y0 - my, x1 + mx, y1 + my), width, height)


def _views(picture: Image.Image) -> Iterator[NDArray[np.uint8]]:
    """The page as zxing-cpp reads it: grey, binarised darkest channel, softened grey."""
    import cv2

    grey = np.asarray(picture.convert("L"), dtype=np.uint8)
    yield grey
    darkest = grey
    if picture.mode not in ("1", "L", "I", "I;16", "F"):
        darkest = channel_min(np.asarray(picture.convert("RGB"), dtype=np.uint8))
    _, binary = cv2.threshold(darkest, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    yield np.ascontiguousarray(binary, dtype=np.uint8)
    yield np.ascontiguousarray(cv2.GaussianBlur(grey, (0, 0), SOFTEN), dtype=np.uint8)


FINDER_SOLID = 0.8  # share of a Data Matrix's finder side that is dark
TIMING_DARK = (0.25, 0.75)  # share of its timing side that is dark (modules alternate) ...
TIMING_RUNS = 6  # ... with at least this many changes along it (8 modules or more): a Han
# character's box (据's 尸) has the finder's L, half-dark sides, but no run of modules
MATRIX_DARK = (0.2, 0.8)  # share of the symbol's inside that is dark


def _sides(square: NDArray[np.bool_]) -> list[tuple[float, int]]:
    """For each side of a square picture (top, right, bottom, left): the darkest share of its
    outer lines (up to a tenth of the side in: a module of the smallest symbol) and the most
    changes between dark and light along one of them."""
    n = square.shape[0]
    depth = max(1, n // 10)
    lines = (square[:depth], square[:, ::-1].T[:depth], square[::-1][:depth], square.T[:depth])
    out = []
    for side in lines:
        dark = float(side.mean(axis=1).max())
        changes = int(np.abs(np.diff(side.astype(np.int8), axis=1)).sum(axis=1).max())
        out.append((dark, changes))
    return out


def matrix_like(binary: NDArray[np.uint8], corners: Sequence[tuple[float, float]]) -> bool:
    """Whether a Data Matrix zxing-cpp saw but could not decode looks like one: inside its four
    corners, two neighbouring sides solid (the L of its finder), the two others alternating
    (its timing modules: half dark, in ``TIMING_RUNS`` changes or more), and its inside part
    dark, part light.  A form's corner (a rule and a wall, paper between them), a word in a
    1-bit scan or a Han character's box, which the detector takes for an L, does not: that
    ink goes to the readings, which read it or call it unread (fail closed)."""
    import cv2

    side = int(max(np.hypot(corners[i][0] - corners[i - 1][0], corners[i][1] - corners[i - 1][1]) for i in range(4)))
    side = max(20, min(side, 400))
    src = np.asarray(corners, np.float32)
    dst = np.asarray([(0, 0), (side - 1, 0), (side - 1, side - 1), (0, side - 1)], np.float32)
    if abs(cv2.contourArea(src)) < 16:
        return False  # corners on a line or twisted: no symbol's outline
    warp = cv2.getPerspectiveTransform(src, dst)
    square = cv2.warpPerspective(binary, warp, (side, side), flags=cv2.INTER_NEAREST, borderValue=255) < 128
    inside = float(square[side // 10 : side - side // 10, side // 10 : side - side // 10].mean())
    if not MATRIX_DARK[0] <= inside <= MATRIX_DARK[1]:
        return False
    sides = _sides(square)
    for k in range(4):  # the L on any two neighbouring sides, the timing on the other two
        finder = (sides[k], sides[(k + 1) % 4])
        timing = (sides[(k + 2) % 4], sides[(k + 3) % 4])
        if all(d >= FINDER_SOLID for d, _ in finder) and all(
            TIMING_DARK[0] <= d <= TIMING_DARK[1] and c >= TIMING_RUNS for d, c in timing
        ):
            return True
    return False


def _decoded(picture: Image.Image) -> list[Symbol]:
    import cv2
    import zxingcpp

    width, height = picture.size
    found: list[Symbol] = []
    grey = np.asarray(picture.convert("L"), dtype=np.uint8)
    binary = np.asarray(cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1], np.uint8)
    for n, view in enumerate(_views(picture)):
        for code in zxingcpp.read_barcodes(view, return_errors=True, try_downscale=n == 0):
            p = code.position
            corners = [(float(q.x), float(q.y)) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
            payload = code.text if code.valid and code.error is None else None
            if (
                payload is None
                and code.format == zxingcpp.BarcodeFormat.DataMatrix
                and not matrix_like(binary, corners)
            ):
                continue  # the detector's L on a form's corner or a word: no symbol
            found.append(Symbol(_box(corners, width, height), payload))
    return found


BARS_PURE = 0.7  # share of a 1D symbol's columns (across its bars) that are all dark or all light
BARS_MIN = 8  # dark bars across the middle of a 1D symbol at the least


def bars_like(binary: NDArray[np.uint8], corners: Sequence[tuple[float, float]]) -> bool:
    """Whether what OpenCV's 1D detector saw inside four ``corners`` of a 0/255 page looks like
    bars: warped upright, one way or the other, at least ``BARS_MIN`` dark runs cross its
    middle and ``BARS_PURE`` of its columns are dark or light from top to bottom over the
    middle half of its height.  A line of large Chinese type, whose strokes run every way,
    does not (its title was burned as an unread code); a symbol too blurred to decode does."""
    import cv2

    src = np.asarray(corners, np.float32)
    if abs(cv2.contourArea(src)) < 16:
        return False
    w = int(max(np.hypot(*(src[1] - src[0])), np.hypot(*(src[2] - src[3]))))
    h = int(max(np.hypot(*(src[3] - src[0])), np.hypot(*(src[2] - src[1]))))
    if w < 8 or h < 8:
        return False
    dst = np.asarray([(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)], np.float32)
    warp = cv2.getPerspectiveTransform(src, dst)
    square = cv2.warpPerspective(binary, warp, (w, h), flags=cv2.INTER_NEAREST, borderValue=255) < 128
    for bars in (square, square.T):
        rows = bars.shape[0]
        middle = bars[rows // 4 : rows - rows // 4]
        if middle.shape[0] == 0:
            continue
        share = middle.mean(axis=0)
        pure = float(((share >= 0.85) | (share <= 0.15)).mean())
        line = middle[middle.shape[0] // 2].astype(np.int8)
        runs = int((np.diff(line) == 1).sum())
        if pure >= BARS_PURE and runs >= BARS_MIN:
            return True
    return False


def _seen(picture: Image.Image) -> list[BBox]:
    """Boxes of 1D symbols OpenCV's detector finds, decoded or not (zxing-cpp reports 2D
    symbols it cannot decode itself), that look like bars (:func:`bars_like`)."""
    import cv2

    grey = np.asarray(picture.convert("L"), dtype=np.uint8)
    width, height = picture.size
    boxes: list[BBox] = []
    ok, points = cv2.barcode.BarcodeDetector().detect(grey)
    if ok and points is not None:
        binary = np.asarray(cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1], np.uint8)
        for quad in points:
            corners = [(float(x), float(y)) for x, y in quad.reshape(-1, 2)]
            if bars_like(binary, corners):
                boxes.append(_box(corners, width, height))
    return boxes


def _page_edges(sym: Symbol, width: int, height: int) -> bool:
    """Whether an undecoded symbol spans most of the page both ways: the dark edges of a scan
    (left and top, an L like a Data Matrix finder) seen as a symbol, not a code."""
    return sym.payload is None and sym.box.width > EDGES * width and sym.box.height > EDGES * height


def symbols(picture: Image.Image) -> list[Symbol]:
    """Every code on the page, once: decoded ones with their payload, the others without
    (but not the page's own edges, :func:`_page_edges`)."""
    out: list[Symbol] = []
    width, height = picture.size
    for sym in _decoded(picture):
        if _page_edges(sym, width, height):
            continue
        same = [
            i
            for i, o in enumerate(out)
            if share_inside(sym.box, [o.box]) >= SAME or share_inside(o.box, [sym.box]) >= SAME
        ]
        if not same:
            out.append(sym)
            continue
        i = same[0]
        box = union((out[i].box, sym.box))
        payload = out[i].payload if out[i].payload is not None else sym.payload
        out[i] = Symbol(box, payload)
        if sym.payload is not None and out[i].payload != sym.payload:
            out.append(Symbol(sym.box, sym.payload))  # another reading of the same place: checked too
    for box in _seen(picture):
        if not any(share_inside(box, [o.box]) >= SAME or share_inside(o.box, [box]) >= SAME for o in out):
            out.append(Symbol(box, None))
    return out


BARE_NUMBER = re.compile(r"\+?\d{7,15}")  # a payload that is one number and nothing else


LEGACY_ENCODINGS = ("gb18030", "utf-8", "big5", "shift_jis", "euc-kr")  # bytes a code may hold without ECI


def _legacy_bytes(payload: str) -> list[str]:
    """The payload read again as the bytes it was decoded from: a code holding GBK, Big5 or UTF-8
    bytes without an ECI marker decodes as ISO-8859-1 mojibake (``Å·ÑôÆ½``), which hides a
    Chinese name from every detector; each encoding that decodes those bytes cleanly is a variant."""
    if payload.isascii():
        return []
    try:
        raw = payload.encode("latin-1")
    except UnicodeEncodeError:
        return []
    out = []
    for encoding in LEGACY_ENCODINGS:
        try:
            out.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return out


BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")  # a run that may be base64 (standard or URL-safe)
PRINTABLE = 0.95  # share of a decoded run's characters that are printable for it to be text


def _base64_texts(payload: str) -> list[str]:
    """The runs of ``payload`` that decode from base64 (standard or URL-safe, padding optional)
    to UTF-8 text, almost all of it printable: a visitor pass's code holding
    ``eyJuYW1lIjog…`` (a name, an ID and a phone as JSON) says nothing to a detector until
    decoded, and a phone's scanner app decodes it in a second."""
    out = []
    for m in BASE64.finditer(payload):
        run = m.group().rstrip("=").replace("-", "+").replace("_", "/")
        try:
            text = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            continue
        if text and sum(ch.isprintable() or ch in "\n\r\t" for ch in text) >= PRINTABLE * len(text):
            out.append(text)
    return out


def _spaced(text: str) -> str:
    """URL, vCard, JSON and MRZ punctuation as spaces."""
    spaced = unquote_plus(text)
    for ch in ';:,=&?/#<>|{}[]"':
        spaced = spaced.replace(ch, " ")
    return spaced


VCARD_N = re.compile(r"(?im)^N(?:;[^:\r\n]*)?:([^;\r\n]*);([^;\r\n]*)(?:;([^;\r\n]*))?")


def _vcard_names(text: str) -> list[str]:
    """A vCard's structured names (``N:Family;Given;Additional;…``) as people write them:
    ``Given Additional Family`` and ``Family, Given`` (the field order alone matches no
    listed ``Given Family``, and a badge's code may hold nothing else)."""
    out = []
    for m in VCARD_N.finditer(text):
        family, given, more = (part.strip() for part in (m.group(1), m.group(2), m.group(3) or ""))
        if family and given:
            out += [" ".join(p for p in (given, more, family) if p), f"{family}, {given}"]
    return out


def payload_variants(payload: str) -> tuple[str, ...]:
    """The payload as written, URL-decoded, with URL/vCard/JSON/MRZ punctuation as spaces,
    a vCard's structured names in written order (:func:`_vcard_names`), re-read from its bytes
    in legacy CJK encodings when it looks like ISO-8859-1 mojibake, and every run in it that
    decodes from base64 to text (as decoded and spaced)."""
    decoded = unquote(payload)
    packed = _base64_texts(decoded)
    hidden = [form for text in packed for form in (text, _spaced(text))]
    names = [n for text in (decoded, *packed) for n in _vcard_names(text)]
    variants = [payload, decoded, _spaced(payload), *names, *_legacy_bytes(payload), *hidden]
    return tuple(dict.fromkeys(variants))


def bare_phone(payload: str, policy: Policy) -> bool:
    """Whether a payload that is one bare number (as written or URL-decoded) is a phone number
    valid in one of the regions (``pii-intl`` in the policy, the number not on its allow-list).
    A code carries a number without the grouping or the cue (``Tel.``) that makes a run of
    digits a phone number in prose, so the number is checked as if a cue stood before it — by
    the validity checks only (``announced=False``): a cue made up here announces nothing, and
    a product's EAN stays a product's.  An even count of digits after one zero (an ITF's
    padding) is also tried as an international number without its plus sign."""
    from sandbox.redact.numbers import phones
    from sandbox.redact.textmap import find_terms

    if "pii-intl" not in policy.packs:
        return False
    for part in {payload.strip(), unquote(payload).strip()}:
        if not BARE_NUMBER.fullmatch(part):
            continue
        if any(s <= 0 and len(part) <= e for s, e, _ in find_terms(part, policy.allow, confusions=False)):
            continue
        forms = [part]
        if len(part) % 2 == 0 and part.startswith("0") and not part.startswith("00"):
            # one zero padding an odd count of digits to the even count ITF holds ("0" + "8613…"):
            # an international number stored without its plus sign
            forms.append("+" + part[1:])
        if any(any(phones("Tel. " + form, announced=False)) for form in forms):
            return True
    return False


def payload_rules(payload: str, policy: Policy) -> list[str]:
    """The rules of the policy's detectors that match the payload (no text is kept)."""
    from sandbox.redact.detectors import detect

    rules: list[str] = []
    for n, text in enumerate(payload_variants(payload)):
        lines = []
        for row, part in enumerate(text.splitlines() or [""]):
            words = tuple(Word(w, BBox(0, row * 10, 10, row * 10 + 10), 1.0) for w in part.split())
            if words:
                lines.append(Line(words, BBox(0, row * 10, 10, row * 10 + 10), n, row))
        page = Page(0, 10, 10 * max(1, len(lines)), 300, PageSource.OCR, tuple(lines), "")
        rules += [f.rule for f in detect(page, policy)]
    if bare_phone(payload, policy):
        rules.append("pii-intl.phone")
    return sorted(set(rules))


def _rule(sym: Symbol, policy: Policy, mode: CodesMode) -> str | None:
    """Why the symbol is burned (``None``: it stays)."""
    if sym.payload is None:
        return UNREAD
    rules = payload_rules(sym.payload, policy)
    if rules:
        return "code:" + rules[0]
    return ALL if mode == "redact" else None


def burned_for_sure(found: Sequence[Symbol], policy: Policy, mode: CodesMode, decided: Sequence[BBox]) -> list[BBox]:
    """Boxes of the decoded codes :func:`marks` will burn whatever else the page shows (their
    payload flagged, or every code with ``redact``; none a review decided): the views need not
    read their bars.  Undecoded symbols are not in it (one may be a crossed checkbox)."""
    if mode == "keep":
        return []
    return [s.box for s in found if s.payload is not None and _burned_by(s, policy, mode, decided) is not None]


def _burned_by(sym: Symbol, policy: Policy, mode: CodesMode, decided: Sequence[BBox]) -> str | None:
    """The rule a symbol is burned for, ``None`` when it stays or a review decided its place."""
    return None if share_inside(sym.box, decided) >= DECIDED else _rule(sym, policy, mode)


@dataclass(frozen=True, slots=True)
class CodeMarks:
    """What to burn, and where codes stay (decoded, nothing flagged: their ink is explained)."""

    marks: list[Mark]
    kept: list[BBox]


def look(
    picture: Image.Image,
    policy: Policy,
    mode: CodesMode,
    decided: Sequence[BBox] = (),
    where: str = "page",
    found: Sequence[Symbol] | None = None,
) -> CodeMarks:
    """Every code on the page (``found``: :func:`symbols` of ``picture`` already looked for):
    boxes that burn those the mode says to burn (checked to hold after burning), and the codes
    that stay.  ``keep`` looks at nothing.

    Raises :class:`VerifyError` when a symbol to burn is still seen after ``ROUNDS`` widenings.
    """
    if mode == "keep":
        return CodeMarks([], [])
    found = symbols(picture) if found is None else found
    kept = [s.box for s in found if s.payload is not None and _rule(s, policy, mode) is None]
    return CodeMarks(marks(picture, policy, mode, found, decided, where), kept)


def marks(
    picture: Image.Image,
    policy: Policy,
    mode: CodesMode,
    found: Sequence[Symbol],
    decided: Sequence[BBox] = (),
    where: str = "page",
) -> list[Mark]:
    """Boxes that burn every code of ``found`` the mode says to burn, widened until no such
    code is seen on the burned page."""
    width, height = picture.size
    out: list[Mark] = []
    for sym in found:
        rule = _burned_by(sym, policy, mode, decided)
        if rule is not None:
            out.append(Mark(sym.box, rule))
    if not out:
        return out
    out = [Mark(box, m.rule) for m, box in zip(out, whole_bars(picture, [m.box for m in out]), strict=True)]
    for attempt in range(ROUNDS + 1):
        burned = burn.burn(picture, [m.box for m in out])
        left = [s for s in symbols(burned) if _burned_by(s, policy, mode, decided) is not None]
        if not left:
            return out
        if attempt == ROUNDS:
            raise VerifyError(
                f"{where}: {len(left)} barcode or QR code(s) still readable after burning; nothing was written — "
                "check the page, or pass --codes keep to leave codes alone"
            )
        for s in left:
            grown = burn.clip(burn.pad(s.box, max(MIN_MARGIN, (s.box.width + s.box.height) // 10)), width, height)
            out.append(Mark(grown, _rule(s, policy, mode) or UNREAD))
    return out


OVERSIZE = 1.5  # an ink component this much taller or wider than a symbol's box is no bar of it
GROW_STEPS = 8  # times a burn box may grow over the bars beside it


def whole_bars(picture: Image.Image, boxes: Sequence[BBox]) -> list[BBox]:
    """Each box grown over every ink component it cuts or that lies within its quiet zone
    (``MARGIN`` of its size), again from the grown box until nothing is added: a detector's
    box around a symbol is approximate, and a burn that stops inside the bars leaves their
    ends or outer bars standing (unread ink, or bars a decoder may yet use).  Components
    larger than ``OVERSIZE`` times the box (a frame or rule the symbol sits on) are not taken."""
    import cv2

    width, height = picture.size
    darkest = channel_min(np.asarray(picture.convert("RGB"), dtype=np.uint8))
    _, ink = cv2.threshold(darkest, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(np.ascontiguousarray(ink, np.uint8), connectivity=8)
    out = []
    for box in boxes:
        grown = box
        for _ in range(GROW_STEPS):
            zone = burn.clip(
                BBox(
                    grown.x0 - max(MIN_MARGIN, int(grown.width * MARGIN)),
                    grown.y0 - max(MIN_MARGIN, int(grown.height * MARGIN)),
                    grown.x1 + max(MIN_MARGIN, int(grown.width * MARGIN)),
                    grown.y1 + max(MIN_MARGIN, int(grown.height * MARGIN)),
                ),
                width,
                height,
            )
            before = grown
            for i in np.unique(labels[zone.y0 : zone.y1, zone.x0 : zone.x1]):
                x, y, w, h = (int(v) for v in stats[i][:4])
                if i and w <= OVERSIZE * box.width and h <= OVERSIZE * box.height:
                    grown = union((grown, BBox(x, y, x + w, y + h)))
            if grown == before:
                break
        out.append(grown)
    return out


def problems(marks: Sequence[Mark], where: str, warnings: list[str]) -> list[str]:
    """What ``verify`` says of a page's code marks: a code whose payload is flagged (or every
    code, with ``--codes redact``) is a problem; a symbol that cannot be decoded, a warning."""
    rules = sorted({m.rule for m in marks if m.rule.startswith("code:")})
    if UNREAD in rules:
        warnings.append(f"{where}: a barcode or QR code that cannot be decoded; look at it")
    return [f"{where}: {rule} found" for rule in rules if rule != UNREAD]
