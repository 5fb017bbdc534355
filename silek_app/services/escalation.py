"""The periodic SLA job: record due alerts, tell the officers, deem-approve when the policy says so.

run_once() first scans every open file (submitted, not final, not waiting on the
applicant) in one read-only transaction and asks domain/escalation.py which
alerts are due. Only files with a new alert get a write transaction, where the
facts are loaded again (someone may have acted since the scan) and the rules
re-applied, so the job never acts on a stale picture.

Every lifespan worker runs this job, and an administrator may run it from the
command line at the same time. The SlaAlert unique constraint (file, kind, stay
in a state) makes that safe: an alert is inserted in a savepoint first, and if
another run already has it the insert fails and nothing else happens, so no
notification is sent twice and no file is approved twice. The optimistic lock
of apply_action is the second line of defence for the approval.

The notices (TERLAMBAT, PERINGATAN_OTOMATIS) and the deemed approval run in
separate transactions per file, so a permit that fails to render never takes
the late-file notices down with it; one file's failure is logged and the run
goes on with the next file.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, fields

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.escalation import (
    ALERT_DEEMED_APPROVAL,
    ALERT_DEEMED_WARNING,
    ALERT_LATE,
    DEEMED_ACTION,
    SYSTEM_ROLE,
    DeemedPolicy,
    DueAlert,
    EscalationRules,
    FileFacts,
    alert_text,
    deemed_note,
    default_escalation_rules,
    due_alerts,
)
from silek_app.domain.sla import local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import WorkflowDefinition
from silek_app.models import Application, Notification, Service, SlaAlert, StatusEvent, UserAccount
from silek_app.services.clock import utc_now
from silek_app.services.errors import ServiceError
from silek_app.services.permits import issue_permit
from silek_app.services.workflow_runner import apply_action, history, status_changes, workflow_for

log = logging.getLogger("silek.escalation")

NOTIFICATION_KIND = "sla"
_NOTICES = frozenset({ALERT_LATE, ALERT_DEEMED_WARNING})


@dataclass
class Summary:
    """What one run did; ``failed`` counts files whose transaction was rolled back."""

    checked: int = 0
    late: int = 0
    warnings: int = 0
    approved: int = 0
    notifications: int = 0
    failed: int = 0

    def add(self, other: Summary) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _open_files():
    """Submitted, not final, not paused: the files whose clock is running."""
    return (
        Application.submitted_at.is_not(None),
        Application.completed_at.is_(None),
        Application.paused_since.is_(None),
    )


def _policy(service: Service) -> DeemedPolicy:
    return DeemedPolicy(
        enabled=service.deemed_approval_enabled,
        approval_days=service.deemed_approval_days,
        warning_days=service.deemed_warning_days,
    )


def _facts(
    app: Application,
    service: Service,
    defn: WorkflowDefinition,
    events: list[StatusEvent],
    warned_on: dt.date | None,
) -> FileFacts:
    return FileFacts(
        workflow=defn,
        state=app.status,
        state_entered_at=app.state_entered_at,
        service_sla_days=service.sla_days,
        policy=_policy(service),
        history=status_changes(events),
        warned_on=warned_on,
    )


def _warned_on(alerts: list[SlaAlert]) -> dt.date | None:
    times = [a.created_at for a in alerts if a.kind == ALERT_DEEMED_WARNING]
    return local_date(min(times)) if times else None


def _new(due: tuple[DueAlert, ...], alerts: list[SlaAlert]) -> list[DueAlert]:
    recorded = {(a.kind, a.state_entered_at) for a in alerts}
    return [d for d in due if (d.kind, d.state_entered_at) not in recorded]


def _scan(now: dt.datetime, rules: EscalationRules, summary: Summary) -> list[tuple[int, set]]:
    """(application id, kinds of new alerts) of every open file with something new to say."""
    calendar = default_calendar()
    with session_scope() as s:
        apps = s.exec(select(Application).where(*_open_files()).order_by(Application.id)).all()
        summary.checked = len(apps)
        open_ids = select(Application.id).where(*_open_files())
        events: dict[int, list[StatusEvent]] = {}
        for e in s.exec(
            select(StatusEvent)
            .where(StatusEvent.application_id.in_(open_ids))
            .order_by(StatusEvent.created_at, StatusEvent.id)
        ).all():
            events.setdefault(e.application_id, []).append(e)
        alerts: dict[int, list[SlaAlert]] = {}
        for a in s.exec(select(SlaAlert).where(SlaAlert.application_id.in_(open_ids))).all():
            alerts.setdefault(a.application_id, []).append(a)
        services = {svc.id: svc for svc in s.exec(select(Service)).all()}
        flows: dict[int, WorkflowDefinition] = {}  # one lookup per service with open files
        found = []
        for app in apps:
            mine = alerts.get(app.id, [])
            service = services[app.service_id]
            if service.id not in flows:
                flows[service.id] = workflow_for(s, service)
            defn = flows[service.id]
            facts = _facts(app, service, defn, events.get(app.id, []), _warned_on(mine))
            new = _new(due_alerts(facts, now, calendar, rules), mine)
            if new:
                found.append((app.id, {d.kind for d in new}))
        return found


def _fresh(
    s: Session, app_id: int, now: dt.datetime, rules: EscalationRules, kinds: frozenset[str]
) -> tuple[Application | None, list[DueAlert]]:
    """The file and its new alerts of ``kinds``, recomputed inside the write transaction."""
    app = s.get(Application, app_id)
    if app is None or app.completed_at is not None:
        return app, []
    service = s.get(Service, app.service_id)
    mine = list(s.exec(select(SlaAlert).where(SlaAlert.application_id == app.id)).all())
    defn = workflow_for(s, service)
    facts = _facts(app, service, defn, history(s, app.id), _warned_on(mine))
    due = due_alerts(facts, now, default_calendar(), rules)
    return app, [d for d in _new(due, mine) if d.kind in kinds]


def _claim(s: Session, app: Application, alert: DueAlert, now: dt.datetime) -> bool:
    """Record the alert; False if another run already did (the unique constraint says so)."""
    try:
        with s.begin_nested():
            s.add(
                SlaAlert(
                    application_id=app.id,
                    kind=alert.kind,
                    status=alert.state,
                    state_entered_at=alert.state_entered_at,
                    created_at=now,
                )
            )
        return True
    except IntegrityError:
        return False


def _notify(s: Session, app: Application, alert: DueAlert, state_label: str) -> int:
    """One notification to every active user of the desk and supervisor roles."""
    title, body = alert_text(alert, app.reference_number or "", state_label)
    users = s.exec(
        select(UserAccount.id).where(
            UserAccount.role.in_(alert.notify_roles), UserAccount.is_active.is_(True)
        )
    ).all()
    for user_id in users:
        s.add(
            Notification(
                user_id=user_id,
                application_id=app.id,
                kind=NOTIFICATION_KIND,
                title=title[:200],
                body=body,
                link=f"/petugas/permohonan/{app.reference_number}",
            )
        )
    return len(users)


def _state_label(s: Session, app: Application, state: str) -> str:
    defn = workflow_for(s, s.get(Service, app.service_id))
    return defn.state(state).label if defn.has_state(state) else state


def _send_notices(app_id: int, now: dt.datetime, rules: EscalationRules, summary: Summary) -> None:
    done = Summary()
    with session_scope(write=True) as s:
        app, due = _fresh(s, app_id, now, rules, _NOTICES)
        for alert in due:
            if not _claim(s, app, alert, now):
                continue
            done.notifications += _notify(s, app, alert, _state_label(s, app, alert.state))
            if alert.kind == ALERT_LATE:
                done.late += 1
            else:
                done.warnings += 1
    # Counted only once committed, so the summary never reports a rolled-back notice.
    summary.add(done)


def _deem_approve(app_id: int, now: dt.datetime, rules: EscalationRules, summary: Summary) -> None:
    """Issue the permit of one file in one transaction: alert, status change, permit, notices."""
    done = Summary()
    with session_scope(write=True) as s:
        app, due = _fresh(s, app_id, now, rules, frozenset({ALERT_DEEMED_APPROVAL}))
        if not due or not _claim(s, app, due[0], now):
            return
        alert = due[0]
        label = _state_label(s, app, alert.state)
        apply_action(
            s, app, DEEMED_ACTION, actor_id=None, role=SYSTEM_ROLE, note=deemed_note(alert),
            expected_version=app.version,
        )  # fmt: skip
        issue_permit(s, app, None)
        done.approved = 1
        done.notifications = _notify(s, app, alert, label)
    summary.add(done)


def run_once(now: dt.datetime | None = None) -> dict[str, int]:
    """One pass over the open files; returns the counts of what it did."""
    now = now or utc_now()
    rules = default_escalation_rules()
    summary = Summary()
    for app_id, kinds in _scan(now, rules, summary):
        steps = []
        if kinds & _NOTICES:
            steps.append(_send_notices)
        if ALERT_DEEMED_APPROVAL in kinds:
            steps.append(_deem_approve)
        for step in steps:
            try:
                step(app_id, now, rules, summary)
            except ServiceError as exc:
                # Refused by the workflow (e.g. an officer acted meanwhile): retried next run.
                summary.failed += 1
                log.warning("escalation of application %s refused: %s", app_id, exc.message)
            except Exception:  # noqa: BLE001 — one broken file must not stop the others
                summary.failed += 1
                log.exception("escalation of application %s failed", app_id)
    return summary.as_dict()
