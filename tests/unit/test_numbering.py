"""Registration and permit number formats (domain.md §5.6)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from silek_app.domain.numbering import (
    REFERENCE_PREFIX,
    format_permit_number,
    format_reference,
    parse_reference,
    permit_scope,
    reference_scope,
)

DAY = date(2026, 12, 3)


def test_reference_format():
    assert REFERENCE_PREFIX == "SLK"
    assert reference_scope(DAY) == "SLK-20261203"
    assert format_reference(DAY, 1) == "SLK-20261203-00001"
    assert format_reference(date(2027, 1, 4), 99_999) == "SLK-20270104-99999"
    assert format_reference(DAY, 123).startswith(reference_scope(DAY) + "-")


@pytest.mark.parametrize("seq", [0, -1, 100_000, True, 1.0, "1", None])
def test_reference_sequence_bounds(seq):
    with pytest.raises(ValueError, match="Nomor urut"):
        format_reference(DAY, seq)


def test_reference_scope_wants_the_wib_date_not_an_instant():
    with pytest.raises(ValueError, match="tanggal WIB"):
        reference_scope(datetime(2026, 12, 3, 17, 30, tzinfo=UTC))


def test_parse_round_trip_examples():
    assert parse_reference("SLK-20261203-00001") == (DAY, 1)
    assert parse_reference("SLK-20240229-99999") == (date(2024, 2, 29), 99_999)
    # Typed into the tracking form: spaces and lower case are forgiven.
    assert parse_reference("  slk-20261203-00042 ") == (DAY, 42)


@given(day=st.dates(date(1000, 1, 1), date(9999, 12, 31)), seq=st.integers(1, 99_999))
def test_parse_round_trip_property(day, seq):
    assert parse_reference(format_reference(day, seq)) == (day, seq)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "SLK",
        "ABC-20261203-00001",  # wrong prefix
        "SLKX-20261203-00001",
        "SLK-20260230-00001",  # 30 February
        "SLK-20261301-00001",  # month 13
        "SLK-20261200-00001",  # day 0
        "SLK-20261203-00000",  # no such sequence
        "SLK-2026120A-00001",  # letters
        "SLK-20261203-0000A",
        "SLK-20261203-1",  # not zero-padded
        "SLK-20261203-000001",  # too many digits
        "SLK-261203-00001",
        "SLK20261203-00001",
        "SLK-20261203-00001-X",
        "SLK-2026-12-03-00001",
        "SLK-２０２６１２０３-00001",  # full-width digits are not ASCII digits
        "SLK-20261203\n-00001",
        None,
        20261203,
    ],
)
def test_parse_rejects_invalid(value):
    assert parse_reference(value) is None


def test_permit_scope():
    assert permit_scope("SIPD", 2026) == "IZIN-SIPD-2026"
    assert permit_scope("SLHS-DAM", 2027) == "IZIN-SLHS-DAM-2027"
    # One counter per service, whatever the case the caller used.
    assert permit_scope("SIPTGz", 2026) == permit_scope("SIPTGZ", 2026) == "IZIN-SIPTGZ-2026"


def test_permit_number():
    assert format_permit_number("503", 7, "SIPD", 2026) == "503/0007/SIPD/DPMPTSP-SLK/2026"
    assert format_permit_number("503", 1, "SIPTGz", 2026) == "503/0001/SIPTGz/DPMPTSP-SLK/2026"
    assert (
        format_permit_number("500.16.7.2", 9999, "SLHS-DAM", 2027, office="DPMPTSP")
        == "500.16.7.2/9999/SLHS-DAM/DPMPTSP/2027"
    )
    # Beyond 9999 the number widens rather than refusing to issue a permit.
    assert format_permit_number("503", 10_000, "SIPD", 2026) == "503/10000/SIPD/DPMPTSP-SLK/2026"


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("503", 0, "SIPD", 2026), {}),
        (("503", -3, "SIPD", 2026), {}),
        (("503", True, "SIPD", 2026), {}),
        (("503", 1, "SIP/D", 2026), {}),  # a slash would shift every later segment
        (("503", 1, "", 2026), {}),
        (("503", 1, "1SIP", 2026), {}),
        (("503", 1, "SIPD", 26), {}),
        (("503", 1, "SIPD", "2026"), {}),
        (("", 1, "SIPD", 2026), {}),
        (("503 ", 1, "SIPD", 2026), {}),
        (("503/1", 1, "SIPD", 2026), {}),
        (("503", 1, "SIPD", 2026), {"office": ""}),
        (("503", 1, "SIPD", 2026), {"office": "DPMPTSP SLK"}),
    ],
)
def test_permit_number_rejects_bad_parts(args, kwargs):
    with pytest.raises(ValueError):
        format_permit_number(*args, **kwargs)


@pytest.mark.parametrize(("code", "year"), [("SIP D", 2026), ("SIPD", 20260), ("-", 2026)])
def test_permit_scope_rejects_bad_parts(code, year):
    with pytest.raises(ValueError):
        permit_scope(code, year)
