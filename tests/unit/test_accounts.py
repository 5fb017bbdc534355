"""Registration, login, sessions (expiry and rotation), lock-out and role changes."""

import datetime as dt

import pytest
from sqlmodel import select

from silek_app import settings
from silek_app.db import session_scope
from silek_app.domain.roles import Role
from silek_app.models import ApplicantProfile, AuthSession, UserAccount, utcnow
from silek_app.services import accounts, users
from silek_app.services.accounts import Registration
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError

GOOD = dict(
    nik="1372015203920002",
    full_name="Siti Rahmawati",
    email="siti@contoh.id",
    phone="0812-6600-1111",
    password="pucuk-rebung-bapucuak",
    password_confirm="pucuk-rebung-bapucuak",
)


def _register(**changes) -> int:
    return accounts.register(Registration(**{**GOOD, **changes}))


def _count(model) -> int:
    with session_scope() as s:
        return len(s.exec(select(model)).all())


def test_register_creates_user_and_profile(db):
    uid = _register()
    with session_scope() as s:
        user = s.get(UserAccount, uid)
        profile = s.exec(select(ApplicantProfile).where(ApplicantProfile.user_id == uid)).one()
    assert user.role == "pemohon" and user.email == "siti@contoh.id"
    assert user.phone == "081266001111"
    assert user.password_hash.startswith("$argon2id$")
    assert (
        profile.nik == GOOD["nik"]
        and profile.is_female
        and profile.birth_date == dt.date(1992, 3, 12)
    )


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"nik": "12345"}, "nik", "16 digit"),
        ({"nik": "9972011203850001"}, "nik", "provinsi"),
        ({"email": "bukan-email"}, "email", "email"),
        ({"phone": "12"}, "phone", "telepon"),
        ({"password": "pendek", "password_confirm": "pendek"}, "password", "12"),
        ({"password": "solok12345678", "password_confirm": "solok12345678"}, "password", ""),
        ({"password_confirm": "lain-lain-lain-lain"}, "password_confirm", "tidak sama"),
    ],
)
def test_bad_registration_is_refused_and_stores_nothing(db, changes, field, fragment):
    with pytest.raises(ServiceError) as err:
        _register(**changes)
    assert err.value.field == field
    assert fragment.lower() in err.value.message.lower()
    assert _count(UserAccount) == 0 and _count(ApplicantProfile) == 0


def test_duplicate_nik_and_email_are_refused(db):
    _register()
    with pytest.raises(ServiceError, match="NIK ini sudah terdaftar"):
        _register(email="lain@contoh.id")
    with pytest.raises(ServiceError, match="Email ini sudah terdaftar"):
        _register(nik="1372011203850001", email="SITI@contoh.id")
    assert _count(UserAccount) == 1


def test_login_by_email_or_nik_gives_new_token_each_time(db):
    _register()
    first = accounts.login("siti@contoh.id", GOOD["password"])
    second = accounts.login(GOOD["nik"], GOOD["password"])
    assert first != second and len(first) >= 43  # 32 random bytes, base64url
    assert accounts.current_user(first).email == "siti@contoh.id"
    assert accounts.current_user(second).role == "pemohon"
    with session_scope() as s:
        hashes = [r.token_hash for r in s.exec(select(AuthSession)).all()]
    assert first not in hashes and second not in hashes and len(hashes[0]) == 64


def test_wrong_login_is_one_message_for_unknown_user_and_wrong_password(db):
    _register()
    with pytest.raises(ServiceError) as a:
        accounts.login("siti@contoh.id", "salah-salah-salah")
    with pytest.raises(ServiceError) as b:
        accounts.login("tidakada@contoh.id", "salah-salah-salah")
    assert a.value.message == b.value.message == accounts.WRONG_LOGIN


def test_session_absolute_expiry(db):
    _register()
    token = accounts.login("siti@contoh.id", GOOD["password"])
    later = utcnow() + dt.timedelta(hours=settings.SESSION_ABSOLUTE_HOURS, seconds=1)
    with session_scope() as s:  # keep it "active" so only the absolute limit applies
        row = s.exec(select(AuthSession)).one()
        row.last_seen_at = later - dt.timedelta(minutes=1)
        s.add(row)
    assert accounts.current_user(token, now=later) is None


def test_session_idle_expiry_revokes(db):
    _register()
    token = accounts.login("siti@contoh.id", GOOD["password"])
    idle = utcnow() + dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES + 1)
    assert accounts.current_user(token, now=idle) is None
    assert accounts.current_user(token) is None  # revoked for good, not just skipped


def test_activity_keeps_session_alive(db):
    _register()
    token = accounts.login("siti@contoh.id", GOOD["password"])
    step = dt.timedelta(minutes=settings.SESSION_IDLE_MINUTES - 5)
    now = utcnow()
    for _ in range(3):
        now += step
        assert accounts.current_user(token, now=now) is not None


def test_logout_kills_the_server_session(db):
    _register()
    token = accounts.login("siti@contoh.id", GOOD["password"])
    accounts.logout(token)
    assert accounts.current_user(token) is None
    with pytest.raises(AuthRequired):
        accounts.require_user(token)


def test_garbage_tokens_are_rejected(db):
    for token in ("", None, "x" * 500, "bukan-token"):
        assert accounts.current_user(token) is None


def test_lockout_after_repeated_failures(db, monkeypatch):
    monkeypatch.setattr(settings, "LOGIN_MAX_FAILURES", 3)
    _register()
    for _ in range(3):
        with pytest.raises(ServiceError):
            accounts.login("siti@contoh.id", "salah-salah-salah")
    with pytest.raises(ServiceError, match="Terlalu banyak"):
        accounts.login("siti@contoh.id", GOOD["password"])


def test_role_check_and_set_role_ends_sessions(db):
    uid = users.create_user("fo@contoh.id", "Andi Saputra", "front_office", "lembah-gumanti-sejuk")
    assert uid
    token = accounts.login("fo@contoh.id", "lembah-gumanti-sejuk")
    assert accounts.require_user(token, frozenset({Role.FRONT_OFFICE})).role == "front_office"
    with pytest.raises(PermissionDenied):
        accounts.require_user(token, frozenset({Role.ADMIN}))
    users.set_role("fo@contoh.id", "back_office")
    assert accounts.current_user(token) is None
    fresh = accounts.login("fo@contoh.id", "lembah-gumanti-sejuk")
    assert accounts.current_user(fresh).role == "back_office"


def test_admin_cli_rejects_unknown_role_and_weak_password(db):
    with pytest.raises(ServiceError, match="tidak dikenal"):
        users.create_user("x@contoh.id", "Nama Orang", "raja", "lembah-gumanti-sejuk")
    with pytest.raises(ServiceError):
        users.create_user("x@contoh.id", "Nama Orang", "admin", "pendek")
