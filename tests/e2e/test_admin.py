"""Browser journeys of /admin on a 360 px phone: creating an officer, deactivating a
colleague who has a page open, and publishing an edited service text."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
NEW_PASSWORD = "teratai-danau-kembar-pagi"  # noqa: S105 (test account)
SERVICE = "SIPRO"  # a service no other browser test reads
SERVICE_NAME = "Surat Izin Praktik Refraksionis Optisien/Optometris"


@pytest.fixture
def new_page(browser, server):
    """Factory of pages, each in its own browser context (own cookie and tab token)."""
    contexts = []

    def make():
        context = browser.new_context(viewport=PHONE, base_url=server, locale="id-ID")
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(20000)
        return pg

    yield make
    for context in contexts:
        context.close()


def login(page, email: str, password: str = DEMO_PASSWORD, target: str = "/admin") -> None:
    page.goto(f"/masuk?next={target}")
    page.fill("#field-login", email)
    page.fill("#field-password", password)
    page.click("#login-submit")
    page.wait_for_url(f"**{target}", timeout=30000)


def _fits_the_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _card(page, email: str):
    return page.locator(f".admin-user[data-email='{email}']")


def _find_user(page, email: str):
    page.fill("#admin-user-q", email)
    page.click("#admin-user-search")
    card = _card(page, email)
    expect(card).to_have_count(1)
    return card


def test_anonymous_and_other_roles_are_kept_out(new_page):
    anonymous = new_page()
    anonymous.goto("/admin")
    anonymous.wait_for_url("**/masuk?next=/admin")
    officer = new_page()
    login(officer, "bo@demo.silek.id")
    expect(officer.locator("#admin-denied")).to_have_text("Halaman ini khusus administrator.")
    expect(officer.locator(".admin-user")).to_have_count(0)
    expect(officer.locator("#admin-tab-pengguna")).to_have_count(0)


def test_admin_creates_an_officer_who_can_log_in(new_page):
    admin = new_page()
    login(admin, "admin@demo.silek.id")
    expect(admin.locator(".admin-user").first).to_be_visible()
    assert _fits_the_phone(admin)
    email = f"petugas-{uuid.uuid4().hex[:6]}@dpmptsp.solokkota.go.id"
    admin.fill("#new-email", email)
    admin.fill("#new-full_name", "Dewi Lestari")
    admin.select_option("#new-role", "front_office")
    # A weak password is explained next to its field; nothing is created.
    admin.fill("#new-password", "pendek")
    admin.click("#admin-create-submit")
    expect(admin.get_by_text("Kata sandi terlalu pendek")).to_be_visible()
    admin.fill("#new-password", NEW_PASSWORD)
    admin.click("#admin-create-submit")
    expect(admin.locator("#admin-create-notice")).to_have_text(f"Akun {email} dibuat.")
    expect(_find_user(admin, email)).to_contain_text("Front Office")
    assert _fits_the_phone(admin)

    officer = new_page()
    login(officer, email, NEW_PASSWORD, target="/akun")
    expect(officer.locator("#account-role_label")).to_have_text("Front Office")


def test_deactivation_ends_an_open_session(new_page, server_services):
    fo = new_page()
    login(fo, "fo@demo.silek.id", target="/akun")
    expect(fo.locator("#contact-submit")).to_be_enabled()

    admin = new_page()
    login(admin, "admin@demo.silek.id")
    try:
        card = _find_user(admin, "fo@demo.silek.id")
        card.get_by_role("button", name="Kelola fo@demo.silek.id").click()
        card.locator("#admin-deactivate").click()
        expect(admin.get_by_role("alertdialog")).to_contain_text("semua sesinya")
        assert _fits_the_phone(admin)
        admin.click("#admin-deactivate-confirm")
        expect(admin.locator("#admin-action-notice")).to_contain_text("dinonaktifkan")
        expect(card).to_contain_text("Nonaktif")

        # fo's very next action, in the page that was already open, is refused.
        fo.click("#contact-submit")
        fo.wait_for_url("**/masuk?next=/akun")
        fo.fill("#field-login", "fo@demo.silek.id")
        fo.fill("#field-password", DEMO_PASSWORD)
        fo.click("#login-submit")
        expect(fo.locator("#login-error")).to_be_visible()
        assert "/masuk" in fo.url

        card.locator("#admin-reactivate").click()
        expect(admin.locator("#admin-action-notice")).to_have_text("Akun diaktifkan kembali.")
    finally:
        _ensure_active("fo@demo.silek.id")
    login(fo, "fo@demo.silek.id", target="/akun")


def _ensure_active(email: str) -> None:
    """Leave the shared demo account usable for the other browser tests."""
    from sqlmodel import select

    from silek_app.db import session_scope
    from silek_app.models import UserAccount

    with session_scope(write=True) as s:
        user = s.exec(select(UserAccount).where(UserAccount.email == email)).one()
        user.is_active, user.locked_until, user.failed_logins = True, None, 0
        s.add(user)


def test_edited_maklumat_is_published_and_logged(new_page):
    admin = new_page()
    login(admin, "admin@demo.silek.id")
    admin.click("#admin-tab-teks")
    admin.select_option("#admin-service", SERVICE)
    expect(admin.locator("#text-name")).to_have_value(SERVICE_NAME)
    text = f"Kami siap melayani refraksionis dengan ramah dan tepat waktu ({uuid.uuid4().hex[:6]})."
    admin.fill("#text-maklumat", text)
    # Without a reason nothing is saved and the field says why.
    admin.click("#admin-texts-submit")
    expect(admin.get_by_text("Tuliskan alasan perubahan, minimal 10 karakter.")).to_be_visible()
    expect(admin.locator(".admin-log-entry")).to_have_count(0)
    admin.fill("#text-maklumat", text)
    admin.fill("#text-reason", "Maklumat baru sesuai rapat evaluasi layanan.")
    admin.click("#admin-texts-submit")
    expect(admin.locator("#admin-text-notice")).to_contain_text("Perubahan tersimpan")
    entry = admin.locator(".admin-log-entry").first
    expect(entry).to_contain_text("Maklumat pelayanan")
    expect(entry).to_contain_text("Maklumat baru sesuai rapat evaluasi layanan.")
    expect(entry).to_contain_text(text)
    assert _fits_the_phone(admin)

    public = new_page()
    public.goto(f"/layanan/{SERVICE}")
    expect(public.get_by_text(text)).to_be_visible()
