"""Outlook MSG e-mail: headers, the HTML / plain / RTF body, attachments read as documents of
their own (embedded messages and attached .msg files too), and hostile messages stopped within
their limits.  The files are written at test time from the specs (tests/msg_files.py); the
readers are called directly, one run goes through the real CLI and its sandbox."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sandbox.errors import ExitCode, SandboxError
from sandbox.extract import read, sniff
from sandbox.extract.document import region_lines
from sandbox.limits import Limits
from sandbox.models import InputKind
from tests import extract_docs
from tests.conftest import run_cli
from tests.msg_files import Attachment, Message, cfb

SENT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def _text(path: Path, limits: Limits | None = None) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(part titles, every line, notices) of an MSG read in process."""
    kind = sniff(path)
    assert kind is InputKind.MSG
    found = read(path, kind, path.name, limits or Limits(), path.parent)
    assert found.kind == "msg"
    lines = [line for part in found.parts for region in part.regions for line in region_lines(region)]
    return [p.title for p in found.parts], lines, found.notices


def _code(path: Path, limits: Limits | None = None) -> int:
    try:
        _text(path, limits)
    except SandboxError as exc:
        assert "\n" not in exc.message and exc.message.startswith(path.name)
        return int(exc.exit_code)
    return 0


def _write(path: Path, msg: Message, lie: dict[str, int] | None = None) -> Path:
    path.write_bytes(msg.bytes(lie))
    return path


def test_headers_and_html_body_in_its_code_page(tmp_path: Path) -> None:
    msg = Message("Quarterly figures", ("Ann Lee", "ann@example.org"), [("Bob", "bob@example.org")],
                  [("Cy", "cy@example.org")], SENT, body="the plain twin", cpid=1252,
                  html=b"<html><body><h2>Totals</h2><p>Caf\xe9 budget agreed</p></body></html>")  # fmt: skip
    titles, lines, _ = _text(_write(tmp_path / "mail.msg", msg))
    assert lines[:6] == ["Quarterly figures", "From: Ann Lee <ann@example.org>", "To: Bob <bob@example.org>",
                         "Cc: Cy <cy@example.org>", "Date: Wed, 04 Mar 2026 05:06:07 +0000", "Totals"]  # fmt: skip
    assert "Café budget agreed" in lines and "the plain twin" not in lines  # the HTML body wins
    assert titles == [""]


def test_plain_body_when_there_is_no_html(tmp_path: Path) -> None:
    msg = Message("Hello", ("", "ann@example.org"), body="First paragraph.\r\n\r\nSecond 第二段.")
    _, lines, _ = _text(_write(tmp_path / "plain.msg", msg))
    assert lines == ["Hello", "From: ann@example.org", "First paragraph.", "Second 第二段."]


@pytest.mark.slow  # LibreOffice reads the RTF
def test_rtf_only_body_decompressed_and_read(tmp_path: Path) -> None:
    import compressed_rtf

    rtf = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\pard Only the RTF body says this.\par}"
    msg = Message("RTF only", ("Ann", "ann@example.org"), rtf=compressed_rtf.compress(rtf, compressed=True))
    _, lines, _ = _text(_write(tmp_path / "rtf.msg", msg))
    assert "Only the RTF body says this." in lines


def test_attachments_each_a_document_recursively(tmp_path: Path) -> None:
    docx = extract_docs.word(tmp_path / "report.docx").read_bytes()
    attached_msg = Message("Attached as a file", body="file msg body").bytes()
    inner = Message("Inner subject", body="inner body text", attachments=[Attachment("deep.txt", b"deepest words")])
    msg = Message("Outer", body="outer body", attachments=[
        Attachment("notes.txt", b"attached words"), Attachment("report.docx", docx),
        Attachment("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), Attachment("Fwd: inner", message=inner),
        Attachment("old.msg", attached_msg)])  # fmt: skip
    titles, lines, notices = _text(_write(tmp_path / "outer.msg", msg))
    assert titles == ["", "Attachment 1: notes.txt", "Attachment 2: report.docx", "Attachment 4: Fwd: inner",
                      "Attachment 4: Fwd: inner — Attachment 1: deep.txt", "Attachment 5: old.msg"]  # fmt: skip
    for want in ("attached words", "Annual Report", "Inner subject", "deepest words", "file msg body"):
        assert want in lines
    assert notices == ("attachment 3: photo.png in a format not read here (pictures and PDFs: sandbox ocr)",)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outer.msg", "report.docx"]  # nothing left behind


def test_an_encrypted_attachment_is_named_not_the_whole_message(tmp_path: Path) -> None:
    secret = cfb({"EncryptedPackage": b"\x01" * 5000, "EncryptionInfo": b"\x02" * 200})
    msg = Message("Locked file attached", body="see the attachment", attachments=[Attachment("plan.docx", secret)])
    _, lines, notices = _text(_write(tmp_path / "locked.msg", msg))
    assert "see the attachment" in lines
    assert len(notices) == 1 and notices[0].startswith("attachment 1: plan.docx that could not be read")
    assert "encrypted" in notices[0]


def test_too_many_attachments_refused_before_reading(tmp_path: Path) -> None:
    many = _write(tmp_path / "many.msg", Message("x", attachments=[Attachment(f"{n}.txt", b"x") for n in range(250)]))
    assert _code(many) == ExitCode.LIMIT  # default 200
    assert _code(many, Limits(max_attachments=300)) == 0


def test_too_many_entries_refused(tmp_path: Path) -> None:
    many = _write(tmp_path / "entries.msg", Message("x", attachments=[Attachment(f"{n}", b"x") for n in range(150)]))
    assert _code(many, Limits(max_parts=300)) == ExitCode.LIMIT


def test_nested_messages_stop_at_the_nesting_limit(tmp_path: Path) -> None:
    msg = Message("level 0")
    for level in range(1, 8):
        msg = Message(f"level {level}", attachments=[Attachment("fwd", message=msg)])
    deep = _write(tmp_path / "deep.msg", msg)
    assert _code(deep) == ExitCode.LIMIT
    assert _code(deep, Limits(max_nesting=8)) == 0


def test_attached_msg_files_count_towards_nesting(tmp_path: Path) -> None:
    data = Message("level 0").bytes()
    for level in range(1, 6):
        data = Message(f"level {level}", attachments=[Attachment("fwd.msg", data)]).bytes()
    assert _code(_write(tmp_path / "files.msg", Message("top", attachments=[Attachment("a.msg", data)]))) == (
        ExitCode.LIMIT
    )


def test_huge_streams_refused_by_declared_size(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.msg", Message("big", attachments=[Attachment("zeros.txt", b"z" * (2 * 1024 * 1024))]))
    assert _code(big, Limits(max_unpacked_mb=1)) == ExitCode.LIMIT
    assert _code(big) == 0
    liar = _write(
        tmp_path / "liar.msg", Message("liar", body="short " * 1000), lie={"__substg1.0_1000001F": 2**31 - 16}
    )
    assert _code(liar) == ExitCode.LIMIT  # refused by what it declares, before a byte is read


def test_rtf_claiming_a_huge_size_refused_before_inflating(tmp_path: Path) -> None:
    import struct

    import compressed_rtf

    packed = bytearray(compressed_rtf.compress(rb"{\rtf1 hi\par}", compressed=True))
    struct.pack_into("<I", packed, 4, 2**31)  # raw size: 2 GiB
    assert _code(_write(tmp_path / "rtf.msg", Message("x", rtf=bytes(packed)))) == ExitCode.LIMIT


def test_damaged_compound_file_is_an_input_error(tmp_path: Path) -> None:
    good = Message("x", body="hello " * 2000).bytes()
    cut = tmp_path / "cut.msg"
    cut.write_bytes(good[: len(good) // 2])
    assert sniff(cut) in (InputKind.MSG, None)
    if sniff(cut) is InputKind.MSG:
        assert _code(cut) == ExitCode.INPUT
    noise = tmp_path / "noise.msg"
    noise.write_bytes(cfb({"__properties_version1.0": b"\xff" * 37, "__substg1.0_0037001F": b"\xff\xfe"}))
    assert _code(noise) == 0  # odd values, still a message: read what is there


@pytest.mark.slow
def test_msg_through_the_cli(tmp_path: Path) -> None:
    msg = Message("Board minutes", ("Ann", "ann@example.org"), [("Bob", "bob@example.org")], sent=SENT,
                  body="Minutes body text.", attachments=[Attachment("a.csv", b"Name,Desk\nLena,12\n")])  # fmt: skip
    path = _write(tmp_path / "minutes.msg", msg)
    out = tmp_path / "out"
    res = run_cli(["ocr", str(path), "--to", "json,md", "-o", str(out)])
    assert res.code == 0, res.stderr
    data = json.loads((out / "minutes.json").read_text())
    assert data["input_type"] == "msg" and len(data["pages"]) == 2
    md = (out / "minutes.md").read_text()
    assert "# Board minutes" in md and "Minutes body text." in md and "| Lena | 12 |" in md
    many = _write(tmp_path / "many.msg", Message("x", attachments=[Attachment(f"{n}.txt", b"x") for n in range(300)]))
    res = run_cli(["ocr", str(many)])
    assert res.code == ExitCode.LIMIT and "max-attachments" in res.stderr and "\n" not in res.stderr.strip()


def test_formats_listed_where_users_look() -> None:
    res = run_cli(["langs", "--formats"])
    assert res.code == 0 and "MSG\tread as it is (olefile)" in res.stdout and "CSV TSV TXT" in res.stdout
    helped = " ".join(run_cli(["ocr", "--help"]).stdout.split())
    assert "MSG" in helped and "CSV/TSV" in helped
    assert "printed to pages by LibreOffice" in " ".join(run_cli(["flag", "--help"]).stdout.split())
