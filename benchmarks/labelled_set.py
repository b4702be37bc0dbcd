"""Generate the labelled accuracy set from the project's own text and Debian's fonts.

    .venv/bin/python -m benchmarks.labelled_set OUTDIR

Every item is ``GROUP__NAME.png`` (or .jpg) with ``GROUP__NAME.gt.txt`` and ``.lang`` next to
it.  Groups: clean (upright, 300 DPI), rotated (90/180/270), skewed (±3..10°), lowres (150 and
100 DPI, a fax), degraded (noise, blur, JPEG artefacts), faint, coloured (tinted backgrounds),
receipt (a narrow till slip), and samples (the bundled sample pages).  Needs fonts-dejavu-core
and fonts-noto-cjk.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import make_samples as ms

PAGES = {
    "en-letter": (ms.LETTER_EN, None, "eng"),
    "en-memo": (ms.MEMO_SKEWED, None, "eng"),
    "en-report": (ms.REPORT_PAGE_1, None, "eng"),
    "zh-hans": (ms.NOTICE_ZH_HANS, ms.NOTO_SC, "chi_sim+eng"),
    "zh-hant": (ms.NOTICE_ZH_HANT, ms.NOTO_TC, "chi_tra+eng"),
}
MIXED = [
    ms.Para("项目周报 Weekly report", 52, gap=40),
    ms.Para("本周完成了 archive scanning 的测试，共处理 412 页。", 46),
    ms.Para("下周计划：检查 OCR 结果并更新 README 文档。", 46),
]
RECEIPT = [
    "NORTHWIND DEPOT CAFE",
    "Receipt 000417",
    "2 x Coffee        7.00",
    "1 x Sandwich      6.50",
    "1 x Water         1.20",
    "TOTAL            14.70",
    "Card payment",
    "Thank you",
]


def _save(img: Image.Image, out: Path, name: str, truth: str, lang: str, *, jpeg: int | None = None,
          dpi: int = 300) -> None:  # fmt: skip
    path = out / (name + (".jpg" if jpeg else ".png"))
    if jpeg:
        img.convert("RGB").save(path, quality=jpeg, dpi=(dpi, dpi))
    else:
        img.save(path, dpi=(dpi, dpi))
    (out / f"{name}.gt.txt").write_text(truth, encoding="utf-8")
    (out / f"{name}.lang").write_text(lang, encoding="utf-8")


def _page(key: str) -> tuple[Image.Image, str, str]:
    paras, cjk, lang = PAGES[key]
    img, truth = ms.render_page(paras, cjk_index=cjk)
    return ms.scan_effects(img, seed=len(key)), truth, lang


def _crop_to_text(img: Image.Image) -> Image.Image:
    """Pages are A4 with text on the upper part: keep the area with text (faster runs)."""
    box = img.point(lambda v: 255 if v < 128 else 0).getbbox() or (0, 0, img.width, img.height)
    return img.crop((0, 0, img.width, min(img.height, box[3] + 200)))


def main(out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(5)
    pages = {key: _page(key) for key in PAGES}
    mixed, mixed_truth = ms.render_page(MIXED, cjk_index=ms.NOTO_SC)
    pages["mixed"] = (ms.scan_effects(mixed), mixed_truth, "chi_sim+eng")
    for key, (img, truth, lang) in pages.items():
        img = _crop_to_text(img)
        _save(img, out, f"clean__{key}", truth, lang)
        for angle in (90, 180, 270):
            if key in ("en-letter", "zh-hans", "en-memo") or angle == 180:
                _save(img.rotate(angle, expand=True), out, f"rotated__{key}-{angle}", truth, lang)
        skew = rng.choice((-1, 1)) * rng.choice((3, 5, 8, 10))
        _save(img.rotate(skew, expand=True, fillcolor=235, resample=Image.Resampling.BICUBIC), out,
              f"skewed__{key}-{skew}", truth, lang)  # fmt: skip
        for dpi in (100, 75):  # a cheap scanner or a distant photo: blurred, JPEG, no DPI in the file
            k = dpi / 300
            small = img.filter(ImageFilter.GaussianBlur(1.0)).resize(
                (round(img.width * k), round(img.height * k)), Image.Resampling.BILINEAR
            )
            path = out / f"lowres__{key}-{dpi}dpi.jpg"
            small.save(path, quality=60)  # no DPI recorded, like most photos
            (out / f"lowres__{key}-{dpi}dpi.gt.txt").write_text(truth, encoding="utf-8")
            (out / f"lowres__{key}-{dpi}dpi.lang").write_text(lang, encoding="utf-8")
        noisy = img.filter(ImageFilter.GaussianBlur(1.2))
        px = noisy.load()
        assert px is not None
        for _ in range(int(noisy.width * noisy.height * 0.01)):
            px[rng.randrange(noisy.width), rng.randrange(noisy.height)] = rng.choice((0, 90, 255))
        _save(noisy, out, f"degraded__{key}", truth, lang, jpeg=35)
        faint = img.point(lambda v: 255 - (255 - v) * 0.28)
        _save(faint, out, f"faint__{key}", truth, lang)
        tint = rng.choice(((255, 236, 170), (200, 225, 255), (255, 205, 215)))
        coloured = Image.merge("RGB", [img.point(lambda v, c=c: v * c // 255) for c in tint])
        _save(coloured, out, f"coloured__{key}", truth, lang)
    # a fax: 1-bit, 200x100 DPI squashed, English letter
    letter = pages["en-letter"][0]
    fax = letter.resize((letter.width * 2 // 3, letter.height // 3)).resize(
        (letter.width * 2 // 3, letter.height * 2 // 3)
    )
    _save(
        _crop_to_text(fax.point(lambda v: 255 if v > 150 else 0).convert("1")),
        out,
        "lowres__fax",
        pages["en-letter"][1],
        "eng",
        dpi=200,
    )
    # receipt: narrow till slip in a monospaced font, photographed at 200 DPI with blur
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 26)
    slip = Image.new("L", (520, 80 + 44 * len(RECEIPT)), 250)
    draw = ImageDraw.Draw(slip)
    for i, line in enumerate(RECEIPT):
        draw.text((30, 40 + 44 * i), line, font=font, fill=20)
    _save(
        slip.filter(ImageFilter.GaussianBlur(0.7)),
        out,
        "receipt__till",
        "\n".join(RECEIPT) + "\n",
        "eng",
        jpeg=70,
        dpi=200,
    )
    # the bundled samples (image ones)
    samples = Path(__file__).resolve().parent.parent / "sample_images"
    for name, lang in (("letter_en.png", "eng"), ("memo_skewed.tiff", "eng"), ("notice_zh_hans.png", "chi_sim+eng"),
                       ("notice_zh_hant.jpg", "chi_tra+eng")):  # fmt: skip
        stem = name.rsplit(".", 1)[0]
        with Image.open(samples / name) as img:
            _save(
                img.convert("L"),
                out,
                f"samples__{stem}",
                (samples / f"{stem}.gt.txt").read_text(encoding="utf-8"),
                lang,
            )
    print(f"{len(list(out.glob('*.gt.txt')))} labelled items in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/ocr-sandbox-labelled")))
