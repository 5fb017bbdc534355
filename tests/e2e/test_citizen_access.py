"""Access rules of the citizen journey, tested the way an attacker would try them:
crafted socket events and file requests carrying another applicant's ids."""

import asyncio
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import select

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.socket_client import SocketClient, merged_delta
from tests.unit.test_applications import applicant_token, ready_draft

pytestmark = pytest.mark.browser


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=90)


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.application_detail import ApplicationDetailState
    from silek_app.state.apply import ApplyState
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.live import ApplicationLive
    from silek_app.state.session import SessionState

    return {
        "detail": ApplicationDetailState, "apply": ApplyState, "login": LoginState,
        "live": ApplicationLive, "session": SessionState,
    }  # fmt: skip


_VICTIM: dict[str, tuple[str, int]] = {}


@pytest.fixture
def victim(server_services):
    """Applicant A with a submitted application: (reference, a document id)."""
    if "case" in _VICTIM:  # the server's database lives for the whole session
        return _VICTIM["case"]
    from silek_app.db import session_scope
    from silek_app.models import Application, Document
    from silek_app.services import applications

    token = applicant_token(0)
    draft_id = ready_draft(token, "SIPB", n=0)
    reference = applications.submit(token, "SIPB", "victim-submit-key-000001").reference
    with session_scope() as s:
        doc = s.exec(select(Document).where(Document.application_id == draft_id)).first()
        assert s.get(Application, draft_id).reference_number == reference
        _VICTIM["case"] = (reference, doc.id)
        return reference, doc.id


async def _login(client: SocketClient, states) -> str:
    await client.collect(1.5)
    await client.emit(
        f"{states['login'].get_full_name()}.submit",
        {"form_data": {"login": "pemohon@demo.silek.id", "password": DEMO_PASSWORD}},
    )
    frames = await client.collect(3)
    return merged_delta(frames)[states["session"].get_full_name()]["auth_token"]


INTRUDER_BODY = "disusupi"


def _thread_fingerprint(reference: str) -> tuple:
    """The victim's thread and its application's change stamp, plus every intruder message.

    Only these rows: other e2e files write messages into the same server database.
    """
    from silek_app.db import session_scope
    from silek_app.models import Application, Message

    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        thread = s.exec(
            select(Message.id, Message.body).where(Message.application_id == app.id)
        ).all()
        intruder = s.exec(select(Message.id).where(Message.body == INTRUDER_BODY)).all()
        return app.updated_at, app.version, sorted(thread), sorted(intruder)


def test_other_applicant_cannot_watch_or_write(server, states, victim):
    reference, _ = victim
    detail, live = states["detail"], states["live"]
    before = _thread_fingerprint(reference)

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        await _login(client, states)
        client.pathname = f"/permohonan/{reference}"
        await client.emit(f"{detail.get_full_name()}.load", query={"nomor": reference})
        frames = await client.collect(3)
        await client.emit(
            f"{detail.get_full_name()}.send_message", {"form_data": {"body": INTRUDER_BODY}}
        )
        frames += await client.collect(2)
        await client.close()
        return merged_delta(frames)

    delta = _run(scenario())
    assert delta[detail.get_full_name()]["error"] == "Permohonan tidak ditemukan."
    shared = {k: v for k, v in delta.items() if k.endswith(live.get_name())}
    assert not any(v.get("header") for v in shared.values()), "victim's data was pushed"
    assert _thread_fingerprint(reference) == before, "the intruder's message was stored"


def _drafts() -> int:
    from silek_app.db import session_scope
    from silek_app.models import Application

    with session_scope() as s:
        return len(s.exec(select(Application).where(Application.status == "DRAFT")).all())


def test_anonymous_cannot_start_an_application(server, states, server_services):
    apply = states["apply"]
    before = _drafts()

    async def scenario():
        client = await SocketClient(server, pathname="/permohonan/baru/SIPB").connect()
        await client.collect(1.5)
        form = {"jenis": "BARU", "practice_kind": "MANDIRI", "place_no": "1"}
        await client.emit(f"{apply.get_full_name()}.save_precheck", {"form_data": form},
                          query={"kode": "SIPB"})  # fmt: skip
        await client.emit(f"{apply.get_full_name()}.submit", query={"kode": "SIPB"})
        frames = await client.collect(3)
        await client.close()
        return frames

    _run(scenario())
    assert _drafts() == before


def _get(url: str, token: str | None) -> int:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Cookie", f"silek_sesi={token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as res:  # noqa: S310 (loopback)
            return res.status
    except urllib.error.HTTPError as err:
        return err.code


def test_file_routes_refuse_other_applicants_ids(server, states, victim):
    reference, doc_id = victim

    async def scenario():
        client = await SocketClient(server, pathname="/masuk").connect()
        token = await _login(client, states)
        await client.close()
        return token

    intruder = _run(scenario())
    assert _get(f"{server}/api/v1/berkas/{doc_id}", intruder) == 404
    assert _get(f"{server}/api/v1/izin/{reference}", intruder) == 404
    assert _get(f"{server}/api/v1/berkas/{doc_id}", None) == 401
