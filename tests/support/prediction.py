"""Synthetic files for the prediction tests, written straight to the database.

Walking hundreds of files through the real workflow would take minutes; the
prediction only reads the status path and the completion columns, so these rows
carry exactly those, shaped like the rows the workflow runner writes. The
status history is append-only (triggers refuse updates), so a late file cannot
be made by moving a real one back in time: it is written with its past dates.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.sla import expected_completion
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import Application, Service, StatusEvent

# (from, to, action, instant) rows of a file's status history.
StatusPath = tuple[tuple[str, str, str, dt.datetime], ...]


def _add_file(code: str, applicant_id: int, path: StatusPath, reference: str | None) -> int:
    entered, last = path[0][3], path[-1][3]
    status = path[-1][1]
    with session_scope(write=True) as s:
        service = s.exec(select(Service).where(Service.code == code)).one()
        app = Application(
            applicant_id=applicant_id, service_id=service.id, jenis="BARU", status=status,
            reference_number=reference, created_at=entered, updated_at=last,
            submitted_at=entered, sla_started_at=entered, state_entered_at=last,
            sla_due_date=expected_completion(default_calendar(), entered, service.sla_days),
            completed_at=last if status == "TERBIT" else None,
        )  # fmt: skip
        s.add(app)
        s.flush()
        for before, after, action, at in path:
            s.add(
                StatusEvent(
                    application_id=app.id, actor_role="sistem", action=action,
                    from_status=before, to_status=after, created_at=at,
                )
            )  # fmt: skip
        return app.id


def add_issued(code: str, applicant_id: int, entered: dt.datetime, issued: dt.datetime) -> int:
    """One file of service `code` submitted at `entered` and issued at `issued`."""
    path = (
        ("DRAFT", "DIAJUKAN", "AJUKAN", entered),
        ("DIAJUKAN", "TERBIT", "PERSETUJUAN_OTOMATIS", issued),
    )
    return _add_file(code, applicant_id, path, None)


def add_waiting(code: str, applicant_id: int, entered: dt.datetime, reference: str) -> int:
    """One file of service `code` submitted at `entered` and still waiting at DIAJUKAN.

    Submitted long enough ago, it is past its SLA date. `reference` must be
    unused: a past day with a high sequence (SLK-20260101-9xxxx) cannot meet a
    number the app gives out today.
    """
    return _add_file(code, applicant_id, (("DRAFT", "DIAJUKAN", "AJUKAN", entered),), reference)
