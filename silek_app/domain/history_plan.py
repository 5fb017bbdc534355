"""Plan a realistic history of applications, without touching the database.

Each planned file is driven from DRAFT through its service's workflow one step at
a time, and every step is checked by workflow_engine.plan_transition with the
role that takes it, so a generated file can only follow a path real use could
produce. Timing follows the office: submissions and officer actions fall in
working hours (WIB) on working days of the calendar, each officer works at his
own speed, and files whose next step would lie after ``now`` stay open there,
which leaves a real backlog. The stored SLA fields come from sla.sla_clock.

The planner yields files in submission order so the caller can number them
gap-free per day and write them in chunks without holding a million in memory.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from silek_app.domain.calendar_index import IndexedCalendar
from silek_app.domain.catalog_types import Catalog, Service
from silek_app.domain.history_config import OUTSIDE, HistoryConfig
from silek_app.domain.history_people import PeoplePlanner, PlannedApplicant, form_sections
from silek_app.domain.history_skm import PlannedSkm, plan_skm
from silek_app.domain.sla import WIB, StatusChange, sla_clock
from silek_app.domain.workcalendar import WorkCalendar
from silek_app.domain.workflow import (
    ISSUED_STATE,
    RETURN_ACTION,
    WorkflowAction,
    WorkflowDefinition,
    WorkflowState,
)
from silek_app.domain.workflow_engine import Transition, plan_transition

SYSTEM_ROLE = "sistem"
APPLICANT_ROLE = "pemohon"
MAX_PER_DAY = 99_999  # the reference number has five digits


class PlannedEvent(NamedTuple):
    at: dt.datetime
    action: str
    from_status: str | None
    to_status: str
    role: str
    officer: int | None  # index in the role's pool; None for the applicant
    note: str


class PlannedApplication(NamedTuple):
    service_code: str
    jenis: str
    applicant: PlannedApplicant
    new_applicant: bool
    created_at: dt.datetime
    submitted_at: dt.datetime
    events: tuple[PlannedEvent, ...]
    status: str
    state_entered_at: dt.datetime
    sla_started_at: dt.datetime | None
    sla_due_date: dt.date | None
    paused_since: dt.datetime | None
    paused_seconds: int
    completed_at: dt.datetime | None
    overdue: bool
    form_data: dict
    practice_kind: str | None
    practice_place_no: int | None
    skm: PlannedSkm | None


@dataclass(frozen=True)
class _IndexedWorkflow(WorkflowDefinition):
    """The same flow with its states and actions indexed by code.

    sla.py and workflow_engine look states up many times per file; the plain
    definition scans tuples, which dominates a million-file run.
    """

    def __post_init__(self) -> None:
        object.__setattr__(self, "_states", {st.code: st for st in self.states})
        by_from: dict[str, tuple] = {}
        for a in self.actions:
            by_from[a.from_state] = (*by_from.get(a.from_state, ()), a)
        object.__setattr__(self, "_from", by_from)

    def state(self, code: str) -> WorkflowState:
        found = self._states.get(code)
        if found is None:
            return super().state(code)
        return found

    def has_state(self, code: str) -> bool:
        return code in self._states

    def actions_from(self, state_code: str) -> tuple[WorkflowAction, ...]:
        return self._from.get(state_code, ())


def _indexed(defn: WorkflowDefinition) -> _IndexedWorkflow:
    return _IndexedWorkflow(
        code=defn.code, name=defn.name, initial_state=defn.initial_state,
        states=defn.states, actions=defn.actions,
    )  # fmt: skip


def _minute_of_day(moment: dt.datetime) -> int:
    return moment.hour * 60 + moment.minute


def _to_utc(day: dt.date, minute: int, second: int = 0) -> dt.datetime:
    return _wib_midnight(day) + dt.timedelta(seconds=minute * 60 + second)


@lru_cache(maxsize=4096)
def _wib_midnight(day: dt.date) -> dt.datetime:
    """00:00 WIB of ``day`` as a UTC instant (cached: a run touches each day many times)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=WIB).astimezone(dt.UTC)


def lebaran_days(calendar: WorkCalendar, year: int) -> list[dt.date]:
    """First days of Idul Fitri in ``year``, found in the calendar's holiday names."""
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        name = (calendar.holiday_name(day) or "").lower()
        if "idul fitri" in name and "cuti" not in name:
            prev = (calendar.holiday_name(day - dt.timedelta(days=1)) or "").lower()
            if "idul fitri" not in prev or "cuti" in prev:
                out.append(day)
        day += dt.timedelta(days=1)
    return out


class HistoryPlanner:
    """One planning run: deterministic for a given seed and inputs."""

    def __init__(
        self,
        *,
        seed: int,
        catalog: Catalog,
        calendar: WorkCalendar,
        config: HistoryConfig,
        since: dt.date,
        now: dt.datetime,
        applicant_offset: int = 0,
        taken_niks: frozenset[str] = frozenset(),
    ) -> None:
        if now.tzinfo is None:
            raise ValueError("Waktu 'sekarang' harus memiliki zona waktu.")
        self.rng = random.Random(seed)
        self.catalog = catalog
        self.config = config
        self.since = since
        self.now = now
        self.today = now.astimezone(WIB).date()
        if self.today < since:
            raise ValueError("Tanggal akhir riwayat tidak boleh sebelum tanggal mulai.")
        # Far enough ahead for every due date and step the plan can reach.
        self.cal = IndexedCalendar(calendar, since, self.today + dt.timedelta(days=400))
        self.base_calendar = calendar
        self.services = [catalog.get(code) for code in config.service_weights]
        self.service_cum = _cum(config.service_weights.values())
        self.people = PeoplePlanner(self.rng, config, applicant_offset, taken_niks, self.today)
        self.kel_codes = list(config.kelurahan_weights)
        self.kel_cum = _cum(config.kelurahan_weights.values())
        self.hours = sorted(config.submission_hour_weights)
        self.hour_cum = _cum(config.submission_hour_weights[h] for h in self.hours)
        self.workflows = {code: _indexed(d) for code, d in catalog.workflows.items()}
        self._checked: dict[tuple, Transition] = {}
        self._options: dict[tuple, tuple[list[WorkflowAction], list[float]]] = {}

    def _step(self, defn: WorkflowDefinition, state: str, action: str, role: str, note: str):
        """plan_transition, remembered: its answer depends only on these arguments."""
        key = (defn.code, state, action, role, note)
        found = self._checked.get(key)
        if found is None:
            found = self._checked[key] = plan_transition(defn, state, action, role, note)
        return found

    # ------------------------------------------------------------ volume

    def day_weight(self, day: dt.date, ramadan: set[dt.date], lebaran: set[dt.date]) -> float:
        c = self.config
        w = c.month_weights[day.month - 1] * c.weekday_weights[day.weekday()]
        if day in ramadan:
            w *= c.ramadan_factor
        if day in lebaran:
            w *= c.lebaran_week_factor
        if day.month == 12 and day.day >= c.year_end_from_day:
            w *= c.year_end_factor
        return w

    def submission_days(self, count: int) -> list[tuple[dt.date, int]]:
        """(working day, number of submissions) with the seasonal weights."""
        # Today counts only once the office has opened: before that (the small hours
        # WIB) a submission "today" would lie in the future.
        opened = _minute_of_day(self.now.astimezone(WIB)) > self.config.work_start
        days = [
            d for d in self.cal.working_days() if d < self.today or (d == self.today and opened)
        ]
        if not days:
            raise ValueError("Tidak ada hari kerja dalam rentang tanggal riwayat.")
        ramadan: set[dt.date] = set()
        lebaran: set[dt.date] = set()
        for year in range(self.since.year, self.today.year + 1):
            for first in lebaran_days(self.base_calendar, year):
                ramadan.update(first - dt.timedelta(days=i) for i in range(1, 31))
                lebaran.update(first + dt.timedelta(days=i) for i in range(0, 8))
        cum = _cum(self.day_weight(d, ramadan, lebaran) for d in days)
        counts = [0] * len(days)
        for i in _draw(self.rng, cum, count):
            counts[i] += 1
        if max(counts) > MAX_PER_DAY:
            raise ValueError(
                f"Terlalu banyak permohonan per hari (> {MAX_PER_DAY}); perpanjang rentang tanggal."
            )
        return [(d, n) for d, n in zip(days, counts, strict=True) if n]

    # ------------------------------------------------------------ timing

    def _submission_minute(self, day: dt.date) -> int:
        c = self.config
        hour = self.hours[_pick(self.rng, self.hour_cum)]
        minute = max(c.work_start, min(c.work_end - 1, hour * 60 + int(self.rng.random() * 60)))
        if day == self.today:
            minute = min(minute, max(c.work_start, _minute_of_day(self.now.astimezone(WIB)) - 1))
        return minute

    def _advance(self, day: dt.date, minute: int, work: int) -> tuple[dt.date, int]:
        """Move ``work`` working minutes forward inside working hours."""
        start, end = self.config.work_start, self.config.work_end
        while True:
            minute = max(minute, start)
            left = end - minute
            if work < left:
                return day, minute + work
            work -= max(left, 0)
            day, minute = self.cal.next_working_day(day), start

    def _delay(self, state: str, speed: float) -> int:
        """Working minutes a holder takes in ``state``: log-normal around the median."""
        median = self.config.state_hours.get(state, 4.0) * 60 * speed
        value = median * math.exp(self.rng.gauss(0, self.config.delay_sigma))
        return max(5, int(value))

    # ------------------------------------------------------------ paths

    def _choose(self, defn: WorkflowDefinition, state: str, rework: int, corrections: int):
        c = self.config
        key = (defn.code, state, rework >= c.max_rework_rounds, corrections >= c.max_corrections)
        found = self._options.get(key)
        if found is None:
            found = self._options[key] = self._options_for(defn, state, rework, corrections)
        options, cum = found
        return options[_pick(self.rng, cum)]

    def _options_for(self, defn: WorkflowDefinition, state: str, rework: int, corrections: int):
        """The actions a file in ``state`` may take next, with their weights."""
        c = self.config
        overrides = c.state_action_weights.get(
            f"{defn.code}/{state}"
        ) or c.state_action_weights.get(state, {})
        options, weights = [], []
        for action in defn.actions_from(state):
            if action.roles == (SYSTEM_ROLE,):
                continue
            if action.code == RETURN_ACTION and rework >= c.max_rework_rounds:
                continue
            if action.code == "KOREKSI" and corrections >= c.max_corrections:
                continue
            w = overrides.get(action.code, c.action_weights.get(action.code, 0))
            if w > 0:
                options.append(action)
                weights.append(w)
        return options, _cum(weights)

    def _note(self, code: str) -> str:
        texts = self.config.notes.get(code)
        return self.rng.choice(texts) if texts else ""

    def _walk(self, service: Service, defn: WorkflowDefinition, day: dt.date, minute: int):
        """The events of one file from its submission until a final state or ``now``."""
        submitted = _to_utc(day, minute, int(self.rng.random() * 60))
        t = self._step(defn, defn.initial_state, "AJUKAN", APPLICANT_ROLE, "")
        events = [
            PlannedEvent(submitted, "AJUKAN", t.from_state, t.to_state, APPLICANT_ROLE, None, "")
        ]
        state, rework, corrections = t.to_state, 0, 0
        assigned: dict[str, int] = {}
        pools = self.config.officers
        while not defn.state(state).terminal:
            action = self._choose(defn, state, rework, corrections)
            role = next(r for r in action.roles if r != SYSTEM_ROLE)
            officer = None
            speed = 1.0
            if role != APPLICANT_ROLE:
                # A desk keeps a file once it picked it up; pools differ in speed.
                officer = assigned.setdefault(role, int(self.rng.random() * len(pools[role])))
                speed = pools[role][officer].speed
            day, minute = self._advance(day, minute, self._delay(state, speed))
            at = _to_utc(day, minute, int(self.rng.random() * 60))
            if at > self.now:
                break
            note = self._note(action.code)
            step = self._step(defn, state, action.code, role, note)
            events.append(PlannedEvent(at, action.code, state, step.to_state, role, officer, note))
            rework += action.code == RETURN_ACTION
            corrections += action.code == "KOREKSI"
            state = step.to_state
        return submitted, events

    # ------------------------------------------------------------ files

    def plan(self, count: int) -> Iterator[PlannedApplication]:
        """``count`` files in submission order."""
        if count < 0:
            raise ValueError("Jumlah permohonan tidak boleh negatif.")
        if count == 0:
            return
        for day, n in self.submission_days(count):
            minutes = sorted(self._submission_minute(day) for _ in range(n))
            for minute in minutes:
                yield self._one(day, minute)

    def _one(self, day: dt.date, minute: int) -> PlannedApplication:
        rng, c = self.rng, self.config
        service = self.services[_pick(rng, self.service_cum)]
        defn = self.workflows[service.workflow]
        jenis_opts = [j for j in service.jenis_allowed if c.jenis_weights.get(j, 0) > 0]
        jenis = jenis_opts[_pick(rng, _cum(c.jenis_weights[j] for j in jenis_opts))]
        drawn = self.kel_codes[_pick(rng, self.kel_cum)]
        applicant, new = self.people.applicant(service, None if drawn == OUTSIDE else drawn)
        submitted, events = self._walk(service, defn, day, minute)
        last = events[-1]
        changes = [StatusChange(e.at, e.from_status, e.to_status, e.note) for e in events]
        # Stored fields are what the last real step would have written (clock read at
        # that step); "overdue" is read now. A final file's clock no longer moves.
        clock = sla_clock(defn, self.cal, service.sla_days, changes, last.at)
        paused = sum(int(((p.end or last.at) - p.start).total_seconds()) for p in clock.pauses)
        final = defn.state(last.to_status).terminal
        if final:
            overdue = clock.overdue
        else:
            overdue = sla_clock(defn, self.cal, service.sla_days, changes, self.now).overdue
        skm = None
        if last.to_status == ISSUED_STATE and rng.random() < c.skm_share:
            skm = plan_skm(rng, c, applicant, service, last.at, overdue, self.now)
        sip = bool(service.profession) and (service.max_practice_places or 0) > 1
        return PlannedApplication(
            service_code=service.code,
            jenis=jenis,
            applicant=applicant,
            new_applicant=new,
            created_at=submitted - dt.timedelta(minutes=rng.randint(10, 600)),
            submitted_at=submitted,
            events=tuple(events),
            status=last.to_status,
            state_entered_at=last.at,
            sla_started_at=clock.started_at,
            sla_due_date=clock.due_date,
            paused_since=clock.pauses[-1].start if clock.paused_now and clock.pauses else None,
            paused_seconds=paused,
            completed_at=last.at if final else None,
            overdue=overdue,
            form_data=form_sections(rng, c, service, applicant),
            practice_kind=rng.choice(("MANDIRI", "FASYANKES", "FASYANKES")) if sip else None,
            practice_place_no=rng.choice((1, 1, 1, 2, 2, 3)) if sip else None,
            skm=skm,
        )


def _cum(weights) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def _pick(rng: random.Random, cum: list[float]) -> int:
    return min(bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _draw(rng: random.Random, cum: list[float], k: int) -> list[int]:
    return [_pick(rng, cum) for _ in range(k)]
