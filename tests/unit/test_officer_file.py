"""The officer's file page services: view, document/field review, send-back, what changed.

services.officer_file (view, open, take_action) and services.file_review (reviews,
flags, snapshot and diff). Every refusal is an Indonesian message and leaves the
database exactly as it was (tests.support.officer_file.db_fingerprint).
"""

import pytest
from sqlmodel import select
from test_applications import applicant_token, sample_for
from test_permits import issued, load, office, permit_of, submitted

from silek_app.db import session_scope
from silek_app.models import AuthEvent, Document
from silek_app.services import file_review, messages, officer_actions, officer_file, revisions
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from silek_app.services.workflow_runner import STALE_VERSION
from tests.support.officer_file import db_fingerprint

DOC = "KTP"
FIELD = "practice_address"


@pytest.fixture
def case(db):
    """(applicant token, reference, office tokens) of a file in VERIFIKASI_BERKAS."""
    token, tokens = applicant_token(), office()
    reference = submitted(token)
    officer_file.take_action(tokens["front_office"], reference, "TERIMA_BERKAS")
    return token, reference, tokens


def view(reference: str) -> dict:
    return officer_file.file_view(load(reference).id)


def doc_id(reference: str, code: str = DOC) -> int:
    return int(next(r for r in view(reference)["requirements"] if r["code"] == code)["doc_id"])


def refused(call, match: str, error=ServiceError):
    before = db_fingerprint()
    with pytest.raises(error, match=match):
        call()
    assert db_fingerprint() == before


# ---------------------------------------------------------------- who may open


def test_only_officers_open_the_file_and_each_view_is_logged(case):
    token, reference, tokens = case
    with pytest.raises(AuthRequired):
        officer_file.open_file(None, reference)
    with pytest.raises(PermissionDenied):
        officer_file.open_file(token, reference)
    with pytest.raises(PermissionDenied):  # leaders read statistics, not files
        officer_file.open_file(tokens["pimpinan"], reference)
    with pytest.raises(NotFound, match="tidak ditemukan"):
        officer_file.open_file(tokens["front_office"], "SLK-20260101-99999")
    assert (
        officer_file.open_file(tokens["tim_teknis"], reference, ip="10.0.0.9") == load(reference).id
    )
    with session_scope() as s:
        logged = s.exec(select(AuthEvent).where(AuthEvent.event == "lihat_berkas")).all()
    assert [(e.detail, e.ip_address) for e in logged] == [(reference, "10.0.0.9")]


def test_view_shows_the_whole_file(case):
    token, reference, tokens = case
    messages.post_message(token, reference, "Mohon dipercepat.")
    v = view(reference)
    h = v["header"]
    assert (h["reference"], h["status"], h["version"]) == (reference, "VERIFIKASI_BERKAS", "3")
    assert h["status_label"] == "Verifikasi kelengkapan berkas"
    assert h["reviewers"] == ",front_office,"
    assert h["due"] != "-" and h["state_sla"] == "1"
    applicant = {r["label"]: r["value"] for r in v["applicant"]}
    assert applicant["NIK"] == "1372015203920002"  # full NIK: officers check the KTP
    shown = {f["key"]: f["value"] for f in v["fields"]}
    assert shown[FIELD] == "Jl. Sudirman 1"
    assert (shown["birth_date"], shown["str_lifetime"]) == ("12-03-1992", "Ya")
    assert shown["practice_kelurahan"].startswith("Tanah Garam")
    ktp = next(r for r in v["requirements"] if r["code"] == DOC)
    assert ktp["url"] == f"/api/v1/berkas/{ktp['doc_id']}" and ktp["review"] == "BELUM_DIPERIKSA"
    fo = {a["code"] for a in v["actions"] if a["role"] == "front_office"}
    assert fo == {"TERUSKAN_VERIFIKASI_TEKNIS", "KEMBALIKAN", "TOLAK"}
    tolak = next(a for a in v["actions"] if a["code"] == "TOLAK")
    assert tolak["requires_note"] == "1" and tolak["confirm"] == "1"
    assert not [a for a in v["actions"] if a["role"] == "kepala_dinas"]
    assert [e["to_label"] for e in v["history"]][0] == "Verifikasi kelengkapan berkas"
    assert v["history"][0]["actor"] == "Andi Petugas" and v["history"][0]["role"] == "Front Office"
    assert [m["body"] for m in v["messages"]] == ["Mohon dipercepat."]
    assert v["changes"] == [] and v["reports"] == []


# ---------------------------------------------------------------- reviews


def test_front_office_accepts_and_flags_documents(case):
    _, reference, tokens = case
    fo, ktp = tokens["front_office"], doc_id(reference)
    file_review.review_document(fo, reference, ktp, "DITERIMA")
    assert next(r for r in view(reference)["requirements"] if r["code"] == DOC)["review_label"] == (
        "Diterima"
    )
    refused(
        lambda: file_review.review_document(fo, reference, ktp, "PERLU_PERBAIKAN", "  "),
        "Tuliskan apa yang perlu diperbaiki",
    )
    refused(lambda: file_review.review_document(fo, reference, ktp, "HAPUS"), "Pilih: terima")
    file_review.review_document(fo, reference, ktp, "PERLU_PERBAIKAN", "KTP buram.")
    row = next(r for r in view(reference)["requirements"] if r["code"] == DOC)
    assert (row["review"], row["note"], row["reviewer"]) == (
        "PERLU_PERBAIKAN",
        "KTP buram.",
        "Andi Petugas",
    )
    assert load(reference).version == 3  # a review does not move the version lock


def test_only_the_role_working_the_state_reviews(case):
    token, reference, tokens = case
    ktp = doc_id(reference)
    refused(
        lambda: file_review.review_document(tokens["tim_teknis"], reference, ktp, "DITERIMA"),
        "tidak memeriksa berkas pada tahap",
    )
    refused(
        lambda: file_review.flag_field(tokens["kepala_dinas"], reference, FIELD, "Salah."),
        "tidak memeriksa berkas",
    )
    refused(
        lambda: file_review.review_document(token, reference, ktp, "DITERIMA"),
        "tidak berwenang",
        PermissionDenied,
    )
    refused(
        lambda: file_review.review_document(tokens["front_office"], reference, 999999, "DITERIMA"),
        "tidak ditemukan",
        NotFound,
    )
    other = submitted(applicant_token(1), n=1)  # a document of another file
    foreign = doc_id(other)
    refused(
        lambda: file_review.review_document(tokens["front_office"], reference, foreign, "DITERIMA"),
        "tidak ditemukan",
        NotFound,
    )
    refused(
        lambda: file_review.flag_field(tokens["front_office"], reference, "nik", "x"),
        "tidak ada pada permohonan",
    )


# ---------------------------------------------------------------- send-back


def test_send_back_without_flags_is_refused(case):
    _, reference, tokens = case
    refused(
        lambda: officer_file.take_action(
            tokens["front_office"], reference, "KEMBALIKAN", "Berkas belum lengkap."
        ),
        officer_actions.NO_FLAGS,
    )


def test_flags_become_the_applicants_checklist_and_a_snapshot(case):
    _, reference, tokens = case
    fo = tokens["front_office"]
    old_ktp = doc_id(reference)
    file_review.review_document(fo, reference, old_ktp, "PERLU_PERBAIKAN", "KTP buram.")
    file_review.flag_field(fo, reference, FIELD, "Tulis RT/RW.")
    file_review.flag_field(fo, reference, "birth_place", "Sesuaikan dengan KTP.")
    file_review.clear_field_flag(fo, reference, "birth_place")
    flagged = {f["key"] for f in view(reference)["fields"] if f["flagged"]}
    assert flagged == {FIELD}
    officer_file.take_action(fo, reference, "KEMBALIKAN", "Perbaiki KTP dan alamat.")
    app = load(reference)
    assert app.status == "PERLU_PERBAIKAN"
    items = {(i["kind"], i["target"], i["note"]) for i in app.form_data["revision"]["items"]}
    assert items == {("document", DOC, "KTP buram."), ("field", FIELD, "Tulis RT/RW.")}
    snap = app.form_data["revision"]["snapshot"]
    assert snap["documents"][DOC] == old_ktp
    assert snap["fields"]["tempat_praktik"][FIELD] == "Jl. Sudirman 1"
    assert app.form_data["review"]["fields"] == {}  # handed over to the revision
    assert view(reference)["changes"] == []  # the applicant holds the file


def test_resubmission_shows_what_changed(case):
    token, reference, tokens = case
    fo = tokens["front_office"]
    file_review.review_document(fo, reference, doc_id(reference), "PERLU_PERBAIKAN", "Buram.")
    file_review.flag_field(fo, reference, FIELD, "Tulis RT/RW.")
    officer_file.take_action(fo, reference, "KEMBALIKAN", "Perbaiki KTP dan alamat.")
    name, data = sample_for("SIPB", DOC, "baru")
    revisions.fix_document(token, reference, DOC, "ktp-baru.pdf", data)
    assert revisions.fix_fields(token, reference, {FIELD: "Jl. Sudirman 1 RT 02 RW 01"}) == {}
    revisions.send_revision(token, reference)
    v = view(reference)
    changes = {(c["kind"], c["old"], c["new"]) for c in v["changes"]}
    assert changes == {
        ("Isian", "Jl. Sudirman 1", "Jl. Sudirman 1 RT 02 RW 01"),
        ("Dokumen", name, "ktp-baru.pdf"),
    }
    ktp = next(r for r in v["requirements"] if r["code"] == DOC)
    assert ktp["changed"] == "1" and ktp["review"] == "BELUM_DIPERIKSA"
    assert v["header"]["revision_round"] == "1"


# ---------------------------------------------------------------- bad actions


def test_stale_version_is_refused(case):
    _, reference, tokens = case
    refused(
        lambda: officer_file.take_action(
            tokens["front_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS", "", 2
        ),
        STALE_VERSION,
    )
    assert (
        officer_file.take_action(
            tokens["front_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS", "", 3
        )["status"]
        == "VERIFIKASI_TEKNIS"
    )


def test_action_not_allowed_in_state_or_role(case):
    _, reference, tokens = case
    refused(
        lambda: officer_file.take_action(tokens["kepala_dinas"], reference, "TANDATANGANI"),
        "tidak dapat dilakukan saat berkas berstatus",
    )
    refused(
        lambda: officer_file.take_action(
            tokens["back_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS"
        ),
        "tidak berwenang",
    )
    refused(
        lambda: officer_file.take_action(tokens["front_office"], reference, "HAPUS"),
        "tidak dikenal",
    )


def test_reject_needs_a_reason(case):
    _, reference, tokens = case
    refused(
        lambda: officer_file.take_action(tokens["front_office"], reference, "TOLAK", "  "),
        "Alasan wajib diisi",
    )
    refused(
        lambda: officer_file.take_action(tokens["front_office"], reference, "TOLAK", "no"),
        "Alasan terlalu singkat",
    )
    result = officer_file.take_action(
        tokens["front_office"], reference, "TOLAK", "Bukan tenaga kesehatan."
    )
    assert result["status"] == "DITOLAK"


def test_drafts_stay_private(db):
    from test_applications import ready_draft

    token, tokens = applicant_token(), office()
    ready_draft(token)
    with session_scope() as s:
        doc = s.exec(select(Document)).first()
    assert doc is not None
    with pytest.raises(NotFound):  # a draft has no number: nothing to open
        officer_file.open_file(tokens["front_office"], "")


def test_pdf_preview_may_be_framed_by_this_site_only(case):
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from silek_app.api.files import SESSION_COOKIE, download_document
    from silek_app.api.security_headers import with_security_headers

    _, reference, tokens = case
    api = with_security_headers(
        Starlette(routes=[Route("/api/v1/berkas/{doc_id}", download_document)])
    )
    client = TestClient(api, cookies={SESSION_COOKIE: tokens["front_office"]})
    pdf = client.get(f"/api/v1/berkas/{doc_id(reference)}")
    assert pdf.status_code == 200 and pdf.headers["content-disposition"].startswith("inline")
    assert pdf.headers["x-frame-options"] == "SAMEORIGIN"
    assert "content-security-policy" not in pdf.headers
    photo = client.get(f"/api/v1/berkas/{doc_id(reference, 'PAS_FOTO')}")
    assert photo.status_code == 200 and photo.headers["x-frame-options"] == "DENY"


def test_the_issued_permit_shows_in_the_officers_header(db):
    _, signed, _ = issued(0)
    header, permit = view(signed)["header"], permit_of(signed)
    assert (header["permit_number"], header["permit_status"]) == (permit.number, "AKTIF")
    assert header["pdf_path"] == f"/api/v1/izin/{signed}"
    assert header["verify_path"] == f"/verifikasi/{permit.qr_token}"
    pending = view(submitted(applicant_token(1), n=1))["header"]
    assert (pending["permit_number"], pending["pdf_path"]) == ("", "")
