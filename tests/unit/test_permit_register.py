"""The officers' register of issued permits and revocation (services.permit_register)."""

import datetime as dt

import pytest
from sqlmodel import select
from test_applications import applicant_token
from test_permits import ROLES, count, issued, office, permit_of, submitted, walk

from silek_app.db import session_scope
from silek_app.domain.sla import local_date
from silek_app.models import AuthEvent, Notification, Permit, utcnow
from silek_app.services import permit_register
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from silek_app.services.permit_register import REVOKE_ROLES, list_permits, revoke

REASON = "Pemegang izin pindah praktik ke luar kota."


def test_only_the_kepala_dinas_may_revoke():
    assert {r.value for r in REVOKE_ROLES} == {"kepala_dinas"}


def test_revocation_marks_notifies_and_audits(db):
    token, reference, tokens = issued()
    permit = permit_of(reference)
    row = revoke(tokens["kepala_dinas"], f"  {permit.number} ", f"  {REASON}  ")
    assert row["status"] == "DICABUT" and row["revoke_reason"] == REASON
    stored = permit_of(reference)
    assert (stored.status, stored.revoke_reason) == ("DICABUT", REASON)
    assert local_date(stored.revoked_at) == local_date(utcnow())
    with session_scope() as s:
        kadis = s.exec(select(AuthEvent).where(AuthEvent.event == "cabut_izin")).one()
        note = s.exec(select(Notification).where(Notification.kind == "izin_dicabut")).one()
    assert stored.revoked_by_id == kadis.user_id
    assert kadis.detail == f"{permit.number}: {REASON}"
    assert note.user_id == permit.holder_id and REASON in note.body
    assert note.link == f"/permohonan/{reference}" and permit.number in note.title


@pytest.mark.parametrize("role", [r for r in ROLES if r != "kepala_dinas"] + ["pemohon"])
def test_other_roles_cannot_revoke_and_nothing_changes(db, role):
    token, reference, tokens = issued()
    tokens["pemohon"] = token
    with pytest.raises(PermissionDenied):
        revoke(tokens[role], permit_of(reference).number, REASON)
    with pytest.raises(AuthRequired):
        revoke("not-a-session", permit_of(reference).number, REASON)
    assert permit_of(reference).status == "AKTIF" and permit_of(reference).revoked_at is None
    assert count(Notification) == 5  # only the status changes of the walk


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "minimal 10 karakter"),
        ("   ", "minimal 10 karakter"),
        ("Tidak sah", "minimal 10 karakter"),  # 9 characters
        ("x" * 1001, "maksimal 1000 karakter"),
        (None, "minimal 10 karakter"),
    ],
)
def test_a_reason_is_required(db, reason, message):
    _, reference, tokens = issued()
    with pytest.raises(ServiceError, match=message):
        revoke(tokens["kepala_dinas"], permit_of(reference).number, reason)
    assert permit_of(reference).status == "AKTIF"


def test_unknown_number_and_double_revocation_are_refused(db):
    _, reference, tokens = issued()
    kadis, number = tokens["kepala_dinas"], permit_of(reference).number
    with pytest.raises(NotFound, match="tidak ditemukan"):
        revoke(kadis, "503/9999/SIPB/DPMPTSP-SLK/2026", REASON)
    revoke(kadis, number, REASON)
    first = permit_of(reference).revoked_at
    with pytest.raises(ServiceError, match="sudah dicabut"):
        revoke(kadis, number, "Alasan yang lain sama sekali.")
    again = permit_of(reference)
    assert again.revoked_at == first and again.revoke_reason == REASON
    with session_scope() as s:
        assert len(s.exec(select(AuthEvent).where(AuthEvent.event == "cabut_izin")).all()) == 1


# ---------------------------------------------------------------- register


def test_register_is_for_officers_only(db):
    token, reference, tokens = issued()
    for role in ("front_office", "back_office", "tim_teknis", "kepala_dinas"):
        assert list_permits(tokens[role])["total"] == 1
    with pytest.raises(PermissionDenied):
        list_permits(token)
    with pytest.raises(PermissionDenied):
        list_permits(tokens["pimpinan"])
    assert permit_register.can_revoke(tokens["kepala_dinas"]) is True
    assert permit_register.can_revoke(tokens["front_office"]) is False


def _many() -> tuple[dict[str, str], list[str]]:
    """Five issued permits: SIPB of three applicants, then SIPP of the first two."""
    tokens, references = office(), []
    people = [applicant_token(i) for i in range(3)]
    for i, code in enumerate(("SIPB", "SIPB", "SIPB", "SIPP", "SIPP")):
        reference = submitted(people[i % 3], code, i % 3)
        walk(tokens, reference)
        references.append(reference)
    return tokens, references


def test_search_filter_and_paging(db, monkeypatch):
    monkeypatch.setattr(permit_register, "PAGE_SIZE", 2)  # five permits make three pages
    tokens, refs = _many()
    fo = tokens["front_office"]
    first = list_permits(fo)
    assert (first["total"], first["page"], first["pages"]) == (5, 1, 3)
    assert len(first["rows"]) == 2
    rows = first["rows"] + list_permits(fo, page=2)["rows"] + list_permits(fo, page=3)["rows"]
    numbers = [r["number"] for r in rows]
    assert numbers == [permit_of(r).number for r in reversed(refs)]  # newest first, no repeats
    assert list_permits(fo, page=99)["page"] == 3 and list_permits(fo, page="x")["page"] == 1

    assert list_permits(fo, query="sipp")["total"] == 2
    assert list_permits(fo, query="Izin Praktik Bidan")["total"] == 3
    assert list_permits(fo, query="budi santoso")["total"] == 2
    exact = list_permits(fo, query=permit_of(refs[2]).number)
    assert [r["number"] for r in exact["rows"]] == [permit_of(refs[2]).number]
    assert exact["rows"][0]["holder_name"] == "Rina Marlina"
    assert exact["rows"][0]["verify_path"] == f"/verifikasi/{permit_of(refs[2]).qr_token}"
    assert exact["rows"][0]["file_path"] == f"/petugas/permohonan/{refs[2]}"
    assert exact["rows"][0]["pdf_path"] == f"/api/v1/izin/{refs[2]}"  # signed here: a PDF
    assert list_permits(fo, query="tidak ada")["total"] == 0
    assert list_permits(fo, query="x" * 500)["total"] == 0

    revoke(tokens["kepala_dinas"], permit_of(refs[0]).number, REASON)
    with session_scope(write=True) as s:
        row = s.get(Permit, permit_of(refs[1]).id)
        row.valid_until = local_date(utcnow()) - dt.timedelta(days=1)
    assert list_permits(fo, status="dicabut")["total"] == 1
    expired = list_permits(fo, status="KEDALUWARSA")["rows"]
    assert [r["status"] for r in expired] == ["KEDALUWARSA"]
    assert list_permits(fo, status="AKTIF")["total"] == 3
    assert list_permits(fo, query="sipb", status="DICABUT")["total"] == 1
    with pytest.raises(ServiceError, match="Status izin tidak dikenal"):
        list_permits(fo, status="HILANG")


def test_a_page_costs_the_same_queries_however_many_rows(db, monkeypatch):
    import sqlalchemy as sa

    from silek_app.db import get_engine

    tokens, _ = _many()
    fo = tokens["front_office"]
    statements: list[str] = []

    def counted(page_size: int) -> int:
        monkeypatch.setattr(permit_register, "PAGE_SIZE", page_size)
        statements.clear()
        list_permits(fo)
        return len(statements)

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(get_engine(), "before_cursor_execute", record)
    try:
        assert counted(1) == counted(5)
    finally:
        sa.event.remove(get_engine(), "before_cursor_execute", record)
