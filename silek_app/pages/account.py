"""/akun — the signed-in user's account."""

from __future__ import annotations

import reflex as rx

from silek_app.components.layout import page_frame
from silek_app.state.account import AccountState


def _row(label: str, key: str) -> rx.Component:
    return rx.cond(
        AccountState.account.get(key, "") != "",
        rx.data_list.item(
            rx.data_list.label(label),
            rx.data_list.value(AccountState.account[key], id=f"account-{key}"),
        ),
    )


def account_page() -> rx.Component:
    return page_frame(
        rx.cond(
            AccountState.account.get("email", "") != "",
            rx.vstack(
                rx.card(
                    rx.data_list.root(
                        _row("Nama", "full_name"),
                        _row("Peran", "role_label"),
                        _row("Email", "email"),
                        _row("Telepon", "phone"),
                        _row("NIK", "nik_masked"),
                        _row("Nama pada izin", "name_on_permit"),
                        _row("Tempat, tanggal lahir", "birth"),
                        _row("Alamat", "address"),
                        _row("STR", "str_info"),
                        _row("NIB", "nib"),
                        _row("Terdaftar sejak", "member_since"),
                        orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                        size="2",
                    ),
                    width="100%",
                ),
                rx.hstack(
                    rx.link(rx.button("Lihat katalog layanan", variant="soft"), href="/layanan"),
                    rx.button(
                        "Keluar",
                        on_click=AccountState.logout,
                        color_scheme="gray",
                        variant="outline",
                        id="account-logout",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="3",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="1.5rem"),
        ),
        title="Akun Saya",
    )
