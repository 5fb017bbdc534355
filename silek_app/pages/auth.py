"""/masuk and /daftar."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import error_callout, form_field, submit_button
from silek_app.components.layout import page_frame
from silek_app.domain.passwords import MIN_LENGTH
from silek_app.state.auth_forms import LoginState, RegisterState


def _form_card(*fields: rx.Component, on_submit, max_width: str) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(*fields, spacing="3", width="100%"),
            on_submit=on_submit, reset_on_submit=False,
        ),
        max_width=max_width, width="100%", margin_x="auto",
    )  # fmt: skip


def login_page() -> rx.Component:
    return page_frame(
        _form_card(
            form_field("Email atau NIK", "login", auto_complete="username",
                       placeholder="nama@contoh.id atau 16 digit NIK"),
            form_field("Kata sandi", "password", input_type="password",
                       auto_complete="current-password"),
            error_callout(LoginState.error, "login-error"),
            submit_button("Masuk", "login-submit", busy=LoginState.busy, width="100%"),
            rx.text("Belum punya akun? ", rx.link("Daftar", href="/daftar", underline="always"),
                    size="2"),
            on_submit=LoginState.submit, max_width="440px",
        ),
        title="Masuk ke SILEK",
    )  # fmt: skip


def register_page() -> rx.Component:
    errors = RegisterState.errors
    return page_frame(
        _form_card(
            rx.text("Pendaftaran akun pemohon. Data ini dipakai untuk izin Anda, jadi isilah "
                    "sesuai KTP-el.", size="2", color_scheme="gray"),
            form_field("NIK (16 digit, sesuai KTP-el)", "nik", error=errors.get("nik", ""),
                       input_mode="numeric", placeholder="1372xxxxxxxxxxxx"),
            form_field("Nama lengkap (sesuai KTP-el)", "full_name",
                       error=errors.get("full_name", ""), auto_complete="name"),
            form_field("Email", "email", input_type="email", error=errors.get("email", ""),
                       auto_complete="email"),
            form_field("Nomor telepon/WhatsApp", "phone", input_type="tel",
                       error=errors.get("phone", ""), auto_complete="tel",
                       placeholder="08xxxxxxxxxx"),
            form_field("Kata sandi", "password", input_type="password",
                       error=errors.get("password", ""), auto_complete="new-password",
                       hint=f"Minimal {MIN_LENGTH} karakter. Gunakan beberapa kata yang mudah "
                            "Anda ingat, bukan nama atau kata umum."),
            form_field("Ulangi kata sandi", "password_confirm", input_type="password",
                       error=errors.get("password_confirm", ""), auto_complete="new-password"),
            error_callout(RegisterState.error, "register-error"),
            submit_button("Daftar", "register-submit", busy=RegisterState.busy, width="100%"),
            rx.text("Sudah punya akun? ", rx.link("Masuk", href="/masuk", underline="always"),
                    size="2"),
            on_submit=RegisterState.submit, max_width="520px",
        ),
        title="Daftar Akun",
    )  # fmt: skip
