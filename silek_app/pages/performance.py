"""/kinerja — public performance of each service, the Maklumat Pelayanan and complaint channels.

Cards on every width (one column on a 360 px phone, two or three on wider screens).
"""

from __future__ import annotations

import reflex as rx

from silek_app.components.filter_fields import date_field, labelled
from silek_app.components.layout import page_frame
from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.state.performance import ALL_CATEGORIES, PerformanceState

_GRADE_COLORS = {"A": "green", "B": "blue", "C": "amber", "D": "red"}


def _fact(label: str, value, class_name: str) -> rx.Component:
    # The value at the cell's foot: numbers of one row line up when a label wraps on a phone.
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"),
        rx.text(value, size="4", weight="bold", class_name=class_name),
        spacing="0",
        align="start",
        justify="between",
        min_width="0",
    )


def _grade_badge(grade) -> rx.Component:
    return rx.match(
        grade,
        *[
            (g, rx.badge(g, color_scheme=c, size="2", variant="solid"))
            for g, c in _GRADE_COLORS.items()
        ],
        rx.badge("–", color_scheme="gray", size="2"),
    )


def _service_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(row["kode"], variant="soft"),
                rx.spacer(),
                _grade_badge(row["mutu"]),
                width="100%",
                align="center",
            ),
            rx.text(row["nama"], weight="bold", size="3"),
            rx.text("SLA: ", row["sla"], size="1", color_scheme="gray"),
            rx.grid(
                _fact("Permohonan", row["jumlah"], "kinerja-jumlah"),
                _fact("Median hari kerja sampai terbit", row["median"], "kinerja-median"),
                _fact("Terbit tepat waktu", row["tepat"], "kinerja-tepat"),
                _fact("IKM", row["ikm"], "kinerja-ikm"),
                columns="2",
                spacing="3",
                width="100%",
            ),
            rx.text(
                row["mutu_label"],
                " · ",
                row["responden"],
                size="1",
                color_scheme="gray",
                class_name="kinerja-mutu",
            ),  # fmt: skip
            spacing="2",
            align="start",
            width="100%",
        ),
        id="kinerja-" + row["kode"],
        class_name="kinerja-card",
        width="100%",
    )


def _filters() -> rx.Component:
    return rx.form(
        # One field per row on a phone (a date input is wider than half of 360 px).
        rx.grid(
            date_field("kinerja-dari", "dari", "Dari tanggal", PerformanceState.dari),
            date_field("kinerja-sampai", "sampai", "Sampai tanggal", PerformanceState.sampai),
            labelled(
                "Kategori",
                rx.select.root(
                    rx.select.trigger(id="kinerja-kategori", aria_label="Kategori", width="100%"),
                    rx.select.content(
                        rx.select.item("Semua kategori", value=ALL_CATEGORIES),
                        *[
                            rx.select.item(label, value=code)
                            for code, label in CATEGORY_LABELS.items()
                        ],
                    ),
                    name="kategori",
                    default_value=PerformanceState.kategori,
                    size="3",
                ),
                "kinerja-kategori",
            ),
            rx.button(
                "Terapkan", type="submit", size="3", id="kinerja-terapkan", align_self="end"
            ),  # fmt: skip
            spacing="3",
            wrap="wrap",
            width="100%",
        ),
        on_submit=PerformanceState.apply,
        width="100%",
    )


def _summary() -> rx.Component:
    s = PerformanceState.summary
    return rx.card(
        rx.vstack(
            rx.text(
                "Seluruh layanan, ",
                s["periode"],
                size="2",
                color_scheme="gray",
                id="kinerja-periode",
            ),  # fmt: skip
            rx.grid(
                _fact("Permohonan", s["jumlah"], "ringkasan-jumlah"),
                _fact("Median hari kerja", s["median"], "ringkasan-median"),
                _fact("Tepat waktu", s["tepat"], "ringkasan-tepat"),
                _fact("IKM", s["ikm"], "ringkasan-ikm"),
                columns=rx.breakpoints(initial="2", sm="4"),
                spacing="3",
                width="100%",
            ),
            rx.text(
                s["responden"],
                " responden survei kepuasan masyarakat",
                size="1",
                color_scheme="gray",
            ),  # fmt: skip
            spacing="2",
            width="100%",
        ),
        id="kinerja-ringkasan",
        width="100%",
    )


def _promises() -> rx.Component:
    return rx.vstack(
        rx.heading("Maklumat Pelayanan", size="4", as_="h2"),
        rx.foreach(
            PerformanceState.maklumat, lambda text: rx.text(text, size="2", id="kinerja-maklumat")
        ),  # fmt: skip
        rx.heading("Saluran pengaduan", size="4", as_="h2", margin_top="0.5rem"),
        rx.el.ul(
            rx.foreach(PerformanceState.channels, lambda c: rx.el.li(rx.text(c, size="2"))),
            id="kinerja-pengaduan",
            padding_left="1.25rem",
        ),
        spacing="2",
        align="start",
        width="100%",
        margin_top="1rem",
    )


def performance_page() -> rx.Component:
    return page_frame(
        rx.text(
            "Angka kinerja setiap layanan dihitung langsung dari data permohonan: jumlah "
            "permohonan, median hari kerja dari pengajuan sampai izin terbit (tanpa masa "
            "perbaikan oleh pemohon), persentase izin terbit dalam SLA, dan Indeks Kepuasan "
            "Masyarakat (PermenPANRB 14/2017). Hanya angka agregat, tanpa data pribadi.",
            size="2",
            color_scheme="gray",
            margin_bottom="0.75rem",
        ),
        _filters(),
        rx.cond(
            PerformanceState.error != "",
            rx.callout(
                PerformanceState.error,
                icon="triangle_alert",
                color_scheme="red",
                role="alert",
                id="kinerja-galat",
                width="100%",
                margin_top="0.75rem",
            ),  # fmt: skip
        ),
        rx.cond(
            PerformanceState.loaded & (PerformanceState.error == ""),
            rx.vstack(
                _summary(),
                rx.grid(
                    rx.foreach(PerformanceState.rows, _service_card),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
                margin_top="0.75rem",
            ),
        ),
        _promises(),
        rx.link(
            "Data ini dalam format JSON (API data terbuka)",
            href="/api/v1/statistik",
            is_external=True,
            size="2",
            margin_top="1rem",
        ),  # fmt: skip
        title="Kinerja Layanan",
    )
