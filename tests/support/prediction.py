"""Synthetic issued files for the prediction tests, written straight to the database.

Walking hundreds of files through the real workflow would take minutes; the
prediction only reads the status path and the completion columns, so these rows
carry exactly those, shaped like the rows the workflow runner writes.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import Application, Service, StatusEvent


def add_issued(code: str, applicant_id: int, entered: dt.datetime, issued: dt.datetime) -> int:
    """One file of service `code` submitted at `entered` and issued at `issued`."""
    with session_scope(write=True) as s:
        service_id = s.exec(select(Service.id).where(Service.code == code)).one()
        app = Application(
            applicant_id=applicant_id, service_id=service_id, jenis="BARU", status="TERBIT",
            created_at=entered, updated_at=issued, submitted_at=entered,
            sla_started_at=entered, state_entered_at=issued, completed_at=issued,
        )  # fmt: skip
        s.add(app)
        s.flush()
        path = (
            ("DRAFT", "DIAJUKAN", "AJUKAN", entered),
            ("DIAJUKAN", "TERBIT", "PERSETUJUAN_OTOMATIS", issued),
        )
        for before, after, action, at in path:
            s.add(
                StatusEvent(
                    application_id=app.id, actor_role="sistem", action=action,
                    from_status=before, to_status=after, created_at=at,
                )
            )  # fmt: skip
        return app.id
