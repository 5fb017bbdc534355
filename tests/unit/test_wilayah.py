"""Kota Solok kecamatan and kelurahan data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from silek_app.domain.wilayah import (
    DATA_PATH,
    WilayahDataError,
    city_name,
    full_address,
    get_kelurahan,
    kecamatan_list,
    kelurahan_in,
    kelurahan_list,
    load_wilayah,
)


def test_two_kecamatan() -> None:
    assert kecamatan_list() == (("13.72.01", "Lubuk Sikarah"), ("13.72.02", "Tanjung Harapan"))


def test_thirteen_kelurahan_with_unique_prefixed_codes() -> None:
    items = kelurahan_list()
    assert len(items) == 13
    codes = [k.code for k in items]
    assert len(set(codes)) == 13
    assert len({k.bps_code for k in items}) == 13
    for kel in items:
        assert kel.code.startswith(kel.kecamatan_code + ".1")  # 1xxx = kelurahan
        assert kel.kecamatan_code.startswith("13.72.")
        assert len(kel.bps_code) == 10
        assert kel.bps_code.startswith("1372")
        # BPS 137201 0 001 mirrors Kemendagri 13.72.01.1001
        assert kel.bps_code[4:6] == kel.code[6:8]
        assert kel.bps_code[-3:] == kel.code[-3:]
    assert len(kelurahan_in("13.72.01")) == 7
    assert len(kelurahan_in("13.72.02")) == 6


def test_known_names() -> None:
    names = {k.name for k in kelurahan_list()}
    assert {"Tanah Garam", "VI Suku", "Kampai Tabu Karambia", "Laing", "Nan Balimo"} <= names
    assert city_name() == "Kota Solok"


def test_get_kelurahan() -> None:
    kel = get_kelurahan("13.72.02.1006")
    assert kel is not None
    assert kel.name == "Laing"
    assert kel.kecamatan_name == "Tanjung Harapan"
    assert kel.bps_code == "1372020006"
    assert get_kelurahan("1372011001") == get_kelurahan("13.72.01.1001")
    assert get_kelurahan("13.72.03.1001") is None
    assert get_kelurahan("") is None


def test_broken_file_is_rejected(tmp_path: Path) -> None:
    raw = json.loads(DATA_PATH.read_text("utf-8"))
    raw["kecamatan"][1]["kelurahan"][0]["code"] = "13.72.01.1001"  # duplicate, wrong kecamatan
    path = tmp_path / "w.json"
    path.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(WilayahDataError, match="ganda atau bukan"):
        load_wilayah(path)
    with pytest.raises(WilayahDataError, match="tidak ditemukan"):
        load_wilayah(tmp_path / "none.json")


def test_full_address_adds_only_what_the_address_does_not_say() -> None:
    laing = "13.72.02.1006"
    assert full_address("Jl. Sudirman No. 5", laing) == (
        "Jl. Sudirman No. 5, Kel. Laing, Kec. Tanjung Harapan, Kota Solok"
    )
    whole = "Jl. Sudirman No. 5, Kel. Laing, Kec. Tanjung Harapan, Kota Solok"
    assert full_address(whole, laing) == whole  # the whole KTP address, typed in
    assert full_address("Jl. Sudirman 5, kelurahan laing, kota solok,", laing) == (
        "Jl. Sudirman 5, kelurahan laing, kota solok, Kec. Tanjung Harapan"
    )
    # A street named after its kelurahan does not name the kelurahan.
    assert full_address("Jl. Laing No. 2", laing).startswith("Jl. Laing No. 2, Kel. Laing,")
    assert full_address("", laing) == "Kel. Laing, Kec. Tanjung Harapan, Kota Solok"
    assert full_address(" Jl. Sudirman 5 ", "") == "Jl. Sudirman 5"
