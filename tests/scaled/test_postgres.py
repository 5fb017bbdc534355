"""The same migrations, catalog load and account rules on PostgreSQL, no code change."""

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from silek_app.db import get_engine, session_scope
from silek_app.models import Service, ServiceRequirement, UserAccount
from silek_app.services import accounts, bootstrap
from silek_app.services.accounts import Registration
from silek_app.services.errors import ServiceError

pytestmark = pytest.mark.scaled


def _counts():
    with session_scope() as s:
        return (
            s.exec(select(func.count(Service.id))).one(),
            s.exec(select(func.count(ServiceRequirement.id))).one(),
            s.exec(select(func.count(UserAccount.id))).one(),
        )


def test_bootstrap_is_idempotent_on_postgres(pg):
    bootstrap.bootstrap(seed_demo=True)
    first = _counts()
    bootstrap.bootstrap(seed_demo=True)
    assert _counts() == first
    assert first[0] == 37 and first[2] == 7
    assert get_engine().dialect.name == "postgresql"


def test_register_login_session_on_postgres(pg):
    bootstrap.bootstrap(seed_demo=False)
    data = Registration(
        nik="1371025506880003", full_name="Yuliani Putri", email="yuli@contoh.id",
        phone="081363001234", password="ngarai-sianok-pagi-hari",
        password_confirm="ngarai-sianok-pagi-hari",
    )  # fmt: skip
    accounts.register(data)
    with pytest.raises(ServiceError, match="NIK ini sudah terdaftar"):
        accounts.register(data)
    token = accounts.login("yuli@contoh.id", "ngarai-sianok-pagi-hari")
    assert accounts.current_user(token).full_name == "Yuliani Putri"
    accounts.logout(token)
    assert accounts.current_user(token) is None


def test_audit_trigger_on_postgres(pg):
    bootstrap.bootstrap(seed_demo=False)
    with get_engine().begin() as conn:
        trig = conn.execute(
            sa.text("SELECT count(*) FROM pg_trigger WHERE tgname = 'status_event_no_change'")
        ).scalar()
    assert trig == 1
