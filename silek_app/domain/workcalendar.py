"""Working-day calendar for service deadlines (hari kerja).

A day is NOT a working day when it is:

* a Saturday or Sunday (government offices in Kota Solok work Monday-Friday);
* an Indonesian national holiday, taken from the ``holidays`` package
  (``holidays.country_holidays("ID")``, public category, Indonesian names);
* a cuti bersama day listed in ``data/cuti_bersama.json`` (SKB 3 Menteri). The
  package also knows cuti bersama, but the JSON file is what an administrator
  can correct or extend when an SKB is amended, so it is the single source;
* an extra local holiday passed to :class:`WorkCalendar`.

Deadline arithmetic follows the usual "n hari kerja" reading: the day of
submission does not count, and counting starts on the next working day.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays

CUTI_BERSAMA_PATH = Path(__file__).with_name("data") / "cuti_bersama.json"

_SATURDAY = 5
_ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Upper bound for the day-by-day search; no real calendar has a run of
# non-working days anywhere near this long, so hitting it means bad data.
_MAX_CONSECUTIVE_NON_WORKING = 60


class CutiBersamaError(ValueError):
    """The cuti bersama file is malformed; the message is in Indonesian."""


def _check_entry(entry: Any, year_key: str, index: int, path: Path) -> tuple[datetime.date, str]:
    where = f"Berkas cuti bersama {path.name}, tahun {year_key}, entri ke-{index + 1}"
    if not isinstance(entry, dict):
        raise CutiBersamaError(f"{where}: entri harus berupa objek dengan 'date' dan 'name'.")
    raw_date, name = entry.get("date"), entry.get("name")
    try:
        # Python 3.11 also accepts "20261224" or week dates; an admin editing the
        # file should use one unambiguous form, so insist on YYYY-MM-DD.
        if not isinstance(raw_date, str) or not _ISO_DATE_RE.fullmatch(raw_date):
            raise ValueError(raw_date)
        day = datetime.date.fromisoformat(raw_date)
    except ValueError:
        raise CutiBersamaError(
            f"{where}: tanggal '{raw_date}' tidak valid (gunakan format TTTT-BB-HH, "
            "misalnya 2026-12-24)."
        ) from None
    if str(day.year) != year_key:
        raise CutiBersamaError(f"{where}: tanggal {day.isoformat()} bukan tahun {year_key}.")
    if not isinstance(name, str) or not name.strip():
        raise CutiBersamaError(f"{where}: nama cuti bersama wajib diisi.")
    return day, name.strip()


def load_cuti_bersama(path: Path | None = None) -> dict[datetime.date, str]:
    """Read and validate a cuti bersama file; raise CutiBersamaError if it is wrong.

    Format: ``{"2026": [{"date": "2026-12-24", "name": "..."}], ...}``. Top-level
    keys starting with ``_`` are notes and ignored; other keys must be years.
    Each date must parse, lie in the year of its key, and appear only once.
    """
    path = path or CUTI_BERSAMA_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CutiBersamaError(f"Berkas cuti bersama tidak ditemukan: {path}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CutiBersamaError(
            f"Berkas cuti bersama {path.name} bukan JSON yang valid ({error})."
        ) from None
    if not isinstance(raw, dict):
        raise CutiBersamaError(
            f"Berkas cuti bersama {path.name} harus berupa objek dengan kunci tahun."
        )

    result: dict[datetime.date, str] = {}
    for key, entries in raw.items():
        if key.startswith("_"):
            continue
        if not (len(key) == 4 and key.isascii() and key.isdigit()):
            raise CutiBersamaError(
                f"Berkas cuti bersama {path.name}: kunci '{key}' bukan tahun empat digit."
            )
        if not isinstance(entries, list):
            raise CutiBersamaError(
                f"Berkas cuti bersama {path.name}: isi tahun {key} harus berupa daftar."
            )
        for index, entry in enumerate(entries):
            day, name = _check_entry(entry, key, index, path)
            if day in result:
                raise CutiBersamaError(
                    f"Berkas cuti bersama {path.name}: tanggal {day.isoformat()} tercatat "
                    "lebih dari sekali."
                )
            result[day] = name
    return result


class WorkCalendar:
    """Answers "is this a working day?" and does deadline arithmetic.

    National holidays are fetched from ``holidays`` lazily, one year at a time,
    and cached; instances are safe to share between threads.
    """

    def __init__(
        self,
        extra_holidays: Mapping[datetime.date, str] | None = None,
        cuti_bersama_path: Path | None = None,
    ) -> None:
        # Loaded eagerly so that a broken file is reported at start-up, not in
        # the middle of computing an applicant's deadline.
        self._cuti_bersama = load_cuti_bersama(cuti_bersama_path)
        self._extra: dict[datetime.date, str] = {}
        for day, name in (extra_holidays or {}).items():
            # A datetime key would never equal the plain dates looked up later.
            bad_key = not isinstance(day, datetime.date) or isinstance(day, datetime.datetime)
            if bad_key or not str(name).strip():
                raise ValueError(f"Hari libur tambahan tidak valid: {day!r} {name!r}.")
            self._extra[day] = str(name).strip()
        self._national: dict[int, dict[datetime.date, str]] = {}
        self._lock = threading.Lock()

    def _national_holidays(self, year: int) -> dict[datetime.date, str]:
        cached = self._national.get(year)
        if cached is None:
            with self._lock:
                cached = self._national.get(year)
                if cached is None:
                    source = holidays.country_holidays("ID", years=year, language="id")
                    cached = dict(source.items())
                    self._national[year] = cached
        return cached

    def holiday_name(self, d: datetime.date) -> str | None:
        """Name of the holiday or cuti bersama on ``d``, else None.

        Plain weekends return None (they have no name); a holiday that falls on
        a weekend still returns its name. Priority when several apply: extra
        local holiday, then national holiday, then cuti bersama.
        """
        for source in (self._extra, self._national_holidays(d.year), self._cuti_bersama):
            name = source.get(d)
            if name is not None:
                return name
        return None

    def is_working_day(self, d: datetime.date) -> bool:
        """True on Monday-Friday that is not a holiday, cuti bersama or extra holiday."""
        return d.weekday() < _SATURDAY and self.holiday_name(d) is None

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """The first working day strictly AFTER ``d`` (``d`` itself never counts)."""
        day = d
        for _ in range(_MAX_CONSECUTIVE_NON_WORKING):
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise RuntimeError(
            f"Tidak ada hari kerja dalam {_MAX_CONSECUTIVE_NON_WORKING} hari setelah "
            f"{d.isoformat()}; periksa data hari libur."
        )

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        """The date on which the n-th working day AFTER ``start`` falls.

        ``start`` itself never counts, whether or not it is a working day, so a
        file submitted on Friday with n=1 is due on Monday (if Monday works).
        n=0 returns ``start`` if it is a working day, else the next working day
        (the day the clock effectively starts). n must not be negative.

        For every n >= 1: ``working_days_between(start, result) == n``.
        """
        if n < 0:
            raise ValueError("Jumlah hari kerja tidak boleh negatif.")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Number of working days d with ``start < d <= end``; 0 if ``end <= start``.

        Used to measure how many working days a step took: submitted on
        ``start``, finished on ``end``.
        """
        count = 0
        day = start + datetime.timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += datetime.timedelta(days=1)
        return count

    def non_working_dates(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """Every holiday, cuti bersama and extra holiday in ``[first, last]``, sorted.

        Weekends are not listed (a weekmask covers them); this is the holiday
        list that vectorised counting (numpy ``busday_count``) needs, so bulk
        figures follow exactly the rules of :meth:`is_working_day`.
        """
        days: set[datetime.date] = set()
        for year in range(first.year, last.year + 1):
            days.update(self._national_holidays(year))
        days.update(self._cuti_bersama)
        days.update(self._extra)
        return sorted(d for d in days if first <= d <= last)

    def cuti_bersama(self) -> dict[datetime.date, str]:
        """A copy of the loaded cuti bersama days (for display in the admin pages)."""
        return dict(self._cuti_bersama)


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The shared calendar built from the shipped cuti bersama file."""
    return WorkCalendar()
