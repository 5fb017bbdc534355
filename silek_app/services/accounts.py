"""Registration, login, logout and resolving a session token to a user.

The session token is a 256-bit random bearer value; only its SHA-256 is stored,
so a leaked database does not yield usable sessions. Every call that needs a user
goes through `current_user`/`require_user`, which re-reads the account and its
role from the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from silek_app import settings
from silek_app.db import session_scope
from silek_app.domain import contact
from silek_app.domain.nik import NikError, mask_nik, parse_nik
from silek_app.domain.passwords import password_problem
from silek_app.domain.roles import Role, role_label
from silek_app.models import ApplicantProfile, AuthEvent, AuthSession, UserAccount, utcnow
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError
from silek_app.services.hashing import hash_password, needs_rehash, verify_password

WRONG_LOGIN = "Email/NIK atau kata sandi salah."


@dataclass(frozen=True)
class SessionUser:
    id: int
    full_name: str
    email: str
    role: str
    role_label: str


@dataclass(frozen=True)
class Registration:
    nik: str
    full_name: str
    email: str
    phone: str
    password: str
    password_confirm: str


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _log(session: Session, event: str, user_id: int | None, detail: str = "", ip: str = ""):
    session.add(AuthEvent(user_id=user_id, event=event, detail=detail[:500], ip_address=ip[:64]))


def validate_registration(data: Registration) -> dict[str, str]:
    """Return {field: Indonesian message} for every problem; empty when valid."""
    problems: dict[str, str] = {}
    try:
        parse_nik(data.nik)
    except NikError as exc:
        problems["nik"] = str(exc)
    for field, check in (
        ("full_name", contact.name_problem(data.full_name)),
        ("email", contact.email_problem(data.email)),
        ("phone", contact.phone_problem(data.phone)),
    ):
        if check:
            problems[field] = check
    context = [*contact.normalize_name(data.full_name).split(), data.email.split("@")[0], data.nik]
    weak = password_problem(data.password, context=context)
    if weak:
        problems["password"] = weak
    elif data.password != data.password_confirm:
        problems["password_confirm"] = "Konfirmasi kata sandi tidak sama."  # noqa: S105 (a field name, not a secret)
    return problems


def register(data: Registration, ip: str = "") -> int:
    """Create an applicant account with its profile. Raises ServiceError on bad input."""
    problems = validate_registration(data)
    if problems:
        field, message = next(iter(problems.items()))
        raise ServiceError(message, field=field)
    nik_info = parse_nik(data.nik)
    email = contact.normalize_email(data.email)
    phone = contact.normalize_phone(data.phone)
    name = contact.normalize_name(data.full_name)
    password_hash = hash_password(data.password)
    try:
        with session_scope() as s:
            _refuse_duplicates(s, nik_info.nik, email)
            user = UserAccount(
                email=email,
                full_name=name,
                phone=phone,
                role=Role.PEMOHON.value,
                password_hash=password_hash,
            )
            s.add(user)
            s.flush()
            s.add(
                ApplicantProfile(
                    user_id=user.id,
                    nik=nik_info.nik,
                    name_on_permit=name,
                    birth_date=nik_info.birth_date,
                    is_female=nik_info.is_female,
                    phone=phone,
                    email=email,
                )
            )
            _log(s, "register", user.id, f"NIK {mask_nik(nik_info.nik)}", ip)
            return user.id
    except IntegrityError:
        # Two registrations racing past the duplicate check: the unique index wins.
        raise ServiceError("NIK atau email sudah terdaftar. Silakan masuk.") from None


def _refuse_duplicates(s: Session, nik: str, email: str) -> None:
    if s.exec(select(ApplicantProfile.id).where(ApplicantProfile.nik == nik)).first():
        raise ServiceError(
            "NIK ini sudah terdaftar. Silakan masuk, atau hubungi DPMPTSP bila bukan Anda.",
            field="nik",
        )
    if s.exec(select(UserAccount.id).where(UserAccount.email == email)).first():
        raise ServiceError("Email ini sudah terdaftar. Silakan masuk.", field="email")


def _find_login_user(s: Session, login: str) -> UserAccount | None:
    login = login.strip()
    digits = login.replace(" ", "")
    if digits.isdigit() and len(digits) == 16:
        return s.exec(
            select(UserAccount)
            .join(ApplicantProfile, ApplicantProfile.user_id == UserAccount.id)
            .where(ApplicantProfile.nik == digits)
        ).first()
    return s.exec(
        select(UserAccount).where(UserAccount.email == contact.normalize_email(login))
    ).first()


def login(login_name: str, password: str, ip: str = "", user_agent: str = "") -> str:
    """Verify credentials and return a fresh session token (never reused)."""
    if not login_name.strip() or not password:
        raise ServiceError("Email/NIK dan kata sandi wajib diisi.")
    now = utcnow()
    with session_scope() as s:
        user = _find_login_user(s, login_name)
        if user and user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            _log(s, "login_locked", user.id, "", ip)
            raise ServiceError(
                f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit."
            )
        ok = verify_password(password, user.password_hash if user else None)
        if not user or not ok or not user.is_active:
            if user:
                user.failed_logins += 1
                if user.failed_logins >= settings.LOGIN_MAX_FAILURES:
                    user.locked_until = now + dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
                    user.failed_logins = 0
                s.add(user)
            _log(s, "login_failed", user.id if user else None, login_name[:60], ip)
            s.commit()
            raise ServiceError(WRONG_LOGIN)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        s.add(user)
        token = secrets.token_urlsafe(32)
        s.add(
            AuthSession(
                user_id=user.id,
                token_hash=_token_hash(token),
                created_at=now,
                last_seen_at=now,
                expires_at=now + dt.timedelta(hours=settings.SESSION_ABSOLUTE_HOURS),
                ip_address=ip[:64],
                user_agent=user_agent[:255],
            )
        )
        _log(s, "login", user.id, "", ip)
        return token


def logout(token: str) -> None:
    if not token:
        return
    with session_scope() as s:
        row = s.exec(
            select(AuthSession).where(AuthSession.token_hash == _token_hash(token))
        ).first()
        if row and row.revoked_at is None:
            row.revoked_at = utcnow()
            s.add(row)
            _log(s, "logout", row.user_id)


def current_user(token: str | None, now: dt.datetime | None = None) -> SessionUser | None:
    """The user behind a session token, or None if it is unknown, expired or revoked."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    with session_scope() as s:
        row = s.exec(
            select(AuthSession).where(AuthSession.token_hash == _token_hash(token))
        ).first()
        if row is None or row.revoked_at is not None or row.expires_at <= now:
            return None
        idle = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES)
        if now - row.last_seen_at > idle:
            row.revoked_at = now
            s.add(row)
            return None
        user = s.get(UserAccount, row.user_id)
        if user is None or not user.is_active:
            return None
        # Touch at most once a minute: keeps idle expiry honest without a
        # write on every single event.
        if now - row.last_seen_at > dt.timedelta(minutes=1):
            row.last_seen_at = now
            s.add(row)
        return SessionUser(
            id=user.id,
            full_name=user.full_name,
            email=user.email,
            role=user.role,
            role_label=role_label(user.role),
        )


def require_user(
    token: str | None, roles: set[Role] | frozenset[Role] | None = None
) -> SessionUser:
    user = current_user(token)
    if user is None:
        raise AuthRequired()
    if roles is not None and Role(user.role) not in roles:
        raise PermissionDenied()
    return user
