"""Account administration for the admin command line and the seed step."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain import contact
from silek_app.domain.passwords import password_problem
from silek_app.domain.roles import parse_role, role_label
from silek_app.models import AuthEvent, AuthSession, UserAccount, utcnow
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.hashing import hash_password


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    full_name: str
    role: str
    role_label: str
    is_active: bool


def create_user(email: str, full_name: str, role: str, password: str, phone: str = "") -> int:
    """Create an office account. Applicants register themselves through /daftar."""
    parsed = parse_role(role)
    for problem in (
        contact.email_problem(email),
        contact.name_problem(full_name),
        password_problem(password, context=[*full_name.split(), email.split("@")[0]]),
    ):
        if problem:
            raise ServiceError(problem)
    email = contact.normalize_email(email)
    with session_scope() as s:
        if s.exec(select(UserAccount.id).where(UserAccount.email == email)).first():
            raise ServiceError(f"Email {email} sudah terdaftar.")
        user = UserAccount(
            email=email,
            full_name=contact.normalize_name(full_name),
            role=parsed.value,
            phone=contact.normalize_phone(phone) if phone else "",
            password_hash=hash_password(password),
        )
        s.add(user)
        s.flush()
        s.add(AuthEvent(user_id=user.id, event="user_created", detail=f"peran {parsed.value}"))
        return user.id


def list_users(role: str | None = None) -> list[UserRow]:
    with session_scope() as s:
        query = select(UserAccount).order_by(UserAccount.role, UserAccount.email)
        if role:
            query = query.where(UserAccount.role == parse_role(role).value)
        return [
            UserRow(u.id, u.email, u.full_name, u.role, role_label(u.role), u.is_active)
            for u in s.exec(query).all()
        ]


def set_role(email: str, role: str) -> None:
    """Change a role and end the user's sessions, so the old rights stop at once."""
    parsed = parse_role(role)
    with session_scope() as s:
        user = s.exec(
            select(UserAccount).where(UserAccount.email == contact.normalize_email(email))
        ).first()
        if user is None:
            raise NotFound(f"Pengguna dengan email {email} tidak ditemukan.")
        old = user.role
        user.role = parsed.value
        s.add(user)
        now = utcnow()
        for sess in s.exec(
            select(AuthSession).where(
                AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None)
            )
        ).all():
            sess.revoked_at = now
            s.add(sess)
        s.add(AuthEvent(user_id=user.id, event="role_changed", detail=f"{old} -> {parsed.value}"))


def count_users() -> int:
    with session_scope() as s:
        return len(s.exec(select(UserAccount.id)).all())
