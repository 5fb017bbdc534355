"""/lacak — public tracking without login."""

from __future__ import annotations

import reflex as rx

from silek_app.components.completion import completion_dates
from silek_app.components.forms import error_callout, form_field, submit_button
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
                    form_field(
                        "Nomor registrasi",
                        "reference",
                        field_id="track-reference",
                        default_value=TrackingState.reference,
                        key=TrackingState.reference,
                        placeholder="SLK-20261203-00001",
                    ),
                    form_field(
                        "4 digit terakhir NIK pemohon",
                        "nik_last4",
                        field_id="track-nik",
                        input_type="password",
                        max_length=4,
                        input_mode="numeric",
                    ),
                    submit_button("Lacak", "track-submit", width="100%"),
                    spacing="2",
                    width="100%",
                ),
                on_submit=TrackingState.submit,
                reset_on_submit=False,
            ),
            width="100%",
            max_width="480px",
        ),
        error_callout(TrackingState.error, "track-error", margin_top="0.75rem"),
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
                    orientation="vertical",
                ),
                rx.box(completion_dates(result, "track"), margin_top="0.75rem"),
                margin_top="0.75rem",
                width="100%",
                max_width="480px",
            ),
        ),
        title="Lacak Permohonan",
    )
