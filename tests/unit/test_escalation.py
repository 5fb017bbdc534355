"""The SLA escalation job (services/escalation.py): alerts, notices, deemed approval.

Files are driven through the service layer on a hand-moved clock; see
test_escalation_rules.py for the calendar of July 2026 used here too.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import func, select

from silek_app.__main__ import main
from silek_app.db import session_scope
from silek_app.domain.escalation import (
    ALERT_DEEMED_APPROVAL,
    ALERT_LATE,
    DEEMED_ACTION,
    DueAlert,
)
from silek_app.domain.roles import OFFICER_ROLES
from silek_app.domain.workflow import load_workflows
from silek_app.models import Notification, Permit, SlaAlert, StatusEvent
from silek_app.services import escalation, officer_actions
from silek_app.services.errors import ServiceError
from tests.support.workflow_files import (
    add_user,
    events,
    install_clock,
    load,
    new_draft,
    set_deemed_policy,
    step,
    wib,
)

STD = load_workflows()["kesehatan_standar"]


# ---------------------------------------------------------------- service: the job


@pytest.fixture
def office(db):
    """Active officers of every office role, one inactive front office, an applicant."""
    ids = {role: add_user(role) for role in sorted(OFFICER_ROLES | {"pimpinan", "admin"})}
    ids["front_office_2"] = add_user("front_office")
    ids["front_office_off"] = add_user("front_office", active=False)
    ids["pemohon"] = add_user("pemohon", "Siti Rahmawati")
    return ids


@pytest.fixture
def clock(monkeypatch):
    return install_clock(monkeypatch, wib(2026, 7, 6))


def monday_file(clock, office, code: str = "SIPB") -> str:
    """Submitted and received on Mon 6 July 10:00 WIB (VERIFIKASI_BERKAS, SLA 1 day)."""
    from test_applications import section_values

    ref = new_draft(office["pemohon"], code, section_values(0))
    step(clock, ref, "AJUKAN", "pemohon", wib(2026, 7, 6), actor_id=office["pemohon"])
    step(clock, ref, "TERIMA_BERKAS", "front_office", wib(2026, 7, 6, 10, 5))
    return ref


def run(clock, at) -> dict[str, int]:
    clock.now = at
    return escalation.run_once(now=at)


def notified(kind_title: str, about: str = "") -> set[int]:
    """Users told with this title, optionally only about a state (its label in the body)."""
    with session_scope() as s:
        rows = s.exec(select(Notification).where(Notification.title.startswith(kind_title))).all()
        rows = [n for n in rows if about in n.body]
        assert all(n.kind == "sla" and n.link.startswith("/petugas/permohonan/") for n in rows)
        return {n.user_id for n in rows}


def count(model, *where) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def test_late_file_alerts_desk_and_supervisor_once_per_stay(clock, office):
    ref = monday_file(clock, office)
    assert run(clock, wib(2026, 7, 7, 16))["late"] == 0
    summary = run(clock, wib(2026, 7, 8, 8))
    assert summary["late"] == 1 and summary["checked"] == 1 and summary["failed"] == 0
    desk = {office["front_office"], office["front_office_2"], office["back_office"]}
    assert notified("SLA terlampaui") == desk  # not the inactive one, nobody else
    assert summary["notifications"] == 3
    assert run(clock, wib(2026, 7, 8, 9))["late"] == 0  # a rerun adds nothing
    assert run(clock, wib(2026, 7, 9, 9))["late"] == 0
    assert count(SlaAlert) == 1
    # A new stay in a new state is a new alert, to the new desk and its supervisor.
    step(clock, ref, "TERUSKAN_VERIFIKASI_TEKNIS", "front_office", wib(2026, 7, 9, 10))
    assert run(clock, wib(2026, 7, 10, 9))["late"] == 0  # 1 day of 1 in the new state
    assert run(clock, wib(2026, 7, 13, 9))["late"] == 1  # (9, 13] = 10 and 13 July
    teknis = STD.state("VERIFIKASI_TEKNIS").label
    assert notified("SLA terlampaui", teknis) == {office["tim_teknis"], office["kepala_dinas"]}
    with session_scope() as s:
        rows = s.exec(select(SlaAlert).order_by(SlaAlert.id)).all()
    assert [(a.kind, a.status) for a in rows] == [
        (ALERT_LATE, "VERIFIKASI_BERKAS"),
        (ALERT_LATE, "VERIFIKASI_TEKNIS"),
    ]


def test_paused_file_is_skipped(clock, office):
    ref = monday_file(clock, office)
    step(clock, ref, "KEMBALIKAN", "front_office", wib(2026, 7, 6, 11))
    assert run(clock, wib(2026, 7, 20)) == {
        "checked": 0, "late": 0, "warnings": 0, "approved": 0, "notifications": 0, "failed": 0,
    }  # fmt: skip


def test_concurrent_runs_record_and_notify_once(clock, office):
    monday_file(clock, office)
    start = threading.Barrier(4)
    at = wib(2026, 7, 8, 8)

    def worker(_):
        start.wait()
        return escalation.run_once(now=at)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(worker, range(4)))
    assert sum(r["late"] for r in results) == 1 and not any(r["failed"] for r in results)
    assert count(SlaAlert) == 1 and count(Notification, Notification.kind == "sla") == 3


def test_a_duplicate_alert_is_skipped_not_a_crash(clock, office):
    ref = monday_file(clock, office)
    app = load(ref)
    alert = DueAlert(ALERT_LATE, app.status, app.state_entered_at, ("front_office",), 2, 1)
    with session_scope(write=True) as s:
        app = s.get(type(app), app.id)
        assert escalation._claim(s, app, alert, wib(2026, 7, 8)) is True
        assert escalation._claim(s, app, alert, wib(2026, 7, 8)) is False
    assert count(SlaAlert) == 1


def test_deemed_approval_off_by_default_issues_nothing(clock, office):
    ref = monday_file(clock, office)
    summary = run(clock, wib(2026, 7, 31))
    assert summary["approved"] == summary["warnings"] == 0 and summary["late"] == 1
    assert load(ref).status == "VERIFIKASI_BERKAS" and count(Permit) == 0


def test_deemed_approval_warns_then_issues_the_permit(clock, office):
    set_deemed_policy("SIPB", True)
    ref = monday_file(clock, office)
    assert run(clock, wib(2026, 7, 9, 16))["warnings"] == 0  # 3 of 5 days used
    friday = run(clock, wib(2026, 7, 10, 8))
    assert (friday["warnings"], friday["approved"]) == (1, 0)
    desk = {office["front_office"], office["front_office_2"], office["back_office"]}
    assert notified("Peringatan persetujuan otomatis") == desk
    assert run(clock, wib(2026, 7, 10, 15))["warnings"] == 0
    assert load(ref).status == "VERIFIKASI_BERKAS" and count(Permit) == 0

    monday = run(clock, wib(2026, 7, 13, 8))
    assert monday["approved"] == 1 and monday["failed"] == 0
    app = load(ref)
    assert app.status == "TERBIT" and app.completed_at is not None
    last = events(ref)[-1]
    assert (last.action, last.actor_role, last.actor_id) == (DEEMED_ACTION, "sistem", None)
    assert (last.from_status, last.to_status) == ("VERIFIKASI_BERKAS", "TERBIT")
    assert "fiktif positif" in last.note
    with session_scope() as s:
        permit = s.exec(select(Permit).where(Permit.application_id == app.id)).one()
        told = s.exec(
            select(Notification).where(
                Notification.user_id == office["pemohon"], Notification.kind == "status"
            )
        ).all()
    assert permit.signed_by_id is None and permit.number.startswith("503/0001/SIPB/")
    assert any("fiktif positif" in n.body for n in told)  # the applicant is told
    assert notified("Izin terbit otomatis") == desk
    assert run(clock, wib(2026, 7, 14))["checked"] == 0  # the file is closed
    assert count(SlaAlert, SlaAlert.kind == ALERT_DEEMED_APPROVAL) == 1


def test_missed_warning_delays_approval_by_one_working_day(clock, office):
    set_deemed_policy("SIPB", True)
    ref = monday_file(clock, office)
    first = run(clock, wib(2026, 7, 13, 8))  # the job was down until the deadline
    assert (first["warnings"], first["approved"]) == (1, 0)
    assert run(clock, wib(2026, 7, 13, 16))["approved"] == 0
    assert run(clock, wib(2026, 7, 14, 8))["approved"] == 1
    assert load(ref).status == "TERBIT"


def test_file_decided_or_sent_back_before_the_deadline_is_not_approved(clock, office):
    set_deemed_policy("SIPB", True)
    rejected, returned = monday_file(clock, office), monday_file(clock, office)
    assert run(clock, wib(2026, 7, 10, 8))["warnings"] == 2
    step(clock, rejected, "TOLAK", "front_office", wib(2026, 7, 10, 9), note="Bukan tenaga bidan.")
    step(clock, returned, "KEMBALIKAN", "front_office", wib(2026, 7, 10, 9))
    assert run(clock, wib(2026, 7, 13, 8))["approved"] == 0
    assert (load(rejected).status, load(returned).status) == ("DITOLAK", "PERLU_PERBAIKAN")
    assert count(Permit) == 0
    # Back from the applicant on Wed 15: Mon 13-Wed 15 were paused, 4 days used so far.
    step(clock, returned, "KIRIM_PERBAIKAN", "pemohon", wib(2026, 7, 15, 9))
    assert run(clock, wib(2026, 7, 15, 10))["approved"] == 0
    assert run(clock, wib(2026, 7, 16, 10))["approved"] == 1


def test_one_failing_file_does_not_stop_the_others(clock, office, monkeypatch):
    set_deemed_policy("SIPB", True)
    broken, fine = monday_file(clock, office), monday_file(clock, office)
    run(clock, wib(2026, 7, 10, 8))
    real = escalation.issue_permit

    def flaky(s, app, signer):
        if app.reference_number == broken:
            raise RuntimeError("PDF renderer unavailable")
        return real(s, app, signer)

    monkeypatch.setattr(escalation, "issue_permit", flaky)
    summary = run(clock, wib(2026, 7, 13, 8))
    assert (summary["approved"], summary["failed"]) == (1, 1)
    assert load(broken).status == "VERIFIKASI_BERKAS" and load(fine).status == "TERBIT"
    assert count(SlaAlert, SlaAlert.kind == ALERT_DEEMED_APPROVAL) == 1  # rolled back
    monkeypatch.setattr(escalation, "issue_permit", real)
    assert run(clock, wib(2026, 7, 13, 9))["approved"] == 1  # retried on the next run
    assert load(broken).status == "TERBIT"


def test_officers_cannot_take_the_deemed_action(db, clock):
    from test_applications import applicant_token, officer_token, section_values

    from silek_app.services import accounts

    applicant = accounts.current_user(applicant_token()).id
    ref = new_draft(applicant, "SIPB", section_values(0))
    step(clock, ref, "AJUKAN", "pemohon", wib(2026, 7, 6), actor_id=applicant)
    before = load(ref)
    for role in sorted(OFFICER_ROLES):
        with pytest.raises(ServiceError, match="tidak berwenang"):
            officer_actions.act(officer_token(role), ref, DEEMED_ACTION)
    after = load(ref)
    assert (after.status, after.version) == (before.status, before.version)
    assert count(StatusEvent) == 1 and count(Permit) == 0


def test_cli_runs_the_job_once(clock, office, capsys):
    monday_file(clock, office)
    assert main(["eskalasi"]) == 0
    out = capsys.readouterr().out
    assert "berkas berjalan diperiksa" in out and "izin terbit otomatis" in out
