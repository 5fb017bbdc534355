"""The /admin "Pengguna" tab: list, create, change role, (de)activate, unlock.

Every call re-reads the session's user from the database and requires the admin
role; the account rules themselves live in services/users.py, shared with the
command line. Each change is written with an AuthEvent naming the administrator.
"""

from __future__ import annotations

from sqlmodel import Session, func, or_, select

from silek_app.db import session_scope
from silek_app.domain.roles import Role, parse_role, role_label
from silek_app.domain.sla import WIB
from silek_app.models import UserAccount, utcnow
from silek_app.services import users
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.users import NewAccount

PAGE_SIZE = 20
SEARCH_MAX = 100
ADMIN_ONLY = frozenset({Role.ADMIN})
OWN_ACCOUNT = "Anda tidak dapat mengubah peran atau menonaktifkan akun Anda sendiri."


def _admin(token: str | None) -> SessionUser:
    return require_user(token, ADMIN_ONLY)


def _actor(admin: SessionUser) -> str:
    return f"{admin.email} #{admin.id}"


def _target(s: Session, user_id, admin: SessionUser, *, own_ok: bool = False) -> UserAccount:
    try:
        uid = int(user_id)
    except (TypeError, ValueError):
        uid = 0
    user = s.get(UserAccount, uid) if uid > 0 else None
    if user is None:
        raise NotFound("Pengguna tidak ditemukan.")
    if user.id == admin.id and not own_ok:
        raise ServiceError(OWN_ACCOUNT)
    return user


def role_options() -> list[dict[str, str]]:
    """Roles an account can be created with or changed to (never pemohon or sistem)."""
    return [{"value": r.value, "label": role_label(r.value)} for r in users.STAFF_ROLES]


def _row(u: UserAccount, now) -> dict[str, str]:
    locked = u.locked_until is not None and u.locked_until > now
    return {
        "id": str(u.id),
        "email": u.email,
        "full_name": u.full_name,
        "role": u.role,
        "role_label": role_label(u.role),
        "is_pemohon": "1" if u.role == Role.PEMOHON.value else "",
        "active": "1" if u.is_active else "",
        "locked": "1" if locked else "",
        "last_login": (
            u.last_login_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")
            if u.last_login_at
            else "Belum pernah"
        ),
    }


def list_users(token: str | None, query: str = "", role: str = "", page: int = 1) -> dict:
    """One page of accounts, searched by name or email and filtered by role."""
    admin = _admin(token)
    text = str(query or "").strip()[:SEARCH_MAX]
    conditions = []
    if text:
        conditions.append(
            or_(
                func.lower(UserAccount.full_name).contains(text.lower(), autoescape=True),
                func.lower(UserAccount.email).contains(text.lower(), autoescape=True),
            )
        )
    if role:
        try:
            conditions.append(UserAccount.role == parse_role(str(role)).value)
        except ValueError as exc:
            raise ServiceError(str(exc), field="role") from None
    with session_scope() as s:
        total = s.exec(select(func.count(UserAccount.id)).where(*conditions)).one()
        pages = max(1, -(-total // PAGE_SIZE))
        try:
            page = min(max(1, int(page)), pages)
        except (TypeError, ValueError):
            page = 1
        rows = s.exec(
            select(UserAccount)
            .where(*conditions)
            .order_by(UserAccount.full_name, UserAccount.id)
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        ).all()
    now = utcnow()
    return {
        "rows": [_row(u, now) for u in rows],
        "total": total,
        "page": page,
        "pages": pages,
        "self_id": str(admin.id),
    }


def new_account_problems(token: str | None, data: NewAccount) -> dict[str, str]:
    """Field-level messages for the create form (empty when valid)."""
    _admin(token)
    return users.new_account_problems(data)


def create_account(token: str | None, data: NewAccount) -> int:
    admin = _admin(token)
    with session_scope(write=True) as s:
        return users.insert_account(s, data, _actor(admin))


def change_role(token: str | None, user_id, role: str) -> None:
    admin = _admin(token)
    with session_scope(write=True) as s:
        users.change_role(s, _target(s, user_id, admin), str(role or ""), _actor(admin))


def deactivate(token: str | None, user_id) -> None:
    """Deactivate and revoke every session: the user's next event anywhere is refused."""
    admin = _admin(token)
    with session_scope(write=True) as s:
        users.set_active(s, _target(s, user_id, admin), False, _actor(admin))


def reactivate(token: str | None, user_id) -> None:
    admin = _admin(token)
    with session_scope(write=True) as s:
        users.set_active(s, _target(s, user_id, admin), True, _actor(admin))


def unlock(token: str | None, user_id) -> None:
    admin = _admin(token)
    with session_scope(write=True) as s:
        users.unlock(s, _target(s, user_id, admin, own_ok=True), _actor(admin))
