"""The filters of the analytics figures: parsed from text, checked, hashable for the cache.

Bad input gets a clear Indonesian ServiceError; a valid filter that matches no
data is not an error (the figures are simply empty).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.domain.wilayah import get_kelurahan, kecamatan_list
from silek_app.services.errors import ServiceError

FREQS = {"M": "bulan", "W": "minggu"}
_MAX_TEXT = 40


@dataclass(frozen=True)
class Filters:
    dari: dt.date | None = None
    sampai: dt.date | None = None
    kategori: str = ""
    layanan: str = ""
    kecamatan: str = ""
    kelurahan: str = ""
    freq: str = "M"

    def check(self, known_codes: Collection[str]) -> None:
        """Refuse a service code that the catalog does not know."""
        if self.layanan and self.layanan not in known_codes:
            raise ServiceError(f"Layanan dengan kode '{self.layanan}' tidak dikenal.", "layanan")

    def service_codes(self, category_of: Mapping[str, str]) -> set[str] | None:
        """The service codes the filter keeps (None: all), given code -> category."""
        if self.layanan:
            return {self.layanan}
        if self.kategori:
            return {code for code, cat in category_of.items() if cat == self.kategori}
        return None

    def to_json(self) -> dict[str, str]:
        return {
            "dari": self.dari.isoformat() if self.dari else "",
            "sampai": self.sampai.isoformat() if self.sampai else "",
            "kategori": self.kategori,
            "layanan": self.layanan,
            "kecamatan": self.kecamatan,
            "kelurahan": self.kelurahan,
            "freq": self.freq,
        }


def _date(raw: object, label: str, field: str) -> dt.date | None:
    text = str(raw or "").strip()[:_MAX_TEXT]
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(
            f"Tanggal {label} '{text}' tidak valid; gunakan format TTTT-BB-HH, "
            "misalnya 2026-01-31.",
            field,
        ) from None


def parse_filters(raw: Mapping[str, object]) -> Filters:
    """Filters from text values (query string or form); ServiceError on bad input."""

    def text(key: str) -> str:
        return str(raw.get(key) or "").strip()[:_MAX_TEXT]

    dari = _date(raw.get("dari"), "awal", "dari")
    sampai = _date(raw.get("sampai"), "akhir", "sampai")
    if dari and sampai and sampai < dari:
        raise ServiceError(
            f"Periode tidak valid: tanggal akhir ({sampai.isoformat()}) lebih awal dari "
            f"tanggal awal ({dari.isoformat()}).",
            "sampai",
        )
    kategori = text("kategori").upper()
    if kategori and kategori not in CATEGORY_LABELS:
        raise ServiceError(
            f"Kategori '{kategori}' tidak dikenal. Pilihan: {', '.join(CATEGORY_LABELS)}.",
            "kategori",
        )
    kecamatan, kelurahan = text("kecamatan"), text("kelurahan")
    if kecamatan and kecamatan not in dict(kecamatan_list()):
        raise ServiceError(f"Kecamatan '{kecamatan}' tidak dikenal di Kota Solok.", "kecamatan")
    if kelurahan:
        kel = get_kelurahan(kelurahan)
        if kel is None:
            raise ServiceError(f"Kelurahan '{kelurahan}' tidak dikenal di Kota Solok.", "kelurahan")
        if kecamatan and kel.kecamatan_code != kecamatan:
            raise ServiceError(
                f"Kelurahan {kel.name} tidak berada di kecamatan yang dipilih.", "kelurahan"
            )
        kelurahan = kel.code
    freq = text("freq").upper() or "M"
    if freq not in FREQS:
        raise ServiceError("Satuan waktu harus M (bulan) atau W (minggu).", "freq")
    return Filters(dari, sampai, kategori, text("layanan").upper(), kecamatan, kelurahan, freq)
