"""The in-app bell (services.notifications): own-only reads, marks and the change feed."""

import datetime as dt

import pytest
from sqlmodel import select
from test_applications import applicant_token, officer_token, submitted_reference
from test_messages import app_row

from silek_app.db import session_scope
from silek_app.domain.roles import Role
from silek_app.models import Application, Notification, UserAccount, utcnow
from silek_app.services import messages, notifications
from silek_app.services.errors import AuthRequired, NotFound
from silek_app.services.workflow_runner import apply_action

WIB = dt.timezone(dt.timedelta(hours=7))


def user_id(email: str) -> int:
    with session_scope() as s:
        return s.exec(select(UserAccount.id).where(UserAccount.email == email)).one()


def add(uid: int, title: str, at: dt.datetime, kind: str = "status", read: bool = False) -> int:
    with session_scope() as s:
        row = Notification(
            user_id=uid, kind=kind, title=title, body=f"isi {title}", link="/permohonan",
            created_at=at, read_at=at if read else None,
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def read_at(notification_id: int):
    with session_scope() as s:
        return s.get(Notification, notification_id).read_at


@pytest.fixture
def two(db):
    """Two applicants (Siti, Budi) with their own notifications."""
    siti, budi = applicant_token(0), applicant_token(1)
    base = dt.datetime(2026, 3, 12, 7, 5, tzinfo=dt.UTC)
    ids = {
        "siti": [add(user_id("siti@contoh.id"), f"S{i}", base + dt.timedelta(minutes=i))
                 for i in range(3)],
        "budi": [add(user_id("budi@contoh.id"), "B0", base)],
    }  # fmt: skip
    add(user_id("siti@contoh.id"), "lama", base - dt.timedelta(days=1), read=True)
    return siti, budi, ids


def test_unread_lists_only_my_unread_newest_first(two):
    siti, budi, ids = two
    bell = notifications.unread(siti)
    assert bell["count"] == 3
    assert [i["title"] for i in bell["items"]] == ["S2", "S1", "S0"]
    first = bell["items"][0]
    assert first == {
        "id": str(ids["siti"][2]),
        "title": "S2",
        "body": "isi S2",
        "link": "/permohonan",
        "at": "12-03-2026 14:07",
        "kind": "status",
    }  # fmt: skip  (07:07 UTC is 14:07 WIB)
    assert [i["title"] for i in notifications.unread(budi)["items"]] == ["B0"]


def test_limit_cuts_the_items_but_not_the_count(two):
    siti, _, _ = two
    bell = notifications.unread(siti, limit=2)
    assert bell["count"] == 3 and [i["title"] for i in bell["items"]] == ["S2", "S1"]
    assert len(notifications.unread(siti, limit=0)["items"]) == 1  # clamped, never empty
    assert len(notifications.unread(siti, limit=10_000)["items"]) == 3


def test_mark_read_only_my_own(two):
    siti, budi, ids = two
    notifications.mark_read(siti, ids["siti"][0])
    assert read_at(ids["siti"][0]) is not None
    notifications.mark_read(siti, ids["siti"][0])  # again is harmless
    for bad in (ids["budi"][0], 99_999, "abc", None):
        with pytest.raises(NotFound) as err:
            notifications.mark_read(siti, bad)
        assert err.value.message == "Notifikasi tidak ditemukan."
    assert read_at(ids["budi"][0]) is None  # Budi's stays unread
    assert notifications.unread(siti)["count"] == 2
    assert notifications.unread(budi)["count"] == 1


def test_mark_all_read_touches_only_my_own(two):
    siti, budi, _ = two
    assert notifications.mark_all_read(siti) == 3
    assert notifications.mark_all_read(siti) == 0
    assert notifications.unread(siti) == {"count": 0, "items": []}
    assert notifications.unread(budi)["count"] == 1


def test_bell_needs_a_session(db):
    for call in (
        lambda: notifications.unread(None),
        lambda: notifications.mark_all_read("bukan-token"),
        lambda: notifications.mark_read("", 1),
    ):
        with pytest.raises(AuthRequired):
            call()


def test_status_changes_and_officer_messages_ring_the_bell(db):
    token = applicant_token()
    ref = submitted_reference(token)
    officer = officer_token("front_office")
    assert notifications.unread(token)["count"] == 0  # the applicant's own submit: no ring
    officer_id = user_id("front.office@dpmptsp.solokkota.go.id")
    with session_scope(write=True) as s:
        app = s.get(Application, app_row(ref).id)
        apply_action(s, app, "TERIMA_BERKAS", actor_id=officer_id, role=Role.FRONT_OFFICE.value)
    messages.post_message(officer, ref, "Berkas Anda sedang kami periksa.")
    bell = notifications.unread(token)
    assert bell["count"] == 2
    message, status = bell["items"]
    assert message["kind"] == "pesan" and message["title"] == f"Pesan baru untuk {ref}"
    assert message["body"] == "Berkas Anda sedang kami periksa."
    assert status["kind"] == "status" and status["title"].startswith(f"Status {ref}: ")
    assert status["link"] == message["link"] == f"/permohonan/{ref}"
    assert notifications.unread(officer)["count"] == 0


def test_users_changed_since_reports_each_user_once_with_the_newest_time(two):
    _, _, _ = two
    siti, budi = user_id("siti@contoh.id"), user_id("budi@contoh.id")
    base = dt.datetime(2026, 3, 12, 7, 5, tzinfo=dt.UTC)
    changed = notifications.users_changed_since(base - dt.timedelta(seconds=1))
    assert changed == [(budi, base), (siti, base + dt.timedelta(minutes=2))]
    assert all(at.tzinfo is not None for _, at in changed)
    assert notifications.users_changed_since(base) == [(siti, base + dt.timedelta(minutes=2))]
    assert notifications.users_changed_since(base + dt.timedelta(minutes=2)) == []
    # The same instant written in WIB gives the same answer.
    assert notifications.users_changed_since(base.astimezone(WIB)) == [
        (siti, base + dt.timedelta(minutes=2))
    ]
    with pytest.raises(ValueError):
        notifications.users_changed_since(base.replace(tzinfo=None))


def test_users_changed_since_sees_new_rows_from_the_use_cases(db):
    token = applicant_token()
    ref = submitted_reference(token)
    since = utcnow()
    assert notifications.users_changed_since(since) == []
    messages.post_message(officer_token(), ref, "Halo")
    ((uid, at),) = notifications.users_changed_since(since)
    assert uid == user_id("siti@contoh.id") and at > since
