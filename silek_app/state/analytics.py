"""/analitik: the leaders' dashboard (pimpinan, kepala dinas, admin), kept live.

Every handler goes through services.analytics / analytics_export with the session
token, which loads the user and role from the database. The state holds only the
filter values, headline cards and Plotly figures (never rows). A background
watcher started on_load (cancelled by Reflex on navigation) polls the analytics
data stamp off the event loop and recomputes only when it changes.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict

import plotly.graph_objects as go
import reflex as rx

from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.domain.indonesian_format import decimal_comma as _num
from silek_app.domain.indonesian_format import thousands, wib_stamp
from silek_app.services import analytics, analytics_export
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError
from silek_app.state import analytics_figures as charts
from silek_app.state.session import SessionState
from silek_app.state.stamp_watcher import watch_stamp

WATCH_SECONDS = 3.0
LEADERS_ONLY = "Halaman ini khusus pimpinan."
NO_DATA = "Tidak ada berkas yang cocok dengan filter ini. Ubah periode atau filter lainnya."
ALL = "SEMUA"
FILTER_KEYS = ("dari", "sampai", "kategori", "layanan", "kecamatan", "kelurahan", "freq")
_TEXT_MAX = 40
_DASH = "–"


def _cards(fig: dict) -> list[dict[str, str]]:
    wait, back, rework = fig["waktu_tunggu"], fig["antrean"], fig["perbaikan"]
    ikm, period = fig["ikm"]["keseluruhan"], fig["ikm"]["periode"]
    ikm_text = f"{_num(ikm['ikm'])} ({ikm['mutu']})" if ikm else _DASH
    ikm_note = (
        f"{thousands(ikm['responden'])} responden, {period['dari']} s.d. {period['sampai']}"
        if ikm
        else "belum ada survei"
    )  # fmt: skip
    return [
        {"id": "kartu-permohonan", "label": "Permohonan masuk",
         "value": thousands(sum(r["jumlah"] for r in fig["volume"]["per_service"])), "note": ""},
        {"id": "kartu-terbit", "label": "Izin terbit", "value": thousands(wait["terbit"]),
         "note": f"median {_num(wait['median_hari'])}, p90 {_num(wait['p90_hari'])} hari kerja"},
        {"id": "kartu-tepat", "label": "Terbit dalam SLA",
         "value": _num(wait["persen_tepat_waktu"], "%"), "note": ""},
        {"id": "kartu-antrean", "label": "Berkas terbuka", "value": thousands(back["terbuka"]),
         "note": f"{thousands(back['lewat_sla'])} lewat SLA"},
        {"id": "kartu-perbaikan", "label": "Dikembalikan untuk perbaikan",
         "value": _num(rework["persen_dikembalikan"], "%"),
         "note": f"{thousands(rework['dikembalikan'])} dari {thousands(rework['berkas'])} berkas"},
        {"id": "kartu-ikm", "label": "IKM", "value": ikm_text, "note": ikm_note},
    ]  # fmt: skip


def _empty_figures() -> dict[str, go.Figure]:
    return {name: charts.empty() for name in FIGURE_TITLES}


FIGURE_TITLES = charts.TITLES


# (result version, officer names) -> the Plotly figures built from it. Every leader's tab
# on one filter gets the same cached result; building its 15 figures takes ~0.2 s, so one
# tab builds them and the others reuse them (figures are never changed once built).
_BUILT_KEPT = 32
_built: OrderedDict[tuple, dict[str, go.Figure]] = OrderedDict()
_built_lock = threading.Lock()


def _shared_figures(fig: dict) -> dict[str, go.Figure]:
    names = tuple((r["petugas_id"], r.get("nama", "")) for r in fig["petugas"])
    key = (fig["versi"], names)
    with _built_lock:
        if key in _built:
            _built.move_to_end(key)
            return _built[key]
    figures = _figures(fig)
    with _built_lock:
        _built[key] = figures
        while len(_built) > _BUILT_KEPT:
            _built.popitem(last=False)
    return figures


def _figures(fig: dict) -> dict[str, go.Figure]:
    step_labels = {r["status"]: r["label"] for r in fig["tahapan"]}
    names = {code: meta["nama"] for code, meta in fig["layanan"].items()}
    return {
        "fig_volume": charts.volume_over_time(fig["volume"], names),
        "fig_category": charts.volume_per_category(fig["volume"], CATEGORY_LABELS),
        "fig_wait_hist": charts.wait_histogram(fig["waktu_tunggu"]),
        "fig_wait_service": charts.wait_per_service(fig["waktu_tunggu"]),
        "fig_sla_service": charts.sla_per_service(fig["waktu_tunggu"]),
        "fig_sla_step": charts.sla_per_step(fig["tahapan"]),
        "fig_steps": charts.time_per_step(fig["tahapan"]),
        "fig_backlog_age": charts.backlog_age(fig["antrean"]),
        "fig_backlog_state": charts.backlog_state(fig["antrean"], step_labels),
        "fig_rework": charts.rework_rounds(fig["perbaikan"]),
        "fig_workload": charts.workload(fig["petugas"]),
        "fig_ikm_unsur": charts.ikm_per_unsur(fig["ikm"]),
        "fig_ikm_service": charts.ikm_per_service(fig["ikm"]),
        "fig_kecamatan": charts.per_kecamatan(fig["wilayah"]),
        "fig_kelurahan": charts.per_kelurahan(fig["wilayah"]),
    }


class AnalyticsState(SessionState):
    dari: str = ""
    sampai: str = ""
    kategori: str = ALL
    layanan: str = ALL
    kecamatan: str = ALL
    kelurahan: str = ALL
    freq: str = "M"
    options: dict[str, list[dict[str, str]]] = {}
    cards: list[dict[str, str]] = []
    computed_at: str = ""
    error: str = ""
    notice: str = ""
    denied: str = ""
    loaded: bool = False
    computing: bool = False
    _asked: int = 0  # bumped by every change of filters (backend only)
    fig_volume: go.Figure = charts.blank()
    fig_category: go.Figure = charts.blank()
    fig_wait_hist: go.Figure = charts.blank()
    fig_wait_service: go.Figure = charts.blank()
    fig_sla_service: go.Figure = charts.blank()
    fig_sla_step: go.Figure = charts.blank()
    fig_steps: go.Figure = charts.blank()
    fig_backlog_age: go.Figure = charts.blank()
    fig_backlog_state: go.Figure = charts.blank()
    fig_rework: go.Figure = charts.blank()
    fig_workload: go.Figure = charts.blank()
    fig_ikm_unsur: go.Figure = charts.blank()
    fig_ikm_service: go.Figure = charts.blank()
    fig_kecamatan: go.Figure = charts.blank()
    fig_kelurahan: go.Figure = charts.blank()

    @rx.var
    def kelurahan_options(self) -> list[dict[str, str]]:
        """The kelurahan of the chosen kecamatan (all when none is chosen)."""
        every = self.options.get("kelurahan", [])
        if self.kecamatan == ALL:
            return every
        return [k for k in every if k["kecamatan"] == self.kecamatan]

    def _filters(self) -> dict[str, str]:
        values = {key: getattr(self, key) for key in FILTER_KEYS}
        return {k: "" if v == ALL else v for k, v in values.items()}

    def _show(self, figures: dict[str, go.Figure], cards: list[dict[str, str]]) -> None:
        for name, figure in figures.items():
            setattr(self, name, figure)
        self.cards = cards

    def _clear(self) -> None:
        self._show({name: charts.blank() for name in FIGURE_TITLES}, [])
        self.options, self.computed_at, self.notice = {}, "", ""

    async def _reload(self, *, wait: bool = False):
        """Show the figures of the current filters; on refusal show nothing of them.

        Without ``wait`` only figures already computed are shown (a new filter at
        province scale takes seconds): the page stays usable and refresh_figures
        brings the current ones. Returns a redirect when the session has ended.
        """
        try:
            fig = await asyncio.to_thread(
                analytics.dashboard, self.auth_token, self._filters(), wait=wait
            )
        except AuthRequired:
            self._clear()
            self._show_user(None)
            self.loaded = True
            return self._login_redirect("/analitik")
        except PermissionDenied:
            self._clear()
            self.denied, self.loaded = LEADERS_ONLY, True
            return None
        except ServiceError as exc:
            # Bad input: its message and empty charts, never stale numbers.
            self._show(_empty_figures(), [])
            self.error, self.notice, self.computing, self.loaded = exc.message, "", False, True
            return None
        if not self.options:
            self.options = await asyncio.to_thread(_options)
        self.denied, self.error = "", ""
        if fig is None:
            self._show({name: charts.blank() for name in FIGURE_TITLES}, [])
            self.notice, self.computing, self.loaded = "", True, True
            return None
        await self._apply_figures(fig)
        return None

    async def _apply_figures(self, fig: dict) -> None:
        empty = not fig["volume"]["per_service"] and not fig["ikm"]["per_layanan"]
        self.notice = NO_DATA if empty else ""
        self._show(await asyncio.to_thread(_shared_figures, fig), _cards(fig))
        self.computed_at = wib_stamp(fig["dihitung_pada"])
        self.loaded = True

    async def _refresh(self) -> bool:
        """Compute the current figures outside the state lock, then show them.

        The state is locked only to read the filters and to write the result, so
        the page answers clicks while a large database is being counted. Figures
        of filters changed meanwhile are dropped. False: stop live updates.
        """
        async with self:
            token, filters, asked = self.auth_token, self._filters(), self._asked
            if self.error or self.denied:
                return not self.denied  # a bad filter stays on its message until changed
        try:
            fig = await asyncio.to_thread(analytics.dashboard, token, filters)
            problem = None
        except ServiceError as exc:  # includes a session that ended or lost its role
            fig, problem = None, exc
        async with self:
            if self._asked != asked:
                return True
            if problem is not None:
                await self._reload()  # shows the refusal (or the login redirect's state)
                return False
            await self._apply_figures(fig)
            self.computing = False
            return True

    @rx.event(background=True)
    async def refresh_figures(self):
        """Bring the figures of the current filters (chained after load and Terapkan)."""
        await self._refresh()

    def _take(self, form: dict) -> None:
        for key in FILTER_KEYS:
            value = " ".join(str(form.get(key, "") or "").split())[:_TEXT_MAX]
            setattr(self, key, value or (ALL if key not in ("dari", "sampai", "freq") else ""))
        self.freq = self.freq or "M"

    def _ask(self) -> None:
        """New filters: results computed for the old ones must not be shown."""
        self._asked += 1

    @rx.event
    async def load(self):
        """on_load: the figures of every file, per month."""
        self._take(dict(self.router.url.query_parameters))
        self._ask()
        self.error, self.loaded = "", False
        redirect = await self._reload()
        await self._refresh_session()
        return redirect or AnalyticsState.refresh_figures

    @rx.event
    async def apply(self, form: dict):
        form = form if isinstance(form, dict) else {}
        # The selects are controlled: a choice reaches the state through set_filter, which
        # runs before this event, while the form's hidden copy may still hold the old value
        # when Terapkan is pressed quickly. So only the date fields come from the form.
        chosen = {key: getattr(self, key) for key in FILTER_KEYS if key not in ("dari", "sampai")}
        self._take({**chosen, "dari": form.get("dari"), "sampai": form.get("sampai")})
        self._ask()
        return await self._reload() or AnalyticsState.refresh_figures

    @rx.event
    def set_filter(self, key: str, value: str):
        """A select's choice; only stored (the figures change on Terapkan)."""
        key = str(key)
        if key in FILTER_KEYS and key not in ("dari", "sampai"):
            text = " ".join(str(value or "").split())[:_TEXT_MAX]
            setattr(self, key, text or ("M" if key == "freq" else ALL))
            if key == "kecamatan":
                self.kelurahan = ALL  # its list changes with the kecamatan

    @rx.event
    async def reset_filters(self):
        self._take({})
        self._ask()
        redirect = await self._reload()
        fields = ("analitik-dari", "analitik-sampai")
        return [*(rx.set_value(f, "") for f in fields), redirect or AnalyticsState.refresh_figures]

    async def _export(self, fmt: str):
        try:
            name, data, mime = await asyncio.to_thread(
                analytics_export.export, self.auth_token, self._filters(), fmt
            )
        except AuthRequired:
            self._clear()
            self._show_user(None)
            return self._login_redirect("/analitik")
        except PermissionDenied:
            self._clear()
            self.denied = LEADERS_ONLY
            return None
        except ServiceError as exc:
            self.error = exc.message
            return rx.toast.error(exc.message)
        return rx.download(data=data, filename=name, mime_type=mime)

    @rx.event
    async def export_csv(self):
        return await self._export("csv")

    @rx.event
    async def export_xlsx(self):
        return await self._export("xlsx")

    @rx.event(background=True)
    async def watch(self):
        """on_load: recompute whenever the analytics data stamp changes."""
        await watch_stamp(
            self, "analitik", authorize=analytics.require_leader, stamp=analytics.data_stamp,
            reload=self._refresh, seconds=WATCH_SECONDS,
        )  # fmt: skip


def _options() -> dict[str, list[dict[str, str]]]:
    raw = analytics.filter_options()
    kec = {k["kode"]: k["nama"] for k in raw["kecamatan"]}
    return {
        "kategori": [{"value": k["kode"], "label": k["label"]} for k in raw["kategori"]],
        "layanan": [
            {"value": s["kode"], "label": f"{s['kode']} — {s['nama']}"} for s in raw["layanan"]
        ],
        "kecamatan": [{"value": k["kode"], "label": k["nama"]} for k in raw["kecamatan"]],
        "kelurahan": [
            {
                "value": k["kode"],
                "label": f"{k['nama']} ({kec.get(k['kecamatan'], '')})",
                "kecamatan": k["kecamatan"],
            }
            for k in raw["kelurahan"]
        ],
    }
