"""Predicted completion dates for open files, from each service's recent history.

The per-service history (domain/prediction.py) is built from the status paths
of at most MAX_FILES files issued within the window, loaded with two narrow
queries, and cached under a stamp: the number of the service's issued files
and the latest completion instant (from the application table, not a scan of
status_event), plus today's date, since the window slides by day. So the
samples are recomputed only when a file of that service completes, or once a
day. Counting the issued files still visits every one of them, so the stamp
itself is read at most once per STAMP_TTL_SECONDS per service: a queue page of
20 rows from 20 services would otherwise count a province's archive 20 times
on every refresh. A completion thus reaches the predictions within that time.

Everything here is blocking; the state layer calls it off the event loop.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable

from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.prediction import (
    BASIS_NONE,
    WINDOW_DAYS,
    Prediction,
    ServiceHistory,
    build_history,
    predict,
)
from silek_app.domain.sla import WIB, StatusChange, local_date, sla_clock
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import ISSUED_STATE, WorkflowDefinition
from silek_app.models import Application, Service, StatusEvent
from silek_app.services.clock import utc_now
from silek_app.services.workflow_runner import workflow_for

# The most recent issued files per service that feed the samples: enough for a
# stable p90, and it bounds the work for a province-sized service.
MAX_FILES = 1000
STAMP_TTL_SECONDS = 60.0

# (database, service id) -> (stamp, monotonic time the stamp was read, samples)
_cache: dict[tuple[str, int], tuple[tuple, float, ServiceHistory]] = {}
_lock = threading.Lock()


def _window_start(today: dt.date) -> dt.datetime:
    """00:00 WIB of the first day in the window, as the stored UTC instant."""
    first = today - dt.timedelta(days=WINDOW_DAYS)
    return dt.datetime.combine(first, dt.time.min, tzinfo=WIB).astimezone(dt.UTC)


def _issued(service_id: int):
    return (Application.service_id == service_id, Application.status == ISSUED_STATE)


def _stamp(s: Session, service_id: int, defn: WorkflowDefinition, today: dt.date) -> tuple:
    count, latest = s.exec(
        select(func.count(Application.id), func.max(Application.completed_at)).where(
            *_issued(service_id)
        )
    ).one()
    return (today, count, latest, defn)


def _paths(s: Session, service_id: int, today: dt.date) -> list[list[StatusChange]]:
    ids = s.exec(
        select(Application.id)
        .where(*_issued(service_id), Application.completed_at >= _window_start(today))
        .order_by(Application.completed_at.desc())
        .limit(MAX_FILES)
    ).all()
    if not ids:
        return []
    rows = s.exec(
        select(
            StatusEvent.application_id, StatusEvent.created_at,
            StatusEvent.from_status, StatusEvent.to_status,
        )
        .where(StatusEvent.application_id.in_(ids))
        .order_by(StatusEvent.application_id, StatusEvent.created_at, StatusEvent.id)
    ).all()  # fmt: skip
    paths: dict[int, list[StatusChange]] = {}
    for app_id, at, before, after in rows:
        paths.setdefault(app_id, []).append(StatusChange(at, before, after))
    return list(paths.values())


def service_history(
    s: Session, service: Service, defn: WorkflowDefinition, now: dt.datetime
) -> ServiceHistory:
    """The samples of one service, rebuilt only when its stamp changed."""
    today = local_date(now)
    key = (str(s.get_bind().url), service.id)
    cached = _cache.get(key)
    fresh = cached is not None and time.monotonic() - cached[1] < STAMP_TTL_SECONDS
    if fresh and cached[0][0] == today and cached[0][3] == defn:
        return cached[2]
    stamp = _stamp(s, service.id, defn, today)
    if cached is not None and cached[0] == stamp:
        _cache[key] = (stamp, time.monotonic(), cached[2])
        return cached[2]
    # When a file completes, every open page refreshes at once: one thread
    # rebuilds while the others wait and then take its result.
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[2]
        built = build_history(defn, default_calendar(), _paths(s, service.id, today), today)
        _cache[key] = (stamp, time.monotonic(), built)
    return built


def predict_loaded(
    s: Session,
    service: Service,
    defn: WorkflowDefinition,
    changes: list[StatusChange],
    sla_due: dt.date | None,
    now: dt.datetime,
) -> Prediction:
    """For views that already hold the file's history and SLA clock."""
    history = service_history(s, service, defn, now)
    return predict(defn, default_calendar(), history, changes, now, sla_due)


def _due_and_predict_in(
    s: Session, ids: Iterable[int], now: dt.datetime
) -> dict[int, tuple[dt.date | None, Prediction]]:
    """application id -> (legal due date from the SLA clock, prediction)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    apps = s.exec(
        select(Application.id, Application.service_id).where(Application.id.in_(wanted))
    ).all()
    rows = s.exec(
        select(
            StatusEvent.application_id, StatusEvent.created_at, StatusEvent.from_status,
            StatusEvent.to_status, StatusEvent.note,
        )
        .where(StatusEvent.application_id.in_(wanted))
        .order_by(StatusEvent.application_id, StatusEvent.created_at, StatusEvent.id)
    ).all()  # fmt: skip
    changes: dict[int, list[StatusChange]] = {}
    for app_id, at, before, after, note in rows:
        changes.setdefault(app_id, []).append(StatusChange(at, before, after, note))
    # One stamp check per service in view, not per file.
    services: dict[int, tuple[Service, WorkflowDefinition, ServiceHistory]] = {}
    out = {}
    calendar = default_calendar()
    for app_id, service_id in apps:
        if service_id not in services:
            service = s.get(Service, service_id)
            defn = workflow_for(s, service)
            services[service_id] = (service, defn, service_history(s, service, defn, now))
        service, defn, history = services[service_id]
        path = changes.get(app_id, [])
        due = sla_clock(defn, calendar, service.sla_days, path, now).due_date
        out[app_id] = (due, predict(defn, calendar, history, path, now, due))
    return out


def predict_in(s: Session, ids: Iterable[int], now: dt.datetime) -> dict[int, Prediction]:
    """Predictions for several files inside the caller's session (a queue page)."""
    return {app_id: p for app_id, (_, p) in _due_and_predict_in(s, ids, now).items()}


def predict_many(ids: Iterable[int]) -> dict[int, Prediction]:
    """application id -> its prediction; unknown ids are left out."""
    with session_scope() as s:
        return predict_in(s, ids, utc_now())


def predict_for(application_id: int) -> Prediction | None:
    """The prediction of one file, or None if it does not exist."""
    return predict_many([application_id]).get(application_id)


def prediction_facts(p: Prediction) -> dict[str, str]:
    """The header entries the pages show next to the SLA date ("" once finished).

    components/completion.py renders them; "predicted_late" is "1" once the
    legal due date has passed (the prediction is then counted from today).
    """
    label = "" if p.basis == BASIS_NONE else p.label
    return {
        "predicted": label,
        "predicted_note": p.note,
        "predicted_basis": p.basis,
        "predicted_late": "1" if p.overdue else "",
    }


def completion_facts_in(s: Session, application_id: int, now: dt.datetime) -> dict[str, str]:
    """The legal due date ("due", "-" before the clock starts) and the prediction of one file.

    For pages that do not load the file's history themselves (/lacak, the receipt).
    """
    due, forecast = _due_and_predict_in(s, [application_id], now)[application_id]
    return {"due": due.strftime("%d-%m-%Y") if due else "-", **prediction_facts(forecast)}
