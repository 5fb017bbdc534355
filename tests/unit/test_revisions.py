"""The revision loop: an officer sends a file back with flags, the applicant fixes exactly those.

Officer side: services.officer_actions.act (TERIMA_BERKAS, then KEMBALIKAN with flags).
Applicant side: services.revisions (fix_document, fix_fields, send_revision).
The helpers at the top are shared with test_tracking_views.
"""

import pytest
from sqlmodel import func, select
from test_applications import applicant_token, officer_token, sample_for, submitted_reference

from silek_app.db import session_scope
from silek_app.models import Application, Document, StatusEvent
from silek_app.services import officer_actions, revisions
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from tests.support import sample_files as sf

NOT_FOUND = "Permohonan tidak ditemukan."
NOT_WAITING = "tidak sedang menunggu perbaikan"
DOC = "KTP"
DOC_NAME = "Kartu Tanda Penduduk elektronik (KTP-el)"
FIELD = "practice_address"
FIELD_LABEL = "Alamat tempat praktik"
FIELD_BEFORE = "Jl. Sudirman 1"  # what test_applications.section_values fills in
RETURN_NOTE = "KTP buram dan alamat praktik kurang lengkap."
FLAGS = [
    {"kind": "document", "target": DOC, "note": "KTP tidak terbaca, pindai ulang."},
    {"kind": "field", "target": FIELD, "note": "Tuliskan nomor rumah dan RT/RW."},
]


def send_back(officer: str, reference: str, flags=FLAGS, note: str = RETURN_NOTE) -> dict:
    """Front office accepts the file, then returns it with `flags`."""
    officer_actions.act(officer, reference, "TERIMA_BERKAS")
    return officer_actions.act(officer, reference, "KEMBALIKAN", note=note, flags=flags)


def app_row(reference: str) -> Application:
    with session_scope() as s:
        return s.exec(select(Application).where(Application.reference_number == reference)).one()


def attached(reference: str, code: str) -> list[Document]:
    with session_scope() as s:
        app_id = s.exec(
            select(Application.id).where(Application.reference_number == reference)
        ).one()
        return list(
            s.exec(
                select(Document).where(
                    Document.application_id == app_id, Document.requirement_code == code
                )
            ).all()
        )


def count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def files(root) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def good_ktp(tag: str = "perbaikan") -> tuple[str, bytes]:
    return sample_for("SIPB", DOC, tag)


@pytest.fixture
def returned(db):
    """(applicant token, reference, front office token) of a file sent back with FLAGS."""
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    send_back(officer, ref)
    return token, ref, officer


# ---------------------------------------------------------------- officer side


def test_send_back_stores_the_flags_for_the_applicant(returned):
    _, ref, _ = returned
    app = app_row(ref)
    assert app.status == "PERLU_PERBAIKAN"
    revision = app.form_data["revision"]
    assert revision["round"] == 1 and revision["requested_at"]
    assert [(i["kind"], i["target"], i["note"]) for i in revision["items"]] == [
        (f["kind"], f["target"], f["note"]) for f in FLAGS
    ]
    assert revision["items"][0]["label"] == DOC_NAME
    with session_scope() as s:
        last = s.exec(select(StatusEvent).order_by(StatusEvent.id.desc())).first()
    assert (last.action, last.to_status, last.note) == (
        "KEMBALIKAN",
        "PERLU_PERBAIKAN",
        RETURN_NOTE,
    )


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (None, "Tandai minimal satu"),
        ([], "Tandai minimal satu"),
        ([{"kind": "document", "target": "TIDAK_ADA", "note": "x"}], "tidak ada pada"),
        ([{"kind": "field", "target": FIELD, "note": "  "}], "Tuliskan apa"),
        ([{"kind": "foto", "target": DOC, "note": "x"}], "Jenis tanda"),
        ([FLAGS[0], FLAGS[0]], "lebih dari sekali"),
    ],
)
def test_send_back_without_valid_flags_changes_nothing(db, flags, fragment):
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    officer_actions.act(officer, ref, "TERIMA_BERKAS")
    before = count(StatusEvent)
    with pytest.raises(ServiceError, match=fragment):
        officer_actions.act(officer, ref, "KEMBALIKAN", note=RETURN_NOTE, flags=flags)
    app = app_row(ref)
    assert app.status == "VERIFIKASI_BERKAS" and "revision" not in app.form_data
    assert count(StatusEvent) == before


# ---------------------------------------------------------------- fix_document


def test_flagged_document_is_replaced_with_the_same_checks(returned, storage_dir):
    token, ref, _ = returned
    (old,) = attached(ref, DOC)
    stored = (count(Document), files(storage_dir))
    with pytest.raises(ServiceError):
        revisions.fix_document(token, ref, DOC, "ktp.pdf", sf.exe_renamed())
    assert (count(Document), files(storage_dir)) == stored  # nothing half-stored
    with pytest.raises(ServiceError, match="sudah terunggah"):
        revisions.fix_document(token, ref, DOC, "ktp.pdf", sample_for("SIPB", DOC, "0")[1])

    name, data = good_ktp()
    view = revisions.fix_document(token, ref.lower(), DOC, name, data)
    assert view["requirement_code"] == DOC and view["name"] == name
    (new,) = attached(ref, DOC)
    assert str(new.id) == view["id"] and new.replaces_document_id == old.id
    with session_scope() as s:
        assert s.get(Document, old.id).application_id is None  # kept in the library only


@pytest.mark.parametrize("code", ["STR", "PAS_FOTO", "TIDAK_ADA", ""])
def test_document_not_flagged_is_refused(returned, storage_dir, code):
    token, ref, _ = returned
    stored = (count(Document), files(storage_dir))
    with pytest.raises(ServiceError, match="tidak diminta untuk diperbaiki"):
        revisions.fix_document(token, ref, code, "str.pdf", sf.valid_pdf("STR baru"))
    assert (count(Document), files(storage_dir)) == stored


# ---------------------------------------------------------------- fix_fields


def _field(ref: str, section: str, key: str) -> str:
    return app_row(ref).form_data["sections"][section][key]


def test_flagged_field_is_saved_after_validation(returned):
    token, ref, _ = returned
    assert revisions.fix_fields(token, ref, {FIELD: ""}) == {FIELD: f"{FIELD_LABEL} wajib diisi."}
    problems = revisions.fix_fields(token, ref, {FIELD: "x" * 301})
    assert set(problems) == {FIELD} and "terlalu panjang" in problems[FIELD]
    assert _field(ref, "tempat_praktik", FIELD) == FIELD_BEFORE  # nothing stored

    new = "Jl. Sudirman No. 1, RT 02 RW 03"
    assert revisions.fix_fields(token, ref, {FIELD: f"  {new} "}) == {}
    sections = app_row(ref).form_data["sections"]
    assert sections["tempat_praktik"][FIELD] == new
    assert sections["tempat_praktik"]["practice_name"] == "Puskesmas Tanah Garam"  # untouched


@pytest.mark.parametrize(
    "values",
    [{"str_number": "KT99999999999"}, {FIELD: "Jl. Baru 9", "str_number": "KT99999999999"}],
)
def test_field_not_flagged_is_refused_and_nothing_changes(returned, values):
    token, ref, _ = returned
    before = app_row(ref).form_data
    with pytest.raises(ServiceError, match="Hanya isian yang ditandai"):
        revisions.fix_fields(token, ref, values)
    assert app_row(ref).form_data == before


# ---------------------------------------------------------------- send_revision


def test_send_revision_waits_for_the_flagged_document(returned):
    token, ref, _ = returned
    revisions.fix_fields(token, ref, {FIELD: "Jl. Sudirman No. 1"})
    before = count(StatusEvent)
    with pytest.raises(ServiceError) as err:
        revisions.send_revision(token, ref)
    assert DOC_NAME in err.value.message and "Unggah dokumen perbaikan" in err.value.message
    assert app_row(ref).status == "PERLU_PERBAIKAN" and count(StatusEvent) == before


def test_send_revision_returns_the_file_to_the_office(returned):
    token, ref, _ = returned
    (old,) = attached(ref, DOC)
    revisions.fix_document(token, ref, DOC, *good_ktp())
    assert revisions.send_revision(token, f" {ref.lower()} ") == ref

    app = app_row(ref)
    assert app.status == "VERIFIKASI_BERKAS"
    assert app.form_data["revision"]["resolved_at"]
    with session_scope() as s:
        events = s.exec(
            select(StatusEvent).where(StatusEvent.application_id == app.id).order_by(StatusEvent.id)
        ).all()
    assert [e.action for e in events] == [
        "AJUKAN",
        "TERIMA_BERKAS",
        "KEMBALIKAN",
        "KIRIM_PERBAIKAN",
    ]
    last = events[-1]
    assert (last.from_status, last.to_status, last.actor_role) == (
        "PERLU_PERBAIKAN", "VERIFIKASI_BERKAS", "pemohon",
    )  # fmt: skip
    assert last.actor_id == app.applicant_id
    (new,) = attached(ref, DOC)
    assert new.replaces_document_id == old.id and new.id != old.id


def test_second_round_needs_a_new_upload_again(returned):
    token, ref, officer = returned
    revisions.fix_document(token, ref, DOC, *good_ktp("putaran 1"))
    revisions.send_revision(token, ref)
    officer_actions.act(officer, ref, "KEMBALIKAN", note="Masih buram.", flags=FLAGS[:1])
    revision = app_row(ref).form_data["revision"]
    assert revision["round"] == 2 and [i["target"] for i in revision["items"]] == [DOC]
    # The round-1 replacement predates this request: it does not count.
    with pytest.raises(ServiceError, match="Unggah dokumen perbaikan"):
        revisions.send_revision(token, ref)
    # The field is not flagged any more.
    with pytest.raises(ServiceError, match="Hanya isian yang ditandai"):
        revisions.fix_fields(token, ref, {FIELD: "Jl. Lain 3"})
    revisions.fix_document(token, ref, DOC, *good_ktp("putaran 2"))
    revisions.send_revision(token, ref)
    assert app_row(ref).status == "VERIFIKASI_BERKAS"


# ---------------------------------------------------------------- who and when


def _calls(token: str, ref: str):
    return [
        lambda: revisions.fix_document(token, ref, DOC, *good_ktp("orang lain")),
        lambda: revisions.fix_fields(token, ref, {FIELD: "Jl. Orang Lain 1"}),
        lambda: revisions.send_revision(token, ref),
    ]


def test_another_applicant_or_a_bad_number_is_not_found(returned, storage_dir):
    token, ref, _ = returned
    other = applicant_token(1)
    before = (app_row(ref).form_data, count(Document), files(storage_dir), count(StatusEvent))
    cases = [(other, ref), (token, "SLK-20200101-00001"), (token, "ABC"), (token, "")]
    for who, number in cases:
        for call in _calls(who, number):
            with pytest.raises(NotFound) as err:
                call()
            assert err.value.message == NOT_FOUND
    after = (app_row(ref).form_data, count(Document), files(storage_dir), count(StatusEvent))
    assert after == before and app_row(ref).status == "PERLU_PERBAIKAN"


def test_only_an_applicant_session_may_fix(returned):
    _, ref, officer = returned
    for call in _calls(officer, ref):
        with pytest.raises(PermissionDenied):
            call()
    for call in _calls(None, ref):
        with pytest.raises(AuthRequired):
            call()


def test_nothing_can_be_fixed_unless_the_file_waits_for_a_fix(db, storage_dir):
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    for call in _calls(token, ref):  # DIAJUKAN: never sent back
        with pytest.raises(ServiceError, match=NOT_WAITING):
            call()
    send_back(officer, ref)
    revisions.fix_document(token, ref, DOC, *good_ktp())
    revisions.send_revision(token, ref)
    before = (app_row(ref).form_data, count(Document), files(storage_dir), count(StatusEvent))
    for call in _calls(token, ref):  # VERIFIKASI_BERKAS again: the fix was sent
        with pytest.raises(ServiceError, match=NOT_WAITING):
            call()
    after = (app_row(ref).form_data, count(Document), files(storage_dir), count(StatusEvent))
    assert after == before


def test_a_fix_cannot_break_a_rule_across_fields(db):
    """Unticking "STR seumur hidup" needs a valid-until date, even if only the tick is flagged."""
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    flag = {"kind": "field", "target": "str_lifetime", "note": "STR Anda tidak seumur hidup."}
    send_back(officer, ref, flags=[flag])
    before = app_row(ref).form_data
    problems = revisions.fix_fields(token, ref, {"str_lifetime": ""})
    assert list(problems) == ["str_lifetime"] and "masa berlaku STR" in problems["str_lifetime"]
    assert app_row(ref).form_data == before
    assert revisions.fix_fields(token, ref, {"str_lifetime": "1"}) == {}  # still consistent

    # Flag both and the applicant can switch to a dated STR.
    revisions.send_revision(token, ref)
    date_flag = {"kind": "field", "target": "str_valid_until", "note": "Isi masa berlaku."}
    officer_actions.act(officer, ref, "KEMBALIKAN", note="Lagi.", flags=[flag, date_flag])
    values = {"str_lifetime": "", "str_valid_until": "2031-01-31"}
    assert revisions.fix_fields(token, ref, values) == {}
    profesi = app_row(ref).form_data["sections"]["profesi"]
    assert (profesi["str_lifetime"], profesi["str_valid_until"]) == ("", "2031-01-31")
