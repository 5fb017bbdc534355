"""The SLA clock of an application, computed from its status history.

Rules (domain.md §6.4), in working days of the office calendar:

* Instants are stored as timezone-aware UTC; the office counts days in WIB
  (UTC+7, no daylight saving), so a file submitted at 17:30 UTC was submitted
  on the next WIB day. Every day below is a WIB date (``local_date``).
* The clock starts at the submission: the first change into a state that is
  neither the initial (draft) state nor a final state. Time spent in the draft
  before that is not a pause; the clock simply has not started.
* The service's SLA of n days means n working days AFTER the start date; the
  start day itself does not count (as in WorkCalendar.add_working_days).
* While the file is in a state with ``pauses_clock`` (PERLU_PERBAIKAN: the
  applicant holds it), the clock stands still. A pause covers the working days
  in (pause start date, pause end date], so a pause that starts and ends on
  the same day costs nothing, and the day the file comes back counts as
  paused. Each pause moves the due date later by the working days it covered;
  a pause still open counts up to ``now`` and keeps moving it.
* The clock stops at the first final state (``finished_at``).
* Overdue: finished after the due date, or still running and today is after
  the due date. While the applicant holds the file it counts as overdue only
  if the office had already used more than the SLA before sending it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import WorkflowDefinition

WIB = timezone(timedelta(hours=7), "WIB")


def local_date(instant: datetime) -> date:
    """The WIB calendar date of an aware instant; a naive one is refused.

    A naive datetime could be UTC or WIB, and guessing wrong moves a deadline
    by a day for everything submitted between 00:00 and 07:00 WIB.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("Waktu harus memiliki zona waktu (UTC); waktu tanpa zona tidak diterima.")
    return instant.astimezone(WIB).date()


@dataclass(frozen=True)
class StatusChange:
    """One row of the status history. ``from_state`` is None for the first row."""

    at: datetime
    from_state: str | None
    to_state: str
    note: str = ""


@dataclass(frozen=True)
class PausePeriod:
    """A stretch the applicant held the file. ``end`` is None while it lasts.

    ``working_days`` are the working days in (start date, end date], with an
    open pause measured up to ``now``; ``reason`` is the note that opened it.
    """

    start: datetime
    end: datetime | None
    reason: str
    working_days: int


@dataclass(frozen=True)
class SlaClock:
    """The state of the clock at ``now``.

    Before the submission everything is empty: started_at and due_date are
    None, nothing is used, and working_days_left is the full SLA.
    working_days_left is negative once overdue; on a non-working day right
    after the due date it can be 0 while ``overdue`` is already True.
    """

    started_at: datetime | None
    sla_days: int
    due_date: date | None
    working_days_used: int
    working_days_paused: int
    working_days_left: int
    paused_now: bool
    overdue: bool
    finished_at: datetime | None
    pauses: tuple[PausePeriod, ...]


def expected_completion(calendar: WorkCalendar, submitted_at: datetime, sla_days: int) -> date:
    """The completion date promised on the confirmation page (assuming no pause)."""
    if sla_days < 0:
        raise ValueError("Jumlah hari SLA tidak boleh negatif.")
    return calendar.add_working_days(local_date(submitted_at), sla_days)


def _ordered(changes: Sequence[StatusChange]) -> list[StatusChange]:
    # Stable sort: rows written in the same instant keep the order they were given in.
    return sorted(changes, key=lambda c: c.at)


def _is_start(defn: WorkflowDefinition, change: StatusChange) -> bool:
    if change.to_state == defn.initial_state or not defn.has_state(change.to_state):
        return False
    return not defn.state(change.to_state).terminal


def _pauses(defn: WorkflowDefinition, state: str) -> bool:
    # A state removed from the flow after the fact is treated as office time:
    # only states the data marks as paused may stop the clock.
    return defn.has_state(state) and defn.state(state).pauses_clock


def _is_terminal(defn: WorkflowDefinition, state: str) -> bool:
    return defn.has_state(state) and defn.state(state).terminal


@dataclass(frozen=True)
class _Timeline:
    started_at: datetime | None
    finished_at: datetime | None
    # (start, end or None, reason) of each pause, end clipped at the finish.
    raw_pauses: tuple[tuple[datetime, datetime | None, str], ...]
    current_state: str
    entered_current: datetime | None


def _timeline(defn: WorkflowDefinition, changes: Sequence[StatusChange]) -> _Timeline:
    """Walk the history once: start, finish, and the pauses between them."""
    ordered = _ordered(changes)
    for change in ordered:
        local_date(change.at)  # refuses naive instants early, with a clear message
    current = ordered[-1].to_state if ordered else defn.initial_state
    entered = ordered[-1].at if ordered else None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    pauses: list[tuple[datetime, datetime | None, str]] = []
    open_pause: tuple[datetime, str] | None = None
    for change in ordered:
        if started_at is None:
            if _is_terminal(defn, change.to_state):
                # Cancelled before submission: the clock never ran.
                finished_at = change.at
                break
            if not _is_start(defn, change):
                continue
            started_at = change.at
        if _is_terminal(defn, change.to_state):
            finished_at = change.at
            break
        paused = _pauses(defn, change.to_state)
        if paused and open_pause is None:
            open_pause = (change.at, change.note)
        elif not paused and open_pause is not None:
            pauses.append((open_pause[0], change.at, open_pause[1]))
            open_pause = None
    if open_pause is not None:
        # A final state ends a pause (e.g. cancelled while waiting for a fix).
        pauses.append((open_pause[0], finished_at, open_pause[1]))
    return _Timeline(started_at, finished_at, tuple(pauses), current, entered)


def _measure(
    calendar: WorkCalendar,
    raw: tuple[tuple[datetime, datetime | None, str], ...],
    now: datetime,
) -> tuple[PausePeriod, ...]:
    today = local_date(now)
    return tuple(
        PausePeriod(
            start=start,
            end=end,
            reason=reason,
            working_days=calendar.working_days_between(
                local_date(start), local_date(end) if end is not None else today
            ),
        )
        for start, end, reason in raw
    )


def pause_periods(
    defn: WorkflowDefinition,
    changes: Sequence[StatusChange],
    now: datetime,
    calendar: WorkCalendar,
) -> tuple[PausePeriod, ...]:
    """The pauses between the submission and the finish, oldest first.

    Consecutive paused states form one pause, whose reason is the note of the
    change that entered the first of them. Time in the draft before the
    submission is ignored; a pause still open at a final state ends there.
    """
    return _measure(calendar, _timeline(defn, changes).raw_pauses, now)


def sla_clock(
    defn: WorkflowDefinition,
    calendar: WorkCalendar,
    sla_days: int,
    changes: Sequence[StatusChange],
    now: datetime,
) -> SlaClock:
    """The SLA clock of one application at ``now`` (see the module docstring).

    ``sla_days`` is the service's published SLA, not the sum of the per-state
    SLAs: the applicant was promised the published figure.

    due_date = the sla_days-th working day after the start date, then moved by
    the working days of every pause. working_days_used = working days in
    (start date, finish or today] minus the paused ones.
    """
    if sla_days < 0:
        raise ValueError("Jumlah hari SLA tidak boleh negatif.")
    today = local_date(now)
    line = _timeline(defn, changes)
    if line.started_at is None:
        return SlaClock(
            started_at=None,
            sla_days=sla_days,
            due_date=None,
            working_days_used=0,
            working_days_paused=0,
            working_days_left=sla_days,
            paused_now=False,
            overdue=False,
            finished_at=line.finished_at,
            pauses=(),
        )
    pauses = _measure(calendar, line.raw_pauses, now)
    paused_days = sum(p.working_days for p in pauses)
    start_day = local_date(line.started_at)
    end_day = local_date(line.finished_at) if line.finished_at is not None else today
    elapsed = calendar.working_days_between(start_day, end_day)
    # Never below zero, even if `now` is earlier than the history (clock skew).
    used = max(0, elapsed - paused_days)
    due = calendar.add_working_days(start_day, sla_days)
    if paused_days:
        due = calendar.add_working_days(due, paused_days)
    paused_now = line.finished_at is None and bool(pauses) and pauses[-1].end is None
    if line.finished_at is not None:
        overdue = local_date(line.finished_at) > due
    elif paused_now:
        # The due date moves for as long as the applicant holds the file, so the
        # date test would flag a weekend during a pause; only an overrun that
        # happened before the send-back makes a paused file late.
        overdue = used > sla_days
    else:
        overdue = today > due
    return SlaClock(
        started_at=line.started_at,
        sla_days=sla_days,
        due_date=due,
        working_days_used=used,
        working_days_paused=paused_days,
        working_days_left=sla_days - used,
        paused_now=paused_now,
        overdue=overdue,
        finished_at=line.finished_at,
        pauses=pauses,
    )


def state_time_used(
    defn: WorkflowDefinition,
    calendar: WorkCalendar,
    changes: Sequence[StatusChange],
    now: datetime,
) -> tuple[str, int, int]:
    """(current state, working days spent in it, the state's own sla_days).

    Days are counted in (date of the latest entry into the state, today], so a
    step re-entered after a correction starts afresh. The numbers are plain
    facts: callers checking "near due" (>= 75 %) or "overdue" per step should
    skip paused and final states, whose time is not the office's. A state no
    longer in the workflow reports an SLA of 0; with no history the file is in
    the initial state and has spent 0 days there.
    """
    line = _timeline(defn, changes)
    state = line.current_state
    sla = defn.state(state).sla_days if defn.has_state(state) else 0
    if line.entered_current is None:
        return state, 0, sla
    spent = calendar.working_days_between(local_date(line.entered_current), local_date(now))
    return state, spent, sla
