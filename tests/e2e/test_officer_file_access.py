"""Every public handler of the officer file page, called over the socket the way a hostile
client would: as an applicant (even on their own file) and as the wrong office role.
Each is refused and the database is left exactly as it was."""

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support import sample_files as sf
from tests.support.officer_file import applicant_file, db_fingerprint, post_upload
from tests.support.socket_client import SocketClient, merged_delta
from tests.unit.test_applications import PASSWORD

pytestmark = pytest.mark.browser
WIB = dt.timezone(dt.timedelta(hours=7))


def _run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result(timeout=180)


@pytest.fixture(scope="module")
def states():
    from silek_app import silek_app  # noqa: F401  (registers pages and route vars)
    from silek_app.state.auth_forms import LoginState
    from silek_app.state.officer_file import OfficerFileState
    from silek_app.state.officer_file_live import OfficerFileLive

    return {"login": LoginState, "file": OfficerFileState, "live": OfficerFileLive}


_CASE: dict[str, dict] = {}


@pytest.fixture
def case(server_services):
    """File A in VERIFIKASI_BERKAS; file B in TINJAUAN_LAPANGAN with a BAP and a photo."""
    if "case" in _CASE:  # the server's database lives for the whole session
        return _CASE["case"]
    from silek_app.services import accounts, inspections, officer_file

    fo = accounts.login("fo@demo.silek.id", DEMO_PASSWORD)
    teknis = accounts.login("teknis@demo.silek.id", DEMO_PASSWORD)
    _, email_a, ref_a = applicant_file(3)
    officer_file.take_action(fo, ref_a, "TERIMA_BERKAS")
    _, _, ref_b = applicant_file(4)
    for token, code in ((fo, "TERIMA_BERKAS"), (fo, "TERUSKAN_VERIFIKASI_TEKNIS"),
                        (teknis, "JADWALKAN_TINJAUAN")):  # fmt: skip
        officer_file.take_action(token, ref_b, code)
    today = dt.datetime.now(WIB).date().isoformat()
    inspections.save_report(teknis, ref_b, today, "dr. Fitri Handayani", "MEMENUHI")
    photo = inspections.add_photo(teknis, ref_b, "depan.png", sf.valid_png(90, 70))
    view = officer_file.file_view(officer_file.open_file(fo, ref_a))
    doc_a = next(r["doc_id"] for r in view["requirements"] if r["doc_id"])
    _CASE["case"] = {"a": ref_a, "email_a": email_a, "b": ref_b, "doc_a": doc_a,
                     "photo_b": photo["id"]}  # fmt: skip
    return _CASE["case"]


def _every_handler(case: dict) -> list[tuple[str, dict]]:
    """(handler, payload) for each public handler that reads or changes a file."""
    today = dt.datetime.now(WIB).date().isoformat()
    return [
        ("toggle_flag", {"target": "doc-KTP"}),
        ("accept_document", {"document_id": case["doc_a"]}),
        ("flag_document", {"form_data": {"doc_id": case["doc_a"], "note": "Disusupi."}}),
        ("flag_field", {"form_data": {"field_key": "practice_address", "note": "Disusupi."}}),
        ("clear_field_flag", {"field_key": "practice_address"}),
        ("set_action_note", {"value": "Alasan yang disusupkan."}),
        ("request_action", {"code": "TERUSKAN_VERIFIKASI_TEKNIS", "label": ""}),
        ("request_action", {"code": "KEMBALIKAN", "label": ""}),
        ("request_action", {"code": "TOLAK", "label": "Tolak"}),
        ("confirm_action", {}),
        ("request_action", {"code": "TANDATANGANI", "label": "TTE"}),
        ("confirm_action", {}),
        ("cancel_action", {}),
        (
            "save_bap",
            {
                "form_data": {
                    "visit_date": today,
                    "officers": "Penyusup",
                    "result": "MEMENUHI",
                    "notes": "",
                }
            },
        ),  # fmt: skip
        ("remove_photo", {"document_id": case["photo_b"]}),
    ]


async def _session(server, states, email: str, password: str, reference: str):
    client = await SocketClient(server, pathname="/masuk").connect()
    await client.collect(1.5)
    await client.emit(f"{states['login'].get_full_name()}.submit",
                      {"form_data": {"login": email, "password": password}})  # fmt: skip
    await client.collect(3)
    client.pathname = f"/petugas/permohonan/{reference}"
    await client.emit(f"{states['file'].get_full_name()}.load", query={"nomor": reference})
    return client, await client.collect(3)


def _attack(server, states, case, email, password, reference, extra=()):
    """Log in, open `reference`, fire every handler (+ a photo upload); merged deltas."""
    name = states["file"].get_full_name()

    async def scenario():
        client, frames = await _session(server, states, email, password, reference)
        for handler, payload in [*_every_handler(case), *extra]:
            await client.emit(f"{name}.{handler}", payload, query={"nomor": reference})
            frames += await client.collect(0.6)
        status = await asyncio.to_thread(
            post_upload, server, client.token, f"{name}.upload_photo", "foto.png",
            sf.valid_png(77, 55),
        )  # fmt: skip
        frames += await client.collect(2)
        await client.close()
        return merged_delta(frames), status

    return _run(scenario())


# Officers of every desk may write to the applicant, and an applicant to their own file, so
# the message handler is fired only where the writer has no right to the thread.
_MESSAGE = ("send_message", {"form_data": {"body": "Pesan yang disusupkan."}})


def test_every_file_handler_is_covered(states, case):
    from silek_app.state.session import SessionState

    file_state = states["file"]
    public = set(file_state.event_handlers) - set(SessionState.event_handlers)
    attacked = {name for name, _ in _every_handler(case)} | {"load", "upload_photo", _MESSAGE[0]}
    assert public == attacked, "a new handler needs a crafted-event check here"


def _shared_header(delta: dict, states) -> list:
    live = states["live"].get_name()
    return [v.get("header") for k, v in delta.items() if k.endswith(live) and v.get("header")]


def test_an_applicant_gets_nothing_even_on_their_own_file(server, states, case):
    before = db_fingerprint()
    delta, status = _attack(server, states, case, case["email_a"], PASSWORD, case["a"])
    mine = delta[states["file"].get_full_name()]
    assert mine["error"] == "Halaman ini khusus petugas."
    assert not _shared_header(delta, states), "officer data was pushed to an applicant"
    assert status == 200  # the upload event ran and was refused like the rest
    assert db_fingerprint() == before
    # Someone else's file: not even a message gets through.
    delta, _ = _attack(server, states, case, case["email_a"], PASSWORD, case["b"], [_MESSAGE])
    assert delta[states["file"].get_full_name()]["error"] == "Halaman ini khusus petugas."
    assert db_fingerprint() == before


def test_a_leader_gets_nothing(server, states, case):
    before = db_fingerprint()
    delta, _ = _attack(
        server, states, case, "pimpinan@demo.silek.id", DEMO_PASSWORD, case["a"], [_MESSAGE]
    )
    assert delta[states["file"].get_full_name()]["error"] == "Halaman ini khusus petugas."
    assert not _shared_header(delta, states)
    assert db_fingerprint() == before


def test_technical_team_cannot_work_the_front_office_step(server, states, case):
    before = db_fingerprint()
    delta, _ = _attack(server, states, case, "teknis@demo.silek.id", DEMO_PASSWORD, case["a"])
    mine = delta[states["file"].get_full_name()]
    assert "tidak memeriksa berkas" in mine["review_error"]
    assert "tidak" in mine["action_error"]
    assert "tahap kunjungan lapangan" in mine["bap_error"]
    assert _shared_header(delta, states)  # an officer may look at the file
    assert db_fingerprint() == before


def test_front_office_cannot_sign_or_write_the_bap(server, states, case):
    before = db_fingerprint()
    delta, _ = _attack(server, states, case, "fo@demo.silek.id", DEMO_PASSWORD, case["b"])
    mine = delta[states["file"].get_full_name()]
    assert "tidak berwenang mengisi BAP" in mine["bap_error"]
    assert "tidak memeriksa berkas" in mine["review_error"]
    assert mine["action_error"]
    assert db_fingerprint() == before
