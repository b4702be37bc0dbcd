"""Issue 15: the local web page.  Security in process (Starlette's test client: no sockets);
the jobs run the real CLI in bubblewrap; the browser tests are in ``tests/web_browser.py``."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from sandbox.web.app import CSP, Guard, create_app
from sandbox.web.jobs import JobStore
from tests.conftest import ROOT, SAMPLES

HOST = "127.0.0.1:8765"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, Guard, JobStore]]:
    store = JobStore(tmp_path / "jobs", "auto")
    guard = Guard(frozenset({HOST, "localhost:8765"}), "the-token")
    client = TestClient(create_app(store, guard, 5_000_000), base_url=f"http://{HOST}")
    yield client, guard, store


def _login(client: TestClient) -> str:
    res = client.get("/?token=the-token", follow_redirects=False)
    assert res.status_code == 303 and "sbx_session" in res.cookies
    client.cookies.set("sbx_session", res.cookies["sbx_session"])
    page: str = client.get("/").text
    return page.split('data-csrf="', 1)[1].split('"', 1)[0]


def _wait(client: TestClient, job: str, states: tuple[str, ...] = ("done", "failed")) -> dict[str, object]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        data = client.get(f"/jobs/{job}/status").json()
        if data["state"] in states:
            return dict(data)
        time.sleep(0.2)
    raise AssertionError("the job did not finish")


def test_the_page_refuses_without_the_token_and_the_token_works_once(site: tuple[TestClient, Guard, JobStore]) -> None:
    client, _, _ = site
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    _login(client)
    assert client.get("/").status_code == 200
    other = TestClient(client.app, base_url=f"http://{HOST}")
    assert other.get("/?token=the-token").status_code == 403  # used already


def test_foreign_host_origin_and_missing_csrf_are_refused(site: tuple[TestClient, Guard, JobStore]) -> None:
    client, _, _ = site
    csrf = _login(client)
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 421  # DNS rebinding
    files = {"files": ("a.png", (SAMPLES / "letter_en.png").read_bytes(), "image/png")}
    form = {"task": "ocr", "format": "txt", "lang": "eng"}
    assert client.post("/jobs", data=form, files=files).status_code == 403  # no CSRF token
    assert client.post("/jobs?csrf=nope", data=form, files=files).status_code == 403
    evil = {"Origin": "http://evil.example"}
    assert client.post(f"/jobs?csrf={csrf}", data=form, files=files, headers=evil).status_code == 403
    res = client.get("/")
    assert res.headers["content-security-policy"] == CSP and "'unsafe-inline'" not in CSP
    assert res.headers["x-frame-options"] == "DENY" and "access-control-allow-origin" not in res.headers
    assert "<script>" not in res.text.replace('<script src="/static/app.js" defer></script>', "")


@pytest.mark.slow
def test_an_upload_runs_in_the_sandbox_and_names_cannot_escape(
    site: tuple[TestClient, Guard, JobStore], tmp_path: Path
) -> None:
    client, _, store = site
    csrf = _login(client)
    hostile = "../../../../../tmp/pwned-<img src=x onerror=alert(1)>&.png"
    files = {"files": (hostile, (SAMPLES / "letter_en.png").read_bytes(), "image/png")}
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"}, files=files,
                      follow_redirects=False)  # fmt: skip
    assert res.status_code == 303
    job = res.headers["location"].rsplit("/", 1)[-1]
    page = client.get(f"/jobs/{job}").text
    assert "<img src=x" not in page and "pwned-img src=x onerror=alert(1)&amp;.png" in page  # no path, escaped
    assert not list(Path("/tmp").glob("pwned-*"))
    assert [p.name for p in (store.root / job / "in").iterdir()] == ["001.png"]  # stored under our name
    data = _wait(client, job)
    assert data["state"] == "done", data
    outputs = data["outputs"]
    assert isinstance(outputs, list) and len(outputs) == 1
    text = client.get(f"/jobs/{job}/files/{outputs[0]['path']}")
    assert "Harrowgate" in text.text and ".txt" in text.headers["content-disposition"]
    assert client.get(f"/jobs/{job}/files/../../etc/passwd").status_code == 404


@pytest.mark.slow
def test_web_jobs_run_inside_bubblewrap(tmp_path: Path) -> None:
    """The page's jobs are the CLI's: a job's processes sit in a bubblewrap sandbox with every
    namespace unshared (the canary test of test_isolation proves that sandbox has no network)."""
    serve = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "serve", "--port", "0"], stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert serve.stderr is not None
        url = next(line.split("open: ", 1)[1].strip() for line in serve.stderr if line.startswith("open: "))
        base = url.split("/?", 1)[0]
        import httpx

        with httpx.Client(base_url=base, follow_redirects=False, trust_env=False) as http:
            first = http.get(url)
            http.cookies.set("sbx_session", first.cookies["sbx_session"])
            csrf = http.get("/").text.split('data-csrf="', 1)[1].split('"', 1)[0]
            big = (SAMPLES / "report_scanned.pdf").read_bytes()
            res = http.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"},
                            files={"files": ("r.pdf", big, "application/pdf")})  # fmt: skip
            job = res.headers["location"].rsplit("/", 1)[-1]
            seen: set[str] = set()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and http.get(f"/jobs/{job}/status").json()["state"] != "done":
                seen |= {" ".join(_cmdline(pid)) for pid in _descendants(serve.pid) if _cmdline(pid)[:1] == ["bwrap"]
                         or _cmdline(pid)[:1] == ["/usr/bin/bwrap"]}  # fmt: skip
                time.sleep(0.05)
        assert any("--unshare-all" in cmd and "--cap-drop" in cmd for cmd in seen), seen
    finally:
        serve.terminate()
        serve.wait(timeout=30)


def _descendants(root: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out += kids.get(pid, [])
        todo += kids.get(pid, [])
    return out


def _cmdline(pid: int) -> list[str]:
    try:
        return [p for p in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0") if p]
    except OSError:
        return []


@pytest.fixture
def private_netns() -> Iterator[str]:
    """A network namespace of our own with only loopback: the browser cannot reach anything else."""
    if os.getuid() != 0:
        pytest.skip("creating a network namespace needs root (CI runs as root)")
    name = f"sbxweb-{uuid.uuid4().hex[:8]}"
    subprocess.run(["ip", "netns", "add", name], check=True, capture_output=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True, capture_output=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False, capture_output=True)


def _browse(netns: str, tmp_path: Path, language: str) -> dict[str, Any]:
    proc = subprocess.run(
        ["ip", "netns", "exec", netns, sys.executable, str(ROOT / "tests" / "web_browser.py"), str(tmp_path), language],
        capture_output=True, text=True, timeout=900, env={**os.environ, "SE_OFFLINE": "true"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-4000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["overflow"] == {}, result["overflow"]  # nothing wider than the window
    assert {Path(shot).name.rsplit("-", 1)[-1] for shot in result["screenshots"]} == {"desktop.png", "phone.png"}
    for shot in result["screenshots"]:
        assert Path(shot).stat().st_size > 5000
    return result


@pytest.mark.slow
def test_the_page_in_a_real_browser(private_netns: str, tmp_path: Path) -> None:
    """Chromium (Debian's, driven by Selenium, asking for English) in a network namespace with
    only loopback: upload a scan and download its searchable PDF and text; redact with review
    (one finding kept, one box drawn); layout checked at 1280x800 and 390x844."""
    result = _browse(private_netns, tmp_path, "en")
    assert result["html_lang"] == "en"
    assert "Harrowgate" in result["searchable_pdf_text"] and "Harrowgate" in result["txt"]
    assert result["searchable_name"] == "letter_en-searchable.pdf"
    assert result["email_title"].startswith("E-mail address: ")
    assert result["kept_visible"] and not result["redacted_visible"]
    assert result["added_box_dark"] > 0.9  # the drawn box is burnt in
    assert result["verify_code"] == 0


@pytest.mark.slow
def test_the_page_in_chinese_in_a_real_browser(private_netns: str, tmp_path: Path) -> None:
    """Chromium asking for Chinese: every page in Chinese (no English word of the catalogue, no
    key), a Chinese notice redacted with a typed name: the review lists it with the other kinds,
    and none of them can be read in the result."""
    from tests.test_web_i18n import english_leftovers

    result = _browse(private_netns, tmp_path, "zh")
    assert result["html_lang"] == "zh-Hans"
    for name, text in result["texts"].items():
        assert not english_leftovers(f"<p>{html.escape(text)}</p>"), (name, english_leftovers(f"<p>{text}</p>"))
    assert "扫描件转 Word" in result["texts"]["index"] and "要查找的词语" in result["texts"]["index-redact"]
    assert "这个 PDF 设有密码" in result["texts"]["password"] and "需要密码" in result["texts"]["password"]
    assert result["opened_name"] == "合同-searchable.pdf" and "Harrowgate" in result["opened_text"]
    items = " ".join(result["review_items"])
    for label in ("您输入的词语", "密级标志", "身份证号", "手机号码", "电子邮件"):
        assert label in items, label
    assert "张伟" in items and result["redacted_name"] == "redacted-001.pdf"
    burned = result["redacted_text"].replace(" ", "")
    assert "安全检查" in burned
    for gone in ("张伟", "13812345678", "110105198806052715", "zhangwei@example"):
        assert gone not in burned, gone
