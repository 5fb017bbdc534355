"""/admin "Pengguna" tab: search, paged account cards, per-account actions, new account."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import (
    LABEL_STYLE,
    SELECT_STYLE,
    error_callout,
    field_error,
    submit_button,
)
from silek_app.state.admin import ALL_ROLES, AdminState

S = AdminState


def _role_select(name: str, select_id: str, *, first: rx.Component, **props) -> rx.Component:
    return rx.el.select(
        first,
        rx.foreach(S.role_options, lambda o: rx.el.option(o["label"], value=o["value"])),
        name=name, id=select_id, style=SELECT_STYLE, **props,
    )  # fmt: skip


def _search() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(name="q", id="admin-user-q", placeholder="Cari nama atau email",
                     default_value=S.user_query, size="3", flex="1", min_width="0",
                     aria_label="Cari nama atau email"),
            rx.box(
                _role_select(
                    "role_filter", "admin-user-role",
                    first=rx.fragment(rx.el.option("Semua peran", value=ALL_ROLES),
                                      rx.el.option("Pemohon", value="pemohon")),
                    value=S.role_filter, on_change=S.filter_role, aria_label="Saring peran",
                ),
                width=rx.breakpoints(initial="100%", sm="220px"),
            ),
            submit_button("Cari", "admin-user-search"),
            spacing="2", width="100%", wrap="wrap",
        ),
        on_submit=S.search_users, reset_on_submit=False, width="100%",
    )  # fmt: skip


def _badges(row) -> rx.Component:
    return rx.flex(
        rx.badge(row["role_label"], color_scheme="indigo"),
        rx.cond(row["active"] == "1", rx.badge("Aktif", color_scheme="green"),
                rx.badge("Nonaktif", color_scheme="gray")),
        rx.cond(row["locked"] == "1", rx.badge("Terkunci", color_scheme="red")),
        spacing="1", wrap="wrap",
    )  # fmt: skip


def _confirm_deactivate(row) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button("Nonaktifkan", color_scheme="red", variant="soft", id="admin-deactivate"),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Nonaktifkan akun?"),
            rx.alert_dialog.description(
                "Akun " + row["email"] + " tidak dapat masuk lagi dan semua sesinya "
                "langsung diakhiri. Akun dapat diaktifkan kembali nanti.",
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Batal", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button("Ya, nonaktifkan", color_scheme="red", on_click=S.deactivate,
                              id="admin-deactivate-confirm"),
                ),
                spacing="3", justify="end", margin_top="1rem", wrap="wrap",
            ),
            max_width="420px",
        ),
    )  # fmt: skip


def _manage(row) -> rx.Component:
    is_self = row["id"] == S.self_id
    return rx.vstack(
        rx.divider(),
        rx.cond(
            is_self,
            rx.text("Ini akun Anda sendiri: peran dan status tidak dapat diubah di sini.",
                    size="2", color_scheme="gray"),
            rx.cond(
                row["is_pemohon"] == "1",
                rx.text("Akun pemohon tidak dapat dijadikan akun petugas. Akun petugas dibuat "
                        "terpisah melalui \u201cTambah akun petugas\u201d.",
                        size="2", color_scheme="gray"),
                rx.form(
                    rx.flex(
                        rx.box(_role_select("new_role", "admin-new-role",
                                            first=rx.fragment(), value=S.pending_role,
                                            on_change=S.set_pending_role,
                                            aria_label="Peran baru"),
                               flex="1", min_width="180px"),
                        rx.button("Ubah peran", type="submit", id="admin-change-role",
                                  variant="soft"),
                        spacing="2", width="100%", wrap="wrap", align="center",
                    ),
                    on_submit=S.change_role, reset_on_submit=False, width="100%",
                ),
            ),
        ),
        rx.flex(
            rx.cond(~is_self & (row["active"] == "1"), _confirm_deactivate(row)),
            rx.cond(row["active"] != "1",
                    rx.button("Aktifkan kembali", on_click=S.reactivate, variant="soft",
                              color_scheme="green", id="admin-reactivate")),
            rx.cond(row["locked"] == "1",
                    rx.button("Buka kunci", on_click=S.unlock, variant="soft",
                              id="admin-unlock")),
            spacing="2", wrap="wrap",
        ),
        spacing="2", width="100%", align="stretch",
    )  # fmt: skip


def _user_card(row) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.vstack(
                    rx.text(row["full_name"], weight="bold", overflow_wrap="anywhere"),
                    rx.text(row["email"], size="2", color_scheme="gray",
                            overflow_wrap="anywhere"),
                    spacing="0", min_width="0",
                ),
                rx.button(rx.cond(S.selected_id == row["id"], "Tutup", "Kelola"),
                          on_click=S.select_user(row["id"]), size="1", variant="outline",
                          aria_label="Kelola " + row["email"]),
                justify="between", align="start", spacing="2", width="100%",
            ),
            _badges(row),
            rx.text("Terakhir masuk: " + row["last_login"], size="1", color_scheme="gray"),
            rx.cond(S.selected_id == row["id"], _manage(row)),
            spacing="2", width="100%", align="stretch",
        ),
        width="100%", class_name="admin-user", data_email=row["email"],
    )  # fmt: skip


def _pager() -> rx.Component:
    return rx.flex(
        rx.button("\u2190 Sebelumnya", on_click=S.go_page(S.user_page - 1),
                  disabled=S.user_page <= 1, variant="soft", size="2", id="admin-page-prev"),
        rx.text(S.page_label, size="2", id="admin-page-label"),
        rx.button("Berikutnya \u2192", on_click=S.go_page(S.user_page + 1),
                  disabled=S.user_page >= S.user_pages, variant="soft", size="2",
                  id="admin-page-next"),
        justify="between", align="center", spacing="2", wrap="wrap", width="100%",
    )  # fmt: skip


def _create_field(label: str, name: str, **props) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=f"new-{name}", style=LABEL_STYLE),
        rx.input(name=name, id=f"new-{name}", size="3", width="100%", **props),
        field_error(S.create_errors.get(name, "")),
        spacing="1", width="100%", align="stretch",
    )  # fmt: skip


def create_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Tambah akun petugas", size="4", as_="h2"),
                rx.text("Pemohon mendaftar sendiri melalui /daftar; di sini hanya akun kantor.",
                        size="1", color_scheme="gray"),
                _create_field("Email", "email", type="email", max_length=254),
                _create_field("Nama lengkap", "full_name", max_length=120),
                _create_field("Nomor HP (opsional)", "phone", input_mode="tel", max_length=20),
                rx.vstack(
                    rx.el.label("Peran", html_for="new-role", style=LABEL_STYLE),
                    _role_select("role", "new-role",
                                 first=rx.el.option("\u2014 pilih peran \u2014", value="")),
                    field_error(S.create_errors.get("role", "")),
                    spacing="1", width="100%", align="stretch",
                ),
                _create_field("Kata sandi awal", "password", type="password",
                              auto_complete="new-password", max_length=128),
                rx.text("Minimal 12 karakter; gunakan frasa yang tidak memuat nama atau email.",
                        size="1", color_scheme="gray"),
                error_callout(S.create_errors.get("form", ""), "admin-create-error"),
                rx.cond(S.create_notice != "",
                        rx.callout(S.create_notice, icon="check", color_scheme="green",
                                   id="admin-create-notice", width="100%")),
                submit_button("Buat akun", "admin-create-submit", width="100%"),
                spacing="3", width="100%", align="stretch",
            ),
            on_submit=S.create_account, reset_on_submit=False, key=S.create_version,
        ),
        width="100%",
    )  # fmt: skip


def users_tab() -> rx.Component:
    return rx.vstack(
        _search(),
        error_callout(S.action_error, "admin-action-error"),
        rx.cond(S.action_notice != "",
                rx.callout(S.action_notice, icon="check", color_scheme="green",
                           id="admin-action-notice", width="100%")),
        rx.cond(S.user_rows.length() == 0,
                rx.text("Tidak ada akun yang cocok.", color_scheme="gray")),
        rx.foreach(S.user_rows, _user_card),
        _pager(),
        create_form(),
        spacing="3", width="100%", align="stretch",
    )  # fmt: skip
