"""Permit numbering and optimistic locking under real concurrency on PostgreSQL.

SQLite serialises writers (BEGIN IMMEDIATE); PostgreSQL lets the transactions
overlap, so here the counter's row lock and the version check in the UPDATE do
the work. Same scenarios as tests/unit/test_concurrency.py.
"""

from __future__ import annotations

import pytest

from silek_app import settings
from silek_app.services import bootstrap
from tests.support.concurrency import (
    overlapping_escalation_runs_and_check,
    race_on_one_version_and_check,
    sign_concurrently_and_check,
)

pytestmark = pytest.mark.scaled


@pytest.fixture
def migrated_pg(pg, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "STORAGE_DIR", tmp_path / "berkas")
    bootstrap.bootstrap(seed_demo=False)
    return pg


def test_concurrent_signing_numbers_permits_without_gap_on_postgres(migrated_pg):
    sign_concurrently_and_check(16, code="SIPD")


def test_two_officers_on_one_version_exactly_one_wins_on_postgres(migrated_pg):
    race_on_one_version_and_check(rounds=5)


def test_overlapping_escalation_runs_act_once_on_postgres(migrated_pg, monkeypatch):
    overlapping_escalation_runs_and_check(monkeypatch)
