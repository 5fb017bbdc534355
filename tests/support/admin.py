"""Helpers of the /admin tests: accounts of each kind and a snapshot of what may change."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import (
    AuthEvent,
    AuthSession,
    Service,
    ServiceStandard,
    ServiceTextChange,
    UserAccount,
)
from silek_app.services import accounts, users

STAFF_PASSWORD = "kincir-air-lubuk-sikarah"  # noqa: S105 (test account)


def staff(email: str, role: str, name: str = "Petugas Uji") -> tuple[int, str]:
    """(user id, session token) of a new office account."""
    uid = users.create_user(email, name, role, STAFF_PASSWORD)
    return uid, accounts.login(email, STAFF_PASSWORD)


def lock(user_id: int) -> None:
    with session_scope() as s:
        user = s.get(UserAccount, user_id)
        user.locked_until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
        user.failed_logins = 0
        s.add(user)


def user_snapshot() -> list[tuple]:
    """Everything an account operation may change, to prove a refusal changed nothing."""
    with session_scope() as s:
        people = [
            (u.id, u.email, u.full_name, u.role, u.is_active, u.locked_until, u.failed_logins)
            for u in s.exec(select(UserAccount).order_by(UserAccount.id)).all()
        ]
        sessions = [
            (a.id, a.revoked_at) for a in s.exec(select(AuthSession).order_by(AuthSession.id))
        ]
        events = len(s.exec(select(AuthEvent.id)).all())
    return [people, sessions, events]


def text_snapshot() -> list:
    """Every service text, standard and change-log row."""
    with session_scope() as s:
        services = [r.model_dump() for r in s.exec(select(Service).order_by(Service.id))]
        for row in services:
            row.pop("updated_at", None)
        standards = [r.model_dump() for r in s.exec(select(ServiceStandard))]
        log = len(s.exec(select(ServiceTextChange.id)).all())
    return [services, standards, log]
