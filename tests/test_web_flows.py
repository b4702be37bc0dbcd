"""Issue 28: the page's flows with the real CLI (in process; jobs run in the sandbox):
an encrypted PDF opened with its password typed on the page, and a redaction of typed terms
whose review lists everything that is then burned."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import img2pdf
import pikepdf
import pytest
from starlette.testclient import TestClient

from sandbox.web import i18n, jobs
from sandbox.web.app import Guard, create_app
from sandbox.web.jobs import JobStore
from tests.conftest import SAMPLES

HOST = "127.0.0.1:8765"
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
SECRET = "kestrel-Ω-42"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, JobStore, str]]:
    store = JobStore(tmp_path / "jobs", "auto")
    guard = Guard(frozenset({HOST}), "the-token")
    client = TestClient(create_app(store, guard, 20_000_000), base_url=f"http://{HOST}")
    res = client.get("/?token=the-token", follow_redirects=False)
    client.cookies.set("sbx_session", res.cookies["sbx_session"])
    csrf = client.get("/").text.split('data-csrf="', 1)[1].split('"', 1)[0]
    yield client, store, csrf


def _wait(client: TestClient, job: str, states: tuple[str, ...]) -> dict[str, object]:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        data = client.get(f"/jobs/{job}/status", headers=ZH).json()
        if data["state"] in states:
            return dict(data)
        time.sleep(0.25)
    raise AssertionError("the job did not finish")


def _encrypted_pdf() -> bytes:
    plain = img2pdf.convert(str(SAMPLES / "letter_en.png"))
    buf = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        pdf.save(buf, encryption=pikepdf.Encryption(user=SECRET, owner=SECRET + "-owner"))
    return buf.getvalue()


@pytest.mark.slow
def test_an_encrypted_pdf_is_opened_with_the_password_typed_on_the_page(
    site: tuple[TestClient, JobStore, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store, csrf = site
    argvs: list[list[str]] = []
    real = jobs._cli

    def recorded(args: list[str], isolation: str, on_progress: Callable[[int, int], None] | None = None) -> Any:
        argvs.append(list(args))
        return real(args, isolation, on_progress)

    monkeypatch.setattr(jobs, "_cli", recorded)
    files = {"files": ("合同.pdf", _encrypted_pdf(), "application/pdf")}
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "searchable", "format": "pdf", "lang": "eng"},
                      files=files, follow_redirects=False)  # fmt: skip
    job = res.headers["location"].rsplit("/", 1)[-1]
    data = _wait(client, job, ("done", "failed"))
    assert data["state"] == "failed" and data["needs_password"] is True, data
    files_status = data["files"]
    assert isinstance(files_status, list)
    assert files_status[0]["reason"] == i18n.catalogues()["zh-Hans"].messages["reason.encrypted"]
    shown = json.dumps(data, ensure_ascii=False)
    assert "in/001" not in shown and "--password" not in shown and "001.pdf" not in shown
    page = client.get(f"/jobs/{job}", headers=ZH).text
    assert 'type="password"' in page and f"/jobs/{job}/password?csrf=" in page
    assert client.post(f"/jobs/{job}/password", data={"password": SECRET}).status_code == 403  # CSRF still holds
    res = client.post(f"/jobs/{job}/password?csrf={csrf}", data={"password": SECRET}, follow_redirects=False)
    assert res.status_code == 303 and SECRET not in res.headers["location"]
    data = _wait(client, job, ("done", "failed"))
    assert data["state"] == "done", data
    outputs = data["outputs"]
    assert isinstance(outputs, list) and outputs[0]["name"] == "合同-searchable.pdf"
    folder = store.root / job
    assert not (folder / "password").exists()  # gone after the run
    assert any("--password-file" in argv for argv in argvs) and not any(SECRET in " ".join(a) for a in argvs)
    assert not [p for p in folder.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    pdf = client.get(f"/jobs/{job}/files/{outputs[0]['path']}").content
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Harrowgate" in text


@pytest.mark.slow
def test_a_redaction_of_typed_terms_burns_what_the_review_lists(
    site: tuple[TestClient, JobStore, str], tmp_path: Path
) -> None:
    client, _, csrf = site
    files = {"files": ("通知.png", (SAMPLES / "notice_zh_hans.png").read_bytes(), "image/png")}
    form = {"task": "redact", "format": "pdf", "lang": "auto", "terms": "张伟\n\n", "packs": ["markings", "pii-cn"]}
    res = client.post(f"/jobs?csrf={csrf}", data=form, files=files, follow_redirects=False)
    job = res.headers["location"].rsplit("/", 1)[-1]
    assert _wait(client, job, ("review", "failed"))["state"] == "review"
    review = client.get(f"/jobs/{job}", headers=ZH).text
    listed = review.split('<ul class="findings">', 1)[1].split("</ul>", 1)[0]
    for label in ("您输入的词语", "密级标志", "身份证号", "手机号码"):
        assert label in listed, label
    assert "张伟" in listed and "13812345678" in listed and "机密" in listed
    assert "pii-cn.id" not in listed.replace('data-rule="pii-cn.id"', "")  # ids only as data, never shown
    assert "zhangwei@example.cn" not in listed  # the e-mail pack was not ticked
    res = client.post(f"/jobs/{job}/apply", json={"decisions": {}, "boxes": []}, headers={"X-CSRF-Token": csrf})
    assert res.status_code == 200
    data = _wait(client, job, ("done", "failed"))
    assert data["state"] == "done", data
    outputs = data["outputs"]
    assert isinstance(outputs, list) and [o["name"] for o in outputs] == ["redacted-001.pdf"]  # no name leaks
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(client.get(f"/jobs/{job}/files/{outputs[0]['path']}").content)
    read = subprocess.run([sys.executable, "-m", "sandbox", "ocr", str(pdf), "--force-ocr", "-q", "-l", "chi_sim+eng",
                           "--isolation", "none"], capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = read.replace(" ", "")
    assert "安全检查" in flat  # the rest of the notice is still there
    for burned in ("张伟", "13812345678", "110105198806052715", "机密"):
        assert burned not in flat, burned


@pytest.mark.slow
def test_a_file_that_is_no_document_says_why_in_the_visitors_language(site: tuple[TestClient, JobStore, str]) -> None:
    client, _, csrf = site
    files = [("files", ("archive.bin", b"\x00\x01\x02 not a document \x00", "application/octet-stream")),
             ("files", ("scan.png", (SAMPLES / "letter_en.png").read_bytes(), "image/png")),
             ("files", ("notes", "会议纪要：仓库将于春季迁往港口。".encode("gb18030") * 4, "text/plain")),
             ("files", ("table.csv", b"Name,Desk\nLena,12\n", "text/csv"))]  # fmt: skip
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"}, files=files,
                      follow_redirects=False)  # fmt: skip
    job = res.headers["location"].rsplit("/", 1)[-1]
    data = _wait(client, job, ("done", "failed"))
    entries = data["files"]
    assert isinstance(entries, list) and data["state"] == "done"
    skipped, read, text, table = entries  # text without an extension and CSV are read (issue 32)
    assert skipped["state"] in ("skipped", "failed") and read["state"] == "done" and read["reason"] == ""
    assert (text["state"], table["state"]) == ("done", "done"), entries
    zh = i18n.catalogues()["zh-Hans"].messages
    assert skipped["reason"] in (zh["reason.skipped"], zh["reason.unsupported"])
    assert skipped["state_text"] in (zh["badge.skipped"], zh["badge.failed"])
    too_many = [("files", (f"{n}.png", b"x", "image/png")) for n in range(51)]
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"}, files=too_many,
                      headers=ZH)  # fmt: skip
    assert res.status_code == 400 and "最多 50 个文件" in res.text and "<main>" in res.text
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"},
                      files={"files": ("blob.bin", b"\x00\xff\x00", "application/octet-stream")},
                      follow_redirects=False)  # fmt: skip
    data = _wait(client, res.headers["location"].rsplit("/", 1)[-1], ("done", "failed"))
    assert data["state"] == "failed" and data["error"] == zh["reason.no_documents"], data


@pytest.mark.slow
def test_a_long_job_shows_pages_done_out_of_all(site: tuple[TestClient, JobStore, str]) -> None:
    client, _, csrf = site
    files = {"files": ("report.pdf", (SAMPLES / "report_scanned.pdf").read_bytes(), "application/pdf")}
    res = client.post(f"/jobs?csrf={csrf}", data={"task": "ocr", "format": "txt", "lang": "eng"}, files=files,
                      follow_redirects=False)  # fmt: skip
    job = res.headers["location"].rsplit("/", 1)[-1]
    seen: set[tuple[int, int]] = set()
    shown: set[str] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        data = client.get(f"/jobs/{job}/status", headers=ZH).json()
        seen.add(tuple(data["pages"]))
        shown.add(data["progress"])
        if data["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert data["state"] == "done", data
    assert (2, 2) in seen and {total for _, total in seen} <= {0, 2}, seen  # the CLI's count, as it came
    assert any(text.startswith("已处理第 ") and text.endswith(" / 2 页") for text in shown), shown
    assert "已处理" in data["progress"] and "1 / 1 个文件" in data["progress"]
