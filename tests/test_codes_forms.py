"""Data Matrix symbols zxing-cpp sees but cannot decode (issue 31): a damaged code is still
burned as unread; a form's corner or a word of a faxed form the detector takes for a finder's
L is no symbol (its ink goes to the readings, which read it or call it unread)."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from benchmarks import faxforms
from sandbox import preprocess as pp
from sandbox.redact import codes, tints
from sandbox.redact.policy import Policy


def _damaged_matrix(payload: str, scale: int = 6) -> Image.Image:
    """A Data Matrix with a block of its modules inverted: its finder and timing stand, its
    error correction fails."""
    img = Image.fromarray(
        np.asarray(zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.DataMatrix).to_image(scale=scale))
    )
    arr = np.asarray(img.convert("L")).copy()
    h, w = arr.shape
    block = arr[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4]
    arr[h // 4 : 3 * h // 4, w // 4 : 3 * w // 4] = 255 - block
    return Image.fromarray(arr)


def test_a_damaged_data_matrix_is_still_seen_and_burned_as_unread() -> None:
    code = _damaged_matrix("PATIENT 4471-2291 WARD 7 BED 12 ALLERGY PENICILLIN")
    page = Image.new("L", (1200, 900), 255)
    page.paste(code, (300, 300))
    errors = [
        c for c in zxingcpp.read_barcodes(page, return_errors=True) if c.format == zxingcpp.BarcodeFormat.DataMatrix
    ]
    assert errors and not any(c.valid for c in errors)  # seen, not decoded
    found = codes.look(page, Policy(), "check").marks
    assert found and all(m.rule == codes.UNREAD for m in found)
    x0, y0 = min(m.box.x0 for m in found), min(m.box.y0 for m in found)
    x1, y1 = max(m.box.x1 for m in found), max(m.box.y1 for m in found)
    assert x0 <= 300 and y0 <= 300 and x1 >= 300 + code.width and y1 >= 300 + code.height


@pytest.mark.slow  # the faxed page drawn, straightened, descreened and decoded: about 4 s
def test_corners_and_words_of_a_faxed_form_are_no_symbols() -> None:
    """The faxed civil cover sheet, straightened as the reading does: every symbol seen lies
    on a checkbox (which the views find and the code finder then leaves), none on words."""
    page = faxforms.fax(faxforms.civil_cover(), 1, 0.35)
    page = pp.deskew(page, pp.skew_angle(page))
    picture = tints.descreened(page, 300)[0]
    seen = [s for s in codes.symbols(picture) if s.payload is None]
    assert all(max(s.box.width, s.box.height) <= 70 for s in seen), [s.box for s in seen]
    assert len(seen) <= 2  # ticked boxes only (there were 13, three of them words, before)


def test_a_form_corner_is_no_matrix() -> None:
    img = Image.new("L", (400, 400), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((50, 50, 54, 350), fill=0)  # a wall and a rule: the L of a finder
    d.rectangle((50, 346, 350, 350), fill=0)
    d.text((80, 150), "Social security number", fill=0)
    binary = np.asarray(img.convert("L"), np.uint8)
    corners = [(50.0, 50.0), (350.0, 50.0), (350.0, 350.0), (50.0, 350.0)]
    assert not codes.matrix_like(binary, corners)
