"""/verifikasi/[token]: is this permit genuine, and is it still in force? (public)"""

from __future__ import annotations

import reflex as rx

from silek_app.components.layout import page_frame
from silek_app.state.verification import VerificationState

R = VerificationState.result
_COLORS = {"AKTIF": "green", "DICABUT": "red", "KEDALUWARSA": "gray"}


def _badge(label, color: str, icon: str) -> rx.Component:
    return rx.badge(
        rx.icon(icon, size=28),
        label,
        color_scheme=color,
        # Solid green/orange with white text fails WCAG contrast; the dark variant passes.
        variant="solid",
        high_contrast=True,
        size="3",
        radius="large",
        id="verify-status",
        font_size="1.6rem",
        padding="0.6rem 1.1rem",
        gap="0.5rem",
        white_space="normal",
    )


def _status_badge() -> rx.Component:
    return rx.match(
        R["status"],
        ("AKTIF", _badge("AKTIF", _COLORS["AKTIF"], "circle_check")),
        ("DICABUT", _badge("DICABUT", _COLORS["DICABUT"], "circle_x")),
        ("KEDALUWARSA", _badge("KEDALUWARSA", _COLORS["KEDALUWARSA"], "clock")),
        _badge("Tidak valid", "orange", "circle_alert"),
    )


def _item(label: str, value, item_id: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(label),
        rx.data_list.value(value, id=item_id, style={"overflowWrap": "anywhere"}),
    )


def _details() -> rx.Component:
    return rx.card(
        rx.data_list.root(
            _item("Nama pemegang izin", R["holder_name"], "verify-holder"),
            _item("Jenis izin", R["service_name"], "verify-service"),
            _item("Nomor izin", R["number"], "verify-number"),
            _item("Tanggal terbit", R["issued_label"], "verify-issued"),
            _item("Berlaku sampai", R["valid_until_label"], "verify-valid-until"),
            orientation="vertical",
        ),
        width="100%",
    )


def _revoked() -> rx.Component:
    return rx.callout(
        rx.vstack(
            rx.text("Izin ini telah dicabut pada ", rx.text.strong(R["revoked_label"]), "."),
            rx.text("Alasan: ", R["revoke_reason"]),
            spacing="1",
        ),
        icon="ban",
        color_scheme="red",
        id="verify-revoked",
        role="alert",
        width="100%",
    )


def _valid() -> rx.Component:
    return rx.vstack(
        _status_badge(),
        rx.cond(R["status"] == "DICABUT", _revoked()),
        rx.cond(
            R["status"] == "KEDALUWARSA",
            rx.text(
                "Masa berlaku izin ini telah berakhir.", id="verify-expired", color_scheme="gray"
            ),
        ),
        rx.cond(
            R["status"] == "AKTIF",
            rx.text(
                "Izin ini sah dan berlaku, diterbitkan DPMPTSP Kota Solok melalui SILEK.",
                color_scheme="green",
            ),
        ),
        _details(),
        rx.text(
            "Cocokkan nama dan nomor di atas dengan dokumen izin yang Anda pegang.",
            size="2",
            color_scheme="gray",
        ),
        spacing="3",
        width="100%",
    )


def _not_valid() -> rx.Component:
    return rx.vstack(
        _status_badge(),
        rx.text(R["message"], id="verify-message"),
        spacing="3",
        width="100%",
    )


def verification_page() -> rx.Component:
    return page_frame(
        rx.cond(
            VerificationState.loaded,
            rx.cond(R["valid"] == "1", _valid(), _not_valid()),
            rx.hstack(rx.spinner(), rx.text("Memeriksa izin..."), spacing="2"),
        ),
        title="Verifikasi Izin",
    )
