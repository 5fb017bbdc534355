"""Submitting a draft: blockers, reference number, SLA date, idempotency and races."""

import datetime as dt
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import func, select
from test_applications import (
    applicant_token,
    fill_sections,
    precheck,
    ready_draft,
    requirement_codes,
)

from silek_app.db import session_scope
from silek_app.domain.sla import expected_completion, local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import Application, NumberSequence, Service, StatusEvent, utcnow
from silek_app.services import applications, documents
from silek_app.services.errors import ServiceError
from tests.support import sample_files as sf


def _key() -> str:
    return uuid.uuid4().hex


def _count(model) -> int:
    with session_scope() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _submitted() -> list[Application]:
    with session_scope() as s:
        return list(s.exec(select(Application).where(Application.status != "DRAFT")).all())


def test_short_or_missing_idempotency_key_is_refused(db):
    token = applicant_token()
    ready_draft(token)
    for key in ("", "   ", "pendek", "x" * 15):
        with pytest.raises(ServiceError, match="Muat ulang halaman"):
            applications.submit(token, "SIPB", key)
    assert _submitted() == []


def test_submit_without_draft_is_refused(db):
    with pytest.raises(ServiceError, match="Tidak ada draf"):
        applications.submit(applicant_token(), "SIPB", _key())


def test_incomplete_sections_and_documents_are_named(db):
    token = applicant_token()
    draft_id = precheck(token)
    with pytest.raises(ServiceError) as err:
        applications.submit(token, "SIPB", _key())
    message = err.value.message
    assert message.startswith("Permohonan belum dapat dikirim.")
    for title in ("Data pemohon", "Data profesi dan STR", "Tempat praktik"):
        assert f"\u201c{title}\u201d belum lengkap" in message
    assert "Dokumen wajib belum diunggah: Kartu Tanda Penduduk" in message

    fill_sections(token)
    for code in requirement_codes(draft_id, mandatory_only=True):
        if code != "PAS_FOTO":
            documents.upload(token, "SIPB", code, f"{code}.pdf", sf.valid_pdf(code))
    with pytest.raises(ServiceError) as err:
        applications.submit(token, "SIPB", _key())
    assert "belum lengkap" not in err.value.message
    assert err.value.message.count("Dokumen wajib belum diunggah") == 1
    assert "Pas foto" in err.value.message
    assert _submitted() == [] and _count(StatusEvent) == 0 and _count(NumberSequence) == 0


def test_optional_documents_do_not_block(db):
    token = applicant_token()
    draft_id = ready_draft(token, "SIPD")  # SIPD has optional internship letters
    assert set(requirement_codes(draft_id)) - set(requirement_codes(draft_id, True))
    assert applications.submit(token, "SIPD", _key()).reference


def test_submit_assigns_reference_status_event_and_sla(db):
    token = applicant_token()
    draft_id = ready_draft(token)
    day_before = local_date(utcnow())
    result = applications.submit(token, "SIPB", _key())
    day_after = local_date(utcnow())

    with session_scope() as s:
        app = s.get(Application, draft_id)
        service = s.get(Service, app.service_id)
        events = s.exec(select(StatusEvent).where(StatusEvent.application_id == app.id)).all()
    submitted_at = _as_utc(app.submitted_at)
    day = local_date(submitted_at)
    assert day in {day_before, day_after}
    assert result.reference == app.reference_number == f"SLK-{day:%Y%m%d}-00001"
    assert app.status == "DIAJUKAN" and app.version == 2
    assert [(e.action, e.from_status, e.to_status, e.actor_role) for e in events] == [
        ("AJUKAN", "DRAFT", "DIAJUKAN", "pemohon")
    ]
    due = expected_completion(default_calendar(), submitted_at, service.sla_days)
    assert app.sla_due_date == due == result.expected_date
    assert result.service_name == service.name and result.jenis_label == "Permohonan Baru"
    # The draft is gone: a new pre-check starts a fresh one.
    assert precheck(token, kind="FASYANKES", place=2) != draft_id


def test_second_applicant_gets_the_next_number(db):
    first, second = applicant_token(0), applicant_token(1)
    ready_draft(first, n=0)
    ready_draft(second, "SIPP", n=1)
    a = applications.submit(first, "SIPB", _key())
    b = applications.submit(second, "SIPP", _key())
    assert a.reference.endswith("-00001") and b.reference.endswith("-00002")
    assert a.reference[:12] == b.reference[:12]


def test_same_key_again_returns_the_same_result_and_creates_nothing(db):
    token = applicant_token()
    ready_draft(token)
    key = _key()
    first = applications.submit(token, "SIPB", key)
    counts = (_count(Application), _count(StatusEvent), _count(NumberSequence))
    again = applications.submit(token, "SIPB", key)
    assert again == first
    assert (_count(Application), _count(StatusEvent), _count(NumberSequence)) == counts
    with session_scope() as s:
        assert s.exec(select(NumberSequence)).one().last_value == 1


def test_a_key_used_by_another_applicant_is_refused_cleanly(db):
    first, second = applicant_token(0), applicant_token(1)
    ready_draft(first, n=0)
    other = ready_draft(second, n=1)
    key = _key()
    applications.submit(first, "SIPB", key)
    # Never the first applicant's result, and a clear message rather than a database error.
    with pytest.raises(ServiceError) as err:
        applications.submit(second, "SIPB", key)
    assert err.value.message == applications.KEY_REFUSED
    with session_scope() as s:
        assert s.get(Application, other).status == "DRAFT"
        assert s.exec(select(NumberSequence)).one().last_value == 1
    assert applications.submit(second, "SIPB", _key()).reference.endswith("-00002")


# ---------------------------------------------------------------- races


def _race(calls) -> list[tuple[str, str]]:
    """Run the calls at the same instant; each gives ("ok", ref) or ("refused", message)."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return "ok", call().reference
        except ServiceError as exc:
            return "refused", exc.message
        except Exception as exc:  # what must never happen: "database is locked" & co.
            return "crash", repr(exc)

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _assert_one_submission(outcomes, draft_id):
    crashes = [o for o in outcomes if o[0] == "crash"]
    assert crashes == []
    apps = _submitted()
    assert [a.id for a in apps] == [draft_id]
    ref = apps[0].reference_number
    assert ref.endswith("-00001")
    assert {o[1] for o in outcomes if o[0] == "ok"} == {ref}
    with session_scope() as s:
        assert s.exec(select(NumberSequence)).one().last_value == 1
        events = s.exec(select(StatusEvent)).all()
    assert [e.action for e in events] == ["AJUKAN"]
    return ref


def test_eight_double_clicks_with_one_key_make_one_application(db):
    token = applicant_token()
    draft_id = ready_draft(token)
    key = _key()
    outcomes = _race([lambda: applications.submit(token, "SIPB", key)] * 8)
    _assert_one_submission(outcomes, draft_id)
    assert all(kind == "ok" for kind, _ in outcomes)  # the same key always gets its answer


def test_eight_tabs_with_different_keys_make_one_application(db):
    token = applicant_token()
    draft_id = ready_draft(token)
    keys = [_key() for _ in range(8)]
    outcomes = _race([lambda k=k: applications.submit(token, "SIPB", k) for k in keys])
    _assert_one_submission(outcomes, draft_id)
    assert sum(kind == "ok" for kind, _ in outcomes) == 1
    refusals = {m for kind, m in outcomes if kind == "refused"}
    assert refusals == {"Tidak ada draf permohonan untuk layanan ini."}


def test_three_applicants_racing_get_consecutive_numbers(db):
    tokens = [applicant_token(0), applicant_token(1), applicant_token(2)]
    for n, token in enumerate(tokens):
        ready_draft(token, n=n)
    calls = [lambda t=t, k=_key(): applications.submit(t, "SIPB", k) for t in tokens]
    outcomes = _race(calls * 2)  # each applicant also double-clicks
    assert all(kind == "ok" for kind, _ in outcomes)
    refs = sorted({ref for _, ref in outcomes})
    assert [r[-5:] for r in refs] == ["00001", "00002", "00003"]
    assert len(_submitted()) == 3
