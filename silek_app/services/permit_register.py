"""The register of issued permits for officers, and revoking a permit (issue 4 §5).

Officers search and page through the permits; only REVOKE_ROLES may revoke one,
with a written reason. A revocation notifies the holder and is written to the
security log in the same transaction; the public verification page reads the
database on every visit, so it shows the revocation at once.
"""

from __future__ import annotations

import math

import sqlalchemy as sa
from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.permit_pdf import format_date
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.domain.sla import local_date
from silek_app.models import (
    ApplicantProfile,
    Application,
    Notification,
    Permit,
    Service,
    UserAccount,
    utcnow,
)
from silek_app.services.accounts import _log, require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.permits import holder_name, permit_links, permit_status

PAGE_SIZE = 20
# Who may revoke an issued permit: the official who signs them (domain.md §6.4).
REVOKE_ROLES: frozenset[Role] = frozenset({Role.KEPALA_DINAS})
STATUSES = ("AKTIF", "DICABUT", "KEDALUWARSA")
REASON_MIN, REASON_MAX = 10, 1000
QUERY_MAX = 80
REASON_SHORT = f"Tuliskan alasan pencabutan izin, minimal {REASON_MIN} karakter."
REASON_LONG = f"Alasan pencabutan terlalu panjang (maksimal {REASON_MAX} karakter)."
AUDIT_EVENT = "cabut_izin"


def _status_clause(status: str, today):
    revoked = sa.or_(Permit.status == "DICABUT", Permit.revoked_at.is_not(None))
    if status == "DICABUT":
        return revoked
    expired = sa.and_(Permit.valid_until.is_not(None), Permit.valid_until < today)
    if status == "KEDALUWARSA":
        return sa.and_(sa.not_(revoked), expired)
    return sa.and_(sa.not_(revoked), sa.not_(expired))


def _search_clause(query: str):
    # The name on the permit is the profile's (or the form's, rarely different);
    # the account name is searched too so a typed name is not missed.
    like = f"%{query.lower()}%"
    holder = select(ApplicantProfile.user_id).where(
        func.lower(ApplicantProfile.name_on_permit).like(like)
    )
    account = select(UserAccount.id).where(func.lower(UserAccount.full_name).like(like))
    return sa.or_(
        func.lower(Permit.number).like(like),
        func.lower(Service.name).like(like),
        func.lower(Service.code).like(like),
        Permit.holder_id.in_(holder),
        Permit.holder_id.in_(account),
    )


def _row(
    s: Session,
    permit: Permit,
    service: Service,
    app: Application,
    today,
    profile: ApplicantProfile | None = None,
) -> dict:
    status = permit_status(permit, today)
    return {
        "number": permit.number,
        "holder_name": holder_name(s, app, profile),
        "service_name": service.name,
        "reference": app.reference_number or "",
        "issued_label": format_date(local_date(permit.issued_at)),
        "valid_until_label": format_date(permit.valid_until) if permit.valid_until else "-",
        "status": status,
        "revoked_label": format_date(local_date(permit.revoked_at)) if permit.revoked_at else "",
        "revoke_reason": permit.revoke_reason,
        "file_path": f"/petugas/permohonan/{app.reference_number}",
        **permit_links(permit, app.reference_number),
    }


def list_permits(token: str | None, query: str = "", status: str = "", page: int = 1) -> dict:
    """One page (PAGE_SIZE rows, newest first) of the permits matching query and status."""
    require_user(token, OFFICER_ROLES)
    query = str(query or "").strip()[:QUERY_MAX]
    status = str(status or "").strip().upper()
    if status and status not in STATUSES:
        raise ServiceError("Status izin tidak dikenal. Pilih Aktif, Dicabut atau Kedaluwarsa.")
    try:
        page = max(1, int(page))
    except (TypeError, ValueError):
        page = 1
    today = local_date(utcnow())
    where = []
    if query:
        where.append(_search_clause(query))
    if status:
        where.append(_status_clause(status, today))
    base = (
        select(Permit, Service, Application)
        .join(Service, Service.id == Permit.service_id)
        .join(Application, Application.id == Permit.application_id)
        .where(*where)
    )
    # The holder's profile and account come in the same query, so naming the rows
    # costs no query per row (the account lands in the session's identity map).
    page_query = (
        base.add_columns(ApplicantProfile, UserAccount)
        .join(UserAccount, UserAccount.id == Permit.holder_id)
        .outerjoin(ApplicantProfile, ApplicantProfile.user_id == Permit.holder_id)
    )
    with session_scope() as s:
        total = s.exec(select(func.count()).select_from(base.subquery())).one()
        pages = max(1, math.ceil(total / PAGE_SIZE))
        page = min(page, pages)
        rows = s.exec(
            page_query.order_by(Permit.issued_at.desc(), Permit.id.desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        ).all()
        return {
            "rows": [_row(s, p, svc, app, today, prof) for p, svc, app, prof, _ in rows],
            "total": total,
            "page": page,
            "pages": pages,
        }


def can_revoke(token: str | None) -> bool:
    """Whether the session's user may revoke (only decides what the page offers)."""
    user = require_user(token, OFFICER_ROLES)
    return Role(user.role) in REVOKE_ROLES


def revoke(token: str | None, number: str, reason: str) -> dict:
    """Revoke the permit ``number`` for ``reason``; returns its new register row."""
    user = require_user(token, REVOKE_ROLES)
    reason = " ".join(str(reason or "").split())
    if len(reason) < REASON_MIN:
        raise ServiceError(REASON_SHORT, field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(REASON_LONG, field="reason")
    wanted = str(number or "").strip()[:60]
    with session_scope(write=True) as s:
        # FOR UPDATE: on PostgreSQL a second concurrent revocation waits, then sees it.
        permit = s.exec(select(Permit).where(Permit.number == wanted).with_for_update()).first()
        if permit is None:
            raise NotFound(f"Izin nomor {wanted or '(kosong)'} tidak ditemukan.")
        if permit.revoked_at is not None or permit.status == "DICABUT":
            raise ServiceError("Izin ini sudah dicabut sebelumnya.")
        now = utcnow()
        permit.revoked_at, permit.revoke_reason = now, reason
        permit.revoked_by_id, permit.status = user.id, "DICABUT"
        s.add(permit)
        app = s.get(Application, permit.application_id)
        service = s.get(Service, permit.service_id)
        s.add(
            Notification(
                user_id=permit.holder_id, application_id=app.id, kind="izin_dicabut",
                title=f"Izin {permit.number} dicabut",
                body=f"{service.name} Anda dicabut oleh DPMPTSP Kota Solok. Alasan: {reason}",
                link=f"/permohonan/{app.reference_number}",
            )
        )  # fmt: skip
        _log(s, AUDIT_EVENT, user.id, f"{permit.number}: {reason}")
        s.flush()
        return _row(s, permit, service, app, local_date(now))
