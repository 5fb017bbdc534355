"""Loading the catalog into the database is idempotent and updates in place."""

import dataclasses

from sqlmodel import func, select

from silek_app.db import session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.models import Service, ServiceRequirement, ServiceStandard, WorkflowDefinitionRow
from silek_app.services import catalog as catalog_service


def _counts() -> tuple[int, int, int, int]:
    with session_scope() as s:
        return tuple(
            s.exec(select(func.count(m.id))).one()
            for m in (Service, ServiceStandard, ServiceRequirement, WorkflowDefinitionRow)
        )


def test_reload_never_duplicates(db):
    before = _counts()
    assert before[0] == 37 and before[1] == 37 and before[3] == 4
    counts = catalog_service.sync_catalog()
    assert counts["layanan_baru"] == 0 and counts["layanan_diperbarui"] == 37
    assert _counts() == before


def test_changed_data_updates_in_place_and_removed_service_is_deactivated(db):
    catalog = default_catalog()
    sipd = catalog.get("SIPD")
    changed = dataclasses.replace(
        sipd, sla_days=4, requirements=sipd.requirements[:-1],
        standard={**sipd.standard, "sarana_prasarana": "Loket khusus disabilitas."},
    )  # fmt: skip
    services = tuple(
        changed if s.code == "SIPD" else s for s in catalog.services if s.code != "ITG"
    )
    catalog_service.sync_catalog(dataclasses.replace(catalog, services=services))
    with session_scope() as s:
        row = s.exec(select(Service).where(Service.code == "SIPD")).one()
        reqs = s.exec(
            select(ServiceRequirement).where(ServiceRequirement.service_id == row.id)
        ).all()
        std = s.exec(select(ServiceStandard).where(ServiceStandard.service_id == row.id)).one()
        itg = s.exec(select(Service).where(Service.code == "ITG")).one()
    assert row.sla_days == 4
    assert len(reqs) == len(sipd.requirements) - 1
    assert std.sarana_prasarana == "Loket khusus disabilitas."
    assert itg.is_active is False
    assert [r["code"] for r in catalog_service.list_services()].count("ITG") == 0


def test_read_models(db):
    assert len(catalog_service.list_services()) == 37
    assert {r["category"] for r in catalog_service.list_services(category="PS")} == {"PS"}
    assert [r["code"] for r in catalog_service.list_services("izin praktik bidan")] == ["SIPB"]
    detail = catalog_service.get_service_detail("sipb")
    assert detail["code"] == "SIPB" and len(detail["public_standard"]) == 6
    assert len(detail["standard"]) == 14
    assert [g["jenis"] for g in detail["requirements_by_jenis"]] == detail["jenis_allowed"]
    assert catalog_service.get_service_detail("TIDAKADA") is None
    assert catalog_service.get_service_detail("x" * 100) is None
