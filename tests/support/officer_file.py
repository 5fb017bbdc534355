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
            "notifications": len(s.exec(select(Notification.id)).all()),
            "permits": len(s.exec(select(Permit.id)).all()),
        }
