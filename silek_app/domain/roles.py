"""The roles of SILEK and who counts as an officer.

Role codes are stored in the database and named in workflow data files, so they
must never be renamed without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PEMOHON = "pemohon"
    FRONT_OFFICE = "front_office"
    BACK_OFFICE = "back_office"
    TIM_TEKNIS = "tim_teknis"
    KEPALA_DINAS = "kepala_dinas"
    PIMPINAN = "pimpinan"
    ADMIN = "admin"
    # The office's own scheduled jobs (SLA escalation, deemed approval). It can be
    # named in workflow data but never given to a person (see ASSIGNABLE_ROLES).
    SISTEM = "sistem"


ROLE_LABELS: dict[Role, str] = {
    Role.PEMOHON: "Pemohon",
    Role.FRONT_OFFICE: "Front Office",
    Role.BACK_OFFICE: "Back Office (Verifikator)",
    Role.TIM_TEKNIS: "Tim Teknis Dinas Kesehatan",
    Role.KEPALA_DINAS: "Kepala Dinas (Penandatangan)",
    Role.PIMPINAN: "Pimpinan (Analitik)",
    Role.ADMIN: "Administrator",
    Role.SISTEM: "Sistem SILEK (otomatis)",
}

# Roles that work files inside the office; the applicant and the read-only
# leaders are deliberately not in this set.
OFFICER_ROLES: frozenset[Role] = frozenset(
    {Role.FRONT_OFFICE, Role.BACK_OFFICE, Role.TIM_TEKNIS, Role.KEPALA_DINAS}
)

ROLE_CODES: frozenset[str] = frozenset(r.value for r in Role)
ASSIGNABLE_ROLES: tuple[Role, ...] = tuple(r for r in Role if r is not Role.SISTEM)


def parse_role(value: str) -> Role:
    """Return the Role for a code, or raise ValueError with an Indonesian message."""
    try:
        role = Role(value.strip().lower())
        if role not in ASSIGNABLE_ROLES:
            raise ValueError(value)
        return role
    except ValueError:
        allowed = ", ".join(sorted(r.value for r in ASSIGNABLE_ROLES))
        raise ValueError(f"Peran '{value}' tidak dikenal. Pilihan: {allowed}.") from None


def role_label(code: str) -> str:
    try:
        return ROLE_LABELS[Role(code)]
    except ValueError:
        return code
