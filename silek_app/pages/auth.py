"""/masuk and /daftar."""

from __future__ import annotations

import reflex as rx

from silek_app.components.layout import field_error, form_field, page_frame
from silek_app.domain.passwords import MIN_LENGTH
from silek_app.state.auth_forms import LoginState, RegisterState


def login_page() -> rx.Component:
    return page_frame(
        rx.card(
            rx.form(
                rx.vstack(
                    form_field(
                        "Email atau NIK",
                        "login",
                        autocomplete="username",
                        placeholder="nama@contoh.id atau 16 digit NIK",
                    ),
                    form_field(
                        "Kata sandi",
                        "password",
                        input_type="password",
                        autocomplete="current-password",
                    ),
                    rx.cond(
                        LoginState.error != "",
                        rx.callout(
                            LoginState.error,
                            icon="triangle_alert",
                            color_scheme="red",
                            id="login-error",
                            width="100%",
                            role="alert",
                        ),
                    ),
                    rx.button(
                        "Masuk",
                        type="submit",
                        # Until hydrated, a submit would be a native GET with the
                        # password in the URL; the button waits for the app.
                        disabled=~rx.State.is_hydrated,
                        size="3",
                        width="100%",
                        loading=LoginState.busy,
                        id="login-submit",
                    ),
                    rx.text("Belum punya akun? ", rx.link("Daftar", href="/daftar"), size="2"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=LoginState.submit,
                reset_on_submit=False,
            ),
            max_width="440px",
            width="100%",
            margin_x="auto",
        ),
        title="Masuk ke SILEK",
    )


def register_page() -> rx.Component:
    errors = RegisterState.errors
    return page_frame(
        rx.card(
            rx.form(
                rx.vstack(
                    rx.text(
                        "Pendaftaran akun pemohon. Data ini dipakai untuk izin Anda, "
                        "jadi isilah sesuai KTP-el.",
                        size="2",
                        color_scheme="gray",
                    ),
                    form_field(
                        "NIK (16 digit, sesuai KTP-el)",
                        "nik",
                        error=errors.get("nik", ""),
                        input_mode="numeric",
                        placeholder="1372xxxxxxxxxxxx",
                    ),
                    form_field(
                        "Nama lengkap (sesuai KTP-el)",
                        "full_name",
                        error=errors.get("full_name", ""),
                        autocomplete="name",
                    ),
                    form_field(
                        "Email",
                        "email",
                        input_type="email",
                        error=errors.get("email", ""),
                        autocomplete="email",
                    ),
                    form_field(
                        "Nomor telepon/WhatsApp",
                        "phone",
                        input_type="tel",
                        error=errors.get("phone", ""),
                        autocomplete="tel",
                        placeholder="08xxxxxxxxxx",
                    ),
                    form_field(
                        "Kata sandi",
                        "password",
                        input_type="password",
                        error=errors.get("password", ""),
                        autocomplete="new-password",
                        hint=f"Minimal {MIN_LENGTH} karakter. Gunakan beberapa kata yang "
                        "mudah Anda ingat, bukan nama atau kata umum.",
                    ),
                    form_field(
                        "Ulangi kata sandi",
                        "password_confirm",
                        input_type="password",
                        error=errors.get("password_confirm", ""),
                        autocomplete="new-password",
                    ),
                    rx.cond(
                        RegisterState.error != "",
                        rx.callout(
                            RegisterState.error,
                            icon="triangle_alert",
                            color_scheme="red",
                            id="register-error",
                            width="100%",
                            role="alert",
                        ),
                    ),
                    rx.button(
                        "Daftar",
                        type="submit",
                        # Until hydrated, a submit would be a native GET with the
                        # password in the URL; the button waits for the app.
                        disabled=~rx.State.is_hydrated,
                        size="3",
                        width="100%",
                        loading=RegisterState.busy,
                        id="register-submit",
                    ),
                    rx.text("Sudah punya akun? ", rx.link("Masuk", href="/masuk"), size="2"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=RegisterState.submit,
                reset_on_submit=False,
            ),
            max_width="520px",
            width="100%",
            margin_x="auto",
        ),
        title="Daftar Akun",
    )


__all__ = ["field_error", "login_page", "register_page"]
