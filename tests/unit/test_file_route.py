"""Reading a stored document: documents.open_for_read and GET /api/v1/berkas/{doc_id}."""

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient
from test_applications import applicant_token, officer_token, precheck, ready_draft

from silek_app.api.files import SESSION_COOKIE, download_document
from silek_app.services import applications, documents
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied
from tests.support import sample_files as sf

APP = Starlette(routes=[Route("/api/v1/berkas/{doc_id}", download_document)])
PDF = sf.valid_pdf("KTP Siti")
PNG = sf.valid_png()


def _client(token: str | None = None) -> TestClient:
    return TestClient(APP, cookies={SESSION_COOKIE: token} if token else None)


@pytest.fixture
def owned(db) -> tuple[str, int, int]:
    """An applicant's draft with a PDF (KTP) and a PNG (pas foto); (token, pdf id, png id)."""
    token = applicant_token()
    precheck(token)
    pdf = documents.upload(token, "SIPB", "KTP", "ktp siti.pdf", PDF)
    png = documents.upload(token, "SIPB", "PAS_FOTO", "foto.png", PNG)
    return token, int(pdf["id"]), int(png["id"])


# ---------------------------------------------------------------- service


def test_owner_may_read(owned):
    token, pdf_id, _ = owned
    stored = documents.open_for_read(token, pdf_id)
    assert stored.path.read_bytes() == PDF
    assert (stored.content_type, stored.download_name) == ("application/pdf", "ktp siti.pdf")


def test_others_get_the_same_refusal_as_for_a_missing_document(owned):
    _, pdf_id, _ = owned
    with pytest.raises(PermissionDenied) as theirs:
        documents.open_for_read(applicant_token(1), pdf_id)
    with pytest.raises(NotFound) as missing:
        documents.open_for_read(applicant_token(2), 987654)
    assert theirs.value.message == missing.value.message
    with pytest.raises(AuthRequired):
        documents.open_for_read(None, pdf_id)


def test_officer_reads_only_submitted_applications(db):
    token = applicant_token()
    ready_draft(token)
    ktp = next(d for d in documents.my_library(token) if d["requirement_code"] == "KTP")
    officer = officer_token()
    with pytest.raises(PermissionDenied):
        documents.open_for_read(officer, int(ktp["id"]))
    applications.submit(token, "SIPB", "kunci-idempoten-0001")
    assert documents.open_for_read(officer, int(ktp["id"])).content_type == "application/pdf"


# ---------------------------------------------------------------- route


def test_owner_gets_the_file_inline_with_safe_headers(owned):
    token, pdf_id, png_id = owned
    client = _client(token)
    res = client.get(f"/api/v1/berkas/{pdf_id}")
    assert res.status_code == 200 and res.content == PDF
    assert res.headers["content-type"] == "application/pdf"
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["cache-control"] == "private, no-store"
    assert res.headers["content-disposition"].startswith("inline;")
    assert "content-security-policy" not in res.headers  # Chromium's PDF viewer needs it off

    res = client.get(f"/api/v1/berkas/{png_id}", params={"unduh": "1"})
    assert res.status_code == 200 and res.content == PNG
    assert res.headers["content-type"] == "image/png"
    assert res.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in res.headers["content-security-policy"]
    assert res.headers["content-disposition"] == 'attachment; filename="foto.png"'


def test_another_applicant_gets_the_same_404_as_a_missing_id(owned):
    _, pdf_id, _ = owned
    client = _client(applicant_token(1))
    theirs = client.get(f"/api/v1/berkas/{pdf_id}")
    missing = client.get("/api/v1/berkas/987654")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert theirs.json()["error"] == documents._NOT_FOUND
    assert theirs.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("cookie", [None, "token-palsu"])
def test_without_a_valid_session_it_is_401(owned, cookie):
    _, pdf_id, _ = owned
    res = _client(cookie).get(f"/api/v1/berkas/{pdf_id}")
    assert res.status_code == 401 and PDF not in res.content
    assert "Sesi" in res.json()["error"]


def test_officer_gets_404_for_a_draft_and_200_once_submitted(db):
    token = applicant_token()
    ready_draft(token)
    ktp = next(d for d in documents.my_library(token) if d["requirement_code"] == "KTP")
    client = _client(officer_token())
    assert client.get(ktp["url"]).status_code == 404
    applications.submit(token, "SIPB", "kunci-idempoten-0002")
    res = client.get(ktp["url"])
    assert res.status_code == 200 and res.headers["content-type"] == "application/pdf"
    # Still nobody else's business: a third applicant is refused.
    assert _client(applicant_token(1)).get(ktp["url"]).status_code == 404


def test_client_file_name_cannot_break_the_header(db):
    token = applicant_token()
    precheck(token)
    doc = documents.upload(token, "SIPB", "KTP", 'a"\r\nSet-Cookie: x=1;.pdf', PDF)
    res = _client(token).get(doc["url"])
    assert res.status_code == 200 and "set-cookie" not in res.headers
    assert res.headers["content-disposition"].startswith("inline; filename*=utf-8''")


@pytest.mark.parametrize(
    "raw", ["abc", "1.5", "-1", "0x10", "1e3", "%C2%B2", "%D9%A3", "1234567890123", "0"]
)
def test_non_numeric_or_absurd_id_is_404(owned, raw):
    token, _, _ = owned
    res = _client(token).get(f"/api/v1/berkas/{raw}")
    assert res.status_code == 404
    assert res.json()["error"].startswith("Dokumen tidak ditemukan")
    assert res.headers["x-content-type-options"] == "nosniff"
