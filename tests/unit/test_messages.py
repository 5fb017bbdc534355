"""The applicant-officer thread of a submitted application (services.messages)."""

import datetime as dt
import re

import pytest
from sqlmodel import func, select
from test_applications import applicant_token, officer_token, precheck, submitted_reference

from silek_app.db import session_scope
from silek_app.models import Application, Document, Message, Notification
from silek_app.services import messages, storage
from silek_app.services.errors import AuthRequired, NotFound, ServiceError
from tests.support import sample_files as sf

NOT_FOUND = "Permohonan tidak ditemukan."


@pytest.fixture
def case(db):
    """An applicant with one submitted application, and a front office officer."""
    token = applicant_token()
    return token, submitted_reference(token), officer_token("front_office")


def app_row(reference: str) -> Application:
    with session_scope() as s:
        return s.exec(select(Application).where(Application.reference_number == reference)).one()


def count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def files(root) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def snapshot(root) -> tuple:
    return count(Message), count(Notification), count(Document), files(root)


def test_applicant_and_officer_talk_in_one_thread(case):
    token, ref, officer = case
    mine = messages.post_message(token, ref, "  Apakah berkas saya sudah lengkap?  ")
    assert mine["body"] == "Apakah berkas saya sudah lengkap?"  # stripped
    assert mine["sender_side"] == "pemohon" and mine["sender_role_label"] == "Pemohon"
    assert mine["sender_name"] == "Siti Rahmawati" and mine["read"] is False
    assert mine["attachment"] is None and re.fullmatch(
        r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", mine["sent_at"]
    )
    reply = messages.post_message(officer, ref.lower(), "Sudah lengkap, sedang diverifikasi.")
    assert reply["sender_side"] == "petugas" and reply["sender_role_label"] == "Front Office"

    for viewer in (token, officer):
        rows = messages.thread(viewer, ref)
        assert [r["id"] for r in rows] == [mine["id"], reply["id"]]  # oldest first
        assert set(rows[0]) == {
            "id", "sender_name", "sender_side", "sender_role_label", "body", "sent_at",
            "read", "attachment",
        }  # fmt: skip
    # The officer sees who wrote; the applicant sees the office, not a named officer.
    assert messages.thread(officer, ref)[1]["sender_name"] == "Andi Petugas"
    assert messages.thread(token, ref)[1]["sender_name"] == messages.OFFICE_NAME
    assert messages.thread(token, ref)[0]["sender_name"] == "Siti Rahmawati"


def test_sent_at_is_shown_in_wib(case):
    token, ref, _ = case
    sent = messages.post_message(token, ref, "Halo")
    with session_scope() as s:
        stored = s.get(Message, int(sent["id"])).created_at
    assert sent["sent_at"] == (stored + dt.timedelta(hours=7)).strftime("%d-%m-%Y %H:%M")


def test_every_message_bumps_updated_at_but_not_the_version(case):
    token, ref, officer = case
    for sender in (token, officer):
        with session_scope() as s:
            app = s.exec(select(Application).where(Application.reference_number == ref)).one()
            app.updated_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
            s.add(app)
        version = app.version
        messages.post_message(sender, ref, "Pesan")
        after = app_row(ref)
        assert after.updated_at > dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
        assert after.version == version  # officers' pending actions stay valid


def test_officer_message_notifies_the_applicant_and_applicant_message_does_not(case):
    token, ref, officer = case
    messages.post_message(token, ref, "Pertanyaan dari pemohon")
    assert count(Notification) == 0
    long_text = "Mohon unggah ulang KTP yang lebih jelas. " * 10
    messages.post_message(officer, ref, long_text)
    with session_scope() as s:
        (note,) = s.exec(select(Notification)).all()
    app = app_row(ref)
    assert note.user_id == app.applicant_id and note.application_id == app.id
    assert note.kind == "pesan" and note.title == f"Pesan baru untuk {ref}"
    assert note.body == long_text.strip()[:140] and note.link == f"/permohonan/{ref}"


@pytest.mark.parametrize("role", ["back_office", "tim_teknis", "kepala_dinas"])
def test_every_officer_role_may_use_the_thread(case, role):
    token, ref, _ = case
    messages.post_message(officer_token(role), ref, "Catatan petugas")
    assert [r["sender_side"] for r in messages.thread(token, ref)] == ["petugas"]


def test_outsiders_get_not_found_and_nothing_is_stored(case, storage_dir):
    token, ref, officer = case
    messages.post_message(officer, ref, "Pesan untuk pemohon")
    before = snapshot(storage_dir)
    outsiders = [applicant_token(1), officer_token("pimpinan"), officer_token("admin")]
    calls = (
        lambda who: messages.post_message(who, ref, "Halo"),
        lambda who: messages.post_message(who, ref, "", ("a.pdf", sf.valid_pdf("x"))),
        lambda who: messages.thread(who, ref),
        lambda who: messages.mark_read(who, ref),
    )
    for who in outsiders:
        for call in calls:
            with pytest.raises(NotFound) as err:
                call(who)
            assert err.value.message == NOT_FOUND
    assert snapshot(storage_dir) == before
    assert messages.thread(token, ref)[0]["read"] is False  # outsiders marked nothing


@pytest.mark.parametrize("reference", ["SLK-20260101-00042", "SLK-2026", "", "../../etc", None])
def test_unknown_or_malformed_reference_is_not_found(case, reference):
    token, _, officer = case
    for who in (token, officer):
        with pytest.raises(NotFound) as err:
            messages.thread(who, reference)
        assert err.value.message == NOT_FOUND
        with pytest.raises(NotFound):
            messages.post_message(who, reference, "Halo")
    assert count(Message) == 0


def test_no_session_is_asked_to_log_in_before_any_lookup(case):
    _, ref, _ = case
    for token in (None, "", "bukan-token"):
        with pytest.raises(AuthRequired):
            messages.post_message(token, ref, "Halo")
        with pytest.raises(AuthRequired):
            messages.thread(token, "SLK-20260101-00042")  # same answer: nothing to probe
    assert count(Message) == 0


def test_draft_applications_have_no_thread(db):
    token = applicant_token()
    draft_id = precheck(token)
    with session_scope() as s:  # even a draft that somehow carries a number stays closed
        draft = s.get(Application, draft_id)
        draft.reference_number = "SLK-20260101-00001"
        s.add(draft)
    for who in (token, officer_token()):
        with pytest.raises(NotFound):
            messages.post_message(who, "SLK-20260101-00001", "Halo")
        with pytest.raises(NotFound):
            messages.thread(who, "SLK-20260101-00001")
    assert count(Message) == 0


@pytest.mark.parametrize(
    ("body", "fragment"),
    [("", "Tulis pesan"), ("   \n\t ", "Tulis pesan"), ("x" * 2001, "maksimal adalah 2000")],
)
def test_empty_or_too_long_body_is_refused(case, storage_dir, body, fragment):
    token, ref, officer = case
    before = snapshot(storage_dir)
    for who in (token, officer):
        with pytest.raises(ServiceError) as err:
            messages.post_message(who, ref, body)
        assert fragment in err.value.message and err.value.field == "body"
    assert snapshot(storage_dir) == before


def test_body_of_exactly_2000_characters_is_accepted(case):
    token, ref, _ = case
    assert len(messages.post_message(token, ref, "y" * 2000)["body"]) == 2000


def test_attachment_is_stored_like_a_requirement_upload(case, storage_dir):
    token, ref, officer = case
    docs_before, files_before = count(Document), files(storage_dir)
    data = sf.valid_pdf("Surat keterangan")
    sent = messages.post_message(token, ref, "", ("../surat keterangan.pdf", data))
    assert sent["body"] == "" and sent["attachment"]["kind"] == "PDF"
    with session_scope() as s:
        doc = s.get(Document, int(sent["attachment"]["id"]))
        msg = s.get(Message, int(sent["id"]))
    assert msg.attachment_id == doc.id and doc.owner_id == msg.sender_id
    assert doc.application_id == app_row(ref).id and doc.requirement_code is None
    assert doc.original_name == "../surat keterangan.pdf"  # a label only, never a path
    assert storage.path_for(doc.storage_key).read_bytes() == data
    assert files(storage_dir) - files_before == {doc.storage_key}
    assert count(Document) == docs_before + 1

    photo = messages.post_message(officer, ref, "Contoh foto", ("contoh.pdf", sf.valid_png()))
    assert photo["attachment"]["kind"] == "PNG"  # the content decides, not the name
    assert messages.thread(token, ref)[1]["attachment"] == photo["attachment"]


def test_attachment_only_message_from_officer_still_notifies(case):
    _, ref, officer = case
    messages.post_message(officer, ref, "", ("formulir.pdf", sf.valid_pdf("formulir")))
    with session_scope() as s:
        (note,) = s.exec(select(Notification)).all()
    assert "formulir.pdf" in note.body and note.title == f"Pesan baru untuk {ref}"


BAD_ATTACHMENTS = [
    ("program.pdf", sf.exe_renamed(), "program Windows (EXE)"),
    ("foto.png", sf.html_as_image(), "halaman web"),
    ("kosong.pdf", b"", "0 byte"),
    ("besar.pdf", sf.oversized_pdf(6), "melebihi batas 5 MB"),
    ("dokumen.docx", sf.zip_archive(), ""),
]


@pytest.mark.parametrize(("name", "data", "fragment"), BAD_ATTACHMENTS)
def test_bad_attachment_is_refused_and_leaves_nothing(case, storage_dir, name, data, fragment):
    token, ref, officer = case
    before = snapshot(storage_dir)
    for who in (token, officer):
        with pytest.raises(ServiceError) as err:
            messages.post_message(who, ref, "Ini lampirannya", (name, data))
        assert fragment in err.value.message and err.value.field == "attachment"
    assert snapshot(storage_dir) == before


def test_failed_database_write_deletes_the_stored_file(case, storage_dir, monkeypatch):
    token, ref, officer = case
    before = snapshot(storage_dir)

    def broken(_doc):
        raise RuntimeError("database went away")

    monkeypatch.setattr(messages, "doc_view", broken)  # fails after the file and rows exist
    for who in (token, officer):
        with pytest.raises(RuntimeError):
            messages.post_message(who, ref, "Lampiran", ("a.pdf", sf.valid_pdf("a")))
    assert snapshot(storage_dir) == before


def test_read_marks_are_kept_per_side(case):
    token, ref, officer = case
    app_id = app_row(ref).id
    messages.post_message(token, ref, "Pertanyaan 1")
    messages.post_message(officer, ref, "Jawaban 1")
    messages.post_message(officer, ref, "Jawaban 2")
    user_id = app_row(ref).applicant_id
    assert messages.unread_count_for_applicant(user_id, app_id) == 2

    assert messages.mark_read(token, ref) == 2  # the applicant reads the officers' two
    assert messages.mark_read(token, ref) == 0
    assert messages.unread_count_for_applicant(user_id, app_id) == 0
    rows = messages.thread(officer, ref)
    assert [r["read"] for r in rows] == [False, True, True]
    with session_scope() as s:
        first = s.exec(select(Message).order_by(Message.id)).first()
    assert first.read_by_applicant_at is None and first.read_by_officer_at is None

    other_officer = officer_token("back_office")
    assert messages.mark_read(other_officer, ref) == 1  # one officer reads for the office
    assert messages.mark_read(officer, ref) == 0
    assert [r["read"] for r in messages.thread(token, ref)] == [True, True, True]


def test_unread_count_is_zero_for_someone_elses_application(case):
    token, ref, officer = case
    messages.post_message(officer, ref, "Jawaban")
    app = app_row(ref)
    assert messages.unread_count_for_applicant(app.applicant_id, app.id) == 1
    assert messages.unread_count_for_applicant(app.applicant_id + 100, app.id) == 0


def test_reading_the_thread_clears_its_message_notifications_only(case):
    token, ref, officer = case
    messages.post_message(officer, ref, "Jawaban")
    app = app_row(ref)
    with session_scope() as s:
        s.add(Notification(user_id=app.applicant_id, application_id=app.id, kind="status",
                           title="Status berubah"))  # fmt: skip
    messages.thread(token, ref)  # looking is not reading
    with session_scope() as s:
        assert all(n.read_at is None for n in s.exec(select(Notification)).all())
    messages.mark_read(token, ref)
    with session_scope() as s:
        state = {n.kind: n.read_at is not None for n in s.exec(select(Notification)).all()}
    assert state == {"pesan": True, "status": False}
