"""Browser journeys at 390x844: register, log in, browse the catalog, log out."""

import random

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _fresh_nik() -> str:
    # Kota Solok, Lubuk Sikarah; a woman born 15-08-1995 (day 15+40); random serial.
    return f"137201550895{random.randint(1, 9999):04d}"


def test_register_login_browse_logout(page):
    nik = _fresh_nik()
    email = f"nakes{nik[-4:]}@contoh.id"
    page.goto("/daftar")
    page.fill("#field-nik", nik)
    page.fill("#field-full_name", "Dewi Kartika Sari")
    page.fill("#field-email", email)
    page.fill("#field-phone", "081374001122")
    page.fill("#field-password", "talago-biru-di-lembah")
    page.fill("#field-password_confirm", "talago-biru-di-lembah")
    page.click("#register-submit")

    page.wait_for_url("**/akun", timeout=30000)
    expect(page.locator("#account-full_name")).to_have_text("Dewi Kartika Sari")
    expect(page.locator("#account-nik_masked")).to_have_text(f"{nik[:4]}********{nik[-4:]}")
    expect(page.locator("#account-role_label")).to_have_text("Pemohon")

    page.click("#account-logout")
    page.wait_for_url(lambda url: not url.endswith("/akun"))
    expect(page.locator("#nav-masuk")).to_be_visible()

    page.goto("/masuk")
    page.fill("#field-login", email)
    page.fill("#field-password", "talago-biru-di-lembah")
    page.click("#login-submit")
    page.wait_for_url("**/akun", timeout=30000)
    expect(page.locator("#account-email")).to_have_text(email)

    page.click("#nav-layanan")
    page.wait_for_url("**/layanan")
    expect(page.locator("#catalog-count")).to_have_text("37 layanan ditemukan")
    page.fill("#catalog-search", "bidan")
    expect(page.locator("#catalog-count")).to_have_text("1 layanan ditemukan")
    page.locator(".service-row").first.click()
    page.wait_for_url("**/layanan/SIPB")
    expect(page.locator("#service-name")).to_have_text("Surat Izin Praktik Bidan")
    expect(page.locator("h2", has_text="Persyaratan")).to_be_visible()
    expect(page.get_by_text("Kartu Tanda Penduduk elektronik (KTP-el)")).to_be_visible()
    page.get_by_role("tab", name="Perpanjangan").click()
    expect(page.get_by_text("SKP", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Jangka Waktu Pelayanan").click()
    expect(page.get_by_text("5 (lima) hari kerja", exact=False).first).to_be_visible()
    expect(page.get_by_text("Maklumat Pelayanan")).to_be_visible()

    page.click("#nav-keluar")
    expect(page.locator("#nav-masuk")).to_be_visible()
    page.goto("/akun")
    page.wait_for_url("**/masuk?next=/akun")


def test_wrong_password_shows_error(page):
    page.goto("/masuk")
    page.fill("#field-login", "pemohon@demo.silek.id")
    page.fill("#field-password", "bukan-kata-sandi-yang-benar")
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_have_text("Email/NIK atau kata sandi salah.")
    assert "/masuk" in page.url


def test_demo_applicant_logs_in_with_nik(page):
    page.goto("/masuk?next=/layanan/SIPD")
    page.fill("#field-login", "1372014107900001")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/layanan/SIPD", timeout=30000)
    expect(page.locator("#nav-akun")).to_be_visible()


def test_invalid_nik_and_duplicate_email_are_explained(page):
    page.goto("/daftar")
    page.fill("#field-nik", "1372011213900001")  # month 13
    page.fill("#field-full_name", "Budi Santoso")
    page.fill("#field-email", "pemohon@demo.silek.id")
    page.fill("#field-phone", "081374001122")
    page.fill("#field-password", "talago-biru-di-lembah")
    page.fill("#field-password_confirm", "talago-biru-di-lembah")
    page.click("#register-submit")
    expect(page.locator("#register-error")).to_be_visible()
    expect(page.get_by_text("bulan", exact=False).first).to_be_visible()

    page.fill("#field-nik", _fresh_nik())
    page.click("#register-submit")
    expect(page.get_by_text("Email ini sudah terdaftar", exact=False).first).to_be_visible()
    assert "/daftar" in page.url


def test_category_filter_and_unknown_service(page):
    page.goto("/layanan?kategori=FAS")
    expect(page.locator("#catalog-count")).to_have_text("7 layanan ditemukan")
    page.goto("/layanan/TIDAKADA")
    expect(page.locator("#service-not-found")).to_contain_text("TIDAKADA")


@pytest.mark.parametrize("path", ["/", "/layanan", "/layanan/SIPD", "/masuk", "/daftar", "/lacak"])
def test_pages_fit_360px(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=server)
    pg = context.new_page()
    pg.goto(path)
    pg.wait_for_selector("main")
    pg.wait_for_timeout(500)
    overflow = pg.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert overflow <= 360, f"{path} is {overflow}px wide at 360px"


def test_security_headers_on_pages_and_api(server):
    import urllib.request

    for path in ("/", "/api/health", "/api/v1/layanan"):
        with urllib.request.urlopen(server + path, timeout=10) as res:  # noqa: S310
            assert res.headers["X-Content-Type-Options"] == "nosniff", path
            assert res.headers["X-Frame-Options"] == "DENY", path


def test_home_search_and_tracking_box(page):
    page.goto("/")
    page.fill("#home-search", "apotek")
    page.click("#home-search-submit")
    page.wait_for_url("**/layanan**q=apotek**")
    expect(page.locator("#catalog-search")).to_have_value("apotek")
    expect(page.locator(".service-row").first).to_contain_text("Apotek")

    page.goto("/")
    page.fill("#home-track", "SLK-20261203-09999")
    page.click("#home-track-submit")
    page.wait_for_url("**/lacak**")
    expect(page.locator("#track-reference")).to_have_value("SLK-20261203-09999")
    page.fill("#track-nik", "1234")
    page.click("#track-submit")
    expect(page.locator("#track-error")).to_contain_text("tidak cocok")


def test_requirement_template_downloads_as_pdf(page, tmp_path):
    page.goto("/layanan/SIPB")
    link = page.locator(".template-link").first
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "surat_permohonan_sip.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
