"""The web page driven in Debian's Chromium by Selenium (run by tests/test_web.py inside a network
namespace that has only loopback).  Prints one JSON line of findings for the test to check.

    python tests/web_browser.py WORKDIR
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "sample_images" / "letter_en.png"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def browser(downloads: Path) -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-default-apps", "--window-size=1280,800"):  # fmt: skip
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


def layout(driver: webdriver.Chrome, name: str, shots: Path, found: dict[str, object], taken: list[str]) -> None:
    for label, (w, h) in SIZES.items():
        driver.set_window_size(w, h)
        time.sleep(0.3)
        inner = driver.execute_script("return window.innerWidth")
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        if wide > inner:
            found[f"{name}@{label}"] = [wide, inner]
        path = shots / f"{name}-{label}.png"
        driver.save_screenshot(str(path))
        taken.append(str(path))
    driver.set_window_size(*SIZES["desktop"])


def upload(driver: webdriver.Chrome, base: str, task: str, fmt: str, lang: str = "eng") -> None:
    driver.get(base + "/")
    driver.find_element(By.ID, "files").send_keys(str(LETTER))
    Select(driver.find_element(By.ID, "task")).select_by_value(task)
    Select(driver.find_element(By.ID, "format")).select_by_value(fmt)
    Select(driver.find_element(By.NAME, "lang")).select_by_value(lang)
    driver.find_element(By.ID, "go").click()


def fetch(driver: webdriver.Chrome, downloads: Path, suffix: str) -> Path:
    link = WebDriverWait(driver, 180).until(
        ready.element_to_be_clickable((By.CSS_SELECTOR, f"#outputs a[download$='{suffix}']"))
    )
    before = set(downloads.iterdir())
    link.click()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        new = [p for p in set(downloads.iterdir()) - before if not p.name.endswith(".crdownload")]
        if new:
            time.sleep(0.3)
            return new[0]
        time.sleep(0.1)
    raise SystemExit(f"no download of {suffix}")


def text_of_pixels(pdf: Path) -> str:
    return subprocess.run([sys.executable, "-m", "sandbox", "ocr", str(pdf), "--force-ocr", "-q", "--isolation",
                           "none"], capture_output=True, text=True, check=True).stdout  # fmt: skip


def main() -> int:
    work = Path(sys.argv[1])
    downloads, shots = work / "downloads", work / "shots"
    downloads.mkdir(parents=True)
    shots.mkdir()
    serve = subprocess.Popen([sys.executable, "-m", "sandbox", "serve", "--port", "0"], stderr=subprocess.PIPE,
                             text=True)  # fmt: skip
    result: dict[str, object] = {}
    overflow: dict[str, object] = {}
    taken: list[str] = []
    driver = None
    try:
        assert serve.stderr is not None
        url = next(line.split("open: ", 1)[1].strip() for line in serve.stderr if line.startswith("open: "))
        base = url.split("/?", 1)[0]
        driver = browser(downloads)
        driver.get(url)
        layout(driver, "index", shots, overflow, taken)

        upload(driver, base, "ocr", "pdf")
        WebDriverWait(driver, 30).until(ready.presence_of_element_located((By.ID, "job")))
        pdf = fetch(driver, downloads, ".pdf")
        layout(driver, "results", shots, overflow, taken)
        result["searchable_pdf_text"] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                       text=True).stdout  # fmt: skip
        upload(driver, base, "ocr", "txt")
        result["txt"] = fetch(driver, downloads, ".txt").read_text(encoding="utf-8")

        upload(driver, base, "redact", "pdf")
        WebDriverWait(driver, 180).until(ready.presence_of_element_located((By.ID, "apply")))
        layout(driver, "review", shots, overflow, taken)
        boxes = driver.find_elements(By.CSS_SELECTOR, ".box[data-id]")
        email = next(b for b in boxes if "email" in (b.get_attribute("title") or ""))
        email.click()  # keep the e-mail address
        figure = driver.find_element(By.CSS_SELECTOR, ".page")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", figure)
        where = "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.width, r.height]"
        box = driver.execute_script(where, figure)
        start = (0.55, 0.04)  # a stretch of the page's blank top margin, as fractions of the page
        end = (0.75, 0.07)
        x0, y0 = int(box[0] + start[0] * box[2]), int(box[1] + start[1] * box[3])
        ActionChains(driver).move_by_offset(x0, y0).click_and_hold().move_by_offset(
            int((end[0] - start[0]) * box[2]), int((end[1] - start[1]) * box[3])
        ).release().perform()
        assert driver.find_elements(By.CSS_SELECTOR, ".box.added"), "no box was drawn"
        driver.find_element(By.ID, "apply").click()
        redacted = fetch(driver, downloads, ".pdf")
        text = text_of_pixels(redacted)
        result["kept_visible"] = "harrowgate.example" in text.replace(" ", "")
        result["redacted_visible"] = "7946" in text or "BUKB" in text.replace(" ", "")
        page = work / "page"
        subprocess.run(["pdftoppm", "-r", "100", "-gray", "-singlefile", "-png", str(redacted), str(page)], check=True)
        with Image.open(page.with_suffix(".png")) as img:
            w, h = img.size
            region = img.crop((int(0.58 * w), int(0.045 * h), int(0.72 * w), int(0.065 * h)))
            pixels = list(region.tobytes())
            dark = sum(1 for v in pixels if v < 60) / max(1, len(pixels))
        result["added_box_dark"] = dark
        terms, policy = work / "terms.txt", work / "policy.toml"  # what was redacted; the kept e-mail may stay
        terms.write_text("+44 20 7946 0321\nGB33 BUKB 2020 1555 5555 55\n", encoding="utf-8")
        policy.write_text("packs = []\n", encoding="utf-8")
        result["verify_code"] = subprocess.run([sys.executable, "-m", "sandbox", "verify", str(redacted), "--terms",
                                                str(terms), "--policy", str(policy), "-q"],
                                               capture_output=True).returncode  # fmt: skip
    finally:
        if driver is not None:
            driver.quit()
        serve.terminate()
        serve.wait(timeout=30)
    result["overflow"] = overflow
    result["screenshots"] = taken
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
