"""Batch 2 red-team cases (c22..). Run: python gen/batch2.py [keys...]"""
import base64
import json as _json
import math
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from common import *  # noqa
from batch1 import ID1, ID2, ID3, ID4, ID5, T, comb, guilloche  # noqa

EN = lambda n: font(n, 1)  # noqa


def c22_boarding_pass():
    W, H = 2480, 1100
    pg = Page(W, H, bg=(255, 255, 255))
    pg.d.rectangle((0, 0, W, 140), fill=(20, 40, 110))
    pg.text((60, 40), "BOARDING PASS  ·  NORTHSEA AIRWAYS", size=56, fill=(255, 255, 255), f=font("sansb", 56))
    pg.text((60, 200), "NAME OF PASSENGER", size=30, fill=(90, 90, 90))
    pg.text((60, 245), "BRENNAN/THOMAS MR", size=60, f=font("monob", 60), secret="name")
    pg.text((60, 360), "FROM  LONDON HEATHROW (LHR)     TO  NEW YORK JFK (JFK)", size=40, f=font("mono", 40))
    pg.text((60, 430), "FLIGHT NS 117   DATE 12MAR   SEAT 23A   GATE B42   BOARDING 09:05", size=40, f=font("mono", 40))
    pg.text((60, 500), "SEQ 0117   PNR QX7T2K   FREQUENT FLYER NS 4471 2290", size=40, f=font("mono", 40))
    bcbp = "M1WHITFIELD/ELEANOR MS EQX7T2K LHRJFKNS 0117 072Y023A0117 100"
    pdf417 = qr_image(bcbp, scale=4, fmt="PDF417")
    pg.img.paste(pdf417, (60, 620))
    box1 = [60, 620, 60 + pdf417.width, 620 + pdf417.height]
    az = qr_image("M1BRENNAN/THOMAS MR EQX7T2K LHRJFKNS 0117 072Y023A0117 100", scale=6, fmt="Aztec")
    pg.img.paste(az, (1900, 560))
    box2 = [1900, 560, 1900 + az.width, 560 + az.height]
    pg.text((1300, 900), "Companion: WHITFIELD/ELEANOR MS  SEAT 23B", size=34, f=font("mono", 34), secret="comp")
    p = save_png(noise(pg.img, 2), "c22_boarding_pass.png")
    register("c22_boarding_pass", p, "eng", T, [
        S("name", "term(name form SURNAME/GIVEN)", "BRENNAN/THOMAS", ["brennanthomas"], pg.boxes["name"], strict=False),
        S("comp", "term(name form SURNAME/GIVEN)", "WHITFIELD/ELEANOR", ["whitfieldeleanor"], pg.boxes["comp"], strict=False),
        S("pdf417", "code(IATA BCBP name)", "M1WHITFIELD/ELEANOR", ["whitfieldeleanor"], [box1], strict=False),
        S("aztec", "code(IATA BCBP name)", "M1BRENNAN/THOMAS", ["brennanthomas"], [box2], strict=False),
    ], "names/airline form SURNAME/GIVEN, printed and in PDF417 + Aztec (IATA BCBP)",
        "both passenger names in print and in both codes", innocent=["BOARDING PASS", "LONDON HEATHROW"])


def c23_passport_mrz():
    pg = Page()
    W, H = 1500, 1050
    card = Image.new("RGB", (W, H), (228, 222, 236))
    cp = Page(W, H)
    cp.img = card
    cp.d = ImageDraw.Draw(card)
    cp.text((60, 40), "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", size=34, f=font("sansb", 34))
    cp.d.rectangle((60, 120, 420, 600), fill=(180, 180, 190))
    x = 480
    rows = [("Type/Type", "P"), ("Surname/Nom", "WHITFIELD"), ("Given names/Prénoms", "ELEANOR MARY"),
            ("Nationality/Nationalité", "BRITISH CITIZEN"), ("Date of birth", "14 MAR /MARS 79"),
            ("Passport No./Passeport No.", "120934765")]
    y = 120
    for lab, val in rows:
        cp.text((x, y), lab, size=24, fill=(70, 70, 90))
        sid = {"WHITFIELD": "sur", "ELEANOR MARY": "given"}.get(val)
        cp.text((x, y + 30), val, size=36, f=font("sansb", 36), secret=sid)
        y += 85
    mrz1 = "P<GBRWHITFIELD<<ELEANOR<MARY<<<<<<<<<<<<<<<<"
    mrz2 = "1209347651GBR7903142F3108259<<<<<<<<<<<<<<04"
    cp.text((50, 860), mrz1, size=44, f=font("mono", 44), secret="mrz")
    cp.text((50, 940), mrz2, size=44, f=font("mono", 44))
    pg.img.paste(card, (490, 400))
    off = lambda b: [b[0] + 490, b[1] + 400, b[2] + 490, b[3] + 400]
    pg.text((490, 1550), "Certified true copy of the original — J. Okoye, solicitor", size=36, f=font("serifi", 36))
    img = noise(ImageOps.autocontrast(pg.img.convert("L"), 1).convert("RGB"), 4)
    img = rotate(img, -1.2)
    p = save_png(img, "c23_passport_mrz.png")
    register("c23_passport_mrz", p, "eng", T, [
        S("sur", "term(split name)", "WHITFIELD", ["whitfield"], [off(b) for b in cp.boxes["sur"]], strict=False),
        S("given", "term(split name)", "ELEANOR MARY", ["eleanormary"], [off(b) for b in cp.boxes["given"]], strict=False),
        S("mrz", "term(MRZ name WHITFIELD<<ELEANOR)", "WHITFIELD<<ELEANOR", ["whitfieldeleanor"], [off(b) for b in cp.boxes["mrz"]], strict=False),
    ], "names/passport copy: surname and given names on separate lines, MRZ with '<' fillers",
        "the holder's name in the visual zone and in the MRZ", innocent=["UNITED KINGDOM", "BRITISH CITIZEN"])


def c24_pinyin_card():
    pg = Page(2480, 1500)
    pg.text((200, 200), "张伟  ZHANG Wei", size=80, secret="zh")
    pg.text((200, 330), "Senior Engineer · Huadong Engineering Consulting", size=44)
    pg.text((200, 420), "Contact: Wei Zhang (Mr.) / Li Na (assistant)", size=44, secret="py")
    pg.text((200, 510), "Signed for the firm: ZHANG WEI", size=44, secret="py2")
    pg.text((200, 640), "Chinese name on file: 陳志明 (CHEN Zhiming), auditor", size=44, secret="trad")
    p = save_png(noise(paper(pg.img), 2), "c24_pinyin_names.png")
    register("c24_pinyin_names", p, "chi_sim+eng", T, [
        S("zh", "term", "张伟", ["张伟"], pg.boxes["zh"]),
        S("py", "term(pinyin form of 张伟/李娜)", "Wei Zhang / Li Na", ["weizhang", "lina"], pg.boxes["py"], strict=False),
        S("py2", "term(pinyin)", "ZHANG WEI", ["zhangwei"], pg.boxes["py2"], strict=False),
        S("trad", "term(traditional 陳志明 + pinyin)", "陳志明", ["陈志明", "chenzhiming"], pg.boxes["trad"], strict=True),
    ], "names/pinyin and traditional forms of listed Chinese names on a bilingual card",
        "every form of the three listed names", innocent=["Senior Engineer"])


def c25_name_forms_en():
    pg = Page()
    pg.text((250, 250), "Minutes — Estates Steering Group, 4 March 2024", size=52, f=font("serifb", 52))
    items = [
        ("Present: Tom Brennan (chair), Maggie Holloway, P. Raman, E. M. Whitfield", "l1"),
        ("Apologies: Raman P. (joined item 3 by phone)", "l2"),
        ("1. Tom reported that the roof tender closes on 22 March.", None),
        ("2. Action: BRENNAN T. to circulate the revised key-holder list.", "l3"),
        ("3. Ms Whitfield noted the Project Kestrel budget is unchanged.", "l4"),
        ("4. Next meeting: 8 April, chaired by Holloway, Margaret.", "l5"),
        ("Minutes taken by E.Whitfield; approved by T.J.Brennan.", "l6"),
    ]
    y = 420
    for s, sid in items:
        pg.text((250, y), s, size=42, f=font("serif", 42), secret=sid)
        y += 100
    p = save_png(noise(paper(pg.img), 2), "c25_name_forms_en.png")
    register("c25_name_forms_en", p, "eng", T, [
        S("tom", "term(nickname)", "Tom Brennan", ["tombrennan"], pg.boxes["l1"], strict=False),
        S("maggie", "term(nickname)", "Maggie Holloway", ["maggieholloway"], pg.boxes["l1"], strict=False),
        S("praman", "term(initial form)", "P. Raman", ["praman"], pg.boxes["l1"], strict=True),
        S("emw", "term(two initials)", "E. M. Whitfield", ["emwhitfield"], pg.boxes["l1"], strict=True),
        S("ramanp", "term(surname initial)", "Raman P.", ["ramanp"], pg.boxes["l2"], strict=False),
        S("brennant", "term(CAPS surname + initial)", "BRENNAN T.", ["brennant"], pg.boxes["l3"], strict=False),
        S("mswhit", "term(honorific)", "Ms Whitfield", ["mswhitfield", "whitfieldnoted"], pg.boxes["l4"], strict=True),
        S("kestrel", "term", "Project Kestrel", ["projectkestrel"], pg.boxes["l4"]),
        S("hollm", "term(comma form)", "Holloway, Margaret", ["hollowaymargaret"], pg.boxes["l5"], strict=True),
        S("ewhit", "term(initial, no space)", "E.Whitfield", ["ewhitfield"], pg.boxes["l6"], strict=True),
        S("tjb", "term(two initials, no space)", "T.J.Brennan", ["tjbrennan"], pg.boxes["l6"], strict=True),
    ], "names/English name forms: nicknames, initials, surname first, honorifics",
        "every mention of the four listed people and the code name", innocent=["Steering Group", "roof tender"])


def c26_cn_titles():
    pg = Page()
    pg.text((1240, 250), "周例会纪要", size=80, anchor="mm")
    lines = [
        ("参会：张处长、李娜、王秀英、小陈（陈志明）", "l1"),
        ("一、张处传达了上级关于鲲鹏计划的最新要求。", "l2"),
        ("二、娜娜负责整理材料，王姐负责联系施工方。", "l3"),
        ("三、张工、李工周三前完成现场勘查。", "l4"),
        ("四、下次会议由欧阳主任召集（欧阳建国请假）。", "l5"),
        ("记录：李　娜　　审核：张 伟", "l6"),
    ]
    y = 420
    for s, sid in lines:
        pg.text((250, y), s, size=50, secret=sid)
        y += 110
    p = save_png(noise(paper(pg.img), 2), "c26_cn_titles.png")
    register("c26_cn_titles", p, "chi_sim+eng", T, [
        S("zcz", "term(surname+title)", "张处长", ["张处长"], pg.boxes["l1"], strict=True),
        S("names1", "term", "李娜/王秀英/陈志明", ["王秀英", "陈志明"], pg.boxes["l1"]),
        S("zc", "term(surname+short title 张处)", "张处", ["张处传达"], pg.boxes["l2"], strict=False),
        S("proj", "term", "鲲鹏计划", ["鲲鹏计划"], pg.boxes["l2"]),
        S("nn", "term(nickname 娜娜/王姐)", "娜娜, 王姐", ["娜娜", "王姐"], pg.boxes["l3"], strict=False),
        S("zg", "term(张工)", "张工", ["张工"], pg.boxes["l4"], strict=False),
        S("oy", "term+title", "欧阳主任 / 欧阳建国", ["欧阳建国", "欧阳主任"], pg.boxes["l5"], strict=True),
        S("sig", "term(spaced)", "李　娜 / 张 伟", ["李娜", "张伟"], pg.boxes["l6"], strict=True),
    ], "names/Chinese forms: surname + title (处长, 处, 工, 主任), nicknames, spaced names",
        "all forms naming the listed people, and the code name", innocent=["周例会纪要", "施工方"])


def c27_local_phones():
    pg = Page(2480, 1700)
    pg.text((200, 150), "Harbour View Property Management (HK) Ltd", size=56, f=font("sansb", 56))
    items = [("☎ 2345 6789   (office, 9am–6pm)", "p1"), ("WhatsApp 9123 4567 for repairs", "p2"),
             ("M  6234 5678  (caretaker, Mr Chan)", "p3"), ("电话：2511 8866", "p4"),
             ("Fax 2511 8867", "p5"), ("After hours: ring 9876 5432", "p6")]
    y = 320
    for s, sid in items:
        pg.text((200, y), s, size=52, f=font("sans", 52) if not is_cjk(s) else None, secret=sid)
        y += 130
    p = save_png(noise(paper(pg.img), 2), "c27_local_phones_hk.png")
    register("c27_local_phones_hk", p, "chi_sim+eng", T, [
        S("p1", "phone(HK, ☎ cue)", "2345 6789", ["23456789"], pg.boxes["p1"], strict=False),
        S("p2", "phone(HK, WhatsApp cue)", "9123 4567", ["91234567"], pg.boxes["p2"], strict=False),
        S("p3", "phone(HK, 'M' cue)", "6234 5678", ["62345678"], pg.boxes["p3"], strict=False),
        S("p4", "phone(HK, 电话 cue)", "2511 8866", ["25118866"], pg.boxes["p4"], strict=True),
        S("p5", "phone(HK, Fax cue)", "2511 8867", ["25118867"], pg.boxes["p5"], strict=True),
        S("p6", "phone(HK, 'ring' cue)", "9876 5432", ["98765432"], pg.boxes["p6"], strict=False),
    ], "encoding/8-digit Hong Kong numbers with everyday cues (☎, WhatsApp, M, ring)",
        "six phone numbers", innocent=["Harbour View Property Management"])


def c28_spoken_numbers():
    pg = Page()
    pg.text((250, 250), "Voicemail transcript — received 12/03/2024 18:42", size=48, f=font("sansb", 48))
    txt = ["\"Hi, it's Thomas Brennan from facilities. The contractor needs",
           "access on Monday. Please call me back on oh seven nine one one,",
           "one two three, four five six — that's my mobile. If I don't pick up,",
           "try the desk on oh two oh, seven nine four six, oh nine five eight.",
           "My e-mail is t dot brennan at northwind dot co dot uk. Thanks.\""]
    y = 420
    for i, s in enumerate(txt):
        pg.text((250, y), s, size=42, f=font("serif", 42), secret=("l%d" % i))
        y += 90
    p = save_png(noise(paper(pg.img), 2), "c28_spoken_numbers.png")
    register("c28_spoken_numbers", p, "eng", T, [
        S("name", "term", "Thomas Brennan", ["thomasbrennan"], pg.boxes["l0"]),
        S("mob", "phone(spelled out)", "07911 123456", ["ohsevenninooneone", "sevennineoneone"], pg.boxes["l1"] + pg.boxes["l2"], strict=False),
        S("desk", "phone(spelled out)", "020 7946 0958", ["ohtwooh", "sevenninefoursix"], pg.boxes["l3"], strict=False),
        S("mail", "email(spelled out 'dot … at')", "t.brennan@northwind.co.uk", ["tdotbrennanatnorthwind"], pg.boxes["l4"], strict=True),
    ], "encoding/numbers and e-mail spoken out in words (voicemail transcript)",
        "name, both numbers, e-mail", innocent=["Voicemail transcript"])


def c29_id_variants():
    pg = Page()
    pg.text((1240, 250), "社会保险参保登记表", size=78, anchor="mm")
    items = [("姓名：王秀英", "n"), ("身份证号：5101 0719 9212 2530 1×", "id4"),
             ("证件号码（港澳居民来往内地通行证）：H01234567", None),
             ("配偶身份证：１１０１０８１９８８０８０８１２３６", "id5"),
             ("紧急联系人证件：44030419900315231２", "id2"),
             ("开户行卡号：6228 4800 1234 5678 903", "card")]
    y = 420
    for s, sid in items:
        pg.text((250, y), s, size=52, secret=sid)
        y += 120
    p = save_png(noise(paper(pg.img), 2), "c29_id_variants.png")
    register("c29_id_variants", p, "chi_sim+eng", T, [
        S("n", "term", "王秀英", ["王秀英"], pg.boxes["n"]),
        S("id4", "cn_id(check char written ×)", ID4, [ID4.lower(), ID4[:17]], pg.boxes["id4"], strict=False),
        S("id5", "cn_id(full-width digits)", ID5, [ID5], pg.boxes["id5"]),
        S("id2", "cn_id(mixed width)", ID2, [ID2], pg.boxes["id2"]),
        S("card", "bank_card", "6228480012345678903", ["6228480012345678903"], pg.boxes["card"]),
    ], "encoding/ID numbers: × for X, full-width and mixed-width digits",
        "name, three ID numbers, bank card", innocent=["社会保险参保登记表", "H01234567"])


def c30_dither_form():
    pg = Page()
    pg.text((1240, 230), "车辆通行证申请表", size=78, anchor="mm")
    rows = [("申请人", "陈志明", "n"), ("联系电话", "137 6655 8899", "p"), ("身份证号", ID5, "id"),
            ("车牌号", "沪A·5K3J8", None), ("工作单位", "审计处", None)]
    y = 400
    for lab, val, sid in rows:
        pg.d.rectangle((250, y, 800, y + 120), fill=(200, 200, 200), outline=(0, 0, 0), width=3)
        pg.d.rectangle((800, y, 2230, y + 120), fill=(235, 235, 235), outline=(0, 0, 0), width=3)
        pg.text((280, y + 32), lab, size=52, fill=(40, 40, 40))
        pg.text((840, y + 32), val, size=52, fill=(95, 95, 95), secret=sid)
        y += 120
    g = pg.img.convert("L").resize((1240, 1754), Image.LANCZOS)  # 150 dpi
    b = g.convert("1")  # Floyd-Steinberg
    p = CASES / "c30_dither_form.png"
    b.save(p, dpi=(150, 150))
    bx = scale_boxes(pg.boxes, 0.5)
    register("c30_dither_form", p, "chi_sim+eng", T, [
        S("n", "term", "陈志明", ["陈志明"], bx["n"]), S("p", "phone", "13766558899", ["13766558899"], bx["p"]),
        S("id", "cn_id", ID5, [ID5], bx["id"]),
    ], "print-scan/1-bit Floyd-Steinberg dither at 150 dpi: grey text on grey cells",
        "name, phone, ID", innocent=["车辆通行证申请表", "审计处"])


def c31_photo_curved():
    pg = Page(2480, 3508, bg=(250, 248, 240))
    pg.text((1240, 300), "租 房 合 同", size=90, anchor="mm")
    lines = ["出租方（甲方）：欧阳建国", "身份证号码：" + ID3[:6] + " " + ID3[6:14] + " " + ID3[14:],
             "联系电话：186 2233 4455", "承租方（乙方）：李娜", "联系电话：138 1122 3344",
             "第一条 房屋坐落于南京市鼓楼区中山北路120号3幢502室。", "第二条 租期自2024年3月1日起至2025年2月28日止。",
             "第三条 月租金人民币叁仟伍佰元整，按季支付。"]
    y = 500
    for i, s in enumerate(lines):
        pg.text((250, y), s, size=58, secret="l%d" % i)
        y += 130
    a = np.asarray(pg.img).astype(np.float32)
    H, W = a.shape[:2]
    # page curvature (book/folded sheet) + perspective + shading
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    dy = 60 * np.sin(np.pi * xx / W) * (1 - yy / H * 0.5)
    mapx = xx + 40 * (yy / H) * ((xx - W / 2) / W)
    mapy = yy - dy
    warped = cv2_remap(a, mapx, mapy)
    shade = 0.55 + 0.45 * (xx / W)
    warped = warped * shade[..., None]
    img = Image.fromarray(np.clip(warped, 0, 255).astype(np.uint8)).resize((1600, 2263), Image.LANCZOS)
    img = jpeg(noise(img, 4), 50)
    p = save_jpg(img, "c31_photo_curved.jpg", q=75, dpi=193)
    register("c31_photo_curved", p, "chi_sim+eng", T, [
        S("n1", "term", "欧阳建国", ["欧阳建国"], page=1), S("id", "cn_id", ID3, [ID3]),
        S("p1", "phone", "18622334455", ["18622334455"]), S("n2", "term", "李娜", ["李娜"]),
        S("p2", "phone", "13811223344", ["13811223344"]),
    ], "print-scan/phone photo of a curved page: warp, perspective, side shadow, JPEG",
        "two names, ID, two phones", innocent=["租房合同", "中山北路"])


def cv2_remap(a, mx, my):
    import cv2
    return cv2.remap(a, mx, my, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(90, 90, 90))


def c32_poster_photo_bg():
    W, H = 2480, 3508
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    base = np.stack([120 + 80 * np.sin(xx / 210) * np.cos(yy / 330), 140 + 70 * np.cos(xx / 170 + 1),
                     110 + 90 * np.sin(yy / 250 + xx / 400)], -1)
    base += rng.normal(0, 18, base.shape)
    img = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3))
    pg = Page(W, H)
    pg.img = img
    pg.d = ImageDraw.Draw(img)
    pg.text((1240, 500), "寻 物 启 事", size=160, fill=(255, 255, 255), anchor="mm")
    for dx, dy in [(3, 3)]:
        pass
    lines = [("本人于5月3日在地铁2号线遗失黑色双肩包一个，", None), ("内有笔记本电脑及身份证（王秀英）。", "n"),
             ("拾到者请联系 159 0011 2233，必有重谢！", "p"), ("或发邮件 wxy_1978@163.com", "m")]
    y = 900
    for s, sid in lines:
        for ox, oy, col in [(4, 4, (30, 30, 30)), (0, 0, (255, 250, 200))]:
            pg.text((220 + ox, y + oy), s, size=80, fill=col, secret=sid if ox == 0 else None)
        y += 170
    p = save_jpg(jpeg(img, 60), "c32_poster_on_photo.jpg", q=80)
    register("c32_poster_on_photo", p, "chi_sim+eng", T, [
        S("n", "term", "王秀英", ["王秀英"], pg.boxes["n"]), S("p", "phone", "15900112233", ["15900112233"], pg.boxes["p"]),
        S("m", "email", "wxy_1978@163.com", ["wxy1978163com", "wxy1978"], pg.boxes["m"]),
    ], "colour/light text with drop shadow over a busy photographic background",
        "name, phone, e-mail", innocent=["寻物启事", "必有重谢"])


def c33_rotated_stamp_marking():
    pg = Page()
    pg.text((1240, 300), "2024年第一季度经营分析报告", size=72, anchor="mm")
    pg.paragraph(250, 480, ["一、主要指标完成情况", "    营业收入同比增长8.2%，利润总额同比增长5.1%。",
                            "二、存在的问题", "    应收账款周转天数上升，部分项目回款滞后。",
                            "三、下一步工作", "    加强预算执行监控，压降两金占用。"], size=48, lead=1.9)
    st = Image.new("RGBA", (560, 200), (0, 0, 0, 0))
    sd = ImageDraw.Draw(st)
    sd.rectangle((8, 8, 552, 192), outline=(210, 30, 30, 220), width=10)
    sd.text((280, 100), "内部资料 注意保存", font=font("zh", 56), fill=(210, 30, 30, 220), anchor="mm")
    bb1 = paste_rot(pg.img, st, (1700, 1500), 23)
    st2 = Image.new("RGBA", (360, 200), (0, 0, 0, 0))
    sd2 = ImageDraw.Draw(st2)
    sd2.ellipse((8, 8, 352, 192), outline=(200, 30, 30, 230), width=9)
    sd2.text((180, 100), "秘 密", font=font("zh", 80), fill=(200, 30, 30, 230), anchor="mm")
    bb2 = paste_rot(pg.img, st2, (600, 1800), -35)
    # a third marking in grey outline letters as a background watermark-like stamp
    p = save_png(noise(paper(pg.img), 3), "c33_rotated_stamps.png")
    register("c33_rotated_stamps", p, "chi_sim+eng", T, [
        S("m1", "marking", "内部资料 注意保存", ["内部资料"], [bb1]),
        S("m2", "marking", "秘 密 (oval stamp, -35°)", ["秘密"], [bb2]),
    ], "markings/rotated red stamps (23°, -35°, oval) mid-page",
        "both stamped markings", innocent=["经营分析报告", "应收账款周转天数上升"])


def c34_isoluminant_sheet():
    W, H = 2480, 1400
    pg = Page(W, H)
    pg.text((200, 120), "Q2 vendor payments — exceptions", size=56, f=font("sansb", 56))
    hdr = ["Vendor", "Contact", "Phone", "Status"]
    rows = [["Acme Cleaning", "Priya Raman", "020 7946 0123", "late"],
            ["Kestrel Build", "Margaret Holloway", "07700 900782", "disputed"],
            ["Mill Lane Supplies", "(none)", "—", "ok"]]
    cols = [200, 800, 1500, 2050]
    y = 300
    fills = [(200, 60, 60), (60, 140, 60), (255, 255, 255)]
    texts = [(60, 110, 180), (180, 80, 160), (0, 0, 0)]
    for i, c in enumerate(hdr):
        pg.text((cols[i], y), c, size=44, f=font("sansb", 44))
    y += 90
    for r, fc, tc in zip(rows, fills, texts):
        pg.d.rectangle((180, y - 15, 2350, y + 75), fill=fc)
        for i, c in enumerate(r):
            sid = {1: "name", 2: "phone"}.get(i) if c not in ("(none)", "—") else None
            pg.text((cols[i], y), c, size=44, fill=tc, secret=(sid + str(rows.index(r))) if sid else None)
        y += 110
    p = save_png(noise(pg.img, 2), "c34_isoluminant_rows.png")
    register("c34_isoluminant_rows", p, "eng", T, [
        S("name0", "term", "Priya Raman", ["priyaraman"], pg.boxes["name0"]),
        S("phone0", "phone", "020 7946 0123", ["02079460123"], pg.boxes["phone0"]),
        S("name1", "term", "Margaret Holloway", ["margaretholloway"], pg.boxes["name1"]),
        S("phone1", "phone", "07700 900782", ["07700900782"], pg.boxes["phone1"]),
    ], "colour/near-isoluminant text on saturated row fills (blue on red, magenta on green)",
        "two names, two phones", innocent=["Mill Lane Supplies", "exceptions"])


def c36_innocent_en():
    pg = Page()
    pg.text((250, 250), "Office newsletter — December", size=60, f=font("serifb", 60))
    pg.paragraph(250, 420, [
        "Secret Santa: draw names by Friday; spending limit £10.",
        "The internal audit team visits the Leeds office on 12 December.",
        "Restricted parking on Mill Lane from 2 to 6 January (resurfacing).",
        "Order ref 2024 1203 7781 0042 has been delivered to stores.",
        "ISBN 978-0-306-40615-7 — the style guide is in the library.",
        "Version 10.0.19041.1 of the desktop build rolls out next week.",
        "Confidential waste bins are emptied every Tuesday.",
        "Top secret recipe competition: entries to the canteen by 15 Dec.",
    ], size=44, f=font("serif", 44), lead=1.8)
    p = save_png(noise(paper(pg.img), 2), "c36_innocent_newsletter.png")
    register("c36_innocent_newsletter", p, "eng", T, [],
             "false-positive control: marking words and number runs in ordinary English use",
             "nothing", innocent=["Secret Santa", "internal audit", "Restricted parking", "2024 1203 7781 0042",
                                  "978-0-306-40615-7", "10.0.19041.1", "Confidential waste", "Top secret recipe"])


def c38_qr_base64():
    pg = Page(2480, 1600)
    pg.text((200, 200), "健康出行凭证", size=80)
    pg.text((200, 330), "持证人：王**   证件号：3201**********0023", size=50)
    payload = "https://pass.example.gov.cn/v?d=" + base64.urlsafe_b64encode(
        _json.dumps({"n": "王秀英", "id": ID3, "t": "15900112233"}, ensure_ascii=False).encode()).decode()
    qr = qr_image(payload, scale=8)
    pg.img.paste(qr, (1600, 180))
    qb = [1600, 180, 1600 + qr.width, 180 + qr.height]
    p = save_png(noise(pg.img, 2), "c38_qr_base64.png")
    register("c38_qr_base64", p, "chi_sim+eng", T, [
        S("qr", "code(base64 JSON in URL: name, ID, phone)", "王秀英/" + ID3, ["王秀英", ID3], [qb], strict=False),
    ], "encoding/QR whose URL carries base64 JSON with name, ID and mobile (masked in print)",
        "the QR (its payload decodes to the full identity)", innocent=["健康出行凭证"],
        notes="attacker base64-decodes the d= parameter")


def c39_mixed_cn_pdf():
    """Born-digital Chinese PDF (text layer) + scanned 2nd page; text layer uses tracked characters."""
    from fpdf import FPDF
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("wqy", "", WQY)
    pdf.add_page()
    pdf.set_font("wqy", size=12)
    pdf.cell(0, 8, "秘密★5年", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=20)
    pdf.cell(0, 14, "关于鲲鹏计划二期立项的请示", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    pdf.set_char_spacing(4)
    pdf.cell(0, 9, "项目负责人：欧阳建国", new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)
    pdf.multi_cell(0, 8, "经前期论证，拟于2024年第三季度启动二期建设，总投资约1.2亿元。"
                         "联系人陈志明，手机13766558899，身份证" + ID5 + "（用于系统开户）。", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(255, 255, 255)
    pdf.cell(0, 8, "备注：张伟 13912345678", new_x="LMARGIN", new_y="NEXT")  # white text: invisible, only in text layer
    pdf.set_text_color(0, 0, 0)
    pdf.cell(0, 8, "妥否，请批示。", new_x="LMARGIN", new_y="NEXT")
    pg = Page()
    pg.text((250, 300), "附件：人员名单", size=60)
    pg.paragraph(250, 450, ["1. 李娜  财务  138 1122 3344", "2. 王秀英  办公室  159 0011 2233"], size=52)
    sp = "/tmp/rt_c39_p2.png"
    to_1bit(pg.img, dither=False).save(sp)
    pdf.add_page()
    pdf.image(sp, x=0, y=0, w=210, h=297)
    p = CASES / "c39_mixed_cn_pdf.pdf"
    pdf.output(str(p))
    register("c39_mixed_cn_pdf", p, "chi_sim+eng", T, [
        S("mark", "marking", "秘密★5年", ["秘密5年", "秘密★5年"], page=1),
        S("proj", "term", "鲲鹏计划", ["鲲鹏计划"], page=1),
        S("oy", "term(tracked text)", "欧阳建国", ["欧阳建国"], page=1),
        S("czm", "term", "陈志明", ["陈志明"], page=1), S("p1", "phone", "13766558899", ["13766558899"], page=1),
        S("id", "cn_id", ID5, [ID5], page=1),
        S("white", "term+phone in invisible (white) text layer", "张伟 13912345678", ["13912345678", "张伟"], page=1),
        S("ln", "term", "李娜", ["李娜"], page=2), S("p2", "phone", "13811223344", ["13811223344"], page=2),
        S("wxy", "term", "王秀英", ["王秀英"], page=2), S("p3", "phone", "15900112233", ["15900112233"], page=2),
    ], "multi-page/born-digital Chinese PDF (tracked text, white invisible text) + 1-bit scanned page",
        "everything listed on both pages (white text need not be burned but must not reach any output)")


def c40_highlighter():
    pg = Page()
    pg.text((250, 250), "Tenancy review — actions", size=60, f=font("sansb", 60))
    items = [("Tenant: Priya Raman, flat 4B", "a", (255, 240, 0)), ("Emergency contact 07911 123456", "b", (120, 255, 120)),
             ("Guarantor: Thomas Brennan", "c", (255, 120, 200)), ("Deposit ref DPS-55821", None, None)]
    y = 420
    for s, sid, hl in items:
        f = font("sans", 48)
        bb = pg.d.textbbox((250, y), s, font=f)
        if hl:
            ov = Image.new("RGBA", pg.img.size, (0, 0, 0, 0))
            ImageDraw.Draw(ov).rectangle((bb[0] - 10, bb[1] - 12, bb[2] + 10, bb[3] + 12), fill=hl + (140,))
            pg.img.paste(Image.alpha_composite(pg.img.convert("RGBA"), ov).convert("RGB"))
            pg.d = ImageDraw.Draw(pg.img)
        pg.text((250, y), s, size=48, f=f, fill=(0, 0, 0), secret=sid)
        y += 120
    p = save_jpg(jpeg(pg.img, 55), "c40_highlighted_lines.jpg", q=80)
    register("c40_highlighted_lines", p, "eng", T, [
        S("a", "term", "Priya Raman", ["priyaraman"], pg.boxes["a"]),
        S("b", "phone", "07911 123456", ["07911123456"], pg.boxes["b"]),
        S("c", "term", "Thomas Brennan", ["thomasbrennan"], pg.boxes["c"]),
    ], "colour/highlighter pen over the items (redacted without --highlights)",
        "names and phone", innocent=["Tenancy review", "DPS-55821"])


ALL = {"c22": c22_boarding_pass, "c23": c23_passport_mrz, "c24": c24_pinyin_card, "c25": c25_name_forms_en,
       "c26": c26_cn_titles, "c27": c27_local_phones, "c28": c28_spoken_numbers, "c29": c29_id_variants,
       "c30": c30_dither_form, "c31": c31_photo_curved, "c32": c32_poster_photo_bg, "c33": c33_rotated_stamp_marking,
       "c34": c34_isoluminant_sheet, "c36": c36_innocent_en, "c38": c38_qr_base64, "c39": c39_mixed_cn_pdf,
       "c40": c40_highlighter}

if __name__ == "__main__":
    for k in sys.argv[1:] or list(ALL):
        ALL[k]()
        print("made", k)
