"""Officer actions (services.officer_actions) and permit issuing (services.permits).

The helpers at the top (office, submitted, walk, issued) are shared with test_skm.
"""

import datetime as dt
import hashlib
import io
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader
from sqlmodel import func, select
from test_applications import (
    OFFICER_PASSWORD,
    applicant_token,
    ready_draft,
    section_values,
    service_id,
)

from silek_app.db import session_scope
from silek_app.domain.permit_pdf import add_months
from silek_app.domain.sla import local_date
from silek_app.models import Application, NumberSequence, Permit, StatusEvent, UserAccount, utcnow
from silek_app.services import accounts, applications, officer_actions, permits, storage, users
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from silek_app.services.workflow_runner import STALE_VERSION, apply_action

ROLES = ("front_office", "back_office", "tim_teknis", "kepala_dinas", "pimpinan")
NAMES = {"kepala_dinas": "Yuliarman Kepala", "tim_teknis": "Rina Teknis"}
FLOW = (
    ("front_office", "TERIMA_BERKAS", "VERIFIKASI_BERKAS"),
    ("front_office", "TERUSKAN_VERIFIKASI_TEKNIS", "VERIFIKASI_TEKNIS"),
    ("tim_teknis", "TERBITKAN_REKOMENDASI", "PERSETUJUAN"),
    ("back_office", "AJUKAN_TTE", "PENANDATANGANAN"),
    ("kepala_dinas", "TANDATANGANI", "TERBIT"),
)


def office() -> dict[str, str]:
    """One logged-in account per office role."""
    tokens = {}
    for role in ROLES:
        email = f"{role.replace('_', '.')}@dpmptsp.solokkota.go.id"
        users.create_user(email, NAMES.get(role, "Andi Petugas"), role, OFFICER_PASSWORD)
        tokens[role] = accounts.login(email, OFFICER_PASSWORD)
    return tokens


def submitted(token: str, code: str = "SIPB", n: int = 0) -> str:
    ready_draft(token, code, n)
    return applications.submit(token, code, uuid.uuid4().hex).reference


def walk(tokens: dict[str, str], reference: str, until: str = "TERBIT") -> dict:
    result = {}
    for role, action, target in FLOW:
        result = officer_actions.act(tokens[role], reference, action)
        assert result["status"] == target
        if target == until:
            break
    return result


def issued(n: int = 0, code: str = "SIPB") -> tuple[str, str, dict[str, str]]:
    """(applicant token, reference, office tokens) of an application whose permit is issued."""
    token, tokens = applicant_token(n), office()
    reference = submitted(token, code, n)
    walk(tokens, reference)
    return token, reference, tokens


def load(reference: str) -> Application:
    with session_scope() as s:
        return s.exec(select(Application).where(Application.reference_number == reference)).one()


def permit_of(reference: str) -> Permit | None:
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        return s.exec(select(Permit).where(Permit.application_id == app.id)).first()


def count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def files(root) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


# ---------------------------------------------------------------- who may act


def test_only_officers_may_act(db):
    token = applicant_token()
    reference = submitted(token)
    with pytest.raises(AuthRequired):
        officer_actions.act(None, reference, "TERIMA_BERKAS")
    with pytest.raises(PermissionDenied):
        officer_actions.act(token, reference, "TERIMA_BERKAS")
    tokens = office()
    with pytest.raises(PermissionDenied):  # leaders read; they do not work files
        officer_actions.act(tokens["pimpinan"], reference, "TERIMA_BERKAS")
    with pytest.raises(NotFound, match="tidak ditemukan"):
        officer_actions.act(tokens["front_office"], "SLK-20260101-99999", "TERIMA_BERKAS")
    assert load(reference).status == "DIAJUKAN"


def test_wrong_role_or_state_is_refused_and_nothing_changes(db):
    reference = submitted(applicant_token())
    tokens = office()
    before = load(reference)
    with pytest.raises(ServiceError):
        officer_actions.act(tokens["back_office"], reference, "TERIMA_BERKAS")
    with pytest.raises(ServiceError):
        officer_actions.act(tokens["kepala_dinas"], reference, "TANDATANGANI")
    after = load(reference)
    assert (after.status, after.version) == (before.status, before.version) == ("DIAJUKAN", 2)
    assert count(StatusEvent) == 1 and count(Permit) == 0


def test_stale_version_is_refused(db):
    reference = submitted(applicant_token())
    tokens = office()
    result = officer_actions.act(tokens["front_office"], " slk" + reference[3:], "terima_berkas")
    assert result == {"reference": reference, "status": "VERIFIKASI_BERKAS", "version": 3}
    with pytest.raises(ServiceError, match="baru saja diubah"):
        officer_actions.act(
            tokens["front_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS", expected_version=2
        )
    assert STALE_VERSION.startswith("Berkas ini baru saja diubah")
    assert load(reference).status == "VERIFIKASI_BERKAS"


# ---------------------------------------------------------------- send back with flags


GOOD_FLAGS = [
    {"kind": "document", "target": "KTP", "note": "Foto KTP buram, unggah ulang."},
    {"kind": "field", "target": "practice_address", "note": "Tulis alamat lengkap."},
]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (None, "Tandai minimal satu dokumen atau isian"),
        ([], "Tandai minimal satu dokumen atau isian"),
        ([{"kind": "document", "target": "TIDAK_ADA", "note": "x"}], "tidak ada pada permohonan"),
        ([{"kind": "field", "target": "nib", "note": "x"}], "tidak ada pada permohonan"),
        ([{"kind": "foto", "target": "KTP", "note": "x"}], "Jenis tanda tidak dikenal"),
        ([{"kind": "document", "target": "KTP", "note": "  "}], "Tuliskan apa yang perlu"),
        ([GOOD_FLAGS[0], GOOD_FLAGS[0]], "lebih dari sekali"),
        ([{"kind": "document", "target": "KTP", "note": "x" * 501}], "terlalu panjang"),
        (["KTP"], "Tandai minimal satu"),
    ],
)
def test_send_back_needs_valid_flags(db, flags, message):
    reference = submitted(applicant_token())
    tokens = office()
    walk(tokens, reference, until="VERIFIKASI_BERKAS")
    before = load(reference)
    with pytest.raises(ServiceError, match=message):
        officer_actions.act(
            tokens["front_office"], reference, "KEMBALIKAN", note="Perbaiki berkas.", flags=flags
        )
    after = load(reference)
    assert (after.status, after.version) == ("VERIFIKASI_BERKAS", before.version)
    assert "revision" not in after.form_data and count(StatusEvent) == 2


def test_send_back_without_note_is_refused_by_the_workflow(db):
    reference = submitted(applicant_token())
    tokens = office()
    walk(tokens, reference, until="VERIFIKASI_BERKAS")
    with pytest.raises(ServiceError):
        officer_actions.act(tokens["front_office"], reference, "KEMBALIKAN", flags=GOOD_FLAGS)
    assert load(reference).status == "VERIFIKASI_BERKAS"


def test_send_back_stores_the_flags_and_counts_rounds(db):
    token = applicant_token()
    reference = submitted(token)
    tokens = office()
    walk(tokens, reference, until="VERIFIKASI_BERKAS")
    result = officer_actions.act(
        tokens["front_office"], reference, "KEMBALIKAN", note="Perbaiki berkas.", flags=GOOD_FLAGS
    )
    assert result["status"] == "PERLU_PERBAIKAN"
    revision = load(reference).form_data["revision"]
    assert revision["round"] == 1
    assert [(i["kind"], i["target"], i["note"]) for i in revision["items"]] == [
        (f["kind"], f["target"], f["note"]) for f in GOOD_FLAGS
    ]
    assert revision["items"][0]["label"].startswith("Kartu Tanda Penduduk")
    assert "Alamat tempat praktik" in revision["items"][1]["label"]
    assert dt.datetime.fromisoformat(revision["requested_at"]).tzinfo is not None
    # The applicant sends the fix (their own use case is elsewhere), then a second round.
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        apply_action(s, app, "KIRIM_PERBAIKAN", actor_id=app.applicant_id, role="pemohon")
    officer_actions.act(
        tokens["front_office"], reference, "KEMBALIKAN", note="Masih kurang.",
        flags=[{"kind": "field", "target": "str_number", "note": "Nomor STR salah."}],
    )  # fmt: skip
    revision = load(reference).form_data["revision"]
    assert revision["round"] == 2 and [i["target"] for i in revision["items"]] == ["str_number"]
    assert load(reference).form_data["sections"]["pemohon"]["address"]  # form data kept


# ---------------------------------------------------------------- issuing


def test_full_journey_issues_a_permit_with_its_pdf(db, storage_dir):
    token, reference, tokens = issued()
    app = load(reference)
    assert app.status == "TERBIT" and app.completed_at is not None
    permit = permit_of(reference)
    issued_day = local_date(permit.issued_at)
    year = issued_day.year
    assert permit.number == f"503/0001/SIPB/DPMPTSP-SLK/{year}"
    assert (permit.seq, permit.year, permit.status) == (1, year, "AKTIF")
    assert permit.valid_until == add_months(issued_day, 60)
    assert permit.holder_id == app.applicant_id and len(permit.qr_token) >= 32
    with session_scope() as s:
        signer = s.get(UserAccount, permit.signed_by_id)
        events = s.exec(
            select(StatusEvent).where(StatusEvent.application_id == app.id).order_by(StatusEvent.id)
        ).all()
    assert signer.role == "kepala_dinas"
    assert [(e.action, e.actor_role) for e in events] == [("AJUKAN", "pemohon")] + [
        (action, role) for role, action, _ in FLOW
    ]
    path = storage.path_for(permit.pdf_storage_key)
    data = path.read_bytes()
    assert files(storage_dir) >= {permit.pdf_storage_key}
    assert hashlib.sha256(data).hexdigest() == permit.pdf_sha256
    page = PdfReader(io.BytesIO(data)).pages[0]
    text = " ".join(page.extract_text().split())
    url = f"{permits.PUBLIC_BASE_URL}/verifikasi/{permit.qr_token}"
    for expected in (permit.number, "Siti Rahmawati", "SURAT IZIN PRAKTIK BIDAN", "Bidan",
                     "KT00001234567", "Puskesmas Tanah Garam", "1372********0002",
                     "Kel. Tanah Garam", "Yuliarman Kepala", url):  # fmt: skip
        assert expected in text, expected
    assert "1372015203920002" not in text  # the full NIK never appears
    assert [a.get_object()["/A"]["/URI"] for a in page["/Annots"]] == [url]


def test_numbers_run_per_service_per_year(db):
    tokens = office()
    first, second = applicant_token(0), applicant_token(1)
    a, b = submitted(first, "SIPB", 0), submitted(second, "SIPB", 1)
    c = submitted(first, "SIPP", 0)
    for reference in (a, b, c):
        walk(tokens, reference)
    year = permit_of(a).year
    assert [permit_of(r).number for r in (a, b, c)] == [
        f"503/0001/SIPB/DPMPTSP-SLK/{year}",
        f"503/0002/SIPB/DPMPTSP-SLK/{year}",
        f"503/0001/SIPP/DPMPTSP-SLK/{year}",
    ]
    # 17:30 UTC on 31 December is already 1 January in Solok: a new year, a new counter.
    third = submitted(applicant_token(2), "SIPB", 2)
    walk(tokens, third, until="PENANDATANGANAN")
    new_year = dt.datetime(year, 12, 31, 17, 30, tzinfo=dt.UTC)
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == third)).one()
        signer = s.exec(select(UserAccount).where(UserAccount.role == "kepala_dinas")).one()
        permit = permits.issue_permit(s, app, signer, now=new_year)
        assert permit.number == f"503/0001/SIPB/DPMPTSP-SLK/{year + 1}"
        assert permit.valid_until == dt.date(year + 6, 1, 1)


def test_a_failed_transaction_leaves_no_file_and_no_number(db, storage_dir):
    reference = submitted(applicant_token())
    tokens = office()
    walk(tokens, reference, until="PENANDATANGANAN")
    uploads = files(storage_dir)
    with pytest.raises(RuntimeError), session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        signer = s.exec(select(UserAccount).where(UserAccount.role == "kepala_dinas")).one()
        permit = permits.issue_permit(s, app, signer)
        assert storage.path_for(permit.pdf_storage_key).exists()
        raise RuntimeError("power cut")
    assert count(Permit) == 0 and files(storage_dir) == uploads
    assert count(NumberSequence) == 1  # only the registration counter
    walk_result = officer_actions.act(tokens["kepala_dinas"], reference, "TANDATANGANI")
    assert walk_result["status"] == "TERBIT" and permit_of(reference).seq == 1  # no gap
    with pytest.raises(ServiceError, match="sudah diterbitkan"), session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        permits.issue_permit(s, app, s.get(UserAccount, permit_of(reference).signed_by_id))


def test_ten_concurrent_signatures_get_ten_consecutive_numbers(db, storage_dir):
    token, tokens = applicant_token(), office()
    applicant_id = accounts.current_user(token).id
    sid = service_id("SIPB")
    references = [f"SLK-20260105-{i:05d}" for i in range(1, 11)]
    with session_scope(write=True) as s:
        for ref in references:
            s.add(
                Application(
                    reference_number=ref, applicant_id=applicant_id, service_id=sid, jenis="BARU",
                    status="PENANDATANGANAN", form_data={"sections": section_values(0)},
                    submitted_at=utcnow(),
                )
            )  # fmt: skip
    start = threading.Barrier(len(references))

    def sign(ref: str) -> dict:
        start.wait()
        return officer_actions.act(tokens["kepala_dinas"], ref, "TANDATANGANI")

    with ThreadPoolExecutor(max_workers=len(references)) as pool:
        results = list(pool.map(sign, references))
    assert {r["status"] for r in results} == {"TERBIT"}
    with session_scope() as s:
        rows = s.exec(select(Permit).order_by(Permit.seq)).all()
        counter = s.exec(
            select(NumberSequence).where(NumberSequence.scope.like("IZIN-SIPB-%"))
        ).one()
    year = rows[0].year
    assert [p.seq for p in rows] == list(range(1, 11)) and counter.last_value == 10
    assert [p.number for p in rows] == [
        f"503/{i:04d}/SIPB/DPMPTSP-SLK/{year}" for i in range(1, 11)
    ]
    assert len({p.application_id for p in rows}) == len({p.qr_token for p in rows}) == 10
    for p in rows:
        data = storage.path_for(p.pdf_storage_key).read_bytes()
        assert hashlib.sha256(data).hexdigest() == p.pdf_sha256
    assert files(storage_dir) == {p.pdf_storage_key for p in rows}


# ---------------------------------------------------------------- status and download


def test_permit_status():
    permit = Permit(
        application_id=1, service_id=1, holder_id=1, number="x", seq=1, year=2026,
        qr_token="t", valid_until=dt.date(2031, 12, 3),
    )  # fmt: skip
    assert permits.permit_status(permit, dt.date(2031, 12, 3)) == "AKTIF"
    assert permits.permit_status(permit, dt.date(2031, 12, 4)) == "KEDALUWARSA"
    permit.valid_until = None
    assert permits.permit_status(permit, dt.date(2099, 1, 1)) == "AKTIF"
    permit.status, permit.revoked_at = "DICABUT", utcnow()
    assert permits.permit_status(permit, dt.date(2026, 1, 1)) == "DICABUT"


def test_download_state_and_file_are_for_the_owner_and_officers(db):
    owner, other, tokens = applicant_token(0), applicant_token(1), office()
    reference = submitted(owner)
    state = permits.download_state(owner, reference)
    assert state["issued"] is False and state["number"] == "" and state["status"] == ""
    with pytest.raises(NotFound, match="belum terbit"):
        permits.permit_file(owner, reference)
    walk(tokens, reference)
    permit = permit_of(reference)
    state = permits.download_state(owner, reference.lower())
    assert state == {
        "reference": reference, "issued": True, "survey_done": False, "number": permit.number,
        "valid_until": permit.valid_until.isoformat(),
        "valid_until_label": state["valid_until_label"], "status": "AKTIF",
    }  # fmt: skip
    assert state["valid_until_label"].endswith(str(permit.valid_until.year))
    path, name = permits.permit_file(owner, reference)
    assert path == storage.path_for(permit.pdf_storage_key) and path.exists()
    assert name == "Izin_" + permit.number.replace("/", "-") + ".pdf" and "/" not in name
    for role in ("front_office", "kepala_dinas"):
        assert permits.permit_file(tokens[role], reference)[0] == path
    for stranger in (other, tokens["pimpinan"]):
        with pytest.raises(NotFound):
            permits.permit_file(stranger, reference)
    for stranger in (other, tokens["front_office"]):
        with pytest.raises(NotFound):
            permits.download_state(stranger, reference)
    with pytest.raises(AuthRequired):
        permits.download_state(None, reference)
    with pytest.raises(NotFound):
        permits.permit_file(owner, "SLK-20260101-99999")
