"""/kinerja: the public performance figures per service (no login, aggregates only)."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.domain.indonesian_format import thousands
from silek_app.services import analytics
from silek_app.services.errors import ServiceError
from silek_app.state.session import SessionState

ALL_CATEGORIES = "SEMUA"
_DASH = "–"


def _decimal(value, places: int = 1) -> str:
    """Indonesian decimal comma: 94.44 -> "94,44"; nothing -> a dash."""
    if value is None:
        return _DASH
    return f"{float(value):.{places}f}".replace(".", ",")


def _row(r: dict) -> dict[str, str]:
    grade = r["mutu"] or ""
    return {
        "kode": r["kode"],
        "nama": r["nama"],
        "sla": f"{r['sla_hari_kerja']} hari kerja",
        "jumlah": thousands(r["jumlah_permohonan"]),
        "terbit": thousands(r["jumlah_terbit"]),
        "median": _decimal(r["median_hari_kerja"]),
        "tepat": _DASH
        if r["persen_tepat_waktu"] is None
        else _decimal(r["persen_tepat_waktu"]) + "%",
        "ikm": _decimal(r["ikm"], 2),
        "mutu": grade,
        "mutu_label": f"Mutu {grade} — {r['kinerja']}" if grade else "Belum ada survei",
        "responden": f"{thousands(r['responden'])} responden",
    }


class PerformanceState(SessionState):
    dari: str = ""
    sampai: str = ""
    kategori: str = ALL_CATEGORIES
    error: str = ""
    loaded: bool = False
    rows: list[dict[str, str]] = []
    summary: dict[str, str] = {}
    maklumat: list[str] = []
    channels: list[str] = []

    async def _reload(self) -> None:
        filters = {
            "dari": self.dari,
            "sampai": self.sampai,
            "kategori": "" if self.kategori == ALL_CATEGORIES else self.kategori,
        }
        try:
            data = await asyncio.to_thread(analytics.public_summary, filters)
        except ServiceError as exc:
            # A bad period shows its message and no figures, never stale numbers.
            self.error, self.rows, self.summary = exc.message, [], {}
            self.loaded = True
            return
        total = data["ringkasan"]
        self.error = ""
        self.rows = [_row(r) for r in data["layanan"]]
        self.summary = {
            "jumlah": thousands(total["jumlah_permohonan"]),
            "terbit": thousands(total["jumlah_terbit"]),
            "median": _decimal(total["median_hari_kerja"]),
            "tepat": _DASH if total["persen_tepat_waktu"] is None
            else _decimal(total["persen_tepat_waktu"]) + "%",
            "ikm": _decimal(total["ikm"], 2),
            "mutu": total["mutu"] or "",
            "responden": thousands(total["responden"]),
            "periode": self._period_label(),
        }  # fmt: skip
        self.maklumat, self.channels = data["maklumat"], data["saluran_pengaduan"]
        self.loaded = True

    def _period_label(self) -> str:
        if self.dari and self.sampai:
            return f"{self.dari} s.d. {self.sampai}"
        if self.dari:
            return f"sejak {self.dari}"
        if self.sampai:
            return f"sampai {self.sampai}"
        return "seluruh periode"

    @rx.event
    async def load(self):
        params = self.router.url.query_parameters
        self.dari = str(params.get("dari", ""))[:10]
        self.sampai = str(params.get("sampai", ""))[:10]
        wanted = str(params.get("kategori", "")).upper()[:8]
        self.kategori = wanted or ALL_CATEGORIES
        await self._refresh_session()
        await self._reload()

    @rx.event
    async def apply(self, form: dict):
        form = form if isinstance(form, dict) else {}
        self.dari = str(form.get("dari", "") or "")[:10]
        self.sampai = str(form.get("sampai", "") or "")[:10]
        self.kategori = str(form.get("kategori", "") or ALL_CATEGORIES)[:8].upper()
        await self._reload()

    @rx.event
    async def reset_filters(self):
        self.dari, self.sampai, self.kategori = "", "", ALL_CATEGORIES
        await self._reload()
