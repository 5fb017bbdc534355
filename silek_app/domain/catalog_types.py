"""The catalogue's data model: its fixed vocabularies, its error and its frozen dataclasses.

Kept apart from the loader (catalog.py) so that the text derivation (catalog_text.py) and
the validation (catalog_checks.py) can share these names without importing the loader,
which imports them. Import the public names from silek_app.domain.catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from silek_app.domain.workflow import WorkflowDefinition

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


def requirement_conditions(
    practice_kind: str | None, practice_place_no: int | None, is_asn: bool
) -> set[str]:
    """Which conditional requirements apply, from the pre-check answers."""
    found = set()
    if practice_kind:
        found.add(practice_kind)
    if practice_place_no in (2, 3):
        found.add(f"TEMPAT_KE_{practice_place_no}")
    if is_asn:
        found.add("ASN")
    return found


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
