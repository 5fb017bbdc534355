"""The in-app bell: a user's own unread notifications (status changes, new messages).

Rows are written by the use cases that cause them (workflow_runner.apply_action,
messages.post_message); this module only reads them and marks them read.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import func, select

from silek_app.db import session_scope
from silek_app.domain.sla import WIB
from silek_app.models import Notification, utcnow
from silek_app.services.accounts import require_user
from silek_app.services.errors import NotFound

MAX_ITEMS = 50
_NOT_FOUND = "Notifikasi tidak ditemukan."


def _item(n: Notification) -> dict[str, str]:
    return {
        "id": str(n.id),
        "title": n.title,
        "body": n.body,
        "link": n.link,
        "at": n.created_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M"),
        "kind": n.kind,
    }


def unread(token: str | None, limit: int = 10) -> dict:
    """{"count": all unread, "items": the newest `limit` of them}, the caller's own only."""
    return unread_for_user(require_user(token).id, limit)


def unread_for_user(user_id: int, limit: int = 10) -> dict:
    """The bell of one user, for callers that already know who is asking (live push)."""
    limit = max(1, min(int(limit), MAX_ITEMS))  # the bell is a menu, not an export
    mine_unread = (Notification.user_id == user_id, Notification.read_at.is_(None))
    with session_scope() as s:
        count = s.exec(select(func.count(Notification.id)).where(*mine_unread)).one()
        rows = s.exec(
            select(Notification)
            .where(*mine_unread)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        ).all()
        return {"count": count, "items": [_item(n) for n in rows]}


def mark_all_read(token: str | None) -> int:
    """Mark every unread notification of the caller read; returns how many."""
    user = require_user(token)
    with session_scope(write=True) as s:
        result = s.execute(
            sa.update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
        return result.rowcount


def mark_read(token: str | None, notification_id: int) -> None:
    """Mark one of the caller's notifications read (again is harmless).

    Another user's id gets the same NotFound as a missing one, so ids cannot be probed.
    """
    user = require_user(token)
    try:
        wanted = int(notification_id)
    except (TypeError, ValueError):
        raise NotFound(_NOT_FOUND) from None
    with session_scope(write=True) as s:
        row = s.get(Notification, wanted)
        if row is None or row.user_id != user.id:
            raise NotFound(_NOT_FOUND)
        if row.read_at is None:
            row.read_at = utcnow()
            s.add(row)


def users_changed_since(since: dt.datetime) -> list[tuple[int, dt.datetime]]:
    """(user id, newest created_at) for users with notifications created after `since`.

    For the server's live change feed only (no token): it decides whose bell to refresh.
    """
    if since.tzinfo is None:
        raise ValueError("since must be timezone-aware")
    # SQLite keeps the wall-clock digits and drops the zone, and every stored value
    # is UTC; a WIB-aware `since` would otherwise be compared 7 hours off.
    since = since.astimezone(dt.UTC)
    newest = func.max(Notification.created_at)
    with session_scope() as s:
        rows = s.exec(
            select(Notification.user_id, newest)
            .where(Notification.created_at > since)
            .group_by(Notification.user_id)
            .order_by(newest, Notification.user_id)
        ).all()
    # max() keeps the column type, so UTCDateTime already hands back aware UTC values.
    return [(user_id, at) for user_id, at in rows]
