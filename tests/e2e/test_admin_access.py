"""Every public handler of the /admin state, sent as crafted socket events by an
anonymous visitor, an applicant and an officer: each is refused, no admin data is
sent to the client, and nothing in the database changes."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.admin import text_snapshot, user_snapshot
from tests.support.socket_client import SocketClient, merged_delta, redirects

pytestmark = pytest.mark.browser

REASON = "Percobaan mengubah tanpa hak akses."


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=120)


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.admin import AdminState
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.session import SessionState

    return AdminState, LoginState, SessionState


def _ids() -> dict[str, int]:
    from sqlmodel import select

    from silek_app.db import session_scope
    from silek_app.models import UserAccount

    with session_scope() as s:
        return {u.email.split("@")[0]: u.id for u in s.exec(select(UserAccount)).all()}


def _attacks(ids: dict[str, int]) -> list[tuple[str, dict]]:
    """(handler, payload) pairs, in an order that would do harm if any one passed."""
    form = {"email": "penyusup@contoh.id", "full_name": "Penyusup Baru", "role": "admin",
            "password": "kunci-gadang-pintu-rumah", "phone": ""}  # fmt: skip
    texts = {"maklumat": "Disusupi tanpa hak.", "name": "Disusupi", "reason": REASON}
    policy = {"deemed_approval_enabled": "on", "deemed_approval_days": "1",
              "deemed_warning_days": "0", "policy_reason": REASON}  # fmt: skip
    out: list[tuple[str, dict]] = [
        ("load", {}),
        ("set_tab", {"tab": "teks"}),
        ("search_users", {"form_data": {"q": "demo", "role_filter": "semua"}}),
        ("go_page", {"page": 1}),
        ("filter_role", {"role": "admin"}),
        ("create_account", {"form_data": form}),
        ("select_service", {"code": "SIPB"}),
        ("save_texts", {"form_data": texts}),
        ("save_policy", {"form_data": policy}),
    ]
    for victim in ("admin", "fo", "pemohon", "bo"):
        out += [
            ("select_user", {"user_id": str(ids[victim])}),
            ("set_pending_role", {"role": "admin"}),
            ("change_role", {"form_data": {"new_role": "admin"}}),
            ("unlock", {}),
            ("deactivate", {}),
            ("reactivate", {}),
        ]
    return out


async def _login(client: SocketClient, login_state, session_state, email: str) -> None:
    await client.emit(
        f"{login_state.get_full_name()}.submit",
        {"form_data": {"login": email, "password": DEMO_PASSWORD}},
    )
    frames = await client.collect(3)
    assert merged_delta(frames)[session_state.get_full_name()]["auth_token"]


@pytest.mark.parametrize("who", ["anonymous", "pemohon", "fo"])
def test_admin_handlers_refuse_non_admins(server, server_services, states, who):
    admin_state, login_state, session_state = states
    ids = _ids()

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        await client.collect(1.5)
        if who != "anonymous":
            await _login(client, login_state, session_state, f"{who}@demo.silek.id")
        before = (user_snapshot(), text_snapshot())
        client.pathname = "/admin"
        frames = []
        for handler, payload in _attacks(ids):
            await client.emit(f"{admin_state.get_full_name()}.{handler}", payload)
            frames += await client.collect(0.4)
        frames += await client.collect(1.5)
        await client.close()
        return before, frames

    before, frames = _run(scenario())
    assert (user_snapshot(), text_snapshot()) == before, "a refused call changed data"

    delta = merged_delta(frames).get(admin_state.get_full_name(), {})
    assert delta.get("allowed") in (None, False)
    for var in ("user_rows", "services", "texts", "standard", "change_log"):
        assert not delta.get(var), f"{var} leaked to a {who}"
    if who == "anonymous":
        assert "/masuk?next=/admin" in redirects(frames)
    else:
        assert delta.get("denied") == "Halaman ini khusus administrator."
