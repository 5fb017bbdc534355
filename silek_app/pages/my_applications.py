"""/permohonan: the applicant's list."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import error_callout
from silek_app.components.layout import page_frame
from silek_app.state.my_applications import MyApplicationsState as S


def _row(row) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(row["reference"], weight="bold", font_family="monospace", size="2"),
                    rx.cond(
                        row["unread"] != "0",
                        rx.badge(row["unread"], " pesan baru", color_scheme="red"),
                    ),
                    justify="between", width="100%", wrap="wrap",
                ),
                rx.text(row["service"], size="2"),
                rx.badge(row["status_label"], variant="soft", white_space="normal"),
                rx.text("Batas waktu (SLA): ", row["expected"], size="1", color_scheme="gray"),
                rx.text("Perkiraan selesai: ", row["predicted"], size="1", color_scheme="gray",
                        class_name="application-predicted"),
                spacing="1", align="start", width="100%",
            ),
            width="100%",
        ),
        href=row["link"], underline="none", color="inherit", width="100%",
        class_name="application-row",
    )  # fmt: skip


def my_applications_page() -> rx.Component:
    return page_frame(
        error_callout(S.error, "list-error"),
        rx.cond(
            S.loaded,
            rx.cond(
                S.rows.length() > 0,
                rx.vstack(rx.foreach(S.rows, _row), spacing="2", width="100%"),
                rx.vstack(
                    rx.text("Anda belum memiliki permohonan.", size="2"),
                    rx.link(rx.button("Pilih layanan"), href="/layanan"),
                    spacing="2",
                ),
            ),
            rx.center(rx.spinner(size="3"), padding="1.5rem"),
        ),
        title="Permohonan Saya",
    )
