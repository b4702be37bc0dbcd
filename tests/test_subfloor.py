"""Marks fainter than every ink finder (a footer in 249/255 grey, the reverse side showing
through a noisy scan 9 levels under the paper) are paper in a redacted page: a reader who
blurs, stretches and mirrors the output reads nothing of them, while the same attack reads
them in the input.  Ink at or above the floor, tinted bands and two-tone pages are kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from sandbox.redact.subfloor import flattened
from tests.conftest import run_cli

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SECRET = "Contact Margaret Holloway on 07700 900782"
BODY = ("Minutes of the site committee, 12 March 2024", "The access keys are now kept at the night desk.")


def faint_page(paper: float, below: float, mirrored: bool, noise: float) -> Image.Image:
    """Black body text on ``paper`` grey, and the secret ``below`` levels under the paper
    (mirrored: show-through of the reverse side), with the scanner's ``noise``."""
    w, h = 2480, 1000
    body = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(body)
    font = ImageFont.truetype(SANS, 42)
    for i, line in enumerate(BODY):
        draw.text((150, 120 + i * 80), line, font=font, fill=0)
    layer = Image.new("L", (w, h), 0)
    ImageDraw.Draw(layer).text((150, 600), SECRET, font=ImageFont.truetype(SANS, 40), fill=255)
    if mirrored:
        layer = layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    page = np.asarray(body, np.float32) * (paper / 255.0)
    page -= np.asarray(layer, np.float32) / 255.0 * below * (page > paper - 1)
    page += np.random.default_rng(7).normal(0.0, noise, page.shape)
    return Image.fromarray(np.clip(page, 0, 255).astype(np.uint8))


def stretched_reads(img: Image.Image, tmp: Path) -> str:
    """What a careful reader gets: blur away the grain, subtract the paper, gain ×30, both
    ways round, read by Tesseract."""
    a = cv2.GaussianBlur(np.asarray(img.convert("L")), (0, 0), 1.5).astype(np.float32)
    bg = cv2.medianBlur(a.astype(np.uint8), 51).astype(np.float32)
    view = Image.fromarray((255 - np.clip((bg - a) * 30, 0, 255)).astype(np.uint8))
    text = []
    for n, v in enumerate((view, view.transpose(Image.Transpose.FLIP_LEFT_RIGHT))):
        path = tmp / f"view{n}.png"
        v.save(path)
        run = subprocess.run(["tesseract", str(path), "-", "--psm", "3"], capture_output=True, text=True, check=True)
        text.append(run.stdout)
    return "\n".join(text)


def leaked(text: str) -> bool:
    return "Holloway" in text or "900782" in text


@pytest.mark.parametrize(("paper", "below", "mirrored", "noise"), [(255, 6, False, 0.0), (240, 9, True, 1.5)])
def test_faint_marks_become_paper(tmp_path: Path, paper: float, below: float, mirrored: bool, noise: float) -> None:
    page = faint_page(paper, below, mirrored, noise)
    assert leaked(stretched_reads(page, tmp_path))  # the attack works on the input
    out = flattened(page, 300)
    assert not leaked(stretched_reads(out, tmp_path))
    a, b = np.asarray(page), np.asarray(out)
    dark = a < 100
    assert np.array_equal(a[dark], b[dark])  # the body text's pixels are the input's


def test_ink_above_the_floor_and_tints_are_kept() -> None:
    rgb = np.full((600, 900, 3), 255, np.uint8)
    rgb[100:300, :] = (205, 225, 245)  # a pale blue band, well apart from the paper
    rgb[180:200, 100:700] = (190, 40, 40)  # red print on it
    rgb[400:420, 100:700] = (215, 215, 215)  # light grey print on paper (above the floor)
    out = np.asarray(flattened(Image.fromarray(rgb), 300))
    assert np.array_equal(out[180:200, 100:700], rgb[180:200, 100:700])
    assert np.array_equal(out[400:420, 100:700], rgb[400:420, 100:700])
    band = out[120:160, 100:800].reshape(-1, 3).astype(int)
    assert np.abs(band - np.array([205, 225, 245])).max() <= 2  # the band keeps its colour


def test_a_two_tone_page_is_returned_as_it_is() -> None:
    img = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(img).rectangle((50, 50, 200, 80), fill=0)
    assert flattened(img, 300) is img
    bits = img.convert("1")
    assert flattened(bits, 300) is bits


@pytest.mark.slow
def test_redaction_output_holds_no_show_through(tmp_path: Path) -> None:
    src = tmp_path / "scan.png"
    faint_page(240, 9, True, 1.5).save(src, dpi=(300, 300))
    terms = tmp_path / "terms.txt"
    terms.write_text("Somebody Else\n")
    res = run_cli(["redact", str(src), "-o", str(tmp_path / "r"), "-l", "eng", "--terms", str(terms), "--to", "png"])
    assert res.code == 0, res.stderr
    (out,) = (tmp_path / "r").glob("*.png")
    with Image.open(out) as img:
        text = stretched_reads(img, tmp_path)
    assert not leaked(text)
    assert "night desk" in text  # the page itself is kept
