"""Rules for names, email addresses and Indonesian phone numbers."""

from __future__ import annotations

import re

# Deliberately simple: one @, a dot in the domain, no spaces. Full RFC 5322 is
# not worth it; the address is confirmed by use, not by regex.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_NAME_PUNCTUATION = frozenset(" .,'-")


def normalize_email(value: str) -> str:
    return value.strip().lower()


def email_problem(value: str) -> str | None:
    email = normalize_email(value)
    if not email:
        return "Email wajib diisi."
    if len(email) > 254 or not _EMAIL.match(email):
        return "Format email tidak valid. Contoh: nama@contoh.id"
    return None


def normalize_phone(value: str) -> str:
    """Return the number in 08xx form (the form officers dial), digits only."""
    digits = re.sub(r"[\s\-().]", "", value.strip())
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


def phone_problem(value: str) -> str | None:
    phone = normalize_phone(value)
    if not phone:
        return "Nomor telepon wajib diisi."
    if not phone.isdigit() or not phone.startswith("0") or not 9 <= len(phone) <= 14:
        return "Nomor telepon tidak valid. Gunakan format 08xxxxxxxxxx atau +628xxxxxxxxx."
    return None


def normalize_name(value: str) -> str:
    return " ".join(value.split())


def name_problem(value: str) -> str | None:
    name = normalize_name(value)
    if len(name) < 3:
        return "Nama lengkap wajib diisi (minimal 3 huruf)."
    if len(name) > 120:
        return "Nama lengkap terlalu panjang (maksimal 120 karakter)."
    if not all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in name):
        return "Nama hanya boleh berisi huruf, spasi, titik, koma, apostrof, atau tanda hubung."
    return None
