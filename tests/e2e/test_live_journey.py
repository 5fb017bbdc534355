"""The applicant's page follows the office live: status, messages, revision, permit.

The officer side is driven through the service layer (its screens come with the
officer workspace); the applicant's browser never reloads.
"""

import pytest
from playwright.sync_api import expect

from tests.support import sample_files as sf
from tests.unit.test_applications import (
    PASSWORD,
    PEOPLE,
    applicant_token,
    officer_token,
    ready_draft,
)

pytestmark = pytest.mark.browser
LIVE_MS = 15000  # tests do not time things: a loaded CI machine must not fail them


def test_officer_actions_reach_the_open_page_live(page, server_services, tmp_path):
    from silek_app.services import applications, messages, officer_actions

    token = applicant_token(2)
    ready_draft(token, "SIPB", n=2)
    reference = applications.submit(token, "SIPB", "e2e-live-journey-key-0001").reference
    fo, bo = officer_token("front_office"), officer_token("back_office")
    teknis, kadis = officer_token("tim_teknis"), officer_token("kepala_dinas")

    _, _, email, _, _ = PEOPLE[2]
    page.goto(f"/masuk?next=/permohonan/{reference}")
    page.fill("#field-login", email)
    page.fill("#field-password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**/permohonan/{reference}")
    expect(page.locator("#live-status")).to_contain_text("Diajukan")
    page.evaluate("window.__same_page = true")  # proves below that nothing reloaded
    bell = page.locator("#bell-count")
    unread = int(bell.inner_text()) if bell.count() else 0

    officer_actions.act(fo, reference, "TERIMA_BERKAS")
    expect(page.locator("#live-status")).to_contain_text("Verifikasi kelengkapan", timeout=LIVE_MS)
    expect(page.locator("#live-holder")).to_contain_text("Front Office")
    expect(bell).to_have_text(str(unread + 1), timeout=LIVE_MS)  # the bell follows live too

    messages.post_message(fo, reference, "Mohon unggah ulang KTP yang lebih jelas.")
    expect(page.locator(".message-item")).to_have_count(1, timeout=LIVE_MS)
    page.fill("#message-body", "Baik, segera saya unggah ulang.")
    page.click("#message-send")
    expect(page.locator(".message-item")).to_have_count(2)

    officer_actions.act(
        fo, reference, "KEMBALIKAN", note="KTP buram dan alamat kurang lengkap.",
        flags=[{"kind": "document", "target": "KTP", "note": "Foto KTP buram."},
               {"kind": "field", "target": "address", "note": "Tulis alamat lengkap."}],
    )  # fmt: skip
    expect(page.locator("#revision-list")).to_be_visible(timeout=LIVE_MS)
    expect(page.locator(".revision-item")).to_have_count(2)

    # Fix exactly the flagged items, then resubmit.
    ktp = sf.write(tmp_path, "ktp-baru.jpg", sf.valid_jpeg(640, 400))
    page.locator(".fix-open").first.click()
    page.locator(".fix-dropzone input[type=file]").set_input_files(str(ktp))
    expect(page.locator("#fix-notice")).to_contain_text("tersimpan")
    page.fill("#fix-address", "Jl. Tanah Garam No. 7, RT 02 RW 01, Kota Solok")
    page.click("#fix-save")
    expect(page.locator("#fix-notice")).to_contain_text("Isian perbaikan tersimpan")
    page.click("#send-revision")
    expect(page.locator("#live-status")).to_contain_text("Verifikasi kelengkapan", timeout=LIVE_MS)
    expect(page.locator(".pause-item")).to_have_count(1)
    expect(page.locator(".pause-item").first).to_contain_text("KTP buram")

    officer_actions.act(fo, reference, "TERUSKAN_VERIFIKASI_TEKNIS")
    officer_actions.act(teknis, reference, "TERBITKAN_REKOMENDASI")
    officer_actions.act(bo, reference, "AJUKAN_TTE")
    officer_actions.act(kadis, reference, "TANDATANGANI")
    expect(page.locator("#permit-panel")).to_be_visible(timeout=LIVE_MS)
    expect(page.locator("#permit-number")).to_contain_text("/SIPB/DPMPTSP-SLK/")
    assert page.evaluate("window.__same_page") is True

    # The survey is offered once before the first download; then the PDF.
    page.click("#permit-start")
    # .all() does not wait: without this the loop may see no question yet and submit blank.
    expect(page.locator(".survey-question")).to_have_count(9)
    for question in page.locator(".survey-question").all():
        choice = question.get_by_role("radio").nth(3)
        choice.click()
        expect(choice).to_be_checked()
    page.click("#survey-submit")
    expect(page.locator("#permit-download")).to_be_visible(timeout=LIVE_MS)
    expect(page.locator("#survey-error")).to_have_count(0)
    console: list[str] = []  # the download must not drop the page's live socket
    page.on("console", lambda message: console.append(message.text))
    with page.expect_download() as info:
        page.click("#permit-download")
    pdf = tmp_path / "izin.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert not [line for line in console if "Disconnect websocket" in line], console
