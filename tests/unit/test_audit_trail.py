"""The status_event audit trail is append-only, in the ORM and in the database."""

import pytest
import sqlalchemy as sa
from sqlmodel import select

from silek_app.db import get_engine, session_scope
from silek_app.models import Application, Service, StatusEvent, UserAccount


def _event() -> int:
    with session_scope() as s:
        user = UserAccount(
            email="a@contoh.id", full_name="A B C", role="pemohon", password_hash="x"
        )
        s.add(user)
        s.flush()
        svc = s.exec(select(Service)).first()
        app = Application(applicant_id=user.id, service_id=svc.id, jenis="BARU", status="DRAFT")
        s.add(app)
        s.flush()
        ev = StatusEvent(
            application_id=app.id,
            actor_id=user.id,
            actor_role="pemohon",
            action="AJUKAN",
            from_status="DRAFT",
            to_status="DIAJUKAN",
        )
        s.add(ev)
        s.flush()
        return ev.id


def test_orm_refuses_update_and_delete(db):
    eid = _event()
    with pytest.raises(PermissionError), session_scope() as s:
        ev = s.get(StatusEvent, eid)
        ev.note = "diubah"
        s.add(ev)
    with pytest.raises(PermissionError), session_scope() as s:
        s.delete(s.get(StatusEvent, eid))


def test_database_trigger_refuses_raw_sql(db):
    eid = _event()
    with pytest.raises(sa.exc.DatabaseError), get_engine().begin() as conn:
        conn.execute(sa.text("UPDATE status_event SET note='x' WHERE id=:i"), {"i": eid})
    with pytest.raises(sa.exc.DatabaseError), get_engine().begin() as conn:
        conn.execute(sa.text("DELETE FROM status_event WHERE id=:i"), {"i": eid})


def test_sqlite_runs_in_wal_mode_with_full_sync(db):
    with get_engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
