"""The issued permit as a one-page A4 PDF with a verification QR code (domain.md §5.6).

Pure layout: the caller gathers the data (PermitData) and stores the bytes. Built
with reportlab's built-in fonts and ``invariant=1``, so the same data always gives
the same bytes and the stored SHA-256 can be recomputed. The QR code is drawn from
the ``qrcode`` library's module matrix and the same area is a link annotation to
the verification page, for readers who click instead of scanning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from silek_app.domain.indonesian_format import MONTHS

GOVERNMENT = "PEMERINTAH KOTA SOLOK"
OFFICE = "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"
OFFICE_ADDRESS = "Kota Solok, Sumatera Barat"
SIGNER_POSITION = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Solok"
PLACE = "Solok"
QR_CAPTION = "Pindai untuk memeriksa keabsahan dan status izin"
ESIGN_NOTE = "Ditandatangani secara elektronik"
QR_BORDER = 4  # quiet zone, in modules, as the QR standard asks
QR_BOX = 8  # pixels per module in the embedded image: sharp when scaled, easy to decode

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
_BOLD = ParagraphStyle("bold", _BASE, fontName="Helvetica-Bold")
_BODY = ParagraphStyle("body", _BASE, alignment=TA_JUSTIFY)
_ITEM = ParagraphStyle("item", _BODY, leftIndent=16, fontSize=9.5, leading=12)
_CENTER = ParagraphStyle("center", _BASE, alignment=TA_CENTER)
_HEAD1 = ParagraphStyle("head1", _BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
_HEAD2 = ParagraphStyle("head2", _BOLD, fontSize=11.5, leading=14, alignment=TA_CENTER)
_TITLE = ParagraphStyle("title", _BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
_SMALL = ParagraphStyle("small", _BASE, fontSize=8, leading=10)
_SMALL_CENTER = ParagraphStyle("small_center", _SMALL, alignment=TA_CENTER)
_MARGIN = 2.0 * cm
_WIDTH = A4[0] - 2 * _MARGIN - 12  # the frame keeps 6 pt padding on each side
_QR_SIZE = 3.2 * cm


@dataclass(frozen=True)
class PermitData:
    number: str
    service_name: str
    product: str  # printed as the title, e.g. "Surat Izin Praktik Bidan"
    holder_name: str
    holder_nik_masked: str
    birth_place: str
    birth_date: dt.date | None
    address: str
    issued_date: dt.date
    valid_until: dt.date | None
    signer_name: str
    verification_url: str
    signer_position: str = SIGNER_POSITION
    legal_basis: tuple[str, ...] | list[str] = field(default_factory=tuple)
    profession: str | None = None
    str_number: str | None = None
    practice_place_name: str | None = None
    practice_place_address: str | None = None
    business_name: str | None = None
    business_nib: str | None = None
    business_address: str | None = None
    document_hash_note: str | None = None


def format_date(day: dt.date) -> str:
    """Indonesian date in words, e.g. 3 Desember 2031."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 -> 28/29 Feb)."""
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise ValueError("Jumlah bulan masa berlaku harus bilangan bulat tidak negatif.")
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def validity_sentence(valid_until: dt.date | None) -> str:
    if valid_until is None:
        return (
            "Izin ini berlaku selama pemegang izin masih memenuhi persyaratan sesuai "
            "ketentuan peraturan perundang-undangan."
        )
    return (
        f"Izin ini berlaku sampai dengan {format_date(valid_until)}, sepanjang pemegang "
        "izin masih memenuhi persyaratan sesuai ketentuan peraturan perundang-undangan."
    )


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR modules (True = dark) for ``url``, quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QR_BORDER, box_size=QR_BOX)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def qr_png(url: str) -> bytes:
    """The QR code as a black-and-white PNG, QR_BOX pixels per module."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QR_BORDER, box_size=QR_BOX)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().get_image().convert("L").save(out, format="PNG")
    return out.getvalue()


class _QrCode(Flowable):
    """The QR image; its area is also a link to the verification page."""

    def __init__(self, url: str, size: float = _QR_SIZE):
        super().__init__()
        self.url, self.size = url, size
        self.image = ImageReader(io.BytesIO(qr_png(url)))

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        c.drawImage(self.image, 0, 0, self.size, self.size)
        c.linkURL(self.url, (0, 0, self.size, self.size), relative=1, thickness=0)


def _p(text: str, style: ParagraphStyle = _BODY) -> Paragraph:
    # Data comes from applicants: escape it so '&' or '<' cannot break the markup.
    return Paragraph(escape(text), style)


def _grid(rows: list, widths: list[float], *extra: tuple) -> Table:
    base = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    base += [(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT")]
    base += [(f"{side}PADDING", (0, 0), (-1, -1), 1.5) for side in ("TOP", "BOTTOM")]
    return Table(rows, colWidths=widths, style=TableStyle(base + list(extra)))


def _header() -> list[Flowable]:
    lines = [_p(GOVERNMENT, _HEAD1), _p(OFFICE, _HEAD2), _p(OFFICE_ADDRESS, _SMALL_CENTER)]
    rule = _grid(
        [[lines]], [_WIDTH], ("LINEBELOW", (0, 0), (-1, -1), 1.6, colors.black),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    )  # fmt: skip
    return [rule, Spacer(1, 12)]


def holder_rows(d: PermitData) -> list[tuple[str, str]]:
    """(label, value) lines of the "MEMBERIKAN IZIN KEPADA" table; empty values left out."""
    birth = ", ".join(
        x for x in (d.birth_place, format_date(d.birth_date) if d.birth_date else "") if x
    )
    rows = [
        ("Nama", d.holder_name),
        ("NIK", d.holder_nik_masked),
        ("Tempat, tanggal lahir", birth),
        ("Alamat", d.address),
        ("Profesi", d.profession or ""),
        ("Nomor STR", d.str_number or ""),
        ("Tempat praktik", d.practice_place_name or ""),
        ("Alamat tempat praktik", d.practice_place_address or ""),
        ("Nama usaha/fasilitas", d.business_name or ""),
        ("NIB", d.business_nib or ""),
        ("Alamat usaha/fasilitas", d.business_address or ""),
    ]
    return [(label, value.strip()) for label, value in rows if value and value.strip()]


def _holder_table(d: PermitData) -> Table:
    rows = [[_p(label, _BASE), ":", _p(value, _BASE)] for label, value in holder_rows(d)]
    return _grid(
        rows, [4.6 * cm, 0.4 * cm, _WIDTH - 5.0 * cm], ("LEFTPADDING", (0, 0), (0, -1), 16)
    )


def _legal_basis(d: PermitData) -> list[Flowable]:
    if not d.legal_basis:
        return []
    items = [
        Paragraph(escape(text), _ITEM, bulletText=f"{i}.")
        for i, text in enumerate(d.legal_basis, 1)
    ]
    return [_p("Dasar:", _BOLD), Spacer(1, 2), *items, Spacer(1, 10)]


def _signature(d: PermitData) -> Table:
    qr = [_QrCode(d.verification_url), Spacer(1, 3), _p(QR_CAPTION, _SMALL_CENTER)]
    signer = [
        _p(f"Ditetapkan di {PLACE},", _BASE),
        _p(f"pada tanggal {format_date(d.issued_date)}", _BASE),
        Spacer(1, 6),
        _p(d.signer_position, _BOLD),
        Spacer(1, 6),
        _p(ESIGN_NOTE, ParagraphStyle("esign", _SMALL, textColor=colors.HexColor("#444444"))),
        Spacer(1, 6),
        _p(d.signer_name, ParagraphStyle("signer", _BOLD, underlineWidth=0.6)),
    ]
    left_w = _QR_SIZE + 1.6 * cm
    return _grid(
        [[qr, "", signer]],
        [left_w, _WIDTH - left_w - 8.2 * cm, 8.2 * cm],
        ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
        ("ALIGN", (0, 0), (0, 0), "CENTER"),
    )


def _story(d: PermitData) -> list[Flowable]:
    story: list[Flowable] = _header()
    story += [_p(d.product.upper(), _TITLE), _p(f"Nomor: {d.number}", _CENTER), Spacer(1, 12)]
    story += _legal_basis(d)
    story += [_p("MEMBERIKAN IZIN KEPADA:", _BOLD), Spacer(1, 4), _holder_table(d), Spacer(1, 10)]
    story += [_p(validity_sentence(d.valid_until)), Spacer(1, 16), _signature(d)]
    return story


def render_permit_pdf(data: PermitData) -> bytes:
    """The permit as one A4 page; identical data gives identical bytes."""
    notes = [
        f"{data.service_name} ini diterbitkan secara elektronik melalui SILEK DPMPTSP Kota "
        "Solok dan tidak memerlukan cap basah.",
        f"Keabsahan dan status izin dapat diperiksa di {data.verification_url}",
    ]
    if data.document_hash_note:
        notes.append(data.document_hash_note)
    lines = [
        part for note in notes for part in simpleSplit(note, "Helvetica", 7, A4[0] - 2 * _MARGIN)
    ]

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.lightgrey)
        top = 0.9 * cm + 8.5 * len(lines)
        canvas.line(_MARGIN, top + 4, A4[0] - _MARGIN, top + 4)
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.grey)
        for i, line in enumerate(lines):
            canvas.drawString(_MARGIN, top - 8.5 * (i + 1), line)
        canvas.restoreState()

    buffer = io.BytesIO()
    top, bottom = 1.5 * cm, 0.9 * cm + 8.5 * len(lines) + 14
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=top,
        bottomMargin=bottom,
        title=f"{data.product} {data.number}",
        author="DPMPTSP Kota Solok",
        subject=data.service_name,
        creator="SILEK",
        invariant=1,  # fixed dates and document id: identical bytes for identical input
    )
    # Always one page: an unusually long permit is scaled down as a whole, never split.
    height = A4[1] - top - bottom - 12
    page = KeepInFrame(_WIDTH, height, _story(data), mode="shrink")
    doc.build([page], onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
