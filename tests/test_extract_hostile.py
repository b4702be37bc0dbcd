"""Hostile born-digital files: each stopped within its limit with its typed error (exit code),
nothing fetched, nothing run, nothing left behind.  The readers are called directly (fast);
a few go through the real CLI and its sandbox (slow)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from sandbox.errors import ExitCode, InputError, LimitError, SandboxError
from sandbox.extract import read, sniff
from sandbox.limits import Limits
from sandbox.models import InputKind
from tests import extract_docs
from tests.conftest import run_cli
from tests.extract_docs import LAUGHS, SETTINGS_RELS, XXE


def _read(path: Path, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    kind = sniff(path)
    assert kind is not None
    return read(path, kind, path.name, limits or Limits(), path.parent)


def _code(path: Path, limits: Limits | None = None) -> int:
    try:
        _read(path, limits)
    except SandboxError as exc:
        assert "\n" not in exc.message and exc.message.startswith(path.name)
        return int(exc.exit_code)
    return 0


def test_zip_bomb_refused_by_declared_size(tmp_path: Path) -> None:
    base = extract_docs.word(tmp_path / "base.docx")
    bomb = extract_docs.ooxml_with(tmp_path / "bomb.docx", base, {"word/media/zeros.bin": b"\0" * (3 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000
    assert _code(bomb, Limits(max_unpacked_mb=2)) == ExitCode.LIMIT
    assert _code(bomb) == 0  # under the default limit it is an ordinary document


def test_too_many_members_refused(tmp_path: Path) -> None:
    base = extract_docs.workbook(tmp_path / "base.xlsx")
    many = extract_docs.ooxml_with(tmp_path / "many.xlsx", base, {f"xl/junk/{n}.bin": b"" for n in range(300)})
    assert _code(many, Limits(max_parts=200)) == ExitCode.LIMIT


@pytest.mark.parametrize("payload", [XXE, LAUGHS + b"<w:document/>"], ids=["xxe", "billion-laughs"])
def test_dtd_in_an_ooxml_part_refused(tmp_path: Path, payload: bytes) -> None:
    base = extract_docs.word(tmp_path / "base.docx")
    bad = extract_docs.ooxml_with(tmp_path / "bad.docx", base, {"word/document.xml": payload})
    assert _code(bad) == ExitCode.INPUT


def test_html_entities_never_expanded_nor_fetched(tmp_path: Path) -> None:
    page = tmp_path / "laughs.html"
    page.write_bytes(LAUGHS + b'<html><body><p>&d;</p><img src="http://127.0.0.1:9/x.png"></body></html>')
    found = _read(page)
    text = " ".join(r.text for r in found.parts[0].regions)
    assert "hahaha" not in text
    assert any("remote pictures" in n for n in found.notices)


def test_deep_html_nesting_is_bounded(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 5000 + "</body></html>")
    assert _code(page) in (0, ExitCode.INPUT)


def test_remote_template_and_macros_noted_not_used(tmp_path: Path) -> None:
    base = extract_docs.word(tmp_path / "base.docx")
    extra = {"word/_rels/settings.xml.rels": SETTINGS_RELS, "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"}
    bad = extract_docs.ooxml_with(tmp_path / "template.docx", base, extra)
    found = _read(bad)
    assert "a remote template (not fetched)" in found.notices and "macros (never run)" in found.notices
    assert not any("127.0.0.1" in n for n in found.notices)


def test_encrypted_ooxml_named(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    )
    assert sniff(path) is InputKind.DOCX
    with pytest.raises(InputError, match="encrypted"):
        _read(path)


def test_mail_with_too_many_attachments_refused(tmp_path: Path) -> None:
    """(2,000 attachments against the default limit: tests/hostile.py, through the CLI.)"""
    many = [(f"a{n}.txt", b"x", "text/plain") for n in range(60)]
    path = extract_docs.mail(tmp_path / "many.eml", many)
    with pytest.raises(LimitError, match="max-attachments"):
        _read(path, Limits(max_attachments=50))
    assert len(_read(path).parts) == 61  # under the default limit: each attachment a part


def test_mail_nesting_bounded(tmp_path: Path) -> None:
    inner = extract_docs.mail(tmp_path / "m0.eml")
    for n in range(1, 6):
        inner = extract_docs.mail(tmp_path / f"m{n}.eml", [(f"m{n - 1}.eml", inner.read_bytes(), "message/rfc822")])
    with pytest.raises(LimitError, match="max-nesting"):
        _read(inner, Limits(max_nesting=3))
    assert list(tmp_path.glob("attachment-*")) == []


def test_damaged_containers_are_input_errors(tmp_path: Path) -> None:
    base = extract_docs.word(tmp_path / "base.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(base[: len(base) // 2])
    assert sniff(cut) is None or _code(cut) == ExitCode.INPUT
    nodoc = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(nodoc, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/x.txt", "x")
    assert _code(nodoc) == ExitCode.INPUT


@pytest.mark.slow
def test_hostile_office_files_through_the_cli(tmp_path: Path) -> None:
    """The real CLI in its sandbox: exit codes, one line, no leftovers, the input untouched."""
    base = extract_docs.word(tmp_path / "base.docx")
    cases = {
        extract_docs.ooxml_with(tmp_path / "xxe.docx", base, {"word/document.xml": XXE}): ExitCode.INPUT,
        extract_docs.ooxml_with(
            tmp_path / "bomb.docx", base, {"word/media/z.bin": b"\0" * (3 * 1024 * 1024)}
        ): ExitCode.LIMIT,
        extract_docs.mail(
            tmp_path / "many.eml", [(f"{n}.txt", b"x", "text/plain") for n in range(300)]
        ): ExitCode.LIMIT,
    }
    secret = tmp_path / "secret.docx"
    secret.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))
    cases[secret] = ExitCode.INPUT
    work = tmp_path / "work"
    work.mkdir()
    for path, code in cases.items():
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        out = tmp_path / f"out-{path.stem}"
        res = run_cli(["ocr", "--limit", "max-unpacked=2", "-o", str(out), "--to", "md", str(path)],
                      env={"SANDBOX_TMPDIR": str(work)})  # fmt: skip
        assert res.code == code, (path.name, res.stderr)
        errors = [line for line in res.stderr.splitlines() if line.startswith("sandbox: error:")]
        assert len(errors) == 1 and "Traceback" not in res.stderr
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert list(work.iterdir()) == []
        assert not out.exists() or list(out.iterdir()) == []


def test_links_to_a_loopback_canary_are_never_fetched(tmp_path: Path) -> None:
    """A listener on loopback (the only address a test may use) sees no connection while
    documents that point at it are read: remote template, linked picture, HTML picture,
    style sheet and frame."""
    import socket

    canary = socket.socket()
    canary.bind(("127.0.0.1", 0))
    canary.listen(8)
    canary.settimeout(0.5)
    url = f"http://127.0.0.1:{canary.getsockname()[1]}"
    rels = SETTINGS_RELS.replace(b"http://127.0.0.1:9", url.encode())
    base = extract_docs.word(tmp_path / "base.docx")
    docx = extract_docs.ooxml_with(tmp_path / "linked.docx", base, {"word/_rels/settings.xml.rels": rels})
    page = tmp_path / "linked.html"
    page.write_text(f'<html><head><link rel="stylesheet" href="{url}/s.css"></head><body><p>x</p>'
                    f'<img src="{url}/p.png" alt="p"><iframe src="{url}/f"></iframe></body></html>')  # fmt: skip
    try:
        assert "a remote template (not fetched)" in _read(docx).notices
        assert "remote pictures (not fetched)" in _read(page).notices
        with pytest.raises(TimeoutError):
            canary.accept()
    finally:
        canary.close()


@pytest.mark.slow
def test_a_parse_over_the_memory_cap_is_refused(tmp_path: Path) -> None:
    """The reader runs in a worker under ``max-memory``: a document whose parse needs more is
    refused with exit 7 and nothing is written."""
    from docx import Document

    doc = Document()
    for n in range(3000):
        doc.add_paragraph(f"Paragraph {n} of a long report about the depot move and its budget.")
    doc.save(str(tmp_path / "long.docx"))
    out = tmp_path / "long.md"
    res = run_cli(["convert", str(tmp_path / "long.docx"), "--limit", "max-memory=120", "-o", str(out)])
    assert res.code == ExitCode.LIMIT and "max-memory" in res.stderr and not out.exists()
    res = run_cli(["convert", str(tmp_path / "long.docx"), "-o", str(out)])
    assert res.code == 0 and "Paragraph 2999" in out.read_text()
