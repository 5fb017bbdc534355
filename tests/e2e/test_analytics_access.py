"""Access rules of /analitik, tried the way an attacker would: every public handler of
the dashboard state sent over a crafted socket anonymously, as an applicant and as
a front-office officer. None of them gets a figure, a card or a download."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.analytics import submit_dash_file
from tests.support.officer_queue import socket_login
from tests.support.socket_client import SocketClient, merged_delta, redirects

pytestmark = pytest.mark.browser
_PAYLOADS = {
    "load": {},
    "watch": {},
    "apply": {"form": {"dari": "2020-01-01", "layanan": "SIPB"}},
    "set_filter": {"key": "layanan", "value": "SIPB"},
    "reset_filters": {},
    "refresh_figures": {},
    "export_csv": {},
    "export_xlsx": {},
}


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=120)


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.analytics import AnalyticsState
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.session import SessionState

    return {"dash": AnalyticsState, "login": LoginState, "session": SessionState}


_DONE: dict[str, str] = {}


@pytest.fixture
def some_data(server_services) -> None:
    """At least one submitted file, so a leak would show numbers."""
    if "ref" not in _DONE:  # the server's database lives for the whole session
        _DONE["ref"] = submit_dash_file(2, "analitik-akses")


def test_every_dashboard_handler_is_covered(states):
    dash, session = states["dash"], states["session"]
    public = set(dash.event_handlers) - set(session.event_handlers)
    assert public == set(_PAYLOADS), "a new handler needs a crafted-event check here"


async def _send_all(server, states, email: str | None):
    dash = states["dash"]
    client = await SocketClient(server, pathname="/masuk").connect()
    if email:
        assert await socket_login(client, states["login"], states["session"], email, DEMO_PASSWORD)
    else:
        await client.collect(1.5)
    client.pathname = "/analitik"
    frames = []
    for name, payload in _PAYLOADS.items():
        await client.emit(f"{dash.get_full_name()}.{name}", payload)
        frames += await client.collect(1.5)
    frames += await client.collect(4)  # anything a watcher might still push
    await client.close()
    return frames


def _traces(delta: dict) -> int:
    return sum(len((v or {}).get("data", [])) for k, v in delta.items() if k.startswith("fig_"))


@pytest.mark.parametrize(
    "email", [None, "pemohon@demo.silek.id", "fo@demo.silek.id"], ids=["anonim", "pemohon", "fo"]
)
def test_dashboard_handlers_give_non_leaders_nothing(server, states, some_data, email):
    dash = states["dash"]
    frames = _run(_send_all(server, states, email))
    delta = merged_delta(frames).get(dash.get_full_name(), {})
    assert _traces(delta) == 0, "a figure reached a non-leader"
    assert delta.get("cards", []) == []
    assert delta.get("options", {}) == {}
    events = json.dumps([f.events for f in frames])
    assert "silek-analitik" not in events and "download" not in events.lower()
    if email is None:
        assert "/masuk?next=/analitik" in redirects(frames)
    else:
        assert delta.get("denied") == "Halaman ini khusus pimpinan."


def test_the_same_events_work_for_a_leader(server, states, some_data):
    """Control: the crafted events above do reach the handlers."""
    dash = states["dash"]
    frames = _run(_send_all(server, states, "kadis@demo.silek.id"))
    delta = merged_delta(frames)[dash.get_full_name()]
    assert _traces(delta) > 0 and delta["cards"]
    assert "silek-analitik" in json.dumps([f.events for f in frames])
