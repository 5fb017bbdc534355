"""The catalogue of SILEK's 37 services and their Standar Pelayanan (data/catalog.json).

Public Standar Pelayanan texts are derived from the structured fields unless the data
overrides them, so the published text cannot drift from what the app enforces.
Validation lists every problem at once, so an admin fixes the file in one pass.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from silek_app.domain.jenis import JENIS_LABELS, JENIS_ORDER
from silek_app.domain.workflow import (
    WorkflowDefinition,
    WorkflowError,
    check_sla_fits,
    load_workflows,
    visit_is_mandatory,
)

CATALOG_PATH = Path(__file__).resolve().parent / "data" / "catalog.json"

STANDARD_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("persyaratan", "Persyaratan"),
    ("prosedur", "Sistem, Mekanisme, dan Prosedur"),
    ("jangka_waktu", "Jangka Waktu Pelayanan"),
    ("biaya", "Biaya/Tarif"),
    ("produk", "Produk Pelayanan"),
    ("pengaduan", "Penanganan Pengaduan, Saran, dan Masukan"),
    ("dasar_hukum", "Dasar Hukum"),
    ("sarana_prasarana", "Sarana, Prasarana, dan/atau Fasilitas"),
    ("kompetensi_pelaksana", "Kompetensi Pelaksana"),
    ("pengawasan_internal", "Pengawasan Internal"),
    ("jumlah_pelaksana", "Jumlah Pelaksana"),
    ("jaminan_pelayanan", "Jaminan Pelayanan"),
    ("jaminan_keamanan", "Jaminan Keamanan dan Keselamatan Pelayanan"),
    ("evaluasi_kinerja", "Evaluasi Kinerja Pelaksana"),
)
# PermenPANRB 15/2014: only the service-delivery group is published to the public.
PUBLIC_COMPONENT_KEYS: tuple[str, ...] = tuple(k for k, _ in STANDARD_COMPONENTS[:6])
_STANDARD_KEYS = frozenset(k for k, _ in STANDARD_COMPONENTS)

CATEGORY_LABELS = {
    "TK": "Tenaga Kesehatan",
    "FAS": "Fasilitas Kesehatan",
    "PS": "Pangan dan Sanitasi",
    "NON": "Non-Kesehatan",
}
CHANNEL_LABELS = {
    "SILEK_NATIVE": "Diproses penuh di SILEK",
    "OSS_RBA_ASSISTED": "Didampingi SILEK, terbit melalui OSS-RBA",
}
# Each condition maps to an attribute of an application (jenis_tempat, tempat_praktik_ke,
# ASN status), so the app can decide whether a conditional requirement applies.
CONDITION_LABELS = {
    "MANDIRI": "khusus praktik mandiri",
    "FASYANKES": "khusus praktik di fasilitas pelayanan kesehatan",
    "TEMPAT_KE_2": "khusus permohonan tempat praktik kedua",
    "TEMPAT_KE_3": "khusus permohonan tempat praktik ketiga",
    "ASN": "khusus ASN atau pegawai tetap fasilitas lain",
}
REQUIREMENT_CONDITIONS = frozenset(CONDITION_LABELS)
FILE_TYPES = ("pdf", "jpg", "png")
EXPECTED_SERVICE_COUNT = 37
EXPECTED_HEALTH_COUNT = 36

_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,15}$")
_REQ_CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
# Column widths of the database copy; longer text would fail only at seeding time.
_MAX_LEN = {"name": 200, "product": 300, "fee_note": 500, "sk_number": 200, "profession": 40}

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


class CatalogError(ValueError):
    """The catalogue data is broken. The Indonesian message lists every problem found."""

    def __init__(self, problems: list[str] | str):
        self.problems = tuple([problems] if isinstance(problems, str) else problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"Katalog layanan tidak valid ({len(self.problems)} masalah):\n{lines}")


@dataclass(frozen=True)
class Requirement:
    code: str
    name: str
    description: str
    mandatory: bool
    jenis: tuple[str, ...]
    file_types: tuple[str, ...]
    max_size_mb: int
    template: str | None
    condition: str | None

    def applies_to(self, jenis: str) -> bool:
        return jenis in self.jenis


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    category: str
    is_health: bool
    channel: str
    sla_days: int
    fee: int
    fee_note: str
    validity_months: int | None
    product: str
    legal_basis: tuple[str, ...]
    jenis_allowed: tuple[str, ...]
    workflow: str
    needs_field_visit: bool
    needs_dinkes_recommendation: bool
    profession: str | None
    max_practice_places: int | None
    sk_number: str
    complaint_channels: tuple[str, ...]
    standard: dict[str, str] = field(hash=False)
    maklumat: str = ""
    requirements: tuple[Requirement, ...] = ()

    def requirements_for(
        self, jenis: str, conditions: Iterable[str] | None = None
    ) -> tuple[Requirement, ...]:
        """Requirements for a jenis; with `conditions`, drop conditional ones that do not apply."""
        active = None if conditions is None else frozenset(conditions)
        return tuple(
            r
            for r in self.requirements
            if r.applies_to(jenis)
            and (active is None or r.condition is None or r.condition in active)
        )

    def public_standard(self) -> dict[str, str]:
        return {k: self.standard[k] for k in PUBLIC_COMPONENT_KEYS}


@dataclass(frozen=True)
class Catalog:
    services: tuple[Service, ...]
    workflows: dict[str, WorkflowDefinition] = field(hash=False)
    _index: dict[str, Service] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {s.code.upper(): s for s in self.services})

    def get(self, code: str) -> Service | None:
        return self._index.get(code.strip().upper()) if isinstance(code, str) else None

    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.services)

    def by_category(self, category: str) -> tuple[Service, ...]:
        return tuple(s for s in self.services if s.category == category)

    def workflow_for(self, service: Service) -> WorkflowDefinition:
        return self.workflows[service.workflow]


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
    problems.extend(_catalog_problems(catalog))
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
    f["standard"] = _build_standard(raw, f, overrides, where, problems)
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


# ---------------------------------------------------------------- derived texts


_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """Indonesian number words, as written in official texts: 14 -> 'empat belas'."""
    if n < 12:
        return _WORDS[n]
    if n < 20:
        return f"{_WORDS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_WORDS[tens]} puluh" + (f" {_WORDS[rest]}" if rest else "")
    return str(n)  # no SLA or validity in the catalogue comes near a hundred


def _validity_text(months: int | None) -> str:
    if not months:
        return "tidak dibatasi waktu"
    if months % 12 == 0:
        return f"{months // 12} ({terbilang(months // 12)}) tahun"
    return f"{months} ({terbilang(months)}) bulan"


def _numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _requirements_text(reqs: Iterable[Requirement], jenis_allowed: Iterable[str]) -> str:
    def line(r: Requirement) -> str:
        notes = [CONDITION_LABELS.get(r.condition, r.condition)] if r.condition else []
        notes += [] if r.mandatory else ["jika ada atau diperlukan"]
        return r.name + (f" ({'; '.join(notes)})" if notes else "")

    reqs = tuple(reqs)
    return "\n\n".join(
        f"{JENIS_LABELS.get(j, j)}:\n{_numbered(line(r) for r in reqs if r.applies_to(j))}"
        for j in jenis_allowed
    )


def _build_standard(
    raw: dict, f: dict, overrides: list[Any], where: str, problems: list[str]
) -> dict[str, str]:
    texts = _dict(_dict(raw.get("defaults")).get("texts"))
    fee = f["fee"]
    values = {
        "sla_days": f["sla_days"],
        "sla_words": terbilang(max(f["sla_days"], 0)),
        "fee_rupiah": f"Rp{fee:,}".replace(",", "."),
        "fee_note": f["fee_note"],
        "product": f["product"],
        "validity": _validity_text(f["validity_months"]),
        "channels": _numbered(f["complaint_channels"]),
    }

    def fill(key: str) -> str:
        template = texts.get(key)
        try:
            return template.format(**values).strip()
        except (AttributeError, KeyError, IndexError, ValueError):
            problems.append(f"{where}: templat teks defaults.texts.{key} tidak ada atau rusak.")
            return ""

    values["fee_text"] = fill("biaya_gratis" if fee == 0 else "biaya_berbayar")
    standard = {
        "persyaratan": _requirements_text(f["requirements"], f["jenis_allowed"]),
        "prosedur": _dict(raw.get("procedures")).get(f["workflow"], ""),
        "jangka_waktu": fill("jangka_waktu"),
        "biaya": fill("biaya"),
        "produk": fill("produk"),
        "pengaduan": fill("pengaduan"),
        "dasar_hukum": _numbered(f["legal_basis"]),
    }
    for layer in (_dict(x) for x in overrides):
        layer = {k: v for k, v in layer.items() if not k.startswith("_")}
        for key in sorted(set(layer) - _STANDARD_KEYS):
            problems.append(f"{where}: komponen standar pelayanan '{key}' tidak dikenal.")
        standard.update((k, v) for k, v in layer.items() if k in _STANDARD_KEYS)
    return {k: standard.get(k, "") for k, _ in STANDARD_COMPONENTS}


# ---------------------------------------------------------------- validation


def validate_catalog(catalog: Catalog) -> None:
    """Raise CatalogError listing every problem of an already-built catalogue."""
    problems = _catalog_problems(catalog)
    if problems:
        raise CatalogError(problems)


def _catalog_problems(catalog: Catalog) -> list[str]:
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
