"""Export of the leaders' dashboard figures: CSV (one tidy long table) and XLSX (a sheet each).

The figures come from services.analytics.dashboard (which checks the session and
the role); this module only lays them out as tables. Plain blocking functions:
the state layer calls export() through asyncio.to_thread.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from openpyxl import Workbook

from silek_app.services import analytics

FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# name -> (columns, rows getter). Fixed columns: an empty figure still has its header.
_TABLES: dict[str, tuple[list[str], Callable[[dict], list[dict]]]] = {
    "volume_periode": (["periode", "layanan", "kategori", "jumlah"], lambda f: f["volume"]["rows"]),
    "volume_layanan": (["layanan", "jumlah"], lambda f: f["volume"]["per_service"]),
    "volume_kategori": (["kategori", "jumlah"], lambda f: f["volume"]["per_category"]),
    "waktu_tunggu_sebaran": (
        ["kelompok_hari", "berkas"],
        lambda f: [
            {"kelompok_hari": b, "berkas": n}
            for b, n in zip(
                f["waktu_tunggu"]["histogram"]["bins"],
                f["waktu_tunggu"]["histogram"]["counts"],
                strict=True,
            )
        ],
    ),
    "waktu_tunggu_layanan": (
        [
            "layanan",
            "nama",
            "kategori",
            "sla_hari",
            "terbit",
            "median_hari",
            "p90_hari",
            "tepat_waktu",
            "persen_tepat_waktu",
        ],
        lambda f: f["waktu_tunggu"]["per_layanan"],
    ),  # fmt: skip
    "tahapan": (
        [
            "status",
            "label",
            "singgah",
            "median_jam",
            "median_hari",
            "p90_hari",
            "rata_hari",
            "sla_hari",
            "persen_tepat_waktu",
        ],
        lambda f: f["tahapan"],
    ),  # fmt: skip
    "perbaikan_putaran": (["putaran", "berkas"], lambda f: f["perbaikan"]["putaran"]),
    "antrean_umur": (["kelompok", "berkas"], lambda f: f["antrean"]["umur"]),
    "antrean_status": (["status", "berkas"], lambda f: f["antrean"]["per_status"]),
    "antrean_meja": (["peran", "berkas"], lambda f: f["antrean"]["per_meja"]),
    "petugas": (
        ["petugas_id", "nama", "peran", "aksi", "berkas", "minggu_aktif", "aksi_per_minggu"],
        lambda f: f["petugas"],
    ),
    "ikm_unsur": (
        ["kode", "unsur", "nrr", "nilai", "mutu", "kinerja"],
        lambda f: f["ikm"]["per_unsur"],
    ),
    "ikm_layanan": (
        ["layanan", "nama", "ikm", "mutu", "kinerja", "responden"],
        lambda f: f["ikm"]["per_layanan"],
    ),
    "wilayah_kecamatan": (["kode", "nama", "berkas"], lambda f: f["wilayah"]["per_kecamatan"]),
    "wilayah_kelurahan": (
        ["kode", "nama", "kecamatan", "berkas"],
        lambda f: f["wilayah"]["per_kelurahan"],
    ),
}


def summary_rows(fig: dict) -> list[dict]:
    """The headline numbers and the filter as (ukuran, nilai) rows."""
    wait, back, rework = fig["waktu_tunggu"], fig["antrean"], fig["perbaikan"]
    ikm, period = fig["ikm"]["keseluruhan"] or {}, fig["ikm"]["periode"] or {}
    values = {
        **{f"filter_{k}": v for k, v in fig["filter"].items()},
        "dihitung_pada": fig["dihitung_pada"],
        "jumlah_permohonan": sum(r["jumlah"] for r in fig["volume"]["per_service"]),
        "jumlah_terbit": wait["terbit"],
        "median_hari_kerja": wait["median_hari"],
        "p90_hari_kerja": wait["p90_hari"],
        "persen_tepat_waktu": wait["persen_tepat_waktu"],
        "berkas_terbuka": back["terbuka"],
        "berkas_lewat_sla": back["lewat_sla"],
        "berkas_dikembalikan": rework["dikembalikan"],
        "persen_dikembalikan": rework["persen_dikembalikan"],
        "ikm": ikm.get("ikm"),
        "mutu": ikm.get("mutu"),
        "kinerja": ikm.get("kinerja"),
        "responden": ikm.get("responden", 0),
        "periode_skm_dari": period.get("dari"),
        "periode_skm_sampai": period.get("sampai"),
    }
    return [{"ukuran": k, "nilai": v} for k, v in values.items()]


def tables(fig: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Every figure table: name -> (columns, rows), the summary first."""
    out = {
        "ringkasan": (["ukuran", "nilai"], [[r["ukuran"], r["nilai"]] for r in summary_rows(fig)])
    }
    for name, (columns, rows) in _TABLES.items():
        out[name] = (columns, [[row.get(c) for c in columns] for row in rows(fig)])
    return out


def _cell(value) -> str:
    return "" if value is None else str(value)


def to_csv(fig: dict) -> bytes:
    """One tidy long table: tabel, baris, dimensi, ukuran, nilai (numbers are the measures)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["tabel", "baris", "dimensi", "ukuran", "nilai"])
    for name, (columns, rows) in tables(fig).items():
        for n, row in enumerate(rows, start=1):
            if name == "ringkasan":
                writer.writerow([name, n, "", row[0], _cell(row[1])])
                continue
            # Text columns identify the row; numeric columns (and empty ones) are measures.
            dims = [(c, v) for c, v in zip(columns, row, strict=True) if isinstance(v, str)]
            label = "; ".join(f"{c}={v}" for c, v in dims)
            for c, v in zip(columns, row, strict=True):
                if not isinstance(v, str):
                    writer.writerow([name, n, label, c, _cell(v)])
    # Excel opens UTF-8 CSV correctly only with a BOM (names such as "0–2 hari kerja").
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(fig: dict) -> bytes:
    """One sheet per figure table, a header row each."""
    book = Workbook()
    book.remove(book.active)
    for name, (columns, rows) in tables(fig).items():
        sheet = book.create_sheet(name[:31])
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def export(token: str | None, filters: dict | None, fmt: str) -> tuple[str, bytes, str]:
    """(filename, bytes, mime type) of the filtered figures; the role is checked by dashboard."""
    fmt = fmt if fmt in FORMATS else "csv"
    fig = analytics.dashboard(token, filters or {})
    data = to_xlsx(fig) if fmt == "xlsx" else to_csv(fig)
    stamp = fig["dihitung_pada"][:10]
    return f"silek-analitik-{stamp}.{fmt}", data, FORMATS[fmt]
