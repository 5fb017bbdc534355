"""The scaled setup: PostgreSQL via REFLEX_DB_URL and Redis via REFLEX_REDIS_URL."""

from __future__ import annotations

import uuid

import pytest

from silek_app import settings
from silek_app.db import get_engine
from tests.support.services import create_database, drop_database, ensure_postgres, ensure_redis


@pytest.fixture(scope="module")
def pg_url() -> str:
    ensure_postgres()
    name = f"silek_test_{uuid.uuid4().hex[:8]}"
    url = create_database(name)
    yield url
    get_engine(url).dispose()
    drop_database(name)


@pytest.fixture
def pg(pg_url, monkeypatch) -> str:
    """Point the services at the PostgreSQL database for one test."""
    monkeypatch.setattr(settings, "DB_URL", pg_url)
    return pg_url


@pytest.fixture(scope="module")
def redis_url() -> str:
    ensure_redis()
    from tests.support.services import REDIS_URL

    return REDIS_URL
