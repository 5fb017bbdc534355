"""The service catalog: loading the validated data file into the database, and the
read models the public pages and the JSON API show.

The database copy is what the running app reads, so an edit of the data file takes
effect on the next `python -m silek_app seed` without a restart of anything else.
Texts an administrator edited on /admin are the exception: they keep the database
value (see sync_catalog and services/service_texts.py).
"""

from __future__ import annotations

from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.catalog import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CONDITION_LABELS,
    PUBLIC_COMPONENT_KEYS,
    STANDARD_COMPONENTS,
    Catalog,
    default_catalog,
)
from silek_app.domain.jenis import JENIS_LABELS, JENIS_ORDER
from silek_app.domain.uploads import KIND_LABELS
from silek_app.models import (
    Service,
    ServiceRequirement,
    ServiceStandard,
    WorkflowDefinitionRow,
    utcnow,
)
from silek_app.services import service_texts

_SERVICE_FIELDS = (
    "name",
    "category",
    "is_health",
    "channel",
    "sla_days",
    "fee",
    "fee_note",
    "validity_months",
    "product",
    "needs_field_visit",
    "needs_dinkes_recommendation",
    "profession",
    "max_practice_places",
    "sk_number",
    "maklumat",
)


def sync_catalog(catalog: Catalog | None = None) -> dict[str, int]:
    """Upsert workflows, services, standards and requirements. Idempotent."""
    catalog = catalog or default_catalog()
    counts = {"layanan_baru": 0, "layanan_diperbarui": 0, "persyaratan": 0, "alur": 0}
    with session_scope(write=True) as s:
        # An administrator's edit on /admin (logged as a ServiceTextChange) is the
        # office's decision and newer than the data file; this loader runs at every
        # start, so without this check a restart would silently undo the edit and
        # the change log would describe text that is no longer published.
        edited = service_texts.edited_fields(s)
        for wf in catalog.workflows.values():
            row = s.exec(
                select(WorkflowDefinitionRow).where(WorkflowDefinitionRow.code == wf.code)
            ).first() or WorkflowDefinitionRow(code=wf.code, name=wf.name)
            row.name, row.definition, row.updated_at = wf.name, wf.to_dict(), utcnow()
            s.add(row)
            counts["alur"] += 1
        codes = set()
        for svc in catalog.services:
            codes.add(svc.code)
            row = s.exec(select(Service).where(Service.code == svc.code)).first()
            counts["layanan_baru" if row is None else "layanan_diperbarui"] += 1
            row = row or Service(
                code=svc.code,
                name=svc.name,
                category=svc.category,
                channel=svc.channel,
                sla_days=svc.sla_days,
                product=svc.product,
                workflow_code=svc.workflow,
            )
            kept = edited.get(row.id, set()) if row.id else set()
            for field in _SERVICE_FIELDS:
                if field not in kept:
                    setattr(row, field, getattr(svc, field))
            row.legal_basis = list(svc.legal_basis)
            row.jenis_allowed = list(svc.jenis_allowed)
            if "complaint_channels" not in kept:
                row.complaint_channels = list(svc.complaint_channels)
            row.workflow_code = svc.workflow
            row.is_active = True
            row.updated_at = utcnow()
            s.add(row)
            s.flush()
            _sync_standard(s, row.id, svc.standard, kept)
            counts["persyaratan"] += _sync_requirements(s, row.id, svc.requirements)
        for stale in s.exec(select(Service).where(Service.code.not_in(codes))).all():
            stale.is_active = False  # never deleted: old applications still point at it
            s.add(stale)
    return counts


def _sync_standard(s: Session, service_id: int, standard: dict[str, str], kept: set[str]) -> None:
    row = s.exec(select(ServiceStandard).where(ServiceStandard.service_id == service_id)).first()
    row = row or ServiceStandard(service_id=service_id, **{k: "" for k, _ in STANDARD_COMPONENTS})
    for key, _label in STANDARD_COMPONENTS:
        if service_texts.STANDARD_PREFIX + key not in kept:
            setattr(row, key, standard[key])
    s.add(row)


def _sync_requirements(s: Session, service_id: int, requirements) -> int:
    existing = {
        r.code: r
        for r in s.exec(
            select(ServiceRequirement).where(ServiceRequirement.service_id == service_id)
        ).all()
    }
    for order, req in enumerate(requirements):
        row = existing.pop(req.code, None) or ServiceRequirement(
            service_id=service_id, code=req.code, name=req.name
        )
        row.name, row.description, row.mandatory = req.name, req.description, req.mandatory
        row.jenis, row.file_types = list(req.jenis), list(req.file_types)
        row.max_size_mb, row.template, row.condition = req.max_size_mb, req.template, req.condition
        row.sort_order = order
        s.add(row)
    for gone in existing.values():
        s.delete(gone)
    return len(requirements)


# ---------------------------------------------------------------- read models


def _fee_label(fee: int) -> str:
    return "Gratis (Rp 0)" if fee == 0 else f"Rp {fee:,}".replace(",", ".")


def _validity_label(months: int | None) -> str:
    if not months:
        return "Selama usaha/kegiatan berjalan"
    if months % 12 == 0:
        return f"{months // 12} tahun"
    return f"{months} bulan"


def _summary(row: Service) -> dict[str, str]:
    return {
        "code": row.code,
        "name": row.name,
        "category": row.category,
        "category_label": CATEGORY_LABELS.get(row.category, row.category),
        "channel_label": CHANNEL_LABELS.get(row.channel, row.channel),
        "sla_days": str(row.sla_days),
        "sla_label": f"{row.sla_days} hari kerja",
        "fee": str(row.fee),
        "fee_label": _fee_label(row.fee),
        "product": row.product,
    }


def list_services(query: str = "", category: str = "") -> list[dict[str, str]]:
    """Active services, filtered by category and by words in code, name or product."""
    words = [w for w in query.lower().split() if w][:8]
    with session_scope() as s:
        rows = s.exec(select(Service).where(Service.is_active.is_(True)).order_by(Service.id)).all()
    out = []
    for row in rows:
        if category and row.category != category:
            continue
        haystack = f"{row.code} {row.name} {row.product}".lower()
        if all(w in haystack for w in words):
            out.append(_summary(row))
    return out


def get_service_detail(code: str) -> dict | None:
    """Everything the public page and the API publish about one service."""
    code = (code or "").strip()
    if not code or len(code) > 16:
        return None
    with session_scope() as s:
        row = s.exec(
            # Exact and case-insensitive; ilike() would read "_" and "%" as wildcards.
            select(Service).where(
                func.upper(Service.code) == code.upper(), Service.is_active.is_(True)
            )
        ).first()
        if row is None:
            return None
        standard = s.exec(select(ServiceStandard).where(ServiceStandard.service_id == row.id)).one()
        reqs = s.exec(
            select(ServiceRequirement)
            .where(ServiceRequirement.service_id == row.id)
            .order_by(ServiceRequirement.sort_order)
        ).all()
    labels = dict(STANDARD_COMPONENTS)
    return {
        **_summary(row),
        "channel": row.channel,
        "validity_months": row.validity_months,
        "validity_label": _validity_label(row.validity_months),
        "fee_note": row.fee_note,
        "legal_basis": list(row.legal_basis),
        "jenis_allowed": [j for j in JENIS_ORDER if j in row.jenis_allowed],
        "complaint_channels": list(row.complaint_channels),
        "sk_number": row.sk_number,
        "maklumat": row.maklumat,
        "needs_field_visit": row.needs_field_visit,
        "workflow": row.workflow_code,
        "public_standard": [
            {"key": k, "label": labels[k], "text": getattr(standard, k)}
            for k in PUBLIC_COMPONENT_KEYS
        ],
        "standard": [
            {"key": k, "label": label, "text": getattr(standard, k)}
            for k, label in STANDARD_COMPONENTS
        ],
        "requirements_by_jenis": [
            {
                "jenis": jenis,
                "jenis_label": JENIS_LABELS[jenis],
                "items": [_requirement(r) for r in reqs if jenis in r.jenis],
            }
            for jenis in JENIS_ORDER
            if jenis in row.jenis_allowed
        ],
    }


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _requirement(r: ServiceRequirement) -> dict:
    return {
        "code": r.code,
        "name": r.name,
        "description": r.description,
        "mandatory": r.mandatory,
        "mandatory_label": "Wajib" if r.mandatory else "Opsional",
        "file_types": list(r.file_types),
        "file_types_label": ", ".join(KIND_LABELS.get(t, t) for t in r.file_types),
        "max_size_mb": r.max_size_mb,
        "template": r.template or "",
        "condition": r.condition or "",
        "condition_label": _sentence_case(CONDITION_LABELS.get(r.condition or "", "")),
    }


def category_options() -> list[dict[str, str]]:
    return [{"value": k, "label": v} for k, v in CATEGORY_LABELS.items()]
