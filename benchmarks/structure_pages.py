"""Generated pages with known structure, for tests and ``bench_structure``: Chinese and English
notices, forms with merged cells, statistics tables with two-level headers, two-column pages
and lists, a report with a chart and a photo, a red-masthead official document in colour,
each with its ground truth (headings, tables as HTML, reading-order text), drawn
clean or as a degraded scan (tilt, blur, noise, JPEG).  Everything is made here; no file is
fetched.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LATIN_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CJK = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
WIDTH, HEIGHT, MARGIN = 2480, 3508, 220  # A4 at 300 DPI

CellSpec = tuple[str, int, int]  # text, rowspan, colspan


@dataclass
class Truth:
    """What a page says: headings (level, text), tables as HTML, text in reading order."""

    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # reading order: one entry per block
    figures: int = 0  # pictures on the page (charts, photos)
    items: list[str] = field(default_factory=list)  # list items, each with its marker
    mastheads: list[str] = field(default_factory=list)  # an official document's masthead (红头)

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


@dataclass(frozen=True)
class GeneratedPage:
    name: str
    lang: str  # Tesseract languages to read it with
    image: Image.Image
    truth: Truth
    kind: str  # form, stats, two-column, notice, list


def _font(cjk: bool, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(CJK if cjk else (LATIN_BOLD if bold else LATIN), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, cjk: bool) -> list[str]:
    lines: list[str] = []
    if cjk:
        cur = ""
        for ch in text:
            if font.getlength(cur + ch) > width and cur:
                lines.append(cur)
                cur = ""
            cur += ch
        return [*lines, cur] if cur else lines
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if font.getlength(trial) > width and cur:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    return [*lines, cur] if cur else lines


class Canvas:
    def __init__(self, cjk: bool, mode: str = "L") -> None:
        self.cjk = cjk
        self.img = Image.new(mode, (WIDTH, HEIGHT), "white")
        self.draw = ImageDraw.Draw(self.img)
        self.y = MARGIN
        self.truth = Truth()

    def title(self, text: str, size: int = 76) -> None:
        font = _font(self.cjk, size, bold=True)
        w = font.getlength(text)
        self.draw.text(((WIDTH - w) / 2, self.y), text, font=font, fill=0)
        self.y += int(size * 2.0)
        self.truth.headings.append((1, text))
        self.truth.blocks.append(text)

    def heading(self, text: str, size: int = 56, x: int = MARGIN, level: int = 2, record: bool = True) -> int:
        font = _font(self.cjk, size, bold=True)
        self.draw.text((x, self.y), text, font=font, fill=0)
        self.y += int(size * 1.7)
        if record:
            self.truth.headings.append((level, text))
            self.truth.blocks.append(text)
        return self.y

    def paragraph(self, text: str, size: int = 42, x: int = MARGIN, width: int = WIDTH - 2 * MARGIN,
                  indent: bool = True, record: bool = True) -> None:  # fmt: skip
        font = _font(self.cjk, size)
        first = 2 * size if indent and self.cjk else 0
        lines = _wrap(text, font, width - first, self.cjk)
        if len(lines) > 1:  # rewrap the rest at full width
            rest = "".join(lines[1:]) if self.cjk else " ".join(lines[1:])
            lines = [lines[0], *_wrap(rest, font, width, self.cjk)]
        for n, line in enumerate(lines):
            self.draw.text((x + (first if n == 0 else 0), self.y), line, font=font, fill=0)
            self.y += int(size * 1.55)
        self.y += int(size * 0.6)
        if record:
            self.truth.blocks.append(text)

    def table(self, rows: Sequence[Sequence[CellSpec]], widths: Sequence[int], size: int = 38,
              row_height: int = 100, ruled: bool = True) -> None:  # fmt: skip
        font = _font(self.cjk, size)
        x0 = (WIDTH - sum(widths)) // 2
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        occupied: set[tuple[int, int]] = set()
        top = self.y
        html_rows = []
        for r, row in enumerate(rows):
            c = 0
            cells_html = []
            for text, rs, cs in row:
                while (r, c) in occupied:
                    c += 1
                for dr in range(rs):
                    for dc in range(cs):
                        occupied.add((r + dr, c + dc))
                bx0, bx1 = xs[c], xs[c + cs]
                by0, by1 = top + r * row_height, top + (r + rs) * row_height
                if ruled:
                    self.draw.rectangle((bx0, by0, bx1, by1), outline=0, width=3)
                lines = _wrap(text, font, bx1 - bx0 - 24, self.cjk) if text else []
                ty = (by0 + by1) / 2 - len(lines) * size * 0.6
                for line in lines:
                    self.draw.text((bx0 + 12, ty), line, font=font, fill=0)
                    ty += size * 1.2
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
                cells_html.append(f"<td{attrs}>{escape(text)}</td>")
                c += cs
            html_rows.append("<tr>" + "".join(cells_html) + "</tr>")
        self.y = top + len(rows) * row_height + 80
        self.truth.tables.append("<table>" + "".join(html_rows) + "</table>")
        self.truth.blocks.append(" ".join(text for row in rows for text, _, _ in row if text))


ZH_SENTENCES = [
    "坚持问题导向，聚焦薄弱环节，推动各项工作规范化、标准化、常态化。",
    "完善信息报送制度，按月报送工作进展情况，重大事项随时报告。",
    "加强业务培训，每季度至少组织一次专题学习，提高工作人员业务能力。",
    "开展全面自查，对照检查清单逐项核实，建立问题台账，实行销号管理。",
    "强化督促检查，将相关工作纳入年度绩效考核，对工作不力的单位予以通报。",
    "到年底前，基本建立覆盖全市的工作机制，重点单位覆盖率达到百分之九十五以上。",
]
EN_SENTENCES = [
    "Document conversion turns page images into structured text that people can edit and search.",
    "A converter must find the regions of a page and read them in the right order.",
    "Errors in any of these steps lose information that a reader needs to understand the page.",
    "Tables carry most of the numbers in official reports and must keep their rows and columns.",
    "Headings give the document its outline and let readers move through long reports quickly.",
    "Scanned pages with slight skew reduced the detection quality by a few points only.",
]


def _zh_para(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.sample(ZH_SENTENCES, n))


def _en_para(rng: random.Random, n: int = 3) -> str:
    return " ".join(rng.sample(EN_SENTENCES, n))


def form_zh(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(True)
    cv.title("人员基本情况登记表")
    name = rng.choice(["王芳", "李强", "张伟", "刘洋"])
    rows: list[list[CellSpec]] = [
        [("姓名", 1, 1), (name, 1, 1), ("性别", 1, 1), (rng.choice(["男", "女"]), 1, 1), ("照片", 3, 1)],
        [("出生日期", 1, 1), (f"{rng.randint(1970, 1999)}年{rng.randint(1, 12)}月", 1, 1), ("民族", 1, 1),
         ("汉族", 1, 1)],
        [("学历", 1, 1), ("大学本科", 1, 1), ("职称", 1, 1), ("工程师", 1, 1)],
        [("工作单位", 1, 1), ("市统计局综合处", 1, 4)],
        [("主要经历", 2, 1), (f"{rng.randint(2001, 2010)}年至今 在市统计局工作", 1, 4)],
        [("此前 在某大学学习", 1, 4)],
        [("备注", 1, 1), ("", 1, 4)],
    ]  # fmt: skip
    cv.table(rows, [380, 420, 300, 420, 360])
    cv.paragraph("注：本表一式两份，请用黑色墨水笔填写。", indent=False)
    return cv, "chi_sim+eng"


def stats_zh(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(True)
    cv.title(f"{rng.randint(2019, 2025)}年各区财政收支情况统计表")
    cv.paragraph("单位：万元", indent=False)
    rows: list[list[CellSpec]] = [
        [("地区", 2, 1), ("一般公共预算", 1, 2), ("政府性基金", 1, 2), ("增幅", 2, 1)],
        [("预算数", 1, 1), ("执行数", 1, 1), ("预算数", 1, 1), ("执行数", 1, 1)],
    ]
    for district in rng.sample(["东城区", "西城区", "南湖区", "北山区", "高新区", "滨江区"], 5):
        nums = [f"{rng.randint(1000, 99999):,}" for _ in range(4)]
        rows.append([(district, 1, 1), *((n, 1, 1) for n in nums), (f"{rng.randint(1, 300) / 10:.1f}%", 1, 1)])
    cv.table(rows, [330, 330, 330, 330, 330, 300])
    cv.paragraph("数据来源：各区财政部门报送。", indent=False)
    return cv, "chi_sim+eng"


def stats_en(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(False)
    cv.title("Regional Budget Summary")
    rows: list[list[CellSpec]] = [
        [("Region", 2, 1), ("Revenue", 1, 2), ("Spending", 1, 2)],
        [("Plan", 1, 1), ("Actual", 1, 1), ("Plan", 1, 1), ("Actual", 1, 1)],
    ]
    for region in rng.sample(["North", "South", "East", "West", "Central", "Coast"], 5):
        rows.append([(region, 1, 1), *((f"{rng.randint(1000, 99999):,}", 1, 1) for _ in range(4))])
    cv.table(rows, [400, 380, 380, 380, 380])
    cv.paragraph("Figures in thousands; actual values are unaudited.", indent=False)
    return cv, "eng"


def borderless_en(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(False)
    cv.title("Staff by Department")
    cv.paragraph(_en_para(rng, 2), indent=False)
    rows: list[list[CellSpec]] = [[("Department", 1, 1), ("Staff", 1, 1), ("Budget", 1, 1), ("Change", 1, 1)]]
    for dept in rng.sample(["Finance", "Health", "Transport", "Housing", "Education", "Police"], 5):
        rows.append([(dept, 1, 1), (str(rng.randint(12, 480)), 1, 1), (f"{rng.randint(1000, 99999):,}", 1, 1),
                     (f"{rng.randint(-90, 90) / 10:.1f}%", 1, 1)])  # fmt: skip
    cv.table(rows, [520, 360, 400, 360], row_height=80, ruled=False)
    cv.paragraph(_en_para(rng, 1), indent=False)
    return cv, "eng"


def two_col(seed: int, cjk: bool) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(cjk)
    cv.title("政务信息简报" if cjk else "Notes on Document Conversion")
    col_w = (WIDTH - 2 * MARGIN - 140) // 2
    top = cv.y
    heads = (["本期要闻", "工作动态", "经验交流", "基层风采"] if cjk
             else ["1 Introduction", "2 Related Work", "3 Method", "4 Results"])  # fmt: skip
    for col in range(2):
        cv.y = top
        x = MARGIN + col * (col_w + 140)
        for head in heads[col * 2 : col * 2 + 2]:
            cv.heading(head, size=50, x=x)
            for _ in range(2):
                cv.paragraph(_zh_para(rng) if cjk else _en_para(rng), x=x, width=col_w)
    return cv, "chi_sim+eng" if cjk else "eng"


def notice_zh(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(True)
    cv.title("关于开展安全生产检查工作的通知", size=68)
    cv.paragraph("各区人民政府，市直各单位：", indent=False)
    cv.paragraph(_zh_para(rng))
    for head in ("一、工作目标", "二、主要任务", "三、工作要求"):
        cv.heading(head, size=46)
        cv.paragraph(_zh_para(rng))
    return cv, "chi_sim+eng"


def list_en(seed: int) -> tuple[Canvas, str]:
    rng = random.Random(seed)
    cv = Canvas(False)
    cv.title("Checklist for Scanning Records")
    cv.paragraph(_en_para(rng, 2), indent=False)
    cv.heading("Before you start", size=52)
    for item in ("Remove staples and clips.", "Sort the pages in order.", "Check the scanner glass."):
        cv.paragraph(f"• {item}", indent=False)
        cv.truth.items.append(f"• {item}")
    cv.heading("After scanning", size=52)
    cv.paragraph(_en_para(rng, 2), indent=False)
    return cv, "eng"


def _chart(cv: Canvas, rng: random.Random, width: int, height: int) -> None:
    """A bar chart without words (axes, grid, bars) centred on the page at the canvas's line."""
    x0, y0 = (WIDTH - width) // 2, cv.y
    d = cv.draw
    d.line((x0 + 40, y0, x0 + 40, y0 + height - 40), fill="black", width=5)
    d.line((x0 + 40, y0 + height - 40, x0 + width, y0 + height - 40), fill="black", width=5)
    for k in range(1, 5):
        gy = y0 + height - 40 - k * (height - 60) // 5
        d.line((x0 + 45, gy, x0 + width, gy), fill=(170 if cv.img.mode == "L" else (170, 170, 170)), width=2)
    bars = 8
    step = (width - 80) // bars
    for k in range(bars):
        top = y0 + height - 40 - rng.randint(height // 5, height - 80)
        colour = 90 if cv.img.mode == "L" else (40 + 20 * k, 90, 200 - 15 * k)
        d.rectangle((x0 + 70 + k * step, top, x0 + 40 + (k + 1) * step - 10, y0 + height - 42), fill=colour)
    cv.y = y0 + height + 50
    cv.truth.figures += 1


def _photo(cv: Canvas, rng: random.Random, width: int, height: int) -> None:
    """A photo-like picture (smooth tones, a horizon, noise) centred at the canvas's line."""
    x0, y0 = (WIDTH - width) // 2, cv.y
    sky = Image.linear_gradient("L").resize((width, height)).point(lambda v: 120 + v // 3)
    pic = Image.merge("RGB", (sky.point(lambda v: v // 2), sky.point(lambda v: v - 30), sky))
    draw = ImageDraw.Draw(pic)
    horizon = height * 3 // 5
    hills = [(0, height), (0, horizon), (width // 3, horizon - rng.randint(80, 200)), (width * 2 // 3, horizon + 20),
             (width, horizon - 60), (width, height)]  # fmt: skip
    draw.polygon(hills, fill=(60, 90, 40))
    pic = Image.blend(pic, Image.effect_noise((width, height), 40).convert("RGB"), 0.15)
    cv.img.paste(pic if cv.img.mode == "RGB" else pic.convert("L"), (x0, y0))
    cv.y = y0 + height + 50
    cv.truth.figures += 1


def figure_en(seed: int) -> tuple[Canvas, str]:
    """A report page with a chart and a photo, each with a caption, and numbered and bulleted lists."""
    rng = random.Random(seed)
    cv = Canvas(False, "RGB")
    cv.title("Field Survey Summary")
    cv.paragraph(_en_para(rng, 2), indent=False)
    _chart(cv, rng, 1500, 800)
    cv.paragraph("Figure 1. Samples collected per month", size=38, indent=False)
    cv.heading("Steps taken", size=52)
    for n, item in enumerate(
        ("Mark each site on the map.", "Take two samples per site.", "Label and seal the jars."), 1
    ):
        cv.paragraph(f"{n}. {item}", indent=False)
        cv.truth.items.append(f"{n}. {item}")
    _photo(cv, rng, 1400, 700)
    cv.paragraph("Figure 2. The river at station 3", size=38, indent=False)
    for item in ("Water was clear at every station.", "No dead fish were seen."):
        cv.paragraph(f"• {item}", indent=False)
        cv.truth.items.append(f"• {item}")
    return cv, "eng"


def masthead_zh(seed: int) -> tuple[Canvas, str]:
    """An official document (红头文件) in colour: a red masthead over a red rule, a document
    number, the title, paragraphs, （一） and ① items, and a page number at the foot."""
    rng = random.Random(seed)
    cv = Canvas(True, "RGB")
    red = (208, 0, 0)
    font = _font(True, 110)
    head = rng.choice(["某某县人民政府文件", "某市教育局文件", "某区人民政府办公室文件"])
    cv.draw.text(((WIDTH - font.getlength(head)) / 2, cv.y), head, font=font, fill=red)
    cv.truth.blocks.append(head)
    cv.truth.mastheads.append(head)
    cv.y += 230
    number = f"某政发〔{rng.randint(2019, 2025)}〕{rng.randint(1, 40)}号"
    small = _font(True, 42)
    cv.draw.text(((WIDTH - small.getlength(number)) / 2, cv.y), number, font=small, fill="black")
    cv.truth.blocks.append(number)
    cv.y += 90
    cv.draw.rectangle((MARGIN, cv.y, WIDTH - MARGIN, cv.y + 8), fill=red)
    cv.y += 110
    cv.title("关于做好年度安全检查工作的通知", size=64)
    cv.paragraph("各乡镇人民政府，县直各单位：", indent=False)
    cv.paragraph(_zh_para(rng))
    cv.heading("一、检查内容", size=46)
    for mark, text in (("（一）", ZH_SENTENCES[0]), ("（二）", ZH_SENTENCES[1])):
        cv.paragraph(mark + text, indent=False)
        cv.truth.items.append(mark + text)
    cv.heading("二、工作要求", size=46)
    for mark, text in (("①", ZH_SENTENCES[2]), ("②", ZH_SENTENCES[3]), ("③", ZH_SENTENCES[4])):
        cv.paragraph(mark + text, indent=False)
        cv.truth.items.append(mark + text)
    foot = "— 1 —"
    cv.draw.text(((WIDTH - small.getlength(foot)) / 2, HEIGHT - 180), foot, font=small, fill="black")
    return cv, "chi_sim+eng"


MAKERS = {
    "form-zh": form_zh,
    "stats-zh": stats_zh,
    "stats-en": stats_en,
    "two-col-en": lambda seed: two_col(seed, False),
    "two-col-zh": lambda seed: two_col(seed, True),
    "notice-zh": notice_zh,
    "list-en": list_en,
    "borderless-en": borderless_en,
    "figure-en": figure_en,
    "masthead-zh": masthead_zh,
}


def degrade(img: Image.Image, seed: int) -> Image.Image:
    """A scan of the page: a degree of tilt, blur, noise, lifted black, JPEG."""
    rng = random.Random(seed)
    img = img.convert("L")  # a grey scan: colour is lost
    out = img.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.8))
    noise = Image.effect_noise(out.size, 18)
    out = Image.blend(out, noise, 0.08).point(lambda v: 40 + v * 0.82)
    buf = io.BytesIO()
    out.convert("L").save(buf, format="JPEG", quality=70)
    buf.seek(0)
    return Image.open(buf).convert("L")


def generate(kind: str, seed: int, degraded: bool = False) -> GeneratedPage:
    canvas, lang = MAKERS[kind](seed)
    img = degrade(canvas.img, seed) if degraded else canvas.img
    img.info["dpi"] = (300, 300)
    name = f"{kind}-{seed}{'-scan' if degraded else ''}"
    return GeneratedPage(name, lang, img, canvas.truth, kind.split("-")[0] if "two" not in kind else "two-column")
