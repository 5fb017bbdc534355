"""Pluggable permit signing (domain.signing) and how issue_permit uses it."""

import dataclasses
import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess

import pytest
from pypdf import PdfReader
from sqlmodel import select
from test_applications import applicant_token
from test_permits import office, permit_of, submitted, walk

from silek_app import settings
from silek_app.db import session_scope
from silek_app.domain import signing
from silek_app.domain.signing import (
    LocalSigner,
    SignedDocument,
    SigningError,
    SigningRequest,
    make_signer,
    register_signer,
    verify_record,
)
from silek_app.models import Application, Permit
from silek_app.services import permit_signing, permits, storage, verification
from silek_app.services.errors import ServiceError

KEY = b"k" * 32
AT = dt.datetime(2026, 12, 3, 3, 4, 5, 678901, tzinfo=dt.UTC)
DOC = b"%PDF-1.4 a permit"
POSITION = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Solok"
REQUEST = SigningRequest("Hendra Putra", POSITION, AT)


def _check(record, key=KEY, **changes):
    fields = {
        "method": record.method, "signer_name": record.signer_name,
        "signer_position": record.signer_position, "signed_at": record.signed_at,
        "document_sha256": record.document_sha256, "value": record.value,
    }  # fmt: skip
    return verify_record(key, **(fields | changes))


def test_local_signer_records_who_when_and_what():
    signed = LocalSigner(KEY).sign(DOC, REQUEST)
    assert signed.document == DOC  # the local signer keeps the document as it is
    record = signed.record
    assert (record.method, record.signer_name, record.signer_position, record.signed_at) == (
        "LOKAL", "Hendra Putra", POSITION, AT,
    )  # fmt: skip
    assert record.document_sha256 == hashlib.sha256(DOC).hexdigest()
    assert len(json.loads(record.value)["mac"]) == 64
    assert _check(record)


@pytest.mark.parametrize(
    "change",
    [
        {"signer_name": "Orang Lain"},
        {"signer_position": "Sekretaris Dinas"},
        {"signed_at": AT + dt.timedelta(microseconds=1)},
        {"document_sha256": hashlib.sha256(b"another").hexdigest()},
        {"method": "OTOMATIS"},
        {"value": json.dumps({"v": 1, "mac": "0" * 64, "note": ""})},
        {"value": "not json"},
        {"signed_at": None},
    ],
)
def test_any_edit_of_the_record_is_detected(change):
    record = LocalSigner(KEY).sign(DOC, REQUEST).record
    assert not _check(record, **change)


def test_another_key_cannot_vouch_for_a_record():
    record = LocalSigner(KEY).sign(DOC, REQUEST).record
    assert not _check(record, key=b"x" * 32)
    forged = LocalSigner(b"x" * 32).sign(DOC, REQUEST).record
    assert not _check(forged)


def test_deemed_approval_is_recorded_as_automatic_with_its_note():
    request = dataclasses.replace(REQUEST, automatic=True, note="Kebijakan 5 hari kerja.")
    record = LocalSigner(KEY).sign(DOC, request).record
    assert record.method == "OTOMATIS" and record.note == "Kebijakan 5 hari kerja."
    assert signing.parse_note(record.value) == "Kebijakan 5 hari kerja."
    assert _check(record)
    edited = json.dumps({**json.loads(record.value), "note": "Lain."})
    assert not _check(record, value=edited)


def test_passphrase_is_never_in_the_record_or_repr():
    request = dataclasses.replace(REQUEST, passphrase="rahasia-kadis")
    record = LocalSigner(KEY).sign(DOC, request).record
    assert "rahasia-kadis" not in repr(request)
    assert "rahasia-kadis" not in repr(record) + record.value


def test_short_keys_and_naive_times_are_refused():
    with pytest.raises(ValueError, match="at least 32"):
        LocalSigner(b"short")
    with pytest.raises(ValueError, match="timezone"):
        LocalSigner(KEY).sign(DOC, dataclasses.replace(REQUEST, signed_at=AT.replace(tzinfo=None)))


def test_registry_picks_the_signer_by_name():
    assert isinstance(make_signer("lokal", KEY), LocalSigner)
    assert isinstance(make_signer(" LOKAL ", KEY), LocalSigner)
    with pytest.raises(ValueError, match=r"SILEK_SIGNER='bsre' is not a known.*lokal"):
        make_signer("bsre", KEY)


def test_unknown_setting_is_refused_at_start(monkeypatch):
    monkeypatch.setattr(settings, "SIGNER", "tte-palsu")
    with pytest.raises(ValueError, match="not a known permit signer. Known signers: lokal"):
        permit_signing.configured_signer()


def test_signing_key_from_the_environment_or_a_file(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "SIGNING_KEY", "p" * 40)
    assert permit_signing.signing_key() == b"p" * 40
    monkeypatch.setattr(settings, "SIGNING_KEY", "too-short")
    with pytest.raises(ValueError, match="at least 32"):
        permit_signing.signing_key()
    monkeypatch.setattr(settings, "SIGNING_KEY", "")
    path = tmp_path / "kunci" / "signing.key"
    monkeypatch.setattr(settings, "SIGNING_KEY_FILE", path)
    key = permit_signing.signing_key()
    assert len(key) == 32 and path.read_text() == key.hex()
    assert path.stat().st_mode & 0o077 == 0  # readable by the service account only
    permit_signing._key_from_file.cache_clear()
    assert permit_signing.signing_key() == key  # kept across restarts
    assert [p.name for p in path.parent.iterdir()] == ["signing.key"]


# ---------------------------------------------------------------- issuing with a signer


def test_issued_permit_carries_a_verifiable_local_signature(db):
    _, reference, _ = _issue()
    permit = permit_of(reference)
    data = storage.path_for(permit.pdf_storage_key).read_bytes()
    assert permit.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert permit.signature_method == "LOKAL" and permit.signer_name == "Yuliarman Kepala"
    assert permit.signer_position == settings.SIGNER_POSITION
    assert permit.signed_at == permit.issued_at
    assert permit_signing.signature_intact(permit) is True
    with session_scope(write=True) as s:
        row = s.get(Permit, permit.id)
        row.signer_name = "Pejabat Palsu"
    assert permit_signing.signature_intact(permit_of(reference)) is False


def _issue():
    token, tokens = applicant_token(), office()
    reference = submitted(token)
    walk(tokens, reference)
    return token, reference, tokens


class _ReplacingSigner:
    """Stands in for an adapter that returns another document (as BSrE does)."""

    def __init__(self, key: bytes):
        self.key = key

    def sign(self, document: bytes, request: SigningRequest) -> SignedDocument:
        if request.passphrase != "benar":
            raise SigningError("Passphrase TTE salah.")
        signed = document + b"\n% signed"
        record = signing.SignatureRecord(
            "UJI", request.signer_name, request.signer_position, request.signed_at,
            hashlib.sha256(signed).hexdigest(), "transaksi-123",
        )  # fmt: skip
        return SignedDocument(signed, record)


@pytest.fixture
def replacing_signer(monkeypatch):
    register_signer("uji", _ReplacingSigner)
    monkeypatch.setattr(settings, "SIGNER", "uji")
    yield
    signing._FACTORIES.pop("uji")


def test_a_replaced_document_is_what_is_stored_and_hashed(db, replacing_signer):
    tokens = office()
    reference = submitted(applicant_token())
    walk(tokens, reference, until="PENANDATANGANAN")
    with pytest.raises(ServiceError, match="Passphrase TTE salah"), session_scope(True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        permits.issue_permit(s, app, None)
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        permit = permits.issue_permit(s, app, None, passphrase="benar")
        key = permit.pdf_storage_key
    data = storage.path_for(key).read_bytes()
    assert data.endswith(b"\n% signed")
    stored = permit_of(reference)
    assert stored.pdf_sha256 == hashlib.sha256(data).hexdigest()
    assert (stored.signature_method, stored.signature_value) == ("UJI", "transaksi-123")
    assert permit_signing.signature_intact(stored) is None  # checked by its own service


def test_deemed_approval_is_signed_by_the_system(db):
    tokens = office()
    reference = submitted(applicant_token())
    walk(tokens, reference, until="PENANDATANGANAN")
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        permits.issue_permit(s, app, None)
    permit = permit_of(reference)
    assert permit.signature_method == "OTOMATIS" and permit.signed_by_id is None
    assert permit.signer_name == permit_signing.DEEMED_SIGNER
    assert "5 hari kerja" in signing.parse_note(permit.signature_value)
    assert permit_signing.signature_intact(permit) is True


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg not installed")
def test_issued_pdf_shows_the_signer_and_its_qr_leads_to_verification(db, tmp_path):
    _, reference, _ = _issue()
    permit = permit_of(reference)
    data = storage.path_for(permit.pdf_storage_key).read_bytes()
    assert hashlib.sha256(data).hexdigest() == permit.pdf_sha256
    page = PdfReader(io.BytesIO(data)).pages[0]
    text = " ".join(page.extract_text().split())
    for expected in (permit.number, "Siti Rahmawati", settings.SIGNER_POSITION,
                     "Yuliarman Kepala", "PEMERINTAH KOTA SOLOK"):  # fmt: skip
        assert expected in text, expected
    (image,) = page.images
    path = tmp_path / "qr.png"
    image.image.save(path)
    out = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == permits.verification_url(permit.qr_token)
    assert verification.verify(permit.qr_token)["number"] == permit.number
