"""Validation of a built catalogue: every problem is listed at once, in Indonesian.

Listing all problems (instead of stopping at the first) lets an admin fix the data file in
one pass. These checks work on the dataclasses alone, so they also validate catalogues
assembled in code (see validate_catalog in catalog.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from silek_app.domain.catalog_types import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    EXPECTED_HEALTH_COUNT,
    EXPECTED_SERVICE_COUNT,
    FILE_TYPES,
    REQUIREMENT_CONDITIONS,
    STANDARD_COMPONENTS,
    Catalog,
    Service,
)
from silek_app.domain.jenis import JENIS_ORDER
from silek_app.domain.workflow import (
    WorkflowDefinition,
    WorkflowError,
    check_sla_fits,
    visit_is_mandatory,
)

_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,15}$")
_REQ_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
# Column widths of the database copy; longer text would fail only at seeding time.
_MAX_LEN = {"name": 200, "product": 300, "fee_note": 500, "sk_number": 200, "profession": 40}


def catalog_problems(catalog: Catalog) -> list[str]:
    """Every problem of a built catalogue, each prefixed with the service it concerns."""
    problems: list[str] = []
    total = len(catalog.services)
    health = sum(1 for s in catalog.services if s.is_health)
    if total != EXPECTED_SERVICE_COUNT:
        problems.append(f"Jumlah layanan {total}, seharusnya {EXPECTED_SERVICE_COUNT}.")
    if health != EXPECTED_HEALTH_COUNT:
        problems.append(f"Jumlah layanan kesehatan {health}, seharusnya {EXPECTED_HEALTH_COUNT}.")
    seen: set[str] = set()
    for svc in catalog.services:
        if svc.code.upper() in seen:
            problems.append(f"Kode layanan '{svc.code}' dipakai lebih dari satu kali.")
        seen.add(svc.code.upper())
        w = f"Layanan '{svc.code}'"
        problems += [f"{w}: {msg}" for msg in _service_problems(svc, catalog.workflows)]
    return problems


def _blank(values: Iterable[str]) -> bool:
    values = tuple(values)
    return not values or not all(v.strip() for v in values)


def _service_problems(svc: Service, workflows: dict[str, WorkflowDefinition]) -> list[str]:
    months, places = svc.validity_months, svc.max_practice_places
    checks = [
        (not _CODE_RE.match(svc.code), "kode harus diawali huruf, 2-16 huruf, angka, atau '-'."),
        (svc.category not in CATEGORY_LABELS, f"kategori '{svc.category}' tidak dikenal."),
        (
            svc.category in CATEGORY_LABELS and svc.is_health != (svc.category != "NON"),
            f"is_health tidak sesuai dengan kategori '{svc.category}'.",
        ),
        (svc.channel not in CHANNEL_LABELS, f"kanal '{svc.channel}' tidak dikenal."),
        (svc.sla_days < 1, "jangka waktu (sla_days) paling sedikit 1 hari kerja."),
        (svc.fee < 0, "biaya (fee) tidak boleh negatif."),
        (months is None or months < 1, "masa berlaku (validity_months) wajib, minimal 1 bulan."),
        (_blank(svc.legal_basis), "dasar hukum (legal_basis) kosong atau berisi butir kosong."),
        (_blank(svc.complaint_channels), "saluran pengaduan (complaint_channels) kosong."),
        (
            places is not None and (places < 1 or not svc.profession),
            "batas tempat praktik (max_practice_places) minimal 1 dan wajib disertai profesi.",
        ),
        (len(svc.profession or "") > _MAX_LEN["profession"], "isian 'profession' terlalu panjang."),
        (
            not svc.jenis_allowed
            or len(set(svc.jenis_allowed)) != len(svc.jenis_allowed)
            or not set(svc.jenis_allowed) <= set(JENIS_ORDER),
            f"jenis_allowed harus berisi kode unik dari {', '.join(JENIS_ORDER)}.",
        ),
        (
            list(svc.standard) != [k for k, _ in STANDARD_COMPONENTS],
            "komponen standar pelayanan harus tepat 14 dengan urutan baku.",
        ),
    ]
    p = [msg for bad, msg in checks if bad]
    for attr in ("name", "product", "fee_note", "sk_number", "maklumat"):
        value = getattr(svc, attr)
        if not value.strip():
            p.append(f"isian '{attr}' kosong.")
        elif len(value) > _MAX_LEN.get(attr, 10_000):
            p.append(f"isian '{attr}' melebihi {_MAX_LEN[attr]} karakter.")
    for key, label in STANDARD_COMPONENTS:
        if _blank([svc.standard.get(key) or ""]):
            p.append(f"komponen standar pelayanan '{label}' ({key}) kosong.")
    return p + _workflow_problems(svc, workflows) + _requirement_problems(svc)


def _workflow_problems(svc: Service, workflows: dict[str, WorkflowDefinition]) -> list[str]:
    defn = workflows.get(svc.workflow)
    if defn is None:
        return [f"alur kerja '{svc.workflow}' tidak ada."]
    p = []
    try:
        check_sla_fits(defn, svc.sla_days)
    except WorkflowError as exc:
        p.append(f"alur '{defn.code}': {'; '.join(exc.problems)}")
    if svc.needs_field_visit and not visit_is_mandatory(defn):
        p.append(
            f"layanan wajib peninjauan lapangan, tetapi alur '{defn.code}' "
            "memungkinkan izin terbit tanpa peninjauan lapangan."
        )
    return p


def _requirement_problems(svc: Service) -> list[str]:
    p: list[str] = []
    seen: set[str] = set()
    for r in svc.requirements:
        outside = [j for j in r.jenis if j not in svc.jenis_allowed]
        checks = [
            (not _REQ_CODE_RE.match(r.code), "kode harus huruf kapital, angka, atau '_'."),
            (r.code in seen, "kode persyaratan dipakai lebih dari satu kali."),
            (not r.name.strip() or len(r.name) > 300, "nama wajib diisi, maks. 300 karakter."),
            (not r.description.strip(), "keterangan (description) kosong."),
            (
                not r.jenis or bool(outside),
                "jenis permohonan tidak diizinkan untuk layanan ini "
                f"({', '.join(outside) or 'kosong'}).",
            ),
            (
                not r.file_types or not set(r.file_types) <= set(FILE_TYPES),
                f"jenis berkas harus dari {', '.join(FILE_TYPES)}.",
            ),
            (not 1 <= r.max_size_mb <= 10, "ukuran maksimum berkas harus 1-10 MB."),
            (
                r.condition is not None and r.condition not in REQUIREMENT_CONDITIONS,
                f"kondisi '{r.condition}' tidak dikenal.",
            ),
            (
                r.template is not None and not 0 < len(r.template.strip()) <= 120,
                "nama berkas templat kosong atau melebihi 120 karakter.",
            ),
        ]
        seen.add(r.code)
        p += [f"persyaratan '{r.code}': {msg}" for bad, msg in checks if bad]
    for jenis in svc.jenis_allowed:
        # A conditional requirement may not apply, so it cannot be the only mandatory one.
        if not any(
            r.mandatory and r.condition is None and r.applies_to(jenis) for r in svc.requirements
        ):
            p.append(f"jenis permohonan '{jenis}' belum memiliki persyaratan wajib.")
    return p
