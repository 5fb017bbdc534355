"""Download of the blank requirement forms: GET /api/v1/templat/{nama}.

The handler is a plain function so Starlette runs it in its thread pool; the first
render of a form takes tens of milliseconds and must not stall the event loop.
"""

from __future__ import annotations

import functools

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from silek_app.domain.requirement_templates import render_template_pdf, template_names

_ERROR_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
# The forms change only with a deploy, so browsers and proxies may keep them for a day.
_PDF_HEADERS = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}


@functools.lru_cache(maxsize=64)
def _pdf_bytes(name: str) -> bytes:
    # Only names from template_names() get here, so the cache is bounded by the catalogue.
    return render_template_pdf(name)


def download_template(request: Request) -> Response:
    name = request.path_params.get("nama", "")
    # Exact match against the known names is the path-traversal guard: nothing the client
    # sends is ever used to build a file path.
    if name not in template_names():
        return JSONResponse(
            {"error": f"Templat '{name[:80]}' tidak ditemukan."},
            status_code=404,
            headers=_ERROR_HEADERS,
        )
    return Response(
        _pdf_bytes(name),
        media_type="application/pdf",
        headers={**_PDF_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
    )
