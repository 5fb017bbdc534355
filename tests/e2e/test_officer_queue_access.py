"""Access rules of /petugas, tried the way an attacker would: every public handler of
the queue state sent over a crafted socket as an applicant and anonymously."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import func, select

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.officer_queue import queue_applicant, socket_login, submit_file
from tests.support.socket_client import SocketClient, merged_delta, redirects

pytestmark = pytest.mark.browser


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=120)


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.officer_queue import OfficerQueueState
    from silek_app.state.session import SessionState

    return {"queue": OfficerQueueState, "login": LoginState, "session": SessionState}


_TARGET: dict[str, str] = {}


@pytest.fixture
def target(server_services) -> str:
    """An open file at the front office desk, unclaimed."""
    if "ref" not in _TARGET:  # the server's database lives for the whole session
        _TARGET["ref"] = submit_file(queue_applicant(3), 3)
    return _TARGET["ref"]


def _payloads(reference: str) -> dict[str, dict]:
    return {
        "load": {},
        "watch": {},
        "set_tab": {"tab": "semua"},
        "apply_search": {"form_data": {"q": "1372"}},
        "clear_search": {},
        "next_page": {},
        "previous_page": {},
        "claim": {"reference": reference},
        "release": {"reference": reference},
    }


def _claim_audits(reference: str) -> int:
    from silek_app.db import session_scope
    from silek_app.models import AuthEvent

    with session_scope() as s:
        return s.exec(
            select(func.count()).select_from(AuthEvent).where(AuthEvent.detail.contains(reference))
        ).one()


def _claimed_by(reference: str):
    from silek_app.db import session_scope
    from silek_app.models import Application

    with session_scope() as s:
        return s.exec(
            select(Application.claimed_by_id).where(Application.reference_number == reference)
        ).one()


def test_every_queue_handler_is_covered(states, target):
    queue, session = states["queue"], states["session"]
    public = set(queue.event_handlers) - set(session.event_handlers)
    assert public == set(_payloads(target)), "a new handler needs a crafted-event check here"


@pytest.mark.parametrize("who", ["applicant", "anonymous"])
def test_queue_handlers_give_non_officers_nothing(server, states, target, who):
    queue = states["queue"]

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        if who == "applicant":
            token = await socket_login(
                client, states["login"], states["session"], "pemohon@demo.silek.id", DEMO_PASSWORD
            )
            assert token
        else:
            await client.collect(1.5)
        client.pathname = "/petugas"
        frames = []
        for name, payload in _payloads(target).items():
            await client.emit(f"{queue.get_full_name()}.{name}", payload)
            frames += await client.collect(1.5)
        frames += await client.collect(3)  # anything a watcher might still push
        await client.close()
        return frames

    frames = _run(scenario())
    text = json.dumps([f.delta for f in frames] + [f.events for f in frames])
    assert target not in text, "queue data reached a non-officer"
    assert "1372********" not in text
    delta = merged_delta(frames).get(queue.get_full_name(), {})
    assert delta.get("rows", []) == []
    assert delta.get("tabs", []) == []
    assert delta.get("total", 0) == 0
    if who == "applicant":
        assert delta.get("denied") == "Halaman ini khusus petugas."
    else:
        assert "/masuk?next=/petugas" in redirects(frames)
    assert _claimed_by(target) is None
    assert _claim_audits(target) == 0


def test_the_same_events_work_for_an_officer(server, states, target):
    """Control: the crafted events above do reach the handlers."""
    queue = states["queue"]

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        await socket_login(
            client, states["login"], states["session"], "fo@demo.silek.id", DEMO_PASSWORD
        )
        client.pathname = "/petugas"
        await client.emit(f"{queue.get_full_name()}.load")
        await client.emit(f"{queue.get_full_name()}.apply_search", {"form_data": {"q": target}})
        await client.emit(f"{queue.get_full_name()}.claim", {"reference": target})
        frames = await client.collect(4)
        await client.close()
        return frames

    frames = _run(scenario())
    rows = merged_delta(frames)[queue.get_full_name()]["rows"]
    assert [r["reference"] for r in rows] == [target]
    assert _claimed_by(target) is not None
    assert _claim_audits(target) == 1

    from silek_app.services import accounts, officer_queue

    officer_queue.release(accounts.login("fo@demo.silek.id", DEMO_PASSWORD), target)
