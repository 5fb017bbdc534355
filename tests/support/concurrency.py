"""Concurrent signing and concurrent officers, shared by the SQLite and PostgreSQL tests.

Each scenario starts its threads behind a barrier so the transactions really
overlap, and goes through officer_actions.act, the officers' own use case.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from sqlmodel import func, select

from silek_app.db import session_scope
from silek_app.models import (
    Application,
    Notification,
    NumberSequence,
    Permit,
    Service,
    SlaAlert,
    StatusEvent,
    UserAccount,
    utcnow,
)
from silek_app.services import accounts, officer_actions, users
from silek_app.services.errors import ServiceError
from silek_app.services.workflow_runner import STALE_VERSION
from tests.support.workflow_files import add_user

PASSWORD = "kalam-batu-sirah-bulan"


def officer(role: str) -> str:
    """A new logged-in officer of ``role``; returns the session token."""
    email = f"{role.replace('_', '.')}.{uuid.uuid4().hex[:8]}@dpmptsp.solokkota.go.id"
    users.create_user(email, "Andi Petugas", role, PASSWORD)
    return accounts.login(email, PASSWORD)


def files_in(status: str, n: int, code: str = "SIPB") -> list[str]:
    """``n`` submitted files of service ``code`` waiting in ``status`` (inserted directly)."""
    applicant = add_user("pemohon", "Siti Rahmawati")
    tag = uuid.uuid4().hex[:4].upper()
    refs = [f"SLK-{tag}-{i:05d}" for i in range(1, n + 1)]
    with session_scope(write=True) as s:
        sid = s.exec(select(Service.id).where(Service.code == code)).one()
        for ref in refs:
            s.add(
                Application(
                    reference_number=ref, applicant_id=applicant, service_id=sid, jenis="BARU",
                    status=status, form_data={"sections": {}}, submitted_at=utcnow(),
                )
            )  # fmt: skip
    return refs


def together(calls: list) -> list:
    """Run the zero-argument callables at the same moment; each result or raised exception."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 — the caller inspects what each one got
            return exc

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def sign_concurrently_and_check(n: int, code: str = "SIPB") -> None:
    """N files signed at once get permit numbers 1..N of the year: no gap, no duplicate."""
    refs = files_in("PENANDATANGANAN", n, code)
    signer = officer("kepala_dinas")
    results = together([partial(officer_actions.act, signer, ref, "TANDATANGANI") for ref in refs])
    failures = [r for r in results if isinstance(r, Exception)]
    assert not failures, failures
    assert {r["status"] for r in results} == {"TERBIT"}
    with session_scope() as s:
        ids = select(Application.id).where(Application.reference_number.in_(refs))
        permits = s.exec(select(Permit).where(Permit.application_id.in_(ids))).all()
        counter = s.exec(
            select(NumberSequence).where(NumberSequence.scope.like(f"IZIN-{code}-%"))
        ).one()
    year = permits[0].year
    assert sorted(p.seq for p in permits) == list(range(1, n + 1))
    assert counter.last_value == n
    assert sorted(p.number for p in permits) == [
        f"503/{i:04d}/{code}/DPMPTSP-SLK/{year}" for i in range(1, n + 1)
    ]
    assert len({p.application_id for p in permits}) == n


def race_on_one_version_and_check(rounds: int = 3) -> None:
    """Two officers act on the same version at once: one wins, the other is told it is stale."""
    first, second = officer("front_office"), officer("front_office")
    for ref in files_in("VERIFIKASI_BERKAS", rounds):
        with session_scope() as s:
            app = s.exec(select(Application).where(Application.reference_number == ref)).one()
            seen = app.version
        act = officer_actions.act
        results = together(
            [
                partial(act, first, ref, "TERUSKAN_VERIFIKASI_TEKNIS", expected_version=seen),
                partial(act, second, ref, "TOLAK", "Tidak memenuhi syarat.", expected_version=seen),
            ]
        )
        wins = [r for r in results if isinstance(r, dict)]
        losses = [r for r in results if isinstance(r, Exception)]
        assert len(wins) == 1 and len(losses) == 1, results
        assert isinstance(losses[0], ServiceError) and losses[0].message == STALE_VERSION
        with session_scope() as s:
            app = s.exec(select(Application).where(Application.reference_number == ref)).one()
            written = s.exec(
                select(func.count(StatusEvent.id)).where(StatusEvent.application_id == app.id)
            ).one()
        assert written == 1
        assert (app.status, app.version) == (wins[0]["status"], seen + 1)


def overlapping_escalation_runs_and_check(monkeypatch, workers: int = 4) -> None:
    """Job runs that overlap (one per web worker) record, notify and approve exactly once."""
    from silek_app.services import escalation
    from tests.support.workflow_files import install_clock, new_draft, set_deemed_policy, step, wib

    set_deemed_policy("SIPB", True)
    add_user("front_office")
    add_user("back_office")
    ref = new_draft(add_user("pemohon", "Siti Rahmawati"), "SIPB")
    clock = install_clock(monkeypatch, wib(2026, 7, 6))
    step(clock, ref, "AJUKAN", "pemohon")
    step(clock, ref, "TERIMA_BERKAS", "front_office", wib(2026, 7, 6, 10, 5))

    def runs_at(at) -> dict[str, int]:
        clock.now = at
        results = together([partial(escalation.run_once, now=at) for _ in range(workers)])
        failures = [r for r in results if isinstance(r, Exception) or r["failed"]]
        assert not failures, failures
        return {k: sum(r[k] for r in results) for k in results[0]}

    friday = runs_at(wib(2026, 7, 10, 8))  # late since Wednesday, deemed approval tomorrow
    assert (friday["late"], friday["warnings"], friday["approved"]) == (1, 1, 0)
    monday = runs_at(wib(2026, 7, 13, 8))
    assert monday["approved"] == 1
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == ref)).one()
        kinds = sorted(s.exec(select(SlaAlert.kind).where(SlaAlert.application_id == app.id)))
        told = s.exec(
            select(func.count(Notification.id)).where(
                Notification.application_id == app.id, Notification.kind == "sla"
            )
        ).one()
        desk = s.exec(
            select(func.count(UserAccount.id)).where(
                UserAccount.role.in_(("front_office", "back_office")), UserAccount.is_active
            )
        ).one()
        issued = s.exec(select(func.count(Permit.id)).where(Permit.application_id == app.id))
        assert issued.one() == 1 and app.status == "TERBIT"
    assert kinds == ["PERINGATAN_OTOMATIS", "PERSETUJUAN_OTOMATIS", "TERLAMBAT"]
    assert told == 3 * desk  # late, warning, approval: once each to each desk user
