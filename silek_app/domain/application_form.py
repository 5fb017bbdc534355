"""The sections and fields of an application form, per kind of service, and their rules.

A health worker's SIP asks for STR and practice place; a facility or food business for
its NIB and premises; the billboard permit for the sign itself. Values arrive from the
browser as strings and are checked here before anything is stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from silek_app.domain.contact import email_problem, name_problem, phone_problem
from silek_app.domain.wilayah import get_kelurahan

OUTSIDE_SOLOK = "LUAR"  # applicants living outside Kota Solok are welcome (nakes commute)
REKLAME_TYPES = ("Papan nama", "Billboard", "Neon box", "Baliho", "Spanduk", "Videotron")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = "text"  # text | textarea | date | select | checkbox | number
    required: bool = True
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for selects
    max_length: int = 200


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[Field, ...]


def _kelurahan_options() -> tuple[tuple[str, str], ...]:
    from silek_app.domain.wilayah import kelurahan_list

    return (
        *((k.code, f"{k.name}, Kec. {k.kecamatan_name}") for k in kelurahan_list()),
        (OUTSIDE_SOLOK, "Di luar Kota Solok"),
    )


APPLICANT = Section(
    "pemohon",
    "Data pemohon",
    (
        Field("name_on_permit", "Nama lengkap dan gelar, sesuai yang akan tercantum pada izin",
              max_length=150),
        Field("birth_place", "Tempat lahir", max_length=80),
        Field("birth_date", "Tanggal lahir", kind="date"),
        Field("address", "Alamat lengkap sesuai KTP-el (tanpa singkatan)", kind="textarea",
              max_length=300),
        Field("kelurahan_code", "Kelurahan", kind="select", options=_kelurahan_options()),
        Field("phone", "Nomor telepon/WhatsApp", max_length=20),
        Field("email", "Email", max_length=254),
    ),
)  # fmt: skip

PROFESSION = Section(
    "profesi",
    "Data profesi dan STR",
    (
        Field("str_number", "Nomor STR", max_length=30,
              hint="Tulis persis seperti pada STR atau e-STR Anda."),
        Field("str_lifetime", "STR berlaku seumur hidup", kind="checkbox", required=False),
        Field("str_valid_until", "Masa berlaku STR sampai", kind="date", required=False,
              hint="Kosongkan bila STR berlaku seumur hidup."),
    ),
)  # fmt: skip

PRACTICE_PLACE = Section(
    "tempat_praktik",
    "Tempat praktik",
    (
        Field("practice_name", "Nama tempat praktik atau fasilitas pelayanan kesehatan",
              max_length=150),
        Field("practice_address", "Alamat tempat praktik", kind="textarea", max_length=300),
        Field("practice_kelurahan", "Kelurahan tempat praktik", kind="select",
              options=_kelurahan_options()),
        Field("practice_hours", "Hari dan jam praktik", required=False, max_length=100,
              hint="Contoh: Senin–Jumat 16.00–21.00"),
    ),
)  # fmt: skip

BUSINESS = Section(
    "usaha",
    "Data usaha atau fasilitas",
    (
        Field("business_name", "Nama usaha atau fasilitas", max_length=150),
        Field("nib", "Nomor Induk Berusaha (NIB)", max_length=13, hint="13 digit dari OSS."),
        Field("business_address", "Alamat usaha", kind="textarea", max_length=300),
        Field("business_kelurahan", "Kelurahan lokasi usaha", kind="select",
              options=_kelurahan_options()),
        Field("responsible_person", "Nama penanggung jawab", max_length=150),
    ),
)  # fmt: skip

REKLAME = Section(
    "reklame",
    "Data reklame",
    (
        Field("reklame_type", "Jenis reklame", kind="select",
              options=tuple((t, t) for t in REKLAME_TYPES)),
        Field("reklame_size", "Ukuran (panjang × lebar, meter)", max_length=40,
              hint="Contoh: 4 x 6"),
        Field("reklame_location", "Alamat titik pemasangan", kind="textarea", max_length=300),
        Field("reklame_kelurahan", "Kelurahan titik pemasangan", kind="select",
              options=_kelurahan_options()[:-1]),
        Field("reklame_text", "Naskah atau isi reklame", kind="textarea", max_length=500),
        Field("reklame_months", "Lama pemasangan (bulan)", kind="number", max_length=3),
    ),
)  # fmt: skip


def sections_for(category: str, is_sip: bool) -> tuple[Section, ...]:
    """Data sections of the form for a service (documents and review come after them)."""
    if category == "NON":
        return (APPLICANT, REKLAME)
    if category == "TK" and is_sip:
        return (APPLICANT, PROFESSION, PRACTICE_PLACE)
    if category == "TK":
        return (APPLICANT, PRACTICE_PLACE)
    return (APPLICANT, BUSINESS)


def field_problem(fld: Field, raw: str, today: dt.date, birth_date: dt.date | None) -> str | None:
    """Indonesian message for one field value, or None when it is acceptable."""
    value = (raw or "").strip()
    if not value:
        return f"{fld.label} wajib diisi." if fld.required else None
    if len(value) > fld.max_length:
        return f"{fld.label} terlalu panjang (maksimal {fld.max_length} karakter)."
    if fld.kind == "date":
        return _date_problem(fld, value, today, birth_date)
    if fld.kind == "select" and value not in {v for v, _ in fld.options}:
        return f"Pilihan {fld.label.lower()} tidak dikenal."
    if fld.kind == "number" and not (value.isdigit() and 1 <= int(value) <= 120):
        return f"{fld.label} harus berupa angka 1 sampai 120."
    return _special_problem(fld.key, value)


def _date_problem(fld: Field, value: str, today: dt.date, birth: dt.date | None) -> str | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"{fld.label} tidak valid. Gunakan format tanggal yang benar."
    if fld.key == "birth_date" and birth and day != birth:
        return "Tanggal lahir tidak sesuai dengan NIK Anda."
    if fld.key == "str_valid_until" and day <= today:
        return "STR Anda sudah tidak berlaku. Perpanjang STR terlebih dahulu."
    return None


def _special_problem(key: str, value: str) -> str | None:
    if key == "phone":
        return phone_problem(value)
    if key == "email":
        return email_problem(value)
    if key in {"name_on_permit", "responsible_person"}:
        return name_problem(value)
    if key == "nib" and not re.fullmatch(r"\d{13}", value):
        return "NIB harus terdiri dari 13 digit angka."
    if key == "reklame_size" and not re.fullmatch(r"\d+([.,]\d+)?\s*[xX×]\s*\d+([.,]\d+)?", value):
        return "Ukuran reklame ditulis seperti 4 x 6 (meter)."
    if key.endswith("kelurahan") and value != OUTSIDE_SOLOK and get_kelurahan(value) is None:
        return "Kelurahan tidak dikenal."
    return None


def section_problems(
    section: Section, values: dict[str, str], today: dt.date, birth_date: dt.date | None = None
) -> dict[str, str]:
    """{field key: message} for every problem in one section."""
    problems = {}
    for fld in section.fields:
        message = field_problem(fld, values.get(fld.key, ""), today, birth_date)
        if message:
            problems[fld.key] = message
    if section.key == "profesi":
        lifetime = values.get("str_lifetime", "") in {"1", "true", "on"}
        if not lifetime and not values.get("str_valid_until", "").strip():
            problems["str_valid_until"] = (
                "Isi masa berlaku STR, atau centang bila STR berlaku seumur hidup."
            )
    return problems
