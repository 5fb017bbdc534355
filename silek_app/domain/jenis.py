"""Kinds of application (jenis permohonan) a service can accept."""

from __future__ import annotations

from enum import StrEnum


class JenisPermohonan(StrEnum):
    BARU = "BARU"
    PERPANJANGAN = "PERPANJANGAN"
    PERUBAHAN = "PERUBAHAN"
    PENCABUTAN = "PENCABUTAN"


JENIS_LABELS: dict[str, str] = {
    "BARU": "Permohonan Baru",
    "PERPANJANGAN": "Perpanjangan",
    "PERUBAHAN": "Perubahan Data",
    "PENCABUTAN": "Pencabutan",
}

JENIS_ORDER: tuple[str, ...] = tuple(j.value for j in JenisPermohonan)
