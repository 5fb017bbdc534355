"""Deployment settings, read from the environment once at import.

Kept free of Reflex so that services, the admin CLI and Alembic can share them.
`REFLEX_DB_URL` is the same variable Reflex itself reads, so one setting moves the
whole app (web workers, CLI, migrations) to PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SILEK_DATA_DIR", BASE_DIR / "data")).resolve()

DB_URL = os.environ.get("REFLEX_DB_URL") or f"sqlite:///{DATA_DIR / 'silek.db'}"
REDIS_URL = os.environ.get("REFLEX_REDIS_URL") or None

# Private document storage; deliberately outside Reflex's public upload dir.
STORAGE_DIR = Path(os.environ.get("SILEK_STORAGE_DIR", DATA_DIR / "berkas")).resolve()

PORT = int(os.environ.get("SILEK_PORT", "3000"))
ALLOWED_ORIGINS = tuple(
    o.strip()
    for o in os.environ.get(
        "SILEK_ALLOWED_ORIGINS", f"http://localhost:{PORT},http://127.0.0.1:{PORT}"
    ).split(",")
    if o.strip()
)

# Behind HTTPS in production set SILEK_COOKIE_SECURE=1 so the session cookie is
# never sent in clear text; plain-HTTP localhost development needs it off.
COOKIE_SECURE = os.environ.get("SILEK_COOKIE_SECURE", "0") == "1"

# ASVS 4.0.3 3.3.2 (L2): 12 h absolute, 30 min idle.
SESSION_ABSOLUTE_HOURS = int(os.environ.get("SILEK_SESSION_HOURS", "12"))
SESSION_IDLE_MINUTES = int(os.environ.get("SILEK_SESSION_IDLE_MINUTES", "30"))

# Progressive lock-out keeps brute force far under ASVS's 100 failures/hour/account
# without letting an attacker lock a real user out for long.
LOGIN_MAX_FAILURES = int(os.environ.get("SILEK_LOGIN_MAX_FAILURES", "10"))
LOGIN_LOCK_MINUTES = int(os.environ.get("SILEK_LOGIN_LOCK_MINUTES", "15"))

# Demo accounts are seeded into a new database unless switched off for production.
SEED_DEMO = os.environ.get("SILEK_SEED_DEMO", "1") != "0"

PERMIT_NUMBER_PREFIX = os.environ.get("SILEK_PERMIT_PREFIX", "503")

# Permit signing (domain/signing.py). "lokal" records a local signature sealed with
# an HMAC key; other adapters (BSrE TTE) register their own name.
SIGNER = os.environ.get("SILEK_SIGNER", "lokal").strip().lower()
# The HMAC key of local signatures. Without SILEK_SIGNING_KEY a random key is made
# once and kept in SIGNING_KEY_FILE; hosts that share one database must share one
# key, so a multi-host deployment sets SILEK_SIGNING_KEY (at least 32 characters).
SIGNING_KEY = os.environ.get("SILEK_SIGNING_KEY", "")
SIGNING_KEY_FILE = Path(
    os.environ.get("SILEK_SIGNING_KEY_FILE", DATA_DIR / "signing.key")
).resolve()
# Printed under the signature on every permit.
SIGNER_POSITION = os.environ.get(
    "SILEK_SIGNER_POSITION",
    "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Solok",
)


def is_sqlite(url: str | None = None) -> bool:
    return (url or DB_URL).startswith("sqlite")


# Seconds between two runs of the SLA escalation / deemed-approval job in each
# web worker; 0 switches the in-process job off (e.g. when cron runs the CLI).
ESCALATION_SECONDS = float(os.environ.get("SILEK_ESCALATION_SECONDS", "60"))
