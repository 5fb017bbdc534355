"""Public tracking: reference + last 4 NIK digits, status and dates only, rate-limited."""

import datetime as dt

import pytest
from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.sla import expected_completion
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import Application, Service, StatusEvent, utcnow
from silek_app.services import accounts, tracking
from silek_app.services.accounts import Registration
from silek_app.services.errors import NotFound, ServiceError


@pytest.fixture
def submitted(db) -> str:
    uid = accounts.register(Registration(
        nik="1372015203920002", full_name="Siti Rahmawati", email="siti@contoh.id",
        phone="081266001111", password="pucuk-rebung-bapucuak",
        password_confirm="pucuk-rebung-bapucuak",
    ))  # fmt: skip
    now = utcnow()
    with session_scope() as s:
        svc = s.exec(select(Service).where(Service.code == "SIPB")).one()
        app = Application(
            applicant_id=uid, service_id=svc.id, jenis="BARU", status="VERIFIKASI_BERKAS",
            reference_number="SLK-20261203-00001", sla_due_date=dt.date(2026, 12, 10),
        )  # fmt: skip
        s.add(app)
        s.flush()
        for before, after, action in (
            ("DRAFT", "DIAJUKAN", "AJUKAN"),
            ("DIAJUKAN", "VERIFIKASI_BERKAS", "TERIMA_BERKAS"),
        ):
            s.add(StatusEvent(application_id=app.id, actor_role="pemohon", action=action,
                              from_status=before, to_status=after, created_at=now))  # fmt: skip
    return "SLK-20261203-00001"


def test_track_shows_status_and_dates_only(submitted):
    result = tracking.track(submitted.lower(), "0002")
    assert result["status"] == "VERIFIKASI_BERKAS"
    assert result["status_label"] and result["status_label"] != "VERIFIKASI_BERKAS"
    with session_scope() as s:
        sla_days = s.exec(select(Service.sla_days).where(Service.code == "SIPB")).one()
    due = expected_completion(default_calendar(), utcnow(), sla_days).strftime("%d-%m-%Y")
    # No SIPB history in a fresh database: the prediction is the SLA date.
    assert (result["due"], result["predicted"]) == (due, f"{due}, mengikuti SLA")
    assert result["predicted_late"] == "" and "berdasarkan SLA" in result["predicted_note"]
    assert set(result) == {
        "reference", "service_name", "status", "status_label", "due", "predicted",
        "predicted_note", "predicted_basis", "predicted_late",
    }  # fmt: skip


def test_wrong_nik_and_unknown_number_give_one_message(submitted):
    with pytest.raises(NotFound) as wrong:
        tracking.track(submitted, "9999")
    with pytest.raises(NotFound) as unknown:
        tracking.track("SLK-20261203-09999", "0002")
    assert wrong.value.message == unknown.value.message


BAD_INPUT = [
    ("ABC", "0002"),
    ("SLK-2026-1", "0002"),
    ("SLK-20261203-00001", "12"),
    ("SLK-20261203-00001", "abcd"),
]


@pytest.mark.parametrize(("ref", "nik"), BAD_INPUT)
def test_bad_format_is_explained(submitted, ref, nik):
    with pytest.raises(ServiceError):
        tracking.track(ref, nik)


def test_rate_limit_per_ip(submitted):
    for _ in range(tracking.MAX_FAILURES):
        with pytest.raises(NotFound):
            tracking.track(submitted, "9999", ip="10.0.0.7")
    with pytest.raises(ServiceError, match="Terlalu banyak"):
        tracking.track(submitted, "0002", ip="10.0.0.7")
    assert tracking.track(submitted, "0002", ip="10.0.0.8")["status"] == "VERIFIKASI_BERKAS"
