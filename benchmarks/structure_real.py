"""Pages laid out by another engine than ours: HTML pages typeset by LibreOffice Writer into
born-digital PDFs (vector rules, a text layer), then rendered by poppler as clean and degraded
300-DPI scans.  The content is modelled on public documents (statistical bulletins, official
notices, application forms, a paper's results table, a financial statement, a report with a
borderless table and lists); the layout, fonts, rules and line breaks are LibreOffice's, not
:mod:`benchmarks.structure_pages`'s, so a rule tuned on our own drawings does not carry over
for free.

Ground truth comes from the same HTML: headings are ``h1``–``h3`` and elements with
``class="h"`` (a bold paragraph serving as a heading, as official notices set them); tables
keep their ``rowspan``/``colspan``; the reading order is the HTML's order.  LibreOffice runs
headless with a private profile and no network.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from PIL import Image

from benchmarks.structure_pages import Truth, degrade

HEAD = '<html><head><meta charset="utf-8"><style>body{font-family:"%s"} p{margin:0.2em 0}</style></head><body>'
RULED = '<table border="1" cellpadding="4" cellspacing="0">'
BOOK = '<table frame="hsides" rules="groups" cellpadding="4" cellspacing="0">'
BARE = '<table border="0" cellpadding="4" cellspacing="0">'

# ruff: noqa: E501  (the pages are HTML, one element a line)
PAGES: dict[str, tuple[str, str, str]] = {  # name: (Tesseract languages, font, body HTML)
    "zh_bulletin": (
        "chi_sim+eng",
        "WenQuanYi Zen Hei",
        f"""
<h1>2024年国民经济和社会发展统计公报</h1>
<p>2024年，面对外部压力加大、内部困难增多的复杂严峻形势，全市经济运行总体平稳、稳中有进，高质量发展扎实推进。</p>
<h2>一、综合</h2>
<p>初步核算，全年地区生产总值28650.4亿元，比上年增长5.1%。其中，第一产业增加值512.6亿元，增长3.2%；第二产业增加值9034.7亿元，增长5.6%；第三产业增加值19103.1亿元，增长4.9%。</p>
<p>表1　2024年主要经济指标</p>
{RULED}<tr><td rowspan="2">指标</td><td rowspan="2">单位</td><td colspan="2">2024年</td></tr>
<tr><td>绝对数</td><td>比上年增长(%)</td></tr>
<tr><td>地区生产总值</td><td>亿元</td><td>28650.4</td><td>5.1</td></tr>
<tr><td>规模以上工业增加值</td><td>亿元</td><td>7342.8</td><td>6.3</td></tr>
<tr><td>固定资产投资</td><td>亿元</td><td>—</td><td>-1.8</td></tr>
<tr><td>社会消费品零售总额</td><td>亿元</td><td>12057.9</td><td>4.0</td></tr>
<tr><td>一般公共预算收入</td><td>亿元</td><td>2310.5</td><td>2.7</td></tr></table>
<h2>二、农业</h2>
<p>全年粮食种植面积43.2万公顷，比上年增加0.3万公顷。粮食总产量246.7万吨，比上年增产1.1%。</p>
""",
    ),
    "zh_notice": (
        "chi_sim+eng",
        "WenQuanYi Zen Hei",
        """
<p align="center"><font color="#d00000" size="6"><b>某市人民政府办公厅文件</b></font></p>
<p align="center">某政办发〔2024〕17号</p>
<hr>
<h1 align="center">关于进一步加强安全生产工作的通知</h1>
<p>各区县人民政府，市政府各部门：</p>
<p>为深入贯彻落实安全生产工作部署，切实防范化解重大安全风险，经市政府同意，现就有关事项通知如下。</p>
<p class="h"><b>一、压实安全生产责任</b></p>
<p>各地各部门要严格落实党政同责、一岗双责，主要负责人要亲自研究部署，定期分析研判安全形势。</p>
<p class="h"><b>二、深化重点行业领域整治</b></p>
<p>（一）道路交通。严厉打击超速超载、疲劳驾驶等违法行为，加强重点车辆动态监管。</p>
<p>（二）建筑施工。全面排查深基坑、高支模、起重机械等危险性较大的分部分项工程。</p>
<p class="h"><b>三、强化应急准备</b></p>
<p>各地要完善应急预案，加强应急队伍建设，储备必要的应急物资，确保一旦发生事故能够迅速有效处置。</p>
<p align="right">某市人民政府办公厅</p>
<p align="right">2024年3月15日</p>
""",
    ),
    "zh_form": (
        "chi_sim+eng",
        "WenQuanYi Zen Hei",
        f"""
<h1 align="center">公开招聘工作人员报名登记表</h1>
<p>报名岗位：综合管理岗　　　　报名序号：0173</p>
{RULED}<tr><td>姓名</td><td>张文静</td><td>性别</td><td>女</td><td>出生年月</td><td>1996.04</td><td rowspan="4">照片</td></tr>
<tr><td>民族</td><td>汉族</td><td>籍贯</td><td>浙江杭州</td><td>政治面貌</td><td>团员</td></tr>
<tr><td>学历</td><td>本科</td><td>学位</td><td>学士</td><td>婚姻状况</td><td>未婚</td></tr>
<tr><td>毕业院校</td><td colspan="3">浙江工业大学</td><td>专业</td><td>会计学</td></tr>
<tr><td>联系电话</td><td colspan="2">138 0571 2468</td><td>电子邮箱</td><td colspan="3">wenjing@example.cn</td></tr>
<tr><td rowspan="3">学习工作经历</td><td colspan="6">2014.09—2018.06　浙江工业大学会计学专业学习</td></tr>
<tr><td colspan="6">2018.07—2021.12　杭州某会计师事务所审计助理</td></tr>
<tr><td colspan="6">2022.01至今　某区财政局聘用人员</td></tr>
<tr><td>审核意见</td><td colspan="6">经审核，符合报名条件。</td></tr></table>
<p>本人承诺所填信息真实准确。</p>
""",
    ),
    "en_paper": (
        "eng",
        "DejaVu Serif",
        f"""
<h2>4 Results</h2>
<p>Table 2 compares the three models on the held-out test split. All numbers are means over five runs with different random seeds; the best result in each column is the proposed model's.</p>
<p>Table 2: Accuracy (%) and latency on the test split.</p>
{BOOK}<thead><tr><td rowspan="2">Model</td><td colspan="2">Accuracy</td><td colspan="2">Latency (ms)</td></tr>
<tr><td>Top-1</td><td>Top-5</td><td>CPU</td><td>GPU</td></tr></thead>
<tbody><tr><td>Baseline CNN</td><td>71.3</td><td>90.2</td><td>48.1</td><td>3.2</td></tr>
<tr><td>ResNet-50</td><td>76.1</td><td>92.9</td><td>95.4</td><td>5.8</td></tr>
<tr><td>Proposed</td><td>78.4</td><td>94.0</td><td>41.7</td><td>2.9</td></tr></tbody></table>
<h3>4.1 Ablation</h3>
<p>Removing the attention block lowers top-1 accuracy by 2.1 points while saving only 4 ms of CPU time, so the block is kept in every later experiment.</p>
""",
    ),
    "en_finance": (
        "eng",
        "Liberation Sans",
        f"""
<h1>Annual Report 2023</h1>
<h2>Consolidated Statement of Income</h2>
<p>Amounts in thousands of US dollars, except per-share data. Fiscal years ended December 31.</p>
{RULED}<tr><td></td><td>2023</td><td>2022</td><td>Change</td></tr>
<tr><td>Revenue</td><td>1,284,530</td><td>1,102,117</td><td>16.6%</td></tr>
<tr><td>Cost of revenue</td><td>(712,904)</td><td>(640,228)</td><td>11.4%</td></tr>
<tr><td>Gross profit</td><td>571,626</td><td>461,889</td><td>23.8%</td></tr>
<tr><td>Operating expenses</td><td>(318,440)</td><td>(297,015)</td><td>7.2%</td></tr>
<tr><td>Net income</td><td>196,302</td><td>131,771</td><td>49.0%</td></tr>
<tr><td>Earnings per share</td><td>2.41</td><td>1.63</td><td>47.9%</td></tr></table>
<h2>Outlook</h2>
<p>Management expects revenue growth in the low double digits in 2024, driven by the services segment and new regional offices.</p>
""",
    ),
    "en_report": (
        "eng",
        "Liberation Serif",
        f"""
<h1>Water Quality Monitoring Report</h1>
<h2>Summary</h2>
<p>Samples were taken monthly at four stations along the river between January and June. Results are compared with the national limits for class III surface water.</p>
{BARE}<tr><td><b>Station</b></td><td><b>pH</b></td><td><b>Dissolved oxygen (mg/L)</b></td><td><b>Ammonia (mg/L)</b></td></tr>
<tr><td>Upstream weir</td><td>7.4</td><td>8.1</td><td>0.21</td></tr>
<tr><td>Town bridge</td><td>7.2</td><td>6.9</td><td>0.48</td></tr>
<tr><td>Industrial outfall</td><td>6.8</td><td>5.2</td><td>1.12</td></tr>
<tr><td>Estuary gauge</td><td>7.6</td><td>7.3</td><td>0.35</td></tr></table>
<h2>Recommendations</h2>
<ol><li>Increase sampling at the industrial outfall to weekly.</li>
<li>Publish the monthly results on the council website.</li>
<li>Review the discharge permit before the end of the year.</li></ol>
""",
    ),
    "zh_tra_stats": (
        "chi_tra+eng",
        "WenQuanYi Zen Hei",
        f"""
<h1>112年度人力資源調查統計結果</h1>
<p>本年勞動力參與率為59.2%，較上年上升0.2個百分點；失業率為3.48%，較上年下降0.19個百分點。</p>
{RULED}<tr><td rowspan="2">項目別</td><td colspan="3">勞動力（千人）</td><td rowspan="2">失業率(%)</td></tr>
<tr><td>合計</td><td>就業者</td><td>失業者</td></tr>
<tr><td>總計</td><td>11,945</td><td>11,528</td><td>416</td><td>3.48</td></tr>
<tr><td>男</td><td>6,588</td><td>6,347</td><td>241</td><td>3.66</td></tr>
<tr><td>女</td><td>5,357</td><td>5,181</td><td>175</td><td>3.27</td></tr></table>
<h2>一、勞動力參與情形</h2>
<p>按年齡別觀察，以25至29歲者勞動力參與率92.7%最高，45至64歲者65.8%次之。</p>
""",
    ),
    "en_minutes": (
        "eng",
        "DejaVu Sans",
        f"""
<h1>Board Meeting Minutes</h1>
<p>Held on 12 March 2024 at the main office. Present: five directors and the company secretary.</p>
<h2>1. Attendance</h2>
{BOOK}<thead><tr><td>Name</td><td>Role</td><td>Present</td></tr></thead>
<tbody><tr><td>A. Moreau</td><td>Chair</td><td>Yes</td></tr>
<tr><td>K. Osei</td><td>Treasurer</td><td>Yes</td></tr>
<tr><td>L. Fischer</td><td>Director</td><td>No</td></tr></tbody></table>
<h2>2. Decisions</h2>
<ul><li>The budget for the second quarter was approved.</li>
<li>The audit committee will report at the next meeting.</li></ul>
<p>The meeting closed at 16:40.</p>
""",
    ),
}


@dataclass(frozen=True)
class RealPage:
    name: str
    lang: str
    pdf: Path
    scan: Path
    degraded: Path
    truth: Truth


def _cell_text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


def _truth_table(html: str) -> tuple[str, str]:
    """(the table as the ground truth writes them: one line, td only, spans kept; its text)."""
    rows = []
    texts = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        cells = []
        for attrs, body in re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S):
            spans = "".join(f' {k}="{v}"' for k, v in re.findall(r'(rowspan|colspan)="(\d+)"', attrs))
            text = _cell_text(body)
            cells.append(f"<td{spans}>{text}</td>")
            if text:
                texts.append(text)
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>", " ".join(texts)


def truth_of(body: str) -> Truth:
    truth = Truth()
    for m in re.finditer(r"<table.*?</table>|<h(\d)[^>]*>(.*?)</h\d>|<p([^>]*)>(.*?)</p>|<li>(.*?)</li>", body, re.S):
        whole = m.group(0)
        if whole.startswith("<table"):
            table, text = _truth_table(whole)
            truth.tables.append(table)
            truth.blocks.append(text)
        elif m.group(1):
            text = _cell_text(m.group(2))
            truth.headings.append((int(m.group(1)), text))
            truth.blocks.append(text)
        elif m.group(5) is not None:
            truth.blocks.append(_cell_text(m.group(5)))
            truth.items.append(_cell_text(m.group(5)))
        else:
            text = _cell_text(m.group(4))
            if 'class="h"' in m.group(3):
                truth.headings.append((2, text))
            if '<font color="#d00000"' in m.group(4):  # the red masthead of an official document
                truth.mastheads.append(text)
            truth.blocks.append(text)
    return truth


def available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftoppm") is not None


def build(out: Path, seed: int = 1, names: tuple[str, ...] = ()) -> list[RealPage]:
    """Typeset the pages (``names``, else all) with LibreOffice and render each, clean and
    degraded, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    with tempfile.TemporaryDirectory(prefix="lo-") as tmp:
        profile = Path(tmp) / "profile"
        for n, (name, (lang, font, body)) in enumerate(PAGES.items()):
            if names and name not in names:
                continue
            html = out / f"{name}.html"
            html.write_text(HEAD % font + body + "</body></html>", encoding="utf-8")
            pdf = out / f"{name}.pdf"
            if not pdf.exists():
                subprocess.run(
                    ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                     "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out),
                     str(html)],
                    check=True, capture_output=True, timeout=180, stdin=subprocess.DEVNULL,
                )  # fmt: skip
            stem = out / f"{name}-r"
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", str(pdf), str(stem)],
                           check=True, capture_output=True, timeout=120)  # fmt: skip
            scan = out / f"{name}-r.png"
            degraded = out / f"{name}-scan.jpg"
            with Image.open(scan) as img:
                degrade(img.convert("L"), seed + n).save(degraded, quality=80, dpi=(300, 300))
            pages.append(RealPage(name, lang, pdf, scan, degraded, truth_of(body)))
    return pages
