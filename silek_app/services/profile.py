"""What the signed-in user may see and change of their own account.

Contact data (phone, email, address, kelurahan, birth place) and, for applicants,
the STR and NIB may be changed by the user. NIK, names and the role may not: they
are checked against documents by DPMPTSP and changed only by the office.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from silek_app.db import session_scope
from silek_app.domain import contact
from silek_app.domain.application_form import OUTSIDE_SOLOK
from silek_app.domain.nik import mask_nik
from silek_app.domain.roles import Role, role_label
from silek_app.domain.sla import local_date
from silek_app.domain.wilayah import get_kelurahan
from silek_app.models import ApplicantProfile, AuthEvent, UserAccount, utcnow
from silek_app.services.accounts import require_user
from silek_app.services.errors import ServiceError

# Fields every account may change, and the extra ones of an applicant's profile.
CONTACT_FIELDS: tuple[str, ...] = ("phone", "email")
APPLICANT_FIELDS: tuple[str, ...] = (
    *CONTACT_FIELDS,
    "address",
    "kelurahan_code",
    "birth_place",
    "str_number",
    "str_lifetime",
    "str_valid_until",
    "nib",
)
# Fields a crafted request might try; they are refused, never ignored.
LOCKED_FIELDS: tuple[str, ...] = ("nik", "full_name", "name_on_permit", "role")

LOCKED_MESSAGE = (
    "NIK, nama, dan peran tidak dapat diubah sendiri. Hubungi DPMPTSP bila ada kesalahan."
)
OFFICER_MESSAGE = (
    "Akun petugas hanya dapat mengubah nomor telepon dan email. "
    "Perubahan data lain dilakukan oleh Administrator."
)
EMAIL_TAKEN = "Email ini sudah dipakai akun lain. Gunakan email lain."

ADDRESS_MAX = 300
BIRTH_PLACE_MAX = 80
STR_NUMBER_MAX = 30
_TRUE = frozenset({"1", "true", "on", "yes", "ya"})
_STR = "str"  # key of the STR group in the change set


def my_account(token: str | None) -> dict[str, str]:
    """The account and applicant profile of the session's user (NIK masked)."""
    user = require_user(token)
    with session_scope() as s:
        account = s.get(UserAccount, user.id)
        profile = _profile(s, account)
    out = {
        "full_name": account.full_name,
        "email": account.email,
        "phone": account.phone or "-",
        "role_label": role_label(account.role),
        "member_since": account.created_at.strftime("%d-%m-%Y"),
        "nik_masked": "",
        "name_on_permit": "",
        "birth": "",
        "address": "",
        "str_info": "",
        "nib": "",
    }
    if profile:
        kel = get_kelurahan(profile.kelurahan_code) if profile.kelurahan_code else None
        birth_date = profile.birth_date.strftime("%d-%m-%Y") if profile.birth_date else ""
        out.update(
            nik_masked=mask_nik(profile.nik),
            name_on_permit=profile.name_on_permit,
            birth=", ".join(x for x in (profile.birth_place, birth_date) if x) or "-",
            address=", ".join(
                x
                for x in (
                    profile.address,
                    kel.name if kel else "",
                    kel.kecamatan_name if kel else "",
                    "di luar Kota Solok" if profile.kelurahan_code == OUTSIDE_SOLOK else "",
                )
                if x
            )
            or "Belum diisi",
            str_info=_str_info(profile),
            nib=profile.nib or "",
        )
    return out


def contact_form(token: str | None) -> dict[str, str]:
    """The fields the session's user may change, with their stored values.

    Officers get only phone and email; applicants also their address, STR and NIB.
    `str_lifetime` is "1" or ""; `str_valid_until` is an ISO date or "".
    """
    user = require_user(token)
    with session_scope() as s:
        account = s.get(UserAccount, user.id)
        profile = _profile(s, account)
    return _stored(account, profile)


def update_contact(
    token: str | None, values: Mapping[str, str], *, today: dt.date | None = None
) -> dict[str, str]:
    """Change the user's own contact data; {field: Indonesian message}, empty when saved.

    Only the keys given are changed (a form sends all of them). Values equal to the
    stored ones are left alone, so an old value that a newer rule would refuse does
    not block other changes. All or nothing: with any problem nothing is stored.
    Raises AuthRequired without a session, and ServiceError (nothing changed) for a
    field nobody may change here (NIK, names, role) or one an officer may not change.
    """
    user = require_user(token)
    keys = set(values)
    if not keys <= set(APPLICANT_FIELDS):
        raise ServiceError(LOCKED_MESSAGE)
    clean = {key: _as_text(values[key]) for key in APPLICANT_FIELDS if key in keys}
    today = today or local_date(utcnow())
    try:
        with session_scope(write=True) as s:
            account = s.get(UserAccount, user.id)
            profile = _profile(s, account)
            if profile is None and not keys <= set(CONTACT_FIELDS):
                raise ServiceError(OFFICER_MESSAGE)
            problems, changes = _check(s, account, profile, clean, today)
            if problems or not changes:
                return problems
            _apply(account, profile, changes)
            s.add(
                AuthEvent(
                    user_id=account.id,
                    event="contact_update",
                    detail="Ubah data kontak: " + ", ".join(sorted(changes)),
                )
            )
            return {}
    except IntegrityError:
        # Another account took the email between the check and the commit.
        return {"email": EMAIL_TAKEN}


# ------------------------------------------------------------------ helpers


def _profile(s: Session, account: UserAccount) -> ApplicantProfile | None:
    """The applicant profile; officers (and any non-applicant) have none to edit."""
    if account.role != Role.PEMOHON.value:
        return None
    return s.exec(select(ApplicantProfile).where(ApplicantProfile.user_id == account.id)).first()


def _stored(account: UserAccount, profile: ApplicantProfile | None) -> dict[str, str]:
    out = {"phone": account.phone or "", "email": account.email}
    if profile is not None:
        out.update(
            address=profile.address or "",
            kelurahan_code=profile.kelurahan_code or "",
            birth_place=profile.birth_place or "",
            str_number=profile.str_number or "",
            str_lifetime="1" if profile.str_lifetime else "",
            str_valid_until=(
                profile.str_valid_until.isoformat() if profile.str_valid_until else ""
            ),
            nib=profile.nib or "",
        )
    return out


def _as_text(value: object) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    return str(value)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _check(
    s: Session,
    account: UserAccount,
    profile: ApplicantProfile | None,
    clean: dict[str, str],
    today: dt.date,
) -> tuple[dict[str, str], dict[str, object]]:
    """(problems, changes) for the submitted values against the stored ones."""
    problems: dict[str, str] = {}
    changes: dict[str, object] = {}

    def consider(key: str, new: object, old: object, problem: str | None) -> None:
        if new == old:
            return
        if problem:
            problems[key] = problem
        else:
            changes[key] = new

    if "phone" in clean:
        raw = clean["phone"]
        consider(
            "phone", contact.normalize_phone(raw), account.phone or "", contact.phone_problem(raw)
        )
    if "email" in clean:
        raw = clean["email"]
        email = contact.normalize_email(raw)
        problem = contact.email_problem(raw)
        if not problem and email != account.email and _email_taken(s, email, account.id):
            problem = EMAIL_TAKEN
        consider("email", email, account.email, problem)
    if profile is None:
        return problems, changes

    if "address" in clean:
        address = _one_line(clean["address"])
        consider(
            "address", address, profile.address or "", _too_long("Alamat", address, ADDRESS_MAX)
        )
    if "birth_place" in clean:
        place = _one_line(clean["birth_place"])
        consider(
            "birth_place",
            place,
            profile.birth_place or "",
            _too_long("Tempat lahir", place, BIRTH_PLACE_MAX),
        )
    if "kelurahan_code" in clean:
        code, problem = _kelurahan(clean["kelurahan_code"])
        consider("kelurahan_code", code, profile.kelurahan_code or None, problem)
    if "nib" in clean:
        nib = re.sub(r"\s", "", clean["nib"]) or None
        problem = (
            None
            if nib is None or re.fullmatch(r"\d{13}", nib)
            else ("NIB harus terdiri dari 13 digit angka.")
        )
        consider("nib", nib, profile.nib or None, problem)
    if {"str_number", "str_lifetime", "str_valid_until"} & clean.keys():
        problems.update(_str_changes(profile, clean, today, changes))
    return problems, changes


def _too_long(label: str, value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"{label} terlalu panjang (maksimal {limit} karakter)."
    return None


def _kelurahan(raw: str) -> tuple[str | None, str | None]:
    value = raw.strip()
    if not value:
        return None, None
    if value.upper() == OUTSIDE_SOLOK:
        return OUTSIDE_SOLOK, None
    kel = get_kelurahan(value)
    if kel is None:
        return value, "Pilihan kelurahan tidak dikenal."
    return kel.code, None


def _email_taken(s: Session, email: str, own_id: int) -> bool:
    return (
        s.exec(
            select(UserAccount.id).where(UserAccount.email == email, UserAccount.id != own_id)
        ).first()
        is not None
    )


def _str_changes(
    profile: ApplicantProfile, clean: dict[str, str], today: dt.date, changes: dict[str, object]
) -> dict[str, str]:
    """Check the STR group as a whole; add it to `changes` when it changed and is valid."""
    old = (profile.str_number or None, bool(profile.str_lifetime), profile.str_valid_until)
    number = _one_line(clean["str_number"]) if "str_number" in clean else (old[0] or "")
    if "str_lifetime" in clean:
        lifetime = clean["str_lifetime"].strip().lower() in _TRUE
    else:
        lifetime = old[1]
    if "str_valid_until" in clean:
        until_raw = clean["str_valid_until"].strip()
    else:
        until_raw = old[2].isoformat() if old[2] else ""

    problems: dict[str, str] = {}
    until: dt.date | None = None
    if len(number) > STR_NUMBER_MAX:
        problems["str_number"] = f"Nomor STR terlalu panjang (maksimal {STR_NUMBER_MAX} karakter)."
    if number and not lifetime and until_raw:
        try:
            until = dt.date.fromisoformat(until_raw)
        except ValueError:
            problems["str_valid_until"] = (
                "Masa berlaku STR tidak valid. Gunakan format tanggal yang benar."
            )
    if not number and (lifetime or until_raw):
        problems["str_number"] = (
            "Nomor STR wajib diisi bila masa berlaku STR diisi atau dicentang seumur hidup."
        )
    if problems:
        return problems
    new = (number or None, bool(number) and lifetime, until)
    if new == old:
        return {}  # unchanged: an STR stored earlier is not judged again
    if number and not lifetime and until is None:
        problems["str_valid_until"] = (
            "Isi masa berlaku STR, atau centang bila STR berlaku seumur hidup."
        )
    elif until is not None and until <= today:
        problems["str_valid_until"] = (
            "STR Anda sudah tidak berlaku. Perpanjang STR terlebih dahulu."
        )
    else:
        changes[_STR] = new
    return problems


def _apply(
    account: UserAccount, profile: ApplicantProfile | None, changes: dict[str, object]
) -> None:
    for key in ("phone", "email"):
        if key in changes:
            setattr(account, key, changes[key])
            if profile is not None:
                setattr(profile, key, changes[key])  # the profile keeps a copy for permits
    if profile is not None:
        for key in ("address", "birth_place", "kelurahan_code", "nib"):
            if key in changes:
                setattr(profile, key, changes[key])
        if _STR in changes:
            profile.str_number, profile.str_lifetime, profile.str_valid_until = changes[_STR]
        profile.updated_at = utcnow()


def _str_info(profile: ApplicantProfile) -> str:
    if not profile.str_number:
        return "Belum diisi"
    if profile.str_lifetime:
        return f"{profile.str_number} (berlaku seumur hidup)"
    until = profile.str_valid_until.strftime("%d-%m-%Y") if profile.str_valid_until else "-"
    return f"{profile.str_number} (berlaku s.d. {until})"
