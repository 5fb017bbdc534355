"""How urgent an open file is for the officers' queue (near due, overdue, paused).

Two deadlines apply to a file on an officer's desk:

* the current step's own SLA (``sla_days`` of the workflow state), counted in
  working days since the file last entered the step (sla.state_time_used);
* the application's due date (the published SLA, moved by pauses), stored on
  the application and kept current by the workflow runner.

A file is overdue when either deadline has passed, and near due when at least
75 % of the step's SLA is used but it is not yet overdue. A step with an SLA of
0 working days must be handled on the day it arrives, so a file there is near
due on that day and overdue from the next working day. While the applicant
holds the file (a state that pauses the clock) it is neither: the time is not
the office's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from silek_app.domain.sla import StatusChange, local_date, state_time_used
from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import WorkflowDefinition

# Near due from 75 % of the step's SLA (issue 4, section 2), compared in integers
# (used * 4 >= sla * 3) so that exactly 75 % never falls through a rounding gap.
NEAR_DUE_NUMERATOR = 3
NEAR_DUE_DENOMINATOR = 4


@dataclass(frozen=True)
class Urgency:
    """The queue's view of one file's clock at ``now``.

    ``days_left`` is the working days left before the nearer of the two
    deadlines; it is negative once a deadline has passed.
    """

    days_in_state: int
    state_sla_days: int
    percent_used: int
    days_left: int
    paused: bool
    near_due: bool
    overdue: bool
    # True when the application's due date, not the step's SLA, is the nearer deadline.
    service_deadline: bool = False

    @property
    def label(self) -> str:
        """The nearer deadline's remaining time, named: "Tahap ini: sisa 1 hari kerja" or
        "Batas waktu layanan: terlambat 2 hari kerja" (the card also shows the prediction
        against the service's deadline, so the two must not read alike)."""
        if self.paused:
            return "Dijeda, menunggu pemohon"
        whose = "Batas waktu layanan" if self.service_deadline else "Tahap ini"
        if self.overdue:
            late = -self.days_left
            return f"{whose}: terlambat {late} hari kerja" if late > 0 else f"{whose}: lewat batas"
        if self.days_left == 0:
            return f"{whose}: batas hari ini"
        return f"{whose}: sisa {self.days_left} hari kerja"


def _days_to(calendar: WorkCalendar, today: date, due: date) -> int:
    """Working days from today to the due date; negative after it."""
    if today <= due:
        return calendar.working_days_between(today, due)
    return -calendar.working_days_between(due, today)


def urgency(
    defn: WorkflowDefinition,
    calendar: WorkCalendar,
    state: str,
    entered_at: datetime,
    due_date: date | None,
    now: datetime,
) -> Urgency:
    """Classify one file from its current state, when it entered it and its due date.

    Only the latest entry into the current state matters for the step's SLA, so
    a one-row history is enough for sla.state_time_used; the queue never needs
    to load a file's whole history.
    """
    _, spent, sla = state_time_used(defn, calendar, [StatusChange(entered_at, None, state)], now)
    paused = defn.has_state(state) and defn.state(state).pauses_clock
    left = sla - spent
    service_deadline = False
    if due_date is not None:
        to_due = _days_to(calendar, local_date(now), due_date)
        service_deadline = to_due < left
        left = min(left, to_due)
    percent = spent * 100 // sla if sla > 0 else 100
    if paused:
        return Urgency(spent, sla, percent, left, True, False, False, service_deadline)
    overdue = spent > sla or (due_date is not None and local_date(now) > due_date)
    near = not overdue and spent * NEAR_DUE_DENOMINATOR >= sla * NEAR_DUE_NUMERATOR
    return Urgency(spent, sla, percent, left, False, near, overdue, service_deadline)
