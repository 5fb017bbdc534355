"""Renewal ("Perpanjang"): a new PERPANJANGAN draft pre-filled from an issued permit.

The old application's answers and the old permit link carry over; earlier documents
stay in the applicant's library, so KTP, STR and photo are one tap to reuse.
"""

from __future__ import annotations

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import Application, Permit, Service, utcnow
from silek_app.services.application_lookup import by_reference
from silek_app.services.applications import applicant, open_draft
from silek_app.services.errors import APPLICATION_NOT_FOUND, NotFound, ServiceError

RENEWABLE = {"AKTIF", "KEDALUWARSA"}


def start_renewal(token: str | None, reference: str) -> str:
    """Create (or reset) the renewal draft; returns the service code for the form URL."""
    user = applicant(token)
    with session_scope(write=True) as s:
        old = by_reference(s, reference)
        if old is None or old.applicant_id != user.id:
            raise NotFound(APPLICATION_NOT_FOUND)
        permit = s.exec(select(Permit).where(Permit.application_id == old.id)).first()
        if permit is None or permit.status not in RENEWABLE:
            raise ServiceError(
                "Hanya izin yang sudah terbit dan tidak dicabut yang dapat diperpanjang."
            )
        service = s.get(Service, old.service_id)
        if "PERPANJANGAN" not in service.jenis_allowed:
            raise ServiceError("Layanan ini tidak menerima permohonan perpanjangan.")
        draft = open_draft(s, user.id, service.id) or Application(
            applicant_id=user.id, service_id=service.id, jenis="PERPANJANGAN", status="DRAFT"
        )
        sections = old.form_data.get("sections", {})
        draft.jenis = "PERPANJANGAN"
        draft.practice_kind = old.practice_kind
        draft.practice_place_no = old.practice_place_no
        draft.previous_permit_id = permit.id
        draft.form_data = {
            "sections": sections,
            # Pre-filled sections still need the applicant's confirmation: nothing is
            # marked done, so each is reviewed once before submission.
            "done": [],
            "precheck": old.form_data.get("precheck", {}),
            "renewal_of": {"reference": old.reference_number, "permit": permit.number},
        }
        draft.updated_at = utcnow()
        s.add(draft)
        return service.code
