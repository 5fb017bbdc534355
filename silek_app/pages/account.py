"""/akun — the signed-in user's account, contact form and documents."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import LABEL_STYLE, SELECT_STYLE, error_callout, submit_button
from silek_app.components.layout import page_frame
from silek_app.domain.application_form import OUTSIDE_SOLOK
from silek_app.domain.wilayah import kelurahan_list
from silek_app.state.account import AccountState

S = AccountState

KELURAHAN_OPTIONS: tuple[tuple[str, str], ...] = (
    *((k.code, f"{k.name}, Kec. {k.kecamatan_name}") for k in kelurahan_list()),
    (OUTSIDE_SOLOK, "Di luar Kota Solok"),
)


def _row(label: str, key: str) -> rx.Component:
    return rx.cond(
        S.account.get(key, "") != "",
        rx.data_list.item(
            rx.data_list.label(label),
            rx.data_list.value(
                S.account[key], id=f"account-{key}", overflow_wrap="anywhere", min_width="0"
            ),
        ),
    )


def account_card() -> rx.Component:
    return rx.card(
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
    )


# ------------------------------------------------------------------ contact form


def _error(name: str) -> rx.Component:
    message = S.errors.get(name, "")
    return rx.cond(
        message != "",
        rx.text(message, size="1", color_scheme="red", role="alert", id=f"contact-{name}-error"),
    )


def _labelled(label: str, name: str, control: rx.Component, hint: str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=f"contact-{name}", style=LABEL_STYLE),
        control,
        rx.text(hint, size="1", color_scheme="gray") if hint else rx.fragment(),
        _error(name),
        spacing="1",
        width="100%",
        align="stretch",
    )


def _input(label: str, name: str, hint: str = "", **props) -> rx.Component:
    return _labelled(
        label,
        name,
        rx.input(
            name=name,
            id=f"contact-{name}",
            default_value=S.contact.get(name, ""),
            size="3",
            width="100%",
            aria_invalid=rx.cond(S.errors.get(name, "") != "", "true", "false"),
            **props,
        ),
        hint,
    )


def _kelurahan_select() -> rx.Component:
    return _labelled(
        "Kelurahan",
        "kelurahan_code",
        rx.el.select(
            rx.el.option("— pilih —", value=""),
            *(rx.el.option(label, value=code) for code, label in KELURAHAN_OPTIONS),
            name="kelurahan_code",
            id="contact-kelurahan_code",
            default_value=S.contact.get("kelurahan_code", ""),
            style=SELECT_STYLE,
        ),
        "Pilih \u201cDi luar Kota Solok\u201d bila alamat KTP-el Anda di luar Kota Solok.",
    )


def _nik_readonly() -> rx.Component:
    return rx.vstack(
        rx.el.label("NIK", html_for="contact-nik", style=LABEL_STYLE),
        rx.input(
            value=S.account.get("nik_masked", ""),
            id="contact-nik",
            read_only=True,
            size="3",
            width="100%",
            variant="soft",
            color_scheme="gray",
            aria_describedby="contact-nik-note",
        ),
        rx.text(
            "NIK tidak dapat diubah. Hubungi DPMPTSP Kota Solok bila ada kesalahan pada NIK, "
            "nama, atau peran Anda.",
            size="1",
            color_scheme="gray",
            id="contact-nik-note",
        ),
        spacing="1",
        width="100%",
        align="stretch",
    )


def _applicant_fields() -> rx.Component:
    return rx.vstack(
        _labelled(
            "Alamat lengkap sesuai KTP-el",
            "address",
            rx.text_area(
                name="address",
                id="contact-address",
                default_value=S.contact.get("address", ""),
                rows="3",
                width="100%",
                max_length=300,
                size="3",
            ),
            "Tanpa singkatan, maksimal 300 karakter.",
        ),
        _kelurahan_select(),
        _input("Tempat lahir", "birth_place", max_length=80),
        rx.heading("Data STR (tenaga kesehatan)", size="3", as_="h3", margin_top="0.5rem"),
        rx.text("Kosongkan bila Anda bukan tenaga kesehatan.", size="1", color_scheme="gray"),
        _input(
            "Nomor STR",
            "str_number",
            "Tulis persis seperti pada STR atau e-STR Anda.",
            max_length=30,
        ),
        rx.checkbox(
            "STR berlaku seumur hidup",
            name="str_lifetime",
            id="contact-str_lifetime",
            default_checked=S.contact.get("str_lifetime", "") != "",
        ),
        _error("str_lifetime"),
        _input(
            "Masa berlaku STR sampai",
            "str_valid_until",
            "Kosongkan bila STR berlaku seumur hidup.",
            type="date",
        ),
        rx.heading("Data usaha", size="3", as_="h3", margin_top="0.5rem"),
        _input(
            "Nomor Induk Berusaha (NIB)",
            "nib",
            "13 digit dari OSS. Boleh dikosongkan.",
            input_mode="numeric",
            max_length=13,
        ),
        spacing="3",
        width="100%",
    )


def contact_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Ubah data kontak", size="4", as_="h2"),
            rx.cond(
                S.notice != "",
                rx.callout(
                    S.notice,
                    icon="check",
                    color_scheme="green",
                    width="100%",
                    id="account-notice",
                    role="status",
                ),
            ),
            error_callout(S.error, "account-error"),
            # Outside the form: shown, never submitted.
            rx.cond(S.can_edit_profile, _nik_readonly()),
            rx.form(
                rx.vstack(
                    _input(
                        "Nomor telepon/WhatsApp",
                        "phone",
                        "Contoh: 081234567890",
                        type="tel",
                        auto_complete="tel",
                        input_mode="tel",
                    ),
                    _input("Email", "email", type="email", auto_complete="email"),
                    rx.cond(
                        S.can_edit_profile,
                        _applicant_fields(),
                        rx.text(
                            "Akun petugas hanya dapat mengubah nomor telepon dan email. "
                            "Perubahan data lain dilakukan oleh Administrator.",
                            size="1",
                            color_scheme="gray",
                        ),
                    ),
                    submit_button(
                        "Simpan perubahan", "contact-submit", busy=S.saving, width="100%"
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save_contact,
                reset_on_submit=False,
                # The server explains problems in Indonesian; the browser's own
                # (English) bubbles for type="email" would only get in the way.
                no_validate=True,
                key=S.form_version,
                width="100%",
                id="contact-form",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


# ------------------------------------------------------------------ documents


def _document_row(doc: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.icon("file-text", size=18, flex_shrink="0", margin_top="2px"),
        rx.vstack(
            rx.link(
                doc["name"],
                href=doc["url"],
                is_external=True,
                size="2",
                overflow_wrap="anywhere",
                class_name="document-link",
            ),
            rx.text(
                doc["kind"],
                " · ",
                doc["size"],
                " · diunggah ",
                doc["uploaded"],
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
            min_width="0",
            flex="1",
        ),
        width="100%",
        align="start",
        padding_y="0.4rem",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="document-row",
    )


def documents_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Dokumen saya", size="4", as_="h2"),
            rx.cond(
                S.documents.length() > 0,
                rx.vstack(
                    rx.text(
                        "Berkas yang pernah Anda unggah. Berkas dibuka di tab baru dan dapat "
                        "dipakai ulang saat mengajukan permohonan berikutnya.",
                        size="1",
                        color_scheme="gray",
                    ),
                    rx.foreach(S.documents, _document_row),
                    spacing="1",
                    width="100%",
                    id="account-documents",
                ),
                rx.text(
                    "Belum ada dokumen. Berkas yang Anda unggah saat mengajukan permohonan "
                    "akan tampil di sini.",
                    size="2",
                    color_scheme="gray",
                    id="account-documents-empty",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def account_page() -> rx.Component:
    return page_frame(
        rx.cond(
            S.account.get("email", "") != "",
            rx.vstack(
                account_card(),
                contact_form(),
                rx.cond(S.can_edit_profile, documents_card()),
                rx.hstack(
                    rx.link(rx.button("Lihat katalog layanan", variant="soft"), href="/layanan"),
                    rx.button(
                        "Keluar",
                        on_click=S.logout,
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
