"""axe-core (from the npm registry, injected by Playwright) on citizen and office pages:
no serious or critical violations."""

from pathlib import Path

import pytest

from tests.e2e.conftest import DEMO_PASSWORD, VIEWPORT

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / ".tools/node_modules/axe-core/axe.min.js"
PUBLIC = ["/", "/layanan", "/layanan/SIPB", "/masuk", "/daftar", "/lacak"]
SIGNED_IN = ["/akun", "/permohonan", "/permohonan/baru/SIPD"]


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ` +
                      v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""
    )
    return list(found)


def _settled(page, path: str):
    page.goto(path)
    page.wait_for_selector("main")
    page.wait_for_timeout(1200)  # on_load data rendered


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_serious_violations(page, path):
    _settled(page, path)
    assert _violations(page) == []


def test_signed_in_pages_have_no_serious_violations(browser, server):
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    page = context.new_page()
    page.goto("/masuk")
    page.fill("#field-login", "pemohon@demo.silek.id")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/akun")
    problems = {}
    for path in SIGNED_IN:
        _settled(page, path)
        if found := _violations(page):
            problems[path] = found
    context.close()
    assert problems == {}


OFFICER = [("fo@demo.silek.id", ["/petugas", "/petugas/izin"]), ("admin@demo.silek.id", ["/admin"])]


@pytest.mark.parametrize(("email", "paths"), OFFICER)
def test_office_pages_have_no_serious_violations(browser, server, email, paths):
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    page = context.new_page()
    page.goto("/masuk")
    page.fill("#field-login", email)
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**{paths[0]}")
    problems = {}
    for path in paths:
        _settled(page, path)
        if found := _violations(page):
            problems[path] = found
    context.close()
    assert problems == {}


def test_verification_page_has_no_serious_violations(page):
    _settled(page, "/verifikasi/kode-yang-tidak-ada")
    assert _violations(page) == []


def test_officer_file_page_has_no_serious_violations(browser, server, server_services):
    from tests.support.officer_queue import queue_applicant, submit_file

    reference = submit_file(queue_applicant(3), 3)
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    page = context.new_page()
    page.goto(f"/masuk?next=/petugas/permohonan/{reference}")
    page.fill("#field-login", "fo@demo.silek.id")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**/petugas/permohonan/{reference}")
    page.wait_for_selector("#officer-status")
    page.wait_for_timeout(1200)
    found = _violations(page)
    context.close()
    assert found == []
