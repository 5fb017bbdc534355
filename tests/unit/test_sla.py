"""SLA clock: hand-computed deadlines on the real office calendar.

Calendar facts the examples rely on (checked in test_calendar_facts):
* 18-24 March 2026 are all non-working: 18 cuti bersama Nyepi, 19 Nyepi,
  20 cuti bersama Idul Fitri, 21-22 Idul Fitri (weekend), 23-24 cuti bersama.
* 24 Dec 2026 cuti bersama Natal, 25 Dec Natal, 1 Jan 2027 Tahun Baru,
  5 Jan 2027 Isra Mikraj.
All times below are written in WIB and converted to UTC, as stored.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from silek_app.domain.sla import (
    WIB,
    StatusChange,
    expected_completion,
    local_date,
    pause_periods,
    sla_clock,
    state_time_used,
)
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows

CAL = default_calendar()
WF = load_workflows()["kesehatan_standar"]
REASON = "Dokumen STR tidak terbaca."


def wib(y, m, d, hh=10, mm=0) -> datetime:
    """A WIB wall-clock time as the aware UTC instant the database stores."""
    return datetime(y, m, d, hh, mm, tzinfo=WIB).astimezone(UTC)


def history(*events) -> list[StatusChange]:
    """Chain (instant, to_state[, note]) into changes, starting from a fresh draft."""
    changes, prev = [], None
    for event in events:
        at, to_state, *rest = event
        changes.append(StatusChange(at, prev, to_state, rest[0] if rest else ""))
        prev = to_state
    return changes


def submitted(at: datetime) -> list[StatusChange]:
    return history((at - timedelta(days=3), "DRAFT"), (at, "DIAJUKAN"))


def clock(changes, now, sla_days=5):
    return sla_clock(WF, CAL, sla_days, changes, now)


def test_calendar_facts():
    for day in range(18, 25):
        assert not CAL.is_working_day(date(2026, 3, day)), day
    assert CAL.is_working_day(date(2026, 3, 17)) and CAL.is_working_day(date(2026, 3, 25))
    for d in (date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1), date(2027, 1, 5)):
        assert not CAL.is_working_day(d), d
    for d in (date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 4), date(2027, 1, 6)):
        assert CAL.is_working_day(d), d


# ---------------------------------------------------------------- dates and WIB


def test_local_date_converts_utc_to_wib():
    late = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)  # 00:30 WIB on the 4th
    assert local_date(late) == date(2026, 12, 4)
    assert local_date(datetime(2026, 12, 3, 16, 59, tzinfo=UTC)) == date(2026, 12, 3)
    assert WIB.utcoffset(None) == timedelta(hours=7)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="zona waktu"):
        local_date(datetime(2026, 12, 3, 10, 0))
    with pytest.raises(ValueError):
        clock(submitted(wib(2026, 12, 7)), datetime(2026, 12, 9))


def test_expected_completion_friday_plus_five():
    friday = wib(2026, 12, 4, 9)
    assert expected_completion(CAL, friday, 5) == date(2026, 12, 11)
    assert expected_completion(CAL, friday, 5) == CAL.add_working_days(date(2026, 12, 4), 5)


def test_expected_completion_uses_the_wib_day():
    # 17:30 UTC Thursday is already Friday in Solok; the UTC date would give the 10th.
    late = datetime(2026, 12, 3, 17, 30, tzinfo=UTC)
    assert expected_completion(CAL, late, 5) == date(2026, 12, 11)
    assert CAL.add_working_days(date(2026, 12, 3), 5) == date(2026, 12, 10)


def test_expected_completion_matches_an_unpaused_clock():
    at = wib(2026, 12, 4)
    assert clock(submitted(at), wib(2026, 12, 4, 11)).due_date == expected_completion(CAL, at, 5)


# ---------------------------------------------------------------- running clock


def test_weekend_is_not_counted():
    changes = submitted(wib(2026, 12, 4))  # Friday
    c = clock(changes, wib(2026, 12, 9, 15))  # Wednesday: Mon, Tue, Wed used
    assert c.started_at == wib(2026, 12, 4)
    assert (c.due_date, c.working_days_used, c.working_days_left) == (date(2026, 12, 11), 3, 2)
    assert not c.overdue and not c.paused_now and c.finished_at is None
    on_due = clock(changes, wib(2026, 12, 11, 16))
    assert (on_due.working_days_left, on_due.overdue) == (0, False)
    saturday = clock(changes, wib(2026, 12, 12))
    assert (saturday.working_days_left, saturday.overdue) == (0, True)
    monday = clock(changes, wib(2026, 12, 14))
    assert (monday.working_days_used, monday.working_days_left, monday.overdue) == (6, -1, True)


def test_idul_fitri_2026():
    c = clock(submitted(wib(2026, 3, 17)), wib(2026, 3, 25), sla_days=3)
    assert c.due_date == date(2026, 3, 27)  # 25, 26, 27
    assert c.working_days_used == 1
    c = clock(submitted(wib(2026, 3, 13)), wib(2026, 3, 24), sla_days=3)
    assert c.due_date == date(2026, 3, 25)  # 16, 17, 25
    assert (c.working_days_used, c.overdue) == (2, False)


def test_year_end_2026():
    c = clock(submitted(wib(2026, 12, 24, 8)), wib(2026, 12, 30), sla_days=5)
    assert c.due_date == date(2027, 1, 4)  # 28, 29, 30, 31, 4 Jan
    assert c.working_days_used == 3
    six = clock(submitted(wib(2026, 12, 24, 8)), wib(2026, 12, 30), sla_days=6)
    assert six.due_date == date(2027, 1, 6)  # 5 Jan is Isra Mikraj
    late = clock(submitted(wib(2026, 12, 23)), wib(2027, 1, 6), sla_days=5)
    assert late.due_date == date(2027, 1, 4)
    assert (late.working_days_used, late.working_days_left, late.overdue) == (6, -1, True)


def test_draft_time_before_submission_is_ignored():
    changes = history((wib(2026, 11, 2), "DRAFT"), (wib(2026, 12, 7), "DIAJUKAN"))
    c = clock(changes, wib(2026, 12, 8))
    assert c.started_at == wib(2026, 12, 7)
    assert (c.pauses, c.working_days_paused, c.working_days_used) == ((), 0, 1)


def test_not_yet_submitted():
    c = clock(history((wib(2026, 12, 1), "DRAFT")), wib(2026, 12, 20))
    assert (c.started_at, c.due_date, c.finished_at) == (None, None, None)
    assert (c.working_days_used, c.working_days_left, c.overdue, c.paused_now) == (
        0,
        5,
        False,
        False,
    )
    assert clock([], wib(2026, 12, 20)).started_at is None


def test_draft_cancelled_never_starts():
    changes = history((wib(2026, 12, 1), "DRAFT"), (wib(2026, 12, 2), "DIBATALKAN"))
    c = clock(changes, wib(2026, 12, 20))
    assert c.started_at is None and c.finished_at == wib(2026, 12, 2) and not c.overdue


# ---------------------------------------------------------------- pauses


def _returned(back_at, resent_at=None):
    events = [
        (wib(2026, 12, 4), "DRAFT"),
        (wib(2026, 12, 7), "DIAJUKAN"),  # Monday
        (wib(2026, 12, 7, 11), "VERIFIKASI_BERKAS"),
        (back_at, "PERLU_PERBAIKAN", REASON),
    ]
    if resent_at is not None:
        events.append((resent_at, "VERIFIKASI_BERKAS", "Sudah diperbaiki."))
    return history(*events)


def test_pause_of_three_working_days_shifts_due_date_by_three():
    changes = _returned(wib(2026, 12, 8), wib(2026, 12, 11, 9))  # Tue -> Fri
    c = clock(changes, wib(2026, 12, 17, 15))
    (pause,) = c.pauses
    assert (pause.start, pause.end, pause.reason, pause.working_days) == (
        wib(2026, 12, 8),
        wib(2026, 12, 11, 9),
        REASON,
        3,
    )
    # Unpaused due date is Mon 14 Dec; three working days later is Thu 17 Dec.
    assert c.due_date == date(2026, 12, 17)
    assert (c.working_days_paused, c.working_days_used, c.working_days_left) == (3, 5, 0)
    assert not c.overdue and not c.paused_now
    friday = clock(changes, wib(2026, 12, 18))
    assert (friday.working_days_left, friday.overdue) == (-1, True)


def test_same_day_pause_shifts_nothing():
    changes = _returned(wib(2026, 12, 8, 10), wib(2026, 12, 8, 15))
    c = clock(changes, wib(2026, 12, 9))
    assert c.due_date == date(2026, 12, 14)
    assert c.working_days_paused == 0 and c.pauses[0].working_days == 0
    assert c.working_days_used == 2


def test_open_pause_counts_to_now():
    changes = _returned(wib(2026, 12, 8))
    c = clock(changes, wib(2026, 12, 10, 12))
    assert c.paused_now
    (pause,) = c.pauses
    assert (pause.end, pause.working_days, pause.reason) == (None, 2, REASON)
    assert c.due_date == date(2026, 12, 16)  # Mon 14 + two working days
    assert (c.working_days_used, c.working_days_left, c.overdue) == (1, 4, False)
    assert pause_periods(WF, changes, wib(2026, 12, 10, 12), CAL) == c.pauses


def test_weekend_during_pause_after_due_date_is_not_overdue():
    changes = history(
        (wib(2026, 12, 10), "DIAJUKAN"),  # Thursday, SLA 1: due Friday
        (wib(2026, 12, 11), "PERLU_PERBAIKAN", REASON),  # returned on the due day
    )
    c = clock(changes, wib(2026, 12, 12), sla_days=1)  # Saturday
    assert c.paused_now and c.due_date == date(2026, 12, 11)
    assert not c.overdue


def test_pause_after_overrun_stays_overdue():
    changes = history(
        (wib(2026, 12, 7), "DIAJUKAN"),  # SLA 1: due Tue 8
        (wib(2026, 12, 10), "PERLU_PERBAIKAN", REASON),  # returned on Thu, already late
    )
    c = clock(changes, wib(2026, 12, 11), sla_days=1)
    assert c.paused_now and c.working_days_used == 3 and c.overdue


def test_two_pauses_add_up_and_cancel_ends_a_pause():
    changes = history(
        (wib(2026, 12, 7), "DIAJUKAN"),
        (wib(2026, 12, 7, 11), "VERIFIKASI_BERKAS"),
        (wib(2026, 12, 8), "PERLU_PERBAIKAN", REASON),
        (wib(2026, 12, 10), "VERIFIKASI_BERKAS"),  # paused 9, 10
        (wib(2026, 12, 14), "PERLU_PERBAIKAN", "Foto tidak sesuai."),
        (wib(2026, 12, 16), "DIBATALKAN"),  # paused 15, 16; cancelling ends it
    )
    c = clock(changes, wib(2027, 1, 20))
    assert [(p.working_days, p.reason) for p in c.pauses] == [
        (2, REASON),
        (2, "Foto tidak sesuai."),
    ]
    assert c.pauses[1].end == wib(2026, 12, 16)
    assert c.finished_at == wib(2026, 12, 16) and not c.paused_now
    # (7 Dec, 16 Dec] has 7 working days, 4 of them paused.
    assert (c.working_days_paused, c.working_days_used) == (4, 3)


def test_unsorted_history_is_sorted():
    changes = _returned(wib(2026, 12, 8), wib(2026, 12, 11, 9))
    shuffled = [changes[3], changes[0], changes[4], changes[2], changes[1]]
    now = wib(2026, 12, 17)
    assert clock(shuffled, now) == clock(changes, now)


# ---------------------------------------------------------------- finished clock


def _issued(done_at):
    return history(
        (wib(2026, 12, 7), "DIAJUKAN"),
        (wib(2026, 12, 7, 11), "VERIFIKASI_BERKAS"),
        (wib(2026, 12, 8), "VERIFIKASI_TEKNIS"),
        (wib(2026, 12, 9), "PERSETUJUAN"),
        (wib(2026, 12, 9, 15), "PENANDATANGANAN"),
        (done_at, "TERBIT"),
    )


def test_finished_clock_stops_counting():
    c = clock(_issued(wib(2026, 12, 10, 14)), wib(2027, 2, 1))
    assert c.finished_at == wib(2026, 12, 10, 14)
    assert (c.working_days_used, c.working_days_left, c.overdue) == (3, 2, False)
    assert c.due_date == date(2026, 12, 14)
    assert not c.paused_now


def test_finished_late_is_overdue():
    c = clock(_issued(wib(2026, 12, 15, 9)), wib(2027, 2, 1))
    assert (c.working_days_used, c.working_days_left, c.overdue) == (6, -1, True)


def test_negative_sla_is_refused():
    with pytest.raises(ValueError):
        clock([], wib(2026, 12, 1), sla_days=-1)
    with pytest.raises(ValueError):
        expected_completion(CAL, wib(2026, 12, 1), -1)


# ---------------------------------------------------------------- per-state time


def test_state_time_used():
    changes = _issued(wib(2026, 12, 10, 14))[:2]  # in VERIFIKASI_BERKAS since Mon 11:00
    assert state_time_used(WF, CAL, changes, wib(2026, 12, 7, 16)) == ("VERIFIKASI_BERKAS", 0, 1)
    assert state_time_used(WF, CAL, changes, wib(2026, 12, 9)) == ("VERIFIKASI_BERKAS", 2, 1)
    # Re-entering a step after a correction starts its count afresh.
    again = _returned(wib(2026, 12, 8), wib(2026, 12, 11, 9))
    assert state_time_used(WF, CAL, again, wib(2026, 12, 14)) == ("VERIFIKASI_BERKAS", 1, 1)
    assert state_time_used(WF, CAL, [], wib(2026, 12, 14)) == ("DRAFT", 0, 0)


# ---------------------------------------------------------------- property test


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(date(2026, 1, 1), date(2027, 10, 31)),
    sla=st.integers(1, 20),
    pauses=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=3),
)
def test_due_date_and_days_left_agree(start, sla, pauses):
    """On the due date 0 days are left; on the next working day the file is late."""
    events = [(wib(start.year, start.month, start.day), "DIAJUKAN")]

    def after_last(d: date, hour: int) -> datetime:
        # Same-day steps must stay in order, so each one is at least a minute later.
        return max(wib(d.year, d.month, d.day, hour), events[-1][0] + timedelta(minutes=1))

    day = start
    for gap, length in pauses:
        day += timedelta(days=gap)
        events.append((after_last(day, 11), "PERLU_PERBAIKAN", REASON))
        day += timedelta(days=length)
        events.append((after_last(day, 12), "VERIFIKASI_BERKAS"))
    changes = history(*events)
    due = clock(changes, events[-1][0], sla).due_date
    assume(due >= day)  # every pause ended before the deadline
    on_due = clock(changes, wib(due.year, due.month, due.day, 16), sla)
    assert (on_due.due_date, on_due.working_days_left, on_due.overdue) == (due, 0, False)
    assert on_due.working_days_paused == sum(p.working_days for p in on_due.pauses)
    nxt = CAL.next_working_day(due)
    late = clock(changes, wib(nxt.year, nxt.month, nxt.day), sla)
    assert (late.working_days_left, late.overdue) == (-1, True)
