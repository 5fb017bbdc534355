"""The public JSON API and its OpenAPI document."""

import pytest
from starlette.testclient import TestClient

from silek_app.api.routes import build_api


@pytest.fixture
def client(db):
    return TestClient(build_api())


def test_list_has_all_37_services_with_summary_fields(client):
    res = client.get("/api/v1/layanan")
    assert res.status_code == 200
    body = res.json()
    assert body["jumlah"] == 37 == len(body["layanan"])
    first = body["layanan"][0]
    assert set(first) >= {"kode", "nama", "kategori", "sla_hari_kerja", "biaya"}
    assert sum(1 for s in body["layanan"] if s["kategori"] != "NON") == 36


def test_list_filters_by_category_and_query(client):
    fas = client.get("/api/v1/layanan", params={"kategori": "fas"}).json()
    assert fas["jumlah"] == 7 and {s["kategori"] for s in fas["layanan"]} == {"FAS"}
    bidan = client.get("/api/v1/layanan", params={"q": "bidan"}).json()
    assert [s["kode"] for s in bidan["layanan"]] == ["SIPB"]
    bad = client.get("/api/v1/layanan", params={"kategori": "XYZ"})
    assert bad.status_code == 400 and "tidak dikenal" in bad.json()["error"]


def test_detail_has_full_standard_and_requirements(client):
    res = client.get("/api/v1/layanan/sipd")
    assert res.status_code == 200
    body = res.json()
    assert body["kode"] == "SIPD"
    assert len(body["standar_pelayanan"]) == 14 and all(body["standar_pelayanan"].values())
    assert set(body["persyaratan"]) == set(body["jenis_permohonan"])
    assert any(r["wajib"] for r in body["persyaratan"]["BARU"])
    assert body["maklumat_pelayanan"] and body["saluran_pengaduan"]


def test_unknown_code_is_404_json(client):
    res = client.get("/api/v1/layanan/TIDAKADA")
    assert res.status_code == 404
    assert res.headers["content-type"].startswith("application/json")
    assert "tidak ditemukan" in res.json()["error"]


def test_health_reports_database(client):
    res = client.get("/api/health")
    assert res.status_code == 200 and res.json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_database_is_down(client, monkeypatch):
    from silek_app import settings

    monkeypatch.setattr(settings, "DB_URL", "sqlite:////nonexistent-dir/x/y.db")
    res = client.get("/api/health")
    assert res.status_code == 503 and res.json()["database"] == "down"


def test_openapi_documents_every_route(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {
        "/api/v1/layanan",
        "/api/v1/layanan/{kode}",
        "/api/v1/templat/{nama}",
        "/api/v1/verifikasi/{token}",
        "/api/v1/statistik",
        "/api/health",
    }
    assert "404" in doc["paths"]["/api/v1/layanan/{kode}"]["get"]["responses"]


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_api_exposes_no_personal_data(client):
    keys = _keys(client.get("/api/v1/layanan").json()) | _keys(
        client.get("/api/v1/layanan/SIPB").json()
    )
    personal = {
        "nik",
        "email",
        "password",
        "password_hash",
        "token",
        "phone",
        "telepon",
        "nama_pemohon",
    }
    assert not keys & personal


def test_requirement_templates_are_downloadable(client):
    detail = client.get("/api/v1/layanan/SIPD").json()
    names = {r["templat"] for rs in detail["persyaratan"].values() for r in rs if r["templat"]}
    assert "surat_permohonan_sip.pdf" in names
    for name in names:
        res = client.get(f"/api/v1/templat/{name}")
        assert res.status_code == 200 and res.content.startswith(b"%PDF-")
        assert res.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert client.get("/api/v1/templat/tidak_ada.pdf").status_code == 404
