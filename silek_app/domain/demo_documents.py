"""Sample requirement documents for generated demo files.

An open demo file in an officer's queue must hold what a real submission holds:
one document per mandatory requirement, so the officer can preview, accept or
flag it. Each sample says plainly that it is not a real document. It is rendered
once per requirement and kind (PDF, or JPEG where a requirement takes photos
only) and passed through the same upload check a citizen's file gets.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas

from silek_app.domain.uploads import CheckedFile, check_upload

TITLE = "DOKUMEN CONTOH"
NOTICE = (
    "Dibuat oleh generator riwayat demo SILEK untuk latihan petugas. "
    "Bukan dokumen asli dan tidak berlaku untuk keperluan apa pun."
)


@dataclass(frozen=True)
class SampleDocument:
    data: bytes
    checked: CheckedFile
    original_name: str


def sample_document(code: str, name: str, file_types: tuple[str, ...]) -> SampleDocument:
    """A valid upload for the requirement ``code``: PDF when it takes PDF, else JPEG or PNG."""
    if "pdf" in file_types:
        data, kind = _pdf(name), "pdf"
    elif "jpg" in file_types:
        data, kind = _image(name, "JPEG"), "jpg"
    else:
        data, kind = _image(name, "PNG"), "png"
    checked = check_upload(data, allowed=file_types, max_size_mb=5)
    return SampleDocument(data, checked, f"contoh-{code.lower()}.{kind}")


def _pdf(name: str) -> bytes:
    out = io.BytesIO()
    # invariant: no creation date or random id, so one requirement always gives one file.
    pdf = canvas.Canvas(out, pagesize=A4, invariant=1)
    pdf.setTitle(f"{TITLE}: {name}")
    _, height = A4
    y = height - 3 * cm
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(2.5 * cm, y, TITLE)
    pdf.setFont("Helvetica", 12)
    for line in textwrap.wrap(name, 70):
        y -= 0.8 * cm
        pdf.drawString(2.5 * cm, y, line)
    pdf.setFont("Helvetica-Oblique", 10)
    y -= 0.6 * cm
    for line in textwrap.wrap(NOTICE, 90):
        y -= 0.55 * cm
        pdf.drawString(2.5 * cm, y, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _image(name: str, fmt: str) -> bytes:
    picture = Image.new("RGB", (480, 640), (226, 232, 240))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((150, 120, 330, 360), fill=(148, 163, 184))  # a passport-photo silhouette
    draw.ellipse((195, 150, 285, 240), fill=(203, 213, 225))
    y = 400
    for line in [TITLE, *textwrap.wrap(name, 40), "", *textwrap.wrap(NOTICE, 48)]:
        draw.text((24, y), line, fill=(15, 23, 42))
        y += 18
    out = io.BytesIO()
    options = {"quality": 80} if fmt == "JPEG" else {}
    picture.save(out, format=fmt, **options)
    return out.getvalue()
