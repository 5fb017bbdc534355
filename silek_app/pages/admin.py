"""/admin: the administrator's workspace (users and roles, service texts)."""

from __future__ import annotations

import reflex as rx

from silek_app.components.admin_texts import texts_tab
from silek_app.components.admin_users import users_tab
from silek_app.components.layout import page_frame
from silek_app.state.admin import AdminState

S = AdminState


def _workspace() -> rx.Component:
    return rx.tabs.root(
        rx.tabs.list(
            rx.tabs.trigger("Pengguna", value="pengguna", id="admin-tab-pengguna"),
            rx.tabs.trigger("Teks Layanan", value="teks", id="admin-tab-teks"),
        ),
        rx.tabs.content(users_tab(), value="pengguna", padding_top="1rem"),
        rx.tabs.content(texts_tab(), value="teks", padding_top="1rem"),
        value=S.tab, on_change=S.set_tab, width="100%",
    )  # fmt: skip


def admin_page() -> rx.Component:
    return page_frame(
        rx.cond(
            S.allowed,
            _workspace(),
            rx.cond(
                S.denied != "",
                rx.callout(S.denied, icon="lock", color_scheme="red", id="admin-denied",
                           role="alert", width="100%"),
                rx.center(rx.spinner(size="3"), padding="2rem"),
            ),
        ),
        title="Administrasi",
    )  # fmt: skip
