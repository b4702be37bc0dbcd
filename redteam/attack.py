#!/work/main/.venv/bin/python
"""Red-team attacker for ocr-sandbox redaction outputs.

usage: attack.py OUTDIR [--case CASE_ID] [--manifest manifest.json] [--fast] [--json RESULT.json]
       attack.py --all            (every case in manifest.json with out/<case>/)

For an output folder (redacted-*.pdf / .txt / .png), tries to recover every planted secret of the case:
  * text: pdftotext, TXT/JSON outputs, raw PDF bytes
  * pixels: embedded page images (pdfimages, native resolution) and pdftoppm renders, read by
    RapidOCR (PP-OCR) and Tesseract (chi_sim+eng) on enhanced views: background-flattened contrast
    stretch, CLAHE, each RGB channel and Lab a/b, Otsu/adaptive thresholds, blur+threshold, inverted,
    mirrored, quarter turns; plus crops of every planted secret's box (upscaled; tall crops re-laid
    as a line for vertical CJK; anisotropic pages stretched back to square pixels)
  * codes: zxing-cpp and OpenCV QR on views (upscaled, channels, thresholds, mirrored); payload bytes
    also decoded as GBK/GB18030/UTF-8
Matching: NFKC, lower case, traditional->simplified, Chinese numerals (〇一…九, 幺, 两, 壹…玖) to
digits, punctuation and spaces dropped; numbers are compared as digit strings, within a line, across
two adjacent lines, and 'near' (one digit wrong) for numbers of 11+ digits.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent
Image.MAX_IMAGE_PIXELS = None

try:
    import opencc
    _CC = opencc.OpenCC("t2s")
except Exception:  # pragma: no cover
    _CC = None

ZH_DIG = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "幺": "1", "壹": "1", "二": "2", "两": "2", "贰": "2",
          "三": "3", "叁": "3", "四": "4", "肆": "4", "五": "5", "伍": "5", "六": "6", "陆": "6", "七": "7",
          "柒": "7", "八": "8", "捌": "8", "九": "9", "玖": "9"}


def norm(s: str, digits_zh=True) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    if _CC:
        s = _CC.convert(s)
    if digits_zh:
        s = "".join(ZH_DIG.get(c, c) for c in s)
    s = s.replace("×", "x")
    return re.sub(r"[^0-9a-z\u4e00-\u9fff#]", "", s)


def digits(s: str) -> str:
    s = norm(s)
    return re.sub(r"[^0-9x]", "", s)


def is_numeric(needle: str) -> bool:
    return bool(re.fullmatch(r"[0-9xX]{6,}", needle))


def near(hay: str, needle: str) -> bool:
    n = len(needle)
    if n < 11 or len(hay) < n:
        return False
    for i in range(len(hay) - n + 1):
        w = hay[i:i + n]
        if sum(a != b for a, b in zip(w, needle)) <= 1:
            return True
    return False


# ---------------- readers ----------------
_RAPID = None


def rapid():
    global _RAPID
    if _RAPID is None:
        from rapidocr import RapidOCR
        _RAPID = RapidOCR(params={"Global.log_level": "error", "Global.max_side_len": 3600,
                                  "Global.text_score": 0.3, "Det.box_thresh": 0.4,
                                  "EngineConfig.onnxruntime.intra_op_num_threads": 2})
    return _RAPID


def read_rapid(img: np.ndarray) -> list[str]:
    try:
        r = rapid()(img)
        return [t for t in (r.txts or [])]
    except Exception as e:  # noqa
        return []


def read_tess(img: np.ndarray, lang="chi_sim+eng", psm=3) -> list[str]:
    import pytesseract
    try:
        t = pytesseract.image_to_string(Image.fromarray(img), lang=lang, config=f"--psm {psm}")
    except Exception:
        return []
    return [ln for ln in t.splitlines() if ln.strip()]


# ---------------- views ----------------

def to_u8(a):
    return np.clip(a, 0, 255).astype(np.uint8)


def stretch(g, lo=1, hi=99):
    a, b = np.percentile(g, lo), np.percentile(g, hi)
    if b - a < 1:
        b = a + 1
    return to_u8((g.astype(np.float32) - a) * 255.0 / (b - a))


def flatten(g, k=51):
    """divide by local background, then stretch hard: brings out ink a few levels below paper"""
    g = g.astype(np.float32) + 1
    bg = cv2.medianBlur(to_u8(g), k if k % 2 else k + 1).astype(np.float32) + 1
    bg = np.maximum(bg, cv2.dilate(to_u8(g), np.ones((15, 15), np.uint8)).astype(np.float32) * 0 + bg)
    r = g / bg
    r = cv2.GaussianBlur(r, (0, 0), 1.0)
    lo = np.percentile(r, 0.5)
    hi = np.percentile(r, 60)
    return to_u8((r - lo) / max(hi - lo, 1e-3) * 255)


def faint(g):
    """remove strong ink, amplify what is a few levels below the paper (show-through, faded, watermarks)"""
    g = g.astype(np.float32)
    bg = cv2.medianBlur(to_u8(g), 31).astype(np.float32)
    strong = g < bg - 40
    strong = cv2.dilate(strong.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    d = np.clip(bg - g, 0, 40)
    d[strong] = 0
    d = cv2.GaussianBlur(d, (0, 0), 1.2)
    hi = max(np.percentile(d, 99.5), 2)
    return to_u8(255 - d / hi * 255)


def views(rgb: np.ndarray, full=True) -> dict:
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    v = {"orig": rgb, "stretch": stretch(g), "flatten": flatten(g), "faint": faint(g)}
    v["mirror_faint"] = cv2.flip(v["faint"], 1)
    clahe = cv2.createCLAHE(clipLimit=4.0, tileGridSize=(16, 16))
    v["clahe"] = clahe.apply(g)
    if not full:
        return v
    for i, c in enumerate("RGB"):
        v["ch" + c] = stretch(rgb[..., i])
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    v["labA"] = stretch(lab[..., 1])
    v["labB"] = stretch(lab[..., 2])
    v["otsu"] = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    v["adapt"] = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 8)
    v["blurthr"] = cv2.threshold(cv2.GaussianBlur(g, (0, 0), 2.5), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    v["inv"] = 255 - g
    v["mirror_flatten"] = cv2.flip(v["flatten"], 1)
    v["mirror"] = cv2.flip(g, 1)
    return v


def c3(a):
    return a if a.ndim == 3 else cv2.cvtColor(a, cv2.COLOR_GRAY2RGB)


def vertical_relayout(crop: np.ndarray) -> np.ndarray:
    """tall narrow crop (one vertical CJK column) -> cells side by side on one line"""
    h, w = crop.shape[:2]
    cell = w
    n = max(1, h // cell)
    pieces = [crop[i * cell:(i + 1) * cell] for i in range(n)]
    return np.concatenate(pieces, axis=1)


# ---------------- codes ----------------

def decode_codes(img: np.ndarray) -> list[str]:
    import zxingcpp
    out = []
    g = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    cands = [g]
    if img.ndim == 3:
        cands += [img[..., i] for i in range(3)]
    cands += [cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1], cv2.flip(g, 1),
              cv2.GaussianBlur(g, (0, 0), 1.5)]
    for c in list(cands):
        if max(c.shape) < 5000:
            cands.append(cv2.resize(c, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))
    for c in cands:
        try:
            for r in zxingcpp.read_barcodes(c, try_rotate=True, try_downscale=True, try_invert=True):
                out.append(r.text)
                b = bytes(r.bytes)
                for enc in ("utf-8", "gbk", "gb18030", "big5", "shift_jis"):
                    try:
                        out.append(b.decode(enc))
                    except Exception:
                        pass
        except Exception:
            pass
    try:
        det = cv2.QRCodeDetector()
        for c in cands[:2]:
            t, _, _ = det.detectAndDecode(c)
            if t:
                out.append(t)
    except Exception:
        pass
    return list(dict.fromkeys(out))


# ---------------- page acquisition ----------------

def pdf_pages(pdf: Path, tmp: Path, dpi=300) -> list[dict]:
    """Per page: native embedded images (if one per page) and a render."""
    pages = []
    subprocess.run(["pdfimages", "-png", "-p", str(pdf), str(tmp / "i")], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    natives = sorted(tmp.glob("i-*.png"))
    npages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    for i in range(1, npages + 1):
        nat = [n for n in natives if re.match(rf"i-0*{i}-\d+\.png", n.name)]
        if len(nat) == 1:  # pixel-only page: the embedded image is the page, at native resolution
            pages.append({"page": i, "render": None, "native": np.asarray(Image.open(nat[0]).convert("RGB"))})
            continue
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(i), "-l", str(i), str(pdf), str(tmp / f"r{i}")],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        r = sorted(tmp.glob(f"r{i}-*.png"))
        pages.append({"page": i, "render": np.asarray(Image.open(r[0]).convert("RGB")), "native": None})
    return pages


class Finder:
    def __init__(self, secrets):
        self.secrets = secrets
        self.hits = {s["id"]: [] for s in secrets}
        self.near = {s["id"]: [] for s in secrets}
        self.partial = {s["id"]: [] for s in secrets}

    def check_lines(self, lines, how, page=None):
        lines = [ln for ln in lines if ln and ln.strip()]
        units = list(lines) + [lines[i] + lines[i + 1] for i in range(len(lines) - 1)]
        joined = "".join(lines)
        normd = [norm(u) for u in units] + [norm(joined)]
        digs = [digits(u) for u in units]
        for s in self.secrets:
            if page is not None and s.get("page") and s["page"] != page and s.get("page_strict", True):
                continue
            for nd in s["needles"]:
                if is_numeric(nd):
                    n = nd.lower()
                    if any(n in d for d in digs):
                        self.hits[s["id"]].append(how)
                        break
                    if any(near(d, n) for d in digs):
                        self.near[s["id"]].append(how)
                else:
                    n = norm(nd)
                    if n and any(n in u for u in normd):
                        self.hits[s["id"]].append(how)
                        break
            for pn in s.get("partial_needles", []):
                n = pn.lower()
                if any(n in d for d in digs) or any(norm(pn) in u for u in normd):
                    self.partial[s["id"]].append(how)

    def result(self):
        return {s["id"]: {"recovered": bool(self.hits[s["id"]]), "how": sorted(set(self.hits[s["id"]]))[:12],
                          "near": sorted(set(self.near[s["id"]]))[:6],
                          "partial": sorted(set(self.partial[s["id"]]))[:6],
                          "strict": s.get("strict", True), "kind": s["kind"]} for s in self.secrets}


def attack(outdir: Path, case: dict, fast=False, quick=False, log=print) -> dict:
    secrets = case["secrets"]
    F = Finder(secrets)
    files = sorted(outdir.glob("redacted-*"))
    pdfs = [f for f in files if f.suffix == ".pdf"]
    pngs = [f for f in files if f.suffix == ".png"]
    for f in files:
        if f.suffix in (".txt", ".json") and not f.name.endswith(".report.json"):
            F.check_lines(f.read_text(errors="replace").splitlines(), f"text:{f.suffix}")
        if f.name.endswith(".report.json"):
            F.check_lines(f.read_text(errors="replace").splitlines(), "report.json")
    for f in pdfs:
        t = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True).stdout
        F.check_lines(t.splitlines(), "pdftotext")
        raw = f.read_bytes()
        F.check_lines([raw.decode("latin-1")], "raw-bytes")
    innocent_seen = set()
    codes_seen = []
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        pages = []
        for f in pdfs:
            pages += pdf_pages(f, tmp)
        for f in pngs:
            pages.append({"page": len(pages) + 1, "render": np.asarray(Image.open(f).convert("RGB")), "native": None})
        inp_sizes = case.get("pages_px") or []
        for pg in pages:
            pno = pg["page"]
            img = pg["native"] if pg["native"] is not None else pg["render"]
            # undo anisotropic fax pixels: stretch to square if case says so
            ref0 = inp_sizes[pno - 1] if inp_sizes and len(inp_sizes) >= pno else None
            squashed = bool(case.get("aniso") and ref0 and abs(img.shape[1] / img.shape[0] - ref0[0] / ref0[1]) < 0.05)
            if squashed:
                sx, sy = case["aniso"]
                img_sq = cv2.resize(img, None, fx=1.0, fy=sx / sy, interpolation=cv2.INTER_CUBIC)
            else:
                img_sq = img
            vs = views(img_sq, full=True) if not quick else {}
            page_rapid = ["orig", "flatten", "faint", "mirror_faint", "chB", "labB", "inv"]
            if fast:
                page_rapid = ["orig", "faint"] + (["mirror_faint"] if "show-through" in case.get("trick", "") else [])
            if quick:
                page_rapid, tess_q = [], []
            else:
                tess_q = None
            has_boxes = any(x.get("boxes") and x.get("page", 1) == pno for x in secrets)
            if quick and not has_boxes:  # no planted boxes for this page: one plain whole-page reading
                page_rapid = ["orig"]
                vs = {"orig": img_sq}
            for name in page_rapid:
                lines = read_rapid(c3(vs[name]))
                F.check_lines(lines, f"p{pno}:rapid:{name}", pno)
                if name == "orig":
                    j = norm("".join(lines))
                    for w in case.get("innocent", []):
                        if norm(w) in j:
                            innocent_seen.add(w)
            tess_views = ["orig"] if fast else ["orig", "flatten", "faint"]
            for name in (tess_views if tess_q is None else tess_q):
                lines = read_tess(vs[name])
                F.check_lines(lines, f"p{pno}:tess:{name}", pno)
                if name == "orig":
                    j = norm("".join(lines))
                    for w in case.get("innocent", []):
                        if norm(w) in j:
                            innocent_seen.add(w)
            for k in ((1, 3) if not fast or case.get("rotations") else ()):
                rot = np.ascontiguousarray(np.rot90(img_sq, k))
                F.check_lines(read_rapid(rot), f"p{pno}:rapid:rot{k*90}", pno)
            # codes
            for c in decode_codes(img_sq):
                codes_seen.append(c)
                F.check_lines([c], f"p{pno}:code", pno)
            # crops of planted boxes (coordinates in input pixels of this page)
            H, W = img.shape[:2]
            ref = None
            if inp_sizes and len(inp_sizes) >= pno:
                ref = inp_sizes[pno - 1]
            for s in secrets:
                if s.get("page", 1) != pno or not s.get("boxes") or not ref:
                    continue
                fx, fy = W / ref[0], H / ref[1]
                for bb in s["boxes"]:
                    m = 25
                    x0, y0 = max(0, int((bb[0] - m) * fx)), max(0, int((bb[1] - m) * fy))
                    x1, y1 = min(W, int((bb[2] + m) * fx)), min(H, int((bb[3] + m) * fy))
                    if x1 - x0 < 4 or y1 - y0 < 4:
                        continue
                    crop = img[y0:y1, x0:x1]
                    if squashed:
                        sx, sy = case["aniso"]
                        crop = cv2.resize(crop, None, fx=1.0, fy=sx / sy, interpolation=cv2.INTER_CUBIC)
                    crops = {"crop": crop}
                    if crop.shape[0] > 2.5 * crop.shape[1]:
                        crops["vcrop"] = vertical_relayout(crop)
                    for cn, cr in crops.items():
                        up = cv2.resize(cr, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
                        cv_ = views(up, full=True)
                        cvn = ("orig", "flatten", "faint", "mirror_faint", "chR", "chB", "otsu", "mirror_flatten", "inv")
                        if fast:
                            cvn = ("orig", "faint", "mirror_faint", "inv") if not quick else ("orig", "faint") + (("mirror_faint",) if "show-through" in case.get("trick", "") else ())
                        for vn in cvn:
                            F.check_lines(read_rapid(c3(cv_[vn])), f"p{pno}:{cn}:rapid:{vn}:{s['id']}", pno)
                        for vn in (() if quick else ("orig",) if fast else ("orig", "faint", "mirror_faint")):
                            F.check_lines(read_tess(cv_[vn], psm=6), f"p{pno}:{cn}:tess6:{vn}:{s['id']}", pno)
                        for c in decode_codes(cr):
                            codes_seen.append(c)
                            F.check_lines([c], f"p{pno}:crop-code:{s['id']}", pno)
    res = F.result()
    return {"secrets": res, "n_pages": len(pages), "codes_decoded": len(codes_seen),
            "innocent_kept": sorted(innocent_seen), "innocent_total": len(case.get("innocent", [])),
            "outputs": [f.name for f in files]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", nargs="?")
    ap.add_argument("--case")
    ap.add_argument("--manifest", default=str(ROOT / "manifest.json"))
    ap.add_argument("--fast", action="store_true")
    ap.add_argument("--quick", action="store_true", help="loaded machine: crops + codes + text only, no whole-page OCR")
    ap.add_argument("--json")
    ap.add_argument("--all", action="store_true")
    a = ap.parse_args()
    m = json.loads(Path(a.manifest).read_text())["cases"]
    todo = []
    if a.all:
        for cid in m:
            if (ROOT / "out" / cid).is_dir():
                todo.append((cid, ROOT / "out" / cid))
    else:
        od = Path(a.outdir)
        cid = a.case or od.name
        todo.append((cid, od))
    allres = {}
    for cid, od in todo:
        r = attack(od, m[cid], fast=a.fast or a.quick, quick=a.quick)
        allres[cid] = r
        rec = [k for k, v in r["secrets"].items() if v["recovered"]]
        print(f"{cid}: outputs={len(r['outputs'])} recovered={rec} near={[k for k,v in r['secrets'].items() if v['near'] and not v['recovered']]}")
        if a.json or a.all:
            p = Path(a.json) if a.json and not a.all else ROOT / "logs" / f"{cid}.attack.json"
            p.write_text(json.dumps(r, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
