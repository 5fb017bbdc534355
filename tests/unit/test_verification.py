"""Public verification by QR token (services.verification)."""

import datetime as dt
import secrets

import pytest
from test_applications import PEOPLE
from test_permits import issued, permit_of

from silek_app.db import session_scope
from silek_app.domain.permit_pdf import format_date
from silek_app.domain.sla import local_date
from silek_app.models import Permit, utcnow
from silek_app.services import permit_register, verification
from silek_app.services.verification import NOT_VALID, TAMPERED, verify

PUBLIC_KEYS = {
    "valid", "status", "status_label", "holder_name", "service_name", "number", "issued_date",
    "issued_label", "valid_until", "valid_until_label", "revoked_date", "revoked_label",
    "revoke_reason",
}  # fmt: skip


def _edit(reference: str, **values) -> None:
    with session_scope(write=True) as s:
        permit = s.get(Permit, permit_of(reference).id)
        for key, value in values.items():
            setattr(permit, key, value)


def test_active_permit_shows_only_what_the_permit_prints_publicly(db):
    _, reference, _ = issued()
    permit = permit_of(reference)
    result = verify(permit.qr_token)
    assert set(result) == PUBLIC_KEYS
    issued_day = local_date(permit.issued_at)
    assert result == result | {
        "valid": True, "status": "AKTIF", "status_label": "Aktif",
        "holder_name": "Siti Rahmawati", "service_name": "Surat Izin Praktik Bidan",
        "number": permit.number, "issued_date": issued_day.isoformat(),
        "issued_label": format_date(issued_day),
        "valid_until": permit.valid_until.isoformat(),
        "valid_until_label": format_date(permit.valid_until),
        "revoked_date": "", "revoke_reason": "",
    }  # fmt: skip
    nik, _, email, phone, birth = PEOPLE[0]
    text = repr(result)
    for personal in (nik, nik[-4:], "1372********0002", email, phone, birth, "1992",
                     "Maret", "Tanah Garam", "Jl."):  # fmt: skip
        assert personal not in text, personal


def test_revoked_permit_shows_when_and_why(db):
    _, reference, tokens = issued()
    permit = permit_of(reference)
    permit_register.revoke(tokens["kepala_dinas"], permit.number, "STR tidak berlaku lagi.")
    result = verify(permit.qr_token)
    today = local_date(utcnow())
    assert (result["status"], result["status_label"]) == ("DICABUT", "Dicabut")
    assert result["revoked_date"] == today.isoformat()
    assert result["revoked_label"] == format_date(today)
    assert result["revoke_reason"] == "STR tidak berlaku lagi."


def test_expired_permit(db):
    _, reference, _ = issued()
    yesterday = local_date(utcnow()) - dt.timedelta(days=1)
    _edit(reference, valid_until=yesterday)
    result = verify(permit_of(reference).qr_token)
    assert (result["status"], result["valid_until_label"]) == (
        "KEDALUWARSA", format_date(yesterday),
    )  # fmt: skip


def test_permit_without_end_date(db):
    _, reference, _ = issued()
    _edit(reference, valid_until=None)
    result = verify(permit_of(reference).qr_token)
    assert result["status"] == "AKTIF" and result["valid_until"] == ""
    assert result["valid_until_label"] == verification.NO_LIMIT


@pytest.mark.parametrize(
    "token",
    [
        secrets.token_urlsafe(24),  # well-formed, unknown
        "", "abc", "a" * 65, "x" * 10_000, "../../etc/passwd", "' OR 1=1 --",
        "%00", "Zq3v8QkX2mB7nR1tY6uW0pL4sD9fG5h\u00e9", None, 12345, ["list"], {"a": 1},
    ],
)  # fmt: skip
def test_unknown_or_malformed_tokens_are_not_valid(db, token):
    assert verify(token) == {"valid": False, "message": NOT_VALID}


def test_a_token_differing_in_case_is_not_valid(db):
    _, reference, _ = issued()
    token = permit_of(reference).qr_token
    assert verify(token.swapcase())["valid"] is False
    assert verify(token + "a")["valid"] is False


def test_an_edited_signature_record_is_not_valid(db):
    _, reference, _ = issued()
    _edit(reference, signer_name="Pejabat Palsu")
    assert verify(permit_of(reference).qr_token) == {"valid": False, "message": TAMPERED}
