"""Private file storage for uploaded documents and issued permits.

Files live under settings.STORAGE_DIR (never Reflex's public upload folder) with
server-generated names; nothing a client sends is ever part of a path.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from silek_app import settings

_KEY = re.compile(r"^[0-9a-f]{32}\.(pdf|jpg|png)$")


def new_key(extension: str) -> str:
    return secrets.token_hex(16) + extension


def path_for(key: str) -> Path:
    if not _KEY.match(key):
        raise ValueError("invalid storage key")
    return settings.STORAGE_DIR / key[:2] / key


def write(key: str, data: bytes, *, durable: bool = True) -> Path:
    """Write atomically: a crash leaves either the whole file or none.

    ``durable=False`` skips the per-file fsync for bulk writers, which call sync()
    once before committing the rows that point to their files.
    """
    target = path_for(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a failed write (disk full...) leaves no partial file
        raise
    return target


def sync() -> None:
    """Flush every file written so far to disk (after writes with durable=False)."""
    os.sync()


def delete(key: str) -> None:
    try:
        path_for(key).unlink()
    except FileNotFoundError:
        pass
