"""Read models for the applicant's own applications: the list and the live detail page.

`application_view` takes no token: the live page shares one copy of it between every
tab linked to the application, and linking happens only after `authorize_view`.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.indonesian_format import day_text, wib_time
from silek_app.domain.roles import OFFICER_ROLES, Role, role_label
from silek_app.domain.sla import local_date
from silek_app.domain.workflow import REVISION_STATE
from silek_app.models import (
    Application,
    Document,
    Message,
    Service,
    ServiceRequirement,
    UserAccount,
    utcnow,
)
from silek_app.services import messages
from silek_app.services.accounts import require_user
from silek_app.services.application_lookup import by_reference
from silek_app.services.errors import APPLICATION_NOT_FOUND, NotFound
from silek_app.services.file_facts import header_facts, load_file
from silek_app.services.prediction import predict_in
from silek_app.services.workflow_runner import workflow_for

_NOT_FOUND = APPLICATION_NOT_FOUND


def my_applications(token: str | None) -> list[dict[str, str]]:
    """Drafts and submitted applications of the session's applicant, newest first."""
    user = require_user(token, frozenset({Role.PEMOHON}))
    with session_scope() as s:
        rows = s.exec(
            select(Application, Service)
            .join(Service, Service.id == Application.service_id)
            .where(Application.applicant_id == user.id, Application.status != "DIBATALKAN")
            .order_by(Application.updated_at.desc())
        ).all()
        forecasts = predict_in(s, [a.id for a, _ in rows if a.status != "DRAFT"], utcnow())
        out = []
        for app, service in rows:
            defn = workflow_for(s, service)
            unread = s.exec(
                select(func.count(Message.id)).where(
                    Message.application_id == app.id,
                    Message.sender_id != user.id,
                    Message.read_by_applicant_at.is_(None),
                )
            ).one()
            draft = app.status == "DRAFT"
            out.append(
                {
                    "reference": app.reference_number or "Draf",
                    "service": service.name,
                    "status": app.status,
                    "status_label": defn.state(app.status).label,
                    "expected": "-"
                    if draft
                    else "Dijeda, menunggu perbaikan"
                    if app.status == REVISION_STATE
                    else day_text(app.sla_due_date),
                    "predicted": forecasts[app.id].label if app.id in forecasts else "-",
                    "unread": str(unread),
                    "link": f"/permohonan/baru/{service.code}"
                    if draft
                    else f"/permohonan/{app.reference_number}",
                    "updated": day_text(local_date(app.updated_at)) if app.updated_at else "",
                }
            )
    return out


def authorize_view(token: str | None, reference: str) -> int:
    """The application id if the session's user may watch it; NotFound otherwise."""
    user = require_user(token)
    with session_scope() as s:
        app = by_reference(s, reference)
        if app is None:
            raise NotFound(_NOT_FOUND)
        own = app.applicant_id == user.id
        officer = Role(user.role) in OFFICER_ROLES
        if not (own or officer):
            raise NotFound(_NOT_FOUND)  # someone else's number looks like a missing one
        return app.id


def application_view(application_id: int) -> dict:
    """Everything the detail page shows, for tabs already authorized to see it."""
    with session_scope() as s:
        loaded = load_file(s, application_id)
        app, defn, events, clock = loaded.app, loaded.defn, loaded.events, loaded.clock
        names = _names(s, {e.actor_id for e in events if e.actor_id})
        reqs = _requirement_names(s, app.service_id)  # one query for both panels
        revision = _revision(s, app, reqs)
        return {
            "header": {
                **header_facts(loaded),
                "paused_days": str(clock.working_days_paused),
                "field_fixes": "1" if any(r["kind"] == "field" for r in revision) else "",
                **_permit_facts(s, app),
            },
            "timeline": [
                {
                    "at": wib_time(e.created_at),
                    "label": defn.state(e.to_status).label,
                    "actor": names.get(e.actor_id, "") if e.actor_role == "pemohon" else "",
                    "role": role_label(e.actor_role),
                    "note": e.note,
                }
                for e in reversed(events)
            ],
            "pauses": [
                {
                    "start": wib_time(p.start),
                    "end": wib_time(p.end) if p.end else "masih berlangsung",
                    "reason": p.reason or "-",
                    "days": str(p.working_days),
                }
                for p in clock.pauses
            ],
            "revision": revision,
            "documents": _documents(s, app, reqs),
            "messages": messages.applicant_thread(s, app.id),
        }


def _permit_facts(s: Session, app: Application) -> dict[str, str]:
    """Issued permit and survey facts for the "izin terbit" panel."""
    from silek_app.domain.permit_pdf import format_date
    from silek_app.models import Permit, SkmResponse
    from silek_app.services.permits import permit_status

    permit = s.exec(select(Permit).where(Permit.application_id == app.id)).first()
    surveyed = s.exec(select(SkmResponse.id).where(SkmResponse.application_id == app.id)).first()
    if permit is None:
        return {"permit_number": "", "permit_valid": "", "permit_status": "", "survey_done": ""}
    return {
        "permit_number": permit.number,
        "permit_valid": format_date(permit.valid_until) if permit.valid_until else "-",
        "permit_status": permit_status(permit, local_date(utcnow())),
        "survey_done": "1" if surveyed or app.form_data.get("skm_skipped") else "",
    }


def _requirement_names(s: Session, service_id: int) -> dict[str, str]:
    rows = s.exec(select(ServiceRequirement).where(ServiceRequirement.service_id == service_id))
    return {r.code: r.name for r in rows.all()}


def _names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.exec(select(UserAccount.id, UserAccount.full_name).where(UserAccount.id.in_(ids)))
    return dict(rows.all())


def _revision(s: Session, app: Application, reqs: dict[str, str]) -> list[dict[str, str]]:
    """The flagged items of the open revision round, with labels and current values."""
    if app.status != REVISION_STATE:
        return []
    from silek_app.services.applications import form_sections

    service = s.get(Service, app.service_id)
    fields = {f.key: (sec.key, f) for sec in form_sections(service) for f in sec.fields}
    values = app.form_data.get("sections", {})
    out = []
    for item in app.form_data.get("revision", {}).get("items", []):
        target = item.get("target", "")
        is_doc = item.get("kind") == "document"
        section, field = fields.get(target, ("", None))
        label = field.label if field else target
        out.append(
            {
                "kind": "document" if is_doc else "field",
                "kind_label": "Dokumen" if is_doc else "Isian",
                "code": target,
                "target": reqs.get(target, target) if is_doc else label,
                "note": item.get("note", ""),
                "value": "" if is_doc else values.get(section, {}).get(target, ""),
                "field_kind": field.kind if field and not is_doc else "text",
                "options": [list(o) for o in field.options] if field and not is_doc else [],
            }
        )
    return out


def _documents(s: Session, app: Application, reqs: dict[str, str]) -> list[dict[str, str]]:
    docs = s.exec(
        select(Document)
        .where(Document.application_id == app.id, Document.requirement_code.is_not(None))
        .order_by(Document.id)
    ).all()
    return [
        {
            "name": reqs.get(d.requirement_code, d.requirement_code),
            "file": d.original_name,
            "url": f"/api/v1/berkas/{d.id}",
            "review": {"BELUM_DIPERIKSA": "Belum diperiksa", "DITERIMA": "Diterima"}.get(
                d.review_status, "Perlu perbaikan"
            ),
            "note": d.review_note,
        }
        for d in docs
    ]


def changed_since(since: dt.datetime) -> list[tuple[int, dt.datetime]]:
    """(application id, updated_at) of every application changed after `since`."""
    if since.tzinfo is not None:
        # SQLite keeps wall-clock UTC without a zone, so a WIB instant must be converted.
        since = since.astimezone(dt.UTC)
    with session_scope() as s:
        return list(
            s.exec(
                select(Application.id, Application.updated_at).where(
                    Application.updated_at > since, Application.status != "DRAFT"
                )
            ).all()
        )
