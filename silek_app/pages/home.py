"""/ — home: search a service, track a file."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import inline_form
from silek_app.components.layout import page_frame
from silek_app.state.home import HomeState

_CATEGORIES = (
    (
        "TK",
        "Izin Praktik Tenaga Kesehatan",
        "SIP dokter, bidan, perawat, apoteker, dan profesi lain",
    ),
    ("FAS", "Fasilitas Kesehatan", "Apotek, klinik, laboratorium, optikal, rumah sakit"),
    ("PS", "Pangan dan Sanitasi", "SPP-IRT dan Sertifikat Laik Higiene Sanitasi"),
    ("NON", "Reklame", "Izin Penyelenggaraan Reklame"),
)


def _category_card(code: str, title: str, text: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.text(title, weight="bold", size="3"),
                rx.text(text, size="2", color_scheme="gray"),
                spacing="1",
            ),
            width="100%",
        ),
        href=f"/layanan?kategori={code}",
        underline="none",
        color="inherit",
        width="100%",
    )


def home_page() -> rx.Component:
    return page_frame(
        rx.vstack(
            rx.heading(
                "Layanan perizinan Kota Solok, langsung dari ponsel Anda", size="7", as_="h1"
            ),
            rx.text(
                "Ajukan izin praktik tenaga kesehatan, izin fasilitas kesehatan, sertifikat "
                "higiene pangan, dan izin reklame secara daring. Pantau berkas Anda setiap saat.",
                size="3",
                color_scheme="gray",
            ),
            inline_form(
                HomeState.search,
                name="q",
                input_id="home-search",
                placeholder="Cari layanan, mis. bidan",
                label="Cari layanan",
                button_label="Cari",
                button_id="home-search-submit",
            ),  # fmt: skip
            spacing="3",
            width="100%",
            padding_y="0.75rem",
        ),
        rx.grid(
            *[_category_card(*c) for c in _CATEGORIES],
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.card(
            rx.vstack(
                rx.heading("Lacak permohonan", size="4", as_="h2"),
                rx.text(
                    "Masukkan nomor registrasi yang tertera pada tanda terima Anda.",
                    size="2",
                    color_scheme="gray",
                ),
                inline_form(
                    HomeState.track,
                    name="nomor",
                    input_id="home-track",
                    placeholder="SLK-20261203-00001",
                    label="Nomor registrasi",
                    button_label="Lacak",
                    button_id="home-track-submit",
                    variant="soft",
                ),  # fmt: skip
                spacing="2",
                width="100%",
            ),
            width="100%",
            margin_top="1rem",
        ),
        rx.vstack(
            rx.heading("Cara mengajukan", size="4", as_="h2"),
            rx.el.ol(
                rx.el.li("Daftar akun dengan NIK, email, dan nomor telepon."),
                rx.el.li("Pilih layanan, siapkan persyaratan sesuai standar pelayanan."),
                rx.el.li("Unggah berkas dan kirim permohonan; Anda menerima nomor registrasi."),
                rx.el.li("Pantau status, jawab pesan petugas, lalu unduh izin yang terbit."),
                style={"paddingLeft": "1.2em", "lineHeight": "1.7"},
            ),
            spacing="2",
            margin_top="1.25rem",
            width="100%",
        ),
    )
