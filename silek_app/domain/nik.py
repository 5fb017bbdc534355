"""NIK (Nomor Induk Kependudukan) rules: parsing, validation and masking.

A NIK is 16 digits: ``PP KK SS DDMMYY NNNN`` (province, regency/city, kecamatan,
date of birth with 40 added to the day for women, serial). The checks here only
prove that a number is well formed; they cannot prove that Dukcapil issued it,
and a NIK is not proof of current address (people keep their NIK when they move).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# Kemendagri province codes (Kepmendagri 2022-2025, as used in NIKs and in the
# cahyadsn/wilayah dataset). The 2022 Papua split added 93-96. BPS numbers the
# Papua provinces differently (e.g. BPS 94 = Papua, 97 = Papua Pegunungan), but
# Dukcapil issues NIKs with Kemendagri codes, so BPS-only codes are not accepted.
PROVINCE_CODES: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "Daerah Istimewa Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

NIK_LENGTH = 16

# ASCII digits only: Python's \d also matches e.g. Arabic-Indic digits, which
# would pass a naive check and then break every downstream comparison.
_NIK_RE = re.compile(r"[0-9]{16}")
_WHITESPACE_RE = re.compile(r"\s+")

# Women have 40 added to the day of birth, so 41-71 is valid.
_FEMALE_DAY_OFFSET = 40


class NikError(ValueError):
    """A NIK is malformed. ``str(error)`` is an Indonesian message for the user.

    ``code`` is a short stable identifier of the failed rule, for logs and tests.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class NikInfo:
    """The parts of a valid NIK.

    The area codes are cumulative prefixes of the NIK, so they can be compared
    directly with Kemendagri codes with the dots removed:
    ``province_code`` = "13", ``regency_code`` = "1372", ``district_code`` = "137201".
    """

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: datetime.date
    is_female: bool
    serial: str

    @property
    def province_name(self) -> str:
        return PROVINCE_CODES[self.province_code]


def normalize_nik(value: str) -> str:
    """Remove all whitespace, as people often type or paste a NIK in groups."""
    return _WHITESPACE_RE.sub("", value or "")


def _choose_century(yy: int, month: int, day: int, today: datetime.date) -> int:
    # A NIK only carries two year digits. Prefer 20YY unless that date would be
    # after today; then the holder must have been born in 19YY. Tuples are
    # compared so that an impossible day (e.g. 30 Feb) does not raise here.
    if (2000 + yy, month, day) <= (today.year, today.month, today.day):
        return 2000 + yy
    return 1900 + yy


def parse_nik(value: str, today: datetime.date | None = None) -> NikInfo:
    """Parse and validate a NIK; raise NikError with an Indonesian message.

    Whitespace anywhere in ``value`` is removed first. ``today`` (default: the
    current date) decides the century of the birth year: the birth date may not
    lie in the future.
    """
    nik = normalize_nik(value)
    if not nik:
        raise NikError("empty", "NIK wajib diisi.")
    if not nik.isascii() or not nik.isdigit():
        raise NikError("not_digits", "NIK hanya boleh berisi angka 0-9.")
    if not _NIK_RE.fullmatch(nik):
        raise NikError(
            "length",
            f"NIK harus terdiri dari 16 digit angka (yang diisi {len(nik)} digit).",
        )

    province = nik[0:2]
    if province not in PROVINCE_CODES:
        raise NikError(
            "province",
            f"Kode provinsi pada NIK ({province}) tidak dikenal. "
            "Periksa kembali dua digit pertama NIK.",
        )
    if nik[2:4] == "00":
        raise NikError(
            "regency", "Kode kabupaten/kota pada NIK (digit ke-3 dan ke-4) tidak boleh 00."
        )
    if nik[4:6] == "00":
        raise NikError("district", "Kode kecamatan pada NIK (digit ke-5 dan ke-6) tidak boleh 00.")

    raw_day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if 1 <= raw_day <= 31:
        day, is_female = raw_day, False
    elif 1 + _FEMALE_DAY_OFFSET <= raw_day <= 31 + _FEMALE_DAY_OFFSET:
        day, is_female = raw_day - _FEMALE_DAY_OFFSET, True
    else:
        raise NikError(
            "day",
            f"Tanggal lahir pada NIK ({nik[6:8]}) tidak valid: harus 01-31 untuk laki-laki "
            "atau 41-71 untuk perempuan.",
        )
    if not 1 <= month <= 12:
        raise NikError("month", f"Bulan lahir pada NIK ({nik[8:10]}) tidak valid: harus 01-12.")

    today = today or datetime.date.today()
    year = _choose_century(yy, month, day, today)
    try:
        birth_date = datetime.date(year, month, day)
    except ValueError:
        raise NikError(
            "date",
            f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) tidak ada dalam kalender.",
        ) from None

    serial = nik[12:16]
    if serial == "0000":
        raise NikError("serial", "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.")

    return NikInfo(
        nik=nik,
        province_code=province,
        regency_code=nik[0:4],
        district_code=nik[0:6],
        birth_date=birth_date,
        is_female=is_female,
        serial=serial,
    )


def validate_nik(value: str, today: datetime.date | None = None) -> str | None:
    """Return an Indonesian error message, or None when the NIK is well formed."""
    try:
        parse_nik(value, today=today)
    except NikError as error:
        return error.message
    return None


def mask_nik(nik: str) -> str:
    """Hide the middle of a NIK for listings (UU 27/2022 PDP): ``1372********0001``.

    Shows the first 4 and last 4 characters. Values of 8 characters or fewer
    are fully masked, because showing 4 + 4 of them would reveal everything.
    """
    value = normalize_nik(nik)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
