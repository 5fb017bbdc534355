"""Helpers for the officer-queue tests: applicants of their own, submitted files, logins.

The applicants here are not in tests/unit/test_applications.PEOPLE, so the e2e
tests can share one server database with other suites without duplicate NIKs.
"""

from __future__ import annotations

import uuid

from silek_app.services import accounts, application_views, applications
from silek_app.services.accounts import Registration
from tests.support.socket_client import SocketClient, merged_delta
from tests.unit.test_applications import PASSWORD, precheck, section_values, upload_all

QUEUE_PEOPLE = (  # NIK, name, email, phone, birth date encoded in the NIK
    ("1372011510880004", "Dewi Kartika", "dewi.antrean@contoh.id", "081266004444", "1988-10-15"),
    ("1372012011790005", "Hasan Basri", "hasan.antrean@contoh.id", "081266005555", "1979-11-20"),
    ("1372015506950006", "Yulia Safitri", "yulia.antrean@contoh.id", "081266006666", "1995-06-15"),
    ("1372016203000007", "Nurul Aini", "nurul.antrean@contoh.id", "081266007777", "2000-03-22"),
)


def queue_applicant(i: int) -> str:
    """Register (once) and log in applicant i of QUEUE_PEOPLE; returns a session token."""
    nik, name, email, phone, _ = QUEUE_PEOPLE[i]
    try:
        accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    except Exception:  # noqa: BLE001 — already registered earlier in this database
        pass
    return accounts.login(email, PASSWORD)


def submit_sipb(token: str, person: tuple, tag: str) -> str:
    """A complete SIPB application of ``person`` (NIK, name, email, phone, birth date)."""
    _, name, email, phone, birth = person
    draft_id = precheck(token, "SIPB")
    values = section_values(0)
    values["pemohon"] = {
        **values["pemohon"], "name_on_permit": name, "birth_date": birth, "phone": phone,
        "email": email,
    }  # fmt: skip
    for sec in application_views.draft_view(token, "SIPB")["sections"]:
        assert applications.save_section(token, "SIPB", sec["key"], values[sec["key"]]) == {}
    upload_all(token, "SIPB", draft_id, tag=tag)
    return applications.submit(token, "SIPB", uuid.uuid4().hex).reference


def submit_file(token: str, i: int) -> str:
    """A complete SIPB application submitted by applicant i of QUEUE_PEOPLE."""
    return submit_sipb(token, QUEUE_PEOPLE[i], f"antrean-{i}")


async def socket_login(client: SocketClient, login_state, session_state, email: str, pw: str):
    """Log a crafted socket client in through the real login handler."""
    await client.collect(1.5)
    await client.emit(
        f"{login_state.get_full_name()}.submit", {"form_data": {"login": email, "password": pw}}
    )
    frames = await client.collect(3)
    return merged_delta(frames)[session_state.get_full_name()]["auth_token"]
