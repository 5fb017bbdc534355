"""Helpers for the officer file tests: a fingerprint of everything an officer can change."""

from __future__ import annotations

from sqlmodel import select


def db_fingerprint() -> dict:
    """Every row an officer's file page could write, as plain values.

    Compared before and after a refused request: equal means nothing changed
    (not even `updated_at`, which would push a live refresh).
    """
    from silek_app.db import session_scope
    from silek_app.models import (
        Application,
        Document,
        InspectionReport,
        Message,
        Notification,
        Permit,
        StatusEvent,
    )
    from silek_app.services.escalation import NOTIFICATION_KIND as SLA_NOTICE

    with session_scope() as s:
        return {
            "applications": [
                (a.id, a.status, a.version, a.form_data, a.updated_at)
                for a in s.exec(select(Application).order_by(Application.id)).all()
            ],
            "documents": [
                (
                    d.id,
                    d.application_id,
                    d.review_status,
                    d.review_note,
                    d.reviewed_by_id,
                    d.inspection_report_id,
                )
                for d in s.exec(select(Document).order_by(Document.id)).all()
            ],  # fmt: skip
            "reports": [
                (r.id, r.visit_date, r.officers, r.result, r.notes, r.updated_at)
                for r in s.exec(select(InspectionReport).order_by(InspectionReport.id)).all()
            ],
            "events": len(s.exec(select(StatusEvent.id)).all()),
            "messages": len(s.exec(select(Message.id)).all()),
            # The server's SLA job notifies about late files of other tests at any moment;
            # only the notices a page handler could write count here.
            "notifications": len(
                s.exec(select(Notification.id).where(Notification.kind != SLA_NOTICE)).all()
            ),
            "permits": len(s.exec(select(Permit.id)).all()),
        }


# Applicants of their own, so these tests never collide with the people other e2e
# files register on the shared server (tests/unit/test_applications.PEOPLE).
APPLICANTS = (  # NIK (birth date encoded), name, email, phone, birth date
    ("1372011505880004", "Yusuf Amri", "yusuf.berkas@contoh.id", "081266004444", "1988-05-15"),
    ("1372016008910005", "Dewi Lestari", "dewi.berkas@contoh.id", "081266005555", "1991-08-20"),
    ("1372010101800006", "Hendri Saputra", "hendri.berkas@contoh.id", "081266006666", "1980-01-01"),
    ("1372015506870007", "Nurul Aini", "nurul.berkas@contoh.id", "081266007777", "1987-06-15"),
    ("1372012002950008", "Fajar Hidayat", "fajar.berkas@contoh.id", "081266008888", "1995-02-20"),
)


def applicant_file(n: int) -> tuple[str, str, str]:
    """Register applicant `n`, submit a complete SIPB file; (token, email, reference)."""
    from silek_app.services import accounts
    from silek_app.services.accounts import Registration
    from tests.support.officer_queue import submit_sipb
    from tests.unit.test_applications import PASSWORD

    nik, name, email, phone, _ = APPLICANTS[n]
    accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    token = accounts.login(email, PASSWORD)
    return token, email, submit_sipb(token, APPLICANTS[n], nik)


def post_upload(base: str, client_token: str, handler: str, name: str, data: bytes) -> int:
    """POST one file to Reflex's /_upload as the tab `client_token` would; the status."""
    import urllib.error
    import urllib.request
    import uuid

    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        f"{base}/_upload", data=body, method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                 "reflex-client-token": client_token, "reflex-event-handler": handler},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as res:  # noqa: S310 (loopback)
            res.read()
            return res.status
    except urllib.error.HTTPError as err:
        return err.code
