"""/lacak — public tracking without login."""

from __future__ import annotations

import reflex as rx

from silek_app.components.layout import page_frame
from silek_app.state.tracking import TrackingState


def tracking_page() -> rx.Component:
    result = TrackingState.result
    return page_frame(
        rx.text(
            "Cek status permohonan tanpa masuk. Hanya status dan perkiraan tanggal selesai "
            "yang ditampilkan.",
            size="2",
            color_scheme="gray",
            margin_bottom="0.75rem",
        ),
        rx.card(
            rx.form(
                rx.vstack(
                    rx.el.label(
                        "Nomor registrasi",
                        html_for="track-reference",
                        style={"fontWeight": 500, "fontSize": "14px"},
                    ),
                    rx.input(
                        name="reference",
                        id="track-reference",
                        size="3",
                        default_value=TrackingState.reference,
                        key=TrackingState.reference,
                        placeholder="SLK-20261203-00001",
                        width="100%",
                    ),
                    rx.el.label(
                        "4 digit terakhir NIK pemohon",
                        html_for="track-nik",
                        style={"fontWeight": 500, "fontSize": "14px"},
                    ),
                    rx.input(
                        name="nik_last4",
                        id="track-nik",
                        size="3",
                        max_length=4,
                        input_mode="numeric",
                        width="100%",
                        type="password",
                    ),
                    rx.button(
                        "Lacak",
                        type="submit",
                        size="3",
                        width="100%",
                        id="track-submit",
                        disabled=~rx.State.is_hydrated,
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=TrackingState.submit,
                reset_on_submit=False,
            ),
            width="100%",
            max_width="480px",
        ),
        rx.cond(
            TrackingState.error != "",
            rx.callout(
                TrackingState.error,
                icon="triangle_alert",
                color_scheme="red",
                margin_top="0.75rem",
                id="track-error",
                role="alert",
            ),
        ),
        rx.cond(
            result.get("reference", "") != "",
            rx.card(
                rx.data_list.root(
                    rx.data_list.item(
                        rx.data_list.label("Nomor"), rx.data_list.value(result["reference"])
                    ),
                    rx.data_list.item(
                        rx.data_list.label("Layanan"), rx.data_list.value(result["service_name"])
                    ),
                    rx.data_list.item(
                        rx.data_list.label("Status"),
                        rx.data_list.value(result["status_label"], id="track-status"),
                    ),
                    rx.data_list.item(
                        rx.data_list.label("Perkiraan selesai"),
                        rx.data_list.value(result["expected_date"]),
                    ),
                    orientation="vertical",
                ),
                margin_top="0.75rem",
                width="100%",
                max_width="480px",
            ),
        ),
        title="Lacak Permohonan",
    )
