"""Every account's header fits a 360 px phone (an office account has up to six items and
a busy bell), with space between its items and an accessible bell."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD
from tests.e2e.test_accessibility import _violations
from tests.support.layout_checks import touching

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}
ACCOUNTS = ("pemohon", "fo", "bo", "teknis", "kadis", "pimpinan", "admin")


def _unread_notifications(email: str, count: int) -> None:
    """A busy bell: its count badge is the widest item of the header."""
    from sqlmodel import select

    from silek_app.db import session_scope
    from silek_app.models import Notification, UserAccount

    with session_scope(write=True) as s:
        user = s.exec(select(UserAccount).where(UserAccount.email == email)).one()
        for n in range(count):
            s.add(Notification(user_id=user.id, kind="pesan", title=f"Pemberitahuan {n}"))


@pytest.mark.parametrize("who", ACCOUNTS)
def test_header_fits_a_360_px_phone(browser, server, server_services, who):
    _unread_notifications(f"{who}@demo.silek.id", 10)
    context = browser.new_context(viewport=PHONE, base_url=server, locale="id-ID")
    page = context.new_page()
    try:
        page.goto("/masuk?next=/akun")
        page.fill("#field-login", f"{who}@demo.silek.id")
        page.fill("#field-password", DEMO_PASSWORD)
        page.click("#login-submit")
        page.wait_for_url("**/akun", timeout=30000)
        expect(page.locator("#nav-keluar")).to_be_visible()
        # The bell's count arrives after the page: measure with it in place.
        expect(page.locator("#bell-count")).to_have_text(re.compile(r"^\d{2,}$"))
        # Measured in the page, in one go: the header re-renders once the session loads.
        fits = """() => {
          const r = document.querySelector('#nav-keluar')?.getBoundingClientRect();
          return !!r && r.width > 0 && r.right <= window.innerWidth
            && document.documentElement.scrollWidth <= window.innerWidth;
        }"""
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(fits, timeout=5000)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert page.evaluate(fits), f"{who}: header or page wider than 360 px ({width}px)"
        assert touching(page, '[id^="nav-"]') == [], f"{who}: header items without space between"
        # The busy bell is only seen here: its badge and spoken name pass axe too.
        assert _violations(page) == []
    finally:
        context.close()
