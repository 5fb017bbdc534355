"""Indonesian labels for the screens: month names, chart periods, WIB time stamps, decimals.

Pure functions on plain strings, numbers and dates. The services hand out periods as
"2025-01" (month) or "2025-W03" (ISO week) and instants as ISO strings with an
offset (UTC); a person in Kota Solok reads "Jan 25" and "3 Des 2026 19.05 WIB".
"""

from __future__ import annotations

import datetime as dt

from silek_app.domain.sla import WIB

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
# Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des: the usual Indonesian abbreviations.
MONTHS_SHORT = tuple(name[:3] for name in MONTHS)


def short_date(day: dt.date, *, two_digit_year: bool = False) -> str:
    """3 Des 2026 (or 3 Des 26)."""
    year = f"{day.year % 100:02d}" if two_digit_year else str(day.year)
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {year}"


def _week_monday(period: str) -> dt.date | None:
    try:
        year, week = period.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None


def _month_start(period: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(f"{period}-01")
    except ValueError:
        return None


def period_tick(period: str) -> str:
    """A short axis label: "2025-01" -> "Jan 25"; "2025-W03" -> its Monday, "13 Jan 25".

    Anything else is returned as it is (never an error on a chart).
    """
    if "-W" in period:
        monday = _week_monday(period)
        return short_date(monday, two_digit_year=True) if monday else period
    first = _month_start(period)
    return f"{MONTHS_SHORT[first.month - 1]} {first.year % 100:02d}" if first else period


def period_name(period: str) -> str:
    """The full name for hover text: "Januari 2025"; "Minggu mulai 13 Jan 2025"."""
    if "-W" in period:
        monday = _week_monday(period)
        return f"Minggu mulai {short_date(monday)}" if monday else period
    first = _month_start(period)
    return f"{MONTHS[first.month - 1]} {first.year}" if first else period


def wib_stamp(instant: str) -> str:
    """An ISO instant as WIB wall time: "2026-12-03T12:05:00+00:00" -> "3 Des 2026 19.05 WIB".

    A time without an offset is taken as UTC (how the services keep time);
    text that is not a time gives "" rather than a wrong stamp.
    """
    try:
        moment = dt.datetime.fromisoformat(str(instant))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(WIB)
    return f"{short_date(local.date())} {local:%H.%M} WIB"


def decimal_comma(value, suffix: str = "") -> str:
    """94.44 -> "94,44" (Indonesian decimal comma); nothing -> a dash."""
    if value is None:
        return "–"
    return f"{value}".replace(".", ",") + suffix


def thousands(value: int) -> str:
    """1000075 -> "1.000.075" (Indonesian thousands separator)."""
    return f"{value:,}".replace(",", ".")


def wib_time(value: dt.datetime | None) -> str:
    """A stored instant as WIB wall time for tables: "03-12-2026 19:05"; nothing -> ""."""
    return value.astimezone(WIB).strftime("%d-%m-%Y %H:%M") if value else ""


def day_text(value: dt.date | None) -> str:
    """A calendar date for tables: "03-12-2026"; nothing -> "-"."""
    return value.strftime("%d-%m-%Y") if value else "-"
