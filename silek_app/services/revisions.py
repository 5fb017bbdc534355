"""The revision loop, applicant side: fix exactly the flagged items, then resubmit.

An officer's KEMBALIKAN stores the flagged items on the application
(form_data["revision"] = {"round", "items": [{kind, target, note}], "requested_at"}).
Only those documents and fields can change, and only while the file is
PERLU_PERBAIKAN; "Kirim perbaikan" moves it back to the office and the SLA clock
resumes (the workflow data marks PERLU_PERBAIKAN as pausing).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.application_form import section_problems
from silek_app.domain.roles import Role
from silek_app.domain.sla import local_date
from silek_app.domain.workflow import REVISION_STATE
from silek_app.models import ApplicantProfile, Application, Document, Service, utcnow
from silek_app.services.application_lookup import by_reference
from silek_app.services.applications import applicant, form_sections, requirements_for
from silek_app.services.documents import UploadRule, store
from silek_app.services.errors import APPLICATION_NOT_FOUND, NotFound, ServiceError
from silek_app.services.workflow_runner import apply_action


def _own_waiting(s: Session, user_id: int, reference: str) -> Application:
    app = by_reference(s, reference)
    if app is None or app.applicant_id != user_id:
        raise NotFound(APPLICATION_NOT_FOUND)
    if app.status != REVISION_STATE:
        raise ServiceError("Permohonan ini tidak sedang menunggu perbaikan.")
    return app


def _parse_time(value) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _items(app: Application, kind: str) -> dict[str, str]:
    items = app.form_data.get("revision", {}).get("items", [])
    return {i["target"]: i.get("note", "") for i in items if i.get("kind") == kind}


def fix_document(
    token: str | None, reference: str, requirement_code: str, filename: str, data: bytes
) -> dict[str, str]:
    """Replace one flagged document (same upload checks as when applying)."""
    user = applicant(token)
    with session_scope() as s:
        app = _own_waiting(s, user.id, reference)
        if requirement_code not in _items(app, "document"):
            raise ServiceError("Dokumen ini tidak diminta untuk diperbaiki.")
        req = next((r for r in requirements_for(s, app) if r.code == requirement_code), None)
        if req is None:
            raise ServiceError("Persyaratan ini tidak berlaku untuk permohonan Anda.")
        rule = UploadRule(app.id, req.code, tuple(req.file_types), req.max_size_mb, REVISION_STATE)
    return store(user.id, rule, filename, data)


def fix_fields(token: str | None, reference: str, values: dict[str, str]) -> dict[str, str]:
    """Change flagged fields only; returns {field: message} (empty when saved)."""
    user = applicant(token)
    with session_scope(write=True) as s:
        app = _own_waiting(s, user.id, reference)
        flagged = set(_items(app, "field"))
        unexpected = {k for k in values if k not in flagged}
        if unexpected:
            raise ServiceError("Hanya isian yang ditandai petugas yang dapat diubah.")
        service = s.get(Service, app.service_id)
        profile = s.exec(
            select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)
        ).first()
        stored = app.form_data.get("sections", {})
        problems: dict[str, str] = {}
        updated = {k: dict(v) for k, v in stored.items()}
        today, birth = local_date(utcnow()), profile.birth_date if profile else None
        for section in form_sections(service):
            keys = {f.key for f in section.fields} & set(values)
            if not keys:
                continue
            merged = {**stored.get(section.key, {}), **{k: str(values[k]).strip() for k in keys}}
            found = section_problems(section, merged, today, birth)
            own = {k: v for k, v in found.items() if k in keys}
            # A rule across fields (no lifetime STR and no valid-until date) broken by
            # this change is reported on the changed field: it may not be stored either.
            earlier = section_problems(section, stored.get(section.key, {}), today, birth)
            caused = [v for k, v in found.items() if k not in keys and earlier.get(k) != v]
            if caused and not own:
                own[next(f.key for f in section.fields if f.key in keys)] = caused[0]
            problems.update(own)
            updated[section.key] = merged
        if problems:
            return problems
        app.form_data = {**app.form_data, "sections": updated}
        app.updated_at = utcnow()
        s.add(app)
        return {}


def send_revision(token: str | None, reference: str) -> str:
    """Resubmit after fixing; every flagged document must have been replaced."""
    user = applicant(token)
    with session_scope(write=True) as s:
        app = _own_waiting(s, user.id, reference)
        revision = app.form_data.get("revision", {})
        requested = _parse_time(revision.get("requested_at"))
        stale = []
        for code in _items(app, "document"):
            doc = s.exec(
                select(Document).where(
                    Document.application_id == app.id, Document.requirement_code == code
                )
            ).first()
            if doc is None or (requested and doc.created_at < requested):
                stale.append(code)
        if stale:
            names = {r.code: r.name for r in requirements_for(s, app)}
            listed = ", ".join(names.get(c, c) for c in stale)
            raise ServiceError(f"Unggah dokumen perbaikan terlebih dahulu: {listed}.")
        apply_action(
            s, app, "KIRIM_PERBAIKAN", actor_id=user.id, role=Role.PEMOHON.value,
            note=f"Perbaikan putaran {revision.get('round', 1)} dikirim.",
        )  # fmt: skip
        app.form_data = {
            **app.form_data,
            "revision": {**revision, "resolved_at": utcnow().isoformat()},
        }
        s.add(app)
        return app.reference_number
