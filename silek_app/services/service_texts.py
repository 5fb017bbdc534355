"""The /admin "Teks Layanan" tab: published texts and the deemed-approval policy.

An administrator edits a service's name, product, fee note, SK number, maklumat,
complaint channels, the 14 Standar Pelayanan components and the deemed-approval
policy. A save is all or nothing: every field is checked first, and each field that
really changed writes one ServiceTextChange row (old, new, reason, who, when) in
the same transaction. Those rows are also what tells the catalog loader to keep the
administrator's text on the next start (services/catalog.py).

The public page and API read the database on every request (no cache), so an edit
shows at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.catalog import STANDARD_COMPONENTS
from silek_app.domain.escalation import supports_deemed_approval
from silek_app.domain.roles import Role
from silek_app.domain.sla import WIB
from silek_app.models import Service, ServiceStandard, ServiceTextChange, UserAccount, utcnow
from silek_app.services.accounts import require_user
from silek_app.services.errors import NotFound, ServiceError
from silek_app.services.workflow_runner import workflow_for

ADMIN_ONLY = frozenset({Role.ADMIN})
STANDARD_PREFIX = "standard."
REASON_MIN, REASON_MAX = 10, 1000
CHANNELS_MAX, CHANNEL_MAX_LEN = 12, 200
DAYS_MIN, DAYS_MAX = 1, 60
LOG_LIMIT = 100
LOG_PREVIEW = 400

# Editable texts of the service row -> (label, max length). All are required.
SERVICE_TEXTS: dict[str, tuple[str, int]] = {
    "name": ("Nama layanan", 200),
    "product": ("Produk layanan", 300),
    "fee_note": ("Keterangan biaya", 500),
    "sk_number": ("Nomor SK Standar Pelayanan", 200),
    "maklumat": ("Maklumat pelayanan", 3000),
}
STANDARD_MAX = 6000
STANDARD_FIELDS: dict[str, str] = {
    f"{STANDARD_PREFIX}{key}": label for key, label in STANDARD_COMPONENTS
}
POLICY_FIELDS: dict[str, str] = {
    "deemed_approval_enabled": "Persetujuan otomatis (fiktif positif)",
    "deemed_approval_days": "Batas hari kerja persetujuan otomatis",
    "deemed_warning_days": "Peringatan sebelum persetujuan otomatis (hari kerja)",
}
FIELD_LABELS: dict[str, str] = {
    **{k: label for k, (label, _) in SERVICE_TEXTS.items()},
    "complaint_channels": "Saluran pengaduan",
    **STANDARD_FIELDS,
    **POLICY_FIELDS,
}
# Fields the catalog loader also writes; an edit logged here wins over the data file.
LOADER_FIELDS = frozenset({*SERVICE_TEXTS, "complaint_channels", *STANDARD_FIELDS})

NOTHING_CHANGED = "Tidak ada perubahan untuk disimpan."
_TRUE = frozenset({"1", "true", "on", "ya", "yes"})


def _service(s: Session, code: str) -> Service:
    code = str(code or "").strip().upper()[:16]
    row = s.exec(select(Service).where(func.upper(Service.code) == code)).first() if code else None
    if row is None:
        raise NotFound(f"Layanan {code or '(kosong)'} tidak ditemukan.")
    return row


def _standard(s: Session, service_id: int) -> ServiceStandard:
    return s.exec(select(ServiceStandard).where(ServiceStandard.service_id == service_id)).one()


def _as_text(value) -> str:
    """How a value is shown in the form and kept in the change log."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def _current(service: Service, standard: ServiceStandard) -> dict:
    values = {f: getattr(service, f) for f in (*SERVICE_TEXTS, *POLICY_FIELDS)}
    values["complaint_channels"] = list(service.complaint_channels)
    for key in STANDARD_FIELDS:
        values[key] = getattr(standard, key.removeprefix(STANDARD_PREFIX))
    return values


# ---------------------------------------------------------------- checks


def _text(field: str, value, max_len: int, problems: dict[str, str]) -> str:
    text = str(value if value is not None else "").replace("\r\n", "\n").strip()
    label = FIELD_LABELS[field]
    if not text:
        problems[field] = f"{label} wajib diisi."
    elif len(text) > max_len:
        problems[field] = f"{label} terlalu panjang: maksimal {max_len} karakter."
    return text


def _channels(value, problems: dict[str, str]) -> list[str]:
    items = value if isinstance(value, list | tuple) else str(value or "").splitlines()
    lines = [str(v).strip() for v in items if str(v).strip()]
    if not lines:
        problems["complaint_channels"] = "Saluran pengaduan wajib diisi, minimal satu baris."
    elif len(lines) > CHANNELS_MAX:
        problems["complaint_channels"] = f"Saluran pengaduan paling banyak {CHANNELS_MAX} baris."
    elif any(len(line) > CHANNEL_MAX_LEN for line in lines):
        problems["complaint_channels"] = (
            f"Setiap saluran pengaduan paling panjang {CHANNEL_MAX_LEN} karakter."
        )
    return lines


def _whole(field: str, value, low: int, high: int, problems: dict[str, str]) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = low - 1
    if not low <= number <= high:
        problems[field] = f"{FIELD_LABELS[field]} harus bilangan bulat {low} sampai {high}."
    return number


def _checked(values: Mapping, current: dict) -> tuple[dict, dict[str, str]]:
    """Parse the submitted fields; returns (new values, {field: message})."""
    unknown = [k for k in values if k not in FIELD_LABELS]
    if unknown:
        raise ServiceError(f"Isian \u201c{str(unknown[0])[:40]}\u201d tidak dapat diubah.")
    problems: dict[str, str] = {}
    new: dict = {}
    for field, value in values.items():
        if field in SERVICE_TEXTS:
            new[field] = _text(field, value, SERVICE_TEXTS[field][1], problems)
        elif field in STANDARD_FIELDS:
            new[field] = _text(field, value, STANDARD_MAX, problems)
        elif field == "complaint_channels":
            new[field] = _channels(value, problems)
        elif field == "deemed_approval_enabled":
            new[field] = value is True or str(value).strip().lower() in _TRUE
        elif field == "deemed_approval_days":
            new[field] = _whole(field, value, DAYS_MIN, DAYS_MAX, problems)
    if "deemed_warning_days" in values or "deemed_approval_days" in new:
        days = new.get("deemed_approval_days", current["deemed_approval_days"])
        if "deemed_approval_days" not in problems:
            warning = values.get("deemed_warning_days", current["deemed_warning_days"])
            new["deemed_warning_days"] = _whole(
                "deemed_warning_days", warning, 0, max(0, days - 1), problems
            )
    return new, problems


NO_DEEMED_FLOW = (
    "Alur layanan ini tidak mengenal persetujuan otomatis (peninjauan lapangan wajib "
    "atau izin terbit melalui OSS-RBA), sehingga kebijakan ini tidak dapat diaktifkan."
)


def _reason_problem(reason: str) -> str | None:
    if len(reason) < REASON_MIN:
        return f"Tuliskan alasan perubahan, minimal {REASON_MIN} karakter."
    if len(reason) > REASON_MAX:
        return f"Alasan perubahan terlalu panjang: maksimal {REASON_MAX} karakter."
    return None


# ---------------------------------------------------------------- use cases


def service_options(token: str | None) -> list[dict[str, str]]:
    require_user(token, ADMIN_ONLY)
    with session_scope() as s:
        rows = s.exec(select(Service).order_by(Service.id)).all()  # catalog order
    return [
        {
            "code": r.code,
            "label": f"{r.code} \u2014 {r.name}" + ("" if r.is_active else " (nonaktif)"),
        }
        for r in rows
    ]


def service_form(token: str | None, code: str) -> dict:
    """Current values of every editable field, as text, with labels."""
    require_user(token, ADMIN_ONLY)
    with session_scope() as s:
        service = _service(s, code)
        current = _current(service, _standard(s, service.id))
    return {
        "code": service.code,
        "texts": {f: _as_text(current[f]) for f in (*SERVICE_TEXTS, "complaint_channels")},
        "standard": [
            {"key": k, "label": label, "text": current[k]} for k, label in STANDARD_FIELDS.items()
        ],
        "policy": {
            "enabled": bool(current["deemed_approval_enabled"]),
            "days": str(current["deemed_approval_days"]),
            "warning_days": str(current["deemed_warning_days"]),
        },
    }


def save(token: str | None, code: str, values: Mapping, reason: str) -> dict[str, str]:
    """Save the submitted fields of one service with a reason.

    Returns {field: message} and saves nothing when any field is invalid; returns
    {} after saving. Raises ServiceError when nothing changed or input is unusable.
    """
    admin = require_user(token, ADMIN_ONLY)
    if not isinstance(values, Mapping) or not values:
        raise ServiceError(NOTHING_CHANGED)
    reason = str(reason or "").strip()
    with session_scope(write=True) as s:
        service = _service(s, code)
        standard = _standard(s, service.id)
        current = _current(service, standard)
        new, problems = _checked(values, current)
        if new.get("deemed_approval_enabled") and not supports_deemed_approval(
            workflow_for(s, service)
        ):
            # Switching it on would silently do nothing: the flow has no system action.
            problems["deemed_approval_enabled"] = NO_DEEMED_FLOW
        weak_reason = _reason_problem(reason)
        if weak_reason:
            problems["reason"] = weak_reason
        if problems:
            return problems
        changed = {f: v for f, v in new.items() if _as_text(v) != _as_text(current[f])}
        if not changed:
            raise ServiceError(NOTHING_CHANGED)
        now = utcnow()
        for field, value in changed.items():
            if field.startswith(STANDARD_PREFIX):
                setattr(standard, field.removeprefix(STANDARD_PREFIX), value)
            else:
                setattr(service, field, value)
            s.add(
                ServiceTextChange(
                    service_id=service.id,
                    field=field,
                    old_value=_as_text(current[field]),
                    new_value=_as_text(value),
                    reason=reason,
                    changed_by_id=admin.id,
                    created_at=now,
                )
            )
        service.updated_at = now
        s.add(service)
        s.add(standard)
    return {}


def _preview(text: str) -> str:
    return text if len(text) <= LOG_PREVIEW else text[:LOG_PREVIEW] + "\u2026"


def change_log(token: str | None, code: str) -> list[dict[str, str]]:
    """The service's change log, newest first."""
    require_user(token, ADMIN_ONLY)
    with session_scope() as s:
        service = _service(s, code)
        rows = s.exec(
            select(ServiceTextChange, UserAccount.full_name)
            .join(UserAccount, UserAccount.id == ServiceTextChange.changed_by_id, isouter=True)
            .where(ServiceTextChange.service_id == service.id)
            .order_by(ServiceTextChange.created_at.desc(), ServiceTextChange.id.desc())
            .limit(LOG_LIMIT)
        ).all()
    return [
        {
            "id": str(row.id),
            "at": row.created_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB"),
            "field": FIELD_LABELS.get(row.field, row.field),
            "old": _preview(row.old_value),
            "new": _preview(row.new_value),
            "reason": row.reason,
            "by": name or "-",
        }
        for row, name in rows
    ]


def edited_fields(s: Session) -> dict[int, set[str]]:
    """service id -> loader fields an administrator has changed (see sync_catalog)."""
    out: dict[int, set[str]] = {}
    for service_id, field in s.exec(
        select(ServiceTextChange.service_id, ServiceTextChange.field).distinct()
    ).all():
        if field in LOADER_FIELDS:
            out.setdefault(service_id, set()).add(field)
    return out
