"""Pluggable signing of issued permits (domain.md §6.3, issue 4 §4).

A signer receives the rendered PDF and a SigningRequest and returns a SignedDocument:
the document to store (the same bytes, or a replaced one) and a SignatureRecord
that is kept on the Permit row.

Adapters:

* ``lokal`` (LocalSigner, the default): the PDF is kept as rendered; the record
  holds the signer's name and position, the time, the document's SHA-256 and an
  HMAC-SHA256 over all of these with a server key. Whoever edits the permit row
  without the key cannot make a record that verify_record() accepts.
* A BSrE TTE adapter (not part of this code base yet) plugs in through
  register_signer("bsre", factory). Its ``sign`` sends the PDF and the signer's
  passphrase (SigningRequest.passphrase, never stored) to the BSrE API and returns
  the signed PDF it gets back as SignedDocument.document; the caller then stores
  that file and its hash, so no caller changes. Its record's ``value`` carries
  the evidence BSrE returns (e.g. the transaction id); such records are checked
  with BSrE's own verification, not with verify_record().

Pure: no database, no settings. The caller passes the key and the names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

LOCAL = "lokal"
METHOD_LOCAL = "LOKAL"
METHOD_AUTOMATIC = "OTOMATIS"  # deemed approval: the office's job, not a person, signed
LOCAL_METHODS = frozenset({METHOD_LOCAL, METHOD_AUTOMATIC})
MIN_KEY_BYTES = 32
_VERSION = 1


class SigningError(Exception):
    """Signing failed; the message is Indonesian and safe to show."""


@dataclass(frozen=True)
class SigningRequest:
    signer_name: str
    signer_position: str
    signed_at: dt.datetime
    automatic: bool = False  # deemed approval: no person signs
    note: str = ""  # e.g. the deemed-approval policy that allowed it
    # For signers that need the official's secret (BSrE). Never stored or logged.
    passphrase: str = field(default="", repr=False)


@dataclass(frozen=True)
class SignatureRecord:
    method: str
    signer_name: str
    signer_position: str
    signed_at: dt.datetime
    document_sha256: str
    value: str  # the adapter's evidence: for local records a JSON {"v", "mac", "note"}
    note: str = ""


@dataclass(frozen=True)
class SignedDocument:
    document: bytes  # what to store: the input itself, or the adapter's signed PDF
    record: SignatureRecord


class Signer(Protocol):
    """What every signing adapter provides."""

    def sign(self, document: bytes, request: SigningRequest) -> SignedDocument:
        """Sign ``document``; raise SigningError (Indonesian) when it cannot be signed."""
        ...


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(method: str, name: str, position: str, at: dt.datetime, digest: str, note: str):
    # JSON with sorted keys: unambiguous, so no two different records share a MAC input.
    if at.tzinfo is None:
        raise ValueError("signed_at must be timezone-aware")
    fields = {
        "v": _VERSION,
        "method": method,
        "name": name,
        "position": position,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "sha256": digest,
        "note": note,
    }
    return json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()


def _mac(key: bytes, *parts) -> str:
    return hmac.new(key, _canonical(*parts), hashlib.sha256).hexdigest()


class LocalSigner:
    """Records who signed, when, and what (by hash), sealed with the server's HMAC key."""

    def __init__(self, key: bytes):
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"The signing key must be at least {MIN_KEY_BYTES} bytes.")
        self._key = key

    def sign(self, document: bytes, request: SigningRequest) -> SignedDocument:
        method = METHOD_AUTOMATIC if request.automatic else METHOD_LOCAL
        digest = sha256_hex(document)
        parts = (method, request.signer_name, request.signer_position, request.signed_at,
                 digest, request.note)  # fmt: skip
        value = json.dumps({"v": _VERSION, "mac": _mac(self._key, *parts), "note": request.note})
        record = SignatureRecord(
            method=method,
            signer_name=request.signer_name,
            signer_position=request.signer_position,
            signed_at=request.signed_at,
            document_sha256=digest,
            value=value,
            note=request.note,
        )
        return SignedDocument(document=document, record=record)


def parse_note(value: str) -> str:
    """The note kept in a local record's value ("" when there is none or it is unreadable)."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return ""
    return str(data.get("note", "")) if isinstance(data, dict) else ""


def verify_record(
    key: bytes,
    method: str,
    signer_name: str,
    signer_position: str,
    signed_at: dt.datetime | None,
    document_sha256: str,
    value: str,
) -> bool:
    """True when a local record (as stored) is exactly what LocalSigner made with ``key``."""
    if method not in LOCAL_METHODS or signed_at is None or not document_sha256:
        return False
    try:
        data = json.loads(value)
        mac, note = str(data["mac"]), str(data.get("note", ""))
    except (TypeError, ValueError, KeyError):
        return False
    expected = _mac(key, method, signer_name, signer_position, signed_at, document_sha256, note)
    return hmac.compare_digest(expected, mac)


# ---------------------------------------------------------------- registry

SignerFactory = Callable[[bytes], Signer]  # receives the server key; may ignore it
_FACTORIES: dict[str, SignerFactory] = {LOCAL: LocalSigner}


def register_signer(name: str, factory: SignerFactory) -> None:
    """Make an adapter selectable by SILEK_SIGNER=<name> (e.g. "bsre")."""
    _FACTORIES[name.strip().lower()] = factory


def signer_names() -> tuple[str, ...]:
    return tuple(sorted(_FACTORIES))


def make_signer(name: str, key: bytes) -> Signer:
    """The adapter called ``name``; ValueError naming the known ones otherwise."""
    factory = _FACTORIES.get((name or "").strip().lower())
    if factory is None:
        known = ", ".join(signer_names())
        raise ValueError(
            f"SILEK_SIGNER={name!r} is not a known permit signer. Known signers: {known}."
        )
    return factory(key)
