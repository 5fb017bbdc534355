"""Browser journey at 390x844: apply with uploads, leave and resume, submit, confirmation."""

import random
import re

import pytest
from playwright.sync_api import expect

from tests.support import sample_files as sf

pytestmark = pytest.mark.browser

PASSWORD = "bukit-gado-gado-pagi"


def _register(page) -> tuple[str, str]:
    serial = random.randint(1, 9999)
    nik = f"137202550895{serial:04d}"
    email = f"bidan{serial}@contoh.id"
    page.goto("/daftar")
    page.fill("#field-nik", nik)
    page.fill("#field-full_name", "Nurul Aini")
    page.fill("#field-email", email)
    page.fill("#field-phone", "081374009988")
    page.fill("#field-password", PASSWORD)
    page.fill("#field-password_confirm", PASSWORD)
    page.click("#register-submit")
    page.wait_for_url("**/akun", timeout=30000)
    return nik, email


def _login(page, email: str, next_path: str):
    page.goto(f"/masuk?next={next_path}")
    page.fill("#field-login", email)
    page.fill("#field-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**{next_path}", timeout=30000)


def _upload(page, slot_index: int, path):
    slot = page.locator(".upload-slot").nth(slot_index)
    if slot.locator(".slot-dropzone").count() == 0:  # after a refusal the zone stays open
        slot.locator(".slot-open").click()
    slot.locator(".slot-dropzone input[type=file]").set_input_files(str(path))


def test_apply_resume_submit(browser, server, tmp_path):
    files = {f"dok{i}": sf.write(tmp_path, f"dok{i}.pdf", sf.valid_pdf(text=f"Dok {i}"))
             for i in range(8)}  # fmt: skip
    photo = sf.write(tmp_path, "foto.jpg", sf.valid_jpeg(300, 400))
    exe = sf.write(tmp_path, "surat.pdf", sf.exe_renamed())

    ctx = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    page = ctx.new_page()
    page.set_default_timeout(20000)
    nik, email = _register(page)

    page.goto("/layanan/SIPB")
    page.click("#apply-button")
    page.wait_for_url("**/permohonan/baru/SIPB")
    page.get_by_label("Di fasilitas pelayanan kesehatan").click()
    page.get_by_label("Pertama").click()
    page.click("#precheck-submit")
    expect(page.locator("#field-name_on_permit")).to_have_value("Nurul Aini")

    # Applicant section: wrong data is explained, nothing is stored.
    page.fill("#field-birth_place", "Solok")
    page.fill("#field-address", "Jl. Kampung Jawa No. 3")
    page.select_option("#field-kelurahan_code", "13.72.02.1005")
    page.fill("#field-phone", "12")
    page.click("#section-submit")
    expect(page.locator(".field-error").first).to_contain_text("telepon")
    page.fill("#field-phone", "081374009988")
    page.click("#section-submit")

    page.fill("#field-str_number", "KKI-BDN-2025-004321")
    page.check("#field-str_lifetime")
    page.click("#section-submit")

    page.fill("#field-practice_name", "Puskesmas Tanjung Paku")
    page.fill("#field-practice_address", "Jl. Tanjung Paku, Kota Solok")
    page.select_option("#field-practice_kelurahan", "13.72.02.1003")
    page.click("#section-submit")
    expect(page.locator(".upload-slot").first).to_be_visible()

    # A renamed .exe is refused with a clear message and nothing is attached.
    _upload(page, 0, exe)
    expect(page.locator("#apply-error")).to_contain_text("program Windows")
    expect(page.locator(".upload-slot").first.locator(".slot-preview")).to_have_count(0)
    _upload(page, 0, files["dok0"])
    expect(page.locator(".upload-slot").first.locator(".slot-preview")).to_be_visible()
    ctx.close()

    # Save and return: another device, same draft, same upload.
    ctx2 = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server)
    page = ctx2.new_page()
    page.set_default_timeout(20000)
    _login(page, email, "/permohonan/baru/SIPB")
    expect(page.locator("#apply-notice")).to_contain_text("Draf Anda tersimpan")
    page.locator(".task-item").nth(4).click()
    expect(page.locator(".upload-slot").first.locator(".slot-preview")).to_be_visible()

    slots = page.locator(".upload-slot")
    for i in range(1, slots.count()):
        name = slots.nth(i).inner_text().lower()
        _upload(page, i, photo if "foto" in name else files[f"dok{i}"])
        expect(slots.nth(i).locator(".slot-preview")).to_be_visible()

    page.click("#to-review")
    expect(page.locator("#review-missing")).to_have_count(0)
    expect(page.get_by_text("Puskesmas Tanjung Paku")).to_be_visible()
    page.click("#submit-application")
    page.wait_for_url("**/terkirim", timeout=30000)
    # The receipt's values arrive with its on_load; read them only once they are there.
    expect(page.locator("#receipt-number")).to_have_text(re.compile(r"^SLK-\d{8}-\d{5}$"))
    expect(page.locator("#receipt-due")).to_have_text(re.compile(r"^.{10}$"))
    reference = page.locator("#receipt-number").inner_text()
    expect(page.locator("#receipt-predicted")).not_to_be_empty()

    # Public tracking with the last 4 NIK digits shows the status only.
    page.goto(f"/lacak?nomor={reference}")
    page.fill("#track-nik", nik[-4:])
    page.click("#track-submit")
    expect(page.locator("#track-status")).to_contain_text("Diajukan")
    ctx2.close()
