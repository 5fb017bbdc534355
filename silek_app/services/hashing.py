"""Password hashing through the passlib API (libpass fork) with Argon2id.

Parameters follow the OWASP minimum (m=19 MiB, t=2, p=1): about 40 ms per hash on
this hardware, cheap enough for 2 cores yet far beyond offline brute force.
"""

from __future__ import annotations

from passlib.context import CryptContext

_context = CryptContext(
    schemes=["argon2"],
    argon2__type="ID",
    argon2__memory_cost=19456,
    argon2__time_cost=2,
    argon2__parallelism=1,
)

# Verified against when the account does not exist, so a wrong email costs the
# same time as a wrong password and does not reveal which accounts exist.
_DUMMY_HASH = _context.hash("silek-akun-tidak-ada-0000")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if not password_hash:
        _context.verify(password, _DUMMY_HASH)
        return False
    try:
        return _context.verify(password, password_hash)
    except (ValueError, TypeError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _context.needs_update(password_hash)
