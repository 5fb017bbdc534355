"""Requirement documents: upload with server-side checks, reuse, removal, authorized read.

A document belongs to its uploader. Officers may read the documents of submitted
applications; nobody else may read anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.domain.uploads import KIND_LABELS, UploadError, check_upload, human_size
from silek_app.models import Application, Document, ServiceRequirement
from silek_app.services import storage
from silek_app.services.accounts import require_user
from silek_app.services.applications import (
    applicant,
    open_draft,
    requirements_for,
    service_by_code,
)
from silek_app.services.errors import NotFound, PermissionDenied, ServiceError

READERS = frozenset({*OFFICER_ROLES, Role.ADMIN})
_NOT_FOUND = "Dokumen tidak ditemukan atau Anda tidak berhak membukanya."


@dataclass(frozen=True)
class StoredFile:
    path: Path
    content_type: str
    download_name: str


def _requirement(s: Session, app: Application, code: str) -> ServiceRequirement:
    req = next((r for r in requirements_for(s, app) if r.code == code), None)
    if req is None:
        raise ServiceError("Persyaratan ini tidak berlaku untuk permohonan Anda.")
    return req


def _editable_application(s: Session, user_id: int, service_code: str) -> Application:
    service = service_by_code(s, service_code)
    draft = open_draft(s, user_id, service.id)
    if draft is None:
        raise ServiceError("Isi langkah awal (jenis permohonan) terlebih dahulu.")
    return draft


def upload(
    token: str | None, service_code: str, requirement_code: str, filename: str, data: bytes
) -> dict[str, str]:
    """Check and store one file for one requirement of the open draft."""
    user = applicant(token)
    with session_scope() as s:  # read-only pass: find the rule before touching the disk
        app = _editable_application(s, user.id, service_code)
        req = _requirement(s, app, requirement_code)
        rule = UploadRule(app.id, req.code, tuple(req.file_types), req.max_size_mb, "DRAFT")
    return store(user.id, rule, filename, data)


@dataclass(frozen=True)
class UploadRule:
    application_id: int
    requirement_code: str
    allowed: tuple[str, ...]
    max_size_mb: int
    expected_status: str  # the upload is refused if the file moved on meanwhile
    # A field-visit photo belongs to its inspection report (BAP), not to a
    # requirement: it replaces nothing and is never shown as a requirement.
    inspection_report_id: int | None = None


def store(user_id: int, rule: UploadRule, filename: str, data: bytes) -> dict[str, str]:
    """Check the bytes, write the file, then the row; either both exist or neither."""
    try:
        checked = check_upload(
            data, allowed=rule.allowed, max_size_mb=rule.max_size_mb, filename=filename
        )
    except UploadError as exc:
        raise ServiceError(exc.message) from None
    key = storage.new_key(checked.extension)
    try:
        storage.write(key, data)
    except OSError:
        raise ServiceError("Berkas gagal disimpan di server. Silakan coba lagi.") from None
    try:
        with session_scope(write=True) as s:
            app = s.get(Application, rule.application_id)
            if app is None or app.status != rule.expected_status:
                raise ServiceError("Berkas ini tidak dapat diubah pada tahap sekarang.")
            twin = s.exec(
                select(Document).where(
                    Document.application_id == app.id, Document.sha256 == checked.sha256
                )
            ).first()
            if twin is not None and rule.inspection_report_id is not None:
                raise ServiceError("Foto yang sama persis sudah dilampirkan pada permohonan ini.")
            if twin is not None and twin.requirement_code != rule.requirement_code:
                raise ServiceError(
                    "Berkas yang sama persis sudah diunggah untuk persyaratan lain. "
                    "Unggah dokumen yang sesuai untuk persyaratan ini."
                )
            if twin is not None:
                raise ServiceError("Berkas ini sudah terunggah untuk persyaratan ini.")
            photo = rule.inspection_report_id is not None
            replaced = [] if photo else _detach(s, app.id, rule.requirement_code)
            doc = Document(
                owner_id=user_id, application_id=app.id,
                requirement_code=None if photo else rule.requirement_code,
                inspection_report_id=rule.inspection_report_id,
                original_name=(filename or "")[:255] or f"dokumen{checked.extension}",
                storage_key=key, sha256=checked.sha256, size_bytes=checked.size,
                content_type=checked.content_type,
                # Kept so officers can see what changed between revision rounds.
                replaces_document_id=replaced[0] if replaced else None,
            )  # fmt: skip
            s.add(doc)
            app.updated_at = doc.created_at
            s.add(app)
            s.flush()
            return doc_view(doc)
    except BaseException:
        storage.delete(key)  # nothing half-stored: no row means no file
        raise


def _detach(s: Session, application_id: int, requirement_code: str) -> list[int]:
    """A replaced upload stays in the owner's library but leaves the application."""
    ids = []
    for old in s.exec(
        select(Document).where(
            Document.application_id == application_id,
            Document.requirement_code == requirement_code,
        )
    ).all():
        old.application_id = None
        s.add(old)
        ids.append(old.id)
    return ids


def reuse(token: str | None, service_code: str, requirement_code: str, document_id: int) -> dict:
    """Attach a copy of one of the applicant's earlier documents (KTP, STR, photo...)."""
    user = applicant(token)
    with session_scope() as s:
        source = s.get(Document, int(document_id))
        if source is None or source.owner_id != user.id:
            raise NotFound(_NOT_FOUND)
        data = storage.path_for(source.storage_key).read_bytes()
        name = source.original_name
    return upload(token, service_code, requirement_code, name, data)


def remove(token: str | None, service_code: str, requirement_code: str) -> None:
    user = applicant(token)
    with session_scope(write=True) as s:
        app = _editable_application(s, user.id, service_code)
        _detach(s, app.id, requirement_code)


def my_library(token: str | None) -> list[dict[str, str]]:
    """The applicant's earlier uploads, newest first, one per content hash."""
    user = applicant(token)
    with session_scope() as s:
        docs = s.exec(
            select(Document)
            .where(Document.owner_id == user.id)
            .order_by(Document.created_at.desc(), Document.id.desc())
        ).all()
    seen, out = set(), []
    for doc in docs:
        if doc.sha256 not in seen:
            seen.add(doc.sha256)
            out.append(doc_view(doc))
    return out


def open_for_read(token: str | None, document_id: int) -> StoredFile:
    """The file behind a document, if the session's user may read it."""
    user = require_user(token)
    with session_scope() as s:
        doc = s.get(Document, document_id)
        if doc is None:
            raise NotFound(_NOT_FOUND)
        allowed = doc.owner_id == user.id
        app = s.get(Application, doc.application_id) if doc.application_id else None
        if not allowed and app is not None:
            # Officers read submitted files; the applicant reads what officers attached
            # to messages on their own application, but not the office's field-visit
            # photos (BAP), which are internal working papers.
            officer = Role(user.role) in READERS and app.status != "DRAFT"
            own = app.applicant_id == user.id and doc.inspection_report_id is None
            allowed = officer or own
        if not allowed:
            raise PermissionDenied(_NOT_FOUND)
        path = storage.path_for(doc.storage_key)
        if not path.exists():
            raise NotFound(_NOT_FOUND)  # a lost file is reported, not a crash
        return StoredFile(path, doc.content_type, doc.original_name)


def doc_view(doc: Document) -> dict[str, str]:
    kind = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[doc.content_type]
    return {
        "id": str(doc.id),
        "name": doc.original_name,
        "kind": KIND_LABELS[kind],
        "size": human_size(doc.size_bytes),
        "requirement_code": doc.requirement_code or "",
        "url": f"/api/v1/berkas/{doc.id}",
        "uploaded": doc.created_at.strftime("%d-%m-%Y"),
    }
