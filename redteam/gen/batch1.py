"""Batch 1 red-team cases (c01..c21). Run: python gen/batch1.py [case ids...]"""
import sys
import math
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps, ImageChops

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from common import *  # noqa

ID1 = "110105198507124520"
ID2 = "440304199003152312"
ID3 = "320106197811040023"
ID4 = "51010719921225301X"
ID5 = "110108198808081236"
CARD = "6228480012345678903"
T = "office.txt"
ZH_BODY = [
    "各部门、各单位：",
    "    为切实做好年度安全生产工作，按照上级有关要求，现将有关事项通知如下。",
    "    一、各单位要高度重视，结合实际制定具体工作方案，明确责任分工。",
    "    二、请于本月二十日前完成自查，并将自查报告报送办公室。",
    "    三、检查中发现的问题要建立台账，限期整改，确保整改到位。",
    "    四、加强内部控制和风险管理，做好敏感性分析和应急预案。",
    "    特此通知。",
]


def c01_showthrough(delta=6, cid="c01_showthrough_faint", blur=1.6):
    """Front: ordinary notice. Back of the sheet (visible through thin paper, mirrored, very faint):
    a staff record with name, ID number and mobile."""
    W, H = 2480, 3508
    back = Page(W, H)
    y = 420
    back.text((300, 300), "员工信息登记表", size=70)
    rows = [("姓名", "张伟", "name"), ("身份证号", ID1, "id"), ("手机", "139 1234 5678", "phone"),
            ("部门", "财务处", None), ("入职日期", "2019年3月1日", None)]
    for lab, val, sid in rows:
        back.text((300, y), lab + "：", size=56)
        back.text((700, y), val, size=56, secret=sid)
        y += 130
    back_m = ImageOps.mirror(back.img.convert("L")).filter(ImageFilter.GaussianBlur(blur))
    front = Page(W, H)
    front.text((620, 300), "关于开展年度安全检查的通知", size=72)
    front.paragraph(250, 520, ZH_BODY, size=46, lead=1.9)
    front.text((1500, 2400), "综合办公室", size=46)
    front.text((1450, 2480), "2024年5月8日", size=46)
    f = np.asarray(front.img.convert("L")).astype(np.float32)
    b = np.asarray(back_m).astype(np.float32)
    paperv = 250.0
    out = np.minimum(f / 255 * paperv, paperv - (255 - b) / 255 * delta)
    out = out + np.random.default_rng(3).normal(0, 1.2, out.shape)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).convert("RGB")
    # mirror the secret boxes
    boxes = {k: [[W - bb[2], bb[1], W - bb[0], bb[3]] for bb in v] for k, v in back.boxes.items()}
    p = save_png(img, f"{cid}.png")
    register(cid, p, "chi_sim+eng", T, [
        S("name", "term", "张伟", ["张伟"], boxes["name"], strict=True),
        S("id", "cn_id", ID1, [ID1], boxes["id"], strict=True),
        S("phone", "phone", "13912345678", ["13912345678"], boxes["phone"], strict=True),
    ], "print-scan/show-through: mirrored reverse side, %d grey levels below paper" % delta,
        "name, ID number and mobile on the (mirrored, faint) reverse-side show-through",
        innocent=["关于开展年度安全检查的通知", "综合办公室"])


def c02_faded_receipt():
    """Thermal supermarket receipt at 203 dpi, faded unevenly; member phone, card, name."""
    W = 576
    lines = [("  华联超市（朝阳店）", None), ("  欢迎光临", None), ("", None),
             ("单号: 0023-1187-5521", None), ("日期: 2024-04-18 19:42", None),
             ("------------------------------", None),
             ("牛奶 250ml x2         13.00", None), ("面包            1    8.50", None),
             ("苹果 1.25kg          15.60", None), ("洗衣液          1   39.90", None),
             ("------------------------------", None), ("合计:                77.00", None),
             ("银行卡支付           77.00", None), ("卡号 6228 4800 1234 5678 903", "card"),
             ("会员: 李娜", "name"), ("会员手机 138 1122 3344", "phone"),
             ("积分 +77  累计 1520", None), ("", None), ("  谢谢惠顾 欢迎再次光临", None)]
    H = 60 + 34 * len(lines) + 60
    pg = Page(W, H, bg=(255, 255, 255), dpi=203)
    y = 40
    for s, sid in lines:
        pg.text((20, y), s, size=24, f=font("zh", 24), secret=sid)
        y += 34
    g = np.asarray(pg.img.convert("L")).astype(np.float32)
    # fading: ink strength decays toward the bottom (heat + time), paper 238
    yy = np.linspace(0, 1, H)[:, None]
    strength = 0.55 - 0.47 * yy  # 0.55 at top .. 0.08 at bottom
    ink = (255 - g) / 255.0
    out = 238 - ink * 238 * strength
    out += np.random.default_rng(4).normal(0, 1.5, out.shape)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).convert("RGB")
    p = save_png(img, "c02_faded_receipt.png", dpi=203)
    register("c02_faded_receipt", p, "chi_sim+eng", T, [
        S("card", "bank_card", CARD, [CARD], pg.boxes["card"]),
        S("name", "term", "李娜", ["李娜"], pg.boxes["name"]),
        S("phone", "phone", "13811223344", ["13811223344"], pg.boxes["phone"]),
    ], "print-scan/faded thermal receipt (ink 8-20 levels below paper at the bottom)",
        "bank card number, member name, member mobile", innocent=["华联超市", "合计"])


def c03_numerals_transcript():
    """询问笔录: the clerk writes numbers in Chinese numerals (as dictated)."""
    pg = Page()
    pg.text((900, 250), "询 问 笔 录", size=80)
    pg.text((250, 420), "时间：2024年3月12日14时10分至15时05分", size=44)
    pg.text((250, 500), "地点：城南派出所第二询问室", size=44)
    pg.text((250, 580), "询问人：刘强、赵磊　　记录人：赵磊", size=44)
    y = 700
    qa = [
        ("问：请讲一下你的基本情况。", None),
        ("答：我叫张伟，男，汉族，在城南物流公司工作。", "name"),
        ("问：你的公民身份号码是多少？", None),
        ("答：" + zh_digits(ID1) + "。", "id"),
        ("问：你的联系电话？", None),
        ("答：幺三九幺二三四五六七八，这个号一直在用。", "phone"),
        ("问：还有别的联系方式吗？", None),
        ("答：家里座机〇一〇六五五二九九八八。", "landline"),
        ("问：以上所说是否属实？", None),
        ("答：属实。", None),
    ]
    for s, sid in qa:
        pg.text((250, y), s, size=46, secret=sid)
        y += 95
    pg.text((1500, y + 150), "被询问人：（签名）", size=44)
    p = save_png(paper(pg.img), "c03_numerals_transcript.png")
    register("c03_numerals_transcript", p, "chi_sim+eng", T, [
        S("name", "term", "张伟", ["张伟"], pg.boxes["name"]),
        S("id", "cn_id", ID1, [ID1], pg.boxes["id"], strict=False),
        S("phone", "phone", "13912345678", ["13912345678"], pg.boxes["phone"], strict=False),
        S("landline", "phone", "01065529988", ["01065529988"], pg.boxes["landline"], strict=False),
    ], "encoding/Chinese numerals (〇一二…, 幺 for 1) for ID and phone numbers",
        "name; ID, mobile and landline written in Chinese numerals", innocent=["询问笔录", "城南派出所"])


def c05_email_hash():
    pg = Page()
    pg.text((700, 260), "2024年春季招聘启事", size=78)
    body = [
        "本公司因业务发展需要，现面向社会公开招聘会计、出纳各一名。",
        "一、岗位要求：本科及以上学历，两年以上相关工作经验。",
        "二、待遇：面议，缴纳五险一金。",
        "三、报名方式：",
    ]
    y = pg.paragraph(250, 460, body, size=46, lead=1.8)
    pg.text((330, y), "简历请发送至 hr.zhangwei#163.com（发送时请将#替换为@）", size=46, secret="e1")
    y += 90
    pg.text((330, y), "或发至 lina2019 艾特 qq.com，邮件标题注明应聘岗位", size=46, secret="e2")
    y += 90
    pg.text((330, y), "English CV: priya.raman (at) northwind (dot) co (dot) uk", size=44, secret="e3")
    y += 90
    pg.text((330, y), "备用邮箱：ｗａｎｇ．ｘｙ＠１２６．ｃｏｍ", size=46, secret="e4")
    y += 90
    pg.text((330, y), "联系人：李娜 手机 186-2233-4455", size=46, secret="cp")
    p = save_png(paper(pg.img), "c05_email_obfuscated.png")
    register("c05_email_obfuscated", p, "chi_sim+eng", T, [
        S("e1", "email", "hr.zhangwei@163.com", ["hrzhangwei163com", "hrzhangwei#163com"], pg.boxes["e1"], strict=False),
        S("e2", "email", "lina2019@qq.com", ["lina2019艾特qqcom"], pg.boxes["e2"], strict=False),
        S("e3", "email", "priya.raman@northwind.co.uk", ["priyaramanatnorthwind", "priyaraman"], pg.boxes["e3"], strict=True),
        S("e4", "email", "wang.xy@126.com", ["wangxy126com", "wangxy@126com"], pg.boxes["e4"], strict=True),
        S("cp", "phone+term", "李娜 18622334455", ["18622334455", "李娜"], pg.boxes["cp"], strict=True),
    ], "encoding/obfuscated e-mails ('#'→@, 艾特, (at)(dot), full-width)",
        "all four e-mail addresses, contact name and mobile", innocent=["招聘启事", "五险一金"])


def c06_sheet_wrapped():
    """Staff list 'printed from Excel' (born-digital PDF, text layer) with narrow columns:
    e-mails and ID numbers wrap inside their cells."""
    from fpdf import FPDF
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.add_font("wqy", "", WQY)
    pdf.set_font("wqy", size=9)
    pdf.add_page()
    pdf.set_font("wqy", size=14)
    pdf.cell(0, 10, "2024年度培训报名汇总表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=9)
    cols = [("序号", 10), ("姓名", 18), ("部门", 22), ("身份证号", 26), ("手机", 28), ("邮箱", 30), ("备注", 40)]
    rows = [
        ("1", "李　娜", "财务处", ID2, "13811223344", "li.na@northwind-corp.com", ""),
        ("2", "王秀英", "办公室", ID3, "15900112233", "wangxiuying1978@163.com", "需住宿"),
        ("3", "刘　洋", "信息中心", "—", "—", "—", "已报名"),
        ("4", "陈志明", "审计处", ID5, "137-6655-8899", "chen.zhiming@audit.gov.cn", ""),
    ]
    for name, w in cols:
        pdf.cell(w, 8, name, border=1, align="C")
    pdf.ln()
    for r in rows:
        y0 = pdf.get_y()
        x = pdf.l_margin
        hmax = 8
        for (cn, w), val in zip(cols, r):
            pdf.set_xy(x, y0)
            pdf.multi_cell(w, 5, val, border=0, wrapmode="CHAR")
            hmax = max(hmax, pdf.get_y() - y0)
            x += w
        x = pdf.l_margin
        for cn, w in cols:
            pdf.rect(x, y0, w, hmax)
            x += w
        pdf.set_xy(pdf.l_margin, y0 + hmax)
    pdf.ln(6)
    pdf.cell(0, 6, "制表：办公室　　审核：陈志明　　2024年4月", new_x="LMARGIN", new_y="NEXT")
    p = CASES / "c06_sheet_wrapped.pdf"
    pdf.output(str(p))
    register("c06_sheet_wrapped", p, "chi_sim+eng", T, [
        S("n1", "term", "李娜", ["李娜"]), S("n2", "term", "王秀英", ["王秀英"]), S("n3", "term", "陈志明", ["陈志明"]),
        S("id2", "cn_id", ID2, [ID2]), S("id3", "cn_id", ID3, [ID3]), S("id5", "cn_id", ID5, [ID5]),
        S("p1", "phone", "13811223344", ["13811223344"]), S("p2", "phone", "15900112233", ["15900112233"]),
        S("p3", "phone", "13766558899", ["13766558899"]),
        S("m1", "email", "li.na@northwind-corp.com", ["linanorthwindcorpcom", "lina@northwind"]),
        S("m2", "email", "wangxiuying1978@163.com", ["wangxiuying1978163com", "wangxiuying1978"]),
        S("m3", "email", "chen.zhiming@audit.gov.cn", ["chenzhimingauditgovcn", "chenzhiming@"]),
    ], "layout/table: born-digital PDF, narrow cells wrap IDs and e-mails mid-string; names padded with U+3000",
        "3 names, 3 ID numbers, 3 mobiles, 3 e-mails", innocent=["培训报名汇总表", "信息中心", "刘洋"])


def comb(pg, x, y, s, box=56, secret=None, size=40):
    x0 = x
    for ch in s:
        pg.rect((x, y, x + box, y + box + 8), width=2)
        if ch != " ":
            pg.text((x + box / 2, y + box / 2 + 4), ch, size=size, anchor="mm", f=font("mono", size))
        x += box
    if secret:
        pg.mark(secret, (x0, y, x, y + box + 8))


def c07_form_split():
    pg = Page()
    pg.text((250, 200), "APPLICATION FOR A RESIDENCE CARD — PART A: APPLICANT", size=46, f=font("sansb", 46))
    pg.text((250, 280), "Use BLOCK CAPITALS and black ink. One character per box.", size=32)
    labels = [("1.1 Family name (surname)", "WHITFIELD", "sur"), ("1.2 Given name(s)", "ELEANOR MARY", "given"),
              ("1.3 Date of birth (DD MM YYYY)", "14 03 1979", None), ("1.4 Telephone", "020 7946 0958", "tel"),
              ("1.5 Mobile", "07700 900 461", "mob")]
    y = 400
    for lab, val, sid in labels:
        pg.text((250, y), lab, size=34)
        comb(pg, 250, y + 50, val.ljust(20), secret=sid)
        y += 190
    pg.text((250, y), "1.6 E-mail address", size=34)
    pg.rect((250, y + 50, 2230, y + 130))
    pg.text((270, y + 65), "eleanor.m.whitfield@northwind.co.uk", size=42, f=font("serifi", 42), secret="mail")
    y += 200
    pg.text((250, y), "1.7 Sponsor's name", size=34)
    pg.rect((250, y + 50, 2230, y + 130))
    pg.text((270, y + 65), "Holloway, M. (Mrs)", size=42, secret="sponsor")
    y += 220
    for i, s in enumerate(["Single", "Married", "Civil partnership", "Other"]):
        pg.rect((250 + i * 480, y, 290 + i * 480, y + 40))
        pg.text((305 + i * 480, y), s, size=32)
    pg.line((255, y + 5), (285, y + 35), width=4)
    img = rotate(paper(pg.img), 0.6)
    p = save_png(noise(img, 3), "c07_form_split.png")
    register("c07_form_split", p, "eng", T, [
        S("sur", "term(name split)", "WHITFIELD", ["whitfield"], pg.boxes["sur"], strict=False),
        S("given", "term(name split)", "ELEANOR", ["eleanor"], pg.boxes["given"], strict=False),
        S("tel", "phone", "020 7946 0958", ["02079460958"], pg.boxes["tel"]),
        S("mob", "phone", "07700 900461", ["07700900461"], pg.boxes["mob"]),
        S("mail", "email", "eleanor.m.whitfield@northwind.co.uk", ["eleanormwhitfield", "whitfieldnorthwind"], pg.boxes["mail"]),
        S("sponsor", "term(name form)", "Holloway, M.", ["holloway"], pg.boxes["sponsor"], strict=True),
    ], "layout/form: comb boxes, surname and given name in separate fields; 'Holloway, M.'",
        "surname, given names, phone, mobile, e-mail, sponsor name", innocent=["APPLICATION", "Married"])


def c08_smallcaps():
    pg = Page()
    # small-caps 'Confidential' header: first letter 44px, rest small caps 34px
    x, y = 250, 180
    pg.text((x, y), "C", size=48, f=font("serifb", 48))
    bb = pg.text((x + 36, y + 10), "ONFIDENTIAL", size=37, f=font("serifb", 37))
    pg.mark("m1", (250, 180, bb[2], bb[3]))
    pg.text((1500, 190), "Ref: NW/PR/2024/117", size=34)
    pg.paragraph(250, 360, [
        "Dear Mr Adeyemi,",
        "",
        "Further to our meeting of 4 March, I enclose the revised schedule for the",
        "Harbour Road refurbishment. The figures remain subject to contract and",
        "should not be shared outside the steering group.",
        "",
        "The tender panel will meet again on 22 March. Please address any",
        "questions to my office rather than to individual panel members.",
        "",
        "Yours sincerely,",
    ], size=40, f=font("serif", 40))
    pg.text((250, 1400), "Priya Raman", size=56, f=font("serifi", 56), secret="sig")
    pg.text((250, 1480), "Director of Estates", size=40, f=font("serif", 40))
    # Small caps marking in the middle of the page, set as a centred block (not header band)
    x = 900
    pg.text((x, 1750), "S", size=60, f=font("sansb", 60))
    bb = pg.text((x + 44, 1762), "ECRET  ·  ", size=46, f=font("sansb", 46))
    bb2 = pg.text((bb[2], 1762), "UK EYES ONLY", size=46, f=font("sansb", 46))
    pg.mark("m2", (x, 1750, bb2[2], bb2[3]))
    # footer in spaced letters
    pg.text((700, 3300), "C O N F I D E N T I A L", size=36, f=font("sans", 36), secret="m3")
    p = save_png(noise(paper(pg.img), 2), "c08_smallcaps_marking.png")
    register("c08_smallcaps_marking", p, "eng", T, [
        S("m1", "marking", "CONFIDENTIAL (small caps header)", ["confidential"], pg.boxes["m1"]),
        S("m2", "marking", "SECRET · UK EYES ONLY (small caps)", ["secret"], pg.boxes["m2"]),
        S("m3", "marking", "C O N F I D E N T I A L (footer, spaced)", ["confidential"], pg.boxes["m3"]),
        S("sig", "term", "Priya Raman", ["priyaraman"], pg.boxes["sig"]),
    ], "markings/typography: small caps, letter-spaced capitals",
        "three markings, signature name", innocent=["Harbour Road", "Director of Estates"])


def c09_qr_gbk_card():
    """Chinese business card; the QR holds a MECARD in GBK bytes (no ECI), as many Chinese
    generators write it."""
    W, H = 1063, 638  # 90x54 mm at 300 dpi
    pg = Page(W, H, bg=(250, 250, 246))
    pg.d.rectangle((0, 0, W, 70), fill=(180, 20, 30))
    pg.text((40, 110), "欧阳建国", size=64, secret="name")
    pg.text((40, 200), "鲲鹏计划 项目总监", size=34, secret="proj")
    pg.text((40, 300), "华东工程咨询有限公司", size=30)
    pg.text((40, 360), "地址：上海市徐汇区漕溪北路88号", size=26)
    pg.text((40, 400), "电话：021-6234 5678", size=26, secret="tel")
    payload = "MECARD:N:欧阳建国;ORG:华东工程咨询 鲲鹏计划;NOTE:总监;;".encode("gbk")
    qr = qr_image(payload, scale=7)
    pg.img.paste(qr, (W - qr.width - 30, H - qr.height - 30))
    qbox = [W - qr.width - 30, H - qr.height - 30, W - 30, H - 30]
    canvas = Page(2480, 1600, bg=(255, 255, 255))
    canvas.img.paste(pg.img, (300, 300))
    canvas.rect((300, 300, 300 + W, 300 + H), outline=(200, 200, 200), width=1)
    off = lambda b: [b[0] + 300, b[1] + 300, b[2] + 300, b[3] + 300]
    p = save_png(noise(canvas.img, 2), "c09_qr_gbk_card.png")
    register("c09_qr_gbk_card", p, "chi_sim+eng", T, [
        S("name", "term", "欧阳建国", ["欧阳建国"], [off(b) for b in pg.boxes["name"]]),
        S("proj", "term", "鲲鹏计划", ["鲲鹏计划"], [off(b) for b in pg.boxes["proj"]]),
        S("tel", "phone", "021-6234 5678", ["02162345678"], [off(b) for b in pg.boxes["tel"]]),
        S("qr", "code(GBK payload: name + project)", "MECARD N:欧阳建国 / 鲲鹏计划", ["欧阳建国", "鲲鹏计划"], [off(qbox)], strict=True),
    ], "encoding/QR holding GBK bytes without ECI (zxing decodes as Latin-1 mojibake)",
        "name, code name, phone, and the QR (payload names the person and project)")


def c10_qr_tiny_blue():
    pg = Page()
    pg.text((600, 250), "2024 行业年会 参会凭证", size=70)
    pg.paragraph(250, 450, ["时间：2024年6月18日 9:00", "地点：国际会议中心三层B厅",
                             "请凭本页二维码签到入场，二维码含实名信息，请勿转发。"], size=46, lead=1.8)
    qr = qr_image(f"{ID4}", scale=3)
    a = np.asarray(qr).astype(np.float32)
    col = np.array([70, 140, 215], np.float32)
    a = np.where(a < 128, col, 255.0)
    qr = Image.fromarray(a.astype(np.uint8))
    pg.img.paste(qr, (1900, 420))
    qb = [1900, 420, 1900 + qr.width, 420 + qr.height]
    pg.text((250, 900), "参会人：（已实名）", size=46)
    img = jpeg(pg.img.filter(ImageFilter.GaussianBlur(0.8)), 45)
    p = save_jpg(img, "c10_qr_tiny_blue.jpg", q=70)
    register("c10_qr_tiny_blue", p, "chi_sim+eng", T, [
        S("qr", "code(ID number)", ID4, [ID4], [qb]),
    ], "encoding/QR: tiny (3 px modules), light blue ink, JPEG-softened, payload = bare ID number",
        "the QR code holding the ID number")


def guilloche(w, h, seed=5):
    im = Image.new("RGB", (w, h), (236, 240, 236))
    d = ImageDraw.Draw(im)
    for k in range(40):
        pts = [(x, h / 2 + (h / 2.2) * math.sin(x / (30 + k) + k) * math.cos(x / 97.0 + k * 0.3)) for x in range(0, w, 4)]
        d.line(pts, fill=(200, 214, 205), width=1)
    return im


def c11_idcard_copy():
    W, H = 1011, 638
    card = guilloche(W, H)
    d = ImageDraw.Draw(card)
    cp = Page(W, H)
    cp.img = card
    cp.d = d
    f = font("zh", 34)
    cp.text((60, 60), "姓  名", size=30, fill=(60, 90, 150))
    cp.text((190, 56), "王秀英", size=38, secret="name")
    cp.text((60, 130), "性  别", size=30, fill=(60, 90, 150)); cp.text((190, 128), "女", size=34)
    cp.text((330, 130), "民  族", size=30, fill=(60, 90, 150)); cp.text((460, 128), "汉", size=34)
    cp.text((60, 200), "出  生", size=30, fill=(60, 90, 150)); cp.text((190, 198), "1978  年 11 月 4 日", size=34)
    cp.text((60, 270), "住  址", size=30, fill=(60, 90, 150))
    cp.text((190, 268), "江苏省南京市鼓楼区中山北路", size=32)
    cp.text((190, 318), "一百二十号3幢502室", size=32)
    cp.text((60, 520), "公民身份号码", size=30, fill=(60, 90, 150))
    cp.text((300, 516), ID3, size=42, f=font("monob", 42), spacing=4, secret="id")
    cp.d.rectangle((700, 60, 960, 390), fill=(205, 205, 205))
    # place on A4 photocopy, with overlay text across number
    pg = Page()
    pg.img.paste(card, (700, 500))
    pg.rect((700, 500, 700 + W, 500 + H), width=2)
    back = guilloche(W, H, seed=9)
    bd = ImageDraw.Draw(back)
    bd.text((300, 60), "中华人民共和国", font=font("zh", 52), fill=(40, 40, 40))
    bd.text((340, 150), "居民身份证", font=font("zh", 62), fill=(40, 40, 40))
    bd.text((80, 460), "签发机关  南京市公安局鼓楼分局", font=font("zh", 30), fill=(40, 40, 40))
    bd.text((80, 530), "有效期限  2016.08.20-2036.08.20", font=font("zh", 30), fill=(40, 40, 40))
    pg.img.paste(back, (700, 1350))
    pg.rect((700, 1350, 700 + W, 1350 + H), width=2)
    off = lambda b: [b[0] + 700, b[1] + 500, b[2] + 700, b[3] + 500]
    # handwritten-ish overlay across both sides, as people do on ID copies
    ov = text_patch("仅供办理社保卡使用 他用无效", 64, fill=(20, 20, 140, 235))
    paste_rot(pg.img, ov, (1200, 1000), 28)
    ov2 = text_patch("仅供办理社保卡使用 他用无效", 64, fill=(20, 20, 140, 235))
    paste_rot(pg.img, ov2, (1200, 1700), 28)
    g = pg.img.convert("L")
    g = ImageOps.autocontrast(g, cutoff=1)
    img = noise(g.convert("RGB"), 5)
    p = save_png(img, "c11_idcard_copy.png")
    register("c11_idcard_copy", p, "chi_sim+eng", T, [
        S("name", "term", "王秀英", ["王秀英"], [off(b) for b in cp.boxes["name"]]),
        S("id", "cn_id", ID3, [ID3], [off(b) for b in cp.boxes["id"]]),
    ], "layout/ID card photocopy: guilloche, tracked OCR-B-like digits, '仅供…使用' overlay across the card",
        "name and ID number on the card copy", innocent=["居民身份证", "仅供办理社保卡使用"])


def c12_vertical():
    W, H = 2480, 3508
    pg = Page(W, H, bg=(252, 248, 238))
    size = 72
    cols = [
        ("机密", "mark"),
        ("欧阳建国先生台鉴：", "name"),
        ("　　兹定于五月二十日在本会议厅召开理事会，", None),
        ("　　敬请拨冗出席。如有不便，", None),
        ("　　请致电一三八一一二二三三四四告知。", "phone"),
        ("　　联络人李娜。", "name2"),
        ("　　此致", None),
        ("敬礼", None),
        ("　　　　　　　　理事会秘书处　谨启", None),
    ]
    x = W - 300
    for s, sid in cols:
        pg.vtext((x, 250), s, size=size, secret=sid, gap=8)
        x -= 200
    p = save_png(noise(pg.img, 2), "c12_vertical_letter.png")
    register("c12_vertical_letter", p, "chi_sim+eng", T, [
        S("mark", "marking", "机密", ["机密"], pg.boxes["mark"]),
        S("name", "term", "欧阳建国", ["欧阳建国"], pg.boxes["name"]),
        S("phone", "phone(Chinese numerals)", "13811223344", ["13811223344"], pg.boxes["phone"], strict=False),
        S("name2", "term", "李娜", ["李娜"], pg.boxes["name2"]),
    ], "layout/vertical CJK (竖排) letter, phone in Chinese numerals, marking alone at the head column",
        "marking, two names, the phone", innocent=["理事会秘书处"])


def c13_mixed_pdf():
    """3 pages: born-digital report with microprint footer; scanned page; landscape table scanned sideways."""
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("dv", "", DEJAVU + "DejaVuSans.ttf")
    pdf.add_font("dvb", "", DEJAVU + "DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("dvb", size=16)
    pdf.cell(0, 12, "Quarterly Estates Review - Q1 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", size=11)
    for ln in ["Occupancy across the portfolio rose to 91 percent in the quarter.",
               "Maintenance spend was 4 percent under budget, largely due to deferred roof works.",
               "Project Kestrel (the Harbour Road redevelopment) remains on programme.",
               "Energy use fell by 7 percent after the LED retrofit at three sites."]:
        pdf.multi_cell(0, 7, ln, new_x="LMARGIN", new_y="NEXT")
    # microprint footer 3.5 pt
    pdf.set_y(-14)
    pdf.set_font("dv", size=3.5)
    pdf.cell(0, 3, "Prepared by Priya Raman | direct line +44 20 7946 0123 | priya.raman@northwind.co.uk | file ref NW-EST-24-Q1",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", size=6)
    pdf.cell(0, 3, "Page 1 of 3")
    # page 2: a scanned memo image
    pg = Page(2480, 3508)
    pg.text((1000, 150), "CONFIDENTIAL", size=60, f=font("sansb", 60), secret="mark2")
    pg.paragraph(250, 400, ["MEMO", "To: Estates Committee", "From: Thomas Brennan, Head of Facilities",
                            "Re: Harbour Road access", "",
                            "The contractor will need 24-hour access from 3 June.",
                            "Out of hours, call me on 07911 123456."], size=44)
    pg.mark("brennan", (250 + 150, 400 + 2 * 70, 250 + 700, 400 + 2 * 70 + 52))
    pg.mark("mob", (250, 400 + 6 * 70, 1600, 400 + 6 * 70 + 52))
    scan = jpeg(rotate(noise(paper(pg.img), 4), -0.8), 55)
    scan_path = "/tmp/rt_c13_p2.jpg"
    scan.save(scan_path, quality=60)
    pdf.add_page()
    pdf.image(scan_path, x=0, y=0, w=210, h=297)
    # page 3: landscape table rotated 90 degrees on portrait scan
    t = Page(3508, 2480)
    t.text((200, 150), "Key holders - Harbour Road", size=60, f=font("sansb", 60))
    rows = [("Name", "Role", "Mobile"), ("Margaret Holloway", "Site manager", "07700 900 782"),
            ("Thomas Brennan", "Facilities", "07911 123456"), ("Night security desk", "Security", "020 7946 0500")]
    y = 350
    for r in rows:
        for i, c in enumerate(r):
            t.text((200 + i * 1100, y), c, size=52, secret=("p3_" + c if r is not rows[0] and i != 1 else None))
        y += 140
    rot = t.img.rotate(90, expand=True)
    rot = noise(rot, 3)
    rp = "/tmp/rt_c13_p3.png"
    rot.save(rp)
    pdf.add_page()
    pdf.image(rp, x=0, y=0, w=210, h=297)
    p = CASES / "c13_mixed_pdf.pdf"
    pdf.output(str(p))
    register("c13_mixed_pdf", p, "eng", T, [
        S("p1name", "term", "Priya Raman (3.5 pt footer, text layer)", ["priyaraman"], page=1),
        S("p1tel", "phone", "+44 20 7946 0123", ["442079460123", "2079460123"], page=1),
        S("p1mail", "email", "priya.raman@northwind.co.uk", ["priyaramannorthwind"], page=1),
        S("p1proj", "term", "Project Kestrel", ["projectkestrel"], page=1),
        S("p2mark", "marking", "CONFIDENTIAL", ["confidential"], page=2),
        S("p2name", "term", "Thomas Brennan", ["thomasbrennan"], page=2),
        S("p2mob", "phone", "07911 123456", ["07911123456"], page=2),
        S("p3name1", "term", "Margaret Holloway", ["margaretholloway"], page=3),
        S("p3name2", "term", "Thomas Brennan", ["thomasbrennan"], page=3),
        S("p3mob", "phone", "07700 900782", ["07700900782"], page=3),
        S("p3tel", "phone", "020 7946 0500", ["02079460500"], page=3),
    ], "multi-page/mixed: text-layer page with 3.5 pt microprint footer, JPEG scan, landscape table scanned sideways",
        "all names, phones, e-mail, code name and marking on the three pages")


def c14_halftone():
    W, H = 2480, 1800
    pg = Page(W, H)
    pg.text((250, 150), "COMMUNITY NEWSLETTER — SPRING", size=64, f=font("serifb", 64))
    pg.paragraph(250, 320, ["The allotment society thanks everyone who helped at the plant sale.",
                            "Next work day: Saturday 13 April, 10am at the Mill Lane gate."], size=42, f=font("serif", 42))
    # grey box, printed in a coarse dot screen, with grey text
    g = np.full((H, W), 255, np.uint8)
    gi = Image.fromarray(g)
    gd = ImageDraw.Draw(gi)
    gd.rectangle((230, 600, 2250, 1300), fill=215)
    gd.text((280, 660), "Lost property? Contact the secretary:", font=font("sansb", 66), fill=90)
    gd.text((280, 800), "Thomas Brennan", font=font("sansb", 80), fill=90)
    gd.text((280, 950), "020 7946 0958", font=font("sansb", 80), fill=90)
    gd.text((280, 1100), "tbrennan@millane-allotments.org.uk", font=font("sansb", 66), fill=90)
    ht = halftone(np.asarray(gi), cell=11, angle=45)
    base = np.asarray(pg.img.convert("L"))
    mask = np.asarray(gi) < 255
    out = np.where(mask, ht, base)
    img = Image.fromarray(out).convert("RGB")
    img = noise(img.filter(ImageFilter.GaussianBlur(0.6)), 3)
    p = save_png(img, "c14_halftone_coarse.png")
    register("c14_halftone_coarse", p, "eng", T, [
        S("name", "term", "Thomas Brennan", ["thomasbrennan"], [[280, 800, 1000, 900]]),
        S("tel", "phone", "020 7946 0958", ["02079460958"], [[280, 950, 1000, 1050]]),
        S("mail", "email", "tbrennan@millane-allotments.org.uk", ["tbrennanmillane", "millaneallotments"], [[280, 1100, 2200, 1180]]),
    ], "print-scan/coarse AM halftone (11 px cell, 45°) grey text on a grey tint box",
        "name, phone, e-mail in the halftoned box", innocent=["COMMUNITY NEWSLETTER", "allotment society"])


def c15_fax():
    """Standard-resolution fax: 204 x 98 dpi, 1-bit, TIFF G3."""
    pg = Page(1728 * 2, 2200 * 2)  # draw at high res then squash
    s = 2
    pg.text((100 * s, 60 * s), "FAX  ·  NORTHWIND ESTATES LTD      p.1/1", size=28 * s, f=font("mono", 28 * s))
    y = 200 * s
    for lab, val, sid in [("TO:", "Margaret Holloway, Harbour Rd site", "to"),
                          ("FROM:", "Thomas Brennan", "from"),
                          ("TEL:", "+44 20 7946 0958", "tel"),
                          ("DATE:", "12 Mar 2024", None)]:
        pg.text((100 * s, y), lab, size=30 * s, f=font("monob", 30 * s))
        pg.text((330 * s, y), val, size=30 * s, f=font("mono", 30 * s), secret=sid)
        y += 60 * s
    pg.text((100 * s, y + 40 * s), "RESTRICTED - DO NOT DISTRIBUTE", size=34 * s, f=font("monob", 34 * s), secret="mark")
    pg.paragraph(100 * s, y + 160 * s, ["Access keys for the site office are now with the",
                                          "night desk. Please sign for them on arrival."], size=30 * s, f=font("mono", 30 * s))
    big = pg.img.convert("L")
    # real fax: 1728 px wide, 98 lines/inch vertical (half of the horizontal density)
    fax = big.resize((1728, 1100), Image.BILINEAR)
    fax = fax.point(lambda v: 255 if v > 150 else 0).convert("1")
    p = CASES / "c15_fax_204x98.tif"
    fax.save(p, compression="group3", dpi=(204, 98))
    f = (1728 / big.width, 1100 / big.height)
    bx = {k: [[int(b[0] * f[0]), int(b[1] * f[1]), int(b[2] * f[0]), int(b[3] * f[1])] for b in v] for k, v in pg.boxes.items()}
    register("c15_fax_204x98", p, "eng", T, [
        S("to", "term", "Margaret Holloway", ["margaretholloway"], bx["to"]),
        S("from", "term", "Thomas Brennan", ["thomasbrennan"], bx["from"]),
        S("tel", "phone", "+44 20 7946 0958", ["442079460958", "2079460958"], bx["tel"]),
        S("mark", "marking", "RESTRICTED", ["restricted"], bx["mark"]),
    ], "print-scan/1-bit G3 fax at 204x98 dpi (non-square pixels: text squashed 2:1 in the pixels)",
        "both names, phone, marking", notes="boxes in stored-pixel coordinates (1728x1100)")


def c16_chat():
    W, H = 1080, 2340
    pg = Page(W, H, bg=(237, 237, 237))
    pg.d.rectangle((0, 0, W, 200), fill=(237, 237, 237))
    pg.text((40, 60), "9:41", size=34, f=font("sansb", 34))
    pg.text((W / 2, 140), "李娜", size=44, anchor="mm", secret="hdr")
    pg.line((0, 200), (W, 200), fill=(210, 210, 210))
    y = 260

    def bubble(text, me, y, size=40):
        f = auto_font(text, size)
        tw = f.getlength(text)
        bw = tw + 60
        x0 = W - 170 - bw if me else 170
        pg.d.rounded_rectangle((x0, y, x0 + bw, y + 100), 14, fill=(149, 236, 105) if me else (255, 255, 255))
        pg.d.rectangle((W - 140 if me else 40, y, W - 40 if me else 140, y + 100), fill=(120, 150, 200) if me else (200, 160, 120))
        pg.text((x0 + 30, y + 28), text, size=size, f=f)
        return (x0, y, x0 + bw, y + 100)

    msgs = [("娜姐，报销单上要填你的身份证", True, None), ("前面是 440304 1990", False, "id_a"),
            ("后面 0315 2312", False, "id_b"), ("手机呢？", True, None),
            ("１５９　００１１　２２３３", False, "ph"), ("邮箱 lina_work＠qq．com", False, "mail"),
            ("收到，谢谢", True, None), ("对了，鲲鹏计划的材料周五前给我", False, "proj")]
    for t, me, sid in msgs:
        bb = bubble(t, me, y)
        if sid:
            pg.mark(sid, bb)
        y += 160
    p = save_png(pg.img, "c16_chat_screenshot.png", dpi=160)
    register("c16_chat_screenshot", p, "chi_sim+eng", T, [
        S("hdr", "term", "李娜", ["李娜"], pg.boxes["hdr"]),
        S("id", "cn_id(split over two bubbles)", ID2, [ID2], pg.boxes["id_a"] + pg.boxes["id_b"], strict=False,
          partial=["4403041990", "03152312"]),
        S("ph", "phone(full-width)", "15900112233", ["15900112233"], pg.boxes["ph"]),
        S("mail", "email(full-width)", "lina_work@qq.com", ["linaworkqqcom", "lina_work"], pg.boxes["mail"]),
        S("proj", "term", "鲲鹏计划", ["鲲鹏计划"], pg.boxes["proj"]),
    ], "layout/screenshot: chat bubbles, ID split over two messages, full-width phone and e-mail",
        "name, both halves of the ID, phone, e-mail, code name", innocent=["收到，谢谢", "手机呢"])


def c17_red_header():
    pg = Page()
    pg.text((250, 330), "000123", size=44, f=font("mono", 44))
    pg.text((250, 400), "机密★一年", size=48, f=font("zh", 48), secret="mark")
    pg.text((250, 470), "特 急", size=48)
    pg.text((1240, 620), "××市财政局文件", size=120, fill=(210, 20, 20), anchor="mm")
    pg.text((1240, 780), "×财发〔2024〕17号", size=44, anchor="mm")
    pg.line((200, 850), (2280, 850), fill=(210, 20, 20), width=6)
    pg.text((1240, 960), "关于鲲鹏计划专项资金拨付的通知", size=64, anchor="mm", secret="proj")
    pg.paragraph(250, 1080, ["各区财政局：", "    经研究，现将专项资金拨付事项通知如下。",
                             "    一、资金用途须严格按照批复执行，不得挪作他用。",
                             "    二、各单位应完善内部控制制度，保守商业秘密。",
                             "    三、联系人：李娜，电话 0571-8765 4321。"], size=48, lead=1.9)
    pg.mark("name", (250 + 4 * 48 + 190, 1080 + 4 * 91, 250 + 4 * 48 + 340, 1080 + 4 * 91 + 56))
    pg.mark("tel", (900, 1080 + 4 * 91, 1500, 1080 + 4 * 91 + 56))
    pg.text((1500, 2000), "××市财政局", size=48)
    pg.text((1450, 2080), "2024年5月20日", size=48)
    # red seal over the date/issuer
    seal = Image.new("RGBA", (440, 440), (0, 0, 0, 0))
    sd = ImageDraw.Draw(seal)
    sd.ellipse((10, 10, 430, 430), outline=(220, 30, 30, 200), width=12)
    sd.text((220, 220), "★", font=font("zh", 110), fill=(220, 30, 30, 200), anchor="mm")
    for i, ch in enumerate("××市财政局"):
        a = math.radians(200 + i * 28)
        sd.text((220 + 160 * math.cos(a), 220 + 160 * math.sin(a)), ch, font=font("zh", 52), fill=(220, 30, 30, 200), anchor="mm")
    pg.img.paste(seal, (1420, 1850), seal)
    p = save_png(noise(paper(pg.img), 3), "c17_red_header_notice.png")
    register("c17_red_header_notice", p, "chi_sim+eng", T, [
        S("mark", "marking", "机密★一年", ["机密"], pg.boxes["mark"]),
        S("proj", "term", "鲲鹏计划", ["鲲鹏计划"], pg.boxes["proj"]),
        S("name", "term", "李娜", ["李娜"], pg.boxes["name"]),
        S("tel", "phone", "0571-8765 4321", ["057187654321"], pg.boxes["tel"]),
    ], "markings/red-header document: 机密★一年 (period in Chinese numerals), seal, innocent 内部控制/商业秘密",
        "marking, code name, contact name and phone", innocent=["内部控制", "保守商业秘密", "××市财政局文件"])


def c18_stamp_over_id():
    pg = Page()
    pg.text((1240, 300), "收 入 证 明", size=90, anchor="mm")
    lines = ["兹证明张伟同志（身份证号：110105 19850712 4520）系我单位正式职工，",
             "自2019年3月起在我单位财务处工作，现任副处长，",
             "近十二个月平均月收入为人民币壹万贰仟元整（¥12,000.00）。",
             "特此证明。本证明仅用于办理个人住房贷款。"]
    y = 500
    for ln in lines:
        pg.text((220, y), ln, size=50)
        y += 100
    pg.mark("name", (220 + 3 * 50, 500, 220 + 5 * 50, 560))
    pg.mark("id", (220 + 11 * 50, 500, 2300, 560))
    pg.text((1500, 1100), "单位（盖章）", size=50)
    pg.text((1480, 1190), "2024年4月2日", size=50)
    seal = Image.new("RGBA", (480, 480), (0, 0, 0, 0))
    sd = ImageDraw.Draw(seal)
    sd.ellipse((10, 10, 470, 470), outline=(225, 40, 40, 170), width=14)
    sd.text((240, 240), "★", font=font("zh", 120), fill=(225, 40, 40, 170), anchor="mm")
    sd.text((240, 360), "财务专用章", font=font("zh", 48), fill=(225, 40, 40, 170), anchor="mm")
    for i, ch in enumerate("城南物流有限公司"):
        a = math.radians(190 + i * 23)
        sd.text((240 + 180 * math.cos(a), 240 + 180 * math.sin(a)), ch, font=font("zh", 54), fill=(225, 40, 40, 170), anchor="mm")
    pg.img.paste(seal, (1500, 330), seal)
    img = jpeg(noise(paper(pg.img), 3), 60)
    p = save_jpg(img, "c18_stamp_over_id.jpg", q=80)
    register("c18_stamp_over_id", p, "chi_sim+eng", T, [
        S("name", "term", "张伟", ["张伟"], pg.boxes["name"]),
        S("id", "cn_id", ID1, [ID1], pg.boxes["id"]),
    ], "colour/red seal printed across the ID number (JPEG)", "name and ID number",
        innocent=["收入证明", "城南物流有限公司"])


def c19_watermark(opacity=0.035, cid="c19_tiled_watermark_faint"):
    """Internal web system screenshot with a tiled, near-invisible user watermark (name + mobile)."""
    W, H = 1920, 1080
    pg = Page(W, H, bg=(255, 255, 255))
    pg.d.rectangle((0, 0, W, 64), fill=(32, 86, 160))
    pg.text((24, 14), "协同办公平台 · 合同管理", size=30, fill=(255, 255, 255))
    pg.d.rectangle((0, 64, 220, H), fill=(244, 246, 250))
    for i, s in enumerate(["首页", "合同台账", "审批中心", "统计报表", "系统设置"]):
        pg.text((40, 110 + i * 60), s, size=26)
    hdr = ["合同编号", "合同名称", "签约方", "金额（元）", "状态"]
    rows = [["HT-2024-0031", "办公楼保洁服务", "城南物业", "186,000.00", "履行中"],
            ["HT-2024-0032", "信息系统运维", "华东软件", "420,000.00", "审批中"],
            ["HT-2024-0033", "车辆租赁", "顺达汽车", "96,500.00", "已完成"],
            ["HT-2024-0034", "食堂食材采购", "绿源农业", "1,250,000.00", "履行中"]]
    x0 = 260
    ws = [260, 380, 260, 260, 160]
    y = 120
    pg.d.rectangle((x0, y, x0 + sum(ws), y + 56), fill=(235, 240, 248))
    for r in [hdr] + rows:
        x = x0
        for c, w in zip(r, ws):
            pg.text((x + 14, y + 12), c, size=26)
            x += w
        y += 56
        pg.line((x0, y), (x0 + sum(ws), y), fill=(220, 220, 220), width=1)
    base = pg.img
    wm = Image.new("L", (W, H), 0)
    step_x, step_y = 420, 260
    for yy in range(-200, H + 200, step_y):
        for xx in range(-200, W + 200, step_x):
            tp = text_patch("陈志明 13766558899", 30, fill=(255, 255, 255, 255)).split()[3]
            r = tp.rotate(20, expand=True)
            wm.paste(r, (xx + (yy // step_y % 2) * 200, yy), r)
    a = np.asarray(base).astype(np.float32)
    m = np.asarray(wm).astype(np.float32)[..., None] / 255.0 * opacity
    out = a * (1 - m) + 60 * m
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    p = save_png(img, f"{cid}.png", dpi=96)
    register(cid, p, "chi_sim+eng", T, [
        S("wm_name", "term", "陈志明", ["陈志明"]),
        S("wm_phone", "phone", "13766558899", ["13766558899"]),
    ], f"colour/tiled screen watermark at {opacity*100:.1f}% opacity (user name + mobile, 20°)",
        "every watermark copy of the name and mobile", innocent=["合同管理", "信息系统运维"])


def c21_innocent_report():
    pg = Page()
    pg.text((1240, 260), "2023年度内部控制评价报告", size=72, anchor="mm")
    pg.paragraph(220, 420, [
        "一、内部控制评价工作总体情况",
        "    公司董事会负责内部控制的建立健全和有效实施，本年度未发现重大缺陷。",
        "    评价范围覆盖本部及下属8家子公司，资产总额占比100%。",
        "二、敏感性分析",
        "    利率每上升1个百分点，财务费用增加约235万元（2023年12月31日）。",
        "三、保密工作",
        "    全体员工签署保守商业秘密承诺书，开展保密教育培训3次。",
        "四、其他事项",
        "    订单号 2023112800457312 已结清；合同金额 1,385,600.00 元。",
        "    软件版本 5.1.2.3 已升级；服务热线工作时间 9:00-17:30。",
        "    会议室：A座 1205 室；档案号 2024-03-15-0021。",
    ], size=46, lead=1.9)
    p = save_png(noise(paper(pg.img), 2), "c21_innocent_report.png")
    register("c21_innocent_report", p, "chi_sim+eng", T, [],
             "false-positive control: marking-like words in ordinary use, long order number, version, dates",
             "nothing (a correct redaction changes nothing)",
             innocent=["内部控制评价报告", "敏感性分析", "保守商业秘密", "2023112800457312", "5.1.2.3", "1,385,600.00"])


ALL = {
    "c01": lambda: c01_showthrough(6, "c01_showthrough_faint"),
    "c01b": lambda: c01_showthrough(16, "c01b_showthrough_typical", blur=1.2),
    "c02": c02_faded_receipt, "c03": c03_numerals_transcript, "c05": c05_email_hash,
    "c06": c06_sheet_wrapped, "c07": c07_form_split, "c08": c08_smallcaps, "c09": c09_qr_gbk_card,
    "c10": c10_qr_tiny_blue, "c11": c11_idcard_copy, "c12": c12_vertical, "c13": c13_mixed_pdf,
    "c14": c14_halftone, "c15": c15_fax, "c16": c16_chat, "c17": c17_red_header, "c18": c18_stamp_over_id,
    "c19": lambda: c19_watermark(0.035, "c19_tiled_watermark_faint"),
    "c20": lambda: c19_watermark(0.09, "c20_tiled_watermark_visible"),
    "c21": c21_innocent_report,
}

if __name__ == "__main__":
    keys = sys.argv[1:] or list(ALL)
    for k in keys:
        ALL[k]()
        print("made", k)
