"""The configured permit signer (settings.SIGNER) and its key, for issuing and checking.

The adapter is chosen once per call from settings, so switching to BSrE TTE is a
matter of registering the adapter (domain.signing.register_signer) and setting
SILEK_SIGNER; issue_permit and its callers stay as they are.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import secrets
from pathlib import Path

from silek_app import settings
from silek_app.domain.signing import (
    LOCAL_METHODS,
    MIN_KEY_BYTES,
    SignedDocument,
    Signer,
    SigningError,
    SigningRequest,
    make_signer,
    verify_record,
)
from silek_app.models import Permit, Service, UserAccount
from silek_app.services.errors import ServiceError

DEEMED_SIGNER = "Kepala DPMPTSP Kota Solok (persetujuan otomatis sesuai standar pelayanan)"


def signing_key() -> bytes:
    """SILEK_SIGNING_KEY, or the deployment's own random key kept in SIGNING_KEY_FILE."""
    if settings.SIGNING_KEY:
        key = settings.SIGNING_KEY.encode()
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"SILEK_SIGNING_KEY must be at least {MIN_KEY_BYTES} characters.")
        return key
    return _key_from_file(settings.SIGNING_KEY_FILE)


@functools.cache
def _key_from_file(path: Path) -> bytes:
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under a temporary name, then linked into place: os.link fails if
    # another worker won the race, and then everybody uses the winner's key.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_bytes(MIN_KEY_BYTES).hex())
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return bytes.fromhex(path.read_text().strip())


def configured_signer() -> Signer:
    """The adapter named by SILEK_SIGNER; ValueError with a clear message if unknown.

    Also called at start-up (silek_app.py), so a wrong setting stops the deploy.
    """
    return make_signer(settings.SIGNER, signing_key())


def deemed_note(service: Service) -> str:
    return (
        "Diterbitkan otomatis (persetujuan otomatis) karena permohonan tidak diputus "
        f"dalam {service.deemed_approval_days} hari kerja, sesuai kebijakan layanan "
        f"{service.code}."
    )


def sign_permit(
    document: bytes,
    signer: UserAccount | None,
    service: Service,
    signed_at: dt.datetime,
    passphrase: str = "",
) -> SignedDocument:
    """Sign the rendered permit as ``signer`` (None: deemed approval by the office)."""
    request = SigningRequest(
        signer_name=signer.full_name if signer else DEEMED_SIGNER,
        signer_position=settings.SIGNER_POSITION,
        signed_at=signed_at,
        automatic=signer is None,
        note="" if signer else deemed_note(service),
        passphrase=passphrase,
    )
    try:
        return configured_signer().sign(document, request)
    except SigningError as exc:
        raise ServiceError(str(exc)) from exc


def signature_intact(permit: Permit) -> bool | None:
    """True/False for a local record (HMAC checks out or not); None if not checkable here."""
    if permit.signature_method not in LOCAL_METHODS:
        return None
    return verify_record(
        signing_key(),
        permit.signature_method,
        permit.signer_name,
        permit.signer_position,
        permit.signed_at,
        permit.pdf_sha256 or "",
        permit.signature_value,
    )
