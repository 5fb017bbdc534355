"""The analytics service: filters, validation, cache invalidation and who may see it."""

import re
import uuid

import pytest
from test_applications import KEL, applicant_token, ready_draft
from test_permits import office, walk

from silek_app.services import accounts, analytics, analytics_frames, applications, skm, users
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError

LEADER_PASSWORD = "kalam-batu-sirah-bulan"


def leader(role: str = "pimpinan") -> str:
    email = f"{role}.analitik@dpmptsp.solokkota.go.id"
    users.create_user(email, "Pimpinan Analitik", role, LEADER_PASSWORD)
    return accounts.login(email, LEADER_PASSWORD)


def history(count: int = 2) -> tuple[dict[str, str], list[str]]:
    """`count` SIPB files, the first issued (with an SKM), the others left open."""
    tokens = office()
    refs = []
    for n in range(count):
        token = applicant_token(n)
        ready_draft(token, "SIPB", n)
        refs.append(applications.submit(token, "SIPB", uuid.uuid4().hex).reference)
        if n == 0:
            walk(tokens, refs[0])
            skm.submit_survey(token, refs[0], [4, 4, 4, 3, 4, 4, 4, 3, 4])
    return tokens, refs


def test_dashboard_figures_follow_the_files(db):
    token = leader()
    tokens, refs = history(2)
    fig = analytics.dashboard(token, {})
    assert fig["volume"]["per_service"] == [{"layanan": "SIPB", "jumlah": 2}]
    assert fig["waktu_tunggu"]["terbit"] == 1
    assert fig["waktu_tunggu"]["persen_tepat_waktu"] == 100.0
    assert fig["antrean"]["terbuka"] == 1
    assert fig["ikm"]["keseluruhan"]["responden"] == 1
    # 34 of 36: 25 x 34 / 9 = 94.444.. -> 94.44, grade A.
    assert fig["ikm"]["keseluruhan"]["ikm"] == 94.44
    assert fig["ikm"]["keseluruhan"]["mutu"] == "A"
    kel = {row["kode"]: row["berkas"] for row in fig["wilayah"]["per_kelurahan"]}
    assert kel[KEL] == 2
    assert {row["peran"] for row in fig["petugas"]} >= {"front_office", "kepala_dinas"}
    assert all(row["nama"] for row in fig["petugas"])
    steps = {row["status"] for row in fig["tahapan"]}
    assert {"VERIFIKASI_BERKAS", "PENANDATANGANAN"} <= steps


def test_filters_narrow_and_empty_filters_give_empty_figures(db):
    token = leader()
    history(1)
    assert analytics.dashboard(token, {"layanan": "SIPB"})["volume"]["per_service"]
    empty = analytics.dashboard(token, {"kategori": "NON"})
    assert empty["volume"]["rows"] == [] and empty["waktu_tunggu"]["terbit"] == 0
    assert empty["ikm"]["keseluruhan"] is None
    other_kel = analytics.dashboard(token, {"kelurahan": "13.72.02.1001"})
    assert other_kel["antrean"]["terbuka"] == 0
    assert analytics.dashboard(token, {"kecamatan": "13.72.01"})["waktu_tunggu"]["terbit"] == 1
    old = analytics.dashboard(token, {"dari": "2001-01-01", "sampai": "2001-12-31"})
    assert old["volume"]["rows"] == [] and old["perbaikan"]["berkas"] == 0


@pytest.mark.parametrize(
    ("filters", "fragment"),
    [
        ({"dari": "2026-03-01", "sampai": "2026-02-01"}, "tanggal akhir (2026-02-01) lebih awal"),
        ({"dari": "31-01-2026"}, "Tanggal awal '31-01-2026' tidak valid"),
        ({"sampai": "2026-02-30"}, "Tanggal akhir '2026-02-30' tidak valid"),
        ({"layanan": "XYZ"}, "Layanan dengan kode 'XYZ' tidak dikenal"),
        ({"kategori": "ABC"}, "Kategori 'ABC' tidak dikenal"),
        ({"kelurahan": "13.72.09.9999"}, "Kelurahan '13.72.09.9999' tidak dikenal"),
        ({"kecamatan": "13.72.09"}, "Kecamatan '13.72.09' tidak dikenal"),
        ({"kecamatan": "13.72.02", "kelurahan": KEL}, "tidak berada di kecamatan"),
        ({"freq": "Y"}, "Satuan waktu"),
    ],
)
def test_bad_filters_are_refused_in_indonesian(db, filters, fragment):
    token = leader()
    with pytest.raises(ServiceError, match=re.escape(fragment)):
        analytics.dashboard(token, filters)
    with pytest.raises(ServiceError, match=re.escape(fragment)):
        analytics.public_summary(filters)


def test_cache_is_reused_until_the_data_changes(db, monkeypatch):
    token = leader()
    tokens, refs = history(2)
    computed, loaded = [], []
    real_compute, real_load = analytics.compute, analytics_frames.load_all
    monkeypatch.setattr(analytics, "compute", lambda *a: computed.append(1) or real_compute(*a))
    monkeypatch.setattr(analytics_frames, "load_all", lambda c: loaded.append(1) or real_load(c))
    first = analytics.dashboard(token, {})
    assert analytics.dashboard(token, {}) is not None and len(computed) == 1
    analytics.public_summary({})
    assert len(computed) == 1
    walk(tokens, refs[1])  # the second file is issued: new status events
    assert analytics.dashboard(token, {}, wait=False) == first  # the last figures, at once
    second = analytics.dashboard(token, {})
    assert len(computed) == 2 and len(loaded) == 1  # the snapshot followed by its new rows
    assert first["waktu_tunggu"]["terbit"] == 1 and second["waktu_tunggu"]["terbit"] == 2
    analytics.recompute_all({})
    assert len(computed) == 3 and len(loaded) == 2


def test_without_waiting_nothing_is_computed(db):
    token = leader()
    history(1)
    assert analytics.dashboard(token, {"layanan": "SIPB"}, wait=False) is None
    ready = analytics.dashboard(token, {"layanan": "SIPB"})
    assert analytics.dashboard(token, {"layanan": "SIPB"}, wait=False) == ready


@pytest.mark.parametrize("role", ["pemohon", "front_office", "back_office", "tim_teknis"])
def test_only_leaders_see_the_dashboard(db, role):
    if role == "pemohon":
        token = applicant_token(0)
    else:
        token = leader(role)
    with pytest.raises(PermissionDenied):
        analytics.dashboard(token, {})


@pytest.mark.parametrize("token", [None, "", "bukan-token"])
def test_anonymous_is_refused(db, token):
    with pytest.raises(AuthRequired):
        analytics.dashboard(token, {})


@pytest.mark.parametrize("role", ["pimpinan", "kepala_dinas", "admin"])
def test_leader_roles_are_allowed(db, role):
    assert "volume" in analytics.dashboard(leader(role), {})


def test_public_summary_lists_every_service_without_personal_data(db):
    history(1)
    summary = analytics.public_summary({"kategori": "TK"})
    rows = {r["kode"]: r for r in summary["layanan"]}
    assert "SIPB" in rows and all(r["kategori"] == "TK" for r in rows.values())
    assert rows["SIPB"]["jumlah_permohonan"] == 1 and rows["SIPB"]["jumlah_terbit"] == 1
    assert rows["SIPB"]["mutu"] == "A" and rows["SIPB"]["responden"] == 1
    assert summary["ringkasan"]["persen_tepat_waktu"] == 100.0
    assert summary["maklumat"] and summary["saluran_pengaduan"]
    text = str(summary)
    for private in ("petugas", "nama_pemohon", "nik", "1372015203920002", "Siti"):
        assert private not in text


def test_filter_options_list_every_service_kecamatan_and_kelurahan(db):
    options = analytics.filter_options()
    codes = [s["kode"] for s in options["layanan"]]
    assert len(codes) == 37 and codes == sorted(codes)
    sipb = next(s for s in options["layanan"] if s["kode"] == "SIPB")
    assert sipb["nama"] and sipb["kategori"] in {k["kode"] for k in options["kategori"]}
    kecamatan = {k["kode"] for k in options["kecamatan"]}
    assert len(kecamatan) == 2
    assert {k["kecamatan"] for k in options["kelurahan"]} == kecamatan
