"""Test set-up shared by every suite.

The environment is fixed before silek_app is imported, so tests never touch the
developer's data/ folder, and the default (SQLite, no Redis) path is what runs.
"""

import os
import shutil
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="silek-test-"))
os.environ["SILEK_DATA_DIR"] = str(_TMP)
os.environ.pop("REFLEX_DB_URL", None)
os.environ.pop("REFLEX_REDIS_URL", None)

import pytest  # noqa: E402

from silek_app import settings  # noqa: E402


@pytest.fixture(scope="session")
def migrated_template() -> Path:
    """A migrated, catalog-loaded database file, copied for each test that needs one."""
    from silek_app.services import bootstrap

    path = _TMP / "template.db"
    original = settings.DB_URL
    settings.DB_URL = f"sqlite:///{path}"
    try:
        bootstrap.bootstrap(seed_demo=False)
        # Closing every connection checkpoints the WAL into the main file,
        # so copying that one file copies the whole database.
        from silek_app.db import get_engine

        get_engine().dispose()
    finally:
        settings.DB_URL = original
    return path


@pytest.fixture
def db(migrated_template, tmp_path, monkeypatch) -> str:
    """A fresh database for one test; returns its URL."""
    target = tmp_path / "silek.db"
    shutil.copy(migrated_template, target)
    url = f"sqlite:///{target}"
    monkeypatch.setattr(settings, "DB_URL", url)
    return url


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_TMP, ignore_errors=True)
