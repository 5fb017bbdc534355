"""/kinerja shows the same figures as GET /api/v1/statistik, on a 360 px phone."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from silek_app.domain.indonesian_format import thousands
from tests.support.performance import issue_files

pytestmark = pytest.mark.browser


def _api(base: str, query: str = "") -> dict:
    with urllib.request.urlopen(f"{base}/api/v1/statistik{query}", timeout=30) as res:  # noqa: S310
        return json.loads(res.read())


def _shown(value, places: int = 1, suffix: str = "") -> str:
    """The page's Indonesian form of an API number (decimal comma)."""
    return "–" if value is None else f"{value:.{places}f}".replace(".", ",") + suffix


def test_kinerja_matches_the_api_at_360px(page, server, server_services):
    issue_files(issued=2, open_files=1, answers=[4, 4, 4, 3, 4, 4, 4, 3, 4])
    page.set_viewport_size({"width": 360, "height": 780})

    api = _api(server, "?kategori=TK")
    sipb = next(r for r in api["layanan"] if r["kode"] == "SIPB")
    assert sipb["jumlah_permohonan"] >= 3 and sipb["jumlah_terbit"] >= 2
    assert sipb["mutu"] == "A"

    page.goto("/kinerja?kategori=TK")
    card = page.locator("#kinerja-SIPB")
    expect(card.locator(".kinerja-jumlah")).to_have_text(thousands(sipb["jumlah_permohonan"]))
    expect(card.locator(".kinerja-median")).to_have_text(_shown(sipb["median_hari_kerja"]))
    expect(card.locator(".kinerja-tepat")).to_have_text(_shown(sipb["persen_tepat_waktu"], 1, "%"))
    expect(card.locator(".kinerja-ikm")).to_have_text(_shown(sipb["ikm"], 2))
    expect(card.locator(".kinerja-mutu")).to_contain_text("Mutu A")
    # Every service of the category has its card, and nothing overflows the phone.
    expect(page.locator(".kinerja-card")).to_have_count(len(api["layanan"]))
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > 360).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)"
    )
    assert width <= 360, wide
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    expect(page.locator("#kinerja-maklumat").first).to_contain_text("sanggup menyelenggarakan")
    expect(page.locator("#kinerja-pengaduan")).to_contain_text("SP4N-LAPOR!")
    ringkasan = page.locator("#kinerja-ringkasan")
    expect(ringkasan.locator(".ringkasan-jumlah")).to_have_text(
        thousands(api["ringkasan"]["jumlah_permohonan"])
    )

    # A period that ends before it starts: a clear message and no figures.
    page.fill("#kinerja-dari", "2026-05-01")
    page.fill("#kinerja-sampai", "2026-04-01")
    page.click("#kinerja-terapkan")
    expect(page.locator("#kinerja-galat")).to_contain_text("Periode tidak valid")
    expect(page.locator(".kinerja-card")).to_have_count(0)


def test_footer_links_to_kinerja(page, server):
    page.goto("/layanan")
    page.get_by_role("link", name="Kinerja layanan").click()
    page.wait_for_url("**/kinerja")
    expect(page.get_by_role("heading", name="Kinerja Layanan")).to_be_visible()
