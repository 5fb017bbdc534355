"""The production server on PostgreSQL + Redis with two workers, switched by environment only."""

import asyncio
import json
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.conftest import DEMO_PASSWORD
from tests.support.server import running_server
from tests.support.services import create_database, drop_database, ensure_postgres, ensure_redis
from tests.support.socket_client import SocketClient, merged_delta

pytestmark = pytest.mark.scaled


@pytest.fixture(scope="module")
def scaled_server(tmp_path_factory):
    ensure_postgres()
    ensure_redis()
    name = f"silek_srv_{uuid.uuid4().hex[:8]}"
    db_url = create_database(name)
    try:
        with running_server(
            tmp_path_factory.mktemp("scaled"),
            REFLEX_DB_URL=db_url,
            REFLEX_REDIS_URL="redis://127.0.0.1:6379/0",
            GRANIAN_WORKERS="2",
        ) as base:
            yield base
    finally:
        drop_database(name)


def _get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as res:  # noqa: S310 (loopback)
        return json.loads(res.read())


def test_catalog_and_health_come_from_postgres(scaled_server):
    assert _get_json(f"{scaled_server}/api/health") == {"status": "ok", "database": "ok"}
    assert _get_json(f"{scaled_server}/api/v1/layanan")["jumlah"] == 37
    reflex_health = _get_json(f"{scaled_server}/_health")
    assert reflex_health.get("redis") is True, reflex_health


def test_login_over_socket_with_redis_state(scaled_server):
    from silek_app import silek_app  # noqa: F401
    from silek_app.state.account import AccountState
    from silek_app.state.auth_forms import LoginState

    async def one_client():
        client = await SocketClient(scaled_server, pathname="/masuk").connect()
        await client.collect(2)
        await client.emit(
            f"{LoginState.get_full_name()}.submit",
            {"form_data": {"login": "pemohon@demo.silek.id", "password": DEMO_PASSWORD}},
        )
        await client.collect(3)
        client.pathname = "/akun"
        await client.emit(f"{AccountState.get_full_name()}.load_account")
        frames = await client.collect(3)
        await client.close()
        return merged_delta(frames).get(AccountState.get_full_name(), {}).get("account", {})

    async def many():
        return await asyncio.gather(*(one_client() for _ in range(4)))

    with ThreadPoolExecutor(max_workers=1) as pool:
        accounts = pool.submit(asyncio.run, many()).result(timeout=120)
    assert [a.get("email") for a in accounts] == ["pemohon@demo.silek.id"] * 4
