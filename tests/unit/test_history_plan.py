"""The demo history planner: legal paths, office hours, SLA fields, determinism."""

import copy
import datetime as dt
import json
from collections import Counter

import pytest

from silek_app.domain.calendar_index import IndexedCalendar
from silek_app.domain.catalog import default_catalog
from silek_app.domain.history_config import (
    DATA_PATH,
    HistoryConfigError,
    default_config,
    parse_config,
)
from silek_app.domain.history_plan import HistoryPlanner
from silek_app.domain.nik import parse_nik
from silek_app.domain.skm import validate_answers
from silek_app.domain.sla import WIB, StatusChange, local_date, sla_clock
from silek_app.domain.wilayah import kelurahan_list
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow_engine import plan_transition

NOW = dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.UTC)  # Friday 13:30 WIB
SINCE = dt.date(2025, 1, 1)
COUNT = 400


def _plan(seed: int = 11, count: int = COUNT, since: dt.date = SINCE, now: dt.datetime = NOW):
    planner = HistoryPlanner(
        seed=seed, catalog=default_catalog(), calendar=default_calendar(),
        config=default_config(), since=since, now=now,
    )  # fmt: skip
    return list(planner.plan(count))


@pytest.fixture(scope="module")
def plans():
    return _plan()


def test_count_and_submission_order(plans):
    assert len(plans) == COUNT
    times = [p.submitted_at for p in plans]
    assert times == sorted(times)
    assert SINCE <= local_date(times[0]) and times[-1] <= NOW


def test_every_file_replays_legally_from_draft(plans):
    catalog = default_catalog()
    for p in plans:
        defn = catalog.workflow_for(catalog.get(p.service_code))
        state = defn.initial_state
        previous = None
        for e in p.events:
            assert e.from_status == state
            step = plan_transition(defn, state, e.action, e.role, e.note)
            assert step.to_state == e.to_status
            assert previous is None or e.at >= previous
            state, previous = e.to_status, e.at
        assert state == p.status
        assert p.state_entered_at == p.events[-1].at
        assert (p.completed_at is not None) == defn.state(p.status).terminal


def test_office_hours_and_working_days(plans):
    cal, cfg = default_calendar(), default_config()
    for p in plans:
        for e in p.events:  # the submission and every later step
            local = e.at.astimezone(WIB)
            assert cal.is_working_day(local.date()), (p.service_code, e)
            minute = local.hour * 60 + local.minute
            assert cfg.work_start <= minute < cfg.work_end, (p.service_code, e)


def test_realistic_mix(plans):
    statuses = Counter(p.status for p in plans)
    assert statuses["TERBIT"] > COUNT * 0.6
    assert statuses["DITOLAK"] > 0
    open_files = [p for p in plans if p.completed_at is None]
    assert open_files, "recent files must still be open (a backlog)"
    actions = Counter(e.action for p in plans for e in p.events)
    assert actions["KEMBALIKAN"] > 0 and actions["KIRIM_PERBAIKAN"] > 0
    assert actions["SELESAIKAN_TINJAUAN"] > 0  # field visits where the flow has them
    rounds = Counter(sum(e.action == "KEMBALIKAN" for e in p.events) for p in plans)
    assert max(rounds) <= default_config().max_rework_rounds and rounds[2] > 0
    services = Counter(p.service_code for p in plans)
    sip = sum(n for code, n in services.items() if code.startswith("SIP"))
    assert sip > COUNT * 0.7
    assert services.most_common(1)[0][0] in {"SIPP", "SIPB", "SIPD"}
    for p in plans:
        for e in p.events:
            if e.action in {"TOLAK", "KEMBALIKAN", "KOREKSI"}:
                assert len(e.note) >= 5
            assert (e.officer is None) == (e.role == "pemohon")


def test_sla_fields_match_the_sla_clock(plans):
    catalog, cal = default_catalog(), default_calendar()
    for p in plans[::7]:
        service = catalog.get(p.service_code)
        defn = catalog.workflow_for(service)
        changes = [StatusChange(e.at, e.from_status, e.to_status, e.note) for e in p.events]
        clock = sla_clock(defn, cal, service.sla_days, changes, p.events[-1].at)
        assert p.sla_started_at == clock.started_at == p.submitted_at
        assert p.sla_due_date == clock.due_date
        assert p.overdue == sla_clock(defn, cal, service.sla_days, changes, NOW).overdue


def test_indexed_calendar_answers_like_the_calendar():
    cal = default_calendar()
    fast = IndexedCalendar(cal, dt.date(2024, 12, 1), dt.date(2027, 3, 1))
    day = dt.date(2024, 11, 20)  # starts before the span: the fallback is checked too
    while day < dt.date(2027, 4, 1):
        assert fast.is_working_day(day) == cal.is_working_day(day), day
        assert fast.next_working_day(day) == cal.next_working_day(day), day
        for n in (0, 1, 5, 14):
            assert fast.add_working_days(day, n) == cal.add_working_days(day, n), (day, n)
        for span in (0, 3, 20):
            end = day + dt.timedelta(days=span)
            assert fast.working_days_between(day, end) == cal.working_days_between(day, end)
        day += dt.timedelta(days=3)


def test_people_and_skm(plans):
    known = {k.code for k in kelurahan_list()}
    emails, niks = set(), set()
    for p in plans:
        who = p.applicant
        info = parse_nik(who.nik, today=NOW.date())
        assert info.is_female == who.is_female and info.birth_date == who.birth_date
        assert who.kelurahan_code is None or who.kelurahan_code in known
        pemohon = p.form_data["sections"]["pemohon"]
        assert pemohon["kelurahan_code"] == (who.kelurahan_code or "LUAR")
        if p.new_applicant:
            assert who.email not in emails and who.nik not in niks
            emails.add(who.email)
            niks.add(who.nik)
        if p.skm is not None:
            assert p.status == "TERBIT"
            assert validate_answers(list(p.skm.answers)) == list(p.skm.answers)
            assert p.events[-1].at < p.skm.at <= NOW
    answered = sum(p.skm is not None for p in plans)
    issued = sum(p.status == "TERBIT" for p in plans)
    assert answered > issued * 0.6
    assert any(not p.new_applicant for p in plans)  # some people come back


def test_same_seed_same_plan_other_seed_differs(plans):
    assert _plan() == plans
    assert _plan(seed=12) != plans


def test_fewer_submissions_in_ramadan_and_on_fridays():
    plans = _plan(
        count=3000, since=dt.date(2025, 1, 1), now=dt.datetime(2025, 12, 31, tzinfo=dt.UTC)
    )
    days = Counter(local_date(p.submitted_at) for p in plans)
    cal = default_calendar()

    def per_day(first, last):
        span = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        work = [d for d in span if cal.is_working_day(d)]
        return sum(days[d] for d in work) / len(work)

    ramadan = per_day(dt.date(2025, 3, 1), dt.date(2025, 3, 29))  # Idul Fitri 31 March 2025
    after = per_day(dt.date(2025, 4, 14), dt.date(2025, 5, 31))
    assert ramadan < after
    by_weekday = Counter(d.weekday() for d in days.elements())
    assert by_weekday[0] > by_weekday[4]


def test_config_is_validated_at_load():
    raw = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    codes = set(default_catalog().codes())
    kel = {k.code for k in kelurahan_list()}
    assert parse_config(raw, codes, kel).officers["kepala_dinas"]
    broken = copy.deepcopy(raw)
    broken["service_weights"]["SIPX"] = 3
    broken["month_weights"] = [1, 2]
    broken["notes"]["TOLAK"] = ["ok"]
    broken["officers"]["tim_teknis"] = []
    with pytest.raises(HistoryConfigError) as err:
        parse_config(broken, codes, kel)
    message = str(err.value)
    for part in ("SIPX", "month_weights", "notes.TOLAK", "tim_teknis"):
        assert part in message


def test_bad_ranges_are_refused():
    with pytest.raises(ValueError, match="sebelum"):
        _plan(since=dt.date(2027, 1, 1))


def test_nothing_is_planned_after_now_before_the_office_opens():
    # 03:18 WIB on a working day: today must get no submission (it would lie in the future).
    early = dt.datetime(2026, 12, 3, 20, 18, tzinfo=dt.UTC)
    plans = _plan(count=300, since=dt.date(2026, 9, 1), now=early)
    assert plans and max(p.submitted_at for p in plans) <= early
    assert all(e.at <= early for p in plans for e in p.events)
