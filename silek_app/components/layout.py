"""Page frame: header with navigation, main column, footer. Mobile-first (360 px)."""

from __future__ import annotations

import reflex as rx

from silek_app.components.bell import bell
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.state.session import SessionState

MAX_WIDTH = "960px"
_OFFICER_CODES = sorted(r.value for r in OFFICER_ROLES)
# Who sees /analitik (the same set as services.analytics.LEADERS, which enforces it).
_LEADER_CODES = sorted(r.value for r in (Role.PIMPINAN, Role.KEPALA_DINAS, Role.ADMIN))


def _nav_link(label: str, href: str, link_id: str) -> rx.Component:
    return rx.link(
        label,
        href=href,
        id=link_id,
        size="2",
        weight="medium",
        color_scheme="gray",
        high_contrast=True,
        underline="none",
        white_space="nowrap",
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.flex(
            rx.link(
                rx.hstack(
                    rx.box(
                        rx.text("S", weight="bold", color="white", size="4"),
                        background=rx.color("accent", 9),
                        border_radius="8px",
                        width="32px",
                        height="32px",
                        display="flex",
                        align_items="center",
                        justify_content="center",
                    ),
                    rx.vstack(
                        rx.text("SILEK", weight="bold", size="3", line_height="1"),
                        rx.text(
                            "DPMPTSP Kota Solok", size="1", color_scheme="gray", line_height="1"
                        ),
                        spacing="0",
                    ),
                    align="center",
                    spacing="2",
                ),
                href="/",
                underline="none",
                color="inherit",
                id="nav-home",
            ),
            rx.flex(
                _nav_link("Layanan", "/layanan", "nav-layanan"),
                _nav_link("Lacak", "/lacak", "nav-lacak"),
                rx.cond(
                    SessionState.logged_in,
                    # Wraps: an office account's six items are wider than a 360 px phone.
                    rx.flex(
                        rx.cond(
                            SessionState.user_role == "pemohon",
                            _nav_link("Permohonan", "/permohonan", "nav-permohonan"),
                        ),
                        rx.cond(
                            rx.Var.create(_OFFICER_CODES).contains(SessionState.user_role),
                            rx.fragment(
                                _nav_link("Antrean", "/petugas", "nav-antrean"),
                                _nav_link("Register Izin", "/petugas/izin", "nav-register-izin"),
                            ),
                        ),
                        rx.cond(
                            rx.Var.create(_LEADER_CODES).contains(SessionState.user_role),
                            _nav_link("Analitik", "/analitik", "nav-analitik"),
                        ),
                        rx.cond(
                            SessionState.user_role == Role.ADMIN.value,
                            _nav_link("Admin", "/admin", "nav-admin"),
                        ),
                        _nav_link("Akun", "/akun", "nav-akun"),
                        bell(),
                        rx.button(
                            "Keluar",
                            on_click=SessionState.logout,
                            size="1",
                            variant="soft",
                            color_scheme="gray",
                            id="nav-keluar",
                        ),
                        spacing="3",
                        align="center",
                        wrap="wrap",
                    ),
                    rx.hstack(
                        _nav_link("Masuk", "/masuk", "nav-masuk"),
                        rx.link(rx.button("Daftar", size="1"), href="/daftar", id="nav-daftar"),
                        spacing="3",
                        align="center",
                    ),
                ),
                spacing="3",
                align="center",
                wrap="wrap",
                justify=rx.breakpoints(initial="start", sm="end"),
            ),
            # On a phone the navigation gets its own row under the brand.
            direction=rx.breakpoints(initial="column", sm="row"),
            justify="between",
            align=rx.breakpoints(initial="start", sm="center"),
            spacing="2",
            max_width=MAX_WIDTH,
            margin_x="auto",
            padding_x="0.75rem",
            padding_y="0.5rem",
        ),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
        width="100%",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.vstack(
            rx.text(
                "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP) Kota Solok",
                size="2",
                weight="medium",
            ),
            rx.text(
                "Bersama Dinas Komunikasi dan Informatika Kota Solok, Sumatera Barat.",
                size="1",
                color_scheme="gray",
            ),
            rx.text(
                "Pengaduan: SP4N-LAPOR! (lapor.go.id) atau loket pengaduan DPMPTSP Kota Solok "
                "pada hari dan jam kerja.",
                size="1",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.link("Katalog layanan", href="/layanan", size="1"),
                rx.link("Lacak permohonan", href="/lacak", size="1"),
                rx.link("Kinerja layanan", href="/kinerja", size="1"),
                rx.link(
                    "API data terbuka", href="/api/v1/openapi.json", size="1", is_external=True
                ),
                spacing="3",
                wrap="wrap",
            ),
            spacing="1",
            max_width=MAX_WIDTH,
            margin_x="auto",
            padding="1rem",
        ),
        border_top=f"1px solid {rx.color('gray', 5)}",
        margin_top="1.5rem",
        background=rx.color("gray", 2),
        width="100%",
    )


def page_frame(*children: rx.Component, title: str | None = None) -> rx.Component:
    body = [rx.heading(title, size="6", as_="h1", margin_bottom="0.75rem")] if title else []
    return rx.box(
        header(),
        rx.el.main(
            *body,
            *children,
            max_width=MAX_WIDTH,
            margin_x="auto",
            padding_x="0.75rem",
            padding_y="1rem",
            width="100%",
            min_height="70vh",
        ),
        footer(),
        width="100%",
    )
