"""axe-core (from the npm registry, injected by Playwright) on the citizen pages:
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
