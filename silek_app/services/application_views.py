"""Read models of the applicant's draft, as the application pages show them."""

from __future__ import annotations

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.catalog_types import CONDITION_LABELS
from silek_app.domain.jenis import JENIS_LABELS, JENIS_ORDER
from silek_app.domain.uploads import KIND_LABELS
from silek_app.models import Document
from silek_app.services.applications import (
    PRACTICE_KINDS,
    applicant,
    form_sections,
    is_sip,
    missing_for_submit,
    open_draft,
    requirements_for,
    service_by_code,
)
from silek_app.services.documents import doc_view


def draft_view(token: str | None, service_code: str) -> dict:
    """Everything /permohonan/baru/<kode> renders: pre-check, sections, slots, blockers."""
    user = applicant(token)
    with session_scope() as s:
        service = service_by_code(s, service_code)
        draft = open_draft(s, user.id, service.id)
        base = {
            "service": {"code": service.code, "name": service.name, "sla": str(service.sla_days)},
            "is_sip": is_sip(service),
            "jenis_options": [
                {"value": j, "label": JENIS_LABELS[j]} for j in JENIS_ORDER
                if j in service.jenis_allowed
            ],
            "practice_kinds": [{"value": k, "label": v} for k, v in PRACTICE_KINDS.items()],
            "has_draft": draft is not None,
        }  # fmt: skip
        if draft is None:
            return {**base, "precheck": {}, "sections": [], "slots": [], "missing": []}
        sections = draft.form_data.get("sections", {})
        done = set(draft.form_data.get("done", []))
        attached = {
            d.requirement_code: d
            for d in s.exec(select(Document).where(Document.application_id == draft.id)).all()
        }
        slots = [
            {
                "code": r.code, "name": r.name, "description": r.description,
                "mandatory": r.mandatory,
                "types": ", ".join(KIND_LABELS.get(t, t) for t in r.file_types),
                "accept": ",".join(f".{t}" for t in r.file_types),
                "max_size_mb": r.max_size_mb, "template": r.template or "",
                "condition": CONDITION_LABELS.get(r.condition or "", ""),
                "document": doc_view(attached[r.code]) if r.code in attached else None,
            }
            for r in requirements_for(s, draft)
        ]  # fmt: skip
        return {
            **base,
            "draft_id": draft.id,
            "precheck": {
                "jenis": draft.jenis,
                "practice_kind": draft.practice_kind or "",
                "place_no": str(draft.practice_place_no or ""),
                "is_asn": bool(draft.form_data.get("precheck", {}).get("is_asn")),
            },
            "sections": [
                {
                    "key": sec.key,
                    "title": sec.title,
                    "done": sec.key in done,
                    "values": {f.key: sections.get(sec.key, {}).get(f.key, "") for f in sec.fields},
                    "fields": [
                        {
                            "key": f.key,
                            "label": f.label,
                            "kind": f.kind,
                            "required": f.required,
                            "hint": f.hint,
                            "options": [list(o) for o in f.options],
                        }
                        for f in sec.fields
                    ],
                }
                for sec in form_sections(service)
            ],  # fmt: skip
            "slots": slots,
            "missing": missing_for_submit(s, draft, service),
        }


def receipt(token: str | None, reference: str) -> dict[str, str]:
    """The confirmation / printable receipt of a submitted application (owner only)."""
    from silek_app.domain.numbering import parse_reference
    from silek_app.domain.sla import local_date
    from silek_app.models import Application, Service, UserAccount, utcnow
    from silek_app.services.errors import NotFound
    from silek_app.services.prediction import completion_facts_in

    user = applicant(token)
    not_found = NotFound("Nomor registrasi tidak ditemukan di antara permohonan Anda.")
    if parse_reference(reference or "") is None:
        raise not_found
    with session_scope() as s:
        app = s.exec(
            select(Application).where(Application.reference_number == reference.strip().upper())
        ).first()
        if app is None or app.applicant_id != user.id:
            raise not_found  # someone else's number looks exactly like a missing one
        service = s.get(Service, app.service_id)
        account = s.get(UserAccount, user.id)
        completion = completion_facts_in(s, app.id, utcnow())
    return {
        "reference": app.reference_number,
        "service_name": service.name,
        "jenis_label": JENIS_LABELS.get(app.jenis, app.jenis),
        "applicant": account.full_name,
        "submitted": local_date(app.submitted_at).strftime("%d-%m-%Y") if app.submitted_at else "",
        "sla_days": str(service.sla_days),
        "complaints": "; ".join(service.complaint_channels),
        **completion,  # the legal due date and the prediction, as on the detail page
    }
