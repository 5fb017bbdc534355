"""/petugas/izin: register of issued permits for officers; revocation for the signer."""

from __future__ import annotations

import reflex as rx

from silek_app.components.download_link import download_link
from silek_app.components.forms import error_callout, submit_button
from silek_app.components.layout import page_frame
from silek_app.state.permit_register import PermitRegisterState as S

_STATUS_COLORS = {"AKTIF": "green", "DICABUT": "red", "KEDALUWARSA": "gray"}


def _search() -> rx.Component:
    return rx.form(
        rx.flex(
            rx.input(
                name="query", id="register-query", placeholder="Nomor izin, nama, atau layanan",
                aria_label="Cari izin", size="3", flex="1", min_width="12rem",
            ),
            rx.el.select(
                rx.el.option("Semua status", value=""),
                rx.el.option("Aktif", value="AKTIF"),
                rx.el.option("Dicabut", value="DICABUT"),
                rx.el.option("Kedaluwarsa", value="KEDALUWARSA"),
                name="status", id="register-status", aria_label="Status izin",
                style={"height": "40px", "padding": "0 0.5rem", "borderRadius": "6px"},
            ),
            submit_button("Cari", "register-search"),
            spacing="2", wrap="wrap", width="100%",
        ),
        on_submit=S.search, reset_on_submit=False, width="100%",
    )  # fmt: skip


def _row(row: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.flex(
                rx.text(row["number"], weight="bold", class_name="register-number"),
                rx.match(
                    row["status"],
                    *[(code, rx.badge(code, color_scheme=c)) for code, c in _STATUS_COLORS.items()],
                    rx.badge(row["status"]),
                ),
                justify="between", wrap="wrap", spacing="2", width="100%",
            ),
            rx.text(row["holder_name"], class_name="register-holder"),
            rx.text(row["service_name"], size="2", color_scheme="gray"),
            rx.text("Terbit ", row["issued_label"], " · berlaku sampai ", row["valid_until_label"],
                    size="2", color_scheme="gray"),
            rx.cond(
                row["status"] == "DICABUT",
                rx.text("Dicabut ", row["revoked_label"], ": ", row["revoke_reason"],
                        size="2", color_scheme="red"),
            ),
            rx.flex(
                rx.link("Halaman verifikasi", href=row["verify_path"], size="2",
                        is_external=True),
                rx.link("Berkas permohonan", href=row["file_path"], size="2",
                        class_name="register-file"),
                rx.cond(
                    row["pdf_path"] != "",
                    download_link("Unduh PDF izin", href=row["pdf_path"], size="2",
                                  class_name="register-pdf"),
                ),
                rx.cond(
                    S.can_revoke & (row["status"] != "DICABUT"),
                    rx.button("Cabut izin", size="1", color_scheme="red", variant="soft",
                              class_name="register-revoke",
                              on_click=S.open_revoke(row["number"])),
                ),
                spacing="3", align="center", wrap="wrap",
            ),
            spacing="1", width="100%",
        ),
        width="100%", class_name="register-row",
    )  # fmt: skip


def _revoke_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Cabut izin"),
            rx.dialog.description(
                rx.text("Izin nomor ", rx.text.strong(S.revoke_number),
                        " akan dicabut. Pemegang izin diberi tahu dan halaman verifikasi "
                        "langsung menampilkan status DICABUT."),
            ),
            rx.form(
                rx.vstack(
                    rx.el.label("Alasan pencabutan (minimal 10 karakter)", html_for="revoke-reason",
                                style={"fontWeight": 500, "fontSize": "14px"}),
                    rx.text_area(name="reason", id="revoke-reason", rows="4", width="100%",
                                 max_length=1000),
                    error_callout(S.revoke_error, "revoke-error"),
                    rx.flex(
                        rx.button("Batal", type="button", variant="soft", color_scheme="gray",
                                  on_click=S.close_revoke, id="revoke-cancel"),
                        submit_button("Cabut izin", "revoke-submit", busy=S.revoking,
                                      color_scheme="red", high_contrast=True),
                        spacing="2", justify="end", width="100%",
                    ),
                    spacing="2", width="100%",
                ),
                on_submit=S.revoke, reset_on_submit=False,
            ),
            max_width="480px",
        ),
        open=S.revoke_number != "",
        on_open_change=lambda _open: S.close_revoke(),
    )  # fmt: skip


def _pager() -> rx.Component:
    return rx.flex(
        rx.button("Sebelumnya", size="2", variant="soft", id="register-prev",
                  disabled=S.page <= 1, on_click=S.go_page(-1)),
        rx.text("Halaman ", S.page, " dari ", S.pages, " (", S.total, " izin)", size="2",
                id="register-pages", width="100%", text_align="center", order="-1"),
        rx.button("Berikutnya", size="2", variant="soft", id="register-next",
                  disabled=S.page >= S.pages, on_click=S.go_page(1)),
        spacing="3", align="center", justify="center", wrap="wrap", width="100%",
    )  # fmt: skip


def permit_register_page() -> rx.Component:
    return page_frame(
        rx.vstack(
            _search(),
            error_callout(S.error, "register-error"),
            rx.cond(
                (S.total == 0) & (S.error == ""),
                rx.text("Tidak ada izin yang cocok.", id="register-empty", color_scheme="gray"),
            ),
            rx.foreach(S.rows, _row),
            _pager(),
            _revoke_dialog(),
            spacing="3",
            width="100%",
        ),
        title="Register Izin Terbit",
    )
