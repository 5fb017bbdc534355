"""One file worked by every office role in its own browser, while the applicant's page
follows live; then a send-back round with "what changed" on the resubmission."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support import sample_files as sf
from tests.support.officer_file import applicant_file
from tests.unit.test_applications import PASSWORD

pytestmark = pytest.mark.browser
LIVE_MS = 15000  # generous for a shared CI machine; the feed polls every 0.5 s
PHONE = {"width": 360, "height": 780}
WIB = dt.timezone(dt.timedelta(hours=7))


def _login(browser, server, email: str, password: str, path: str):
    context = browser.new_context(viewport=PHONE, base_url=server, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"/masuk?next={path}")
    page.fill("#field-login", email)
    page.fill("#field-password", password)
    page.click("#login-submit")
    page.wait_for_url(f"**{path}")
    return page


def _officer(browser, server, who: str, reference: str):
    page = _login(browser, server, f"{who}@demo.silek.id", DEMO_PASSWORD,
                  f"/petugas/permohonan/{reference}")  # fmt: skip
    expect(page.locator("#officer-status")).to_be_visible()
    return page


def _act(page, code: str, status: str, note: str = "") -> None:
    if note:
        page.fill("#action-note", note)
    page.click(f"#action-{code}")
    expect(page.locator("#officer-status")).to_contain_text(status, timeout=LIVE_MS)


def _fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"page is {width}px wide on a 360px phone"


def test_every_role_works_the_file_while_the_applicant_watches(
    browser, server, server_services, tmp_path
):
    _, email, reference = applicant_file(0)
    citizen = _login(browser, server, email, PASSWORD, f"/permohonan/{reference}")
    expect(citizen.locator("#live-status")).to_contain_text("Diajukan")
    citizen.evaluate("window.__same_page = true")  # proves below that nothing reloaded

    fo = _officer(browser, server, "fo", reference)
    expect(fo.locator("#applicant")).to_contain_text("1372011505880004")  # full NIK
    _act(fo, "TERIMA_BERKAS", "Verifikasi kelengkapan")
    expect(fo.locator("#return-hint")).to_be_visible()  # the FO can send this step back
    expect(citizen.locator("#live-status")).to_contain_text("Verifikasi kelengkapan",
                                                            timeout=LIVE_MS)  # fmt: skip
    accepts = fo.locator(".doc-accept")
    for i in range(accepts.count()):
        accepts.nth(i).click()
        expect(fo.locator(".doc-review").nth(i)).to_have_text("Diterima")
    expect(fo.locator(".doc-preview").first).to_be_visible()
    _fits_phone(fo)
    _act(fo, "TERUSKAN_VERIFIKASI_TEKNIS", "Verifikasi teknis")
    expect(fo.locator("#no-actions")).to_be_visible()
    expect(fo.locator("#action-note")).to_have_count(0)  # no note box nothing would take

    teknis = _officer(browser, server, "teknis", reference)
    _act(teknis, "JADWALKAN_TINJAUAN", "Peninjauan lapangan")
    teknis.click("#action-SELESAIKAN_TINJAUAN")  # no BAP yet: refused
    expect(teknis.locator("#action-error")).to_contain_text("Berita Acara Pemeriksaan")
    teknis.fill("#bap-date", dt.datetime.now(WIB).date().isoformat())
    teknis.fill("#bap-officers", "dr. Fitri Handayani\nDrg. Yusuf Amri")
    teknis.select_option("#bap-result", "MEMENUHI")
    teknis.click("#bap-save")
    expect(teknis.locator(".bap-report")).to_have_count(1, timeout=LIVE_MS)
    photo = sf.write(tmp_path, "ruang-praktik.jpg", sf.valid_jpeg(320, 240))
    teknis.locator(".bap-photo-zone input[type=file]").set_input_files(str(photo))
    expect(teknis.locator(".bap-photo")).to_have_count(1, timeout=LIVE_MS)
    _fits_phone(teknis)
    _act(teknis, "SELESAIKAN_TINJAUAN", "Penyusunan konsep keputusan")
    expect(fo.locator("#officer-status")).to_contain_text("Penyusunan konsep",
                                                          timeout=LIVE_MS)  # fmt: skip

    bo = _officer(browser, server, "bo", reference)
    expect(bo.locator(".bap-photo")).to_have_count(1)
    _act(bo, "AJUKAN_TTE", "Menunggu tanda tangan")

    kadis = _officer(browser, server, "kadis", reference)
    expect(kadis.locator("#return-hint")).to_have_count(0)  # signing has no send-back
    kadis.click("#action-TANDATANGANI")
    expect(kadis.locator("#confirm-action")).to_be_visible()
    kadis.click("#confirm-action")
    expect(kadis.locator("#officer-status")).to_contain_text("Izin terbit", timeout=LIVE_MS)
    expect(kadis.locator(".history-item")).to_have_count(7)  # AJUKAN + six office steps
    expect(kadis.locator("#officer-permit-number")).to_contain_text("/SIPB/DPMPTSP-SLK/")
    expect(kadis.locator("#officer-permit-status")).to_have_text("AKTIF")
    # The clock has stopped: how long it took, not days "left" of a finished file.
    expect(kadis.get_by_text("Selesai dalam")).to_be_visible()
    expect(kadis.locator("#officer-used")).to_have_text("0 hari kerja")  # all on one day
    expect(kadis.locator("#officer-state-used")).to_have_count(0)
    with kadis.expect_download() as info:
        kadis.click("#officer-permit-pdf")
    assert info.value.path().read_bytes().startswith(b"%PDF-")
    expect(fo.locator("#officer-permit")).to_be_visible(timeout=LIVE_MS)  # live for colleagues

    expect(citizen.locator("#permit-panel")).to_be_visible(timeout=LIVE_MS)
    expect(citizen.locator("#permit-number")).to_contain_text("/SIPB/DPMPTSP-SLK/")
    expect(citizen.locator("#permit-start")).to_be_visible()  # the download is offered
    expect(citizen.get_by_text("Selesai dalam")).to_be_visible()
    expect(citizen.locator("#live-used")).to_have_text("0 hari kerja")
    expect(citizen.locator("#live-left")).to_have_count(0)
    assert citizen.evaluate("window.__same_page") is True
    for pg in (citizen, fo, teknis, bo, kadis):
        pg.context.close()


def test_send_back_round_shows_what_changed(browser, server, server_services):
    from silek_app.services import revisions

    token, email, reference = applicant_file(1)
    citizen = _login(browser, server, email, PASSWORD, f"/permohonan/{reference}")
    fo = _officer(browser, server, "fo", reference)
    _act(fo, "TERIMA_BERKAS", "Verifikasi kelengkapan")

    fo.fill("#action-note", "KTP tidak terbaca.")
    fo.click("#action-KEMBALIKAN")  # nothing flagged yet: refused
    expect(fo.locator("#action-error")).to_contain_text("Tandai minimal satu")
    ktp = fo.locator("#req-KTP")
    ktp.locator(".doc-flag-open").click()
    ktp.locator(".doc-flag-note textarea").fill("Foto KTP buram, pindai ulang.")
    ktp.locator(".doc-flag-submit").click()
    expect(ktp.locator(".doc-review")).to_have_text("Perlu perbaikan")
    address = fo.locator("#field-practice_address")
    address.locator(".field-flag-open").click()
    address.locator(".field-flag-note textarea").fill("Tulis RT/RW.")
    address.locator(".field-flag-submit").click()
    expect(address.locator(".field-flagged")).to_contain_text("Tulis RT/RW.")
    _act(fo, "KEMBALIKAN", "Dikembalikan", note="KTP tidak terbaca.")

    expect(citizen.locator("#revision-list")).to_be_visible(timeout=LIVE_MS)
    expect(citizen.locator(".revision-item")).to_have_count(2)
    expect(citizen.locator(".revision-item").first).to_contain_text("Foto KTP buram")

    revisions.fix_document(token, reference, "KTP", "ktp-jelas.pdf", sf.valid_pdf("KTP jelas"))
    assert (
        revisions.fix_fields(token, reference, {"practice_address": "Jl. Sudirman 1 RT 02"}) == {}
    )
    revisions.send_revision(token, reference)
    expect(fo.locator("#officer-status")).to_contain_text("Verifikasi kelengkapan",
                                                          timeout=LIVE_MS)  # fmt: skip
    expect(fo.locator("#changes")).to_contain_text("ktp-jelas.pdf")
    expect(fo.locator(".change-item")).to_have_count(2)
    expect(fo.locator("#changes")).to_contain_text("Jl. Sudirman 1 \u2192 Jl. Sudirman 1 RT 02")
    expect(ktp.locator(".doc-review")).to_have_text("Belum diperiksa")
    citizen.context.close()
    fo.context.close()


def test_the_page_is_for_officers_only(browser, server, server_services):
    _, email, reference = applicant_file(2)
    anonymous = browser.new_context(viewport=PHONE, base_url=server).new_page()
    anonymous.goto(f"/petugas/permohonan/{reference}")
    anonymous.wait_for_url(f"**/masuk?next=/petugas/permohonan/{reference}")
    anonymous.context.close()
    # Logged in as the file's own applicant, straight onto the officer page.
    citizen = _login(browser, server, email, PASSWORD, f"/petugas/permohonan/{reference}")
    expect(citizen.locator("#officer-error")).to_have_text("Halaman ini khusus petugas.")
    expect(citizen.locator("#officer-status")).to_have_count(0)
    citizen.context.close()
