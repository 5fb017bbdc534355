"""Officers checking one file: accept or flag each document and flag form fields.

The flags are the raw material of a send-back: KEMBALIKAN turns the flagged items
into the applicant's revision checklist (officer_actions.act) and stores a snapshot
of the file as it was, so that on the resubmission officers see only what changed.

Only an officer whose role acts in the file's current state may review it: the
front office while it checks completeness, the technical team during its review.
Reviews do not move the file, so they leave the optimistic `version` alone and
only touch `updated_at`, which the live change feed watches.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.roles import OFFICER_ROLES, role_label
from silek_app.domain.workflow import REVISION_STATE, WorkflowDefinition
from silek_app.models import Application, Document, Service, UserAccount, utcnow
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.application_lookup import by_reference
from silek_app.services.applications import form_sections, requirements_for
from silek_app.services.errors import APPLICATION_NOT_FOUND, NotFound, ServiceError
from silek_app.services.workflow_runner import workflow_for

UNREVIEWED, ACCEPTED, FLAGGED = "BELUM_DIPERIKSA", "DITERIMA", "PERLU_PERBAIKAN"
REVIEW_LABELS = {UNREVIEWED: "Belum diperiksa", ACCEPTED: "Diterima", FLAGGED: "Perlu perbaikan"}
NOTE_MAX = 500
_OFFICER_CODES = frozenset(r.value for r in OFFICER_ROLES)


def officer_application(s: Session, reference: str, lock: bool = False) -> Application:
    """A submitted application by number; drafts are the applicant's private business."""
    app = by_reference(s, reference, lock=lock)
    if app is None or app.status == "DRAFT":
        raise NotFound(APPLICATION_NOT_FOUND)
    return app


def acting_roles(defn: WorkflowDefinition, state_code: str) -> frozenset[str]:
    """Officer roles that may take some action from this state (who works it now)."""
    if not defn.has_state(state_code) or defn.state(state_code).terminal:
        return frozenset()
    return frozenset(r for a in defn.actions_from(state_code) for r in a.roles) & _OFFICER_CODES


def _reviewable(s: Session, user: SessionUser, reference: str) -> Application:
    app = officer_application(s, reference, lock=True)
    defn = workflow_for(s, s.get(Service, app.service_id))
    if user.role not in acting_roles(defn, app.status):
        label = defn.state(app.status).label if defn.has_state(app.status) else app.status
        raise ServiceError(
            f"Peran Anda ({role_label(user.role)}) tidak memeriksa berkas pada tahap "
            f"\u201c{label}\u201d."
        )
    return app


def _clean_note(note: str | None, required: bool) -> str:
    text = (note or "").replace("\x00", "").strip()
    if required and not text:
        raise ServiceError("Tuliskan apa yang perlu diperbaiki.", field="note")
    if len(text) > NOTE_MAX:
        raise ServiceError(f"Catatan terlalu panjang (maksimal {NOTE_MAX} karakter).", "note")
    return text


def touch(s: Session, application_id: int) -> None:
    """Tell the live feed the file changed, without moving the officers' version lock."""
    s.execute(
        sa.update(Application).where(Application.id == application_id).values(updated_at=utcnow())
    )


def review_document(
    token: str | None, reference: str, document_id: int, decision: str, note: str = ""
) -> None:
    """Accept (DITERIMA) or flag (PERLU_PERBAIKAN, with a note) the current document."""
    user = require_user(token, OFFICER_ROLES)
    decision = str(decision or "").strip().upper()
    if decision not in (ACCEPTED, FLAGGED):
        raise ServiceError("Pilih: terima dokumen atau tandai perlu perbaikan.")
    text = _clean_note(note, required=decision == FLAGGED)
    with session_scope(write=True) as s:
        app = _reviewable(s, user, reference)
        raw = str(document_id)
        doc = s.get(Document, int(raw)) if raw.isascii() and raw.isdigit() else None
        # Only a requirement's current upload: replaced files, photos and message
        # attachments are not reviewed.
        current = {r.code for r in requirements_for(s, app)}
        if doc is None or doc.application_id != app.id or doc.requirement_code not in current:
            raise NotFound("Dokumen tidak ditemukan pada permohonan ini.")
        doc.review_status, doc.review_note = decision, text
        doc.reviewed_by_id, doc.reviewed_at = user.id, utcnow()
        s.add(doc)
        touch(s, app.id)


def _field_labels(s: Session, app: Application) -> dict[str, str]:
    return {
        f.key: f.label for sec in form_sections(s.get(Service, app.service_id)) for f in sec.fields
    }


def flag_field(token: str | None, reference: str, field_key: str, note: str) -> None:
    """Mark one form field as needing correction, with what to fix."""
    user = require_user(token, OFFICER_ROLES)
    text = _clean_note(note, required=True)
    key = str(field_key or "").strip()[:60]
    with session_scope(write=True) as s:
        app = _reviewable(s, user, reference)
        if key not in _field_labels(s, app):
            raise ServiceError(f"Isian \u201c{key}\u201d tidak ada pada permohonan ini.")
        review = dict(app.form_data.get("review") or {})
        fields = {**review.get("fields", {}), key: {"note": text, "by": user.id}}
        app.form_data = {**app.form_data, "review": {**review, "fields": fields}}
        app.updated_at = utcnow()
        s.add(app)


def clear_field_flag(token: str | None, reference: str, field_key: str) -> None:
    user = require_user(token, OFFICER_ROLES)
    key = str(field_key or "").strip()[:60]
    with session_scope(write=True) as s:
        app = _reviewable(s, user, reference)
        review = dict(app.form_data.get("review") or {})
        fields = dict(review.get("fields", {}))
        if key not in fields:
            raise ServiceError("Isian ini tidak sedang ditandai.")
        del fields[key]
        app.form_data = {**app.form_data, "review": {**review, "fields": fields}}
        app.updated_at = utcnow()
        s.add(app)


def current_documents(s: Session, app: Application) -> dict[str, Document]:
    """Requirement code -> the document now attached for it."""
    rows = s.exec(
        select(Document).where(
            Document.application_id == app.id, Document.requirement_code.is_not(None)
        )
    ).all()
    return {d.requirement_code: d for d in rows}


def flagged_items(s: Session, app: Application) -> list[dict]:
    """The flags of a send-back, in officer_actions.revision_items' shape."""
    items = [
        {"kind": "document", "target": code, "note": doc.review_note}
        for code, doc in current_documents(s, app).items()
        if doc.review_status == FLAGGED
    ]
    fields = (app.form_data.get("review") or {}).get("fields", {})
    items += [{"kind": "field", "target": k, "note": v.get("note", "")} for k, v in fields.items()]
    return items


def start_revision_round(s: Session, app: Application) -> dict:
    """At a send-back: the file as it was, and the field flags handed over to the applicant.

    Returns the snapshot for form_data["revision"]["snapshot"]; the caller stores it
    with the revision items. Field flags are cleared, since they now live in the
    revision checklist and a fresh round starts without them.
    """
    sections = app.form_data.get("sections", {})
    snapshot = {
        "fields": {k: dict(v) for k, v in sections.items()},
        "documents": {code: doc.id for code, doc in current_documents(s, app).items()},
    }
    review = dict(app.form_data.get("review") or {})
    app.form_data = {**app.form_data, "review": {**review, "fields": {}}}
    return snapshot


def shown_value(field, value: str) -> str:
    if field.kind == "checkbox":
        return "Ya" if value else "Tidak"
    if field.kind == "select":
        return dict(field.options).get(value, value) or "-"
    if field.kind == "date" and value:
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return value or "-"


def changes_since_last_round(s: Session, app: Application) -> list[dict[str, str]]:
    """Changed fields (old -> new) and replaced documents since the last send-back.

    Empty while the applicant still holds the file, and when there was no send-back.
    """
    snapshot = (app.form_data.get("revision") or {}).get("snapshot")
    if not snapshot or app.status == REVISION_STATE:
        return []
    out = []
    now_values = app.form_data.get("sections", {})
    for sec in form_sections(s.get(Service, app.service_id)):
        old_sec, new_sec = snapshot["fields"].get(sec.key, {}), now_values.get(sec.key, {})
        for f in sec.fields:
            old, new = str(old_sec.get(f.key, "")), str(new_sec.get(f.key, ""))
            if old != new:
                out.append({"kind": "Isian", "label": f.label, "old": shown_value(f, old),
                            "new": shown_value(f, new), "url": ""})  # fmt: skip
    names = {r.code: r.name for r in requirements_for(s, app)}
    for code, doc in current_documents(s, app).items():
        old_id = snapshot["documents"].get(code)
        if doc.id == old_id:
            continue
        old = s.get(Document, doc.replaces_document_id or old_id or 0)
        out.append({"kind": "Dokumen", "label": names.get(code, code),
                    "old": old.original_name if old else "-", "new": doc.original_name,
                    "url": f"/api/v1/berkas/{doc.id}"})  # fmt: skip
    return out


def reviewer_names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.exec(select(UserAccount.id, UserAccount.full_name).where(UserAccount.id.in_(ids)))
    return dict(rows.all())
