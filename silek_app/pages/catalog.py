"""/layanan — the catalog with category filter and search."""

from __future__ import annotations

import reflex as rx

from silek_app.components.layout import page_frame
from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.state.catalog import ALL_CATEGORIES, CatalogState


def _service_row(row) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.badge(row["code"], variant="soft"),
                    rx.badge(row["category_label"], color_scheme="gray", variant="outline"),
                    spacing="2",
                    wrap="wrap",
                ),
                rx.text(row["name"], weight="bold", size="3"),
                rx.hstack(
                    rx.text(row["sla_label"], size="2", color_scheme="gray"),
                    rx.text("·", size="2", color_scheme="gray"),
                    rx.text(row["fee_label"], size="2", color_scheme="gray"),
                    spacing="1",
                    wrap="wrap",
                ),
                spacing="1",
                align="start",
            ),
            width="100%",
        ),
        href="/layanan/" + row["code"],
        underline="none",
        color="inherit",
        width="100%",
        class_name="service-row",
    )


def catalog_page() -> rx.Component:
    return page_frame(
        rx.text(
            "Semua layanan beserta Standar Pelayanan yang wajib dipublikasikan.",
            size="2",
            color_scheme="gray",
            margin_bottom="0.75rem",
        ),
        rx.flex(
            rx.input(
                value=CatalogState.query,
                on_change=CatalogState.set_query.debounce(300),
                placeholder="Cari nama atau kode layanan",
                id="catalog-search",
                size="3",
                flex="1",
                min_width="0",
                aria_label="Cari layanan",
            ),
            rx.select.root(
                rx.select.trigger(id="catalog-category", aria_label="Kategori"),
                rx.select.content(
                    rx.select.item("Semua kategori", value=ALL_CATEGORIES),
                    *[rx.select.item(label, value=code) for code, label in CATEGORY_LABELS.items()],
                ),
                value=CatalogState.category,
                on_change=CatalogState.set_category,
                size="3",
            ),
            spacing="2",
            width="100%",
            wrap="wrap",
        ),
        rx.text(
            CatalogState.result_label,
            size="2",
            color_scheme="gray",
            margin_y="0.5rem",
            id="catalog-count",
        ),
        rx.cond(
            CatalogState.rows.length() > 0,
            rx.vstack(rx.foreach(CatalogState.rows, _service_row), spacing="2", width="100%"),
            rx.callout(
                "Tidak ada layanan yang cocok. Coba kata kunci lain.",
                icon="info",
                color_scheme="gray",
            ),
        ),
        title="Katalog Layanan",
    )
