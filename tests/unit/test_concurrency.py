"""Concurrency on the default setup: a file-backed SQLite database in WAL mode.

The same scenarios run on PostgreSQL in tests/scaled/test_concurrency_pg.py.
"""

from __future__ import annotations

from silek_app.db import get_engine
from tests.support.concurrency import (
    overlapping_escalation_runs_and_check,
    race_on_one_version_and_check,
    sign_concurrently_and_check,
)


def test_the_database_is_a_wal_file(db):
    assert db.startswith("sqlite:///") and not db.endswith(":memory:")
    with get_engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_concurrent_signing_numbers_permits_without_gap_or_duplicate(db, storage_dir):
    sign_concurrently_and_check(12)


def test_two_officers_on_one_version_exactly_one_wins(db):
    race_on_one_version_and_check(rounds=4)


def test_overlapping_escalation_runs_act_once(db, storage_dir, monkeypatch):
    overlapping_escalation_runs_and_check(monkeypatch)
