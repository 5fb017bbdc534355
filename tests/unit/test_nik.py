"""NIK parsing, validation and masking."""

from __future__ import annotations

import datetime

import pytest

from silek_app.domain.nik import (
    PROVINCE_CODES,
    NikError,
    mask_nik,
    parse_nik,
    validate_nik,
)

TODAY = datetime.date(2026, 12, 3)


def test_valid_male_nik() -> None:
    info = parse_nik("1372011203850001", today=TODAY)
    assert info.nik == "1372011203850001"
    assert info.province_code == "13"
    assert info.province_name == "Sumatera Barat"
    assert info.regency_code == "1372"
    assert info.district_code == "137201"
    assert info.birth_date == datetime.date(1985, 3, 12)
    assert info.is_female is False
    assert info.serial == "0001"


def test_valid_female_nik_has_forty_added_to_day() -> None:
    info = parse_nik("1372025203850002", today=TODAY)
    assert info.is_female is True
    assert info.birth_date == datetime.date(1985, 3, 12)
    assert parse_nik("1372027112900003", today=TODAY).birth_date == datetime.date(1990, 12, 31)


def test_spaces_are_removed() -> None:
    assert parse_nik(" 1372 0112 0385 0001 ", today=TODAY).nik == "1372011203850001"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "empty"),
        ("137201120385000", "length"),
        ("13720112038500011", "length"),
        ("13720112038500O1", "not_digits"),
        ("1372-01-12038500", "not_digits"),
        ("١٣٧٢٠١١٢٠٣٨٥٠٠٠١", "not_digits"),  # Arabic-Indic digits are not accepted
        ("9972011203850001", "province"),
        ("1300011203850001", "regency"),
        ("1372001203850001", "district"),
        ("1372011213850001", "month"),
        ("1372011200850001", "month"),
        ("1372013203850001", "day"),
        ("1372017203850001", "day"),
        ("1372010003850001", "day"),
        ("1372014003850001", "day"),
        ("1372013002000001", "date"),
        ("1372013102990001", "date"),
        ("1372011203850000", "serial"),
    ],
)
def test_invalid_niks_have_distinct_rules(value: str, code: str) -> None:
    with pytest.raises(NikError) as caught:
        parse_nik(value, today=TODAY)
    assert caught.value.code == code
    assert "NIK" in str(caught.value)


def test_each_rule_has_its_own_indonesian_message() -> None:
    bad = {
        "length": "137201120385",
        "not_digits": "13720112038500AB",
        "province": "9972011203850001",
        "regency": "1300011203850001",
        "month": "1372011213850001",
        "day": "1372013203850001",
        "date": "1372013002000001",
        "serial": "1372011203850000",
    }
    messages = {validate_nik(v) for v in bad.values()}
    assert None not in messages
    assert len(messages) == len(bad)
    assert validate_nik("137201120385") == (
        "NIK harus terdiri dari 16 digit angka (yang diisi 12 digit)."
    )
    assert "tidak boleh 0000" in (validate_nik("1372011203850000") or "")
    assert "tidak dikenal" in (validate_nik("9972011203850001") or "")


def test_validate_nik_returns_none_when_valid() -> None:
    assert validate_nik("1372011203850001") is None


def test_leap_day_2000_is_valid_and_1999_is_not() -> None:
    assert parse_nik("1372012902000001", today=TODAY).birth_date == datetime.date(2000, 2, 29)
    assert validate_nik("1372012902990001") is not None  # 29 Feb 1999 does not exist
    assert validate_nik("1372013102990001") is not None  # 31 Feb


def test_century_keeps_birth_date_out_of_the_future() -> None:
    assert parse_nik("1372010101200001", today=TODAY).birth_date == datetime.date(2020, 1, 1)
    assert parse_nik("1372010101300001", today=TODAY).birth_date == datetime.date(1930, 1, 1)
    # Born on "today" in 20YY is allowed; one day later must be 19YY.
    assert parse_nik("1372010312260001", today=TODAY).birth_date == datetime.date(2026, 12, 3)
    assert parse_nik("1372010412260001", today=TODAY).birth_date == datetime.date(1926, 12, 4)
    assert parse_nik("1372010101000001", today=TODAY).birth_date == datetime.date(2000, 1, 1)


def test_province_codes_follow_kemendagri() -> None:
    assert len(PROVINCE_CODES) == 38
    assert PROVINCE_CODES["13"] == "Sumatera Barat"
    assert PROVINCE_CODES["91"] == "Papua"
    assert PROVINCE_CODES["92"] == "Papua Barat"
    assert PROVINCE_CODES["93"] == "Papua Selatan"
    assert PROVINCE_CODES["94"] == "Papua Tengah"
    assert PROVINCE_CODES["95"] == "Papua Pegunungan"
    assert PROVINCE_CODES["96"] == "Papua Barat Daya"
    assert "97" not in PROVINCE_CODES  # BPS-only code, never in a NIK
    for code in ("1302", "1371", "3171"):  # Kabupaten Solok, Padang, Jakarta
        assert validate_nik(f"{code}011203850001") is None


def test_mask_nik() -> None:
    assert mask_nik("1372011203850001") == "1372********0001"
    assert mask_nik("1372 0112 0385 0001") == "1372********0001"
    assert mask_nik("12345678") == "********"
    assert mask_nik("") == ""
