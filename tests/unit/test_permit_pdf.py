"""The issued permit PDF (domain.permit_pdf): content, one page, determinism, QR code."""

import dataclasses
import datetime as dt
import io
import shutil
import subprocess

import pytest
import qrcode
from pypdf import PdfReader
from qrcode.constants import ERROR_CORRECT_M

from silek_app.domain.permit_pdf import (
    QR_BOX,
    QR_CAPTION,
    PermitData,
    add_months,
    format_date,
    holder_rows,
    qr_matrix,
    render_permit_pdf,
    validity_sentence,
)

URL = "http://localhost:3000/verifikasi/Zq3v8QkX2mB7nR1tY6uW0pL4sD9fG5hJ"
SIPB = PermitData(
    number="503/0001/SIPB/DPMPTSP-SLK/2026",
    service_name="Surat Izin Praktik Bidan",
    product="Surat Izin Praktik Bidan",
    holder_name="Siti Rahmawati, S.Tr.Keb.",
    holder_nik_masked="1372********0002",
    birth_place="Solok",
    birth_date=dt.date(1992, 3, 12),
    address="Jl. Pandan No. 5, Kel. Tanah Garam, Kec. Lubuk Sikarah, Kota Solok",
    issued_date=dt.date(2026, 12, 3),
    valid_until=dt.date(2031, 12, 3),
    signer_name="Drs. Yuliarman, M.Si.",
    verification_url=URL,
    legal_basis=(
        "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
    ),
    profession="Bidan",
    str_number="KT00001234567",
    practice_place_name="Puskesmas Tanah Garam",
    practice_place_address="Jl. Sudirman 1, Kota Solok",
    document_hash_note="Sidik digital tercatat di SILEK.",
)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in _reader(pdf).pages)


def test_indonesian_dates():
    assert format_date(dt.date(2031, 12, 3)) == "3 Desember 2031"
    assert format_date(dt.date(2026, 1, 31)) == "31 Januari 2026"
    assert [format_date(dt.date(2026, m, 1)).split()[1] for m in (2, 5, 8, 11)] == [
        "Februari", "Mei", "Agustus", "November",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 12, 3), 60, dt.date(2031, 12, 3)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2026, 11, 30), 3, dt.date(2027, 2, 28)),
        (dt.date(2026, 5, 15), 0, dt.date(2026, 5, 15)),
    ],
)
def test_add_months_clamps_the_day(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("months", [-1, True, 1.5])
def test_add_months_refuses_bad_counts(months):
    with pytest.raises(ValueError, match="bulan"):
        add_months(dt.date(2026, 1, 1), months)


def test_validity_sentence():
    assert "berlaku sampai dengan 3 Desember 2031" in validity_sentence(dt.date(2031, 12, 3))
    assert "sampai dengan" not in validity_sentence(None)


def test_pdf_parses_as_one_a4_page_with_the_permit_text():
    pdf = render_permit_pdf(SIPB)
    reader = _reader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = _text(pdf)
    for expected in (
        "PEMERINTAH KOTA SOLOK",
        "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU",
        "Kota Solok, Sumatera Barat",
        "SURAT IZIN PRAKTIK BIDAN",
        "Nomor: 503/0001/SIPB/DPMPTSP-SLK/2026",
        "Dasar:",
        "Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
        "MEMBERIKAN IZIN KEPADA:",
        "Siti Rahmawati, S.Tr.Keb.",
        "1372********0002",
        "Solok, 12 Maret 1992",
        "KT00001234567",
        "Puskesmas Tanah Garam",
        "berlaku sampai dengan 3 Desember 2031",
        "Ditetapkan di Solok,",
        "pada tanggal 3 Desember 2026",
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Solok",
        "Ditandatangani secara elektronik",
        "Drs. Yuliarman, M.Si.",
        QR_CAPTION,
        "Surat Izin Praktik Bidan ini diterbitkan secara elektronik",
        URL,
        "Sidik digital tercatat di SILEK.",
    ):
        assert expected in text, expected
    assert reader.metadata.title == "Surat Izin Praktik Bidan 503/0001/SIPB/DPMPTSP-SLK/2026"
    assert reader.metadata.subject == "Surat Izin Praktik Bidan"


def test_rendering_is_deterministic():
    first = render_permit_pdf(SIPB)
    assert render_permit_pdf(SIPB) == first
    other = dataclasses.replace(SIPB, number="503/0002/SIPB/DPMPTSP-SLK/2026")
    assert render_permit_pdf(other) != first


def test_optional_rows_are_left_out_and_business_rows_shown():
    business = dataclasses.replace(
        SIPB, profession=None, str_number=None, practice_place_name=None,
        practice_place_address=None, business_name="Apotek Sehat & Jaya <Solok>",
        business_nib="1234567890123", business_address="Jl. Kartini 2", valid_until=None,
        document_hash_note=None,
    )  # fmt: skip
    labels = [label for label, _ in holder_rows(business)]
    assert "Profesi" not in labels and "Nomor STR" not in labels
    assert "Tempat praktik" not in labels and "NIB" in labels
    text = _text(render_permit_pdf(business))
    assert "Apotek Sehat & Jaya <Solok>" in text  # escaped, printed literally
    assert "1234567890123" in text and "Nomor STR" not in text
    assert "sampai dengan" not in text and "selama pemegang izin" in text


def test_longest_realistic_permit_still_fits_one_page():
    long = dataclasses.replace(
        SIPB,
        product="Surat Izin Praktik Perekam Medis dan Informasi Kesehatan",
        holder_name="Prof. Dr. " + "Nama Panjang " * 10,
        address="Jalan " + "Sangat Panjang " * 19,
        practice_place_name="Rumah Sakit " + "Umum Daerah " * 11,
        practice_place_address="Jalan " + "Raya Solok " * 26,
        business_name="Usaha " * 24,
        business_nib="1234567890123",
        business_address="Jalan " + "Usaha " * 48,
        legal_basis=tuple("Peraturan " * 15 + str(i) for i in range(6)),
    )
    assert len(_reader(render_permit_pdf(long)).pages) == 1


def test_qr_link_annotation_points_at_the_verification_url():
    page = _reader(render_permit_pdf(SIPB)).pages[0]
    uris = [a.get_object()["/A"]["/URI"] for a in page["/Annots"]]
    assert uris == [URL]


def _image_modules(pdf: bytes) -> list[list[bool]]:
    (image,) = _reader(pdf).pages[0].images
    pixels = image.image.convert("L")
    width, height = pixels.size
    assert width == height and width % QR_BOX == 0
    n = width // QR_BOX
    half = QR_BOX // 2
    return [
        [pixels.getpixel((x * QR_BOX + half, y * QR_BOX + half)) < 128 for x in range(n)]
        for y in range(n)
    ]


def test_qr_image_encodes_the_verification_url():
    # No decoder is needed: the embedded image must be module for module the QR code
    # that the qrcode library makes for the URL.
    reference = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    reference.add_data(URL)
    reference.make(fit=True)
    assert _image_modules(render_permit_pdf(SIPB)) == reference.get_matrix() == qr_matrix(URL)
    other = "http://localhost:3000/verifikasi/lain"
    assert _image_modules(render_permit_pdf(dataclasses.replace(SIPB, verification_url=other))) != (
        reference.get_matrix()
    )


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg not installed")
def test_qr_decodes_with_zbarimg(tmp_path):
    (image,) = _reader(render_permit_pdf(SIPB)).pages[0].images
    path = tmp_path / "qr.png"
    image.image.save(path)
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == URL
