"""One message thread per submitted application, between its applicant and the officers.

Only the application's own applicant and the officers may read or write it. Everyone
else is told the application does not exist, exactly as for an unknown number, so
registration numbers cannot be probed. Attachments pass the same server-side checks
as requirement uploads and are stored the same way.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.roles import OFFICER_ROLES, Role, role_label
from silek_app.domain.sla import WIB
from silek_app.domain.uploads import UploadError, check_upload
from silek_app.models import Application, Document, Message, Notification, UserAccount, utcnow
from silek_app.services import storage
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.application_lookup import by_reference
from silek_app.services.documents import doc_view
from silek_app.services.errors import APPLICATION_NOT_FOUND, NotFound, ServiceError

MAX_BODY = 2000
PREVIEW = 140
ATTACHMENT_TYPES = ("pdf", "jpg", "png")
ATTACHMENT_MAX_MB = 5
APPLICANT_SIDE = "pemohon"
OFFICER_SIDE = "petugas"
# Applicants see the office, not the officer: the same rule as the detail page's
# timeline, so nobody is pushed to contact a named officer outside the system.
OFFICE_NAME = "Petugas DPMPTSP Kota Solok"


def _side(role: str) -> str:
    return APPLICANT_SIDE if role == Role.PEMOHON.value else OFFICER_SIDE


def _caller(token: str | None) -> SessionUser:
    # No role filter here: a wrong role must get NotFound below, not PermissionDenied,
    # or the difference would tell an outsider the number exists. A missing or
    # expired session still raises AuthRequired (it says nothing about the number)
    # so the page can send the user to the login form.
    return require_user(token)


def _application(s: Session, user: SessionUser, reference: str) -> Application:
    """The submitted application `reference` if `user` may use its thread; else NotFound."""
    app = by_reference(s, reference)
    if app is None or app.status == "DRAFT":
        raise NotFound(APPLICATION_NOT_FOUND)
    role = Role(user.role)
    own = role is Role.PEMOHON and app.applicant_id == user.id
    if not (own or role in OFFICER_ROLES):
        raise NotFound(APPLICATION_NOT_FOUND)
    return app


def _clean_body(body: str | None, has_attachment: bool) -> str:
    # NUL cannot be stored in a PostgreSQL text column; drop it rather than fail later.
    text = (body or "").replace("\x00", "").strip()
    if not text and not has_attachment:
        raise ServiceError("Tulis pesan terlebih dahulu atau lampirkan berkas.", field="body")
    if len(text) > MAX_BODY:
        raise ServiceError(
            f"Pesan terlalu panjang ({len(text)} karakter). Batas maksimal adalah "
            f"{MAX_BODY} karakter.",
            field="body",
        )
    return text


def post_message(
    token: str | None, reference: str, body: str, attachment: tuple[str, bytes] | None = None
) -> dict:
    """Store one message (and its attachment) and tell the other side; returns its view."""
    user = _caller(token)
    with session_scope() as s:  # read-only pass: refuse before touching the disk
        app_id = _application(s, user, reference).id
    text = _clean_body(body, attachment is not None)
    checked = key = None
    name = ""
    if attachment is not None:
        name, data = attachment
        try:
            checked = check_upload(
                data, allowed=ATTACHMENT_TYPES, max_size_mb=ATTACHMENT_MAX_MB, filename=name
            )
        except UploadError as exc:
            raise ServiceError(exc.message, field="attachment") from None
        key = storage.new_key(checked.extension)
        storage.write(key, data)
    try:
        with session_scope(write=True) as s:
            app = _application(s, user, reference)  # again: the lock may have waited
            doc = None
            if checked is not None:
                doc = Document(
                    owner_id=user.id, application_id=app.id, requirement_code=None,
                    original_name=(name or "")[:255] or f"lampiran{checked.extension}",
                    storage_key=key, sha256=checked.sha256, size_bytes=checked.size,
                    content_type=checked.content_type,
                )  # fmt: skip
                s.add(doc)
                s.flush()
            now = utcnow()
            message = Message(
                application_id=app.id, sender_id=user.id, sender_role=user.role, body=text,
                attachment_id=doc.id if doc else None, created_at=now,
            )  # fmt: skip
            s.add(message)
            # A plain UPDATE of updated_at only: the change feed polls this column to
            # push the thread live, while `version` (the officers' optimistic lock on
            # status actions) must not move because someone wrote a message.
            s.execute(sa.update(Application).where(Application.id == app_id).values(updated_at=now))
            if _side(user.role) == OFFICER_SIDE:
                s.add(_notification(app, text, doc))
            s.flush()
            return _view(message, user.full_name, doc, _side(user.role))
    except BaseException:
        if key is not None:
            storage.delete(key)  # no row means no file
        raise


def _notification(app: Application, text: str, doc: Document | None) -> Notification:
    preview = text[:PREVIEW] or f"Petugas mengirimkan lampiran: {doc.original_name}"[:PREVIEW]
    return Notification(
        user_id=app.applicant_id, application_id=app.id, kind="pesan",
        title=f"Pesan baru untuk {app.reference_number}", body=preview,
        link=f"/permohonan/{app.reference_number}",
    )  # fmt: skip


def _view(m: Message, sender_name: str, doc: Document | None, viewer_side: str) -> dict:
    side = _side(m.sender_role)
    read_at = m.read_by_officer_at if side == APPLICANT_SIDE else m.read_by_applicant_at
    if side == OFFICER_SIDE and viewer_side == APPLICANT_SIDE:
        sender_name = OFFICE_NAME
    return {
        "id": str(m.id),
        "sender_name": sender_name,
        "sender_side": side,
        "sender_role_label": role_label(m.sender_role),
        "body": m.body,
        "sent_at": m.created_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M"),
        "read": read_at is not None,
        "attachment": doc_view(doc) if doc is not None else None,
    }


def thread(token: str | None, reference: str) -> list[dict]:
    """Every message of the application, oldest first. Reading does not mark read."""
    user = _caller(token)
    with session_scope() as s:
        app = _application(s, user, reference)
        return _thread(s, app.id, _side(user.role))


def office_thread(application_id: int) -> list[dict]:
    """The thread as officers see it, for a view whose caller already authorized them
    (the officer's live file page shares one copy between its officers' tabs)."""
    with session_scope() as s:
        return _thread(s, application_id, OFFICER_SIDE)


def applicant_thread(s: Session, application_id: int) -> list[dict]:
    """The thread as the applicant sees it, for a view whose caller already authorized
    it (the applicant's live page shares one copy between its tabs)."""
    return _thread(s, application_id, APPLICANT_SIDE)


def _thread(s: Session, application_id: int, viewer_side: str) -> list[dict]:
    rows = s.exec(
        select(Message, UserAccount.full_name, Document)
        .join(UserAccount, UserAccount.id == Message.sender_id)
        .join(Document, Document.id == Message.attachment_id, isouter=True)
        .where(Message.application_id == application_id)
        .order_by(Message.created_at, Message.id)
    ).all()
    return [_view(m, name, doc, viewer_side) for m, name, doc in rows]


def mark_read(token: str | None, reference: str) -> int:
    """Mark the other side's unread messages read for the caller's side; returns how many.

    For the applicant this also clears the bell items for this thread: they have
    now seen what those notifications pointed at.
    """
    user = _caller(token)
    with session_scope(write=True) as s:
        app = _application(s, user, reference)
        now = utcnow()
        if _side(user.role) == APPLICANT_SIDE:
            column, theirs = Message.read_by_applicant_at, Message.sender_role != Role.PEMOHON.value
        else:  # one officer reading counts for the office: they share the queue
            column, theirs = Message.read_by_officer_at, Message.sender_role == Role.PEMOHON.value
        result = s.execute(
            sa.update(Message)
            .where(Message.application_id == app.id, theirs, column.is_(None))
            .values({column.key: now})
        )
        if _side(user.role) == APPLICANT_SIDE:
            s.execute(
                sa.update(Notification)
                .where(
                    Notification.user_id == user.id,
                    Notification.application_id == app.id,
                    Notification.kind == "pesan",
                    Notification.read_at.is_(None),
                )
                .values(read_at=now)
            )
        return result.rowcount


def unread_count_for_applicant(user_id: int, application_id: int) -> int:
    """Officer messages the applicant has not read yet (for list pages).

    Callers have already authorized the user; joining on the applicant still makes
    a wrong pairing count 0 instead of leaking another applicant's number.
    """
    with session_scope() as s:
        return s.exec(
            select(func.count(Message.id))
            .join(Application, Application.id == Message.application_id)
            .where(
                Message.application_id == application_id,
                Application.applicant_id == user_id,
                Message.sender_role != Role.PEMOHON.value,
                Message.read_by_applicant_at.is_(None),
            )
        ).one()
