"""Runs the real production build (`reflex run --env prod`, one port) for browser and
socket tests, against its own fresh SQLite database with the demo accounts.
"""

from __future__ import annotations

import pytest

from tests.support.server import running_server

VIEWPORT = {"width": 390, "height": 844}
DEMO_PASSWORD = "Rendang-Bareh-Sawah"  # noqa: S105 (the published demo password)
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> str:
    """Base URL of a running production server with a freshly seeded database."""
    with running_server(tmp_path_factory.mktemp("e2e-data")) as base:
        yield base


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
