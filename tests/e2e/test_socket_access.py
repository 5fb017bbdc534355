"""Crafted socket events: logged-in-only handlers refuse a client without a session.

These talk to the running server exactly as a hostile script would, bypassing the
pages entirely.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.socket_client import SocketClient, merged_delta, redirects

pytestmark = pytest.mark.browser


def _handler(state_cls, name: str) -> str:
    return f"{state_cls.get_full_name()}.{name}"


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.account import AccountState
    from silek_app.state.session import SessionState

    return AccountState, SessionState


def _run(coro):
    # The sync Playwright fixtures keep an event loop running in this thread,
    # so each socket scenario gets a loop of its own in a worker thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=60)


def test_account_handler_refuses_client_without_session(server, states):
    account_state, _ = states

    async def scenario():
        client = await SocketClient(server, pathname="/akun").connect()
        await client.collect(2)
        await client.emit(_handler(account_state, "load_account"))
        frames = await client.collect(3)
        await client.close()
        return frames

    frames = _run(scenario())
    delta = merged_delta(frames)
    account = delta.get(account_state.get_full_name(), {}).get("account", {})
    assert not account, f"account data leaked: {account}"
    assert redirects(frames) == ["/masuk?next=/akun"]


def test_forged_session_cookie_is_refused(server, states):
    account_state, session_state = states
    cookie_var = f"{session_state.get_full_name()}.auth_token"

    async def scenario():
        client = await SocketClient(server, pathname="/akun").connect(
            storage={cookie_var: "forged-token-" + "A" * 40}
        )
        await client.collect(2)
        await client.emit(_handler(account_state, "load_account"))
        frames = await client.collect(3)
        await client.close()
        return frames

    frames = _run(scenario())
    account = merged_delta(frames).get(account_state.get_full_name(), {}).get("account", {})
    assert not account
    assert redirects(frames) == ["/masuk?next=/akun"]


def test_foreign_origin_is_refused_at_handshake(server):
    async def scenario():
        client = SocketClient(server)
        with pytest.raises(Exception):  # noqa: B017 — any refusal of the upgrade is fine
            await client.connect(origin="https://penipu.example")
            await asyncio.wait_for(client.ws.recv(), 3)

    _run(scenario())


def test_same_handler_serves_a_logged_in_client(server, states):
    """Control case: the refusal above is about the session, not a broken handler."""
    account_state, session_state = states
    from silek_app.state.auth_forms import LoginState

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        await client.collect(2)
        await client.emit(
            _handler(LoginState, "submit"),
            {"form_data": {"login": "pemohon@demo.silek.id", "password": DEMO_PASSWORD}},
        )
        login_frames = await client.collect(4)
        client.pathname = "/akun"
        await client.emit(_handler(account_state, "load_account"))
        frames = await client.collect(3)
        await client.close()
        return login_frames, frames

    login_frames, frames = _run(scenario())
    token = merged_delta(login_frames).get(session_state.get_full_name(), {}).get("auth_token")
    assert token and len(token) >= 43
    account = merged_delta(frames).get(account_state.get_full_name(), {}).get("account", {})
    assert account.get("email") == "pemohon@demo.silek.id"
    assert account.get("nik_masked") == "1372********0001"
    assert not redirects(frames)
