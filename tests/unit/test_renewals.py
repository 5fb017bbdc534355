"""'Perpanjang' on an issued permit opens a PERPANJANGAN draft pre-filled from it."""

import pytest
from sqlmodel import select

from silek_app.db import session_scope
from silek_app.models import Application, Permit
from silek_app.services import application_views, renewals
from silek_app.services.errors import NotFound, ServiceError
from tests.unit.test_applications import applicant_token
from tests.unit.test_permits import issued, submitted


def _draft(token: str) -> dict:
    return application_views.draft_view(token, "SIPB")


def test_renewal_draft_is_prefilled_and_linked_to_the_permit(db):
    token, reference, _ = issued(0)
    assert renewals.start_renewal(token, reference) == "SIPB"
    view = _draft(token)
    assert view["has_draft"] and view["precheck"]["jenis"] == "PERPANJANGAN"
    pemohon = next(s for s in view["sections"] if s["key"] == "pemohon")
    assert pemohon["values"]["name_on_permit"] == "Siti Rahmawati"
    assert not any(s["done"] for s in view["sections"])  # each is confirmed once more
    with session_scope() as s:
        draft = s.exec(select(Application).where(Application.status == "DRAFT")).one()
        permit = s.exec(select(Permit)).one()
    assert draft.previous_permit_id == permit.id
    assert draft.form_data["renewal_of"]["permit"] == permit.number
    # The renewal asks for what a PERPANJANGAN needs (the old SIP, SKP proof).
    assert any("SKP" in slot["name"] for slot in view["slots"])


def test_starting_twice_reuses_the_same_draft(db):
    token, reference, _ = issued(0)
    renewals.start_renewal(token, reference)
    renewals.start_renewal(token, reference)
    with session_scope() as s:
        assert len(s.exec(select(Application).where(Application.status == "DRAFT")).all()) == 1


def test_only_the_holder_of_an_issued_permit_may_renew(db):
    token, reference, _ = issued(0)
    other = applicant_token(1)
    with pytest.raises(NotFound):
        renewals.start_renewal(other, reference)
    with pytest.raises(NotFound):
        renewals.start_renewal(token, "SLK-20260101-99999")
    pending = submitted(other, "SIPB", 1)
    with pytest.raises(ServiceError, match="sudah terbit"):
        renewals.start_renewal(other, pending)


def test_revoked_permit_cannot_be_renewed(db):
    token, reference, _ = issued(0)
    with session_scope() as s:
        permit = s.exec(select(Permit)).one()
        permit.status = "DICABUT"
        s.add(permit)
    with pytest.raises(ServiceError, match="dicabut"):
        renewals.start_renewal(token, reference)
