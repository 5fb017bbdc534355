"""Registration and permit numbers (domain.md §5.6): formatting only.

The gap-free counters live in the database, one row per scope; the functions
here name those scopes and turn a counter value into the printed number, so the
format is defined in exactly one place.

* Registration number, assigned at submission: ``SLK-YYYYMMDD-NNNNN``, the
  date being the WIB day of submission and the counter restarting each day.
* Permit number, assigned only at penetapan: ``503/NNNN/KODE/DPMPTSP-SLK/YYYY``,
  the counter running per service per year. The "503" classification prefix is
  a parameter because newer letters use the Permendagri 83/2022 codes.
"""

from __future__ import annotations

import re
from datetime import date, datetime

REFERENCE_PREFIX = "SLK"
REFERENCE_MAX_SEQ = 99_999
DEFAULT_OFFICE = "DPMPTSP-SLK"

_REFERENCE_RE = re.compile(rf"{REFERENCE_PREFIX}-([0-9]{{8}})-([0-9]{{5}})")
# Same rule as catalog_checks: a service code cannot contain "/", which would
# shift every later segment of the permit number.
_SERVICE_CODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]{1,15}")
_PREFIX_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")
_OFFICE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]*")


def _check_seq(seq: int, maximum: int | None) -> None:
    # bool is an int; a stray True must not become number 1.
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise ValueError(f"Nomor urut harus berupa bilangan bulat (saat ini: {seq!r}).")
    if seq < 1 or (maximum is not None and seq > maximum):
        upper = f" sampai {maximum}" if maximum is not None else " atau lebih"
        raise ValueError(f"Nomor urut {seq} di luar rentang yang diizinkan (1{upper}).")


def _check_year(year: int) -> None:
    if not isinstance(year, int) or isinstance(year, bool) or not 1000 <= year <= 9999:
        raise ValueError(f"Tahun harus berupa bilangan empat digit (saat ini: {year!r}).")


def _check_service_code(service_code: str) -> None:
    if not isinstance(service_code, str) or not _SERVICE_CODE_RE.fullmatch(service_code):
        raise ValueError(
            f"Kode layanan '{service_code}' tidak valid: harus diawali huruf, 2-16 huruf, "
            "angka, atau '-'."
        )


def reference_scope(day: date) -> str:
    """The key of the per-day registration counter, e.g. "SLK-20261203".

    ``day`` must be a plain date, the WIB day (sla.local_date): a UTC datetime
    would put submissions made before 07:00 WIB on the previous day.
    """
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ValueError("Tanggal nomor pendaftaran harus berupa tanggal WIB, bukan waktu.")
    return f"{REFERENCE_PREFIX}-{day:%Y%m%d}"


def format_reference(day: date, seq: int) -> str:
    """The registration number, e.g. "SLK-20261203-00001"; seq must be 1..99999.

    Five digits cap a day at 99,999 submissions, far above the office's
    volume; going beyond would break the fixed-width format, so it is refused.
    """
    _check_seq(seq, REFERENCE_MAX_SEQ)
    return f"{reference_scope(day)}-{seq:05d}"


def parse_reference(value: str) -> tuple[date, int] | None:
    """(day, seq) of a registration number, or None if it is not a valid one.

    Surrounding spaces and lower case are accepted because people type these
    numbers into the tracking form. An impossible date (2026-02-30) or a
    sequence of 00000 is not a number SILEK could have issued, so it is None.
    """
    if not isinstance(value, str):
        return None
    match = _REFERENCE_RE.fullmatch(value.strip().upper())
    if match is None:
        return None
    raw_day, raw_seq = match.groups()
    try:
        day = date(int(raw_day[:4]), int(raw_day[4:6]), int(raw_day[6:]))
    except ValueError:
        return None
    seq = int(raw_seq)
    if seq < 1:
        return None
    return day, seq


def permit_scope(service_code: str, year: int) -> str:
    """The key of the per-service, per-year permit counter, e.g. "IZIN-SIPD-2026".

    The code is upper-cased because the catalog looks codes up regardless of
    case: "SIPTGz" and "SIPTGZ" are one service and must share one counter,
    or two permits could receive the same number.
    """
    _check_service_code(service_code)
    _check_year(year)
    return f"IZIN-{service_code.upper()}-{year}"


def format_permit_number(
    prefix: str,
    seq: int,
    service_code: str,
    year: int,
    office: str = DEFAULT_OFFICE,
) -> str:
    """The permit number, e.g. "503/0007/SIPD/DPMPTSP-SLK/2026".

    The sequence is printed with at least four digits. Beyond 9999 it simply
    grows a digit: refusing to number a permit the office has decided would be
    worse than a wider number. The service code is printed as the catalog
    spells it.
    """
    if not isinstance(prefix, str) or not _PREFIX_RE.fullmatch(prefix):
        raise ValueError(
            f"Awalan nomor izin '{prefix}' tidak valid: gunakan angka, huruf, titik, atau '-'."
        )
    if not isinstance(office, str) or not _OFFICE_RE.fullmatch(office):
        raise ValueError(
            f"Kode kantor '{office}' tidak valid: gunakan angka, huruf, titik, atau '-'."
        )
    _check_seq(seq, None)
    _check_service_code(service_code)
    _check_year(year)
    return f"{prefix}/{seq:04d}/{service_code}/{office}/{year}"
