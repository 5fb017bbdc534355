"""A WorkCalendar answering from precomputed tables, for bulk work (the history generator).

WorkCalendar walks day by day and looks each day up in three holiday sources;
that is right for one file but costs seconds per thousand files when a million
histories are planned and their SLA clocks computed. Over a fixed span this
class answers the same questions in constant time from a prefix count of
working days, and defers to the wrapped calendar outside the span, so its
answers are the wrapped calendar's answers (tests/unit/test_history_plan.py
compares them day by day).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right

from silek_app.domain.workcalendar import WorkCalendar

_DAY = datetime.timedelta(days=1)


class IndexedCalendar:
    """Same interface and answers as ``base`` for the calendar questions sla.py asks."""

    def __init__(self, base: WorkCalendar, first: datetime.date, last: datetime.date) -> None:
        if last < first:
            raise ValueError("Rentang kalender tidak valid: akhir sebelum awal.")
        self.base = base
        self.first = first
        self.last = last
        self._first_ord = first.toordinal()
        span = last.toordinal() - self._first_ord + 1
        self._working = [base.is_working_day(first + i * _DAY) for i in range(span)]
        # _count[i] = working days among the first i days of the span.
        count = [0]
        for flag in self._working:
            count.append(count[-1] + flag)
        self._count = count
        self._working_ords = [self._first_ord + i for i, w in enumerate(self._working) if w]

    def _index(self, d: datetime.date) -> int | None:
        i = d.toordinal() - self._first_ord
        return i if 0 <= i < len(self._working) else None

    def holiday_name(self, d: datetime.date) -> str | None:
        return self.base.holiday_name(d)

    def is_working_day(self, d: datetime.date) -> bool:
        i = self._index(d)
        return self._working[i] if i is not None else self.base.is_working_day(d)

    def working_days(self) -> list[datetime.date]:
        """Every working day of the span, oldest first."""
        return [datetime.date.fromordinal(o) for o in self._working_ords]

    def next_working_day(self, d: datetime.date) -> datetime.date:
        """The first working day strictly after ``d``."""
        pos = bisect_right(self._working_ords, d.toordinal())
        if self._index(d) is not None and pos < len(self._working_ords):
            return datetime.date.fromordinal(self._working_ords[pos])
        return self.base.next_working_day(d)

    def add_working_days(self, start: datetime.date, n: int) -> datetime.date:
        if n < 0:
            raise ValueError("Jumlah hari kerja tidak boleh negatif.")
        if n == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        if self._index(start) is not None:
            pos = bisect_right(self._working_ords, start.toordinal()) + n - 1
            if pos < len(self._working_ords):
                return datetime.date.fromordinal(self._working_ords[pos])
        return self.base.add_working_days(start, n)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days d with start < d <= end (0 if end <= start)."""
        if end <= start:
            return 0
        i, j = self._index(start), self._index(end)
        if i is None or j is None:
            return self.base.working_days_between(start, end)
        return self._count[j + 1] - self._count[i + 1]
