"""The applicant's side of an application: pre-check, draft sections, submission.

One open draft per applicant and service, so "save and return" works from any
device: opening /permohonan/baru/<kode> again resumes it. Submitting is idempotent:
double clicks, two tabs or a retry after reconnect all end in one application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.application_form import Section, section_problems, sections_for
from silek_app.domain.catalog_types import requirement_conditions
from silek_app.domain.jenis import JENIS_LABELS
from silek_app.domain.numbering import format_reference, reference_scope
from silek_app.domain.roles import Role
from silek_app.domain.sla import expected_completion, local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import (
    ApplicantProfile,
    Application,
    Document,
    Permit,
    Service,
    ServiceRequirement,
    UserAccount,
    utcnow,
)
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.sequences import next_value
from silek_app.services.workflow_runner import apply_action, workflow_for

APPLICANT = frozenset({Role.PEMOHON})
PRACTICE_KINDS = {"MANDIRI": "Praktik mandiri", "FASYANKES": "Di fasilitas pelayanan kesehatan"}
OPEN_END_STATES = {"DRAFT", "TERBIT", "DITOLAK", "DIBATALKAN"}


@dataclass(frozen=True)
class PreCheck:
    jenis: str
    practice_kind: str | None = None  # SIP services only
    place_no: int | None = None  # SIP services only, 1..3
    is_asn: bool = False


def applicant(token: str | None) -> SessionUser:
    return require_user(token, APPLICANT)


def service_by_code(s: Session, code: str) -> Service:
    code = (code or "").strip()[:16]
    # Case-insensitive but exact: ilike() would treat "_" and "%" in the URL as wildcards.
    row = s.exec(
        select(Service).where(func.upper(Service.code) == code.upper(), Service.is_active)
    ).first()
    if row is None:
        raise NotFound(f"Layanan dengan kode '{code}' tidak ditemukan.")
    return row


def is_sip(service: Service) -> bool:
    return bool(service.profession) and (service.max_practice_places or 0) > 1


def open_draft(s: Session, user_id: int, service_id: int) -> Application | None:
    return s.exec(
        select(Application).where(
            Application.applicant_id == user_id,
            Application.service_id == service_id,
            Application.status == "DRAFT",
        )
    ).first()


def conditions(app: Application) -> set[str]:
    """Which conditional requirements apply, from the pre-check answers."""
    is_asn = bool(app.form_data.get("precheck", {}).get("is_asn"))
    return requirement_conditions(app.practice_kind, app.practice_place_no, is_asn)


def requirements_for(s: Session, app: Application) -> list[ServiceRequirement]:
    rows = s.exec(
        select(ServiceRequirement)
        .where(ServiceRequirement.service_id == app.service_id)
        .order_by(ServiceRequirement.sort_order)
    ).all()
    active = conditions(app)
    return [
        r for r in rows if app.jenis in r.jenis and (r.condition is None or r.condition in active)
    ]


def _precheck_problem(s: Session, user_id: int, service: Service, pc: PreCheck) -> str | None:
    if pc.jenis not in service.jenis_allowed:
        return "Jenis permohonan tidak tersedia untuk layanan ini."
    if not is_sip(service):
        return None
    if pc.practice_kind not in PRACTICE_KINDS:
        return "Pilih jenis tempat praktik: mandiri atau di fasilitas pelayanan kesehatan."
    if pc.place_no not in (1, 2, 3):
        return "Pilih tempat praktik ke-1, ke-2, atau ke-3."
    if pc.jenis == "BARU":
        held = _sips_held(s, user_id, service.profession)
        if held >= service.max_practice_places:
            return (
                f"Anda sudah memiliki atau sedang mengajukan {held} SIP untuk profesi ini. "
                f"Batas maksimal adalah {service.max_practice_places} SIP (satu per tempat "
                "praktik). Ajukan pencabutan salah satu SIP bila ingin pindah tempat praktik."
            )
    return None


def _sips_held(s: Session, user_id: int, profession: str) -> int:
    """Active SIPs plus new-SIP applications in progress, for one profession."""
    same = select(Service.id).where(Service.profession == profession)
    permits = s.exec(
        select(func.count(Permit.id)).where(
            Permit.holder_id == user_id, Permit.status == "AKTIF", Permit.service_id.in_(same)
        )
    ).one()
    pending = s.exec(
        select(func.count(Application.id)).where(
            Application.applicant_id == user_id,
            Application.jenis == "BARU",
            Application.service_id.in_(same),
            Application.status.not_in(OPEN_END_STATES),
        )
    ).one()
    return permits + pending


def _prefill(s: Session, user_id: int, service: Service) -> dict[str, dict[str, str]]:
    """Start a draft from the applicant's profile (GOV.UK: never ask twice)."""
    user = s.get(UserAccount, user_id)
    p = s.exec(select(ApplicantProfile).where(ApplicantProfile.user_id == user_id)).first()
    if p is None:
        return {}
    pemohon = {
        "name_on_permit": p.name_on_permit, "birth_place": p.birth_place,
        "birth_date": p.birth_date.isoformat() if p.birth_date else "", "address": p.address,
        "kelurahan_code": p.kelurahan_code or "", "phone": p.phone or user.phone,
        "email": p.email or user.email,
    }  # fmt: skip
    out = {"pemohon": pemohon}
    if is_sip(service):
        out["profesi"] = {
            "str_number": p.str_number or "", "str_lifetime": "1" if p.str_lifetime else "",
            "str_valid_until": p.str_valid_until.isoformat() if p.str_valid_until else "",
        }  # fmt: skip
    if service.category in {"FAS", "PS"} and p.nib:
        out["usaha"] = {"nib": p.nib}
    return out


def save_precheck(token: str | None, service_code: str, pc: PreCheck) -> int:
    """Create or update the draft from the pre-check answers; returns the draft id."""
    user = applicant(token)
    with session_scope(write=True) as s:
        service = service_by_code(s, service_code)
        problem = _precheck_problem(s, user.id, service, pc)
        if problem:
            raise ServiceError(problem)
        draft = open_draft(s, user.id, service.id)
        if draft is None:
            draft = Application(
                applicant_id=user.id, service_id=service.id, jenis=pc.jenis, status="DRAFT",
                form_data={"sections": _prefill(s, user.id, service), "done": []},
            )  # fmt: skip
        draft.jenis = pc.jenis
        draft.practice_kind = pc.practice_kind if is_sip(service) else None
        draft.practice_place_no = pc.place_no if is_sip(service) else None
        draft.form_data = {**draft.form_data, "precheck": {"is_asn": bool(pc.is_asn)}}
        draft.updated_at = utcnow()
        s.add(draft)
        s.flush()
        # Uploads for requirements the new answers no longer ask for (e.g. the NPWP of a
        # practice that is no longer "mandiri") leave the application, as a replaced
        # upload does: the applicant no longer sees them, so officers must not either.
        wanted = {r.code for r in requirements_for(s, draft)}
        for doc in s.exec(select(Document).where(Document.application_id == draft.id)).all():
            if doc.requirement_code not in wanted:
                doc.application_id = None
                s.add(doc)
        return draft.id


def form_sections(service: Service) -> tuple[Section, ...]:
    return sections_for(service.category, is_sip(service))


def save_section(
    token: str | None, service_code: str, section_key: str, values: dict[str, str]
) -> dict[str, str]:
    """Validate and store one section; returns {field: message} (empty when saved)."""
    user = applicant(token)
    with session_scope(write=True) as s:
        service = service_by_code(s, service_code)
        draft = open_draft(s, user.id, service.id)
        if draft is None:
            raise ServiceError("Isi langkah awal (jenis permohonan) terlebih dahulu.")
        section = next((x for x in form_sections(service) if x.key == section_key), None)
        if section is None:
            raise ServiceError("Bagian formulir tidak dikenal.")
        clean = {f.key: str(values.get(f.key, "") or "").strip() for f in section.fields}
        profile = s.exec(
            select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)
        ).first()
        birth = profile.birth_date if profile else None
        problems = section_problems(section, clean, local_date(utcnow()), birth)
        if problems:
            return problems  # nothing stored: the page shows every message at once
        data = dict(draft.form_data)
        data["sections"] = {**data.get("sections", {}), section_key: clean}
        data["done"] = sorted({*data.get("done", []), section_key})
        draft.form_data = data
        draft.updated_at = utcnow()
        s.add(draft)
        return {}


def missing_for_submit(s: Session, draft: Application, service: Service) -> list[str]:
    """Everything that still blocks submission, as sentences for the review page."""
    missing = [
        f"Bagian \u201c{sec.title}\u201d belum lengkap."
        for sec in form_sections(service)
        if sec.key not in draft.form_data.get("done", [])
    ]
    attached = {
        d.requirement_code
        for d in s.exec(select(Document).where(Document.application_id == draft.id)).all()
    }
    missing += [
        f"Dokumen wajib belum diunggah: {r.name}."
        for r in requirements_for(s, draft)
        if r.mandatory and r.code not in attached
    ]
    return missing


@dataclass(frozen=True)
class Submitted:
    reference: str
    expected_date: dt.date
    service_name: str
    jenis_label: str


KEY_REFUSED = "Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi."


def submit(token: str | None, service_code: str, idempotency_key: str) -> Submitted:
    """Submit the open draft; a repeated call with the same key returns the same result."""
    user = applicant(token)
    key = (idempotency_key or "").strip()[:64]
    if len(key) < 16:
        raise ServiceError("Permintaan tidak lengkap. Muat ulang halaman lalu coba lagi.")
    try:
        return _submit(user, service_code, key)
    except IntegrityError:
        # Last resort for a race the lock below did not serialise: answer from what
        # committed, never with a database error.
        with session_scope() as s:
            done = _by_key(s, key)
            if done is not None and done.applicant_id == user.id:
                return _submitted(s, done)
        raise ServiceError(KEY_REFUSED) from None


def _by_key(s: Session, key: str) -> Application | None:
    return s.exec(select(Application).where(Application.idempotency_key == key)).first()


def _submit(user: SessionUser, service_code: str, key: str) -> Submitted:
    with session_scope(write=True) as s:
        service = service_by_code(s, service_code)
        # Lock the draft before looking for an earlier answer to this key: a concurrent
        # submit (PostgreSQL) waits here, then finds the draft gone and the key's
        # committed result, instead of failing on the version check.
        draft = s.exec(
            select(Application)
            .where(
                Application.applicant_id == user.id,
                Application.service_id == service.id,
                Application.status == "DRAFT",
            )
            .with_for_update()
        ).first()
        done = _by_key(s, key)
        if done is not None:
            if done.applicant_id != user.id:  # keys are unique across all applicants
                raise ServiceError(KEY_REFUSED)
            return _submitted(s, done)
        if draft is None:
            raise ServiceError("Tidak ada draf permohonan untuk layanan ini.")
        missing = missing_for_submit(s, draft, service)
        if missing:
            raise ServiceError("Permohonan belum dapat dikirim. " + " ".join(missing))
        now = utcnow()
        today = local_date(now)
        draft.reference_number = format_reference(today, next_value(s, reference_scope(today)))
        draft.idempotency_key = key
        draft.submitted_at = now
        s.add(draft)
        s.flush()
        apply_action(s, draft, "AJUKAN", actor_id=user.id, role=Role.PEMOHON.value)
        draft.sla_due_date = expected_completion(default_calendar(), now, service.sla_days)
        s.add(draft)
        return _submitted(s, draft)


def _submitted(s: Session, app: Application) -> Submitted:
    service = s.get(Service, app.service_id)
    return Submitted(
        reference=app.reference_number or "",
        expected_date=app.sla_due_date
        or expected_completion(default_calendar(), app.submitted_at or utcnow(), service.sla_days),
        service_name=service.name,
        jenis_label=JENIS_LABELS.get(app.jenis, app.jenis),
    )


def cancel_draft(token: str | None, service_code: str) -> None:
    user = applicant(token)
    with session_scope(write=True) as s:
        service = service_by_code(s, service_code)
        draft = open_draft(s, user.id, service.id)
        if draft is None:
            raise NotFound("Tidak ada draf untuk dibatalkan.")
        apply_action(s, draft, "BATALKAN", actor_id=user.id, role=Role.PEMOHON.value)


__all__ = ["PRACTICE_KINDS", "PreCheck", "Submitted", "workflow_for"]
