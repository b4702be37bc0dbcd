"""False-positive and recall sweep of the number rules on one-line pages (no OCR, no binaries).

    .venv/bin/python -m benchmarks.number_sweep [N]

False positives: ``N`` random label + number strings of each form (``Order 555-0143``,
``Item 12 | 34``, a version string, a date, an amount, a ``+`` figure in a cell of its own …),
counted when any number rule finds anything.  Recall: random valid identity numbers, Chinese
mobiles and cards with every one written as a seven-segment face's stroke (``|`` or ``!``),
counted when found whole.  Prints counts only, never a string (seeded: runs compare).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

from sandbox.models import BBox, Line, Page, PageSource, Word
from sandbox.redact import policy as pol
from sandbox.redact.detectors import detect

PACKS = pol.Policy(packs=("pii-cn", "pii-intl"))
LABELS = (
    "Order", "Invoice", "Ref", "Ref:", "Account", "Account:", "Item", "Item:", "Amount", "No.", "Qty", "Qty |",
    "Total", "Version", "Date", "Page", "Room", "SKU", "Batch", "Lot", "Serial", "Part", "Score", "Hotel", "Recall",
    "pH", "Cancellation", "Text", "Next", "Graph", "Photo", "Ph.D.", "",
)  # fmt: skip


def one_line(text: str) -> Page:
    """A page of one line in the body, its words split on spaces."""
    words, x = [], 0
    for token in text.split(" "):
        words.append(Word(token, BBox(x, 300, x + 10 * len(token), 320), 0.9))
        x += 10 * len(token) + 10
    return Page(0, 1000, 1000, 300, PageSource.OCR, (Line(tuple(words), BBox(0, 300, x, 320), 1, 1),), "eng")


def forms(rng: random.Random) -> dict[str, Callable[[], str]]:
    """The number forms no rule should find, each a maker of one random string."""

    def d(n: int, first: str = "0123456789") -> str:
        return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))

    def cells(sep: str, lo: int, hi: int) -> str:
        return sep.join(d(rng.randint(1, 4)) for _ in range(rng.randint(lo, hi)))

    return {
        "7-digit": lambda: d(3, "23456789") + rng.choice(["-", ".", " ", ""]) + d(4),
        "pipes-cells": lambda: cells(" | ", 2, 5),
        "pipes-glued": lambda: cells("|", 2, 6),
        "pipes-bordered": lambda: "|" + cells("|", 2, 6) + "|",
        "pipe-digit-mix": lambda: "".join(rng.choice("0123456789|") for _ in range(rng.randint(7, 20))),
        "plus-cells": lambda: f"+{d(rng.randint(1, 3), '123456789')} | " + cells(" ", 1, 4),
        "plus-space": lambda: f"+{d(rng.randint(1, 2), '123456789')} " + cells(" ", 1, 3),
        "version": lambda: rng.choice(["v", "", "ver "]) + ".".join(str(rng.randint(0, 20)) for _ in range(3)),
        "date": lambda: rng.choice(["{y}-{m:02d}-{d:02d}", "{d:02d}/{m:02d}/{y}", "{y}|{m:02d}|{d:02d}"]).format(
            y=rng.randint(1950, 2030), m=rng.randint(1, 12), d=rng.randint(1, 28)
        ),
        "amount": lambda: rng.choice(["${:,}.{:02d}", "{:,}.{:02d} EUR"]).format(
            rng.randint(0, 9999999), rng.randint(0, 99)
        ),
        "table-row": lambda: (
            f"{d(rng.randint(3, 6))} | {rng.randint(1, 999)} | {rng.randint(1, 9999)}.{rng.randint(0, 99):02d}"
        ),
    }


def stroked(rng: random.Random) -> dict[str, Callable[[], str]]:
    """Valid numbers whose ones are strokes, each a maker of one random string."""
    from stdnum import luhn
    from stdnum.cn import ric

    def rid() -> str:
        base = rng.choice(["110105", "310104", "110101"]) + f"{rng.randint(1950, 2010)}{rng.randint(1, 12):02d}"
        base += f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
        return base + str(ric.calc_check_digit(base + "0"))

    def mobile() -> str:
        m = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
        return f"{m[:3]} {m[3:7]} {m[7:]}"

    def card() -> str:
        b = "4" + "".join(rng.choice("0123456789") for _ in range(14))
        b += str(luhn.calc_check_digit(b))
        return " ".join(b[i : i + 4] for i in range(0, 16, 4))

    def grouped() -> str:
        s = rid()
        return f"{s[:6]} {s[6:14]} {s[14:]}"

    return {
        "id": rid,
        "id-grouped": grouped,
        "mobile": mobile,
        "card": card,
    }


def main(n: int) -> None:
    rng = random.Random(53)
    total = 0
    for form, make in forms(rng).items():
        hits = sum(bool(detect(one_line(f"{rng.choice(LABELS)} {make()}".strip()), PACKS)) for _ in range(n))
        total += hits
        print(f"false positives {form:15s} {hits:5d}/{n}")
    print(f"false positives all             {total:5d}/{n * len(forms(rng))}")
    for kind, make in stroked(rng).items():
        found = tried = 0
        for _ in range(n):
            clean = make()
            if "1" not in clean:
                continue
            written = clean.replace("1", rng.choice("|!"))
            tried += 1
            found += any(f.text == written for f in detect(one_line(written), PACKS))
        print(f"strokes found   {kind:15s} {found:5d}/{tried}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
