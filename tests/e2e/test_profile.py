"""Browser journey at 390x844: the applicant edits contact data on /akun.

NIK is shown masked and cannot be edited; bad input is explained and not stored.
"""

import random

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support import sample_files as sf

pytestmark = pytest.mark.browser

PASSWORD = "batang-lembang-mangalia"  # noqa: S105 (test data)


def _fresh_nik() -> str:
    # Kota Solok, Tanjung Harapan; a man born 21-03-1988; random serial.
    return f"137202210388{random.randint(1, 9999):04d}"


def _register(page) -> str:
    nik = _fresh_nik()
    page.goto("/daftar")
    page.fill("#field-nik", nik)
    page.fill("#field-full_name", "Rahmat Hidayat")
    page.fill("#field-email", f"rahmat{nik[-4:]}@contoh.id")
    page.fill("#field-phone", "081374009900")
    page.fill("#field-password", PASSWORD)
    page.fill("#field-password_confirm", PASSWORD)
    page.click("#register-submit")
    page.wait_for_url("**/akun", timeout=30000)
    return nik


def test_applicant_changes_phone_and_address(page):
    nik = _register(page)
    masked = f"{nik[:4]}********{nik[-4:]}"
    expect(page.locator("#contact-phone")).to_have_value("081374009900")
    # NIK: masked, read-only, explained.
    expect(page.locator("#contact-nik")).to_have_value(masked)
    expect(page.locator("#contact-nik")).to_have_attribute("readonly", "")
    expect(page.locator("#contact-nik-note")).to_contain_text("NIK tidak dapat diubah")
    expect(page.locator("#account-documents-empty")).to_be_visible()

    page.fill("#contact-phone", "+62 812-6677-8899")
    page.fill("#contact-address", "Jl. Proklamasi No. 17, RT 002 RW 001")
    page.select_option("#contact-kelurahan_code", "13.72.02.1003")
    page.click("#contact-submit")
    expect(page.locator("#account-notice")).to_have_text("Data kontak berhasil disimpan.")
    expect(page.locator("#account-phone")).to_have_text("081266778899")

    page.reload()
    expect(page.locator("#account-phone")).to_have_text("081266778899")
    expect(page.locator("#account-address")).to_contain_text("Jl. Proklamasi No. 17")
    expect(page.locator("#account-address")).to_contain_text("Tanjung Paku")
    expect(page.locator("#contact-phone")).to_have_value("081266778899")
    expect(page.locator("#contact-address")).to_have_value("Jl. Proklamasi No. 17, RT 002 RW 001")
    expect(page.locator("#contact-kelurahan_code")).to_have_value("13.72.02.1003")
    expect(page.locator("#account-nik_masked")).to_have_text(masked)

    # An invalid phone is explained; nothing is stored.
    page.fill("#contact-phone", "12345")
    page.fill("#contact-address", "Alamat yang tidak boleh tersimpan")
    page.click("#contact-submit")
    expect(page.locator("#contact-phone-error")).to_have_text(
        "Nomor telepon tidak valid. Gunakan format 08xxxxxxxxxx atau +628xxxxxxxxx."
    )
    expect(page.locator("#account-error")).to_contain_text("Data belum disimpan")
    expect(page.locator("#contact-phone")).to_have_value("12345")  # the typed value stays

    page.reload()
    expect(page.locator("#account-phone")).to_have_text("081266778899")
    expect(page.locator("#contact-phone")).to_have_value("081266778899")
    expect(page.locator("#account-address")).to_contain_text("Jl. Proklamasi No. 17")
    expect(page.locator("#contact-phone-error")).to_have_count(0)


def test_uploaded_document_is_listed_with_a_link(page, tmp_path):
    _register(page)
    page.goto("/layanan/SIPB")
    page.click("#apply-button")
    page.wait_for_url("**/permohonan/baru/SIPB")
    page.get_by_label("Di fasilitas pelayanan kesehatan").click()
    page.get_by_label("Pertama").click()
    page.click("#precheck-submit")
    expect(page.locator("#field-name_on_permit")).to_be_visible()
    page.locator(".task-item").nth(4).click()  # Dokumen persyaratan
    slot = page.locator(".upload-slot").first
    if slot.locator(".slot-dropzone").count() == 0:
        slot.locator(".slot-open").click()
    pdf = sf.write(tmp_path, "ktp saya.pdf", sf.valid_pdf(text="KTP"))
    slot.locator(".slot-dropzone input[type=file]").set_input_files(str(pdf))
    expect(slot.locator(".slot-preview")).to_be_visible()

    page.goto("/akun")
    link = page.locator(".document-link")
    expect(link).to_have_count(1)
    expect(link).to_have_text("ktp saya.pdf")
    expect(link).to_have_attribute("target", "_blank")
    href = link.get_attribute("href") or ""
    assert href.startswith("/api/v1/berkas/")
    res = page.request.get(href)  # same cookies as the page: the owner may read it
    assert res.status == 200 and res.body().startswith(b"%PDF-")


def test_demo_applicant_form_is_prefilled(page):
    page.goto("/masuk?next=/akun")
    page.fill("#field-login", "pemohon@demo.silek.id")
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/akun", timeout=30000)
    expect(page.locator("#contact-str_number")).to_have_value("KKI-BDN-2024-000123")
    expect(page.locator("#contact-kelurahan_code")).to_have_value("13.72.01.1002")
    expect(page.locator("#contact-email")).to_have_value("pemohon@demo.silek.id")
    expect(page.locator("#contact-str_lifetime")).to_be_checked()
    # Saving unchanged data (STR for life, no date) is accepted and changes nothing.
    page.click("#contact-submit")
    expect(page.locator("#account-notice")).to_have_text("Data kontak berhasil disimpan.")
    expect(page.locator("#account-str_info")).to_have_text(
        "KKI-BDN-2024-000123 (berlaku seumur hidup)"
    )


def test_account_page_fits_360px(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=server)
    pg = context.new_page()
    pg.set_default_timeout(20000)
    pg.goto("/masuk?next=/akun")
    pg.fill("#field-login", "pemohon@demo.silek.id")
    pg.fill("#field-password", DEMO_PASSWORD)
    pg.click("#login-submit")
    pg.wait_for_url("**/akun", timeout=30000)
    expect(pg.locator("#contact-phone")).to_be_visible()
    pg.wait_for_timeout(500)
    width = pg.evaluate("() => document.documentElement.scrollWidth")
    pg.screenshot(path=str(tmp_path / "akun-360.png"), full_page=True)
    context.close()
    assert width <= 360, f"/akun is {width}px wide at 360px"
