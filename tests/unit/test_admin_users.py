"""/admin users: listing, creating, role changes, (de)activation and unlocking."""

import pytest
from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import AuthEvent, AuthSession, UserAccount
from silek_app.services import accounts, admin_users, users
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from silek_app.services.users import NewAccount
from tests.support.admin import STAFF_PASSWORD, lock, staff, user_snapshot
from tests.unit.test_applications import applicant_token

NEW_PASSWORD = "sawah-bertingkat-aro-suka"  # noqa: S105 (test account)


@pytest.fixture
def admin(db):
    return staff("admin@contoh.id", "admin", "Admin Utama")


def _user(uid: int) -> UserAccount:
    with session_scope() as s:
        return s.get(UserAccount, uid)


def _events(uid: int) -> list[AuthEvent]:
    with session_scope() as s:
        query = select(AuthEvent).where(AuthEvent.user_id == uid).order_by(AuthEvent.id)
        return s.exec(query).all()


def _refused(call, *args, match: str | None = None, error=ServiceError):
    before = user_snapshot()
    with pytest.raises(error, match=match):
        call(*args)
    assert user_snapshot() == before


# ---------------------------------------------------------------- access


def test_only_admin_may_use_any_call(admin):
    _, fo_token = staff("fo@contoh.id", "front_office")
    pemohon = applicant_token(0)
    calls = [
        (admin_users.list_users, ()),
        (admin_users.new_account_problems, (NewAccount("a@b.id", "Nama", "back_office", "x"),)),
        (admin_users.create_account,
         (NewAccount("baru@contoh.id", "Nama Baru", "back_office", NEW_PASSWORD),)),
        (admin_users.change_role, (admin[0], "back_office")),
        (admin_users.deactivate, (admin[0],)),
        (admin_users.reactivate, (admin[0],)),
        (admin_users.unlock, (admin[0],)),
    ]  # fmt: skip
    for call, args in calls:
        _refused(call, None, *args, error=AuthRequired)
        _refused(call, "bukan-token", *args, error=AuthRequired)
        _refused(call, fo_token, *args, error=PermissionDenied)
        _refused(call, pemohon, *args, error=PermissionDenied)


# ---------------------------------------------------------------- listing


def test_list_pages_searches_and_filters(admin):
    _, token = admin
    for i in range(25):
        users.create_user(f"bo{i:02d}@contoh.id", f"Budi Ke {chr(65 + i)}", "back_office",
                          STAFF_PASSWORD)  # fmt: skip
    users.create_user("teknis@contoh.id", "dr. Fitri Handayani", "tim_teknis", STAFF_PASSWORD)
    first = admin_users.list_users(token)
    assert first["total"] == 27 and first["pages"] == 2 and len(first["rows"]) == 20
    second = admin_users.list_users(token, page=2)
    assert second["page"] == 2 and len(second["rows"]) == 7
    assert admin_users.list_users(token, page=99)["page"] == 2  # clamped, never empty
    assert admin_users.list_users(token, page="x")["page"] == 1
    found = admin_users.list_users(token, query="FITRI")
    assert [r["email"] for r in found["rows"]] == ["teknis@contoh.id"]
    assert found["rows"][0]["role_label"] == "Tim Teknis Dinas Kesehatan"
    assert admin_users.list_users(token, query="bo1")["total"] == 10
    assert admin_users.list_users(token, query="%")["total"] == 0  # no wildcard injection
    only = admin_users.list_users(token, role="back_office")
    assert only["total"] == 25 and {r["role"] for r in only["rows"]} == {"back_office"}
    with pytest.raises(ServiceError, match="tidak dikenal"):
        admin_users.list_users(token, role="sistem")


def test_row_shows_active_locked_and_last_login(admin):
    uid, token = admin
    fo_id, _ = staff("fo@contoh.id", "front_office", "Andi Saputra")
    lock(fo_id)
    rows = {r["email"]: r for r in admin_users.list_users(token)["rows"]}
    assert rows["fo@contoh.id"]["locked"] == "1" and rows["fo@contoh.id"]["active"] == "1"
    assert rows["admin@contoh.id"]["last_login"].endswith("WIB")
    assert admin_users.list_users(token)["self_id"] == str(uid)


# ---------------------------------------------------------------- creating


def test_admin_creates_an_officer_who_can_log_in(admin):
    uid, token = admin
    new_id = admin_users.create_account(
        token, NewAccount("  Petugas.Baru@Contoh.id ", "Dewi Lestari", "front_office",
                          NEW_PASSWORD, "0812 6600 7777"),
    )  # fmt: skip
    row = _user(new_id)
    assert row.email == "petugas.baru@contoh.id" and row.role == "front_office"
    assert row.phone == "081266007777"
    assert accounts.current_user(accounts.login("petugas.baru@contoh.id", NEW_PASSWORD))
    event = _events(new_id)[0]
    assert event.event == "user_created" and f"admin@contoh.id #{uid}" in event.detail


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (NewAccount("bukan-email", "Dewi Lestari", "front_office", NEW_PASSWORD), "email"),
        (NewAccount("d@contoh.id", "", "front_office", NEW_PASSWORD), "full_name"),
        (NewAccount("d@contoh.id", "Dewi Lestari", "front_office", "pendek"), "password"),
        (NewAccount("d@contoh.id", "Dewi Lestari", "front_office", "solok12345678"), "password"),
        (NewAccount("dewi.lestari@contoh.id", "Dewi Lestari", "front_office",
                    "lestari-di-kota-solok"), "password"),  # contains her own name
        (NewAccount("d@contoh.id", "Dewi Lestari", "pemohon", NEW_PASSWORD), "role"),
        (NewAccount("d@contoh.id", "Dewi Lestari", "sistem", NEW_PASSWORD), "role"),
        (NewAccount("d@contoh.id", "Dewi Lestari", "raja", NEW_PASSWORD), "role"),
        (NewAccount("d@contoh.id", "Dewi Lestari", "admin", NEW_PASSWORD, "12"), "phone"),
    ],
)  # fmt: skip
def test_create_refuses_bad_input(admin, data, field):
    _, token = admin
    assert field in admin_users.new_account_problems(token, data)
    before = user_snapshot()
    with pytest.raises(ServiceError) as err:
        admin_users.create_account(token, data)
    assert err.value.field == field
    assert user_snapshot() == before


def test_create_refuses_a_taken_email(admin):
    _, token = admin
    data = NewAccount("ADMIN@contoh.id", "Orang Lain", "back_office", NEW_PASSWORD)
    _refused(admin_users.create_account, token, data, match="sudah terdaftar")


def test_role_options_never_offer_pemohon_or_sistem(admin):
    values = {o["value"] for o in admin_users.role_options()}
    assert "pemohon" not in values and "sistem" not in values and "admin" in values


# ---------------------------------------------------------------- role changes


def test_change_role_ends_sessions_and_logs_the_admin(admin):
    uid, token = admin
    fo_id, fo_token = staff("fo@contoh.id", "front_office")
    admin_users.change_role(token, fo_id, "back_office")
    assert _user(fo_id).role == "back_office"
    assert accounts.current_user(fo_token) is None
    event = _events(fo_id)[-1]
    assert event.event == "role_changed" and "front_office -> back_office" in event.detail
    assert f"#{uid}" in event.detail


def test_role_change_refusals_change_nothing(admin):
    uid, token = admin
    fo_id, _ = staff("fo@contoh.id", "front_office")
    pemohon_token = applicant_token(0)
    pemohon_id = accounts.current_user(pemohon_token).id
    _refused(admin_users.change_role, token, uid, "back_office", match="akun Anda sendiri")
    _refused(admin_users.change_role, token, pemohon_id, "front_office",
             match="dibuat terpisah")  # fmt: skip
    _refused(admin_users.change_role, token, fo_id, "pemohon", match="tidak dapat dijadikan")
    _refused(admin_users.change_role, token, fo_id, "sistem", match="tidak dikenal")
    _refused(admin_users.change_role, token, fo_id, "front_office", match="sudah")
    _refused(admin_users.change_role, token, 99999, "back_office", error=NotFound)
    _refused(admin_users.change_role, token, "abc", "back_office", error=NotFound)
    assert accounts.current_user(pemohon_token) is not None


def test_last_active_admin_is_never_removed(admin):
    uid, token = admin
    second_id, second_token = staff("admin2@contoh.id", "admin", "Admin Kedua")
    # Two admins: one may demote the other...
    admin_users.change_role(second_token, uid, "pimpinan")
    # ...but the remaining one cannot be removed, even from the command line.
    _refused(users.set_role, "admin2@contoh.id", "back_office", match="terakhir")
    with session_scope() as s:
        with pytest.raises(ServiceError, match="terakhir"):
            users.set_active(s, s.get(UserAccount, second_id), False)
    assert _user(second_id).is_active and _user(second_id).role == "admin"


# ---------------------------------------------------------------- (de)activation


def test_deactivation_revokes_every_session_at_once(admin):
    uid, token = admin
    fo_id, fo_token = staff("fo@contoh.id", "front_office")
    other_tab = accounts.login("fo@contoh.id", STAFF_PASSWORD)
    admin_users.deactivate(token, fo_id)
    assert accounts.current_user(fo_token) is None
    assert accounts.current_user(other_tab) is None
    with session_scope() as s:
        query = select(AuthSession).where(
            AuthSession.user_id == fo_id, AuthSession.revoked_at.is_(None)
        )
        open_sessions = s.exec(query).all()
    assert open_sessions == []
    with pytest.raises(ServiceError):
        accounts.login("fo@contoh.id", STAFF_PASSWORD)
    event = [e for e in _events(fo_id) if e.event == "user_deactivated"][0]
    assert "2 sesi diakhiri" in event.detail and f"#{uid}" in event.detail
    # Reactivated, the account logs in again; the old sessions stay ended.
    admin_users.reactivate(token, fo_id)
    assert accounts.current_user(accounts.login("fo@contoh.id", STAFF_PASSWORD))
    assert accounts.current_user(fo_token) is None
    assert _events(fo_id)[-2].event == "user_reactivated"


def test_pemohon_can_be_deactivated(admin):
    _, token = admin
    pemohon_token = applicant_token(0)
    pemohon_id = accounts.current_user(pemohon_token).id
    admin_users.deactivate(token, pemohon_id)
    assert accounts.current_user(pemohon_token) is None
    assert _user(pemohon_id).role == "pemohon"


def test_deactivation_refusals_change_nothing(admin):
    uid, token = admin
    fo_id, _ = staff("fo@contoh.id", "front_office")
    _refused(admin_users.deactivate, token, uid, match="akun Anda sendiri")
    _refused(admin_users.reactivate, token, fo_id, match="sudah aktif")
    admin_users.deactivate(token, fo_id)
    _refused(admin_users.deactivate, token, fo_id, match="sudah nonaktif")
    _refused(admin_users.deactivate, token, 0, error=NotFound)


# ---------------------------------------------------------------- unlocking


def test_unlock_a_locked_account(admin):
    uid, token = admin
    fo_id, _ = staff("fo@contoh.id", "front_office")
    _refused(admin_users.unlock, token, fo_id, match="tidak sedang terkunci")
    lock(fo_id)
    with pytest.raises(ServiceError, match="Terlalu banyak"):
        accounts.login("fo@contoh.id", STAFF_PASSWORD)
    admin_users.unlock(token, fo_id)
    assert _user(fo_id).locked_until is None
    assert accounts.login("fo@contoh.id", STAFF_PASSWORD)
    assert any(e.event == "user_unlocked" and f"#{uid}" in e.detail for e in _events(fo_id))
