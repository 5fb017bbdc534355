"""The applicant's pre-check, requirements and draft sections (services.applications).

The helpers at the top are shared with test_submit, test_documents and test_file_route.
"""

import datetime as dt
import uuid

import pytest
from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import Application, Permit, Service, ServiceRequirement
from silek_app.services import accounts, application_views, applications, documents, users
from silek_app.services.accounts import Registration
from silek_app.services.applications import PreCheck
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from tests.support import sample_files as sf

PASSWORD = "pucuk-rebung-bapucuak"
PEOPLE = (  # NIK, name, email, phone, birth date encoded in the NIK
    ("1372015203920002", "Siti Rahmawati", "siti@contoh.id", "081266001111", "1992-03-12"),
    ("1372011203850001", "Budi Santoso", "budi@contoh.id", "081266002222", "1985-03-12"),
    ("1372014107900003", "Rina Marlina", "rina@contoh.id", "081266003333", "1990-07-01"),
)
KEL = "13.72.01.1001"
OFFICER_PASSWORD = "kalam-batu-sirah-bulan"


def applicant_token(n: int = 0) -> str:
    nik, name, email, phone, _ = PEOPLE[n]
    accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    return accounts.login(email, PASSWORD)


def officer_token(role: str = "front_office") -> str:
    """Log in the test officer of ``role``, creating it once (e2e files share one DB)."""
    email = f"{role.replace('_', '.')}@dpmptsp.solokkota.go.id"
    try:
        users.create_user(email, "Andi Petugas", role, OFFICER_PASSWORD)
    except ServiceError as exc:
        if exc.field != "email":
            raise
    return accounts.login(email, OFFICER_PASSWORD)


def precheck(token, code="SIPB", jenis="BARU", kind="FASYANKES", place=1, is_asn=False) -> int:
    return applications.save_precheck(token, code, PreCheck(jenis, kind, place, is_asn))


def section_values(n: int = 0) -> dict[str, dict[str, str]]:
    _, name, email, phone, birth = PEOPLE[n]
    return {
        "pemohon": {
            "name_on_permit": name, "birth_place": "Solok", "birth_date": birth,
            "address": "Jl. Pandan No. 5", "kelurahan_code": KEL, "phone": phone, "email": email,
        },
        "profesi": {"str_number": "KT00001234567", "str_lifetime": "1", "str_valid_until": ""},
        "tempat_praktik": {
            "practice_name": "Puskesmas Tanah Garam", "practice_address": "Jl. Sudirman 1",
            "practice_kelurahan": KEL, "practice_hours": "",
        },
        "usaha": {
            "business_name": "Apotek Sehat", "nib": "1234567890123",
            "business_address": "Jl. Kartini 2", "business_kelurahan": KEL,
            "responsible_person": name,
        },
    }  # fmt: skip


def fill_sections(token: str, code: str = "SIPB", n: int = 0) -> None:
    values = section_values(n)
    for sec in application_views.draft_view(token, code)["sections"]:
        assert applications.save_section(token, code, sec["key"], values[sec["key"]]) == {}


def draft(draft_id: int) -> Application:
    with session_scope() as s:
        return s.get(Application, draft_id)


def requirement_codes(draft_id: int, mandatory_only: bool = False) -> list[str]:
    with session_scope() as s:
        reqs = applications.requirements_for(s, s.get(Application, draft_id))
    return [r.code for r in reqs if r.mandatory or not mandatory_only]


def sample_for(code: str, requirement_code: str, tag: str = "") -> tuple[str, bytes]:
    """A valid file of a kind the requirement accepts, distinct per requirement."""
    with session_scope() as s:
        svc = s.exec(select(Service).where(Service.code == code)).one()
        req = s.exec(
            select(ServiceRequirement).where(
                ServiceRequirement.service_id == svc.id,
                ServiceRequirement.code == requirement_code,
            )
        ).one()
    if "pdf" in req.file_types:
        return f"{requirement_code.lower()}.pdf", sf.valid_pdf(f"{requirement_code} {tag}")
    return f"{requirement_code.lower()}.png", sf.valid_png(60 + len(tag), 64)


def upload_all(token: str, code: str, draft_id: int, tag: str = "") -> None:
    for req_code in requirement_codes(draft_id, mandatory_only=True):
        name, data = sample_for(code, req_code, tag)
        documents.upload(token, code, req_code, name, data)


def ready_draft(token: str, code: str = "SIPB", n: int = 0, **pc) -> int:
    """A draft with every section done and every mandatory document uploaded."""
    draft_id = precheck(token, code, **pc)
    fill_sections(token, code, n)
    upload_all(token, code, draft_id, tag=str(n))
    return draft_id


def submitted_reference(token: str, n: int = 0) -> str:
    """Submit a complete SIPB application for the applicant behind `token`."""
    ready_draft(token, n=n)
    return applications.submit(token, "SIPB", uuid.uuid4().hex).reference


def service_id(code: str) -> int:
    with session_scope() as s:
        return s.exec(select(Service.id).where(Service.code == code)).one()


# ---------------------------------------------------------------- pre-check


def test_precheck_needs_an_applicant_session(db):
    with pytest.raises(AuthRequired):
        precheck(None)
    with pytest.raises(PermissionDenied):
        precheck(officer_token())


@pytest.mark.parametrize("code", ["TIDAKADA", "SIP_", "%", "S%", ""])
def test_unknown_service_is_not_found(db, code):
    with pytest.raises(NotFound, match="tidak ditemukan"):
        precheck(applicant_token(), code=code)


def test_service_code_is_case_insensitive(db):
    token = applicant_token()
    assert precheck(token, code=" sipb ") == precheck(token, code="SIPB")


def test_jenis_not_allowed_for_service_is_refused(db):
    token = applicant_token()
    with pytest.raises(ServiceError, match="Jenis permohonan tidak tersedia"):
        precheck(token, code="REKLAME", jenis="PENCABUTAN")  # reklame: BARU/PERPANJANGAN only
    with pytest.raises(ServiceError, match="Jenis permohonan tidak tersedia"):
        precheck(token, jenis="SEMBARANG")
    with session_scope() as s:
        assert s.exec(select(Application)).all() == []


@pytest.mark.parametrize(
    ("kind", "place", "fragment"),
    [
        (None, 1, "jenis tempat praktik"),
        ("RUMAH", 1, "jenis tempat praktik"),
        ("MANDIRI", None, "tempat praktik ke-1"),
        ("MANDIRI", 0, "tempat praktik ke-1"),
        ("FASYANKES", 4, "tempat praktik ke-1"),
    ],
)
def test_sip_needs_practice_kind_and_place_1_to_3(db, kind, place, fragment):
    token = applicant_token()
    with pytest.raises(ServiceError) as err:
        precheck(token, kind=kind, place=place)
    assert fragment in err.value.message
    with session_scope() as s:
        assert s.exec(select(Application)).all() == []


@pytest.mark.parametrize(("kind", "place"), [("MANDIRI", 1), ("FASYANKES", 3)])
def test_sip_precheck_is_stored(db, kind, place):
    app = draft(precheck(applicant_token(), kind=kind, place=place))
    assert (app.status, app.jenis, app.practice_kind, app.practice_place_no) == (
        "DRAFT", "BARU", kind, place,
    )  # fmt: skip


def test_non_sip_service_ignores_practice_answers(db):
    app = draft(precheck(applicant_token(), code="SIA", kind="RUMAH", place=9))
    assert app.practice_kind is None and app.practice_place_no is None
    assert set(app.form_data["sections"]) == {"pemohon"}  # no STR section, no NIB on file


def test_new_draft_is_prefilled_from_profile(db):
    app = draft(precheck(applicant_token()))
    pemohon = app.form_data["sections"]["pemohon"]
    assert pemohon["name_on_permit"] == "Siti Rahmawati"
    assert pemohon["birth_date"] == "1992-03-12"
    assert pemohon["phone"] == "081266001111" and pemohon["email"] == "siti@contoh.id"
    assert "profesi" in app.form_data["sections"]  # a SIP also starts its STR section
    assert app.form_data["done"] == []


def test_precheck_again_updates_the_same_draft(db):
    token = applicant_token()
    first = precheck(token, kind="FASYANKES", place=1)
    applications.save_section(token, "SIPB", "pemohon", section_values()["pemohon"])
    second = precheck(token, kind="MANDIRI", place=2, is_asn=True)
    assert first == second
    with session_scope() as s:
        rows = s.exec(select(Application)).all()
    assert len(rows) == 1
    app = rows[0]
    assert (app.practice_kind, app.practice_place_no) == ("MANDIRI", 2)
    assert app.form_data["precheck"] == {"is_asn": True}
    assert app.form_data["done"] == ["pemohon"]  # the answers so far are kept
    # Another service is another draft.
    assert precheck(token, code="SIPP") != first


def _holdings(uid: int, code: str, statuses: list[str], permits: bool) -> None:
    sid = service_id(code)
    with session_scope() as s:
        for i, status in enumerate(statuses, start=1):
            app = Application(
                applicant_id=uid, service_id=sid, jenis="BARU", status=status,
                practice_kind="FASYANKES", practice_place_no=i,
                reference_number=f"SLK-20260105-{uid:02d}{i:03d}",
            )  # fmt: skip
            s.add(app)
            s.flush()
            if permits:
                s.add(Permit(
                    application_id=app.id, service_id=sid, holder_id=uid, seq=i, year=2026,
                    number=f"503/{i:04d}/{code}/DPMPTSP-SLK/2026", qr_token=f"qr-{uid}-{i}",
                ))  # fmt: skip


def _uid(token: str) -> int:
    return accounts.current_user(token).id


def test_fourth_sip_of_a_profession_is_refused_by_active_permits(db):
    token = applicant_token()
    _holdings(_uid(token), "SIPB", ["TERBIT"] * 3, permits=True)
    with pytest.raises(ServiceError) as err:
        precheck(token, kind="MANDIRI", place=3)
    assert "3 SIP" in err.value.message and "maksimal adalah 3" in err.value.message
    # Another profession is not affected, nor is a renewal of a bidan's SIP.
    assert precheck(token, code="SIPP")
    assert precheck(token, jenis="PERPANJANGAN")
    # Someone else's permits do not count against this applicant.
    assert precheck(applicant_token(1))


def test_fourth_sip_is_refused_by_pending_applications(db):
    token = applicant_token()
    _holdings(_uid(token), "SIPB", ["DIAJUKAN", "VERIFIKASI_BERKAS", "PERLU_PERBAIKAN"], False)
    with pytest.raises(ServiceError, match="sedang mengajukan 3 SIP"):
        precheck(token)
    assert precheck(token, code="SIPD")


def test_ended_applications_and_revoked_permits_do_not_count(db):
    token = applicant_token()
    uid = _uid(token)
    _holdings(uid, "SIPB", ["TERBIT"] * 2, permits=True)
    with session_scope() as s:
        permit = s.exec(select(Permit)).first()
        permit.status = "DICABUT"
        s.add(permit)
        sid = service_id("SIPB")
        for status in ("DITOLAK", "DIBATALKAN"):
            s.add(Application(applicant_id=uid, service_id=sid, jenis="BARU", status=status))
    assert precheck(token)


# ---------------------------------------------------------------- requirements


BASE = ["SURAT_PERMOHONAN", "KTP", "STR", "PAS_FOTO"]
MANDIRI = ["PERNYATAAN_PRAKTIK_MANDIRI", "NPWP", "DENAH_TEMPAT_PRAKTIK", "DAFTAR_PERALATAN",
           "FOTO_TEMPAT_PRAKTIK"]  # fmt: skip


@pytest.mark.parametrize(
    ("pc", "conditions", "expected"),
    [
        (dict(kind="FASYANKES", place=1), {"FASYANKES"},
         [*BASE, "KETERANGAN_FASYANKES", "PERNYATAAN_SISDMK"]),
        (dict(kind="MANDIRI", place=1), {"MANDIRI"}, [*BASE, *MANDIRI, "PERNYATAAN_SISDMK"]),
        (dict(kind="FASYANKES", place=2), {"FASYANKES", "TEMPAT_KE_2"},
         [*BASE, "KETERANGAN_FASYANKES", "SIP_TEMPAT_PERTAMA", "PERNYATAAN_SISDMK"]),
        (dict(kind="MANDIRI", place=3, is_asn=True), {"MANDIRI", "TEMPAT_KE_3", "ASN"},
         [*BASE, *MANDIRI, "PERSETUJUAN_ATASAN", "SIP_TEMPAT_PERTAMA_KEDUA",
          "PERNYATAAN_SISDMK"]),
        (dict(jenis="PERPANJANGAN", kind="FASYANKES", place=1), {"FASYANKES"},
         ["SURAT_PERMOHONAN", "KTP", "STR", "PAS_FOTO", "KETERANGAN_FASYANKES",
          "PERNYATAAN_SISDMK", "SIP_LAMA", "BUKTI_SKP"]),
    ],
)  # fmt: skip
def test_conditions_pick_the_personal_requirements(db, pc, conditions, expected):
    draft_id = precheck(applicant_token(), **pc)
    assert applications.conditions(draft(draft_id)) == conditions
    assert requirement_codes(draft_id) == expected


def test_changing_precheck_changes_requirements(db):
    token = applicant_token()
    draft_id = precheck(token, kind="MANDIRI", place=1)
    assert "NPWP" in requirement_codes(draft_id)
    precheck(token, kind="FASYANKES", place=1)
    codes = requirement_codes(draft_id)
    assert "NPWP" not in codes and "KETERANGAN_FASYANKES" in codes


# ---------------------------------------------------------------- sections


def test_save_section_before_precheck_or_unknown_section_is_refused(db):
    token = applicant_token()
    with pytest.raises(ServiceError, match="langkah awal"):
        applications.save_section(token, "SIPB", "pemohon", section_values()["pemohon"])
    precheck(token)
    with pytest.raises(ServiceError, match="tidak dikenal"):
        applications.save_section(token, "SIPB", "rahasia", {})
    with pytest.raises(ServiceError, match="tidak dikenal"):  # a section of another kind
        applications.save_section(token, "SIPB", "usaha", section_values()["usaha"])


@pytest.mark.parametrize(
    ("code", "section", "changes", "field", "fragment"),
    [
        ("SIPB", "pemohon", {"phone": "12"}, "phone", "telepon tidak valid"),
        ("SIPB", "pemohon", {"birth_date": "1990-01-01"}, "birth_date", "tidak sesuai dengan NIK"),
        ("SIPB", "pemohon", {"kelurahan_code": "13.72.09.9999"}, "kelurahan_code", "tidak dikenal"),
        ("SIPB", "pemohon", {"email": "bukan-email"}, "email", "email tidak valid"),
        ("SIPB", "profesi", {"str_lifetime": "", "str_valid_until": "2020-01-31"},
         "str_valid_until", "sudah tidak berlaku"),
        ("SIPB", "profesi", {"str_lifetime": "", "str_valid_until": ""}, "str_valid_until",
         "seumur hidup"),
        ("SIPB", "tempat_praktik", {"practice_kelurahan": "99"}, "practice_kelurahan",
         "tidak dikenal"),
        ("SIA", "usaha", {"nib": "12345"}, "nib", "13 digit"),
        ("SIA", "usaha", {"nib": "12345678901ab"}, "nib", "13 digit"),
    ],
)  # fmt: skip
def test_invalid_section_returns_problems_and_stores_nothing(
    db, code, section, changes, field, fragment
):
    token = applicant_token()
    draft_id = precheck(token, code=code)
    before = draft(draft_id).form_data
    problems = applications.save_section(
        token, code, section, {**section_values()[section], **changes}
    )
    assert fragment in problems[field]
    assert draft(draft_id).form_data == before
    assert section not in draft(draft_id).form_data["done"]


def test_missing_required_fields_are_all_reported(db):
    token = applicant_token()
    precheck(token)
    problems = applications.save_section(token, "SIPB", "tempat_praktik", {})
    assert set(problems) == {"practice_name", "practice_address", "practice_kelurahan"}
    assert all("wajib diisi" in m for m in problems.values())


def test_valid_section_is_stored_and_marked_done(db):
    token = applicant_token()
    draft_id = precheck(token)
    values = {**section_values()["pemohon"], "address": "  Jl. Pandan No. 5  ", "extra": "x"}
    assert applications.save_section(token, "SIPB", "pemohon", values) == {}
    app = draft(draft_id)
    stored = app.form_data["sections"]["pemohon"]
    assert stored["address"] == "Jl. Pandan No. 5" and "extra" not in stored
    assert app.form_data["done"] == ["pemohon"]
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    profesi = {"str_number": "KT1", "str_lifetime": "", "str_valid_until": future}
    assert applications.save_section(token, "SIPB", "profesi", profesi) == {}
    assert draft(draft_id).form_data["done"] == ["pemohon", "profesi"]
