"""Public catalog pages: /layanan and /layanan/[kode]."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from silek_app.services import catalog
from silek_app.state.session import SessionState

ALL_CATEGORIES = "SEMUA"


@dataclasses.dataclass
class RequirementItem:
    code: str = ""
    name: str = ""
    description: str = ""
    mandatory_label: str = ""
    file_types_label: str = ""
    max_size_mb: int = 5
    template: str = ""
    condition_label: str = ""


@dataclasses.dataclass
class RequirementGroup:
    jenis: str = ""
    jenis_label: str = ""
    requirements: list[RequirementItem] = dataclasses.field(default_factory=list)


class CatalogState(SessionState):
    query: str = ""
    category: str = ALL_CATEGORIES
    rows: list[dict[str, str]] = []

    async def _reload(self) -> None:
        category = "" if self.category == ALL_CATEGORIES else self.category
        self.rows = await asyncio.to_thread(catalog.list_services, self.query, category)

    @rx.event
    async def load_catalog(self):
        params = self.router.url.query_parameters
        self.query = str(params.get("q", ""))[:100]
        wanted = str(params.get("kategori", "")).upper()
        valid = {o["value"] for o in catalog.category_options()}
        self.category = wanted if wanted in valid else ALL_CATEGORIES
        await self._refresh_session()
        await self._reload()

    @rx.event
    async def set_query(self, value: str):
        self.query = str(value)[:100]
        await self._reload()

    @rx.event
    async def set_category(self, value: str):
        valid = {o["value"] for o in catalog.category_options()}
        self.category = value if value in valid else ALL_CATEGORIES
        await self._reload()

    @rx.var
    def result_label(self) -> str:
        return f"{len(self.rows)} layanan ditemukan"


class ServiceDetailState(SessionState):
    found: bool = False
    loaded: bool = False
    service: dict[str, str] = {}
    legal_basis: list[str] = []
    complaint_channels: list[str] = []
    public_standard: list[dict[str, str]] = []
    requirement_groups: list[RequirementGroup] = []

    @rx.event
    async def load_service(self):
        code = str(self.router.page.params.get("kode", ""))[:16]
        await self._refresh_session()
        detail = await asyncio.to_thread(catalog.get_service_detail, code)
        self.loaded = True
        self.found = detail is not None
        if detail is None:
            self.service = {"code": code}
            self.legal_basis, self.complaint_channels = [], []
            self.public_standard, self.requirement_groups = [], []
            return
        self.service = {
            k: str(detail[k])
            for k in (
                "code",
                "name",
                "category_label",
                "channel_label",
                "sla_label",
                "fee_label",
                "fee_note",
                "product",
                "validity_label",
                "sk_number",
                "maklumat",
            )
        }
        self.legal_basis = detail["legal_basis"]
        self.complaint_channels = detail["complaint_channels"]
        self.public_standard = [
            {"label": c["label"], "text": c["text"]} for c in detail["public_standard"]
        ]
        self.requirement_groups = [
            RequirementGroup(
                jenis=g["jenis"],
                jenis_label=g["jenis_label"],
                requirements=[
                    RequirementItem(
                        **{f.name: item[f.name] for f in dataclasses.fields(RequirementItem)}
                    )
                    for item in g["items"]
                ],
            )
            for g in detail["requirements_by_jenis"]
        ]

    @rx.var
    def apply_href(self) -> str:
        # The application page itself sends a visitor without a session to /masuk
        # and back, so one link serves both.
        return f"/permohonan/baru/{self.service.get('code', '')}"
