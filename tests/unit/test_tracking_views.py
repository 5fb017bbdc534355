"""Read models of the applicant's applications (services.tracking_views).

The SLA scenario drives the real flow (submit, officer actions, revision) under a
fixed clock: workflow_runner stamps the status events with it and application_view
reads "now" from it, so every date below is chosen, not whatever today is.
July 2026 has no holiday: Mon 6 to Fri 10 and Mon 13 to Fri 17 are working days.
"""

import datetime as dt

import pytest
from sqlmodel import select
from test_applications import applicant_token, officer_token, precheck
from test_revisions import (
    DOC,
    DOC_NAME,
    FIELD,
    FIELD_BEFORE,
    FIELD_LABEL,
    FLAGS,
    NOT_FOUND,
    RETURN_NOTE,
    app_row,
    good_ktp,
    send_back,
    submitted_reference,
)

from silek_app.db import session_scope
from silek_app.domain.sla import WIB
from silek_app.models import Application
from silek_app.services import (
    applications,
    file_facts,
    messages,
    officer_actions,
    revisions,
    tracking_views,
    workflow_runner,
)
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied


def utc(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 7, day, hour, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = utc(6, 2)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(db, monkeypatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr(workflow_runner, "utcnow", fixed)
    monkeypatch.setattr(tracking_views, "utcnow", fixed)
    monkeypatch.setattr(file_facts, "utcnow", fixed)  # the page header reads the time there
    return fixed


def view(ref: str) -> dict:
    return tracking_views.application_view(app_row(ref).id)


# ---------------------------------------------------------------- SLA clock and timeline


def test_pause_moves_the_due_date_and_ends_on_resubmission(clock):
    token, officer = applicant_token(), officer_token("front_office")
    clock.now = utc(6, 2)  # Mon 09:00 WIB
    ref = submitted_reference(token)
    clock.now = utc(6, 3)
    header = view(ref)["header"]
    assert header["due"] == "13-07-2026"  # 5 working days after Mon 6 July
    assert header["paused_now"] == "" and view(ref)["pauses"] == []

    clock.now = utc(6, 4)  # accepted on Monday...
    officer_actions.act(officer, ref, "TERIMA_BERKAS")
    clock.now = utc(7, 3)  # ...and sent back on Tue 10:00 WIB
    officer_actions.act(officer, ref, "KEMBALIKAN", note=RETURN_NOTE, flags=FLAGS)

    clock.now = utc(9, 3)  # Thu: the pause has covered Wed and Thu
    page = view(ref)
    header = page["header"]
    assert header["status"] == "PERLU_PERBAIKAN" and header["paused_now"] == "1"
    assert (header["due"], header["paused_days"], header["used"], header["left"]) == (
        "15-07-2026", "2", "1", "4",
    )  # fmt: skip
    assert header["overdue"] == "" and header["finished"] == ""
    assert page["pauses"] == [
        {"start": "07-07-2026 10:00", "end": "masih berlangsung", "reason": RETURN_NOTE,
         "days": "2"},
    ]  # fmt: skip
    clock.now = utc(13, 3)  # still waiting on Monday: the due date keeps moving
    assert view(ref)["header"]["due"] == "17-07-2026"

    clock.now = utc(10, 3)  # the fix comes back on Fri 10:00 WIB
    revisions.fix_document(token, ref, DOC, *good_ktp())
    revisions.send_revision(token, ref)
    clock.now = utc(14, 3)
    page = view(ref)
    header = page["header"]
    assert header["status"] == "VERIFIKASI_BERKAS" and header["paused_now"] == ""
    assert (header["due"], header["paused_days"]) == ("16-07-2026", "3")  # 13 July + 3 days
    assert page["pauses"] == [
        {"start": "07-07-2026 10:00", "end": "10-07-2026 10:00", "reason": RETURN_NOTE,
         "days": "3"},
    ]  # fmt: skip
    assert page["revision"] == [] and header["field_fixes"] == ""

    # Timeline: newest first; applicant rows name the applicant, officer rows only the role.
    rows = [(r["at"], r["actor"], r["role"]) for r in page["timeline"]]
    assert rows == [
        ("10-07-2026 10:00", "Siti Rahmawati", "Pemohon"),
        ("07-07-2026 10:00", "", "Front Office"),
        ("06-07-2026 11:00", "", "Front Office"),
        ("06-07-2026 09:00", "Siti Rahmawati", "Pemohon"),
    ]
    labels = [r["label"] for r in page["timeline"]]
    assert labels == [
        "Verifikasi kelengkapan berkas",
        "Dikembalikan kepada pemohon untuk perbaikan",
        "Verifikasi kelengkapan berkas",
        "Diajukan, menunggu penerimaan berkas",
    ]
    assert page["timeline"][1]["note"] == RETURN_NOTE
    assert page["timeline"][0]["note"] == "Perbaikan putaran 1 dikirim."


def test_revision_items_carry_labels_and_current_values(clock):
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    send_back(officer, ref)
    page = view(ref)
    assert page["header"]["field_fixes"] == "1"
    assert page["revision"] == [
        {"kind": "document", "kind_label": "Dokumen", "code": DOC, "target": DOC_NAME,
         "note": FLAGS[0]["note"], "value": "", "field_kind": "text", "options": []},
        {"kind": "field", "kind_label": "Isian", "code": FIELD, "target": FIELD_LABEL,
         "note": FLAGS[1]["note"], "value": FIELD_BEFORE, "field_kind": "textarea",
         "options": []},
    ]  # fmt: skip
    assert revisions.fix_fields(token, ref, {FIELD: "Jl. Sudirman No. 1 RT 02"}) == {}
    assert view(ref)["revision"][1]["value"] == "Jl. Sudirman No. 1 RT 02"

    name, data = good_ktp()
    revisions.fix_document(token, ref, DOC, name, data)
    docs = {d["name"]: d for d in view(ref)["documents"]}
    assert docs[DOC_NAME]["file"] == name and docs[DOC_NAME]["review"] == "Belum diperiksa"


def test_document_only_send_back_has_no_field_fixes(clock):
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    send_back(officer, ref, flags=FLAGS[:1])
    page = view(ref)
    assert page["header"]["field_fixes"] == "" and [r["kind"] for r in page["revision"]] == [
        "document"
    ]


def test_the_live_thread_is_the_applicants_thread(db):
    token, officer = applicant_token(), officer_token("front_office")
    ref = submitted_reference(token)
    messages.post_message(officer, ref, "Mohon lengkapi berkas.")
    messages.post_message(token, ref, "Baik, segera.")
    shown = view(ref)["messages"]
    # One builder: the page shared by every tab shows what the applicant's thread shows,
    # so the office side is never named after the officer who wrote.
    assert shown == messages.thread(token, ref)
    assert [(m["sender_side"], m["body"]) for m in shown] == [
        ("petugas", "Mohon lengkapi berkas."), ("pemohon", "Baik, segera."),
    ]  # fmt: skip
    assert shown[0]["sender_name"] == messages.OFFICE_NAME
    assert shown[0]["sender_role_label"] == "Front Office"


# ---------------------------------------------------------------- authorize_view


@pytest.fixture
def case(db):
    token = applicant_token()
    return token, submitted_reference(token)


def test_owner_and_officers_may_watch(case):
    token, ref = case
    app_id = app_row(ref).id
    assert tracking_views.authorize_view(token, ref) == app_id
    assert tracking_views.authorize_view(token, f"  {ref.lower()} ") == app_id
    for role in ("front_office", "back_office", "tim_teknis", "kepala_dinas"):
        assert tracking_views.authorize_view(officer_token(role), ref) == app_id


def test_everyone_else_gets_the_same_not_found(case):
    token, ref = case
    others = [applicant_token(1), officer_token("pimpinan"), officer_token("admin")]
    attempts = [(who, ref) for who in others] + [
        (token, number) for number in ("SLK-20200101-00001", "SLK-2026-1", "ABC", "", None)
    ]
    for who, number in attempts:
        with pytest.raises(NotFound) as err:
            tracking_views.authorize_view(who, number)
        assert err.value.message == NOT_FOUND


@pytest.mark.parametrize("token", [None, "", "sesi-palsu"])
def test_no_session_is_asked_to_log_in(case, token):
    _, ref = case
    for number in (ref, "ABC"):
        with pytest.raises(AuthRequired):
            tracking_views.authorize_view(token, number)


# ---------------------------------------------------------------- my_applications


def test_my_applications_lists_drafts_and_submitted_ones(case):
    token, ref = case
    officer = officer_token("front_office")
    precheck(token, "SIPP")  # a draft
    precheck(token, "SIPD")
    applications.cancel_draft(token, "SIPD")  # cancelled: hidden
    precheck(applicant_token(1), "SIPP")  # someone else's draft
    messages.post_message(officer, ref, "Mohon lengkapi berkas.")
    messages.post_message(officer, ref, "Kami tunggu ya.")
    messages.post_message(token, ref, "Baik, segera.")

    rows = tracking_views.my_applications(token)
    by_link = {r["link"]: r for r in rows}
    assert set(by_link) == {f"/permohonan/{ref}", "/permohonan/baru/SIPP"}
    submitted, draft = by_link[f"/permohonan/{ref}"], by_link["/permohonan/baru/SIPP"]
    app = app_row(ref)
    assert (submitted["reference"], submitted["status"], submitted["unread"]) == (
        ref,
        "DIAJUKAN",
        "2",
    )
    assert submitted["status_label"] == "Diajukan, menunggu penerimaan berkas"
    assert submitted["service"] == "Surat Izin Praktik Bidan"
    assert submitted["expected"] == app.sla_due_date.strftime("%d-%m-%Y")
    assert (draft["reference"], draft["status"], draft["expected"], draft["unread"]) == (
        "Draf", "DRAFT", "-", "0",
    )  # fmt: skip
    assert rows[0] is submitted  # the message made it the most recently updated

    messages.mark_read(token, ref)
    assert by_link_of(token)[f"/permohonan/{ref}"]["unread"] == "0"


def by_link_of(token: str) -> dict[str, dict]:
    return {r["link"]: r for r in tracking_views.my_applications(token)}


def test_my_applications_is_for_applicants_only(case):
    with pytest.raises(PermissionDenied):
        tracking_views.my_applications(officer_token("front_office"))
    with pytest.raises(AuthRequired):
        tracking_views.my_applications(None)
    assert tracking_views.my_applications(applicant_token(1)) == []


# ---------------------------------------------------------------- changed_since


def test_changed_since_reports_submitted_applications_only(db):
    token, other = applicant_token(), applicant_token(1)
    old_ref = submitted_reference(other, n=1)
    since = app_row(old_ref).updated_at
    draft_id = precheck(token, "SIPP")
    ref = submitted_reference(token)
    app = app_row(ref)
    assert tracking_views.changed_since(since) == [(app.id, app.updated_at)]
    assert draft_id not in {i for i, _ in tracking_views.changed_since(since)}
    assert tracking_views.changed_since(app.updated_at) == []
    # The same instant in WIB, or naive UTC, means the same thing.
    assert tracking_views.changed_since(since.astimezone(WIB)) == [(app.id, app.updated_at)]
    naive = since.replace(tzinfo=None)
    assert tracking_views.changed_since(naive) == [(app.id, app.updated_at)]
    # A message bumps updated_at so the live page follows the thread.
    messages.post_message(officer_token("front_office"), old_ref, "Halo.")
    with session_scope() as s:
        bumped = s.exec(select(Application).where(Application.reference_number == old_ref)).one()
    assert tracking_views.changed_since(app.updated_at) == [(bumped.id, bumped.updated_at)]


def test_a_finished_file_says_how_long_it_took(clock):
    """Rejected the working day after submission: both views stop the clock and say so."""
    from silek_app.services import officer_file

    ref = submitted_reference(applicant_token())
    officer = officer_token()
    clock.now = utc(6, 4)
    officer_actions.act(officer, ref, "TERIMA_BERKAS")
    clock.now = utc(7, 3)
    officer_actions.act(officer, ref, "TOLAK", note="Bukan layanan yang dimaksud.")

    clock.now = utc(14, 3)  # a week later nothing has moved on
    for header in (view(ref)["header"], officer_file.file_view(app_row(ref).id)["header"]):
        assert header["status"] == "DITOLAK" and header["finished"] == "1"
        assert header["used"] == "1"  # the start day does not count (domain/sla.py)
