"""Apply one workflow action to an application, inside the caller's transaction.

Shared by the applicant's and the officers' use cases so that every status change
goes through the same checks (domain rules), the same optimistic lock and the same
immutable audit row.
"""

from __future__ import annotations

import json
from functools import lru_cache

import sqlalchemy as sa
from sqlmodel import Session, select

from silek_app.domain.sla import StatusChange, sla_clock
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import WorkflowDefinition, workflow_from_dict
from silek_app.domain.workflow_engine import TransitionError, plan_transition
from silek_app.models import (
    Application,
    Notification,
    Service,
    StatusEvent,
    WorkflowDefinitionRow,
    utcnow,
)
from silek_app.services.errors import ServiceError

STALE_VERSION = (
    "Berkas ini baru saja diubah oleh orang lain. Tampilan sudah dimuat ulang; "
    "periksa kembali sebelum melanjutkan."
)


@lru_cache(maxsize=16)
def _parse(code: str, frozen: str) -> WorkflowDefinition:
    return workflow_from_dict(json.loads(frozen), source=code)


def workflow_for(s: Session, service: Service) -> WorkflowDefinition:
    row = s.exec(
        select(WorkflowDefinitionRow).where(WorkflowDefinitionRow.code == service.workflow_code)
    ).one()
    # Cached by content, so an edited definition in the database takes effect at once.
    return _parse(row.code, json.dumps(row.definition, sort_keys=True))


def history(s: Session, application_id: int) -> list[StatusEvent]:
    return list(
        s.exec(
            select(StatusEvent)
            .where(StatusEvent.application_id == application_id)
            .order_by(StatusEvent.created_at, StatusEvent.id)
        ).all()
    )


def status_changes(events: list[StatusEvent]) -> list[StatusChange]:
    return [StatusChange(e.created_at, e.from_status, e.to_status, e.note) for e in events]


def apply_action(
    s: Session,
    application: Application,
    action_code: str,
    *,
    actor_id: int | None,
    role: str,
    note: str = "",
    expected_version: int | None = None,
) -> StatusEvent:
    """Move the application and write its audit row; raise ServiceError when refused.

    The UPDATE only matches the version the caller saw, so of two people acting on
    the same version exactly one wins and the other is told to look again.
    ``actor_id`` is None for the office's own jobs (role "sistem").
    """
    if expected_version is not None and expected_version != application.version:
        # Checked before the rules: the caller decided on a picture that is gone, and
        # "not allowed in this state" would hide that the file moved under them.
        raise ServiceError(STALE_VERSION)
    service = s.get(Service, application.service_id)
    defn = workflow_for(s, service)
    try:
        transition = plan_transition(defn, application.status, action_code, role, note)
    except TransitionError as exc:
        raise ServiceError(exc.message) from None
    version = application.version if expected_version is None else expected_version
    now = utcnow()
    values: dict = {
        "status": transition.to_state,
        "version": version + 1,
        "updated_at": now,
        "state_entered_at": now,
        # A claim is for one desk: after the move the next desk must pick the file up.
        "claimed_by_id": None,
        "claimed_at": None,
    }
    if transition.is_terminal:
        values["completed_at"] = now
    result = s.execute(
        sa.update(Application)
        .where(Application.id == application.id, Application.version == version)
        .values(**values)
    )
    if result.rowcount != 1:
        raise ServiceError(STALE_VERSION)
    event = StatusEvent(
        application_id=application.id, actor_id=actor_id, actor_role=role,
        action=transition.action.code, from_status=transition.from_state,
        to_status=transition.to_state, note=note.strip(), created_at=now,
    )  # fmt: skip
    s.add(event)
    s.flush()
    s.refresh(application)
    _refresh_sla(s, application, service, defn)
    if role != "pemohon":
        label = defn.state(transition.to_state).label
        s.add(
            Notification(
                user_id=application.applicant_id, application_id=application.id,
                kind="status", title=f"Status {application.reference_number}: {label}",
                body=note.strip(), link=f"/permohonan/{application.reference_number}",
            )
        )  # fmt: skip
    return event


def _refresh_sla(s: Session, app: Application, service: Service, defn: WorkflowDefinition):
    """Keep the stored due date and pause ledger in step with the history."""
    clock = sla_clock(
        defn, default_calendar(), service.sla_days, status_changes(history(s, app.id)), utcnow()
    )
    app.sla_started_at = clock.started_at
    app.sla_due_date = clock.due_date
    app.paused_seconds = sum(
        int(((p.end or utcnow()) - p.start).total_seconds()) for p in clock.pauses
    )
    app.paused_since = clock.pauses[-1].start if clock.paused_now and clock.pauses else None
    s.add(app)
