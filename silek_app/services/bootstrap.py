"""First-run and every-run set-up: migrate, load the catalog, seed demo accounts.

Every step is idempotent, so `make run` can call it on each start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from alembic.config import Config
from sqlmodel import select

from alembic import command
from silek_app import settings
from silek_app.db import get_engine, session_scope
from silek_app.domain.roles import Role
from silek_app.models import ApplicantProfile, UserAccount
from silek_app.services import catalog as catalog_service
from silek_app.services import users
from silek_app.services.hashing import hash_password

DEMO_PASSWORD = "Rendang-Bareh-Sawah"  # noqa: S105 (published demo password, README)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role


DEMO_ACCOUNTS = (
    DemoAccount("pemohon@demo.silek.id", "Rina Marlina", Role.PEMOHON),
    DemoAccount("fo@demo.silek.id", "Andi Saputra", Role.FRONT_OFFICE),
    DemoAccount("bo@demo.silek.id", "Yusrizal Chaniago", Role.BACK_OFFICE),
    DemoAccount("teknis@demo.silek.id", "dr. Fitri Handayani", Role.TIM_TEKNIS),
    DemoAccount("kadis@demo.silek.id", "Hendra Putra", Role.KEPALA_DINAS),
    DemoAccount("pimpinan@demo.silek.id", "Ramadhan Kirana", Role.PIMPINAN),
    DemoAccount("admin@demo.silek.id", "Admin SILEK", Role.ADMIN),
)
DEMO_APPLICANT_NIK = "1372014107900001"  # woman (day 01+40), born 1 July 1990, Lubuk Sikarah


def migrate() -> None:
    cfg = Config(str(settings.BASE_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(settings.BASE_DIR / "alembic"))
    command.upgrade(cfg, "head")


def seed_demo_accounts() -> int:
    """Create the demo account of every role when the database has no users yet."""
    if users.count_users() > 0:
        return 0
    password_hash = hash_password(DEMO_PASSWORD)
    with session_scope() as s:
        for account in DEMO_ACCOUNTS:
            user = UserAccount(
                email=account.email,
                full_name=account.full_name,
                role=account.role.value,
                phone="081266001234",
                password_hash=password_hash,
            )
            s.add(user)
            s.flush()
            if account.role == Role.PEMOHON:
                s.add(
                    ApplicantProfile(
                        user_id=user.id,
                        nik=DEMO_APPLICANT_NIK,
                        name_on_permit="Rina Marlina",
                        birth_place="Solok",
                        birth_date=dt.date(1990, 7, 1),
                        is_female=True,
                        address="Jl. Lubuk Sikarah No. 12",
                        kelurahan_code="13.72.01.1002",
                        phone="081266001234",
                        email=account.email,
                        profession="bidan",
                        str_number="KKI-BDN-2024-000123",
                        str_lifetime=True,
                    )
                )
    return len(DEMO_ACCOUNTS)


def bootstrap(seed_demo: bool | None = None) -> dict[str, int]:
    migrate()
    counts = catalog_service.sync_catalog()
    seeded = 0
    if settings.SEED_DEMO if seed_demo is None else seed_demo:
        seeded = seed_demo_accounts()
    counts["akun_demo"] = seeded
    return counts


def database_ok() -> bool:
    try:
        with get_engine().connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        with session_scope() as s:
            s.exec(select(UserAccount.id).limit(1)).first()
        return True
    except Exception:  # noqa: BLE001 — health check reports any failure as "down"
        return False
