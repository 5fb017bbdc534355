"""What the applicant's and the officer's file pages both read first, and the header
facts they share (the pages add their own: permit and survey, or desk and visit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from silek_app.domain.indonesian_format import day_text, wib_time
from silek_app.domain.jenis import JENIS_LABELS
from silek_app.domain.prediction import Prediction
from silek_app.domain.sla import SlaClock, StatusChange, sla_clock
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import WorkflowDefinition
from silek_app.domain.workflow_engine import holder_label
from silek_app.models import Application, Service, StatusEvent, utcnow
from silek_app.services.prediction import predict_loaded, prediction_facts
from silek_app.services.workflow_runner import history, status_changes, workflow_for


@dataclass(frozen=True)
class LoadedFile:
    app: Application
    service: Service
    defn: WorkflowDefinition
    events: list[StatusEvent]
    changes: list[StatusChange]
    clock: SlaClock
    forecast: Prediction
    now: dt.datetime


def load_file(s: Session, application_id: int) -> LoadedFile:
    """The file, its service, workflow, history, SLA clock and predicted completion."""
    app = s.get(Application, application_id)
    service = s.get(Service, app.service_id)
    defn = workflow_for(s, service)
    events = history(s, app.id)
    now = utcnow()
    changes = status_changes(events)
    clock = sla_clock(defn, default_calendar(), service.sla_days, changes, now)
    forecast = predict_loaded(s, service, defn, changes, clock.due_date, now)
    return LoadedFile(app, service, defn, events, changes, clock, forecast, now)


def header_facts(f: LoadedFile) -> dict[str, str]:
    """The header both pages show: the file, where it is, and its SLA and prediction."""
    app, service, defn, clock = f.app, f.service, f.defn, f.clock
    return {
        "reference": app.reference_number or "",
        "service": service.name,
        "service_code": service.code,
        "jenis": JENIS_LABELS.get(app.jenis, app.jenis),
        "status": app.status,
        "status_label": defn.state(app.status).label if defn.has_state(app.status) else app.status,
        "holder": holder_label(defn, app.status),
        "version": str(app.version),
        "submitted": wib_time(app.submitted_at),
        "due": day_text(clock.due_date),
        "sla_days": str(service.sla_days),
        "used": str(clock.working_days_used),
        "left": str(clock.working_days_left),
        "paused_now": "1" if clock.paused_now else "",
        # Once the clock has stopped, "days left" means nothing: pages say how long it took.
        "finished": "1" if clock.finished_at else "",
        # Late and still open: a file finished late is history, not a warning to show.
        "overdue": "1" if clock.overdue and not clock.finished_at else "",
        **prediction_facts(f.forecast),
    }
