"""Files driven through the workflow at chosen instants, for SLA and workflow tests.

The service layer stamps every status change with workflow_runner.utcnow(); tests
replace it with a Clock they move by hand, so a file can be submitted on a Monday
and examined a week later in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import itertools

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.sla import WIB
from silek_app.models import Application, Service, StatusEvent, UserAccount, utcnow
from silek_app.services import workflow_runner

PASSWORD_HASH = "not-a-login-account"  # these accounts never log in
_refs = itertools.count(1)


def wib(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    """A WIB wall-clock time as the aware UTC instant the database stores."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=WIB).astimezone(dt.UTC)


class Clock:
    """A settable now() for workflow_runner (status events, SLA refresh)."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now or utcnow()

    def __call__(self) -> dt.datetime:
        return self.now


def install_clock(monkeypatch, now: dt.datetime | None = None) -> Clock:
    clock = Clock(now)
    monkeypatch.setattr(workflow_runner, "utcnow", clock)
    return clock


def add_user(role: str, name: str = "Andi Petugas", active: bool = True) -> int:
    """An account row of a role, without the cost of a password hash (it never logs in)."""
    n = next(_refs)
    with session_scope(write=True) as s:
        user = UserAccount(
            email=f"{role.replace('_', '.')}.{n}@dpmptsp.solokkota.go.id",
            full_name=name,
            role=role,
            password_hash=PASSWORD_HASH,
            is_active=active,
        )
        s.add(user)
        s.flush()
        return user.id


def service_row(code: str) -> Service:
    with session_scope() as s:
        return s.exec(select(Service).where(Service.code == code)).one()


def set_deemed_policy(code: str, enabled: bool, approval_days: int = 5, warning_days: int = 1):
    with session_scope(write=True) as s:
        svc = s.exec(select(Service).where(Service.code == code)).one()
        svc.deemed_approval_enabled = enabled
        svc.deemed_approval_days = approval_days
        svc.deemed_warning_days = warning_days
        s.add(svc)


def new_draft(applicant_id: int, code: str = "SIPB", sections: dict | None = None) -> str:
    """A draft with a reference number and the form data a permit PDF needs."""
    ref = f"SLK-20260706-{next(_refs):05d}"
    with session_scope(write=True) as s:
        svc = s.exec(select(Service).where(Service.code == code)).one()
        s.add(
            Application(
                reference_number=ref, applicant_id=applicant_id, service_id=svc.id,
                jenis="BARU", status="DRAFT", form_data={"sections": sections or {}},
            )
        )  # fmt: skip
    return ref


def load(reference: str) -> Application:
    with session_scope() as s:
        return s.exec(select(Application).where(Application.reference_number == reference)).one()


def events(reference: str) -> list[StatusEvent]:
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        return workflow_runner.history(s, app.id)


def step(
    clock: Clock,
    reference: str,
    action: str,
    role: str,
    at: dt.datetime | None = None,
    note: str = "Catatan petugas untuk berkas ini.",
    actor_id: int | None = None,
    expected_version: int | None = None,
) -> StatusEvent:
    """Apply one action through the service layer at ``at`` (the clock moves there)."""
    if at is not None:
        clock.now = at
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        if action == "AJUKAN":
            app.submitted_at = clock.now
        return workflow_runner.apply_action(
            s, app, action, actor_id=actor_id, role=role, note=note,
            expected_version=expected_version,
        )  # fmt: skip
