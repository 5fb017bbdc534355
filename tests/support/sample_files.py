"""Small, deterministic sample uploads: good documents and the bad ones citizens send.

Shared by the unit tests of silek_app.domain.uploads and the browser tests, which
write these bytes to disk with ``write`` and attach them to the upload widget.
Every generator is deterministic (fixed seeds, reportlab's invariant mode), so a
failing test can be reproduced byte for byte.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

MIB = 1024 * 1024
PASSWORD = "rahasia"


def valid_pdf(text: str = "Dokumen uji", pages: int = 1) -> bytes:
    """A real A4 PDF with ``pages`` pages, each showing ``text`` and its page number."""
    buffer = io.BytesIO()
    # invariant=1 fixes the creation date and document id, so the bytes never change.
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 14)
        pdf.drawString(72, 770, text)
        pdf.drawString(72, 750, f"Halaman {number} dari {pages}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _image(fmt: str, w: int, h: int, **options: object) -> bytes:
    # Gradients plus a Mandelbrot channel rather than a flat colour: the JPEG gets real
    # entropy-coded data, so truncating it actually cuts into the image. Built from
    # Pillow's generators (no per-pixel Python), so large test photos stay quick.
    red = Image.linear_gradient("L").resize((w, h))
    green = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize((w, h))
    blue = Image.effect_mandelbrot((w, h), (-2.0, -1.5, 1.0, 1.5), 64)
    buffer = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(buffer, fmt, **options)
    return buffer.getvalue()


def valid_png(w: int = 64, h: int = 64) -> bytes:
    return _image("PNG", w, h)


def valid_jpeg(w: int = 64, h: int = 64) -> bytes:
    return _image("JPEG", w, h, quality=85)


def exe_renamed() -> bytes:
    """The start of a Windows program (DOS stub + PE header), as if renamed to .pdf."""
    dos_header = b"MZ" + b"\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    dos_header = dos_header.ljust(0x3C, b"\x00") + struct.pack("<I", 0x80)
    stub = b"This program cannot be run in DOS mode.\r\r\n$"
    body = (dos_header + b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21" + stub).ljust(0x80, b"\x00")
    # PE signature, machine (x86-64) and a few zeroed header fields.
    return body + b"PE\x00\x00" + struct.pack("<HH", 0x8664, 3) + b"\x00" * 400


def html_as_image() -> bytes:
    """An HTML page (with script) that a client named foto.png."""
    return (
        b"<!DOCTYPE html>\n<html><head><title>foto</title></head>"
        b"<body><script>alert(document.cookie)</script></body></html>\n"
    )


def zip_archive() -> bytes:
    """The start of a ZIP file, which is also what a Word .docx file looks like."""
    return b"PK\x03\x04" + b"\x14\x00\x00\x00\x08\x00" + b"\x00" * 200


def gif_image() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")
    return buffer.getvalue()


def heic_photo() -> bytes:
    """The start of an iPhone HEIC photo (ISO base media ``ftyp`` box, brand heic)."""
    return struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00mif1heic" + b"\x00" * 100


def corrupt_pdf() -> bytes:
    """A PDF header followed by noise: no objects, no xref, no trailer."""
    return b"%PDF-1.7\n" + random.Random(7).randbytes(4096)


def truncated_pdf() -> bytes:
    """The first half of a real PDF, as left by an upload cut off on a weak connection."""
    data = valid_pdf(pages=3)
    return data[: len(data) // 2]


def truncated_jpeg() -> bytes:
    """The first 60 % of a real JPEG photo: the header is intact, the image data is not."""
    data = valid_jpeg(256, 256)
    return data[: len(data) * 6 // 10]


def truncated_png() -> bytes:
    data = valid_png(256, 256)
    return data[: len(data) * 6 // 10]


def encrypted_pdf(user_password: str = PASSWORD) -> bytes:
    """A one-page PDF that needs ``user_password`` to open (RC4, which pypdf does natively).

    With ``user_password=""`` only the owner password is set: the PDF is encrypted
    but opens without a password, as in any viewer.
    """
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password=user_password, owner_password="pemilik-" + user_password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def oversized_pdf(mb: float = 6) -> bytes:
    """A valid one-page PDF a little larger than ``mb`` MiB.

    The bulk is an attached file of random (incompressible) bytes, so the document
    stays well formed: a rejection can only come from the size rule.
    """
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("lampiran.bin", random.Random(11).randbytes(int(mb * MIB) + 1))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pixel_bomb_png(width: int = 10_000, height: int = 10_000) -> bytes:
    """A 1-bit greyscale PNG declaring ``width`` x ``height`` pixels, a few KB on disk.

    Built chunk by chunk because asking Pillow to create the image would allocate it.
    """
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter type 0, then all-black pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``tmp_path / name`` (for upload widgets that need a real file)."""
    path = Path(tmp_path) / name
    path.write_bytes(data)
    return path


def raw_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF assembled from raw object bodies (object n is ``objects[n - 1]``).

    The cross-reference table has correct offsets, so what a test exercises is the
    content of the objects, not pypdf's repair of a broken table.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (len(objects) + 1, root, trailer_extra)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def zero_page_pdf() -> bytes:
    """Well-formed, but the page tree is empty: nothing for an officer to read."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def cyclic_pages_pdf() -> bytes:
    """A page tree whose /Kids point back up to the root: a naive walk never ends."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def deeply_nested_pdf(depth: int = 50_000) -> bytes:
    """An object of ``depth`` nested arrays, aimed at recursive-descent parsers."""
    nested = b"[" * depth + b"]" * depth
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /X " + nested + b" >>",
        ]
    )


def page_fanout_pdf(fanout: int = 200, levels: int = 3) -> bytes:
    """A tiny page tree whose nodes list the same child ``fanout`` times per level.

    No cycle, so cycle checks miss it, but it declares fanout**levels pages (8 million
    by default) from a few KB: the PDF version of a "billion laughs" attack.
    """
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        kids = b" ".join([b"%d 0 R" % (3 + level)] * fanout)
        objects.append(
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, fanout ** (levels - level))
        )
    objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    return raw_pdf(objects)


def xref_loop_pdf() -> bytes:
    """A one-page PDF whose cross-reference /Prev points at itself (endless update chain)."""
    data = raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref_at)
