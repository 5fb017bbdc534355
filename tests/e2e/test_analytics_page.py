"""/analitik in a browser as pimpinan: filters, charts, export, bad input, live numbers."""

import contextlib
import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, VIEWPORT
from tests.support.analytics import submit_dash_file

pytestmark = pytest.mark.browser
CHARTS = 15
# Axis labels, axis titles and legend entries drawn outside their chart's box (cut off on
# a phone), and charts wider than the screen.
_CUT_OFF = """() => {
  const out = [], width = document.documentElement.clientWidth;
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const box = plot.getBoundingClientRect(), card = plot.closest('[id^="grafik-"]').id;
    if (box.left < 0 || box.right > width) out.push(`${card}: ${box.left}..${box.right}`);
    const texts = '.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext';
    for (const t of plot.querySelectorAll(texts)) {
      const r = t.getBoundingClientRect();
      if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
                      || r.bottom > box.bottom + 1)) out.push(`${card}: ${t.textContent}`);
    }
  }
  return out;
}"""


def _login_pimpinan(browser, server, viewport=VIEWPORT):
    context = browser.new_context(viewport=viewport, base_url=server, accept_downloads=True)
    page = context.new_page()
    page.goto("/masuk")
    page.fill("#field-login", "pimpinan@demo.silek.id")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/analitik", timeout=30000)  # pimpinan lands on the dashboard
    return context, page


def _count(page) -> int:
    return int(page.locator("#kartu-permohonan .analitik-angka").inner_text().replace(".", ""))


def test_dashboard_filters_charts_export_and_bad_period(browser, server, server_services):
    submit_dash_file(0, "analitik-a")
    context, page = _login_pimpinan(browser, server, {"width": 360, "height": 780})
    expect(page.locator("#nav-analitik")).to_be_visible()
    expect(page.locator("#grafik-volume .js-plotly-plot")).to_be_visible(timeout=20000)
    assert _count(page) >= 1
    # Every chart drawn, none wider than the phone, no label cut off; the stamp is WIB.
    expect(page.locator(".js-plotly-plot")).to_have_count(CHARTS)
    expect(page.locator("#grafik-volume .xtick text").first).to_be_visible()
    with contextlib.suppress(PlaywrightTimeout):  # Plotly settles its margins after drawing
        page.wait_for_function(f"({_CUT_OFF})().length === 0", timeout=5000)
    assert page.evaluate(_CUT_OFF) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    stamp = page.locator("#analitik-waktu").inner_text()
    assert re.fullmatch(r"Dihitung pada \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2} WIB", stamp)

    # A category filter without files: zero and empty-state charts, no error.
    page.click("#analitik-kategori")
    page.get_by_role("option", name="Non-Kesehatan").click()
    page.click("#analitik-terapkan")
    expect(page.locator("#kartu-permohonan .analitik-angka")).to_have_text("0")
    expect(page.locator("#grafik-volume")).to_contain_text("Belum ada data untuk filter ini.")
    expect(page.locator("#analitik-kosong")).to_contain_text("Tidak ada berkas yang cocok")
    expect(page.locator("#analitik-galat")).to_have_count(0)

    # Back to all files of one service: the figures return.
    page.click("#analitik-reset")
    page.click("#analitik-layanan")
    page.get_by_role("option", name="SIPB", exact=False).first.click()
    page.click("#analitik-terapkan")
    expect(page.locator("#kartu-permohonan .analitik-angka")).not_to_have_text("0")
    expect(page.locator("#analitik-kosong")).to_have_count(0)
    shown = _count(page)

    with page.expect_download() as info:
        page.click("#analitik-csv")
    text = open(info.value.path(), encoding="utf-8-sig").read()  # noqa: PTH123
    rows = list(csv.DictReader(io.StringIO(text)))
    summary = {r["ukuran"]: r["nilai"] for r in rows if r["tabel"] == "ringkasan"}
    assert summary["filter_layanan"] == "SIPB" and int(summary["jumlah_permohonan"]) == shown

    with page.expect_download() as info:
        page.click("#analitik-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    assert dict(book["volume_layanan"].values)["SIPB"] == shown

    # A period that ends before it starts: the message and empty charts, never an error.
    page.fill("#analitik-dari", "2026-05-01")
    page.fill("#analitik-sampai", "2026-04-01")
    page.click("#analitik-terapkan")
    expect(page.locator("#analitik-galat")).to_contain_text("Periode tidak valid")
    expect(page.locator("#grafik-volume")).to_contain_text("Belum ada data")
    context.close()


def test_dashboard_follows_a_new_submission_without_reload(browser, server, server_services):
    context, page = _login_pimpinan(browser, server)
    expect(page.locator("#grafik-volume .js-plotly-plot")).to_be_visible(timeout=20000)
    before = _count(page)
    page.wait_for_timeout(4000)  # the watcher has taken its first stamp
    submit_dash_file(1, "analitik-b")
    expect(page.locator("#kartu-permohonan .analitik-angka")).to_have_text(
        str(before + 1), timeout=15000
    )
    context.close()


def test_anonymous_is_sent_to_login(page):
    page.goto("/analitik")
    page.wait_for_url("**/masuk?next=/analitik", timeout=20000)


def test_applicant_is_refused(browser, server):
    context = browser.new_context(viewport=VIEWPORT, base_url=server)
    page = context.new_page()
    page.goto("/masuk?next=/analitik")
    page.fill("#field-login", "pemohon@demo.silek.id")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#analitik-ditolak")).to_have_text(
        "Halaman ini khusus pimpinan.", timeout=20000
    )
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    expect(page.locator("#nav-analitik")).to_have_count(0)
    context.close()


def test_dashboard_has_no_serious_axe_violations(browser, server):
    from tests.e2e.test_accessibility import _violations

    context, page = _login_pimpinan(browser, server)
    expect(page.locator("#grafik-volume .js-plotly-plot")).to_be_visible(timeout=20000)
    page.wait_for_timeout(1200)
    assert _violations(page) == []
    context.close()
