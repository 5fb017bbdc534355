"""Public tracking (/lacak): reference number plus the last 4 digits of the NIK.

Shows status, the legal due date and the predicted completion only. Failed
attempts are counted per client IP in the database, so the limit holds across
workers and restarts.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import func, select

from silek_app.db import session_scope
from silek_app.models import (
    ApplicantProfile,
    Application,
    AuthEvent,
    Service,
    WorkflowDefinitionRow,
    utcnow,
)
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.prediction import completion_facts_in

REFERENCE_PATTERN = re.compile(r"^SLK-\d{8}-\d{5}$")
MAX_FAILURES = 10
WINDOW = dt.timedelta(minutes=15)
_NOT_FOUND = "Nomor registrasi dan 4 digit terakhir NIK tidak cocok dengan permohonan mana pun."


def track(reference: str, nik_last4: str, ip: str = "") -> dict[str, str]:
    reference = reference.strip().upper()
    nik_last4 = nik_last4.strip()
    if not REFERENCE_PATTERN.match(reference):
        raise ServiceError(
            "Format nomor registrasi: SLK-YYYYMMDD-NNNNN, contoh SLK-20261203-00001."
        )
    if not re.fullmatch(r"\d{4}", nik_last4):
        raise ServiceError("Masukkan tepat 4 digit terakhir NIK pemohon.")
    with session_scope() as s:
        since = utcnow() - WINDOW
        failures = s.exec(
            select(func.count(AuthEvent.id)).where(
                AuthEvent.event == "lacak_gagal",
                AuthEvent.ip_address == ip[:64],
                AuthEvent.created_at >= since,
            )
        ).one()
        if failures >= MAX_FAILURES:
            raise ServiceError("Terlalu banyak percobaan pelacakan. Coba lagi dalam 15 menit.")
        row = s.exec(
            select(Application, ApplicantProfile.nik, Service.name, Service.workflow_code)
            .join(ApplicantProfile, ApplicantProfile.user_id == Application.applicant_id)
            .join(Service, Service.id == Application.service_id)
            .where(Application.reference_number == reference)
        ).first()
        if row is None or not row[1].endswith(nik_last4):
            s.add(AuthEvent(event="lacak_gagal", detail=reference, ip_address=ip[:64]))
            s.commit()
            raise NotFound(_NOT_FOUND)
        application, _nik, service_name, workflow_code = row
        wf = s.exec(
            select(WorkflowDefinitionRow).where(WorkflowDefinitionRow.code == workflow_code)
        ).first()
        completion = completion_facts_in(s, application.id, utcnow())
    labels = {st["code"]: st["label"] for st in (wf.definition["states"] if wf else [])}
    return {
        "reference": reference,
        "service_name": service_name,
        "status": application.status,
        "status_label": labels.get(application.status, application.status),
        **completion,
    }
