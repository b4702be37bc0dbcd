"""Generates the corpus of broken and hostile inputs used by tests/test_hostile.py.

Every file is made here, at test time, from scratch (no file is shipped); each entry says which
exit codes are acceptable: success, or the typed error the file must produce.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image

from sandbox.errors import ExitCode
from tests.conftest import SAMPLES, text_image

OK, INPUT, LIMIT = int(ExitCode.OK), int(ExitCode.INPUT), int(ExitCode.LIMIT)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]
    codes: frozenset[int]
    args: tuple[str, ...] = ()


def _valid(fmt: str) -> bytes:
    img = text_image(["Broken input test"], size=30, width=600)
    buf = io.BytesIO()
    if fmt == "PDF":
        return (SAMPLES / "supplier_review.pdf").read_bytes()
    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
        img = img.convert("RGB")
    img.save(buf, format=fmt)
    return buf.getvalue()


FORMATS = {"png": "PNG", "jpg": "JPEG", "tif": "TIFF", "webp": "WEBP", "bmp": "BMP", "gif": "GIF", "pgm": "PPM",
           "pdf": "PDF", "heic": "HEIF", "jp2": "JPEG2000"}  # fmt: skip


def _write(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png_bomb(path: Path) -> None:
    """A PNG whose header claims 100,000 x 100,000 pixels, with a few bytes of data."""
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1000)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")
    )


def huge_gif_header(path: Path) -> None:
    path.write_bytes(b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00" + b";")


def huge_bmp_header(path: Path) -> None:
    header = b"BM" + struct.pack("<IHHI", 0, 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, 60000, 60000, 1, 24, 0, 0, 2835, 2835, 0, 0)
    path.write_bytes(header + info + b"\x00" * 100)


def big_page_pdf(path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(14400, 14400))
        pdf.save(path)


def loop_pdf(path: Path) -> None:
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type/Pages/Kids[2 0 R]/Count 1>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
    )


def broken_xref_pdf(path: Path) -> None:
    data = (SAMPLES / "supplier_review.pdf").read_bytes()
    start = data.rfind(b"startxref")
    path.write_bytes(data[:start] + b"startxref\n999999\n%%EOF\n")  # points nowhere: poppler/qpdf rebuild it


def no_xref_pdf(path: Path) -> None:
    data = (SAMPLES / "report_scanned.pdf").read_bytes()
    path.write_bytes(data.replace(b"xref", b"xxxx").replace(b"startxref", b"startxxxx"))


def encrypted_pdf(path: Path) -> None:
    with pikepdf.open(SAMPLES / "supplier_review.pdf") as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="s3cret", owner="owner", R=6))


def owner_only_pdf(path: Path) -> None:
    with pikepdf.open(SAMPLES / "supplier_review.pdf") as pdf:
        pdf.save(
            path, encryption=pikepdf.Encryption(user="", owner="owner", R=4, allow=pikepdf.Permissions(extract=False))
        )


def active_content_pdf(path: Path) -> None:
    with pikepdf.open(SAMPLES / "supplier_review.pdf") as pdf:
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        )
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array())
        pdf.attachments["x.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ payload")
        pdf.save(path)


def zero_page_pdf(path: Path) -> None:
    with pikepdf.new() as pdf:
        pdf.save(path)


def many_page_tiff(path: Path) -> None:
    frame = Image.new("1", (8, 8), 1)
    frame.save(path, save_all=True, append_images=[frame] * 2999, compression="group4")


def polyglot_jpeg_pdf(path: Path) -> None:
    path.write_bytes(_valid("JPEG") + (SAMPLES / "supplier_review.pdf").read_bytes())


def polyglot_zip_pdf(path: Path) -> None:
    buf = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "zip part")
    path.write_bytes((SAMPLES / "supplier_review.pdf").read_bytes() + buf.getvalue())


def garbage_after_eof(path: Path) -> None:
    path.write_bytes((SAMPLES / "mixed.pdf").read_bytes() + b"\x00garbage" * 1000)


def corrupt_jpeg(path: Path) -> None:
    data = bytearray(_valid("JPEG"))
    for i in range(len(data) // 2, len(data) - 2, 7):
        data[i] = 0xFF if i % 2 else 0x00
    path.write_bytes(bytes(data))


def jpx_pdf(path: Path) -> None:
    """A PDF whose page is a JPEG 2000 image (JPXDecode)."""
    import img2pdf

    buf = io.BytesIO()
    text_image(["JPEG two thousand page"]).save(buf, format="JPEG2000")
    path.write_bytes(img2pdf.convert(buf.getvalue()))


def rotated_page_pdf(path: Path) -> None:
    """A scanned page stored sideways with /Rotate 90 to show it upright."""
    import img2pdf

    buf = io.BytesIO()
    text_image(["Rotated page of the register"]).rotate(90, expand=True).save(buf, format="PNG", dpi=(300, 300))
    data = img2pdf.convert(buf.getvalue())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.pages[0].obj.Rotate = 270
        pdf.save(path)


def cases() -> list[Case]:
    out: list[Case] = []
    for ext, fmt in FORMATS.items():
        data = _valid(fmt)
        out.append(Case(f"empty.{ext}", _write(b""), frozenset({INPUT})))
        out.append(Case(f"truncated.{ext}", _write(data[: max(20, len(data) // 3)]), frozenset({INPUT, OK})))
        out.append(Case(f"header-only.{ext}", _write(data[:16]), frozenset({INPUT})))
        out.append(Case(f"wrong-magic.{ext}", _write(b"XXXX" + data[4:]), frozenset({INPUT})))
        out.append(Case(f"misnamed-{ext}.txt", _write(data), frozenset({OK})))  # decided by content
    for cut in (0.1, 0.5, 0.9):
        data = (SAMPLES / "report_scanned.pdf").read_bytes()
        out.append(Case(f"cut-{int(cut * 100)}.pdf", _write(data[: int(len(data) * cut)]), frozenset({INPUT, OK})))
    out += [
        Case("bomb.png", png_bomb, frozenset({LIMIT})),
        Case("huge-header.gif", huge_gif_header, frozenset({LIMIT, INPUT})),
        Case("huge-header.bmp", huge_bmp_header, frozenset({LIMIT, INPUT})),
        Case("big-page.pdf", big_page_pdf, frozenset({LIMIT})),
        Case("page-tree-loop.pdf", loop_pdf, frozenset({INPUT, OK})),
        Case("broken-xref.pdf", broken_xref_pdf, frozenset({OK})),
        Case("no-xref.pdf", no_xref_pdf, frozenset({OK})),
        Case("encrypted.pdf", encrypted_pdf, frozenset({INPUT})),
        Case("encrypted-with-password.pdf", encrypted_pdf, frozenset({OK}), ("--password", "s3cret")),
        Case("encrypted-wrong-password.pdf", encrypted_pdf, frozenset({INPUT}), ("--password", "nope")),
        Case("owner-password-only.pdf", owner_only_pdf, frozenset({OK})),
        Case("javascript-forms-attachment.pdf", active_content_pdf, frozenset({OK})),
        Case("zero-pages.pdf", zero_page_pdf, frozenset({INPUT})),
        Case("3000-pages.tif", many_page_tiff, frozenset({LIMIT})),
        Case("polyglot-jpeg-pdf.jpg", polyglot_jpeg_pdf, frozenset({OK})),
        Case("polyglot-pdf-zip.pdf", polyglot_zip_pdf, frozenset({OK})),
        Case("garbage-after-eof.pdf", garbage_after_eof, frozenset({OK})),
        Case("corrupt-scan.jpg", corrupt_jpeg, frozenset({OK, INPUT})),
        Case("jpeg2000-inside.pdf", jpx_pdf, frozenset({OK})),
        Case("rotate-attribute.pdf", rotated_page_pdf, frozenset({OK})),
        Case(
            "tiny-1x1.png", lambda p: Image.new("L", (1, 1), 255).save(p), frozenset({INPUT})
        ),  # no PDF page that small
        Case("-leading-dash.png", lambda p: text_image(["dash"]).save(p), frozenset({OK})),
        Case("new\nline name.png", lambda p: text_image(["newline"]).save(p), frozenset({OK})),
        Case("x" * 240 + ".png", lambda p: text_image(["long"]).save(p), frozenset({OK})),
        *office_cases(),
    ]
    return out


def office_cases() -> list[Case]:
    """Hostile born-digital files (sandbox.extract): each refused within its limit."""
    from tests import extract_docs
    from tests.extract_docs import LAUGHS, XXE

    def based(make: Callable[[Path], Path], extra: dict[str, bytes]) -> Callable[[Path], None]:
        def write(path: Path) -> None:
            base = make(path.with_name("base" + path.suffix))
            extract_docs.ooxml_with(path, base, extra)
            base.unlink()

        return write

    def encrypted(path: Path) -> None:
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))

    def attachments(path: Path) -> None:
        extract_docs.mail(path, [(f"{n}.txt", b"x", "text/plain") for n in range(2000)])

    def nested(path: Path) -> None:
        inner = extract_docs.mail(path.with_name("m0.eml"))
        for n in range(1, 5):
            inner = extract_docs.mail(path.with_name(f"m{n}.eml"), [("m.eml", inner.read_bytes(), "message/rfc822")])
        path.write_bytes(inner.read_bytes())
        for n in range(5):
            path.with_name(f"m{n}.eml").unlink()

    def msg_attachments(path: Path) -> None:
        from tests.msg_files import Attachment, Message

        path.write_bytes(Message("x", attachments=[Attachment(f"{n}.txt", b"x") for n in range(2000)]).bytes())

    def msg_nested(path: Path) -> None:
        from tests.msg_files import Attachment, Message

        msg = Message("level 0")
        for level in range(1, 9):
            msg = Message(f"level {level}", attachments=[Attachment("fwd", message=msg)])
        path.write_bytes(msg.bytes())

    def msg_huge_stream(path: Path) -> None:
        from tests.msg_files import Message

        path.write_bytes(Message("x", body="short " * 1000).bytes(lie={"__substg1.0_1000001F": 2**31 - 16}))

    zeros = {"word/media/zeros.bin": b"\0" * (3 * 1024 * 1024)}
    return [
        Case("2000-attachments.msg", msg_attachments, frozenset({LIMIT})),
        Case("nested-8.msg", msg_nested, frozenset({LIMIT})),
        Case("huge-stream.msg", msg_huge_stream, frozenset({LIMIT})),
        Case("zip-bomb.docx", based(extract_docs.word, zeros), frozenset({LIMIT}), ("--limit", "max-unpacked=2")),
        Case(
            "many-members.xlsx",
            based(extract_docs.workbook, {f"x/{n}": b"" for n in range(300)}),
            frozenset({LIMIT}),
            ("--limit", "max-parts=200"),
        ),
        Case("xxe.docx", based(extract_docs.word, {"word/document.xml": XXE}), frozenset({INPUT})),
        Case(
            "billion-laughs.xlsx",
            based(extract_docs.workbook, {"xl/workbook.xml": LAUGHS + b"<w/>"}),
            frozenset({INPUT}),
        ),
        Case("encrypted.docx", encrypted, frozenset({INPUT})),
        Case("2000-attachments.eml", attachments, frozenset({LIMIT})),
        Case("nested-5.eml", nested, frozenset({LIMIT}), ("--limit", "max-nesting=2")),
    ]
