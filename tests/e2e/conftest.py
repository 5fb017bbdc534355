"""Runs the real production build (`reflex run --env prod`, one port) for browser and
socket tests, against its own fresh SQLite database with the demo accounts.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.server import running_server

# CI's machine runs the suite about 1.4x slower than a developer's; assertions that wait
# on the server (live pushes, dashboard recomputes) get room instead of Playwright's 5 s.
expect.set_options(timeout=15_000)

VIEWPORT = {"width": 390, "height": 844}
DEMO_PASSWORD = "Rendang-Bareh-Sawah"  # noqa: S105 (the published demo password)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def server(server_data_dir) -> str:
    """Base URL of a running production server with a freshly seeded database."""
    with running_server(server_data_dir) as base:
        yield base


@pytest.fixture
def server_services(server, server_data_dir, monkeypatch):
    """Point this test process's service layer at the server's database and files,
    to act as an officer where the officer screens are not built yet."""
    from silek_app import settings

    monkeypatch.setattr(settings, "DB_URL", f"sqlite:///{server_data_dir / 'silek.db'}")
    monkeypatch.setattr(settings, "STORAGE_DIR", server_data_dir / "berkas")
    return server_data_dir


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A phone-sized page in its own context (own cookies and session storage)."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server, locale="id-ID")
    pg = context.new_page()
    pg.set_default_timeout(20000)
    yield pg
    context.close()
