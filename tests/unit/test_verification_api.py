"""GET /api/v1/verifikasi/{token}: the public verification endpoint."""

import secrets

import pytest
from starlette.testclient import TestClient
from test_permits import issued, permit_of

from silek_app.api.routes import build_api
from silek_app.api.security_headers import with_security_headers
from silek_app.services import permit_register
from silek_app.services.verification import NOT_VALID


@pytest.fixture
def client(db):
    return TestClient(with_security_headers(build_api()))


def _headers_ok(res) -> None:
    assert res.headers["cache-control"] == "no-store"
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["x-frame-options"] == "DENY"
    assert res.headers["content-type"].startswith("application/json")


def test_known_permit_is_200_with_its_public_data(client):
    _, reference, tokens = issued()
    permit = permit_of(reference)
    res = client.get(f"/api/v1/verifikasi/{permit.qr_token}")
    assert res.status_code == 200
    _headers_ok(res)
    body = res.json()
    assert body["valid"] is True and body["status"] == "AKTIF"
    assert (body["number"], body["holder_name"]) == (permit.number, "Siti Rahmawati")
    assert "1372015203920002" not in res.text and "0002" not in body["holder_name"]

    permit_register.revoke(tokens["kepala_dinas"], permit.number, "Izin praktik diserahkan.")
    body = client.get(f"/api/v1/verifikasi/{permit.qr_token}").json()
    assert body["status"] == "DICABUT" and body["revoke_reason"] == "Izin praktik diserahkan."


@pytest.mark.parametrize(
    "token",
    [secrets.token_urlsafe(24), "abc", "a" * 500, "%27%20OR%201%3D1", "%3Cscript%3E", "%00"],
)
def test_anything_else_is_a_404_json_not_valid(client, token):
    res = client.get(f"/api/v1/verifikasi/{token}")
    assert res.status_code == 404
    _headers_ok(res)
    assert res.json() == {"valid": False, "message": NOT_VALID}


def test_the_endpoint_is_documented(client):
    doc = client.get("/api/v1/openapi.json").json()
    op = doc["paths"]["/api/v1/verifikasi/{token}"]["get"]
    assert set(op["responses"]) == {"200", "404"}
