"""Fill pages_px (input pixel size per page) in manifest.json for image inputs."""
import json, sys
from pathlib import Path
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
R = Path(__file__).resolve().parent.parent
m = json.loads((R / "manifest.json").read_text())
for cid, c in m["cases"].items():
    f = R / c["file"]
    if f.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"):
        im = Image.open(f)
        sizes = []
        try:
            i = 0
            while True:
                im.seek(i); sizes.append(list(im.size)); i += 1
        except EOFError:
            pass
        c["pages_px"] = sizes
        if "fax" in cid:
            c["aniso"] = [204, 98]
(R / "manifest.json").write_text(json.dumps(m, ensure_ascii=False, indent=1))
print("ok")
