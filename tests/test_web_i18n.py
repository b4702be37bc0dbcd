"""Issue 28: the page in Chinese and English, in plain words (in process; no sockets, no CLI)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sandbox.web import i18n
from sandbox.web.app import Guard, create_app
from sandbox.web.jobs import LANGS, PACKS, TASKS, Job, JobStore, Upload

HOST = "127.0.0.1:8765"
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}
EN = {"Accept-Language": "en-GB,en;q=0.9"}
# Names that stay as they are in a Chinese sentence (products, file types, units, the command).
KEPT = {"pdf", "word", "excel", "html", "wps", "jpg", "png", "tiff", "iban", "markdown", "mb", "http", "sandbox",
        "serve", "open", "doctor", "confidential", "zip", "office", "eml", "msg", "txt", "csv"}  # fmt: skip


class _Text(HTMLParser):
    """The words a visitor reads: text and the attributes shown (title, alt, placeholder, labels);
    the language switch (its names are in their own language) and commands in <pre> left out."""

    SHOWN = ("title", "alt", "placeholder", "aria-label")

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.skip or tag in ("pre", "script", "style") or (tag in ("a", "strong") and "lang" in values):
            self.skip += 1 if tag not in ("input", "img", "meta", "link", "br") else 0
            return
        self.words += [str(values[name]) for name in self.SHOWN if values.get(name)]

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.words.append(data)


def shown_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.words)


def english_leftovers(html: str) -> set[str]:
    """Catalogue keys and English words (of the English catalogue) on a page meant to be Chinese."""
    text = shown_text(html)
    english = i18n.catalogues()["en"].messages
    keys = {key for key in english if key in text}
    vocabulary = {w.lower() for value in english.values() for w in re.findall(r"[A-Za-z]{2,}", value)} - KEPT
    words = {w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() in vocabulary}
    return keys | words


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, JobStore]]:
    store = JobStore(tmp_path / "jobs", "auto")
    guard = Guard(frozenset({HOST}), "the-token")
    client = TestClient(create_app(store, guard, 5_000_000), base_url=f"http://{HOST}")
    res = client.get("/?token=the-token", follow_redirects=False)
    client.cookies.set("sbx_session", res.cookies["sbx_session"])
    yield client, store


def _done_job(store: JobStore, task: str = "searchable", review: bool = False) -> Job:
    """A finished job put in the store by hand (its output a few bytes), as a run leaves it."""
    folder = store.root / "j1"
    (folder / "out").mkdir(parents=True)
    (folder / "in").mkdir()
    (folder / "out" / "001.pdf").write_bytes(b"%PDF-1.7 not really\n")
    job = Job("j1", task, "pdf", "auto", folder, [Upload("001.pdf", "年度报告.pdf")], state="done")
    store.jobs[job.id] = job
    return job


def test_every_language_has_every_key() -> None:
    known = i18n.catalogues()
    assert {"en", "zh-Hans", "zh-Hant"} <= set(known)
    keys = set(known["en"].messages)
    for code, locale in known.items():
        assert set(locale.messages) == keys, (code, keys ^ set(locale.messages))
    needed = {f"task.{t}.{p}" for t in TASKS for p in ("name", "desc")}
    needed |= {f"format.{f}.{p}" for fs in TASKS.values() for f in fs for p in ("name", "desc")}
    needed |= {f"lang.{lang}" for lang in LANGS} | {f"pack.{p}.name" for p in PACKS}
    assert needed <= keys, needed - keys


def test_the_chinese_pages_show_no_english_and_no_keys(site: tuple[TestClient, JobStore]) -> None:
    client, store = site
    pages = [client.get("/", headers=ZH)]
    job = _done_job(store)
    job.state, job.reasons = "failed", {"001.pdf": "encrypted"}
    pages.append(client.get(f"/jobs/{job.id}", headers=ZH))
    pages.append(client.get("/jobs/nothing-here", headers=ZH))
    pages.append(TestClient(client.app, base_url=f"http://{HOST}").get("/", headers=ZH))  # 403, no session
    tw = {"Accept-Language": "zh-TW"}
    pages += [client.get("/", headers=tw), client.get(f"/jobs/{job.id}", headers=tw)]
    for res in pages:
        assert '<html lang="zh-Hans">' in res.text or '<html lang="zh-Hant">' in res.text
        assert english_leftovers(res.text) == set(), (res.url, english_leftovers(res.text))
    status = client.get(f"/jobs/{job.id}/status", headers=ZH).json()
    assert status["files"][0]["reason"] == i18n.catalogues()["zh-Hans"].messages["reason.encrypted"]
    assert status["needs_password"] is True
    shown = f"<p>{status['state_text']} {status['progress']} {status['files'][0]['reason']}</p>"
    assert not english_leftovers(shown) and not english_leftovers("<p>" + status["files"][0]["state_text"] + "</p>")
    assert english_leftovers("<p>Scan to Word: reason.encrypted</p>") == {"Scan", "to", "reason.encrypted"}


def test_the_english_page_is_english_and_in_plain_words(site: tuple[TestClient, JobStore]) -> None:
    client, _ = site
    page = client.get("/", headers=EN).text
    assert '<html lang="en">' in page
    for words in ("Scan to Word", "Picture to text", "Searchable PDF", "Remove hidden content",
                  "Black out sensitive information", "Detect automatically", "Chinese (Simplified)"):  # fmt: skip
        assert words in page
    assert not re.search(r"[\u4e00-\u9fff]", shown_text(page).replace("中文简体", "").replace("中文繁體", "")
                         .replace("机密, 秘密", ""))  # fmt: skip
    assert "chi_sim+eng</option>" not in page and ">docx<" not in page  # codes are values, never labels
    assert "Up to 50 files at once, each up to 4 MB" in page  # the limits, before any upload


def test_accept_language_chooses_and_the_switch_is_remembered(site: tuple[TestClient, JobStore]) -> None:
    client, _ = site
    assert "扫描件转 Word" in client.get("/", headers=ZH).text
    assert "掃描檔轉 Word" in client.get("/", headers={"Accept-Language": "zh-TW"}).text
    assert "Scan to Word" in client.get("/", headers={"Accept-Language": "fr-FR, en;q=0.5"}).text
    assert "Scan to Word" in client.get("/").text  # nothing asked: English
    switched = client.get("/?ui=zh-Hans", headers=EN)
    assert "扫描件转 Word" in switched.text and switched.cookies.get(i18n.COOKIE) == "zh-Hans"
    client.cookies.set(i18n.COOKIE, "zh-Hans")
    assert "扫描件转 Word" in client.get("/", headers=EN).text  # the choice beats the browser
    assert '?ui=en"' in client.get("/").text  # the switch on every page
    assert "Scan to Word" in client.get("/?ui=en").text
    assert 'href="/?ui=en"' in client.get("/").text and 'href="/jobs/x?ui=en"' in client.get("/jobs/x").text
    csrf = client.get("/").text.split('data-csrf="', 1)[1].split('"', 1)[0]
    refused = client.post(f"/jobs?csrf={csrf}", data={"task": "nope"}, files={"f": ("a", b"a")})
    assert refused.status_code == 400 and 'href="/?ui=en"' in refused.text  # not back to POST-only /jobs
    from starlette.requests import Request

    from sandbox.web.pages import _here

    def here(method: str, path: str) -> str:
        return _here(Request({"type": "http", "method": method, "path": path, "headers": [], "query_string": b""}))

    assert here("GET", "/jobs/abc") == "/jobs/abc" and here("POST", "/jobs") == "/"
    assert here("GET", "//evil.example/x") == "/" and here("GET", "/a/<b>") == "/"  # never a link off the site
    client.cookies.delete(i18n.COOKIE)
    assert "Scan to Word" in client.get("/?ui=klingon", headers=EN).text  # unknown: ignored


def test_refusals_and_errors_are_pages_in_the_visitors_language(site: tuple[TestClient, JobStore]) -> None:
    client, _ = site
    stranger = TestClient(client.app, base_url=f"http://{HOST}")
    res = stranger.get("/", headers=ZH)
    assert res.status_code == 403 and "sandbox serve --open" in res.text and "启动" in res.text
    assert stranger.get("/static/style.css").status_code == 200  # the refusal page is styled
    assert stranger.get("/static/other").status_code == 403
    used = stranger.get("/?token=the-token", headers=EN)
    assert used.status_code == 403 and "already been used" in used.text
    csrf = client.get("/").text.split('data-csrf="', 1)[1].split('"', 1)[0]
    big = {"files": ("big.pdf", b"x" * 5_000_001, "application/pdf")}
    form = {"task": "searchable", "format": "pdf", "lang": "auto"}
    res = client.post(f"/jobs?csrf={csrf}", data=form, files=big, headers=ZH)
    assert res.status_code == 413 and "超过 4 MB" in res.text and "<main>" in res.text
    res = client.post(f"/jobs?csrf={csrf}", data=form, files=big, headers={**EN, "Accept": "application/json"})
    assert res.status_code == 413 and "larger than 4 MB" in res.json()["error"]
    res = client.post(f"/jobs?csrf={csrf}", data={**form, "task": "redact", "format": "pdf"},
                      files={"files": ("a.pdf", b"%PDF", "application/pdf")}, headers=EN)  # fmt: skip
    assert res.status_code == 400 and "Type at least one word" in res.text
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "redact", "format": "pdf", "lang": "eng", "terms": "Kestrel",
                      "packs": ["markings"]}, headers=EN)  # fmt: skip
    assert res.status_code == 400 and "Please choose at least one file" in res.text
    assert 'value="redact" checked' in res.text and 'value="eng" selected' in res.text
    assert ">Kestrel</textarea>" in res.text
    assert 'value="markings" checked' in res.text and 'value="pii-cn">' in res.text
    assert client.get("/jobs/x/files/y", headers=ZH).status_code == 404
    for missing in (client.get("/nowhere", headers=ZH), client.get("/jobs", headers=ZH)):  # 404, 405
        assert missing.status_code in (404, 405) and "这里什么都没有" in missing.text


def test_head_does_not_use_up_the_download_and_names_say_what_they_are(site: tuple[TestClient, JobStore]) -> None:
    client, store = site
    job = _done_job(store)
    url = f"/jobs/{job.id}/files/001.pdf"
    for _ in range(3):
        head = client.head(url)
        assert (
            head.status_code == 200
            and "filename*=UTF-8''%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A-searchable.pdf"
            in (head.headers["content-disposition"])
        )
    assert job.downloaded == set()
    assert client.get(url).content.startswith(b"%PDF")
    assert job.downloaded == {"001.pdf"}
    redacted = Job("j2", "redact", "pdf", "auto", job.folder, job.uploads)
    assert redacted.download_name("redacted-001.pdf") == "redacted-001.pdf"  # names must not leak
    redacted.redaction = type(redacted.redaction)(keep_names=True)
    assert redacted.download_name("001.pdf") == "年度报告-redacted.pdf"
    word = Job("j3", "word", "docx", "auto", job.folder, job.uploads)
    assert word.download_name("001.docx") == "年度报告.docx"


def test_review_labels_are_kinds_people_know() -> None:
    from sandbox.web.pages import rule_label

    zh, en = i18n.catalogues()["zh-Hans"], i18n.catalogues()["en"]
    assert rule_label(zh, "pii-cn.id") == "身份证号" and rule_label(zh, "markings") == "密级标志"
    assert rule_label(zh, "pii-intl.email") == "电子邮件" and rule_label(zh, "pii-intl.card") == "银行卡号"
    assert rule_label(en, "pii-intl.phone") == "Phone number" and rule_label(en, "regex.3") == "Pattern from the policy"
    assert rule_label(zh, "pii-cn.something-new") == "个人信息" and rule_label(zh, "brand-new") == "敏感信息"
    import tomllib

    from sandbox.redact.detectors import detect_text  # every rule id the detectors can emit has a label

    folder = Path(detect_text.__code__.co_filename).parent
    source = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))
    rules = set(re.findall(r'\("((?:pii-cn|pii-intl|names)\.[a-z-]+)"', source)) | {"markings", "terms"}
    assert {"pii-cn.bank-card", "names.cn", "pii-intl.email"} <= rules, rules
    packs = tomllib.loads(Path(source and "sandbox/data/default-policy.toml").read_text())["packs"]
    assert rules and set(packs) <= {r.split(".")[0] for r in rules}
    for rule in rules:
        assert f"rule.{rule}" in zh.messages, rule


def test_po_reader_handles_escapes_and_continued_lines() -> None:
    text = 'msgid ""\nmsgstr "H: v\\n"\n\n# c\nmsgid "a.b"\nmsgstr ""\n"one \\"two\\"\\n"\n"three"\n'
    assert i18n.read_po(text) == {"a.b": 'one "two"\nthree'}


def test_status_long_poll_answers_when_the_job_changes(site: tuple[TestClient, JobStore]) -> None:
    """``?since=TOKEN`` waits for a change instead of the page polling in a loop: the end of a
    job is seen at once, and a stale token is answered without waiting."""
    import threading
    import time

    client, store = site
    job = _done_job(store)
    job.state = "running"
    first = client.get(f"/jobs/{job.id}/status").json()
    assert first["state"] == "running" and first["token"]
    threading.Timer(0.4, lambda: setattr(job, "state", "done")).start()
    started = time.monotonic()
    later = client.get(f"/jobs/{job.id}/status", params={"since": first["token"]}).json()
    waited = time.monotonic() - started
    assert later["state"] == "done" and later["token"] != first["token"]
    assert 0.3 < waited < 5, waited  # held until the change, answered within a step of it
    started = time.monotonic()
    assert client.get(f"/jobs/{job.id}/status", params={"since": "stale"}).json()["state"] == "done"
    assert time.monotonic() - started < 1
