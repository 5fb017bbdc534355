"""Export of the dashboard figures: the CSV and XLSX open and carry the figures."""

import csv
import io

import pytest
from openpyxl import load_workbook
from test_analytics import history, leader
from test_applications import applicant_token

from silek_app.services import analytics, analytics_export
from silek_app.services.errors import AuthRequired, PermissionDenied


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_is_a_long_table_of_the_figures(db):
    token = leader()
    history(2)
    name, data, mime = analytics_export.export(token, {"layanan": "SIPB"}, "csv")
    assert name.endswith(".csv") and mime == "text/csv"
    rows = _csv_rows(data)
    assert set(rows[0]) == {"tabel", "baris", "dimensi", "ukuran", "nilai"}
    volume = [r for r in rows if r["tabel"] == "volume_layanan"]
    assert volume == [
        {"tabel": "volume_layanan", "baris": "1", "dimensi": "layanan=SIPB", "ukuran": "jumlah",
         "nilai": "2"}
    ]  # fmt: skip
    summary = {r["ukuran"]: r["nilai"] for r in rows if r["tabel"] == "ringkasan"}
    assert summary["jumlah_permohonan"] == "2" and summary["filter_layanan"] == "SIPB"
    assert summary["ikm"] == "94.44" and summary["mutu"] == "A"
    assert {r["tabel"] for r in rows} >= {"waktu_tunggu_layanan", "tahapan", "ikm_unsur", "petugas"}


def test_xlsx_has_one_sheet_per_table(db):
    token = leader("kepala_dinas")
    history(2)
    name, data, _ = analytics_export.export(token, {}, "xlsx")
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "ringkasan"
    assert set(book.sheetnames) == set(analytics_export.tables(analytics.dashboard(token, {})))
    rows = list(book["volume_layanan"].values)
    assert rows == [("layanan", "jumlah"), ("SIPB", 2)]
    ikm = list(book["ikm_layanan"].values)
    assert ikm[0][:4] == ("layanan", "nama", "ikm", "mutu") and ikm[1][2] == 94.44


def test_empty_figures_export_headers_only(db):
    token = leader()
    _, data, _ = analytics_export.export(token, {"kategori": "NON"}, "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert list(book["volume_periode"].values) == [("periode", "layanan", "kategori", "jumlah")]
    _, text, _ = analytics_export.export(token, {"kategori": "NON"}, "csv")
    rows = _csv_rows(text)
    assert {r["tabel"] for r in rows} == {"ringkasan", "waktu_tunggu_sebaran", "antrean_umur",
                                          "wilayah_kecamatan", "wilayah_kelurahan"}  # fmt: skip


def test_export_needs_a_leader(db):
    with pytest.raises(AuthRequired):
        analytics_export.export(None, {}, "csv")
    with pytest.raises(PermissionDenied):
        analytics_export.export(applicant_token(0), {}, "xlsx")


def test_data_stamp_changes_with_the_files(db):
    first = analytics.data_stamp()
    history(1)
    assert analytics.data_stamp() != first
