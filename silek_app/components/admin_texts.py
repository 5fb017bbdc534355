"""/admin "Teks Layanan" tab: published texts, Standar Pelayanan, deemed-approval policy,
and the change log of the chosen service."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import (
    LABEL_STYLE,
    SELECT_STYLE,
    error_callout,
    field_error,
    submit_button,
)
from silek_app.state.admin import AdminState

S = AdminState

# (field, label, rows; 0 = one-line input, max length shown to the browser)
_TEXT_FIELDS = (
    ("name", "Nama layanan", 0, 200),
    ("product", "Produk layanan", 3, 300),
    ("fee_note", "Keterangan biaya", 3, 500),
    ("sk_number", "Nomor SK Standar Pelayanan", 0, 200),
    ("maklumat", "Maklumat pelayanan", 5, 3000),
    ("complaint_channels", "Saluran pengaduan (satu saluran per baris)", 5, 2600),
)


def _labelled(label, field_id, control: rx.Component, error=None) -> rx.Component:
    return rx.vstack(
        rx.el.label(label, html_for=field_id, style=LABEL_STYLE),
        control,
        field_error(error) if error is not None else rx.fragment(),
        spacing="1", width="100%", align="stretch",
    )  # fmt: skip


def _text_field(name: str, label: str, rows: int, max_len: int) -> rx.Component:
    field_id = f"text-{name}"
    value = S.texts.get(name, "")
    control = (
        rx.text_area(name=name, id=field_id, default_value=value, rows=str(rows),
                     width="100%", size="3", max_length=max_len)
        if rows
        else rx.input(name=name, id=field_id, default_value=value, width="100%", size="3",
                      max_length=max_len)
    )  # fmt: skip
    return _labelled(label, field_id, control, S.text_errors.get(name, ""))


def _standard_field(item) -> rx.Component:
    field_id = "text-" + item["key"].replace(".", "-")
    return _labelled(
        item["label"], field_id,
        rx.text_area(name=item["key"], id=field_id, default_value=item["text"], rows="4",
                     width="100%", size="3", max_length=6000, aria_label=item["label"]),
        S.text_errors.get(item["key"], ""),
    )  # fmt: skip


def _reason(name: str, field_id: str, error) -> rx.Component:
    return _labelled(
        "Alasan perubahan (wajib, minimal 10 karakter)", field_id,
        rx.input(name=name, id=field_id, width="100%", size="3", max_length=1000),
        error,
    )  # fmt: skip


def _texts_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Teks yang dipublikasikan", size="4", as_="h2"),
                *(_text_field(*spec) for spec in _TEXT_FIELDS),
                rx.heading("Komponen Standar Pelayanan", size="3", as_="h3",
                           margin_top="0.5rem"),
                rx.foreach(S.standard, _standard_field),
                _reason("reason", "text-reason", S.text_errors.get("reason", "")),
                submit_button("Simpan teks", "admin-texts-submit", width="100%"),
                spacing="3", width="100%", align="stretch",
            ),
            on_submit=S.save_texts, reset_on_submit=False,
        ),
        width="100%", key=S.service_code + "-texts-" + S.form_version.to_string(),
    )  # fmt: skip


def _policy_form() -> rx.Component:
    errors = S.policy_errors
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Kebijakan persetujuan otomatis", size="4", as_="h2"),
                rx.text("Bila aktif, berkas yang tidak diputus dalam batas hari kerja dianggap "
                        "disetujui (fiktif positif). Peringatan dikirim lebih dulu ke petugas.",
                        size="1", color_scheme="gray"),
                rx.checkbox("Aktifkan persetujuan otomatis", name="deemed_approval_enabled",
                            id="policy-enabled", default_checked=S.policy_enabled),
                _labelled("Batas hari kerja (1\u201360)", "policy-days",
                          rx.input(name="deemed_approval_days", id="policy-days", type="number",
                                   min=1, max=60, default_value=S.policy_days, size="3",
                                   width="100%"),
                          errors.get("deemed_approval_days", "")),
                _labelled("Peringatan berapa hari kerja sebelumnya", "policy-warning",
                          rx.input(name="deemed_warning_days", id="policy-warning",
                                   type="number", min=0, max=59, default_value=S.policy_warning,
                                   size="3", width="100%"),
                          errors.get("deemed_warning_days", "")),
                _reason("policy_reason", "policy-reason", errors.get("reason", "")),
                submit_button("Simpan kebijakan", "admin-policy-submit", width="100%"),
                spacing="3", width="100%", align="stretch",
            ),
            on_submit=S.save_policy, reset_on_submit=False,
        ),
        width="100%", key=S.service_code + "-policy-" + S.form_version.to_string(),
    )  # fmt: skip


def _log_entry(entry) -> rx.Component:
    return rx.box(
        rx.text(entry["at"] + " \u00b7 " + entry["by"], size="1", color_scheme="gray"),
        rx.text(entry["field"], weight="bold", size="2"),
        rx.text("Alasan: " + entry["reason"], size="2"),
        rx.text("Sebelumnya: " + entry["old"], size="1", color_scheme="gray",
                white_space="pre-wrap", overflow_wrap="anywhere"),
        rx.text("Menjadi: " + entry["new"], size="1", white_space="pre-wrap",
                overflow_wrap="anywhere"),
        border_left=f"3px solid {rx.color('accent', 7)}", padding_left="0.75rem",
        width="100%", class_name="admin-log-entry",
    )  # fmt: skip


def _change_log() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Riwayat perubahan", size="4", as_="h2"),
            rx.cond(S.change_log.length() == 0,
                    rx.text("Belum ada perubahan.", size="2", color_scheme="gray")),
            rx.foreach(S.change_log, _log_entry),
            spacing="3", width="100%", align="stretch",
        ),
        width="100%", id="admin-change-log",
    )  # fmt: skip


def texts_tab() -> rx.Component:
    return rx.vstack(
        _labelled(
            "Layanan", "admin-service",
            rx.el.select(
                rx.foreach(S.services, lambda o: rx.el.option(o["label"], value=o["code"])),
                id="admin-service", value=S.service_code, on_change=S.select_service,
                style=SELECT_STYLE,
            ),
        ),
        rx.link("Lihat halaman publik", href="/layanan/" + S.service_code, is_external=True,
                size="2", id="admin-public-link"),
        error_callout(S.text_error, "admin-text-error"),
        rx.cond(S.text_notice != "",
                rx.callout(S.text_notice, icon="check", color_scheme="green",
                           id="admin-text-notice", width="100%")),
        _texts_form(),
        _policy_form(),
        _change_log(),
        spacing="3", width="100%", align="stretch",
    )  # fmt: skip
