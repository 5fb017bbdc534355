"""The officers' live work queue (/petugas): tabs, search, paging and claims.

The queue is computed in two narrow passes so that an office with thousands of
open files never loads them whole:

1. a few columns of every open file matching the search (id, service, state,
   when it entered the state, due date, claim) to classify, count and sort them
   by urgency: working days cannot be sorted in SQL;
2. the display columns of the one page of 20 rows that is shown.

A claim says "I am working on this file" so two officers do not work one file
unknowingly. It does not lock the workflow (the version check does that); it is
cleared when the file changes state, because the next desk must pick it up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased, load_only
from sqlmodel import Session, func, or_, select

from silek_app.db import session_scope
from silek_app.domain.indonesian_format import wib_time
from silek_app.domain.nik import mask_nik
from silek_app.domain.numbering import parse_reference
from silek_app.domain.queue_urgency import Urgency, urgency
from silek_app.domain.roles import OFFICER_ROLES, Role, role_label
from silek_app.domain.sla import local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import WorkflowDefinition
from silek_app.domain.workflow_engine import available_actions, holder_label
from silek_app.models import ApplicantProfile, Application, AuthEvent, Service, UserAccount
from silek_app.services.accounts import SessionUser, require_user
from silek_app.services.clock import utc_now
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.prediction import predict_in
from silek_app.services.workflow_runner import workflow_for

PAGE_SIZE = 20
TABS: dict[str, str] = {
    "meja": "Meja Saya",
    "semua": "Semua Berkas Aktif",
    "hampir": "Hampir Jatuh Tempo",
    "terlambat": "Terlambat",
}
SEARCH_MAX = 60
# Partial NIK search starts at 4 digits: fewer would match most of the city.
NIK_MIN_DIGITS = 4
UNKNOWN_TAB = "Tab antrean tidak dikenal."
NOT_FOUND = "Berkas tidak ditemukan."
NOT_OPEN = "Berkas ini tidak sedang diproses di kantor, sehingga tidak dapat diklaim."


@dataclass(frozen=True)
class _Open:
    """The few columns of an open file needed to classify and sort it."""

    id: int
    service_id: int
    status: str
    entered_at: dt.datetime
    claimed_by_id: int | None
    urgency: Urgency
    defn: WorkflowDefinition


def _open_filter(query):
    # completed_at is set by every move into a final state; the Python pass
    # below still drops a final state in case an older row lacks it.
    return query.where(
        Application.submitted_at.is_not(None),
        Application.completed_at.is_(None),
        Application.status != "DRAFT",
    )


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_filter(query, search: str):
    term = " ".join((search or "").split())[:SEARCH_MAX]
    if not term:
        return query
    like = _like(term)
    conditions = [
        Application.reference_number.ilike(like, escape="\\"),
        UserAccount.full_name.ilike(like, escape="\\"),
        ApplicantProfile.name_on_permit.ilike(like, escape="\\"),
    ]
    digits = re.sub(r"\s+", "", term)
    if digits.isascii() and digits.isdigit() and len(digits) >= NIK_MIN_DIGITS:
        conditions.append(ApplicantProfile.nik.like(f"%{digits}%"))
    return (
        query.join(UserAccount, UserAccount.id == Application.applicant_id)
        .outerjoin(ApplicantProfile, ApplicantProfile.user_id == Application.applicant_id)
        .where(or_(*conditions))
    )


def _workflows(s: Session, service_ids: set[int]) -> dict[int, WorkflowDefinition]:
    """service id -> its workflow, one query for the services in view."""
    if not service_ids:
        return {}
    services = s.exec(
        select(Service)
        .options(load_only(Service.id, Service.workflow_code))
        .where(Service.id.in_(service_ids))
    ).all()
    by_code: dict[str, WorkflowDefinition] = {}
    out = {}
    for service in services:
        if service.workflow_code not in by_code:
            by_code[service.workflow_code] = workflow_for(s, service)
        out[service.id] = by_code[service.workflow_code]
    return out


def _open_files(s: Session, search: str, now: dt.datetime) -> list[_Open]:
    query = select(
        Application.id, Application.service_id, Application.status,
        Application.state_entered_at, Application.sla_due_date, Application.claimed_by_id,
    )  # fmt: skip
    rows = s.exec(_search_filter(_open_filter(query), search)).all()
    flows = _workflows(s, {r[1] for r in rows})
    calendar = default_calendar()
    # The clock depends only on the WIB day a file entered its state, not the
    # hour, so files that share a step, a day and a due date share one result.
    memo: dict[tuple, Urgency] = {}
    out = []
    for app_id, service_id, status, entered, due, claimer in rows:
        defn = flows[service_id]
        if not defn.has_state(status) or defn.state(status).terminal:
            continue
        key = (defn.code, status, local_date(entered), due)
        if key not in memo:
            memo[key] = urgency(defn, calendar, status, entered, due, now)
        out.append(_Open(app_id, service_id, status, entered, claimer, memo[key], defn))
    return out


def _in_tab(tab: str, item: _Open, role: str) -> bool:
    if tab == "meja":
        return item.defn.state(item.status).actor_role == role
    if tab == "hampir":
        return item.urgency.near_due
    if tab == "terlambat":
        return item.urgency.overdue
    return True


def _sort_key(item: _Open):
    # Most urgent first; files the applicant holds have no running clock, so last.
    return (item.urgency.paused, item.urgency.days_left, item.entered_at, item.id)


def _level(u: Urgency) -> str:
    if u.paused:
        return "dijeda"
    if u.overdue:
        return "terlambat"
    return "hampir" if u.near_due else "normal"


def _page_rows(
    s: Session, items: list[_Open], user: SessionUser, now: dt.datetime
) -> list[dict[str, str]]:
    """Display columns of one page only, in the order of `items`."""
    if not items:
        return []
    claimer = aliased(UserAccount)
    details = s.exec(
        select(
            Application.id, Application.reference_number, Application.claimed_at,
            Service.name, UserAccount.full_name, ApplicantProfile.name_on_permit,
            ApplicantProfile.nik, claimer.full_name,
        )
        .join(Service, Service.id == Application.service_id)
        .join(UserAccount, UserAccount.id == Application.applicant_id)
        .outerjoin(ApplicantProfile, ApplicantProfile.user_id == Application.applicant_id)
        .outerjoin(claimer, claimer.id == Application.claimed_by_id)
        .where(Application.id.in_([i.id for i in items]))
    ).all()  # fmt: skip
    by_id = {row[0]: row[1:] for row in details}
    forecasts = predict_in(s, [i.id for i in items], now)
    return [
        {**_row_view(item, by_id[item.id], user), "predicted": forecasts[item.id].label}
        for item in items
    ]


def _row_view(item: _Open, detail: tuple, user: SessionUser) -> dict[str, str]:
    reference, claimed_at, service, account_name, permit_name, nik, claimer_name = detail
    u, defn = item.urgency, item.defn
    mine = item.claimed_by_id == user.id
    claimed = item.claimed_by_id is not None
    can_act = bool(available_actions(defn, item.status, user.role))
    return {
        "reference": reference or "",
        "service": service,
        "applicant": permit_name or account_name,
        "nik": mask_nik(nik or ""),  # never the full NIK in a listing (UU 27/2022)
        "status_label": defn.state(item.status).label,
        "holder": holder_label(defn, item.status),
        "in_state": f"{u.days_in_state} hari kerja (sejak {wib_time(item.entered_at)})",
        "sla_used": "-" if u.paused else f"{u.percent_used}%",
        "remaining": u.label,
        "level": _level(u),
        "claimed_by": claimer_name or "",
        "claimed_at": wib_time(claimed_at),
        "mine": "1" if mine else "",
        "can_claim": "1" if can_act and not claimed else "",
        "can_release": "1" if claimed and (mine or user.role == Role.KEPALA_DINAS) else "",
        "link": f"/petugas/permohonan/{reference}",
    }


def queue(token: str | None, tab: str = "meja", search: str = "", page: int = 1) -> dict:
    """One page of the session officer's queue, with the number of files per tab.

    The counts follow the search, so an officer searching for a name sees in
    which tab the matches are.
    """
    user = require_user(token, OFFICER_ROLES)
    if tab not in TABS:
        raise ServiceError(UNKNOWN_TAB)
    now = utc_now()
    with session_scope() as s:
        items = _open_files(s, search, now)
        counts = {name: sum(1 for i in items if _in_tab(name, i, user.role)) for name in TABS}
        chosen = sorted((i for i in items if _in_tab(tab, i, user.role)), key=_sort_key)
        pages = max(1, -(-len(chosen) // PAGE_SIZE))
        page = min(max(1, int(page)), pages)
        start = (page - 1) * PAGE_SIZE
        rows = _page_rows(s, chosen[start : start + PAGE_SIZE], user, now)
    return {
        "tab": tab,
        "rows": rows,
        "total": len(chosen),
        "page": page,
        "pages": pages,
        "counts": counts,
        "role": user.role,
    }


def queue_stamp() -> str:
    """Changes whenever the queue may have changed: a file moved, arrived or was claimed.

    It reads two aggregates and the WIB date (near due and overdue move at day
    boundaries). It takes no session on purpose: a page polling it every few
    seconds must not keep an idle officer's session alive. It reveals nothing;
    the rows themselves are only ever loaded through queue(), which checks the
    session and the role.
    """
    now = utc_now()
    with session_scope() as s:
        latest, count = s.exec(
            _open_filter(select(func.max(Application.updated_at), func.count(Application.id)))
        ).one()
    latest_text = latest.isoformat() if latest else "-"
    return f"{latest_text}|{count}|{local_date(now).isoformat()}"


def _load(s: Session, reference: str) -> Application:
    ref = (reference or "").strip().upper()[:24]
    if parse_reference(ref) is None:
        raise NotFound(NOT_FOUND)
    app = s.exec(select(Application).where(Application.reference_number == ref)).first()
    if app is None:
        raise NotFound(NOT_FOUND)
    return app


def _audit(s: Session, event: str, user_id: int, detail: str) -> None:
    # The same audit table as logins (accounts._log): who claimed what, and when.
    s.add(AuthEvent(user_id=user_id, event=event, detail=detail[:500]))


def _name(s: Session, user_id: int) -> str:
    return s.exec(select(UserAccount.full_name).where(UserAccount.id == user_id)).one()


def _set_claim(s: Session, app: Application, expected: int | None, claimer: int | None) -> bool:
    """Compare-and-set of the claim; False when someone changed it meanwhile."""
    now = utc_now()
    current = (
        Application.claimed_by_id.is_(None)
        if expected is None
        else Application.claimed_by_id == expected
    )
    result = s.execute(
        sa.update(Application)
        .where(Application.id == app.id, current)
        .values(claimed_by_id=claimer, claimed_at=now if claimer else None, updated_at=now)
    )
    return result.rowcount == 1


def claim(token: str | None, reference: str) -> dict[str, str]:
    """Claim an open file the officer's role can act on in its current state."""
    user = require_user(token, OFFICER_ROLES)
    with session_scope(write=True) as s:
        app = _load(s, reference)
        defn = workflow_for(s, s.get(Service, app.service_id))
        if (
            app.submitted_at is None
            or not defn.has_state(app.status)
            or defn.state(app.status).terminal
            or app.status == defn.initial_state
        ):
            raise ServiceError(NOT_OPEN)
        if not available_actions(defn, app.status, user.role):
            raise ServiceError(
                f"Berkas berstatus \u201c{defn.state(app.status).label}\u201d tidak ditangani "
                f"oleh peran Anda ({role_label(user.role)}), sehingga tidak dapat Anda klaim."
            )
        if app.claimed_by_id == user.id:
            return {"reference": app.reference_number, "claimed_by": user.full_name}
        if app.claimed_by_id is not None:
            raise ServiceError(
                f"Berkas {app.reference_number} sedang ditangani oleh "
                f"{_name(s, app.claimed_by_id)} sejak {wib_time(app.claimed_at)}. "
                "Minta rekan Anda melepasnya terlebih dahulu."
            )
        if not _set_claim(s, app, None, user.id):
            raise ServiceError(
                "Berkas ini baru saja diklaim oleh rekan Anda. Antrean sudah dimuat ulang."
            )
        _audit(s, "klaim_berkas", user.id, app.reference_number)
    return {"reference": app.reference_number, "claimed_by": user.full_name}


def release(token: str | None, reference: str) -> dict[str, str]:
    """Release a claim: the claimer, or a kepala dinas (e.g. the claimer is absent)."""
    user = require_user(token, OFFICER_ROLES)
    with session_scope(write=True) as s:
        app = _load(s, reference)
        holder = app.claimed_by_id
        if holder is None:
            raise ServiceError(f"Berkas {app.reference_number} sedang tidak diklaim siapa pun.")
        if holder != user.id and user.role != Role.KEPALA_DINAS:
            raise ServiceError(
                f"Klaim berkas {app.reference_number} milik {_name(s, holder)}. Hanya yang "
                "mengklaim atau Kepala Dinas yang dapat melepasnya."
            )
        if not _set_claim(s, app, holder, None):
            raise ServiceError("Klaim berkas ini baru saja berubah. Antrean sudah dimuat ulang.")
        detail = app.reference_number or ""
        if holder != user.id:
            detail += f" (klaim milik {_name(s, holder)})"
        _audit(s, "lepas_berkas", user.id, detail)
    return {"reference": app.reference_number, "claimed_by": ""}


def viewer(token: str | None) -> SessionUser:
    """The session's officer, or AuthRequired/PermissionDenied (for the live watcher)."""
    return require_user(token, OFFICER_ROLES)
