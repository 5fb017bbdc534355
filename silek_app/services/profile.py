"""What the signed-in user may see of their own account."""

from __future__ import annotations

from sqlmodel import select

from silek_app.db import session_scope
from silek_app.domain.nik import mask_nik
from silek_app.domain.roles import role_label
from silek_app.domain.wilayah import get_kelurahan
from silek_app.models import ApplicantProfile, UserAccount
from silek_app.services.accounts import require_user


def my_account(token: str | None) -> dict[str, str]:
    """The account and applicant profile of the session's user (NIK masked)."""
    user = require_user(token)
    with session_scope() as s:
        account = s.get(UserAccount, user.id)
        profile = s.exec(
            select(ApplicantProfile).where(ApplicantProfile.user_id == user.id)
        ).first()
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
                )
                if x
            )
            or "Belum diisi",
            str_info=_str_info(profile),
            nib=profile.nib or "",
        )
    return out


def _str_info(profile: ApplicantProfile) -> str:
    if not profile.str_number:
        return "Belum diisi"
    if profile.str_lifetime:
        return f"{profile.str_number} (berlaku seumur hidup)"
    until = profile.str_valid_until.strftime("%d-%m-%Y") if profile.str_valid_until else "-"
    return f"{profile.str_number} (berlaku s.d. {until})"
