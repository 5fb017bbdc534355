"""GET /api/v1/statistik: the public performance figures as open data."""

import pytest
from starlette.testclient import TestClient
from test_analytics import history

from silek_app.api.openapi import openapi_document
from silek_app.api.routes import build_api

PUBLIC_ROW_KEYS = {
    "kode", "nama", "kategori", "sla_hari_kerja", "jumlah_permohonan", "jumlah_terbit",
    "median_hari_kerja", "persen_tepat_waktu", "ikm", "mutu", "kinerja", "responden",
}  # fmt: skip


@pytest.fixture
def client(db):
    return TestClient(build_api())


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_statistics_per_service_with_aggregates_only(client):
    history(2)
    res = client.get("/api/v1/statistik", params={"kategori": "tk"})
    assert res.status_code == 200
    assert res.headers["cache-control"] == "no-store"
    assert res.headers["x-content-type-options"] == "nosniff"
    body = res.json()
    rows = {r["kode"]: r for r in body["layanan"]}
    assert all(set(r) == PUBLIC_ROW_KEYS for r in rows.values())
    sipb = rows["SIPB"]
    assert sipb["jumlah_permohonan"] == 2 and sipb["jumlah_terbit"] == 1
    assert sipb["persen_tepat_waktu"] == 100.0 and sipb["mutu"] == "A"
    assert body["ringkasan"]["responden"] == 1
    assert body["maklumat"] and body["saluran_pengaduan"]
    personal = {"nik", "email", "nama_pemohon", "petugas", "petugas_id", "alamat", "phone",
                "reference_number", "applicant_id", "respondent_id", "suggestion"}  # fmt: skip
    assert not (_keys(body) & personal)
    for value in ("1372015203920002", "Siti Rahmawati", "siti@contoh.id", "Jl. Pandan"):
        assert value not in res.text


def test_service_and_period_filters(client):
    history(1)
    one = client.get("/api/v1/statistik", params={"layanan": "sipb"}).json()
    assert [r["kode"] for r in one["layanan"]] == ["SIPB"]
    old = client.get("/api/v1/statistik", params={"dari": "2001-01-01", "sampai": "2001-02-01"})
    assert old.status_code == 200
    assert all(r["jumlah_permohonan"] == 0 and r["ikm"] is None for r in old.json()["layanan"])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"layanan": "TIDAKADA"}, "Layanan dengan kode 'TIDAKADA' tidak dikenal"),
        ({"dari": "kemarin"}, "Tanggal awal 'kemarin' tidak valid"),
        ({"dari": "2026-05-01", "sampai": "2026-04-01"}, "lebih awal dari tanggal awal"),
        ({"kategori": "XYZ"}, "Kategori 'XYZ' tidak dikenal"),
    ],
)
def test_bad_input_is_a_400_json_error(client, params, fragment):
    res = client.get("/api/v1/statistik", params=params)
    assert res.status_code == 400
    assert res.headers["content-type"].startswith("application/json")
    assert fragment in res.json()["error"]


def test_documented_in_openapi():
    op = openapi_document()["paths"]["/api/v1/statistik"]["get"]
    assert {p["name"] for p in op["parameters"]} == {"dari", "sampai", "layanan", "kategori"}
    assert set(op["responses"]) == {"200", "400"}
    row = op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["layanan"]
    assert set(row["items"]["properties"]) == PUBLIC_ROW_KEYS
