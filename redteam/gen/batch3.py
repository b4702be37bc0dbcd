"""Batch 3: variations on what leaked in batches 1-2 (boundary tests)."""
import sys
import numpy as np
from PIL import Image, ImageFilter, ImageOps
sys.path.insert(0, __file__.rsplit("/", 1)[0])
from common import *  # noqa
from batch1 import ID1, ID2, ID3, ID4, ID5, T, c01_showthrough  # noqa


def c41_waybill_datamatrix_gbk():
    W, H = 1200, 1800  # 100x150 mm label at ~300 dpi
    pg = Page(W, H)
    pg.rect((20, 20, W - 20, H - 20), width=4)
    pg.text((50, 50), "顺达快递  标准快递", size=56)
    pg.text((50, 160), "收件人：王**  159****2233", size=48)
    pg.text((50, 240), "江苏省南京市鼓楼区中山北路***号", size=40)
    pg.text((50, 330), "寄件人：欧**  186****4455", size=44)
    pg.text((50, 420), "运单号 SD 7723 0918 4412", size=44)
    dm = qr_image("收件人:王秀英;寄件人:欧阳建国;项目:鲲鹏计划".encode("gbk"), scale=10, fmt="DataMatrix")
    pg.img.paste(dm, (W - dm.width - 60, 600))
    b1 = [W - dm.width - 60, 600, W - 60, 600 + dm.height]
    c128 = qr_image("SD772309184412", scale=4, fmt="Code128")
    c128 = c128.resize((c128.width, 220))
    pg.img.paste(c128, (60, 1300))
    p = save_png(noise(pg.img, 2), "c41_waybill_datamatrix_gbk.png")
    register("c41_waybill_datamatrix_gbk", p, "chi_sim+eng", T, [
        S("dm", "code(DataMatrix, GBK payload: two names + code name)", "王秀英/欧阳建国/鲲鹏计划",
          ["王秀英", "欧阳建国", "鲲鹏计划"], [b1], strict=True),
    ], "encoding/DataMatrix with GBK bytes on a courier waybill (printed name masked)",
        "the DataMatrix (payload names two listed people and the code name)", innocent=["顺达快递", "SD772309184412"])


def c42_showthrough_en(delta=9):
    W, H = 2480, 2000
    back = Page(W, H)
    back.text((300, 300), "Bank details for reimbursement", size=60)
    back.text((300, 450), "Name: Margaret Holloway", size=64, secret="name")
    back.text((300, 580), "Mobile: 07700 900782", size=64, secret="mob")
    back.text((300, 710), "E-mail: m.holloway@northwind.co.uk", size=64, secret="mail")
    bm = ImageOps.mirror(back.img.convert("L")).filter(ImageFilter.GaussianBlur(1.4))
    front = Page(W, H)
    front.text((300, 200), "EXPENSES CLAIM — GUIDANCE NOTES", size=64, f=font("sansb", 64))
    front.paragraph(300, 380, ["Claims must be submitted within 30 days of travel.",
                               "Attach itemised receipts; card slips alone are not accepted.",
                               "Mileage is paid at 45p per mile for the first 10,000 miles.",
                               "Claims over £500 need a second approver."], size=46, lead=2.0)
    f = np.asarray(front.img.convert("L")).astype(np.float32)
    b = np.asarray(bm).astype(np.float32)
    out = np.minimum(f / 255 * 248, 248 - (255 - b) / 255 * delta)
    out = out + np.random.default_rng(5).normal(0, 1.0, out.shape)
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).convert("RGB")
    boxes = {k: [[W - bb[2], bb[1], W - bb[0], bb[3]] for bb in v] for k, v in back.boxes.items()}
    cid = f"c42_showthrough_en_{delta}"
    p = save_png(img, cid + ".png")
    register(cid, p, "eng", T, [
        S("name", "term", "Margaret Holloway", ["margaretholloway"], boxes["name"]),
        S("mob", "phone", "07700 900782", ["07700900782"], boxes["mob"]),
        S("mail", "email", "m.holloway@northwind.co.uk", ["mhollowaynorthwind"], boxes["mail"]),
    ], f"print-scan/show-through: English reverse side, {delta} levels below paper",
        "name, mobile, e-mail from the reverse side", innocent=["EXPENSES CLAIM", "second approver"])


def c43_light_footer(level=242):
    W, H = 2480, 3508
    pg = Page(W, H)
    pg.text((1240, 300), "2024年上半年安全生产工作总结", size=70, anchor="mm")
    pg.paragraph(250, 480, ["一、上半年全公司未发生一般及以上生产安全事故。",
                            "二、完成隐患排查三轮，整改率100%。",
                            "三、组织应急演练四次，参演人员六百余人次。"], size=48, lead=2.0)
    c = (level, level, level)
    pg.text((250, 120), "内部资料  注意保存", size=40, fill=c, secret="mark")
    pg.text((250, 3330), "制表人：陈志明  电话：137 6655 8899  邮箱：chen.zhiming@audit.gov.cn", size=38, fill=c, secret="foot")
    p = save_png(noise(pg.img, 1.0), f"c43_light_footer_{level}.png")
    register(f"c43_light_footer_{level}", p, "chi_sim+eng", T, [
        S("mark", "marking", "内部资料 注意保存", ["内部资料"], pg.boxes["mark"]),
        S("name", "term", "陈志明", ["陈志明"], pg.boxes["foot"]),
        S("phone", "phone", "13766558899", ["13766558899"], pg.boxes["foot"]),
        S("mail", "email", "chen.zhiming@audit.gov.cn", ["chenzhimingaudit"], pg.boxes["foot"]),
    ], f"colour/very light grey ({level}/255) header marking and footer (designer 'light grey')",
        "marking, name, phone, e-mail in the light header/footer", innocent=["安全生产工作总结"])


ALL = {"c41": c41_waybill_datamatrix_gbk, "c42": lambda: c42_showthrough_en(9), "c43": lambda: c43_light_footer(242),
       "c43b": lambda: c43_light_footer(249)}
if __name__ == "__main__":
    for k in sys.argv[1:] or list(ALL):
        ALL[k]()
        print("made", k)
