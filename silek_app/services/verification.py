"""Public verification of an issued permit by the token in its QR code (issue 4 §5).

Anyone may ask, without logging in, so the answer holds only what the permit itself
shows publicly: status, holder's name, service, number and dates, and for a revoked
permit when and why. Never the NIK, address or birth date. Any token that is not
exactly a known permit's (unknown, malformed, over-long) gets the same "not valid"
answer, never an error.
"""

from __future__ import annotations

import re

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.permit_pdf import format_date
from silek_app.domain.sla import local_date
from silek_app.models import Application, Permit, Service, utcnow
from silek_app.services.permit_signing import signature_intact
from silek_app.services.permits import holder_name, permit_status

# secrets.token_urlsafe(24) makes 32 characters; the column allows 64.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
STATUS_LABELS = {"AKTIF": "Aktif", "DICABUT": "Dicabut", "KEDALUWARSA": "Kedaluwarsa"}
NOT_VALID = (
    "Kode verifikasi tidak dikenal. Dokumen yang memuat kode ini bukan izin yang "
    "diterbitkan DPMPTSP Kota Solok melalui SILEK."
)
TAMPERED = (
    "Catatan penandatanganan izin ini tidak dapat dipastikan keasliannya. "
    "Hubungi DPMPTSP Kota Solok."
)
NO_LIMIT = "Selama pemegang izin memenuhi persyaratan"


def not_valid(message: str = NOT_VALID) -> dict:
    return {"valid": False, "message": message}


def _clean(token: object) -> str | None:
    text = token if isinstance(token, str) else ""
    return text if _TOKEN.fullmatch(text) else None


def verify(token: object) -> dict:
    """{"valid": True, status, holder_name, ...} for a known permit, else not_valid()."""
    clean = _clean(token)
    if clean is None:
        return not_valid()
    with session_scope() as s:
        permit = s.exec(select(Permit).where(Permit.qr_token == clean)).first()
        if permit is None:
            return not_valid()
        if signature_intact(permit) is False:
            return not_valid(TAMPERED)
        app = s.get(Application, permit.application_id)
        service = s.get(Service, permit.service_id)
        status = permit_status(permit, local_date(utcnow()))
        issued = local_date(permit.issued_at)
        revoked = local_date(permit.revoked_at) if permit.revoked_at else None
        until = permit.valid_until
        return {
            "valid": True,
            "status": status,
            "status_label": STATUS_LABELS[status],
            "holder_name": holder_name(s, app),
            "service_name": service.name,
            "number": permit.number,
            "issued_date": issued.isoformat(),
            "issued_label": format_date(issued),
            "valid_until": until.isoformat() if until else "",
            "valid_until_label": format_date(until) if until else NO_LIMIT,
            "revoked_date": revoked.isoformat() if revoked else "",
            "revoked_label": format_date(revoked) if revoked else "",
            "revoke_reason": permit.revoke_reason if status == "DICABUT" else "",
        }
