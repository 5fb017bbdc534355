"""The user's own account: what may be changed (contact, STR, NIB) and what may not."""

import datetime as dt

import pytest
from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import ApplicantProfile, AuthEvent, UserAccount
from silek_app.services import accounts, profile, users
from silek_app.services.accounts import Registration
from silek_app.services.errors import AuthRequired, ServiceError

PASSWORD = "pucuk-rebung-bapucuak"  # noqa: S105 (test data)
TODAY = dt.date(2026, 3, 10)
NIK = "1372015203920002"


def _applicant(email: str = "siti@contoh.id", nik: str = NIK) -> str:
    accounts.register(
        Registration(
            nik=nik, full_name="Siti Rahmawati", email=email, phone="0812-6600-1111",
            password=PASSWORD, password_confirm=PASSWORD,
        )
    )  # fmt: skip
    return accounts.login(email, PASSWORD)


@pytest.fixture
def token(db) -> str:
    return _applicant()


@pytest.fixture
def officer(db) -> str:
    users.create_user("fo@contoh.id", "Andi Saputra", "front_office", PASSWORD, "081277001234")
    return accounts.login("fo@contoh.id", PASSWORD)


def _rows(email: str = "siti@contoh.id") -> tuple[UserAccount, ApplicantProfile | None]:
    with session_scope() as s:
        user = s.exec(select(UserAccount).where(UserAccount.email == email)).one()
        prof = s.exec(select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)).first()
    return user, prof


def _snapshot(email: str = "siti@contoh.id") -> tuple[dict, dict | None]:
    user, prof = _rows(email)
    return user.model_dump(), prof.model_dump() if prof else None


def _update(token: str, **values: str) -> dict[str, str]:
    return profile.update_contact(token, values, today=TODAY)


KEL = "13.72.01.1002"


def test_valid_update_changes_account_and_profile(token):
    problems = _update(
        token,
        phone="+62 813-7400-5566",
        email="Siti.Baru@Contoh.ID",
        address="  Jl. Sudirman   No. 5,\nRT 001 RW 002 ",
        kelurahan_code="1372011002",  # without dots is accepted and stored with dots
        birth_place="Solok",
        str_number="KKI-BDN-2024-000777",
        str_lifetime="",
        str_valid_until="2030-12-31",
        nib="9120 1234 56789",
    )
    assert problems == {}
    user, prof = _rows("siti.baru@contoh.id")
    assert user.phone == prof.phone == "081374005566"
    assert user.email == prof.email == "siti.baru@contoh.id"
    assert prof.address == "Jl. Sudirman No. 5, RT 001 RW 002"
    assert prof.kelurahan_code == KEL
    assert prof.birth_place == "Solok"
    assert (prof.str_number, prof.str_lifetime, prof.str_valid_until) == (
        "KKI-BDN-2024-000777", False, dt.date(2030, 12, 31),
    )  # fmt: skip
    assert prof.nib == "9120123456789"
    # Unchanged: identity data.
    assert prof.nik == NIK and user.full_name == "Siti Rahmawati" and user.role == "pemohon"
    # The new email is the login now.
    assert accounts.login("siti.baru@contoh.id", PASSWORD)
    with session_scope() as s:
        event = s.exec(select(AuthEvent).where(AuthEvent.event == "contact_update")).one()
    assert "phone" in event.detail and "email" in event.detail

    view = profile.my_account(token)
    assert view["phone"] == "081374005566"
    assert view["address"].startswith("Jl. Sudirman No. 5") and "Kec." not in view["address"]
    assert "s.d. 31-12-2030" in view["str_info"]


def test_contact_form_prefills_the_editable_fields(token):
    _update(token, kelurahan_code=KEL, str_number="STR-1", str_lifetime="on")
    form = profile.contact_form(token)
    assert form == {
        "phone": "081266001111", "email": "siti@contoh.id", "address": "",
        "kelurahan_code": KEL, "birth_place": "", "str_number": "STR-1",
        "str_lifetime": "1", "str_valid_until": "", "nib": "",
    }  # fmt: skip
    assert "nik" not in form and "full_name" not in form


def test_outside_solok_and_clearing_optional_fields(token):
    assert _update(token, kelurahan_code="LUAR", address="Jl. Raya Padang No. 1", nib="") == {}
    _, prof = _rows()
    assert prof.kelurahan_code == "LUAR" and prof.nib is None
    assert "di luar Kota Solok" in profile.my_account(token)["address"]
    assert _update(token, kelurahan_code="", address="") == {}
    _, prof = _rows()
    assert prof.kelurahan_code is None and prof.address == ""


def test_only_given_keys_change(token):
    _update(token, address="Jl. Lama No. 1", kelurahan_code=KEL)
    assert _update(token, phone="081299998888") == {}
    user, prof = _rows()
    assert user.phone == "081299998888"
    assert prof.address == "Jl. Lama No. 1" and prof.kelurahan_code == KEL


@pytest.mark.parametrize(
    ("values", "field", "fragment"),
    [
        ({"phone": "12345"}, "phone", "Nomor telepon tidak valid"),
        ({"phone": ""}, "phone", "wajib diisi"),
        ({"email": "bukan-email"}, "email", "Format email tidak valid"),
        ({"email": ""}, "email", "wajib diisi"),
        ({"address": "x" * 301}, "address", "maksimal 300"),
        ({"birth_place": "y" * 81}, "birth_place", "maksimal 80"),
        ({"kelurahan_code": "13.72.09.9999"}, "kelurahan_code", "tidak dikenal"),
        ({"nib": "12345"}, "nib", "13 digit"),
        ({"nib": "12345678901ab"}, "nib", "13 digit"),
    ],
)
def test_bad_values_are_explained_and_nothing_is_stored(token, values, field, fragment):
    before = _snapshot()
    # A valid change alongside the bad one is not stored either: all or nothing.
    problems = _update(token, **{"phone": "081311112222", "birth_place": "Padang", **values})
    assert set(problems) == {field}
    assert fragment in problems[field]
    assert _snapshot() == before


def test_email_of_another_account_is_refused(token):
    _applicant(email="lain@contoh.id", nik="1372011203850001")
    before = _snapshot()
    problems = _update(token, email="LAIN@contoh.id", phone="081311112222")
    assert problems == {"email": "Email ini sudah dipakai akun lain. Gunakan email lain."}
    assert _snapshot() == before
    # Keeping one's own email (any case) is no problem.
    assert _update(token, email="SITI@contoh.id", phone="081311112222") == {}
    assert _rows()[0].phone == "081311112222"


@pytest.mark.parametrize(
    "values",
    [
        {"nik": "1372011203850001"},
        {"role": "admin"},
        {"full_name": "Orang Lain"},
        {"name_on_permit": "dr. Orang Lain"},
        {"phone": "081311112222", "nik": "1372011203850001"},
        {"password_hash": "x"},
    ],
)
def test_identity_fields_are_refused_and_nothing_changes(token, values):
    before = _snapshot()
    with pytest.raises(ServiceError) as err:
        _update(token, **values)
    assert err.value.message == (
        "NIK, nama, dan peran tidak dapat diubah sendiri. Hubungi DPMPTSP bila ada kesalahan."
    )
    assert _snapshot() == before


def test_str_for_life_clears_the_date(token):
    assert _update(token, str_number="STR-9", str_lifetime="on", str_valid_until="2020-01-01") == {}
    _, prof = _rows()
    assert (prof.str_number, prof.str_lifetime, prof.str_valid_until) == ("STR-9", True, None)
    assert "seumur hidup" in profile.my_account(token)["str_info"]


@pytest.mark.parametrize(
    ("values", "field", "fragment"),
    [
        ({"str_number": "STR-1", "str_lifetime": "", "str_valid_until": ""},
         "str_valid_until", "Isi masa berlaku STR"),
        ({"str_number": "STR-1", "str_lifetime": "", "str_valid_until": "2026-03-10"},
         "str_valid_until", "sudah tidak berlaku"),
        ({"str_number": "STR-1", "str_lifetime": "", "str_valid_until": "2025-01-01"},
         "str_valid_until", "sudah tidak berlaku"),
        ({"str_number": "STR-1", "str_lifetime": "", "str_valid_until": "31-12-2030"},
         "str_valid_until", "tidak valid"),
        ({"str_number": "S" * 31, "str_lifetime": "1"}, "str_number", "maksimal 30"),
        ({"str_number": "", "str_lifetime": "1"}, "str_number", "Nomor STR wajib diisi"),
        ({"str_number": "", "str_valid_until": "2030-01-01"}, "str_number", "Nomor STR wajib"),
    ],
)  # fmt: skip
def test_str_rules(token, values, field, fragment):
    before = _snapshot()
    problems = _update(token, **values)
    assert set(problems) == {field} and fragment in problems[field]
    assert _snapshot() == before


def test_str_can_be_removed_and_an_unchanged_old_str_is_not_judged_again(token):
    assert _update(token, str_number="STR-1", str_valid_until="2026-06-30") == {}
    # Months later the stored date has passed; other changes still go through.
    later = dt.date(2026, 9, 1)
    form = profile.contact_form(token)
    assert profile.update_contact(token, {**form, "phone": "081355556666"}, today=later) == {}
    assert _rows()[0].phone == "081355556666"
    # Changing the STR number re-checks the date.
    problems = profile.update_contact(token, {**form, "str_number": "STR-2"}, today=later)
    assert "sudah tidak berlaku" in problems["str_valid_until"]
    # Emptying the STR block removes it.
    cleared = {"str_number": "", "str_lifetime": "", "str_valid_until": ""}
    assert profile.update_contact(token, cleared, today=later) == {}
    _, prof = _rows()
    assert (prof.str_number, prof.str_lifetime, prof.str_valid_until) == (None, False, None)


def test_officer_may_change_phone_and_email_only(officer):
    assert profile.contact_form(officer) == {"phone": "081277001234", "email": "fo@contoh.id"}
    assert (
        profile.update_contact(officer, {"phone": "0812 7700 9999", "email": "fo2@contoh.id"}) == {}
    )
    user, prof = _rows("fo2@contoh.id")
    assert user.phone == "081277009999" and prof is None
    before = _snapshot("fo2@contoh.id")
    for values in ({"address": "Jl. Kantor"}, {"phone": "081277001111", "nib": "1234567890123"}):
        with pytest.raises(ServiceError, match="hanya dapat mengubah nomor telepon dan email"):
            profile.update_contact(officer, values)
    with pytest.raises(ServiceError, match="NIK, nama, dan peran"):
        profile.update_contact(officer, {"role": "admin"})
    assert _snapshot("fo2@contoh.id") == before
    assert profile.update_contact(officer, {"phone": "123"}) == {
        "phone": "Nomor telepon tidak valid. Gunakan format 08xxxxxxxxxx atau +628xxxxxxxxx."
    }


def test_officer_without_phone_may_change_email_alone(db):
    users.create_user("bo@contoh.id", "Budi Santoso", "back_office", PASSWORD)
    tok = accounts.login("bo@contoh.id", PASSWORD)
    assert profile.update_contact(tok, {"phone": "", "email": "bo.baru@contoh.id"}) == {}
    assert _rows("bo.baru@contoh.id")[0].phone == ""


@pytest.mark.parametrize("tok", [None, "", "bukan-token"])
def test_no_session_is_refused(db, tok):
    with pytest.raises(AuthRequired):
        profile.update_contact(tok, {"phone": "081311112222"})
    with pytest.raises(AuthRequired):
        profile.contact_form(tok)
    with pytest.raises(AuthRequired):
        profile.my_account(tok)


def test_logged_out_session_is_refused(token):
    accounts.logout(token)
    before = _snapshot()
    with pytest.raises(AuthRequired):
        profile.update_contact(token, {"phone": "081311112222"})
    assert _snapshot() == before


def test_nothing_changed_is_fine_and_logs_nothing(token):
    form = profile.contact_form(token)
    assert profile.update_contact(token, form) == {}
    with session_scope() as s:
        assert s.exec(select(AuthEvent).where(AuthEvent.event == "contact_update")).first() is None
