"""The web page driven in Debian's Chromium by Selenium (run by tests/test_web.py inside a network
namespace that has only loopback).  Prints one JSON line of findings for the test to check.

    python tests/web_browser.py WORKDIR [en|zh]

``en``: a browser asking for English: a scan to searchable PDF and text, a redaction with one
finding kept and one box drawn.  ``zh``: a browser asking for Chinese: a Chinese notice
redacted with a typed name; every page's visible text is returned for the leftover scan.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import img2pdf
import pikepdf
from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "sample_images" / "letter_en.png"
NOTICE = ROOT / "sample_images" / "notice_zh_hans.png"
SECRET = "kestrel-Ω-42"
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


def browser(downloads: Path, accept: str) -> webdriver.Chrome:
    opts = webdriver.ChromeOptions()
    opts.add_argument(f"--accept-lang={accept}")
    opts.add_argument(f"--lang={accept.split(',', 1)[0]}")
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-default-apps", "--window-size=1280,800"):  # fmt: skip
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False,
                                           "intl.accept_languages": accept})  # fmt: skip
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


def upload(
    driver: webdriver.Chrome, base: str, task: str, fmt: str, lang: str = "eng", picture: Path = LETTER, terms: str = ""
) -> None:
    driver.get(base + "/")
    driver.find_element(By.ID, "files").send_keys(str(picture))
    driver.find_element(By.CSS_SELECTOR, f"input[name=task][value='{task}']").click()
    Select(driver.find_element(By.ID, "format")).select_by_value(fmt)
    Select(driver.find_element(By.NAME, "lang")).select_by_value(lang)
    if terms:
        driver.find_element(By.ID, "terms").send_keys(terms)
    driver.find_element(By.ID, "go").click()


def visible_text(driver: webdriver.Chrome) -> str:
    """The page's own words a reader sees: the body's text and the titles, placeholders and
    alternative texts, without the language switch (names in their own language) and without
    what comes from the documents (file names, the text found)."""
    return str(driver.execute_script(
        "const clone = document.body.cloneNode(true);"
        "clone.querySelectorAll('.switch, pre, .found, .name, .doc h2, #chosen').forEach((e) => e.remove());"
        "const extra = Array.from(document.querySelectorAll('[title], [placeholder], img[alt]'))"
        "  .map((e) => [e.classList.contains('box') ? e.title.split(': ')[0] : e.title, e.placeholder, e.alt]"
        "  .filter(Boolean).join(' '));"
        "return clone.innerText + ' ' + extra.join(' ');"
    ))  # fmt: skip


def fetch(driver: webdriver.Chrome, downloads: Path, suffix: str) -> Path:
    # a redaction of the sample letter takes seconds; the wait allows for a loaded second test worker
    def offered_or_failed(d: webdriver.Chrome) -> bool:
        shown = [e for e in d.find_elements(By.ID, "error") if e.is_displayed() and e.text.strip()]
        return bool(shown or d.find_elements(By.CSS_SELECTOR, f"#outputs a[download$='{suffix}']"))

    try:
        WebDriverWait(driver, 240, ignored_exceptions=(StaleElementReferenceException,)).until(offered_or_failed)
        link = WebDriverWait(driver, 10).until(
            ready.element_to_be_clickable((By.CSS_SELECTOR, f"#outputs a[download$='{suffix}']"))
        )
    except TimeoutException:
        said = driver.find_element(By.TAG_NAME, "body").text[:2000]
        raise SystemExit(f"no {suffix} link; the page said: {said}") from None
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


def english_flow(driver: webdriver.Chrome, url: str, base: str, work: Path, shots: Path,
                 result: dict[str, object], overflow: dict[str, object], taken: list[str]) -> None:  # fmt: skip
    downloads = work / "downloads"
    driver.get(url)
    result["html_lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    layout(driver, "en-index", shots, overflow, taken)

    upload(driver, base, "searchable", "pdf")
    WebDriverWait(driver, 30).until(ready.presence_of_element_located((By.ID, "job")))
    pdf = fetch(driver, downloads, ".pdf")
    result["searchable_name"] = pdf.name
    layout(driver, "en-results", shots, overflow, taken)
    result["searchable_pdf_text"] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                   text=True).stdout  # fmt: skip
    upload(driver, base, "ocr", "txt")
    result["txt"] = fetch(driver, downloads, ".txt").read_text(encoding="utf-8")

    upload(driver, base, "redact", "pdf")
    WebDriverWait(driver, 180).until(ready.presence_of_element_located((By.ID, "apply")))
    layout(driver, "en-review", shots, overflow, taken)
    boxes = driver.find_elements(By.CSS_SELECTOR, ".box[data-id]")
    email = next(b for b in boxes if b.get_attribute("data-rule") == "pii-intl.email")
    result["email_title"] = email.get_attribute("title")
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


def chinese_flow(driver: webdriver.Chrome, url: str, base: str, work: Path, shots: Path,
                 result: dict[str, object], overflow: dict[str, object], taken: list[str]) -> None:  # fmt: skip
    downloads = work / "downloads"
    texts: dict[str, str] = {}
    driver.get(url)
    result["html_lang"] = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
    texts["index"] = visible_text(driver)
    layout(driver, "zh-index", shots, overflow, taken)
    driver.find_element(By.CSS_SELECTOR, "input[name=task][value='redact']").click()
    texts["index-redact"] = visible_text(driver)
    layout(driver, "zh-index-redact", shots, overflow, taken)

    locked = work / "合同.pdf"  # an encrypted PDF: the page asks for its password, then reads it
    with pikepdf.open(io.BytesIO(img2pdf.convert(str(LETTER)))) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user=SECRET, owner=SECRET + "-owner"))
    upload(driver, base, "searchable", "pdf", "eng", locked)
    field = WebDriverWait(driver, 120).until(ready.visibility_of_element_located((By.ID, "password-input")))
    texts["password"] = visible_text(driver)
    layout(driver, "zh-password", shots, overflow, taken)
    field.send_keys(SECRET)
    driver.find_element(By.ID, "password-go").click()
    opened = fetch(driver, downloads, ".pdf")
    result["opened_name"] = opened.name
    result["opened_text"] = subprocess.run(["pdftotext", str(opened), "-"], capture_output=True, text=True).stdout

    upload(driver, base, "redact", "pdf", "auto", NOTICE, "张伟")
    WebDriverWait(driver, 30).until(ready.presence_of_element_located((By.ID, "job")))
    texts["job"] = visible_text(driver)
    WebDriverWait(driver, 240).until(ready.presence_of_element_located((By.ID, "apply")))
    texts["review"] = visible_text(driver)
    layout(driver, "zh-review", shots, overflow, taken)
    result["review_items"] = [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".findings li")]
    driver.find_element(By.ID, "apply").click()
    redacted = fetch(driver, downloads, ".pdf")
    texts["results"] = visible_text(driver)
    layout(driver, "zh-results", shots, overflow, taken)
    result["redacted_name"] = redacted.name
    read = subprocess.run([sys.executable, "-m", "sandbox", "ocr", str(redacted), "--force-ocr", "-q", "-l",
                           "chi_sim+eng", "--isolation", "none"], capture_output=True, text=True).stdout  # fmt: skip
    result["redacted_text"] = read
    result["texts"] = texts


def main() -> int:
    work = Path(sys.argv[1])
    language = sys.argv[2] if len(sys.argv) > 2 else "en"
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
        driver = browser(downloads, "zh-CN,zh" if language == "zh" else "en-US,en")
        flow = chinese_flow if language == "zh" else english_flow
        flow(driver, url, base, work, shots, result, overflow, taken)
    finally:
        if driver is not None:
            driver.quit()
        serve.terminate()
        serve.wait(timeout=30)
    result["overflow"] = overflow
    result["screenshots"] = taken
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
