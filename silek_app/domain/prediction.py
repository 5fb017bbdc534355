"""Predicted completion date of an open file, from how recent files of its service went.

For every completed file of a service (one that reached TERBIT within the last
WINDOW_DAYS days) and every visit it made to an office state S, one sample is
kept: the working days it spent in S on that visit, and the office working days
from entering S to issuance. Office days are the SLA clock's days (sla.py):
working days of the WIB calendar, minus the working days the applicant held the
file (each pause covers (start date, end date], as in sla.py). The prediction
therefore assumes no further send-back, like the SLA due date does.

For an open file in S that has already spent d working days there, the samples
that also stayed at least d days in S say how much longer such files took; when
fewer than MIN_SAMPLES of them exist, all samples of S are used (a file that
stays unusually long still gets a date rather than nothing). The median and p90
(nearest rank, so always a whole number of days that some file really took)
of the days left are added to today with the office calendar.

With fewer than MIN_SAMPLES samples for S the history says too little, and the
prediction is the legal SLA due date, flagged "berdasarkan SLA".

A late file (today is after its legal due date; on the due date itself it is
not late yet, as in sla.py) is flagged ``overdue`` and labelled "Lewat batas waktu layanan",
and its estimate is never the passed due date but counted from today:

* with enough history, the days left as above (always today or later, since
  whole working days are added to today);
* with thin history, today plus what the workflow allows the remaining steps
  (``late_step_days``): the rest of the current step's own SLA, plus the
  per-state SLAs of the longest forward route from there to TERBIT, and at
  least one working day. The per-state SLAs are the office's own promise for
  each desk, so this is the latest date the office can still meet if every
  desk from now on keeps its step SLA; the longest route is taken because a
  file that already broke one promise should not be given an optimistic one.
  At least one day, because a late file is never promised for a day that is
  already under way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from silek_app.domain.roles import Role
from silek_app.domain.sla import StatusChange, local_date, pause_periods, state_time_used
from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import ISSUED_STATE, WorkflowDefinition

# "Recently": files issued within this many calendar days before today.
WINDOW_DAYS = 180
# Fewer samples than this for a state and the history is too thin to trust.
MIN_SAMPLES = 20
MEDIAN = 0.5
P90 = 0.9

BASIS_HISTORY = "riwayat"
BASIS_SLA = "sla"
BASIS_STEP_SLA = "sla_tahap"  # a late file with thin history: the remaining steps' SLAs
BASIS_PAUSED = "jeda"
BASIS_NONE = "tidak_ada"  # a draft or a finished file: nothing to predict

# How a late file's estimate is introduced: in the label, then in the note.
LATE_TAG = "Lewat batas waktu layanan, perkiraan baru"
LATE_NOTE = "dihitung ulang dari hari ini karena berkas melewati batas waktu layanan (SLA)"


@dataclass(frozen=True)
class StepSample:
    """One visit of a completed file to a state."""

    file: int  # index of the file in the history, to count files rather than visits
    spent: int  # working days spent in the state on this visit
    remaining: int  # office working days from entering the state to issuance


@dataclass(frozen=True)
class ServiceHistory:
    """The samples of one service, per state code."""

    samples: dict[str, tuple[StepSample, ...]]
    files: int


@dataclass(frozen=True)
class Prediction:
    """median/p90 are None when there is nothing to predict (paused, draft, finished).

    ``sample_size`` is the number of completed files behind a history-based
    date; ``label`` is the value shown to people, ``note`` says what it rests on.
    ``overdue`` is True when the legal due date has passed: the dates are then
    a fresh estimate from today, and the label starts with LATE_TAG.
    """

    median: date | None
    p90: date | None
    basis: str
    sample_size: int
    label: str
    note: str
    overdue: bool = False


def _fmt(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _finish(changes: Sequence[StatusChange]) -> int | None:
    """Index of the first move into TERBIT, or None if the file was never issued."""
    return next((i for i, c in enumerate(changes) if c.to_state == ISSUED_STATE), None)


def _counts_as_office(defn: WorkflowDefinition, state: str) -> bool:
    if state == defn.initial_state or not defn.has_state(state):
        return False
    st = defn.state(state)
    return not (st.terminal or st.pauses_clock)


def build_history(
    defn: WorkflowDefinition,
    calendar: WorkCalendar,
    paths: Sequence[Sequence[StatusChange]],
    today: date,
) -> ServiceHistory:
    """Samples per state from the status paths of one service's files.

    Paths that never reached TERBIT, or reached it more than WINDOW_DAYS
    before ``today``, are ignored. Changes after the issuance are ignored too.
    """
    oldest = today - timedelta(days=WINDOW_DAYS)
    # Many files share entry and issue days; counting each pair once halves the work.
    between = cache(calendar.working_days_between)
    samples: dict[str, list[StepSample]] = {}
    files = 0
    for path in paths:
        ordered = sorted(path, key=lambda c: c.at)
        end = _finish(ordered)
        if end is None:
            continue
        finished = ordered[end].at
        finish_day = local_date(finished)
        if finish_day < oldest or finish_day > today:
            continue
        ordered = ordered[: end + 1]
        # Reuse the SLA clock's pause accounting rather than re-deriving it.
        pauses = pause_periods(defn, ordered, finished, calendar)
        for i, change in enumerate(ordered[:-1]):
            if not _counts_as_office(defn, change.to_state):
                continue
            entered = local_date(change.at)
            paused = sum(p.working_days for p in pauses if p.start >= change.at)
            elapsed = between(entered, finish_day)
            samples.setdefault(change.to_state, []).append(
                StepSample(
                    file=files,
                    spent=between(entered, local_date(ordered[i + 1].at)),
                    remaining=max(0, elapsed - paused),
                )
            )
        files += 1
    return ServiceHistory({k: tuple(v) for k, v in samples.items()}, files)


def nearest_rank(sorted_values: Sequence[int], q: float) -> int:
    """The q-quantile by nearest rank: the smallest value with at least q of them at or below."""
    if not sorted_values:
        raise ValueError("Tidak ada data untuk dihitung.")
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


def _dates_label(median: date, p90: date) -> str:
    if median == p90:
        return _fmt(median)
    return f"{_fmt(median)} (paling lambat sekitar {_fmt(p90)})"


def _forward_routes(defn: WorkflowDefinition) -> dict[str, set[str]]:
    """state -> the states an ordinary forward action leads to.

    Left out: moves into a paused state (a send-back), actions that need a
    written reason (send-back, correction, refusal: NOTE_REQUIRED_ACTIONS are
    forced to require one), and actions only the system takes (deemed approval,
    a shortcut to TERBIT that is not a step anyone works).
    """
    routes: dict[str, set[str]] = {}
    for a in defn.actions:
        if a.requires_note or set(a.roles) <= {Role.SISTEM.value}:
            continue
        if not defn.has_state(a.to_state) or defn.state(a.to_state).pauses_clock:
            continue
        routes.setdefault(a.from_state, set()).add(a.to_state)
    return routes


# Definitions are few and compared by value; the walk is per (definition, state).
@lru_cache(maxsize=256)
def route_sla_days(defn: WorkflowDefinition, state: str) -> int:
    """The per-state SLAs summed along the longest forward route from ``state`` to TERBIT.

    ``state``'s own SLA included; no state is visited twice. 0 when no forward
    route reaches TERBIT (or the state is no longer in the workflow).
    """
    routes = _forward_routes(defn)

    def longest(at: str, seen: frozenset[str]) -> int | None:
        if at == ISSUED_STATE:
            return 0
        if not defn.has_state(at):
            return None
        rest = [longest(nxt, seen | {nxt}) for nxt in routes.get(at, ()) if nxt not in seen]
        rest = [r for r in rest if r is not None]
        if not rest:
            return None
        return defn.state(at).sla_days + max(rest)

    return longest(state, frozenset({state})) or 0


def late_step_days(defn: WorkflowDefinition, state: str, spent: int) -> int:
    """Working days from today a late file with thin history is estimated to need.

    What is left of the current step's SLA after ``spent`` days in it, plus the
    SLAs of the steps after it on the longest forward route, and at least 1
    (see the module docstring).
    """
    own = defn.state(state).sla_days if defn.has_state(state) else 0
    later = max(0, route_sla_days(defn, state) - own)
    return max(1, max(0, own - spent) + later)


def _late_estimate(
    defn: WorkflowDefinition, calendar: WorkCalendar, state: str, spent: int, today: date
) -> Prediction:
    day = calendar.add_working_days(today, late_step_days(defn, state, spent))
    note = f"{LATE_NOTE}, menurut batas waktu tahap yang tersisa: riwayat layanan ini belum cukup"
    return Prediction(day, day, BASIS_STEP_SLA, 0, f"{LATE_TAG} {_fmt(day)}", note, True)


def _sla_fallback(sla_due: date | None, why: str) -> Prediction:
    if sla_due is None:
        return Prediction(None, None, BASIS_SLA, 0, "-", why)
    return Prediction(sla_due, sla_due, BASIS_SLA, 0, f"{_fmt(sla_due)}, mengikuti SLA", why)


def predict(
    defn: WorkflowDefinition,
    calendar: WorkCalendar,
    history: ServiceHistory,
    changes: Sequence[StatusChange],
    now: datetime,
    sla_due: date | None,
) -> Prediction:
    """The predicted completion of one file at ``now`` (see the module docstring).

    ``sla_due`` is the file's legal due date (SlaClock.due_date), the fallback.
    """
    state, spent, _ = state_time_used(defn, calendar, changes, now)
    if defn.has_state(state):
        st = defn.state(state)
        if st.terminal or state == defn.initial_state:
            return Prediction(None, None, BASIS_NONE, 0, "-", "")
        if st.pauses_clock:
            return Prediction(
                None, None, BASIS_PAUSED, 0, "Menunggu perbaikan pemohon",
                "dihitung lagi setelah perbaikan dikirim",
            )  # fmt: skip
    today = local_date(now)
    late = sla_due is not None and today > sla_due
    samples = history.samples.get(state, ())
    if len(samples) < MIN_SAMPLES:
        if late:
            return _late_estimate(defn, calendar, state, spent, today)
        return _sla_fallback(sla_due, "berdasarkan SLA: riwayat layanan ini belum cukup")
    # Condition on files that also stayed at least as long: a file already late
    # in a step is not predicted as if it had just arrived there.
    survivors = [x for x in samples if x.spent >= spent]
    pool = survivors if len(survivors) >= MIN_SAMPLES else samples
    left = sorted(max(0, x.remaining - spent) for x in pool)
    # Whole working days added to today: never before today, late or not.
    median = calendar.add_working_days(today, nearest_rank(left, MEDIAN))
    p90 = calendar.add_working_days(today, nearest_rank(left, P90))
    size = len({x.file for x in pool})
    label = _dates_label(median, p90)
    note = f"berdasarkan {size} berkas yang terbit dalam {WINDOW_DAYS} hari terakhir"
    if late:
        label, note = f"{LATE_TAG} {label}", f"{LATE_NOTE}, {note}"
    return Prediction(median, p90, BASIS_HISTORY, size, label, note, late)
