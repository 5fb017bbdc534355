"""Issuing permits (number, validity, QR token, signed PDF) and giving them to their holder.

The permit is issued inside the transaction of the signing action: the number comes
from the gap-free counter of the service and year (its row stays locked until the
transaction ends, and the unique constraints on Permit are the last line of defence),
and the PDF file is removed again if that transaction does not commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from silek_app import settings
from silek_app.db import session_scope
from silek_app.domain.nik import mask_nik
from silek_app.domain.numbering import format_permit_number, permit_scope
from silek_app.domain.permit_pdf import PermitData, add_months, format_date, render_permit_pdf
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.domain.sla import local_date
from silek_app.domain.wilayah import full_address
from silek_app.models import (
    ApplicantProfile,
    Application,
    Permit,
    Service,
    SkmResponse,
    UserAccount,
    utcnow,
)
from silek_app.services import storage
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.permit_signing import DEEMED_SIGNER, sign_permit
from silek_app.services.sequences import next_value

PUBLIC_BASE_URL = os.environ.get("SILEK_PUBLIC_URL", "http://localhost:3000").rstrip("/")
ISSUED_STATUS = "TERBIT"
HASH_NOTE = "Sidik digital (SHA-256) berkas ini tercatat di SILEK dan dapat dicocokkan."
_NOT_FOUND = "Permohonan tidak ditemukan atau bukan milik Anda."
_PENDING = "silek_permit_files_pending"


def verification_url(qr_token: str) -> str:
    return f"{PUBLIC_BASE_URL}/verifikasi/{qr_token}"


# ---------------------------------------------------------------- issuing


def _forget_files(session: Session) -> None:
    session.info.pop(_PENDING, None)


def _drop_files(session: Session, transaction) -> None:
    # Only the outermost transaction decides; a committed one was cleared in after_commit.
    if transaction.parent is None:
        for key in session.info.pop(_PENDING, []):
            storage.delete(key)


def _delete_unless_committed(s: Session, key: str) -> None:
    """Remove the stored file if the caller's transaction rolls back or is abandoned."""
    if not s.info.get(_PENDING + "_hooked"):
        sa.event.listen(s, "after_commit", _forget_files)
        sa.event.listen(s, "after_transaction_end", _drop_files)
        s.info[_PENDING + "_hooked"] = True
    s.info.setdefault(_PENDING, []).append(key)


def _profession_label(service: Service) -> str | None:
    if not service.profession:
        return None
    prefix = "Surat Izin Praktik "
    if service.name.startswith(prefix):
        return service.name[len(prefix) :]
    return service.profession.replace("_", " ").title()


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _profile(s: Session, app: Application) -> ApplicantProfile | None:
    return s.exec(
        select(ApplicantProfile).where(ApplicantProfile.user_id == app.applicant_id)
    ).first()


def holder_name(s: Session, app: Application, profile: ApplicantProfile | None = None) -> str:
    """The name printed on the permit: the form's, else the profile's, else the account's."""
    person = app.form_data.get("sections", {}).get("pemohon", {})
    profile = profile or _profile(s, app)
    name = person.get("name_on_permit") or (profile.name_on_permit if profile else "")
    return name or s.get(UserAccount, app.applicant_id).full_name


def permit_data(
    s: Session, app: Application, service: Service, permit: Permit, signer: UserAccount | None
) -> PermitData:
    """What the PDF prints, from the submitted form with the profile as fallback."""
    sections = app.form_data.get("sections", {})
    person, prof = sections.get("pemohon", {}), sections.get("profesi", {})
    place, biz = sections.get("tempat_praktik", {}), sections.get("usaha", {})
    profile = _profile(s, app)
    birth = _iso_date(person.get("birth_date", "")) or (profile.birth_date if profile else None)
    address = person.get("address") or (profile.address if profile else "")
    return PermitData(
        number=permit.number,
        service_name=service.name,
        product=service.name,
        holder_name=holder_name(s, app, profile),
        holder_nik_masked=mask_nik(profile.nik) if profile else "-",
        birth_place=person.get("birth_place") or (profile.birth_place if profile else ""),
        birth_date=birth,
        address=full_address(address, person.get("kelurahan_code", "")),
        issued_date=local_date(permit.issued_at),
        valid_until=permit.valid_until,
        signer_name=signer.full_name if signer else DEEMED_SIGNER,
        signer_position=settings.SIGNER_POSITION,
        verification_url=verification_url(permit.qr_token),
        legal_basis=tuple(service.legal_basis),
        profession=_profession_label(service),
        str_number=prof.get("str_number") or (profile.str_number if profile else None),
        practice_place_name=place.get("practice_name") or None,
        practice_place_address=full_address(
            place.get("practice_address", ""), place.get("practice_kelurahan", "")
        )
        or None,
        business_name=biz.get("business_name") or None,
        business_nib=biz.get("nib") or None,
        business_address=full_address(
            biz.get("business_address", ""), biz.get("business_kelurahan", "")
        )
        or None,
        document_hash_note=HASH_NOTE,
    )


def issue_permit(
    s: Session,
    application: Application,
    signer: UserAccount | None,
    *,
    now: dt.datetime | None = None,
    passphrase: str = "",
) -> Permit:
    """Number, render, sign and store the permit of ``application`` in the caller's transaction.

    ``signer`` None means deemed approval: the office's own job issues the permit
    because the service's policy says so, and the signature record says so. The
    configured signer (services.permit_signing) may hand back a replaced document
    (BSrE returns a signed PDF); that is what is stored and hashed. ``passphrase``
    is only for signers that need the official's secret; it is never stored.
    ``now`` exists for tests of the year boundary; the year is the WIB year.
    """
    existing = s.exec(select(Permit).where(Permit.application_id == application.id)).first()
    if existing is not None:
        raise ServiceError("Izin untuk permohonan ini sudah diterbitkan.")
    service = s.get(Service, application.service_id)
    now = now or utcnow()
    issued = local_date(now)
    year = issued.year
    months = service.validity_months
    seq = next_value(s, permit_scope(service.code, year))
    permit = Permit(
        application_id=application.id,
        service_id=service.id,
        holder_id=application.applicant_id,
        number=format_permit_number(settings.PERMIT_NUMBER_PREFIX, seq, service.code, year),
        seq=seq,
        year=year,
        issued_at=now,
        valid_until=add_months(issued, months) if months else None,
        qr_token=secrets.token_urlsafe(24),
        status="AKTIF",
        signed_by_id=signer.id if signer else None,
    )
    rendered = render_permit_pdf(permit_data(s, application, service, permit, signer))
    signed = sign_permit(rendered, signer, service, now, passphrase)
    pdf, record = signed.document, signed.record
    key = storage.new_key(".pdf")
    _delete_unless_committed(s, key)  # registered first: a failed write leaves nothing either
    storage.write(key, pdf)
    permit.pdf_storage_key = key
    permit.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    permit.signature_method = record.method
    permit.signature_value = record.value
    permit.signer_name = record.signer_name[:150]
    permit.signer_position = record.signer_position[:150]
    permit.signed_at = record.signed_at
    s.add(permit)
    s.flush()
    return permit


# ---------------------------------------------------------------- holder side


def permit_status(permit: Permit, today: dt.date) -> str:
    """AKTIF, DICABUT (revoked) or KEDALUWARSA (today is after the last valid day)."""
    if permit.status == "DICABUT" or permit.revoked_at is not None:
        return "DICABUT"
    if permit.valid_until is not None and today > permit.valid_until:
        return "KEDALUWARSA"
    return "AKTIF"


def permit_links(permit: Permit, reference: str) -> dict[str, str]:
    """Where officers open a permit: its public verification page and its signed PDF
    (none for generated demo history, which was never rendered)."""
    return {
        "verify_path": f"/verifikasi/{permit.qr_token}",
        "pdf_path": f"/api/v1/izin/{reference}" if permit.pdf_storage_key else "",
    }


def owned_application(s: Session, user: SessionUser, reference: str) -> Application:
    """The applicant's own submitted application; anyone else's is simply not found."""
    ref = (reference or "").strip().upper()[:20]
    app = s.exec(select(Application).where(Application.reference_number == ref)).first()
    if app is None or app.applicant_id != user.id:
        raise NotFound(_NOT_FOUND)
    return app


def permit_of(s: Session, app: Application) -> Permit | None:
    return s.exec(select(Permit).where(Permit.application_id == app.id)).first()


def download_state(token: str | None, reference: str) -> dict:
    """What the applicant's "izin terbit" step needs: issued?, survey done?, the permit."""
    user = require_user(token)
    with session_scope() as s:
        app = owned_application(s, user, reference)
        permit = permit_of(s, app) if app.status == ISSUED_STATUS else None
        survey = s.exec(select(SkmResponse.id).where(SkmResponse.application_id == app.id)).first()
        today = local_date(utcnow())
        until = permit.valid_until if permit else None
        return {
            "reference": app.reference_number,
            "issued": permit is not None,
            "survey_done": survey is not None or bool(app.form_data.get("skm_skipped")),
            "number": permit.number if permit else "",
            "valid_until": until.isoformat() if until else "",
            "valid_until_label": format_date(until) if until else "",
            "status": permit_status(permit, today) if permit else "",
        }


def download_name(permit: Permit) -> str:
    return "Izin_" + permit.number.replace("/", "-") + ".pdf"


def permit_file(token: str | None, reference: str) -> tuple[Path, str]:
    """(path, download name) of the issued PDF, for its holder or an officer."""
    user = require_user(token)
    with session_scope() as s:
        ref = (reference or "").strip().upper()[:20]
        app = s.exec(select(Application).where(Application.reference_number == ref)).first()
        allowed = app is not None and (
            app.applicant_id == user.id or Role(user.role) in OFFICER_ROLES
        )
        if not allowed:
            raise NotFound(_NOT_FOUND)
        permit = permit_of(s, app)
        if permit is None or not permit.pdf_storage_key:
            raise NotFound("Izin untuk permohonan ini belum terbit.")
        return storage.path_for(permit.pdf_storage_key), download_name(permit)
