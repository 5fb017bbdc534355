"""Account administration rules shared by the admin command line, the seed step and
the /admin page (services/admin_users.py adds the session check and the paging).

The rules live here once, so the command line and the web page refuse the same
things with the same messages:

* office accounts are created here; applicants register themselves through /daftar
  (their account carries a NIK profile), so `pemohon` is never created here;
* an applicant account never becomes an office account and the other way round:
  the two hold different data (NIK profile and applications vs. desk work), and a
  citizen quietly turned officer could act on their own files. An officer who is
  also a citizen keeps two accounts;
* the last active administrator can be neither demoted nor deactivated, or nobody
  could administer the system any more;
* a role change or a deactivation ends every session of the account at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain import contact
from silek_app.domain.passwords import password_problem
from silek_app.domain.roles import Role, parse_role, role_label
from silek_app.models import AuthEvent, AuthSession, UserAccount, utcnow
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.hashing import hash_password

# Roles an administrator may give when creating an account (all but the applicant).
STAFF_ROLES: tuple[Role, ...] = tuple(r for r in Role if r not in (Role.PEMOHON, Role.SISTEM))

PEMOHON_NOT_CREATED = (
    "Akun pemohon tidak dibuat di sini: pemohon mendaftar sendiri melalui /daftar."
)
PEMOHON_TO_OFFICER = (
    "Akun pemohon tidak dapat dijadikan akun petugas. Akun petugas dibuat terpisah "
    "melalui \u201cTambah akun petugas\u201d."
)
OFFICER_TO_PEMOHON = (
    "Akun petugas tidak dapat dijadikan akun pemohon: pemohon mendaftar sendiri "
    "dengan NIK melalui /daftar."
)
LAST_ADMIN = "Administrator aktif terakhir tidak dapat diubah perannya atau dinonaktifkan."


@dataclass(frozen=True)
class UserRow:
    id: int
    email: str
    full_name: str
    role: str
    role_label: str
    is_active: bool


@dataclass(frozen=True)
class NewAccount:
    email: str
    full_name: str
    role: str
    password: str
    phone: str = ""


def log_event(s: Session, event: str, user_id: int | None, detail: str = "", actor: str = ""):
    """One AuthEvent about `user_id`; `actor` names who did it (empty: command line)."""
    by = f" (oleh {actor})" if actor else " (oleh baris perintah)"
    s.add(AuthEvent(user_id=user_id, event=event, detail=(detail + by)[:500]))


def new_account_problems(data: NewAccount) -> dict[str, str]:
    """{field: Indonesian message} for every problem of a new office account."""
    problems: dict[str, str] = {}
    try:
        if parse_role(data.role) is Role.PEMOHON:
            problems["role"] = PEMOHON_NOT_CREATED
    except ValueError as exc:
        problems["role"] = str(exc)
    for field, check in (
        ("email", contact.email_problem(data.email)),
        ("full_name", contact.name_problem(data.full_name)),
        ("phone", contact.phone_problem(data.phone) if data.phone.strip() else None),
    ):
        if check:
            problems[field] = check
    context = [*data.full_name.split(), data.email.split("@")[0]]
    weak = password_problem(data.password, context=context)
    if weak:
        problems["password"] = weak
    return problems


def insert_account(s: Session, data: NewAccount, actor: str = "") -> int:
    """Create a checked office account in the caller's transaction; returns its id."""
    problems = new_account_problems(data)
    if problems:
        field, message = next(iter(problems.items()))
        raise ServiceError(message, field=field)
    email = contact.normalize_email(data.email)
    if s.exec(select(UserAccount.id).where(UserAccount.email == email)).first():
        raise ServiceError(f"Email {email} sudah terdaftar.", field="email")
    role = parse_role(data.role)
    user = UserAccount(
        email=email,
        full_name=contact.normalize_name(data.full_name),
        role=role.value,
        phone=contact.normalize_phone(data.phone) if data.phone.strip() else "",
        password_hash=hash_password(data.password),
    )
    s.add(user)
    s.flush()
    log_event(s, "user_created", user.id, f"peran {role.value}", actor)
    return user.id


def revoke_sessions(s: Session, user_id: int) -> int:
    """End every open session of the account; the next event of any tab is refused."""
    now = utcnow()
    rows = s.exec(
        select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = now
        s.add(row)
    return len(rows)


def _other_active_admins(s: Session, user_id: int) -> int:
    # FOR UPDATE locks every active admin row (PostgreSQL), so two administrators
    # removing each other at the same moment cannot both pass; SQLite already
    # serialises writers through session_scope(write=True).
    ids = s.exec(
        select(UserAccount.id)
        .where(UserAccount.role == Role.ADMIN.value, UserAccount.is_active.is_(True))
        .with_for_update()
    ).all()
    return len([i for i in ids if i != user_id])


def _refuse_losing_last_admin(s: Session, user: UserAccount) -> None:
    if user.role == Role.ADMIN.value and user.is_active and _other_active_admins(s, user.id) == 0:
        raise ServiceError(LAST_ADMIN)


def change_role(s: Session, user: UserAccount, role: str, actor: str = "") -> None:
    """Give `user` another office role and end their sessions (old rights stop at once)."""
    try:
        new = parse_role(role)
    except ValueError as exc:
        raise ServiceError(str(exc), field="role") from None
    if new.value == user.role:
        raise ServiceError("Peran akun ini sudah " + role_label(new.value) + ".", field="role")
    if user.role == Role.PEMOHON.value:
        raise ServiceError(PEMOHON_TO_OFFICER, field="role")
    if new is Role.PEMOHON:
        raise ServiceError(OFFICER_TO_PEMOHON, field="role")
    if new is not Role.ADMIN:
        _refuse_losing_last_admin(s, user)
    old = user.role
    user.role = new.value
    s.add(user)
    revoke_sessions(s, user.id)
    log_event(s, "role_changed", user.id, f"{old} -> {new.value}", actor)


def set_active(s: Session, user: UserAccount, active: bool, actor: str = "") -> None:
    """Deactivate (ending every session) or reactivate an account."""
    if user.is_active == active:
        state = "aktif" if active else "nonaktif"
        raise ServiceError(f"Akun {user.email} sudah {state}.")
    if not active:
        _refuse_losing_last_admin(s, user)
    user.is_active = active
    s.add(user)
    if not active:
        ended = revoke_sessions(s, user.id)
        log_event(s, "user_deactivated", user.id, f"{ended} sesi diakhiri", actor)
    else:
        log_event(s, "user_reactivated", user.id, "", actor)


def unlock(s: Session, user: UserAccount, actor: str = "") -> None:
    """Lift a lock left by too many failed logins."""
    if user.locked_until is None or user.locked_until <= utcnow():
        raise ServiceError(f"Akun {user.email} tidak sedang terkunci.")
    user.locked_until = None
    user.failed_logins = 0
    s.add(user)
    log_event(s, "user_unlocked", user.id, "", actor)


# ---------------------------------------------------------------- command line


def _by_email(s: Session, email: str) -> UserAccount:
    user = s.exec(
        select(UserAccount).where(UserAccount.email == contact.normalize_email(email))
    ).first()
    if user is None:
        raise NotFound(f"Pengguna dengan email {email} tidak ditemukan.")
    return user


def create_user(email: str, full_name: str, role: str, password: str, phone: str = "") -> int:
    """Create an office account. Applicants register themselves through /daftar."""
    with session_scope(write=True) as s:
        return insert_account(s, NewAccount(email, full_name, role, password, phone))


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
    with session_scope(write=True) as s:
        change_role(s, _by_email(s, email), role)


def count_users() -> int:
    with session_scope() as s:
        return s.exec(select(func.count(UserAccount.id))).one()
