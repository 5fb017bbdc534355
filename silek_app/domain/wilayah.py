"""Administrative areas of Kota Solok: its 2 kecamatan and 13 kelurahan.

The data lives in ``data/wilayah_solok.json`` (Kemendagri codes with dots, as in
Kepmendagri/cahyadsn-wilayah, plus the 10-digit BPS codes). It is loaded and
checked once; a broken file fails loudly instead of silently losing a kelurahan
from the address forms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).with_name("data") / "wilayah_solok.json"


class WilayahDataError(ValueError):
    """The area data file is malformed; the message is in Indonesian."""


@dataclass(frozen=True)
class Kelurahan:
    code: str  # Kemendagri, e.g. "13.72.01.1001"
    name: str
    kecamatan_code: str  # e.g. "13.72.01"
    kecamatan_name: str
    bps_code: str  # BPS 10 digits, e.g. "1372010001"


@dataclass(frozen=True)
class WilayahData:
    province_code: str
    province_name: str
    city_code: str
    city_name: str
    kecamatan: tuple[tuple[str, str], ...]
    kelurahan: tuple[Kelurahan, ...]


def _text(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise WilayahDataError(f"Data wilayah tidak valid: '{key}' pada {where} wajib diisi.")
    return value.strip()


def _parse(raw: Any) -> WilayahData:
    if not isinstance(raw, dict):
        raise WilayahDataError("Data wilayah tidak valid: isi berkas harus berupa objek JSON.")
    province = raw.get("province") or {}
    city = raw.get("city") or {}
    province_code = _text(province, "code", "provinsi")
    city_code = _text(city, "code", "kota")
    if not city_code.startswith(province_code + "."):
        raise WilayahDataError(
            f"Data wilayah tidak valid: kode kota {city_code} tidak berada di provinsi "
            f"{province_code}."
        )

    kecamatan: list[tuple[str, str]] = []
    kelurahan: list[Kelurahan] = []
    seen: set[str] = set()
    items = raw.get("kecamatan")
    if not isinstance(items, list) or not items:
        raise WilayahDataError("Data wilayah tidak valid: daftar kecamatan kosong.")
    for kec in items:
        kec_code = _text(kec, "code", "kecamatan")
        kec_name = _text(kec, "name", f"kecamatan {kec_code}")
        if not kec_code.startswith(city_code + ".") or kec_code in seen:
            raise WilayahDataError(
                f"Data wilayah tidak valid: kode kecamatan {kec_code} ganda atau bukan "
                f"bagian dari {city_code}."
            )
        seen.add(kec_code)
        kecamatan.append((kec_code, kec_name))
        for kel in kec.get("kelurahan") or []:
            code = _text(kel, "code", f"kelurahan di kecamatan {kec_code}")
            if not code.startswith(kec_code + ".") or code in seen:
                raise WilayahDataError(
                    f"Data wilayah tidak valid: kode kelurahan {code} ganda atau bukan "
                    f"bagian dari kecamatan {kec_code}."
                )
            seen.add(code)
            kelurahan.append(
                Kelurahan(
                    code=code,
                    name=_text(kel, "name", f"kelurahan {code}"),
                    kecamatan_code=kec_code,
                    kecamatan_name=kec_name,
                    bps_code=_text(kel, "bps_code", f"kelurahan {code}"),
                )
            )
    return WilayahData(
        province_code=province_code,
        province_name=_text(province, "name", "provinsi"),
        city_code=city_code,
        city_name=_text(city, "name", "kota"),
        kecamatan=tuple(kecamatan),
        kelurahan=tuple(kelurahan),
    )


def load_wilayah(path: Path = DATA_PATH) -> WilayahData:
    """Read and check an area file (uncached; the public helpers use the default)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WilayahDataError(f"Berkas data wilayah tidak ditemukan: {path}") from None
    except json.JSONDecodeError as error:
        raise WilayahDataError(
            f"Berkas data wilayah {path} bukan JSON yang valid (baris {error.lineno})."
        ) from None
    return _parse(raw)


@lru_cache(maxsize=1)
def _data() -> WilayahData:
    return load_wilayah(DATA_PATH)


def city_name() -> str:
    """The name of the city the app serves ("Kota Solok")."""
    return _data().city_name


def kelurahan_list() -> tuple[Kelurahan, ...]:
    """All kelurahan, ordered by Kemendagri code."""
    return _data().kelurahan


def kecamatan_list() -> tuple[tuple[str, str], ...]:
    """All kecamatan as ``(code, name)`` pairs, ordered by code."""
    return _data().kecamatan


def kelurahan_in(kecamatan_code: str) -> tuple[Kelurahan, ...]:
    """The kelurahan of one kecamatan (empty if the code is unknown)."""
    return tuple(k for k in _data().kelurahan if k.kecamatan_code == kecamatan_code.strip())


def get_kelurahan(code: str) -> Kelurahan | None:
    """Find a kelurahan by Kemendagri code, with dots ("13.72.01.1001") or without."""
    wanted = (code or "").strip().replace(".", "")
    for kel in _data().kelurahan:
        if kel.code.replace(".", "") == wanted:
            return kel
    return None


def _says(address: str, label: str, name: str) -> bool:
    # "Kel. Tanah Garam", "Kelurahan Tanah Garam", "kel tanah garam"; a street named
    # after its kelurahan ("Jl. Laing No. 5") does not count as naming the kelurahan.
    pattern = rf"\b{label}\.?\s*{re.escape(name)}\b"
    return re.search(pattern, address, flags=re.IGNORECASE) is not None


def full_address(address: str, kelurahan_code: str) -> str:
    """The address with its kelurahan, kecamatan and city, each added only where the
    applicant did not already write it (many type their whole KTP address)."""
    text = address.strip().rstrip(",")
    kel = get_kelurahan(kelurahan_code) if kelurahan_code else None
    if kel is None:
        return text
    parts = [text] if text else []
    if not _says(text, "kel(?:urahan)?", kel.name):
        parts.append(f"Kel. {kel.name}")
    if not _says(text, "kec(?:amatan)?", kel.kecamatan_name):
        parts.append(f"Kec. {kel.kecamatan_name}")
    city = city_name()
    if re.search(rf"\b{re.escape(city)}\b", text, flags=re.IGNORECASE) is None:
        parts.append(city)
    return ", ".join(parts)
