"""The catalogue of SILEK's 37 services and their Standar Pelayanan (data/catalog.json).

Public Standar Pelayanan texts are derived from the structured fields unless the data
overrides them, so the published text cannot drift from what the app enforces.
Validation lists every problem at once, so an admin fixes the file in one pass.

This module reads the layered JSON (defaults, categories, services) into the dataclasses
and is the public entry point: the vocabularies and dataclasses live in catalog_types,
the derived texts in catalog_text and the checks in catalog_checks, and all public names
are re-exported here.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from silek_app.domain.catalog_checks import catalog_problems
from silek_app.domain.catalog_text import build_standard, terbilang
from silek_app.domain.catalog_types import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CONDITION_LABELS,
    EXPECTED_HEALTH_COUNT,
    EXPECTED_SERVICE_COUNT,
    FILE_TYPES,
    PUBLIC_COMPONENT_KEYS,
    REQUIREMENT_CONDITIONS,
    STANDARD_COMPONENTS,
    Catalog,
    CatalogError,
    Requirement,
    Service,
)
from silek_app.domain.workflow import load_workflows

# Callers keep importing from here, so the split into helper modules stays internal.
__all__ = [
    "CATALOG_PATH",
    "CATEGORY_LABELS",
    "CHANNEL_LABELS",
    "CONDITION_LABELS",
    "EXPECTED_HEALTH_COUNT",
    "EXPECTED_SERVICE_COUNT",
    "FILE_TYPES",
    "PUBLIC_COMPONENT_KEYS",
    "REQUIREMENT_CONDITIONS",
    "STANDARD_COMPONENTS",
    "Catalog",
    "CatalogError",
    "Requirement",
    "Service",
    "default_catalog",
    "load_catalog",
    "terbilang",
    "validate_catalog",
]

CATALOG_PATH = Path(__file__).resolve().parent / "data" / "catalog.json"

# key -> kind understood by _take(); "?" allows an explicit null.
_SERVICE_FIELDS = {
    "code": "str",
    "name": "str",
    "category": "str",
    "is_health": "bool",
    "channel": "str",
    "sla_days": "int",
    "fee": "int",
    "fee_note": "str",
    "validity_months": "?int",
    "product": "str",
    "jenis_allowed": "strs",
    "workflow": "str",
    "needs_field_visit": "bool",
    "needs_dinkes_recommendation": "bool",
    "profession": "?str",
    "max_practice_places": "?int",
    "sk_number": "str",
    "complaint_channels": "strs",
    "maklumat": "str",
}
_SERVICE_KEYS = frozenset(_SERVICE_FIELDS) | {
    "legal_basis",
    "legal_basis_extra",
    "standard",
    "requirement_sets",
    "requirements",
    "requirement_overrides",
}
_REQUIREMENT_FIELDS = {
    "code": "str",
    "name": "str",
    "description": "str",
    "mandatory": "bool",
    "jenis": "strs",
    "file_types": "strs",
    "max_size_mb": "int",
    "template": "?str",
    "condition": "?str",
}
_KIND_CHECKS = {
    "str": (lambda v: isinstance(v, str), "teks", ""),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "bilangan bulat", 0),
    "bool": (lambda v: isinstance(v, bool), "true/false", False),
    "strs": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "daftar teks",
        (),
    ),
}


# ---------------------------------------------------------------- loading


def load_catalog(path: Path | None = None, workflows_dir: Path | None = None) -> Catalog:
    """Read the data file and the workflows, derive the standard texts, validate, return."""
    path = Path(path) if path is not None else CATALOG_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"Berkas katalog {path.name} tidak dapat dibaca ({exc}).") from exc
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"Berkas katalog {path.name} bukan JSON yang sah (baris {exc.lineno}, "
            f"kolom {exc.colno})."
        ) from exc
    workflows = load_workflows(workflows_dir)
    problems: list[str] = []
    services = _build_services(raw, problems)
    catalog = Catalog(services=tuple(services), workflows=workflows)
    problems.extend(catalog_problems(catalog))
    if problems:
        raise CatalogError(problems)
    return catalog


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalogue, parsed and validated once per process."""
    return load_catalog()


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _plain(layer: Any) -> dict:
    """A data layer without maintainer notes ('_' keys) and without the standard overrides."""
    return {k: v for k, v in _dict(layer).items() if not k.startswith("_") and k != "standard"}


def _take(data: dict, key: str, kind: str, where: str, problems: list[str]) -> Any:
    value = data.get(key)
    if kind.startswith("?") and value is None and key in data:
        return None
    check, wanted, fallback = _KIND_CHECKS[kind.lstrip("?")]
    if check(value):
        return tuple(value) if isinstance(value, list) else value
    shown = "tidak diisi" if key not in data else repr(value)[:60]
    problems.append(f"{where}: isian '{key}' harus berupa {wanted} (saat ini: {shown}).")
    return fallback


def _build_services(raw: Any, problems: list[str]) -> list[Service]:
    raw = _dict(raw)
    defaults = _dict(raw.get("defaults"))
    categories = _dict(raw.get("categories"))
    entries = raw.get("services")
    if not isinstance(entries, list):
        problems.append("Isian 'services' harus berupa daftar layanan.")
        return []
    layers = [("defaults.service", defaults.get("service"))]
    layers += [(f"categories.{k}", v) for k, v in categories.items() if not k.startswith("_")]
    for name, layer in layers:
        for key in sorted(set(_plain(layer)) - _SERVICE_KEYS):
            problems.append(f"{name}: isian '{key}' tidak dikenal.")
    services = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            problems.append(f"Layanan ke-{i} harus berupa objek JSON.")
            continue
        services.append(_build_service(raw, entry, i, problems))
    return services


def _build_service(raw: dict, entry: dict, index: int, problems: list[str]) -> Service:
    defaults = _dict(raw.get("defaults"))
    category = _dict(_dict(raw.get("categories")).get(entry.get("category")))
    where = f"Layanan '{entry.get('code', f'ke-{index}')}'"
    for key in sorted(set(_plain(entry)) - _SERVICE_KEYS):
        problems.append(f"{where}: isian '{key}' tidak dikenal.")
    data = {**_plain(defaults.get("service")), **_plain(category), **_plain(entry)}
    f = {k: _take(data, k, kind, where, problems) for k, kind in _SERVICE_FIELDS.items()}
    legal = _take(data, "legal_basis", "strs", where, problems)
    if "legal_basis_extra" in data:
        legal += _take(data, "legal_basis_extra", "strs", where, problems)
    f["legal_basis"] = legal
    f["requirements"] = tuple(_build_requirements(raw, data, f["jenis_allowed"], where, problems))
    overrides = [defaults.get("standard"), category.get("standard"), entry.get("standard")]
    f["standard"] = build_standard(raw, f, overrides, where, problems)
    return Service(**f)


def _build_requirements(
    raw: dict, data: dict, jenis_allowed: tuple[str, ...], where: str, problems: list[str]
) -> list[Requirement]:
    sets = _dict(raw.get("requirement_sets"))
    items: list[Any] = []
    for name in _take(data, "requirement_sets", "strs", where, problems):
        if not isinstance(sets.get(name), list):
            problems.append(f"{where}: templat persyaratan '{name}' tidak ada.")
            continue
        items.extend(sets[name])
    extra = data.get("requirements", [])
    items.extend(extra if isinstance(extra, list) else [])
    if not isinstance(extra, list):
        problems.append(f"{where}: isian 'requirements' harus berupa daftar.")
    items = [dict(it) if isinstance(it, dict) else {"code": repr(it)} for it in items]
    overrides = _dict(data.get("requirement_overrides"))
    for code in sorted(set(overrides) - {it.get("code") for it in items}):
        problems.append(f"{where}: persyaratan '{code}' yang hendak diubah tidak ada.")
    base = {
        k: v
        for k, v in _dict(_dict(raw.get("defaults")).get("requirement")).items()
        if not k.startswith("_")
    }
    result = []
    for item in items:
        item = {
            **base,
            "jenis": list(jenis_allowed),
            **item,
            **_dict(overrides.get(item.get("code"))),
        }
        item = {k: v for k, v in item.items() if not k.startswith("_")}
        rwhere = f"{where}, persyaratan '{item.get('code', '?')}'"
        for key in sorted(set(item) - set(_REQUIREMENT_FIELDS)):
            problems.append(f"{rwhere}: isian '{key}' tidak dikenal.")
        result.append(
            Requirement(
                **{
                    k: _take(item, k, kind, rwhere, problems)
                    for k, kind in _REQUIREMENT_FIELDS.items()
                }
            )
        )
    return result


# ---------------------------------------------------------------- validation


def validate_catalog(catalog: Catalog) -> None:
    """Raise CatalogError listing every problem of an already-built catalogue."""
    problems = catalog_problems(catalog)
    if problems:
        raise CatalogError(problems)
