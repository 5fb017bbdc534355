"""Property tests of the workflow through the service layer, one fresh database per example.

Hypothesis drives random sequences of (action, role, note), with time moving on
between steps, against workflow_runner.apply_action, the single path every status
change takes. After every step:

* the file is in a state of its workflow;
* an accepted step wrote exactly one status event with the right from/to, action,
  role and time, and bumped the version; a refused one wrote nothing and left the
  version and status alone (a stale version is always refused);
* the service accepts exactly what the domain rules (plan_transition) accept.

At the end the audit trail replays from the initial state to the current status,
and the stored SLA clock agrees with the time the test itself saw the file spend
in pausing states: paused seconds equal that time, and the due date lies exactly
the paused working days after the unpaused due date.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import func, select

from silek_app import settings as app_settings
from silek_app.db import get_engine, session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.domain.roles import ROLE_CODES
from silek_app.domain.sla import local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows
from silek_app.domain.workflow_engine import TransitionError, available_actions, plan_transition
from silek_app.models import StatusEvent
from silek_app.services.errors import ServiceError
from tests.support.workflow_files import add_user, events, install_clock, load, new_draft, step, wib

CAL = default_calendar()
FLOWS = load_workflows()
ROLES = sorted(ROLE_CODES)
CODES = sorted({a.code for d in FLOWS.values() for a in d.actions} | {"TIDAK_ADA"})
NOTES = ("", "ok", "  Dokumen STR tidak terbaca, mohon unggah ulang.  ")
# One service per workflow, with its published SLA.
SERVICES: dict[str, tuple[str, int]] = {}
for _svc in default_catalog().services:
    SERVICES.setdefault(_svc.workflow, (_svc.code, _svc.sla_days))


@pytest.fixture(scope="module")
def seeded(migrated_template, tmp_path_factory):
    """A migrated database with an applicant, copied afresh for every example."""
    path = tmp_path_factory.mktemp("workflow-properties") / "seeded.db"
    shutil.copy(migrated_template, path)
    original = app_settings.DB_URL
    app_settings.DB_URL = f"sqlite:///{path}"
    try:
        applicant = add_user("pemohon", "Siti Rahmawati")
        get_engine().dispose()  # checkpoint the WAL so the one file is the whole database
    finally:
        app_settings.DB_URL = original
    return path, applicant


@dataclass
class Trace:
    """What the test saw happen: (instant, state entered) of every accepted step."""

    entered: list[tuple[dt.datetime, str]] = field(default_factory=list)

    def pauses(self, defn) -> list[tuple[dt.datetime, dt.datetime | None]]:
        """Stays in pausing states between the first submission and the first final state."""
        out: list[tuple[dt.datetime, dt.datetime | None]] = []
        started, open_at = False, None
        for at, state in self.entered:
            st_ = defn.state(state)
            if not started:
                if st_.terminal:
                    break
                if state == defn.initial_state:
                    continue
                started = True
            if open_at is not None and (st_.terminal or not st_.pauses_clock):
                out.append((open_at, at))
                open_at = None
            if st_.terminal:
                break
            if st_.pauses_clock and open_at is None:
                open_at = at
        if open_at is not None:
            out.append((open_at, None))
        return out

    def start(self, defn) -> dt.datetime | None:
        for at, state in self.entered:
            if defn.state(state).terminal:
                return None
            if state != defn.initial_state:
                return at
        return None


def event_count(reference: str) -> int:
    app = load(reference)
    with session_scope() as s:
        return s.exec(
            select(func.count(StatusEvent.id)).where(StatusEvent.application_id == app.id)
        ).one()


def choose_step(data, defn, state: str) -> tuple[str, str, str]:
    """Mostly an action some role is offered, rarely one ending the file early; else anything.

    Uniform picks would end most walks with the applicant cancelling in the first
    steps; steering away from early endings gets the walks into send-backs
    (pauses), field visits and signing.
    """
    offered = [(r, a) for r in ROLES for a in available_actions(defn, state, r)]
    onward = [(r, a) for r, a in offered if not defn.state(a.to_state).terminal]
    issuing = [(r, a) for r, a in offered if a.to_state == "TERBIT"]
    mode = data.draw(st.integers(0, 9), label="mode")
    pool = offered if mode == 0 else (onward or issuing) if mode <= 7 else issuing or offered
    if pool and mode <= 8:
        role, action = data.draw(st.sampled_from(pool), label="offered step")
        code = action.code
    else:
        role = data.draw(st.sampled_from(ROLES), label="role")
        code = data.draw(st.sampled_from(CODES), label="action")
    return code, role, data.draw(st.sampled_from(NOTES), label="note")


def check_sla(defn, sla_days: int, trace: Trace, reference: str, last_action: dt.datetime):
    app = load(reference)
    start = trace.start(defn)
    if start is None:
        assert (app.sla_started_at, app.sla_due_date, app.paused_seconds) == (None, None, 0)
        return
    assert app.sla_started_at == start
    pauses = trace.pauses(defn)
    seconds = sum(int(((end or last_action) - begin).total_seconds()) for begin, end in pauses)
    assert app.paused_seconds == seconds
    paused_days = sum(
        CAL.working_days_between(local_date(b), local_date(e or last_action)) for b, e in pauses
    )
    unpaused_due = CAL.add_working_days(local_date(start), sla_days)
    assert CAL.working_days_between(unpaused_due, app.sla_due_date) == paused_days
    assert app.sla_due_date >= unpaused_due
    still_paused = bool(pauses) and pauses[-1][1] is None
    assert app.paused_since == (pauses[-1][0] if still_paused else None)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_action_sequences_keep_the_file_and_its_records_sound(
    data, seeded, tmp_path, monkeypatch
):
    template, applicant = seeded
    target = tmp_path / f"{uuid.uuid4().hex}.db"
    shutil.copy(template, target)
    monkeypatch.setattr(app_settings, "DB_URL", f"sqlite:///{target}")
    try:
        _run_example(data, applicant, monkeypatch)
    finally:
        get_engine().dispose()
        target.unlink(missing_ok=True)


def _run_example(data, applicant: int, monkeypatch) -> None:
    workflow = data.draw(st.sampled_from(sorted(SERVICES)), label="workflow")
    defn = FLOWS[workflow]
    code, sla_days = SERVICES[workflow]
    reference = new_draft(applicant, code)
    clock = install_clock(monkeypatch, wib(2026, 7, 6, 8))
    trace = Trace()
    last_action = clock.now
    for _ in range(data.draw(st.integers(1, 20), label="steps")):
        minutes = data.draw(st.integers(0, 4 * 24 * 60), label="minutes later")
        clock.now += dt.timedelta(minutes=minutes)
        before = load(reference)
        count_before = event_count(reference)
        action, role, note = choose_step(data, defn, before.status)
        stale = data.draw(st.integers(0, 9), label="stale?") == 0
        expected_version = before.version - 1 if stale else before.version
        try:
            planned = plan_transition(defn, before.status, action, role, note)
        except TransitionError:
            planned = None
        try:
            written = step(clock, reference, action, role, note=note, actor_id=applicant,
                         expected_version=expected_version)  # fmt: skip
        except ServiceError:
            written = None
        after = load(reference)
        assert defn.has_state(after.status)
        if written is None:
            assert planned is None or stale
            assert (after.status, after.version) == (before.status, before.version)
            assert event_count(reference) == count_before
            continue
        assert planned is not None and not stale
        assert (after.status, after.version) == (planned.to_state, before.version + 1)
        assert event_count(reference) == count_before + 1
        last = events(reference)[-1]
        assert (last.from_status, last.to_status) == (before.status, after.status)
        assert (last.action, last.actor_role, last.note) == (action, role, note.strip())
        assert last.created_at == clock.now == after.state_entered_at
        trace.entered.append((clock.now, after.status))
        last_action = clock.now
    # The audit trail replays to the current status.
    trail = events(reference)
    state = defn.initial_state
    for e in trail:
        assert e.from_status == state
        state = e.to_status
    assert state == load(reference).status
    assert [(e.created_at, e.to_status) for e in trail] == trace.entered
    check_sla(defn, sla_days, trace, reference, last_action)
    # Shown by --hypothesis-show-statistics: the walks must reach pauses and final states.
    event(f"final state {state}")
    event(f"{len(trace.pauses(defn))} pause(s)")
