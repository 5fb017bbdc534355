"""The applicant's satisfaction survey (SKM) after a permit is issued, and its index.

One response per application, asked once before the first download (the Kota
Bengkulu pattern in domain.md §4.4); skipping is allowed and remembered. The
index per service is an aggregate: it never exposes who answered what.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain import skm
from silek_app.domain.roles import Role
from silek_app.domain.sla import WIB
from silek_app.models import Application, Service, SkmResponse, utcnow
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.permits import ISSUED_STATUS, owned_application

APPLICANT = frozenset({Role.PEMOHON})
ALREADY_DONE = "Survei untuk permohonan ini sudah diisi. Terima kasih."
NOT_ISSUED = "Survei dapat diisi setelah izin Anda terbit."


def _issued_own(s: Session, user: SessionUser, reference: str) -> Application:
    app = owned_application(s, user, reference)
    if app.status != ISSUED_STATUS:
        raise ServiceError(NOT_ISSUED)
    return app


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def submit_survey(
    token: str | None,
    reference: str,
    answers: list[int],
    suggestion: str = "",
    gender: str | None = None,
    education: str | None = None,
    occupation: str | None = None,
) -> None:
    """Store the applicant's answers (U1..U9, each 1-4) once for an issued application."""
    user = require_user(token, APPLICANT)
    try:
        scores = skm.validate_answers(answers)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    suggestion = (suggestion or "").strip()
    if len(suggestion) > skm.SUGGESTION_MAX:
        raise ServiceError(
            f"Saran terlalu panjang (maksimal {skm.SUGGESTION_MAX} karakter).", field="suggestion"
        )
    gender, education, occupation = _clean(gender), _clean(education), _clean(occupation)
    problem = skm.profile_problem(gender, education, occupation)
    if problem:
        raise ServiceError(problem)
    try:
        with session_scope(write=True) as s:
            app = _issued_own(s, user, reference)
            if s.exec(select(SkmResponse.id).where(SkmResponse.application_id == app.id)).first():
                raise ServiceError(ALREADY_DONE)
            s.add(
                SkmResponse(
                    application_id=app.id, service_id=app.service_id,
                    respondent_id=app.applicant_id,
                    **{f"u{i}": v for i, v in enumerate(scores, 1)},
                    suggestion=suggestion, gender=gender, education=education,
                    occupation=occupation,
                )
            )  # fmt: skip
            s.flush()
    except IntegrityError:
        # Two tabs submitting at once: the unique application_id keeps one answer.
        raise ServiceError(ALREADY_DONE) from None


def skip_survey(token: str | None, reference: str) -> None:
    """Remember that the applicant chose not to answer, so the download is not held up again."""
    user = require_user(token, APPLICANT)
    with session_scope(write=True) as s:
        app = _issued_own(s, user, reference)
        if not app.form_data.get("skm_skipped"):
            app.form_data = {**app.form_data, "skm_skipped": True}
            app.updated_at = utcnow()
            s.add(app)


def ikm_for_service(
    service_code: str, since: dt.date | None = None, until: dt.date | None = None
) -> skm.IkmResult | None:
    """The IKM of one service, optionally for the WIB days since..until (inclusive).

    None when nobody has answered yet in that period.
    """
    code = (service_code or "").strip()[:16]
    with session_scope() as s:
        service = s.exec(select(Service).where(func.upper(Service.code) == code.upper())).first()
        if service is None:
            raise NotFound(f"Layanan dengan kode '{code}' tidak ditemukan.")
        columns = [getattr(SkmResponse, f"u{i}") for i in range(1, 10)]
        query = select(*columns).where(SkmResponse.service_id == service.id)
        if since is not None:
            start = dt.datetime.combine(since, dt.time(), tzinfo=WIB)
            query = query.where(SkmResponse.created_at >= start)
        if until is not None:
            end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=WIB)
            query = query.where(SkmResponse.created_at < end)
        rows = [tuple(row) for row in s.exec(query).all()]
    return skm.ikm(rows) if rows else None


def questions() -> list[dict]:
    """The nine questions and their four answers, for the one-screen survey."""
    from silek_app.domain.skm import UNSUR

    return [
        {
            "code": u.code,
            "label": u.label,
            "question": u.question,
            "answers": [[str(i + 1), text] for i, text in enumerate(u.answers)],
        }
        for u in UNSUR
    ]
