"""Indonesian labels on the screens: WIB time stamps, month and week ticks, decimals."""

import datetime as dt

import pytest

from silek_app.domain.indonesian_format import (
    MONTHS_SHORT,
    decimal_comma,
    period_name,
    period_tick,
    thousands,
    wib_stamp,
)


@pytest.mark.parametrize(
    ("instant", "shown"),
    [
        ("2026-12-03T12:05:00+00:00", "3 Des 2026 19.05 WIB"),
        ("2026-12-31T20:00:00+00:00", "1 Jan 2027 03.00 WIB"),  # the next WIB day and year
        ("2025-08-17T00:00:00Z", "17 Agu 2025 07.00 WIB"),
        ("2025-08-17T09:30:00+07:00", "17 Agu 2025 09.30 WIB"),  # already WIB
        ("2025-05-01T16:59:00", "1 Mei 2025 23.59 WIB"),  # no offset: the services' UTC
    ],
)
def test_computed_at_is_shown_in_wib(instant, shown):
    assert wib_stamp(instant) == shown


@pytest.mark.parametrize("bad", ["", "kemarin", "2026-13-40T00:00:00+00:00", None])
def test_a_stamp_that_is_not_a_time_shows_nothing(bad):
    assert wib_stamp(bad) == ""


def test_month_ticks_are_indonesian_abbreviations():
    ticks = [period_tick(f"2025-{m:02d}") for m in range(1, 13)]
    assert ticks == ["Jan 25", "Feb 25", "Mar 25", "Apr 25", "Mei 25", "Jun 25",
                     "Jul 25", "Agu 25", "Sep 25", "Okt 25", "Nov 25", "Des 25"]  # fmt: skip
    assert period_name("2025-08") == "Agustus 2025"
    assert MONTHS_SHORT[4] == "Mei" and MONTHS_SHORT[11] == "Des"


def test_week_ticks_name_their_monday():
    assert dt.date(2025, 1, 13).isocalendar()[:2] == (2025, 3)
    assert period_tick("2025-W03") == "13 Jan 25"
    assert period_name("2025-W03") == "Minggu mulai 13 Jan 2025"
    assert period_tick("2026-W01") == "29 Des 25"  # ISO week 1 of 2026 starts in 2025


def test_an_unknown_period_is_shown_as_it_is():
    assert period_tick("2025-99") == "2025-99" and period_name("x-Wy") == "x-Wy"


def test_decimal_comma():
    assert decimal_comma(94.44) == "94,44" and decimal_comma(80.5, "%") == "80,5%"
    assert decimal_comma(None) == "–" and decimal_comma(3) == "3"


def test_thousands_use_dots():
    assert thousands(1000075) == "1.000.075" and thousands(999) == "999" and thousands(0) == "0"
