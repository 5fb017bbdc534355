"""/analitik — the leaders' dashboard: filters, headline cards, charts, export.

Mobile-first: one column of full-width charts on a 360 px phone, two on wide screens.
"""

from __future__ import annotations

import reflex as rx

from silek_app.components.filter_fields import date_field, labelled
from silek_app.components.layout import page_frame
from silek_app.state.analytics import ALL, FIGURE_TITLES
from silek_app.state.analytics import AnalyticsState as S
from silek_app.state.analytics_figures import CONFIG

_SECTIONS = [
    ("Volume permohonan", ["fig_volume", "fig_category"]),
    ("Waktu tunggu dan SLA", ["fig_wait_hist", "fig_wait_service", "fig_sla_service",
                              "fig_sla_step"]),
    ("Antrean dan hambatan", ["fig_backlog_age", "fig_backlog_state", "fig_steps", "fig_rework"]),
    ("Petugas", ["fig_workload"]),
    ("Indeks Kepuasan Masyarakat", ["fig_ikm_unsur", "fig_ikm_service"]),
    ("Wilayah", ["fig_kecamatan", "fig_kelurahan"]),
]  # fmt: skip


def _select(name: str, label: str, all_label: str, value, options) -> rx.Component:
    ident = f"analitik-{name}"
    return labelled(
        label,
        rx.select.root(
            rx.select.trigger(id=ident, aria_label=label, width="100%"),
            rx.select.content(
                rx.select.item(all_label, value=ALL),
                rx.foreach(options, lambda o: rx.select.item(o["label"], value=o["value"])),
            ),
            name=name,
            value=value,
            on_change=lambda v: S.set_filter(name, v),
            size="3",
        ),
        ident,
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.grid(
            date_field("analitik-dari", "dari", "Dari tanggal", S.dari),
            date_field("analitik-sampai", "sampai", "Sampai tanggal", S.sampai),
            _select("kategori", "Kategori", "Semua kategori", S.kategori, S.options["kategori"]),
            _select("layanan", "Layanan", "Semua layanan", S.layanan, S.options["layanan"]),
            _select("kecamatan", "Kecamatan", "Semua kecamatan", S.kecamatan,
                    S.options["kecamatan"]),
            _select("kelurahan", "Kelurahan", "Semua kelurahan", S.kelurahan,
                    S.kelurahan_options),
            labelled(
                "Satuan waktu",
                rx.select.root(
                    rx.select.trigger(id="analitik-freq", aria_label="Satuan waktu", width="100%"),
                    rx.select.content(
                        rx.select.item("Per bulan", value="M"),
                        rx.select.item("Per minggu", value="W"),
                    ),
                    name="freq", value=S.freq, on_change=lambda v: S.set_filter("freq", v),
                    size="3",
                ),
                "analitik-freq",
            ),
            rx.hstack(
                rx.button("Terapkan", type="submit", size="3", id="analitik-terapkan"),
                rx.button("Atur ulang", type="button", size="3", variant="soft",
                          color_scheme="gray", on_click=S.reset_filters, id="analitik-reset"),
                align_self="end", spacing="2",
            ),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.apply,
        width="100%",
    )  # fmt: skip


def _card(card) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(card["label"], size="1", color_scheme="gray"),
            rx.text(card["value"], size="6", weight="bold", class_name="analitik-angka"),
            rx.text(card["note"], size="1", color_scheme="gray"),
            spacing="1",
            align="start",
        ),
        id=card["id"],
        width="100%",
    )


def _chart(name: str) -> rx.Component:
    # The title is HTML, not Plotly's: it wraps on a phone instead of being cut.
    return rx.card(
        rx.heading(FIGURE_TITLES[name], size="2", as_="h3", padding="0.25rem 0.5rem 0"),
        rx.plotly(data=getattr(S, name), use_resize_handler=True, config=CONFIG, width="100%"),
        id=f"grafik-{name[4:].replace('_', '-')}",
        width="100%",
        min_width="0",
        padding="0.25rem",
    )


def _charts() -> rx.Component:
    parts = []
    for title, names in _SECTIONS:
        parts.append(rx.heading(title, size="4", as_="h2", margin_top="0.75rem"))
        parts.append(
            rx.grid(
                *[_chart(n) for n in names],
                columns=rx.breakpoints(initial="1", lg="2"),
                spacing="3",
                width="100%",
            )
        )
    return rx.vstack(*parts, spacing="2", width="100%")


def _export() -> rx.Component:
    return rx.hstack(
        rx.button(rx.icon("download", size=16), "Unduh CSV", on_click=S.export_csv,
                  variant="soft", id="analitik-csv"),
        rx.button(rx.icon("download", size=16), "Unduh XLSX", on_click=S.export_xlsx,
                  variant="soft", id="analitik-xlsx"),
        rx.text("Dihitung pada ", S.computed_at, size="1", color_scheme="gray",
                id="analitik-waktu"),
        spacing="2", wrap="wrap", align="center", width="100%",
    )  # fmt: skip


COMPUTING = "Angka untuk filter ini sedang dihitung. Halaman tetap dapat digunakan."


def _message(shown, text, icon: str, color: str, role: str, ident: str) -> rx.Component:
    return rx.cond(
        shown,
        rx.callout(text, icon=icon, color_scheme=color, role=role, id=ident, width="100%"),
    )


def _dashboard() -> rx.Component:
    return rx.vstack(
        rx.text(
            "Angka dihitung dari seluruh berkas sesuai filter dan diperbarui otomatis saat "
            "berkas berpindah tahap. Waktu dalam hari kerja, tanpa masa perbaikan oleh pemohon.",
            size="2",
            color_scheme="gray",
        ),
        _filters(),
        _message(S.error != "", S.error, "triangle_alert", "red", "alert", "analitik-galat"),
        _message(S.notice != "", S.notice, "info", "gray", "status", "analitik-kosong"),
        _message(S.computing, COMPUTING, "loader", "blue", "status", "analitik-menghitung"),
        _export(),
        rx.grid(
            rx.foreach(S.cards, _card),
            columns=rx.breakpoints(initial="2", md="3", lg="6"),
            spacing="3",
            width="100%",
            id="analitik-kartu",
        ),
        _charts(),
        spacing="3",
        width="100%",
    )


def analytics_page() -> rx.Component:
    return page_frame(
        rx.cond(
            S.denied != "",
            rx.callout(
                S.denied,
                icon="lock",
                color_scheme="red",
                role="alert",
                id="analitik-ditolak",
                width="100%",
            ),
            rx.cond(
                S.loaded & S.logged_in,
                _dashboard(),
                rx.text("Memuat…", size="2", color_scheme="gray"),
            ),
        ),  # fmt: skip
        title="Analitik Pimpinan",
    )
