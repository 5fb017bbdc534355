"""Issue a permit on the e2e server's database through the service layer.

The server signs with the key in its own data folder; this test process must use
the same key, or the server would (rightly) call the record forged.
"""

from __future__ import annotations

from tests.e2e.conftest import DEMO_PASSWORD
from tests.unit.test_applications import PEOPLE, applicant_token, ready_draft

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


def issue(n: int, idempotency_key: str) -> dict[str, str]:
    """Submit applicant PEOPLE[n]'s SIPB and walk it to TERBIT with the demo officers."""
    from sqlmodel import select

    from silek_app.db import session_scope
    from silek_app.models import Application, Permit
    from silek_app.services import accounts, applications, officer_actions

    token = applicant_token(n)
    ready_draft(token, "SIPB", n=n)
    reference = applications.submit(token, "SIPB", idempotency_key).reference
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
            "holder": PEOPLE[n][1],
            "nik": PEOPLE[n][0],
        }
