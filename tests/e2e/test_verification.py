"""Public verification of a permit's QR code and its revocation by the Kepala Dinas,
in the browser; and the revoke handler called over the socket by roles that may not."""

from __future__ import annotations

import asyncio
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, VIEWPORT
from tests.e2e.test_accessibility import AXE, _violations
from tests.support.layout_checks import touching
from tests.support.permits import issue, use_server_key
from tests.support.socket_client import SocketClient, merged_delta

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 780}
_CASES: dict[str, dict[str, str]] = {}


@pytest.fixture
def permit_case(server_services, monkeypatch):
    """One issued permit per person, kept for the session (the server's DB lives on)."""
    use_server_key(monkeypatch, server_services)

    def make(n: int) -> dict[str, str]:
        key = f"p{n}"
        if key not in _CASES:
            _CASES[key] = issue(n, f"e2e-verification-key-{n:04d}")
        return _CASES[key]

    return make


def _login(page, email: str, next_path: str) -> None:
    page.goto(f"/masuk?next={next_path}")
    page.fill("#field-login", email)
    page.fill("#field-password", DEMO_PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(f"**{next_path}")


def test_verify_then_revoke_then_verify_again(page, browser, server, permit_case):
    case = permit_case(1)
    page.set_viewport_size(PHONE)
    page.goto(f"/verifikasi/{case['qr_token']}")
    expect(page.locator("#verify-status")).to_have_text("AKTIF")
    expect(page.locator("#verify-holder")).to_have_text(case["holder"])
    expect(page.locator("#verify-number")).to_have_text(case["number"])
    expect(page.locator("#verify-service")).to_have_text("Surat Izin Praktik Bidan")
    body = page.locator("body").inner_text()
    masked = case["nik"][:4] + "*" * 8 + case["nik"][-4:]
    assert case["nik"] not in body and masked not in body and "Alamat" not in body
    assert "Nama pemegang izin" in body and "Berlaku sampai" in body
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page must fit a 360 px phone screen"

    kadis_ctx = browser.new_context(viewport=VIEWPORT, base_url=server, locale="id-ID")
    kadis = kadis_ctx.new_page()
    kadis.set_default_timeout(20000)
    try:
        _login(kadis, "kadis@demo.silek.id", "/petugas/izin")
        kadis.fill("#register-query", case["number"])
        kadis.click("#register-search")
        expect(kadis.locator(".register-row")).to_have_count(1)
        expect(kadis.locator(".register-holder")).to_have_text(case["holder"])
        # The signed PDF and the file behind it are one tap away. The download must not
        # look like leaving the page: Reflex would drop and re-open its socket.
        console: list[str] = []
        kadis.on("console", lambda message: console.append(message.text))
        with kadis.expect_download() as info:
            kadis.click(".register-pdf")
        assert info.value.path().read_bytes().startswith(b"%PDF-")
        kadis.wait_for_timeout(500)
        assert not [line for line in console if "Disconnect websocket" in line], console
        assert touching(kadis, ".register-row a") == []
        expect(kadis.locator(".register-file")).to_have_attribute(
            "href", f"/petugas/permohonan/{case['reference']}"
        )
        kadis.click(".register-revoke")
        expect(kadis.locator("#revoke-reason")).to_be_visible()
        kadis.fill("#revoke-reason", "terlalu")
        kadis.click("#revoke-submit")
        expect(kadis.locator("#revoke-error")).to_contain_text("minimal 10 karakter")
        reason = "STR pemegang izin tidak berlaku lagi sejak November."
        kadis.fill("#revoke-reason", reason)
        kadis.click("#revoke-submit")
        expect(kadis.locator("#revoke-reason")).to_have_count(0)
        expect(kadis.locator(".register-row").first).to_contain_text("DICABUT")
        expect(kadis.locator(".register-revoke")).to_have_count(0)
    finally:
        kadis_ctx.close()

    page.goto(f"/verifikasi/{case['qr_token']}")
    expect(page.locator("#verify-status")).to_have_text("DICABUT")
    expect(page.locator("#verify-revoked")).to_contain_text(reason)
    expect(page.locator("#verify-number")).to_have_text(case["number"])


@pytest.mark.parametrize("token", [secrets.token_urlsafe(24), "abc", "x" * 300])
def test_unknown_token_shows_not_valid(page, token):
    page.goto(f"/verifikasi/{token}")
    expect(page.locator("#verify-status")).to_have_text("Tidak valid")
    expect(page.locator("#verify-message")).to_contain_text("tidak dikenal")
    assert page.locator("#verify-holder").count() == 0


def test_api_answers_for_known_and_unknown_tokens(server, permit_case):
    import json
    import urllib.error
    import urllib.request

    case = permit_case(0)
    with urllib.request.urlopen(f"{server}/api/v1/verifikasi/{case['qr_token']}") as res:
        data = json.loads(res.read())
        assert res.headers["Cache-Control"] == "no-store"
        assert res.headers["X-Frame-Options"] == "DENY"
    assert data["valid"] is True and data["number"] == case["number"]
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{server}/api/v1/verifikasi/{secrets.token_urlsafe(24)}")
    assert err.value.code == 404 and json.loads(err.value.read())["valid"] is False


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (make test-deps)")
def test_pages_have_no_serious_accessibility_violations(page, browser, server, permit_case):
    case = permit_case(0)
    problems = {}
    for path in (f"/verifikasi/{case['qr_token']}", f"/verifikasi/{secrets.token_urlsafe(24)}"):
        page.goto(path)
        expect(page.locator("#verify-status")).to_be_visible()
        problems[path] = _violations(page)
    context = browser.new_context(viewport=VIEWPORT, base_url=server, locale="id-ID")
    kadis = context.new_page()
    try:
        _login(kadis, "kadis@demo.silek.id", "/petugas/izin")
        expect(kadis.locator(".register-row").first).to_be_visible()
        problems["/petugas/izin"] = _violations(kadis)
        kadis.locator(".register-revoke").first.click()
        expect(kadis.locator("#revoke-reason")).to_be_visible()
        problems["/petugas/izin (dialog)"] = _violations(kadis)
    finally:
        context.close()
    assert {k: v for k, v in problems.items() if v} == {}


# ---------------------------------------------------------------- crafted socket events


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=90)


def _states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.permit_register import PermitRegisterState

    return LoginState.get_full_name(), PermitRegisterState.get_full_name()


@pytest.mark.parametrize("email", ["pemohon@demo.silek.id", "fo@demo.silek.id"])
def test_revoke_over_the_socket_is_refused_for_other_roles(server, permit_case, email):
    case = permit_case(0)
    login, register = _states()

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        await client.collect(1.5)
        await client.emit(
            f"{login}.submit", {"form_data": {"login": email, "password": DEMO_PASSWORD}}
        )
        await client.collect(3)
        client.pathname = "/petugas/izin"
        await client.emit(f"{register}.search", {"form_data": {"query": case["number"]}})
        await client.emit(f"{register}.open_revoke", {"number": case["number"]})
        await client.emit(
            f"{register}.revoke", {"form_data": {"reason": "Dicabut oleh penyusup tanpa hak."}}
        )
        frames = await client.collect(3)
        await client.close()
        return merged_delta(frames)

    delta = _run(scenario())
    assert delta[register]["revoke_error"] == "Anda tidak berwenang melakukan tindakan ini."
    if email.startswith("pemohon"):  # not an officer: the register itself is refused
        assert delta[register]["error"] == "Anda tidak berwenang melakukan tindakan ini."
        assert not delta[register].get("rows")
    else:  # an officer may read the register, but not revoke
        assert [r["number"] for r in delta[register]["rows"]] == [case["number"]]

    from silek_app.services import verification

    result = verification.verify(case["qr_token"])
    assert result["status"] == "AKTIF" and result["revoke_reason"] == ""
