"""Public JSON endpoints: catalog data, performance statistics (aggregates only), health,
and permit verification (only what the permit shows publicly: no NIK, address or birth date).

Handlers are plain functions: Starlette runs them in its thread pool, so the
blocking service calls do not stall the event loop that also serves the sockets.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from silek_app.api.files import download_document, download_permit
from silek_app.api.openapi import openapi_document
from silek_app.api.templates import download_template
from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.services import analytics, bootstrap, verification
from silek_app.services import catalog as catalog_service
from silek_app.services.errors import ServiceError

_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def _json(data, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=_HEADERS)


def list_services(request: Request) -> JSONResponse:
    category = request.query_params.get("kategori", "").upper()
    if category and category not in CATEGORY_LABELS:
        return _json(
            {
                "error": f"Kategori '{category}' tidak dikenal.",
                "kategori_valid": list(CATEGORY_LABELS),
            },
            400,
        )
    rows = catalog_service.list_services(request.query_params.get("q", "")[:100], category)
    items = [
        {
            "kode": r["code"],
            "nama": r["name"],
            "kategori": r["category"],
            "kategori_label": r["category_label"],
            "sla_hari_kerja": int(r["sla_days"]),
            "biaya": int(r["fee"]),
        }
        for r in rows
    ]
    return _json({"jumlah": len(items), "layanan": items})


def service_detail(request: Request) -> JSONResponse:
    code = request.path_params["kode"]
    detail = catalog_service.get_service_detail(code)
    if detail is None:
        return _json({"error": f"Layanan dengan kode '{code[:20]}' tidak ditemukan."}, 404)
    return _json(
        {
            "kode": detail["code"],
            "nama": detail["name"],
            "kategori": detail["category"],
            "kategori_label": detail["category_label"],
            "kanal": detail["channel"],
            "kanal_label": detail["channel_label"],
            "sla_hari_kerja": int(detail["sla_days"]),
            "biaya": int(detail["fee"]),
            "keterangan_biaya": detail["fee_note"],
            "produk": detail["product"],
            "masa_berlaku_bulan": detail["validity_months"],
            "dasar_hukum": detail["legal_basis"],
            "jenis_permohonan": detail["jenis_allowed"],
            "saluran_pengaduan": detail["complaint_channels"],
            "nomor_sk_standar_pelayanan": detail["sk_number"],
            "maklumat_pelayanan": detail["maklumat"],
            "standar_pelayanan": {c["key"]: c["text"] for c in detail["standard"]},
            "persyaratan": {
                group["jenis"]: [
                    {
                        "kode": item["code"],
                        "nama": item["name"],
                        "keterangan": item["description"],
                        "wajib": item["mandatory"],
                        "tipe_berkas": item["file_types"],
                        "ukuran_maks_mb": item["max_size_mb"],
                        "templat": item["template"] or None,
                        "kondisi": item["condition"] or None,
                    }
                    for item in group["items"]
                ]
                for group in detail["requirements_by_jenis"]
            },
        }
    )


def verify_permit(request: Request) -> JSONResponse:
    """Public check of a permit's QR token: 200 for a known permit, 404 for anything else."""
    result = verification.verify(request.path_params["token"])
    return _json(result, 200 if result["valid"] else 404)


def statistics(request: Request) -> JSONResponse:
    """Open data: per-service performance figures (aggregates only, no personal data)."""
    params = {key: request.query_params.get(key, "") for key in ("dari", "sampai", "layanan",
                                                                  "kategori")}  # fmt: skip
    try:
        return _json(analytics.public_summary(params))
    except ServiceError as exc:
        return _json({"error": exc.message}, 400)


def health(_request: Request) -> JSONResponse:
    ok = bootstrap.database_ok()
    return _json(
        {"status": "ok" if ok else "gangguan", "database": "ok" if ok else "down"},
        200 if ok else 503,
    )


def openapi(_request: Request) -> JSONResponse:
    return JSONResponse(openapi_document(), headers={"Cache-Control": "public, max-age=300"})


def build_api() -> Starlette:
    return Starlette(
        routes=[
            Route("/api/v1/openapi.json", openapi, methods=["GET"]),
            Route("/api/v1/layanan", list_services, methods=["GET"]),
            Route("/api/v1/layanan/{kode}", service_detail, methods=["GET"]),
            Route("/api/v1/templat/{nama}", download_template, methods=["GET"]),
            Route("/api/v1/berkas/{doc_id}", download_document, methods=["GET"]),
            Route("/api/v1/izin/{nomor}", download_permit, methods=["GET"]),
            Route("/api/v1/verifikasi/{token}", verify_permit, methods=["GET"]),
            Route("/api/v1/statistik", statistics, methods=["GET"]),
            Route("/api/health", health, methods=["GET"]),
        ]
    )
