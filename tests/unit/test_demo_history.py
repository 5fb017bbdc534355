"""The demo history written into the real tables: counts, numbering, guards, CLI."""

import datetime as dt
import shutil
from collections import Counter, defaultdict

import pytest
from sqlmodel import func, select

from silek_app import settings
from silek_app.__main__ import main
from silek_app.db import session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.domain.numbering import parse_reference, permit_scope, reference_scope
from silek_app.domain.sla import WIB, local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow_engine import plan_transition
from silek_app.models import (
    ApplicantProfile,
    Application,
    InspectionReport,
    NumberSequence,
    Permit,
    Service,
    SkmResponse,
    StatusEvent,
    UserAccount,
)
from silek_app.services import demo_history, permits
from silek_app.services.errors import ServiceError
from silek_app.services.sequences import next_value

NOW = dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.UTC)
SINCE = dt.date(2025, 11, 1)
COUNT = 300


def _generate(**kw):
    return demo_history.generate(COUNT, SINCE, seed=5, now=NOW, chunk_files=120, **kw)


def _count(s, model) -> int:
    return s.exec(select(func.count(model.id))).one()


def _snapshot() -> list[tuple]:
    with session_scope() as s:
        apps = s.exec(select(Application).order_by(Application.id)).all()
        events = s.exec(select(StatusEvent).order_by(StatusEvent.id)).all()
        return [
            (a.reference_number, a.status, a.submitted_at, a.sla_due_date, a.form_data)
            for a in apps
        ] + [(e.application_id, e.action, e.actor_id, e.created_at) for e in events]


def test_counts_match_summary_and_paths_are_legal(db):
    summary = _generate()
    assert summary["applications"] == COUNT
    catalog = default_catalog()
    with session_scope() as s:
        assert _count(s, Application) == COUNT
        assert _count(s, StatusEvent) == summary["status_events"]
        assert _count(s, Permit) == summary["permits"] == summary["statuses"]["TERBIT"]
        assert _count(s, SkmResponse) == summary["skm_responses"] > 0
        assert _count(s, ApplicantProfile) == summary["applicants"]
        officers = s.exec(select(UserAccount).where(UserAccount.role != "pemohon")).all()
        demo_officers = [u for u in officers if u.email.endswith("riwayat.demo.silek.id")]
        assert len(demo_officers) == summary["officers"] and all(u.is_active for u in officers)
        codes = dict(s.exec(select(Service.id, Service.code)).all())
        history = defaultdict(list)
        for e in s.exec(select(StatusEvent).order_by(StatusEvent.id)):
            history[e.application_id].append(e)
        cal = default_calendar()
        for app in s.exec(select(Application)):
            defn = catalog.workflow_for(catalog.get(codes[app.service_id]))
            state = defn.initial_state
            for e in history[app.id]:
                assert e.from_status == state
                state = plan_transition(defn, state, e.action, e.actor_role, e.note).to_state
                assert e.actor_id is not None
            assert state == app.status
            local = app.submitted_at.astimezone(WIB)
            assert cal.is_working_day(local.date()) and 7 <= local.hour < 16
            assert app.form_data["sections"]["pemohon"]["kelurahan_code"]
        # One BAP per stay in the field visit that an officer ended.
        reports = Counter(r.application_id for r in s.exec(select(InspectionReport)))
        assert sum(reports.values()) == summary["field_reports"] > 0
        for app_id, events in history.items():
            visits = sum(e.from_status == "TINJAUAN_LAPANGAN" and e.actor_role != "pemohon"
                         for e in events)  # fmt: skip
            assert visits == reports[app_id]
        for row in s.exec(select(SkmResponse)):
            assert all(getattr(row, f"u{i}") in (1, 2, 3, 4) for i in range(1, 10))


def test_numbers_are_gap_free_and_sequences_continue(db):
    _generate()
    with session_scope(write=True) as s:
        refs = defaultdict(list)
        for ref in s.exec(select(Application.reference_number)).all():
            day, seq = parse_reference(ref)
            refs[day].append(seq)
        sequences = dict(s.exec(select(NumberSequence.scope, NumberSequence.last_value)).all())
        for day, seqs in refs.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
            assert sequences[reference_scope(day)] == len(seqs)
        numbers = defaultdict(list)
        all_permits = s.exec(select(Permit)).all()
        assert len({p.number for p in all_permits}) == len(all_permits)
        assert len({p.qr_token for p in all_permits}) == len(all_permits)
        codes = dict(s.exec(select(Service.id, Service.code)).all())
        for p in all_permits:
            numbers[(codes[p.service_id], p.year)].append(p.seq)
            assert p.pdf_storage_key is None and p.valid_until > local_date(p.issued_at)
        for (code, year), seqs in numbers.items():
            assert sorted(seqs) == list(range(1, len(seqs) + 1))
            assert sequences[permit_scope(code, year)] == len(seqs)
        # A real submission today gets the next reference number of its day.
        day = max(refs)
        assert next_value(s, reference_scope(day)) == len(refs[day]) + 1
        s.rollback()
    # A real signature after the history gets the next permit number of its service-year.
    (code, year), seqs = max(numbers.items(), key=lambda kv: len(kv[1]))
    with session_scope(write=True) as s:
        service = s.exec(select(Service).where(Service.code == code)).one()
        holder = s.exec(select(UserAccount).where(UserAccount.role == "pemohon")).first()
        app = Application(applicant_id=holder.id, service_id=service.id, jenis="BARU",
                          status="PENANDATANGANAN")  # fmt: skip
        s.add(app)
        s.flush()
        issued_at = dt.datetime(year, 11, 20, 3, 0, tzinfo=dt.UTC)
        permit = permits.issue_permit(s, app, None, now=issued_at)
        assert permit.seq == len(seqs) + 1


def test_same_seed_same_data(db, migrated_template, tmp_path, monkeypatch):
    _generate()
    first = _snapshot()
    other = tmp_path / "other.db"
    shutil.copy(migrated_template, other)
    monkeypatch.setattr(settings, "DB_URL", f"sqlite:///{other}")
    _generate()
    assert _snapshot() == first


def test_refuses_a_database_with_real_applications(db):
    with session_scope(write=True) as s:
        user = UserAccount(email="warga@contoh.id", full_name="Warga Asli", role="pemohon",
                           password_hash="-")  # fmt: skip
        s.add(user)
        s.flush()
        service = s.exec(select(Service).where(Service.code == "SIPD")).one()
        s.add(Application(applicant_id=user.id, service_id=service.id, jenis="BARU",
                          status="DRAFT"))  # fmt: skip
    with pytest.raises(ServiceError, match="permohonan nyata"):
        _generate()
    with session_scope() as s:
        assert _count(s, Application) == 1
    assert _generate(force=True)["applications"] == COUNT


def test_a_second_run_continues_without_clashes(db):
    _generate()
    second = demo_history.generate(100, SINCE, seed=6, now=NOW)
    assert second["applications"] == 100
    with session_scope() as s:
        assert _count(s, Application) == COUNT + 100


def test_cli_demo_and_if_empty(db, capsys):
    args = ["demo", "--applications", "40", "--since", "2026-09-01", "--until", "2026-10-31"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "applications: 40" in out and "permohonan/detik" in out
    assert main([*args, "--if-empty"]) == 0
    assert "tidak dibuat" in capsys.readouterr().out
    with session_scope() as s:
        assert _count(s, Application) == 40
        last = s.exec(select(func.max(Application.submitted_at))).one()
        assert local_date(last) <= dt.date(2026, 10, 31)
    with pytest.raises(SystemExit):  # argparse refuses an impossible date
        main(["demo", "--applications", "5", "--since", "2026-13-01"])
    assert main(["demo", "--applications", "5", "--since", "2026-10-01", "--until",
                 "2026-09-01"]) == 1  # fmt: skip
    assert "sebelum" in capsys.readouterr().err


def test_bulk_text_is_what_sqlalchemy_would_store():
    from sqlalchemy.dialects import sqlite

    from silek_app.services.demo_history import _utc_text

    store = sqlite.DATETIME().bind_processor(sqlite.dialect())
    for value in (NOW, NOW.astimezone(WIB), dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=WIB)):
        assert _utc_text(value) == store(value.astimezone(dt.UTC).replace(tzinfo=None))
