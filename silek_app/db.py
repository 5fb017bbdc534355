"""One SQLAlchemy engine per process and a transactional session helper.

Services run synchronously in worker threads (see state layer), so a plain sync
engine is enough for SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlmodel import Session, create_engine

from silek_app import settings


def _configure_sqlite(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers run while one writer commits; FULL sync means an
    # acknowledged submission survives a power cut (quality target R1).
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def get_engine(url: str | None = None) -> sa.Engine:
    """The engine for `url`, by default the configured database (read at call time)."""
    return _engine_for(url or settings.DB_URL)


@functools.lru_cache(maxsize=8)
def _engine_for(url: str) -> sa.Engine:
    if settings.is_sqlite(url):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        sa.event.listen(engine, "connect", _configure_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


@contextmanager
def session_scope(write: bool = False) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on any error.

    `write=True` takes SQLite's write lock up front (BEGIN IMMEDIATE). Without it a
    transaction that read first and writes later fails at once with "database is
    locked" when another writer committed meanwhile, instead of waiting its turn.
    PostgreSQL needs nothing here: its row locks queue the writers.
    """
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            if write and session.get_bind().dialect.name == "sqlite":
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
