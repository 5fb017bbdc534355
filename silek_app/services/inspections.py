"""Berita Acara Pemeriksaan (BAP): the report of a field visit, with its photos.

The report is written by whoever works the file in TINJAUAN_LAPANGAN, read from
the workflow data: the Dinas Kesehatan technical team in the health flows, the
back office in the billboard flow (it surveys the sign's location). One report
per stay in that state: saving again updates it, and a file that comes back for a
second visit needs a new one. Moving the file on from the visit towards approval
is refused until the report of the current stay exists (officer_actions.act).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.roles import OFFICER_ROLES, role_label
from silek_app.domain.sla import WIB, local_date
from silek_app.domain.workflow import FIELD_VISIT_STATE, WorkflowDefinition
from silek_app.models import Application, Document, InspectionReport, Service, StatusEvent, utcnow
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.documents import UploadRule, doc_view, store
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.file_review import acting_roles, officer_application, touch
from silek_app.services.workflow_runner import workflow_for

RESULTS = {
    "MEMENUHI": "Memenuhi persyaratan",
    "MEMENUHI_DENGAN_CATATAN": "Memenuhi persyaratan dengan catatan",
    "TIDAK_MEMENUHI": "Tidak memenuhi persyaratan",
}
PHOTO_TYPES = ("jpg", "png")
PHOTO_MAX_MB = 5
MAX_PHOTOS = 12
MAX_OFFICERS = 10
NOTES_MAX = 4000
NO_REPORT = (
    "Isi dan simpan Berita Acara Pemeriksaan (BAP) kunjungan lapangan terlebih dahulu "
    "sebelum meneruskan berkas."
)


def _writable(s: Session, user: SessionUser, reference: str) -> tuple[Application, Service]:
    app = officer_application(s, reference, lock=True)
    service = s.get(Service, app.service_id)
    if app.status != FIELD_VISIT_STATE:
        raise ServiceError("BAP hanya dapat diisi saat berkas dalam tahap kunjungan lapangan.")
    if user.role not in acting_roles(workflow_for(s, service), app.status):
        raise ServiceError(f"Peran Anda ({role_label(user.role)}) tidak berwenang mengisi BAP.")
    return app, service


def current_report(s: Session, app: Application) -> InspectionReport | None:
    """The report of the file's current stay in the visit state, if written."""
    if app.status != FIELD_VISIT_STATE:
        return None
    return s.exec(
        select(InspectionReport)
        .where(
            InspectionReport.application_id == app.id,
            InspectionReport.created_at >= app.state_entered_at,
        )
        .order_by(InspectionReport.id.desc())
    ).first()


def _visit_date(value) -> dt.date:
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ServiceError("Isi tanggal kunjungan dengan benar.", field="visit_date") from None
    if day > local_date(utcnow()):
        raise ServiceError("Tanggal kunjungan tidak boleh di masa depan.", field="visit_date")
    return day


def _officers(value) -> list[str]:
    raw = value.splitlines() if isinstance(value, str) else list(value or [])
    names = [" ".join(str(n).split())[:120] for n in raw if str(n).strip()]
    if not names:
        raise ServiceError("Tuliskan nama petugas yang melakukan kunjungan.", field="officers")
    if len(names) > MAX_OFFICERS:
        raise ServiceError(f"Paling banyak {MAX_OFFICERS} petugas.", field="officers")
    return names


def save_report(
    token: str | None, reference: str, visit_date, officers, result: str, notes: str = ""
) -> dict[str, str]:
    """Write or update the BAP of the current visit; returns its id."""
    user = require_user(token, OFFICER_ROLES)
    result = str(result or "").strip().upper()
    if result not in RESULTS:
        raise ServiceError("Pilih hasil pemeriksaan.", field="result")
    text = str(notes or "").replace("\x00", "").strip()
    if result != "MEMENUHI" and not text:
        raise ServiceError("Tuliskan catatan temuan pemeriksaan.", field="notes")
    if len(text) > NOTES_MAX:
        raise ServiceError(f"Catatan terlalu panjang (maksimal {NOTES_MAX} karakter).", "notes")
    day, names = _visit_date(visit_date), _officers(officers)
    with session_scope(write=True) as s:
        app, _ = _writable(s, user, reference)
        if app.submitted_at and day < local_date(app.submitted_at):
            raise ServiceError(
                "Tanggal kunjungan tidak boleh sebelum permohonan diajukan.", field="visit_date"
            )
        report = current_report(s, app) or InspectionReport(
            application_id=app.id, visit_date=day, result=result, created_by_id=user.id
        )
        report.visit_date, report.officers, report.result, report.notes = day, names, result, text
        report.updated_at = utcnow()
        s.add(report)
        touch(s, app.id)
        s.flush()
        return {"id": str(report.id)}


def add_photo(token: str | None, reference: str, filename: str, data: bytes) -> dict[str, str]:
    """Attach one photo to the current BAP, checked like every other upload."""
    user = require_user(token, OFFICER_ROLES)
    with session_scope() as s:  # read-only pass: find the rule before touching the disk
        app, _ = _writable(s, user, reference)
        report = current_report(s, app)
        if report is None:
            raise ServiceError("Simpan BAP terlebih dahulu, lalu lampirkan fotonya.")
        photos = s.exec(select(Document.id).where(Document.inspection_report_id == report.id))
        if len(photos.all()) >= MAX_PHOTOS:
            raise ServiceError(f"Paling banyak {MAX_PHOTOS} foto per BAP.")
        rule = UploadRule(app.id, "", PHOTO_TYPES, PHOTO_MAX_MB, FIELD_VISIT_STATE, report.id)
    return store(user.id, rule, filename, data)


def remove_photo(token: str | None, reference: str, document_id) -> None:
    user = require_user(token, OFFICER_ROLES)
    raw = str(document_id)
    with session_scope(write=True) as s:
        app, _ = _writable(s, user, reference)
        report = current_report(s, app)
        doc = s.get(Document, int(raw)) if raw.isascii() and raw.isdigit() else None
        if report is None or doc is None or doc.inspection_report_id != report.id:
            raise NotFound("Foto tidak ditemukan pada BAP ini.")
        # The row stays for the audit (who uploaded what); it just leaves the report.
        doc.inspection_report_id, doc.application_id = None, None
        s.add(doc)
        touch(s, app.id)


def needs_report(defn: WorkflowDefinition, from_state: str, to_state: str) -> bool:
    """Leaving the visit towards approval (not back to the applicant, not a refusal)."""
    if from_state != FIELD_VISIT_STATE or not defn.has_state(to_state):
        return False
    target = defn.state(to_state)
    return not (target.pauses_clock or target.terminal)


def require_report(
    s: Session, app: Application, defn: WorkflowDefinition, stay_began: dt.datetime,
    event: StatusEvent,
) -> None:  # fmt: skip
    """Refuse leaving the visit towards approval without the visit's report.

    A send-back or refusal needs no report: nothing was decided on the premises.
    `stay_began` is when the file entered the visit state (read before the move).
    """
    if not needs_report(defn, event.from_status or "", event.to_status):
        return
    found = s.exec(
        select(InspectionReport.id).where(
            InspectionReport.application_id == app.id, InspectionReport.created_at >= stay_began
        )
    ).first()
    if found is None:
        raise ServiceError(NO_REPORT)


def reports_view(s: Session, app: Application, names: dict[int, str]) -> list[dict]:
    """Every BAP of the file, newest first, with its photos."""
    reports = s.exec(
        select(InspectionReport)
        .where(InspectionReport.application_id == app.id)
        .order_by(InspectionReport.id.desc())
    ).all()
    editable = current_report(s, app)
    out = []
    for r in reports:
        photos = s.exec(
            select(Document).where(Document.inspection_report_id == r.id).order_by(Document.id)
        ).all()
        out.append(
            {
                "id": str(r.id),
                "visit_date": r.visit_date.strftime("%d-%m-%Y"),
                "visit_iso": r.visit_date.isoformat(),
                "officers": ", ".join(r.officers),
                "officers_lines": "\n".join(r.officers),
                "result": r.result,
                "result_label": RESULTS.get(r.result, r.result),
                "notes": r.notes,
                "author": names.get(r.created_by_id, ""),
                "updated": r.updated_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M"),
                "current": "1" if editable is not None and editable.id == r.id else "",
                "photos": [doc_view(p) for p in photos],
            }
        )
    return out
