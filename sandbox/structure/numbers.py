"""Cell text as a spreadsheet number, only where the reading is unambiguous.

Accepted: integers (no leading zero: ``0571`` is a code, not a number), decimals, thousands
separators in groups of three (``1,234,567.5``), percentages (``12.5%``), full-width digits and
signs (``１２３``, ``－５``), and a leading minus.  Anything else (year.month such as
``1985.01`` is a date, not a decimal) stays text.  The number
format reproduces the text as written: the same decimals, the separator when it had one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PLAIN = re.compile(r"^[+-]?(0|[1-9]\d{0,14})(\.\d{1,10})?$")
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d{1,10})?$")
_YEAR_MONTH = re.compile(r"^(19|20)\d\d\.(0[1-9]|1[0-2])$")  # 1985.01: a date, not a decimal
_PERCENT = re.compile(r"^[+-]?(0|[1-9]\d{0,14})(\.\d{1,10})?%$")


@dataclass(frozen=True, slots=True)
class Number:
    value: int | float
    format: str  # an Excel number format that shows ``value`` as the text showed it


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1].rstrip("%")) if "." in text else 0


def parse(text: str) -> Number | None:
    """The number ``text`` states, with its display format; None when it is not plainly one."""
    core = unicodedata.normalize("NFKC", text).strip().replace("−", "-").replace("，", ",")
    if not core or _YEAR_MONTH.match(core):
        return None
    places = _decimals(core)
    tail = "." + "0" * places if places else ""
    if _PERCENT.match(core):
        digits = core[:-1]
        value = float(digits) / 100
        return Number(round(value, places + 2), f"0{tail}%")
    if _GROUPED.match(core):
        plain = core.replace(",", "")
        return Number(float(plain) if places else int(plain), f"#,##0{tail}")
    if _PLAIN.match(core):
        return Number(float(core) if places else int(core), f"0{tail}")
    return None
