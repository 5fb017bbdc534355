"""The predicted completion date is shown next to the SLA date: to the applicant (detail page
and receipt), the office, and anyone tracking the file on /lacak.

Twenty issued SIPB files are written to the server's database first, so the
prediction rests on history rather than the SLA fallback. A file written as
submitted 60 days ago is past its SLA date: every page says "Lewat batas waktu layanan" and
gives an estimate that is not in the past.
"""

import datetime as dt
import re
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, VIEWPORT
from tests.support.officer_queue import submit_sipb
from tests.support.prediction import add_issued, add_waiting
from tests.unit.test_applications import PASSWORD

pytestmark = pytest.mark.browser
DATE = re.compile(r"\d{2}-\d{2}-\d{4}")
# An applicant of this file only (NIK with the birth date 25-08-1993 encoded).
PERSON = ("1372012508930009", "Agus Prediksi", "agus.prediksi@contoh.id", "081266009999",
          "1993-08-25")  # fmt: skip
LATE_PERSON = ("1372010304910010", "Rudi Terlambat", "rudi.lewat@contoh.id", "081266010010",
               "1991-04-03")  # fmt: skip


def _login(page, email: str, password: str, target: str) -> None:
    page.goto(f"/masuk?next={target}")
    page.fill("#field-login", email)
    page.fill("#field-password", password)
    page.click("#login-submit")
    # A glob would already match the login page's own "?next=" address.
    page.wait_for_url(lambda url: "/masuk" not in url and url.endswith(target))


def _open_when_predicted(page, path: str, note_id: str) -> None:
    """Open `path` until the prediction rests on history.

    The server reads a service's history stamp at most once a minute, so a test
    that viewed a SIPB file just before this one may leave the SLA fallback
    cached for up to STAMP_TTL_SECONDS after the synthetic files were written.
    """
    from silek_app.services.prediction import STAMP_TTL_SECONDS

    deadline = time.monotonic() + STAMP_TTL_SECONDS + 15
    while True:
        page.goto(path)
        note = page.locator(note_id)
        note.wait_for()
        if "berkas yang terbit" in note.inner_text() or time.monotonic() > deadline:
            return
        page.wait_for_timeout(3000)


def _track(page, reference: str, nik: str) -> None:
    page.goto(f"/lacak?nomor={reference}")
    page.fill("#track-nik", nik[-4:])
    page.click("#track-submit")
    page.locator("#track-status").wait_for()


def _day(text: str) -> dt.date:
    """The first dd-mm-yyyy date in `text`."""
    return dt.datetime.strptime(DATE.search(text).group(), "%d-%m-%Y").date()


def _history(applicant_id: int) -> None:
    from silek_app.domain.prediction import MIN_SAMPLES
    from silek_app.models import utcnow

    now = utcnow()
    for i in range(MIN_SAMPLES):
        issued = now - dt.timedelta(days=1 + i)
        add_issued("SIPB", applicant_id, issued - dt.timedelta(days=6), issued)


def test_applicant_and_officer_see_the_prediction(page, browser, server, server_services):
    from silek_app.services import accounts
    from silek_app.services.accounts import Registration

    nik, name, email, phone, _ = PERSON
    accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    token = accounts.login(email, PASSWORD)
    reference = submit_sipb(token, PERSON, nik)
    _history(accounts.require_user(token).id)

    _login(page, email, PASSWORD, f"/permohonan/{reference}")
    _open_when_predicted(page, f"/permohonan/{reference}", "#live-predicted-note")
    expect(page.locator("#live-due")).to_have_text(DATE)
    expect(page.locator("#live-predicted")).to_contain_text(DATE)
    expect(page.locator("#live-predicted")).not_to_contain_text("SLA")
    expect(page.locator("#live-predicted-note")).to_contain_text("berkas yang terbit")
    predicted = page.locator("#live-predicted").inner_text()
    due = page.locator("#live-due").inner_text()
    page.goto("/permohonan")
    expect(page.locator(".application-predicted").first).to_contain_text(DATE)
    # The receipt and public tracking show the same dates in the same words.
    page.goto(f"/permohonan/{reference}/terkirim")
    expect(page.locator("#receipt-due")).to_have_text(due)
    expect(page.locator("#receipt-predicted")).to_have_text(predicted)
    expect(page.locator("#receipt-predicted-note")).to_contain_text("berkas yang terbit")
    _track(page, reference, nik)
    expect(page.locator("#track-due")).to_have_text(due)
    expect(page.locator("#track-predicted")).to_have_text(predicted)
    expect(page.locator("#track-predicted-note")).to_contain_text("berkas yang terbit")

    context = browser.new_context(viewport=VIEWPORT, base_url=server, locale="id-ID")
    office = context.new_page()
    try:
        _login(office, "fo@demo.silek.id", DEMO_PASSWORD, "/petugas")
        row = office.locator(f'.queue-row[data-ref="{reference}"]')
        expect(row).to_contain_text("Perkiraan selesai")
        _open_when_predicted(office, f"/petugas/permohonan/{reference}", "#officer-predicted-note")
        expect(office.locator("#officer-due")).to_have_text(DATE)
        expect(office.locator("#officer-predicted")).to_contain_text(DATE)
        expect(office.locator("#officer-predicted-note")).to_contain_text("berkas yang terbit")
    finally:
        context.close()


def test_a_late_file_says_lewat_sla_with_a_date_ahead(page, server, server_services):
    """With or without the SIPB history of the test above, the estimate starts today."""
    from silek_app.domain.numbering import format_reference
    from silek_app.domain.sla import WIB, local_date
    from silek_app.models import utcnow
    from silek_app.services import accounts
    from silek_app.services.accounts import Registration

    nik, name, email, phone, _ = LATE_PERSON
    user_id = accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    today = local_date(utcnow())
    entered = today - dt.timedelta(days=60)
    # A number of a past day the app no longer hands out, so it meets no real file.
    reference = format_reference(entered, 97001)
    at = dt.datetime.combine(entered, dt.time(9), tzinfo=WIB)
    add_waiting("SIPB", user_id, at, reference)

    _login(page, email, PASSWORD, f"/permohonan/{reference}")
    pages = (("live", f"/permohonan/{reference}"), ("receipt", f"/permohonan/{reference}/terkirim"),
             ("track", None))  # fmt: skip
    for prefix, path in pages:
        if path:
            page.goto(path)
        else:
            _track(page, reference, nik)
        due, predicted = page.locator(f"#{prefix}-due"), page.locator(f"#{prefix}-predicted")
        expect(due).to_have_text(DATE)
        expect(predicted).to_contain_text("Lewat batas waktu layanan, perkiraan baru")
        expect(page.locator(f"#{prefix}-predicted-note")).to_contain_text(
            "melewati batas waktu layanan"
        )
        assert _day(due.inner_text()) < today, prefix
        assert _day(predicted.inner_text()) >= today, prefix
