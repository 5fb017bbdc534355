"""/petugas in a real browser: login landing, search by NIK, claims, live arrivals.

The applicants' side and a colleague's claim are driven through the service layer
against the server's database; the officer's page never reloads.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.officer_queue import QUEUE_PEOPLE, queue_applicant, submit_file
from tests.unit.test_applications import officer_token

pytestmark = pytest.mark.browser
LIVE_MS = 15000  # the watcher polls every 2 s; a loaded CI machine must not fail this


def _login(page, email: str, expected_path: str) -> None:
    page.goto("/masuk")
    page.fill("#field-login", email)
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**{expected_path}")


def _row(page, reference: str):
    return page.locator(f'.queue-row[data-ref="{reference}"]')


def test_front_office_works_the_live_queue(page, server_services):
    from silek_app.services import officer_queue

    first = submit_file(queue_applicant(0), 0)
    nik = QUEUE_PEOPLE[0][0]

    _login(page, "fo@demo.silek.id", "/petugas")
    expect(page.locator("#nav-antrean")).to_be_visible()
    expect(_row(page, first)).to_be_visible()
    page.evaluate("window.__same_page = true")  # proves below that nothing reloaded

    page.fill("#queue-search", nik)
    page.click("#queue-search-submit")
    expect(page.locator(".queue-row")).to_have_count(1)
    expect(_row(page, first)).to_contain_text("1372********0004")
    # The officer typed it into the search box; it must appear nowhere on the page.
    assert nik not in page.locator("main").inner_text(), "the full NIK reached the browser"

    _row(page, first).locator(".queue-claim").click()
    expect(_row(page, first).locator(".queue-claimed")).to_contain_text("Andi Saputra (Anda)")
    expect(_row(page, first).locator(".queue-release")).to_be_visible()

    page.click("#queue-search-clear")
    expect(_row(page, first)).to_be_visible()

    # A new file arrives while the page is open.
    second = submit_file(queue_applicant(1), 1)
    expect(_row(page, second)).to_be_visible(timeout=LIVE_MS)

    # A colleague at the same desk claims it on another screen.
    colleague = officer_token("front_office")
    officer_queue.claim(colleague, second)
    claimed = _row(page, second).locator(".queue-claimed")
    expect(claimed).to_contain_text("Andi Petugas", timeout=LIVE_MS)
    expect(_row(page, second).locator(".queue-claim")).to_have_count(0)
    expect(_row(page, second).locator(".queue-release")).to_have_count(0)
    assert page.evaluate("window.__same_page") is True


def test_queue_fits_a_360_px_phone(browser, server, server_services):
    submit_file(queue_applicant(2), 2)
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=server)
    page = context.new_page()
    page.set_default_timeout(20000)
    try:
        _login(page, "bo@demo.silek.id", "/petugas")
        page.click('.queue-tab[data-tab="semua"]')
        expect(page.locator(".queue-row").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"horizontal scroll at 360 px ({width} px wide)"
    finally:
        context.close()


def test_non_officers_get_no_queue(page, server_services):
    page.goto("/petugas")
    page.wait_for_url("**/masuk?next=/petugas")

    _login(page, "pemohon@demo.silek.id", "/akun")
    page.goto("/petugas")
    expect(page.locator("#queue-denied")).to_have_text("Halaman ini khusus petugas.")
    expect(page.locator(".queue-row")).to_have_count(0)
    expect(page.locator("#nav-antrean")).to_have_count(0)
