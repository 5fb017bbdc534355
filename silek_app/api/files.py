"""GET /api/v1/berkas/{doc_id}: a stored document, only for those allowed to read it.

The session cookie is checked against the database on every request. Files are sent
inline for the preview, with their verified type and nosniff.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from silek_app.services import documents
from silek_app.services.errors import AuthRequired, ServiceError

SESSION_COOKIE = "silek_sesi"
_DOC_ID = re.compile(r"[0-9]{1,12}")
_HEADERS = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
# Images opened directly get a page that can run nothing. PDFs do not: Chromium
# refuses to show a PDF under a sandboxing policy, and their type was verified.
_IMAGE_CSP = {"Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox"}
# The officer's file page previews PDFs in a frame of its own origin; everything
# else keeps the app-wide DENY (api/security_headers.py), so no other site frames them.
# (No CSP on PDFs at all: Chromium's viewer breaks under one, see above.)
_PDF_FRAME = {"X-Frame-Options": "SAMEORIGIN"}


def download_document(request: Request) -> Response:
    raw = str(request.path_params.get("doc_id", ""))
    # ASCII digits only: str.isdigit() also accepts "²" (int() then raises) and
    # Arabic-Indic digits (int() maps them onto another id).
    if not _DOC_ID.fullmatch(raw):
        return JSONResponse({"error": "Dokumen tidak ditemukan."}, 404, headers=_HEADERS)
    try:
        stored = documents.open_for_read(request.cookies.get(SESSION_COOKIE), int(raw))
    except AuthRequired as exc:
        return JSONResponse({"error": exc.message}, 401, headers=_HEADERS)
    except ServiceError as exc:
        # Someone else's document and a missing one look the same: no id probing.
        return JSONResponse({"error": exc.message}, 404, headers=_HEADERS)
    disposition = "attachment" if request.query_params.get("unduh") == "1" else "inline"
    return FileResponse(
        stored.path, media_type=stored.content_type,
        headers={**_HEADERS, **(_IMAGE_CSP if stored.content_type.startswith("image/") else
                                 _PDF_FRAME)},
        content_disposition_type=disposition, filename=stored.download_name,
    )  # fmt: skip


def download_permit(request: Request) -> Response:
    """GET /api/v1/izin/{nomor}: the issued permit PDF, for its holder (and officers)."""
    from silek_app.services import permits

    reference = str(request.path_params.get("nomor", ""))[:24]
    try:
        path, name = permits.permit_file(request.cookies.get(SESSION_COOKIE), reference)
    except AuthRequired as exc:
        return JSONResponse({"error": exc.message}, 401, headers=_HEADERS)
    except ServiceError as exc:
        return JSONResponse({"error": exc.message}, 404, headers=_HEADERS)
    return FileResponse(
        path, media_type="application/pdf", headers=_HEADERS,
        content_disposition_type="attachment", filename=name,
    )  # fmt: skip
