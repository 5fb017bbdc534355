"""Issue a permit on the e2e server's database through the service layer.

The server signs with the key in its own data folder; this test process must use
the same key, or the server would (rightly) call the record forged.
"""

from __future__ import annotations

from tests.e2e.conftest import DEMO_PASSWORD

# Applicants of their own: the e2e files share one server database, and another
# file registering the same NIK first would make this one fail.
VERIFY_PEOPLE = (  # NIK (birth date encoded), name, email, phone, birth date
    ("1372011707860004", "Andika Pratama", "andika.verifikasi@contoh.id", "081277001111",
     "1986-07-17"),
    ("1372015912930005", "Lestari Wulandari", "lestari.verifikasi@contoh.id", "081277002222",
     "1993-12-19"),
)  # fmt: skip

OFFICE_FLOW = (
    ("fo", "TERIMA_BERKAS"),
    ("fo", "TERUSKAN_VERIFIKASI_TEKNIS"),
    ("teknis", "TERBITKAN_REKOMENDASI"),
    ("bo", "AJUKAN_TTE"),
    ("kadis", "TANDATANGANI"),
)


def use_server_key(monkeypatch, data_dir) -> None:
    from silek_app import settings

    monkeypatch.setattr(settings, "SIGNING_KEY_FILE", data_dir / "signing.key")


def issue(n: int, tag: str) -> dict[str, str]:
    """Submit applicant VERIFY_PEOPLE[n]'s SIPB and walk it to TERBIT with the demo officers."""
    from sqlmodel import select

    from silek_app.db import session_scope
    from silek_app.models import Application, Permit
    from silek_app.services import accounts, officer_actions
    from silek_app.services.accounts import Registration
    from tests.support.officer_queue import submit_sipb
    from tests.unit.test_applications import PASSWORD

    nik, name, email, phone, _ = VERIFY_PEOPLE[n]
    accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    reference = submit_sipb(accounts.login(email, PASSWORD), VERIFY_PEOPLE[n], tag)
    office = {
        who: accounts.login(f"{who}@demo.silek.id", DEMO_PASSWORD)
        for who in {who for who, _ in OFFICE_FLOW}
    }
    for who, action in OFFICE_FLOW:
        officer_actions.act(office[who], reference, action)
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        permit = s.exec(select(Permit).where(Permit.application_id == app.id)).one()
        return {
            "reference": reference,
            "number": permit.number,
            "qr_token": permit.qr_token,
            "holder": VERIFY_PEOPLE[n][1],
            "nik": VERIFY_PEOPLE[n][0],
        }
